"""The instructors page in a real browser: the facilitator adds an external resource
person who points at a provider of the directory, and reads the list with the
provider's link. axe checks every page visited (browser_page); with SHOTS_DIR set,
screenshots at 1280 and 390 px in both languages."""

from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.facilitator.models import Instructor
from pendamping.tests.browser import set_password, sign_in

from .test_browser_end import _shots

pytestmark = BROWSER_MARKS


def test_adding_a_resource_person_from_the_directory(live_server, transactional_db,
                                                     browser_page):  # fmt: skip
    from pendamping.broker import services as broker_services

    make_regions()
    f = make_agency("a", "32.73.05", 1)
    worker = f.users["worker"]
    set_password(worker)
    org = broker_services.organization_save(
        actor=worker, data={"name": "Pesantren Al-Ikhlas", "description": "Pesantren"}
    )
    Instructor.objects.create(agency=f.agency, user=f.users["instructor"], name="Ustadz Ahmad")
    page, url = browser_page, live_server.url
    sign_in(page, url, worker)
    page.goto(f"{url}/programmes/")
    page.click("text=Daftar instruktur")
    page.wait_for_selector("h1:has-text('Daftar instruktur')")
    page.fill("#id_name", "Ibu Nyai Hasanah")
    page.fill("#id_organisation", "Pesantren Al-Ikhlas")
    page.fill("#id_expertise", "Tilawah dan tajwid")
    page.fill("#id_contact", "0812 3456 7890")
    page.select_option("#id_provider", str(org.pk))
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Instruktur disimpan.")
    assert Instructor.objects.get(name="Ibu Nyai Hasanah").provider_id == str(org.pk)
    link = page.locator("td a:has-text('Pesantren Al-Ikhlas')")
    assert link.get_attribute("href") == f"/directory/providers/{org.pk}/"
    _shots(page, "instructors")
    assert not [e for e in page.csp_errors if "Content Security Policy" in e], page.csp_errors
