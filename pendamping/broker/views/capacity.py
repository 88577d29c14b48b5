"""Stale capacity: the list of the agency's services to refresh, "still correct", and
the agency admin's setting of when a capacity counts as stale (``stale.py``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.concurrency import ConflictError
from pendamping.web import paginate, run_form

from .. import selectors, services
from ..forms import ConfirmCapacityForm, DirectorySettingsForm
from ..stale import settings_for
from .directory import _service


@login_required
def stale_capacity(request, *, settings_form=None, status=200):
    """The agency's services whose capacity is stale; its admin also sees the setting of
    after how many days a capacity counts as stale."""
    user = request.user
    access.require_write(user)
    current = settings_for(access.agency_of(user).pk)
    if settings_form is None and access.can_manage_agency(user):
        settings_form = DirectorySettingsForm(
            initial={"capacity_stale_days": current.capacity_stale_days}
        )
    context = {
        "page": paginate(request, selectors.stale_services(user)),
        "days": current.capacity_stale_days,
        "settings_form": settings_form,
    }
    return render(request, "broker/stale_capacity.html", context, status=status)


@login_required
@require_POST
def directory_settings(request):
    access.require_manage_agency(request.user)
    form = DirectorySettingsForm(request.POST)
    saved, status = run_form(
        form, lambda d: services.directory_settings_save(actor=request.user, **d)
    )
    if saved:
        messages.success(request, _("Pengaturan direktori disimpan."))
        return redirect("stale_capacity")
    return stale_capacity(request, settings_form=form, status=status)


@login_required
@require_POST
def service_capacity_confirm(request, pk):
    service = _service(request, pk)
    form = ConfirmCapacityForm(request.POST)
    back = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    if not form.is_valid():
        messages.error(request, _("Permintaan tidak lengkap: muat ulang halaman."))
        return redirect(back or "service_detail", **({} if back else {"pk": service.pk}))
    try:
        services.service_confirm_capacity(
            actor=request.user, service=service, expected_version=form.cleaned_data["version"]
        )
    except ConflictError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request, _("Kapasitas %(name)s dicatat masih benar.") % {"name": service.name}
        )
    return redirect(back or "service_detail", **({} if back else {"pk": service.pk}))
