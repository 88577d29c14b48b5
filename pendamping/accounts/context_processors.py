from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

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
    where = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    for item in plugins.registry.nav_items(role):
        url = _url(item.url, *where)
        items.append({"label": item.label, "url": url, "current": request.path.startswith(url)})
    return items


@lru_cache(maxsize=256)
def _url(name: str, urlconf: str, prefix: str) -> str:
    """A nav item's URL, reversed once per URL configuration and script prefix: a dozen
    reverse() calls on every page took about 0.8 ms of it."""
    return reverse(name, urlconf=urlconf)


@receiver(setting_changed)
def _forget_urls(**kwargs) -> None:
    """A test's settings (ROOT_URLCONF, FORCE_SCRIPT_NAME) may give other URLs."""
    _url.cache_clear()
