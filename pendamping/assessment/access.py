"""The assessment's scopes: versions, instrument administrations and ecomaps.

Each follows its case (``with_visible_case``): whoever may see the case sees them,
and nobody else, even someone who may see the client through another case. Each is
registered with the rule it implements (``manage.py access_report``).
"""

from __future__ import annotations

from django.db.models import QuerySet

from pendamping import plugins
from pendamping.accounts.access import AGENCY_WIDE_ROLES, role_of
from pendamping.accounts.models import Role
from pendamping.cases.access import with_visible_case

from .models import Assessment, EcomapSnapshot, InstrumentAdministration, SafetyAlert


@plugins.scope("assessment.Assessment", rule="Assessment versions of the cases the user may see.")
def assessments_for(user) -> QuerySet:
    return with_visible_case(user, Assessment.objects.all())


@plugins.scope(
    "assessment.InstrumentAdministration",
    rule="Instrument administrations (scores) of the cases the user may see, not of "
    "the client's other cases.",
)
def administrations_for(user) -> QuerySet:
    return with_visible_case(user, InstrumentAdministration.objects.all())


@plugins.scope("assessment.EcomapSnapshot", rule="Ecomap snapshots of the cases the user may see.")
def ecomaps_for(user) -> QuerySet:
    return with_visible_case(user, EcomapSnapshot.objects.all())


@plugins.scope(
    "assessment.SafetyAlert",
    rule="Safety alerts (raised flags) of the cases the user may see.",
)
def safety_alerts_for(user) -> QuerySet:
    # agency-wide and for a team, each alert is tested with EXISTS: open alerts are
    # few, the cases many (SQLite built the list of the agency's 700,000 first: 440 ms
    # for the admin's home; a supervisor's 3,800); a worker's caseload is a short list,
    # probed case by case
    many_cases = role_of(user) in AGENCY_WIDE_ROLES | {Role.SUPERVISOR}
    return with_visible_case(user, SafetyAlert.objects.alive(), exists=many_cases)
