"""The test `world`, built once per module instead of once per test.

The permission matrix asks the same question (may this role do this?) of the same
two agencies about 5,000 times; building them for each question was most of the
suite's time. `SharedWorld` builds them once inside a transaction that is never
committed. Each test then runs in a savepoint inside it (pytest-django's `db`
fixture nests its atomic blocks), so what one test writes is rolled back before the
next, exactly as when each test built its own world, and each test gets its own
copy of the Python objects.

A run of tests that needs the same extra objects on top of the world (a matrix
entry's `prepare`: a referral, a mediation) shares them too: `world(prepare)` applies
`prepare` once in a savepoint of its own, the "layer", and keeps it while the next
tests ask for the same `prepare`; a test that asks for another one (or none) gets
the layer rolled back first, so no test sees objects it did not ask for.

Only for tests without `transactional_db` or a live server: those commit, and the
shared world's transaction would hide their data from the server's thread.
"""

import copy

import pytest
from django.db import connection, transaction

# A module uses the shared world by importing these two fixtures (as `db` and `world`):
#     from pendamping.tests.shared_world import db_after_shared_world, world_from_shared
# and parametrizes a test indirectly with `shared_world_layer` to add objects on top.


@pytest.fixture(name="db")
def db_after_shared_world(shared_world_layer, _django_db_helper):
    """pytest-django's `db`, opened after the shared world (and its layer), so that the
    test's savepoint is inside theirs."""


@pytest.fixture(name="world")
def world_from_shared(shared_world_layer, db):
    """`world` of pendamping/conftest.py, from the module's shared world."""
    return shared_world_layer


def _enter_atomic():
    atomic = transaction.atomic()
    # like the atomic blocks of Django's TestCase: a durable block inside stays allowed
    atomic._from_testcase = True
    atomic.__enter__()
    return atomic


def _rollback(atomic):
    transaction.set_rollback(True)
    atomic.__exit__(None, None, None)


class SharedWorld:
    def __init__(self, build):
        self._outer = _enter_atomic()
        try:
            self._base = build()
        except BaseException:
            _rollback(self._outer)
            raise
        self._layer = None  # (prepare, its atomic block, the world with it applied)

    def world(self, prepare=None):
        """A fresh copy of the world, with `prepare(world)` applied when given."""
        top = self._layer[1] if self._layer else self._outer
        assert connection.atomic_blocks and connection.atomic_blocks[-1] is top, (
            "the shared world is asked for inside another transaction (a test's own "
            "savepoint opened before it, or a transactional test)"
        )
        if self._layer and self._layer[0] is not prepare:
            _rollback(self._layer[1])
            self._layer = None
        if prepare is None:
            return copy.deepcopy(self._base)
        if self._layer is None:
            atomic = _enter_atomic()
            try:
                w = copy.deepcopy(self._base)
                prepare(w)
            except BaseException:
                _rollback(atomic)
                raise
            self._layer = (prepare, atomic, w)
        return copy.deepcopy(self._layer[2])

    def close(self):
        if self._layer:
            _rollback(self._layer[1])
            self._layer = None
        _rollback(self._outer)
