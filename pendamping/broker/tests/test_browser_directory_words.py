"""The directory's word search (services, and providers by their own words) and the
stale-capacity list in a browser: at 1280 and
390 px, in Indonesian and English, they fit the width and pass axe-core (the
browser_page fixture checks every page visited); "still correct" is one click.
Screenshots go to $SCREENSHOT_DIR when it is set."""

import os
from datetime import timedelta

from django.utils import timezone

from pendamping.broker import services
from pendamping.broker.models import Service
from pendamping.broker.tests.conftest import add_location, add_service
from pendamping.conftest import BROWSER_MARKS
from pendamping.taxonomy import terms as taxonomy
from pendamping.tests.browser import every_language_and_width, scroll_width, set_password, sign_in

pytestmark = BROWSER_MARKS


def test_word_search_and_stale_capacity(live_server, transactional_db, world, browser_page):
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    worker = world.a.users["worker"]
    org = services.organization_save(
        actor=worker, data={"name": "Yayasan Noer Hidajah", "description": "Yayasan"}
    )
    loc = add_location(worker, org, "Kantor Andir", -6.91, 107.58)
    for name, description in (
        ("Panti Djompo Tjahaja Kasih", "Poesat pelayanan lansia terlantar"),
        ("Rehabilitasi Sosial Anak", "Pendampingan keluarga dan anak"),
        ("Rumah Singgah Sitti Chadidjah", "Tempat tinggal sementara bagi anak jalanan"),
    ):
        add_service(worker, org, name, ["hidup_layak"], description=description, locations=[loc])
    services.organization_save(  # a provider without services: found by its own words
        actor=worker, data={"name": "Lembaga Tjahaja Insani", "description": "Bantuan hukum"}
    )
    old = timezone.now() - timedelta(days=45)
    Service.objects.filter(name__startswith="R").update(capacity_updated_at=old)

    page, base = browser_page, live_server.url
    set_password(worker)
    sign_in(page, base, worker)
    shots = os.environ.get("SCREENSHOT_DIR")
    pages = (("words", "/directory/?q=panti+jompo+cahaya"), ("providers", "/directory/?q=cahaya"),
             ("stale", "/directory/stale/"), ("home", "/"))  # fmt: skip
    for name, lang, width in every_language_and_width(page, base, pages, shots=shots):
        assert scroll_width(page) <= width, (name, lang, width)
    page.goto(base + "/directory/?q=panti+jompo+cahaya")
    assert page.locator("main table a:has-text('Panti Djompo Tjahaja Kasih')").count() == 1
    page.goto(base + "/directory/?q=cahaya")
    providers = page.locator("section[aria-labelledby=matching-providers] a")
    assert providers.all_inner_texts() == ["Lembaga Tjahaja Insani"]
    assert page.locator("main table a:has-text('Panti Djompo Tjahaja Kasih')").count() == 1
    page.goto(base + "/directory/stale/")
    assert page.locator("main tbody tr").count() == 2
    page.click("main tbody tr:has-text('Rehabilitasi Sosial Anak') button:has-text('Masih benar')")
    page.wait_for_selector("text=dicatat masih benar")
    assert page.locator("main tbody tr").count() == 1


def test_a_long_listing_says_there_is_more(
    live_server, transactional_db, world, browser_page, settings, monkeypatch
):
    """More services than the directory counts (DIRECTORY_COUNT_CAP, here 2, a page of
    one): the pager says "of more than" and a hint asks to narrow the search."""
    import sys

    taxonomy.load()
    worker = world.a.users["worker"]
    org = services.organization_save(actor=worker, data={"name": "Yayasan Sejahtera"})
    for name in ("Dapur Umum", "Lumbung Pangan", "Paket Sembako", "Rumah Singgah"):
        add_service(worker, org, name, ["hidup_layak"])
    settings.PAGE_SIZE = 1
    monkeypatch.setattr(sys.modules["pendamping.broker.views.directory"], "DIRECTORY_COUNT_CAP", 2)
    page, base = browser_page, live_server.url
    set_password(worker)
    sign_in(page, base, worker)
    shots = os.environ.get("SCREENSHOT_DIR")
    pages = (("listing", "/directory/?page=2"),)
    said = {"id": "Halaman 2 dari lebih dari 2", "en": "Page 2 of more than 2"}
    for name, lang, width in every_language_and_width(page, base, pages, shots=shots):
        assert scroll_width(page) <= width, (name, lang, width)
        assert page.locator("nav.pager").inner_text().count(said[lang]) == 1
        assert page.locator("main p.hint").count() == 1
