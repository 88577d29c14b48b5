"""Notifications: one row per recipient and thing to look at.

A row holds ids, a kind code, numbers and codes to render its line (``data``), and
the path of the thing it points to: never a name or a sentence, so that erasing a
client leaves nothing of them here. The kind (registered by the app that raises it,
``plugins.notification_kind``) renders the line in the reader's language.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping import plugins


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=40)
    # the path of the thing within this site ("/cases/42/"): ids only
    url = models.CharField(max_length=300)
    # what it is about ("cases.task:17"), so that a raiser finds its own rows again
    target = models.CharField(max_length=80, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)
    # a raiser's key for "once per thing" (an overdue task is told once)
    dedupe_key = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def kind_entry(self):
        return plugins.registry.notification_kind(self.kind)

    @property
    def kind_label(self) -> str:
        entry = self.kind_entry
        return str(entry.label) if entry else self.kind

    @property
    def text(self) -> str:
        entry = self.kind_entry
        return entry.describe(self.data) if entry else ""

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailChoice(models.Model):
    """A kind the user also wants by e-mail (a link only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_emails"
    )
    kind = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_email_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
