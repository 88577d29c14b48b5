"""Helpers for the facilitator tests: a programme of agency A with participants."""

from datetime import timedelta

from django.utils import timezone

from pendamping.cases import services as case_services
from pendamping.clients import services as client_services
from pendamping.facilitator import services


def programme(f, *, capacity=10, compliant="0.80", partial="0.50", title="Bimbingan spiritual"):
    today = timezone.localdate()
    return services.programme_save(
        actor=f.users["worker"],
        data={"title": title, "kind": "terapi_mental_spiritual", "starts_on": today,
              "ends_on": today + timedelta(days=60), "capacity": capacity,
              "compliant_share": compliant, "partial_share": partial,
              "modules": ["Doa", "Sabar", "Syukur"]},
    )  # fmt: skip


def another_case(f, name="Budi Santoso", nickname=""):
    worker = f.users["worker"]
    client = client_services.client_register(
        actor=worker,
        data={
            "kind": "individual",
            "full_name": name,
            "nickname": nickname,
            "sex": "M",
            "estimated_age": 15,
        },
    )
    return case_services.case_open(actor=worker, client=client, presenting_problem="Putus sekolah")


def held(f, prog, n, **kw):
    """n completed sessions of the programme, a day apart, oldest first."""
    out = []
    for i in range(n):
        s = services.session_schedule(
            actor=f.users["worker"], programme=prog,
            starts_at=timezone.now() - timedelta(days=n - i), **kw,
        )  # fmt: skip
        services.session_set_status(actor=f.users["worker"], session=s, status="completed")
        s.refresh_from_db()
        out.append(s)
    return out


def mark(f, session, statuses):
    return services.attendance_record(actor=f.users["worker"], session=session, statuses=statuses)
