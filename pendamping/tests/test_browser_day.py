"""The worker's day in a real browser: the agenda (week, day, navigation) and the
header's search, with Back showing the results again (defect 7) for the header's
search and the client list's live (htmx) search. axe checks every page visited.

Set ``SHOTS_DIR`` to keep screenshots (1280 and 390 px, id and en)."""

import datetime
import os

from django.utils import timezone

from pendamping.cases import services
from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.tests.browser import scroll_width, set_language, set_password, sign_in

pytestmark = BROWSER_MARKS


def _shot(page, name):
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_agenda_and_search_for_anything(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 9)
    worker = f.users["worker"]
    set_password(worker)
    today = timezone.localdate()
    services.task_add(
        actor=worker, case=f.case, title="Kunjungan rumah", due_date=today, assignee=worker,
        due_time=datetime.time(9, 30), place="Rumah klien, Jl. Melati 3",
    )  # fmt: skip
    page = browser_page
    sign_in(page, live_server.url, worker)

    # the agenda from the main navigation
    page.click("nav.mainnav >> text=Agenda")
    page.wait_for_selector("h1:has-text('Agenda')")
    page.set_viewport_size({"width": 390, "height": 844})
    assert scroll_width(page) <= 390
    _shot(page, "agenda-week-390-id")
    page.set_viewport_size({"width": 1280, "height": 720})
    entry = page.locator(".agenda-entries li", has_text="Rumah klien, Jl. Melati 3")
    assert entry.count() == 1 and "09:30" in entry.inner_text()
    assert page.locator(".agenda-day.today").count() == 1
    page.click("text=Minggu berikutnya")
    page.wait_for_selector("text=Tidak ada yang terjadwal untuk Anda pada minggu ini.")
    page.click("text=Minggu ini")
    page.click(".agenda-nav .tabs >> text=Hari")
    page.wait_for_selector(".agenda-entries >> text=Kunjungan rumah")
    _shot(page, "agenda-day-1280-id")

    # the header's search: a spelling variant of the client's name
    page.fill("#id_header_q", "Sity Rahayu")
    page.press("#id_header_q", "Enter")
    page.wait_for_selector("#group-clients")
    assert "Sity" not in page.url and "?r=" in page.url
    _shot(page, "search-1280-id")
    page.click(f"#group-clients + ul >> text={f.client.full_name}")
    page.wait_for_selector(f"h1:has-text('{f.client.full_name}')")
    page.go_back()
    page.wait_for_selector("#group-clients")
    assert page.input_value("#id_search_page_q") == "Sity Rahayu"

    # the client list's live search keeps its query on Back too
    page.click("nav.mainnav >> text=Klien")
    page.fill("#id_q", "Siti Rahaju")
    page.wait_for_selector("text=1 klien cocok")
    assert "Siti" not in page.url and "?r=" in page.url
    page.click(f"#results >> text={f.client.full_name}")
    page.wait_for_selector(f"h1:has-text('{f.client.full_name}')")
    page.go_back()
    page.wait_for_selector("text=1 klien cocok")
    assert page.input_value("#id_q") == "Siti Rahaju"

    # English and a phone's width
    set_language(page, live_server.url, "en")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/agenda/")
    page.wait_for_selector("text=Next week")
    assert scroll_width(page) <= 390, scroll_width(page)
    _shot(page, "agenda-week-390-en")
    page.click("header .menu-toggle")  # on a phone the search sits in the header's menu
    page.fill("#id_header_q", f.case.number.split("-")[1])
    page.press("#id_header_q", "Enter")
    page.wait_for_selector("#group-cases")
    assert scroll_width(page) <= 390
    _shot(page, "search-390-en")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_server.url}/agenda/?view=day")
    page.wait_for_selector("text=Next day")
    _shot(page, "agenda-day-1280-en")
