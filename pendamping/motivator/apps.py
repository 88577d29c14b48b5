from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotivatorConfig(AppConfig):
    name = "pendamping.motivator"
    label = "motivator"
    verbose_name = _("Motivator")
