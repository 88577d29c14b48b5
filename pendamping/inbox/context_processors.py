from .selectors import Badge


def inbox(request):
    """``inbox.unread`` for the header (counted on first use, once per request)."""
    badge = getattr(request, "_pendamping_inbox", None)
    if badge is None:
        badge = request._pendamping_inbox = Badge(getattr(request, "user", None))
    return {"inbox": badge}
