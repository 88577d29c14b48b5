"""The personal data the clients app holds about a client (plugins.personal_data):
the record itself, family members as they concern the client, and consents. Read
for the data subject's access package; soft-deleted rows are still held, so they are
listed too."""

from .models import Client, Consent, FamilyMember, GroupMember

CLIENT_FIELDS = (
    "id", "kind", "full_name", "nickname", "nik", "kk_number", "sex", "birth_date",
    "estimated_age", "birth_place", "address", "region_id", "latitude", "longitude", "phone",
    "religion", "ppks_categories", "disabilities", "created_at", "updated_at", "deleted_at",
)  # fmt: skip


def identity(client) -> list[dict]:
    return list(Client.objects.filter(pk=client.pk).values(*CLIENT_FIELDS))


def family(client) -> list[dict]:
    # the relation to the client, not the relative's own notes (another person's data)
    return list(
        FamilyMember.objects.filter(client=client)
        .order_by("pk")
        .values("id", "name", "sex", "birth_year", "relation", "is_alive", "in_household",
                "deleted_at")
    )  # fmt: skip


def consents(client) -> list[dict]:
    return list(
        Consent.objects.filter(client=client)
        .order_by("pk")
        .values("id", "purpose", "lawful_basis", "given_by", "method", "data_categories",
                "data_types", "given_on", "retention_until", "recorded_at", "withdrawn_at")
    )  # fmt: skip


def groups(client) -> list[dict]:
    # the groups the client belongs to (their own membership), not the other members
    return list(
        GroupMember.objects.filter(member=client)
        .order_by("pk")
        .values("id", "group_id", "group__full_name", "role", "joined_at", "left_at")
    )


# ---- erasure (pendamping/erasure.py) -------------------------------------------------


def erase_identity(client, erasure) -> None:
    from django.db.models import F

    from pendamping.erasure import blank, naming, redact

    from .models import ClientNameIndex, ImportRejection, ImportRun, ImportRunEvent

    born = client.birth_date.replace(month=1, day=1) if client.birth_date else None
    # religion, PPKS categories and disabilities are special data (UU 27/2022 art. 4(2))
    blank(Client._base_manager.filter(pk=client.pk), "nickname", "nik", "kk_number",
          "birth_place", "address", "phone", "religion", full_name=erasure.pseudonym,
          birth_date=born, version=F("version") + 1, latitude=None, longitude=None,
          ppks_categories=[], disabilities=[])  # fmt: skip
    ClientNameIndex.objects.filter(client_id=client.pk).delete()  # no name key is left
    # an import's file is deleted when its run ends; what the runs wrote down about
    # rows that name the client (a duplicate NIK refused, a file named after them) has
    # no link to the client, so it is found by the identifiers
    runs = ImportRun.objects.filter(agency_id=client.agency_id)
    texts = erasure.identifiers
    for ids in naming(ImportRejection.objects.filter(run__in=runs), ("name", "reason"), texts):
        blank(ImportRejection.objects.filter(pk__in=ids), "name", "reason")
    for ids in naming(ImportRunEvent.objects.filter(run__in=runs), ("file_name", "message"), texts):
        redact(ImportRunEvent.objects.filter(pk__in=ids), "file_name", "message")
    for ids in naming(runs, ("file_name", "error"), texts):
        blank(ImportRun.objects.filter(pk__in=ids), "file_name", "error")


def erase_family(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(FamilyMember._base_manager.filter(client_id=client.pk), "name", "notes")


def erase_consents(client, erasure) -> None:
    from pendamping.erasure import blank

    from .consent import path_of

    rows = Consent._base_manager.filter(client_id=client.pk)
    for consent in rows.exclude(proof_file=""):
        erasure.delete_file(path_of(consent))
    blank(rows, "guardian_name", "witness_name", "recording_reference", "data_types",
          "proof_file", "proof_content_type")  # fmt: skip


def erase_groups(client, erasure) -> None:
    from pendamping.erasure import blank

    blank(GroupMember._base_manager.filter(member_id=client.pk), "role")
