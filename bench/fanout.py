"""The ten-million-client world ("huge"), made on the server from the full one.

    python -m bench.generate --size huge --database postgres

Writing 10,000,000 clients through Python (bench/generate.py) would take about two
hours on this 2-core machine: the full world's 1,000,000 take 563 s alone, and the
indexes outgrow memory beyond it. The huge world is instead the full world
(generated, or cloned from `<prefix>_full` when that database's marker is current)
and nine copies of its people, written by INSERT ... SELECT on the server:

- every worker and supervisor of the generator's five agencies gets nine colleagues
  (`<username>.<k>`, same agency and role, supervised by copy k of their supervisor),
  so caseloads and teams keep their size: bench.worker keeps its 200 open cases, and
  each of its copies has 200;
- copy k of a client has a new id, the same name, sex, birth date, village and home
  point, and a NIK whose serial (its last four digits) is raised by 1000 k: still a
  valid NIK that agrees with birth date and sex, and unique in its agency;
- their name-index rows, cases (numbered `YYYY-k######`), progress notes, timeline
  events, needs, referrals and gaps are copied with their keys moved by the same
  offsets;
- the agencies, admins, auditors and the directory (100,000 services) are not copied.

The copied tables' indexes that back no constraint are dropped first and built again
after (one sort each, not ten million inserts into each), and foreign keys are not
checked row by row (`session_replication_role = replica`): every key written is an
offset of a key that was checked when the full world was written.
`bench/tests/test_fanout.py` fans a small world out this way and checks every
foreign key, the NIKs, the numbers and the counts.
"""

from __future__ import annotations

import sys
import time

from bench import read_marker, setup_django

TIMES = 10
COPIED = [  # the tables copied, in the order written
    "accounts_user", "accounts_membership", "clients_client", "clients_clientnameindex",
    "cases_case", "cases_progressnote", "cases_caseevent", "assessment_need",
    "broker_referral", "broker_gap",
]  # fmt: skip
REBUILT = COPIED[2:]
COUNTED = {  # the marker's counts, named as the generator names them
    "users": "accounts_user", "clients": "clients_client",
    "name_index": "clients_clientnameindex", "cases": "cases_case",
    "notes": "cases_progressnote", "events": "cases_caseevent",
    "organizations": "broker_organization", "services": "broker_service",
    "locations": "broker_location", "needs": "assessment_need",
    "referrals": "broker_referral", "gaps": "broker_gap",
}  # fmt: skip  # the tables whose indexes are dropped and built again

# per table, the INSERT ... SELECT of copies 1..times-1 (fan_k: k; fan_user: a copied
# user's id in copy k; %(x)s: the offsets of the ids of the original rows)
SQL = {
    "accounts_user": """
        INSERT INTO accounts_user (id, password, last_login, is_superuser, username,
            first_name, last_name, email, is_staff, is_active, date_joined, language,
            must_change_password)
        SELECT f.new, u.password, NULL, false, u.username || '.' || f.k, u.first_name,
            u.last_name, u.email, u.is_staff, u.is_active, u.date_joined, u.language,
            u.must_change_password
        FROM fan_user f JOIN accounts_user u ON u.id = f.old""",
    "accounts_membership": """
        INSERT INTO accounts_membership (role, agency_id, supervisor_id, user_id, staff_number)
        SELECT m.role, m.agency_id, COALESCE(s.new, m.supervisor_id), f.new, m.staff_number
        FROM fan_user f JOIN accounts_membership m ON m.user_id = f.old
        LEFT JOIN fan_user s ON s.k = f.k AND s.old = m.supervisor_id""",
    "clients_client": """
        INSERT INTO clients_client (id, kind, full_name, nickname, nik, kk_number, sex,
            birth_date, estimated_age, birth_place, address, phone, religion,
            ppks_categories, disabilities, created_at, updated_at, version, deleted_at,
            agency_id, registered_by_id, region_id, latitude, longitude)
        SELECT c.id + k.k * %(client)s, c.kind, c.full_name, c.nickname,
            CASE WHEN c.nik = '' THEN ''
                 ELSE left(c.nik, 12) || lpad((right(c.nik, 4)::int + 1000 * k.k)::text, 4, '0')
            END,
            c.kk_number, c.sex, c.birth_date, c.estimated_age, c.birth_place, c.address,
            c.phone, c.religion, c.ppks_categories, c.disabilities, c.created_at,
            c.updated_at, c.version, c.deleted_at, c.agency_id,
            COALESCE(f.new, c.registered_by_id), c.region_id, c.latitude, c.longitude
        FROM clients_client c CROSS JOIN fan_k k
        LEFT JOIN fan_user f ON f.k = k.k AND f.old = c.registered_by_id
        WHERE c.agency_id = ANY(%(agencies)s) AND c.id <= %(client)s""",
    "clients_clientnameindex": """
        INSERT INTO clients_clientnameindex (client_id, keys, agency_id)
        SELECT n.client_id + k.k * %(client)s, n.keys, n.agency_id
        FROM clients_clientnameindex n CROSS JOIN fan_k k
        WHERE n.agency_id = ANY(%(agencies)s) AND n.client_id <= %(client)s""",
    "cases_case": """
        INSERT INTO cases_case (id, number, presenting_problem, risk_level, stage,
            opened_at, closed_at, closure_reason, closure_note, updated_at, version,
            deleted_at, agency_id, assigned_worker_id, client_id, created_by_id,
            last_event_at)
        SELECT c.id + k.k * %(case)s, left(c.number, 5) || k.k || substr(c.number, 6),
            c.presenting_problem, c.risk_level, c.stage, c.opened_at, c.closed_at,
            c.closure_reason, c.closure_note, c.updated_at, c.version, c.deleted_at,
            c.agency_id, COALESCE(w.new, c.assigned_worker_id), c.client_id + k.k * %(client)s,
            COALESCE(b.new, c.created_by_id), c.last_event_at
        FROM cases_case c CROSS JOIN fan_k k
        LEFT JOIN fan_user w ON w.k = k.k AND w.old = c.assigned_worker_id
        LEFT JOIN fan_user b ON b.k = k.k AND b.old = c.created_by_id
        WHERE c.agency_id = ANY(%(agencies)s) AND c.id <= %(case)s""",
    "cases_progressnote": """
        INSERT INTO cases_progressnote (id, kind, practice_role, confidentiality,
            occurred_on, body, created_at, updated_at, version, deleted_at, author_id, case_id)
        SELECT n.id + k.k * %(note)s, n.kind, n.practice_role, n.confidentiality,
            n.occurred_on, n.body, n.created_at, n.updated_at, n.version, n.deleted_at,
            COALESCE(a.new, n.author_id), n.case_id + k.k * %(case)s
        FROM cases_progressnote n JOIN fan_case c ON c.id = n.case_id CROSS JOIN fan_k k
        LEFT JOIN fan_user a ON a.k = k.k AND a.old = n.author_id
        WHERE n.id <= %(note)s""",
    "cases_caseevent": """
        INSERT INTO cases_caseevent (kind, at, data, actor_id, case_id, note_id)
        SELECT e.kind, e.at,
            CASE WHEN e.kind = 'opened' AND e.data ? 'number'
                 THEN jsonb_set(e.data, '{number}', to_jsonb(
                     left(e.data->>'number', 5) || k.k || substr(e.data->>'number', 6)))
                 ELSE e.data END,
            COALESCE(a.new, e.actor_id), e.case_id + k.k * %(case)s,
            e.note_id + k.k * %(note)s
        FROM cases_caseevent e JOIN fan_case c ON c.id = e.case_id CROSS JOIN fan_k k
        LEFT JOIN fan_user a ON a.k = k.k AND a.old = e.actor_id
        WHERE e.id <= %(event)s AND (e.note_id IS NULL OR e.note_id <= %(note)s)""",
    "assessment_need": """
        INSERT INTO assessment_need (id, description, urgency, status, created_at,
            updated_at, version, deleted_at, case_id, created_by_id, term_id, assessment_id)
        SELECT n.id + k.k * %(need)s, n.description, n.urgency, n.status, n.created_at,
            n.updated_at, n.version, n.deleted_at, n.case_id + k.k * %(case)s,
            COALESCE(a.new, n.created_by_id), n.term_id, NULL
        FROM assessment_need n JOIN fan_case c ON c.id = n.case_id CROSS JOIN fan_k k
        LEFT JOIN fan_user a ON a.k = k.k AND a.old = n.created_by_id
        WHERE n.id <= %(need)s AND n.assessment_id IS NULL""",
    "broker_referral": """
        INSERT INTO broker_referral (status, note_for_receiver, follow_up_date,
            shared_fields, shared, sent_at, closed_at, created_at, updated_at, version,
            agency_id, case_id, consent_id, created_by_id, need_id, receiving_agency_id,
            service_id, letter_number)
        SELECT r.status, r.note_for_receiver, r.follow_up_date, r.shared_fields, r.shared,
            r.sent_at, r.closed_at, r.created_at, r.updated_at, r.version, r.agency_id,
            r.case_id + k.k * %(case)s, NULL, COALESCE(a.new, r.created_by_id),
            r.need_id + k.k * %(need)s, r.receiving_agency_id, r.service_id, ''
        FROM broker_referral r JOIN fan_case c ON c.id = r.case_id CROSS JOIN fan_k k
        LEFT JOIN fan_user a ON a.k = k.k AND a.old = r.created_by_id
        WHERE r.need_id <= %(need)s AND r.consent_id IS NULL AND r.letter_number = ''""",
    "broker_gap": """
        INSERT INTO broker_gap (reason, opened_at, closed_at, suggested_at, agency_id,
            need_id, region_id, suggested_service_id, term_id)
        SELECT g.reason, g.opened_at, g.closed_at, g.suggested_at, g.agency_id,
            g.need_id + k.k * %(need)s, g.region_id, g.suggested_service_id, g.term_id
        FROM broker_gap g JOIN assessment_need n ON n.id = g.need_id
        JOIN fan_case c ON c.id = n.case_id CROSS JOIN fan_k k
        WHERE g.need_id <= %(need)s""",
}


def fan_out(times: int = TIMES, out=sys.stdout) -> dict:
    """Copy the generator's people `times - 1` times over, in the current database
    (PostgreSQL, as its owner); returns the seconds each step took."""
    from django.db import connection, transaction

    from bench.generate import AGENCIES

    timings: dict[str, float] = {}

    def step(name, sql, params=None):
        started = time.perf_counter()
        cursor.execute(sql, params)
        timings[name] = timings.get(name, 0) + round(time.perf_counter() - started, 1)

    with transaction.atomic(), connection.cursor() as cursor:
        # checks still pending (the caller's own rows) are made now: an index cannot be
        # built on a table with pending trigger events
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "SELECT array_agg(id) FROM accounts_agency WHERE name = ANY(%s)",
            [[name for name, _kind, _province in AGENCIES]],
        )
        agencies = cursor.fetchone()[0]
        offsets = {"agencies": agencies}
        for key, table in (("user", "accounts_user"), ("client", "clients_client"),
                           ("case", "cases_case"), ("note", "cases_progressnote"),
                           ("event", "cases_caseevent"), ("need", "assessment_need")):  # fmt: skip
            cursor.execute(f"SELECT COALESCE(max(id), 0) FROM {table}")
            offsets[key] = cursor.fetchone()[0]
        cursor.execute("CREATE TEMP TABLE fan_k ON COMMIT DROP AS SELECT generate_series(1, %s) AS k",
                       [times - 1])  # fmt: skip
        cursor.execute(
            "CREATE TEMP TABLE fan_user ON COMMIT DROP AS SELECT k.k, m.user_id AS old,"
            " m.user_id + k.k * %(user)s AS new FROM accounts_membership m CROSS JOIN fan_k k"
            " WHERE m.agency_id = ANY(%(agencies)s) AND m.role IN ('worker', 'supervisor')",
            offsets,
        )
        cursor.execute(
            "CREATE TEMP TABLE fan_case ON COMMIT DROP AS SELECT id FROM cases_case"
            " WHERE agency_id = ANY(%(agencies)s) AND id <= %(case)s",
            offsets,
        )
        for table in ("fan_user", "fan_case"):
            cursor.execute(
                f"CREATE UNIQUE INDEX ON {table} ({'k, old' if table == 'fan_user' else 'id'})"
            )
            cursor.execute(f"ANALYZE {table}")
        indexes = []
        for table in REBUILT:  # the indexes that back no constraint: built again after
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                " WHERE i.indrelid = %s::regclass AND NOT EXISTS"
                " (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [table],
            )
            indexes += cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        for table in COPIED:
            print(f"  copying {table}", file=out, flush=True)
            step(table, SQL[table], offsets)
        print(f"  building {len(indexes)} indexes", file=out, flush=True)
        for _name, definition in indexes:
            step("indexes", definition)
    return timings


def make(out=sys.stdout) -> dict:
    """The huge world: the full one (cloned or generated), fanned out tenfold."""
    from bench import DB_PREFIX, PG_SERVER, pg_name
    from bench.generate import GENERATOR_VERSION, Generator

    started = time.perf_counter()
    base = read_marker("postgres", "full")
    if base and base.get("generator_version") == GENERATOR_VERSION:
        import psycopg

        print(f"Cloning {pg_name('full')} (nobody may be connected to it)", file=out, flush=True)
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_name("huge")}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{pg_name("huge")}" TEMPLATE "{pg_name("full")}"')
        setup_django("postgres", "huge")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        base = {**base, "cloned_from": f"{DB_PREFIX}_full"}
    else:
        setup_django("postgres", "huge", fresh=True)
        base = Generator("full", out=out).run()
    base_seconds = round(time.perf_counter() - started, 1)
    print(f"Fanning the full world out {TIMES}-fold", file=out, flush=True)
    timings = fan_out(TIMES, out)
    from django.db import connection

    from pendamping.cases import tallies

    Generator.reset_sequences()
    tallies.rebuild()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
        counts = {}
        for key, table in COUNTED.items():
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[key] = cursor.fetchone()[0]
    total = round(time.perf_counter() - started, 1)
    print(f"Done in {total} s, {size / 2**30:.1f} GiB: {counts}", file=out, flush=True)
    return {
        "generator_version": GENERATOR_VERSION,
        "size": "huge",
        "method": f"the full world and {TIMES - 1} copies of its people (bench/fanout.py)",
        "counts": counts,
        "seconds": total,
        "base_seconds": base_seconds,
        "base": {k: base[k] for k in ("seconds", "timings", "counts") if k in base},
        "timings": timings,
        "database_bytes": size,
    }
