"""The end of a programme in a real browser: the facilitator closes it on the
programme page and reads the programme's and the agency's indicators (table, chart,
band words). axe checks every page visited (browser_page). With SHOTS_DIR set, the
pages are also saved as screenshots at 1280 and 390 px in both languages."""

import os
from datetime import timedelta

from django.utils import timezone

from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.facilitator import indicators, services
from pendamping.facilitator.models import Completion
from pendamping.tests.browser import screenshots, set_password, sign_in

pytestmark = BROWSER_MARKS


def _shots(page, name):
    screenshots(page, os.environ.get("SHOTS_DIR"), name)


def test_closing_a_programme_and_reading_the_indicators(live_server, transactional_db,
                                                        browser_page):  # fmt: skip
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    worker = f.users["worker"]
    set_password(worker)
    today = timezone.localdate()
    prog = services.programme_save(
        actor=worker,
        data={"title": "Bimbingan mental spiritual", "kind": "terapi_mental_spiritual",
              "starts_on": today - timedelta(days=30), "ends_on": today, "modules": ["Sabar"]},
    )  # fmt: skip
    enrolment = services.enrol(actor=worker, programme=prog, case=f.case)
    for days in (3, 2, 1):
        s = services.session_schedule(actor=worker, programme=prog,
                                      starts_at=timezone.now() - timedelta(days=days))  # fmt: skip
        services.session_set_status(actor=worker, session=s, status="completed")
        services.attendance_record(actor=worker, session=s, statuses={
            enrolment.pk: "present" if days > 1 else "absent"})  # fmt: skip
    year = str(today.year)
    for name, num, den, target in (("Kehadiran", "attendance_present", "attendance_marked", 80),
                                   ("Peserta patuh", "compliant", "enrolled", 90),
                                   ("Sesi terlaksana", "sessions_held", "", 3)):  # fmt: skip
        indicators.indicator_save(actor=worker, programme=prog, data={
            "name": name, "numerator": num, "denominator": den, "period_type": "year",
            "factor": 100 if den else 1, "targets": {year: target}})  # fmt: skip
    page, url = browser_page, live_server.url

    sign_in(page, url, worker)
    page.goto(f"{url}/programmes/{prog.pk}/")
    page.check("#id_confirm")
    page.click("button:has-text('Tutup program')")
    page.wait_for_selector("text=Program ditutup pada")
    assert Completion.objects.get(enrolment=enrolment).status == "partially_completed"  # 2 of 3
    assert page.locator("text=Selesai sebagian").count() >= 1
    _shots(page, "programme-closed")
    page.goto(f"{url}/programmes/{prog.pk}/indicators/")
    page.wait_for_selector("svg.chart")
    assert page.locator(".badge.indicator-amber").count() >= 1  # 66.7 of 80: 0.83
    _shots(page, "indicators")
    page.click("text=Indikator lembaga")
    page.wait_for_selector("h1:has-text('Indikator lembaga')")
    assert page.locator("text=Sesuai target").count() >= 1  # 3 sessions of 3
    _shots(page, "agency-indicators")
    assert not [e for e in page.csp_errors if "Content Security Policy" in e], page.csp_errors
