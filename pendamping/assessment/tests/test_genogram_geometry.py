"""The genogram's geometry, read back from the SVG: no two labels overlap, no line runs
through a symbol it does not connect, one household boundary around everyone who lives
with the client, and no blank band above the drawing.

Text extents are measured independently of the drawing code, conservatively (as in
pendamping/tests/test_charts.py: DejaVu Sans Bold, or 1.1 em a character)."""

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from pendamping.assessment import genogram
from pendamping.assessment.genogram import Person
from pendamping.tests.test_charts import extent

NS = "{http://www.w3.org/2000/svg}"
H = genogram.SIZE / 2


def long_names() -> list[Person]:
    P = Person
    return [
        P("client", "Siti Nurhaliza Rahmawati Kusumaningrum", "F", birth_year=1990,
          household=True),
        P("c", "Muhammad Rizky Pratama Wijayakusuma", "M", "child", 2012, household=True,
          bond="strong"),
        P("c2", "Dewi", "F", "child", 2015, household=True, bond="conflict"),
        P("sp", "Agus Salim Hadiwijaya Prawiranegara", "M", "spouse", 1987, union="divorced",
          bond="weak"),
        P("s", "Bambang Sutrisno Hadikusumo", "M", "sibling", 1988, bond="conflict"),
        P("s2", "Sri Wahyuningsih Purbaningrum", "F", "sibling", 1993, bond="strong"),
        P("f", "Soekarno Djojohadikoesoemo", "M", "father", 1960, bond="weak"),
        P("m", "Raden Ajeng Kartini Soerjaningrat", "F", "mother", 1963, bond="strong"),
    ]  # fmt: skip


def everyone() -> list[Person]:
    """Every relation at once: both sides' grandparents, uncles and cousins, a step-parent,
    a second spouse, a single child with grandchildren, and bonds across the drawing."""
    P = Person
    return [
        P("client", "Rahmawati Kusumaningrum", "F", birth_year=1985, household=True),
        P("gf1", "Kakek Sastrowardoyo", "M", "grandfather", 1930, alive=False),
        P("gm1", "Nenek Sastrowardoyo", "F", "grandmother", 1932, bond="strong"),
        P("gf2", "Kakek Hadiprojo", "M", "grandfather", 1928, side="maternal"),
        P("gm2", "Nenek", "F", "grandmother", 1931, side="maternal", bond="conflict"),
        P("f", "Bapak Sutrisno Sastrowardoyo", "M", "father", 1958, union="divorced"),
        P("m", "Ibu Ratna", "F", "mother", 1960, household=True, bond="weak"),
        P("st", "Pak Darmo Wiryosuwarno", "M", "stepparent", 1955, household=True,
          bond="conflict"),
        P("u1", "Om Hartono Sastrowardoyo", "M", "uncle_aunt", 1955, bond="weak"),
        P("u2", "Tante Lastri", "F", "uncle_aunt", 1963, side="maternal", bond="strong"),
        P("cz1", "Sepupu Andi Hartono", "M", "cousin", 1982, bond="conflict"),
        P("cz2", "Sepupu Maya", "F", "cousin", 1990, side="maternal"),
        P("s", "Dwi Hartanto Wicaksono", "M", "sibling", 1987, bond="strong"),
        P("sp", "Yusuf Prawiranegara", "M", "spouse", 1983, household=True),
        P("sp2", "Rudi", "M", "spouse", 1980, union="divorced", bond="conflict"),
        P("c", "Putri Anggraini Wulandari", "F", "child", 2008, household=True,
          bond="strong"),
        P("gc", "Cucu Pertama", "M", "grandchild", 2030, bond="weak"),
        P("gc2", "Cucu Kedua Yang Namanya Panjang Sekali", "F", "grandchild", 2032),
    ]  # fmt: skip


def alone_with_a_parent() -> list[Person]:
    """A single mother's only child with a child of her own: every line leaves a single
    parent."""
    P = Person
    return [
        P("client", "Wulan Sari Dewi Lestari", "F", birth_year=2000, household=True),
        P("m", "Ibu Suminah Rahayu Ningsih", "F", "mother", 1975, household=True,
          bond="strong"),
        P("gm", "Mbah Karsinah Wiryodikromo", "F", "grandmother", 1950, side="maternal",
          bond="weak"),
        P("c", "Bagus Prasetyo Nugroho", "M", "child", 2020, household=True, bond="conflict"),
    ]  # fmt: skip


def draw(people):
    return ET.fromstring(genogram.draw(people, title="Genogram"))


def symbols(root) -> dict[str, tuple[float, float, float, float]]:
    """The box of each person's symbol, by key."""
    out = {}
    for g in root.iter(f"{NS}g"):
        if not g.get("data-key"):
            continue
        shape = next(e for e in g if e.tag in (f"{NS}rect", f"{NS}circle", f"{NS}polygon"))
        if shape.tag == f"{NS}rect":
            x, y, w = (float(shape.get(k)) for k in ("x", "y", "width"))
            out[g.get("data-key")] = (x, y, x + w, y + w)
        elif shape.tag == f"{NS}circle":
            cx, cy, r = (float(shape.get(k)) for k in ("cx", "cy", "r"))
            out[g.get("data-key")] = (cx - r, cy - r, cx + r, cy + r)
        else:
            pts = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out[g.get("data-key")] = (min(xs), min(ys), max(xs), max(ys))
    return out


def label_boxes(root) -> list[tuple[str, tuple]]:
    """A box for each line of text drawn for a person (name lines, year, 'Klien')."""
    boxes = []
    for g in root.iter(f"{NS}g"):
        if not g.get("data-key"):
            continue
        for t in g.iter(f"{NS}text"):
            size = float(t.get("font-size"))
            lines = list(t.iter(f"{NS}tspan")) or [t]
            for line in lines:
                x, y = float(line.get("x", t.get("x"))), float(line.get("y", t.get("y")))
                w = extent(line.text or "", size)
                x0 = {"start": x, "middle": x - w / 2, "end": x - w}[t.get("text-anchor", "start")]
                boxes.append((line.text, (x0, y - size, x0 + w, y + size * 0.3)))
    return boxes


def intersects(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(point, box, margin=0.0) -> bool:
    x, y = point
    return box[0] + margin < x < box[2] - margin and box[1] + margin < y < box[3] - margin


def sampled(element) -> list[tuple[float, float]]:
    """Points along a <line>, <polyline> or <path> (M, L, H, V, Q commands)."""
    if element.tag == f"{NS}line":
        x1, y1, x2, y2 = (float(element.get(k)) for k in ("x1", "y1", "x2", "y2"))
        return [(x1 + (x2 - x1) * t / 40, y1 + (y2 - y1) * t / 40) for t in range(41)]
    if element.tag == f"{NS}polyline":
        pts = [tuple(map(float, p.split(","))) for p in element.get("points").split()]
    else:
        pts, here = [], (0.0, 0.0)
        for cmd, args in re.findall(r"([MLHVQ])([^MLHVQ]*)", element.get("d")):
            n = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", args)]
            if cmd in "ML":
                here = (n[0], n[1])
            elif cmd == "H":
                here = (n[0], here[1])
            elif cmd == "V":
                here = (here[0], n[0])
            elif cmd == "Q":
                (cx, cy), end = (n[0], n[1]), (n[2], n[3])
                start = here
                for i in range(1, 40):
                    t = i / 40
                    pts.append((
                        (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * cx + t**2 * end[0],
                        (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * cy + t**2 * end[1],
                    ))  # fmt: skip
                here = end
            pts.append(here)
    out = []
    for a, b in itertools.pairwise(pts):
        out += [(a[0] + (b[0] - a[0]) * t / 20, a[1] + (b[1] - a[1]) * t / 20) for t in range(21)]
    return out


FAMILIES = {"long_names": long_names, "everyone": everyone, "alone": alone_with_a_parent}


@pytest.mark.parametrize("family", ["long_names", "drawings", "everyone", "alone"])
class TestGeometry:
    def people(self, family):
        from pendamping.assessment.tests.test_drawings import family as drawings

        return FAMILIES.get(family, drawings)()

    def test_no_two_labels_overlap(self, family):
        boxes = label_boxes(draw(self.people(family)))
        for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
            assert not intersects(a, b), (ta, tb)

    def test_no_label_runs_over_a_symbol(self, family):
        root = draw(self.people(family))
        for text, box in label_boxes(root):
            for key, sym in symbols(root).items():
                assert not intersects(box, sym), (text, key)

    def test_no_line_runs_through_a_symbol_it_does_not_connect(self, family):
        root = draw(self.people(family))
        boxes = symbols(root)
        for element in root.iter():
            if element.tag not in (f"{NS}line", f"{NS}polyline", f"{NS}path"):
                continue
            if element.get("class") == "household" or _in_symbol_or_legend(root, element):
                continue
            for point in sampled(element):
                for key, box in boxes.items():
                    assert not inside(point, box, margin=1), (element.get("class"), key, point)

    def test_no_line_runs_through_a_label(self, family):
        """No line of the drawing (partners, children, bonds, the household outline)
        crosses any name, year or the client's mark, its own person's included."""
        root = draw(self.people(family))
        labels = label_boxes(root)
        for element in root.iter():
            if element.tag not in (f"{NS}line", f"{NS}polyline", f"{NS}path"):
                continue
            if _in_symbol_or_legend(root, element):
                continue
            for point in sampled(element):
                for text, box in labels:
                    assert not inside(point, box), (element.get("class"), text, point)

    def test_one_household_boundary_holds_everyone_in_the_household(self, family):
        root = draw(self.people(family))
        households = [e for e in root.iter() if e.get("class") == "household"]
        assert len(households) == 1
        outline = households[0]
        assert outline.tag == f"{NS}path"
        polygon = [tuple(map(float, p)) for p in re.findall(r"(-?[\d.]+),(-?[\d.]+)",
                                                            outline.get("d"))]  # fmt: skip
        for p in self.people(family):
            box = symbols(root)[p.key]
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            assert contains(polygon, centre) == p.household, p.key

    def test_there_is_no_blank_band_above_the_drawing(self, family):
        root = draw(self.people(family))
        top = min(b[1] for b in symbols(root).values())
        top = min([top, *(b[1] for _t, b in label_boxes(root))])
        tops = [
            min(y for _x, y in sampled(e))
            for e in root.iter()
            if e.tag in (f"{NS}path", f"{NS}polyline") and "bond" in (e.get("class") or "")
        ]
        assert 0 <= min([top, *tops]) <= 24  # fmt: skip


def _in_symbol_or_legend(root, element) -> bool:
    for g in root.iter(f"{NS}g"):
        if (g.get("data-key") or g.get("class") == "legend") and element in list(g.iter()):
            return True
    return False


def contains(polygon, point) -> bool:
    """Ray casting: is `point` inside the closed `polygon`?"""
    x, y, inside_ = point[0], point[1], False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside_ = not inside_
    return inside_
