"""The data protection officer's pages: the processing log (filtered, as CSV) and the
agency's data protection settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import csvcells
from pendamping.accounts.access import agency_of
from pendamping.web import paginate

from . import selectors, setting_audit
from .access import require_log_reader
from .forms import AccessLogFilter, PrivacySettingsForm
from .log import saw
from .models import SettingChange


def _filtered(request):
    require_log_reader(request.user)
    form = AccessLogFilter(request.GET or None, agency=agency_of(request.user))
    return form, selectors.access_log(request.user, **form.lookup()) if (
        not form.is_bound or form.is_valid()) else None  # fmt: skip


@login_required
def access_log(request):
    form, rows = _filtered(request)
    page = paginate(request, rows if rows is not None else [])
    names = selectors.client_names(page.object_list, agency_of(request.user))
    saw(*names)  # the officer reads these names too: that is processing as well
    for r in page.object_list:
        r.shown = [(pk, names.get(pk)) for pk in r.client_ids[:12]]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "privacy/access_log.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })  # fmt: skip


CSV_LIMIT = 100_000


@login_required
def access_log_csv(request):
    form, rows = _filtered(request)
    if rows is None:
        return render(request, "privacy/access_log.html",
                      {"form": form, "page": paginate(request, [])}, status=422)  # fmt: skip
    response, out = csvcells.download("catatan-pemrosesan")
    out.writerow(csvcells.row([_("waktu"), _("pengguna"), _("peran"), _("lembaga"),
                               _("akses"), _("alamat"), _("klien")]))  # fmt: skip
    for r in rows[:CSV_LIMIT].iterator(chunk_size=2000):
        m = getattr(r.user, "membership", None)
        out.writerow(csvcells.row([
            timezone.localtime(r.at).isoformat(timespec="seconds"), r.user.username,
            m.get_role_display() if m else "", r.agency.name, r.what, r.address or "",
            " ".join(map(str, r.client_ids)),
        ]))  # fmt: skip
    return response


@login_required
def privacy_settings(request):
    require_log_reader(request.user)
    current = selectors.settings_for(agency_of(request.user))
    form = PrivacySettingsForm(request.POST or None, instance=current)
    return settings_page(request, form, what=SettingChange.What.PRIVACY,
                         template="privacy/settings.html",
                         saved=_("Pengaturan pelindungan data disimpan."), to="privacy_settings")  # fmt: skip


def settings_page(request, form, *, what: str, template: str, saved: str, to: str):
    """A page of one agency's settings row: a valid POST saves `form` audited
    (setting_audit.save_form), says `saved` and goes to `to`; an invalid one shows the
    errors (422)."""
    if request.method == "POST":
        if form.is_valid():
            setting_audit.save_form(form, actor=request.user, what=what)
            messages.success(request, saved)
            return redirect(to)
        return render(request, template, {"form": form}, status=422)
    return render(request, template, {"form": form})
