"""A group client's members in a real browser: search, pick, see the member listed.
axe checks every page visited (browser_page); with SHOTS_DIR set, screenshots at
1280 and 390 px in both languages."""

import os

from pendamping.clients import services
from pendamping.clients.models import GroupMember
from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions

pytestmark = BROWSER_MARKS
PASSWORD = "Kata-sandi-uji-9"


def _shots(page, name):
    folder = os.environ.get("SHOTS_DIR")
    if not folder:
        return
    root = "/".join(page.url.split("/")[:3]) + "/"
    for lang in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": root}])
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.reload()
            page.screenshot(path=f"{folder}/{name}-{lang}-{width}.png", full_page=True)


def test_adding_a_member_to_a_group(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    worker = f.users["worker"]
    worker.set_password(PASSWORD)
    worker.save()
    group = services.client_register(
        actor=worker, data={"kind": "group", "full_name": "KUBE Melati"}
    )
    page, url = browser_page, live_server.url
    page.goto(f"{url}/login/")
    page.fill("#id_username", worker.username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit].primary")
    page.wait_for_selector("h1")
    page.goto(f"{url}/clients/{group.pk}/")
    page.click("summary:has-text('Tambah anggota kelompok')")
    page.fill("#id_q", "Siti Rahayu")
    page.fill("#id_role", "ketua")
    page.click("#group-member-form button:has-text('Cari')")
    page.click("#group-member-form button:has-text('Tambahkan')")
    page.wait_for_selector("text=menjadi anggota kelompok")
    assert GroupMember.objects.get(group=group).member == f.client
    assert page.locator("#group-members td:has-text('ketua')").count() == 1
    _shots(page, "group-members")
