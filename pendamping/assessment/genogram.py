"""The genogram, drawn as SVG from the client's family members.

Standard symbols (McGoldrick): square = male, circle = female, a double outline
for the client (the index person), a cross through the symbol for the deceased,
a horizontal line joining partners (dashed when unmarried, one slash for a
separation, two for a divorce), a line down from the couple to a bar over their
children, a dashed boundary around the household, and the emotional bond with
the client (close, distant, conflict) drawn as its own line style.

Names sit under the symbols, so no line leaves a symbol downwards: partners beside
each other are joined between their facing sides, others by a line that runs
beside their names and under the row; a single parent's line to the children
leaves from the side. The layout is in genogram_layout.py, the bond lines'
routes in genogram_routes.py.
"""

from __future__ import annotations

import itertools

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pendamping.charts import xml_text

from .genogram_layout import (  # noqa: F401 (Person, layout, name_lines, STEP: the API)
    LINE,
    MARGIN,
    MARK_GAP,
    MARK_SIZE,
    NAME_SIZE,
    SIZE,
    STEP,
    Person,
    below,
    bond_labels,
    gap,
    label_width,
    layout,
    mark_width,
    name_lines,
    people_from,
    rows,
)
from .genogram_routes import bond_svg, route

_e = xml_text
H = SIZE / 2
STROKE = 'stroke="#1f2933" stroke-width="2"'


def _symbol(p: Person) -> list[str]:
    x, y, h = p.x, p.y, H
    if p.sex == "M":
        shape = f'<rect x="{x - h:.1f}" y="{y - h:.1f}" width="{SIZE}" height="{SIZE}" fill="#fff" {STROKE}/>'
        inner = f'<rect x="{x - h + 4:.1f}" y="{y - h + 4:.1f}" width="{SIZE - 8}" height="{SIZE - 8}" fill="none" {STROKE}/>'
    elif p.sex == "F":
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{h}" fill="#fff" {STROKE}/>'
        inner = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{h - 4}" fill="none" {STROKE}/>'
    else:
        pts = f"{x:.1f},{y - h:.1f} {x + h:.1f},{y:.1f} {x:.1f},{y + h:.1f} {x - h:.1f},{y:.1f}"
        shape = f'<polygon points="{pts}" fill="#fff" {STROKE}/>'
        inner = ""
    out = [f'<g class="person" data-key="{_e(p.key)}"><title>{_e(p.name)}</title>', shape]
    if p.is_client and inner:
        out.append(inner)
    if not p.alive:
        out += [
            f'<line x1="{x - h:.1f}" y1="{y - h:.1f}" x2="{x + h:.1f}" y2="{y + h:.1f}" {STROKE}/>',
            f'<line x1="{x + h:.1f}" y1="{y - h:.1f}" x2="{x - h:.1f}" y2="{y + h:.1f}" {STROKE}/>',
        ]
    lines = name_lines(p.name)
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + h + 14 + i * LINE:.1f}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    out.append(f'<text x="{x:.1f}" font-size="{NAME_SIZE}" text-anchor="middle">{spans}</text>')
    if p.birth_year:
        out.append(
            f'<text x="{x:.1f}" y="{y + h + 14 + len(lines) * LINE:.1f}" font-size="10" '
            f'text-anchor="middle" fill="#52606d">{p.birth_year}{"" if p.alive else " †"}</text>'
        )
    if p.is_client:  # beside the line that comes down to the client from the parents
        out.append(
            f'<text x="{x + MARK_GAP:.1f}" y="{y - h - 6:.1f}" font-size="{MARK_SIZE}" '
            f'font-weight="bold">{_e(pgettext("genogram: the index person", "Klien"))}</text>'
        )
    out.append("</g>")
    return out


def _slashes(mid: float, y: float, status: str) -> list[str]:
    count = {"separated": 1, "divorced": 2}.get(status, 0)
    return [
        f'<line x1="{mid + dx - 5:.1f}" y1="{y + 8:.1f}" x2="{mid + dx + 5:.1f}" y2="{y - 8:.1f}" {STROKE}/>'
        for dx in ((i - (count - 1) / 2) * 8 for i in range(count))
    ]


def _union(
    a: Person, b: Person, status: str, row: list[Person], *, outward: bool = False, level: int = 0
) -> tuple[list[str], float, float]:
    """The partner line between a and b; returns the svg and where the line to their
    children leaves it.

    Neighbours are joined between their facing sides at mid-height, the children's line
    leaving between their names. Partners with others between them are joined by a line
    that leaves each symbol sideways, runs down beside its name and under the whole row
    (`outward`: the left partner's line leaves on its left, its right side being taken
    by another union); `level` lowers it a little under an earlier one."""
    left, right = sorted((a, b), key=lambda p: p.x)
    dash = ' stroke-dasharray="6 4"' if status == "unmarried" else ""
    if not [q for q in row if left.x < q.x < right.x]:
        y = left.y
        x1, x2 = left.x + H, right.x - H
        drop = (left.x + label_width(left) / 2 + right.x - label_width(right) / 2) / 2
        d = f"M{x1:.1f},{y:.1f} H{x2:.1f}"
        # the slashes on the longer stretch beside the children's line
        mid = (x1 + drop) / 2 if drop - x1 >= x2 - drop else (drop + x2) / 2
    else:
        span = [q for q in row if left.x <= q.x <= right.x]
        y = max(q.y + below(q) for q in span) + 10 + 5 * level  # slashes clear the names
        side = -1 if outward else 1
        gl, gr = gap(left, side), gap(right, -1)
        d = (
            f"M{left.x + side * H:.1f},{left.y:.1f} H{gl:.1f} V{y:.1f} H{gr:.1f} "
            f"V{right.y:.1f} H{right.x - H:.1f}"
        )
        drop = mid = (max(gl, left.x) + gr) / 2
    out = [f'<path class="union" d="{d}" fill="none" {STROKE}{dash}/>']
    return out + _slashes(mid, y, status), drop, y


def _single(p: Person) -> tuple[list[str], float, float]:
    """Where a single parent's line to the children leaves: the symbol's left side, down
    beside the name."""
    x = gap(p, -1)
    return (
        [f'<line x1="{p.x - H:.1f}" y1="{p.y:.1f}" x2="{x:.1f}" y2="{p.y:.1f}" {STROKE}/>'],
        x,
        p.y,
    )


def _children_line(top_x: float, top_y: float, children: list[Person]) -> list[str]:
    if not children:
        return []
    bar_y = children[0].y - H - 22
    xs = [c.x for c in children]
    out = [
        f'<line x1="{top_x:.1f}" y1="{top_y:.1f}" x2="{top_x:.1f}" y2="{bar_y:.1f}" {STROKE}/>',
        f'<line x1="{min([*xs, top_x]):.1f}" y1="{bar_y:.1f}" x2="{max([*xs, top_x]):.1f}" y2="{bar_y:.1f}" {STROKE}/>',
    ]
    out += [
        f'<line x1="{c.x:.1f}" y1="{bar_y:.1f}" x2="{c.x:.1f}" y2="{c.y - H:.1f}" {STROKE}/>'
        for c in children
    ]
    return out


def _parents(parents: list[Person], children: list[Person], row, status: str = "") -> list[str]:
    """One or two parents and the line down to their children."""
    if not parents:
        return []
    if len(parents) >= 2:
        a, b = parents[:2]
        lines, x, y = _union(a, b, status or a.union or b.union or "married", row)
    else:
        lines, x, y = _single(parents[0]) if children else ([], 0, 0)
    return lines + _children_line(x, y, children)


def _extent(people: list[Person], me: Person, routes: dict) -> tuple[float, ...]:
    """Everything drawn for the people: symbols, labels and bond lines (whose routes
    it keeps in `routes`, by person)."""
    xs, ys, cache = [], [], {}
    for p in people:
        half = max(H, label_width(p) / 2)
        xs += [p.x - half, p.x + max(half, MARK_GAP + mark_width() if p.is_client else 0)]
        ys += [p.y - H - (18 if p.is_client else 0), p.y + below(p)]
        if p.bond in bond_labels() and not p.is_client:
            points, _curve = routes[p.key] = route(p, me, people, cache)
            xs += [x for x, _y in points]
            ys += [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def draw(people: list[Person], *, title: str) -> str:
    """The genogram as a standalone SVG document (a string of valid XML)."""
    layout(people)
    me = next(p for p in people if p.is_client)
    rel = lambda *names: [p for p in people if p.relation in names]  # noqa: E731
    # crop: what is drawn starts MARGIN from the top left (no room kept for absent generations)
    routes: dict = {}
    x0, y0, x1, y1 = _extent(people, me, routes)
    dx, dy = MARGIN - x0, MARGIN - y0
    for p in people:
        p.x, p.y = p.x + dx, p.y + dy
    for key, (points, curve) in routes.items():
        routes[key] = ([(x + dx, y + dy) for x, y in points],
                       curve and tuple((x + dx, y + dy) for x, y in curve))  # fmt: skip
    width = int(x1 - x0 + 2 * MARGIN)
    row = rows(people)
    body: list[str] = []

    # bonds underneath everything
    for p in people:
        body += bond_svg(p, routes.get(p.key))

    # parents' union and their children (siblings and the client; uncles hang from grandparents)
    father, mother = (rel("father") or [None])[0], (rel("mother") or [None])[0]
    parents = [p for p in (father, mother) if p]
    body += _parents(parents, [me, *rel("sibling")], row.get(parents[0].y, []) if parents else [])
    for p in rel("stepparent"):
        partner = mother if p.sex == "M" and mother else father if father else mother
        if partner:
            outward = partner is father and mother is not None
            body += _union(partner, p, p.union or "married", row[p.y], outward=outward, level=1)[0]

    # each side's grandparents: their union, and their children (a parent, uncles, aunts)
    for side, parent in (("paternal", father), ("maternal", mother)):
        maternal = side == "maternal"
        gps = [p for p in rel("grandfather", "grandmother") if (p.side == "maternal") == maternal]
        children = [p for p in rel("uncle_aunt") if (p.side == "maternal") == maternal]
        if parent:
            children.append(parent)
        if gps:
            body += _parents(gps, children, row[gps[0].y])

    # cousins under the outermost uncle or aunt of their side
    for maternal in (False, True):
        cousins = [p for p in rel("cousin") if (p.side == "maternal") == maternal]
        uncles = sorted((p for p in rel("uncle_aunt") if (p.side == "maternal") == maternal),
                        key=lambda p: p.x)  # fmt: skip
        if cousins and uncles:
            uncle = uncles[-1] if maternal else uncles[0]
            x = gap(uncle, 1 if maternal else -1)
            body.append(
                f'<line x1="{uncle.x + (H if maternal else -H):.1f}" y1="{uncle.y:.1f}" '
                f'x2="{x:.1f}" y2="{uncle.y:.1f}" {STROKE}/>'
            )
            body += _children_line(x, uncle.y, cousins)

    # the client's union(s), children and grandchildren
    children = rel("child")
    spouses = rel("spouse")
    if spouses:
        body += _parents([me, spouses[0]], children, row[me.y], spouses[0].union or "married")
        for i, extra in enumerate(spouses[1:]):
            body += _union(me, extra, extra.union or "divorced", row[me.y], outward=True,
                           level=i)[0]  # fmt: skip
    else:
        body += _parents([me], children, row[me.y])
    if children:
        body += _parents([min(children, key=lambda p: p.x)], rel("grandchild"), row)

    # the household boundary: one outline around everyone who lives with the client
    body[:0] = _household(people)

    for p in people:
        body += _symbol(p)

    content_h = y1 - y0 + 2 * MARGIN + 24
    legend, legend_h = _legend(max(width, 560), content_h)
    height = int(content_h + legend_h)
    width = max(width, 560)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="genogram" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="DejaVu Sans, Arial, sans-serif">'
        f"<title>{_e(title)}</title>"
    )
    return head + "".join(body) + legend + "</svg>"


def _household(people: list[Person]) -> list[str]:
    """One dashed outline around everyone who lives with the client: a box per
    generation (from its first to its last member in the household), the boxes stacked
    into one shape."""
    members = [p for p in people if p.household]
    if len(members) < 2:
        return []
    rows: dict[float, list[Person]] = {}
    for p in members:
        rows.setdefault(p.y, []).append(p)
    boxes = []
    for y in sorted(rows):
        row = sorted(rows[y], key=lambda p: p.x)
        pad_l = max(SIZE, label_width(row[0]) / 2 + 6)
        pad_r = max(SIZE, label_width(row[-1]) / 2 + 6)
        if row[-1].is_client:
            pad_r = max(pad_r, MARK_GAP + mark_width() + 6)
        top = y - SIZE / 2 - (22 if any(p.is_client for p in row) else 8)
        bottom = y + max(below(p) for p in row) + 4
        boxes.append([row[0].x - pad_l, top, row[-1].x + pad_r, bottom])
    for upper, lower in itertools.pairwise(boxes):
        middle = (upper[3] + lower[1]) / 2  # stacked: each box reaches the next
        upper[3] = lower[1] = middle
        if lower[2] < upper[0] + SIZE:  # keep the stack joined
            lower[2] = upper[0] + SIZE
        if lower[0] > upper[2] - SIZE:
            lower[0] = upper[2] - SIZE
    points = []
    for b in boxes:  # down the right side
        points += [(b[2], b[1]), (b[2], b[3])]
    for b in reversed(boxes):  # up the left side
        points += [(b[0], b[3]), (b[0], b[1])]
    d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"
    title = f"<title>{_e(_('Serumah'))}</title>"
    return [
        f'<path class="household" d="{d}" fill="none" stroke="#2f6f8f" stroke-width="1.5" '
        f'stroke-dasharray="8 5" stroke-linejoin="round">{title}</path>'
    ]


def _legend(width: int, top: float) -> tuple[str, int]:
    items = [
        ('<rect x="0" y="-8" width="16" height="16" fill="#fff" stroke="#1f2933" stroke-width="2"/>', _("laki-laki")),
        ('<circle cx="8" cy="0" r="8" fill="#fff" stroke="#1f2933" stroke-width="2"/>', _("perempuan")),
        ('<rect x="0" y="-8" width="16" height="16" fill="#fff" stroke="#1f2933" stroke-width="2"/>'
         '<line x1="0" y1="-8" x2="16" y2="8" stroke="#1f2933" stroke-width="2"/>'
         '<line x1="16" y1="-8" x2="0" y2="8" stroke="#1f2933" stroke-width="2"/>', _("meninggal")),
        ('<line x1="0" y1="0" x2="24" y2="0" stroke="#1f2933" stroke-width="2"/>', _("menikah")),
        ('<line x1="0" y1="0" x2="24" y2="0" stroke="#1f2933" stroke-width="2"/>'
         '<line x1="8" y1="6" x2="16" y2="-6" stroke="#1f2933" stroke-width="2"/>', _("pisah")),
        ('<line x1="0" y1="0" x2="24" y2="0" stroke="#1f2933" stroke-width="2"/>'
         '<line x1="5" y1="6" x2="11" y2="-6" stroke="#1f2933" stroke-width="2"/>'
         '<line x1="13" y1="6" x2="19" y2="-6" stroke="#1f2933" stroke-width="2"/>', _("cerai")),
        ('<line x1="0" y1="0" x2="24" y2="0" stroke="#1f2933" stroke-width="2" stroke-dasharray="6 4"/>', _("tidak menikah")),
        ('<rect x="0" y="-8" width="24" height="16" rx="5" fill="none" stroke="#2f6f8f" stroke-dasharray="8 5"/>', _("serumah")),
        ('<line x1="0" y1="0" x2="24" y2="0" stroke="#15803d" stroke-width="4"/>', _("hubungan dekat")),
        ('<line x1="0" y1="0" x2="24" y2="0" stroke="#7b8794" stroke-width="1.5" stroke-dasharray="3 5"/>', _("hubungan renggang")),
        ('<polyline points="0,0 4,-4 8,4 12,-4 16,4 20,-4 24,0" fill="none" stroke="#b91c1c" stroke-width="1.5"/>', _("konflik")),
    ]  # fmt: skip
    per_row = max(1, (width - 20) // 150)
    out = [f'<g class="legend" transform="translate(10,{top:.0f})" font-size="11">']
    heading = pgettext("drawing legend", "Keterangan")
    out.append(f'<text x="0" y="0" font-weight="bold">{_e(heading)}</text>')
    for i, (icon, label) in enumerate(items):
        x, y = (i % per_row) * 150, 22 + (i // per_row) * 24
        out.append(
            f'<g transform="translate({x},{y})">{icon}<text x="32" y="4">{_e(label)}</text></g>'
        )
    out.append("</g>")
    rows = (len(items) + per_row - 1) // per_row
    return "".join(out), 40 + rows * 24


def genogram_svg(client, members, *, title: str | None = None) -> str:
    return draw(
        people_from(client, members),
        title=title or _("Genogram %(name)s") % {"name": client.full_name},
    )
