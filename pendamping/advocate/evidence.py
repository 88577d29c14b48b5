"""Evidence files of a complaint (photos of a letter, a decree, a screenshot; a PDF).

Judged by their content (pendamping/uploads.py), never by name or the browser's word:
JPEG, PNG or WebP images, re-encoded so their EXIF (position, time, device) is gone,
or PDF. At most ``ADVOCATE_EVIDENCE_MAX_BYTES``. Stored under a random name in the
private folder ``ADVOCATE_UPLOAD_DIR`` (never under a served URL), written when the
row commits (a rolled-back upload leaves no file), served only by the ``evidence``
view to whoever may see the complaint. The label is the user's; the original file
name is not kept (it often holds a name).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import uploads
from pendamping.accounts import access
from pendamping.concurrency import save_versioned

from .models import Complaint, Evidence

MAX_PIXELS = uploads.MAX_IMAGE_PIXELS


def max_bytes() -> int:
    return int(settings.ADVOCATE_EVIDENCE_MAX_BYTES)


def upload_dir() -> Path:
    return Path(settings.ADVOCATE_UPLOAD_DIR)


def _clean(upload) -> tuple[bytes, str, str]:
    return uploads.clean_upload(upload, field="file", max_bytes=max_bytes(), max_pixels=MAX_PIXELS,
                                wrong_type=_("Unggah foto (JPEG, PNG, WebP) atau PDF."))  # fmt: skip


@transaction.atomic
def evidence_add(*, actor, complaint: Complaint, upload, label: str) -> Evidence:
    access.require_write(actor)
    if upload is None:
        raise ValidationError({"file": _("Pilih berkas bukti.")})
    data, content_type, ext = _clean(upload)
    row = Evidence(complaint=complaint, label=(label or "").strip(), content_type=content_type,
                   size=len(data), uploaded_by=actor, file_name="-")  # fmt: skip
    row.full_clean(exclude=["complaint", "file_name", "uploaded_by"])
    row.file_name = uploads.store_private_on_commit(upload_dir(), data, ext)
    row.save()
    return row


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    """Out of every list; the file goes when the deletion commits."""
    access.require_delete(actor)
    save_versioned(evidence, evidence.version, deleted_at=timezone.now())
    path = path_of(evidence)
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


def path_of(evidence: Evidence) -> Path:
    return upload_dir() / evidence.file_name
