"""Forms of the breach register, the records of processing and the consent register."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pendamping.data_categories import DataCategory

from .breach_models import RemovalReason
from .models import Breach, BreachClient, ProcessingRecordSettings

DATETIME = {"widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "input_formats": ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]}  # fmt: skip
DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class BreachForm(forms.Form):
    title = forms.CharField(label=_("Judul singkat"), max_length=200)
    discovered_at = forms.DateTimeField(
        label=_("Diketahui pada"), required=False,
        help_text=_("Kosongkan bila baru diketahui sekarang. Batas pemberitahuan: 3×24 jam sejak diketahui."),
        **DATETIME,
    )  # fmt: skip
    occurred_from = forms.DateTimeField(label=_("Terjadi sejak"), required=False, **DATETIME)
    occurred_until = forms.DateTimeField(label=_("Terjadi sampai"), required=False, **DATETIME)
    description = forms.CharField(label=_("Apa yang terjadi"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    data_categories = forms.MultipleChoiceField(
        label=_("Kategori data yang terkena"), choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    containment = forms.CharField(
        label=_("Langkah pembendungan"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang sudah dilakukan untuk menghentikan dan memulihkan (ganti sandi, cabut token, ...)."),
    )  # fmt: skip


class BreachEditForm(BreachForm):
    status = forms.ChoiceField(label=_("Status"), choices=Breach.Status.choices)
    discovered_at = forms.DateTimeField(label=_("Diketahui pada"), **DATETIME)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31)


class AffectedForm(forms.Form):
    source = forms.ChoiceField(label=_("Cara menemukan"), choices=BreachClient.Source.choices)
    user = forms.ModelChoiceField(label=_("Pengguna"), required=False, queryset=None)
    address = forms.GenericIPAddressField(label=_("Alamat jaringan (IP)"), required=False)
    since = forms.DateTimeField(label=_("Periode sejak"), required=False, **DATETIME)
    until = forms.DateTimeField(label=_("Periode sampai"), required=False, **DATETIME)
    client_ids = forms.CharField(
        label=_("Nomor klien (ID)"), required=False, max_length=20000,
        help_text=_("Untuk 'Dipilih': nomor klien dipisah koma atau spasi."),
    )  # fmt: skip

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(membership__agency=agency)
            .order_by("first_name", "username")
        )  # fmt: skip

    def clean_client_ids(self):
        text = self.cleaned_data["client_ids"].replace(",", " ").split()
        try:
            ids = [int(x) for x in text]
        except ValueError:
            raise forms.ValidationError(_("Isi nomor klien berupa angka.")) from None
        if any(not 1 <= i <= 2**62 for i in ids):
            raise forms.ValidationError(_("Isi nomor klien berupa angka."))
        return ids

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"source": d["source"], "user_id": d["user"].pk if d.get("user") else None,
                "address": d.get("address") or None, "since": d.get("since"),
                "until": d.get("until"), "client_ids": d.get("client_ids")}  # fmt: skip


class RemoveForm(forms.Form):
    client_id = forms.IntegerField(
        label=_("Nomor klien (ID)"), min_value=1, max_value=2**62,
        help_text=_("Nomor di depan nama klien dalam daftar di atas, misalnya 4 untuk #4."),
    )  # fmt: skip
    reason = forms.ChoiceField(label=_("Alasan"), choices=[("", BLANK_CHOICE_LABEL),
                                                           *RemovalReason.choices])  # fmt: skip


class SentForm(forms.Form):
    sent_on = forms.DateField(label=_("Tanggal dikirim"), required=False, **DATE)


class ProcessingSettingsForm(forms.ModelForm):
    class Meta:
        model = ProcessingRecordSettings
        fields = ["officer_contact", "retention", "security_measures", "other_recipients"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in fields}


class ConsentFilter(forms.Form):
    STATES = [("", _("Semua")), ("active", _("Berlaku")), ("withdrawn", _("Ditarik"))]
    purpose = forms.ChoiceField(label=pgettext_lazy("pelindungan data", "Tujuan"), required=False)
    category = forms.ChoiceField(label=_("Kategori data"), required=False,
                                 choices=[("", _("Semua")), *list(DataCategory.choices)])  # fmt: skip
    state = forms.ChoiceField(label=_("Keadaan"), required=False, choices=STATES)
    method = forms.ChoiceField(label=pgettext_lazy("pelindungan data", "Bentuk"), required=False)
    client_id = forms.IntegerField(label=_("Nomor klien (ID)"), required=False, min_value=1,
                                   max_value=2**62)  # fmt: skip

    def __init__(self, *args, consent_model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [("", _("Semua")), *list(consent_model.Purpose.choices)]
        self.fields["method"].choices = [("", _("Semua")), *list(consent_model.Method.choices)]
