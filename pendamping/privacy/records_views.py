"""The officer's pages: the agency's records of processing (page, PDF, the parts the
admin or officer writes) and the register of the agency's consents (filtered, paged,
CSV): who, which purposes and categories, given or withdrawn, the kind of proof;
never case content."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping import csvcells
from pendamping.accounts.access import agency_of
from pendamping.data_categories import DataCategory
from pendamping.pdf import pdf_response
from pendamping.web import paginate

from . import processing_records as records
from .access import require_log_reader
from .breach_forms import ConsentFilter, ProcessingSettingsForm
from .consent_register import consents, proof_kind
from .models import SettingChange
from .views import settings_page


@login_required
def processing_records(request):
    require_log_reader(request.user)
    record = records.build(agency_of(request.user))
    return render(request, "privacy/processing_records.html", {"record": record})


@login_required
def processing_records_pdf(request):
    require_log_reader(request.user)
    record = records.build(agency_of(request.user))
    stamp = timezone.localdate().strftime("%Y%m%d")
    return pdf_response(request, "privacy/processing_records_pdf.html", {"record": record},
                        f"catatan-kegiatan-pemrosesan-{stamp}.pdf")  # fmt: skip


@login_required
def processing_settings(request):
    require_log_reader(request.user)
    current = records.settings_for(agency_of(request.user))
    form = ProcessingSettingsForm(request.POST or None, instance=current)
    return settings_page(request, form, what=SettingChange.What.RECORDS,
                         template="privacy/processing_settings.html",
                         saved=_("Catatan kegiatan pemrosesan disimpan."), to="processing_records")  # fmt: skip


# ---- the register of consents ---------------------------------------------------------


def _filtered(request):
    require_log_reader(request.user)
    form = ConsentFilter(request.GET or None, consent_model=apps.get_model("clients", "Consent"))
    valid = not form.is_bound or form.is_valid()
    filters = form.cleaned_data if form.is_bound and valid else {}
    return form, (consents(request.user, filters) if valid else None)


def _labels(c) -> list[str]:
    return [str(DataCategory(x).label) for x in c.data_categories or [] if x in DataCategory.values]


@login_required
def consent_register(request):
    form, rows = _filtered(request)
    page = paginate(request, rows if rows is not None else [])
    for c in page.object_list:
        c.proof, c.categories = proof_kind(c), _labels(c)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "privacy/consent_register.html",
                  {"form": form, "page": page, "query": query.urlencode()},
                  status=200 if rows is not None else 422)  # fmt: skip


CSV_LIMIT = 100_000


@login_required
def consent_register_csv(request):
    form, rows = _filtered(request)
    if rows is None:
        return render(request, "privacy/consent_register.html",
                      {"form": form, "page": paginate(request, [])}, status=422)  # fmt: skip
    response, out = csvcells.download("daftar-persetujuan")
    out.writerow(csvcells.row([_("nomor klien"), _("nama klien"), _("tujuan"),
                               _("dasar pemrosesan"), _("diberikan oleh"), _("kategori data"),
                               _("bukti"), _("tanggal diberikan"), _("dicatat"),
                               _("ditarik")]))  # fmt: skip
    for c in rows[:CSV_LIMIT].iterator(chunk_size=2000):
        out.writerow(csvcells.row([
            c.client_id, c.client.full_name, c.get_purpose_display(), c.get_lawful_basis_display(),
            c.get_given_by_display(), "; ".join(_labels(c)) or c.data_types, proof_kind(c),
            c.given_on.isoformat() if c.given_on else "",
            timezone.localtime(c.recorded_at).isoformat(timespec="minutes"),
            timezone.localtime(c.withdrawn_at).isoformat(timespec="minutes") if c.withdrawn_at else "",
        ]))  # fmt: skip
    return response
