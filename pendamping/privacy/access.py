"""Who reads the processing log: the agency's data protection officer and its admins
(UU 27/2022 art. 53), never the staff whose reads it records, never another agency."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.accounts.access import of_agency, role_of
from pendamping.accounts.models import Role

from .models import AccessRecord, Breach, BreachClient, Restriction, SubjectRequest

LOG_READERS = frozenset({Role.DPO, Role.ADMIN})


def can_read_log(user) -> bool:
    return role_of(user) in LOG_READERS


def require_log_reader(user) -> None:
    if not can_read_log(user):
        raise PermissionDenied(
            _("Hanya petugas pelindungan data pribadi atau admin lembaga yang dapat melihat ini.")
        )


def require_package_reader(user) -> None:
    """The access package holds case content (notes, assessments): the agency's admin
    opens it; the data protection officer runs the request but sees no case content."""
    if role_of(user) != Role.ADMIN:
        raise PermissionDenied(
            _(
                "Paket data berisi isi berkas kasus: hanya admin lembaga yang dapat "
                "membukanya. Petugas pelindungan data mencatat dan menjawab permintaan."
            )
        )


@plugins.scope(
    "privacy.AccessRecord",
    rule="Processing-log rows of the reader's agency, for its data protection officer "
    "and admins; for a client of their agency also the reads by another agency "
    "(a shared referral).",
)
def access_records_for(user) -> QuerySet:
    return of_agency(user, AccessRecord.objects.all(), roles=LOG_READERS)


@plugins.scope(
    "privacy.SubjectRequest",
    rule="Data-subject requests of the reader's agency, for its data protection officer "
    "and admins.",
)
def subject_requests_for(user) -> QuerySet:
    return of_agency(user, SubjectRequest.objects.all(), roles=LOG_READERS)


@plugins.scope(
    "privacy.Erasure",
    rule="The audit trail of anonymised clients of the reader's agency (ids, basis, reason, "
    "who and when), for its data protection officer and admins.",
)
def erasures_for(user) -> QuerySet:
    from .erasure_models import Erasure

    return of_agency(user, Erasure.objects.all(), roles=LOG_READERS)


@plugins.scope(
    "privacy.RetentionRule",
    rule="The retention rules of the reader's agency, for its data protection officer and "
    "admins (the admin changes them).",
)
def retention_rules_for(user) -> QuerySet:
    from .erasure_models import RetentionRule

    return of_agency(user, RetentionRule.objects.all(), roles=LOG_READERS)


# ---- the breach register and the officer's view of consents -------------------------


@plugins.scope(
    "privacy.Breach",
    rule="Breaches of the reader's agency, for its data protection officer and admins.",
)
def breaches_for(user) -> QuerySet:
    return of_agency(user, Breach.objects.all(), roles=LOG_READERS)


@plugins.scope(
    "privacy.BreachClient",
    rule="The clients a breach of the reader's agency touched, for its data protection "
    "officer and admins.",
)
def breach_clients_for(user) -> QuerySet:
    return of_agency(user, BreachClient.objects.all(), roles=LOG_READERS,
                     field="breach__agency_id")  # fmt: skip


@plugins.scope(
    "clients.Consent",
    rule="Consents of the clients of the reader's agency, for its data protection officer "
    "and admins (the officer's register: who, purposes, categories, proof kind; no case "
    "content).",
)
def registered_consents_for(user) -> QuerySet:
    Consent = apps.get_model("clients", "Consent")
    return of_agency(user, Consent.objects.all(), roles=LOG_READERS, field="client__agency_id")


@plugins.scope(
    "privacy.Restriction",
    rule="Restrictions of processing of the reader's agency, for its data protection "
    "officer and admins (every reader of the client sees the banner, not the record).",
)
def restrictions_for(user) -> QuerySet:
    return of_agency(user, Restriction.objects.all(), roles=LOG_READERS)
