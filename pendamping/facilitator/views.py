"""HTML views of the facilitator: programmes, their sessions and the attendance
screen, the printable attendance sheet, and enrolment from a client's case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.cases.access import case_or_404
from pendamping.web import flash_errors, paginate, run_form

from . import selectors, services
from .access import (
    briefing_open_until,
    can_read_briefing,
    can_work_session,
    enrolments_for,
    instructors_for,
    is_instructor,
    programmes_for,
    require_session_work,
    sessions_for,
)
from .completion_views import CloseForm
from .forms import (
    AttendanceForm,
    EnrolForm,
    LeaveForm,
    ProgrammeForm,
    SessionForm,
    SessionStatusForm,
)
from .models import EnrolmentStatus, InstructorRecord
from .steps_forms import DeliveryForm


@login_required
def programme_list(request):
    page = paginate(request, programmes_for(request.user).order_by("-starts_on", "-id"))
    return render(
        request,
        "facilitator/programme_list.html",
        {
            "page": page,
            "can_write": access.can_write(request.user),
            "is_instructor": is_instructor(request.user),
        },
    )


def _programme_form(request, programme=None):
    user = request.user
    access.require_write(user)
    initial = ProgrammeForm.initial_of(programme) if programme else {}
    form = ProgrammeForm(request.POST or None, user=user, initial=initial)
    status = 200
    if request.method == "POST":

        def save(data):
            return services.programme_save(
                actor=user,
                programme=programme,
                data=form.cleaned(),
                expected_version=data.get("version"),
            )

        saved, status = run_form(form, save)
        if saved is not None:
            messages.success(request, _("Program disimpan."))
            return redirect("programme_detail", saved.pk)
    context = {"form": form, "programme": programme}
    return render(request, "facilitator/programme_form.html", context, status=status)


@login_required
def programme_create(request):
    return _programme_form(request)


@login_required
def programme_edit(request, pk):
    return _programme_form(request, selectors.programme(request.user, pk))


@login_required
def programme_detail(request, pk, *, session_form=None, status=200):
    user = request.user
    programme = selectors.programme(user, pk)

    can_write = access.can_write(user)
    context = {
        "programme": programme,
        "modules": list(programme.modules.alive()),
        "facilitators": list(programme.facilitators.all()),
        "enrolments": selectors.programme_enrolments(user, programme),
        "sessions": list(sessions_for(user).filter(programme=programme).select_related("module")),
        "can_write": can_write,
        "instructor_view": is_instructor(user),
        "ended": programme.ends_on < timezone.localdate(),
        "close_form": CloseForm(initial={"version": programme.version})
        if can_write and programme.closed_at is None
        else None,
        "session_form": session_form
        or (
            SessionForm(programme=programme, instructors=instructors_for(user))
            if can_write and programme.closed_at is None
            else None
        ),
    }
    return render(request, "facilitator/programme_detail.html", context, status=status)


@login_required
@require_POST
def session_add(request, pk):
    user = request.user
    programme = selectors.programme(user, pk)
    access.require_write(user)
    form = SessionForm(request.POST, programme=programme, instructors=instructors_for(user))

    def save(data):
        return services.session_schedule(actor=user, programme=programme, **data)

    session, status = run_form(form, save)
    if session is None:
        return programme_detail(request, pk, session_form=form, status=status)
    messages.success(request, _("Sesi dijadwalkan."))
    return redirect("session_detail", session.pk)


@login_required
def session_detail(request, pk, *, form=None, delivery_form=None, status=200):
    user = request.user
    session = selectors.session(user, pk)
    participants = selectors.participants(user, session)
    record = InstructorRecord.objects.alive().filter(session=session).first()
    observations = {o.enrolment_id: o for o in session.observations.all()}
    context = {
        "session": session,
        "programme": session.programme,
        "instructors": list(session.instructors.alive()),
        "form": form or AttendanceForm(participants=participants),
        "delivery_form": delivery_form
        or DeliveryForm(participants=participants, record=record, observations=observations),
        "status_form": SessionStatusForm(
            initial={"version": session.version, "status": session.status}
        ),
        "can_write": access.can_write(user),
        "can_work": can_work_session(user, session),
        "briefing_open": can_read_briefing(user, session),
        "briefing_until": briefing_open_until(session),
        "instructor_view": is_instructor(user),
    }
    return render(request, "facilitator/session_detail.html", context, status=status)


@login_required
@require_POST
def session_status(request, pk):
    user = request.user
    session = selectors.session(user, pk)
    access.require_write(user)
    form = SessionStatusForm(request.POST)

    def save(data):
        return services.session_set_status(
            actor=user, session=session, status=data["status"], reason=data["reason"],
            expected_version=data["version"],
        )  # fmt: skip

    saved, _status = run_form(form, save)
    if saved is None:
        flash_errors(request, form)
    else:
        messages.success(request, _("Status sesi disimpan."))
    return redirect("session_detail", pk)


@login_required
@require_POST
def attendance_save(request, pk):
    user = request.user
    session = selectors.session(user, pk)
    require_session_work(user, session)
    form = AttendanceForm(request.POST, participants=selectors.participants(user, session))

    def save(_data):
        return services.attendance_record(actor=user, session=session, statuses=form.statuses())

    saved, status = run_form(form, save)
    if saved is None:
        return session_detail(request, pk, form=form, status=status)
    messages.success(request, _("Daftar hadir disimpan."))
    return redirect("session_detail", pk)


@login_required
def attendance_sheet(request, pk):
    """The printable attendance sheet (daftar hadir) with a signature column."""
    context = selectors.attendance_sheet(request.user, pk)
    return render(request, "facilitator/attendance_sheet.html", context)


@login_required
def case_enrol(request, pk):
    user = request.user
    case = case_or_404(user, pk)
    access.require_write(user)
    taken = enrolments_for(user).filter(case=case).values("programme_id")
    form = EnrolForm(request.POST or None, programmes=programmes_for(user).exclude(pk__in=taken))
    status = 200
    if request.method == "POST":
        enrolment, status = run_form(
            form, lambda d: services.enrol(actor=user, programme=d["programme"], case=case)
        )
        if isinstance(enrolment, list):  # the members of a group client
            waiting = sum(e.status == EnrolmentStatus.WAITLISTED for e in enrolment)
            messages.success(
                request,
                _("%(n)s anggota kelompok didaftarkan ke program; %(w)s di daftar tunggu.")
                % {"n": len(enrolment), "w": waiting},
            )
            return redirect("case_detail", case.pk)
        if enrolment is not None:
            if enrolment.status == EnrolmentStatus.WAITLISTED:
                messages.warning(request, _("Program penuh: klien masuk daftar tunggu."))
            else:
                messages.success(request, _("Klien didaftarkan ke program."))
            return redirect("case_detail", case.pk)
    context = {"case": case, "form": form}
    return render(request, "facilitator/case_enrol.html", context, status=status)


@login_required
@require_POST
def enrolment_leave(request, pk):
    user = request.user
    enrolment = access.get_or_404(enrolments_for(user).select_related("case"), pk=pk)
    access.require_write(user)
    form = LeaveForm(request.POST)
    saved, _status = run_form(
        form,
        lambda d: services.enrolment_leave(
            actor=user, enrolment=enrolment, reason=d["reason"], expected_version=d["version"]
        ),
    )
    if saved is None:
        flash_errors(request, form)
    else:
        messages.success(request, _("Peserta keluar dari program."))
    return redirect("programme_detail", enrolment.programme_id)
