"""The idle expiry of a signed-in session slides without a write on every request
(pendamping.web.SessionRefreshMiddleware), and choice labels come without Django's
dict of every translated choice (pendamping.text.choice_label)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pendamping.accounts.models import User
from pendamping.cases.models import ProgressNote
from pendamping.web import SessionRefreshMiddleware

pytestmark = pytest.mark.django_db


def session_writes(client, path="/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code in (200, 302)
    return sum(
        1
        for q in queries
        if "django_session" in q["sql"] and q["sql"].startswith(("UPDATE", "INSERT"))
    )


@pytest.fixture
def signed_in(client):
    user = User.objects.create_user("sesi", password="x-very-long-password")
    client.force_login(user)
    return client


def test_a_session_is_not_written_on_every_request(signed_in):
    # the login slid it: no request writes it again within the interval
    assert session_writes(signed_in) == 0
    assert session_writes(signed_in) == 0


def test_the_idle_expiry_slides_again_after_the_refresh_interval(signed_in, settings):
    session_writes(signed_in)
    key = signed_in.session.session_key
    before = Session.objects.get(pk=key).expire_date
    # as if the last slide was longer ago than the interval
    session = signed_in.session
    session[SessionRefreshMiddleware.KEY] -= settings.SESSION_REFRESH_SECONDS + 1
    session.save()
    earlier = before - timedelta(hours=1)
    Session.objects.filter(pk=key).update(expire_date=earlier)
    assert session_writes(signed_in) == 1
    assert Session.objects.get(pk=key).expire_date > earlier + timedelta(minutes=59)


def test_a_visitor_without_a_session_gets_none(client):
    assert session_writes(client, reverse("login")) == 0
    assert not Session.objects.exists()


@pytest.mark.parametrize("language", ["id", "en"])
def test_note_labels_are_those_django_would_show(language):
    with translation.override(language):
        for kind in ProgressNote.Kind:
            for role in ProgressNote.PracticeRole:
                note = ProgressNote(kind=kind, practice_role=role)
                assert note.get_kind_display() == str(kind.label)
                assert note.get_practice_role_display() == str(role.label)
        stray = ProgressNote(kind="gone", practice_role="gone")
        assert stray.get_kind_display() == "gone"
        assert stray.get_practice_role_display() == "gone"
        if language == "en":
            assert ProgressNote(kind="phone").get_kind_display() == "Phone"
