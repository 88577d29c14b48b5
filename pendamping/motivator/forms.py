"""Forms of the motivator. The API validates its input with these same forms."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.clients.forms import DateInput

from .models import LEVEL_CHOICES, LEVEL_FIELDS, MAX_WEIGHT, signed


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
    return value


class GoalForm(forms.Form):
    statement = forms.CharField(
        label=_("Tujuan"),
        max_length=300,
        help_text=_("Dirumuskan bersama klien, dengan kata-kata klien."),
    )
    level_minus_2 = forms.CharField(label=_("−2 jauh di bawah harapan"), max_length=300)
    level_minus_1 = forms.CharField(label=_("−1 di bawah harapan"), max_length=300)
    level_0 = forms.CharField(label=_("0 hasil yang diharapkan"), max_length=300)
    level_plus_1 = forms.CharField(label=_("+1 di atas harapan"), max_length=300)
    level_plus_2 = forms.CharField(label=_("+2 jauh di atas harapan"), max_length=300)
    weight = forms.FloatField(
        label=_("Bobot"),
        initial=1,
        help_text=_("Kepentingan × kesulitan; 1 bila semua tujuan sama berat."),
        widget=forms.NumberInput(attrs={"step": "any", "min": "0.01"}),
    )
    baseline_level = forms.TypedChoiceField(
        label=_("Level awal"), choices=LEVEL_CHOICES, coerce=int, initial=-1
    )
    target_date = forms.DateField(label=_("Target tanggal"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_weight(self):
        w = self.cleaned_data["weight"]
        if w is None or not 0 < w <= MAX_WEIGHT:
            raise forms.ValidationError(
                _("Bobot harus lebih dari 0 dan paling besar %(max)s.") % {"max": int(MAX_WEIGHT)}
            )
        return w

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    @staticmethod
    def initial_for(goal) -> dict:
        fields = ["statement", *LEVEL_FIELDS.values(), "weight", "baseline_level", "target_date"]
        return {f: getattr(goal, f) for f in fields} | {"version": goal.version}


class GoalReviewForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level yang dicapai"), choices=LEVEL_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    reviewed_on = forms.DateField(
        label=_("Tanggal penilaian"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[_not_future],
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, goal=None, **kwargs):
        if goal is not None:  # one form per goal on a page: ids stay unique
            kwargs.setdefault("auto_id", f"id_goal{goal.pk}_%s")
        super().__init__(*args, **kwargs)
        if goal is not None:  # each level labelled with what it means for this goal
            self.fields["level"].choices = [
                (level, f"{signed(level)} · {text}") for level, text in goal.descriptions().items()
            ]


SCALE = [(i, str(i)) for i in range(11)]


def _scale(label, help_text=""):
    return forms.TypedChoiceField(label=label, choices=SCALE, coerce=int, help_text=help_text)


class CheckInForm(forms.Form):
    checked_on = forms.DateField(
        label=_("Tanggal"), widget=DateInput(), initial=timezone.localdate, validators=[_not_future]
    )
    intention = _scale(_("Niat"), _("0 = tidak ada niat, 10 = niat sepenuhnya"))
    determination = _scale(_("Tekad"), _("0 = mudah menyerah, 10 = tekad bulat"))
    spirit = _scale(_("Semangat"), _("0 = tidak bersemangat, 10 = sangat bersemangat"))
    importance = _scale(
        _("Seberapa penting perubahan ini?"),
        _("Penggaris kesiapan: 0 = tidak penting, 10 = sangat penting"),
    )
    confidence = _scale(
        _("Seberapa yakin klien bisa berubah?"), _("0 = tidak yakin, 10 = sangat yakin")
    )
    why_not_lower = forms.CharField(
        label=_("Mengapa tidak angka yang lebih rendah?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Jawaban klien menunjukkan alasan dan kekuatannya untuk berubah."),
    )
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActionStepForm(forms.Form):
    step = forms.CharField(label=_("Langkah"), max_length=300)
    risk = forms.CharField(
        label=_("Risiko yang diambil klien"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    goal = forms.ModelChoiceField(label=_("Untuk tujuan"), queryset=None, required=False)
    planned_for = forms.DateField(label=_("Rencana tanggal"), widget=DateInput(), required=False)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Apa yang terjadi"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    done_on = forms.DateField(
        label=_("Tanggal terjadi"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[_not_future],
    )
    is_breakthrough = forms.BooleanField(label=_("Ini sebuah terobosan"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, step=None, **kwargs):
        if step is not None:  # one form per step on a page: ids stay unique
            kwargs.setdefault("auto_id", f"id_step{step.pk}_%s")
        super().__init__(*args, **kwargs)
