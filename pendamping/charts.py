"""Charts for the whole product, drawn as SVG on the server.

Why server-side SVG rather than a JavaScript library: pages stay readable on slow
phones and with scripts blocked, charts print and go into WeasyPrint PDFs as they
are, the strict CSP needs no exception, tests can read the numbers in the markup,
and there is nothing to vendor or update. Every chart carries a <title> and a
text table nearby for screen readers.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#2f6f8f", "#c2410c", "#4d7c0f", "#7c3aed", "#b91c1c", "#0f766e"]
# Light fills for value bands (e.g. an instrument's severity bands), lightest first.
BAND_FILLS = ["#f1f5f9", "#e0ecf4", "#fdf2e0", "#fbe3d3", "#f8d4d4", "#f3c2c2"]


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text) -> str:
    """`text` escaped for SVG/XML, without the characters XML 1.0 does not allow."""
    return escape(_NOT_XML.sub("", str(text)), {'"': "&quot;"})


_e = xml_text

# Advance widths (in em) of DejaVu Sans Bold, the widest face a chart is likely drawn in
# (the charts name DejaVu Sans; a browser without it falls back to a narrower sans-serif),
# so that a label measured with them fits whatever font draws it. Characters not listed
# count as 1 em, wider than most.
_EM = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~·…",
    [.348, .456, .521, .838, .696, 1.002, .872, .306, .457, .457, .523, .838, .38, .415, .38,
     .365] + [.696] * 10 + [.4, .4, .838, .838, .838, .58, 1.0, .774, .762, .734, .83, .683,
     .683, .821, .837, .372, .372, .775, .637, .995, .837, .85, .733, .85, .77, .72, .682,
     .812, .774, 1.103, .771, .724, .725, .457, .365, .457, .838, .5, .5, .675, .716, .593,
     .716, .678, .435, .716, .712, .343, .343, .665, .343, 1.042, .712, .687, .716, .716,
     .493, .595, .478, .712, .652, .924, .645, .652, .582, .712, .365, .712, .838, .38, 1.0],
    strict=True,
))  # fmt: skip
FONT = 'font-family="DejaVu Sans, Verdana, sans-serif"'


def text_width(text: str, size: float) -> float:
    """A generous width of `text` at font size `size` (see _EM)."""
    return sum(_EM.get(c, 1.0) for c in str(text)) * size


def fit_text(text: str, size: float, room: float) -> str:
    """`text`, cut with an ellipsis so that it is at most `room` wide."""
    text = str(text)
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def number(value) -> str:
    """A number as the reader's language writes it (a decimal comma in Indonesian)."""
    return number_format(value) if isinstance(value, int) else number_format(f"{value:g}")


def hbar_chart(
    rows: list[tuple[str, float]],
    *,
    title: str,
    width: int = 640,
    unit: str = "",
    fills: list[str] | None = None,
    notes: list[str] | None = None,
) -> SafeString:
    """Horizontal bars, one per (label, value), labels on the left. ``fills`` colours
    each bar (e.g. a target band) and ``notes`` adds words after its value, so that
    the colour is never the only way to tell (WCAG 1.4.1).

    Every text fits the drawing: the label column is as wide as its widest label (at
    most 45% of the width; longer labels are cut, the whole label stays a tooltip), the
    bars leave room for the widest value, and the title is cut to the width."""
    bar_h, gap, top, size = 22, 8, 28, 12
    height = top + len(rows) * (bar_h + gap) + 10
    biggest = max((v for _l, v in rows), default=0) or 1
    values = [
        f"{number(v)}{unit}" + (f" · {notes[i]}" if notes and notes[i] else "")
        for i, (_l, v) in enumerate(rows)
    ]
    label_w = min(max((text_width(lbl, size) for lbl, _v in rows), default=0) + 8, width * 0.45)
    value_w = max((text_width(v, size) for v in values), default=0) + 10
    plot_w = max(1.0, width - label_w - value_w)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" {FONT} '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{_e(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">'
        f"{_e(fit_text(title, 14, width))}</text>",
    ]
    for i, ((label, value), shown) in enumerate(zip(rows, values, strict=True)):
        y = top + i * (bar_h + gap)
        w = max(1.0, plot_w * value / biggest)
        short = fit_text(label, size, label_w - 6)
        fill = fills[i] if fills else PALETTE[0]
        parts += [
            f'<text x="{label_w - 6:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="{size}" '
            f'text-anchor="end"><title>{_e(label)}</title>{_e(short)}</text>',
            f'<rect x="{label_w:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
            f'fill="{_e(fill)}"><title>{_e(label)}: {_e(shown)}</title></rect>',
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="{size}">'
            f"{_e(shown)}</text>",
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above


def line_chart(
    x_labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    title: str,
    y_min: float,
    y_max: float,
    width: int = 640,
    height: int = 260,
    bands: list[tuple[float, float, str]] | None = None,
) -> SafeString:
    """Lines over shared x labels (dates), with a legend; None leaves a gap.

    `bands` shade value ranges (low, high, label), e.g. an instrument's severity
    bands or the GAS expected level.
    """
    left, right, top, bottom = 44, 16, 28, 48
    legend_h = 18 * ((len(series) + 2) // 3)
    plot_w, plot_h = width - left - right, height - top - bottom - legend_h
    span = (y_max - y_min) or 1
    n = max(len(x_labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - y_min) / span)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" {FONT} '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{_e(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">'
        f"{_e(fit_text(title, 14, width))}</text>",
    ]
    for i, (low, high, label) in enumerate(bands or []):
        y0, y1 = y(max(low, y_min)), y(min(high, y_max))
        parts += [
            f'<rect x="{left}" y="{y1:.1f}" width="{plot_w}" height="{max(0.0, y0 - y1):.1f}" '
            f'fill="{BAND_FILLS[i % len(BAND_FILLS)]}"><title>{_e(label)}</title></rect>',
            f'<text x="{left + plot_w - 4}" y="{y1 + 12:.1f}" font-size="10" fill="#52606d" '
            f'text-anchor="end">{_e(label)}</text>',
        ]
    for k in range(5):  # gridlines and y labels
        v = y_min + span * k / 4
        parts += [
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="#d0d7de" stroke-width="1"/>',
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end">'
            f"{_e(number(v))}</text>",
        ]
    step = max(1, n // 8)
    for i, label in enumerate(x_labels):
        if i % step == 0 or i == n - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" font-size="11" '
                f'text-anchor="middle">{_e(label)}</text>'
            )
    for s, (name, values) in enumerate(series):
        color = PALETTE[s % len(PALETTE)]
        points = [(x(i), y(v), v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _v in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>'
            )
        for (px, py, v), label in zip(
            points,
            [lbl for lbl, v in zip(x_labels, values, strict=False) if v is not None],
            strict=False,
        ):
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{color}">'
                f"<title>{_e(name)} · {_e(label)}: {_e(number(v))}</title></circle>"
            )
        lx = left + (s % 3) * (plot_w / 3)
        ly = top + plot_h + 34 + 18 * (s // 3)
        parts += [
            f'<rect x="{lx:.1f}" y="{ly - 9}" width="12" height="12" fill="{color}"/>',
            f'<text x="{lx + 18:.1f}" y="{ly + 1}" font-size="12">'
            f"{_e(fit_text(name, 12, plot_w / 3 - 24))}</text>",
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above
