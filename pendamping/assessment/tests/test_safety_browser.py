"""In a real browser: a PHQ-9 with item 9 above 0, answered by the worker, reaches
the supervisor's home page and inbox (axe-core checks every page visited)."""

from django.utils import timezone

from pendamping.accounts.models import Agency, Membership, Role, User
from pendamping.assessment import instruments, services
from pendamping.cases import services as case_services
from pendamping.clients import services as client_services
from pendamping.conftest import BROWSER_MARKS, make_regions
from pendamping.tests.browser import PASSWORD, sign_in

pytestmark = BROWSER_MARKS


def test_a_safety_flag_reaches_the_supervisors_home_and_inbox(
    live_server, transactional_db, browser_page
):
    make_regions()
    agency = Agency.objects.create(name="Dinas Sosial Kota Bandung", kind="dinsos",
                                   region_code="32.73")  # fmt: skip
    supervisor = User.objects.create_user(username="spv", password=PASSWORD,
                                          first_name="Rina")  # fmt: skip
    worker = User.objects.create_user(username="peksos", password="x", first_name="Andi")
    Membership.objects.create(user=supervisor, agency=agency, role=Role.SUPERVISOR)
    Membership.objects.create(user=worker, agency=agency, role=Role.WORKER, supervisor=supervisor)
    client = client_services.client_register(
        actor=worker,
        data={"kind": "individual", "full_name": "Dewi Lestari", "sex": "F", "estimated_age": 30},
    )
    case = case_services.case_open(actor=worker, client=client, presenting_problem="Murung")
    answers = {f"q{i}": 1 for i in range(1, 9)} | {"q9": 2}
    services.instrument_administer(actor=worker, case=case, instrument=instruments.get("phq9"),
                                   answers=answers, administered_on=timezone.localdate())  # fmt: skip

    page = browser_page
    sign_in(page, live_server.url, supervisor)
    alerts = page.locator("#safety-alerts")
    assert alerts.is_visible()
    assert case.number in alerts.inner_text() and "Dewi Lestari" in alerts.inner_text()
    assert page.locator(".inbox-link .badge").inner_text().startswith("1")

    page.click(".inbox-link")
    page.wait_for_selector("h1:has-text('Pemberitahuan')")
    item = page.locator(".notification.unread")
    assert "Tanda bahaya pada kasus" in item.inner_text() and case.number in item.inner_text()
    item.locator("a").first.click()
    page.wait_for_selector("#safety-risk")
    page.click("#safety-risk button[type=submit]")
    page.wait_for_selector("text=Risiko kasus dinaikkan.")
    page.fill("#id_action_taken", "Menelepon klien, aman, janji temu besok")
    page.click("#safety-action button[type=submit]")
    page.wait_for_selector("text=Tindakan dicatat")
    page.goto(f"{live_server.url}/")
    assert page.locator("#safety-alerts").count() == 0
    assert page.locator(".inbox-link .badge").count() == 0
