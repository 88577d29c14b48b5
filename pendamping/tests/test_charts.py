"""Server-drawn charts keep every label inside the drawing, and write numbers in the
reader's language.

Text extents are measured independently of the chart code, conservatively: with the
real DejaVu Sans Bold (wider than the regular face the charts use and than the usual
sans-serif fonts of phones and desktops) when the font is installed, else at 1.1 em a
character (wider than any character of it).
"""

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation

from pendamping import charts

NS = "{http://www.w3.org/2000/svg}"
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@cache
def _font(size: float):
    from PIL import ImageFont

    return ImageFont.truetype(str(BOLD), int(size * 10))


def extent(text: str, size: float) -> float:
    if BOLD.exists():
        return _font(size).getlength(text) / 10
    return len(text) * size * 1.1


def text_boxes(svg: str):
    """(x0, x1, text, anchor) of every <text> drawn (its tooltip <title> aside)."""
    root = ET.fromstring(svg)
    for t in root.iter(f"{NS}text"):
        text = (t.text or "") + "".join((c.tail or "") for c in t)
        size = float(t.get("font-size", 16))
        x, width = float(t.get("x", 0)), extent(text, size)
        anchor = t.get("text-anchor", "start")
        x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        yield x0, x0 + width, text, anchor


def view_width(svg: str) -> float:
    return float(ET.fromstring(svg).get("viewBox").split()[2])


LONG = [
    ("Pelatihan vokasional dan/atau pembinaan kewirausahaan · Kota Bandung", 12),
    ("WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW · MMMMMMMMMMMMM", 3),
    ("Rumah singgah sementara bagi PPKS · —", 1250),
    ("Dukungan pemenuhan kebutuhan hidup layak · Kabupaten Bandung Barat", 7.5),
]


class TestHorizontalBars:
    @pytest.mark.parametrize("width", [640, 360])
    def test_no_label_runs_outside_the_drawing(self, width):
        svg = charts.hbar_chart(
            LONG, title="Kesenjangan terbuka per jenis layanan dan wilayah (semua)", width=width
        )
        right = view_width(svg)
        for x0, x1, text, _anchor in text_boxes(svg):
            assert x0 >= 0 and x1 <= right, (text, x0, x1, right)

    def test_a_shortened_label_keeps_its_full_text_as_a_tooltip(self):
        svg = charts.hbar_chart(LONG, title="Gap")
        assert f"<title>{LONG[0][0]}</title>" in svg

    def test_bars_do_not_overlap_their_labels(self):
        svg = charts.hbar_chart(LONG, title="Gap")
        labels_end = max(x1 for _x0, x1, _t, anchor in text_boxes(svg) if anchor == "end")
        assert all(float(r.get("x")) >= labels_end for r in ET.fromstring(svg).iter(f"{NS}rect"))


class TestNumbersInTheReadersLanguage:
    def test_values_have_a_decimal_comma_in_indonesian_and_a_point_in_english(self):
        with translation.override("id"):
            id_svg = charts.hbar_chart([("Ranah", 0.35)], title="Gain")
            id_line = charts.line_chart(["a", "b"], [("T", [42.5, 47.5])], title="T",
                                        y_min=0, y_max=2.5)  # fmt: skip
        with translation.override("en"):
            en_svg = charts.hbar_chart([("Ranah", 0.35)], title="Gain")
        assert ">0,35</text>" in id_svg and ">0.35</text>" in en_svg
        ticks = re.findall(r'text-anchor="end">([^<]+)</text>', id_line)
        assert "0,625" in ticks and "1,25" in ticks and not any("." in t for t in ticks)


class TestLines:
    def test_no_title_or_legend_runs_outside_the_drawing(self):
        svg = charts.line_chart(
            ["01 Des 2026", "08 Des 2026", "15 Des 2026"],
            [(f"Skor WWWWWWWWWWWWWWWWW {i}", [1.5, 2.5, 3.0]) for i in range(4)],
            title="Skor instrumen dari waktu ke waktu: PHQ-9, GAD-7 dan Indeks Barthel (semua)",
            y_min=0, y_max=27, width=360,
        )  # fmt: skip
        for x0, x1, text, _anchor in text_boxes(svg):
            assert x0 >= 0 and x1 <= view_width(svg), (text, x0, x1)
