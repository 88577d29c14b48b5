"""The mediator's notifications, by ``manage.py mediator_escalate`` with frozen time:
an agreement term not complied with 7 days after its due date tells the mediator's
supervisor; a diversion clock with a day left, then past its end, tells the mediator.
Each once, however often the command runs; ids, codes and dates only."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pendamping.inbox import services as inbox
from pendamping.inbox.models import Notification
from pendamping.mediator import services

from .conftest import open_mediation, with_parties
from .test_clocks import START, diversion

PERSONAL = ("Pak Darto", "Uang sekolah", "Pencurian", "sepeda", "Tetangga", "0812")


def run() -> str:
    out = StringIO()
    call_command("mediator_escalate", stdout=out)
    return out.getvalue()


def clean(n):
    text = f"{n.data} {n.url} {n.target} {n.text}"
    assert not any(p.lower() in text.lower() for p in PERSONAL), text


def signed_term(f):
    m = open_mediation(f)
    _one, two = with_parties(f, m)
    worker, today = f.users["worker"], timezone.localdate()
    term = services.term_add(actor=worker, mediation=m, text="Uang sekolah dibayar",
                             responsible=two, due_on=today)  # fmt: skip
    services.agreement_sign(actor=worker, mediation=m, signed_on=today)
    return m, term, today


class TestTerms:
    def test_a_week_after_the_due_date_the_supervisor_is_told_once(self, world, frozen):
        f = world.a
        m, term, today = signed_term(f)
        frozen(today + timedelta(days=7))
        assert "terms 0" in run()
        frozen(today + timedelta(days=8))
        assert "terms 1" in run()
        assert "terms 0" in run()
        frozen(today + timedelta(days=9))
        assert "terms 0" in run()
        (n,) = Notification.objects.filter(kind="mediation_term_escalated")
        assert n.recipient == f.users["supervisor"]
        assert n.url == reverse("mediation_detail", args=[m.pk])
        assert n.target == f"mediator.term:{term.pk}"
        assert n.data == {"mediation": m.pk, "term": term.pk, "due": today.isoformat()}
        assert n.text.startswith(f"Mediasi #{m.pk} · butir kesepakatan lewat tenggat ")
        clean(n)

    def test_a_complied_term_tells_nobody(self, world, frozen):
        f = world.a
        _m, term, today = signed_term(f)
        services.term_check(actor=f.users["worker"], term=term, compliance="complied")
        frozen(today + timedelta(days=30))
        assert "terms 0" in run()
        assert not Notification.objects.exists()

    def test_the_email_says_the_kind_only(
        self, world, frozen, mailoutbox, django_capture_on_commit_callbacks
    ):
        f = world.a
        sup = f.users["supervisor"]
        sup.email, sup.language = "spv@example.org", "en"
        sup.save(update_fields=["email", "language"])
        inbox.email_choices_set(user=sup, kinds=["mediation_term_escalated"])
        _m, _term, today = signed_term(f)
        frozen(today + timedelta(days=8))
        with django_capture_on_commit_callbacks(execute=True):
            run()
        (mail,) = mailoutbox
        assert "Agreement term not complied with (escalated)" in mail.subject
        body = mail.subject + mail.body
        assert "/inbox/" in body and not any(p.lower() in body.lower() for p in PERSONAL)


class TestClocks:
    def test_the_mediator_is_told_a_day_before_and_after_the_end(self, world, frozen):
        f = world.a
        frozen(START)
        m = diversion(f, level_started_on=START)  # attempt clock: ends START + 7
        frozen(START + timedelta(days=5))  # running out on the home page, not yet told
        assert "diversion clocks 0" in run()
        frozen(START + timedelta(days=6))
        assert "diversion clocks 1" in run()
        assert "diversion clocks 0" in run()
        frozen(START + timedelta(days=7))
        assert "diversion clocks 0" in run()
        frozen(START + timedelta(days=8))
        assert "diversion clocks 1" in run()
        frozen(START + timedelta(days=20))
        assert "diversion clocks 0" in run()
        rows = list(Notification.objects.filter(kind="diversion_clock").order_by("id"))
        assert [n.recipient for n in rows] == [f.users["worker"]] * 2
        due = (START + timedelta(days=7)).isoformat()
        assert [n.data for n in rows] == [
            {
                "mediation": m.pk,
                "clock": "attempt",
                "state": s,
                "due": due,
                "level": "investigation",
            }
            for s in ("running_out", "overdue")
        ]
        assert (
            rows[0].text
            == f"Mediasi #{m.pk} · Penyidikan · Diversi diupayakan · berakhir 9 Mar 2026"
        )
        assert (
            rows[1].text
            == f"Mediasi #{m.pk} · Penyidikan · Diversi diupayakan · lewat batas 9 Mar 2026"
        )
        assert rows[0].url == reverse("mediation_detail", args=[m.pk])
        for n in rows:
            clean(n)

    def test_a_met_clock_tells_nobody(self, world, frozen):
        f = world.a
        frozen(START + timedelta(days=10))
        diversion(f, level_started_on=START, diversion_started_on=START + timedelta(days=6))
        assert "diversion clocks 0" in run()
