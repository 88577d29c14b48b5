"""The inbox over the API: the user's own notifications, marked read one by one or
all at once."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from pendamping.accounts import access
from pendamping.pagination import Pagination

from . import selectors, services
from .access import notifications_for

router = Router(tags=["inbox"])


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    text: str
    url: str
    data: dict
    created_at: datetime
    read_at: datetime | None


class ReadIn(Schema):
    read: bool = True


class ReadAllOut(Schema):
    marked: int
    unread: int


@router.get("", response=list[NotificationOut])
@paginate(Pagination)
def notification_list(request, unread: bool = False):
    return selectors.inbox(request.user, unread_only=unread)


@router.post("/{notification_id}/read", response=NotificationOut)
def notification_read(request, notification_id: int, payload: ReadIn | None = None):
    notification = access.get_or_404(notifications_for(request.user), pk=notification_id)
    return services.mark_read(
        user=request.user, notification=notification, read=payload.read if payload else True
    )


@router.post("/read-all", response=ReadAllOut)
def notification_read_all(request):
    marked = services.mark_all_read(user=request.user)
    return {"marked": marked, "unread": selectors.unread_count(request.user)}
