"""The request parser's schema errors in the reader's language: the types the input
schemas use (pendamping/schema_types.py: choices, lengths, text without control
characters, number ranges) get a message of our own in each error's `msg`, and the
answer's `detail` names the first field at fault, as the services' answers do."""

from django.utils.translation import gettext as _

from pendamping import schema_types

REQUIRED_PATTERNS = {schema_types.SINGLE_LINE_REQUIRED, schema_types.LONG_REQUIRED}
TEXT_PATTERNS = REQUIRED_PATTERNS | {schema_types.SINGLE_LINE, schema_types.LONG}
RANGES = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}


def _message(error: dict) -> str | None:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_too_long":
        return _("Paling banyak %(n)s karakter.") % {"n": ctx.get("max_length")}
    if kind in ("literal_error", "enum"):  # Literal[...] or a TextChoices class
        return _("Pilih salah satu dari: %(values)s.") % {"values": ctx.get("expected", "")}
    if kind in RANGES:
        return _("Angka di luar batas.")
    if kind == "too_long":
        return _("Terlalu banyak pilihan.")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in TEXT_PATTERNS:
        if ctx["pattern"] in REQUIRED_PATTERNS:  # (ninja leaves the input out)
            return _("Bagian ini wajib diisi, tanpa karakter kontrol.")
        return _("Teks ini tidak boleh berisi karakter kontrol.")
    if kind == "string_pattern_mismatch":
        return _("Formatnya tidak sesuai.")
    return None


def translated(errors: list[dict]) -> tuple[str, list[dict]]:
    """(detail, errors) for a 422 of the request parser."""
    out, first = [], None
    for error in errors:
        message = _message(error)
        error = {k: v for k, v in error.items() if k != "ctx"} | (
            {"msg": message} if message else {}
        )
        out.append(error)
        if first is None and message:
            loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
            first = f"{'.'.join(loc)}: {message}" if loc else message
    return first or _("Data yang dikirim tidak valid."), out
