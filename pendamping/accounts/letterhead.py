"""The agency's letterhead (*kop surat*) and its letter numbers (*nomor surat*).

`Letterhead` holds what heads every PDF the agency prints (pendamping/pdf.py puts it
in the context of every printout as `letterhead`): the agency's name as it signs,
address, city (for the place and date line), phone, e-mail, logo, and the numbering
pattern of its letters. The logo is kept in the row (re-encoded from its pixels by
pendamping/uploads.py, so at most a few hundred KB), which the PDF embeds.

`next_letter_number(agency, kind, on)` gives the next number of the agency's year:
`LetterCounter` has one row per agency and year, created with an INSERT that ignores
a conflict and then locked with SELECT ... FOR UPDATE, so two letters numbered at
the same moment on PostgreSQL wait for each other and never get one number; a
number is never given twice, even when the letter that took it is never printed.
"""

from __future__ import annotations

import datetime

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

DEFAULT_PATTERN = "{seq}/{kind}/{unit}/{month}/{year}"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PLACEHOLDERS = {"seq", "kind", "unit", "month", "year"}


class Letterhead(models.Model):
    agency = models.OneToOneField("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama pada kop surat"), max_length=200)
    address = models.TextField(_("alamat"), blank=True)
    city = models.CharField(_("kota tempat surat dibuat"), max_length=100, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    unit = models.CharField(_("kode unit"), max_length=30, blank=True)
    number_pattern = models.CharField(
        _("pola nomor surat"), max_length=100, default=DEFAULT_PATTERN
    )
    countersign = models.BooleanField(
        _("supervisor ikut menandatangani (Mengetahui)"), default=False
    )
    logo = models.BinaryField(null=True, blank=True)
    logo_type = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kop surat")
        verbose_name_plural = _("kop surat")

    def __str__(self) -> str:
        return self.name

    @property
    def logo_data_uri(self) -> str:
        import base64

        if not self.logo:
            return ""
        return f"data:{self.logo_type};base64,{base64.b64encode(bytes(self.logo)).decode()}"


class LetterCounter(models.Model):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="letter_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


def letterhead_of(agency) -> Letterhead | None:
    if agency is None:
        return None
    return Letterhead.objects.filter(agency=agency).first()


# The longest letter number the apps keep (broker.Referral.letter_number's max_length).
LETTER_NUMBER_MAX = 100


def _fill(pattern: str, *, seq: str, kind: str, unit: str, on: datetime.date) -> str:
    return pattern.format(seq=seq, kind=kind, unit=unit or "-", month=ROMAN[on.month - 1],
                          year=on.year)  # fmt: skip


def format_number(pattern: str, *, seq: int, kind: str, unit: str, on: datetime.date) -> str:
    return _fill(pattern, seq=f"{seq:03d}", kind=kind, unit=unit, on=on)


def _reserve(agency, on: datetime.date, count: int) -> int:
    """Take `count` consecutive numbers of the agency's year (the counter row locked
    meanwhile); returns the last number taken before them."""
    with transaction.atomic():
        LetterCounter.objects.bulk_create(
            [LetterCounter(agency=agency, year=on.year)], ignore_conflicts=True
        )
        counter = LetterCounter.objects.select_for_update().get(agency=agency, year=on.year)
        before = counter.last
        counter.last += count
        counter.save(update_fields=["last"])
    return before


def _pattern_of(agency) -> tuple[str, str]:
    head = letterhead_of(agency)
    return (head.number_pattern if head else DEFAULT_PATTERN), (head.unit if head else "")


def next_letter_number(agency, kind: str, on: datetime.date) -> str:
    """The next letter number of the agency in the year of `on`, e.g. 007/RJK/LKS/XII/2026."""
    seq = _reserve(agency, on, 1) + 1
    pattern, unit = _pattern_of(agency)
    return format_number(pattern, seq=seq, kind=kind, unit=unit, on=on)


SEQ_MARK = "\x00"


def reserve_letter_numbers(
    agency, kind: str, on: datetime.date, count: int
) -> tuple[int, list[str]]:
    """Take `count` consecutive numbers of the agency's year at once, for a batch of
    letters numbered in the database (the breach's "issue all"): returns the number
    before the first one and the pattern's text around each ``{seq}`` (the parts that
    `format_number` puts between the sequence numbers)."""
    before = _reserve(agency, on, count)
    pattern, unit = _pattern_of(agency)
    return before, _fill(pattern, seq=SEQ_MARK, kind=kind, unit=unit, on=on).split(SEQ_MARK)
