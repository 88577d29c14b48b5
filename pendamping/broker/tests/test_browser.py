"""One real browser through the broker: record a need, see the matches, refer, print.

Playwright drives Debian's Chromium (/usr/bin/chromium), headless (`browser_page`
in pendamping/conftest.py).
"""

from pendamping.broker import services
from pendamping.broker.tests.conftest import HOME, add_location, add_service
from pendamping.clients.models import Client
from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.taxonomy import terms as taxonomy
from pendamping.tests.browser import set_password, sign_in

pytestmark = BROWSER_MARKS


def test_worker_records_a_need_and_refers_the_client(live_server, transactional_db, browser_page):
    make_regions()
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    f = make_agency("a", "32.73.05", 9)
    worker = f.users["worker"]
    set_password(worker)
    Client.objects.filter(pk=f.client.pk).update(latitude=HOME[0], longitude=HOME[1])
    org = services.organization_save(
        actor=worker, data={"name": "LBH Bandung", "description": "LBH"}
    )
    loc = add_location(worker, org, "Kantor LBH", -6.9120, 107.5790)
    add_service(
        worker, org, "Pendampingan hukum gratis", ["aksesibilitas.bantuan_hukum"], locations=[loc]
    )

    page = browser_page
    sign_in(page, live_server.url, worker)

    page.goto(f"{live_server.url}/cases/{f.case.pk}/")
    page.click("#needs summary")
    page.select_option("#needs #id_term", label="— Bantuan hukum")
    page.fill("#needs #id_description", "Butuh pendamping hukum untuk sidang perceraian")
    page.click("#needs button[type=submit]")
    page.wait_for_selector("h2:has-text('Layanan yang cocok')")
    assert page.locator(".suggestion >> text=Pendampingan hukum gratis").count() == 1
    assert page.locator(".suggestion >> text=sama persis").count() == 1

    page.click(".suggestion summary")
    page.fill(".suggestion #id_note_for_receiver", "Mohon jadwal konsultasi minggu ini")
    page.click(".suggestion button[type=submit]")
    page.wait_for_selector("h1:has-text('Rujukan R-')")
    assert page.locator("h1:has-text('Dikirim')").count() == 1

    page.click("text=Surat rujukan")
    # the official form: Nomor, Lampiran, Perihal (accounts/letterhead.py, issue 17)
    page.wait_for_selector("text=Rujukan klien untuk layanan")
    assert page.locator("text=Mohon jadwal konsultasi minggu ini").count() == 1
    assert not [e for e in page.csp_errors if "Content Security Policy" in e], page.csp_errors
