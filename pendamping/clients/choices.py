"""Reference lists for clients: PPKS categories, religions, disabilities, relations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PPKS(models.TextChoices):
    """The 26 PPKS categories (Permensos 08/2012), in GLOSSARY.md order."""

    ANAK_BALITA_TERLANTAR = "anak_balita_terlantar", _("Anak balita terlantar")
    ANAK_TERLANTAR = "anak_terlantar", _("Anak terlantar")
    ANAK_BERHADAPAN_HUKUM = "anak_berhadapan_hukum", _("Anak yang berhadapan dengan hukum")
    ANAK_JALANAN = "anak_jalanan", _("Anak jalanan")
    ANAK_DISABILITAS = "anak_disabilitas", _("Anak dengan kedisabilitasan")
    ANAK_KORBAN_KEKERASAN = (
        "anak_korban_kekerasan",
        _("Anak korban tindak kekerasan atau diperlakukan salah"),
    )
    ANAK_PERLINDUNGAN_KHUSUS = (
        "anak_perlindungan_khusus",
        _("Anak yang memerlukan perlindungan khusus"),
    )
    LANSIA_TERLANTAR = "lansia_terlantar", _("Lanjut usia terlantar")
    DISABILITAS = "disabilitas", _("Penyandang disabilitas")
    TUNA_SUSILA = "tuna_susila", _("Tuna susila")
    GELANDANGAN = "gelandangan", _("Gelandangan")
    PENGEMIS = "pengemis", _("Pengemis")
    PEMULUNG = "pemulung", _("Pemulung")
    KELOMPOK_MINORITAS = "kelompok_minoritas", _("Kelompok minoritas")
    BEKAS_WARGA_BINAAN = (
        "bekas_warga_binaan",
        _("Bekas warga binaan lembaga pemasyarakatan"),
    )
    ODHA = "odha", _("Orang dengan HIV/AIDS")
    KORBAN_NAPZA = "korban_napza", _("Korban penyalahgunaan NAPZA")
    KORBAN_PERDAGANGAN_ORANG = "korban_perdagangan_orang", _("Korban perdagangan orang")
    KORBAN_KEKERASAN = "korban_kekerasan", _("Korban tindak kekerasan")
    PEKERJA_MIGRAN = "pekerja_migran", _("Pekerja migran bermasalah sosial")
    KORBAN_BENCANA_ALAM = "korban_bencana_alam", _("Korban bencana alam")
    KORBAN_BENCANA_SOSIAL = "korban_bencana_sosial", _("Korban bencana sosial")
    PEREMPUAN_RAWAN = "perempuan_rawan", _("Perempuan rawan sosial ekonomi")
    FAKIR_MISKIN = "fakir_miskin", _("Fakir miskin")
    KELUARGA_BERMASALAH = (
        "keluarga_bermasalah",
        _("Keluarga bermasalah sosial psikologis"),
    )
    KOMUNITAS_ADAT_TERPENCIL = "komunitas_adat_terpencil", _("Komunitas adat terpencil")


class Religion(models.TextChoices):
    ISLAM = "islam", _("Islam")
    PROTESTAN = "protestan", _("Kristen Protestan")
    KATOLIK = "katolik", _("Katolik")
    HINDU = "hindu", _("Hindu")
    BUDDHA = "buddha", _("Buddha")
    KHONGHUCU = "khonghucu", _("Khonghucu")
    KEPERCAYAAN = "kepercayaan", _("Penghayat kepercayaan")
    UNKNOWN = "", _("Tidak diketahui")


class Disability(models.TextChoices):
    """Kinds of disability in UU 8/2016."""

    PHYSICAL = "fisik", _("Disabilitas fisik")
    INTELLECTUAL = "intelektual", _("Disabilitas intelektual")
    MENTAL = "mental", _("Disabilitas mental")
    SENSORY_SIGHT = "netra", _("Disabilitas sensorik netra")
    SENSORY_HEARING = "rungu", _("Disabilitas sensorik rungu")
    SENSORY_SPEECH = "wicara", _("Disabilitas sensorik wicara")


class Sex(models.TextChoices):
    FEMALE = "F", _("Perempuan")
    MALE = "M", _("Laki-laki")


class Relation(models.TextChoices):
    FATHER = "father", _("Ayah")
    MOTHER = "mother", _("Ibu")
    SPOUSE = "spouse", _("Suami/istri")
    CHILD = "child", _("Anak")
    SIBLING = "sibling", _("Saudara kandung")
    GRANDFATHER = "grandfather", _("Kakek")
    GRANDMOTHER = "grandmother", _("Nenek")
    GRANDCHILD = "grandchild", _("Cucu")
    UNCLE_AUNT = "uncle_aunt", _("Paman/bibi")
    COUSIN = "cousin", _("Sepupu")
    STEPPARENT = "stepparent", _("Orang tua tiri")
    GUARDIAN = "guardian", _("Wali")
    OTHER = "other", _("Lainnya")


class FamilySide(models.TextChoices):
    """Which parent's line a grandparent, uncle/aunt or cousin belongs to."""

    PATERNAL = "paternal", _("Dari pihak ayah")
    MATERNAL = "maternal", _("Dari pihak ibu")


class UnionStatus(models.TextChoices):
    """The union of this person with their partner in the genogram.

    For the spouse: the client's marriage; for the father or mother: the parents'
    marriage; for a grandparent: that grandparents' marriage.
    """

    MARRIED = "married", _("Menikah")
    SEPARATED = "separated", _("Pisah")
    DIVORCED = "divorced", _("Cerai")
    UNMARRIED = "unmarried", _("Tidak menikah / tinggal bersama")


class Bond(models.TextChoices):
    """The emotional bond between this family member and the client."""

    NORMAL = "normal", pgettext_lazy("family bond", "Biasa")
    STRONG = "strong", _("Dekat / kuat")
    WEAK = "weak", _("Renggang / lemah")
    CONFLICT = "conflict", _("Konflik")


# the fixed list of data categories lives below the apps (the privacy app reads it too)
from pendamping.data_categories import DataCategory  # noqa: E402, F401
