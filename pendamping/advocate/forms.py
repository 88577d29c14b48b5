"""Forms of the advocate's pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from pendamping.accounts import access
from pendamping.clients.models import Region

from .access import categories_for
from .models import (
    TRANSITIONS,
    AwaitingOn,
    Channel,
    ComplainantKind,
    Decision,
    Sensitivity,
    Severity,
    SlaStatus,
    SlaUnit,
    Stage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class CategoryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ComplaintForm(forms.Form):
    complainant_kind = forms.ChoiceField(label=_("Jenis pengadu"), choices=ComplainantKind.choices)
    complainant_name = forms.CharField(
        label=_("Nama pengadu/perwakilan"), max_length=120, required=False,
        help_text=_("Kosongkan untuk pengaduan anonim."),
    )  # fmt: skip
    complainant_contact = forms.CharField(label=_("Kontak pengadu"), max_length=120, required=False)
    group_name = forms.CharField(label=_("Nama kelompok/komunitas"), max_length=200, required=False)
    mandate = forms.CharField(
        label=_("Mandat perwakilan"), widget=TEXTAREA, required=False,
        help_text=_("Untuk kelompok: bagaimana perwakilan diberi kuasa (surat kuasa, berita acara rapat)."),
    )  # fmt: skip
    mandate_on = forms.DateField(label=_("Tanggal mandat"), widget=DATE, required=False)
    anonymous_contact = forms.CharField(
        label=_("Saluran kontak pengadu anonim"), max_length=200, required=False,
        help_text=_("Disimpan terpisah; hanya petugas yang ditugaskan yang dapat melihatnya."),
    )  # fmt: skip
    channel = forms.ChoiceField(label=_("Saluran"), choices=Channel.choices)
    category = CategoryChoice(label=_("Kategori"), queryset=None)
    region = forms.ModelChoiceField(
        label=_("Wilayah"), queryset=Region.objects.none(), required=False
    )
    severity = forms.ChoiceField(
        label=_("Tingkat keparahan"), choices=Severity.choices, initial="medium"
    )
    sensitivity = forms.ChoiceField(
        label=_("Kepekaan"), choices=Sensitivity.choices, initial="standard"
    )
    subject = forms.CharField(label=_("Pokok pengaduan"), max_length=200)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 5}))
    obstacles = forms.CharField(label=_("Hambatan yang dihadapi"), widget=TEXTAREA, required=False)
    wanted_resolution = forms.CharField(
        label=_("Penyelesaian yang diharapkan"), widget=TEXTAREA, required=False
    )
    assigned_worker = forms.ModelChoiceField(
        label=_("Petugas"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, *args, user=None, client=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["category"].queryset = categories_for(user).select_related("parent")
        self.fields["assigned_worker"].queryset = access.assignable_workers(user)
        agency = access.agency_of(user)
        prefix = (agency.region_code or "")[:5] if agency else ""
        self.fields["region"].queryset = (
            Region.objects.filter(code__startswith=prefix, level__gte=3).order_by("code")
            if prefix else Region.objects.none()
        )  # fmt: skip
        if client is not None:
            self.fields["complainant_kind"].initial = ComplainantKind.INDIVIDUAL

    def cleaned(self) -> tuple[dict, str]:
        data = dict(self.cleaned_data)
        contact = data.pop("anonymous_contact", "") or ""
        if data.get("complainant_kind") == ComplainantKind.INDIVIDUAL:
            data["client"] = self.client
        return data, contact


class CoSignerForm(forms.Form):
    name = forms.CharField(label=_("Nama penanda tangan"), max_length=120)
    contact = forms.CharField(label=_("Kontak"), max_length=120, required=False)
    consent_on = forms.DateField(label=_("Tanggal persetujuan"), widget=DATE)
    consent_given = forms.BooleanField(
        label=_("Ia menyetujui pengaduan ini diajukan atas namanya"), required=True
    )


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Tahap baru"), choices=())
    awaiting_on = forms.ChoiceField(
        label=_("Menunggu"), choices=[("", "—"), *AwaitingOn.choices], required=False
    )
    reason = forms.CharField(label=_("Alasan"), widget=TEXTAREA)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(complaint.stage, ()) if complaint else ()
        self.fields["to_stage"].choices = [(s, Stage(s).label) for s in allowed]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), choices=Decision.choices)
    reason = forms.CharField(label=_("Alasan dan umpan balik kepada pengadu"), widget=TEXTAREA)
    case = forms.ModelChoiceField(
        label=_("Kasus rujukan"), queryset=None, required=False,
        help_text=_("Untuk keputusan 'Dirujuk ke kasus'."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        from pendamping.cases.access import cases_for

        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases_for(user).select_related("client").order_by("-id")
        self.fields["case"].label_from_instance = lambda c: c.number


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=TEXTAREA)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ListFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Tahap"), choices=[("", _("Semua")), *Stage.choices], required=False
    )
    sla = forms.ChoiceField(
        label=_("Status batas waktu"),
        choices=[("", _("Semua")), *SlaStatus.choices],
        required=False,
    )
    category = forms.ModelChoiceField(label=_("Kategori"), queryset=None, required=False)
    region = forms.ChoiceField(label=_("Wilayah"), choices=(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories_for(user).filter(parent__isnull=True)
        agency = access.agency_of(user)
        prefix = (agency.region_code or "")[:5] if agency else ""
        regions = (
            Region.objects.filter(code__startswith=prefix, level=3).order_by("name")
            if prefix
            else []
        )
        self.fields["region"].choices = [("", _("Semua")), *[(r.code, r.name) for r in regions]]


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Nama kategori"), max_length=120)
    parent = forms.ModelChoiceField(label=_("Kategori induk"), queryset=None, required=False)
    sla_amount = forms.IntegerField(
        label=_("Batas waktu layanan"), min_value=1, max_value=2000, initial=72
    )
    sla_unit = forms.ChoiceField(label=_("Satuan"), choices=SlaUnit.choices, initial="hours")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = categories_for(user).filter(parent__isnull=True)


class DayOffForm(forms.Form):
    day = forms.DateField(label=_("Tanggal"), widget=DATE)
    name = forms.CharField(label=_("Keterangan"), max_length=120)


class PublicStatusForm(forms.Form):
    code = forms.CharField(label=_("Kode pelacakan"), max_length=16)
    secret = forms.CharField(
        label=_("Kode rahasia"), max_length=32, widget=forms.PasswordInput(render_value=False)
    )
