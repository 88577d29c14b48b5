from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocateConfig(AppConfig):
    name = "pendamping.advocate"
    label = "advocate"
    verbose_name = _("Advokasi")
