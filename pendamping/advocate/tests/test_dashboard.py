"""The dashboard: counts by stage, category and channel, the share resolved within the
SLA per month, the overdue list, its XLSX; scoped, with a bounded number of queries."""

import io

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pendamping.advocate import services

from .conftest import category, receive_group
from .test_services import at


def _decide(f, c):
    services.complaint_decide(actor=f.users["worker"], complaint=c, decision="upheld",
                              reason="Selesai", expected_version=c.version)  # fmt: skip


def _world(f):
    cat = category(f, '=HYPERLINK("http://x")')  # a formula-looking name stays text
    with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
        in_time, _ = receive_group(f, cat)
        late, _ = receive_group(f, cat, channel="phone")
        open_, _ = receive_group(f, cat, channel="letter")
    with time_machine.travel(at(2025, 5, 6, 9, 0), tick=False):
        _decide(f, in_time)
    with time_machine.travel(at(2025, 5, 20, 9, 0), tick=False):
        _decide(f, late)
    return in_time, late, open_


class TestDashboard:
    def test_the_figures_and_the_overdue_list(self, client, world):
        f = world.a
        _in_time, _late, open_ = _world(f)
        receive_group(world.b)  # another agency's: never counted
        client.force_login(f.users["supervisor"])
        with time_machine.travel(at(2025, 6, 2, 9, 0), tick=False):
            with CaptureQueriesContext(connection) as ctx:
                r = client.get(reverse("complaint_dashboard"))
            assert r.status_code == 200
            d = r.context
            stages = {label: (n, k) for label, n, k in d["by_stage"]}
            assert stages["Selesai"] == (2, 0) and stages["Baru"] == (1, 1)  # (all, open)
            channels = {label: n for label, n, _k in d["by_channel"]}
            assert channels["Telepon"] == 1 and channels["Surat"] == 1
            # categories and channels also count the open ones: two decided, one open
            for table in ("by_channel", "by_category"):
                assert sum(n for _l, n, _k in d[table]) == 3, table
                assert sum(k for _l, _n, k in d[table]) == 1, table
            may = next(m for m in d["resolved"] if m["month"].month == 5)
            assert (may["total"], may["met"], may["share"]) == (2, 1, 50)
            assert [c.pk for c in d["overdue"]] == [open_.pk]
            assert d["total"] == 3
            page = r.content.decode()
            assert open_.tracking_code in page and "50 %" in page
            assert len(ctx.captured_queries) <= 17  # the region breakdown: one grouped query

    def test_the_query_count_does_not_grow_with_the_complaints(self, client, world):
        f = world.a
        _world(f)
        client.force_login(f.users["admin"])
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("complaint_dashboard"))
        for _i in range(5):
            receive_group(f, category(f, "Lain"))
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("complaint_dashboard"))
        assert len(many.captured_queries) == len(few.captured_queries)

    def test_the_xlsx_holds_the_figures_and_no_formula(self, client, world):
        f = world.a
        _, _, open_ = _world(f)
        client.force_login(f.users["worker"])
        with time_machine.travel(at(2025, 6, 2, 9, 0), tick=False):
            r = client.get(reverse("complaint_dashboard_xlsx"))
        assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
        book = load_workbook(io.BytesIO(r.content))
        summary, months, _regions, overdue = book.worksheets
        rows = list(summary.iter_rows(values_only=True))
        assert ("Tahap", "Selesai", 2, 0) in rows and ("Tahap", "Baru", 1, 1) in rows
        cat_row = next(row for row in rows if row[0] == "Kategori")
        assert cat_row[1].startswith("=HYPERLINK") and summary.cell(
            row=rows.index(cat_row) + 1, column=2).data_type == "s"  # fmt: skip
        assert ("2025-05", 2, 1, 50) in list(months.iter_rows(values_only=True))
        codes = [row[0] for row in overdue.iter_rows(min_row=2, values_only=True)]
        assert codes == [open_.tracking_code]
        cells = " ".join(str(v) for sheet in book.worksheets for row in sheet.values for v in row)
        assert (
            "Pak Darto" not in cells and "Data penerima" not in cells
        )  # no complainant, no subject

    def test_an_instructor_sees_nothing(self, client, world):
        f = world.a
        _world(f)
        client.force_login(f.users["instructor"])
        r = client.get(reverse("complaint_dashboard"))
        assert r.status_code == 200 and r.context["total"] == 0 and r.context["overdue"] == []
