"""The ecomap, drawn as SVG: the client or household in the centre, the outside
systems around it, and a line for each link (GLOSSARY: Ecomap).

Line conventions (Hartman 1978, as taught in Indonesian social work):
strong = a thick solid line, moderate = a solid line, tenuous = a dashed line,
weak = a dotted line; a stressful link is drawn with cross-hatching on top of its
strength; arrows show the flow of energy or resources (to the client, from the
client, both ways, none).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from pendamping.charts import xml_text

STRENGTHS = {
    "strong": gettext_lazy("kuat"),
    "moderate": gettext_lazy("sedang"),
    "tenuous": gettext_lazy("renggang"),
    "weak": gettext_lazy("lemah"),
}
FLOWS = {
    "to_client": gettext_lazy("ke klien"),
    "from_client": gettext_lazy("dari klien"),
    "both": gettext_lazy("dua arah"),
    "none": gettext_lazy("tidak ada"),
}
CATEGORIES = {
    "family": gettext_lazy("Keluarga"),
    "extended_family": gettext_lazy("Keluarga besar"),
    "friends": gettext_lazy("Teman / tetangga"),
    "work": gettext_lazy("Pekerjaan"),
    "school": gettext_lazy("Sekolah"),
    "health": gettext_lazy("Kesehatan"),
    "religion": gettext_lazy("Agama / rumah ibadah"),
    "community": gettext_lazy("Masyarakat / RT-RW"),
    "agency": gettext_lazy("Lembaga layanan"),
    "resource": gettext_lazy("Sumber daya / bantuan"),
    "legal": gettext_lazy("Hukum"),
    "recreation": gettext_lazy("Rekreasi"),
    "other": gettext_lazy("Lainnya"),
}
LINE_STYLE = {
    "strong": 'stroke-width="6"',
    "moderate": 'stroke-width="2.5"',
    "tenuous": 'stroke-width="2.5" stroke-dasharray="10 7"',
    "weak": 'stroke-width="2" stroke-dasharray="2 6" stroke-linecap="round"',
}
COLOR = {"stressful": "#b91c1c", "normal": "#1f2933"}


@dataclass
class System:
    name: str
    category: str = "other"
    strength: str = "moderate"
    stressful: bool = False
    flow: str = "none"
    note: str = ""


_e = xml_text


def _label(text: str, x: float, y: float, width: int, size: int = 12, bold=False) -> str:
    lines = textwrap.wrap(text, width=width)[:3] or [""]
    if len(textwrap.wrap(text, width=width)) > 3:
        lines[-1] = lines[-1][: width - 1] + "…"
    start = y - (len(lines) - 1) * (size + 2) / 2 + size / 3
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{start + i * (size + 2):.1f}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text font-size="{size}" text-anchor="middle"{weight}>{spans}</text>'


def _hatch(x1: float, y1: float, x2: float, y2: float) -> str:
    """Short cross strokes along a link: the 'stressful' mark."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return ""
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    px, py = -uy, ux
    marks = []
    n = max(2, int(length // 18))
    for i in range(1, n):
        cx, cy = x1 + ux * length * i / n, y1 + uy * length * i / n
        marks.append(
            f"M{cx + px * 7 - ux * 4:.1f},{cy + py * 7 - uy * 4:.1f} "
            f"L{cx - px * 7 + ux * 4:.1f},{cy - py * 7 + uy * 4:.1f}"
        )
    return (
        f'<path class="stress" d="{" ".join(marks)}" stroke="{COLOR["stressful"]}" '
        f'stroke-width="2" fill="none"/>'
    )


def draw(centre: str, systems: list[System], *, title: str) -> str:
    """The ecomap as a standalone SVG document (a string of valid XML)."""
    n = len(systems)
    node_r, centre_r = 58, 78
    ring = max(250.0, (n * (2 * node_r + 24)) / (2 * math.pi))
    size = int(2 * (ring + node_r + 30))
    cx = cy = size / 2
    defs = (
        "<defs>"
        + "".join(
            f'<marker id="arrow-{key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" '
            f'markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{color}"/></marker>'
            for key, color in COLOR.items()
        )
        + "</defs>"
    )
    links, nodes = [], []
    for i, s in enumerate(systems):
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        sx, sy = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        ux, uy = math.cos(angle), math.sin(angle)
        x1, y1 = cx + ux * (centre_r + 4), cy + uy * (centre_r + 4)
        x2, y2 = sx - ux * (node_r + 4), sy - uy * (node_r + 4)
        kind = "stressful" if s.stressful else "normal"
        markers = ""
        if s.flow in ("to_client", "both"):
            markers += f' marker-start="url(#arrow-{kind})"'
        if s.flow in ("from_client", "both"):
            markers += f' marker-end="url(#arrow-{kind})"'
        style = LINE_STYLE.get(s.strength, LINE_STYLE["moderate"])
        desc = " · ".join(
            str(x)
            for x in (
                s.name,
                STRENGTHS.get(s.strength, s.strength),
                _("penuh tekanan") if s.stressful else "",
                _("arus: %(flow)s") % {"flow": FLOWS.get(s.flow, s.flow)},
            )
            if x
        )
        links.append(
            f'<g class="link {s.strength}{" stressful" if s.stressful else ""}"><title>{_e(desc)}</title>'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{COLOR[kind]}" {style}{markers}/>'
            + (_hatch(x1, y1, x2, y2) if s.stressful else "")
            + "</g>"
        )
        nodes.append(
            f'<g class="system" data-category="{_e(s.category)}"><title>{_e(desc)}</title>'
            f'<circle cx="{sx:.1f}" cy="{sy:.1f}" r="{node_r}" fill="#fff" stroke="#52606d" '
            f'stroke-width="1.5"/>'
            + _label(s.name, sx, sy - 6, 14)
            + f'<text x="{sx:.1f}" y="{sy + node_r - 12:.1f}" font-size="10" fill="#52606d" '
            f'text-anchor="middle">{_e(CATEGORIES.get(s.category, s.category))}</text></g>'
        )
    centre_node = (
        f'<g class="centre"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{centre_r}" fill="#eef6fa" '
        f'stroke="#2f6f8f" stroke-width="3"/>' + _label(centre, cx, cy, 16, 13, True) + "</g>"
    )
    legend, legend_h = _legend(size, size)
    empty = ""
    if not systems:
        empty = (
            f'<text x="{cx:.1f}" y="{cy + centre_r + 40:.1f}" font-size="13" '
            f'text-anchor="middle">{_e(_("Belum ada sistem di sekitar klien."))}</text>'
        )
    height = size + legend_h
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ecomap" role="img" '
        f'viewBox="0 0 {size} {height}" width="{size}" height="{height}" '
        f'font-family="DejaVu Sans, Arial, sans-serif"><title>{_e(title)}</title>'
        + defs
        + "".join(links)
        + centre_node
        + "".join(nodes)
        + empty
        + legend
        + "</svg>"
    )


def _legend(width: int, top: float) -> tuple[str, int]:
    def line(style, color="#1f2933", extra=""):
        return f'<line x1="0" y1="0" x2="40" y2="0" stroke="{color}" {style}{extra}/>'

    items = [
        (line(LINE_STYLE["strong"]), _("kuat")),
        (line(LINE_STYLE["moderate"]), _("sedang")),
        (line(LINE_STYLE["tenuous"]), _("renggang")),
        (line(LINE_STYLE["weak"]), _("lemah")),
        (
            line(LINE_STYLE["moderate"], COLOR["stressful"]) + _hatch(0, 0, 40, 0),
            _("penuh tekanan"),
        ),
        (
            line(LINE_STYLE["moderate"], extra=' marker-start="url(#arrow-normal)"'),
            _("arus ke klien"),
        ),
        (
            line(LINE_STYLE["moderate"], extra=' marker-end="url(#arrow-normal)"'),
            _("arus dari klien"),
        ),
        (
            line(
                LINE_STYLE["moderate"],
                extra=' marker-start="url(#arrow-normal)" marker-end="url(#arrow-normal)"',
            ),
            _("dua arah"),
        ),
    ]
    per_row = max(1, (width - 20) // 170)
    out = [f'<g class="legend" transform="translate(14,{top:.0f})" font-size="12">']
    heading = pgettext("drawing legend", "Keterangan")
    out.append(f'<text x="0" y="0" font-weight="bold">{_e(heading)}</text>')
    for i, (icon, label) in enumerate(items):
        x, y = (i % per_row) * 170, 24 + (i // per_row) * 26
        out.append(
            f'<g transform="translate({x},{y})">{icon}<text x="50" y="4">{_e(label)}</text></g>'
        )
    out.append("</g>")
    rows = (len(items) + per_row - 1) // per_row
    return "".join(out), 44 + rows * 26


def compare(old: list[dict], new: list[dict]) -> list[dict]:
    """What changed between two snapshots' systems, one row per system name.

    Each row: name, change ("added", "removed", "changed", "same"), the old and new
    values and the fields that differ (strength, stressful, flow, category).
    """
    before = {s["name"].casefold(): s for s in old}
    after = {s["name"].casefold(): s for s in new}
    rows = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a is None:
            change, fields = "added", []
        elif b is None:
            change, fields = "removed", []
        else:
            fields = [
                f for f in ("strength", "stressful", "flow", "category") if a.get(f) != b.get(f)
            ]
            change = "changed" if fields else "same"
        rows.append(
            {"name": (b or a)["name"], "change": change, "old": a, "new": b, "fields": fields}
        )
    order = {"added": 0, "removed": 1, "changed": 2, "same": 3}
    return sorted(rows, key=lambda r: (order[r["change"]], r["name"].casefold()))


def describe(system: dict | None) -> str:
    """A one-line, translated description of a system's link."""
    if not system:
        return "—"
    parts = [str(STRENGTHS.get(system.get("strength"), system.get("strength")))]
    if system.get("stressful"):
        parts.append(_("penuh tekanan"))
    parts.append(_("arus: %(flow)s") % {"flow": FLOWS.get(system.get("flow"), system.get("flow"))})
    return " · ".join(parts)
