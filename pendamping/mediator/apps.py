from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediatorConfig(AppConfig):
    name = "pendamping.mediator"
    label = "mediator"
    verbose_name = _("Mediator")
