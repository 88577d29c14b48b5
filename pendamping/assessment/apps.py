from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "pendamping.assessment"
    label = "assessment"
    verbose_name = _("Asesmen")

    def ready(self):
        from . import checks  # noqa: F401  (registers the instrument definition check)
