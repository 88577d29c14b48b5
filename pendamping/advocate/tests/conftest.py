"""Helpers for the advocate tests: categories and complaints of agency A."""

from django.utils import timezone

from pendamping.advocate import services
from pendamping.advocate.models import Category


def category(f, name="Bansos", *, amount=72, unit="hours", parent=None):
    return Category.objects.create(
        agency=f.agency, name=name, sla_amount=amount, sla_unit=unit, parent=parent
    )


def group_data(f, cat, **extra):
    from pendamping.clients.models import Region

    return {
        "complainant_kind": "group", "complainant_name": "Pak Darto",
        "complainant_contact": "0812-1111-2222", "group_name": "Warga RW 05 Maleber",
        "mandate": "Surat kuasa warga RW 05", "mandate_on": timezone.localdate(),
        "region": Region.objects.get(code="32.73.05.1001"), "channel": "walk_in",
        "category": cat, "severity": "high", "sensitivity": "standard",
        "subject": "Data penerima bansos salah", "description": "Banyak warga miskin tidak terdata",
        "obstacles": "Tidak tahu ke mana melapor", "wanted_resolution": "Data diperbaiki",
    } | extra  # fmt: skip


def receive_group(f, cat=None, **extra):
    cat = cat or category(f)
    cosigners = [
        {"name": "Bu Sri", "consent_given": True},
        {"name": "Pak Joko", "consent_given": True},
    ]
    return services.complaint_receive(
        actor=f.users["worker"], data=group_data(f, cat, **extra), cosigners=cosigners
    )


def receive_anonymous(f, cat=None, contact="Kotak surat 12", **extra):
    cat = cat or category(f, "Panti")
    data = {
        "complainant_kind": "anonymous", "channel": "letter", "category": cat,
        "severity": "critical", "sensitivity": "highly_sensitive",
        "subject": "Perlakuan kasar di panti", "description": "Anak-anak dibentak",
    } | extra  # fmt: skip
    return services.complaint_receive(actor=f.users["worker"], data=data, anonymous_contact=contact)
