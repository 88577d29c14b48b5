"""The agency admin's letterhead page (accounts/letterhead.py): the kop surat every
PDF of the agency prints, its logo, and the numbering pattern of its letters."""

import datetime
import string

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from pendamping import uploads

from . import access
from .letterhead import LETTER_NUMBER_MAX, PLACEHOLDERS, Letterhead, format_number

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4_000_000
# the logo prints 2.4 cm wide (letter.css): 600 px is 600 dpi there, and every PDF of
# the agency embeds it, so a 4-megapixel photo is scaled down once, on upload
LOGO_LONG_SIDE = 600


class LetterheadForm(forms.ModelForm):
    logo_file = forms.FileField(
        label=_("Logo"), required=False,
        help_text=_("JPEG, PNG atau WebP, paling besar 2 MB."),
    )  # fmt: skip
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)

    class Meta:
        model = Letterhead
        fields = ["name", "address", "city", "phone", "email", "unit", "number_pattern",
                  "countersign"]  # fmt: skip
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "number_pattern": _("Bagian: {seq} nomor urut tahun ini (wajib), {kind} jenis surat "
                                 "(RJK untuk rujukan), {unit} kode unit, {month} bulan dalam angka "
                                 "Romawi, {year} tahun."),
        }  # fmt: skip

    def clean_number_pattern(self):
        pattern = self.cleaned_data["number_pattern"].strip()
        try:
            parts = [(name, spec, conv) for _text, name, spec, conv in string.Formatter().parse(pattern)
                     if name is not None]  # fmt: skip
        except ValueError:
            raise forms.ValidationError(_("Kurung kurawal pada pola tidak seimbang.")) from None
        names = {name for name, _spec, _conv in parts}
        if any(spec or conv for _name, spec, conv in parts):
            # {seq:>999999999} would build a huge number (and block every letter)
            raise forms.ValidationError(
                _("Tulis bagian pola tanpa format tambahan, mis. {seq}, bukan {seq:>5}.")
            )
        unknown = names - PLACEHOLDERS
        if unknown:
            raise forms.ValidationError(
                _("Bagian tidak dikenal: %(names)s.") % {"names": ", ".join(sorted(unknown))}
            )
        if "seq" not in names:
            raise forms.ValidationError(_("Pola harus memuat {seq} agar nomor tidak berulang."))
        sample = format_number(pattern, seq=999, kind="RJK", unit=self.cleaned_data.get("unit", ""),
                               on=datetime.date(2026, 12, 31))  # fmt: skip
        if len(sample) > LETTER_NUMBER_MAX:
            raise forms.ValidationError(
                _("Nomor surat dari pola ini terlalu panjang (paling banyak %(n)s karakter).")
                % {"n": LETTER_NUMBER_MAX}
            )
        return pattern

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        try:
            data = uploads.read_limited(upload, LOGO_MAX_BYTES)
            clean = uploads.clean_image(data, max_pixels=LOGO_MAX_PIXELS, fit=LOGO_LONG_SIDE)
        except uploads.UploadTooLarge:
            raise forms.ValidationError(_("Logo terlalu besar.")) from None
        if clean is None:
            raise forms.ValidationError(_("Logo harus gambar JPEG, PNG atau WebP."))
        return clean


@login_required
def letterhead_edit(request):
    user = request.user
    access.require_manage_agency(user)
    agency = access.agency_of(user)
    head = Letterhead.objects.filter(agency=agency).first() or Letterhead(
        agency=agency, name=agency.name
    )
    form = LetterheadForm(request.POST or None, request.FILES or None, instance=head)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            head = form.save(commit=False)
            logo = form.cleaned_data.get("logo_file")
            if logo:
                head.logo, head.logo_type, _ext = logo
            elif form.cleaned_data.get("remove_logo"):
                head.logo, head.logo_type = None, ""
            head.save()
            messages.success(request, _("Kop surat disimpan."))
            return redirect("letterhead_edit")
        status = 422
    return render(request, "accounts/letterhead.html", {"form": form, "head": head}, status=status)
