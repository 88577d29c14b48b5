"""A group client's members in a real browser: search, pick, see the member listed.
axe checks every page visited (browser_page); with SHOTS_DIR set, screenshots at
1280 and 390 px in both languages."""

import os

from pendamping.clients import services
from pendamping.clients.models import GroupMember
from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.tests.browser import screenshots, set_password, sign_in

pytestmark = BROWSER_MARKS


def test_adding_a_member_to_a_group(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    worker = f.users["worker"]
    set_password(worker)
    group = services.client_register(
        actor=worker, data={"kind": "group", "full_name": "KUBE Melati"}
    )
    page, url = browser_page, live_server.url
    sign_in(page, url, worker)
    page.goto(f"{url}/clients/{group.pk}/")
    page.click("summary:has-text('Tambah anggota kelompok')")
    page.fill("#id_q", "Siti Rahayu")
    page.fill("#id_role", "ketua")
    page.click("#group-member-form button:has-text('Cari')")
    page.click("#group-member-form button:has-text('Tambahkan')")
    page.wait_for_selector("text=menjadi anggota kelompok")
    assert GroupMember.objects.get(group=group).member == f.client
    assert page.locator("#group-members td:has-text('ketua')").count() == 1
    screenshots(page, os.environ.get("SHOTS_DIR"), "group-members")
