"""Safety flags: what a raised flag does (instruments.FlagActions), and the alert it
leaves until someone records the action taken.

A flag of any instrument, raised by ``services.instrument_administer``, opens a
``SafetyAlert``; tells the case worker and their supervisor at once (inbox kind
``safety_flag``, registered in plugin.py); adds a "safety check-in" task due the
same day; proposes raising the case risk (one click with a reason, through
``cases.services.case_update``, on the timeline); and stays on both home pages
(home item ``safety_alerts``) until the action taken is recorded.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.accounts.models import Membership, Role
from pendamping.cases import services as case_services
from pendamping.cases.models import RiskLevel
from pendamping.concurrency import save_versioned
from pendamping.inbox.services import notify

from . import events
from .access import safety_alerts_for
from .instruments import RISK_LEVELS
from .models import SafetyAlert


def supervisors_of(case) -> list[int]:
    """Who supervises the case worker; every supervisor of the agency when nobody
    does (a safety flag must reach a supervisor)."""
    sup = (
        Membership.objects.filter(user_id=case.assigned_worker_id, agency_id=case.agency_id)
        .exclude(supervisor_id=None)
        .values_list("supervisor_id", flat=True)
        .first()
    )
    if sup:
        return [sup]
    return list(
        Membership.objects.filter(agency_id=case.agency_id, role=Role.SUPERVISOR).values_list(
            "user_id", flat=True
        )
    )


def flags_raise(*, actor, administration, instrument, flags) -> list[SafetyAlert]:
    """Do what each raised flag declares (called inside instrument_administer)."""
    case = administration.case
    alerts = []
    for flag in flags:
        actions = flag.actions
        if not actions.alert:
            continue
        proposed = actions.risk or ""
        task = None
        if actions.task_days is not None:
            title = _("Cek keselamatan (%(instrument)s)") % {"instrument": instrument.short_title}
            due = timezone.localdate() + timedelta(days=actions.task_days)
            try:
                task = case_services.task_add(
                    actor=actor, case=case, title=title, due_date=due,
                    assignee=case.assigned_worker,
                )  # fmt: skip
            except ValidationError:  # the actor may not give the worker tasks: their own
                task = case_services.task_add(actor=actor, case=case, title=title, due_date=due)
        alert = SafetyAlert.objects.create(
            case=case,
            administration=administration,
            instrument_code=instrument.code,
            flag_code=flag.code,
            proposed_risk=proposed,
            task=task,
        )
        recipients = []
        if "worker" in actions.notify:
            recipients.append(case.assigned_worker_id)
        if "supervisor" in actions.notify:
            recipients += supervisors_of(case)
        notify(
            recipients,
            "safety_flag",
            url=reverse("safety_alert", kwargs={"pk": alert.pk}),
            target=alert,
            dedupe=f"alert:{alert.pk}",
            case=case.number,
            instrument=instrument.code,
            flag=flag.code,
        )
        alerts.append(alert)
    return alerts


def can_raise_risk(alert) -> bool:
    """The flag proposes a risk above the case's present one."""
    current = alert.case.risk_level
    return bool(
        alert.proposed_risk
        and current in RISK_LEVELS
        and RISK_LEVELS.index(alert.proposed_risk) > RISK_LEVELS.index(current)
    )


@transaction.atomic
def risk_raise(*, actor, alert: SafetyAlert, reason: str, expected_version: int):
    """Raise the case risk to what the flag proposes, with a reason (timeline)."""
    access.require_write(actor)
    case = alert.case
    case_services.require_open(case)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan menaikkan risiko.")})
    if not can_raise_risk(alert):
        raise ValidationError(_("Risiko kasus sudah setinggi yang diusulkan tanda bahaya."))
    case_services.case_update(
        actor=actor, case=case, expected_version=expected_version,
        presenting_problem=case.presenting_problem, risk_level=alert.proposed_risk,
        reason=reason,
    )  # fmt: skip
    save_versioned(alert, alert.version, risk_raised=True)
    return alert


@transaction.atomic
def action_record(*, actor, alert: SafetyAlert, action_taken: str, expected_version: int):
    """Record the action taken: the alert leaves the home pages, its check-in task
    is done, and the timeline says so (codes only: the note stays on the alert)."""
    access.require_write(actor)
    text = (action_taken or "").strip()
    if not text:
        raise ValidationError({"action_taken": _("Tuliskan tindakan yang diambil.")})
    if not alert.is_open:
        raise ValidationError(_("Tindakan untuk tanda bahaya ini sudah dicatat."))
    for validator in SafetyAlert._meta.get_field("action_taken").validators:
        validator(text)
    save_versioned(
        alert, expected_version, action_taken=text, action_by=actor, action_at=timezone.now()
    )
    if alert.task_id and alert.task.done_at is None:
        task = alert.task
        case_services.task_set_done(
            actor=actor, task=task, done=True, expected_version=task.version
        )
    case_services.event_append(
        alert.case, events.SAFETY_ACTION_RECORDED, actor,
        alert=alert.pk, instrument=alert.instrument_code, flag=alert.flag_code,
    )  # fmt: skip
    return alert


def home_alerts(user):
    """The home item: open alerts of the cases the user carries or oversees (an
    admin: the agency's), oldest first; None hides the card when there is none."""
    qs = (
        safety_alerts_for(user)
        .filter(action_at__isnull=True, case__deleted_at__isnull=True)
        .select_related("case", "case__client")
        .order_by("raised_at", "id")
    )
    alerts = list(qs[:20])
    if not alerts:
        return None
    return {"alerts": alerts, "risk_labels": dict(RiskLevel.choices)}
