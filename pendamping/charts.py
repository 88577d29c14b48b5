"""Charts for the whole product, drawn as SVG on the server.

Why server-side SVG rather than a JavaScript library: pages stay readable on slow
phones and with scripts blocked, charts print and go into WeasyPrint PDFs as they
are, the strict CSP needs no exception, tests can read the numbers in the markup,
and there is nothing to vendor or update. Every chart carries a <title> and a
text table nearby for screen readers.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#2f6f8f", "#c2410c", "#4d7c0f", "#7c3aed", "#b91c1c", "#0f766e"]


def _e(text) -> str:
    return escape(str(text), {'"': "&quot;"})


def hbar_chart(
    rows: list[tuple[str, float]], *, title: str, width: int = 640, unit: str = ""
) -> SafeString:
    """Horizontal bars, one per (label, value), labels on the left."""
    bar_h, gap, label_w, top = 22, 8, 240, 28
    height = top + len(rows) * (bar_h + gap) + 10
    biggest = max((v for _l, v in rows), default=0) or 1
    plot_w = width - label_w - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{_e(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{_e(title)}</text>',
    ]
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(1.0, plot_w * value / biggest)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts += [
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.7:.1f}" font-size="12" '
            f'text-anchor="end"><title>{_e(label)}</title>{_e(short)}</text>',
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
            f'fill="{PALETTE[0]}"><title>{_e(label)}: {_e(value)}{_e(unit)}</title></rect>',
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="12">'
            f"{_e(value)}{_e(unit)}</text>",
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above
