"""Pointing at a provider of the broker's directory from another role app (an
instructor of a programme, an expert of the advocate) without importing the broker:
role apps never import each other.

A provider is kept as a plain id of a row that the broker's registered scope
``directory_organizations_for`` lets the user see, read through
``plugins.registry.scope_named``; without the broker there is no provider to pick,
and nothing breaks.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from pendamping import plugins

PROVIDER_SCOPE = "directory_organizations_for"


def providers_for(user):
    """The directory's providers the user may see, or None without a broker."""
    try:
        scope = plugins.registry.scope_named(PROVIDER_SCOPE)
    except KeyError:
        return None
    return scope.function(user)


def _key(providers, value):
    """The provider's key from text, or None when it is no key of that model."""
    try:
        return providers.model._meta.pk.to_python(str(value).strip())
    except ValidationError:
        return None


def check_provider(user, provider_id) -> str:
    """The provider's key as text ("" for none); refused unless the user sees it."""
    if provider_id in (None, ""):
        return ""
    providers = providers_for(user)
    pk = _key(providers, provider_id) if providers is not None else None
    if pk is None or not providers.filter(pk=pk).exists():
        raise ValidationError({"provider": _("Pilih penyedia dari direktori layanan.")})
    return str(pk)


def provider_names(user, ids) -> dict[str, tuple[str, str | None]]:
    """{key: (name, url)} of the visible providers among ``ids`` (one query)."""
    providers = providers_for(user)
    if providers is None:
        return {}
    keys = [k for k in (_key(providers, i) for i in ids if i) if k is not None]
    out = {}
    for pk, name in providers.filter(pk__in=keys).values_list("pk", "name") if keys else ():
        try:
            url = reverse("organization_detail", args=[pk])
        except NoReverseMatch:  # pragma: no cover - the broker names its page so
            url = None
        out[str(pk)] = (name, url)
    return out
