"""API tokens end: revoked, listed, bound to the password, ended by logout,
deactivation and too many logins (issue 15, "Tokens and sessions")."""

from django.test import Client

from pendamping.accounts.models import ApiToken


def _login(client, user, password="rahasia-sekali-123"):
    r = client.post("/api/v1/auth/token", {"username": user.username, "password": password},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.content
    return r.json()["token"]


def _get(client, token, path="/api/v1/cases"):
    return client.get(path, headers={"Authorization": f"Bearer {token}"})


def _worker(world):
    user = world.a.users["worker"]
    user.set_password("rahasia-sekali-123")
    user.save()
    return user


class TestRevocation:
    def test_delete_ends_the_current_token_only(self, client, world):
        user = _worker(world)
        one, two = _login(client, user), _login(client, user)
        r = client.delete("/api/v1/auth/token", headers={"Authorization": f"Bearer {one}"})
        assert r.status_code == 204
        assert _get(client, one).status_code == 401
        assert _get(client, two).status_code == 200

    def test_the_list_shows_my_active_tokens_and_marks_the_current(self, client, world):
        user = _worker(world)
        old, new = _login(client, user), _login(client, user)
        ApiToken.issue(world.a.users["supervisor"])  # someone else's: not listed
        r = _get(client, new, "/api/v1/auth/tokens")
        assert r.status_code == 200
        rows = r.json()
        assert len(rows) == 2
        assert [row["current"] for row in rows] == [True, False]
        assert "token" not in rows[0] and "digest" not in rows[0]
        old_id = rows[1]["id"]
        assert client.delete(f"/api/v1/auth/tokens/{old_id}",
                             headers={"Authorization": f"Bearer {new}"}).status_code == 204  # fmt: skip
        assert _get(client, old).status_code == 401

    def test_another_users_token_cannot_be_ended(self, client, world):
        user = _worker(world)
        mine = _login(client, user)
        ApiToken.issue(world.b.users["worker"])
        theirs = ApiToken.objects.exclude(user=user).get()
        r = client.delete(f"/api/v1/auth/tokens/{theirs.pk}",
                          headers={"Authorization": f"Bearer {mine}"})  # fmt: skip
        assert r.status_code == 404
        assert ApiToken.objects.filter(pk=theirs.pk).exists()

    def test_delete_all_ends_every_token_of_mine(self, client, world):
        user = _worker(world)
        one, two = _login(client, user), _login(client, user)
        assert client.delete("/api/v1/auth/tokens",
                             headers={"Authorization": f"Bearer {one}"}).status_code == 204  # fmt: skip
        assert _get(client, one).status_code == 401
        assert _get(client, two).status_code == 401

    def test_revocation_needs_a_token(self, client, world):
        assert client.delete("/api/v1/auth/token").status_code == 401
        assert client.get("/api/v1/auth/tokens").status_code == 401


class TestTokensEnd:
    def test_a_password_change_ends_old_tokens(self, client, world):
        user = _worker(world)
        token = _login(client, user)
        user.set_password("kata-sandi-baru-456")
        user.save()
        assert _get(client, token).status_code == 401
        assert _get(client, _login(client, user, "kata-sandi-baru-456")).status_code == 200

    def test_deactivation_ends_tokens_for_good(self, client, world):
        user = _worker(world)
        token = _login(client, user)
        user.is_active = False
        user.save()
        user.is_active = True
        user.save()
        assert _get(client, token).status_code == 401  # reactivation brings nothing back
        assert not ApiToken.objects.filter(user=user).exists()

    def test_logging_out_of_the_web_ends_tokens(self, client, world):
        user = _worker(world)
        token = _login(client, user)
        web = Client()
        web.force_login(user)
        assert web.post("/logout/").status_code == 302
        assert _get(client, token).status_code == 401

    def test_logins_keep_at_most_the_configured_number(self, client, world, settings):
        settings.API_TOKEN_MAX_PER_USER = 3
        user = _worker(world)
        tokens = [_login(client, user) for _ in range(5)]
        assert ApiToken.objects.filter(user=user).count() == 3
        assert [_get(client, t).status_code for t in tokens] == [401, 401, 200, 200, 200]
