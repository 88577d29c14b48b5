"""The inbox's scope: a user's notifications are theirs alone."""

from django.db.models import QuerySet

from pendamping import plugins

from .models import Notification


@plugins.scope("inbox.Notification", rule="The user's own notifications; nobody else's.")
def notifications_for(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)
