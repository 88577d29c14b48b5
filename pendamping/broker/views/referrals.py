"""Needs, their matches and referrals, and the referral letter."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.accounts.letterhead import letterhead_of
from pendamping.cases import services as need_services
from pendamping.cases.access import case_or_404, needs_for
from pendamping.cases.actions import form_page
from pendamping.clients import services as client_services
from pendamping.clients.models import Consent
from pendamping.concurrency import ConflictError
from pendamping.pdf import pdf_response
from pendamping.web import flash_errors, paginate, run_form, run_form_telling_conflict

from .. import matching, selectors, services
from ..access import (
    directory_services_for,
    incoming_referrals_for,
    referrals_for,
)
from ..forms import (
    NEED_ACTION,
    NeedForm,
    NeedStatusForm,
    ReferralForm,
    ReferralStatusForm,
)
from ..models import (
    DEFAULT_SHARED_FIELDS,
    FIELD_CATEGORIES,
    LIVE_STATUSES,
    SHAREABLE_FIELDS,
    ReferralStatus,
)

# ---- needs and matches ------------------------------------------------------------


def _need(request, pk):
    return access.get_or_404(
        needs_for(request.user).select_related(
            "term", "term__parent", "case", "case__client", "case__client__region"
        ),
        pk=pk,
    )


@login_required
def need_form(request, case_pk):
    """The need form alone: in the case page's needs panel when opened, or a page."""
    return form_page(request, case_or_404(request.user, case_pk), NEED_ACTION)


@login_required
@require_POST
def need_add(request, case_pk):
    case = case_or_404(request.user, case_pk)
    access.require_write(request.user)
    form = NeedForm(request.POST)
    need, _status = run_form(
        form, lambda d: need_services.need_add(actor=request.user, case=case, **d)
    )
    if need:
        messages.success(request, _("Kebutuhan dicatat. Berikut layanan yang cocok."))
        return redirect("need_detail", pk=need.pk)
    flash_errors(request, form)  # the form is in the case page's panel: told there
    return redirect("case_detail", pk=case.pk)


@login_required
def need_detail(request, pk, *, referral_form=None, consent_form=None, status=200):
    from .consent import referral_consent_form

    need = _need(request, pk)
    client = need.case.client
    has_consent = client_services.consent_covers(client, Consent.Purpose.REFERRAL)
    # "send now" is ticked only when one consent covers the fields the form ticks
    covers_defaults = has_consent and client_services.consent_covers(
        client, Consent.Purpose.REFERRAL, {FIELD_CATEGORIES[f] for f in DEFAULT_SHARED_FIELDS}
    )
    result = matching.match(need)
    if referral_form is not None and referral_form.errors:
        posted = referral_form.data.get("service")
        if not any(str(s.service.pk) == posted for s in result.suggestions):
            # its errors are shown in the suggestion's card; a service without one (not
            # in the user's directory, no longer suggested) has them told at the top
            flash_errors(request, referral_form)
    gap = need.gaps.filter(closed_at__isnull=True).first()
    context = {
        "need": need,
        "case": need.case,
        "result": result,
        "gap": gap,
        "referrals": need.referrals.select_related("service", "service__organization"),
        "referral_form": referral_form
        or ReferralForm(
            initial={
                "shared_fields": DEFAULT_SHARED_FIELDS,
                "follow_up_date": timezone.localdate() + timedelta(days=7),
                "send": covers_defaults,
            }
        ),
        "status_form": NeedStatusForm(initial={"status": need.status, "version": need.version}),
        "can_write": access.can_write(request.user) and need.case.is_open,
        "has_consent": has_consent,
        "consent_form": consent_form or (None if has_consent else referral_consent_form()),
    }
    return render(request, "broker/need_detail.html", context, status=status)


@login_required
@require_POST
def need_status(request, pk):
    need = _need(request, pk)
    access.require_write(request.user)
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        try:
            need_services.need_mark(
                actor=request.user,
                need=need,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as e:
            messages.error(request, str(e))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Status kebutuhan disimpan."))
    else:
        messages.error(request, _("Pilih status kebutuhan."))
    return redirect("need_detail", pk=need.pk)


@login_required
@require_POST
def referral_create(request, pk):
    need = _need(request, pk)
    access.require_write(request.user)
    form = ReferralForm(request.POST)

    def save(d):
        service = directory_services_for(request.user).filter(pk=d["service"]).first()
        if service is None:
            raise ValidationError(_("Layanan tidak ditemukan di direktori Anda."))
        return services.referral_create(
            actor=request.user,
            need=need,
            service=service,
            follow_up_date=d["follow_up_date"],
            note_for_receiver=d["note_for_receiver"],
            shared_fields=d["shared_fields"],
            send=d["send"],
        )

    referral, status = run_form(form, save)
    if not referral:
        return need_detail(request, pk, referral_form=form, status=status)
    messages.success(
        request,
        _("Rujukan %(n)s dikirim.") % {"n": referral.number}
        if form.cleaned_data["send"]
        else _("Rujukan %(n)s disimpan sebagai draf.") % {"n": referral.number},
    )
    return redirect("referral_detail", pk=referral.pk)


# ---- referrals ---------------------------------------------------------------------


def _referral(request, pk):
    return access.get_or_404(
        selectors.visible_referrals(request.user).select_related(
            "service",
            "service__organization",
            "agency",
            "receiving_agency",
            "created_by",
            "case",  # the client it is about: in the processing log, also for the receiver
        ),
        pk=pk,
    )


@login_required
def referral_list(request):
    box = request.GET.get("box", "sent")
    if box == "incoming":
        qs = incoming_referrals_for(request.user).select_related("service", "agency", "consent")
    else:
        box = "sent"
        qs = referrals_for(request.user).select_related(
            "service", "case", "case__client", "receiving_agency"
        )
    status = request.GET.get("status", "")
    if status in ReferralStatus.values:
        qs = qs.filter(status=status)
    elif status == "overdue":
        qs = qs.filter(
            status__in=LIVE_STATUSES,
            follow_up_date__lt=timezone.localdate(),
        )
    context = {
        "page": paginate(request, qs.order_by("-created_at", "-id")),
        "box": box,
        "status": status,
        "statuses": ReferralStatus.choices,
        "querystring": f"box={box}&status={status}",
        "incoming_count": selectors.incoming_waiting(request.user).count(),
    }
    return render(request, "broker/referral_list.html", context)


@login_required
def referral_detail(request, pk, *, status_form=None, status=200):
    referral = _referral(request, pk)
    is_sender = services.is_sender(request.user, referral)
    choices = services.allowed_next(request.user, referral, sender=is_sender)
    shared = referral.shared if is_sender else referral.shared_for_receiver()
    context = {
        "referral": referral,
        "is_sender": is_sender,
        "shared": shared,
        "withheld": not is_sender and referral.snapshot_withheld,
        "case": referral.case if is_sender else None,
        "history": selectors.referral_history(referral),
        "shared_rows": _shared_rows(shared, referral.shared_fields),
        "status_form": status_form
        or (
            ReferralStatusForm(choices=choices, initial={"version": referral.version})
            if choices
            else None
        ),
    }
    return render(request, "broker/referral_detail.html", context, status=status)


@login_required
@require_POST
def referral_status(request, pk):
    referral = _referral(request, pk)
    choices = services.allowed_next(request.user, referral)
    wanted = request.POST.get("to_status", "")
    if not choices or (wanted in referral.next_statuses() and wanted not in dict(choices)):
        raise PermissionDenied(_("Anda tidak dapat memberi status ini pada rujukan ini."))
    form = ReferralStatusForm(request.POST, choices=choices)
    _saved, status = run_form_telling_conflict(request, form, lambda d: services.referral_transition(
        actor=request.user, referral=referral, to_status=d["to_status"], reason=d["reason"],
        expected_version=d["version"]))  # fmt: skip
    if status == 422:
        return referral_detail(request, pk, status_form=form, status=422)
    if status == 200:
        messages.success(request, _("Status rujukan disimpan."))
    return redirect("referral_detail", pk=referral.pk)


def _shared_rows(shared: dict, fields: list[str]) -> list[tuple[str, str]]:
    rows = []
    for f in fields:
        value = shared.get(f)
        if isinstance(value, list):
            value = ", ".join(value)
        rows.append((SHAREABLE_FIELDS[f], "" if value is None else str(value)))
    return rows


def _person(user) -> dict | None:
    if user is None:
        return None
    membership = getattr(user, "membership", None)
    return {"name": user.get_full_name() or user.get_username(),
            "staff_number": membership.staff_number if membership else ""}  # fmt: skip


def _signers(referral) -> dict:
    """The worker who signs, and their supervisor under "Mengetahui" when the agency's
    letterhead asks for the countersignature."""
    head = letterhead_of(referral.agency)
    membership = getattr(referral.created_by, "membership", None)
    supervisor = membership.supervisor if membership and head and head.countersign else None
    return {"signer": _person(referral.created_by), "countersigner": _person(supervisor)}


def _letter_context(request, referral):
    sender = services.is_sender(request.user, referral)
    if sender:
        shared = referral.shared
        if not referral.sent_at:  # a draft: the sender previews what sending would share
            shared = services.shared_snapshot(referral.case.client, referral.shared_fields)
    else:  # the receiver reads only what was sent, while its consent stands
        shared = referral.shared_for_receiver()
    return {
        "referral": referral,
        "shared": shared,
        "rows": _shared_rows(shared, referral.shared_fields),
        "need": shared.get("need")
        or (
            {"term": referral.need.term.name, "description": referral.need.description}
            if not referral.sent_at
            else {}
        ),
        "today": timezone.localdate(),
        "letter_date": timezone.localdate(referral.sent_at)
        if referral.sent_at
        else timezone.localdate(),
        "letterhead": letterhead_of(referral.agency),  # the sender's, whoever prints it
        **_signers(referral),
        "is_draft": not referral.sent_at,
        "withheld": not sender and referral.snapshot_withheld,
    }


@login_required
def referral_letter(request, pk):
    referral = _referral(request, pk)
    return render(request, "broker/referral_letter.html", _letter_context(request, referral))


@login_required
def referral_letter_pdf(request, pk):
    referral = _referral(request, pk)
    return pdf_response(request, "broker/referral_letter.html",
                        _letter_context(request, referral), f"surat-rujukan-{referral.number}.pdf")  # fmt: skip
