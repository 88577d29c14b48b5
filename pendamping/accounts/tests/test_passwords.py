"""Passwords only their owner knows: an agency admin resets by a one-time link to the
user's own e-mail and cannot set or learn a password; a superuser's typed password must
be replaced at the next login; every step is in the audit trail (issue 15)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from pendamping.accounts.models import AccountEvent, ApiToken, Membership, Role, User

PASSWORD = "rahasia-sekali-123"


@pytest.fixture
def admin(world):
    user = world.a.users["admin"]
    User.objects.filter(pk=user.pk).update(is_staff=True)
    user.refresh_from_db()
    return user


@pytest.fixture
def worker(world):
    user = world.a.users["worker"]
    user.email = "siti.worker@example.org"
    user.set_password(PASSWORD)
    user.save()
    return user


def _link(message) -> str:
    return re.search(r"https?://\S+/password/set/\S+/", message.body).group(0)


class TestAgencyAdminReset:
    def test_the_admin_sees_no_password_form(self, client, admin, worker):
        client.force_login(admin)
        page = client.get(f"/admin/accounts/user/{worker.pk}/password/")
        assert page.status_code == 200
        body = page.content.decode()
        assert 'type="password"' not in body and "siti.worker@example.org" in body

    def test_a_reset_ends_password_sessions_and_tokens_and_mails_a_link(
        self, client, admin, worker, django_capture_on_commit_callbacks
    ):
        session = Client()
        session.force_login(worker)
        assert session.get("/").status_code == 200
        token = ApiToken.issue(worker)
        client.force_login(admin)
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post(f"/admin/accounts/user/{worker.pk}/password/", {"password1": "dipilih-admin-99",
                                                                              "password2": "dipilih-admin-99"})  # fmt: skip
        assert r.status_code == 302
        worker.refresh_from_db()
        assert not worker.has_usable_password()  # the admin's fields were ignored
        assert not Client().login(username=worker.username, password="dipilih-admin-99")
        assert not Client().login(username=worker.username, password=PASSWORD)
        assert session.get("/").status_code == 302  # the worker's session ended
        assert (
            Client().get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )
        (message,) = mail.outbox
        assert message.to == ["siti.worker@example.org"]
        assert PASSWORD not in message.body and "Siti Rahayu" not in message.body
        event = AccountEvent.objects.get(user=worker)
        assert (event.kind, event.actor) == ("password_reset", admin)

        # the worker follows the link and chooses a password; the link works once
        link = _link(message)
        owner = Client()
        form = owner.get(link, follow=True)
        assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
        done = owner.post(form.redirect_chain[-1][0], {"new_password1": "pilihan-siti-2026",
                                                       "new_password2": "pilihan-siti-2026"})  # fmt: skip
        assert done.status_code == 302 and done["Location"] == reverse("login")
        assert Client().login(username=worker.username, password="pilihan-siti-2026")
        again = Client().get(link, follow=True)
        assert "tidak berlaku lagi" in again.content.decode()
        kinds = list(
            AccountEvent.objects.filter(user=worker)
            .order_by("at", "pk")
            .values_list("kind", flat=True)
        )
        assert kinds == ["password_reset", "password_changed"]

    def test_a_user_without_e_mail_is_not_reset(self, client, admin, worker):
        worker.email = ""
        worker.save()
        client.force_login(admin)
        r = client.post(f"/admin/accounts/user/{worker.pk}/password/", follow=True)
        assert "belum punya alamat e-mail" in r.content.decode()
        assert Client().login(username=worker.username, password=PASSWORD)
        assert not AccountEvent.objects.exists() and not mail.outbox

    def test_another_agencys_user_cannot_be_reset(self, client, admin, world):
        other = world.b.users["worker"]
        other.email = "b@example.org"
        other.set_password(PASSWORD)
        other.save()
        password_before = other.password
        client.force_login(admin)
        r = client.post(f"/admin/accounts/user/{other.pk}/password/")
        assert r.status_code == 302 and "/admin/" in r["Location"]
        other.refresh_from_db()
        assert other.password == password_before
        assert not AccountEvent.objects.filter(user=other).exists() and not mail.outbox

    def test_the_admin_cannot_redirect_the_reset_to_their_own_address(
        self, client, admin, worker, django_capture_on_commit_callbacks
    ):
        """Security review H1: change the e-mail, then reset, then log in as the worker."""
        client.force_login(admin)
        page = client.get(f"/admin/accounts/user/{worker.pk}/change/")
        form = page.context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
        data |= {"username": worker.username, "email": "admin@evil.example", "is_active": "on",
                 "membership-TOTAL_FORMS": "0", "membership-INITIAL_FORMS": "0",
                 "last_login_0": "", "last_login_1": "", "date_joined_0": "", "date_joined_1": ""}  # fmt: skip
        saved = client.post(f"/admin/accounts/user/{worker.pk}/change/", data)
        assert saved.status_code == 302, (
            saved.context["adminform"].form.errors if saved.context else saved
        )
        worker.refresh_from_db()
        assert worker.email == "siti.worker@example.org"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/admin/accounts/user/{worker.pk}/password/")
        assert [m.to for m in mail.outbox] == [["siti.worker@example.org"]]


class TestAgencyAdminCreatesUsers:
    def test_a_new_user_is_in_the_admins_agency_with_no_password(
        self, client, admin, world, django_capture_on_commit_callbacks
    ):
        client.force_login(admin)
        form = client.get("/admin/accounts/user/add/").content.decode()
        assert 'type="password"' not in form
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post("/admin/accounts/user/add/", {
                "username": "a_baru", "first_name": "Dewi", "last_name": "Lestari",
                "email": "dewi@example.org", "role": "worker",
                # an inline for another agency is not part of this form: ignored
                "membership-TOTAL_FORMS": "1", "membership-INITIAL_FORMS": "0",
                "membership-0-agency": str(world.b.agency.pk), "membership-0-role": "admin",
            })  # fmt: skip
        assert r.status_code == 302, r.content.decode()[:2000]
        user = User.objects.get(username="a_baru")
        assert not user.has_usable_password()
        assert Membership.objects.get(user=user).agency == world.a.agency
        assert Membership.objects.get(user=user).role == Role.WORKER
        assert mail.outbox[0].to == ["dewi@example.org"] and "/password/set/" in mail.outbox[0].body
        assert AccountEvent.objects.get(user=user).kind == "created"

    def test_e_mail_is_required(self, client, admin):
        client.force_login(admin)
        r = client.post("/admin/accounts/user/add/", {"username": "a_baru", "role": "worker"})
        assert r.status_code == 200 and not User.objects.filter(username="a_baru").exists()


class TestSuperuserSetsAPassword:
    def test_the_user_must_choose_their_own_before_anything_else(self, client, world, worker):
        root = User.objects.create_superuser("root", "root@example.org", "root-password-77")
        client.force_login(root)
        r = client.post(f"/admin/accounts/user/{worker.pk}/password/",
                        {"password1": "sementara-2026-x", "password2": "sementara-2026-x", "usable_password": "true"})  # fmt: skip
        assert r.status_code == 302
        worker.refresh_from_db()
        assert worker.must_change_password
        assert AccountEvent.objects.get(user=worker).kind == "password_set"

        own = Client()
        assert own.login(username=worker.username, password="sementara-2026-x")
        assert own.get("/clients/")["Location"] == reverse("password_change")
        token = own.post("/api/v1/auth/token", {"username": worker.username, "password": "sementara-2026-x"},
                         content_type="application/json")  # fmt: skip
        assert token.status_code == 403 and token.json()["detail"]
        done = own.post(reverse("password_change"), {
            "old_password": "sementara-2026-x",
            "new_password1": "pilihan-sendiri-88", "new_password2": "pilihan-sendiri-88",
        })  # fmt: skip
        assert done.status_code == 302
        assert own.get("/clients/").status_code == 200
        worker.refresh_from_db()
        assert not worker.must_change_password


class TestOwnPasswordChange:
    def test_it_ends_other_sessions_and_tokens_but_not_this_one(self, client, worker):
        other_device = Client()
        other_device.force_login(worker)
        token = ApiToken.issue(worker)
        client.force_login(worker)
        page = client.get(reverse("password_change"))
        assert page.status_code == 200
        r = client.post(reverse("password_change"), {
            "old_password": PASSWORD, "new_password1": "baru-sekali-456", "new_password2": "baru-sekali-456",
        })  # fmt: skip
        assert r.status_code == 302
        assert client.get("/").status_code == 200
        assert other_device.get("/").status_code == 302
        assert (
            Client().get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code
            == 401
        )
        assert AccountEvent.objects.get(user=worker).kind == "password_changed"

    def test_a_wrong_old_password_changes_nothing(self, client, worker):
        client.force_login(worker)
        r = client.post(reverse("password_change"), {
            "old_password": "salah", "new_password1": "baru-sekali-456", "new_password2": "baru-sekali-456",
        })  # fmt: skip
        assert r.status_code == 200 and 'class="error"' in r.content.decode()
        assert Client().login(username=worker.username, password=PASSWORD)
        assert not AccountEvent.objects.exists()


def test_the_audit_trail_is_read_only_in_the_admin(client, admin, worker):
    client.force_login(admin)
    assert client.get("/admin/accounts/accountevent/").status_code == 200
    assert client.get("/admin/accounts/accountevent/add/").status_code == 403


def test_ending_tokens_from_the_admin_is_audited(client, admin, worker):
    ApiToken.issue(worker)
    client.force_login(admin)
    r = client.post(
        "/admin/accounts/user/", {"action": "end_api_tokens", "_selected_action": [worker.pk]}
    )
    assert r.status_code == 302
    assert not ApiToken.objects.filter(user=worker).exists()
    assert AccountEvent.objects.get(user=worker).kind == "tokens_ended"
