"""Client pages: list and search, registration, profile, family, consent, bulk import."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pendamping import csvcells, plugins
from pendamping.accounts import access
from pendamping.concurrency import ConflictError
from pendamping.web import (
    SEARCH_TOKEN,
    add_service_errors,
    paginate,
    recall_search,
    redirect_after,
    remember_search,
    run_call,
    run_form,
    template_for,
)

from . import services
from .access import clients_for, consents_for, family_for, group_members_for, imports_for
from .forms import (
    ClientForm,
    ClientSearchForm,
    ConsentForm,
    FamilyMemberForm,
    ImportUploadForm,
    nik_warnings,
)
from .importer import COLUMNS
from .models import Client, Region
from .nik import normalize_nik, parse_nik
from .selectors import search_clients


@login_required
def client_list(request):
    """All visible clients, newest first; POST searches (no names or NIKs in URLs).

    A search is kept in the session under a token (``?r=``), and its results answer
    a GET of that address: Back from a client's page shows them again (defect 7). A
    plain POST is redirected there; an htmx POST replaces the address in place."""
    form = ClientSearchForm(request.POST or None)
    query, page_number, token = "", request.GET.get("page"), None
    if request.method == "POST":
        page_number = request.POST.get("page")
        if form.is_valid():
            query = form.cleaned_data["q"].strip()
            token = remember_search(request, "clients", {"q": query, "page": page_number})
            if not request.htmx:
                return redirect(f"{reverse('client_list')}?{SEARCH_TOKEN}={token}")
    elif (kept := recall_search(request, "clients")) is not None:
        query, page_number = kept.get("q", ""), kept.get("page")
        form = ClientSearchForm(initial={"q": query})
    if query:
        results = search_clients(request.user, query)
        page = paginate(request, results, page=page_number)
    else:
        qs = clients_for(request.user).select_related("region").order_by("-created_at", "-id")
        page = paginate(request, qs, page=page_number)
    context = {
        "form": form, "page": page, "query": query, "searched": bool(query),
        "can_import": access.can_manage_agency(request.user),
    }  # fmt: skip
    response = render(
        request, template_for(request, "clients/client_list.html", "results"), context
    )
    if token:
        response["HX-Replace-Url"] = f"{reverse('client_list')}?{SEARCH_TOKEN}={token}"
    return response


def _duplicate_context(error):
    report = getattr(error, "report", None)
    return {"duplicates": report}


@login_required
def client_create(request):
    access.require_write(request.user)
    form = ClientForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_register(
                actor=request.user,
                data=form.service_data(),
                confirm_similar=form.cleaned_data["confirm_similar"],
            )
        except ValidationError as e:
            add_service_errors(form, e)
            context |= _duplicate_context(e)
        else:
            messages.success(request, _("Klien %(name)s terdaftar.") % {"name": client.full_name})
            return redirect("client_detail", pk=client.pk)
    return render(request, "clients/client_form.html", context)


@login_required
def client_detail(request, pk):
    client = access.get_or_404(
        clients_for(request.user).select_related("region", "registered_by"), pk=pk
    )
    chain = []
    region = client.region
    if region:
        codes = []
        code = region.code
        while code:
            codes.append(code)
            code = Region.parent_code(code)
        names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
        chain = [names.get(c, c) for c in reversed(codes)]
    context = {
        "client": client,
        "region_chain": chain,
        "family": family_for(request.user).filter(client=client),
        "consents": consents_for(request.user).filter(client=client).select_related("recorded_by"),
        # casework's scope through the registry: clients sit below cases
        "cases": plugins.registry.scope_named("cases_for")
        .function(request.user)
        .filter(client=client)
        .select_related("assigned_worker"),
        "family_form": FamilyMemberForm(),
        "consent_form": ConsentForm(),
        "can_delete": access.can_delete_records(request.user),
        # e.g. the privacy app's banner while the client's processing is restricted
        "client_notices": plugins.collect("client_notices", client_id=client.pk),
    }
    if client.kind == Client.Kind.GROUP:
        context |= _group_context(request, client)
    return render(request, "clients/client_detail.html", context)


@login_required
def client_edit(request, pk):
    client = access.get_or_404(clients_for(request.user), pk=pk)
    access.require_write(request.user)
    initial = {k: getattr(client, k) for k in ClientForm.base_fields if hasattr(client, k)}
    initial["version"] = client.version
    form = ClientForm(request.POST or None, initial=initial, region_code=client.region_id)
    context = {"form": form, "client": client}
    if request.method == "POST" and form.is_valid():
        try:
            services.client_update(
                actor=request.user,
                client=client,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"] or 0,
                confirm_similar=form.cleaned_data["confirm_similar"],
            )
        except ConflictError as e:
            form.add_error(None, str(e))
            return render(request, "clients/client_form.html", context, status=409)
        except ValidationError as e:
            add_service_errors(form, e)
            context |= _duplicate_context(e)
        else:
            messages.success(request, _("Data klien disimpan."))
            return redirect("client_detail", pk=client.pk)
    return render(request, "clients/client_form.html", context)


@login_required
@require_POST
def client_delete(request, pk):
    client = access.get_or_404(clients_for(request.user), pk=pk)
    services.client_delete(actor=request.user, client=client)
    messages.success(request, _("Klien %(name)s dihapus.") % {"name": client.full_name})
    return redirect("client_list")


@login_required
@require_POST
def nik_check(request):
    """htmx: what the typed NIK says, and where it contradicts the form."""
    value = normalize_nik(request.POST.get("nik", ""))
    context = {"nik_value": value}
    if value:
        try:
            info = parse_nik(value)
        except ValueError as e:
            context["nik_error"] = str(e)
        else:
            form = ClientForm(request.POST)
            form.is_valid()
            bd = form.cleaned_data.get("birth_date") if hasattr(form, "cleaned_data") else None
            sex = request.POST.get("sex") or None
            # fill the page's empty birth date and sex from the NIK (out of band, htmx)
            fill = ClientForm(initial={"birth_date": info.birth_date, "sex": info.sex})
            for name in ("birth_date", "sex"):
                fill.fields[name].widget.attrs["hx-swap-oob"] = "true"
            context["nik_fill"] = [
                fill[name] for name in ("birth_date", "sex") if not request.POST.get(name)
            ]
            context |= {
                "nik_info": info,
                "nik_sex": dict(Client._meta.get_field("sex").choices).get(info.sex),
                "nik_warnings": nik_warnings(info, bd, sex),
                "district": Region.objects.filter(code=info.district_code).first(),
                "regency": Region.objects.filter(code=info.regency_code).first(),
                "province": Region.objects.filter(code=info.province_code).first(),
            }
    return render(request, "clients/client_form.html#nik_info", context)


@login_required
@require_GET
def region_children(request):
    """htmx: the options of the next region level, and empty deeper levels."""
    levels = ClientForm.LEVELS
    for depth, level in enumerate(levels[:-1], start=1):
        if level in request.GET:
            parent = request.GET.get(level) or ""
            options = (
                Region.objects.filter(parent_id=parent, level=depth + 1).values_list("code", "name")
                if parent
                else []
            )
            html = mark_safe('<option value="">—</option>') + format_html_join(
                "", '<option value="{}">{}</option>', options
            )
            for deeper in levels[depth + 1 :]:
                html += format_html(
                    '<select id="id_{}" hx-swap-oob="innerHTML"><option value="">—</option></select>',
                    deeper,
                )
            return HttpResponse(html)
    return HttpResponse(status=400)


@login_required
@require_POST
def family_add(request, pk):
    client = access.get_or_404(clients_for(request.user), pk=pk)
    form = FamilyMemberForm(request.POST)
    _saved, status = run_form(
        form, lambda d: services.family_member_add(actor=request.user, client=client, data=d)
    )
    if status != 200:
        return render(
            request, "clients/client_detail.html#family_form",
            {"client": client, "family_form": form}, status=status,
        )  # fmt: skip
    messages.success(request, _("Anggota keluarga ditambahkan."))
    return redirect_after(request, "client_detail", pk=client.pk)


@login_required
@require_POST
def family_delete(request, pk, member_pk):
    client = access.get_or_404(clients_for(request.user), pk=pk)
    member = access.get_or_404(family_for(request.user), pk=member_pk, client=client)
    services.family_member_delete(actor=request.user, member=member)
    messages.success(request, _("Anggota keluarga dihapus."))
    return redirect("client_detail", pk=client.pk)


@login_required
@require_POST
def consent_add(request, pk):
    client = access.get_or_404(clients_for(request.user), pk=pk)
    form = ConsentForm(request.POST, request.FILES)
    _saved, status = run_form(
        form,
        lambda d: services.consent_record(actor=request.user, client=client, **form.service_args()),
    )
    if status != 200:
        return render(
            request, "clients/client_detail.html#consent_form",
            {"client": client, "consent_form": form}, status=status,
        )  # fmt: skip
    messages.success(request, _("Persetujuan dicatat."))
    return redirect_after(request, "client_detail", pk=client.pk)


@login_required
@require_POST
def consent_withdraw(request, pk, consent_pk):
    client = access.get_or_404(clients_for(request.user), pk=pk)
    consent = access.get_or_404(consents_for(request.user), pk=consent_pk, client=client)
    if run_call(request, lambda: services.consent_withdraw(actor=request.user, consent=consent)):
        messages.success(request, _("Persetujuan ditarik."))
    return redirect("client_detail", pk=client.pk)


@login_required
@require_GET
def consent_proof(request, pk, consent_pk):
    """The scanned form of a consent, for whoever may see the client."""
    from pendamping import uploads

    from .consent import path_of

    client = access.get_or_404(clients_for(request.user), pk=pk)
    consent = access.get_or_404(
        consents_for(request.user).exclude(proof_file=""), pk=consent_pk, client=client
    )
    ext = consent.proof_file.rsplit(".", 1)[-1]
    return uploads.private_file_response(
        path_of(consent), consent.proof_content_type, f"persetujuan-{consent.pk}.{ext}"
    )


# ---- bulk import (agency admins) ------------------------------------------------------


@login_required
def client_import(request):
    """Upload a client file to import in the background; the agency's imports below."""
    access.require_manage_agency(request.user)
    # bound on every POST, even one without fields (no file chosen)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else None
    form = form or ImportUploadForm()
    status = 200
    if request.method == "POST":
        started, status = run_form(
            form, lambda d: services.import_start(actor=request.user, upload=d["file"])
        )
        if started:
            run, queued = started
            if queued:
                messages.success(
                    request, _("Berkas %(name)s diterima dan masuk antrean impor.")
                    % {"name": run.file_name},
                )  # fmt: skip
            elif run.status == run.Status.DONE:
                messages.info(
                    request, _("Berkas ini sudah diimpor pada %(date)s; tidak diimpor lagi.")
                    % {"date": date_format(run.finished_at or run.started_at, "DATETIME_FORMAT")},
                )  # fmt: skip
            else:
                messages.info(request, _("Berkas ini sedang diimpor."))
            return redirect("import_detail", pk=run.pk)
    runs = imports_for(request.user).select_related("started_by")
    context = {
        "form": form,
        "page": paginate(request, runs.order_by("-started_at", "-id")),
        "columns": COLUMNS,
        "max_bytes": settings.IMPORT_MAX_BYTES,
    }
    return render(request, "clients/import.html", context, status=status)


@login_required
@require_GET
def import_detail(request, pk):
    """An import's progress (polled by htmx while it runs), then its refused rows."""
    run = access.get_or_404(imports_for(request.user).select_related("started_by"), pk=pk)
    context = {
        "run": run,
        "rejections": None if run.active else paginate(request, run.rejections.all()),
        "events": run.events.select_related("actor"),
    }
    return render(request, template_for(request, "clients/import_detail.html", "progress"), context)


class _Echo:
    def write(self, value):
        return value


@login_required
@require_GET
def import_report(request, pk):
    """The refused rows of an import as CSV (row, full_name, reason)."""
    run = access.get_or_404(imports_for(request.user), pk=pk)
    writer = csvcells.writer(_Echo())
    rows = run.rejections.values_list("row", "name", "reason").iterator(chunk_size=2000)

    def lines():
        yield "\ufeff"  # a BOM, so that Excel reads UTF-8
        yield writer.writerow(["row", "full_name", "reason"])
        for row, name, reason in rows:
            yield writer.writerow(csvcells.row([row, name, reason]))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="impor-{run.pk}-ditolak.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---- members of a group client -------------------------------------------------------


def _group_context(request, client, form=None, candidates=None) -> dict:
    from .forms import GroupMemberForm

    members = group_members_for(request.user).filter(group=client).select_related("member")
    return {
        "client": client,
        "group_members": members.order_by("left_at", "joined_at", "id"),
        "group_form": form or GroupMemberForm(),
        "group_candidates": candidates,
    }


@login_required
@require_POST
def group_member_add(request, pk):
    """Search the agency's visible individual clients, then add the one picked."""
    from .forms import GroupMemberForm

    client = access.get_or_404(clients_for(request.user), pk=pk)
    access.require_write(request.user)
    form = GroupMemberForm(request.POST)
    candidates = None
    if form.is_valid():
        picked = form.cleaned_data.get("member")
        if picked:
            member = clients_for(request.user).filter(pk=picked).first()
            try:
                if member is None:
                    raise ValidationError({"q": _("Klien tidak ditemukan.")})
                services.group_member_add(
                    actor=request.user, group=client, member=member,
                    role=form.cleaned_data.get("role") or "",
                )  # fmt: skip
            except ValidationError as e:
                for message in e.messages:
                    form.add_error("q", message)
            else:
                messages.success(
                    request, _("%(name)s menjadi anggota kelompok.") % {"name": member.full_name}
                )
                return redirect("client_detail", pk=client.pk)
        else:
            found = search_clients(request.user, form.cleaned_data["q"].strip())
            candidates = [
                c
                for c in list(found[:20])
                if c.kind == Client.Kind.INDIVIDUAL and c.pk != client.pk
            ]
            if not candidates:
                form.add_error("q", _("Tidak ada klien perorangan yang cocok."))
    status = 422 if form.errors else 200
    context = _group_context(request, client, form=form, candidates=candidates)
    return render(request, "clients/group_members.html#group_form", context, status=status)


@login_required
@require_POST
def group_member_leave(request, pk, membership_pk):
    client = access.get_or_404(clients_for(request.user), pk=pk)
    membership = access.get_or_404(
        group_members_for(request.user).select_related("member"), pk=membership_pk, group=client
    )
    if run_call(
        request, lambda: services.group_member_leave(actor=request.user, membership=membership)
    ):
        messages.success(
            request, _("Keanggotaan %(name)s berakhir.") % {"name": membership.member.full_name}
        )
    return redirect("client_detail", pk=client.pk)
