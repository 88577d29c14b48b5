"""The two-sided perception map as a printable picture (SVG drawn on the server, in
the manner of ``pendamping/charts.py``): one row per issue, the issue on the left,
then each party's column side by side (position, interests, perception of the other,
feelings), then the mediator's common ground. No session note, and so no caucus, is
ever in it.

Labels never overlap because the layout is a grid of text lines: every text is
wrapped to its column at a character width wider than the font's average glyph
(``CHAR_W``), a line that may still be too wide (many W or M) is squeezed to its
column with ``textLength``, each line gets its own baseline ``LINE`` below the last,
and a row is as tall as its tallest cell. A field longer than ``MAX_LINES`` is cut with an
ellipsis (the table on the page holds it whole).
"""

from __future__ import annotations

import textwrap

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from pendamping.charts import PALETTE, xml_text

WIDTH = 760
FONT = 12
LINE = 16  # baseline to baseline
CHAR_W = 0.62 * FONT  # wider than DejaVu/Liberation Sans's average lowercase glyph
PAD = 6
ISSUE_W, COMMON_W = 130, 150
MAX_LINES = 8


def glyph_width(line: str, size: float = FONT) -> float:
    """A generous width of ``line``: wide glyphs (W, M, m, w) and capitals count more."""
    wide, caps = sum(c in "WMmw@" for c in line), sum(c.isupper() for c in line)
    return size * (0.62 * len(line) + 0.4 * wide + 0.15 * caps)


def _fit(x: float, w: float, line: str, size: float) -> str:
    """A line that might be wider than its column is squeezed to it (``textLength``):
    the browser then draws it no wider, whatever the glyphs."""
    room = w - 2 * PAD
    if glyph_width(line, size) <= room:
        return ""
    return f' textLength="{room:.0f}" lengthAdjust="spacingAndGlyphs"'


def wrap(text: str, width: float, max_lines: int = MAX_LINES) -> list[str]:
    """``text`` in lines that fit ``width`` pixels at ``CHAR_W`` a character."""
    chars = max(4, int((width - 2 * PAD) // CHAR_W))
    lines = []
    for para in (text or "").splitlines() or [""]:
        lines += textwrap.wrap(para, chars, break_long_words=True) or [""]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: chars - 1] + "…"
    return lines or ["—"]


def _cell(x: float, y: float, w: float, blocks: list[tuple[str, str]], *, key: str):
    """Text lines of a cell: ``blocks`` of (label, text); returns (svg, height)."""
    parts, cy = [], y + PAD
    for label, text in blocks:
        if label:
            for ln in wrap(label, w, 2):
                cy += LINE
                parts.append(f'<text x="{x + PAD}" y="{cy}" font-size="{FONT - 1}"'
                             f'{_fit(x, w, ln, FONT - 1)} font-weight="bold" '
                             f'fill="{PALETTE[0]}">{xml_text(ln)}</text>')  # fmt: skip
        for ln in wrap(text, w):
            cy += LINE
            parts.append(
                f'<text x="{x + PAD}" y="{cy}" font-size="{FONT}"{_fit(x, w, ln, FONT)}>'
                f"{xml_text(ln)}</text>"
            )
        cy += PAD // 2
    height = cy - y + PAD
    return f'<g data-cell="{key}" data-x="{x}" data-w="{w}">{"".join(parts)}</g>', height


def perception_picture(mediation, pmap: dict) -> SafeString:
    """The SVG of ``pmap`` (selectors.perception_map): issues × parties."""
    parties = pmap["parties"]
    party_w = max(150, (WIDTH - ISSUE_W - COMMON_W) / max(1, len(parties)))
    width = ISSUE_W + COMMON_W + party_w * len(parties)
    xs = [ISSUE_W + i * party_w for i in range(len(parties))]
    labels = (_("Posisi"), _("Kepentingan"), _("Persepsi tentang pihak lain"), _("Perasaan"))
    rows = []  # (y, height, [(x, w, svg)])
    title = _("Peta persepsi dua sisi") + f" · {_('Mediasi')} #{mediation.pk}"
    y = 30
    head = [(0, ISSUE_W, *_cell(0, y, ISSUE_W, [("", _("Persoalan"))], key="h-issue"))]
    head += [(x, party_w, *_cell(x, y, party_w, [("", p.name)], key=f"h-{p.pk}"))
             for x, p in zip(xs, parties, strict=True)]  # fmt: skip
    head.append((width - COMMON_W, COMMON_W,
                 *_cell(width - COMMON_W, y, COMMON_W, [("", _("Titik temu"))], key="h-common")))  # fmt: skip
    rows.append((y, max(h for *_r, h in head), head, True))
    y += rows[-1][1]
    for issue, cells in pmap["rows"]:
        row = [(0, ISSUE_W, *_cell(0, y, ISSUE_W, [("", issue.title)], key=f"i{issue.pk}"))]
        for x, (party, p) in zip(xs, cells, strict=True):
            texts = ((p.position, p.interests, p.view_of_other, p.feelings) if p
                     else ("", "", "", ""))  # fmt: skip
            blocks = [(lb, t or "—") for lb, t in zip(labels, texts, strict=True)]
            row.append((x, party_w, *_cell(x, y, party_w, blocks, key=f"i{issue.pk}-{party.pk}")))
        row.append((width - COMMON_W, COMMON_W,
                    *_cell(width - COMMON_W, y, COMMON_W, [("", issue.common_ground or "—")],
                           key=f"i{issue.pk}-common")))  # fmt: skip
        rows.append((y, max(h for *_r, h in row), row, False))
        y += rows[-1][1]
    height = y + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart perception-picture" role="img" '
        f'viewBox="0 0 {width:.0f} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">',
        f"<title>{xml_text(title)}</title>",
        f'<text x="0" y="18" font-size="14" font-weight="bold">{xml_text(title)}</text>',
    ]
    for ry, rh, cells, is_head in rows:
        for x, w, svg, _h in cells:
            fill = "#e0ecf4" if is_head else "#ffffff"
            parts.append(f'<rect x="{x}" y="{ry}" width="{w}" height="{rh}" fill="{fill}" '
                         f'stroke="#64748b" stroke-width="1"/>')  # fmt: skip
            parts.append(svg)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped by xml_text
