"""Each diversion level on the page with its own clocks, through HTTP, and the clock
of an agreement not carried out (SPPA Art 14(4): acted on within 7 days), told by the
periodic check to the mediator and, once past, to the supervisor, with frozen time."""

from datetime import timedelta

from django.urls import reverse

from pendamping.inbox.models import Notification
from pendamping.mediator import levels
from pendamping.mediator.models import DiversionLevel

from .test_clocks import START, diversion
from .test_notifications import clean, run


class TestLevelsOnThePage:
    def test_two_levels_each_with_its_clocks(self, client, world, frozen):
        f = world.a
        frozen(START + timedelta(days=20))
        m = diversion(f, level_started_on=START, diversion_started_on=START + timedelta(days=2),
                      agreement_reached_on=START + timedelta(days=5))  # fmt: skip
        client.force_login(f.users["worker"])
        lv = DiversionLevel.objects.get()
        resp = client.post(reverse("mediation_level_save", args=[m.pk, lv.pk]), {
            "diversion_started_on": (START + timedelta(days=2)).isoformat(),
            "agreement_reached_on": (START + timedelta(days=5)).isoformat(),
            "result": "not_carried_out", "agreement": "Ganti rugi Rp2 juta",
            "failure_reported_on": (START + timedelta(days=12)).isoformat(),
            "version": lv.version})  # fmt: skip
        assert resp.status_code == 302
        lv.refresh_from_db()
        assert lv.result == "not_carried_out" and lv.agreement == "Ganti rugi Rp2 juta"
        resp = client.post(reverse("mediation_level_add", args=[m.pk]), {
            "level": "prosecution", "started_on": (START + timedelta(days=18)).isoformat()})  # fmt: skip
        assert resp.status_code == 302 and DiversionLevel.objects.count() == 2
        html = client.get(reverse("mediation_detail", args=[m.pk])).content.decode()
        first, second = DiversionLevel.objects.order_by("started_on")
        one = html.split(f'id="level-{first.pk}"')[1].split("</article>")[0]
        two = html.split(f'id="level-{second.pk}"')[1].split("</article>")[0]
        assert 'data-clock="followed_up"' in one and "Lewat batas" in one  # reported +12, now +20
        assert "UU 11/2012 Ps 14(4)" in one and "Ganti rugi Rp2 juta" in one
        assert 'data-clock="attempt"' in two and 'data-clock="followed_up"' not in two

    def test_a_stale_or_disordered_save_is_refused_on_the_page(self, client, world, frozen):
        f = world.a
        frozen(START + timedelta(days=3))
        m = diversion(f, level_started_on=START)
        lv = DiversionLevel.objects.get()
        client.force_login(f.users["worker"])
        url = reverse("mediation_level_save", args=[m.pk, lv.pk])
        before = START - timedelta(days=1)
        client.post(url, {"diversion_started_on": before.isoformat(), "version": lv.version})
        client.post(url, {"diversion_started_on": START.isoformat(), "version": lv.version + 5})
        lv.refresh_from_db()
        assert lv.diversion_started_on is None and lv.version == 1


class TestFailureClock:
    def test_told_to_the_mediator_then_past_to_the_supervisor(self, world, frozen):
        f = world.a
        frozen(START + timedelta(days=3))
        m = diversion(f, level_started_on=START, diversion_started_on=START,
                      agreement_reached_on=START + timedelta(days=2))  # fmt: skip
        lv = DiversionLevel.objects.get()
        levels.level_update(actor=f.users["worker"], record=lv, data={
            "result": "not_carried_out", "failure_reported_on": START + timedelta(days=3)})  # fmt: skip
        frozen(START + timedelta(days=9))  # one day left of 7
        assert "diversion clocks 1" in run()  # a level with a result runs this clock only
        frozen(START + timedelta(days=11))  # past its end
        run()
        rows = Notification.objects.filter(kind="diversion_clock", data__clock="followed_up")
        told = sorted((n.recipient.username, n.data["state"]) for n in rows)
        assert told == sorted([(f.users["worker"].username, "running_out"),
                               (f.users["worker"].username, "overdue"),
                               (f.users["supervisor"].username, "overdue")])  # fmt: skip
        for n in rows:
            clean(n)
            assert n.url == reverse("mediation_detail", args=[m.pk])
        frozen(START + timedelta(days=12))
        levels.level_update(actor=f.users["worker"], record=lv,
                            data={"followed_up_on": START + timedelta(days=12)})  # fmt: skip
        assert "diversion clocks 0" in run()
