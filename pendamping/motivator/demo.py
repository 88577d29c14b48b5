"""Demo goals with Goal Attainment Scaling, reviews, motivation check-ins and action
steps on cases in intervention or later (`manage.py demo`)."""

from datetime import timedelta

from pendamping.cases.models import Stage

from . import services

GOALS = [
    {
        "statement": "Klien bekerja kembali dengan penghasilan tetap",
        "level_minus_2": "Tidak mencari pekerjaan sama sekali",
        "level_minus_1": "Mencari kerja tetapi belum melamar",
        "level_0": "Bekerja paruh waktu",
        "level_plus_1": "Bekerja penuh waktu",
        "level_plus_2": "Bekerja penuh waktu dan menabung tiap bulan",
    },
    {
        "statement": "Anak kembali bersekolah secara teratur",
        "level_minus_2": "Tidak bersekolah",
        "level_minus_1": "Terdaftar tetapi sering bolos",
        "level_0": "Hadir minimal 80% hari sekolah",
        "level_plus_1": "Hadir penuh sebulan",
        "level_plus_2": "Hadir penuh dan nilai naik",
    },
    {
        "statement": "Klien mengurus dokumen kependudukan sendiri",
        "level_minus_2": "Belum punya dokumen dan tidak berniat mengurus",
        "level_minus_1": "Mengumpulkan syarat dengan bantuan penuh",
        "level_0": "Mengajukan KTP dan KK dengan pendampingan",
        "level_plus_1": "Mengajukan sendiri",
        "level_plus_2": "Membantu anggota keluarga lain mengurus dokumen",
    },
]
STEPS = [
    ("Menelepon bengkel yang membuka lowongan", "Takut ditolak"),
    ("Datang ke kelurahan untuk menanyakan syarat KK", "Malu karena belum lengkap"),
    ("Mengantar anak ke sekolah setiap pagi selama seminggu", "Kehilangan jam kerja"),
]


def seed(demo) -> None:
    rnd, today = demo.rnd, demo.today
    for n, case in enumerate(demo.made.get("cases", [])):
        if not case.is_open or Stage.order(case.stage) < Stage.order(Stage.INTERVENSI):
            continue
        worker = case.assigned_worker
        for k, goal_data in enumerate(rnd.sample(GOALS, k=rnd.randint(1, 2))):
            goal = services.goal_add(
                actor=worker,
                case=case,
                data=goal_data
                | {
                    "weight": 1 + k,
                    "baseline_level": -2,
                    "target_date": today + timedelta(days=60),
                },
            )
            for days_ago, level in ((30, -1), (7, rnd.choice([-1, 0, 0, 1]))):
                services.goal_review(
                    actor=worker,
                    goal=goal,
                    level=level,
                    reviewed_on=today - timedelta(days=days_ago),
                )
        services.checkin_add(
            actor=worker, case=case, intention=rnd.randint(5, 10), determination=rnd.randint(3, 9),
            spirit=rnd.randint(4, 10), importance=rnd.randint(6, 10), confidence=rnd.randint(2, 8),
            why_not_lower="Ingin anak-anak melihat saya berhasil",
            checked_on=today - timedelta(days=rnd.randint(0, 14)),
        )  # fmt: skip
        step_text, risk = STEPS[n % len(STEPS)]
        step = services.action_step_add(actor=worker, case=case, step=step_text, risk=risk)
        if n % 2 == 0:
            services.action_step_record_outcome(
                actor=worker, step=step, outcome="Berhasil; diminta datang lagi minggu depan.",
                expected_version=step.version, is_breakthrough=n % 4 == 0,
            )  # fmt: skip
