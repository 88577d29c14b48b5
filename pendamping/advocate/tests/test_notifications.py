"""The advocate's notifications: a breached complaint told to the supervisor (tier 1)
and the agency's admins (tier 2) by ``advocate_escalate``, once per tier; a complaint
given to a worker by someone else. Codes and times only, in the row and the e-mail."""

import pytest
import time_machine
from django.urls import reverse

from pendamping.advocate.models import Complaint
from pendamping.inbox import services as inbox
from pendamping.inbox.models import Notification

from .conftest import category, receive_group
from .test_escalation import at, run
from .test_pages import group_form, post_intake

PERSONAL = ("Pak Darto", "Bu Sri", "RW 05", "bansos", "0812")


@pytest.fixture
def breached(world):
    with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
        c, _ = receive_group(world.a)  # deadline Thu 8 May 09:00, admin tier Sun 11 May 09:00
    return c


def told(kind):
    return Notification.objects.filter(kind=kind)


def assert_no_personal_data(rows, mails=()):
    for n in rows:
        text = f"{n.data} {n.url} {n.target} {n.text}"
        assert not any(p.lower() in text.lower() for p in PERSONAL), text
    for m in mails:
        assert not any(p.lower() in (m.subject + m.body).lower() for p in PERSONAL)


class TestEscalationNotifications:
    def test_tier_one_tells_the_supervisor_once(self, world, breached):
        f = world.a
        run(at(2025, 5, 8, 9, 0))
        (n,) = told("complaint_escalated_supervisor")
        assert n.recipient == f.users["supervisor"]
        assert n.url == reverse("complaint_detail", args=[breached.pk])
        assert n.target == f"advocate.complaint:{breached.pk}"
        assert n.data["code"] == breached.tracking_code and n.data["tier"] == 1
        assert n.text.startswith(f"Pengaduan {breached.tracking_code} · lewat batas waktu 8 Mei")
        run(at(2025, 5, 8, 9, 5))
        run(at(2025, 5, 9, 9, 0))
        assert told("complaint_escalated_supervisor").count() == 1
        assert not told("complaint_escalated_admin").exists()
        assert_no_personal_data([n])

    def test_tier_two_tells_the_agencys_admins_once(self, world, breached):
        f = world.a
        run(at(2025, 5, 8, 9, 0))
        run(at(2025, 5, 11, 8, 59))
        assert not told("complaint_escalated_admin").exists()
        run(at(2025, 5, 11, 9, 0))
        run(at(2025, 5, 12, 9, 0))
        (n,) = told("complaint_escalated_admin")
        assert n.recipient == f.users["admin"] and n.data["tier"] == 2
        assert not Notification.objects.filter(recipient__membership__agency=world.b.agency)
        assert_no_personal_data([n])

    def test_found_late_both_tiers_are_told_once_each(self, world, breached):
        run(at(2025, 6, 1, 9, 0))
        run(at(2025, 6, 2, 9, 0))
        assert told("complaint_escalated_supervisor").count() == 1
        assert told("complaint_escalated_admin").count() == 1

    def test_the_email_names_the_kind_and_links_the_inbox(
        self,
        world,
        breached,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        sup = world.a.users["supervisor"]
        sup.email, sup.language = "spv@example.org", "en"
        sup.save(update_fields=["email", "language"])
        inbox.email_choices_set(user=sup, kinds=["complaint_escalated_supervisor"])
        with django_capture_on_commit_callbacks(execute=True):
            run(at(2025, 5, 8, 9, 0))
        (mail,) = mailoutbox
        assert mail.to == ["spv@example.org"]
        assert "Complaint past its deadline (supervisor)" in mail.subject
        assert "/inbox/" in mail.body and breached.tracking_code not in mail.body
        assert_no_personal_data([], [mail])


class TestAssigned:
    def test_a_complaint_given_to_a_worker_tells_them(self, client, world):
        f = world.a
        cat = category(f)
        client.force_login(f.users["supervisor"])
        r = post_intake(client, group_form(cat) | {"assigned_worker": f.users["worker"].pk})
        assert r.status_code == 200
        c = Complaint.objects.get()
        assert c.assigned_worker == f.users["worker"]
        (n,) = told("complaint_assigned")
        assert n.recipient == f.users["worker"]
        assert n.url == f"/complaints/{c.pk}/" and n.data["code"] == c.tracking_code
        assert n.text.startswith(f"Pengaduan {c.tracking_code} · batas waktu ")
        assert_no_personal_data([n])

    def test_taking_it_oneself_tells_nobody(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        r = post_intake(client, group_form(category(f)))
        assert r.status_code == 200
        assert not told("complaint_assigned").exists()
