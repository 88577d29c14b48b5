"""Forms of the advocate's pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pendamping.accounts import access
from pendamping.cases.models import Urgency
from pendamping.clients.models import Region

from .access import categories_for
from .models import (
    TRANSITIONS,
    AlternativeStatus,
    AwaitingOn,
    Body,
    Channel,
    ComplainantKind,
    Decision,
    ExpertField,
    Level,
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
    category = CategoryChoice(
        label=pgettext_lazy("pengaduan", "Kategori"), queryset=None, required=False,
        empty_label=_("Belum dikategorikan (batas waktu 72 jam)"),
    )  # fmt: skip
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

        kwargs.setdefault("auto_id", "decision_%s")  # beside the stage form's "reason"
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases_for(user).select_related("client").order_by("-id")
        self.fields["case"].label_from_instance = lambda c: c.number


class AssignForm(forms.Form):
    worker = forms.ModelChoiceField(label=_("Tugaskan kepada"), queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = access.assignable_workers(user)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class GroupForm(forms.Form):
    """Join another complaint (``member``) to this one; ``version`` is the member's."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas bukti"),
        help_text=_("Foto (JPEG, PNG, WebP) atau PDF. Data lokasi pada foto dihapus."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    label = forms.CharField(label=_("Keterangan"), max_length=200)


class LegalAidForm(forms.Form):
    description = forms.CharField(
        label=_("Bantuan hukum yang dibutuhkan"), widget=TEXTAREA,
        help_text=_("Misalnya: pendampingan gugatan, konsultasi hukum. Dicatat sebagai kebutuhan pada kasus pengadu."),
    )  # fmt: skip
    urgency = forms.ChoiceField(label=_("Kemendesakan"), choices=Urgency.choices, initial="medium")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=TEXTAREA)
    version = forms.IntegerField(widget=forms.HiddenInput)


def list_region_prefix(user) -> str:
    """The list filters by the districts of the agency's regency: its code prefix."""
    agency = access.agency_of(user)
    return (agency.region_code or "")[:5] if agency else ""


class ListFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Tahap"), choices=[("", _("Semua")), *Stage.choices], required=False
    )
    sla = forms.ChoiceField(
        label=_("Status batas waktu"),
        choices=[("", _("Semua")), *SlaStatus.choices],
        required=False,
    )
    category = forms.ModelChoiceField(
        label=pgettext_lazy("pengaduan", "Kategori"), queryset=None, required=False
    )
    region = forms.ChoiceField(label=_("Wilayah"), choices=(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories_for(user).filter(parent__isnull=True)
        prefix = list_region_prefix(user)
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

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = categories_for(user).filter(parent__isnull=True)
        if editing is not None:
            parents = parents.exclude(pk=editing.pk)
        self.fields["parent"].queryset = parents


class FilingLimitForm(forms.Form):
    body = forms.ChoiceField(label=_("Instansi"), choices=Body.choices)
    label = forms.CharField(label=_("Tahap"), max_length=120,
                            help_text=_("Misalnya: laporan diverifikasi."))  # fmt: skip
    days = forms.IntegerField(label=_("Hari kerja setelah pengajuan"), min_value=1, max_value=250)
    source = forms.CharField(
        label=_("Dasar hukum atau sumber"), max_length=200,
        help_text=_("Peraturan dan pasalnya, atau standar layanan instansi yang Anda baca."),
    )  # fmt: skip


class DayOffForm(forms.Form):
    day = forms.DateField(label=_("Tanggal"), widget=DATE)
    name = forms.CharField(label=_("Keterangan"), max_length=120)


class PublicStatusForm(forms.Form):
    code = forms.CharField(label=_("Kode pelacakan"), max_length=16)
    secret = forms.CharField(
        label=_("Kode rahasia"), max_length=32, widget=forms.PasswordInput(render_value=False)
    )


# ---- finding the way out ----------------------------------------------------------------


class AlternativeForm(forms.Form):
    title = forms.CharField(label=_("Pilihan penyelesaian"), max_length=200)
    benefits = forms.CharField(label=_("Manfaat"), widget=TEXTAREA, required=False)
    drawbacks = forms.CharField(label=_("Kekurangan"), widget=TEXTAREA, required=False)
    feasibility = forms.ChoiceField(label=_("Kelayakan"), choices=Level.choices, initial="medium")
    cost = forms.CharField(label=_("Biaya"), max_length=200, required=False)
    risk = forms.CharField(label=_("Risiko bagi kelompok"), widget=TEXTAREA, required=False)


class AlternativeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AlternativeStatus.choices)
    note = forms.CharField(
        label=_("Alasan dipilih atau hasil percobaan"), widget=TEXTAREA, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=120)
    organisation = forms.CharField(label=_("Lembaga"), max_length=200, required=False)
    fields = forms.MultipleChoiceField(
        label=_("Bidang keahlian"), choices=ExpertField.choices, widget=forms.CheckboxSelectMultiple
    )
    region = forms.ModelChoiceField(
        label=_("Wilayah"), queryset=Region.objects.none(), required=False
    )
    languages = forms.CharField(label=_("Bahasa"), max_length=120, required=False)
    contact = forms.CharField(label=_("Kontak"), max_length=200, required=False)
    provider = forms.ChoiceField(
        label=_("Penyedia di direktori layanan"), required=False,
        help_text=_("Bila narasumber ini juga penyedia layanan di direktori."),
    )  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        from pendamping.directory_providers import providers_for

        super().__init__(*args, **kwargs)
        providers = providers_for(user)
        if providers is None:
            del self.fields["provider"]
        else:
            self.fields["provider"].choices = [("", "—"), *providers.order_by("name")
                                               .values_list("pk", "name")[:500]]  # fmt: skip
        agency = access.agency_of(user)
        prefix = (agency.region_code or "")[:2] if agency else ""
        self.fields["region"].queryset = (
            Region.objects.filter(code__startswith=prefix, level__lte=2).order_by("code")
            if prefix else Region.objects.none()
        )  # fmt: skip


class ConsultationForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Narasumber"), queryset=None)
    asked_on = forms.DateField(label=_("Tanggal"), widget=DATE)
    question = forms.CharField(label=_("Pertanyaan"), widget=TEXTAREA)
    advice = forms.CharField(label=_("Saran"), widget=TEXTAREA, required=False)

    def __init__(self, *args, user=None, **kwargs):
        from .access import experts_for

        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts_for(user)


class FilingForm(forms.Form):
    body = forms.ChoiceField(label=_("Instansi"), choices=Body.choices)
    body_name = forms.CharField(
        label=_("Nama instansi"), max_length=200, required=False,
        help_text=_("Untuk instansi yang bertanggung jawab, misalnya Dinas Sosial Kota."),
    )  # fmt: skip
    filed_on = forms.DateField(label=_("Tanggal diajukan"), widget=DATE)
    channel = forms.CharField(label=_("Saluran"), max_length=120, initial="lapor.go.id")
    their_number = forms.CharField(
        label=_("Nomor pelacakan instansi"), max_length=60, required=False
    )


class FilingAnswerForm(forms.Form):
    received_on = forms.DateField(label=_("Tanggal diterima"), widget=DATE)
    summary = forms.CharField(label=_("Isi jawaban"), widget=TEXTAREA)


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Kepuasan pengadu"), coerce=int, widget=forms.RadioSelect,
        choices=[(i, str(i)) for i in range(1, 6)],
        help_text=_("1 sangat tidak puas, 5 sangat puas."),
    )  # fmt: skip
    comment = forms.CharField(label=_("Tanggapan pengadu"), widget=TEXTAREA, required=False)
