"""The agency's complaint settings, written by its admin only, each change audited
(``SettingChange``, append-only: who, what, the values before and after):

- categories on two levels with their SLA (a changed SLA applies to complaints
  received afterwards; the deadlines already set stay, as promised to the
  complainant);
- the agency's days off (*cuti bersama*, local holidays) for the working-day clock
  (likewise for deadlines set from then on, and for every outside body's clock);
- the outside bodies' time limits the agency counts itself (limits.py).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.concurrency import save_versioned

from .models import AgencyDayOff, Body, Category, FilingLimit, SettingChange, SlaUnit


def _values(row, fields) -> dict:
    out = {}
    for f in fields:
        v = getattr(row, f)
        out[f] = v.isoformat() if isinstance(v, datetime.date) else v
    return out


def _audit(actor, what: str, action: str, row, before=None, after=None) -> None:
    SettingChange.log(agency_id=row.agency_id, actor=actor, what=what, action=action,
                      object_id=row.pk, before=before, after=after)  # fmt: skip


CATEGORY_FIELDS = ("name", "parent_id", "sla_amount", "sla_unit")
DAY_OFF_FIELDS = ("day", "name")
LIMIT_FIELDS = ("body", "label", "days", "source")


@transaction.atomic
def day_off_add(*, actor, day: datetime.date, name: str) -> AgencyDayOff:
    access.require_manage_agency(actor)
    agency = access.agency_of(actor)
    if AgencyDayOff.objects.alive().filter(agency=agency, day=day).exists():
        raise ValidationError({"day": _("Tanggal ini sudah tercatat sebagai hari libur.")})
    row = AgencyDayOff(agency=agency, day=day, name=(name or "").strip())
    return _create(actor, row, "day_off", DAY_OFF_FIELDS)


@transaction.atomic
def day_off_delete(*, actor, row: AgencyDayOff) -> None:
    _delete(actor, row, "day_off", DAY_OFF_FIELDS)


def _delete(actor, row, what: str, fields) -> None:
    access.require_manage_agency(actor)
    save_versioned(row, row.version, deleted_at=timezone.now())
    _audit(actor, what, "deleted", row, before=_values(row, fields))


def _create(actor, row, what: str, fields):
    row.full_clean()
    row.save()
    _audit(actor, what, "created", row, after=_values(row, fields))
    return row


@transaction.atomic
def category_save(*, actor, data: dict, category: Category | None = None) -> Category:
    access.require_manage_agency(actor)
    agency = access.agency_of(actor)
    parent = data.get("parent")
    if parent is not None and (
        parent.agency_id != agency.pk or parent.parent_id is not None or parent.deleted_at
        or (category is not None and parent.pk == category.pk)
    ):  # fmt: skip
        raise ValidationError({"parent": _("Kategori induk harus kategori tingkat pertama.")})
    if category is not None and parent is not None and category.children.alive().exists():
        raise ValidationError(
            {"parent": _("Kategori yang punya sub-kategori tidak bisa menjadi sub-kategori.")}
        )
    fields = {
        "name": " ".join((data.get("name") or "").split()),
        "parent": parent,
        "sla_amount": data.get("sla_amount") or 72,
        "sla_unit": data.get("sla_unit") or SlaUnit.HOURS,
    }
    twins = Category.objects.alive().filter(agency=agency, parent=parent,
                                            name__iexact=fields["name"])  # fmt: skip
    if category is not None:
        twins = twins.exclude(pk=category.pk)
    if fields["name"] and twins.exists():
        raise ValidationError({"name": _("Kategori dengan nama ini sudah ada.")})
    if category is None:
        category = Category(agency=agency, **fields)
        category.full_clean()
        category.save()
        _audit(actor, "category", "created", category, after=_values(category, CATEGORY_FIELDS))
        return category
    before = _values(category, CATEGORY_FIELDS)
    for key, value in fields.items():
        setattr(category, key, value)
    category.full_clean()
    save_versioned(category, data.get("version"), **fields)
    _audit(actor, "category", "changed", category, before=before,
           after=_values(category, CATEGORY_FIELDS))  # fmt: skip
    return category


@transaction.atomic
def category_delete(*, actor, category: Category, expected_version: int) -> None:
    """Out of the intake form and the lists' filters; complaints keep their category."""
    access.require_manage_agency(actor)
    if category.children.alive().exists():
        raise ValidationError({"category": _("Hapus dulu sub-kategorinya.")})
    save_versioned(category, expected_version, deleted_at=timezone.now())
    _audit(actor, "category", "deleted", category, before=_values(category, CATEGORY_FIELDS))


@transaction.atomic
def filing_limit_add(*, actor, data: dict) -> FilingLimit:
    access.require_manage_agency(actor)
    if data.get("body") not in Body.values:
        raise ValidationError({"body": _("Instansi tidak dikenal.")})
    row = FilingLimit(
        agency=access.agency_of(actor), body=data["body"],
        label=" ".join((data.get("label") or "").split()), days=data.get("days"),
        source=" ".join((data.get("source") or "").split()),
    )  # fmt: skip
    return _create(actor, row, "filing_limit", LIMIT_FIELDS)


@transaction.atomic
def filing_limit_delete(*, actor, row: FilingLimit) -> None:
    _delete(actor, row, "filing_limit", LIMIT_FIELDS)
