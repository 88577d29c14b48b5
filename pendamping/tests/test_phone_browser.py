"""On a phone (390 by 844, touch, mobile viewport rules): the worker's main pages fit
the screen and show their content on the first screen; the header is a compact bar
whose menu opens and closes from the keyboard. axe-core checks every page visited,
at the phone's size (the phone_page fixture)."""

from pendamping.conftest import BROWSER_MARKS
from pendamping.taxonomy.models import TaxonomyTerm
from pendamping.tests.browser import set_password, sign_in

pytestmark = BROWSER_MARKS

WIDTH, HEIGHT = 390, 844

# Where the page's own content starts: its first card, table, list or empty-state line.
FIRST_SCREEN = """() => {
  const h1 = document.querySelector("main h1");
  const block = document.querySelector(
    "main :is(.card, table, .empty, .timeline, .grid > section)");
  return {
    width: document.documentElement.scrollWidth,
    h1: h1 ? h1.getBoundingClientRect().top : null,
    block: block ? block.getBoundingClientRect().top : null,
    header: document.querySelector("header.topbar").getBoundingClientRect().height,
  };
}"""


def log_in(page, base, user):
    set_password(user)
    sign_in(page, base, user)


def test_the_main_pages_fit_the_phone_and_start_with_their_content(
    live_server, transactional_db, world, phone_page
):
    # a long service type in the directory's filter (the select took the page sideways)
    TaxonomyTerm.objects.create(
        code="vokasional_disabilitas",
        name_id="Pelatihan vokasional dan/atau pembinaan kewirausahaan — penyandang disabilitas",
        name_en="Vocational training and/or entrepreneurship — people with disabilities",
    )
    page = phone_page
    log_in(page, live_server.url, world.a.users["worker"])
    for path in ["/", f"/cases/{world.a.case.pk}/", "/clients/", "/directory/", "/cases/"]:
        page.goto(live_server.url + path)
        seen = page.evaluate(FIRST_SCREEN)
        assert seen["width"] <= WIDTH, (path, seen)
        assert seen["h1"] is not None and 0 <= seen["h1"] < HEIGHT, (path, seen)
        assert seen["block"] is not None and seen["block"] < HEIGHT, (path, seen)
        assert seen["header"] < HEIGHT / 8, (path, seen)  # a compact bar, not a third


def test_the_header_menu_opens_and_closes_from_the_keyboard(
    live_server, transactional_db, world, phone_page
):
    page = phone_page
    log_in(page, live_server.url, world.a.users["worker"])
    toggle = page.locator("header .menu-toggle")
    nav = page.locator("nav.mainnav")
    assert toggle.is_visible() and not nav.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and nav.is_visible()
    assert page.locator("nav.mainnav >> text=Klien").is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not nav.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
    page.keyboard.press("Space")
    page.click("nav.mainnav >> text=Klien")
    page.wait_for_selector("main h1:has-text('Klien')")


def test_list_values_carry_their_labels_on_the_phone(
    live_server, transactional_db, world, phone_page
):
    page = phone_page
    log_in(page, live_server.url, world.a.users["worker"])
    page.goto(f"{live_server.url}/clients/")
    cells = page.locator("table.table tbody tr").first.locator("td")
    shown = [
        cells.nth(i).evaluate(
            "td => [td.dataset.label, getComputedStyle(td, '::before').content !== 'none']"
        )
        for i in range(cells.count())
    ]
    assert shown[1:] == [["NIK", True], ["Jenis kelamin", True], ["Usia", True],
                         ["Wilayah", True]], shown  # fmt: skip


def test_an_instruments_answers_are_never_split_across_lines(
    live_server, transactional_db, world, phone_page
):
    page = phone_page
    log_in(page, live_server.url, world.a.users["worker"])
    page.goto(f"{live_server.url}/cases/{world.a.case.pk}/instruments/phq9/")
    labels = page.locator("fieldset .checks > label")
    assert labels.count() == 9 * 4
    split = page.evaluate(
        """() => [...document.querySelectorAll("fieldset .checks > label")]
              .filter(l => l.getClientRects().length > 1 || l.getBoundingClientRect().height > 48)
              .map(l => l.textContent.trim())"""
    )
    assert split == []


def test_the_case_page_opens_its_forms_on_demand(live_server, transactional_db, world, phone_page):
    page = phone_page
    log_in(page, live_server.url, world.a.users["worker"])
    page.goto(f"{live_server.url}/cases/{world.a.case.pk}/")
    body = page.locator("#note-form #id_body")
    assert not body.is_visible()
    page.click("text=Tulis catatan")
    body.fill("Kunjungan rumah, klien sehat")
    page.select_option("#note-form #id_kind", "home_visit")
    page.click("#note-form button[type=submit]")
    page.wait_for_selector("#timeline >> text=Kunjungan rumah, klien sehat")
    assert not page.locator("#note-form #id_body").is_visible()  # closed again after saving


def test_the_directory_shows_its_results_first_and_its_filter_on_demand(
    live_server, transactional_db, world, phone_page
):
    from playwright.sync_api import expect

    from pendamping.broker import services
    from pendamping.broker.tests.conftest import add_service

    worker = world.a.users["worker"]
    org = services.organization_save(
        actor=worker, data={"name": "Dinas Sosial Kota Bandung", "description": "Dinas sosial"}
    )
    # its own service type: a transactional test before this one may have emptied the taxonomy
    TaxonomyTerm.objects.get_or_create(
        code="pangan_harian", defaults={"name_id": "Pangan harian", "name_en": "Daily food"}
    )
    for name in ("Dapur Umum Andir", "Lumbung Pangan Cimahi", "Paket Sembako Garut",
                 "Makan Lansia Sukajadi"):  # fmt: skip
        add_service(worker, org, name, ["pangan_harian"])
    page = phone_page
    log_in(page, live_server.url, worker)
    page.goto(f"{live_server.url}/directory/")
    rows = page.locator("table.cards tbody tr")
    assert rows.count() == 4
    # the first three results are on the first screen, whole
    third = rows.nth(2).evaluate("tr => tr.getBoundingClientRect().bottom")
    assert third < HEIGHT, third
    search = page.locator("#id_q")
    toggle = page.locator("button.filter-toggle")
    assert not search.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert search.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    search.fill("Lansia")
    search.press("Enter")
    expect(rows).to_have_count(1)
    assert "Makan Lansia Sukajadi" in rows.first.inner_text()
