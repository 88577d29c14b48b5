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
