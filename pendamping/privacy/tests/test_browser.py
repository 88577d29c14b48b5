"""The data protection officer in a real browser: a worker opens a client's file, the
officer sees it in the processing log, filters it by the client and downloads the CSV;
at 1280 and 390 px, in Indonesian and English. axe checks every page visited."""

import os
from pathlib import Path

from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.privacy.models import AccessRecord

pytestmark = BROWSER_MARKS
PASSWORD = "sandi-rahasia-99"
SHOTS = os.environ.get("PDP_SHOTS_DIR")  # screenshots for a person to look at, when asked


def _login(page, url, user):
    page.context.clear_cookies()
    page.goto(f"{url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit].primary")
    page.wait_for_selector("h1")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name


def test_the_officer_sees_who_opened_a_file(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    for key in ("worker", "dpo"):
        f.users[key].set_password(PASSWORD)
        f.users[key].save()
    page, url = browser_page, live_server.url

    _login(page, url, f.users["worker"])
    page.goto(f"{url}/clients/{f.client.pk}/")
    page.wait_for_selector(f"h1:has-text('{f.client.full_name}')")
    assert AccessRecord.objects.filter(what="client_detail").count() == 1

    _login(page, url, f.users["dpo"])
    page.click("header >> text=Pelindungan data")
    page.wait_for_selector("h1:has-text('Catatan pemrosesan data pribadi')")
    page.fill("#id_client_id", str(f.client.pk))
    page.click("button:has-text('Saring')")
    page.wait_for_selector("td >> text=client_detail")
    assert page.locator(f"td >> text={f.client.full_name}").count() >= 1
    for lang in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": url}])
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{url}/privacy/access-log/?client_id={f.client.pk}")
            _shot(page, f"access-log-{lang}-{width}")
            page.goto(f"{url}/")
            _shot(page, f"home-{lang}-{width}")
            page.goto(f"{url}/privacy/settings/")
            _shot(page, f"settings-{lang}-{width}")
    with page.expect_download() as download:
        page.goto(f"{url}/privacy/access-log/")
        page.click("text=Download CSV")
    assert "client_detail" in Path(download.value.path()).read_text(encoding="utf-8")
