"""The taxonomy of needs and services: what a case needs and what a service offers
are named with the same terms, so that the broker can match one to the other."""

import uuid

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TaxonomyTerm(models.Model):
    """A term of the social-services taxonomy shipped in `data/taxonomy.json`."""

    TAXONOMY = "pendamping-layanan-sosial"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    code = models.CharField(_("kode"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_id = models.CharField(_("nama (Indonesia)"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120)
    description_id = models.TextField(_("uraian (Indonesia)"), blank=True)
    description_en = models.TextField(_("uraian (Inggris)"), blank=True)

    class Meta:
        # the table the broker created before the taxonomy had its own app
        db_table = "broker_taxonomyterm"
        verbose_name = _("istilah taksonomi")
        verbose_name_plural = _("taksonomi layanan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    @property
    def description(self) -> str:
        en = (get_language() or "id").startswith("en")
        return (self.description_en if en else self.description_id) or ""
