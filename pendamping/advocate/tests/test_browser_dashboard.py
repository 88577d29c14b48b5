"""A real browser on the complaints dashboard's region breakdown: the table shows
district names, its link filters the list, and at 390 px the page does not run
sideways (the table scrolls inside itself), in Indonesian and English. axe-core checks
every page visited (the browser_page fixture); screenshots at 1280 and 390 px in both
languages go to /tmp/shots-adv/ when that folder exists."""

from pathlib import Path

import time_machine

from pendamping.clients.models import Region
from pendamping.conftest import BROWSER_MARKS

from .conftest import category, receive_group
from .test_services import at

pytestmark = BROWSER_MARKS
SHOTS = Path("/tmp/shots-adv")
PASSWORD = "sandi-rahasia-99"


def test_the_region_breakdown_reads_and_fits(live_server, transactional_db, world, browser_page):
    f = world.a
    cat = category(f)
    with time_machine.travel(at(2025, 5, 1, 9, 0), tick=False):
        receive_group(f, cat)  # Maleber, a village of Andir: breached by now
    receive_group(f, cat)
    receive_group(f, cat, region=Region.objects.get(code="32.73"))
    receive_group(f, cat, region=None)
    admin = f.users["admin"]
    admin.set_password(PASSWORD)
    admin.save()
    page = browser_page
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_selector("main h1")

    url = f"{base}/complaints/dashboard/"
    for lang, heading, unknown in (
        ("id", "Pengaduan terbuka menurut wilayah", "Wilayah belum dicatat"),
        ("en", "Open complaints by region", "Region not recorded"),
    ):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            section = page.locator("#by-region")
            assert heading in section.inner_text() and unknown in section.inner_text()
            assert "32.73" not in section.inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if SHOTS.is_dir():
                page.screenshot(path=str(SHOTS / f"dashboard-{lang}-{width}.png"), full_page=True)
    page.context.add_cookies([{"name": "django_language", "value": "id", "url": base}])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.click("#by-region >> text=Andir")
    page.wait_for_selector("main h1")
    assert "region=32.73.05" in page.url
    assert page.locator("main table tbody tr").count() == 2
