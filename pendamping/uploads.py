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
