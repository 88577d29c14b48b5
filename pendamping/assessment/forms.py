"""Forms for assessments and instruments; the API validates its input with them too."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.cases.models import Urgency
from pendamping.clients.forms import DateInput
from pendamping.taxonomy.forms import TermChoiceField, terms_in_tree_order
from pendamping.taxonomy.models import TaxonomyTerm

from .models import REQUIRED_SECTIONS, SECTIONS

SECTION_HELP = {
    "identity": _("Data diri yang relevan, situasi saat ini, siapa yang diwawancarai."),
    "referral_source": _("Siapa yang merujuk atau melaporkan, kapan dan mengapa."),
    "presenting_problem": _("Masalah menurut klien dan menurut perujuk."),
    "history": _("Sejak kapan, apa yang sudah dicoba, peristiwa penting dalam hidup klien."),
    "family": _("Susunan keluarga, relasi, pengasuhan, konflik dan dukungan."),
    "health": _("Penyakit, disabilitas, pengobatan, akses layanan kesehatan."),
    "mental_status": _(
        "Penampilan, suasana hati, pikiran, risiko terhadap diri sendiri atau orang lain."
    ),
    "spiritual": _("Keyakinan, praktik ibadah, komunitas keagamaan, makna dan harapan."),
    "social_economic": _("Pekerjaan, penghasilan, tempat tinggal, jaringan sosial, bansos."),
    "strengths": _("Kemampuan, minat, dukungan dan sumber yang dimiliki klien."),
    "summary": _("Analisis masalah dan kebutuhan berdasarkan bagian-bagian di atas."),
    "recommendations": _("Intervensi, rujukan dan tindak lanjut yang diusulkan."),
}


def _not_future(value, message):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Tanggal asesmen"), widget=DateInput())
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SECTIONS:
            self.fields[name] = forms.CharField(
                label=label,
                required=name in REQUIRED_SECTIONS,
                max_length=20000,
                help_text=SECTION_HELP.get(name, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.order_fields(["assessed_on", *(n for n, _l in SECTIONS)])

    def clean_assessed_on(self):
        return _not_future(
            self.cleaned_data["assessed_on"], _("Tanggal asesmen tidak boleh di masa depan.")
        )

    def section_data(self) -> dict:
        return {
            k: v for k, v in self.cleaned_data.items() if k in dict(SECTIONS) or k == "assessed_on"
        }


class IdentifiedNeedForm(forms.Form):
    """One optional row of needs identified in an assessment."""

    term = TermChoiceField(
        label=_("Jenis kebutuhan"), queryset=TaxonomyTerm.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Uraian kebutuhan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    urgency = forms.ChoiceField(
        label=_("Kemendesakan"), choices=Urgency.choices, initial=Urgency.MEDIUM
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms_in_tree_order()

    def clean(self):
        cleaned = super().clean()
        term, description = cleaned.get("term"), (cleaned.get("description") or "").strip()
        if term and not description:
            self.add_error("description", _("Jelaskan kebutuhan klien."))
        if description and not term and "term" not in self.errors:
            self.add_error("term", _("Pilih jenis kebutuhan."))
        return cleaned

    def need(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("term"):
            return None
        return {"term": d["term"], "description": d["description"], "urgency": d["urgency"]}


MAX_NEEDS = 10

NeedFormSet = forms.formset_factory(
    IdentifiedNeedForm, extra=3, max_num=MAX_NEEDS, absolute_max=MAX_NEEDS, validate_max=True
)
NEEDS_PREFIX = "needs"


def needs_formset(data=None) -> forms.BaseFormSet:
    return NeedFormSet(data, prefix=NEEDS_PREFIX)


def identified_needs(formset) -> list[dict]:
    return [n for n in (f.need() for f in formset.forms if f.has_changed()) if n]


def needs_formset_data(rows: list[dict]) -> dict:
    """POST-style data for the needs formset, from API rows (term pk or code given)."""
    data = {
        f"{NEEDS_PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{NEEDS_PREFIX}-INITIAL_FORMS": "0",
        f"{NEEDS_PREFIX}-MIN_NUM_FORMS": "0",
        f"{NEEDS_PREFIX}-MAX_NUM_FORMS": str(MAX_NEEDS),
    }
    for n, row in enumerate(rows):
        for key in ("term", "description", "urgency"):
            data[f"{NEEDS_PREFIX}-{n}-{key}"] = row.get(key) or ""
    return data


ITEM_PREFIX = "item_"


class InstrumentForm(forms.Form):
    """Generated from an instrument definition: one required choice per item."""

    administered_on = forms.DateField(label=_("Tanggal pengisian"), widget=DateInput())

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for n, item in enumerate(instrument.items, start=1):
            self.fields[ITEM_PREFIX + item.code] = forms.TypedChoiceField(
                label=f"{n}. {item.text}",
                choices=[(o.value, f"{o.label} ({o.value})") for o in item.options],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Jawab butir ini."),
                    "invalid_choice": _("%(value)s bukan pilihan untuk butir ini."),
                },
            )

    def clean_administered_on(self):
        return _not_future(
            self.cleaned_data["administered_on"],
            _("Tanggal pengisian tidak boleh di masa depan."),
        )

    def item_fields(self):
        return [self[ITEM_PREFIX + item.code] for item in self.instrument.items]

    def answers(self) -> dict[str, int]:
        return {i.code: self.cleaned_data[ITEM_PREFIX + i.code] for i in self.instrument.items}

    @staticmethod
    def data_from(answers: dict, administered_on) -> dict:
        """Form data from API answers ({item code: value})."""
        data = {ITEM_PREFIX + str(k): ("" if v is None else str(v)) for k, v in answers.items()}
        data["administered_on"] = (
            administered_on.isoformat() if administered_on else timezone.localdate().isoformat()
        )
        return data


class ChecklistNeedsForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Jadikan kebutuhan kasus"), widget=forms.CheckboxSelectMultiple
    )
    urgency = forms.ChoiceField(
        label=_("Kemendesakan"), choices=Urgency.choices, initial=Urgency.MEDIUM
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(i.code, str(i.text)) for i in items]
        self.fields["items"].initial = [i.code for i in items]


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Versi lama"), coerce=int)
    b = forms.TypedChoiceField(label=_("Versi baru"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Versi %(n)s") % {"n": n}) for n in numbers]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


# ---- ecomap ------------------------------------------------------------------------------


class EcomapSystemForm(forms.Form):
    name = forms.CharField(label=_("Sistem"), max_length=120, required=False)
    category = forms.ChoiceField(label=_("Jenis"), choices=[], initial="other")
    strength = forms.ChoiceField(label=_("Kekuatan hubungan"), choices=[], initial="moderate")
    stressful = forms.BooleanField(label=_("Penuh tekanan"), required=False)
    flow = forms.ChoiceField(label=_("Arus"), choices=[], initial="none")
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from .ecomap import CATEGORIES, FLOWS, STRENGTHS

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = list(CATEGORIES.items())
        self.fields["strength"].choices = list(STRENGTHS.items())
        self.fields["flow"].choices = list(FLOWS.items())


EcomapFormSet = forms.formset_factory(
    EcomapSystemForm, extra=3, can_delete=True, max_num=40, validate_max=True
)


class EcomapForm(forms.Form):
    centre = forms.CharField(
        label=_("Pusat"),
        max_length=200,
        required=False,
        help_text=_("Klien atau rumah tangganya; kosong: nama klien."),
    )
    taken_on = forms.DateField(label=_("Tanggal"), widget=DateInput())
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    add_services = forms.MultipleChoiceField(
        label=_("Tambahkan layanan rujukan sebagai sistem"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_services"].choices = [(str(s["service_id"]), s["name"]) for s in services]

    def clean_taken_on(self):
        value = self.cleaned_data["taken_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal ekomap tidak boleh di masa depan."))
        return value
