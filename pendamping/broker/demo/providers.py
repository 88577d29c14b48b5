"""What the demo's providers offer: `Svc` and `Org`, and the kinds of provider.

Opening hours, required documents and PPKS groups used across the directory; one
function per kind of provider (Dinas Sosial, Dukcapil, UPTD PPA, Puspaga, BAZNAS,
LAZ, puskesmas, hospital, legal aid, job training, places of worship, schools)
giving its `Org` with its services for a regency or district.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import time

from ..models import Capacity
from .places import DISTRICTS, REGENCIES, regency_name

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
