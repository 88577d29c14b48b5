"""Demo programmes (`manage.py demo`), through the services: a *bimbingan mental
spiritual* programme at the LKS (smg) and a sewing skills training at the Dinas Sosial
(bdg), each with its instructors, open cases enrolled, past sessions with attendance,
briefings, the instructor's record, participants' notes and progress notes, and
coming ones (one of them today, briefed); pre and post scores of the programme's
measures; two indicators with targets."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import indicators, measures, outcomes, services, steps
from .models import Instructor

PROGRAMMES = {
    "smg": {
        "title": "Bimbingan mental spiritual anak asuh",
        "kind": "terapi_mental_spiritual",
        "objectives": "Anak mengenal nilai agama, mengelola emosi dan membangun kebiasaan ibadah.",
        "location": "Mushola LKS",
        "modules": ["Mengenal diri dan Tuhan", "Sabar dan mengelola marah", "Syukur",
                    "Kejujuran", "Tanggung jawab", "Memaafkan"],
        "external": ("Ustadzah Nur Aini", "KUA Semarang Tengah", "Bimbingan agama"),
        "measures": ["spiritual_knowledge", "self_worth_attitude"],
        "briefing": ["preferred_name", "age", "literacy", "faith", "avoid", "note"],
    },
    "bdg": {
        "title": "Pelatihan keterampilan menjahit",
        "kind": "pelatihan_vokasional",
        "objectives": "Peserta mampu menjahit pakaian sederhana dan menerima pesanan.",
        "location": "Balai latihan kerja Dinas Sosial",
        "modules": ["Mengenal mesin jahit", "Mengukur dan membuat pola", "Memotong kain",
                    "Menjahit lurus dan obras", "Menjahit kemeja", "Menghitung harga jual"],
        "external": ("Ibu Yati Suryani", "Penjahit Yati", "Tata busana"),
        "measures": ["sewing_skills"],
        "briefing": ["preferred_name", "age", "literacy", "accessibility", "note"],
    },
}  # fmt: skip
PAST, COMING = 4, 3


def seed(demo) -> None:
    for prefix, spec in PROGRAMMES.items():
        if prefix in demo.agencies:
            _programme(demo, prefix, dict(spec))


def _programme(demo, prefix: str, spec: dict) -> None:
    rnd, today = demo.rnd, demo.today
    agency, users = demo.agencies[prefix], demo.users[prefix]
    worker = users["peksos1"]
    name, organisation, expertise = spec.pop("external")
    briefing_fields = spec.pop("briefing")
    programme = services.programme_save(
        actor=worker,
        data=spec | {"starts_on": today - timedelta(days=7 * PAST), "capacity": 8,
                     "ends_on": today + timedelta(days=7 * (COMING + 1)),
                     "facilitators": [worker, users["supervisor"]]},
    )  # fmt: skip
    inside = Instructor.objects.create(
        agency=agency, user=users["instruktur"], name=users["instruktur"].get_full_name()
    )
    outside = Instructor.objects.create(
        agency=agency, name=name, organisation=organisation, expertise=expertise
    )
    cases = [c for c in demo.made.get("cases", []) if c.agency_id == agency.pk and c.is_open]
    enrolments = []
    for case in cases[:10]:  # two more than the capacity: a waiting list
        enrolments.append(
            services.enrol(actor=case.assigned_worker, programme=programme, case=case)
        )
    taking_part = [e for e in enrolments if e.status == "enrolled"]
    modules = list(programme.modules.alive())
    tz = timezone.get_current_timezone()
    for week in range(-PAST, COMING):
        day = today + timedelta(days=7 * week)
        if week == 0:
            day = today  # one session today, for the home page
        session = services.session_schedule(
            actor=worker, programme=programme,
            starts_at=datetime.combine(day, time(9, 0), tzinfo=tz),
            module=modules[(week + PAST) % len(modules)],
            instructors=[outside if week % 2 else inside],
        )  # fmt: skip
        if week <= 0:
            _brief(worker, session, briefing_fields, taking_part, rnd)
        if week >= 0:
            continue
        services.session_set_status(actor=worker, session=session, status="completed")
        statuses = {}
        for e in taking_part:
            status = rnd.choices(["present", "late", "excused", "absent"], [70, 10, 12, 8])[0]
            statuses[e.pk] = {"status": status, "reason": "Sakit" if status == "excused" else ""}
        services.attendance_record(actor=worker, session=session, statuses=statuses)
        _steps(worker, users["instruktur"], session, taking_part, statuses, rnd)
    _scores(worker, programme, taking_part, rnd)
    _indicators(worker, programme)


def _indicators(worker, programme) -> None:
    """Two indicators with targets: monthly attendance and compliance by year."""
    months = indicators.periods(programme, "month")
    years = indicators.periods(programme, "year")
    indicators.indicator_save(actor=worker, programme=programme, data={
        "name": "Tingkat kehadiran (%)", "numerator": "attendance_present",
        "denominator": "attendance_marked", "factor": 100, "period_type": "month",
        "targets": dict.fromkeys(months, 85),
    })  # fmt: skip
    indicators.indicator_save(actor=worker, programme=programme, data={
        "name": "Peserta patuh (%)", "numerator": "compliant", "denominator": "enrolled",
        "factor": 100, "period_type": "year", "targets": dict.fromkeys(years, 80),
    })  # fmt: skip


LITERACY = ["Lancar membaca dan menulis", "Membaca pelan", "Belum lancar menulis"]
NOTES = [
    "Lebih nyaman duduk di depan",
    "Pemalu, beri kesempatan bicara",
    "Suka bercerita",
    "Mudah lelah setelah satu jam",
]
OBSERVED = ["", "", "Sulit berkonsentrasi", "Perlu diulang pelan-pelan"]
REFLECTIONS = [
    "Hari ini saya belajar untuk lebih sabar.",
    "Saya senang bisa mencoba sendiri.",
    "Saya ingin mengulang materi minggu depan.",
]
PROGRESS = ["Mulai aktif bertanya dan membantu teman.", "Masih ragu, tetapi hadir tepat waktu.",
            "Ada kemajuan yang jelas dibanding sesi lalu."]  # fmt: skip


def _brief(worker, session, fields, taking_part, rnd) -> None:
    entries = {
        e.pk: {"literacy": rnd.choice(LITERACY), "note": rnd.choice(NOTES),
               "faith": "Salat berjamaah" if "faith" in fields else "",
               "avoid": "Suara keras" if rnd.random() < 0.2 else "",
               "accessibility": "Kursi dengan sandaran" if rnd.random() < 0.2 else ""}
        for e in taking_part
    }  # fmt: skip
    steps.briefing_save(actor=worker, session=session, fields=fields, entries=entries)


def _steps(worker, teacher, session, taking_part, statuses, rnd) -> None:
    """Steps 2 to 4 of a past session: the instructor's record, a few participants'
    notes and the facilitator's progress notes."""
    present = [e for e in taking_part if statuses[e.pk]["status"] in ("present", "late")]
    steps.delivery_save(
        actor=teacher if session.instructors.filter(user=teacher).exists() else worker,
        session=session, topic=session.module.title, duration_minutes=rnd.choice([60, 90]),
        materials="Modul, papan tulis",
        observations={e.pk: {"attention": rnd.choice(["good", "good", "fair", "low"]),
                             "participation": rnd.choice(["good", "fair"]),
                             "difficulties": rnd.choice(OBSERVED)} for e in present},
    )  # fmt: skip
    for e in present[:3]:
        steps.participant_note_add(
            actor=worker, session=session, enrolment=e, text=rnd.choice(REFLECTIONS)
        )
    for e in present[:4]:
        if e.case.is_open:
            steps.progress_note_save(
                actor=worker, session=session, enrolment=e, body=rnd.choice(PROGRESS)
            )


def _scores(worker, programme, taking_part, rnd) -> None:
    """Pre scores for everyone, post scores for most (a gain to see)."""
    for code in programme.measures:
        measure = measures.get(code)
        for e in taking_part:
            for phase, lift in (("pre", 0.0), ("post", 0.35)):
                if phase == "post" and rnd.random() < 0.25:
                    continue
                answers = {}
                for item in measure.items:
                    options = [v for v, _label in measure.choices(item)]
                    good = item.get("correct") or (options[0] if item.get("reverse")
                                                   else options[-1] if code != "sewing_skills"
                                                   else "1")  # fmt: skip
                    answers[item["code"]] = (
                        good if rnd.random() < 0.35 + lift else rnd.choice(options)
                    )
                outcomes.score_record(actor=worker, enrolment=e, measure=code, phase=phase,
                                      answers=answers)  # fmt: skip
