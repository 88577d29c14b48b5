"""Kemendagri regions: the import command and the htmx cascade."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from pendamping.clients.models import Region

FULL_CSV = Path("/work/shared/data/wilayah_kemendagri_2025.csv")

SMALL = """kode,nama
32,Jawa Barat
32.73,Kota Bandung
32.73.05,Andir
32.73.05.1001,Maleber
32.73.05.1002,Garuda
32.04,Kabupaten Bandung
33,Jawa Tengah
33.74,Kota Semarang
33.74.01,Semarang Tengah
33.74.01.1001,Miroto
"""


def write(tmp_path, text: str, name: str = "wilayah.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> str:
    out = StringIO()
    call_command("import_regions", str(path), verbosity=0, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestImportRegions:
    def test_it_creates_every_level_with_its_parent(self, tmp_path):
        out = run(write(tmp_path, SMALL))
        assert "10 regions created, 0 renamed, 0 unchanged" in out
        rows = {r.code: r for r in Region.objects.all()}
        assert len(rows) == 10
        assert (rows["32"].level, rows["32"].parent_id, rows["32"].name) == (1, None, "Jawa Barat")
        assert (rows["32.73"].level, rows["32.73"].parent_id) == (2, "32")
        assert (rows["32.73.05"].level, rows["32.73.05"].parent_id) == (3, "32.73")
        assert (rows["32.73.05.1001"].level, rows["32.73.05.1001"].parent_id) == (4, "32.73.05")
        assert rows["32.73.05.1001"].name == "Maleber"
        assert {c.code for c in rows["32"].children.all()} == {"32.04", "32.73"}

    def test_it_accepts_children_listed_before_their_parents(self, tmp_path):
        lines = SMALL.strip().splitlines()
        run(write(tmp_path, "\n".join([lines[0], *reversed(lines[1:])]) + "\n"))
        assert Region.objects.count() == 10
        assert Region.objects.get(code="33.74.01.1001").parent_id == "33.74.01"

    def test_it_reads_a_byte_order_mark_and_trims_spaces(self, tmp_path):
        path = tmp_path / "bom.csv"
        path.write_bytes("\ufeffkode,nama\n 35 , Jawa Timur \n".encode())
        run(path)
        assert Region.objects.get(code="35").name == "Jawa Timur"

    def test_it_is_idempotent(self, tmp_path):
        path = write(tmp_path, SMALL)
        run(path)
        before = list(Region.objects.values_list("code", "name", "level", "parent_id"))
        out = run(path)
        assert "0 regions created, 0 renamed, 10 unchanged" in out
        assert list(Region.objects.values_list("code", "name", "level", "parent_id")) == before

    def test_it_renames_a_changed_name(self, tmp_path):
        run(write(tmp_path, SMALL))
        out = run(write(tmp_path, SMALL.replace("Maleber", "Maleber Baru"), "v2.csv"))
        assert "0 regions created, 1 renamed, 9 unchanged" in out
        assert Region.objects.get(code="32.73.05.1001").name == "Maleber Baru"
        assert Region.objects.count() == 10

    def test_it_adds_to_regions_already_in_the_database(self, tmp_path):
        run(write(tmp_path, SMALL))
        out = run(write(tmp_path, "kode,nama\n32.73.05.1003,Dunguscariang\n", "more.csv"))
        assert "1 regions created" in out
        assert Region.objects.get(code="32.73.05.1003").parent_id == "32.73.05"

    def test_it_refuses_a_missing_parent_and_writes_nothing(self, tmp_path):
        text = SMALL + "34.71.01.1001,Desa Tanpa Induk\n"
        with pytest.raises(CommandError, match=r"34\.71\.01"):
            run(write(tmp_path, text))
        assert Region.objects.count() == 0

    @pytest.mark.parametrize(
        "header", ["code,name", "kode", "nama,kode_wilayah", "id;kode;nama", ""]
    )
    def test_it_refuses_wrong_columns_and_writes_nothing(self, tmp_path, header):
        sep = ";" if ";" in header else ","
        body = "\n".join(line.replace(",", sep) for line in SMALL.splitlines()[1:])
        with pytest.raises(CommandError, match="kode,nama"):
            run(write(tmp_path, f"{header}\n{body}\n"))
        assert Region.objects.count() == 0

    @pytest.mark.parametrize(
        "bad_row", ["32.73.05.1001.9,Terlalu Dalam", "32.73.05.1009,", ",Tanpa Kode"]
    )
    def test_it_refuses_a_bad_row_and_writes_nothing(self, tmp_path, bad_row):
        with pytest.raises(CommandError, match="Line 12"):
            run(write(tmp_path, SMALL + bad_row + "\n"))
        assert Region.objects.count() == 0

    def test_it_refuses_a_code_listed_twice_and_writes_nothing(self, tmp_path):
        try:
            run(write(tmp_path, SMALL + "32.73.05,Andir Lama\n"))
        except CommandError as e:
            assert "32.73.05" in str(e)
        except Exception as e:
            raise AssertionError(f"expected a CommandError, got {type(e).__name__}") from e
        else:
            raise AssertionError("the duplicated kode was accepted")
        assert Region.objects.count() == 0

    def test_it_refuses_a_missing_file(self, tmp_path):
        with pytest.raises(CommandError, match="not found"):
            run(tmp_path / "missing.csv")

    @pytest.mark.skipif(not FULL_CSV.exists(), reason="the Kemendagri CSV is not available")
    def test_it_imports_the_whole_kemendagri_list(self):
        out = run(FULL_CSV)
        assert "91599 regions created" in out
        assert Region.objects.count() == 91_599
        counts = dict(
            Region.objects.values_list("level").annotate(n=Count("code")).values_list("level", "n")
        )
        assert counts == {1: 38, 2: 514, 3: 7285, 4: 83_762}
        assert Region.objects.get(code="32.73.05").name == "Andir"
        assert not Region.objects.filter(level__gt=1, parent__isnull=True).exists()


class TestRegionChildren:
    def test_it_lists_the_regencies_of_a_province(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.get(reverse("region_children"), {"province": "32"})
        assert response.status_code == 200
        html = response.text
        assert '<option value="">—</option>' in html
        assert '<option value="32.73">Kota Bandung</option>' in html
        assert "33.74" not in html
        # The deeper selects are emptied out of band.
        assert 'id="id_district" hx-swap-oob="innerHTML"' in html
        assert 'id="id_village" hx-swap-oob="innerHTML"' in html
        assert 'id="id_regency"' not in html

    def test_it_lists_the_villages_of_a_district(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.get(reverse("region_children"), {"district": "32.73.05"})
        assert '<option value="32.73.05.1001">Maleber</option>' in response.text
        assert "hx-swap-oob" not in response.text

    def test_it_escapes_region_names(self, client, world):
        Region.objects.create(code="32.99", name="<b>Kota</b>", level=2, parent_id="32")
        client.force_login(world.a.users["worker"])
        response = client.get(reverse("region_children"), {"province": "32"})
        assert "<b>Kota</b>" not in response.text
        assert "&lt;b&gt;Kota&lt;/b&gt;" in response.text

    def test_it_answers_an_empty_parent_with_the_blank_option(self, client, world):
        client.force_login(world.a.users["worker"])
        response = client.get(reverse("region_children"), {"province": ""})
        assert response.status_code == 200
        assert '<option value="32.73"' not in response.text

    def test_it_answers_400_without_a_level(self, client, world):
        client.force_login(world.a.users["worker"])
        assert client.get(reverse("region_children")).status_code == 400

    def test_it_needs_a_login(self, client, world):
        response = client.get(reverse("region_children"), {"province": "32"})
        assert response.status_code == 302
