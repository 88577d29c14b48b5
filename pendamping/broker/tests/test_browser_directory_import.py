"""The directory import pages in a browser: a spreadsheet uploaded from the page, the
progress card updating itself when the worker has checked it (htmx), the report by
row and column, then saved; at 1280 and 390 px, in Indonesian and English, fitting
the width and passing axe-core (the browser_page fixture, on every page visited).
Screenshots go to $SCREENSHOT_DIR when it is set."""

import os

from pendamping.broker.imports import DirectoryImport
from pendamping.broker.models import Service
from pendamping.broker.services.imports import run_pass
from pendamping.conftest import BROWSER_MARKS
from pendamping.taxonomy import terms as taxonomy

from .test_browser_admin_pages import log_in
from .test_directory_import_web import csv_bytes
from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_sheet import ROWS

pytestmark = BROWSER_MARKS


def test_a_spreadsheet_is_checked_then_saved_from_the_page(
    live_server, transactional_db, world, browser_page, tmp_path, settings
):
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    from pendamping.conftest import make_regions

    make_regions()
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    page, base = browser_page, live_server.url
    log_in(page, base, world.a.users["admin"])
    shots = os.environ.get("SCREENSHOT_DIR")
    sheet = tmp_path / "direktori.csv"
    sheet.write_bytes(csv_bytes(ROWS))
    page.goto(base + "/directory/import/")
    page.set_input_files("#id_file", str(sheet))
    page.click("main form button[type=submit]")
    page.wait_for_selector("#import-progress")
    run = DirectoryImport.objects.get()
    assert run_pass(run.pk) == "checked"  # what the worker does
    page.wait_for_selector("text=Simpan ke direktori", timeout=10_000)  # htmx polled it
    assert "Kota Semarang dicocokkan" in page.inner_text("#import-progress")
    for lang in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in (("directory-import", "/directory/import/"),
                               ("directory-import-checked", f"/directory/import/{run.pk}/")):  # fmt: skip
                page.goto(base + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
                if shots:
                    page.screenshot(path=f"{shots}/{name}-{lang}-{width}.png", full_page=True)
    page.context.add_cookies([{"name": "django_language", "value": "id", "url": base}])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + f"/directory/import/{run.pk}/")
    page.click("text=Simpan ke direktori")
    page.wait_for_selector("text=Menunggu penyimpanan")
    assert run_pass(run.pk) == "done"
    page.wait_for_selector("text=Direktori disimpan.", timeout=10_000)
    assert Service.objects.filter(agency=world.a.agency, name="Panti lansia").exists()
    if shots:
        page.screenshot(path=f"{shots}/directory-import-done-id-1280.png", full_page=True)
