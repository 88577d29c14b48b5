"""One real browser: the gate refuses, then a mediation is opened, its parties
consent, a session is recorded, the agreement is signed and its PDF downloaded.
axe-core checks every page visited (the browser_page fixture)."""

from django.utils import timezone

from pendamping.accounts.models import Agency, Membership, Role, User
from pendamping.conftest import BROWSER_MARKS, axe_problems
from pendamping.tests.browser import PASSWORD, sign_in

pytestmark = BROWSER_MARKS


def test_screening_session_agreement_pdf(live_server, transactional_db, browser_page):
    agency = Agency.objects.create(name="Dinas Sosial Kota Bandung", kind="dinsos",
                                   region_code="32.73")  # fmt: skip
    user = User.objects.create_user(username="peksos", password=PASSWORD,
                                    first_name="Andi")  # fmt: skip
    Membership.objects.create(user=user, agency=agency, role=Role.WORKER)
    page = browser_page
    sign_in(page, live_server.url, user)

    page.click("nav.mainnav >> text=Mediasi")
    page.click("text=Buka mediasi")
    page.select_option("#id_kind", "family")
    page.fill("#id_issue", "Pengasuhan anak setelah orang tua berpisah")
    page.check("#id_sexual_violence")
    page.click("form.form button[type=submit].primary")
    page.wait_for_selector("#gate-refused >> text=UU 12/2022")
    assert "UPTD PPA" in page.inner_text("#gate-refused")

    page.uncheck("#id_sexual_violence")
    page.click("form.form button[type=submit].primary")
    page.wait_for_selector("h1:has-text('Mediasi #')")
    for name in ("Ibu Rina", "Pak Joko"):
        page.fill("#party_name", name)
        page.fill("#party_relationship", "Orang tua")
        page.click("#parties form.form button[type=submit]")
        page.wait_for_selector(f"#parties td:has-text('{name}')")
    for _ in range(2):
        page.click("#parties form.inline button[type=submit] >> nth=0")
        page.wait_for_selector(".messages >> text=Persetujuan pihak dicatat")
    # the messages are a list inside a status region (a list given role=status is no
    # list to assistive technology: axe's "listitem"); the re-check by GET has none
    assert axe_problems(page) == []

    page.click(".pagehead .actions >> text=Sesi")
    page.select_option("#id_kind", "joint")
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.fill("#id_notes", "Kedua orang tua sepakat bertemu lagi minggu depan.")
    for select in page.locator("select[id^=id_presence_]").all():
        select.select_option("present")
    page.click("form.form button[type=submit].primary")
    page.wait_for_selector("text=Kedua orang tua sepakat bertemu lagi")

    page.click(".pagehead .actions >> text=Kesepakatan")
    page.fill("#id_text", "Anak menginap di rumah ayah setiap akhir pekan kedua")
    page.select_option("#id_responsible", index=1)
    page.fill("#id_due_on", timezone.localdate().isoformat())
    page.click("form[action$='/agreement/terms/'] button[type=submit]")
    page.wait_for_selector("td:has-text('Anak menginap di rumah ayah')")
    page.click("form[action$='/agreement/sign/'] button[type=submit]")
    page.wait_for_selector("text=Ditandatangani pada")

    href = page.get_attribute("a:has-text('Surat kesepakatan (PDF)')", "href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:4] == b"%PDF"
