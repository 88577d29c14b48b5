"""An agency's records of processing (UU 27/2022 art. 31), built when read: each
processing activity the installed apps declare (``plugins.processing``: purpose,
data categories, lawful bases, recipients, and the parts of personal data it covers),
the measures the product itself takes, and what the agency's admin or officer wrote
(officer's contact, retention, further measures and recipients). A role module added
later is listed as soon as it declares its activity; nothing here names an app."""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pendamping import plugins
from pendamping.data_categories import DataCategory

from .models import ProcessingRecordSettings, RetentionRule
from .retention import years_of


def settings_for(agency) -> ProcessingRecordSettings:
    found = ProcessingRecordSettings.objects.filter(agency=agency).first()
    return found or ProcessingRecordSettings(agency=agency)


def built_in_measures() -> list[str]:
    """What the product does for every agency (README, "Data protection")."""
    return [
        _("Setiap pembacaan data klien tercatat (siapa, kapan, dari mana, klien mana) dan catatannya tidak dapat diubah."),
        _("Setiap pengguna hanya melihat data lembaganya sesuai perannya; diuji untuk setiap halaman dan API."),
        _("Riwayat kasus, asesmen dan perubahan disimpan tanpa dapat diubah atau dihapus (pemicu basis data)."),
        _("Catatan terbatas hanya dibaca penulisnya dan supervisornya."),
        _("Data dibagikan ke luar lembaga hanya sebatas kategori yang disetujui klien."),
        _("Berkas unggahan disimpan di folder privat dan hanya diberikan kepada pengguna yang berhak."),
    ]  # fmt: skip


def activities() -> list[dict]:
    """Every declared processing activity, in the reader's language."""
    Consent = apps.get_model("clients", "Consent")
    bases = dict(Consent.LawfulBasis.choices)
    parts = {p.key: str(p.title) for p in plugins.registry.personal_data()}
    return [
        {
            "key": a.key,
            "purpose": str(a.purpose),
            "categories": [str(DataCategory(c).label) for c in a.categories
                           if c in DataCategory.values],
            "lawful_bases": [str(bases.get(b, b)) for b in a.lawful_bases],
            "recipients": [str(r) for r in a.recipients],
            "records": [parts[k] for k in a.covers if k in parts],
        }
        for a in plugins.registry.processing()
    ]  # fmt: skip


def retention_rules(agency) -> list[str]:
    """The agency's retention rules (the retention page's, or DEFAULT_YEARS), in words."""
    years = years_of(agency.pk)
    n = years[RetentionRule.Kind.CLOSED_CASES]
    closed = ngettext(
        "Klien yang semua kasusnya ditutup: dianonimkan %(n)s tahun setelah kasus terakhir ditutup.",
        "Klien yang semua kasusnya ditutup: dianonimkan %(n)s tahun setelah kasus terakhir ditutup.",
        n,
    ) % {"n": n}  # fmt: skip
    n = years[RetentionRule.Kind.CHILD]
    child = ngettext(
        "Catatan anak: dianonimkan %(n)s tahun setelah anak berusia 18 tahun.",
        "Catatan anak: dianonimkan %(n)s tahun setelah anak berusia 18 tahun.",
        n,
    ) % {"n": n}  # fmt: skip
    return [closed, child]


def build(agency) -> dict:
    entered = settings_for(agency)
    return {
        "agency": agency.name,
        "generated_at": timezone.now(),
        "activities": activities(),
        "officer_contact": entered.officer_contact,
        "retention_rules": retention_rules(agency),
        "retention": entered.retention,
        "measures": built_in_measures(),
        "security_measures": entered.security_measures,
        "other_recipients": [r.strip() for r in entered.other_recipients.splitlines() if r.strip()],
        "updated_at": entered.updated_at,
    }
