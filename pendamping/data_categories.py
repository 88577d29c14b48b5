"""The fixed list of kinds of personal data (UU 27/2022): what a consent covers
(clients), what a referral or briefing field is (broker, facilitator), what a breach
touched and what each processing activity handles (privacy). Below the apps, so each
of them reads the one list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataCategory(models.TextChoices):
    """The kinds of personal data a consent names (UU 27/2022 PDP Art 20-22: a consent
    says which data it covers). Referrals and programme briefings map each field they
    share to one of these and share a field only when the consent covers its kind."""

    IDENTITY = "identity", _("Identitas (nama, NIK, jenis kelamin, usia)")
    CONTACT = "contact", _("Kontak dan alamat")
    FAMILY = "family", _("Keluarga")
    HEALTH = "health", _("Kesehatan")
    DISABILITY = "disability", _("Disabilitas dan aksesibilitas")
    RELIGION = "religion", _("Agama dan keyakinan")
    EDUCATION = "education", _("Pendidikan dan kemampuan baca tulis")
    FINANCE = "finance", _("Keuangan dan pekerjaan")
    WELFARE = "welfare", _("Kategori PPKS dan bantuan sosial")
    LEGAL = "legal", _("Perkara hukum")
    CASE_NOTES = "case_notes", _("Catatan kasus")
    ASSESSMENT = "assessment", _("Hasil asesmen")
    PHOTO = "photo", _("Foto")
