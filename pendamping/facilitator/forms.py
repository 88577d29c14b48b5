"""Forms of the facilitator's pages (and the API's input, through the same fields)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from pendamping.accounts import access
from pendamping.clients.choices import PPKS

from .measures import choices as measure_choices
from .models import AttendanceStatus, Kind, Programme, SessionStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis layanan"), choices=Kind.choices)
    objectives = forms.CharField(label=_("Tujuan program"), widget=forms.Textarea, required=False)
    target_categories = forms.MultipleChoiceField(
        label=_("Kategori PPKS sasaran"), choices=PPKS.choices, required=False
    )
    target_age_min = forms.IntegerField(label=_("Usia dari"), min_value=0, required=False)
    target_age_max = forms.IntegerField(label=_("Usia sampai"), min_value=0, required=False)
    location = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Kapasitas peserta"), min_value=1, initial=20)
    starts_on = forms.DateField(label=_("Tanggal mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    compliant_share = forms.DecimalField(
        label=_("Batas patuh"), min_value=0, max_value=1, decimal_places=2, initial="0.80",
        help_text=_("Bagian sesi yang harus dihadiri, misalnya 0,80."),
    )  # fmt: skip
    partial_share = forms.DecimalField(
        label=_("Batas patuh sebagian"), min_value=0, max_value=1, decimal_places=2,
        initial="0.50",
    )  # fmt: skip
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Fasilitator"), queryset=get_user_model().objects.none(), required=False
    )
    modules = forms.CharField(
        label=_("Kurikulum"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Satu topik per baris, berurutan."),
    )
    measures = forms.MultipleChoiceField(
        label=_("Ukuran pra dan pasca"), choices=(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    briefing_days = forms.IntegerField(
        label=_("Akses briefing instruktur (hari setelah sesi)"), min_value=0, max_value=365,
        initial=7, required=False,
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = measure_choices()
        agency = access.agency_of(user)
        self.fields["facilitators"].queryset = (
            get_user_model()
            .objects.filter(
                membership__agency=agency, membership__role__in=["worker", "supervisor"]
            )
            .order_by("first_name", "username")
        )

    def cleaned(self) -> dict:
        data = dict(self.cleaned_data)
        data["modules"] = (data.get("modules") or "").splitlines()
        data.pop("version", None)
        return data

    @staticmethod
    def initial_of(p: Programme) -> dict:
        fields = [f for f in ProgrammeForm.base_fields if f not in ("modules", "facilitators")]
        initial = {f: getattr(p, f) for f in fields}
        initial["modules"] = "\n".join(m.title for m in p.modules.alive())
        initial["facilitators"] = list(p.facilitators.all())
        return initial


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Waktu mulai"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    module = forms.ModelChoiceField(label=_("Modul"), queryset=None, required=False)
    instructors = forms.ModelMultipleChoiceField(
        label=_("Instruktur"), queryset=None, required=False
    )
    one_to_one = forms.BooleanField(label=_("Sesi perorangan"), required=False)
    makeup_for = forms.ModelChoiceField(label=_("Pengganti sesi"), queryset=None, required=False)

    def __init__(self, *args, programme, instructors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = programme.modules.alive()
        self.fields["instructors"].queryset = instructors
        self.fields["makeup_for"].queryset = programme.sessions.alive()


class SessionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SessionStatus.choices)
    reason = forms.CharField(label=_("Alasan dibatalkan"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class EnrolForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Program yang diikuti"), queryset=None)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("Alasan keluar"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AttendanceForm(forms.Form):
    """One control per participant: ``status_<enrolment id>`` (and its reason)."""

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = participants
        for p in participants:
            key = p["enrolment_id"]
            self.fields[f"status_{key}"] = forms.ChoiceField(
                label=p["name"],
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=p["status"] or None,
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("Alasan izin"), max_length=300, required=False, initial=p["reason"]
            )

    def rows(self):
        for p in self.participants:
            key = p["enrolment_id"]
            yield p, self[f"status_{key}"], self[f"reason_{key}"]

    def statuses(self) -> dict:
        out = {}
        for p in self.participants:
            key = p["enrolment_id"]
            status = self.cleaned_data.get(f"status_{key}")
            if status:
                out[key] = {"status": status, "reason": self.cleaned_data.get(f"reason_{key}")}
        return out
