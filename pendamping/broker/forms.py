"""Forms for the resource directory, needs, referrals, gaps and initiatives.

The API validates its input with these same forms (`web.require_valid`).
"""

import contextlib
import re
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.accounts.models import Agency
from pendamping.cases.actions import CaseAction
from pendamping.cases.models import Need, Urgency
from pendamping.clients.choices import PPKS, Sex
from pendamping.clients.forms import DateInput
from pendamping.clients.models import Region
from pendamping.taxonomy.forms import TermChoiceField, TermMultipleChoiceField, terms_in_tree_order
from pendamping.taxonomy.models import TaxonomyTerm
from pendamping.widgets import OptionsSelect, PlainNumberInput, PlainTextInput

from .models import (
    SHAREABLE_FIELDS,
    Capacity,
    Initiative,
    Location,
    Organization,
    Phone,
    ServiceStatus,
)

LANGUAGES = [
    ("id", _("Bahasa Indonesia")),
    ("jv", _("Bahasa Jawa")),
    ("su", _("Bahasa Sunda")),
    ("mad", _("Bahasa Madura")),
    ("min", _("Bahasa Minangkabau")),
    ("bug", _("Bahasa Bugis")),
    ("ban", _("Bahasa Bali")),
    ("en", _("Bahasa Inggris")),
    ("sgn-ID", _("Bahasa Isyarat Indonesia (BISINDO)")),
]
DAYS = [
    ("MO", _("Senin")),
    ("TU", _("Selasa")),
    ("WE", _("Rabu")),
    ("TH", _("Kamis")),
    ("FR", _("Jumat")),
    ("SA", _("Sabtu")),
    ("SU", _("Minggu")),
]


def parse_region_codes(text: str) -> list[str]:
    """Kemendagri codes separated by commas, spaces or new lines; each must exist."""
    codes = [c for c in re.split(r"[\s,;]+", text or "") if c]
    codes = list(dict.fromkeys(codes))
    known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise forms.ValidationError(
            _("Kode wilayah tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    return codes


def check_coordinates(cleaned: dict, form: forms.Form) -> None:
    lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
    if (lat is None) != (lon is None):
        form.add_error(
            "longitude", _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.")
        )
    if lat is not None and not -90 <= lat <= 90:
        form.add_error("latitude", _("Lintang harus antara -90 dan 90."))
    if lon is not None and not -180 <= lon <= 180:
        form.add_error("longitude", _("Bujur harus antara -180 dan 180."))


class OrganizationForm(forms.ModelForm):
    phone = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organization
        fields = [
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "legal_status",
            "tax_id",
            "receiving_agency",
            "shared",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        # only the recording agency itself: it publishes its own services for referral
        self.fields["receiving_agency"].queryset = Agency.objects.filter(
            pk=agency.pk if agency else None
        )
        self.fields["receiving_agency"].label = _("Penyedia ini adalah lembaga kami")
        self.fields["receiving_agency"].help_text = _(
            "Pilih bila penyedia ini adalah lembaga Anda sendiri: rujukan dari lembaga lain "
            "masuk ke kotak rujukan Anda."
        )


class LocationForm(forms.ModelForm):
    region_code = forms.CharField(
        label=_("Kode wilayah Kemendagri"),
        max_length=13,
        required=False,
        help_text=_("Kecamatan atau desa/kelurahan, mis. 32.73.05"),
    )

    class Meta:
        model = Location
        fields = [
            "name",
            "location_type",
            "address_1",
            "city",
            "postal_code",
            "latitude",
            "longitude",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean_region_code(self):
        code = (self.cleaned_data.get("region_code") or "").strip()
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(_("Kode wilayah tidak dikenal."))
        return region

    def clean(self):
        cleaned = super().clean()
        check_coordinates(cleaned, self)
        return cleaned


class ServiceForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Penyedia"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Nama layanan"), max_length=200)
    alternate_name = forms.CharField(label=_("Nama lain"), max_length=200, required=False)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 3}))
    terms = TermMultipleChoiceField(
        label=_("Jenis layanan (taksonomi)"),
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ServiceStatus.choices, initial=ServiceStatus.ACTIVE
    )
    url = forms.URLField(label=_("Situs web"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    phone_type = forms.ChoiceField(
        label=_("Jenis telepon"), choices=Phone.Type.choices, initial=Phone.Type.VOICE
    )
    contact_name = forms.CharField(label=_("Narahubung"), max_length=200, required=False)
    contact_title = forms.CharField(label=_("Jabatan narahubung"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Email narahubung"), required=False)
    application_process = forms.CharField(
        label=_("Cara mengajukan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    fees_description = forms.CharField(
        label=_("Biaya"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required_documents = forms.CharField(
        label=_("Dokumen yang diperlukan"),
        required=False,
        help_text=_("Satu dokumen per baris."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Bahasa layanan"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minimum_age = forms.IntegerField(
        label=_("Usia minimum"), required=False, min_value=0, max_value=150
    )
    maximum_age = forms.IntegerField(
        label=_("Usia maksimum"), required=False, min_value=0, max_value=150
    )
    eligible_sexes = forms.MultipleChoiceField(
        label=_("Jenis kelamin yang dilayani"),
        help_text=_("Kosongkan bila semua."),
        choices=Sex.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eligible_ppks = forms.MultipleChoiceField(
        label=_("Kategori PPKS yang dilayani"),
        help_text=_("Kosongkan bila semua."),
        choices=PPKS.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    eligibility_description = forms.CharField(
        label=_("Syarat lain"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    service_areas = forms.CharField(
        label=_("Wilayah layanan"),
        required=False,
        help_text=_("Kode wilayah Kemendagri dipisah koma, mis. 32.73, 32.04"),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Lokasi"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.MultipleChoiceField(
        label=_("Hari buka"), choices=DAYS, required=False, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.TimeField(
        label=_("Jam buka"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("Jam tutup"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    capacity = forms.ChoiceField(
        label=_("Kapasitas"), choices=Capacity.choices, initial=Capacity.UNKNOWN
    )
    capacity_count = forms.IntegerField(label=_("Jumlah tempat"), required=False, min_value=0)
    shared = forms.BooleanField(
        label=_("Dibagikan ke semua lembaga"),
        required=False,
        help_text=_("Lembaga lain dapat melihat dan merujuk ke layanan ini."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["terms"].queryset = terms_in_tree_order()
        # The locations of the chosen provider only (posted, or the service's own): an
        # agency with a hundred providers would otherwise list every one of their sites.
        chosen = (
            self.data.get("organization") if self.is_bound else self.initial.get("organization")
        )
        chosen = getattr(chosen, "pk", chosen)
        locations = Location.objects.filter(organization__in=organizations)
        # none chosen yet, or not a provider id: the field's own check refuses it
        with contextlib.suppress(ValueError):
            locations = locations.filter(organization_id=uuid.UUID(str(chosen)))
        self.fields["locations"].queryset = locations.select_related("organization")
        self.fields["locations"].label_from_instance = lambda loc: f"{loc.organization.name}: {loc}"

    def clean_required_documents(self):
        text = self.cleaned_data.get("required_documents") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean_service_areas(self):
        return parse_region_codes(self.cleaned_data.get("service_areas") or "")

    def clean(self):
        cleaned = super().clean()
        lo, hi = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if lo is not None and hi is not None and lo > hi:
            self.add_error(
                "maximum_age", _("Usia maksimum tidak boleh lebih kecil dari usia minimum.")
            )
        org = cleaned.get("organization")
        for loc in cleaned.get("locations") or []:
            if org and loc.organization_id != org.pk:
                self.add_error(
                    "locations", _("Lokasi %(loc)s bukan milik penyedia ini.") % {"loc": loc}
                )
        if (cleaned.get("contact_title") or cleaned.get("contact_email")) and not cleaned.get(
            "contact_name"
        ):
            self.add_error("contact_name", _("Isi nama narahubung."))
        days, opens, closes = cleaned.get("days"), cleaned.get("opens_at"), cleaned.get("closes_at")
        if days or opens or closes:
            if not (days and opens and closes):
                self.add_error("days", _("Isi hari, jam buka dan jam tutup bersama-sama."))
            elif opens >= closes:
                self.add_error("closes_at", _("Jam tutup harus setelah jam buka."))
        return cleaned

    @staticmethod
    def initial_for(service) -> dict:
        schedule = next(iter(service.schedules.all()), None)
        phone = next(iter(service.phones.all()), None)
        contact = next(iter(service.contacts.all()), None)
        return {
            "organization": service.organization_id,
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "terms": [t.pk for t in service.terms.all()],
            "status": service.status,
            "url": service.url,
            "email": service.email,
            "phone": phone.number if phone else "",
            "phone_type": phone.type if phone else Phone.Type.VOICE,
            "contact_name": contact.name if contact else "",
            "contact_title": contact.title if contact else "",
            "contact_email": contact.email if contact else "",
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "required_documents": "\n".join(service.required_documents),
            "languages": service.languages,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "eligible_sexes": service.eligible_sexes,
            "eligible_ppks": service.eligible_ppks,
            "eligibility_description": service.eligibility_description,
            "service_areas": ", ".join(service.service_areas),
            "locations": [sal.location_id for sal in service.at_locations.all()],
            "days": schedule.byday.split(",") if schedule else [],
            "opens_at": schedule.opens_at if schedule else None,
            "closes_at": schedule.closes_at if schedule else None,
            "capacity": service.capacity,
            "capacity_count": service.capacity_count,
            "shared": service.shared,
            "version": service.version,
        }


class CapacityForm(forms.Form):
    capacity = forms.ChoiceField(label=_("Kapasitas"), choices=Capacity.choices)
    capacity_count = forms.IntegerField(label=_("Jumlah tempat"), required=False, min_value=0)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConfirmCapacityForm(forms.Form):
    """ "Still correct": the version of the service the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DirectorySettingsForm(forms.Form):
    capacity_stale_days = forms.IntegerField(
        label=_("Kapasitas dianggap usang setelah (hari)"), min_value=1, max_value=365
    )


class DirectorySearchForm(forms.Form):
    """The directory's filter form, on every directory page: its widgets write their
    markup without a template (``pendamping.widgets``)."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100, widget=PlainTextInput)
    term = TermChoiceField(
        label=_("Jenis layanan"), queryset=TaxonomyTerm.objects.none(), required=False
    )
    region = forms.CharField(
        label=_("Kode wilayah"), required=False, max_length=13, widget=PlainTextInput
    )
    lat = forms.FloatField(
        label=_("Lintang"), required=False, min_value=-90, max_value=90, widget=PlainNumberInput
    )
    lon = forms.FloatField(
        label=_("Bujur"), required=False, min_value=-180, max_value=180, widget=PlainNumberInput
    )
    km = forms.FloatField(
        label=_("Radius (km)"), required=False, min_value=0.1, max_value=500,
        widget=PlainNumberInput,
    )  # fmt: skip
    capacity = forms.ChoiceField(
        label=_("Kapasitas"), choices=[("", "—"), *Capacity.choices], required=False,
        widget=OptionsSelect,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms_in_tree_order()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            self.add_error("lon", _("Isi lintang dan bujur bersama-sama."))
        return cleaned


class NeedForm(forms.Form):
    term = TermChoiceField(label=_("Jenis kebutuhan"), queryset=TaxonomyTerm.objects.none())
    description = forms.CharField(
        label=_("Uraian kebutuhan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    urgency = forms.ChoiceField(
        label=_("Kemendesakan"), choices=Urgency.choices, initial=Urgency.MEDIUM
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms_in_tree_order()


# the case page's disclosure "Catat kebutuhan" (broker/case_panel.html): its form is
# rendered only when opened (need_form), and posts to need_add
NEED_ACTION = CaseAction(
    key="need",
    label=_("Catat kebutuhan"),
    submit=_("Catat dan cari layanan"),
    url_name="need_add",
    make=lambda user, case, data: NeedForm(data),
    applies=lambda case: case.is_open,
)


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Need.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReferralForm(forms.Form):
    service = forms.UUIDField(widget=forms.HiddenInput)
    note_for_receiver = forms.CharField(
        label=_("Catatan untuk penerima"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_date = forms.DateField(label=_("Tanggal tindak lanjut"), widget=DateInput())
    shared_fields = forms.MultipleChoiceField(
        label=_("Data klien yang dibagikan"),
        choices=list(SHAREABLE_FIELDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    send = forms.BooleanField(
        label=_("Kirim sekarang"),
        required=False,
        initial=True,
        help_text=_("Tanpa centang, rujukan disimpan sebagai draf."),
    )

    def clean_follow_up_date(self):
        value = self.cleaned_data["follow_up_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Tanggal tindak lanjut tidak boleh di masa lalu."))
        return value


class ReferralStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Status baru"))
    reason = forms.CharField(
        label=_("Alasan / keterangan"),
        max_length=2000,
        required=False,  # the service asks for it on every change but sending
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices


class InitiativeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = ["title", "term", "plan", "partners", "status", "gaps"]
        widgets = {
            "plan": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "gaps": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, gaps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"] = TermChoiceField(
            label=_("Jenis layanan yang diciptakan"), queryset=terms_in_tree_order()
        )
        self.fields["gaps"].queryset = gaps
        self.fields["gaps"].required = False
        self.fields["gaps"].label_from_instance = lambda g: (
            f"{g.term.name} · {g.region.name if g.region else '—'} · {g.get_reason_display()}"
            f" · {timezone.localtime(g.opened_at):%d-%m-%Y}"
        )


# ---- term mappings (the agency admin's page) ------------------------------------------

MAPPING_CSV_MAX_BYTES = 2 * 1024 * 1024


class MapTermForm(forms.Form):
    """One code of another vocabulary mapped to one of our terms (blank: unmapped)."""

    vocabulary = forms.CharField(label=_("Kosakata"), max_length=200, required=False)
    code = forms.CharField(label=_("Kode"), max_length=200)
    term = TermChoiceField(
        label=_("Istilah Pendamping"), queryset=TaxonomyTerm.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms_in_tree_order()


class MappingCsvForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV pemetaan"),
        help_text=_("Kolom vocabulary, code, term (kode istilah Pendamping; kosong menghapus "
                    "pemetaan). Paling besar 2 MB."),
    )  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAPPING_CSV_MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih besar dari 2 MB."))
        return upload
