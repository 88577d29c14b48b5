"""The agency admin's term mappings and letterhead pages in a browser: at 1280 and
390 px, in Indonesian and English, they fit the width and pass axe-core (checked by
the browser_page fixture on every page visited); a code is mapped from the page.
Screenshots go to $SCREENSHOT_DIR when it is set."""

import os

from pendamping.broker import hsds
from pendamping.broker.models import TermMapping
from pendamping.conftest import BROWSER_MARKS
from pendamping.taxonomy import terms as taxonomy

from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_foreign import THIRD

pytestmark = BROWSER_MARKS
PASSWORD = "sandi-rahasia-99"


def log_in(page, base, user):
    user.set_password(PASSWORD)
    user.save()
    page.goto(f"{base}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_selector("main h1")


def test_the_admin_pages_fit_both_widths_in_both_languages(live_server, transactional_db, world,
                                                           browser_page):  # fmt: skip
    taxonomy.load()  # an earlier transactional test's flush emptied what migrations loaded
    hsds.import_path(THIRD / "organization_nested.json", agency=world.a.agency)
    page, base = browser_page, live_server.url
    log_in(page, base, world.a.users["admin"])
    shots = os.environ.get("SCREENSHOT_DIR")
    for lang in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in (("mappings", "/directory/mappings/"),
                               ("letterhead", "/agency/letterhead/")):  # fmt: skip
                page.goto(base + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
                if shots:
                    page.screenshot(path=f"{shots}/{name}-{lang}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/directory/mappings/")
    options = page.eval_on_selector("#map-1", "s => [...s.options].map(o => o.value)")
    page.select_option("#map-1", value=options[1])
    page.click("#unmapped form button")
    page.wait_for_selector("#mapped table")
    assert TermMapping.objects.filter(agency=world.a.agency).count() == 1
