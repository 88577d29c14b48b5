from django import forms
from django.utils.translation import gettext_lazy as _

from pendamping import plugins


class EmailChoiceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Kirim juga lewat e-mail"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [
            (k.code, k.label) for k in plugins.registry.notification_kinds() if k.email
        ]
