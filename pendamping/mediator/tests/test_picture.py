"""The perception map as a picture (picture.py): both parties side by side, no caucus,
and no two labels overlapping: every text line's box (its length at the layout's
character width, one line high) stays inside its cell and meets no other."""

import xml.etree.ElementTree as ET
from itertools import combinations

from django.urls import reverse
from django.utils import timezone

from pendamping.mediator import picture, selectors, services

from .conftest import open_mediation, with_parties

NS = "{http://www.w3.org/2000/svg}"
CAUCUS = "Rahasia kaukus yang tidak boleh tercetak"
LONG = ("Pagar itu dibangun ayah saya tahun 1987 dan sejak itu tidak pernah dipersoalkan "
        "oleh siapa pun; WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW ") * 3  # fmt: skip


def _mediation(f, parties=2):
    worker = f.users["worker"]
    m = open_mediation(f)
    one, two = with_parties(f, m)
    people = [one, two]
    for i in range(parties - 2):
        people.append(services.party_add(actor=worker, mediation=m,
                                         data={"name": f"Pihak {i + 3}"}))  # fmt: skip
    services.session_record(actor=worker, mediation=m, kind="caucus", caucus_party=one,
                            held_on=timezone.localdate(), notes=CAUCUS)  # fmt: skip
    for title in ("Pagar", "Saluran air di belakang rumah yang sering meluap"):
        issue = services.issue_add(actor=worker, mediation=m, title=title)
        for p in people:
            services.perception_save(actor=worker, issue=issue, party=p, data={
                "position": f"Posisi {p.name}: {LONG}", "interests": "Rukun",
                "view_of_other": f"Pandangan {p.name}", "feelings": "Kesal\nLelah"})  # fmt: skip
        services.common_ground_set(actor=worker, issue=issue, text="Sama-sama ingin rukun")
    return m, people


def boxes(svg: str):
    """(cell key, x0, y0, x1, y1, text) of every text line, and the cell rects."""
    root = ET.fromstring(svg)
    rects = [tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
             for r in root.iter(f"{NS}rect")]  # fmt: skip
    out = []
    for g in root.iter(f"{NS}g"):
        for t in g.iter(f"{NS}text"):
            x, y = float(t.get("x")), float(t.get("y"))
            size = float(t.get("font-size"))
            w = float(t.get("textLength") or picture.glyph_width(t.text or "", size))
            out.append((g.get("data-cell"), x, y - size, x + w, y + size * 0.25, t.text))
    return out, rects


def _inside(box, rects):
    _k, x0, y0, x1, y1, _t = box
    return any(rx <= x0 and x1 <= rx + rw and ry <= y0 and y1 <= ry + rh
               for rx, ry, rw, rh in rects)  # fmt: skip


class TestPicture:
    def test_both_sides_no_caucus_and_no_overlap(self, world):
        for n in (2, 3):
            m, people = _mediation(world.a if n == 2 else world.b, parties=n)
            svg = str(picture.perception_picture(m, selectors.perception_map(m)))
            assert CAUCUS not in svg
            lines, rects = boxes(svg)
            words = " ".join(t for *_b, t in lines)
            for p in people:  # every party's column, wrapped to its width
                assert f"Pandangan {p.name}" in words
            assert len(lines) > 40
            for box in lines:
                assert _inside(box, rects), box
            for a, b in combinations(lines, 2):
                overlap = a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
                assert not overlap, (a, b)

    def test_a_long_field_is_cut_with_an_ellipsis(self):
        lines = picture.wrap("kata " * 500, 200)
        assert len(lines) == picture.MAX_LINES and lines[-1].endswith("…")
        assert all(len(ln) * picture.CHAR_W <= 200 - 2 * picture.PAD for ln in lines)

    def test_the_page_and_the_pdf(self, client, world):
        f = world.a
        m, _people = _mediation(f)
        client.force_login(f.users["worker"])
        page = client.get(reverse("mediation_perception_picture", args=[m.pk]))
        assert page.status_code == 200 and b"<svg" in page.content
        assert CAUCUS.encode() not in page.content
        pdf = client.get(reverse("mediation_perception_picture_pdf", args=[m.pk]))
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
