"""Demo programmes (`manage.py demo`), through the services: a *bimbingan mental
spiritual* programme at the LKS (smg) and a sewing skills training at the Dinas Sosial
(bdg), each with its instructors, open cases enrolled, past sessions with attendance
and coming ones (one of them today)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import services
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
    },
    "bdg": {
        "title": "Pelatihan keterampilan menjahit",
        "kind": "pelatihan_vokasional",
        "objectives": "Peserta mampu menjahit pakaian sederhana dan menerima pesanan.",
        "location": "Balai latihan kerja Dinas Sosial",
        "modules": ["Mengenal mesin jahit", "Mengukur dan membuat pola", "Memotong kain",
                    "Menjahit lurus dan obras", "Menjahit kemeja", "Menghitung harga jual"],
        "external": ("Ibu Yati Suryani", "Penjahit Yati", "Tata busana"),
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
        if week >= 0:
            continue
        services.session_set_status(actor=worker, session=session, status="completed")
        statuses = {}
        for e in taking_part:
            status = rnd.choices(["present", "late", "excused", "absent"], [70, 10, 12, 8])[0]
            statuses[e.pk] = {"status": status, "reason": "Sakit" if status == "excused" else ""}
        services.attendance_record(actor=worker, session=session, statuses=statuses)
