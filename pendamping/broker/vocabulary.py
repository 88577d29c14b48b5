"""Terms of other vocabularies that imported services carry, and how they map to ours.

An HSDS file of another publisher names its services' types with its own taxonomy
(AIRS/211, Open Eligibility, a province's list…). The import keeps each such term as
an `ExternalTerm` (its vocabulary and code, unique together) linked to the service;
an agency's `TermMapping` says which Pendamping `TaxonomyTerm` a vocabulary's code
means, and the services of that agency carrying the code get that term for matching.
`MappingChange` is the append-only trail of every mapping made, changed or removed
(on the admin's page, by a CSV there or by `hsds_mappings`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.accounts.models import Agency
from pendamping.history import AppendOnlyModel
from pendamping.taxonomy.models import TaxonomyTerm


class ExternalTerm(models.Model):
    """A term of another vocabulary: `code` is the publisher's code, or its name if none."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    vocabulary = models.CharField(_("kosakata"), max_length=200, blank=True)
    code = models.CharField(_("kode"), max_length=200)
    name = models.CharField(_("nama"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("istilah kosakata lain")
        verbose_name_plural = _("istilah kosakata lain")
        ordering = ["vocabulary", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="external_term_unique")
        ]

    def __str__(self) -> str:
        label = f"{self.code} {self.name}" if self.name and self.name != self.code else self.code
        return f"{self.vocabulary}: {label}" if self.vocabulary else label


class TermMapping(models.Model):
    """One agency's reading of a code of another vocabulary as one of our terms."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    vocabulary = models.CharField(_("kosakata"), max_length=200, blank=True)
    code = models.CharField(_("kode"), max_length=200)
    term = models.ForeignKey(
        TaxonomyTerm, verbose_name=_("istilah Pendamping"), on_delete=models.PROTECT
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pemetaan istilah")
        verbose_name_plural = _("pemetaan istilah")
        ordering = ["vocabulary", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "vocabulary", "code"], name="term_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code} → {self.term_id}"


class MappingChange(AppendOnlyModel):
    """Who mapped, changed or removed one code of another vocabulary, and how: the
    term codes before and after (blank when there was none, or none is left)."""

    class Action(models.TextChoices):
        CREATED = "created", _("dipetakan")
        CHANGED = "changed", _("diubah")
        REMOVED = "removed", _("dihapus")

    class Source(models.TextChoices):
        PAGE = "page", _("halaman pemetaan")
        CSV = "csv", _("impor CSV")
        COMMAND = "command", _("baris perintah")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # none from the command line, which runs as no user
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    vocabulary = models.CharField(max_length=200, blank=True)
    code = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    before = models.CharField(max_length=100, blank=True)  # our term's code
    after = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["agency", "-at"], name="mapping_change_recent")]
