"""Capacity nobody has confirmed for a while: the directory marks it stale.

A service's capacity (available, waiting list, full) is only as good as its last
update (``Service.capacity_updated_at``). Each agency sets after how many days an
unconfirmed capacity counts as stale (``DirectorySettings``, default 30 days); its
directory shows a badge on such services, matching scores a stale capacity like an
unknown one (and says so), and the agency's writers see the list of their own stale
services to refresh, on a page, on their home page and, once a week, in their inbox.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, Case, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_STALE_DAYS = 30


class DirectorySettings(models.Model):
    """An agency's settings of its resource directory."""

    agency = models.OneToOneField("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    capacity_stale_days = models.PositiveSmallIntegerField(
        _("kapasitas dianggap usang setelah (hari)"),
        default=DEFAULT_STALE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Kapasitas yang tidak diperbarui selama ini ditandai usang."),
    )

    class Meta:
        app_label = "broker"
        verbose_name = _("pengaturan direktori")
        verbose_name_plural = _("pengaturan direktori")

    def __str__(self) -> str:
        return str(self.agency_id)


def settings_for(agency_id) -> DirectorySettings:
    found = DirectorySettings.objects.filter(agency_id=agency_id).first()
    return found or DirectorySettings(agency_id=agency_id)


def stale_before(agency_id):
    """The moment before which an agency counts a capacity as stale."""
    days = DirectorySettings.objects.filter(agency_id=agency_id).values_list(
        "capacity_stale_days", flat=True
    ).first()  # fmt: skip
    return timezone.now() - timedelta(days=days or DEFAULT_STALE_DAYS)


def stale_q(cutoff, prefix: str = "") -> Q:
    return Q(**{f"{prefix}capacity_updated_at__isnull": True}) | Q(
        **{f"{prefix}capacity_updated_at__lt": cutoff}
    )


def with_stale_flag(services, cutoff):
    """Services annotated with ``capacity_stale``."""
    return services.annotate(
        capacity_stale=Case(When(stale_q(cutoff), then=True), default=False,
                            output_field=BooleanField())
    )  # fmt: skip


def is_stale(service, cutoff) -> bool:
    return service.capacity_updated_at is None or service.capacity_updated_at < cutoff
