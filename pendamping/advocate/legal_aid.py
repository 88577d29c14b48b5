"""Not a lawyer: a complaint that needs legal representation goes to legal aid through
the broker, and experts point at providers in the broker's directory, without the
advocate importing the broker (role apps never import each other).

- The referral is casework: a ``cases.Need`` with the taxonomy's legal-aid term
  (``aksesibilitas.bantuan_hukum``) on the complainant's case (the complaint must be
  linked to it), logged on the complaint. The broker matches needs to services on
  its need page, which the advocate links by URL name (``need_detail``); the worker
  refers from there to an accredited legal-aid organisation (a referral with the
  client's consent to share, as every referral).
- An expert's provider is a plain id (``Expert.provider_id``) of a row that the
  broker's registered scope ``directory_organizations_for`` lets the user see, read
  through ``plugins.registry.scope_named``; without the broker there is no provider to
  pick, and nothing breaks.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from pendamping import plugins
from pendamping.accounts import access
from pendamping.cases.access import cases_for
from pendamping.cases.services import need_add
from pendamping.taxonomy.models import TaxonomyTerm

from .models import Complaint, ComplaintLog, LogKind

LEGAL_AID_TERM = "aksesibilitas.bantuan_hukum"
PROVIDER_SCOPE = "directory_organizations_for"


@transaction.atomic
def refer(*, actor, complaint: Complaint, description: str, urgency: str = "medium"):
    """A legal-aid need on the complainant's case; returns it."""
    access.require_write(actor)
    case = cases_for(actor).filter(pk=complaint.case_id).first() if complaint.case_id else None
    if case is None:
        raise ValidationError({"case": _(
            "Tautkan pengaduan ini ke kasus pengadu dulu: rujukan bantuan hukum dicatat "
            "sebagai kebutuhan pada kasusnya.")})  # fmt: skip
    term = TaxonomyTerm.objects.filter(code=LEGAL_AID_TERM).first()
    if term is None:  # pragma: no cover - the taxonomy ships the term
        raise ValidationError({"case": _("Istilah bantuan hukum tidak ada di taksonomi.")})
    need = need_add(actor=actor, case=case, term=term, description=description, urgency=urgency)
    ComplaintLog.objects.create(complaint=complaint, kind=LogKind.LEGAL_AID, need=need, actor=actor)
    return need


def need_url(need_id: int, case_id: int) -> str:
    """The broker's page of the need (its matches), or the case page without a broker."""
    try:
        return reverse("need_detail", args=[need_id])
    except NoReverseMatch:
        return reverse("case_detail", args=[case_id])


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
        except NoReverseMatch:  # pragma: no cover
            url = None
        out[str(pk)] = (name, url)
    return out
