from django import forms
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .erasure_models import DEFAULT_YEARS, Erasure, RetentionRule
from .models import SubjectRequest


class AnonymiseForm(forms.Form):
    basis = forms.ChoiceField(label=_("Dasar penghapusan"), choices=Erasure.Basis.choices)
    subject_request = forms.ModelChoiceField(
        label=_("Permintaan penghapusan"), required=False, queryset=SubjectRequest.objects.none(),
        help_text=_("Wajib bila dasarnya permintaan subjek data."),
    )  # fmt: skip
    reason = forms.ChoiceField(label=_("Alasan menurut UU PDP"), choices=[
        ("", BLANK_CHOICE_LABEL), *Erasure.Reason.choices])  # fmt: skip
    note = forms.CharField(
        label=pgettext_lazy("penghapusan", "Catatan"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila alasannya \"Lainnya\". Disimpan selamanya dalam catatan "
                    "penghapusan: jangan tulis nama, NIK, nomor KK atau telepon klien."),
    )  # fmt: skip

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_request"].queryset = SubjectRequest.objects.filter(
            client_id=client.pk, kind=SubjectRequest.Kind.ERASURE, status__in=SubjectRequest.OPEN
        ).order_by("pk")


class RetentionRulesForm(forms.Form):
    def __init__(self, *args, years: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in RetentionRule.Kind.choices:
            self.fields[kind] = forms.IntegerField(
                label=label, min_value=1, max_value=100, initial=years[kind],
                help_text=_("Bawaan: %(n)s tahun.") % {"n": DEFAULT_YEARS[kind]},
            )  # fmt: skip
