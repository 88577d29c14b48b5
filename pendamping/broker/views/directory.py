"""The resource directory pages: services, providers, their locations."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.web import (
    paginate,
    run_call,
    run_form,
    run_form_telling_conflict,
    template_for,
    url_by_pk,
)

from .. import fulltext, selectors, services
from ..access import (
    can_edit_entry,
    directory_organizations_for,
    directory_services_for,
    require_edit_entry,
)
from ..forms import (
    CapacityForm,
    DirectorySearchForm,
    LocationForm,
    OrganizationForm,
    ServiceForm,
)
from ..models import Capacity, Service, ServiceAtLocation
from ..stale import is_stale, stale_before

# ---- directory -----------------------------------------------------------------

# what a row of the directory shows of a service (not its descriptions and eligibility:
# the rank reads the words table, the page only the service's name)
DIRECTORY_COLUMNS = ("name", "status", "capacity", "organization__name")
DIRECTORY_COUNT_CAP = 1000  # "more than 1,000 services: narrow the search"


@dataclass(slots=True)
class DirectoryRow:
    """A row of the directory's table, worked out in one pass over the page: a URL
    reversed and the terms' names read in the template, per row, were a fifth of the
    page's time."""

    service: Service
    url: str
    kinds: str  # the service's terms, by code
    capacity: str  # its label
    distance_km: float | None = None


def directory_rows(items) -> list[DirectoryRow]:
    """The page's services (or distance hits) as rows; their terms in one query."""
    pairs = [
        (i.service, i.distance_km) if isinstance(i, selectors.DirectoryHit) else (i, None)
        for i in items
    ]
    services = [s for s, _d in pairs]
    prefetch_related_objects(services, Prefetch("terms", to_attr="term_list"))
    url = url_by_pk("service_detail")
    capacity = {value: str(label) for value, label in Capacity.choices}
    return [
        DirectoryRow(s, url(s.pk), ", ".join(t.name for t in s.term_list),
                     capacity.get(s.capacity, s.capacity), d)
        for s, d in pairs
    ]  # fmt: skip


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
    if not isinstance(results, list):  # the columns the rows show (a list: by distance)
        results = results.only(*DIRECTORY_COLUMNS)
    query = request.GET.copy()
    query.pop("page", None)
    by_words_only = not any(f.get(k) for k in ("term", "capacity", "lat", "lon"))
    providers = (
        selectors.directory_providers(
            request.user, q=f.get("q", ""), region=(f.get("region") or "").strip()
        )
        if by_words_only and request.GET.get("page", "1") == "1"
        else []
    )
    # a ranked look-up counts its matches in its own query; a listing by name walks
    # the names' index and counts up to DIRECTORY_COUNT_CAP
    by_rank = len((f.get("q") or "").strip()) >= 3
    page = paginate(request, results, one_query=by_rank, count_cap=DIRECTORY_COUNT_CAP)
    page.object_list = directory_rows(page.object_list)
    stale = any(row.service.capacity_stale for row in page.object_list)
    context = {
        "form": form,
        "providers": providers,
        "page": page,
        # written once for the page, not included per row
        "stale_badge": render_to_string("broker/stale_badge.html") if stale else "",
        "by_distance": isinstance(results, list),
        "querystring": query.urlencode(),
        "can_write": access.can_write(request.user),
        "can_map": access.can_manage_agency(request.user),
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
        "capacity_stale": is_stale(service, stale_before(access.agency_of(request.user).pk)),
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
    _saved, status = run_form_telling_conflict(request, form, lambda d: services.service_set_capacity(
        actor=request.user, service=service, capacity=d["capacity"], count=d["capacity_count"],
        expected_version=d["version"]))  # fmt: skip
    if status == 422:
        return service_detail(request, pk, capacity_form=form, status=422)
    if status == 200:
        messages.success(request, _("Kapasitas diperbarui."))
    return redirect("service_detail", pk=service.pk)


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
    if len(q) >= 3:  # by the provider's own words, as the directory page
        qs = fulltext.search_providers(qs, q)
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
    if not run_call(
        request, lambda: services.organization_delete(actor=request.user, organization=org)
    ):
        return redirect("organization_detail", pk=org.pk)
    messages.success(request, _("Penyedia %(name)s dihapus.") % {"name": org.name})
    return redirect("organization_list")


@login_required
@require_POST
def location_add(request, pk):
    org = _organization(request, pk)
    require_edit_entry(request.user, org)
    form = LocationForm(request.POST)

    def save(d):
        data = {k: v for k, v in d.items() if k != "region_code"}
        data["region"] = d["region_code"]
        services.location_add(actor=request.user, organization=org, data=data)

    _saved, status = run_form(form, save)
    if status != 200:
        return organization_detail(request, pk, location_form=form, status=status)
    messages.success(request, _("Lokasi ditambahkan."))
    return redirect("organization_detail", pk=org.pk)


@login_required
@require_POST
def location_delete(request, pk, location_pk):
    org = _organization(request, pk)
    location = access.get_or_404(org.locations.all(), pk=location_pk)
    services.location_delete(actor=request.user, location=location)
    messages.success(request, _("Lokasi dihapus."))
    return redirect("organization_detail", pk=org.pk)
