"""Pages of the four steps: the briefing (page and PDF, every view logged), the
instructor's record of the session, a participant's page in a session (their notes,
the observation, the progress note), the private note photos, and the daftar hadir
as a PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.pdf import pdf_response
from pendamping.web import run_form

from . import briefing as briefings
from . import selectors, steps
from .access import enrolments_for, require_briefing
from .models import Observation, ParticipantNote, ProgressNote
from .steps_forms import BriefingForm, DeliveryForm, ParticipantNoteForm, ProgressNoteForm


def _briefing_session(request, pk):
    session = selectors.session(request.user, pk)
    require_briefing(request.user, session)
    return session


@login_required
def briefing_page(request, pk):
    session = _briefing_session(request, pk)
    context = briefings.context(request.user, session)
    if context["briefing"] is not None:
        briefings.log_view(context["briefing"], request.user, "page")
    context["can_write"] = access.can_write(request.user)
    return render(request, "facilitator/briefing.html", context)


@login_required
def briefing_pdf(request, pk):
    session = _briefing_session(request, pk)
    context = briefings.context(request.user, session)
    if context["briefing"] is None:
        raise Http404(_("Briefing sesi ini belum disiapkan."))
    briefings.log_view(context["briefing"], request.user, "pdf")
    return pdf_response(
        request, "facilitator/briefing_pdf.html", context, f"briefing-sesi-{session.pk}.pdf"
    )


@login_required
def briefing_edit(request, pk):
    user = request.user
    session = selectors.session(user, pk)
    access.require_write(user)
    briefing = briefings.briefing_of(session)
    form = BriefingForm(
        request.POST or None,
        participants=selectors.participant_enrolments(user, session),
        briefing=briefing,
    )
    status = 200
    if request.method == "POST":

        def save(data):
            return steps.briefing_save(
                actor=user, session=session, fields=data["fields_"], entries=form.entries(),
                expected_version=data.get("version"),
            )  # fmt: skip

        saved, status = run_form(form, save)
        if saved is not None:
            messages.success(request, _("Briefing disimpan."))
            return redirect("briefing_page", session.pk)
    context = {"session": session, "programme": session.programme, "form": form,
               "external": briefings.has_external_instructor(session)}  # fmt: skip
    return render(request, "facilitator/briefing_form.html", context, status=status)


@login_required
@require_POST
def delivery_save(request, pk):
    user = request.user
    session = selectors.session(user, pk)
    steps.require_session_work(user, session)
    form = DeliveryForm(request.POST, participants=selectors.participants(user, session))

    def save(data):
        return steps.delivery_save(
            actor=user, session=session, topic=data["topic"], materials=data["materials"],
            duration_minutes=data["duration_minutes"], observations=form.observations(),
            expected_version=data.get("version"),
        )  # fmt: skip

    saved, status = run_form(form, save)
    if saved is None:
        from .views import session_detail

        return session_detail(request, pk, delivery_form=form, status=status)
    messages.success(request, _("Catatan instruktur disimpan."))
    return redirect("session_detail", pk)


def _participant(request, pk, enrolment_pk):
    user = request.user
    session = selectors.session(user, pk)
    enrolment = access.get_or_404(
        enrolments_for(user)
        .filter(programme_id=session.programme_id)
        .select_related("case__client", "member"),
        pk=enrolment_pk,
    )
    return session, enrolment


@login_required
def session_participant(request, pk, enrolment_pk, *, note_form=None, progress_form=None,
                        status=200):  # fmt: skip
    user = request.user
    session, enrolment = _participant(request, pk, enrolment_pk)
    progress = ProgressNote.objects.alive().filter(session=session, enrolment=enrolment).first()
    context = {
        "session": session,
        "programme": session.programme,
        "enrolment": enrolment,
        "name": selectors.preferred_name(enrolment.participant),
        "attendance": session.attendance.filter(enrolment=enrolment).first(),
        "observation": Observation.objects.filter(session=session, enrolment=enrolment).first(),
        "notes": list(ParticipantNote.objects.alive().filter(session=session, enrolment=enrolment)),
        "progress": progress,
        "can_write": access.can_write(user),
        "note_form": note_form or ParticipantNoteForm(),
        "progress_form": progress_form
        or ProgressNoteForm(
            initial={"body": progress.body, "version": progress.version} if progress else None
        ),
    }
    return render(request, "facilitator/session_participant.html", context, status=status)


@login_required
@require_POST
def participant_note_add(request, pk, enrolment_pk):
    user = request.user
    session, enrolment = _participant(request, pk, enrolment_pk)
    access.require_write(user)
    form = ParticipantNoteForm(request.POST, request.FILES)

    def save(data):
        return steps.participant_note_add(
            actor=user, session=session, enrolment=enrolment, text=data["text"],
            photo=data.get("photo"),
        )  # fmt: skip

    saved, status = run_form(form, save)
    if saved is None:
        return session_participant(request, pk, enrolment_pk, note_form=form, status=status)
    messages.success(request, _("Catatan peserta disimpan."))
    return redirect("session_participant", pk, enrolment_pk)


@login_required
@require_POST
def progress_note_save(request, pk, enrolment_pk):
    user = request.user
    session, enrolment = _participant(request, pk, enrolment_pk)
    access.require_write(user)
    form = ProgressNoteForm(request.POST)

    def save(data):
        return steps.progress_note_save(
            actor=user, session=session, enrolment=enrolment, body=data["body"],
            expected_version=data.get("version"),
        )  # fmt: skip

    saved, status = run_form(form, save)
    if saved is None:
        return session_participant(request, pk, enrolment_pk, progress_form=form, status=status)
    messages.success(request, _("Catatan perkembangan disimpan."))
    return redirect("session_participant", pk, enrolment_pk)


@login_required
def participant_note_photo(request, pk):
    return photo_response(request.user, pk)


def photo_response(user, pk) -> FileResponse:
    """A participant's photo, for whoever may see their enrolment; never a public URL
    (the page and the API answer through this one function)."""
    note = access.get_or_404(
        ParticipantNote.objects.alive().filter(
            enrolment__in=enrolments_for(user), photo_name__gt=""
        ),
        pk=pk,
    )
    path = steps.photo_path(note)
    if path is None or not path.exists():
        raise Http404(_("Foto tidak ditemukan."))
    # FileResponse closes the file when the response is done
    response = FileResponse(open(path, "rb"), content_type=note.photo_type)  # noqa: SIM115
    response["Content-Disposition"] = f'inline; filename="catatan-{note.pk}.{path.suffix[1:]}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attendance_sheet_pdf(request, pk):
    context = selectors.attendance_sheet(request.user, pk)
    return pdf_response(request, "facilitator/attendance_sheet_pdf.html", context,
                        f"daftar-hadir-sesi-{context['session'].pk}.pdf")  # fmt: skip
