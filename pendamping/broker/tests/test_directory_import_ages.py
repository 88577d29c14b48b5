"""An age cell the directory import cannot read as whole years ("inf", "1e999", a
superscript digit, a long number) refuses the row with the column's message, through
the API's upload and the worker's run, instead of ending the run with an unexpected
error."""

import pytest

from pendamping.broker.models import Service
from pendamping.clients.tests.test_import_web import no_connection_recycling, run_worker  # noqa: F401

from .test_directory_import_api import admin_api, start  # noqa: F401
from .test_directory_import_web import csv_bytes
from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_sheet import ROWS


@pytest.mark.parametrize("age", ["inf", "1e999", "-inf", "nan", "²", "1000", "18.5", "1e2"])
def test_an_unreadable_age_is_refused_with_the_columns_message(
    admin_api,  # noqa: F811
    world,
    django_capture_on_commit_callbacks,
    age,
):
    rows = [ROWS[0], [*ROWS[2][:7], age, ROWS[2][8]]]
    made = start(admin_api, django_capture_on_commit_callbacks, csv_bytes(rows))
    assert made.status_code == 201, made.json()
    run_worker()
    got = admin_api.get(f"/directory/imports/{made.json()['id']}").json()
    assert got["status"] == "refused", got
    (issue,) = got["report"]["errors"]
    assert "angka bulat" in issue["message"] and "tak terduga" not in str(got), got
    assert not Service.objects.filter(agency=world.a.agency).exists()


def test_whole_years_from_a_number_cell_are_read(
    admin_api,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    rows = [ROWS[0], [*ROWS[2][:7], "60.0", ROWS[2][8]]]
    made = start(admin_api, django_capture_on_commit_callbacks, csv_bytes(rows))
    run_worker()
    got = admin_api.get(f"/directory/imports/{made.json()['id']}").json()
    assert got["status"] == "checked" and not got["report"]["errors"], got
    assert got["report"]["created"] >= 2
