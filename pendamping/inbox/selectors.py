"""Reads of the inbox, each from the user's own scope."""

from django.utils.functional import cached_property

from .access import notifications_for
from .models import EmailChoice


def inbox(user, *, unread_only: bool = False):
    qs = notifications_for(user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def email_kinds(user) -> set[str]:
    return set(EmailChoice.objects.filter(user_id=user.pk).values_list("kind", flat=True))


class Badge:
    """The header's count: one query, only when a page shows it, once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        if not getattr(self.user, "is_authenticated", False):
            return 0
        return unread_count(self.user)
