"""The record of each level of a juvenile diversion (UU 11/2012 SPPA): investigation
(penyidikan), prosecution (penuntutan), court (pemeriksaan di pengadilan). Diversion
is attempted at each level (Art 7(1)); a level that ends in a failed diversion, or in
an agreement not carried out, sends the case on to the next (Art 13), where it is
attempted again with clocks of its own (clocks.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.concurrency import save_versioned

from .models import LEVEL_ORDER, DiversionLevel, Level, LevelResult, Mediation

DATES = ("diversion_started_on", "agreement_reached_on", "agreement_sent_on",
         "failure_reported_on", "followed_up_on")  # fmt: skip
FIELDS = (*DATES, "result", "agreement", "ruling")
# the results after which the case goes on to the next level (SPPA Art 13)
GOES_ON = (LevelResult.FAILED, LevelResult.NOT_CARRIED_OUT)
# (earlier, later): the later date cannot come before the earlier
ORDER = (("started_on", "diversion_started_on"), ("diversion_started_on", "agreement_reached_on"),
         ("agreement_reached_on", "agreement_sent_on"),
         ("agreement_reached_on", "failure_reported_on"),
         ("failure_reported_on", "followed_up_on"))  # fmt: skip


def _active(mediation: Mediation) -> None:
    from .services import require_active

    require_active(mediation)
    if not mediation.is_diversion:
        raise ValidationError(_("Tingkat pemeriksaan hanya untuk diversi anak."))


def start(mediation: Mediation, level: str, started_on) -> DiversionLevel:
    """The level begins (no permission check: the callers make it)."""
    _active(mediation)
    if level not in Level.values:
        raise ValidationError({"level": _("Pilih tingkat pemeriksaan.")})
    if started_on is None or started_on > timezone.localdate():
        raise ValidationError(
            {"started_on": _("Isi tanggal dimulainya tingkat ini (tidak di masa depan).")}
        )
    levels = list(mediation.levels.alive())
    if levels:
        last = levels[-1]
        if LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(last.level):
            raise ValidationError(
                {"level": _("Tingkat berikutnya harus sesudah tingkat terakhir.")}
            )
        if last.result not in GOES_ON:
            raise ValidationError(
                {
                    "level": _(
                        "Perkara berlanjut ke tingkat berikutnya hanya bila diversi gagal atau "
                        "kesepakatannya tidak dilaksanakan (UU 11/2012 Pasal 13)."
                    )
                }
            )
        if started_on < last.started_on:
            raise ValidationError(
                {"started_on": _("Tingkat ini tidak dimulai sebelum tingkat sebelumnya.")}
            )
    record = DiversionLevel(mediation=mediation, level=level, started_on=started_on)
    record.full_clean(exclude=["mediation"])
    record.save()
    return record


@transaction.atomic
def level_start(*, actor, mediation: Mediation, level: str, started_on) -> DiversionLevel:
    access.require_write(actor)
    return start(mediation, level, started_on)


def _check(values: dict) -> None:
    errors = {}
    today = timezone.localdate()
    for key in DATES:
        if values[key] is not None and values[key] > today:
            errors[key] = _("Tanggal tidak boleh di masa depan.")
    for earlier, later in ORDER:
        if values[earlier] and values[later] and values[later] < values[earlier]:
            errors.setdefault(later, _("Tanggal ini tidak boleh sebelum tahap sebelumnya."))
    result = values["result"]
    if result and result not in LevelResult.values:
        errors["result"] = _("Pilih hasil diversi.")
    needs_agreement = result in (LevelResult.AGREED, LevelResult.CARRIED_OUT,
                                 LevelResult.NOT_CARRIED_OUT)  # fmt: skip
    if (needs_agreement or values["agreement_sent_on"]) and not values["agreement_reached_on"]:
        errors.setdefault("agreement_reached_on", _("Isi tanggal kesepakatan dicapai."))
    if result == LevelResult.NOT_CARRIED_OUT and not values["failure_reported_on"]:
        errors.setdefault(
            "failure_reported_on", _("Isi tanggal tidak dilaksanakannya kesepakatan dilaporkan.")
        )
    if values["failure_reported_on"] and result != LevelResult.NOT_CARRIED_OUT:
        errors.setdefault("result", _("Laporan kesepakatan tidak dilaksanakan: pilih hasil itu."))
    if values["followed_up_on"] and not values["failure_reported_on"]:
        errors.setdefault("followed_up_on", _("Tindak lanjut menyusul laporan."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def level_update(*, actor, record: DiversionLevel, data: dict, expected_version=None):
    """The level's dates, result and agreement (what ``data`` names; the rest stays)."""
    access.require_write(actor)
    _active(record.mediation)
    changes = {k: data[k] for k in FIELDS if k in data}
    for key in ("result", "agreement", "ruling"):
        if key in changes:
            changes[key] = " ".join((changes[key] or "").split())
    values = {k: getattr(record, k) for k in ("started_on", *FIELDS)} | changes
    _check(values)
    for key, value in changes.items():
        setattr(record, key, value)
    record.full_clean(exclude=["mediation"])
    save_versioned(record, expected_version, **changes)
    return record


def on_signed(mediation: Mediation, signed_on) -> None:
    """A diversion's agreement signed: its current level reached an agreement."""
    level = mediation.levels.alive().order_by("started_on", "id").last()
    if level is None or level.result:
        return
    changes = {"result": LevelResult.AGREED}
    if level.agreement_reached_on is None and signed_on >= level.started_on:
        changes["agreement_reached_on"] = signed_on
    save_versioned(level, None, **changes)
