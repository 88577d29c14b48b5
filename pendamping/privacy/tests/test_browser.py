"""The data protection officer in a real browser: a worker opens a client's file, the
officer sees it in the processing log, filters it by the client and downloads the CSV;
at 1280 and 390 px, in Indonesian and English. axe checks every page visited."""

import os
from pathlib import Path

from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.privacy.models import AccessRecord
from pendamping.tests.browser import every_language_and_width, set_password, sign_in

pytestmark = BROWSER_MARKS
SHOTS = os.environ.get("PDP_SHOTS_DIR")  # screenshots for a person to look at, when asked


def fits(page) -> bool:
    """The page is no wider than the window (a pixel's rounding allowed)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)
    assert fits(page), name


def test_the_officer_sees_who_opened_a_file(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    set_password(f.users["worker"], f.users["dpo"])
    page, url = browser_page, live_server.url

    sign_in(page, url, f.users["worker"])
    page.goto(f"{url}/clients/{f.client.pk}/")
    page.wait_for_selector(f"h1:has-text('{f.client.full_name}')")
    assert AccessRecord.objects.filter(what="client_detail").count() == 1

    sign_in(page, url, f.users["dpo"])
    page.click("header >> text=Pelindungan data")
    page.wait_for_selector("h1:has-text('Catatan pemrosesan data pribadi')")
    page.fill("#id_client_id", str(f.client.pk))
    page.click("button:has-text('Saring')")
    page.wait_for_selector("td >> text=client_detail")
    assert page.locator(f"td >> text={f.client.full_name}").count() >= 1
    pages = (("access-log", f"/privacy/access-log/?client_id={f.client.pk}"), ("home", "/"),
             ("settings", "/privacy/settings/"))  # fmt: skip
    for name, lang, width in every_language_and_width(page, url, pages, shots=SHOTS):
        assert fits(page), (name, lang, width)
    with page.expect_download() as download:
        page.goto(f"{url}/privacy/access-log/")
        page.click("text=Unduh CSV")  # Indonesian again after the loop
    assert "client_detail" in Path(download.value.path()).read_text(encoding="utf-8")
