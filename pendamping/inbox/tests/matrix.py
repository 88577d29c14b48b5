"""Permission-matrix entries for the inbox's pages and API operations.

Merged into accounts/tests/test_permission_matrix.py. A notification is its
recipient's alone ("own": agency A's worker; everyone else, in either agency, gets
404, as for a row that does not exist); the list, the settings and "mark all read"
are every user's own ("any")."""

from django.utils import timezone


def notification(f):
    """A notification for agency A's worker."""
    from pendamping.inbox.services import notify

    if hasattr(f, "notification"):
        return
    (f.notification,) = notify(
        [f.users["worker"]], "task_assigned", url=f"/cases/{f.case.pk}/",
        case=f.case.number, due=timezone.localdate().isoformat(),
    )  # fmt: skip


HTML = {
    "inbox": ("get", lambda f: {}, None, "any", notification),
    "inbox_settings": ("post", lambda f: {}, lambda f: {"kinds": ["task_assigned"]}, "any", None),
    "inbox_read_all": ("post", lambda f: {}, None, "any", notification),
    "inbox_open": ("get", lambda f: {"pk": f.notification.pk}, None, "own", notification),
    "inbox_read": ("post", lambda f: {"pk": f.notification.pk}, None, "own", notification),
}  # fmt: skip

API = {
    ("GET", "/notifications"): (lambda f: {}, None, "any", notification),
    ("POST", "/notifications/read-all"): (lambda f: {}, None, "any", notification),
    ("POST", "/notifications/{notification_id}/read"): (
        lambda f: {"notification_id": f.notification.pk}, lambda f: {"read": True}, "own",
        notification),
}  # fmt: skip
