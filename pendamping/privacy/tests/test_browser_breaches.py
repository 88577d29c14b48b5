"""The officer records a breach in a real browser, finds the clients it touched from
a worker's caseload, records a letter sent, and reads the records of processing and
the register of consents; at 1280 and 390 px, in Indonesian and English (screenshots
when PDP_SHOTS_DIR is set). axe checks every page visited."""

from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.privacy.models import Breach
from pendamping.privacy.tests.test_browser import SHOTS, fits
from pendamping.tests.browser import every_language_and_width, set_password, sign_in

pytestmark = BROWSER_MARKS


def test_the_officer_records_a_breach_and_reads_the_records(
    live_server, transactional_db, browser_page
):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    set_password(f.users["dpo"])
    page, url = browser_page, live_server.url
    sign_in(page, url, f.users["dpo"])
    page.click("header >> text=Kegagalan pelindungan data")
    page.click("text=Catat kegagalan")
    page.fill("#id_title", "Laptop pekerja hilang")
    page.fill("#id_description", "Laptop dicuri di angkot")
    page.check("input[name=data_categories][value=identity]")
    page.check("input[name=data_categories][value=health]")
    page.fill("#id_containment", "Token API dicabut")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("h1:has-text('Laptop pekerja hilang')")
    made = Breach.objects.get()
    assert made.data_categories == ["identity", "health"]
    page.select_option("#id_source", "caseload")
    page.select_option("#id_user", str(f.users["worker"].pk))
    page.click("form[action$='/clients/'] button[type=submit]")
    page.wait_for_selector(f"#affected >> text={f.client.full_name}")
    page.click("#affected >> text=Terbitkan 1 surat yang belum bernomor")
    page.wait_for_selector("text=1 surat diterbitkan, nomor")
    page.click("#affected >> text=Catat terkirim hari ini")
    page.wait_for_selector("text=Tanggal kirim surat dicatat.")
    assert made.affected.get().notified_on is not None
    pages = (("breaches", "/privacy/breaches/"), ("home-breach", "/"),
             ("breach", f"/privacy/breaches/{made.pk}/"), ("breach-new", "/privacy/breaches/new/"),
             ("records", "/privacy/records/"), ("records-settings", "/privacy/records/settings/"),
             ("consents", "/privacy/consents/"))  # fmt: skip
    for name, lang, width in every_language_and_width(page, url, pages, shots=SHOTS):
        assert fits(page), (name, lang, width)
