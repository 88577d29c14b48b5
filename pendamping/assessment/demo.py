"""Demo assessments, scored instruments and ecomaps on some open cases (`manage.py demo`)."""

from datetime import timedelta

from pendamping.cases.models import Stage

from . import instruments, services

HEALTH = [
    "Tidak ada keluhan berat; tekanan darah normal saat diperiksa di puskesmas.",
    "Sering sakit kepala dan sulit tidur sejak peristiwa yang dialami.",
    "Kurang gizi ringan; berat badan di bawah normal untuk usianya.",
]
SPIRITUAL = [
    "Rutin beribadah bersama keluarga; merasa tenang setelah mengikuti pengajian.",
    "Jarang beribadah sejak masalah muncul, tetapi masih ingin kembali aktif.",
]
SUMMARIES = [
    "Klien membutuhkan pendampingan psikososial dan akses ke layanan dasar.",
    "Keluarga masih menjadi sumber dukungan utama; perlu penguatan ekonomi.",
    "Risiko berulang jika tidak ada tempat aman dan pemantauan rutin.",
]
SYSTEMS = [
    ("Ibu", "family", "strong", "both"),
    ("Puskesmas", "health", "moderate", "to_client"),
    ("Sekolah", "school", "tenuous", "to_client"),
    ("Tetangga", "friends", "moderate", "both"),
    ("Masjid / gereja", "religion", "strong", "to_client"),
    ("Tempat kerja", "work", "weak", "from_client"),
]


def seed(demo) -> None:
    rnd, today = demo.rnd, demo.today
    phq9 = instruments.get("phq9")
    for n, case in enumerate(demo.made.get("cases", [])):
        if not case.is_open or Stage.order(case.stage) < Stage.order(Stage.ASESMEN) or n % 2:
            continue
        worker = case.assigned_worker
        services.assessment_save(
            actor=worker,
            case=case,
            data={
                "assessed_on": today - timedelta(days=rnd.randint(5, 40)),
                "presenting_problem": case.presenting_problem,
                "health": rnd.choice(HEALTH),
                "spiritual": rnd.choice(SPIRITUAL),
                "strengths": "Klien terbuka dan keluarga mau terlibat.",
                "summary": rnd.choice(SUMMARIES),
            },
        )
        if phq9 is not None and n % 4 == 0:
            answers = {item.code: rnd.choice([0, 0, 1, 1, 2, 3]) for item in phq9.items}
            answers["q9"] = 0 if n % 12 else 1  # a few answers that need a safety check
            services.instrument_administer(
                actor=worker, case=case, instrument=phq9, answers=answers
            )
        if n % 6 == 0:
            chosen = rnd.sample(SYSTEMS, k=4)
            services.ecomap_save(
                actor=worker,
                case=case,
                systems=[
                    {
                        "name": name,
                        "category": cat,
                        "strength": strength,
                        "flow": flow,
                        "stressful": strength == "weak",
                    }
                    for name, cat, strength, flow in chosen
                ],
            )
