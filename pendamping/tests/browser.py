"""What the browser tests do again and again (the browser itself: the browser_page and
phone_page fixtures in pendamping/conftest.py): sign a user in through the login form,
choose the interface's language, and visit pages in both languages at a desktop's and
a phone's width."""

PASSWORD = "sandi-rahasia-99"
LANGUAGES = ("id", "en")
WIDTHS = (1280, 390)  # a desktop's and a phone's
HEIGHT = 900


def set_password(*users, password=PASSWORD):
    """Give each user `password`, to sign in with through the form."""
    for user in users:
        user.set_password(password)
        user.save()


def sign_in(page, base, user, password=PASSWORD, *, language=None):
    """Sign `user` (a User or a username) in through the login form at `base` (the live
    server's URL), as a person would, after dropping the cookies of any earlier session;
    `language` ("id" or "en"), when given, is chosen first. Returns once the page the
    form leads to (the home page) is shown: a refused sign-in stays on /login/ and
    fails here."""
    page.context.clear_cookies()
    if language:
        set_language(page, base, language)
    page.goto(f"{base}/login/")
    page.fill("#id_username", getattr(user, "username", user))
    page.fill("#id_password", password)
    page.click("form button[type=submit].primary")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.wait_for_selector("main h1")


def set_language(page, base, language):
    """The interface's language from now on (Django's language cookie for the site)."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])


def scroll_width(page) -> int:
    """How wide the page is laid out, in CSS pixels (wider than the window: it runs
    sideways)."""
    return page.evaluate("document.documentElement.scrollWidth")


def every_language_and_width(page, base, pages, *, shots=None, widths=WIDTHS):
    """Go to each of `pages` ((name, path) pairs, the path below `base`) in Indonesian
    and English at each of `widths` (900 px tall), yielding (name, language, width)
    once it is loaded, for the caller's checks; after them, with `shots` (a folder),
    a full-page screenshot {name}-{language}-{width}.png. At the end: Indonesian at
    1280 px again."""
    for language in LANGUAGES:
        set_language(page, base, language)
        for width in widths:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            for name, path in pages:
                page.goto(base + path)
                yield name, language, width
                if shots:
                    page.screenshot(path=f"{shots}/{name}-{language}-{width}.png", full_page=True)
    set_language(page, base, "id")
    page.set_viewport_size({"width": 1280, "height": HEIGHT})


def screenshots(page, folder, name, path=None):
    """With `folder` (else nothing): full-page screenshots of the page at `path` (below
    the site's root; None: the page shown now) in each language at each width, as
    {name}-{language}-{width}.png; then Indonesian at 1280 px again, on that page."""
    if not folder:
        return
    base = "/".join(page.url.split("/")[:3])  # the live server's URL
    path = page.url[len(base) :] if path is None else path
    for _ in every_language_and_width(page, base, [(name, path)], shots=folder):
        pass
    page.goto(base + path)
