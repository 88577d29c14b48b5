"""The genogram, drawn as SVG from the client's family members.

Standard symbols (McGoldrick): square = male, circle = female, a double outline
for the client (the index person), a cross through the symbol for the deceased,
a horizontal line joining partners (dashed when unmarried, one slash for a
separation, two for a divorce), a line down from the couple to a bar over their
children, a dashed boundary around the household, and the emotional bond with
the client (close, distant, conflict) drawn as its own line style.

Generations are placed from the relation to the client: grandparents (−2);
parents, step-parents, uncles and aunts (−1); the client, siblings, spouse and
cousins (0); children (+1); grandchildren (+2). Grandparents, uncles, aunts and
cousins go to the father's or the mother's side by `side`; without it they go to
the father's side.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pendamping.charts import fit_text, text_width, xml_text

SIZE = 40  # symbol width and height
STEP = 96  # horizontal distance between neighbours
ROW = 130  # vertical distance between generations
TOP = 40  # room above the oldest generation (cropped after layout: see _crop)
NAME_SIZE, NAME_ROOM, NAME_LINES = 11, 124, 2  # a name wraps to two lines of at most 124 px
LINE = 15  # baseline to baseline under a symbol
MARGIN = 12
GENERATION = {
    "grandfather": -2, "grandmother": -2,
    "father": -1, "mother": -1, "stepparent": -1, "uncle_aunt": -1, "guardian": -1,
    "spouse": 0, "sibling": 0, "cousin": 0, "other": 0,
    "child": 1, "grandchild": 2,
}  # fmt: skip


@dataclass
class Person:
    key: str
    name: str
    sex: str  # "M" or "F" (anything else draws a diamond: unknown)
    relation: str = "self"
    birth_year: int | None = None
    alive: bool = True
    household: bool = False
    side: str = ""
    union: str = ""
    bond: str = "normal"
    x: float = 0.0
    y: float = 0.0

    @property
    def is_client(self) -> bool:
        return self.relation == "self"


@dataclass
class Genogram:
    people: list[Person]
    width: int
    height: int
    lines: list[str] = field(default_factory=list)


_e = xml_text


def people_from(client, members) -> list[Person]:
    """The client and their (alive) FamilyMember rows as Persons."""
    people = [
        Person(
            key="client",
            name=client.full_name,
            sex=client.sex,
            birth_year=client.birth_date.year if client.birth_date else None,
            household=True,
        )
    ]
    for m in members:
        people.append(
            Person(
                key=f"m{m.pk}",
                name=m.name,
                sex=m.sex,
                relation=m.relation,
                birth_year=m.birth_year,
                alive=m.is_alive,
                household=m.in_household,
                side=m.side,
                union=m.union_status,
                bond=m.bond,
            )
        )
    return people


def _by_year(people: list[Person]) -> list[Person]:
    return sorted(people, key=lambda p: (p.birth_year or 9999, p.name))


def _row(people: list[Person], start: float) -> float:
    """Place `people` left to right from x=start; returns the next free x."""
    for i, p in enumerate(people):
        p.x = start + i * STEP
    return start + len(people) * STEP


def layout(people: list[Person]) -> list[Person]:
    """Give every person an (x, y); returns them in drawing order."""
    me = next(p for p in people if p.is_client)
    rel = lambda *names: [p for p in people if p.relation in names]  # noqa: E731
    paternal = lambda ps: [p for p in ps if p.side != "maternal"]  # noqa: E731
    maternal = lambda ps: [p for p in ps if p.side == "maternal"]  # noqa: E731
    father, mother = (rel("father") or [None])[0], (rel("mother") or [None])[0]
    spouse = (rel("spouse") or [None])[0]
    extra_parents = rel("father")[1:] + rel("mother")[1:]
    spouses_extra = rel("spouse")[1:]

    # generation 0: paternal cousins | siblings and the client by age | spouse | maternal cousins
    # the client stands at the end of the sibling line when married, beside the spouse
    kids = [*_by_year(rel("sibling")), me] if spouse else _by_year([me, *rel("sibling")])
    x = _row(_by_year(paternal(rel("cousin"))), 0)
    sib_start = x + (STEP if x else 0)
    x = _row(kids, sib_start)
    couple = [p for p in (spouse, *spouses_extra) if p]
    x = _row(couple, x)
    x = _row(_by_year(maternal(rel("cousin"))), x + (STEP if maternal(rel("cousin")) else 0))
    _row(rel("other"), x + (STEP if rel("other") else 0))
    sib_mid = (kids[0].x + kids[-1].x) / 2

    # generation −1 around the parents, who sit above the middle of their children
    if father:
        father.x = sib_mid - STEP / 2
    if mother:
        mother.x = sib_mid + STEP / 2 if father else sib_mid
    if father and not mother:
        father.x = sib_mid
    left_edge = min([p.x for p in (father, mother) if p] or [sib_mid])
    right_edge = max([p.x for p in (father, mother) if p] or [sib_mid])
    for i, p in enumerate(reversed(_by_year(paternal(rel("uncle_aunt"))))):
        p.x = left_edge - (i + 1) * STEP
    # step-parents after the mother's siblings, so her parents' line does not reach them
    others = [*_by_year(maternal(rel("uncle_aunt"))), *rel("stepparent"), *extra_parents,
              *rel("guardian")]  # fmt: skip
    for i, p in enumerate(others):
        p.x = right_edge + (i + 1) * STEP

    # generation −2: each side's grandparents above that side's parent
    for side, anchor in (("paternal", father), ("maternal", mother)):
        gps = [
            p
            for p in rel("grandfather", "grandmother")
            if (p.side == "maternal") == (side == "maternal")
        ]
        gps.sort(key=lambda p: p.relation != "grandfather")
        group = [p for p in rel("uncle_aunt") if (p.side == "maternal") == (side == "maternal")]
        group += [anchor] if anchor else []
        if group:
            centre = (min(p.x for p in group) + max(p.x for p in group)) / 2
        else:
            centre = left_edge if side == "paternal" else right_edge
        for i, p in enumerate(gps):
            p.x = centre - STEP / 2 * (len(gps) - 1) + i * STEP

    # generations +1 and +2 below the client (and spouse)
    children = _by_year(rel("child"))
    centre = (me.x + spouse.x) / 2 if spouse else me.x
    for i, p in enumerate(children):
        p.x = centre - STEP / 2 * (len(children) - 1) + i * STEP
    grandchildren = _by_year(rel("grandchild"))
    gc_centre = (children[0].x + children[-1].x) / 2 if children else centre
    for i, p in enumerate(grandchildren):
        p.x = gc_centre - STEP / 2 * (len(grandchildren) - 1) + i * STEP

    for p in people:
        p.y = TOP + (GENERATION.get(p.relation, 0) + 2) * ROW
    _separate(people)
    return people


@functools.lru_cache(maxsize=1024)
def name_lines(name: str) -> tuple[str, ...]:
    """The name in at most two lines of NAME_ROOM, words kept whole where they fit; the
    rest cut with an ellipsis (the whole name is the symbol's tooltip)."""
    lines: list[str] = []
    words = name.split()
    while words and len(lines) < NAME_LINES:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", NAME_SIZE) <= NAME_ROOM:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = lines[-1] + " " + " ".join(words)
    return tuple(fit_text(line, NAME_SIZE, NAME_ROOM) for line in lines) or ("",)


def label_width(p: Person) -> float:
    return max([SIZE, *(text_width(line, NAME_SIZE) for line in name_lines(p.name))])


def _separate(people: list[Person]) -> None:
    """Within each generation, push symbols apart, left to right, until neither they
    nor their labels touch."""
    rows: dict[float, list[Person]] = {}
    for p in people:
        rows.setdefault(p.y, []).append(p)
    for row in rows.values():
        row.sort(key=lambda p: p.x)
        for left, right in itertools.pairwise(row):
            need = max(STEP, (label_width(left) + label_width(right)) / 2 + 14)
            if right.x - left.x < need:
                right.x = left.x + need


def _symbol(p: Person) -> list[str]:
    x, y, h = p.x, p.y, SIZE / 2
    stroke = 'stroke="#1f2933" stroke-width="2"'
    if p.sex == "M":
        shape = f'<rect x="{x - h:.1f}" y="{y - h:.1f}" width="{SIZE}" height="{SIZE}" fill="#fff" {stroke}/>'
        inner = f'<rect x="{x - h + 4:.1f}" y="{y - h + 4:.1f}" width="{SIZE - 8}" height="{SIZE - 8}" fill="none" {stroke}/>'
    elif p.sex == "F":
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{h}" fill="#fff" {stroke}/>'
        inner = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{h - 4}" fill="none" {stroke}/>'
    else:
        pts = f"{x:.1f},{y - h:.1f} {x + h:.1f},{y:.1f} {x:.1f},{y + h:.1f} {x - h:.1f},{y:.1f}"
        shape = f'<polygon points="{pts}" fill="#fff" {stroke}/>'
        inner = ""
    out = [f'<g class="person" data-key="{_e(p.key)}"><title>{_e(p.name)}</title>', shape]
    if p.is_client and inner:
        out.append(inner)
    if not p.alive:
        out += [
            f'<line x1="{x - h:.1f}" y1="{y - h:.1f}" x2="{x + h:.1f}" y2="{y + h:.1f}" {stroke}/>',
            f'<line x1="{x + h:.1f}" y1="{y - h:.1f}" x2="{x - h:.1f}" y2="{y + h:.1f}" {stroke}/>',
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
    if p.is_client:
        out.append(
            f'<text x="{x:.1f}" y="{y - h - 6:.1f}" font-size="10" text-anchor="middle" '
            f'font-weight="bold">{_e(_("Klien"))}</text>'
        )
    out.append("</g>")
    return out


def _union(
    a: Person, b: Person, status: str, *, drop: float = 34
) -> tuple[list[str], float, float]:
    """A partner line under two symbols; returns the svg and the line's midpoint."""
    left, right = sorted((a, b), key=lambda p: p.x)
    # under both partners' labels (a second partner's line a little higher)
    y = max(a.y + _below(a), b.y + _below(b)) + 6 + (drop - 34) / 4
    dash = ' stroke-dasharray="6 4"' if status == "unmarried" else ""
    out = [
        f'<path d="M{left.x:.1f},{left.y + SIZE / 2:.1f} V{y:.1f} H{right.x:.1f} V{right.y + SIZE / 2:.1f}" '
        f'fill="none" stroke="#1f2933" stroke-width="2"{dash}/>'
    ]
    mid = (left.x + right.x) / 2
    slashes = {"separated": 1, "divorced": 2}.get(status, 0)
    for i in range(slashes):
        dx = (i - (slashes - 1) / 2) * 8
        out.append(
            f'<line x1="{mid + dx - 5:.1f}" y1="{y + 8:.1f}" x2="{mid + dx + 5:.1f}" y2="{y - 8:.1f}" '
            f'stroke="#1f2933" stroke-width="2"/>'
        )
    return out, mid, y


def _children_line(top_x: float, top_y: float, children: list[Person]) -> list[str]:
    if not children:
        return []
    bar_y = children[0].y - SIZE / 2 - 22
    xs = [c.x for c in children]
    out = [
        f'<line x1="{top_x:.1f}" y1="{top_y:.1f}" x2="{top_x:.1f}" y2="{bar_y:.1f}" stroke="#1f2933" stroke-width="2"/>',
        f'<line x1="{min([*xs, top_x]):.1f}" y1="{bar_y:.1f}" x2="{max([*xs, top_x]):.1f}" y2="{bar_y:.1f}" '
        f'stroke="#1f2933" stroke-width="2"/>',
    ]
    out += [
        f'<line x1="{c.x:.1f}" y1="{bar_y:.1f}" x2="{c.x:.1f}" y2="{c.y - SIZE / 2:.1f}" stroke="#1f2933" stroke-width="2"/>'
        for c in children
    ]
    return out


def _box(p: Person, pad: float = 0.0) -> tuple[float, float, float, float]:
    h = SIZE / 2 + pad
    return (p.x - h, p.y - h, p.x + h, p.y + h)


def _curve(a, c, b, n: int = 24) -> list[tuple[float, float]]:
    return [
        (
            (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t**2 * b[0],
            (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t**2 * b[1],
        )
        for t in (i / n for i in range(n + 1))
    ]


def _zigzag(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The conflict line: the curve with every other point pushed 5 px across it."""
    out = [points[0]]
    for i in range(1, len(points) - 1):
        (x0, y0), (x1, y1) = points[i - 1], points[i + 1]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5 or 1
        side = 5 if i % 2 else -5
        out.append((points[i][0] - dy / norm * side, points[i][1] + dx / norm * side))
    return [*out, points[-1]]


def _dense(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        out += [(x0 + (x1 - x0) * t / 6, y0 + (y1 - y0) * t / 6) for t in range(7)]
    return out


def _hits(points, people: list[Person], ends: tuple[Person, Person]) -> int:
    """How many symbols the line runs through: others with a margin; its own two
    anywhere but where it leaves them."""
    dense, hits = _dense(points), 0
    left, right = min(x for x, _y in points), max(x for x, _y in points)
    top, bottom = min(y for _x, y in points), max(y for _x, y in points)
    for q in people:
        own = q in ends
        for x0, y0, x1, y1 in (_box(q, -1.5 if own else 4), *_label_boxes(q)):
            if x1 < left or x0 > right or y1 < top or y0 > bottom:
                continue
            if any(x0 < x < x1 and y0 < y < y1 for x, y in dense):
                hits += 1
    return hits


def _label_boxes(p: Person) -> list[tuple[float, float, float, float]]:
    """Where p's labels are: the name and year under the symbol, 'Klien' above it."""
    half, h = label_width(p) / 2, SIZE / 2
    boxes = [(p.x - half, p.y + h + 2, p.x + half, p.y + _below(p))]
    if p.is_client:
        boxes.append((p.x - 20, p.y - h - 18, p.x + 20, p.y - h - 2))
    return boxes


def _anchors(p: Person) -> list[tuple[float, float]]:
    h = SIZE / 2
    return [(p.x, p.y - h), (p.x + h, p.y), (p.x - h, p.y), (p.x, p.y + h)]


def _route(p: Person, me: Person, people: list[Person]) -> list[tuple[float, float]]:
    """The bond's line from p to the client: of curves between the sides of the two
    symbols, bowed either way, the first that runs through no other symbol (fewest
    symbols crossed, then the shortest)."""
    candidates = []
    for a in _anchors(p):
        for b in _anchors(me):
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            dx, dy = b[0] - a[0], b[1] - a[1]
            length = (dx * dx + dy * dy) ** 0.5 or 1
            for bow in (0.25, -0.25, 0.6, -0.6, 1.0, -1.0):
                c = (mx - dy * bow / 2, my + dx * bow / 2)
                candidates.append((length * (1 + abs(bow)), a, c, b))
    best = None
    for cost, a, c, b in sorted(candidates):
        points = _curve(a, c, b)
        if p.bond == "conflict":
            points = _zigzag(points[::2])
        hits = _hits(points, people, (p, me))
        if best is None or (hits, cost) < best[0]:
            best = ((hits, cost), points, (a, c, b))
        if hits == 0:  # the shortest clear line
            break
    return best[1], best[2]


def _bond(p: Person, route) -> list[str]:
    """The emotional bond with the client, routed around every symbol between them."""
    if route is None:
        return []
    title = f"<title>{_e(p.name)}: {_e(bond_labels().get(p.bond, p.bond))}</title>"
    points, (a, c, b) = route
    if p.bond == "conflict":
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        return [
            f'<polyline class="bond conflict" points="{pts}" fill="none" '
            f'stroke="#b91c1c" stroke-width="1.5">{title}</polyline>'
        ]
    style = {
        "strong": 'stroke="#15803d" stroke-width="4"',
        "weak": 'stroke="#7b8794" stroke-width="1.5" stroke-dasharray="3 5"',
    }[p.bond]
    return [
        f'<path class="bond {p.bond}" d="M{a[0]:.1f},{a[1]:.1f} Q{c[0]:.1f},{c[1]:.1f} '
        f'{b[0]:.1f},{b[1]:.1f}" fill="none" {style}>{title}</path>'
    ]


def _extent(people: list[Person], me: Person, routes: dict) -> tuple[float, ...]:
    """Everything drawn for the people: symbols, labels and bond lines (whose routes
    it keeps in `routes`, by person)."""
    xs, ys = [], []
    for p in people:
        half = max(SIZE / 2, label_width(p) / 2)
        xs += [p.x - half, p.x + half]
        ys += [p.y - SIZE / 2 - (18 if p.is_client else 0), p.y + _below(p)]
        if p.bond in bond_labels() and not p.is_client:
            points, _abc = routes[p.key] = _route(p, me, people)
            xs += [x for x, _y in points]
            ys += [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _below(p: Person) -> float:
    """From the centre of p's symbol to the bottom of its labels."""
    lines = len(name_lines(p.name)) + (1 if p.birth_year else 0)
    return SIZE / 2 + 14 + (lines - 1) * LINE + 4


def bond_labels() -> dict:
    return {"strong": _("dekat"), "weak": _("renggang"), "conflict": _("konflik")}


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
    for key, (points, abc) in routes.items():
        routes[key] = ([(x + dx, y + dy) for x, y in points],
                       tuple((x + dx, y + dy) for x, y in abc))  # fmt: skip
    width = int(x1 - x0 + 2 * MARGIN)
    body: list[str] = []

    # bonds underneath everything
    for p in people:
        body += _bond(p, routes.get(p.key))

    # parents' union and their children (siblings and the client; uncles hang from grandparents)
    father, mother = (rel("father") or [None])[0], (rel("mother") or [None])[0]
    kids = [me, *rel("sibling")]
    if father and mother:
        status = father.union or mother.union or "married"
        lines, mid, y = _union(father, mother, status)
        body += lines + _children_line(mid, y, kids)
    elif father or mother:
        parent = father or mother
        body += _children_line(parent.x, parent.y + SIZE / 2, kids)
    for p in rel("stepparent"):
        partner = mother if p.sex == "M" and mother else father if father else mother
        if partner:
            body += _union(partner, p, p.union or "married", drop=16)[0]

    # each side's grandparents: their union, and their children (a parent, uncles, aunts)
    for side, parent in (("paternal", father), ("maternal", mother)):
        maternal = side == "maternal"
        gps = [p for p in rel("grandfather", "grandmother") if (p.side == "maternal") == maternal]
        children = [p for p in rel("uncle_aunt") if (p.side == "maternal") == maternal]
        if parent:
            children.append(parent)
        if len(gps) >= 2:
            lines, mid, y = _union(gps[0], gps[1], gps[0].union or gps[1].union or "married")
            body += lines + _children_line(mid, y, children)
        elif gps:
            body += _children_line(gps[0].x, gps[0].y + SIZE / 2, children)

    # cousins under the uncles and aunts of their side
    for maternal in (False, True):
        cousins = [p for p in rel("cousin") if (p.side == "maternal") == maternal]
        uncles = [p for p in rel("uncle_aunt") if (p.side == "maternal") == maternal]
        if cousins and uncles:
            top = sum(u.x for u in uncles) / len(uncles)
            body += _children_line(top, uncles[0].y + SIZE / 2, cousins)

    # the client's union(s), children and grandchildren
    children = rel("child")
    spouses = rel("spouse")
    if spouses:
        lines, mid, y = _union(me, spouses[0], spouses[0].union or "married")
        body += lines + _children_line(mid, y, children)
        for extra in spouses[1:]:
            body += _union(me, extra, extra.union or "divorced", drop=16)[0]
    else:
        body += _children_line(me.x, me.y + SIZE / 2, children)
    if children:
        anchor = children[0]
        body += _children_line(anchor.x, anchor.y + SIZE / 2 + 30, rel("grandchild"))

    # the household boundary: around each run of neighbours who live with the client,
    # joined from generation to generation
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
        top = y - SIZE / 2 - (22 if any(p.is_client for p in row) else 8)
        bottom = y + max(_below(p) for p in row) + 4
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
