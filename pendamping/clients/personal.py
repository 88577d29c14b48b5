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
