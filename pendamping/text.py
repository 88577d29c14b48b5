"""Validators for text that people type: what a database stores and a page shows
as it was meant. Used on the model fields, so forms, services and the API all apply
them (DESIGN.md: validate at the edge)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# A progress note or an assessment section: a long page, not a book.
LONG_TEXT_MAX = 20_000


def _control_characters(value: str, allowed: str) -> bool:
    if not value or value.isprintable():  # no control character (in C, most text)
        return False
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value or "")


def single_line(value: str) -> None:
    """A name or a place: no control characters at all (tabs and line breaks too)."""
    if _control_characters(value, ""):
        raise ValidationError(_("Teks ini tidak boleh berisi karakter kontrol."), code="control")


def long_text(value: str) -> None:
    """A note: tabs and line breaks, but no other control characters."""
    if _control_characters(value, "\t\n\r"):
        raise ValidationError(_("Teks ini tidak boleh berisi karakter kontrol."), code="control")


LONG_TEXT = [long_text, MaxLengthValidator(LONG_TEXT_MAX)]


def choice_label(choices, value) -> str:
    """The label of `value` in a TextChoices enum, as a model's get_FOO_display shows
    it (the stored value when it is not a choice), without building Django's dict of
    every choice, which translates each lazy label on each call."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
