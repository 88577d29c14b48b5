from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import PrivacySettings, SubjectRequest


class AccessLogFilter(forms.Form):
    client_id = forms.IntegerField(label=_("Nomor klien (ID)"), required=False, min_value=1,
                                   max_value=2**62)  # fmt: skip
    user = forms.ModelChoiceField(label=_("Pengguna"), required=False, queryset=None)
    since = forms.DateField(label=_("Sejak tanggal"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    until = forms.DateField(label=_("Sampai tanggal"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(membership__agency=agency)
            .order_by("first_name", "username")
        )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data

    def lookup(self) -> dict:
        """The filters for ``selectors.access_log`` (none when the form is invalid)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"client_id": d.get("client_id"), "user_id": d["user"].pk if d.get("user") else None,
                "since": d.get("since"), "until": d.get("until")}  # fmt: skip


class PrivacySettingsForm(forms.ModelForm):
    class Meta:
        model = PrivacySettings
        fields = ["unusual_reading_margin"]
        widgets = {"unusual_reading_margin": forms.NumberInput(attrs={"min": 1, "max": 10000})}

    def clean_unusual_reading_margin(self):
        value = self.cleaned_data["unusual_reading_margin"]
        if not 1 <= value <= 10000:
            raise forms.ValidationError(_("Isi angka 1 sampai 10.000."))
        return value


class SubjectRequestForm(forms.Form):
    client_id = forms.IntegerField(label=_("Nomor klien (ID)"), min_value=1, max_value=2**62)
    kind = forms.ChoiceField(label=_("Jenis permintaan"), choices=SubjectRequest.Kind.choices)
    requested_by = forms.ChoiceField(label=_("Diajukan oleh"), choices=SubjectRequest.From.choices)
    identity_check = forms.ChoiceField(label=_("Cara memeriksa identitas"),
                                       choices=SubjectRequest.Identity.choices)  # fmt: skip
    received_at = forms.DateTimeField(
        label=_("Diterima pada"), required=False,
        help_text=_("Kosongkan bila diterima sekarang. Batas waktu: 3×24 jam sejak diterima."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )  # fmt: skip
    details = forms.CharField(label=_("Isi permintaan"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class SubjectResponseForm(forms.Form):
    ANSWER = [(s, label) for s, label in SubjectRequest.Status.choices
              if s != SubjectRequest.Status.RECEIVED]  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), choices=ANSWER)
    response = forms.CharField(
        label=pgettext_lazy("permintaan subjek data", "Jawaban"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Apa yang diberikan atau diubah; bila ditolak, alasan hukumnya."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31)
