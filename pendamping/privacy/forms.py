from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import PrivacySettings


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
