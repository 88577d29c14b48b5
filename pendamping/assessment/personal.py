"""The personal data the assessment app holds about a client (plugins.personal_data):
assessments, scored instruments (answers and results), safety alerts, ecomaps."""

from .models import Assessment, EcomapSnapshot, InstrumentAdministration, SafetyAlert


def assessments(client) -> list[dict]:
    return list(
        Assessment.objects.filter(case__client=client)
        .order_by("pk")
        # not who reported the client (referral_source): the reporter's identity is a
        # third party's, and the requester may be the one reported
        .values("id", "case_id", "number", "assessed_on", "identity",
                "presenting_problem", "history", "family", "health", "mental_status",
                "spiritual", "social_economic", "strengths", "summary", "recommendations")
    )  # fmt: skip


def instruments(client) -> list[dict]:
    return list(
        InstrumentAdministration.objects.filter(client=client)
        .order_by("pk")
        .values("id", "case_id", "instrument_code", "instrument_version", "answers", "score",
                "band", "flags", "administered_on")
    )  # fmt: skip


def safety_alerts(client) -> list[dict]:
    return list(
        SafetyAlert.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "instrument_code", "flag_code", "raised_at", "risk_raised",
                "action_taken", "action_at", "deleted_at")
    )  # fmt: skip


def ecomaps(client) -> list[dict]:
    return list(
        EcomapSnapshot.objects.filter(case__client=client)
        .order_by("pk")
        .values("id", "case_id", "number", "taken_on", "centre", "systems", "note")
    )


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_assessments(client, erasure) -> None:
    from pendamping.erasure import redact

    redact(Assessment.objects.filter(case__client_id=client.pk), *Assessment.REDACTABLE)


def erase_instruments(client, erasure) -> None:
    """Answers are item codes and scores, the band and flags codes: nothing typed to
    blank (history_redaction's NOT_PERSONAL); the scores stay for the indicators."""


def erase_safety_alerts(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(SafetyAlert._base_manager.filter(case__client_id=client.pk), "action_taken")


def erase_ecomaps(client, erasure) -> None:
    from pendamping.erasure import redact

    redact(EcomapSnapshot.objects.filter(case__client_id=client.pk), *EcomapSnapshot.REDACTABLE)
