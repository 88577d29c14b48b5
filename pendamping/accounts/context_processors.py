from django.urls import reverse

from pendamping import plugins

from . import access


def membership(request):
    m = access.membership_of(getattr(request, "user", None))
    role = m.role if m else None
    return {
        "membership": m,
        "role": role,
        "can_write": access.can_write(request.user) if m else False,
        # The main navigation: what the apps registered for this role (plugins.nav_item).
        "nav_items": _nav(request, role) if role else [],
    }


def _nav(request, role: str) -> list[dict]:
    items = []
    for item in plugins.registry.nav_items(role):
        url = reverse(item.url)
        items.append({"label": item.label, "url": url, "current": request.path.startswith(url)})
    return items
