from django.apps import AppConfig


class PendampingConfig(AppConfig):
    """Listed last in INSTALLED_APPS: once every app is loaded, collect what each one
    contributes to casework (pendamping/plugins.py) and lock the registry."""

    name = "pendamping"
    label = "pendamping"
    verbose_name = "Pendamping"

    def ready(self) -> None:
        from pendamping import plugins

        plugins.autodiscover()
