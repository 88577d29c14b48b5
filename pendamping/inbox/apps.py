from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "pendamping.inbox"
    label = "inbox"
    verbose_name = "Pemberitahuan"
