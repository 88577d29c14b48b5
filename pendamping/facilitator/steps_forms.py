"""Forms of the four steps: the briefing, the instructor's record, the participant's
notes and the progress note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BRIEFING_TYPED, BriefingField, Level

LEVEL_CHOICES = [("", "—"), *Level.choices]


class BriefingForm(forms.Form):
    """The picked fields, and per participant the typed ones: ``<field>_<enrolment id>``."""

    fields_ = forms.MultipleChoiceField(
        label=_("Yang disampaikan kepada instruktur"),
        choices=BriefingField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, participants, briefing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_"].widget.attrs["class"] = "choices"
        self.participants = list(participants)
        entries = {e.enrolment_id: e for e in briefing.entries.all()} if briefing else {}
        if briefing is not None:
            self.fields["fields_"].initial = briefing.fields
            self.fields["version"].initial = briefing.version
        else:
            self.fields["fields_"].initial = [BriefingField.PREFERRED_NAME]
        labels = dict(BriefingField.choices)
        for e in self.participants:
            entry = entries.get(e.pk)
            for f in BRIEFING_TYPED:
                self.fields[f"{f}_{e.pk}"] = forms.CharField(
                    label=labels[f], required=False, max_length=500 if f == "note" else 300,
                    initial=getattr(entry, f) if entry else "",
                )  # fmt: skip

    def rows(self):
        for e in self.participants:
            yield e, [self[f"{f}_{e.pk}"] for f in BRIEFING_TYPED]

    def entries(self) -> dict:
        return {
            e.pk: {f: self.cleaned_data.get(f"{f}_{e.pk}", "") for f in BRIEFING_TYPED}
            for e in self.participants
        }


class DeliveryForm(forms.Form):
    """Step 2: the session's record and ``attention_<id>``, ``participation_<id>``,
    ``difficulties_<id>`` per participant."""

    topic = forms.CharField(label=_("Topik yang disampaikan"), max_length=200)
    materials = forms.CharField(
        label=_("Materi dan alat"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    duration_minutes = forms.IntegerField(label=_("Durasi (menit)"), min_value=1, max_value=1440)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, participants, record=None, observations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = participants
        observations = observations or {}
        if record is not None:
            for f in ("topic", "materials", "duration_minutes", "version"):
                self.fields[f].initial = getattr(record, f)
        for p in participants:
            key = p["enrolment_id"]
            obs = observations.get(key)
            for f, label in (("attention", _("Perhatian")), ("participation", _("Keaktifan"))):
                self.fields[f"{f}_{key}"] = forms.ChoiceField(
                    label=label, choices=LEVEL_CHOICES, required=False,
                    initial=getattr(obs, f) if obs else "",
                )  # fmt: skip
            self.fields[f"difficulties_{key}"] = forms.CharField(
                label=_("Kesulitan"), max_length=300, required=False,
                initial=obs.difficulties if obs else "",
            )  # fmt: skip

    def rows(self):
        for p in self.participants:
            key = p["enrolment_id"]
            yield p, [self[f"{f}_{key}"] for f in ("attention", "participation", "difficulties")]

    def observations(self) -> dict:
        return {
            p["enrolment_id"]: {
                f: self.cleaned_data.get(f"{f}_{p['enrolment_id']}") or ""
                for f in ("attention", "participation", "difficulties")
            }
            for p in self.participants
        }


class ParticipantNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Catatan atau refleksi peserta"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    photo = forms.FileField(
        label=_("Foto halaman tulisan tangan"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG atau WebP, paling besar 5 MB."),
    )


class ProgressNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Catatan perkembangan"), widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
