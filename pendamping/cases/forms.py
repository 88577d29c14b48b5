from django import forms
from django.utils.translation import gettext_lazy as _

from pendamping.clients.forms import DateInput
from pendamping.text import single_line

from .models import ClosureReason, ProgressNote, RiskLevel, Stage


class CaseOpenForm(forms.Form):
    presenting_problem = forms.CharField(
        label=_("Masalah yang dihadapi"), widget=forms.Textarea(attrs={"rows": 4})
    )
    risk_level = forms.ChoiceField(
        label=_("Tingkat risiko"), choices=RiskLevel.choices, initial=RiskLevel.MEDIUM
    )
    assigned_worker = forms.ModelChoiceField(label=_("Pekerja sosial"), queryset=None)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_worker"].queryset = workers


class CaseEditForm(forms.Form):
    presenting_problem = forms.CharField(
        label=_("Masalah yang dihadapi"), widget=forms.Textarea(attrs={"rows": 4})
    )
    risk_level = forms.ChoiceField(label=_("Tingkat risiko"), choices=RiskLevel.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Pindah ke tahap"), choices=Stage.choices)
    reason = forms.CharField(label=_("Alasan"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(forms.Form):
    worker = forms.ModelChoiceField(label=_("Pekerja sosial"), queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan penutupan"), choices=ClosureReason.choices)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Alasan membuka kembali"), max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ProgressNote
        fields = ["occurred_on", "kind", "practice_role", "confidentiality", "body"]
        widgets = {"occurred_on": DateInput(), "body": forms.Textarea(attrs={"rows": 4})}


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Tindak lanjut"), max_length=200)
    due_date = forms.DateField(label=_("Tenggat"), widget=DateInput())
    due_time = forms.TimeField(
        label=_("Jam (untuk kunjungan atau pertemuan)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(
        label=_("Tempat (mis. rumah klien)"), max_length=200, required=False,
        validators=[single_line],
    )  # fmt: skip
    assignee = forms.ModelChoiceField(label=_("Penanggung jawab"), queryset=None, required=False)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = workers


class CaseFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Tahap"), choices=[("", _("Semua tahap")), *Stage.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("open", _("Terbuka")), ("closed", _("Ditutup")), ("all", _("Semua"))],
        required=False,
    )
    risk = forms.ChoiceField(
        label=_("Risiko"), choices=[("", _("Semua risiko")), *RiskLevel.choices], required=False
    )
    # the caseload of one worker the user may assign to (a supervisor: their team)
    worker = forms.ModelChoiceField(
        label=_("Pekerja sosial"), queryset=None, required=False,
        empty_label=_("Semua pekerja sosial"),
    )  # fmt: skip

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
