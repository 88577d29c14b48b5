"""Demo complaints (`manage.py demo`), through the services, at the Dinas Sosial
(bdg) and the LKS (smg): categories with their SLAs, the agency's cuti bersama, a
group complaint from a village about bansos data errors, an anonymous complaint
about a panti, an individual complaint referred to a case, and complaints in every
SLA status (on track, at risk, breached and escalated, resolved in time)."""

from datetime import date, timedelta

from django.utils import timezone

from pendamping.clients.models import Region

from . import agency_settings, finding, services
from .escalation import escalate_due
from .models import Category

CUTI_BERSAMA = [  # SKB 3 Menteri for 2026 as the agency enters it (its own list)
    (date(2026, 3, 18), "Cuti bersama Nyepi"), (date(2026, 3, 20), "Cuti bersama Idul Fitri"),
    (date(2026, 3, 23), "Cuti bersama Idul Fitri"), (date(2026, 3, 24), "Cuti bersama Idul Fitri"),
    (date(2026, 12, 24), "Cuti bersama Natal"),
]  # fmt: skip


def seed(demo) -> None:
    for prefix in ("bdg", "smg"):
        if prefix in demo.agencies:
            _agency(demo, prefix)
    escalate_due()


def _categories(admin) -> dict[str, Category]:
    def add(name, parent=None, amount=72, unit="hours"):
        return agency_settings.category_save(
            actor=admin,
            data={"name": name, "parent": parent, "sla_amount": amount, "sla_unit": unit},
        )

    bansos = add("Bantuan sosial", amount=5, unit="working_days")
    panti = add("Layanan panti/LKS", amount=48)
    return {
        "bansos": bansos,
        "dtks": add("Data penerima (DTKS) salah", bansos, 5, "working_days"),
        "pkh": add("Penyaluran PKH terlambat", bansos, 72, "hours"),
        "panti": panti,
        "kekerasan": add("Perlakuan kasar di panti", panti, 24, "hours"),
        "layanan": add("Layanan Dinas Sosial"),
    }


def _agency(demo, prefix: str) -> None:
    users, now = demo.users[prefix], timezone.now()
    agency = demo.agencies[prefix]
    admin, worker, worker2 = users["admin"], users["peksos1"], users["peksos2"]
    for day, name in CUTI_BERSAMA:
        agency_settings.day_off_add(actor=admin, day=day, name=name)
    cats = _categories(admin)
    villages = list(Region.objects.filter(code__startswith=agency.region_code or "-", level=4)[:3])
    village = villages[0] if villages else None

    def receive(hours_ago, **data):
        data = {"channel": "walk_in", "severity": "medium", "sensitivity": "standard",
                "received_at": now - timedelta(hours=hours_ago)} | data  # fmt: skip
        return services.complaint_receive(
            actor=data.pop("actor", worker),
            data=data,
            cosigners=data.pop("cosigners", None),
            anonymous_contact=data.pop("contact", ""),
        )[0]

    # 1. a village's group complaint about bansos data errors (working-day SLA)
    group = receive(
        30, complainant_kind="group", category=cats["dtks"], region=village, severity="high",
        complainant_name=demo.fake.name(), complainant_contact=demo.fake.phone_number()[:20],
        group_name=f"Warga {village.name if village else 'RW 05'}",
        mandate="Berita acara musyawarah warga RW 05 menunjuk ketua RW sebagai wakil.",
        mandate_on=demo.today - timedelta(days=3),
        subject="Puluhan keluarga miskin tidak masuk DTKS",
        description="Sejak pemutakhiran data, 34 keluarga prasejahtera tidak lagi menerima bansos "
        "sembako, sementara beberapa keluarga mampu masih terdaftar.",
        obstacles="Warga tidak tahu cara mengajukan usulan perbaikan data; operator desa menolak.",
        wanted_resolution="Data diverifikasi ulang dan keluarga yang layak diusulkan kembali.",
        cosigners=[{"name": demo.fake.name(), "consent_given": True} for _ in range(4)],
    )  # fmt: skip
    services.complaint_move_stage(actor=worker, complaint=group, to_stage="in_progress",
                                  reason="Verifikasi data bersama operator desa",
                                  expected_version=group.version)  # fmt: skip
    lbh = finding.expert_save(actor=worker, data={
        "name": "LBH Bandung" if prefix == "bdg" else "LBH Semarang", "organisation": "YLBHI", "fields": ["legal_aid", "paralegal"],
        "languages": "Indonesia, Sunda", "contact": "022-0000-000"})  # fmt: skip
    finding.expert_save(actor=worker, data={
        "name": "Ombudsman RI Perwakilan " + ("Jawa Barat" if prefix == "bdg" else "Jawa Tengah"), "fields": ["ombudsman"],
        "languages": "Indonesia"})  # fmt: skip
    finding.alternative_add(actor=worker, complaint=group, data={
        "title": "Usulan perbaikan data lewat musyawarah desa", "benefits": "Cepat, tanpa biaya",
        "drawbacks": "Bergantung pada kemauan operator desa", "feasibility": "high",
        "cost": "Tanpa biaya", "risk": "Warga berhadapan langsung dengan perangkat desa"})  # fmt: skip
    chosen = finding.alternative_add(actor=worker, complaint=group, data={
        "title": "Laporan ke SP4N-LAPOR!", "benefits": "Ada batas waktu resmi dan tercatat",
        "drawbacks": "Butuh waktu beberapa minggu", "feasibility": "medium",
        "cost": "Tanpa biaya", "risk": "Rendah"})  # fmt: skip
    finding.alternative_set_status(actor=worker, alternative=chosen, status="chosen",
                                   note="Operator desa menolak usulan warga; perlu jalur resmi.",
                                   expected_version=chosen.version)  # fmt: skip
    finding.consultation_add(actor=worker, complaint=group, data={
        "expert": lbh, "asked_on": demo.today - timedelta(days=1),
        "question": "Apakah warga dapat menggugat penghapusan dari DTKS?",
        "advice": "Tempuh pengaduan administratif lebih dulu (SP4N-LAPOR!, lalu Ombudsman)."})  # fmt: skip
    finding.filing_add(actor=worker, complaint=group, data={
        "body": "sp4n_lapor", "filed_on": demo.today - timedelta(days=1),
        "channel": "lapor.go.id", "their_number": f"LAP-{demo.rnd.randint(1000000, 9999999)}"})  # fmt: skip
    # 2. an anonymous complaint about a panti (24 h: already at risk)
    receive(
        20, complainant_kind="anonymous", category=cats["kekerasan"], channel="sms_whatsapp",
        severity="critical", sensitivity="highly_sensitive", contact="WhatsApp 0812-0000-1234",
        subject="Anak asuh dibentak dan dihukum berdiri", region=village,
        description="Pengirim pesan melihat pengasuh menghukum anak berdiri berjam-jam.",
    )  # fmt: skip
    # 3. an individual complaint referred to a case
    cases = [c for c in demo.made.get("cases", []) if c.agency_id == agency.pk and c.is_open]
    if cases:
        case = cases[0]
        single = receive(
            50, complainant_kind="individual", client=case.client, category=cats["pkh"],
            assigned_worker=case.assigned_worker, actor=case.assigned_worker, channel="phone",
            subject="Bantuan PKH tiga bulan tidak cair",
            description="Klien tidak menerima PKH sejak tiga bulan, kartunya terblokir.",
            wanted_resolution="Kartu dibuka kembali dan bantuan dibayarkan.",
        )  # fmt: skip
        services.complaint_decide(actor=case.assigned_worker, complaint=single,
                                  decision="referred_to_case", case=case,
                                  reason="Perlu pendampingan kasus: keluarga juga menunggak sewa.",
                                  expected_version=single.version)  # fmt: skip
    # 4. every SLA status: on track, breached (tier 1), long breached (tier 2), met
    receive(2, complainant_kind="community", category=cats["layanan"], complainant_name=demo.fake.name(),
            group_name="Paguyuban pedagang pasar", subject="Antrean layanan terlalu lama",
            description="Pedagang menunggu seharian untuk surat keterangan tidak mampu.")  # fmt: skip
    receive(80, complainant_kind="community", category=cats["layanan"], actor=worker2,
            complainant_name=demo.fake.name(), group_name="Karang Taruna", channel="email",
            subject="Pengaduan lewat surel tidak dibalas",
            description="Tiga surel tentang program pemuda tidak mendapat jawaban.")  # fmt: skip
    receive(200, complainant_kind="anonymous", category=cats["panti"], channel="letter",
            subject="Makanan di panti kurang", description="Surat tanpa nama dari wali anak asuh.")  # fmt: skip
    met = receive(60, complainant_kind="community", category=cats["layanan"],
                  complainant_name=demo.fake.name(), group_name="Warga RT 02",
                  subject="Informasi jadwal penyaluran", description="Warga bertanya jadwal.")  # fmt: skip
    services.complaint_decide(actor=worker, complaint=met, decision="upheld",
                              reason="Jadwal diumumkan di balai desa.",
                              expected_version=met.version)  # fmt: skip
    finding.feedback_add(
        actor=worker,
        complaint=met,
        satisfaction=4,
        comment="Jelas, tapi sebaiknya diumumkan lebih awal.",
    )
