"""Forms of the mediator's pages: they parse and validate at the edge (the text
validators of pendamping/text.py), the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from pendamping.text import LONG_TEXT, single_line

from .models import (
    Compliance,
    ConsentMethod,
    Kind,
    Level,
    LevelResult,
    ObstacleStatus,
    Outcome,
    Presence,
    RepresentativeRole,
    SessionKind,
    Stage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def line(label, *, required=True, max_length=300, **kw):
    return forms.CharField(label=label, max_length=max_length, required=required,
                           validators=[single_line], **kw)  # fmt: skip


def text(label, *, required=False, rows=3):
    return forms.CharField(label=label, required=required, validators=LONG_TEXT,
                           widget=forms.Textarea(attrs={"rows": rows}))  # fmt: skip


class MediationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis mediasi"), choices=Kind.choices)
    issue = line(_("Pokok masalah (satu kalimat)"))
    cases = forms.ModelMultipleChoiceField(label=_("Kasus terkait"), queryset=None,
                                           required=False)  # fmt: skip
    co_mediators = forms.ModelMultipleChoiceField(
        label=_("Mediator pendamping"), queryset=get_user_model().objects.none(), required=False
    )
    sexual_violence = forms.BooleanField(
        label=_("Apakah sengketa ini melibatkan kekerasan seksual?"), required=False
    )
    perpetrator_is_child = forms.BooleanField(
        label=_("Jika ya: apakah pelakunya anak?"), required=False
    )
    violence_or_coercion = forms.BooleanField(
        label=_("Apakah ada kekerasan atau paksaan di antara para pihak?"), required=False
    )
    power_imbalance = forms.BooleanField(
        label=_("Apakah ada ketimpangan kekuasaan yang nyata?"), required=False
    )
    child_party = forms.BooleanField(label=_("Apakah ada pihak yang masih anak?"),
                                     required=False)  # fmt: skip
    offence = line(_("Dugaan tindak pidana (diversi)"), required=False, max_length=200)
    max_sentence_months = forms.IntegerField(
        label=_("Ancaman pidana maksimal, dalam bulan (diversi)"), min_value=0, max_value=1200,
        required=False,
    )  # fmt: skip
    repeat_offence = forms.BooleanField(label=_("Pengulangan tindak pidana (diversi)"),
                                        required=False)  # fmt: skip
    level = forms.ChoiceField(label=_("Tingkat pemeriksaan (diversi)"),
                              choices=[("", "—"), *Level.choices], required=False)  # fmt: skip
    level_started_on = forms.DateField(label=_("Tingkat ini dimulai pada (diversi)"),
                                       widget=DATE, required=False)  # fmt: skip

    def __init__(self, *args, cases, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        self.fields["co_mediators"].queryset = staff


class DiversionForm(forms.Form):
    offence = line(_("Dugaan tindak pidana"), required=False, max_length=200)
    max_sentence_months = forms.IntegerField(
        label=_("Ancaman pidana maksimal (bulan)"), min_value=0, max_value=1200, required=False
    )
    repeat_offence = forms.BooleanField(label=_("Pengulangan tindak pidana"), required=False)
    social_report_requested_on = forms.DateField(label=_("Laporan sosial diminta pada"),
                                                 widget=DATE, required=False)  # fmt: skip
    social_report_sent_on = forms.DateField(label=_("Laporan sosial diserahkan pada"),
                                            widget=DATE, required=False)  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


class LevelStartForm(forms.Form):
    """A diversion level begins (investigation, prosecution, court)."""

    level = forms.ChoiceField(label=_("Tingkat pemeriksaan"), choices=Level.choices)
    started_on = forms.DateField(label=_("Tingkat ini dimulai pada"), widget=DATE)


def _day(label):
    return forms.DateField(label=label, widget=DATE, required=False)


class LevelForm(forms.Form):
    """One level's dates, result and agreement (levels.py checks their order)."""

    diversion_started_on = _day(_("Diversi dimulai pada"))
    agreement_reached_on = _day(_("Kesepakatan dicapai pada"))
    agreement_sent_on = _day(_("Kesepakatan dikirim ke pengadilan pada"))
    result = forms.ChoiceField(label=_("Hasil diversi"), required=False,
                               choices=[("", _("Masih berjalan")), *LevelResult.choices])  # fmt: skip
    agreement = line(_("Isi kesepakatan diversi (ringkas)"), required=False)
    ruling = line(_("Nomor penetapan pengadilan"), required=False, max_length=120)
    failure_reported_on = _day(_("Kesepakatan tidak dilaksanakan, dilaporkan pada"))
    followed_up_on = _day(_("Laporan ditindaklanjuti pada"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class PartyForm(forms.Form):
    client = forms.ModelChoiceField(label=_("Klien lembaga (jika pihak adalah klien)"),
                                    queryset=None, required=False)  # fmt: skip
    name = line(_("Nama (jika bukan klien)"), required=False, max_length=200)
    relationship = line(_("Hubungan dengan pihak lain"), required=False, max_length=120)
    contact = line(_("Kontak"), required=False, max_length=120)
    is_child = forms.BooleanField(label=_("Masih anak"), required=False)
    representative_name = line(_("Nama wakil/pendamping"), required=False, max_length=200)
    representative_role = forms.ChoiceField(
        label=_("Peran wakil/pendamping"), choices=[("", "—"), *RepresentativeRole.choices],
        required=False,
    )  # fmt: skip

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients


class ConsentForm(forms.Form):
    method = forms.ChoiceField(label=_("Bentuk persetujuan"), choices=ConsentMethod.choices)
    given_by = line(_("Diberikan oleh"), required=False, max_length=200)
    recording_reference = line(_("Tempat rekaman disimpan"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NeutralityForm(forms.Form):
    neutral = forms.BooleanField(
        label=_("Saya menyatakan berdiri netral dan memperjuangkan kesejahteraan kedua pihak."),
    )
    conflict = forms.BooleanField(label=_("Saya memiliki konflik kepentingan"), required=False)
    conflict_note = line(_("Uraian konflik kepentingan"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReassignForm(forms.Form):
    mediator = forms.ModelChoiceField(label=_("Mediator baru"), queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = staff


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Tahap"), choices=Stage.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Hasil"), choices=Outcome.choices)
    reason = line(_("Alasan penutupan"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class BoundariesForm(forms.Form):
    inside = text(_("Yang dibahas dalam mediasi ini"))
    outside = text(_("Yang tidak dibahas dalam mediasi ini"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class RuleForm(forms.Form):
    text = line(_("Aturan"))
    agreed_by = forms.ModelMultipleChoiceField(
        label=_("Disetujui oleh"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    agreed_on = forms.DateField(label=_("Disetujui pada"), widget=DATE, required=False)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = parties


class ObstacleForm(forms.Form):
    description = line(_("Hambatan"))
    channel = line(_("Jalan keluar"), required=False)
    who_acts = line(_("Siapa yang bertindak"), required=False, max_length=120)
    status = forms.ChoiceField(label=_("Status"), choices=ObstacleStatus.choices)


class OptionForm(forms.Form):
    text = line(_("Pilihan penyelesaian"))
    chosen = forms.BooleanField(label=_("Dipilih"), required=False)


class IssueForm(forms.Form):
    title = line(_("Persoalan"), max_length=200)


class PerceptionForm(forms.Form):
    position = text(_("Posisi"), rows=2)
    interests = text(_("Kepentingan"), rows=2)
    view_of_other = text(_("Persepsi tentang pihak lain"), rows=2)
    feelings = text(_("Perasaan"), rows=2)


class CommonGroundForm(forms.Form):
    common_ground = text(_("Titik temu"), rows=2)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis sesi"), choices=SessionKind.choices)
    held_on = forms.DateField(label=_("Tanggal"), widget=DATE)
    caucus_party = forms.ModelChoiceField(label=_("Pihak dalam kaukus"), queryset=None,
                                          required=False)  # fmt: skip
    notes = text(_("Catatan"), rows=4)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = list(parties)
        self.fields["caucus_party"].queryset = parties
        for p in self.parties:
            self.fields[f"presence_{p.pk}"] = forms.ChoiceField(
                label=p.name, choices=[("", "—"), *Presence.choices], required=False
            )
            self.fields[f"reason_{p.pk}"] = line(_("Alasan"), required=False)

    def rows(self):
        for p in self.parties:
            yield p, self[f"presence_{p.pk}"], self[f"reason_{p.pk}"]

    def attendance(self) -> dict:
        out = {}
        for p in self.parties:
            presence = self.cleaned_data.get(f"presence_{p.pk}")
            if presence:
                out[p.pk] = (presence, self.cleaned_data.get(f"reason_{p.pk}") or "")
        return out


class TermForm(forms.Form):
    text = line(_("Isi kesepakatan"))
    responsible = forms.ModelChoiceField(label=_("Pihak yang bertanggung jawab"), queryset=None)
    due_on = forms.DateField(label=_("Batas waktu"), widget=DATE)
    how_checked = line(_("Cara memeriksa"), required=False)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = parties


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Tanggal penandatanganan"), widget=DATE)
    full = forms.BooleanField(label=_("Sepakat seluruhnya (bukan sebagian)"), required=False,
                              initial=True)  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CheckForm(forms.Form):
    compliance = forms.ChoiceField(label=_("Kepatuhan"), choices=Compliance.choices)
    note = line(_("Catatan"), required=False)
    checked_on = forms.DateField(label=_("Diperiksa pada"), widget=DATE, required=False)
