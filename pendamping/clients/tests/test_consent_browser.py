"""Recording a verbal consent on the client's page in a real browser (the htmx form),
then the same consent again: the warning and its confirmation appear in place. axe
checks every page visited. Set ``SHOTS_DIR`` to keep screenshots (1280 and 390 px,
id and en)."""

import os

from pendamping.clients.models import Consent
from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.tests.browser import scroll_width, set_language, set_password, sign_in

pytestmark = BROWSER_MARKS


def _shot(page, name):
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _record(page, *, purpose, witness):
    form = page.locator("form[action$='/consents/']")
    form.locator("select[name=purpose]").select_option(purpose)
    form.locator("select[name=method]").select_option("verbal")
    form.locator("input[name=data_categories][value=identity]").check()
    form.locator("input[name=data_categories][value=health]").check()
    form.locator("input[name=witness_name]").fill(witness)
    form.locator("input[name=given_on]").fill("2026-01-05")
    form.locator("button[type=submit]").click()


def test_verbal_consent_and_the_repeat_warning(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 9)
    worker = f.users["worker"]
    set_password(worker)
    page = browser_page
    sign_in(page, live_server.url, worker)
    url = f"{live_server.url}/clients/{f.client.pk}/"
    for lang, purpose, confirm in (("id", "case_management", "Saya sudah memeriksa"),
                                   ("en", "photo", "I have checked")):  # fmt: skip
        if lang == "en":
            set_language(page, live_server.url, "en")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        page.click(
            "summary:has-text('%s')" % ("Catat persetujuan" if lang == "id" else "Record consent")
        )
        _shot(page, f"consent-form-1280-{lang}")
        _record(page, purpose=purpose, witness=f"Pak RT {lang}")
        page.wait_for_selector(f"text=Pak RT {lang}")
        assert (
            Consent.objects.filter(client=f.client, purpose=purpose, method="verbal").count() == 1
        )
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(url)
        page.click(
            "summary:has-text('%s')" % ("Catat persetujuan" if lang == "id" else "Record consent")
        )
        _record(page, purpose=purpose, witness=f"Bu Lurah {lang}")
        page.wait_for_selector(f"label:has-text('{confirm}')")
        _shot(page, f"consent-repeat-390-{lang}")
        assert scroll_width(page) <= 390
        page.locator("input[name=confirm_repeat]").check()
        page.locator("form[action$='/consents/'] button[type=submit]").click()
        page.wait_for_selector(f"text=Bu Lurah {lang}")
        assert Consent.objects.filter(client=f.client, purpose=purpose).count() == 2
        _shot(page, f"consent-list-390-{lang}")
