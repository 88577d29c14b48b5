"""One real browser: the supervisor takes in a group complaint (unassigned), it shows on
their home, they assign it; the worker sees the SLA, appraises an alternative, files
with SP4N-LAPOR!, decides; the complainant checks the public status page with the code
and secret, logged out. axe-core checks every page visited (the browser_page fixture)."""

from django.utils import timezone

from pendamping.accounts.models import Agency, Membership, Role, User
from pendamping.advocate.models import Category
from pendamping.conftest import BROWSER_MARKS
from pendamping.tests.browser import PASSWORD, sign_in

pytestmark = BROWSER_MARKS


def test_intake_assign_sla_alternative_filing_decision_status(
    live_server, transactional_db, browser_page
):
    agency = Agency.objects.create(name="Dinas Sosial Kota Bandung", kind="dinsos",
                                   region_code="32.73")  # fmt: skip
    spv = User.objects.create_user(username="spv", password=PASSWORD, first_name="Sari")
    worker = User.objects.create_user(username="peksos", password=PASSWORD,
                                      first_name="Andi")  # fmt: skip
    Membership.objects.create(user=spv, agency=agency, role=Role.SUPERVISOR)
    Membership.objects.create(user=worker, agency=agency, role=Role.WORKER, supervisor=spv)
    Category.objects.create(agency=agency, name="Bansos", sla_amount=5, sla_unit="working_days")
    page = browser_page
    page.set_default_timeout(60000)  # a loaded test machine; the flow is long
    url = live_server.url

    sign_in(page, url, "spv")
    page.click("nav.mainnav >> text=Pengaduan")
    page.click("text=Catat pengaduan")
    page.select_option("#id_complainant_kind", "group")
    page.fill("#id_complainant_name", "Pak Darto")
    page.fill("#id_group_name", "Warga RW 05 Maleber")
    page.fill("#id_mandate", "Berita acara rapat warga RW 05")
    page.fill("#id_mandate_on", timezone.localdate().isoformat())
    page.select_option("#id_channel", "walk_in")
    page.select_option("#id_category", label="Bansos")
    page.fill("#id_subject", "Data penerima bansos salah")
    page.fill("#id_description", "Banyak warga miskin tidak terdata sebagai penerima bansos.")
    page.fill("#id_wanted_resolution", "Data DTKS diperbaiki")
    page.click("form.form button[type=submit].primary")
    page.wait_for_selector("h1:has-text('Pengaduan diterima')")
    code = page.inner_text("#tracking-code")
    secret = page.inner_text("#secret")

    page.goto(f"{url}/")
    page.wait_for_selector(f"#unassigned-complaints >> text={code}")
    page.click(f"#unassigned-complaints >> text={code}")
    page.wait_for_selector("#assigned-worker >> text=Belum ditugaskan")
    page.select_option("#assign #id_worker", label="Andi")
    page.click("#assign button[type=submit]")
    page.wait_for_selector(".messages >> text=Pengaduan ditugaskan")
    assert "Andi" in page.inner_text("#assigned-worker")

    sign_in(page, url, "peksos")
    page.click("nav.mainnav >> text=Pengaduan")
    page.wait_for_selector("td >> text=Sesuai jadwal")
    page.click(f"text={code}")
    page.wait_for_selector("dd >> text=Sesuai jadwal")  # the SLA status beside the deadline

    page.fill("#alternatives #id_title", "Verifikasi ulang bersama operator desa")
    page.select_option("#alternatives #id_feasibility", "high")
    page.click("#alternatives form.form button[type=submit] >> text=Tambah pilihan")
    page.wait_for_selector("#alternatives td:has-text('Verifikasi ulang bersama operator desa')")

    page.select_option("#filings #id_body", "sp4n_lapor")
    page.fill("#filings #id_filed_on", timezone.localdate().isoformat())
    page.fill("#filings #id_their_number", "LAPOR-1234567")
    page.click("#filings button[type=submit] >> text=Catat pengajuan")
    page.wait_for_selector("#filings >> text=LAPOR-1234567")
    assert "Diverifikasi dan diteruskan" in page.inner_text("#filings")

    page.select_option("#decision_decision", "upheld")
    page.fill("#decision_reason", "Dinsos memperbaiki data 12 keluarga.")
    page.click("#decision button[type=submit]")
    page.wait_for_selector(".messages >> text=Keputusan disimpan")
    assert "Selesai tepat waktu" in page.inner_text("section.card >> nth=0")

    page.context.clear_cookies()
    page.goto(f"{url}/status/")
    page.fill("#id_code", code.lower())
    page.fill("#id_secret", secret)
    page.click("main form.form button[type=submit].primary")
    page.wait_for_selector("#status >> text=Selesai")
    body = page.inner_text("main")
    assert "Pak Darto" not in body and "Warga RW 05" not in body and "bansos" not in body.lower()
