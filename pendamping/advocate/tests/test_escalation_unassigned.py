"""Tier 1 of a complaint nobody carries yet: it has no supervisor of its own, so at the
deadline every active supervisor of the agency is alerted (home item and inbox), once,
however often the check runs; once it is given out, the new worker's supervisor keeps
the alert. Frozen time throughout."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from pendamping.accounts.models import Membership, Role
from pendamping.advocate import selectors, services
from pendamping.advocate.models import Escalation, Tier
from pendamping.inbox.models import Notification

from .conftest import category, group_data
from .test_escalation import at, run
from .test_notifications import assert_no_personal_data


def supervisor(f, name, *, active=True):
    user = get_user_model().objects.create(username=name, first_name=name, is_active=active)
    Membership.objects.create(user=user, agency=f.agency, role=Role.SUPERVISOR)
    return user


@pytest.fixture
def unassigned(world):
    f = world.a
    with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
        # an admin's intake stays unassigned; deadline Thu 8 May 09:00
        c, _ = services.complaint_receive(actor=f.users["admin"], data=group_data(f, category(f)))
    assert c.assigned_worker_id is None
    return c


def told(kind="complaint_escalated_supervisor"):
    return Notification.objects.filter(kind=kind)


class TestUnassignedTierOne:
    def test_every_supervisor_of_the_agency_is_told_once(self, world, unassigned):
        f = world.a
        second = supervisor(f, "a_supervisor_2")
        supervisor(f, "a_supervisor_gone", active=False)
        assert "supervisor 0, agency admin 0" in run(at(2025, 5, 8, 8, 59))
        assert not told().exists()
        assert "supervisor 1, agency admin 0" in run(at(2025, 5, 8, 9, 0))
        row = Escalation.objects.get()
        assert (row.tier, row.to_user) == (Tier.SUPERVISOR, None)
        unassigned.refresh_from_db()
        assert unassigned.flagged
        rows = list(told())
        assert sorted(n.recipient_id for n in rows) == sorted([f.users["supervisor"].pk, second.pk])
        assert all(n.data["tier"] == 1 and n.data["code"] == unassigned.tracking_code
                   and n.url == reverse("complaint_detail", args=[unassigned.pk])
                   for n in rows)  # fmt: skip
        assert_no_personal_data(rows)
        # never again, every five minutes or days later
        assert "supervisor 0, agency admin 0" in run(at(2025, 5, 8, 9, 5))
        run(at(2025, 5, 9, 9, 0))
        assert told().count() == 2 and Escalation.objects.count() == 1
        # another agency's supervisor, the workers and the admins hear nothing at tier 1
        assert not Notification.objects.filter(
            recipient__in=[world.b.users["supervisor"], f.users["worker"], f.users["admin"]]
        ).exists()

    def test_a_supervisor_who_joins_later_is_not_told_again_by_a_rerun(self, world, unassigned):
        run(at(2025, 5, 8, 9, 0))
        supervisor(world.a, "a_supervisor_late")
        run(at(2025, 5, 8, 9, 5))
        assert told().count() == 1  # the escalation is written once, told once

    def test_it_is_on_every_supervisors_home_until_given_out(self, client, world, unassigned):
        f = world.a
        second = supervisor(f, "a_supervisor_2")
        run(at(2025, 5, 8, 9, 0))
        for user in (f.users["supervisor"], second):
            item = selectors.home_escalated_supervisor(user)
            assert [e.complaint for e in item["escalations"]] == [unassigned]
            client.force_login(user)
            home = client.get(reverse("home")).content.decode()
            assert 'id="escalated-complaints"' in home and unassigned.tracking_code in home
        assert selectors.home_escalated_supervisor(world.b.users["supervisor"]) is None
        client.force_login(f.users["worker"])
        assert 'id="escalated-complaints"' not in client.get(reverse("home")).content.decode()
        # given to the worker: their own supervisor keeps the alert, the other one not
        services.complaint_assign(actor=f.users["admin"], complaint=unassigned,
                                  worker=f.users["worker"],
                                  expected_version=unassigned.version)  # fmt: skip
        item = selectors.home_escalated_supervisor(f.users["supervisor"])
        assert [e.complaint for e in item["escalations"]] == [unassigned]
        assert selectors.home_escalated_supervisor(second) is None

    def test_tier_two_still_reaches_the_admins(self, world, unassigned):
        run(at(2025, 5, 8, 9, 0))
        assert "supervisor 0, agency admin 1" in run(at(2025, 5, 11, 9, 0))
        (n,) = told("complaint_escalated_admin")
        assert n.recipient == world.a.users["admin"]

    def test_an_agency_without_supervisors_writes_the_tier_and_tells_nobody(
        self, world, unassigned
    ):
        Membership.objects.filter(agency=world.a.agency, role=Role.SUPERVISOR).delete()
        assert "supervisor 1" in run(at(2025, 5, 8, 9, 0))
        assert not told().exists()
