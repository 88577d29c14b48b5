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
from pendamping.tests.browser import every_language_and_width, scroll_width, set_password, sign_in

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
    set_password(world.a.users["admin"])
    sign_in(page, base, world.a.users["admin"])
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
    pages = (("directory-import", "/directory/import/"),
             ("directory-import-checked", f"/directory/import/{run.pk}/"))  # fmt: skip
    every_size(page, base, shots, pages)
    page.goto(base + f"/directory/import/{run.pk}/")
    page.click("text=Simpan ke direktori")
    page.wait_for_selector("text=Menunggu penyimpanan")
    assert run_pass(run.pk) == "done"
    page.wait_for_selector("text=Direktori disimpan.", timeout=10_000)
    assert Service.objects.filter(agency=world.a.agency, name="Panti lansia").exists()
    every_size(page, base, shots, [("directory-import-done", f"/directory/import/{run.pk}/")])


def every_size(page, base, shots, pages):
    """Each page in Indonesian and English at 1280 and 390 px, fitting the width, its
    labels not overlapping the next line (axe runs on every page the fixture visits)."""
    for name, lang, width in every_language_and_width(page, base, pages, shots=shots):
        assert scroll_width(page) <= width, (name, width)
        assert page.evaluate(LABELS_OVERFLOW) == [], (name, lang, width)


# the card labels (data-label, drawn by ::before) taller than their cell: they would
# run over the next line, as "Judul dalam bahasa Indonesia" did beside the template
LABELS_OVERFLOW = """[...document.querySelectorAll('.table.cards td[data-label]')].filter(td => {
  const before = getComputedStyle(td, '::before');
  if (before.position !== 'absolute') return false;
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;width:${before.width};`
    + `font-size:${before.fontSize};line-height:${before.lineHeight}`;
  probe.textContent = td.dataset.label;
  td.appendChild(probe);
  const tall = probe.getBoundingClientRect().height > td.getBoundingClientRect().height + 1;
  probe.remove();
  return tall;
}).map(td => td.dataset.label)"""
