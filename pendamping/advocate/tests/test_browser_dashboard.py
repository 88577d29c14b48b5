"""A real browser on the complaints dashboard's region breakdown: the table shows
district names, its link filters the list, and at 390 px the page does not run
sideways (the table scrolls inside itself), in Indonesian and English. axe-core checks
every page visited (the browser_page fixture); screenshots at 1280 and 390 px in both
languages go to /tmp/shots-adv/ when that folder exists."""

from pathlib import Path

import time_machine

from pendamping.clients.models import Region
from pendamping.conftest import BROWSER_MARKS
from pendamping.tests.browser import every_language_and_width, scroll_width, set_password, sign_in

from .conftest import category, receive_group
from .test_services import at

pytestmark = BROWSER_MARKS
SHOTS = Path("/tmp/shots-adv")


def test_the_region_breakdown_reads_and_fits(live_server, transactional_db, world, browser_page):
    f = world.a
    cat = category(f)
    with time_machine.travel(at(2025, 5, 1, 9, 0), tick=False):
        receive_group(f, cat)  # Maleber, a village of Andir: breached by now
    receive_group(f, cat)
    receive_group(f, cat, region=Region.objects.get(code="32.73"))
    receive_group(f, cat, region=None)
    admin = f.users["admin"]
    set_password(admin)
    page, base = browser_page, live_server.url
    sign_in(page, base, admin)

    words = {"id": ("Pengaduan terbuka menurut wilayah", "Wilayah belum dicatat"),
             "en": ("Open complaints by region", "Region not recorded")}  # fmt: skip
    shots = SHOTS if SHOTS.is_dir() else None
    pages = [("dashboard", "/complaints/dashboard/")]
    for _, lang, width in every_language_and_width(page, base, pages, shots=shots):
        heading, unknown = words[lang]
        section = page.locator("#by-region")
        assert heading in section.inner_text() and unknown in section.inner_text()
        assert "32.73" not in section.inner_text()
        assert scroll_width(page) <= width
    page.goto(f"{base}/complaints/dashboard/")
    page.click("#by-region >> text=Andir")
    page.wait_for_selector("main h1")
    assert "region=32.73.05" in page.url
    assert page.locator("main table tbody tr").count() == 2
