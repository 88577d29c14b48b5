"""The admin approves an erasure from the retention list in a real browser; the list,
the rules and the approval page at 1280 and 390 px, in Indonesian and English
(screenshots when PDP_SHOTS_DIR is set). axe checks every page visited."""

from datetime import timedelta

from django.utils import timezone

from pendamping.cases import services as case_services
from pendamping.cases.models import Case
from pendamping.clients.models import Client
from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.privacy.models import Erasure
from pendamping.privacy.tests.test_browser import SHOTS, fits
from pendamping.tests.browser import every_language_and_width, set_password, sign_in

pytestmark = BROWSER_MARKS


def test_the_admin_approves_an_erasure_from_the_list(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    set_password(f.users["admin"])
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip
    Case.objects.filter(pk=f.case.pk).update(closed_at=timezone.now() - timedelta(days=2500))
    other = Client.objects.create(agency=f.agency, kind="individual", full_name="Dewi Lestari",
                                  registered_by=f.users["worker"])  # fmt: skip
    Client.objects.filter(pk=other.pk).update(created_at=timezone.now() - timedelta(days=2500))
    held = Client.objects.create(agency=f.agency, kind="individual", full_name="Ani Wijaya",
                                 registered_by=f.users["worker"])  # fmt: skip
    case_services.case_open(actor=f.users["worker"], client=held, presenting_problem="Ekonomi")
    page, url = browser_page, live_server.url
    sign_in(page, url, f.users["admin"])
    page.click("header >> text=Retensi dan penghapusan")
    page.wait_for_selector("h1:has-text('Retensi dan penghapusan')")
    pages = (("retention", "/privacy/retention/"),
             ("anonymise", f"/privacy/clients/{other.pk}/anonymise/"),
             ("anonymise-held", f"/privacy/clients/{held.pk}/anonymise/"))  # fmt: skip
    for name, lang, width in every_language_and_width(page, url, pages, shots=SHOTS):
        assert fits(page), (name, lang, width)
    page.goto(f"{url}/privacy/retention/")
    page.click(f"a[href='/privacy/clients/{other.pk}/anonymise/']")
    page.select_option("#id_reason", "retention_ended")
    page.fill("#id_note", "Jadwal retensi lembaga")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(f"text=Klien #{other.pk} telah dianonimkan.")
    assert Erasure.objects.get().client_id == other.pk
    assert Client.objects.get(pk=other.pk).full_name == f"ANONIM-{other.pk:06d}"
    assert page.locator("text=Dewi Lestari").count() == 0
