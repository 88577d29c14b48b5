"""Every write about the needs and assessments of a case. Each appends its CaseEvent."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.models import Need, Urgency
from pendamping.cases.services import event_append, need_add, require_open
from pendamping.concurrency import ConflictError

from . import events
from .models import EcomapSnapshot

# ---- the bio-psycho-social-spiritual assessment, in versions ----------------------
#
# Every save is a new version; earlier versions are never changed. Needs identified
# in an assessment become the case's needs through need_add (so the broker's gap
# register sees them) and remember the version they came from.


def _link_need(need: Need, assessment) -> None:
    Need.objects.filter(pk=need.pk).update(assessment_id=assessment.pk)
    need.assessment_id = assessment.pk


def _latest_number(case) -> int:
    from .models import Assessment

    return Assessment.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0


@transaction.atomic
def assessment_save(
    *, actor, case, data: dict, needs: Iterable[dict] = (), based_on: int | None = None
):
    """Save a new version of the case's assessment, and the needs it identified.

    `data` holds the sections (SECTION_FIELDS) and `assessed_on`; `needs` holds
    dicts with `term` (a TaxonomyTerm), `description` and `urgency`. `based_on` is
    the version the worker started from: when someone saved a newer one in the
    meantime the save is refused (ConflictError) rather than hiding their version.
    """
    from pendamping.cases.models import Case

    from .models import REQUIRED_SECTIONS, SECTION_FIELDS, Assessment

    access.require_write(actor)
    require_open(case)
    # One version number at a time per case (the unique constraint backs this up).
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
    latest = _latest_number(case)
    if based_on is not None and based_on != latest:
        raise ConflictError()
    fields = {name: (data.get(name) or "").strip() for name in SECTION_FIELDS}
    errors = {}
    for name in REQUIRED_SECTIONS:
        if not fields[name]:
            errors[name] = _("Bagian ini wajib diisi.")
    assessed_on = data.get("assessed_on") or timezone.localdate()
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = _("Tanggal asesmen tidak boleh di masa depan.")
    needs = list(needs)
    for n, need in enumerate(needs, start=1):
        if need.get("term") is None:
            errors.setdefault("needs", []).append(
                _("Kebutuhan %(n)s: pilih jenis kebutuhan.") % {"n": n}
            )
        elif not (need.get("description") or "").strip():
            errors.setdefault("needs", []).append(
                _("Kebutuhan %(n)s: jelaskan kebutuhan klien.") % {"n": n}
            )
    if errors:
        raise ValidationError(errors)
    previous = Assessment.objects.filter(case=case, number=latest).first() if latest else None
    assessment = Assessment(
        case=case, number=latest + 1, assessed_on=assessed_on, created_by=actor, **fields
    )
    assessment.save()
    changed = [f for f in SECTION_FIELDS if previous and getattr(previous, f) != fields[f]]
    event_append(
        case,
        events.ASSESSMENT_SAVED,
        actor,
        assessment=assessment.pk,
        number=assessment.number,
        changed=changed,
        new_needs=len(needs),
    )
    for need in needs:
        created = need_add(
            actor=actor,
            case=case,
            term=need["term"],
            description=need["description"],
            urgency=need.get("urgency") or Urgency.MEDIUM,
        )
        _link_need(created, assessment)
    return assessment


# ---- scored instruments ----------------------------------------------------------------


def clean_answers(instrument, answers: dict) -> dict[str, int]:
    """Every item answered, with one of its options; raises per item otherwise."""
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Jawaban harus berupa pasangan butir dan nilai.")})
    errors, clean = {}, {}
    unknown = sorted(set(answers) - {i.code for i in instrument.items})
    if unknown:
        errors["answers"] = _("Butir tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}
    for item in instrument.items:
        value = answers.get(item.code)
        if value is None or value == "":
            errors[item.code] = _("Jawab butir ini.")
        elif isinstance(value, bool) or not isinstance(value, int) or value not in item.values:
            errors[item.code] = _("Jawaban %(value)s bukan pilihan untuk butir ini.") % {
                "value": value
            }
        else:
            clean[item.code] = value
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def instrument_administer(*, actor, case, instrument, answers: dict, administered_on=None):
    """Score one administration, keep it, and put the score on the case timeline."""
    from .models import InstrumentAdministration

    access.require_write(actor)
    require_open(case)
    clean = clean_answers(instrument, answers)
    administered_on = administered_on or timezone.localdate()
    if administered_on > timezone.localdate():
        raise ValidationError(
            {"administered_on": _("Tanggal pengisian tidak boleh di masa depan.")}
        )
    score = instrument.score(clean)
    band = instrument.band_for(score)
    flags = instrument.flags_for(clean)
    administration = InstrumentAdministration.objects.create(
        case=case,
        client_id=case.client_id,
        instrument_code=instrument.code,
        instrument_version=instrument.version,
        answers=clean,
        score=score,
        band=band.code,
        band_label_id=band.label.id,
        band_label_en=band.label.en,
        flags=[{"code": f.code, "id": f.label.id, "en": f.label.en} for f in flags],
        administered_on=administered_on,
        administered_by=actor,
    )
    event_append(
        case,
        events.INSTRUMENT_SCORED,
        actor,
        administration=administration.pk,
        instrument=instrument.code,
        version=instrument.version,
        score=score,
        band=band.code,
        flags=[f.code for f in flags],
    )
    if flags:
        from .safety import flags_raise

        flags_raise(actor=actor, administration=administration, instrument=instrument, flags=flags)
    return administration


@transaction.atomic
def checklist_needs_add(
    *, actor, administration, items: list[str] | None = None, urgency: str = Urgency.MEDIUM
) -> tuple[list[Need], list[str]]:
    """Turn a checklist's "yes" answers into needs of the case, through need_add.

    `items` chooses among the yes-answered items (all of them when None). A term
    the case already has an open need for is skipped, so a second click adds
    nothing twice. Returns the needs created and the item codes skipped.
    """
    from pendamping.taxonomy.models import TaxonomyTerm

    from . import instruments

    access.require_write(actor)
    case = administration.case
    require_open(case)
    instrument = instruments.get(administration.instrument_code)
    if instrument is None or not instrument.is_checklist:
        raise ValidationError(_("Instrumen ini tidak menghasilkan kebutuhan."))
    candidates = instrument.needs_for(administration.answers)
    if items is not None:
        unknown = sorted(set(items) - {i.code for i in candidates})
        if unknown:
            raise ValidationError(
                {
                    "items": _("Butir ini tidak dijawab “ya”: %(codes)s.")
                    % {"codes": ", ".join(unknown)}
                }
            )
        candidates = [i for i in candidates if i.code in set(items)]
    if not candidates:
        raise ValidationError({"items": _("Tidak ada jawaban “ya” untuk dijadikan kebutuhan.")})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Tingkat kemendesakan tidak dikenal.")})
    codes = {i.term for i in candidates}
    terms = {t.code: t for t in TaxonomyTerm.objects.filter(code__in=codes)}
    missing = sorted(codes - set(terms))
    if missing:
        raise ValidationError(
            _("Jenis kebutuhan belum ada di taksonomi: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    existing = set(
        Need.objects.alive()
        .filter(case=case, status=Need.Status.OPEN, term__code__in=codes)
        .values_list("term__code", flat=True)
    )
    created, skipped = [], []
    with translation.override("id"):  # the description is data, in the record language
        source = _("dari %(instrument)s, %(date)s") % {
            "instrument": instrument.short_title.id,
            "date": administration.administered_on.strftime("%d-%m-%Y"),
        }
    for item in candidates:
        if item.term in existing:
            skipped.append(item.code)
            continue
        existing.add(item.term)
        created.append(
            need_add(
                actor=actor,
                case=case,
                term=terms[item.term],
                description=f"{item.text.id} ({source})",
                urgency=urgency,
            )
        )
    return created, skipped


# ---- ecomap ------------------------------------------------------------------------------


def _clean_systems(systems: list[dict]) -> list[dict]:
    from .ecomap import CATEGORIES, FLOWS, STRENGTHS

    cleaned, errors = [], []
    for i, s in enumerate(systems, start=1):
        name = (s.get("name") or "").strip()
        if len(name) > 120 or len(s.get("note") or "") > 300:
            errors.append(
                _("Sistem ke-%(n)s: nama paling banyak 120 huruf, catatan 300.") % {"n": i}
            )
            continue
        if not name:
            errors.append(_("Sistem ke-%(n)s: isi namanya.") % {"n": i})
            continue
        values = {
            "name": name[:120],
            "category": s.get("category") or "other",
            "strength": s.get("strength") or "moderate",
            "stressful": bool(s.get("stressful")),
            "flow": s.get("flow") or "none",
            "note": (s.get("note") or "").strip()[:300],
        }
        for key, allowed in (("category", CATEGORIES), ("strength", STRENGTHS), ("flow", FLOWS)):
            if values[key] not in allowed:
                errors.append(
                    _("Sistem %(name)s: %(field)s tidak dikenal.") % {"name": name, "field": key}
                )
        cleaned.append(values)
    names = [s["name"].casefold() for s in cleaned]
    if len(set(names)) != len(names):
        errors.append(_("Setiap sistem hanya boleh muncul sekali."))
    if len(cleaned) > 40:
        errors.append(_("Paling banyak 40 sistem dalam satu ekomap."))
    if errors:
        raise ValidationError({"systems": errors})
    return cleaned


@transaction.atomic
def ecomap_save(
    *,
    actor,
    case,
    systems: list[dict],
    centre: str = "",
    note: str = "",
    taken_on=None,
    based_on: int | None = None,
) -> EcomapSnapshot:
    """Save the case's ecomap as a new dated snapshot; earlier ones stay as they were.

    `based_on` is the snapshot number the editor started from (0 for none): when
    someone saved a newer one meanwhile, the save is refused as a conflict.
    """
    from pendamping.cases.models import Case

    access.require_write(actor)
    require_open(case)
    cleaned = _clean_systems(systems)
    taken_on = taken_on or timezone.localdate()
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": _("Tanggal ekomap tidak boleh di masa depan.")})
    Case.objects.select_for_update().filter(pk=case.pk).first()  # one numbering at a time
    last = EcomapSnapshot.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0
    if based_on is not None and based_on != last:
        raise ConflictError()
    snapshot = EcomapSnapshot.objects.create(
        case=case,
        number=last + 1,
        taken_on=taken_on,
        centre=(centre or "").strip()[:200] or case.client.full_name,
        systems=cleaned,
        note=(note or "").strip(),
        created_by=actor,
    )
    event_append(case, events.ECOMAP_SAVED, actor, ecomap=snapshot.number, systems=len(cleaned))
    return snapshot
