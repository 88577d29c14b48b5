"""Words that Indonesian shares between meanings get their own English."""

from django.utils import translation

from pendamping.facilitator.models import EnrolmentStatus


def test_left_status_is_not_log_out():
    with translation.override("en"):
        assert str(EnrolmentStatus.LEFT.label) == "Left"
        assert translation.gettext("Keluar") == "Log out"
    with translation.override("id"):
        assert str(EnrolmentStatus.LEFT.label) == "Keluar"
