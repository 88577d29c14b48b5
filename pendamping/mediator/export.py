"""The data-subject export of a party (UU 27/2022 PDP, the right of access): what the
mediations hold about one party, as data (JSON) and as a readable page and PDF.

For a party who is a client of the agency, every mediation of that client the user
sees inside; for another person, the one mediation. Per mediation: the party's own
record and consent, the sessions they took part in (another party's caucus is left
out altogether, date and all: it is not about them, and its notes are confidential
to that party), their OWN perceptions only (never another party's), the ground rules
and whether they agreed, the agreement's terms (another party is named only as
"other", their data is not this party's), and a diversion's levels. The screening
answers (violence, coercion, power imbalance) are the mediator's safety judgement and
stay out: shown to the other side they could put a party at risk.
"""

from __future__ import annotations

from django.db.models import Prefetch

from .access import mediation_parties_for
from .models import ComplianceCheck, Party, Presence, SessionKind


def _day(value):
    return value.isoformat() if value else None


def parties_of_subject(user, party: Party) -> list[Party]:
    """The party rows of the same person in the mediations the user sees inside."""
    if party.client_id is None:
        return [party]
    rows = (
        mediation_parties_for(user)
        .filter(client_id=party.client_id)
        .select_related("mediation", "mediation__mediator")
        .order_by("mediation__created_at", "mediation_id")
    )
    return list(rows)


def _sessions(mediation, party) -> list[dict]:
    out = []
    sessions = mediation.sessions.alive().prefetch_related("attendance").order_by("held_on", "id")
    for s in sessions:
        if s.kind == SessionKind.CAUCUS and s.caucus_party_id != party.pk:
            continue  # another party's caucus: not about this party, and confidential
        own = next((a for a in s.attendance.all() if a.party_id == party.pk), None)
        # Notes only of what the party took part in: a session they missed (a call with
        # the other party alone) or a shuttle round (the mediator carrying both sides'
        # words) may hold the other party's confidences, even their whereabouts.
        took_part = own is not None and own.presence == Presence.PRESENT
        own_caucus = s.kind == SessionKind.CAUCUS
        shared_notes = own_caucus or (took_part and s.kind != SessionKind.SHUTTLE)
        out.append({
            "held_on": _day(s.held_on), "kind": s.kind, "kind_label": s.get_kind_display(),
            "presence": own.presence if own else None,
            "presence_label": own.get_presence_display() if own else None,
            "absence_reason": own.reason if own else "",
            "notes": s.notes if shared_notes else "",
        })  # fmt: skip
    return out


def _terms(mediation, party) -> list[dict]:
    checks = Prefetch("checks", queryset=ComplianceCheck.objects.order_by("checked_on", "id"))
    out = []
    for t in mediation.terms.alive().prefetch_related(checks):
        own = t.responsible_id == party.pk
        out.append({
            "text": t.text, "responsible": "self" if own else "other", "due_on": _day(t.due_on),
            "how_checked": t.how_checked, "compliance": t.compliance,
            "compliance_label": t.get_compliance_display() if t.compliance else "",
            "checks": [{"checked_on": _day(c.checked_on), "compliance": c.compliance,
                        "compliance_label": c.get_compliance_display(), "note": c.note}
                       for c in t.checks.all()] if own else [],
        })  # fmt: skip
    return out


def _section(mediation, party) -> dict:
    perceptions = party.perceptions.alive().select_related("issue").order_by("issue__created_at")
    rules = mediation.rules.alive().prefetch_related("agreements")
    return {
        "mediation": {
            "id": mediation.pk, "kind": mediation.kind, "kind_label": mediation.get_kind_display(),
            "issue": mediation.issue, "stage": mediation.stage,
            "stage_label": mediation.get_stage_display(), "outcome": mediation.outcome,
            "outcome_label": mediation.get_outcome_display() if mediation.outcome else "",
            "opened_on": _day(mediation.created_at.date()),
            "closed_on": _day(mediation.closed_at.date() if mediation.closed_at else None),
            "closure_reason": mediation.closure_reason,
            "mediator": mediation.mediator.get_full_name() or mediation.mediator.username,
            "shuttle_only": mediation.shuttle_only,
            "boundaries_in": mediation.boundaries_in, "boundaries_out": mediation.boundaries_out,
            "signed_on": _day(mediation.signed_on),
        },
        "party": {
            "name": party.name, "client_id": party.client_id, "relationship": party.relationship,
            "contact": party.contact, "is_child": party.is_child,
            "representative_name": party.representative_name,
            "representative_role": party.representative_role,
            "consent_method": party.consent_method,
            "consent_method_label": party.get_consent_method_display() if party.consent_method else "",
            "consent_given_by": party.consent_given_by,
            "consent_recording_reference": party.consent_recording_reference,
            "consent_at": party.consent_at.isoformat() if party.consent_at else None,
            "consent_withdrawn_at": (party.consent_withdrawn_at.isoformat()
                                     if party.consent_withdrawn_at else None),
        },
        "sessions": _sessions(mediation, party),
        "perceptions": [
            {"issue": p.issue.title, "position": p.position, "interests": p.interests,
             "view_of_other": p.view_of_other, "feelings": p.feelings,
             "common_ground": p.issue.common_ground}
            for p in perceptions if p.issue.deleted_at is None
        ],
        "ground_rules": [
            {"text": r.text,
             "agreed_on": next((_day(a.agreed_on) for a in r.agreements.all()
                                if a.party_id == party.pk), None)}
            for r in rules
        ],
        "terms": _terms(mediation, party),
        "diversion_levels": [
            {"level": lv.level, "level_label": lv.get_level_display(),
             "started_on": _day(lv.started_on),
             "diversion_started_on": _day(lv.diversion_started_on),
             "agreement_reached_on": _day(lv.agreement_reached_on),
             "agreement_sent_on": _day(lv.agreement_sent_on), "result": lv.result,
             "result_label": lv.get_result_display() if lv.result else "",
             "agreement": lv.agreement, "ruling": lv.ruling}
            for lv in mediation.levels.alive()
        ] if mediation.is_diversion else [],
    }  # fmt: skip


def subject_export(user, party: Party) -> dict:
    """The export of ``party`` (fetched through the user's scope) as plain data."""
    rows = parties_of_subject(user, party)
    return {
        "subject": {"name": party.name, "client_id": party.client_id},
        "mediations": [_section(p.mediation, p) for p in rows],
    }
