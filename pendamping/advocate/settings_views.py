"""The agency's complaint settings (agency_settings.py): categories with their SLA,
days off, the outside bodies' limits the agency counts, and the audit trail of their
changes. Its staff read them; its admin changes them (another agency's rows answer
404 to everyone, and to a non-admin the edit pages do not exist)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.accounts.models import Role
from pendamping.web import flash_errors, run_form

from . import agency_settings, limits
from .access import categories_for, days_off_for
from .forms import CategoryForm, DayOffForm, FilingLimitForm, VersionForm
from .models import AgencyDayOff, Body, Category, FilingLimit, SettingChange


def _admins_row(user, model, pk):
    return access.get_or_404(
        access.of_agency(user, model.objects.alive(), roles={Role.ADMIN}), pk=pk
    )


WHAT = {"category": _l("Kategori pengaduan"), "day_off": _l("Hari libur lembaga"),
        "filing_limit": _l("Batas waktu instansi lain")}  # fmt: skip
ACTION = {"created": _l("ditambahkan"), "changed": _l("diubah"), "deleted": _l("dihapus")}


def _changes(user) -> list:
    """The last 20 changes of the settings, for the agency's admins and auditors."""
    rows = list(access.of_agency(user, SettingChange.objects.select_related("actor"),
                                 roles={Role.ADMIN, Role.AUDITOR})[:20])  # fmt: skip
    for row in rows:
        row.what_label, row.action_label = WHAT.get(row.what, row.what), ACTION.get(row.action, "")
    return rows


@login_required
def complaint_settings(request, *, forms=None, status=200):
    user = request.user
    forms = forms or {}
    manage = access.can_manage_agency(user)
    agency = access.agency_of(user)
    own = limits.agency_table(agency.pk) if agency else {}
    context = {
        "categories": list(categories_for(user).select_related("parent").order_by("parent_id", "name")),
        "days_off": list(days_off_for(user)),
        "manage": manage,
        "category_form": forms.get("category") or (CategoryForm(user=user) if manage else None),
        "day_off_form": forms.get("day_off") or (DayOffForm() if manage else None),
        "limit_form": forms.get("limit") or (FilingLimitForm() if manage else None),
        "limits": [(str(b.label), limits.steps_of(b.value, own), b.value in own) for b in Body],
        "own_limits": list(access.of_agency(user, FilingLimit.objects.alive(),
                                            roles=access.STAFF_ROLES)),
        "changes": _changes(user),
    }  # fmt: skip
    return render(request, "advocate/settings.html", context, status=status)


def _done(request, form, key, save, message):
    saved, status = run_form(form, save)
    if saved is None:
        return complaint_settings(request, forms={key: form}, status=status)
    messages.success(request, message)
    return redirect("complaint_settings")


@login_required
@require_POST
def category_add(request):
    user = request.user
    access.require_manage_agency(user)
    form = CategoryForm(request.POST, user=user)
    return _done(request, form, "category",
                 lambda data: agency_settings.category_save(actor=user, data=data),
                 _("Kategori disimpan."))  # fmt: skip


@login_required
def category_edit(request, pk):
    user = request.user
    category = _admins_row(user, Category, pk)
    initial = {"name": category.name, "parent": category.parent_id, "version": category.version,
               "sla_amount": category.sla_amount, "sla_unit": category.sla_unit}  # fmt: skip
    form = CategoryForm(request.POST or None, user=user, initial=initial, editing=category)
    status = 200
    if request.method == "POST":
        saved, status = run_form(form, lambda data: agency_settings.category_save(
            actor=user, data=data, category=category))  # fmt: skip
        if saved is not None:
            messages.success(request, _("Kategori disimpan."))
            return redirect("complaint_settings")
    return render(request, "advocate/category_edit.html",
                  {"form": form, "category": category}, status=status)  # fmt: skip


@login_required
@require_POST
def category_delete(request, pk):
    user = request.user
    category = _admins_row(user, Category, pk)
    form = VersionForm(request.POST)
    saved, status = run_form(form, lambda data: agency_settings.category_delete(
        actor=user, category=category, expected_version=data["version"]) or True)  # fmt: skip
    if saved is None:
        flash_errors(request, form)
        return complaint_settings(request, status=status)
    messages.success(request, _("Kategori dihapus."))
    return redirect("complaint_settings")


@login_required
@require_POST
def day_off_add(request):
    user = request.user
    access.require_manage_agency(user)
    return _done(request, DayOffForm(request.POST), "day_off",
                 lambda data: agency_settings.day_off_add(actor=user, **data),
                 _("Hari libur lembaga disimpan."))  # fmt: skip


def _delete(request, model, pk, delete, message):
    user = request.user
    delete(actor=user, row=_admins_row(user, model, pk))
    messages.success(request, message)
    return redirect("complaint_settings")


@login_required
@require_POST
def day_off_delete(request, pk):
    return _delete(request, AgencyDayOff, pk, agency_settings.day_off_delete,
                   _("Hari libur lembaga dihapus."))  # fmt: skip


@login_required
@require_POST
def filing_limit_add(request):
    user = request.user
    access.require_manage_agency(user)
    return _done(request, FilingLimitForm(request.POST), "limit",
                 lambda data: agency_settings.filing_limit_add(actor=user, data=data),
                 _("Batas waktu instansi disimpan."))  # fmt: skip


@login_required
@require_POST
def filing_limit_delete(request, pk):
    return _delete(request, FilingLimit, pk, agency_settings.filing_limit_delete,
                   _("Batas waktu instansi dihapus."))  # fmt: skip
