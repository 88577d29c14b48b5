"""The shared world (pendamping/tests/shared_world.py) isolates tests as a world of
their own did: what a test writes, and what a layer adds, is gone for the next test.

The tests run in this order on one worker (the xdist group), each checking what the
one before it left."""

import pytest
from django.db import connection

from pendamping.cases import services as case_services
from pendamping.cases.models import Case
from pendamping.cases.models import ProgressNote as Note
from pendamping.tests.shared_world import db_after_shared_world, world_from_shared  # noqa: F401

pytestmark = pytest.mark.xdist_group("shared_world")

SEEN = {}


def extra_note(world):
    world.a.extra = case_services.note_add(
        actor=world.a.users["worker"], case=world.a.case, data={"kind": "phone", "body": "Lapis"}
    )


def test_a_test_writes_and_changes_its_objects(world):
    SEEN["notes"] = Note.objects.count()
    SEEN["case_pk"] = world.a.case.pk
    case_services.note_add(
        actor=world.a.users["worker"], case=world.a.case, data={"kind": "phone", "body": "Baru"}
    )
    Case.objects.filter(pk=world.a.case.pk).update(presenting_problem="Diubah")
    world.a.case.presenting_problem = "Diubah"
    world.a.client.full_name = "Nama lain"


def test_the_next_test_sees_none_of_it(world):
    assert Note.objects.count() == SEEN["notes"]
    assert world.a.case.pk == SEEN["case_pk"]  # the same world, not a new one
    assert Case.objects.get(pk=world.a.case.pk).presenting_problem == "Masalah ekonomi"
    assert world.a.case.presenting_problem == "Masalah ekonomi"
    assert world.a.client.full_name == "Siti Rahayu A"


@pytest.mark.parametrize("shared_world_layer", [extra_note, extra_note], indirect=True)
def test_a_layer_is_there_for_the_tests_that_ask_for_it(world):
    assert Note.objects.filter(pk=world.a.extra.pk, body="Lapis").exists()
    assert Note.objects.count() == SEEN["notes"] + 1
    SEEN["extra_pk"] = world.a.extra.pk
    Note.objects.filter(pk=world.a.extra.pk).update(body="Diubah dalam tes")


def test_and_gone_for_the_next_that_does_not(world):
    assert not hasattr(world.a, "extra")
    assert not Note.objects.filter(pk=SEEN["extra_pk"]).exists()
    assert Note.objects.count() == SEEN["notes"]


def test_each_test_runs_in_its_own_savepoint(world):
    # the shared world's transaction, then pytest-django's atomic block for this test
    assert connection.in_atomic_block
    assert len(connection.atomic_blocks) == 2
