"""Limits for uploaded files, checked before anything unpacks them.

A 1 MB XLSX can hold a gigabyte of whitespace: a ZIP member's size is known from the
archive's directory before any byte is inflated, and `zipfile` never inflates a member
beyond the size its directory declares (a forged size fails the CRC check instead of
growing), so checking the directory bounds the memory of whatever reads the file next.
"""

import zipfile
from pathlib import Path


class UploadTooLarge(ValueError):
    """The file unpacks to more than the limit allows."""


def check_zip(path: Path, *, max_bytes: int, max_members: int = 10_000) -> int:
    """The total unpacked size of the ZIP archive at `path`; UploadTooLarge when it (or
    the number of members) is over the limit, zipfile.BadZipFile when it is no ZIP."""
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > max_members:
            raise UploadTooLarge(f"{len(members)} members")
        total = sum(m.file_size for m in members)
    if total > max_bytes:
        raise UploadTooLarge(f"{total} bytes unpacked")
    return total


# ---- private files judged by their content -----------------------------------------

# What Pillow calls the image formats a phone camera gives -> (content type, extension).
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"),
                 "WEBP": ("image/webp", "webp")}  # fmt: skip


# The most pixels an uploaded image may have (photos of notes, evidence): a 16-megapixel
# phone photo is more than a page or a receipt needs. Decoding costs about 3 bytes per
# pixel (RGB) plus Pillow's copies for the upright turn and the re-encoding: a 40 MP
# image took about 300 MB, one at 16 MP about a third of it. Checked from the header,
# before any pixel is decoded.
MAX_IMAGE_PIXELS = 16_000_000


class UploadRefused(ValueError):
    """The file is not of an allowed type (judged by its content) or too big."""


def read_limited(upload, max_bytes: int) -> bytes:
    """The upload's bytes; UploadTooLarge past `max_bytes` (whatever it claims)."""
    if upload.size > max_bytes:
        raise UploadTooLarge(f"{upload.size} bytes")
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadTooLarge(f"more than {max_bytes} bytes")
    return data


def clean_image(
    data: bytes, *, max_pixels: int = MAX_IMAGE_PIXELS, fit: int | None = None
) -> tuple[bytes, str, str] | None:
    """(bytes, content type, extension) of an image re-encoded from its pixels, so the
    EXIF position, time and device of the original are gone; None when `data` is no
    JPEG, PNG or WebP (judged by Pillow from the content, never the name);
    UploadTooLarge past `max_pixels` (a 68-byte file can claim 20,000 x 20,000).
    With `fit`, an image longer than `fit` pixels on its long side is scaled down to
    it, keeping its proportions (a letterhead logo printed 2.4 cm wide)."""
    import io
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                if kind not in IMAGE_FORMATS:
                    return None
                if image.width * image.height > max_pixels:
                    raise UploadTooLarge(f"{image.width}x{image.height} pixels")
                image.load()
                clean = ImageOps.exif_transpose(image)  # keep it upright, drop the rest
                if fit and max(clean.size) > fit:
                    clean = clean.copy()
                    clean.thumbnail((fit, fit), Image.Resampling.LANCZOS)
                if kind == "JPEG" and clean.mode not in ("RGB", "L"):
                    clean = clean.convert("RGB")
                out = io.BytesIO()
                clean.save(out, format=kind, **({"quality": 90} if kind != "PNG" else {}))
    except UploadTooLarge:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError, Image.DecompressionBombWarning):  # fmt: skip
        return None
    content_type, ext = IMAGE_FORMATS[kind]
    return out.getvalue(), content_type, ext


def is_pdf(data: bytes) -> bool:
    """A PDF by its content: the header in the first KiB and the end-of-file marker in
    the last (what every reader looks for), not the name."""
    return b"%PDF-" in data[:1024] and b"%%EOF" in data[-1024:]


def store_upload(upload, folder: Path) -> Path:
    """The upload written at once to the private `folder` under a random name with its
    extension, owner-only (mode 0600), for a background import to read."""
    import os
    import uuid

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        for block in upload.chunks():
            fh.write(block)
    return path


def store_private_on_commit(folder: Path, data: bytes, ext: str) -> str:
    """A random file name in the private `folder` (never under a served URL); the
    bytes are written, owner-only, when the current transaction commits, so a rolled
    back transaction leaves no file behind and no row points at a file that was never
    meant to be kept. Outside a transaction the file is written at once."""
    import secrets

    from django.db import transaction

    name = f"{secrets.token_hex(16)}.{ext}"

    def write():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / name
        with open(path, "xb") as out:
            out.write(data)
        path.chmod(0o600)

    transaction.on_commit(write, robust=True)  # a full disk is logged, not a 500
    return name


def private_file_response(path: Path, content_type: str, filename: str, *, inline=True):
    """A private file for a user the caller has checked: never cached, never sniffed.
    An uploaded PDF is checked only for its markers and may carry scripts or embedded
    files: it is always downloaded, never opened in the app's own origin."""
    from django.http import FileResponse, Http404

    if not path.is_file():
        raise Http404
    # FileResponse closes the file when the response is done
    response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
    kind = "inline" if inline and content_type != "application/pdf" else "attachment"
    response["Content-Disposition"] = f'{kind}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def clean_upload(
    upload,
    *,
    field: str,
    max_bytes: int,
    wrong_type: str,
    pdf: bool = True,
    max_pixels: int = MAX_IMAGE_PIXELS,
) -> tuple[bytes, str, str]:
    """(bytes, content type, extension) of an uploaded photo, re-encoded without its
    EXIF (``clean_image``), or, with ``pdf``, of a PDF; a ValidationError on ``field``
    when it is too big, has too many pixels or is of another type (``wrong_type``, the
    caller's message naming what it takes). One reading for every private upload:
    participants' notes, complaint evidence, scanned consent forms."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    try:
        data = read_limited(upload, max_bytes)
    except UploadTooLarge:
        mb = round(max_bytes / 2**20, 1)
        mb = int(mb) if mb == int(mb) else mb
        message = _("Berkas paling besar %(mb)s MB.") if pdf else _("Foto paling besar %(mb)s MB.")
        raise ValidationError({field: message % {"mb": mb}}) from None
    try:
        image = clean_image(data, max_pixels=max_pixels)
    except UploadTooLarge:
        raise ValidationError({field: _("Foto terlalu besar: paling banyak %(mp)s megapiksel.")
                               % {"mp": max_pixels // 1_000_000}}) from None  # fmt: skip
    if image is not None:
        return image
    if pdf and is_pdf(data):
        return data, "application/pdf", "pdf"
    raise ValidationError({field: wrong_type})
