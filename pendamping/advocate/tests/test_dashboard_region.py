"""The dashboard by region: open complaints per district (a village counts in its
district) with their SLA statuses, by name and never by bare Kemendagri code, in one
grouped query; on the page, in the XLSX, empty, and in English."""

import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from pendamping.advocate import dashboard, services
from pendamping.advocate.access import complaints_for
from pendamping.clients.models import Region

from .conftest import category, receive_group
from .test_services import at


def region(code, name):
    return Region.objects.create(code=code, name=name, level=Region.level_of(code),
                                 parent_id=Region.parent_code(code))  # fmt: skip


@pytest.fixture
def spread(world):
    """Agency A's complaints over regions, received Mon 5 May 2025 09:00 (72 h SLA:
    at risk from Wed 7 May 15:00, breached Thu 8 May 09:00) unless said otherwise."""
    f = world.a
    cat = category(f)
    region("32.73.02", "Cicendo")
    pajajaran = region("32.73.02.1001", "Pajajaran")
    maleber = Region.objects.get(code="32.73.05.1001")  # a village of Andir
    with time_machine.travel(at(2025, 5, 1, 9, 0), tick=False):
        receive_group(f, cat, region=maleber)  # breached by 5 May
    with time_machine.travel(at(2025, 5, 5, 9, 0), tick=False):
        receive_group(f, cat, region=maleber)
        receive_group(f, cat, region=Region.objects.get(code="32.73.05"))  # the district
        receive_group(f, cat, region=pajajaran)
        receive_group(f, cat, region=Region.objects.get(code="32.73"))  # the city itself
        receive_group(f, cat, region=Region.objects.get(code="33.74.01"))  # another regency
        receive_group(f, cat, region=None)
        closed, _ = receive_group(f, cat, region=maleber)
        services.complaint_decide(actor=f.users["worker"], complaint=closed, decision="upheld",
                                  reason="Selesai", expected_version=closed.version)  # fmt: skip
        receive_group(world.b, region=Region.objects.get(code="33.74.01.1001"))  # never counted
    return f


def table(rows):
    return [(r["label"], r["open"], r["on_track"], r["at_risk"], r["breached"], r["filter"])
            for r in rows]  # fmt: skip


class TestByRegion:
    def test_the_page_counts_open_complaints_per_district_with_their_sla(self, client, spread):
        client.force_login(spread.users["admin"])
        with time_machine.travel(at(2025, 5, 7, 16, 0), tick=False):  # the 5 May ones at risk
            r = client.get(reverse("complaint_dashboard"))
        assert r.status_code == 200
        assert table(r.context["by_region"]) == [
            ("Andir", 3, 0, 2, 1, "32.73.05"),
            ("Cicendo", 1, 0, 1, 0, "32.73.02"),
            ("Kota Bandung (Kabupaten/kota)", 1, 0, 1, 0, ""),
            ("Semarang Tengah", 1, 0, 1, 0, ""),  # outside the list's filter: no link
            ("Wilayah belum dicatat", 1, 0, 1, 0, ""),
        ]
        page = r.content.decode()
        section = page[page.index('id="by-region"') : page.index('id="by-stage"')]
        assert "Pengaduan terbuka menurut wilayah" in section
        assert f'href="{reverse("complaint_list")}?region=32.73.05">Andir</a>' in section
        assert "32.73.05.1001" not in section and "Maleber" not in section
        assert "Miroto" not in section  # the other agency's village

    def test_the_link_filters_the_list_to_the_district(self, client, spread):
        client.force_login(spread.users["admin"])
        r = client.get(reverse("complaint_list"), {"region": "32.73.05"})
        assert r.status_code == 200 and r.context["page"].paginator.count == 4  # with the closed

    def test_the_statuses_follow_the_clock(self, client, spread):
        client.force_login(spread.users["admin"])
        with time_machine.travel(at(2025, 5, 6, 9, 0), tick=False):
            rows = table(dashboard.figures(spread.users["admin"])["by_region"])
        assert rows[0] == ("Andir", 3, 2, 0, 1, "32.73.05")
        with time_machine.travel(at(2025, 5, 8, 9, 0), tick=False):
            rows = table(dashboard.figures(spread.users["admin"])["by_region"])
        assert [r[4] for r in rows] == [r[1] for r in rows]  # all breached

    def test_it_is_one_grouped_query_whatever_the_regions(self, spread, django_assert_num_queries):
        user = spread.users["admin"]
        qs = complaints_for(user)
        with django_assert_num_queries(1):
            few = dashboard.by_region(qs, at(2025, 5, 7, 16, 0))
        region("32.73.06", "Cibeunying Kaler")
        region("32.73.07", "Coblong")
        for i in range(5):
            receive_group(spread, category(spread, f"Lain {i}"),
                          region=region(f"32.73.0{6 + i // 4}.100{i % 4}", f"Desa {i}"))  # fmt: skip
        with django_assert_num_queries(1):
            many = dashboard.by_region(qs, at(2025, 5, 7, 16, 0))
        assert len(many) > len(few)

    def test_the_page_keeps_its_query_count_with_more_regions(
        self, client, spread, django_assert_max_num_queries
    ):
        client.force_login(spread.users["supervisor"])
        with django_assert_max_num_queries(18):
            assert client.get(reverse("complaint_dashboard")).status_code == 200

    def test_the_xlsx_has_a_sheet_by_region_with_names(self, client, spread):
        client.force_login(spread.users["worker"])
        with time_machine.travel(at(2025, 5, 7, 16, 0), tick=False):
            r = client.get(reverse("complaint_dashboard_xlsx"))
        assert r.status_code == 200
        sheet = load_workbook(io.BytesIO(r.content))["Menurut wilayah"]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == ("Wilayah", "Terbuka", "Sesuai jadwal", "Berisiko terlambat",
                           "Melewati batas waktu")  # fmt: skip
        assert rows[1] == ("Andir", 3, 0, 2, 1)  # the worker's own: all of them
        assert not any("32.73" in str(v) for row in rows for v in row)

    def test_empty_it_says_so_in_both_languages(self, client, world):
        user = world.a.users["supervisor"]
        client.force_login(user)
        page = client.get(reverse("complaint_dashboard")).content.decode()
        assert "Belum ada pengaduan terbuka." in page
        user.language = "en"
        user.save()
        client.cookies["django_language"] = "en"
        page = client.get(reverse("complaint_dashboard")).content.decode()
        assert "Open complaints by region" in page and "No open complaints yet." in page

    def test_english_labels_in_the_table_and_the_xlsx(self, client, spread):
        user = spread.users["admin"]
        user.language = "en"
        user.save()
        client.force_login(user)
        client.cookies["django_language"] = "en"
        labels = [
            r["label"] for r in client.get(reverse("complaint_dashboard")).context["by_region"]
        ]
        assert "Kota Bandung (Regency/city)" in labels and "Region not recorded" in labels
        book = load_workbook(io.BytesIO(client.get(reverse("complaint_dashboard_xlsx")).content))
        assert "By region" in book.sheetnames
