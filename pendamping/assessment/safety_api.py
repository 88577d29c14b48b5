"""Safety alerts over the API (``/api/v1/safety-alerts``): the list the user may see
(open ones by default), one alert, and the record of the action taken, through the
same service as the web page (``safety.action_record``: the check-in task is done
and the timeline says so). Raising the case risk stays on the alert's page."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from pendamping import schema_types as T
from pendamping.accounts import access
from pendamping.pagination import Pagination

from . import safety
from .access import safety_alerts_for
from .models import SafetyAlert

router = Router(tags=["safety alerts"])


class SafetyAlertOut(Schema):
    id: int
    case_id: int
    case_number: str
    instrument_code: str
    flag_code: str
    label: str
    raised_at: datetime
    proposed_risk: str
    risk_raised: bool
    task_id: int | None
    is_open: bool
    action_taken: str
    action_by_id: int | None
    action_at: datetime | None
    version: int

    @staticmethod
    def resolve_case_number(obj) -> str:
        return obj.case.number


class ActionIn(Schema):
    action_taken: T.of(SafetyAlert, "action_taken", required=True)
    version: int


def _alerts(user):
    return safety_alerts_for(user).select_related("case")


@router.get("", response=list[SafetyAlertOut])
@paginate(Pagination)
def list_safety_alerts(request, open: bool = True):
    """The alerts of the cases the caller may see, newest first; ``open=false`` lists
    the ones whose action was recorded as well."""
    qs = _alerts(request.user)
    return qs.filter(action_at__isnull=True) if open else qs


@router.get("/{int:alert_id}", response=SafetyAlertOut)
def get_safety_alert(request, alert_id: int):
    return access.get_or_404(_alerts(request.user), pk=alert_id)


@router.post("/{int:alert_id}/action", response=SafetyAlertOut)
def record_action(request, alert_id: int, payload: ActionIn):
    """Record the action taken (422 when empty or already recorded, 409 when the
    version is stale)."""
    alert = access.get_or_404(_alerts(request.user), pk=alert_id)
    access.require_write(request.user)
    safety.action_record(
        actor=request.user, alert=alert, action_taken=payload.action_taken,
        expected_version=payload.version,
    )  # fmt: skip
    return access.get_or_404(_alerts(request.user), pk=alert_id)
