"""The NIK search is answered by the partial unique index (agency, nik), on both engines.

The plain (agency, nik) index went (clients 0018): it doubled the unique one and cost
every imported row a write. SQLite uses a partial index only when the query states its
condition, hence the search's `exclude(nik="")`.
"""

import pytest
from django.db import connection, transaction

from pendamping.clients.selectors import search_clients


def plan_of(qs) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned
        sql, params = qs.query.sql_with_params()
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + sql, params)
        return " ".join(str(row) for row in cursor.fetchall())


@pytest.mark.parametrize("typed", ["3273051705800100", "327305170580"], ids=["whole", "prefix"])
def test_the_nik_search_uses_the_unique_index(world, typed):
    for role in ("admin", "worker"):
        plan = plan_of(search_clients(world.a.users[role], typed))
        assert "client_unique_nik_per_agency" in plan, (role, plan)
