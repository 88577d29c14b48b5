from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "pendamping.taxonomy"
    label = "taxonomy"
    verbose_name = _("Taksonomi kebutuhan dan layanan")
