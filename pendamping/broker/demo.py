"""Demo data for the broker: a resource directory, needs, referrals, gaps, an initiative.

`seed` runs at the end of `manage.py demo`, inside its transaction, after the two
agencies, their users, clients and cases exist. Every write goes through the
services, so case timelines, referral histories and the gap register are real.

The directory holds about 300 services of realistic providers in five regencies:
Kota Bandung, Kabupaten Bandung and Kota Cimahi (recorded by the Bandung agency),
Kota Semarang and Kabupaten Semarang (recorded by the Semarang agency). Each
agency also lists the other as a provider in Pendamping, so both have incoming
referrals. Two holes are left on purpose: no disability aid (`alat_bantu`)
anywhere in Central Java, and no free place in NAPZA rehabilitation around
Bandung; the needs that fall into them open gaps, and the Semarang agency plans
an initiative for the first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import time, timedelta

from pendamping.accounts.models import User
from pendamping.cases import services as need_services
from pendamping.cases.models import Case, Urgency
from pendamping.clients import services as client_services
from pendamping.clients.models import Client, Consent, Region
from pendamping.taxonomy.models import TaxonomyTerm

from . import matching, services
from .models import Capacity, Gap, Initiative, ReferralStatus

S = ReferralStatus

# ---- places ----------------------------------------------------------------------

# Regency code -> name, recording agency, phone area code, postal prefix, websites.
REGENCIES = {
    "32.73": ("Kota Bandung", "bdg", "022", "40", "bandung.go.id"),
    "32.04": ("Kabupaten Bandung", "bdg", "022", "40", "bandungkab.go.id"),
    "32.77": ("Kota Cimahi", "bdg", "022", "405", "cimahikota.go.id"),
    "33.74": ("Kota Semarang", "smg", "024", "50", "semarangkota.go.id"),
    "33.22": ("Kabupaten Semarang", "smg", "024", "505", "semarangkab.go.id"),
}
# District code -> (name, latitude, longitude of its centre).
DISTRICTS = {
    "32.73.01": ("Sukasari", -6.870, 107.588), "32.73.02": ("Coblong", -6.887, 107.613),
    "32.73.03": ("Babakan Ciparay", -6.938, 107.582), "32.73.05": ("Andir", -6.910, 107.580),
    "32.73.06": ("Cicendo", -6.902, 107.596), "32.73.07": ("Sukajadi", -6.885, 107.595),
    "32.73.09": ("Bandung Wetan", -6.903, 107.618), "32.73.11": ("Regol", -6.942, 107.610),
    "32.73.12": ("Batununggal", -6.928, 107.632), "32.73.13": ("Lengkong", -6.930, 107.620),
    "32.73.16": ("Kiaracondong", -6.925, 107.645), "32.73.18": ("Cibeunying Kaler", -6.893, 107.628),
    "32.73.19": ("Sumur Bandung", -6.915, 107.612), "32.73.20": ("Antapani", -6.912, 107.660),
    "32.73.22": ("Buahbatu", -6.948, 107.652), "32.73.26": ("Ujungberung", -6.912, 107.700),
    "32.04.05": ("Cileunyi", -6.940, 107.745), "32.04.08": ("Bojongsoang", -6.985, 107.640),
    "32.04.09": ("Margahayu", -6.968, 107.572), "32.04.12": ("Dayeuhkolot", -6.988, 107.625),
    "32.04.28": ("Rancaekek", -6.965, 107.765), "32.04.29": ("Ciparay", -7.035, 107.715),
    "32.04.32": ("Baleendah", -7.005, 107.625), "32.04.33": ("Majalaya", -7.045, 107.755),
    "32.04.37": ("Soreang", -7.030, 107.520),
    "32.77.01": ("Cimahi Selatan", -6.895, 107.535), "32.77.02": ("Cimahi Tengah", -6.880, 107.545),
    "32.77.03": ("Cimahi Utara", -6.868, 107.550),
    "33.74.01": ("Semarang Tengah", -6.978, 110.418), "33.74.02": ("Semarang Utara", -6.962, 110.412),
    "33.74.03": ("Semarang Timur", -6.978, 110.435), "33.74.04": ("Gayamsari", -6.990, 110.452),
    "33.74.05": ("Genuk", -6.970, 110.478), "33.74.06": ("Pedurungan", -7.005, 110.468),
    "33.74.07": ("Semarang Selatan", -6.995, 110.422), "33.74.08": ("Candisari", -7.012, 110.428),
    "33.74.09": ("Gajahmungkur", -7.010, 110.407), "33.74.10": ("Tembalang", -7.050, 110.440),
    "33.74.11": ("Banyumanik", -7.065, 110.420), "33.74.12": ("Gunungpati", -7.080, 110.375),
    "33.74.13": ("Semarang Barat", -6.985, 110.393), "33.74.15": ("Ngaliyan", -7.000, 110.350),
    "33.22.06": ("Tuntang", -7.265, 110.475), "33.22.10": ("Ambarawa", -7.265, 110.405),
    "33.22.11": ("Bawen", -7.240, 110.435), "33.22.13": ("Bergas", -7.195, 110.420),
    "33.22.18": ("Ungaran Barat", -7.140, 110.400), "33.22.19": ("Ungaran Timur", -7.130, 110.428),
}  # fmt: skip
# The villages of the demo's clients (see the demo command's REGIONS).
VILLAGES = {
    "32.73.01.1001": (-6.873, 107.585), "32.73.01.1002": (-6.868, 107.592),
    "32.73.02.1001": (-6.892, 107.604), "32.73.02.1002": (-6.890, 107.617),
    "32.73.05.1001": (-6.912, 107.575), "32.73.05.1002": (-6.916, 107.579),
    "32.73.05.1003": (-6.914, 107.588), "33.74.01.1001": (-6.983, 110.414),
    "33.74.01.1002": (-6.982, 110.423), "33.74.02.1001": (-6.956, 110.425),
    "33.74.02.1002": (-6.972, 110.404),
}  # fmt: skip
STREETS = {
    "32.73": ["Jl. Asia Afrika", "Jl. Merdeka", "Jl. Pasteur", "Jl. Soekarno-Hatta", "Jl. Ir. H. Juanda",
              "Jl. Cihampelas", "Jl. Kiaracondong", "Jl. Terusan Jakarta", "Jl. A.H. Nasution",
              "Jl. Kopo", "Jl. Pajajaran", "Jl. Peta", "Jl. Sukajadi", "Jl. Setiabudi"],
    "32.04": ["Jl. Raya Soreang", "Jl. Raya Banjaran", "Jl. Raya Dayeuhkolot", "Jl. Raya Rancaekek",
              "Jl. Raya Cileunyi", "Jl. Raya Majalaya", "Jl. Raya Laswi", "Jl. Bojongsoang"],
    "32.77": ["Jl. Jend. H. Amir Machmud", "Jl. Gatot Subroto", "Jl. Baros", "Jl. Cibabat",
              "Jl. Kolonel Masturi", "Jl. Demang Hardjakusumah"],
    "33.74": ["Jl. Pemuda", "Jl. Pandanaran", "Jl. Gajahmada", "Jl. Imam Bonjol", "Jl. Setiabudi",
              "Jl. Majapahit", "Jl. Kaligawe", "Jl. Siliwangi", "Jl. Dr. Sutomo", "Jl. Veteran",
              "Jl. Fatmawati", "Jl. Ngesrep Timur", "Jl. Brigjen Sudiarto"],
    "33.22": ["Jl. Gatot Subroto", "Jl. Diponegoro", "Jl. Jend. Sudirman", "Jl. Palagan",
              "Jl. Raya Bawen", "Jl. Letjen Suprapto"],
}  # fmt: skip

# ---- what providers offer ---------------------------------------------------------

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]
OFFICE = (WEEKDAYS, time(8, 0), time(16, 0))
CLINIC = ([*WEEKDAYS, "SA"], time(7, 30), time(14, 0))
ALWAYS = ([*WEEKDAYS, "SA", "SU"], time(0, 0), time(23, 59))
FRIDAY = (["FR"], time(11, 0), time(13, 30))
MORNING = (["TU", "TH"], time(8, 0), time(11, 0))
WEEKEND = (["SA", "SU"], time(8, 0), time(14, 0))

KTP_KK = ("KTP", "Kartu Keluarga (KK)")
SKTM = ("Surat keterangan tidak mampu (SKTM) dari kelurahan",)
JKN = ("Kartu JKN-KIS",)
DTKS = ("Surat pengantar RT/RW",)
AKTA = ("Surat keterangan lahir dari bidan/rumah sakit", "KK dan KTP orang tua",
        "Surat pernyataan tanggung jawab mutlak (SPTJM) bila tidak ada buku nikah")  # fmt: skip

VICTIMS = ("korban_kekerasan", "anak_korban_kekerasan", "korban_perdagangan_orang",
           "perempuan_rawan", "anak_perlindungan_khusus")  # fmt: skip
STREET_PEOPLE = ("gelandangan", "pengemis", "pemulung", "anak_jalanan", "pekerja_migran",
                 "korban_bencana_sosial", "korban_perdagangan_orang")  # fmt: skip


@dataclass
class Svc:
    name: str
    terms: tuple
    description: str
    min_age: int | None = None
    max_age: int | None = None
    sexes: tuple = ()
    ppks: tuple = ()
    docs: tuple = KTP_KK
    hours: tuple | None = OFFICE
    fees: str = "Gratis."
    apply: str = "Datang langsung ke lokasi layanan dengan membawa dokumen yang diperlukan."
    capacity: str | None = None  # None: drawn from a realistic mix
    places: tuple | None = None  # (lowest, highest) number of places
    area: str = "regency"  # "district", "regency", "province", "none" or a code list
    at: int | None = None  # index of the one location it runs at; None: all
    languages: tuple | None = None
    eligibility: str = ""
    phone: bool = False  # its own number besides the provider's
    big_city: bool = False  # offered in Kota Bandung and Kota Semarang only


@dataclass
class Org:
    name: str
    district: str
    description: str
    services: list
    legal: str = "Instansi pemerintah daerah"
    more: tuple = ()  # districts of further locations
    location_names: tuple = ()
    shared: bool | None = None  # None: drawn, about two in three
    website: str = ""
    alternate_name: str = ""
    receiving: str | None = None  # prefix of the agency this provider is in Pendamping
    recorder: str | None = None  # prefix of the agency recording it; default by province


def regency_of(district: str) -> str:
    return district[:5]


def regency_name(code: str) -> str:
    return REGENCIES[code][0]


def short(code: str) -> str:
    """'Kota Bandung' -> 'Kota Bandung', 'Kabupaten Semarang' -> 'Kab. Semarang'."""
    return regency_name(code).replace("Kabupaten", "Kab.")


def _dinsos(reg: str, office: str, shelter: str) -> Org:
    name = regency_name(reg)
    west = reg.startswith("32")
    svcs = [
        Svc("Pendaftaran dan pemutakhiran DTKS (usulan PKH dan BPNT)", ("bansos.pkh_bpnt",),
            "Mendaftarkan keluarga miskin ke Data Terpadu Kesejahteraan Sosial agar dapat diusulkan "
            "menerima PKH dan BPNT/Program Sembako.", docs=KTP_KK + DTKS,
            apply="Melalui operator SIKS-NG di kelurahan atau langsung ke kantor dinas."),
        Svc("Usulan PBI JKN (BPJS Kesehatan dibayar pemerintah)", ("bansos.jaminan_kesehatan",),
            "Pengusulan warga miskin yang belum memiliki jaminan kesehatan menjadi peserta PBI JKN.",
            docs=KTP_KK + SKTM),
        Svc("Rumah singgah sementara bagi PPKS", ("hidup_layak.tempat_tinggal",),
            "Tempat tinggal sementara (maks. 14 hari) bagi gelandangan, pengemis, anak jalanan dan "
            "pekerja migran telantar sambil menunggu pemulangan atau rujukan panti.",
            docs=(), hours=ALWAYS, places=(10, 30), at=1,
            eligibility="Diutamakan PPKS jalanan dan warga telantar tanpa tempat tinggal.",
            apply="Dirujuk oleh Satpol PP, TKSK, pekerja sosial atau datang diantar warga."),
        Svc("Pemulangan ke daerah asal", ("aksesibilitas.transportasi",),
            "Biaya dan pendampingan pemulangan PPKS telantar ke daerah asalnya.",
            ppks=STREET_PEOPLE, docs=("Surat keterangan dari kepolisian atau kelurahan",)),
        Svc("Permakanan lansia dan penyandang disabilitas tunggal", ("hidup_layak.pangan",),
            "Dua kali makan setiap hari diantar ke rumah lansia atau penyandang disabilitas yang "
            "tinggal sendiri.", docs=KTP_KK + DTKS, capacity=Capacity.WAITLIST,
            eligibility="Tinggal sendiri dan terdaftar DTKS."),
        Svc("Layanan dukungan psikososial (Sakti Peksos)", ("terapi.psikososial",),
            "Pendampingan psikososial oleh pekerja sosial bagi korban bencana, kekerasan dan "
            "keluarga dalam krisis.", docs=("KTP (bila ada)",), big_city=True),
        Svc("Asistensi rehabilitasi sosial lansia (ATENSI)", ("pengasuhan.lansia",),
            "Kunjungan rumah, perawatan sosial dan bantuan kebutuhan dasar bagi lansia telantar.",
            min_age=60, docs=KTP_KK, big_city=True),
    ]  # fmt: skip
    if reg in ("32.73", "33.74"):
        svcs.append(
            Svc("Bantuan sandang dan logistik korban bencana", ("hidup_layak.sandang",),
                "Paket pakaian, selimut dan perlengkapan keluarga bagi korban kebakaran, banjir dan "
                "bencana sosial.", docs=("Surat keterangan bencana dari kelurahan",),
                ppks=("korban_bencana_alam", "korban_bencana_sosial", "fakir_miskin"))
        )  # fmt: skip
    if west:  # Central Java is left without disability aid on purpose
        svcs.append(
            Svc("Bantuan alat bantu disabilitas", ("aksesibilitas.alat_bantu",),
                "Kursi roda, kruk, tongkat putih dan alat bantu dengar bagi penyandang disabilitas "
                "dari keluarga miskin.", eligibility="Penyandang disabilitas dari keluarga DTKS.",
                docs=(*KTP_KK, "Surat keterangan dokter"), capacity=Capacity.WAITLIST)
        )  # fmt: skip
    domain = REGENCIES[reg][4]
    return Org(f"Dinas Sosial {name}", office, f"Perangkat daerah urusan sosial {name}.", svcs,
               more=(shelter,), location_names=("Kantor Dinas Sosial", "Rumah Singgah"),
               website=f"https://dinsos.{domain}", alternate_name="Dinsos", shared=True)  # fmt: skip


def _dukcapil(reg: str, office: str) -> Org:
    name = regency_name(reg)
    return Org(
        f"Dinas Kependudukan dan Pencatatan Sipil {name}", office,
        f"Pelayanan administrasi kependudukan {name}.",
        [Svc("Penerbitan akta kelahiran", ("hidup_layak.dokumen",),
             "Akta kelahiran untuk anak dan orang dewasa, termasuk yang terlambat dicatat.",
             docs=AKTA, apply="Daring melalui aplikasi layanan adminduk atau di kantor kecamatan."),
         Svc("Perekaman KTP-el dan penerbitan Kartu Keluarga", ("hidup_layak.dokumen",),
             "Perekaman biometrik KTP-el, penerbitan dan perubahan KK.", min_age=17,
             docs=("KK", "Surat pengantar RT/RW")),
         Svc("Jemput bola adminduk bagi PPKS dan penghuni panti", ("hidup_layak.dokumen",),
             "Petugas datang ke panti, rumah singgah atau rumah klien untuk merekam data dan "
             "menerbitkan NIK bagi warga tanpa dokumen.", docs=("Surat permohonan dari lembaga",),
             hours=MORNING, capacity=Capacity.WAITLIST, big_city=True,
             apply="Lembaga pengirim mengajukan surat permohonan; jadwal diatur dinas.")],
        website=f"https://disdukcapil.{REGENCIES[reg][4]}", alternate_name="Disdukcapil", shared=True,
    )  # fmt: skip


def _ppa(reg: str, office: str) -> Org:
    name = regency_name(reg)
    return Org(
        f"UPTD Perlindungan Perempuan dan Anak {name}", office,
        "Pengaduan, penjangkauan, rumah aman, konseling dan pendampingan hukum bagi perempuan dan "
        "anak korban kekerasan.",
        [Svc("Pengaduan dan penjangkauan korban kekerasan",
             ("pengasuhan.perlindungan_anak", "terapi.psikososial"),
             "Menerima pengaduan 24 jam dan menjangkau korban kekerasan terhadap perempuan dan anak.",
             docs=(), hours=ALWAYS, phone=True, apply="Telepon/WhatsApp hotline atau datang langsung."),
         Svc("Rumah aman perempuan korban kekerasan", ("pengasuhan.rumah_aman",),
             "Tempat tinggal sementara yang dirahasiakan bagi perempuan korban KDRT dan perdagangan "
             "orang, beserta anaknya.", sexes=("F",), min_age=18, docs=(), hours=ALWAYS,
             places=(4, 12), apply="Melalui asesmen petugas UPTD PPA."),
         Svc("Rumah aman anak", ("pengasuhan.rumah_aman", "pengasuhan.perlindungan_anak"),
             "Perlindungan sementara bagi anak korban kekerasan yang tidak aman tinggal di rumah.",
             max_age=17, docs=(), hours=ALWAYS, places=(3, 8),
             apply="Melalui asesmen petugas UPTD PPA."),
         Svc("Konseling psikologis korban kekerasan", ("terapi.psikososial",),
             "Konseling oleh psikolog klinis bagi korban dan keluarganya.", docs=(), big_city=True),
         Svc("Pendampingan hukum korban kekerasan", ("aksesibilitas.bantuan_hukum",),
             "Pendampingan pelaporan ke kepolisian, visum dan persidangan.", docs=(),
             big_city=True)],
        alternate_name="P2TP2A", shared=True,
    )  # fmt: skip


def _puspaga(reg: str, office: str) -> Org:
    name = regency_name(reg)
    return Org(
        f"Puspaga {name}", office, "Pusat Pembelajaran Keluarga di bawah dinas PPPA.",
        [Svc("Konseling keluarga", ("keluarga.konseling",),
             "Konseling bagi pasangan, orang tua dan remaja oleh psikolog dan konselor keluarga.",
             docs=(), phone=True),
         Svc("Kelas pengasuhan positif", ("keluarga.pengasuhan_positif",),
             "Kelas kelompok bagi orang tua: disiplin tanpa kekerasan, komunikasi dengan anak.",
             docs=(), hours=WEEKEND)],
        alternate_name="Pusat Pembelajaran Keluarga",
    )  # fmt: skip


def _baznas(reg: str, office: str) -> Org:
    name = regency_name(reg)
    return Org(
        f"BAZNAS {name}", office, f"Badan Amil Zakat Nasional {name}.",
        [Svc("Bantuan konsumtif fakir miskin", ("bansos.zakat_filantropi", "hidup_layak.pangan"),
             "Bantuan tunai dan sembako bagi mustahik fakir miskin.", docs=KTP_KK + SKTM,
             apply="Mengisi formulir permohonan dengan rekomendasi DKM atau ketua RW."),
         Svc("Beasiswa pendidikan mustahik", ("hidup_layak.pendidikan", "bansos.zakat_filantropi"),
             "Biaya sekolah dan perlengkapan bagi pelajar dan mahasiswa dari keluarga mustahik.",
             min_age=6, max_age=24, docs=KTP_KK + SKTM + ("Surat keterangan aktif sekolah",)),
         Svc("Bantuan biaya pengobatan", ("hidup_layak.kesehatan", "bansos.zakat_filantropi"),
             "Biaya pengobatan yang tidak ditanggung JKN, transport berobat dan alat kesehatan.",
             docs=KTP_KK + SKTM + ("Surat keterangan dokter",)),
         Svc("Modal usaha mikro mustahik", ("vokasional.kewirausahaan", "bansos.zakat_filantropi"),
             "Modal usaha bergulir dan pendampingan usaha bagi mustahik yang ingin berwirausaha.",
             min_age=18, docs=KTP_KK + SKTM, capacity=Capacity.WAITLIST, big_city=True)],
        legal="Lembaga pemerintah nonstruktural", shared=True,
    )  # fmt: skip


def _laz(name: str, district: str, zakat_only: bool = False) -> Org:
    svcs = [
        Svc("Paket sembako bulanan dhuafa", ("bansos.zakat_filantropi", "hidup_layak.pangan"),
            "Paket beras, minyak, telur dan lauk setiap bulan bagi keluarga dhuafa.",
            docs=KTP_KK + SKTM),
        Svc("Beasiswa anak yatim dan dhuafa", ("hidup_layak.pendidikan", "bansos.zakat_filantropi"),
            "Beasiswa dan pembinaan bulanan bagi anak yatim dan dhuafa.", min_age=6, max_age=18,
            docs=(*KTP_KK, "Rapor terakhir")),
    ]  # fmt: skip
    if not zakat_only:
        svcs.append(
            Svc("Pemberdayaan ekonomi keluarga", ("vokasional.kewirausahaan",),
                "Pelatihan dan modal usaha bagi ibu rumah tangga dan keluarga prasejahtera.",
                min_age=18, docs=KTP_KK, capacity=Capacity.WAITLIST)
        )  # fmt: skip
    return Org(name, district, "Lembaga amil zakat yang menyalurkan zakat, infak dan sedekah.",
               svcs, legal="Lembaga amil zakat (yayasan)")  # fmt: skip


def _puskesmas(district: str, rnd: random.Random) -> Org:
    dname = DISTRICTS[district][0]
    svcs = [
        Svc("Pelayanan kesehatan dasar", ("hidup_layak.kesehatan",),
            "Pemeriksaan umum, KIA/KB, imunisasi, gigi dan laboratorium sederhana.",
            docs=("KTP", *JKN), hours=CLINIC, area="district",
            fees="Gratis bagi peserta JKN dan warga ber-KTP setempat."),
    ]  # fmt: skip
    extra = [
        Svc("Posyandu lansia dan Posbindu PTM", ("pengasuhan.lansia", "hidup_layak.kesehatan"),
            "Pemeriksaan tekanan darah, gula darah dan senam lansia setiap bulan di tiap RW.",
            min_age=45, docs=("KTP",), hours=MORNING, area="district"),
        Svc("Pemantauan gizi balita dan PMT", ("hidup_layak.kesehatan", "hidup_layak.pangan"),
            "Penimbangan, konseling gizi dan pemberian makanan tambahan bagi balita kurang gizi.",
            max_age=5, docs=("Buku KIA",), hours=MORNING, area="district"),
        Svc("Konseling kesehatan jiwa", ("terapi.kesehatan_jiwa",),
            "Deteksi dini, konseling dan rujukan gangguan jiwa; pemantauan minum obat ODGJ.",
            docs=("KTP", *JKN), hours=CLINIC, area="district"),
        Svc("Pelayanan Kesehatan Peduli Remaja (PKPR)", ("hidup_layak.kesehatan", "terapi.psikososial"),
            "Konseling remaja tentang kesehatan reproduksi, NAPZA dan masalah pergaulan.",
            min_age=10, max_age=19, docs=(), hours=CLINIC, area="district"),
        Svc("Fisioterapi", ("terapi.fisik",),
            "Fisioterapi pascastroke dan gangguan gerak dengan rujukan dokter.",
            docs=("KTP", *JKN, "Surat rujukan dokter"), hours=CLINIC, area="district",
            capacity=Capacity.WAITLIST),
    ]  # fmt: skip
    if rnd.random() < 0.45:
        svcs.append(rnd.choice(extra[:3]))
    if rnd.random() < 0.1:
        svcs.append(extra[3])
    if rnd.random() < 0.07:
        svcs.append(extra[4])
    more = (district,) if rnd.random() < 0.3 else ()
    return Org(f"Puskesmas {dname}", district, f"Pusat kesehatan masyarakat Kecamatan {dname}.",
               svcs, legal="UPTD Puskesmas", more=more,
               location_names=(f"Puskesmas {dname}", f"Puskesmas Pembantu {dname}"))  # fmt: skip


def _rs(name: str, district: str, *, jiwa=True, fisik=True, napza=False, ppt=False) -> Org:
    svcs = [
        Svc("Rawat jalan dan rawat inap peserta JKN", ("hidup_layak.kesehatan",),
            "Layanan spesialis dan rawat inap dengan rujukan berjenjang dari puskesmas.",
            docs=("KTP", *JKN, "Surat rujukan puskesmas"), hours=CLINIC, capacity=Capacity.AVAILABLE,
            fees="Ditanggung JKN; pasien umum membayar sesuai tarif."),
    ]  # fmt: skip
    if jiwa:
        svcs.append(Svc("Poliklinik jiwa", ("terapi.kesehatan_jiwa",),
                        "Pemeriksaan dan pengobatan gangguan jiwa oleh psikiater.",
                        docs=("KTP", *JKN, "Surat rujukan puskesmas"), hours=CLINIC))  # fmt: skip
    if fisik:
        svcs.append(Svc("Rehabilitasi medik dan fisioterapi", ("terapi.fisik",),
                        "Fisioterapi, terapi okupasi dan terapi wicara.",
                        docs=("KTP", *JKN, "Surat rujukan dokter"), hours=CLINIC))  # fmt: skip
    if napza:
        svcs.append(Svc("Rehabilitasi NAPZA rawat jalan (IPWL)", ("terapi.napza",),
                        "Institusi Penerima Wajib Lapor: asesmen, rawat jalan dan terapi rumatan.",
                        min_age=13, docs=("KTP", *JKN), hours=CLINIC,
                        fees="Gratis bagi wajib lapor."))  # fmt: skip
    if ppt:
        svcs.append(Svc("Pusat Pelayanan Terpadu korban kekerasan", ("terapi.psikososial",),
                        "Visum, perawatan medis dan konseling bagi korban kekerasan seksual dan KDRT.",
                        ppks=VICTIMS, docs=(), hours=ALWAYS))  # fmt: skip
    return Org(name, district, "Rumah sakit rujukan.", svcs, legal="Rumah sakit pemerintah",
               shared=True)  # fmt: skip


def _lbh(name: str, district: str, *, women=False, court=False, religious=False) -> Org:
    svcs = [
        Svc("Konsultasi hukum gratis", ("aksesibilitas.bantuan_hukum",),
            "Konsultasi perkara pidana, perdata, ketenagakerjaan dan pertanahan.", docs=("KTP",)),
    ]  # fmt: skip
    if not court:
        svcs.append(Svc("Pendampingan perkara warga tidak mampu", ("aksesibilitas.bantuan_hukum",),
                        "Pendampingan litigasi dan nonlitigasi dengan dana bantuan hukum (UU 16/2011).",
                        docs=KTP_KK + SKTM, capacity=Capacity.WAITLIST))  # fmt: skip
        svcs.append(Svc("Pendampingan anak berhadapan dengan hukum",
                        ("aksesibilitas.bantuan_hukum", "pengasuhan.perlindungan_anak"),
                        "Pendampingan anak selama penyidikan, diversi dan persidangan.",
                        max_age=17, docs=("KK", "Surat panggilan polisi (bila ada)")))  # fmt: skip
    if women:
        svcs.append(Svc("Pendampingan hukum perempuan korban kekerasan",
                        ("aksesibilitas.bantuan_hukum",),
                        "Pendampingan pelaporan, perlindungan dan persidangan bagi perempuan korban.",
                        sexes=("F",), docs=("KTP",)))  # fmt: skip
    if religious:
        svcs.append(Svc("Bantuan gugatan cerai, itsbat nikah dan dispensasi",
                        ("aksesibilitas.bantuan_hukum", "hidup_layak.dokumen"),
                        "Membantu membuat gugatan dan permohonan; itsbat nikah untuk akta anak.",
                        min_age=16, docs=KTP_KK + SKTM))  # fmt: skip
    legal = "Pos bantuan hukum pengadilan" if court else "Organisasi bantuan hukum (yayasan)"
    return Org(name, district, "Layanan bantuan hukum bagi warga tidak mampu.", svcs, legal=legal)


def _blk(name: str, district: str, courses: list[str], *, placement=True) -> Org:
    svcs = [
        Svc(f"Pelatihan {c}", ("vokasional.pelatihan_kerja",),
            f"Pelatihan berbasis kompetensi {c} selama 1–2 bulan, bersertifikat.",
            min_age=17, max_age=45 if "menjahit" not in c else 55,
            docs=("KTP", "Ijazah terakhir", "Pas foto"),
            apply="Mendaftar daring saat pendaftaran angkatan dibuka, lalu mengikuti seleksi.",
            capacity=None)
        for c in courses
    ]  # fmt: skip
    if placement:
        svcs.append(Svc("Pemagangan dan penempatan kerja", ("vokasional.penempatan_kerja",),
                        "Penyaluran lulusan pelatihan ke magang industri dan lowongan kerja.",
                        min_age=18, docs=("KTP", "Sertifikat pelatihan", "Kartu AK/1")))  # fmt: skip
    return Org(name, district, "Balai pelatihan kerja.", svcs, legal="Unit pelaksana teknis")


def _food(name: str, district: str, *, friday=True, clothes=False, spiritual=False) -> Org:
    svcs = []
    if friday:
        svcs.append(Svc("Dapur umum Jumat berkah", ("hidup_layak.pangan",),
                        "Makan siang gratis setiap Jumat bagi siapa saja yang membutuhkan.",
                        docs=(), hours=FRIDAY, area="none", capacity=Capacity.AVAILABLE))  # fmt: skip
    else:
        svcs.append(Svc("Lumbung pangan dan sembako bulanan", ("hidup_layak.pangan",),
                        "Paket sembako setiap bulan bagi keluarga prasejahtera di sekitar rumah ibadah.",
                        docs=("KTP", "Surat pengantar RT/RW"), hours=WEEKEND))  # fmt: skip
    if clothes:
        svcs.append(Svc("Pakaian layak pakai", ("hidup_layak.sandang",),
                        "Pakaian, sepatu dan seragam sekolah layak pakai.", docs=(), hours=WEEKEND))  # fmt: skip
    if spiritual:
        svcs.append(Svc("Bimbingan rohani dan konseling agama", ("terapi.mental_spiritual",),
                        "Pendampingan rohani oleh ustaz/pendeta/rohaniwan untuk individu dan keluarga.",
                        docs=(), hours=WEEKEND))  # fmt: skip
    return Org(name, district, "Program sosial rumah ibadah.", svcs, legal="Yayasan rumah ibadah")


def _school(name: str, district: str, kind: str) -> Org:
    if kind == "slb":
        svc = Svc("Pendidikan khusus (SLB)", ("hidup_layak.pendidikan",),
                  "Pendidikan TKLB sampai SMALB bagi anak penyandang disabilitas, dengan asrama terbatas.",
                  min_age=4, max_age=21, ppks=("anak_disabilitas", "disabilitas"),
                  docs=("Akta kelahiran", "KK", "Hasil asesmen psikolog/dokter"),
                  languages=("id", "sgn-ID"), hours=(WEEKDAYS, time(7, 0), time(13, 0)))  # fmt: skip
        return Org(name, district, "Sekolah luar biasa negeri.", [svc], legal="Sekolah negeri")
    svcs = [
        Svc("Pendidikan kesetaraan Paket A, B dan C", ("hidup_layak.pendidikan",),
            "Kejar Paket A (setara SD), B (SMP) dan C (SMA) bagi anak putus sekolah dan orang dewasa.",
            min_age=7, docs=("Akta kelahiran atau KTP", "KK", "Ijazah/rapor terakhir (bila ada)"),
            hours=(["MO", "WE", "FR", "SA"], time(13, 0), time(17, 0))),
    ]  # fmt: skip
    if kind == "skb":
        svcs.append(Svc("Kursus keterampilan (menjahit, tata boga, komputer)",
                        ("vokasional.pelatihan_kerja",),
                        "Kursus keterampilan singkat bagi warga belajar dan masyarakat.",
                        min_age=15, docs=("KTP atau kartu pelajar",)))  # fmt: skip
    legal = "Satuan pendidikan nonformal" + (" negeri" if kind == "skb" else " (yayasan)")
    return Org(name, district, "Pendidikan nonformal.", svcs, legal=legal)


def directory_orgs(rnd: random.Random) -> list[Org]:
    orgs = [
        _dinsos("32.73", "32.73.07", "32.73.16"), _dinsos("32.04", "32.04.37", "32.04.32"),
        _dinsos("32.77", "32.77.02", "32.77.01"), _dinsos("33.74", "33.74.07", "33.74.05"),
        _dinsos("33.22", "33.22.18", "33.22.10"),
        _dukcapil("32.73", "32.73.19"), _dukcapil("32.04", "32.04.37"), _dukcapil("32.77", "32.77.02"),
        _dukcapil("33.74", "33.74.01"), _dukcapil("33.22", "33.22.18"),
        _ppa("32.73", "32.73.09"), _ppa("32.04", "32.04.37"), _ppa("32.77", "32.77.02"),
        _ppa("33.74", "33.74.08"), _ppa("33.22", "33.22.19"),
        _puspaga("32.73", "32.73.13"), _puspaga("33.74", "33.74.13"), _puspaga("32.77", "32.77.02"),
        _baznas("32.73", "32.73.09"), _baznas("32.04", "32.04.37"), _baznas("32.77", "32.77.02"),
        _baznas("33.74", "33.74.01"), _baznas("33.22", "33.22.18"),
        _laz("Rumah Zakat", "32.73.13"), _laz("Dompet Dhuafa Jawa Barat", "32.73.02"),
        _laz("DT Peduli (LAZ Daarut Tauhiid)", "32.73.01", True), _laz("Rumah Amal Salman", "32.73.02", True),
        _laz("LAZISMU Kota Semarang", "33.74.03", True), _laz("NU Care-LAZISNU Kota Semarang", "33.74.01", True),
        _laz("Dompet Dhuafa Jawa Tengah", "33.74.10"), _laz("Rumah Zakat Semarang", "33.74.13", True),
        _rs("RSUD Kota Bandung", "32.73.26"), _rs("RSUP Dr. Hasan Sadikin", "32.73.07", ppt=True),
        _rs("RSUD Al-Ihsan Provinsi Jawa Barat", "32.04.32"), _rs("RSUD Majalaya", "32.04.33", jiwa=False),
        _rs("RSUD Cibabat", "32.77.03"),
        _rs("RSUD K.R.M.T. Wongsonegoro", "33.74.06", ppt=True),
        _rs("RSUP Dr. Kariadi", "33.74.07", jiwa=False),
        _rs("RSJD Dr. Amino Gondohutomo", "33.74.06", fisik=False, napza=True),
        _rs("RSUD Ungaran", "33.22.18", jiwa=False), _rs("RSUD Ambarawa", "33.22.10", fisik=False),
        _lbh("LBH Bandung", "32.73.20"), _lbh("Posbakum Pengadilan Negeri Bandung", "32.73.19", court=True),
        _lbh("Posbakum Pengadilan Agama Bandung", "32.73.20", court=True, religious=True),
        _lbh("Posbakum Pengadilan Negeri Bale Bandung", "32.04.32", court=True),
        _lbh("LBH Semarang", "33.74.09"), _lbh("LRC-KJHAM", "33.74.06", women=True),
        _lbh("Posbakum Pengadilan Negeri Semarang", "33.74.01", court=True),
        _lbh("Posbakum Pengadilan Agama Ambarawa", "33.22.10", court=True, religious=True),
        _blk("BBPVP Bandung", "32.73.12", ["teknisi otomotif", "menjahit garmen", "desain grafis",
                                             "teknisi pendingin (AC)"]),
        _blk("UPTD BLK Kota Bandung", "32.73.16", ["menjahit", "tata boga", "barista"]),
        _blk("UPTD BLK Kabupaten Bandung", "32.04.37", ["las listrik", "menjahit"], placement=False),
        _blk("BLK Kota Cimahi", "32.77.02", ["operator komputer", "tata rias"], placement=False),
        _blk("BPVP Semarang", "33.74.06", ["teknisi sepeda motor", "las listrik", "teknisi ponsel",
                                            "menjahit garmen"]),
        _blk("BLK Kota Semarang", "33.74.05", ["menjahit", "tata boga", "membatik"]),
        _blk("UPTD BLK Kabupaten Semarang", "33.22.18", ["menjahit", "operator mesin garmen"],
             placement=False),
        _school("SKB Kota Bandung", "32.73.11", "skb"), _school("PKBM Bina Bangsa", "32.73.16", "pkbm"),
        _school("SLB Negeri Cicendo", "32.73.06", "slb"), _school("SLB Negeri A Citeureup", "32.77.03", "slb"),
        _school("SKB Kabupaten Bandung", "32.04.37", "skb"), _school("SKB Kota Semarang", "33.74.10", "skb"),
        _school("PKBM Setara Semarang", "33.74.02", "pkbm"), _school("SLB Negeri Semarang", "33.74.10", "slb"),
        _school("SKB Kabupaten Semarang", "33.22.19", "skb"),
        _food("Masjid Raya Bandung", "32.73.11", spiritual=True),
        _food("Pusdai Jawa Barat", "32.73.18", spiritual=True),
        _food("GKI Maulana Yusuf", "32.73.09", friday=False, clothes=True),
        _food("Paroki Katedral Santo Petrus Bandung", "32.73.19", friday=False, clothes=True),
        _food("Masjid Agung Al-Fathu Soreang", "32.04.37"),
        _food("Masjid Agung Cimahi", "32.77.02"),
        _food("Masjid Agung Jawa Tengah", "33.74.04", spiritual=True),
        _food("Masjid Raya Baiturrahman Semarang", "33.74.07"),
        _food("Gereja Katedral Randusari", "33.74.07", friday=False, clothes=True, spiritual=True),
        _food("Masjid Agung Darul Muttaqin Ambarawa", "33.22.10"),
    ]  # fmt: skip
    orgs += [
        Org("Dinas Tenaga Kerja Kota Bandung", "32.73.13", "Perangkat daerah urusan ketenagakerjaan.",
            [Svc("Kartu pencari kerja (AK/1) dan bursa kerja", ("vokasional.penempatan_kerja",),
                 "Penerbitan kartu kuning dan informasi lowongan; bursa kerja dua kali setahun.",
                 min_age=17, docs=("KTP", "Ijazah terakhir", "Pas foto"))], shared=True),
        Org("Dinas Tenaga Kerja Kota Semarang", "33.74.01", "Perangkat daerah urusan ketenagakerjaan.",
            [Svc("Kartu pencari kerja (AK/1) dan bursa kerja", ("vokasional.penempatan_kerja",),
                 "Penerbitan kartu kuning dan informasi lowongan; job fair tahunan.",
                 min_age=17, docs=("KTP", "Ijazah terakhir", "Pas foto"))], shared=True),
        Org("Rumah BUMN Bandung", "32.73.02", "Pusat pembinaan UMKM binaan BUMN.",
            [Svc("Pelatihan dan pendampingan UMKM", ("vokasional.kewirausahaan",),
                 "Pelatihan pemasaran digital, pengemasan dan akses kredit usaha rakyat.",
                 min_age=18, docs=("KTP",))], legal="Badan usaha milik negara"),
        Org("Rumah BUMN Semarang", "33.74.07", "Pusat pembinaan UMKM binaan BUMN.",
            [Svc("Pelatihan dan pendampingan UMKM", ("vokasional.kewirausahaan",),
                 "Pelatihan pemasaran digital, foto produk dan akses KUR.",
                 min_age=18, docs=("KTP",))], legal="Badan usaha milik negara"),
        Org("Dinas Koperasi dan UKM Kota Bandung", "32.73.13", "Pembinaan koperasi dan usaha mikro.",
            [Svc("Inkubasi usaha mikro bagi warga prasejahtera", ("vokasional.kewirausahaan",),
                 "Pelatihan wirausaha, izin usaha (NIB) dan bantuan peralatan.", min_age=18,
                 docs=KTP_KK, capacity=Capacity.WAITLIST)]),
        Org("PMI Kota Bandung", "32.73.09", "Palang Merah Indonesia Kota Bandung.",
            [Svc("Ambulans gratis bagi warga tidak mampu", ("aksesibilitas.transportasi",),
                 "Antar-jemput pasien ke rumah sakit dan pemulangan jenazah.", docs=SKTM,
                 hours=ALWAYS, phone=True, area="regency")], legal="Perkumpulan", shared=True),
        Org("PMI Kota Semarang", "33.74.07", "Palang Merah Indonesia Kota Semarang.",
            [Svc("Ambulans gratis bagi warga tidak mampu", ("aksesibilitas.transportasi",),
                 "Antar-jemput pasien ke rumah sakit.", docs=SKTM, hours=ALWAYS, phone=True)],
            legal="Perkumpulan", shared=True),
        # ---- West Java: social welfare institutions
        Org("Panti Sosial Tresna Werdha Budi Pertiwi", "32.73.13",
            "Panti lansia milik Pemerintah Provinsi Jawa Barat.",
            [Svc("Perawatan lansia dalam panti", ("pengasuhan.lansia",),
                 "Tempat tinggal, makan, perawatan kesehatan dan kegiatan bagi lansia telantar.",
                 min_age=60, ppks=("lansia_terlantar",), docs=KTP_KK + SKTM, hours=ALWAYS,
                 capacity=Capacity.WAITLIST, places=(0, 0), area="province")],
            legal="UPTD Pemerintah Provinsi"),
        Org("UPTD Pelayanan Sosial Lanjut Usia Ciparay", "32.04.29",
            "Panti lansia milik Pemerintah Provinsi Jawa Barat.",
            [Svc("Perawatan lansia dalam panti", ("pengasuhan.lansia",),
                 "Tempat tinggal dan perawatan bagi lansia telantar.", min_age=60,
                 docs=KTP_KK + SKTM, hours=ALWAYS, places=(2, 6), area="province"),
             Svc("Day care lansia", ("pengasuhan.lansia", "terapi.mental_spiritual"),
                 "Kegiatan harian, senam dan pengajian bagi lansia yang tinggal bersama keluarga.",
                 min_age=60, docs=("KTP",), hours=MORNING)],
            legal="UPTD Pemerintah Provinsi"),
        Org("Sentra Wyata Guna", "32.73.06",
            "Sentra Kementerian Sosial untuk rehabilitasi sosial penyandang disabilitas netra.",
            [Svc("Rehabilitasi sosial disabilitas netra", ("terapi.fisik", "vokasional.pelatihan_kerja"),
                 "Orientasi mobilitas, Braille dan pelatihan pijat bagi penyandang disabilitas netra.",
                 min_age=15, ppks=("disabilitas", "anak_disabilitas"), docs=KTP_KK, hours=OFFICE,
                 area="province"),
             Svc("Alat bantu netra (tongkat putih, Braille)", ("aksesibilitas.alat_bantu",),
                 "Tongkat putih, reglet, jam bicara dan perangkat pembaca layar.",
                 ppks=("disabilitas", "anak_disabilitas"), docs=KTP_KK, area="province")],
            legal="Unit pelaksana teknis Kementerian Sosial", shared=True),
        Org("YPAC Jawa Barat", "32.73.07", "Yayasan Pembinaan Anak Cacat Jawa Barat.",
            [Svc("Fisioterapi dan terapi okupasi anak", ("terapi.fisik",),
                 "Terapi bagi anak dengan cerebral palsy dan hambatan perkembangan.", max_age=18,
                 docs=("KK", "Akta kelahiran"), fees="Subsidi silang; gratis dengan SKTM.",
                 capacity=Capacity.WAITLIST),
             Svc("Peminjaman kursi roda anak", ("aksesibilitas.alat_bantu",),
                 "Kursi roda dan alat bantu postur anak dipinjamkan selama dibutuhkan.",
                 max_age=18, docs=("KK",))],
            legal="Yayasan"),
        Org("Yayasan Bahtera", "32.73.05", "Lembaga kesejahteraan sosial anak jalanan.",
            [Svc("Rumah singgah anak jalanan", ("hidup_layak.tempat_tinggal", "pengasuhan.perlindungan_anak"),
                 "Tempat singgah, makan dan mandi bagi anak jalanan; penjangkauan malam hari.",
                 max_age=18, docs=(), hours=ALWAYS, places=(5, 15)),
             Svc("Kelas belajar anak jalanan", ("hidup_layak.pendidikan",),
                 "Kelas baca-tulis-hitung dan persiapan kembali ke sekolah atau Kejar Paket.",
                 min_age=6, max_age=18, docs=(), hours=(["MO", "WE", "FR"], time(9, 0), time(12, 0)))],
            legal="Yayasan (LKS)"),
        Org("LKSA Bina Insani", "32.73.22", "Lembaga kesejahteraan sosial anak.",
            [Svc("Pengasuhan anak dalam LKSA", ("pengasuhan.pengasuhan_alternatif",),
                 "Pengasuhan, sekolah dan pembinaan bagi anak yatim, piatu dan telantar.",
                 min_age=6, max_age=18, docs=("KK", "Akta kelahiran", "Surat keterangan dari Dinas Sosial"),
                 hours=ALWAYS, places=(0, 4), capacity=Capacity.WAITLIST),
             Svc("Pendampingan pengasuhan berbasis keluarga", ("pengasuhan.pengasuhan_alternatif",
                 "keluarga.pengasuhan_positif"),
                 "Dukungan bagi kerabat yang mengasuh anak (kinship care) agar anak tetap di keluarga.",
                 max_age=18, docs=("KK",))],
            legal="Yayasan (LKSA)"),
        Org("RPSA Kota Bandung", "32.73.03", "Rumah Perlindungan Sosial Anak.",
            [Svc("Perlindungan sementara anak", ("pengasuhan.rumah_aman", "pengasuhan.perlindungan_anak"),
                 "Perlindungan dan pemulihan anak korban kekerasan, eksploitasi dan penelantaran.",
                 max_age=17, docs=(), hours=ALWAYS, places=(2, 6))],
            legal="Yayasan (LKS)", shared=True),
        Org("Rumah Cemara", "32.73.01", "Komunitas dukungan sebaya bagi ODHA dan pengguna NAPZA.",
            [Svc("Dukungan sebaya ODHA dan pengguna NAPZA", ("terapi.psikososial",),
                 "Kelompok dukungan, pendampingan minum ARV dan pengurangan dampak buruk.",
                 min_age=15, ppks=("odha", "korban_napza"), docs=())],
            legal="Perkumpulan"),
        Org("Klinik Pratama BNN Kota Bandung", "32.73.13",
            "Klinik rehabilitasi rawat jalan Badan Narkotika Nasional Kota Bandung (IPWL).",
            [Svc("Rehabilitasi NAPZA rawat jalan", ("terapi.napza",),
                 "Asesmen, konseling adiksi dan rawat jalan bagi pengguna NAPZA.", min_age=12,
                 docs=("KTP atau kartu pelajar",), capacity=Capacity.NONE,
                 eligibility="Kuota rehabilitasi tahun berjalan sudah penuh.")],
            legal="Instansi vertikal", shared=True),
        Org("Yayasan Insan Madani (IPWL)", "32.04.12", "Panti rehabilitasi sosial NAPZA rawat inap.",
            [Svc("Rehabilitasi sosial NAPZA rawat inap", ("terapi.napza", "terapi.mental_spiritual"),
                 "Program rawat inap 6 bulan dengan pendekatan therapeutic community dan keagamaan.",
                 min_age=15, sexes=("M",), docs=KTP_KK, hours=ALWAYS, capacity=Capacity.NONE,
                 places=(0, 0), fees="Gratis dengan kuota Kementerian Sosial.")],
            legal="Yayasan (IPWL)"),
        Org("Unit Layanan Psikologi UPI", "32.73.01", "Layanan psikologi Universitas Pendidikan Indonesia.",
            [Svc("Konseling psikologis", ("terapi.psikososial", "terapi.kesehatan_jiwa"),
                 "Konseling individu dan keluarga oleh psikolog; tes psikologi.", docs=(),
                 fees="Gratis bagi rujukan dinas sosial; umum Rp50.000 per sesi."),
             Svc("Konseling keluarga", ("keluarga.konseling",),
                 "Konseling pasangan dan keluarga.", docs=())],
            legal="Perguruan tinggi"),
        # ---- Central Java: social welfare institutions
        Org("Rumah Pelayanan Sosial Lanjut Usia Pucang Gading", "33.74.06",
            "Panti lansia milik Pemerintah Provinsi Jawa Tengah.",
            [Svc("Perawatan lansia dalam panti", ("pengasuhan.lansia",),
                 "Tempat tinggal, makan dan perawatan bagi lansia telantar.", min_age=60,
                 ppks=("lansia_terlantar",), docs=KTP_KK + SKTM, hours=ALWAYS, places=(1, 5),
                 area="province", languages=("id", "jv"))],
            legal="UPTD Pemerintah Provinsi", shared=True),
        Org("LKSA Darul Hadlonah", "33.74.15", "Lembaga kesejahteraan sosial anak.",
            [Svc("Pengasuhan anak dalam LKSA", ("pengasuhan.pengasuhan_alternatif",),
                 "Pengasuhan, sekolah dan pembinaan agama bagi anak yatim dan telantar.",
                 min_age=6, max_age=18, docs=("KK", "Akta kelahiran"), hours=ALWAYS, places=(1, 6))],
            legal="Yayasan (LKSA)"),
        Org("LKSA Bunda Kasih", "33.74.11", "Lembaga kesejahteraan sosial anak.",
            [Svc("Pengasuhan anak dalam LKSA", ("pengasuhan.pengasuhan_alternatif",),
                 "Pengasuhan anak telantar dan penelusuran keluarga untuk reunifikasi.",
                 max_age=18, docs=("KK", "Akta kelahiran"), hours=ALWAYS, places=(0, 3),
                 capacity=Capacity.WAITLIST),
             Svc("Kelas pengasuhan bagi orang tua", ("keluarga.pengasuhan_positif",),
                 "Kelas pengasuhan positif bagi orang tua dan calon keluarga asuh.", docs=(),
                 hours=WEEKEND)],
            legal="Yayasan (LKSA)"),
        Org("YPAC Semarang", "33.74.07", "Yayasan Pembinaan Anak Cacat Semarang.",
            [Svc("Fisioterapi dan terapi wicara anak", ("terapi.fisik",),
                 "Terapi bagi anak dengan hambatan gerak, wicara dan perkembangan.", max_age=18,
                 docs=("KK", "Akta kelahiran"), capacity=Capacity.WAITLIST),
             Svc("Sekolah khusus YPAC", ("hidup_layak.pendidikan",),
                 "SDLB dan SMPLB bagi anak dengan disabilitas fisik.", min_age=6, max_age=18,
                 ppks=("anak_disabilitas",), docs=("KK", "Akta kelahiran"))],
            legal="Yayasan"),
        Org("Rumah Pelayanan Sosial Disabilitas Wira Adhi Karya", "33.22.18",
            "Panti rehabilitasi sosial penyandang disabilitas fisik milik Provinsi Jawa Tengah.",
            [Svc("Pelatihan kerja penyandang disabilitas", ("vokasional.pelatihan_kerja",),
                 "Pelatihan menjahit, elektronika dan kerajinan selama satu tahun dengan asrama.",
                 min_age=17, max_age=40, ppks=("disabilitas",), docs=(*KTP_KK, "Surat keterangan dokter"),
                 hours=ALWAYS, places=(2, 8), area="province"),
             Svc("Terapi fisik dan bimbingan sosial", ("terapi.fisik",),
                 "Fisioterapi dan bimbingan sosial bagi penerima manfaat.", min_age=17,
                 ppks=("disabilitas",), docs=KTP_KK)],
            legal="UPTD Pemerintah Provinsi", shared=True),
        Org("Yayasan Setara", "33.74.02", "LKS pendampingan anak jalanan dan anak pekerja.",
            [Svc("Pendampingan anak jalanan", ("pengasuhan.perlindungan_anak",),
                 "Penjangkauan, pendampingan dan reunifikasi anak jalanan dengan keluarganya.",
                 max_age=18, docs=(), hours=(WEEKDAYS, time(9, 0), time(20, 0))),
             Svc("Sanggar belajar anak", ("hidup_layak.pendidikan",),
                 "Kelas belajar dan persiapan ujian Kejar Paket bagi anak putus sekolah.",
                 min_age=6, max_age=18, docs=())],
            legal="Yayasan (LKS)"),
        Org("PKBI Jawa Tengah", "33.74.08", "Perkumpulan Keluarga Berencana Indonesia Daerah Jawa Tengah.",
            [Svc("Konseling remaja dan keluarga", ("keluarga.konseling", "terapi.psikososial"),
                 "Konseling kesehatan reproduksi, kehamilan tidak diinginkan dan masalah keluarga.",
                 min_age=12, docs=()),
             Svc("Pendampingan ODHA (Griya ASA)", ("terapi.psikososial", "hidup_layak.kesehatan"),
                 "Tes HIV sukarela, pendampingan pengobatan ARV dan kelompok dukungan sebaya.",
                 min_age=15, docs=())],
            legal="Perkumpulan", shared=True),
        Org("Yayasan Rumah Damai", "33.74.12", "Panti rehabilitasi sosial korban NAPZA (IPWL).",
            [Svc("Rehabilitasi sosial NAPZA rawat inap", ("terapi.napza", "terapi.mental_spiritual"),
                 "Rehabilitasi rawat inap 6 bulan: detoksifikasi, konseling adiksi dan bimbingan rohani.",
                 min_age=15, docs=KTP_KK, hours=ALWAYS, places=(2, 6),
                 fees="Gratis dengan kuota IPWL Kementerian Sosial."),
             Svc("Konseling adiksi bagi keluarga", ("terapi.napza", "keluarga.konseling"),
                 "Konseling dan kelompok dukungan bagi keluarga pengguna NAPZA.", docs=(),
                 hours=WEEKEND)],
            legal="Yayasan (IPWL)", shared=True),
        Org("Layanan Psikologi Terpadu Unika Soegijapranata", "33.74.08",
            "Biro layanan psikologi Fakultas Psikologi Unika Soegijapranata.",
            [Svc("Konseling psikologis", ("terapi.psikososial", "terapi.kesehatan_jiwa"),
                 "Konseling dan psikoterapi individu oleh psikolog.", docs=(),
                 fees="Tarif sosial; gratis bagi rujukan lembaga sosial.")],
            legal="Perguruan tinggi"),
    ]  # fmt: skip
    for org in orgs:
        if regency_of(org.district) not in ("32.73", "33.74"):
            org.services = [s for s in org.services if not s.big_city]
    # a puskesmas in each district
    for code in DISTRICTS:
        orgs.append(_puskesmas(code, rnd))
    # Each agency publishes its own services for the other (shared, with itself as the
    # receiving agency): referrals to these arrive in the publishing agency's inbox.
    orgs += [
        Org("LKS Anak Harapan (Semarang)", "33.74.01",
            "LKS anak di Kota Semarang yang juga memakai Pendamping: rujukan langsung masuk ke "
            "kotak rujukan mereka.",
            [Svc("Reunifikasi keluarga anak asal Jawa Tengah",
                 ("pengasuhan.perlindungan_anak", "pengasuhan.pengasuhan_alternatif"),
                 "Penelusuran keluarga, asesmen pengasuhan dan pendampingan pemulangan anak asal "
                 "Jawa Tengah yang ditemukan di Jawa Barat.", max_age=17, docs=("KK (bila ada)",),
                 area=["32", "33"], languages=("id", "jv")),
             Svc("Konseling keluarga jarak jauh", ("keluarga.konseling",),
                 "Konseling keluarga melalui panggilan video bagi keluarga yang tinggal di Semarang.",
                 docs=(), area=["32", "33"], languages=("id", "jv"))],
            legal="Yayasan (LKS)", receiving="smg", recorder="smg", shared=True),
        Org("Dinas Sosial Kota Bandung – layanan antardaerah", "32.73.07",
            "Dinas Sosial Kota Bandung juga memakai Pendamping: rujukan langsung masuk ke kotak "
            "rujukan mereka.",
            [Svc("Pemulangan dan reintegrasi warga asal Kota Bandung", ("aksesibilitas.transportasi",),
                 "Penjemputan, pemulangan dan pendampingan reintegrasi warga Kota Bandung yang "
                 "telantar di Jawa Tengah.", docs=("Surat keterangan dari dinas sosial setempat",),
                 area=["33"], languages=("id", "su")),
             Svc("Penelusuran keluarga di Kota Bandung", ("keluarga.konseling",),
                 "Penelusuran dan mediasi keluarga di Kota Bandung bagi klien yang ingin pulang.",
                 docs=(), area=["33"], languages=("id", "su"))],
            receiving="bdg", recorder="bdg", shared=True),
    ]  # fmt: skip
    return orgs


# ---- needs ---------------------------------------------------------------------------

# Problem keyword (from the demo's presenting problems) -> (term, condition) in order of fit.
PROBLEM_TERMS = {
    "putus sekolah": [("hidup_layak.pendidikan", lambda age, sex: 6 <= age <= 24),
                      ("pengasuhan.perlindungan_anak", lambda age, sex: age < 18),
                      ("bansos.pkh_bpnt", None)],
    "Lansia": [("pengasuhan.lansia", lambda age, sex: age >= 60), ("hidup_layak.pangan", None),
               ("hidup_layak.kesehatan", None)],
    "kekerasan dalam rumah tangga": [("pengasuhan.rumah_aman", lambda age, sex: sex == "F" or age < 18),
                                     ("aksesibilitas.bantuan_hukum", None), ("terapi.psikososial", None)],
    "disabilitas fisik": [("aksesibilitas.alat_bantu", None), ("bansos.pkh_bpnt", None),
                          ("terapi.fisik", None)],
    "penggusuran": [("hidup_layak.dokumen", None), ("hidup_layak.tempat_tinggal", None),
                    ("aksesibilitas.bantuan_hukum", None)],
    "NAPZA": [("terapi.napza", lambda age, sex: age >= 13), ("keluarga.konseling", None)],
    "berhadapan dengan hukum": [("aksesibilitas.bantuan_hukum", None), ("terapi.psikososial", None)],
    "Pekerja migran": [("terapi.psikososial", None),
                       ("vokasional.pelatihan_kerja", lambda age, sex: 17 <= age <= 45),
                       ("vokasional.kewirausahaan", lambda age, sex: age >= 18)],
    "Ibu tunggal": [("hidup_layak.kesehatan", None), ("hidup_layak.pangan", None),
                    ("bansos.pkh_bpnt", None), ("vokasional.kewirausahaan", lambda age, sex: age >= 18)],
    "Gelandangan": [("hidup_layak.dokumen", None), ("hidup_layak.tempat_tinggal", None),
                    ("bansos.jaminan_kesehatan", None)],
}  # fmt: skip
NEED_TEXT = {
    "hidup_layak.pendidikan": ["Ingin kembali bersekolah; perlu didaftarkan ke Kejar Paket atau sekolah terdekat.",
                               "Membutuhkan biaya dan perlengkapan sekolah agar tidak putus sekolah lagi."],
    "pengasuhan.perlindungan_anak": ["Anak sering di jalan sampai malam; perlu pendampingan perlindungan anak.",
                                     "Orang tua belum mampu mengawasi anak; perlu rencana perlindungan."],
    "bansos.pkh_bpnt": ["Keluarga belum terdaftar DTKS; perlu diusulkan PKH/BPNT.",
                        "Bantuan PKH terhenti sejak pindah alamat; perlu pemutakhiran data DTKS."],
    "pengasuhan.lansia": ["Lansia tinggal sendiri dan sulit merawat diri; perlu pendampingan perawatan.",
                          "Keluarga tidak sanggup merawat; menjajaki perawatan lansia di panti."],
    "hidup_layak.pangan": ["Makan sehari-hari belum tercukupi; perlu bantuan pangan rutin.",
                           "Sering hanya makan sekali sehari; perlu sembako atau permakanan."],
    "hidup_layak.kesehatan": ["Perlu pemeriksaan kesehatan dan pengobatan rutin.",
                              "Balita berat badan di bawah garis merah; perlu pemantauan gizi."],
    "pengasuhan.rumah_aman": ["Pelaku masih tinggal serumah; klien butuh tempat aman sementara."],
    "aksesibilitas.bantuan_hukum": ["Perlu pendampingan hukum untuk pelaporan dan proses persidangan.",
                                    "Membutuhkan konsultasi hukum tentang hak atas tempat tinggal."],
    "terapi.psikososial": ["Menunjukkan tanda trauma (sulit tidur, mudah kaget); perlu dukungan psikososial.",
                           "Menarik diri dan murung sejak kejadian; perlu konseling."],
    "aksesibilitas.alat_bantu": ["Membutuhkan kursi roda agar dapat keluar rumah.",
                                 "Membutuhkan alat bantu dengar.", "Kruk lama patah; perlu kruk baru."],
    "terapi.fisik": ["Perlu fisioterapi rutin untuk menjaga kemampuan gerak."],
    "hidup_layak.dokumen": ["Belum memiliki akta kelahiran dan belum tercatat di KK.",
                            "Tidak memiliki KTP-el dan KK; perlu perekaman data kependudukan."],
    "hidup_layak.tempat_tinggal": ["Tidak memiliki tempat tinggal tetap; perlu tempat singgah sementara."],
    "terapi.napza": ["Menggunakan sabu sejak setahun terakhir; keluarga meminta rehabilitasi.",
                     "Perlu rehabilitasi NAPZA; sudah bersedia mengikuti asesmen."],
    "keluarga.konseling": ["Komunikasi orang tua dan anak memburuk; keluarga perlu konseling."],
    "vokasional.pelatihan_kerja": ["Ingin mengikuti pelatihan kerja agar dapat bekerja kembali."],
    "vokasional.kewirausahaan": ["Ingin membuka usaha warung/makanan; perlu pelatihan dan modal usaha."],
    "bansos.jaminan_kesehatan": ["Belum memiliki JKN; perlu didaftarkan sebagai peserta PBI."],
}  # fmt: skip
URGENT_TERMS = {"pengasuhan.rumah_aman", "terapi.napza", "pengasuhan.perlindungan_anak"}

# ---- referral reasons -------------------------------------------------------------------

REASONS = {
    S.ACCEPTED: ["Berkas lengkap dan klien memenuhi syarat; jadwal asesmen awal sudah diberikan.",
                 "Diterima. Petugas kami akan menghubungi keluarga klien minggu ini.",
                 "Klien diterima; mohon datang dengan membawa KTP dan KK asli."],
    S.REJECTED: ["Kuota bulan ini sudah penuh; silakan ajukan kembali bulan depan.",
                 "Klien berdomisili di luar wilayah layanan kami.",
                 "Dokumen belum lengkap (KK dan SKTM); rujukan tidak dapat diproses.",
                 "Kebutuhan klien tidak sesuai dengan program kami; disarankan ke dinas sosial."],
    S.CANCELED: ["Klien memilih layanan lain yang lebih dekat dengan rumah.",
                 "Keluarga klien pindah ke luar kota.",
                 "Kebutuhan sudah terpenuhi lewat bantuan keluarga besar."],
    S.IN_PROGRESS: ["Klien mulai mengikuti layanan; sesi pertama sudah berlangsung.",
                    "Bantuan sedang diproses; klien sudah menjalani asesmen.",
                    "Klien hadir pada jadwal pertama dan bersedia melanjutkan."],
    S.ON_HOLD: ["Klien dirawat di rumah sakit; layanan ditunda sementara.",
                "Menunggu kelengkapan dokumen kependudukan klien.",
                "Klien pulang kampung selama dua minggu."],
    S.FAILED: ["Klien tidak datang pada tiga jadwal berturut-turut.",
               "Klien tidak dapat dihubungi setelah kunjungan pertama.",
               "Klien menolak melanjutkan layanan."],
    S.COMPLETED: ["Layanan selesai; klien sudah menerima bantuan sesuai rencana.",
                  "Klien telah menyelesaikan program dan kembali ke keluarga.",
                  "Dokumen sudah terbit dan diserahkan kepada klien."],
    S.ENTERED_IN_ERROR: ["Salah memilih layanan; rujukan dibuat ulang.",
                         "Rujukan tercatat ganda."],
}  # fmt: skip
# How a referral gets to each status, after it is created as a draft.
PATHS = {
    S.DRAFT: [],
    S.REQUESTED: [S.REQUESTED],
    S.ACCEPTED: [S.REQUESTED, S.ACCEPTED],
    S.REJECTED: [S.REQUESTED, S.REJECTED],
    S.CANCELED: [S.REQUESTED, S.CANCELED],
    S.IN_PROGRESS: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS],
    S.ON_HOLD: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD],
    S.FAILED: [S.REQUESTED, S.ACCEPTED, S.FAILED],
    S.COMPLETED: [S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED],
    S.ENTERED_IN_ERROR: [S.ENTERED_IN_ERROR],
}
STATUS_WEIGHTS = {
    S.DRAFT: 2, S.REQUESTED: 4, S.ACCEPTED: 3, S.REJECTED: 2, S.CANCELED: 1, S.IN_PROGRESS: 4,
    S.ON_HOLD: 1, S.FAILED: 1, S.COMPLETED: 5, S.ENTERED_IN_ERROR: 1,
}  # fmt: skip
LIVE = {S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD}


# ---- the seeding ---------------------------------------------------------------------------


class _Seeder:
    def __init__(self, rnd: random.Random, fake, today):
        self.rnd, self.fake, self.today = rnd, fake, today
        self.users = {u.username: u for u in User.objects.filter(username__regex=r"^(bdg|smg)\.")}
        self.by_id = {u.pk: u for u in self.users.values()}
        self.agency = {p: self.users[f"{p}.admin"].membership.agency for p in ("bdg", "smg")}
        self.terms = {t.code: t for t in TaxonomyTerm.objects.all()}
        self.regions: dict[str, Region] = {}
        self.referred_consent: set[int] = set()

    def user(self, prefix: str, *names: str) -> User:
        return self.users[f"{prefix}.{self.rnd.choice(names)}"]

    # -- places
    def add_regions(self) -> None:
        rows = {code: (name,) for code, (name, *_rest) in REGENCIES.items()}
        rows |= {code: (name,) for code, (name, _lat, _lon) in DISTRICTS.items()}
        rows |= {"32": ("Jawa Barat",), "33": ("Jawa Tengah",)}
        for code, (name,) in sorted(rows.items(), key=lambda kv: kv[0].count(".")):
            region, _created = Region.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": Region.level_of(code),
                    "parent_id": Region.parent_code(code),
                },
            )
            self.regions[code] = region

    def point(self, district: str, spread: float = 0.006) -> tuple[float, float]:
        _name, lat, lon = DISTRICTS[district]
        r = self.rnd
        lat, lon = lat + r.uniform(-spread, spread), lon + r.uniform(-spread, spread)
        return round(lat, 6), round(lon, 6)

    def phone(self, district: str, cell: bool = False) -> str:
        r = self.rnd
        if cell:
            return f"08{r.choice(['11', '12', '13', '21', '22', '52', '57', '77', '95'])}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
        return f"({REGENCIES[regency_of(district)][2]}) {r.randint(2000000, 8999999)}"

    def address(self, district: str) -> tuple[str, str]:
        reg = regency_of(district)
        street = self.rnd.choice(STREETS[reg])
        prefix = REGENCIES[reg][3]
        postal = prefix + "".join(str(self.rnd.randint(1, 9)) for _ in range(5 - len(prefix)))
        return f"{street} No. {self.rnd.randint(1, 250)}", postal

    # -- directory
    def add_directory(self) -> None:
        for spec in directory_orgs(self.rnd):
            self.add_org(spec)

    def add_org(self, spec: Org) -> None:
        r = self.rnd
        reg = regency_of(spec.district)
        recorder = spec.recorder or REGENCIES[reg][1]
        actor = self.user(recorder, "admin", "admin", "peksos1", "peksos2", "supervisor")
        shared = spec.shared if spec.shared is not None else r.random() < 0.65
        org = services.organization_save(
            actor=actor,
            data={
                "name": spec.name,
                "alternate_name": spec.alternate_name,
                "description": spec.description,
                "website": spec.website,
                "legal_status": spec.legal,
                "receiving_agency": self.agency[spec.receiving] if spec.receiving else None,
                "shared": shared,
                "phone": self.phone(spec.district),
            },
        )
        locations = []
        for i, district in enumerate((spec.district, *spec.more)):
            if i and district == spec.district:  # a second site in the same district
                lat, lon = self.point(district, 0.012)
            else:
                lat, lon = self.point(district)
            street, postal = self.address(district)
            name = (
                spec.location_names[i]
                if i < len(spec.location_names)
                else (
                    "Kantor " + spec.name if i == 0 else f"{spec.name} – {DISTRICTS[district][0]}"
                )
            )
            locations.append(
                services.location_add(
                    actor=actor,
                    organization=org,
                    data={
                        "name": name,
                        "address_1": street,
                        "city": regency_name(regency_of(district)),
                        "postal_code": postal,
                        "region": self.regions[district],
                        "latitude": lat,
                        "longitude": lon,
                    },
                )
            )
        west = spec.district.startswith("32")
        for svc in spec.services:
            self.add_service(actor, org, spec, svc, locations, shared, west)

    def add_service(self, actor, org, spec: Org, svc: Svc, locations, shared, west) -> None:
        r = self.rnd
        capacity = (
            svc.capacity
            or r.choices(
                [Capacity.AVAILABLE, Capacity.WAITLIST, Capacity.NONE, Capacity.UNKNOWN],
                weights=[68, 15, 5, 12],
            )[0]
        )
        count = None
        if svc.places is not None and capacity in (Capacity.AVAILABLE, Capacity.WAITLIST):
            count = r.randint(*svc.places)
            if count == 0:
                capacity = Capacity.WAITLIST
        elif svc.places is not None and capacity == Capacity.NONE:
            count = 0
        if svc.area == "district":
            areas = [spec.district]
        elif svc.area == "regency":
            areas = [regency_of(spec.district)]
        elif svc.area == "province":
            areas = [spec.district[:2]]
        elif svc.area == "none":
            areas = []
        else:
            areas = list(svc.area)
        if svc.languages:
            languages = list(svc.languages)
        else:
            languages = ["id", "su" if west else "jv"] if r.random() < 0.7 else ["id"]
        days, opens, closes = svc.hours or ([], None, None)
        at = locations if svc.at is None else [locations[min(svc.at, len(locations) - 1)]]
        services.service_save(
            actor=actor,
            data={
                "organization": org,
                "name": svc.name,
                "description": svc.description,
                "status": "active",
                "terms": [self.terms[t] for t in svc.terms],
                "locations": at,
                "capacity": capacity,
                "capacity_count": count,
                "minimum_age": svc.min_age,
                "maximum_age": svc.max_age,
                "eligible_sexes": list(svc.sexes),
                "eligible_ppks": list(svc.ppks),
                "eligibility_description": svc.eligibility,
                "languages": languages,
                "required_documents": list(svc.docs),
                "service_areas": areas,
                "application_process": svc.apply,
                "fees_description": svc.fees,
                "days": list(days),
                "opens_at": opens,
                "closes_at": closes,
                "phone": self.phone(spec.district, cell=True) if svc.phone else "",
                # most services of a shared provider are shared, a few kept in-house
                "shared": shared and (spec.receiving is not None or r.random() > 0.1),
            },
        )

    # -- needs
    def open_cases(self, prefix: str) -> list[Case]:
        return list(
            Case.objects.alive()
            .filter(agency=self.agency[prefix], closed_at__isnull=True)
            .select_related("client")
            .order_by("pk")
        )

    def place_client(self, client: Client) -> None:
        if client.latitude is not None:
            return
        lat, lon = VILLAGES.get(client.region_id, (None, None))
        if lat is None:
            return
        r = self.rnd
        client.latitude = round(lat + r.uniform(-0.004, 0.004), 6)
        client.longitude = round(lon + r.uniform(-0.004, 0.004), 6)
        Client.objects.filter(pk=client.pk).update(
            latitude=client.latitude, longitude=client.longitude
        )

    def add_need(self, case: Case, code: str, text: str | None = None):
        self.place_client(case.client)
        urgency = (
            Urgency.URGENT
            if code in URGENT_TERMS and self.rnd.random() < 0.6
            else self.rnd.choice([Urgency.LOW, Urgency.MEDIUM, Urgency.MEDIUM, Urgency.HIGH])
        )
        return need_services.need_add(
            actor=self.by_id[case.assigned_worker_id],
            case=case,
            term=self.terms[code],
            description=text or self.rnd.choice(NEED_TEXT[code]),
            urgency=urgency,
        )

    def terms_for(self, case: Case) -> list[str]:
        client = case.client
        age, sex = client.age(), client.sex
        age = 30 if age is None else age
        for key, options in PROBLEM_TERMS.items():
            if key in case.presenting_problem:
                fitting = [code for code, fits in options if fits is None or fits(age, sex)]
                k = min(len(fitting), self.rnd.choice([1, 1, 2]))
                return fitting[:k]
        return []

    def consent_referral(self, case: Case) -> None:
        client = case.client
        if client.pk in self.referred_consent:
            return
        age = client.age()
        minor = age is not None and age < 18
        client_services.consent_record(
            actor=self.by_id[case.assigned_worker_id],
            client=client,
            data={
                "purpose": Consent.Purpose.REFERRAL,
                "lawful_basis": Consent.LawfulBasis.CONSENT,
                "given_by": Consent.GivenBy.GUARDIAN if minor else Consent.GivenBy.CLIENT,
                "guardian_name": self.fake.name() if minor else "",
                "method": Consent.Method.WRITTEN,
                "data_types": "identitas, usia, wilayah, kebutuhan layanan",
            },
        )
        self.referred_consent.add(client.pk)

    # -- referrals
    def receiver_for(self, referral, sender: User) -> User:
        if referral.receiving_agency_id:
            prefix = "bdg" if referral.receiving_agency_id == self.agency["bdg"].pk else "smg"
            return self.user(prefix, "peksos1", "peksos2", "supervisor")
        return sender

    def refer(self, need, service, status: str, *, note: str = ""):
        r = self.rnd
        sender = self.by_id[need.case.assigned_worker_id]
        if status in LIVE and r.random() < 0.3:
            follow_up = self.today - timedelta(days=r.randint(1, 14))  # overdue
        elif status in LIVE or status == S.DRAFT:
            follow_up = self.today + timedelta(days=r.randint(3, 21))
        else:
            follow_up = self.today - timedelta(days=r.randint(0, 30))
        fields = ["full_name", "sex", "age", "region"]
        if "dokumen" in need.term.code or r.random() < 0.3:
            fields += ["phone", "address"]
        referral = services.referral_create(
            actor=sender,
            need=need,
            service=service,
            follow_up_date=follow_up,
            note_for_receiver=note or f"{need.description} Mohon dapat ditindaklanjuti.",
            shared_fields=fields,
            send=False,
        )
        for step in PATHS[status]:
            side = referral.next_statuses()[step]
            actor = sender if side == "sender" else self.receiver_for(referral, sender)
            referral = services.referral_transition(
                actor=actor,
                referral=referral,
                to_status=step,
                reason="" if step == S.REQUESTED else r.choice(REASONS[step]),
                expected_version=referral.version,
            )
        return referral

    def suggestions(self, need) -> list:
        result = matching.match(need)
        return [s.service for s in result.suggestions if s.has_capacity][:3]

    def add_referrals(self, needs: list) -> None:
        """Refer about half of the needs of consenting clients; every status at least once."""
        r = self.rnd
        pool = [n for n in needs if n.case.client_id in self.referred_consent]
        r.shuffle(pool)
        target = max(14, round(len(pool) * 0.45))
        statuses = list(STATUS_WEIGHTS)
        made = 0
        for need in pool:
            if made >= target:
                break
            found = self.suggestions(need)
            if not found:
                continue
            status = (
                statuses[made]
                if made < len(statuses)
                else r.choices(statuses, weights=list(STATUS_WEIGHTS.values()))[0]
            )
            made += 1
            self.refer(need, found[0] if r.random() < 0.6 else r.choice(found), status)
            again = status in (S.REJECTED, S.FAILED, S.ENTERED_IN_ERROR) and len(found) > 1
            if again and r.random() < 0.6:
                # referred again to the next suggestion (or a new one after the error)
                self.refer(need, found[1], r.choice([S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS]))

    def cross_agency(self, sender: str, receiver_org: str, term: str, text: str, note: str, plan):
        """Needs of the `sender` agency referred to the other agency's services."""
        service = (
            TaxonomyTerm.objects.get(code=term)
            .services.filter(organization__name=receiver_org, shared=True)
            .exclude(agency=self.agency[sender])
            .first()
        )
        cases = [c for c in self.open_cases(sender) if c.client_id in self.referred_consent]
        for case, status in zip(cases[-len(plan) :], plan, strict=False):
            need = self.add_need(case, term, text)
            self.refer(need, service, status, note=note)

    # -- gaps and initiatives
    def ensure_needs(self, prefix: str, code: str, k: int, prefer) -> None:
        """Make sure `k` open cases of the agency have an open need of `code`."""
        cases = self.open_cases(prefix)
        have = {c.pk for c in cases if c.needs.filter(term__code=code, status="open").exists()}
        pool = sorted(
            (c for c in cases if c.pk not in have),
            key=lambda c: (not prefer(c.client), c.pk),
        )
        for case in pool[: max(0, k - len(have))]:
            self.add_need(case, code)

    def add_initiative(self) -> None:
        gaps = Gap.objects.filter(
            agency=self.agency["smg"], closed_at__isnull=True, term__code="aksesibilitas.alat_bantu"
        )
        services.initiative_save(
            actor=self.users["smg.supervisor"],
            data={
                "title": "Bank alat bantu disabilitas Kota Semarang",
                "term": self.terms["aksesibilitas.alat_bantu"],
                "plan": "Tidak ada penyedia kursi roda, kruk dan alat bantu dengar dalam jangkauan "
                "klien kami. Rencana: (1) mendata kebutuhan alat bantu dari kasus terbuka; "
                "(2) mengajak BAZNAS dan CSR perusahaan membiayai pengadaan awal 20 kursi roda "
                "dan 15 alat bantu dengar; (3) YPAC Semarang mengukur dan melatih pemakaian; "
                "(4) alat dipinjamkan dan dikembalikan bila tidak dipakai lagi.",
                "partners": "Dinas Sosial Kota Semarang, BAZNAS Kota Semarang, YPAC Semarang, "
                "forum CSR Kota Semarang",
                "status": Initiative.Status.PLANNING,
                "gaps": list(gaps),
            },
        )

    def run(self) -> None:
        self.add_regions()
        self.add_directory()
        needs = []
        for prefix in ("bdg", "smg"):
            for case in self.open_cases(prefix):
                if self.rnd.random() > 0.6:
                    continue
                codes = self.terms_for(case)
                if not codes:
                    continue
                if self.rnd.random() < 0.85:
                    self.consent_referral(case)  # a few clients have not agreed yet
                for code in codes:
                    needs.append(self.add_need(case, code))
        # the holes in the directory, seen from the cases
        self.ensure_needs(
            "smg", "aksesibilitas.alat_bantu", 3, lambda c: "disabilitas" in c.ppks_categories
        )
        self.ensure_needs("bdg", "terapi.napza", 2, lambda c: 13 <= (c.age() or 0) <= 40)
        self.add_referrals(needs)
        for case in self.open_cases("bdg")[-3:] + self.open_cases("smg")[-3:]:
            self.consent_referral(case)
        self.cross_agency(
            "bdg",
            "LKS Anak Harapan (Semarang)",
            "keluarga.konseling",
            "Keluarga besar klien tinggal di Semarang; perlu konseling keluarga sebelum klien "
            "kembali diasuh kerabat.",
            "Keluarga inti klien tinggal di Kota Semarang. Mohon konseling keluarga jarak jauh "
            "dan asesmen kesiapan kerabat mengasuh.",
            [S.REQUESTED, S.IN_PROGRESS, S.COMPLETED],
        )
        self.cross_agency(
            "smg",
            "Dinas Sosial Kota Bandung – layanan antardaerah",
            "aksesibilitas.transportasi",
            "Klien berasal dari Kota Bandung dan ingin pulang; perlu pemulangan ke daerah asal.",
            "Klien warga Kota Bandung, telantar di Semarang. Mohon penjemputan dan pendampingan "
            "reintegrasi dengan keluarga di Bandung.",
            [S.REQUESTED, S.ACCEPTED, S.REJECTED],
        )
        self.add_initiative()


def seed(*, rnd: random.Random, fake, today) -> None:
    """Add the broker's demo data; the caller runs it once, in its transaction."""
    _Seeder(rnd, fake, today).run()
