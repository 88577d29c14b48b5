"""The inbox through its real interfaces: notify(), the pages, the header count,
e-mail by choice, and the API."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pendamping.inbox import services
from pendamping.inbox.models import Notification


def tell(user, n=1, **kw):
    rows = []
    for i in range(n):
        rows += services.notify(
            [user], "task_assigned", url=f"/cases/{i + 1}/",
            case=f"2026-{i + 1:06d}", due="2026-12-03", **kw,
        )  # fmt: skip
    return rows


class TestNotify:
    def test_it_tells_each_recipient_once_and_not_the_actor(self, world):
        a = world.a.users
        rows = services.notify(
            [a["worker"], a["supervisor"], a["worker"].pk, None], "task_assigned",
            url="/cases/1/", exclude=[a["supervisor"]], case="2026-000001", due="2026-12-03",
        )  # fmt: skip
        assert [r.recipient_id for r in rows] == [a["worker"].pk]

    def test_it_is_idempotent_with_a_dedupe_key(self, world):
        worker = world.a.users["worker"]
        before = Notification.objects.count()
        for _ in range(3):
            services.notify([worker], "task_overdue", url="/cases/1/", dedupe="task:1:2026-12-01")
        assert Notification.objects.count() == before + 1

    def test_it_refuses_an_unregistered_kind_and_a_url_outside_the_site(self, world):
        worker = world.a.users["worker"]
        with pytest.raises(ValueError, match="Unregistered"):
            services.notify([worker], "no_such_kind", url="/")
        for url in ("https://evil.example/", "//evil.example/", "cases/1/"):
            with pytest.raises(ValueError, match="path"):
                services.notify([worker], "task_assigned", url=url)

    def test_it_keeps_ids_and_codes_only(self, world):
        (row,) = tell(world.a.users["worker"])
        assert row.data == {"case": "2026-000001", "due": "2026-12-03"}
        assert row.text == "Kasus 2026-000001 · tenggat 3 Des 2026"


class TestInboxPage:
    def test_it_shows_an_empty_state(self, client, world):
        client.force_login(world.a.users["admin"])
        body = client.get(reverse("inbox")).content.decode()
        assert "Belum ada pemberitahuan" in body

    def test_it_lists_unread_first_with_the_count_in_the_header(self, client, world):
        user = world.a.users["admin"]
        tell(user, 3)
        client.force_login(user)
        body = client.get(reverse("home")).content.decode()
        assert 'class="inbox-link"' in body and '<span class="badge warn">3<span' in body
        body = client.get(reverse("inbox")).content.decode()
        assert body.count('class="notification unread"') == 3
        assert "Tindak lanjut ditugaskan kepada Anda" in body and "2026-000003" in body

    def test_it_counts_in_one_query_per_request(self, client, world, django_assert_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        user = world.a.users["admin"]
        tell(user, 2)
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("client_list"))
        counting = [q for q in queries.captured_queries if '"inbox_notification"' in q["sql"]]
        assert len(counting) == 1

    def test_it_opens_the_thing_and_marks_it_read(self, client, world):
        user = world.a.users["admin"]
        (n,) = tell(user)
        client.force_login(user)
        response = client.get(reverse("inbox_open", args=[n.pk]))
        assert response.status_code == 302 and response["Location"] == "/cases/1/"
        n.refresh_from_db()
        assert n.read_at is not None
        assert "badge warn" not in client.get(reverse("inbox")).content.decode()

    def test_it_hides_another_users_notification(self, client, world):
        (n,) = tell(world.a.users["worker"])
        client.force_login(world.a.users["supervisor"])
        assert client.get(reverse("inbox_open", args=[n.pk])).status_code == 404
        assert client.post(reverse("inbox_read", args=[n.pk])).status_code == 404
        assert client.get(reverse("inbox_open", args=[10**9])).status_code == 404

    def test_it_marks_read_and_unread_and_all(self, client, world):
        user = world.a.users["admin"]
        first, _second = tell(user, 2)
        client.force_login(user)
        client.post(reverse("inbox_read", args=[first.pk]), {"next": "/inbox/?show=unread"})
        body = client.get(reverse("inbox") + "?show=unread").content.decode()
        assert body.count('class="notification unread"') == 1
        client.post(reverse("inbox_read", args=[first.pk]), {"unread": "1"})
        first.refresh_from_db()
        assert first.read_at is None
        response = client.post(reverse("inbox_read_all"), follow=True)
        assert "2 pemberitahuan ditandai sudah dibaca" in response.content.decode()
        assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
        body = client.get(reverse("inbox") + "?show=unread").content.decode()
        assert "Semua pemberitahuan sudah Anda baca" in body

    def test_it_never_redirects_back_outside_the_inbox(self, client, world):
        user = world.a.users["admin"]
        (n,) = tell(user)
        client.force_login(user)
        response = client.post(
            reverse("inbox_read", args=[n.pk]), {"next": "https://evil.example/"}
        )
        assert response["Location"] == "/inbox/"

    def test_it_pages_the_list(self, client, world):
        user = world.a.users["admin"]
        tell(user, 27)
        client.force_login(user)
        first = client.get(reverse("inbox")).content.decode()
        second = client.get(reverse("inbox") + "?page=2").content.decode()
        assert first.count('class="notification') == 25 and second.count('class="notification') == 2

    def test_it_speaks_english_to_an_english_user(self, client, world):
        user = world.a.users["admin"]
        user.language = "en"
        user.save(update_fields=["language"])
        tell(user)
        client.force_login(user)
        body = client.get(reverse("inbox")).content.decode()
        assert "A task assigned to you" in body and "Case 2026-000001 · due 3 Dec 2026" in body


class TestEmail:
    def test_it_mails_a_link_only_for_the_kinds_chosen(self, client, world, mailoutbox):
        user = world.a.users["worker"]
        user.email = "peksos@example.org"
        user.save(update_fields=["email"])
        client.force_login(user)
        response = client.post(reverse("inbox_settings"), {"kinds": ["task_overdue"]})
        assert response.status_code == 302
        with self._commit():
            tell(user)  # task_assigned: not chosen
            services.notify([user], "task_overdue", url="/cases/7/", case="2026-000007",
                            due="2026-12-01", dedupe="t7")  # fmt: skip
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == ["peksos@example.org"]
        assert "Tindak lanjut Anda terlambat" in mail.subject
        assert "http://127.0.0.1:8000/inbox/" in mail.body
        assert "2026-000007" not in mail.body and "Siti" not in mail.body

    def test_it_refuses_an_unknown_kind(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.post(reverse("inbox_settings"), {"kinds": ["nope"]})
        assert response.status_code == 422
        assert "nope" in response.content.decode()

    def test_it_shows_the_choice_made(self, client, world):
        user = world.a.users["worker"]
        services.email_choices_set(user=user, kinds=["task_assigned"])
        client.force_login(user)
        body = client.get(reverse("inbox_settings")).content.decode()
        assert 'value="task_assigned" checked' in body.replace('" id', '" checked id') or (
            'value="task_assigned"' in body and "checked" in body
        )
        assert "belum memiliki alamat e-mail" in body

    @staticmethod
    def _commit():
        from django.test import TestCase

        return TestCase.captureOnCommitCallbacks(execute=True)


class TestApi:
    def test_it_lists_marks_one_and_all(self, api, world):
        user = world.a.users["admin"]
        first, _second, _third = tell(user, 3)
        tell(world.a.users["worker"])
        api.as_user(user)
        got = api.get("/notifications").json()
        assert got["count"] == 3 and {i["kind"] for i in got["items"]} == {"task_assigned"}
        assert got["items"][0]["text"].startswith("Kasus ")
        read = api.post(f"/notifications/{first.pk}/read", {"read": True})
        assert read.status_code == 200 and read.json()["read_at"]
        assert api.get("/notifications?unread=true").json()["count"] == 2
        unread = api.post(f"/notifications/{first.pk}/read", {"read": False}).json()
        assert unread["read_at"] is None
        assert api.post("/notifications/read-all").json() == {"marked": 3, "unread": 0}

    def test_it_refuses_bad_input(self, api, world):
        api.as_user(world.a.users["admin"])
        assert api.post("/notifications/abc/read").status_code == 422
        assert api.post(f"/notifications/{2**70}/read").status_code in (404, 422)
        assert api.get("/notifications?page=0").status_code == 422


class TestTaskNotifications:
    def test_a_task_assigned_to_someone_else_tells_them(self, client, world):
        f = world.a
        client.force_login(f.users["supervisor"])
        due = (timezone.localdate() + timedelta(days=3)).isoformat()
        client.post(
            reverse("task_add", args=[f.case.pk]),
            {"title": "Kunjungan rumah", "due_date": due, "assignee": f.users["worker"].pk},
        )
        n = Notification.objects.get(recipient=f.users["worker"], kind="task_assigned",
                                     data__case=f.case.number, data__due=due)  # fmt: skip
        assert n.url == f"/cases/{f.case.pk}/" and n.target.startswith("cases.task:")
        assert "Kunjungan" not in str(n.data)

    def test_a_task_you_give_yourself_tells_nobody(self, world):
        from pendamping.cases import services as case_services

        f = world.a
        before = Notification.objects.count()
        case_services.task_add(actor=f.users["worker"], case=f.case, title="Telepon",
                               due_date=timezone.localdate())  # fmt: skip
        assert Notification.objects.count() == before
