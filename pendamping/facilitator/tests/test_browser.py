"""One session in a real browser, from the briefing to the progress note: the
facilitator prepares the briefing, the instructor reads it on their phone, takes
attendance and records the session, the facilitator adds the participant's note and
the progress note. axe checks every page visited (browser_page)."""

from django.utils import timezone

from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.facilitator import services
from pendamping.facilitator.models import Instructor, InstructorRecord, ProgressNote
from pendamping.tests.browser import set_password, sign_in

pytestmark = BROWSER_MARKS


def test_one_session_from_briefing_to_progress_note(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    set_password(f.users["worker"], f.users["instructor"])
    worker = f.users["worker"]
    today = timezone.localdate()
    prog = services.programme_save(
        actor=worker,
        data={"title": "Bimbingan mental spiritual", "kind": "terapi_mental_spiritual",
              "starts_on": today, "ends_on": today, "modules": ["Sabar"]},
    )  # fmt: skip
    teacher = Instructor.objects.create(agency=f.agency, user=f.users["instructor"], name="Ustadz")
    session = services.session_schedule(
        actor=worker, programme=prog, starts_at=timezone.now(), instructors=[teacher],
        module=prog.modules.first(),
    )  # fmt: skip
    enrolment = services.enrol(actor=worker, programme=prog, case=f.case)
    page, url = browser_page, live_server.url

    sign_in(page, url, worker)
    page.goto(f"{url}/sessions/{session.pk}/")
    page.click("text=Siapkan briefing")
    page.check("input[name=fields_][value=literacy]")
    page.fill(f"#id_literacy_{enrolment.pk}", "Belum lancar membaca")
    page.click("button:has-text('Simpan briefing')")
    page.wait_for_selector("h1:has-text('Briefing instruktur')")
    assert page.locator("text=Belum lancar membaca").count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, url, f.users["instructor"])
    page.goto(f"{url}/sessions/{session.pk}/")
    page.click("text=Briefing instruktur")
    page.wait_for_selector("text=Belum lancar membaca")
    assert page.locator(f"text={f.client.nik}").count() == 0
    page.goto(f"{url}/sessions/{session.pk}/")
    page.check(f"input[name=status_{enrolment.pk}][value=present]")
    page.click("button:has-text('Simpan daftar hadir')")
    page.wait_for_selector("text=Daftar hadir disimpan")
    page.fill("#id_topic", "Sabar menghadapi cobaan")
    page.fill("#id_duration_minutes", "60")
    page.select_option(f"#id_attention_{enrolment.pk}", "good")
    page.click("button:has-text('Simpan catatan instruktur')")
    page.wait_for_selector("text=Catatan instruktur disimpan")
    assert InstructorRecord.objects.get(session=session).topic == "Sabar menghadapi cobaan"

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, url, worker)
    page.goto(f"{url}/sessions/{session.pk}/")
    page.click("text=Catatan peserta dan perkembangan")
    page.fill("#id_text", "Saya belajar untuk tidak marah")
    page.click("button:has-text('Simpan catatan peserta')")
    page.wait_for_selector("text=Saya belajar untuk tidak marah")
    page.fill("#id_body", "Mulai tenang dan berani bertanya")
    page.click("button:has-text('Simpan catatan perkembangan')")
    page.wait_for_selector("text=Catatan perkembangan disimpan")
    assert ProgressNote.objects.get(enrolment=enrolment).body.startswith("Mulai tenang")
    page.goto(f"{url}/cases/{f.case.pk}/")
    page.wait_for_selector("text=Catatan perkembangan program")
    assert not [e for e in page.csp_errors if "Content Security Policy" in e], page.csp_errors
