"""Demo cases in every stage, with notes (some restricted) and tasks (some overdue).

Every client of `demo.made["clients"]` but one in five gets a case; the cases are
left in `demo.made["cases"]` for the role modules' seeders.
"""

from datetime import timedelta

from pendamping.cases import services as case_services
from pendamping.cases.models import ClosureReason, ProgressNote, RiskLevel, Stage

PROBLEMS = [
    "Anak putus sekolah dan bekerja di jalan untuk membantu ekonomi keluarga.",
    "Lansia tinggal sendiri tanpa pendamping, kesulitan memenuhi kebutuhan sehari-hari.",
    "Korban kekerasan dalam rumah tangga, membutuhkan tempat aman dan pendampingan hukum.",
    "Penyandang disabilitas fisik belum memiliki alat bantu dan belum terdaftar DTKS.",
    "Keluarga miskin terancam penggusuran, anak-anak belum memiliki akta kelahiran.",
    "Remaja korban penyalahgunaan NAPZA, keluarga meminta rehabilitasi.",
    "Anak berhadapan dengan hukum, membutuhkan pendampingan selama proses diversi.",
    "Pekerja migran yang dipulangkan mengalami trauma dan kehilangan mata pencaharian.",
    "Ibu tunggal tanpa penghasilan tetap, anak balita kurang gizi.",
    "Gelandangan tanpa identitas kependudukan, membutuhkan tempat tinggal sementara.",
]
NOTES = [
    "Kunjungan ke rumah klien. Klien menyambut baik dan bersedia mengikuti proses pendampingan.",
    "Menghubungi keluarga klien lewat telepon untuk menjadwalkan pertemuan berikutnya.",
    "Klien datang ke kantor, menceritakan perkembangan sejak pertemuan terakhir.",
    "Konferensi kasus dengan puskesmas dan sekolah untuk menyepakati rencana intervensi.",
    "Supervisi: membahas hambatan dalam pendampingan dan langkah berikutnya.",
    "Membantu klien mengurus dokumen kependudukan di kantor kelurahan.",
    "Klien menunjukkan semangat baru setelah mengikuti kegiatan kelompok.",
]
TASKS = [
    "Kunjungan rumah lanjutan", "Koordinasi dengan kelurahan", "Antar klien ke puskesmas",
    "Siapkan bahan konferensi kasus", "Hubungi sekolah klien", "Periksa kelengkapan dokumen",
]  # fmt: skip


def seed(demo) -> None:
    made = demo.made.setdefault("cases", [])
    for row in demo.made.get("clients", []):
        case = _case(demo, row["client"], row["worker"], row["i"])
        if case is not None:
            made.append(case)
    # the daily check of overdue tasks, once, so that the inboxes are not empty
    case_services.tasks_overdue_notify(today=demo.today)


def _case(demo, client, worker, i):
    rnd, today = demo.rnd, demo.today
    if i % 5 == 4:
        return None  # some clients have no case yet
    case = case_services.case_open(
        actor=worker, client=client, presenting_problem=rnd.choice(PROBLEMS),
        risk_level=rnd.choice(RiskLevel.values), assigned_worker=worker,
    )  # fmt: skip
    target = i % len(Stage.values)
    for stage in Stage.values[1 : target + 1]:
        case_services.case_move_stage(
            actor=worker, case=case, to_stage=stage, expected_version=case.version
        )
    for k in range(rnd.randint(1, 4)):
        case_services.note_add(
            actor=worker, case=case,
            data={"kind": rnd.choice(ProgressNote.Kind.values), "practice_role": rnd.choice(ProgressNote.PracticeRole.values),
                  "confidentiality": "restricted" if k == 3 else "normal",
                  "occurred_on": today - timedelta(days=rnd.randint(0, 60)), "body": rnd.choice(NOTES)},
        )  # fmt: skip
    for _k in range(rnd.randint(0, 2)):
        case_services.task_add(
            actor=worker, case=case, title=rnd.choice(TASKS),
            due_date=today + timedelta(days=rnd.randint(-10, 20)), assignee=worker,
        )  # fmt: skip
    if target == len(Stage.values) - 1 and i % 2:
        case_services.case_close(
            actor=worker,
            case=case,
            reason=ClosureReason.GOALS_MET,
            expected_version=case.version,
            note="",
        )
    return case
