"""Search for anything: the header's one box (``includes/search_box.html``) over
every app's ``plugins.search_source`` (clients, case numbers, referral numbers,
providers, complaint tracking codes, mediations…), each through its scopes and at
most ``plugins.SEARCH_LIMIT`` results per kind, grouped by kind.

The query is POSTed, never put in a URL (names and NIKs would sit in the history and
the server's logs); it is kept in the session under a random token and the results
answer ``GET /search/?r=<token>``, so Back and Reload show them again."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pendamping import plugins
from pendamping.web import SEARCH_TOKEN, recall_search, remember_search

SCOPE = "everything"


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        max_length=100,
        error_messages={
            "required": _("Ketik apa yang dicari."),
            "max_length": _("Paling banyak %(limit_value)d karakter."),
        },
    )


def search_groups(user, query: str) -> list[dict]:
    """[{key, label, hits}] of every source with a hit, in the sources' order."""
    groups = []
    for source in plugins.registry.search_sources():
        hits = source.hits(user, query, plugins.SEARCH_LIMIT)
        if hits:
            groups.append({"key": source.key, "label": source.label, "hits": hits})
    return groups


@login_required
def search(request):
    if request.method == "POST":
        form = SearchForm(request.POST)
        if form.is_valid():
            token = remember_search(request, SCOPE, {"q": form.cleaned_data["q"].strip()})
            return redirect(f"{reverse('search')}?{SEARCH_TOKEN}={token}")
        return render(request, "cases/search.html", {"form": form, "query": ""}, status=422)
    kept = recall_search(request, SCOPE)
    query = kept.get("q", "") if kept else ""
    form = SearchForm(initial={"q": query})
    groups = search_groups(request.user, query) if query else []
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "searched": bool(query),
        "expired": bool(request.GET.get(SEARCH_TOKEN)) and not kept,
        "limit": plugins.SEARCH_LIMIT,
    }
    return render(request, "cases/search.html", context)
