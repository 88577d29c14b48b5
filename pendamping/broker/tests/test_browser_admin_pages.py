"""The agency admin's term mappings and letterhead pages in a browser: at 1280 and
390 px, in Indonesian and English, they fit the width and pass axe-core (checked by
the browser_page fixture on every page visited); a code is mapped from the page.
Screenshots go to $SCREENSHOT_DIR when it is set."""

import os

from pendamping.broker import hsds
from pendamping.broker.models import TermMapping
from pendamping.conftest import BROWSER_MARKS
from pendamping.taxonomy import terms as taxonomy
from pendamping.tests.browser import every_language_and_width, scroll_width, set_password, sign_in

from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_foreign import THIRD

pytestmark = BROWSER_MARKS


def test_the_admin_pages_fit_both_widths_in_both_languages(live_server, transactional_db, world,
                                                           browser_page):  # fmt: skip
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    hsds.import_path(THIRD / "organization_nested.json", agency=world.a.agency)
    page, base = browser_page, live_server.url
    set_password(world.a.users["admin"])
    sign_in(page, base, world.a.users["admin"])
    shots = os.environ.get("SCREENSHOT_DIR")
    pages = (("mappings", "/directory/mappings/"), ("letterhead", "/agency/letterhead/"))
    for name, lang, width in every_language_and_width(page, base, pages, shots=shots):
        assert scroll_width(page) <= width, (name, lang, width)
    page.goto(base + "/directory/mappings/")
    options = page.eval_on_selector("#map-1", "s => [...s.options].map(o => o.value)")
    page.select_option("#map-1", value=options[1])
    page.click("#unmapped form button")
    page.wait_for_selector("#mapped table")
    assert TermMapping.objects.filter(agency=world.a.agency).count() == 1
