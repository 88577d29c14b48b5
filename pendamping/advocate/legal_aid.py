"""Not a lawyer: a complaint that needs legal representation goes to legal aid through
the broker, and experts point at providers in the broker's directory, without the
advocate importing the broker (role apps never import each other).

- The referral is casework: a ``cases.Need`` with the taxonomy's legal-aid term
  (``aksesibilitas.bantuan_hukum``) on the complainant's case (the complaint must be
  linked to it), logged on the complaint. The broker matches needs to services on
  its need page, which the advocate links by URL name (``need_detail``); the worker
  refers from there to an accredited legal-aid organisation (a referral with the
  client's consent to share, as every referral).
- An expert's provider is a plain id (``Expert.provider_id``) checked and named
  through ``pendamping/directory_providers.py`` (the broker's registered scope
  ``directory_organizations_for``); without the broker there is no provider to pick.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.access import cases_for
from pendamping.cases.services import need_add
from pendamping.taxonomy.models import TaxonomyTerm

from .models import Complaint, ComplaintLog, LogKind

LEGAL_AID_TERM = "aksesibilitas.bantuan_hukum"


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
