"""One real browser: log in, register a client, open a case, add a note, see it.

Playwright drives Debian's Chromium (/usr/bin/chromium), headless. The test is
skipped only when that browser is not installed (make test installs it).
"""

from datetime import date

from pendamping.accounts.models import Agency, Membership, Role, User
from pendamping.conftest import BROWSER_MARKS, make_regions
from pendamping.tests.browser import PASSWORD, set_password, sign_in

pytestmark = BROWSER_MARKS


def test_worker_registers_a_client_opens_a_case_and_adds_a_note(
    live_server, transactional_db, browser_page
):
    make_regions()
    agency = Agency.objects.create(
        name="Dinas Sosial Kota Bandung", kind="dinsos", region_code="32.73"
    )
    user = User.objects.create_user(username="peksos", password=PASSWORD, first_name="Andi")
    Membership.objects.create(user=user, agency=agency, role=Role.WORKER)

    page = browser_page
    sign_in(page, live_server.url, user)

    page.goto(f"{live_server.url}/clients/new/")
    page.fill("#id_full_name", "Siti Nurhaliza")
    page.select_option("#id_sex", "F")
    page.fill("#id_birth_date", "1990-10-20")
    page.fill("#id_nik", "3273056010900009")
    # htmx shows what the NIK says
    page.wait_for_selector("#nik-info >> text=20-10-1990")
    # the region cascade fills each level through htmx
    page.select_option("#id_province", "32")
    page.wait_for_selector("#id_regency option[value='32.73']", state="attached")
    page.select_option("#id_regency", "32.73")
    page.wait_for_selector("#id_district option[value='32.73.05']", state="attached")
    page.select_option("#id_district", "32.73.05")
    page.wait_for_selector("#id_village option[value='32.73.05.1001']", state="attached")
    page.select_option("#id_village", "32.73.05.1001")
    page.click("form.form button[type=submit].primary")
    page.wait_for_selector("h1:has-text('Siti Nurhaliza')")
    assert page.locator("text=Maleber").count() >= 1

    page.click("text=Buka kasus")
    page.fill("#id_presenting_problem", "Ibu tunggal tanpa penghasilan tetap")
    page.click("form.form button[type=submit].primary")
    page.wait_for_selector(f"h1:has-text('{date.today().year}-000001')")

    page.click("summary:has-text('Tulis catatan')")  # the case page opens its forms on demand
    page.fill("#note-form #id_body", "Kunjungan rumah pertama, klien bersedia didampingi")
    page.select_option("#note-form #id_kind", "home_visit")
    page.click("#note-form button[type=submit]")
    page.wait_for_selector("#timeline >> text=Kunjungan rumah pertama")
    assert page.locator("#timeline >> text=Kasus dibuka").count() == 1
    assert not [e for e in page.csp_errors if "Content Security Policy" in e], page.csp_errors


def test_the_case_page_loads_its_forms_and_role_cards_on_demand(
    live_server, transactional_db, world, browser_page
):
    """The role cards arrive after the page (one htmx request), a disclosure brings its
    form, and each has a page of its own for a browser without JavaScript; axe checks
    the page once the cards and the form are in, and every fallback page visited."""
    from pendamping.conftest import axe_problems

    page, url, f = browser_page, live_server.url, world.a
    set_password(f.users["supervisor"])
    sign_in(page, url, f.users["supervisor"])
    page.goto(f"{url}/cases/{f.case.pk}/")
    page.wait_for_selector("#programmes >> text=Daftarkan ke program")  # the cards came
    assert page.locator("section[aria-busy=true]").count() == 0
    assert page.locator("#id_worker").count() == 0  # no form until asked for
    page.click("summary:has-text('Tugaskan')")
    page.wait_for_selector("#id_worker")
    page.click("#needs summary:has-text('Catat kebutuhan')")
    page.wait_for_selector("#needs #id_term")
    assert axe_problems(page) == []
    # without JavaScript: the links lead to pages of their own (axe checks them too)
    page.goto(f"{url}/cases/{f.case.pk}/forms/note/")
    page.fill("#note-form #id_body", "Catatan dari halaman formulir")
    page.select_option("#note-form #id_kind", "home_visit")
    page.click("#note-form button[type=submit]")
    page.wait_for_selector("#timeline >> text=Catatan dari halaman formulir")
    page.goto(f"{url}/cases/{f.case.pk}/panels/programmes/")
    page.wait_for_selector("text=Daftarkan ke program")
    page.goto(f"{url}/cases/{f.case.pk}/panels/")
    page.wait_for_selector("#mediations")
    assert not [e for e in page.csp_errors if "Content Security Policy" in e], page.csp_errors
