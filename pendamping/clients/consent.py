"""Structured consent: what a consent covers, its proof, and recording it twice.

A consent names its purpose and the kinds of data it covers from fixed lists
(``Consent.Purpose``, ``choices.DataCategory``). Whoever shares a client's data outside
the agency (a referral, a programme briefing) maps each field to a category and asks
``covered_categories`` which categories the client's active consents cover.

Proof (when the lawful basis is consent): a written consent carries its scanned form
(a JPEG, PNG or WebP photo, re-encoded so its EXIF is gone, or a PDF; judged by its
content, at most ``CONSENT_PROOF_MAX_BYTES``), stored under a random name in the
private folder ``CONSENT_UPLOAD_DIR`` and served only by the scoped ``consent_proof``
view; a verbal (*lisan*) consent names its witness and the day it was given; a
recorded (*terekam*, audio or video) consent names where the recording is kept and the
day it was made (``given_on``: the consent is given as it is recorded). The recording
itself is not uploaded: it stays in the agency's archive.

Recording a consent while an active one for the same purpose stands is refused
unless the worker confirms it (``confirm_repeat``): a renewed form is a real reason,
a double click or a forgotten earlier record is not (defect 14 of issue 14).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pendamping import uploads

from .choices import DataCategory
from .models import Consent


def active(queryset):
    """The consents of `queryset` in force today (not withdrawn, not past retention)."""
    today = timezone.localdate()
    return queryset.filter(withdrawn_at__isnull=True).filter(
        Q(retention_until__isnull=True) | Q(retention_until__gte=today)
    )


def covered_categories(client_ids: Iterable[int], purpose: str) -> dict[int, set[str]]:
    """Per client, the data categories its active consents for `purpose` cover (a
    client without one is absent). One query, whatever the number of clients."""
    out: dict[int, set[str]] = {}
    rows = active(Consent.objects.filter(client_id__in=list(client_ids), purpose=purpose))
    for client_id, categories in rows.values_list("client_id", "data_categories"):
        out.setdefault(client_id, set()).update(categories or [])
    return out


def category_label(code: str) -> str:
    return str(DataCategory(code).label) if code in DataCategory.values else code


# ---- the scanned form ----------------------------------------------------------------


def max_bytes() -> int:
    return int(settings.CONSENT_PROOF_MAX_BYTES)


def upload_dir() -> Path:
    return Path(settings.CONSENT_UPLOAD_DIR)


def path_of(consent: Consent) -> Path:
    return upload_dir() / consent.proof_file


def clean_proof(upload) -> tuple[bytes, str, str]:
    """(bytes, content type, extension) of a scanned form; ValidationError on `proof`."""
    return uploads.clean_upload(
        upload, field="proof", max_bytes=max_bytes(),
        wrong_type=_("Unggah foto (JPEG, PNG, WebP) atau PDF formulir."),
    )  # fmt: skip


# ---- checks made when a consent is recorded -------------------------------------------


def check(consent: Consent, *, has_proof: bool) -> None:
    """The categories, the proof and the day of a consent about to be recorded."""
    errors: dict[str, str] = {}
    categories = consent.data_categories
    if not isinstance(categories, list) or not all(
        isinstance(c, str) and c in DataCategory.values for c in categories
    ):
        errors["data_categories"] = _("Pilih kategori data dari daftar.")
    elif not categories:
        errors["data_categories"] = _("Pilih setidaknya satu kategori data yang dicakup.")
    else:
        consent.data_categories = [c for c in DataCategory.values if c in categories]
    today = timezone.localdate()
    if consent.given_on and consent.given_on > today:
        errors["given_on"] = _("Tanggal persetujuan tidak boleh di masa depan.")
    if consent.lawful_basis == Consent.LawfulBasis.CONSENT:
        if consent.method == Consent.Method.WRITTEN and not has_proof:
            errors["proof"] = _(
                "Persetujuan tertulis: unggah pindaian formulir yang ditandatangani."
            )
        if consent.method == Consent.Method.VERBAL:
            if not (consent.witness_name or "").strip():
                errors["witness_name"] = _("Persetujuan lisan: isi nama saksi yang mendengarnya.")
            if not consent.given_on:
                errors["given_on"] = _("Persetujuan lisan: isi tanggal persetujuan diberikan.")
        if consent.method == Consent.Method.RECORDED:
            if not (consent.recording_reference or "").strip():
                errors["recording_reference"] = _(
                    "Persetujuan terekam: sebutkan tempat rekaman disimpan, misalnya "
                    "folder, arsip atau nomor berkasnya."
                )
            if not consent.given_on:
                errors["given_on"] = _("Persetujuan terekam: isi tanggal rekaman dibuat.")
    if errors:
        raise ValidationError(errors)
    consent.witness_name = (consent.witness_name or "").strip()
    consent.recording_reference = (consent.recording_reference or "").strip()
    consent.given_on = consent.given_on or today


def check_repeat(consent: Consent, *, confirm_repeat: bool) -> None:
    """Refuses a second active consent for the same purpose unless confirmed."""
    if confirm_repeat:
        return
    earlier = (
        active(Consent.objects.filter(client_id=consent.client_id, purpose=consent.purpose))
        .select_related("recorded_by")
        .order_by("-recorded_at")
        .first()
    )
    if earlier is None:
        return
    raise ValidationError(
        {
            "confirm_repeat": _(
                "Persetujuan untuk tujuan ini sudah tercatat dan masih berlaku (dicatat "
                "%(date)s oleh %(by)s; mencakup: %(categories)s). Jika ini persetujuan baru, "
                "misalnya formulir yang diperbarui, centang konfirmasi dan simpan lagi. Untuk "
                "mempersempit cakupannya, tarik dulu persetujuan yang lama."
            )
            % {
                "date": date_format(timezone.localtime(earlier.recorded_at), "j F Y"),
                "by": earlier.recorded_by,
                "categories": ", ".join(earlier.category_labels()) or earlier.data_types or "-",
            }
        },
        code="repeat",
    )
