"""Writes of the resource directory: providers, locations, services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.clients.models import Region
from pendamping.concurrency import save_versioned

from ..access import can_edit_entry, require_edit_entry
from ..models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from ..textindex import (
    ProviderText,
    ServiceText,
    provider_texts,
    provider_values,
    text_values,
    words,
)
from .gaps import schedule_rematch

ORGANIZATION_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "legal_status",
    "tax_id",
    "receiving_agency",
    "shared",
)
SERVICE_FIELDS = (
    "organization",
    "name",
    "alternate_name",
    "description",
    "status",
    "url",
    "email",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "eligible_sexes",
    "eligible_ppks",
    "languages",
    "required_documents",
    "service_areas",
    "capacity",
    "capacity_count",
    "shared",
)


# ---- directory -----------------------------------------------------------------


def _set_phone(*, organization=None, service=None, number: str, kind: str = "") -> None:
    """The entry's main phone (the first one); other phones, e.g. imported, stay."""
    owner = {"organization": organization} if organization else {"service": service}
    number = (number or "").strip()
    kind = kind if kind in Phone.Type.values else Phone.Type.VOICE
    first = Phone.objects.filter(**owner).order_by("id").first()
    if first and not number:
        first.delete()
    elif first:
        Phone.objects.filter(pk=first.pk).update(number=number, type=kind)
    elif number:
        Phone.objects.create(number=number, type=kind, **owner)


def _set_contact(*, service, name: str, title: str, email: str) -> None:
    """The service's main contact person (the first one); other contacts stay."""
    first = Contact.objects.filter(service=service).order_by("id").first()
    name = (name or "").strip()
    if first and not name:
        first.delete()
    elif first:
        Contact.objects.filter(pk=first.pk).update(name=name, title=title or "", email=email or "")
    elif name:
        Contact.objects.create(service=service, name=name, title=title or "", email=email or "")


@transaction.atomic
def organization_save(
    *, actor, data: dict, organization: Organization | None = None, expected_version=None
) -> Organization:
    access.require_write(actor)
    values = {k: data[k] for k in ORGANIZATION_FIELDS if k in data}
    if not (values.get("name") or getattr(organization, "name", "")).strip():
        raise ValidationError({"name": _("Isi nama penyedia.")})
    receiving = values.get("receiving_agency")
    if receiving is not None and receiving.pk != access.agency_of(actor).pk:
        # a provider routes referrals only to the agency that records it: an agency
        # publishes itself (shared) so that others can refer to it
        raise ValidationError(
            {"receiving_agency": _(
                "Hanya lembaga Anda sendiri yang dapat dipilih: lembaga lain mencatat "
                "dan membagikan layanannya sendiri."
            )}
        )  # fmt: skip
    if organization is None:
        organization = Organization.objects.create(agency=access.agency_of(actor), **values)
    else:
        require_edit_entry(actor, organization)
        save_versioned(organization, expected_version, **values)
    if "phone" in data:
        _set_phone(organization=organization, number=data["phone"])
    if not PROVIDER_WORDS.isdisjoint(values):  # in this transaction, as the rename itself
        index_provider(organization)
    return organization


# the provider's fields that its words hold (its places come from its locations)
PROVIDER_WORDS = frozenset({"name", "alternate_name", "description"})


def _locations(organization_id):
    return list(Location.objects.filter(organization_id=organization_id).select_related("region"))


def index_provider(organization: Organization) -> None:
    """Write the provider's row of the word index and the provider's words in the rows
    of its services, those only, when its words changed (four queries whatever the
    number of its services; two when nothing changed)."""
    locations = _locations(organization.pk)
    values = provider_values(organization, locations)
    row = ProviderText.objects.filter(organization=organization).first()
    if row is None:
        ProviderText.objects.create(organization=organization, **values)
    elif any(getattr(row, k) != v for k, v in values.items()):
        ProviderText.objects.filter(pk=row.pk).update(**values)
    else:
        return
    ServiceText.objects.filter(service__organization=organization).update(
        provider=words(*provider_texts(organization, locations))
    )


@transaction.atomic
def organization_delete(*, actor, organization: Organization) -> None:
    require_edit_entry(actor, organization)
    if organization.services.alive().exists():
        raise ValidationError(_("Hapus atau pindahkan dulu layanan penyedia ini."))
    save_versioned(organization, organization.version, deleted_at=timezone.now())


@transaction.atomic
def location_add(*, actor, organization: Organization, data: dict) -> Location:
    require_edit_entry(actor, organization)
    location = Location(organization=organization, **data)
    location.full_clean()
    location.save()
    index_provider(organization)  # its places are words of the provider and its services
    return location


@transaction.atomic
def location_delete(*, actor, location: Location) -> None:
    require_edit_entry(actor, location.organization)
    served = list(Service.objects.filter(at_locations__location=location).distinct())
    location.delete()
    index_provider(location.organization)
    for service in served:  # a service left without a place may now reach everyone
        index_service(service)


def index_service(service: Service) -> None:
    """Refresh the service-area index that matching looks up (see `ServiceArea`) and the
    word index of the directory search (see `ServiceText`)."""
    index_text(service)
    ServiceArea.objects.filter(service=service).delete()
    codes = list(dict.fromkeys(service.service_areas))
    if not codes and not ServiceAtLocation.objects.filter(service=service).exists():
        codes = [ServiceArea.EVERYWHERE]
    ServiceArea.objects.bulk_create([ServiceArea(service=service, code=c) for c in codes])


def index_text(service: Service) -> None:
    org = service.organization
    ServiceText.objects.update_or_create(
        service=service, defaults=text_values(service, *provider_texts(org, _locations(org.pk)))
    )


def _validate_service(values: dict) -> None:
    lo, hi = values.get("minimum_age"), values.get("maximum_age")
    if lo is not None and hi is not None and lo > hi:
        raise ValidationError(
            {"maximum_age": _("Usia maksimum tidak boleh lebih kecil dari usia minimum.")}
        )
    areas = values.get("service_areas") or []
    known = set(Region.objects.filter(code__in=areas).values_list("code", flat=True))
    if set(areas) - known:
        raise ValidationError(
            {"service_areas": _("Kode wilayah tidak dikenal: %(codes)s.")
             % {"codes": ", ".join(sorted(set(areas) - known))}}
        )  # fmt: skip


@transaction.atomic
def service_save(
    *, actor, data: dict, service: Service | None = None, expected_version=None
) -> Service:
    """Create or edit a service from cleaned ServiceForm data."""
    access.require_write(actor)
    values = {k: data[k] for k in SERVICE_FIELDS if k in data}
    org = values.get("organization") or (service.organization if service else None)
    if org is None or not can_edit_entry(actor, org):
        raise ValidationError({"organization": _("Pilih penyedia milik lembaga Anda.")})
    _validate_service(values)
    if values.get("shared", service.shared if service else False) and not org.shared:
        raise ValidationError(
            {
                "shared": _(
                    "Bagikan dulu penyedianya: layanan yang dibagikan tampil bersama penyedianya."
                )
            }
        )
    capacity_changed = service is None or any(
        k in values and values[k] != getattr(service, k) for k in ("capacity", "capacity_count")
    )
    if capacity_changed:
        values["capacity_updated_at"] = timezone.now()
    if service is None:
        service = Service.objects.create(agency=access.agency_of(actor), created_by=actor, **values)
    else:
        require_edit_entry(actor, service)
        save_versioned(service, expected_version, **values)
    if "terms" in data:
        service.terms.set(data["terms"])
    if "locations" in data:
        ServiceAtLocation.objects.filter(service=service).exclude(
            location__in=data["locations"]
        ).delete()
        have = set(
            ServiceAtLocation.objects.filter(service=service).values_list("location_id", flat=True)
        )
        ServiceAtLocation.objects.bulk_create(
            [ServiceAtLocation(service=service, location=loc) for loc in data["locations"]
             if loc.pk not in have]
        )  # fmt: skip
    if "days" in data:
        Schedule.objects.filter(service=service).delete()
        if data.get("days"):
            Schedule.objects.create(
                service=service,
                byday=",".join(data["days"]),
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
            )
    if "phone" in data:
        _set_phone(service=service, number=data["phone"], kind=data.get("phone_type", ""))
    if "contact_name" in data:
        _set_contact(
            service=service,
            name=data["contact_name"],
            title=data.get("contact_title", ""),
            email=data.get("contact_email", ""),
        )
    index_service(service)
    schedule_rematch(service.pk)
    return service


@transaction.atomic
def service_set_capacity(
    *, actor, service: Service, capacity: str, count: int | None, expected_version: int
) -> Service:
    require_edit_entry(actor, service)
    save_versioned(
        service,
        expected_version,
        capacity=capacity,
        capacity_count=count,
        capacity_updated_at=timezone.now(),
    )
    schedule_rematch(service.pk)
    return service


@transaction.atomic
def service_delete(*, actor, service: Service) -> None:
    require_edit_entry(actor, service)
    save_versioned(service, service.version, deleted_at=timezone.now())
