from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "pendamping.privacy"
    label = "privacy"
    verbose_name = "Pelindungan data pribadi"

    def ready(self) -> None:
        from . import log, restriction

        log.connect()
        restriction.connect()
