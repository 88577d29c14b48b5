"""The agency's instructors: users of the agency with the instructor role, or external
resource persons (name, organisation, expertise, contact), who may point at a provider
in the broker's directory without the facilitator importing the broker (role apps
never import each other).

A provider is a plain id (``Instructor.provider_id``) checked and named through
``pendamping/directory_providers.py`` (the broker's registered scope
``directory_organizations_for``); without the broker there is no provider to pick.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.accounts.models import Membership, Role
from pendamping.concurrency import save_versioned
from pendamping.directory_providers import check_provider, provider_names
from pendamping.text import single_line

from .models import Instructor

TEXT_FIELDS = {"name": 120, "organisation": 200, "expertise": 200, "contact": 120}


def with_providers(user, instructors) -> list[Instructor]:
    """The instructors, each with ``provider`` (name, url) or None: one query for all."""
    rows = list(instructors)
    names = provider_names(user, [i.provider_id for i in rows])
    for row in rows:
        row.provider = names.get(row.provider_id)
    return rows


@transaction.atomic
def instructor_save(
    *, actor, data: dict, instructor: Instructor | None = None, expected_version=None
) -> Instructor:
    """Add (or change) an instructor of the actor's agency: ``user`` (a user of the agency
    with the instructor role) or an external resource person with a ``name``; either may
    point at a ``provider`` of the directory the actor sees."""
    access.require_write(actor)
    agency = access.agency_of(actor)
    errors = {}
    clean = {}
    for field, limit in TEXT_FIELDS.items():
        value = " ".join(str(data.get(field) or "").split())
        if len(value) > limit:
            errors[field] = _("Paling banyak %(n)s karakter.") % {"n": limit}
        else:
            try:
                single_line(value)
            except ValidationError as e:
                errors[field] = e.messages[0]
        clean[field] = value
    user = data.get("user")
    if (
        user is not None
        and not Membership.objects.filter(agency=agency, user=user, role=Role.INSTRUCTOR).exists()
    ):
        errors["user"] = _("Pilih pengguna lembaga ini dengan peran instruktur.")
    elif user is not None and not clean["name"]:
        clean["name"] = (user.get_full_name() or user.username)[:120]
    if not clean["name"] and "user" not in errors:
        errors["name"] = _("Tuliskan nama narasumber, atau pilih pengguna instruktur.")
    try:
        clean["provider_id"] = check_provider(actor, data.get("provider"))
    except ValidationError as e:
        errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    if instructor is None:
        return Instructor.objects.create(agency=agency, user=user, **clean)
    save_versioned(instructor, expected_version, user=user, **clean)
    return instructor
