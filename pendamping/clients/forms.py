from datetime import date

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import PPKS, Bond, DataCategory, Disability, Relation, Religion, Sex
from .models import Client, Consent, FamilyMember, Region
from .nik import normalize_nik, parse_nik


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegionCascadeMixin(forms.Form):
    """Province → regency → district → village; the deepest chosen is the region."""

    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    regency = forms.ChoiceField(label=_("Kabupaten/kota"), required=False)
    district = forms.ChoiceField(label=_("Kecamatan"), required=False)
    village = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)
    LEVELS = ("province", "regency", "district", "village")

    def setup_regions(self, initial_code: str | None):
        chain: list[str] = []
        code = initial_code
        while code:
            chain.insert(0, code)
            code = Region.parent_code(code)
        selected = {}
        for level, code in zip(self.LEVELS, chain, strict=False):
            selected[level] = code
        if self.is_bound:
            selected = {lvl: self.data.get(self.add_prefix(lvl)) or "" for lvl in self.LEVELS}
        parent = None
        for level in self.LEVELS:
            depth = self.LEVELS.index(level) + 1
            if depth > 1 and not parent:
                options = []
            else:
                options = list(
                    Region.objects.filter(level=depth, parent_id=parent).values_list("code", "name")
                )
            self.fields[level].choices = [("", "—"), *options]
            if depth < len(self.LEVELS):
                self.fields[level].widget.attrs.update(
                    {
                        "hx-get": reverse_lazy("region_children"),
                        "hx-target": f"#id_{self.LEVELS[depth]}",
                        "hx-trigger": "change",
                    }
                )
            if not self.is_bound and level in selected:
                self.initial[level] = selected[level]
            parent = selected.get(level) or None

    def clean_region(self):
        code = ""
        for level in self.LEVELS:
            value = self.cleaned_data.get(level)
            if value:
                if code and Region.parent_code(value) != code:
                    raise forms.ValidationError(
                        _("Wilayah yang dipilih tidak berada di dalam wilayah di atasnya.")
                    )
                code = value
        return Region.objects.filter(code=code).first() if code else None


class ClientForm(RegionCascadeMixin):
    kind = forms.ChoiceField(
        label=_("Jenis klien"), choices=Client.Kind.choices, initial="individual"
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    nickname = forms.CharField(label=_("Nama panggilan"), max_length=60, required=False)
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kk_number = forms.CharField(label=_("Nomor KK"), max_length=24, required=False)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=[("", "—"), *Sex.choices], required=False
    )
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False, widget=DateInput())
    estimated_age = forms.IntegerField(
        label=_("Perkiraan usia (tahun)"), required=False, min_value=0, max_value=130
    )
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    phone = forms.RegexField(
        label=_("Telepon"),
        regex=r"^\+?[0-9 \-]{6,20}$",
        required=False,
        error_messages={"invalid": _("Nomor telepon hanya berisi angka, spasi, - atau +.")},
    )
    latitude = forms.FloatField(
        label=_("Lintang rumah"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Titik rumah untuk mencari layanan terdekat, mis. -6.9147"),
    )
    longitude = forms.FloatField(
        label=_("Bujur rumah"), required=False, min_value=-180, max_value=180
    )
    religion = forms.ChoiceField(label=_("Agama"), choices=Religion.choices, required=False)
    ppks_categories = forms.MultipleChoiceField(
        label=_("Kategori PPKS"),
        choices=PPKS.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    disabilities = forms.MultipleChoiceField(
        label=_("Disabilitas"),
        choices=Disability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_similar = forms.BooleanField(
        label=_("Saya sudah memeriksa klien yang mirip; ini orang yang berbeda."), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, region_code=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_regions(region_code)
        self.nik_info = None
        self.nik_warnings: list[str] = []

    def clean_nik(self):
        value = normalize_nik(self.cleaned_data.get("nik", ""))
        if not value:
            return ""
        try:
            self.nik_info = parse_nik(value)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from None
        return value

    def clean_kk_number(self):
        value = normalize_nik(self.cleaned_data.get("kk_number", ""))
        if value and (len(value) != 16 or not (value.isascii() and value.isdigit())):
            raise forms.ValidationError(_("Nomor KK harus terdiri dari 16 angka."))
        return value

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal lahir tidak boleh di masa depan."))
        if value and value < date(1890, 1, 1):
            raise forms.ValidationError(_("Tanggal lahir terlalu jauh di masa lalu."))
        return value

    def clean(self):
        data = super().clean()
        data["region"] = self.clean_region() if not self.errors.get("province") else None
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error(
                "longitude", _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.")
            )
        if self.nik_info is not None:
            # what the NIK holds fills what was left empty (the worker may still change it)
            if not data.get("birth_date") and "birth_date" not in self.errors:
                data["birth_date"] = self.nik_info.birth_date
            if not data.get("sex") and "sex" not in self.errors:
                data["sex"] = self.nik_info.sex
        self.nik_warnings = nik_warnings(self.nik_info, data.get("birth_date"), data.get("sex"))
        return data

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            k: d.get(k)
            for k in (
                "kind", "full_name", "nickname", "nik", "kk_number", "sex", "birth_date",
                "estimated_age", "birth_place", "address", "region", "latitude", "longitude",
                "phone", "religion", "ppks_categories", "disabilities",
            )
        } | {"full_name": " ".join(d["full_name"].split())}  # fmt: skip


def nik_warnings(info, birth_date, sex) -> list[str]:
    """Where what the NIK says contradicts what was entered."""
    warnings = []
    if info is None:
        return warnings
    if birth_date and birth_date != info.birth_date:
        warnings.append(
            _("Tanggal lahir menurut NIK adalah %(date)s, berbeda dari yang diisi.")
            % {"date": info.birth_date.strftime("%d-%m-%Y")}
        )
    if sex and sex != info.sex:
        warnings.append(
            _("Jenis kelamin menurut NIK adalah %(sex)s, berbeda dari yang diisi.")
            % {"sex": Sex(info.sex).label}
        )
    if not Region.objects.filter(code=info.district_code).exists() and Region.objects.exists():
        warnings.append(
            _("Kode kecamatan %(code)s pada NIK tidak ada dalam data wilayah (mungkin kode lama).")
            % {"code": info.district_code}
        )
    return warnings


class ClientSearchForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIK"), max_length=100, required=False)


class FamilyMemberForm(forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = [
            "name",
            "sex",
            "birth_year",
            "relation",
            "side",
            "union_status",
            "bond",
            "is_alive",
            "in_household",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bond"].required = False  # "normal" unless the worker says otherwise

    def clean_bond(self):
        return self.cleaned_data.get("bond") or Bond.NORMAL

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and not (1880 <= year <= timezone.localdate().year):
            raise forms.ValidationError(_("Tahun lahir tidak masuk akal."))
        return year


class ConsentForm(forms.ModelForm):
    """A consent: purpose and data categories from fixed lists, and its proof (the
    scanned form, a verbal consent's witness and day, or where a recorded consent's
    recording is kept and the day it was made). The repeat confirmation is
    shown only once the service found an active consent for the same purpose."""

    data_categories = forms.MultipleChoiceField(
        label=_("Kategori data yang dicakup"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih setidaknya satu kategori data yang dicakup.")},
    )
    proof = forms.FileField(
        label=_("Pindaian formulir yang ditandatangani (foto atau PDF)"),
        required=False,
        help_text=_("Wajib untuk persetujuan tertulis."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"}),
    )
    confirm_repeat = forms.BooleanField(
        label=_("Saya sudah memeriksa persetujuan yang masih berlaku; ini persetujuan baru."),
        required=False,
    )

    class Meta:
        model = Consent
        fields = [
            "purpose", "lawful_basis", "given_by", "guardian_name", "method",
            "given_on", "witness_name", "recording_reference", "data_categories",
            "retention_until",
        ]  # fmt: skip
        widgets = {"retention_until": DateInput(), "given_on": DateInput()}
        help_texts = {
            "witness_name": _("Wajib untuk persetujuan lisan."),
            "recording_reference": _(
                "Wajib untuk persetujuan terekam (audio/video): misalnya folder, arsip atau "
                "nomor berkas rekamannya."
            ),
            "given_on": _(
                "Wajib untuk persetujuan lisan dan terekam (tanggal rekaman); kosong berarti "
                "hari ini."
            ),
        }

    field_order = [
        "purpose", "lawful_basis", "given_by", "guardian_name", "data_categories", "method",
        "proof", "witness_name", "recording_reference", "given_on", "retention_until",
        "confirm_repeat",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the usual case: the client's own consent; the worker changes what differs
        self.fields["lawful_basis"].initial = Consent.LawfulBasis.CONSENT
        self.fields["given_by"].initial = Consent.GivenBy.CLIENT

    def service_args(self) -> dict:
        """consent_record's keyword arguments from the cleaned form."""
        data = dict(self.cleaned_data)
        proof, confirm = data.pop("proof", None), data.pop("confirm_repeat", False)
        return {"data": data, "proof": proof or None, "confirm_repeat": bool(confirm)}

    @property
    def asks_repeat(self) -> bool:
        return "confirm_repeat" in self.errors or bool(
            self.data.get(self.add_prefix("confirm_repeat"))
        )


__all__ = ["ClientForm", "ClientSearchForm", "ConsentForm", "FamilyMemberForm", "Relation"]


class ImportUploadForm(forms.Form):
    """A client file for the bulk import: its type and size (its content and header
    are checked by the importer before anything is written)."""

    EXTENSIONS = (".csv", ".xlsx")
    wrong_type = _("Gunakan berkas .csv atau .xlsx.")

    file = forms.FileField(
        label=_("Berkas klien (CSV atau XLSX)"),
        error_messages={
            "required": _("Pilih berkas CSV atau XLSX untuk diimpor."),
            "empty": _("Berkasnya kosong."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        from pathlib import Path

        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in self.EXTENSIONS:
            raise forms.ValidationError(self.wrong_type)
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s); paling besar %(max)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return upload


class GroupMemberForm(forms.Form):
    """Add a member to a group client: search by name or NIK, then pick one result."""

    q = forms.CharField(label=_("Cari klien (nama atau NIK)"), max_length=100, required=False)
    member = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    role = forms.CharField(
        label=_("Peran dalam kelompok"), max_length=60, required=False,
        help_text=_("Mis. ketua, anggota"),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if not data.get("member") and len((data.get("q") or "").strip()) < 3:
            self.add_error("q", _("Ketik paling sedikit 3 huruf nama atau angka NIK."))
        return data
