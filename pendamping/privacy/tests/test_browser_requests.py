"""The officer records a client's access request in a real browser, sees its clock on
the register and on the home page, answers it; at 1280 and 390 px, in Indonesian and
English (screenshots when PDP_SHOTS_DIR is set). axe checks every page visited."""

from datetime import timedelta

from django.utils import timezone

from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.privacy import fulfil, requests
from pendamping.privacy.models import SubjectRequest
from pendamping.privacy.tests.test_browser import SHOTS, fits
from pendamping.tests.browser import every_language_and_width, set_password, sign_in

pytestmark = BROWSER_MARKS


def test_the_officer_records_and_answers_a_request(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    set_password(f.users["dpo"])
    late = requests.request_record(
        actor=f.users["dpo"], client_id=f.client.pk, kind="erasure", requested_by="guardian",
        identity_check="guardian_proof", received_at=timezone.now() - timedelta(hours=70),
    )  # fmt: skip
    page, url = browser_page, live_server.url
    sign_in(page, url, f.users["dpo"])
    page.wait_for_selector("#subject-requests >> text=Penghapusan")
    page.click("header >> text=Permintaan subjek data")
    page.click("text=Catat permintaan")
    page.fill("#id_client_id", str(f.client.pk))
    page.select_option("#id_kind", "access")
    page.select_option("#id_identity_check", "ktp")
    page.fill("#id_details", "Meminta salinan berkas")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("h1:has-text('Akses dan salinan')")
    made = SubjectRequest.objects.exclude(pk=late.pk).get()
    assert made.identity_check == "ktp" and made.received_by == f.users["dpo"]
    # the package holds case content: the officer is told the admin opens it
    assert page.locator("text=Paket PDF").count() == 0
    assert page.locator("text=admin lembaga yang membuka").count() == 1
    pages = (("requests", "/privacy/requests/"), ("home", "/"),
             ("request", f"/privacy/requests/{made.pk}/"), ("request-new", "/privacy/requests/new/"))  # fmt: skip
    for name, lang, width in every_language_and_width(page, url, pages, shots=SHOTS):
        assert fits(page), (name, lang, width)
    # an access request is answered only once the admin has released its package (the
    # refusal before it: test_requests.py; a POST's URL cannot be revisited by axe)
    fulfil.package_release(actor=f.users["admin"], request=made)
    page.goto(f"{url}/privacy/requests/{made.pk}/")
    page.select_option("#id_status", "completed")
    page.fill("#id_response", "Package handed over")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("text=Package handed over")
    made.refresh_from_db()
    assert made.status == "completed"
