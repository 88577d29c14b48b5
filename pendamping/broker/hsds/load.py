"""Reading HSDS JSON: one file (an object or a list of objects) or a folder of them."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils.translation import gettext as _

from .report import HsdsLoadError, ImportIssue


class LoadedObjects(list):
    """The objects of `load_path`, with `sources[i]` the file object i came from."""

    def __init__(self, items=(), sources=()):
        super().__init__(items)
        self.sources: list[str] = list(sources)


def load_path(path) -> list[dict]:
    """Objects from a JSON file (one object or a list) or a folder of *.json files.

    Raises HsdsLoadError naming every file that is missing, unreadable, not JSON,
    or not an object / a list of objects.
    """
    path = Path(path)
    issues: list[ImportIssue] = []
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            issues.append(
                ImportIssue(None, str(path), "", _("Folder ini tidak berisi berkas .json."))
            )
    elif path.exists():
        files = [path]
    else:
        files = []
        issues.append(ImportIssue(None, str(path), "", _("Berkas atau folder tidak ditemukan.")))
    out = LoadedObjects()
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            issues.append(
                ImportIssue(
                    None, str(f), "", _("Berkas tidak dapat dibaca: %(error)s") % {"error": exc}
                )
            )
            continue
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            issues.append(
                ImportIssue(
                    None, str(f), "", _("Berkas bukan JSON yang sah: %(error)s") % {"error": exc}
                )
            )
            continue
        items = data if isinstance(data, list) else [data]
        if not all(isinstance(x, dict) for x in items):
            issues.append(
                ImportIssue(
                    None, str(f), "", _("Isi berkas harus satu objek JSON atau daftar objek JSON.")
                )
            )
            continue
        out.extend(items)
        out.sources.extend([f.name] * len(items))
    if issues:
        raise HsdsLoadError(issues)
    return out
