"""Broker pages: the resource directory, needs and matches, referrals, gaps, initiatives."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.cases import services as need_services
from pendamping.cases.access import case_or_404, needs_for
from pendamping.charts import hbar_chart
from pendamping.clients import services as client_services
from pendamping.clients.models import Consent
from pendamping.concurrency import ConflictError
from pendamping.web import add_service_errors, paginate, run_form, template_for

from . import matching, selectors, services
from .access import (
    can_edit_entry,
    directory_organizations_for,
    directory_services_for,
    gaps_for,
    incoming_referrals_for,
    initiatives_for,
    referrals_for,
    require_edit_entry,
)
from .forms import (
    CapacityForm,
    DirectorySearchForm,
    InitiativeForm,
    LocationForm,
    NeedForm,
    NeedStatusForm,
    OrganizationForm,
    ReferralForm,
    ReferralStatusForm,
    ServiceForm,
)
from .models import (
    DEFAULT_SHARED_FIELDS,
    LIVE_STATUSES,
    SHAREABLE_FIELDS,
    GapReason,
    ReferralStatus,
    ServiceAtLocation,
)

# ---- directory -----------------------------------------------------------------


@login_required
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    results = selectors.directory_search(
        request.user,
        q=f.get("q", ""),
        term=f.get("term"),
        region=(f.get("region") or "").strip(),
        lat=f.get("lat"),
        lon=f.get("lon"),
        km=f.get("km"),
        capacity=f.get("capacity", ""),
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": paginate(request, results),
        "by_distance": isinstance(results, list),
        "querystring": query.urlencode(),
        "can_write": access.can_write(request.user),
    }
    return render(request, template_for(request, "broker/directory.html", "results"), context)


def _service(request, pk):
    return access.get_or_404(
        directory_services_for(request.user)
        .select_related("organization", "organization__receiving_agency", "agency")
        .prefetch_related(
            "terms",
            "phones",
            "contacts",
            "schedules",
            Prefetch("at_locations", ServiceAtLocation.objects.select_related("location__region")),
        ),
        pk=pk,
    )


@login_required
def service_detail(request, pk, *, capacity_form=None, status=200):
    service = _service(request, pk)
    can_edit = can_edit_entry(request.user, service)
    context = {
        "service": service,
        "can_edit": can_edit,
        "capacity_form": capacity_form
        or CapacityForm(
            initial={
                "capacity": service.capacity,
                "capacity_count": service.capacity_count,
                "version": service.version,
            }
        ),
        "referral_count": service.referrals.count() if can_edit else None,
    }
    return render(request, "broker/service_detail.html", context, status=status)


def _own_organizations(user):
    m = access.membership_of(user)
    return directory_organizations_for(user).filter(agency_id=m.agency_id if m else None)


@login_required
def service_form(request, pk=None):
    service = _service(request, pk) if pk else None
    access.require_write(request.user)
    if service:
        require_edit_entry(request.user, service)
    organizations = _own_organizations(request.user)
    initial = ServiceForm.initial_for(service) if service else {}
    if not service and request.GET.get("organization"):
        initial["organization"] = request.GET["organization"]
    form = ServiceForm(request.POST or None, organizations=organizations, initial=initial)
    form.fields["version"].required = service is not None
    status = 200
    if request.method == "POST":
        saved, status = run_form(
            form,
            lambda d: services.service_save(
                actor=request.user, data=d, service=service, expected_version=d.get("version")
            ),
        )
        if saved:
            messages.success(request, _("Layanan %(name)s disimpan.") % {"name": saved.name})
            return redirect("service_detail", pk=saved.pk)
    context = {"form": form, "service": service, "has_organizations": organizations.exists()}
    return render(request, "broker/service_form.html", context, status=status)


@login_required
@require_POST
def service_capacity(request, pk):
    service = _service(request, pk)
    require_edit_entry(request.user, service)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.service_set_capacity(
                actor=request.user,
                service=service,
                capacity=form.cleaned_data["capacity"],
                count=form.cleaned_data["capacity_count"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("Kapasitas diperbarui."))
        return redirect("service_detail", pk=service.pk)
    return service_detail(request, pk, capacity_form=form, status=422)


@login_required
@require_POST
def service_delete(request, pk):
    service = _service(request, pk)
    services.service_delete(actor=request.user, service=service)
    messages.success(request, _("Layanan %(name)s dihapus.") % {"name": service.name})
    return redirect("directory")


@login_required
def organization_list(request):
    qs = directory_organizations_for(request.user).order_by("name", "id")
    q = (request.GET.get("q") or "").strip()
    if len(q) >= 3:
        qs = qs.filter(name__icontains=q)
    context = {"page": paginate(request, qs), "q": q, "can_write": access.can_write(request.user)}
    return render(request, "broker/organization_list.html", context)


def _organization(request, pk):
    return access.get_or_404(
        directory_organizations_for(request.user).select_related("agency", "receiving_agency"),
        pk=pk,
    )


@login_required
def organization_detail(request, pk, *, location_form=None, status=200):
    org = _organization(request, pk)
    context = {
        "org": org,
        "locations": org.locations.select_related("region"),
        "services": directory_services_for(request.user).filter(organization=org),
        "phones": org.phones.all(),
        "can_edit": can_edit_entry(request.user, org),
        "location_form": location_form or LocationForm(),
    }
    return render(request, "broker/organization_detail.html", context, status=status)


@login_required
def organization_form(request, pk=None):
    org = _organization(request, pk) if pk else None
    access.require_write(request.user)
    if org:
        require_edit_entry(request.user, org)
    initial = {}
    if org:
        phone = org.phones.first()
        initial = {"phone": phone.number if phone else "", "version": org.version}
    form = OrganizationForm(
        request.POST or None, instance=org, initial=initial, agency=access.agency_of(request.user)
    )
    form.fields["version"].required = org is not None
    status = 200
    if request.method == "POST":
        saved, status = run_form(
            form,
            lambda d: services.organization_save(
                actor=request.user, data=d, organization=org, expected_version=d.get("version")
            ),
        )
        if saved:
            messages.success(request, _("Penyedia %(name)s disimpan.") % {"name": saved.name})
            return redirect("organization_detail", pk=saved.pk)
    return render(
        request, "broker/organization_form.html", {"form": form, "org": org}, status=status
    )


@login_required
@require_POST
def organization_delete(request, pk):
    org = _organization(request, pk)
    try:
        services.organization_delete(actor=request.user, organization=org)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("organization_detail", pk=org.pk)
    messages.success(request, _("Penyedia %(name)s dihapus.") % {"name": org.name})
    return redirect("organization_list")


@login_required
@require_POST
def location_add(request, pk):
    org = _organization(request, pk)
    require_edit_entry(request.user, org)
    form = LocationForm(request.POST)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "region_code"}
        data["region"] = form.cleaned_data["region_code"]
        try:
            services.location_add(actor=request.user, organization=org, data=data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Lokasi ditambahkan."))
            return redirect("organization_detail", pk=org.pk)
    return organization_detail(request, pk, location_form=form, status=422)


@login_required
@require_POST
def location_delete(request, pk, location_pk):
    org = _organization(request, pk)
    location = access.get_or_404(org.locations.all(), pk=location_pk)
    services.location_delete(actor=request.user, location=location)
    messages.success(request, _("Lokasi dihapus."))
    return redirect("organization_detail", pk=org.pk)


# ---- needs and matches ------------------------------------------------------------


def _need(request, pk):
    return access.get_or_404(
        needs_for(request.user).select_related(
            "term", "term__parent", "case", "case__client", "case__client__region"
        ),
        pk=pk,
    )


@login_required
@require_POST
def need_add(request, case_pk):
    case = case_or_404(request.user, case_pk)
    access.require_write(request.user)
    form = NeedForm(request.POST)
    if form.is_valid():
        try:
            need = need_services.need_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Kebutuhan dicatat. Berikut layanan yang cocok."))
            return redirect("need_detail", pk=need.pk)
    for error in [*form.non_field_errors(), *[e for f in form.errors.values() for e in f]]:
        messages.error(request, error)
    return redirect("case_detail", pk=case.pk)


@login_required
def need_detail(request, pk, *, referral_form=None, status=200):
    need = _need(request, pk)
    result = matching.match(need)
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
                "send": True,
            }
        ),
        "status_form": NeedStatusForm(initial={"status": need.status, "version": need.version}),
        "can_write": access.can_write(request.user) and need.case.is_open,
        "has_consent": client_services.consent_covers(need.case.client, Consent.Purpose.REFERRAL),
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
    if form.is_valid():
        d = form.cleaned_data
        service = directory_services_for(request.user).filter(pk=d["service"]).first()
        if service is None:
            form.add_error(None, _("Layanan tidak ditemukan di direktori Anda."))
        else:
            try:
                referral = services.referral_create(
                    actor=request.user,
                    need=need,
                    service=service,
                    follow_up_date=d["follow_up_date"],
                    note_for_receiver=d["note_for_receiver"],
                    shared_fields=d["shared_fields"],
                    send=d["send"],
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(
                    request,
                    _("Rujukan %(n)s dikirim.") % {"n": referral.number}
                    if d["send"]
                    else _("Rujukan %(n)s disimpan sebagai draf.") % {"n": referral.number},
                )
                return redirect("referral_detail", pk=referral.pk)
    return need_detail(request, pk, referral_form=form, status=422)


# ---- referrals ---------------------------------------------------------------------


def _referral(request, pk):
    return access.get_or_404(
        selectors.visible_referrals(request.user).select_related(
            "service", "service__organization", "agency", "receiving_agency", "created_by"
        ),
        pk=pk,
    )


@login_required
def referral_list(request):
    box = request.GET.get("box", "sent")
    if box == "incoming":
        qs = incoming_referrals_for(request.user).select_related("service", "agency")
    else:
        box = "sent"
        qs = referrals_for(request.user).select_related("service", "case", "receiving_agency")
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
    if form.is_valid():
        try:
            services.referral_transition(
                actor=request.user,
                referral=referral,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as e:
            messages.error(request, str(e))
            return redirect("referral_detail", pk=referral.pk)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Status rujukan disimpan."))
            return redirect("referral_detail", pk=referral.pk)
    return referral_detail(request, pk, status_form=form, status=422)


def _shared_rows(shared: dict, fields: list[str]) -> list[tuple[str, str]]:
    rows = []
    for f in fields:
        value = shared.get(f)
        if isinstance(value, list):
            value = ", ".join(value)
        rows.append((SHAREABLE_FIELDS[f], "" if value is None else str(value)))
    return rows


def _letter_context(request, referral):
    sender = services.is_sender(request.user, referral)
    if sender:
        shared = referral.shared
        if not referral.sent_at:  # a draft: the sender previews what sending would share
            shared = services._snapshot(referral.case.client, referral.shared_fields)
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
        "is_draft": not referral.sent_at,
        "withheld": not sender and referral.snapshot_withheld,
    }


@login_required
def referral_letter(request, pk):
    referral = _referral(request, pk)
    return render(request, "broker/referral_letter.html", _letter_context(request, referral))


@login_required
def referral_letter_pdf(request, pk):
    from weasyprint import CSS, HTML

    referral = _referral(request, pk)
    html = render_to_string(
        "broker/referral_letter.html", _letter_context(request, referral) | {"pdf": True}, request
    )
    stylesheet = CSS(filename=finders.find("pendamping/letter.css"))
    pdf = HTML(string=html).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="surat-rujukan-{referral.number}.pdf"'
    return response


# ---- gaps and initiatives -------------------------------------------------------------


GAP_ROWS_PER_PAGE = 50


@login_required
def gap_register(request):
    rows = selectors.gap_register(request.user)
    chart = hbar_chart(
        [(f"{r['term'].name} · {r['region'] or '—'}", r["gaps"]) for r in rows[:15]],
        title=_("Kesenjangan terbuka per jenis layanan dan wilayah"),
    )
    page = paginate(request, rows, GAP_ROWS_PER_PAGE)
    labels = dict(GapReason.choices)
    for r in page:  # reason counts in the register's order, labelled, for this page only
        r["reason_list"] = [(labels[k], r["reasons"][k]) for k in labels if k in r["reasons"]]
    context = {
        "rows": rows,
        "page": page,
        "chart": chart if rows else None,
        "total": sum(r["gaps"] for r in rows),
        "initiatives": initiatives_for(request.user).select_related("term")[:10],
        "can_write": access.can_write(request.user),
    }
    return render(request, "broker/gap_register.html", context)


def _open_gaps(user):
    return gaps_for(user).filter(closed_at__isnull=True).select_related("term", "region")


@login_required
def initiative_list(request):
    qs = initiatives_for(request.user).select_related("term")
    context = {"page": paginate(request, qs), "can_write": access.can_write(request.user)}
    return render(request, "broker/initiative_list.html", context)


@login_required
def initiative_form(request, pk=None):
    initiative = access.get_or_404(initiatives_for(request.user), pk=pk) if pk else None
    if request.method == "POST" or pk is None:
        access.require_write(request.user)
    gaps = _open_gaps(request.user)
    if initiative:
        gaps = gaps | initiative.gaps.select_related("term", "region")
    initial = {"version": initiative.version} if initiative else {}
    if not initiative and request.GET.get("term"):
        initial["term"] = request.GET["term"]
    form = InitiativeForm(
        request.POST or None, instance=initiative, initial=initial, gaps=gaps.distinct()
    )
    form.fields["version"].required = initiative is not None
    status = 200
    if request.method == "POST":
        saved, status = run_form(
            form,
            lambda d: services.initiative_save(
                actor=request.user,
                data=dict(d),
                initiative=initiative,
                expected_version=d.get("version"),
            ),
        )
        if saved:
            messages.success(request, _("Inisiatif disimpan."))
            return redirect("initiative_detail", pk=saved.pk)
    context = {
        "form": form,
        "initiative": initiative,
        "can_write": access.can_write(request.user),
    }
    return render(request, "broker/initiative_form.html", context, status=status)
