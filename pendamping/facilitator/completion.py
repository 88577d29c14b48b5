"""Completion at the programme's end (issue 11).

Closing a programme (the facilitator's "close programme" action, allowed once)
computes each participant's completion from attendance and the programme's rule,
as the compliance shown during the programme (GLOSSARY.md: Programme measures):
sessions attended plus excused absences made up, over the sessions held.
Compliant -> completed, partially compliant -> partially completed, below that or
no session held -> not completed. Each completion is kept append-only with its
numbers and the rule as it was, the enrolment takes the status (versioned), and the
case timeline gets an event of codes and numbers. Participants who left keep their
status; the waiting list never took part and stays as it was.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.services import event_append
from pendamping.concurrency import save_versioned

from . import events
from .models import Completion, Enrolment, EnrolmentStatus, Programme
from .selectors import COMPLIANT, PARTIAL, compliance, with_compliance

STATUS_OF_BAND = {COMPLIANT: EnrolmentStatus.COMPLETED, PARTIAL: EnrolmentStatus.PARTIAL}
COMPLETION_STATUSES = (EnrolmentStatus.COMPLETED, EnrolmentStatus.PARTIAL,
                       EnrolmentStatus.NOT_COMPLETED)  # fmt: skip


@transaction.atomic
def programme_close(*, actor, programme: Programme, expected_version: int | None = None):
    """Close the programme and record every active participant's completion; answers
    the completions. A programme is closed once; a stale version is refused."""
    access.require_write(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.closed_at is not None:
        raise ValidationError(_("Program ini sudah ditutup."))
    if programme.starts_on > timezone.localdate():
        raise ValidationError(_("Program yang belum dimulai tidak dapat ditutup."))
    now = timezone.now()
    save_versioned(programme, expected_version, closed_at=now, closed_by=actor)
    active = (
        with_compliance(Enrolment.objects.alive().filter(programme=programme,
                                                         status=EnrolmentStatus.ENROLLED))
        .select_related("case").order_by("created_at", "id")
    )  # fmt: skip
    done = []
    for enrolment in active:
        c = compliance(enrolment, programme)
        status = STATUS_OF_BAND.get(c.band, EnrolmentStatus.NOT_COMPLETED)
        done.append(
            Completion(
                enrolment=enrolment, status=status, held=c.held, attended=c.attended,
                made_up=c.made_up, share=c.share, compliant_share=programme.compliant_share,
                partial_share=programme.partial_share, recorded_by=actor, recorded_at=now,
            )
        )  # fmt: skip
        save_versioned(enrolment, None, status=status)
        event_append(
            enrolment.case, events.COMPLETED, actor, programme=programme.pk,
            enrolment=enrolment.pk, status=str(status), held=c.held, attended=c.attended,
            made_up=c.made_up,
        )  # fmt: skip
    return Completion.objects.bulk_create(done)
