"""Permission-matrix entries for the mediator's pages and API operations.

Merged into accounts/tests/test_permission_matrix.py with two rules of the
mediator's own (``RULES``): inside a mediation are its mediator (agency A's worker),
the co-mediators and their supervisor; agency A's admin and auditor know that it
exists and its stage (the detail page, rule "read") and get 403 inside; the other
worker and the instructor get 404, as does everyone of agency B. The caucus rule is
tested both ways in test_pages.py (the other party's view never shows it).
"""

from django.utils import timezone

RULES = {
    "mediation": ({"worker", "supervisor"}, {"admin", "auditor"}),
    # the supervisor's review of a shuttle agreement: not the mediator themselves
    "mediation_review": ({"supervisor"}, {"worker", "admin", "auditor"}),
}


def _today():
    return timezone.localdate().isoformat()


def mediation(f):
    """Agency A's mediation by its worker between the client (with the case) and a
    neighbour, both consenting; a caucus with the client, an issue, an obstacle and a
    term."""
    from pendamping.mediator import services

    if hasattr(f, "mediation"):
        return
    worker, today = f.users["worker"], timezone.localdate()
    f.mediation = services.mediation_open(
        actor=worker, data={"kind": "neighbours", "issue": "Pagar dan saluran air"},
        cases=[f.case],
    )  # fmt: skip
    f.party = services.party_add(actor=worker, mediation=f.mediation, client=f.client,
                                 data={"relationship": "Tetangga"})  # fmt: skip
    f.other_party = services.party_add(actor=worker, mediation=f.mediation,
                                       data={"name": "Pak Darto", "relationship": "Tetangga"})  # fmt: skip
    for p in (f.party, f.other_party):
        services.party_consent(actor=worker, party=p, method="written")
        p.refresh_from_db()
    f.caucus = services.session_record(actor=worker, mediation=f.mediation, kind="caucus",
                                       held_on=today, caucus_party=f.party,
                                       notes="Rahasia kaukus pihak satu")  # fmt: skip
    f.issue = services.issue_add(actor=worker, mediation=f.mediation, title="Pagar")
    f.obstacle = services.obstacle_save(actor=worker, mediation=f.mediation,
                                        data={"description": "Saling curiga"})  # fmt: skip
    f.term = services.term_add(actor=worker, mediation=f.mediation, text="Pagar dipindah",
                               responsible=f.other_party, due_on=today)  # fmt: skip
    f.mediation.refresh_from_db()


def signed(f):
    from pendamping.mediator import services

    mediation(f)
    if f.mediation.signed_on is None:
        services.agreement_sign(actor=f.users["worker"], mediation=f.mediation,
                                signed_on=timezone.localdate())  # fmt: skip
        f.mediation.refresh_from_db()


def diversion(f):
    """Agency A's juvenile diversion by its worker, no level begun yet."""
    from pendamping.mediator import services

    if not hasattr(f, "diversion"):
        f.diversion = services.mediation_open(
            actor=f.users["worker"], cases=[f.case],
            data={"kind": "juvenile_diversion", "issue": "Pencurian sepeda",
                  "max_sentence_months": 48, "child_party": True},
        )  # fmt: skip


def level(f):
    """The diversion at its investigation level."""
    from pendamping.mediator import levels

    diversion(f)
    if not hasattr(f, "level"):
        f.level = levels.level_start(actor=f.users["worker"], mediation=f.diversion,
                                     level="investigation", started_on=timezone.localdate())  # fmt: skip


def _d(f):
    return {"pk": f.diversion.pk}


def _m(f):
    return {"pk": f.mediation.pk}


def _v(f, **data):
    return data | {"version": f.mediation.version}


HTML = {
    "mediation_list": ("get", lambda f: {}, None, "any", mediation),
    "mediation_create": ("get", lambda f: {}, None, "create", None),
    # the refused screen's referral: a need on a case the user may write to
    "mediation_refer": ("post", lambda f: {"case_pk": f.case.pk},
                        lambda f: {"referral": "legal_aid"}, "write", None),
    "mediation_detail": ("get", _m, None, "read", mediation),
    "mediation_party_add": ("post", _m, lambda f: {"name": "Bu Sari", "relationship": "Istri"},
                            "mediation", mediation),
    "mediation_party_consent": ("post", lambda f: _m(f) | {"party_pk": f.other_party.pk},
                                lambda f: {"method": "recorded", "version": f.other_party.version,
                                           "recording_reference": "Arsip A/7"},
                                "mediation", mediation),
    "mediation_party_view": ("get", lambda f: _m(f) | {"party_pk": f.other_party.pk}, None,
                             "mediation", mediation),
    "mediation_party_export": ("get", lambda f: _m(f) | {"party_pk": f.party.pk}, None,
                               "mediation", mediation),
    "mediation_party_export_json": ("get", lambda f: _m(f) | {"party_pk": f.party.pk}, None,
                                    "mediation", mediation),
    "mediation_party_export_pdf": ("get", lambda f: _m(f) | {"party_pk": f.party.pk}, None,
                                   "mediation", mediation),
    # only the mediator declares their own neutrality
    "mediation_neutrality": ("post", _m, lambda f: _v(f, neutral="on"), "author", mediation),
    "mediation_reassign": ("post", _m, lambda f: _v(f, mediator=f.users["other_worker"].pk),
                           "manage", mediation),
    "mediation_stage": ("post", _m, lambda f: _v(f, stage="opening"), "mediation", mediation),
    "mediation_close": ("post", _m, lambda f: _v(f, outcome="withdrawn", reason="Pindah rumah"),
                        "mediation", mediation),
    "mediation_diversion": ("post", _m, lambda f: _v(f), "mediation", mediation),
    "mediation_level_add": ("post", _d, lambda f: {"level": "investigation", "started_on": _today()},
                            "mediation", diversion),
    "mediation_level_save": ("post", lambda f: _d(f) | {"level_pk": f.level.pk},
                             lambda f: {"diversion_started_on": _today(), "version": f.level.version},
                             "mediation", level),
    "mediation_boundaries": ("post", _m, lambda f: _v(f, inside="Pagar", outside="Warisan"),
                             "mediation", mediation),
    "mediation_rule_add": ("post", _m, lambda f: {"text": "Bicara bergantian",
                                                  "agreed_by": [f.party.pk]},
                           "mediation", mediation),
    "mediation_obstacle_add": ("post", _m, lambda f: {"description": "Gengsi", "status": "open"},
                               "mediation", mediation),
    "mediation_obstacle_status": ("post", lambda f: _m(f) | {"obstacle_pk": f.obstacle.pk},
                                  lambda f: {"description": "Saling curiga", "status": "overcome"},
                                  "mediation", mediation),
    "mediation_option_add": ("post", _m, lambda f: {"text": "Pagar bersama"}, "mediation",
                             mediation),
    "mediation_sessions": ("get", _m, None, "mediation", mediation),
    "mediation_session_add": ("post", _m, lambda f: {"kind": "joint", "held_on": _today(),
                                                     f"presence_{f.party.pk}": "present"},
                              "mediation", mediation),
    "mediation_perceptions": ("get", _m, None, "mediation", mediation),
    "mediation_perception_picture": ("get", _m, None, "mediation", mediation),
    "mediation_perception_picture_pdf": ("get", _m, None, "mediation", mediation),
    "mediation_issue_add": ("post", _m, lambda f: {"title": "Saluran air"}, "mediation",
                            mediation),
    "mediation_perception_save": ("post",
                                  lambda f: _m(f) | {"issue_pk": f.issue.pk, "party_pk": f.party.pk},
                                  lambda f: {"position": "Pagar milik saya"}, "mediation",
                                  mediation),
    "mediation_common_ground": ("post", lambda f: _m(f) | {"issue_pk": f.issue.pk},
                                lambda f: {"common_ground": "Sama-sama ingin rukun"},
                                "mediation", mediation),
    "mediation_agreement": ("get", _m, None, "mediation", mediation),
    "mediation_agreement_pdf": ("get", _m, None, "mediation", mediation),
    "mediation_term_add": ("post", _m, lambda f: {"text": "Saluran dibersihkan",
                                                  "responsible": f.party.pk,
                                                  "due_on": _today()}, "mediation", mediation),
    "mediation_agreement_review": ("post", _m, lambda f: _v(f), "mediation_review", mediation),
    "mediation_agreement_sign": ("post", _m, lambda f: _v(f, signed_on=_today(), full="on"),
                                 "mediation", mediation),
    "mediation_term_check": ("post", lambda f: _m(f) | {"term_pk": f.term.pk},
                             lambda f: {"compliance": "complied"}, "mediation", signed),
}  # fmt: skip


def _id(f):
    return {"mediation_id": f.mediation.pk}


def _mediation_json(f):
    return {"kind": "family", "issue": "Pengasuhan anak",
            "screening": {"sexual_violence": False, "perpetrator_is_child": False,
                          "violence_or_coercion": False, "power_imbalance": False,
                          "child_party": True}}  # fmt: skip


API = {
    ("GET", "/mediations"): (lambda f: {}, None, "any", mediation),
    ("POST", "/mediations"): (lambda f: {}, _mediation_json, "create", None),
    ("GET", "/mediations/{mediation_id}"): (_id, None, "read", mediation),
    ("GET", "/mediations/{mediation_id}/parties"): (_id, None, "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/parties"): (
        _id, lambda f: {"name": "Bu Sari", "consent_method": "written"}, "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/sessions"): (_id, None, "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/sessions"): (
        _id, lambda f: {"kind": "phone", "held_on": _today(),
                        "attendance": [{"party_id": f.party.pk, "presence": "present"}]},
        "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/issues"): (_id, lambda f: {"title": "Saluran"},
                                                     "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/perceptions"): (_id, None, "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/perceptions"): (
        _id, lambda f: {"issue_id": f.issue.pk, "party_id": f.party.pk, "position": "Milik saya"},
        "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/obstacles"): (_id, lambda f: {"description": "Gengsi"},
                                                        "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/ground-rules"): (
        _id, lambda f: {"text": "Bergantian", "agreed_by": [f.party.pk]}, "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/terms"): (_id, None, "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/terms"): (
        _id, lambda f: {"text": "Saluran dibersihkan", "responsible_party_id": f.party.pk,
                        "due_on": _today()}, "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/agreement/sign"): (
        _id, lambda f: {"signed_on": _today(), "version": f.mediation.version}, "mediation",
        mediation),
    ("POST", "/mediations/{mediation_id}/terms/{term_id}/compliance"): (
        lambda f: _id(f) | {"term_id": f.term.pk}, lambda f: {"compliance": "partly"},
        "mediation", signed),
}  # fmt: skip
API |= {
    ("POST", "/mediations/{mediation_id}/stage"): (
        _id, lambda f: _v(f, stage="opening"), "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/close"): (
        _id, lambda f: _v(f, outcome="withdrawn", reason="Pindah rumah"), "mediation", mediation),
    # only the mediator declares their own neutrality
    ("POST", "/mediations/{mediation_id}/neutrality"): (
        _id, lambda f: _v(f, conflict=False), "author", mediation),
    ("POST", "/mediations/{mediation_id}/reassign"): (
        _id, lambda f: _v(f, mediator_id=f.users["other_worker"].pk), "manage", mediation),
    ("POST", "/mediations/{mediation_id}/agreement/review"): (
        _id, lambda f: _v(f), "mediation_review", mediation),
    ("POST", "/mediations/{mediation_id}/parties/{party_id}/consent"): (
        lambda f: _id(f) | {"party_id": f.other_party.pk},
        lambda f: {"method": "recorded", "version": f.other_party.version,
                   "recording_reference": "Arsip A/7"}, "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/obstacles"): (_id, None, "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/parties/{party_id}/export"): (
        lambda f: _id(f) | {"party_id": f.party.pk}, None, "mediation", mediation),
    ("PATCH", "/mediations/{mediation_id}/obstacles/{obstacle_id}"): (
        lambda f: _id(f) | {"obstacle_id": f.obstacle.pk},
        lambda f: {"status": "overcome", "version": f.obstacle.version}, "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/ground-rules"): (_id, None, "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/options"): (_id, None, "mediation", mediation),
    ("POST", "/mediations/{mediation_id}/options"): (
        _id, lambda f: {"text": "Pagar bersama", "chosen": True}, "mediation", mediation),
    ("GET", "/mediations/{mediation_id}/levels"): (
        lambda f: {"mediation_id": f.diversion.pk}, None, "mediation", level),
    ("POST", "/mediations/{mediation_id}/levels"): (
        lambda f: {"mediation_id": f.diversion.pk},
        lambda f: {"level": "investigation", "started_on": _today()}, "mediation", diversion),
    ("PATCH", "/mediations/{mediation_id}/levels/{level_id}"): (
        lambda f: {"mediation_id": f.diversion.pk, "level_id": f.level.pk},
        lambda f: {"diversion_started_on": _today(), "version": f.level.version}, "mediation",
        level),
}  # fmt: skip
