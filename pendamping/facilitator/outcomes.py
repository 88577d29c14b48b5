"""Knowledge, attitude and skill gains of a programme (issue 11), from the stored
pre and post scores: per participant and measure Hake's g, per domain and for the
programme the gain of the averages. Measures of different maxima are put on one
scale first (score / maximum), so a group's gain is
(mean post share − mean pre share) / (1 − mean pre share)."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access

from . import gain, measures
from .models import Enrolment, EnrolmentStatus, MeasureScore, Phase, Programme


def band_label(code) -> str:
    labels = {gain.LOW: _("Rendah"), gain.MEDIUM: _("Sedang"), gain.HIGH: _("Tinggi")}
    return labels.get(code, "")


@transaction.atomic
def score_record(*, actor, enrolment: Enrolment, measure: str, phase: str, answers: dict):
    """Score the answers to one of the programme's measures, before or after (saving
    again rewrites it)."""
    access.require_write(actor)
    definition = measures.get(measure)
    if definition is None or measure not in (enrolment.programme.measures or []):
        raise ValidationError({"measure": _("Ukuran ini bukan bagian dari program ini.")})
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Pilih pra atau pasca.")})
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        raise ValidationError(_("Peserta daftar tunggu belum mengikuti program."))
    answers = {str(k): str(v) for k, v in (answers or {}).items()}
    score = definition.score(answers)
    row, _created = MeasureScore.objects.update_or_create(
        enrolment=enrolment, measure=measure, phase=phase,
        defaults={"answers": answers, "score": score, "maximum": definition.maximum,
                  "recorded_by": actor, "recorded_at": timezone.now()},
    )  # fmt: skip
    return row


def _group(pairs):
    """Gain of the averages of (pre share, post share) pairs."""
    if not pairs:
        return None
    return gain.average_normalized_gain([p for p, _q in pairs], [q for _p, q in pairs], 1.0)


def programme_gains(user, programme: Programme, enrolments) -> dict:
    """Rows per participant and measure, and the gains per domain and of the programme.
    ``enrolments`` are the participants the user may see (one query for the scores)."""
    defs = [measures.get(c) for c in programme.measures or [] if measures.get(c)]
    by_code = {m.code: m for m in defs}
    scores = defaultdict(dict)
    for s in MeasureScore.objects.filter(
        enrolment__in=[e.pk for e in enrolments], measure__in=list(by_code)
    ).values("enrolment_id", "measure", "phase", "score", "maximum"):
        scores[(s["enrolment_id"], s["measure"])][s["phase"]] = s
    rows, by_domain, everything = [], defaultdict(list), []
    for e in enrolments:
        for m in defs:
            got = scores.get((e.pk, m.code), {})
            pre, post = got.get("pre"), got.get("post")
            g = None
            if pre and post:
                g = gain.normalized_gain(pre["score"], post["score"], pre["maximum"])
                pair = (pre["score"] / pre["maximum"], post["score"] / post["maximum"])
                by_domain[m.domain].append(pair)
                everything.append(pair)
            rows.append({
                "enrolment": e, "measure": m, "maximum": m.maximum,
                "pre": pre["score"] if pre else None, "post": post["score"] if post else None,
                "gain": g, "band": band_label(gain.band(g)),
            })  # fmt: skip
    domains = []
    for code, label in measures.DOMAINS.items():
        if any(m.domain == code for m in defs):
            g = _group(by_domain.get(code, []))
            domains.append({"code": code, "label": str(label), "n": len(by_domain.get(code, [])),
                            "gain": g, "band": band_label(gain.band(g))})  # fmt: skip
    total = _group(everything)
    return {
        "measures": defs, "rows": rows, "domains": domains,
        "programme_gain": total, "programme_band": band_label(gain.band(total)),
    }  # fmt: skip
