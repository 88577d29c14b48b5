"""Every write of the mediator. Each takes the acting user (who may see the mediation
inside: the views and the API fetch it through ``access.mediation_or_404``), runs in
one transaction, and appends neutral facts to the linked cases' timelines (codes and
ids: never what a party said, never a caucus).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.accounts.models import Membership, Role
from pendamping.cases.services import event_append
from pendamping.concurrency import save_versioned
from pendamping.processing import checked

from . import events, gate, levels
from .models import (
    STAGE_ORDER,
    Compliance,
    ComplianceCheck,
    ConsentMethod,
    GroundRule,
    Issue,
    Kind,
    Mediation,
    Obstacle,
    ObstacleStatus,
    Option,
    Outcome,
    Party,
    Perception,
    Presence,
    RuleAgreement,
    Session,
    SessionAttendance,
    SessionKind,
    Stage,
    Term,
)

SCREENING = ("sexual_violence", "perpetrator_is_child", "violence_or_coercion",
             "power_imbalance", "child_party")  # fmt: skip
DIVERSION = ("offence", "max_sentence_months", "repeat_offence", "social_report_requested_on",
             "social_report_sent_on")  # fmt: skip
MEDIATOR_ROLES = (Role.WORKER, Role.SUPERVISOR, Role.ADMIN)


class GateRefused(ValidationError):
    """The gate barred the mediation: nothing was saved. ``decision`` says why and
    which alternatives to offer."""

    def __init__(self, decision: gate.Decision):
        super().__init__([str(r) for r in decision.reasons], code="barred")
        self.decision = decision


def screen(data: dict) -> gate.Decision:
    return gate.decide(
        gate.Screening(
            **{k: bool(data.get(k)) for k in SCREENING},
            diversion=data.get("kind") == Kind.DIVERSION,
            max_sentence_months=data.get("max_sentence_months"),
            repeat_offence=bool(data.get("repeat_offence")),
        )
    )


def _events(mediation: Mediation, event_kind, actor, **data) -> None:
    for case in mediation.cases.all():
        event_append(case, event_kind, actor, mediation=mediation.pk, **data)


def _staff(actor, users, field: str) -> list:
    users = list(users or [])
    ok = set(
        Membership.objects.filter(
            agency=access.agency_of(actor), role__in=MEDIATOR_ROLES, user__in=users
        ).values_list("user_id", flat=True)
    )
    if any(u.pk not in ok for u in users):
        raise ValidationError({field: _("Mediator harus pekerja sosial lembaga ini.")})
    return users


def require_active(mediation: Mediation) -> None:
    if not mediation.is_open:
        raise ValidationError(_("Mediasi sudah ditutup."))
    if mediation.conflict_of_interest:
        raise ValidationError(
            _(
                "Mediator menyatakan konflik kepentingan: mediasi tidak dapat dilanjutkan "
                "sampai dialihkan ke mediator lain."
            )
        )


def _clean_details(data: dict) -> dict:
    clean = {"kind": data.get("kind"), "issue": " ".join((data.get("issue") or "").split())}
    errors = {}
    if clean["kind"] not in Kind.values:
        errors["kind"] = _("Pilih jenis mediasi.")
    if not clean["issue"]:
        errors["issue"] = _("Tuliskan pokok masalah dalam satu kalimat.")
    for key in DIVERSION:
        if key in data:
            clean[key] = data[key]
    if clean.get("offence") is not None:
        clean["offence"] = " ".join((clean["offence"] or "").split())
    clean["repeat_offence"] = bool(clean.get("repeat_offence"))
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def mediation_open(*, actor, data: dict, cases=(), co_mediators=(), mediator=None) -> Mediation:
    """Screen and open a mediation. Barred by the gate: ``GateRefused``, nothing saved.
    ``cases`` are the linked cases (the caller fetched them through the case scope).
    A diversion's ``level`` and ``level_started_on`` in ``data`` start its first level."""
    access.require_write(actor)
    clean = _clean_details(data)
    decision = screen(data | clean)
    if decision.barred:
        raise GateRefused(decision)
    mediator = _staff(actor, [mediator or actor], "mediator")[0]
    co = [u for u in _staff(actor, co_mediators, "co_mediators") if u.pk != mediator.pk]
    agency = access.agency_of(actor)
    if any(c.agency_id != agency.pk for c in cases):
        raise ValidationError({"cases": _("Kasus terkait harus dari lembaga ini.")})
    mediation = Mediation(
        agency=agency, mediator=mediator, created_by=actor, shuttle_only=decision.shuttle_only,
        **{k: bool(data.get(k)) for k in SCREENING}, **clean,
    )  # fmt: skip
    mediation.full_clean(exclude=["agency", "mediator", "created_by"])
    mediation.save()
    mediation.co_mediators.set(co)
    mediation.cases.set(list(cases))
    if mediation.is_diversion and (data.get("level") or data.get("level_started_on")):
        levels.start(mediation, data.get("level") or "", data.get("level_started_on"))
    _events(mediation, events.OPENED, actor, mediation_kind=mediation.kind)
    return mediation


@transaction.atomic
def mediation_update(*, actor, mediation: Mediation, data: dict, expected_version=None):
    """Change the one-line issue and the diversion facts the clocks start from."""
    access.require_write(actor)
    if not mediation.is_open:
        raise ValidationError(_("Mediasi sudah ditutup."))
    current = {k: getattr(mediation, k) for k in ("kind", "issue", *DIVERSION)}
    clean = _clean_details(current | {k: v for k, v in data.items() if k in current})
    clean.pop("kind")  # the kind was screened at the opening; it does not change
    decision = screen({k: getattr(mediation, k) for k in SCREENING} | {"kind": mediation.kind}
                      | clean)  # fmt: skip
    if decision.barred:
        raise GateRefused(decision)
    for key, value in clean.items():
        setattr(mediation, key, value)
    mediation.full_clean(exclude=["agency", "mediator", "created_by"])
    save_versioned(mediation, expected_version, **clean)
    return mediation


@transaction.atomic
def neutrality_declare(*, actor, mediation: Mediation, conflict: bool, note: str = "",
                       expected_version=None) -> Mediation:  # fmt: skip
    """The mediator declares neutrality and discloses any conflict of interest; a
    declared conflict stops the mediation until it is reassigned."""
    access.require_write(actor)
    if actor.pk != mediation.mediator_id:
        raise PermissionDenied(_("Hanya mediatornya sendiri yang menyatakan kenetralan."))
    if not mediation.is_open:
        raise ValidationError(_("Mediasi sudah ditutup."))
    note = " ".join((note or "").split())
    if conflict and not note:
        raise ValidationError({"conflict_note": _("Uraikan konflik kepentingannya.")})
    save_versioned(mediation, expected_version, neutrality_declared_at=timezone.now(),
                   conflict_of_interest=bool(conflict), conflict_note=note[:300])  # fmt: skip
    return mediation


@transaction.atomic
def mediation_reassign(*, actor, mediation: Mediation, mediator, expected_version=None):
    """A supervisor or agency admin hands the mediation to another mediator, who
    declares neutrality afresh."""
    if not access.can_assign(actor):
        raise PermissionDenied(_("Hanya supervisor atau admin lembaga yang dapat mengalihkan."))
    mediator = _staff(actor, [mediator], "mediator")[0]
    if mediator.pk == mediation.mediator_id:
        raise ValidationError({"mediator": _("Pilih mediator lain.")})
    # Reassigning is how a mediation changes hands, never how someone outside it gets
    # in: an admin (who sees only that it exists and its stage) cannot hand it to
    # themselves, nor to another admin, and nobody hands it to themselves.
    if mediator.pk == actor.pk or access.role_of(mediator) == Role.ADMIN:
        raise ValidationError(
            {
                "mediator": _(
                    "Alihkan kepada pekerja sosial atau supervisor lain, bukan kepada diri sendiri atau admin."
                )
            }
        )
    save_versioned(mediation, expected_version, mediator=mediator, conflict_of_interest=False,
                   conflict_note="", neutrality_declared_at=None)  # fmt: skip
    mediation.co_mediators.remove(mediator)
    return mediation


def _can_move(mediation: Mediation, stage: str) -> None:
    target = STAGE_ORDER.index(stage)
    if target > STAGE_ORDER.index(Stage.PREPARATION):
        parties = list(mediation.parties.alive())
        if len(parties) < 2:
            raise ValidationError(_("Mediasi perlu paling sedikit dua pihak."))
        if not all(p.has_consented for p in parties):
            raise ValidationError(_("Setiap pihak harus menyetujui ikut mediasi lebih dulu."))
    if target > STAGE_ORDER.index(Stage.OPENING) and mediation.neutrality_declared_at is None:
        raise ValidationError(_("Mediator menyatakan kenetralan di tahap pembukaan lebih dulu."))
    if target == STAGE_ORDER.index(Stage.FOLLOW_UP) and mediation.signed_on is None:
        raise ValidationError(_("Tindak lanjut dimulai setelah kesepakatan ditandatangani."))


@transaction.atomic
def stage_set(*, actor, mediation: Mediation, stage: str, expected_version=None) -> Mediation:
    access.require_write(actor)
    require_active(mediation)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Pilih tahap mediasi.")})
    _can_move(mediation, stage)
    save_versioned(mediation, expected_version, stage=stage)
    return mediation


@transaction.atomic
def mediation_close(*, actor, mediation: Mediation, outcome: str, reason: str,
                    expected_version=None) -> Mediation:  # fmt: skip
    access.require_write(actor)
    if not mediation.is_open:
        raise ValidationError(_("Mediasi sudah ditutup."))
    reason = " ".join((reason or "").split())
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Pilih hasil mediasi.")
    if not reason:
        errors["reason"] = _("Tuliskan alasan penutupan.")
    if errors:
        raise ValidationError(errors)
    save_versioned(mediation, expected_version, outcome=outcome, closure_reason=reason[:300],
                   closed_at=timezone.now())  # fmt: skip
    _events(mediation, events.CLOSED, actor, outcome=outcome)
    return mediation


# ---- parties ---------------------------------------------------------------------

PARTY_FIELDS = ("name", "relationship", "contact", "is_child", "representative_name",
                "representative_role")  # fmt: skip


@transaction.atomic
def party_add(*, actor, mediation: Mediation, data: dict, client=None) -> Party:
    """A client of the agency (``client``, fetched through the client scope) or
    another person named in ``data``."""
    access.require_write(actor)
    require_active(mediation)
    clean = {k: data.get(k) for k in PARTY_FIELDS if k in data}
    for key in ("name", "relationship", "contact", "representative_name"):
        clean[key] = " ".join((clean.get(key) or "").split())
    if client is not None:
        if client.agency_id != mediation.agency_id:
            raise ValidationError({"client": _("Klien harus dari lembaga ini.")})
        if mediation.parties.alive().filter(client=client).exists():
            raise ValidationError({"client": _("Klien ini sudah menjadi pihak.")})
        clean["name"] = clean["name"] or client.full_name
    if not clean["name"]:
        raise ValidationError({"name": _("Tuliskan nama pihak.")})
    if clean.get("is_child") and not clean["representative_name"]:
        raise ValidationError(
            {"representative_name": _("Pihak yang masih anak didampingi orang tua/wali.")}
        )
    party = Party(mediation=mediation, client=client, **clean)
    party.full_clean(exclude=["mediation", "client"])
    party.save()
    return party


@transaction.atomic
def party_consent(*, actor, party: Party, method: str, given_by: str = "",
                  recording_reference: str = "", expected_version=None) -> Party:  # fmt: skip
    """The party's consent to take part (written or recorded; for a child, the parent
    or guardian gives it). A recorded one names where the recording is kept, its proof."""
    access.require_write(actor)
    if method not in ConsentMethod.values:
        raise ValidationError({"method": _("Pilih bentuk persetujuan.")})
    reference = " ".join((recording_reference or "").split())
    if method == ConsentMethod.RECORDED and not reference:
        raise ValidationError({"recording_reference": _(
            "Persetujuan terekam: sebutkan tempat rekaman disimpan, misalnya "
            "folder, arsip atau nomor berkasnya.")})  # fmt: skip
    given_by = " ".join((given_by or "").split()) or (
        party.representative_name if party.is_child else party.name
    )
    save_versioned(party, expected_version, consent_method=method, consent_given_by=given_by,
                   consent_recording_reference=reference if method == ConsentMethod.RECORDED
                   else "", consent_at=timezone.now(), consent_recorded_by=actor,
                   consent_withdrawn_at=None)  # fmt: skip
    return party


# ---- sessions ---------------------------------------------------------------------


@transaction.atomic
def session_record(*, actor, mediation: Mediation, kind: str, held_on: date,
                   caucus_party: Party | None = None, notes: str = "",
                   attendance: dict | None = None) -> Session:  # fmt: skip
    """A session held, with who came: ``attendance`` is ``{party_id: (presence,
    reason)}``. In shuttle mode there is no joint session."""
    access.require_write(actor)
    require_active(mediation)
    if kind not in SessionKind.values:
        raise ValidationError({"kind": _("Pilih jenis sesi.")})
    if kind == SessionKind.JOINT and mediation.shuttle_only:
        raise ValidationError(
            {
                "kind": _(
                    "Mediasi ini hanya ulang-alik: para pihak tidak dipertemukan dalam "
                    "satu ruangan."
                )
            }
        )
    if held_on is None or held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Isi tanggal sesi (tidak di masa depan).")})
    if kind == SessionKind.CAUCUS:
        if caucus_party is None or caucus_party.mediation_id != mediation.pk:
            raise ValidationError({"caucus_party": _("Kaukus adalah sesi dengan satu pihak.")})
    else:
        caucus_party = None
    parties = {p.pk: p for p in mediation.parties.alive()}
    rows = []
    for party_id, (presence, reason) in (attendance or {}).items():
        if int(party_id) not in parties:
            raise ValidationError(_("Sebagian pihak bukan pihak mediasi ini."))
        if presence not in Presence.values:
            raise ValidationError(_("Pilih kehadiran setiap pihak."))
        reason = " ".join((reason or "").split())
        if presence == Presence.EXCUSED and not reason:
            raise ValidationError(_("Tuliskan alasan pihak yang tidak hadir dengan alasan."))
        rows.append((int(party_id), presence, reason[:300]))
    session = Session(mediation=mediation, kind=kind, held_on=held_on, caucus_party=caucus_party,
                      notes=notes or "", created_by=actor)  # fmt: skip
    session.full_clean(exclude=["mediation", "created_by", "caucus_party"])
    session.save()
    SessionAttendance.objects.bulk_create(
        checked(
            SessionAttendance(session=session, party_id=p, presence=pr, reason=r)
            for p, pr, r in rows
        )
    )
    _events(mediation, events.SESSION_HELD, actor, session=session.pk)
    return session


# ---- ground rules, boundaries, perceptions, obstacles, options -----------------------


@transaction.atomic
def rule_add(*, actor, mediation: Mediation, text: str, agreed_by=(), agreed_on=None):
    access.require_write(actor)
    require_active(mediation)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Tuliskan aturannya.")})
    if any(p.mediation_id != mediation.pk for p in agreed_by):
        raise ValidationError({"agreed_by": _("Pihak yang menyetujui harus pihak mediasi ini.")})
    rule = GroundRule(mediation=mediation, text=text)
    rule.full_clean(exclude=["mediation"])
    rule.save()
    day = agreed_on or timezone.localdate()
    RuleAgreement.objects.bulk_create(
        checked(RuleAgreement(rule=rule, party=p, agreed_on=day) for p in agreed_by)
    )
    return rule


@transaction.atomic
def boundaries_set(*, actor, mediation: Mediation, inside: str, outside: str,
                   expected_version=None) -> Mediation:  # fmt: skip
    access.require_write(actor)
    require_active(mediation)
    mediation.boundaries_in, mediation.boundaries_out = inside or "", outside or ""
    mediation.full_clean(exclude=["agency", "mediator", "created_by"])
    save_versioned(mediation, expected_version, boundaries_in=mediation.boundaries_in,
                   boundaries_out=mediation.boundaries_out)  # fmt: skip
    return mediation


@transaction.atomic
def issue_add(*, actor, mediation: Mediation, title: str) -> Issue:
    access.require_write(actor)
    require_active(mediation)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Tuliskan persoalannya.")})
    issue = Issue(mediation=mediation, title=title)
    issue.full_clean(exclude=["mediation"])
    issue.save()
    return issue


PERCEPTION_FIELDS = ("position", "interests", "view_of_other", "feelings")


@transaction.atomic
def perception_save(*, actor, issue: Issue, party: Party, data: dict) -> Perception:
    """One party's side of one issue (written again when saved again)."""
    access.require_write(actor)
    require_active(issue.mediation)
    if party.mediation_id != issue.mediation_id:
        raise ValidationError({"party": _("Pihak ini bukan pihak mediasi ini.")})
    clean = {k: data.get(k) or "" for k in PERCEPTION_FIELDS}
    perception = Perception.objects.alive().filter(issue=issue, party=party).first()
    if perception is None:
        perception = Perception(issue=issue, party=party, **clean)
        perception.full_clean(exclude=["issue", "party"])
        perception.save()
    else:
        for key, value in clean.items():
            setattr(perception, key, value)
        perception.full_clean(exclude=["issue", "party"])
        save_versioned(perception, None, **clean)
    return perception


@transaction.atomic
def common_ground_set(*, actor, issue: Issue, text: str) -> Issue:
    access.require_write(actor)
    require_active(issue.mediation)
    issue.common_ground = text or ""
    issue.full_clean(exclude=["mediation"])
    save_versioned(issue, None, common_ground=issue.common_ground)
    return issue


@transaction.atomic
def obstacle_save(*, actor, mediation: Mediation, data: dict, obstacle: Obstacle | None = None):
    access.require_write(actor)
    require_active(mediation)
    clean = {k: " ".join((data.get(k) or "").split()) for k in ("description", "channel",
                                                                 "who_acts")}  # fmt: skip
    clean["status"] = data.get("status") or ObstacleStatus.OPEN
    if clean["status"] not in ObstacleStatus.values:
        raise ValidationError({"status": _("Pilih status hambatan.")})
    if not clean["description"]:
        raise ValidationError({"description": _("Tuliskan hambatannya.")})
    if obstacle is None:
        obstacle = Obstacle(mediation=mediation, **clean)
        obstacle.full_clean(exclude=["mediation"])
        obstacle.save()
    else:
        save_versioned(obstacle, data.get("version"), **clean)
    return obstacle


@transaction.atomic
def option_add(*, actor, mediation: Mediation, text: str, chosen: bool = False) -> Option:
    access.require_write(actor)
    require_active(mediation)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Tuliskan pilihan penyelesaiannya.")})
    option = Option(mediation=mediation, text=text, chosen=chosen)
    option.full_clean(exclude=["mediation"])
    option.save()
    return option


# ---- the agreement and its follow-up ---------------------------------------------


@transaction.atomic
def term_add(*, actor, mediation: Mediation, text: str, responsible: Party, due_on: date,
             how_checked: str = "") -> Term:  # fmt: skip
    access.require_write(actor)
    require_active(mediation)
    if mediation.signed_on is not None:
        raise ValidationError(_("Kesepakatan sudah ditandatangani: butirnya tidak diubah."))
    text = " ".join((text or "").split())
    errors = {}
    if not text:
        errors["text"] = _("Tuliskan isi kesepakatan.")
    if responsible is None or responsible.mediation_id != mediation.pk:
        errors["responsible"] = _("Pilih pihak yang bertanggung jawab.")
    if due_on is None:
        errors["due_on"] = _("Isi batas waktunya.")
    if errors:
        raise ValidationError(errors)
    term = Term(mediation=mediation, text=text, responsible=responsible, due_on=due_on,
                how_checked=" ".join((how_checked or "").split()))  # fmt: skip
    term.full_clean(exclude=["mediation", "responsible"])
    term.save()
    return term


def needs_review(mediation: Mediation) -> bool:
    return mediation.shuttle_only and mediation.reviewed_at is None


@transaction.atomic
def agreement_review(*, actor, mediation: Mediation, expected_version=None) -> Mediation:
    """The supervisor reviews the agreement of a shuttle mediation before it is signed."""
    if access.role_of(actor) != Role.SUPERVISOR or actor.pk == mediation.mediator_id:
        raise PermissionDenied(_("Kesepakatan ditinjau oleh supervisor mediator."))
    require_active(mediation)
    if not mediation.terms.alive().exists():
        raise ValidationError(_("Belum ada butir kesepakatan untuk ditinjau."))
    save_versioned(mediation, expected_version, reviewed_by=actor, reviewed_at=timezone.now())
    return mediation


@transaction.atomic
def agreement_sign(*, actor, mediation: Mediation, signed_on: date, full: bool = True,
                   expected_version=None) -> Mediation:  # fmt: skip
    """The parties sign: the agreement is reached, the terms become follow-up."""
    access.require_write(actor)
    require_active(mediation)
    if mediation.signed_on is not None:
        raise ValidationError(_("Kesepakatan sudah ditandatangani."))
    if not mediation.terms.alive().exists():
        raise ValidationError(_("Kesepakatan perlu paling sedikit satu butir."))
    if needs_review(mediation):
        raise ValidationError(
            _("Mediasi ulang-alik: kesepakatan ditinjau supervisor sebelum ditandatangani.")
        )
    if signed_on is None or signed_on > timezone.localdate():
        raise ValidationError(
            {"signed_on": _("Isi tanggal penandatanganan (tidak di masa depan).")}
        )
    save_versioned(mediation, expected_version, signed_on=signed_on,
                   agreement_reached_on=signed_on, stage=Stage.FOLLOW_UP)  # fmt: skip
    if mediation.is_diversion:
        levels.on_signed(mediation, signed_on)
    outcome = Outcome.FULL if full else Outcome.PARTIAL
    _events(mediation, events.AGREEMENT_REACHED, actor, outcome=outcome,
            terms=mediation.terms.alive().count())  # fmt: skip
    return mediation


@transaction.atomic
def term_check(*, actor, term: Term, compliance: str, note: str = "",
               checked_on: date | None = None) -> ComplianceCheck:  # fmt: skip
    access.require_write(actor)
    mediation = term.mediation
    if mediation.signed_on is None:
        raise ValidationError(_("Kepatuhan diperiksa setelah kesepakatan ditandatangani."))
    if compliance not in Compliance.values:
        raise ValidationError({"compliance": _("Pilih kepatuhan.")})
    checked_on = checked_on or timezone.localdate()
    check = ComplianceCheck(term=term, compliance=compliance, checked_on=checked_on,
                            note=" ".join((note or "").split())[:300], checked_by=actor)  # fmt: skip
    check.full_clean(exclude=["term", "checked_by"])
    check.save()
    save_versioned(term, None, compliance=compliance)
    if compliance == Compliance.COMPLIED:
        _events(mediation, events.TERM_COMPLIED, actor, term=term.pk)
    return check
