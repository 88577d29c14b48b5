"""Bahasa Indonesia for everyone until a user chooses English; the choice is kept on
the user, whatever the browser asks for."""

from django.contrib.auth import get_user_model


def lang_of(response) -> str:
    html = response.content.decode()
    return html[html.index('<html lang="') + 12 :].split('"')[0]


class TestLanguage:
    def test_it_ignores_an_english_browser(self, client, db):
        r = client.get("/login/", headers={"Accept-Language": "en-US,en;q=0.9"})
        assert lang_of(r) == "id" and "Masuk" in r.content.decode()

    def test_a_users_choice_is_kept_on_the_user(self, client, world):
        user = world.a.users["worker"]
        client.force_login(user)
        r = client.post("/i18n/setlang/", {"language": "en", "next": "/cases/"})
        assert r.status_code == 302 and r["Location"] == "/cases/"
        user.refresh_from_db()
        assert user.language == "en"
        client.cookies.clear()  # another browser, no cookie
        client.force_login(user)
        assert lang_of(client.get("/")) == "en"

    def test_the_choice_of_one_user_is_not_anothers(self, client, world):
        get_user_model().objects.filter(pk=world.a.users["worker"].pk).update(language="en")
        client.force_login(world.a.users["supervisor"])
        assert lang_of(client.get("/", headers={"Accept-Language": "en"})) == "id"

    def test_an_unknown_language_or_a_foreign_next_changes_nothing_harmful(self, client, world):
        user = world.a.users["worker"]
        client.force_login(user)
        r = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
        assert r["Location"] == "/"
        user.refresh_from_db()
        assert user.language == ""
        assert lang_of(client.get("/")) == "id"

    def test_an_api_token_speaks_its_users_language(self, api, world):
        """The language middleware runs before the bearer token names the user: the
        token's user's choice must still hold (it did not: the API answered in
        Indonesian to a user who chose English)."""
        user = world.a.users["worker"]
        get_user_model().objects.filter(pk=user.pk).update(language="en")
        api.as_user(user)
        r = api.post(f"/cases/{world.a.case.pk}/notes", {"kind": "home_visit", "body": ""})
        assert r.status_code == 422 and r["Content-Language"] == "en", r.content
        assert "Tuliskan" not in r.content.decode() and "isi" not in r.content.decode().lower()
        api.as_user(world.a.users["supervisor"])  # chose nothing: Indonesian
        r = api.post(f"/cases/{world.a.case.pk}/notes", {"kind": "home_visit", "body": ""})
        assert r.status_code == 422 and r["Content-Language"] == "id"
