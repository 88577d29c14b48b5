"""The genogram and ecomap drawings: valid XML, everyone drawn, the standard symbols."""

import itertools
import xml.dom.minidom

from pendamping.assessment import ecomap, genogram
from pendamping.assessment.genogram import Person

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    import xml.etree.ElementTree as ET

    xml.dom.minidom.parseString(svg)  # well-formed
    return ET.fromstring(svg)


def family() -> list[Person]:
    P = Person
    return [
        P("client", "Siti <Rahayu> & co", "F", birth_year=1990, household=True),
        P("f", "Budi", "M", "father", 1960, union="divorced"),
        P("m", "Ani", "F", "mother", 1963, household=True, bond="strong"),
        P("s", "Joko", "M", "sibling", 1988, bond="conflict"),
        P("sp", "Agus", "M", "spouse", 1987, household=True, union="separated", bond="weak"),
        P("c", "Rina", "F", "child", 2012, household=True),
        P("gf", "Kakek", "M", "grandfather", 1930, alive=False),
        P("gm", "Nenek", "F", "grandmother", 1935, side="maternal"),
        P("gc", "Cucu", "F", "grandchild", 2035),
    ]


class TestGenogram:
    def test_it_draws_every_member_as_valid_xml(self):
        svg = genogram.draw(family(), title="Genogram")
        root = parse(svg)
        titles = [t.text for t in root.iter(f"{NS}title")]
        for p in family():
            assert p.name in titles
        assert "Siti &lt;Rahayu&gt; &amp; co" in svg  # names are escaped

    def test_it_uses_the_standard_symbols(self):
        root = parse(genogram.draw(family(), title="G"))
        people = {g.get("data-key"): g for g in root.iter(f"{NS}g") if g.get("data-key")}
        assert people["f"].find(f"{NS}rect") is not None  # male: square
        assert people["m"].find(f"{NS}circle") is not None  # female: circle
        assert len(people["client"].findall(f"{NS}circle")) == 2  # the client: double outline
        assert len(people["gf"].findall(f"{NS}line")) == 2  # deceased: a cross
        assert len(people["m"].findall(f"{NS}line")) == 0

    def test_it_places_three_generations_and_more(self):
        people = genogram.layout(family())
        y = {p.key: p.y for p in people}
        assert y["gf"] < y["f"] < y["client"] < y["c"] < y["gc"]
        assert y["f"] == y["m"] and y["client"] == y["s"] == y["sp"]
        xs = sorted((p.y, p.x) for p in people)
        assert all(b[1] - a[1] >= genogram.STEP for a, b in itertools.pairwise(xs) if a[0] == b[0])

    def test_unions_show_separation_divorce_and_household(self):
        svg = genogram.draw(family(), title="G")
        root = parse(svg)
        assert len(root.findall(f".//{NS}path[@class='household']")) == 1  # one outline
        assert root.find(f".//{NS}polyline[@class='bond conflict']") is not None
        assert root.find(f".//{NS}path[@class='bond strong']") is not None
        slashes = [
            line for line in root.iter(f"{NS}line")
            if line.get("x1") and abs(float(line.get("x2")) - float(line.get("x1"))) == 10
        ]  # fmt: skip
        assert len(slashes) == 3  # one for the client's separation, two for the parents' divorce

    def test_the_client_is_marked_in_the_readers_language(self):
        from django.utils import translation

        for lang, mark in (("id", "Klien"), ("en", "Client")):
            with translation.override(lang):
                root = parse(genogram.draw(family(), title="G"))
            client = next(g for g in root.iter(f"{NS}g") if g.get("data-key") == "client")
            assert [t.text for t in client.iter(f"{NS}text")][-1] == mark, lang

    def test_a_client_alone_is_still_a_genogram(self):
        root = parse(genogram.draw([Person("client", "Siti", "F")], title="G"))
        assert root.find(f".//{NS}g[@data-key='client']") is not None


class TestEcomap:
    def test_it_draws_every_system_with_its_line_style(self):
        systems = [
            ecomap.System("Ibu", "family", "strong", flow="both"),
            ecomap.System("Rentenir", "resource", "moderate", stressful=True, flow="from_client"),
            ecomap.System("Sekolah & <SD>", "school", "tenuous", flow="to_client"),
            ecomap.System("Puskesmas", "health", "weak"),
        ]
        svg = ecomap.draw("Siti", systems, title="Ekomap")
        root = parse(svg)
        groups = [g for g in root.iter(f"{NS}g") if (g.get("class") or "").startswith("link")]
        assert len(groups) == 4
        assert sum(1 for g in root.iter(f"{NS}g") if g.get("class") == "system") == 4
        assert "Sekolah &amp; &lt;SD&gt;" in svg
        lines = {g.get("class"): g.find(f"{NS}line") for g in groups}
        assert lines["link strong"].get("stroke-width") == "6"
        assert lines["link tenuous"].get("stroke-dasharray")
        assert lines["link moderate stressful"].get("marker-end") and not lines[
            "link moderate stressful"
        ].get("marker-start")
        assert lines["link strong"].get("marker-start") and lines["link strong"].get("marker-end")
        assert root.find(f".//{NS}path[@class='stress']") is not None

    def test_it_grows_with_many_systems_and_says_when_there_are_none(self):
        many = [ecomap.System(f"Sistem {i}") for i in range(20)]
        small = parse(ecomap.draw("X", many[:3], title="E"))
        big = parse(ecomap.draw("X", many, title="E"))
        assert float(big.get("width")) > float(small.get("width"))
        assert "Belum ada sistem" in ecomap.draw("X", [], title="E")


class TestEcomapCompare:
    def test_it_lists_added_removed_and_changed_systems(self):
        old = [
            {"name": "Ibu", "strength": "strong", "stressful": False, "flow": "both", "category": "family"},
            {"name": "Rentenir", "strength": "moderate", "stressful": True, "flow": "from_client", "category": "resource"},
        ]  # fmt: skip
        new = [
            {"name": "ibu", "strength": "tenuous", "stressful": False, "flow": "both", "category": "family"},
            {"name": "Puskesmas", "strength": "moderate", "stressful": False, "flow": "to_client", "category": "health"},
        ]  # fmt: skip
        rows = ecomap.compare(old, new)
        assert [(r["name"], r["change"]) for r in rows] == [
            ("Puskesmas", "added"), ("Rentenir", "removed"), ("ibu", "changed")]  # fmt: skip
        assert rows[2]["fields"] == ["strength"]
        assert "renggang" in ecomap.describe(rows[2]["new"])
