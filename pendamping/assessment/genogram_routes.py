"""The genogram's bond lines: how each emotional bond with the client finds its way
around every symbol and every label of the drawing.

First choice: a curve between the sides of the two symbols, bowed either way, the
shortest that crosses nothing. When no curve is clear (a parent's bond must pass its
own name, a grandparent's a whole generation), the line is routed on a grid around the
symbols and labels (A*, right angles, few turns), which always finds a clear way round.
"""

from __future__ import annotations

import heapq
import itertools

from pendamping.charts import xml_text

from .genogram_layout import SIZE, Person, bond_labels, box, label_boxes

CELL = 8  # grid step of the fallback route
CLEAR = 7  # how far the fallback stays from symbols and labels (a zigzag swings 5)
CURVES = 32  # how many of the shortest curves are tried before the grid
TURN = 30
BUSY = (
    3 * CELL
)  # the extra cost of a cell where another line runs  # the cost of a corner, in px: few corners, clean lines

_e = xml_text


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


def _dense(points: list[tuple[float, float]], step: float = 6.0) -> list[tuple[float, float]]:
    """Points at most `step` apart along the polyline."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        n = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 / step) + 1)
        out += [(x0 + (x1 - x0) * t / n, y0 + (y1 - y0) * t / n) for t in range(1, n + 1)]
    return out


def obstacles(people: list[Person], ends: tuple[Person, Person]) -> list[tuple[float, ...]]:
    """What a bond line must not cross: other symbols with a margin, its own two
    anywhere but where it leaves them, every label (its own two included)."""
    return [
        b for q in people for b in (box(q, -1.5 if q in ends else 4), *label_boxes(q))
    ]  # fmt: skip


def hits(points, boxes: list[tuple[float, ...]]) -> int:
    """How many of the boxes the line (a polyline through `points`) runs through."""
    left, right = min(x for x, _y in points), max(x for x, _y in points)
    top, bottom = min(y for _x, y in points), max(y for _x, y in points)
    near = [b for b in boxes if not (b[2] < left or b[0] > right or b[3] < top or b[1] > bottom)]
    segments = list(itertools.pairwise(points))
    return sum(1 for b in near if any(_crosses(a, c, b) for a, c in segments))


def _crosses(a, b, box) -> bool:
    """Does the segment a-b enter the inside of the box (Liang-Barsky clipping)?"""
    (x0, y0), (x1, y1) = a, b
    dx, dy, t0, t1 = x1 - x0, y1 - y0, 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    return t0 < t1


def _anchors(p: Person) -> list[tuple[float, float]]:
    h = SIZE / 2
    return [(p.x, p.y - h), (p.x + h, p.y), (p.x - h, p.y), (p.x, p.y + h)]


def route(p: Person, me: Person, people: list[Person], cache: dict | None = None):
    """The bond's line from p to the client, as (points, (a, c, b)) for a curve or
    (points, None) for a grid route (`cache` keeps the grid for the drawing's other
    bonds)."""
    candidates = []
    for a in _anchors(p):
        for b in _anchors(me):
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            dx, dy = b[0] - a[0], b[1] - a[1]
            length = (dx * dx + dy * dy) ** 0.5 or 1
            for bow in (0.25, -0.25, 0.6, -0.6, 1.0, -1.0):
                c = (mx - dy * bow / 2, my + dx * bow / 2)
                candidates.append((length * (1 + abs(bow)), a, c, b))
    boxes = obstacles(people, (p, me))
    for _cost, a, c, b in sorted(candidates)[:CURVES]:
        points = _curve(a, c, b)
        if p.bond == "conflict":
            points = _zigzag(points[::2])
        if hits(points, boxes) == 0:  # the shortest clear curve
            return points, (a, c, b)
    cache = {} if cache is None else cache
    if "grid" not in cache:
        cache["grid"] = _grid(people)
    head, middle, tail = _grid_route(p, me, cache["grid"])
    if p.bond == "conflict":  # zigzag where the route keeps CLEAR of everything
        return [*head, *_zigzag(_dense(middle, 5.0)), *tail], None
    return _simplify([*head, *middle, *tail]), None


def _exits(p: Person) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Where a grid route may leave p: the top and the two sides (below is the name),
    as (point on the symbol, direction)."""
    h = SIZE / 2
    return [((p.x, p.y - h), (0, -1)), ((p.x - h, p.y), (-1, 0)), ((p.x + h, p.y), (1, 0))]


def _grid(people: list[Person]) -> tuple:
    """The CELL grid over the drawing, with the cells within CLEAR of any symbol or label
    blocked, and busy: cells where other lines run)."""
    obstacles = [
        (x0 - CLEAR, y0 - CLEAR, x1 + CLEAR, y1 + CLEAR)
        for q in people
        for x0, y0, x1, y1 in (box(q), *label_boxes(q))
    ]
    gx0 = min(o[0] for o in obstacles) - 4 * CELL
    gy0 = min(o[1] for o in obstacles) - 4 * CELL
    nx = int((max(o[2] for o in obstacles) - gx0) / CELL) + 5
    ny = int((max(o[3] for o in obstacles) - gy0) / CELL) + 5
    blocked = bytearray(nx * ny)
    for x0, y0, x1, y1 in obstacles:
        for j in range(max(0, int((y0 - gy0) / CELL)), min(ny, int((y1 - gy0) / CELL) + 2)):
            if not y0 <= gy0 + j * CELL <= y1:
                continue
            for i in range(max(0, int((x0 - gx0) / CELL)), min(nx, int((x1 - gx0) / CELL) + 2)):
                if x0 <= gx0 + i * CELL <= x1:
                    blocked[j * nx + i] = 1
    # busy: where the family's own lines run (each generation's bar over its children and
    # the partner lines at mid-height); a bond runs along them only when it must
    busy = bytearray(nx * ny)
    for y in {q.y for q in people}:
        for line_y in (y, y - SIZE / 2 - 22):
            j = round((line_y - gy0) / CELL)
            if 0 <= j < ny:
                busy[j * nx : (j + 1) * nx] = b"\x01" * nx
    return gx0, gy0, nx, ny, blocked, busy


def _grid_route(p: Person, me: Person, grid: tuple) -> tuple[list, list, list]:
    """A right-angled line from p to the client on the grid: (the way out of p to the
    grid, the way on the grid, the way from the grid into the client)."""
    gx0, gy0, nx, ny, blocked, busy = grid
    centre = lambda c: (gx0 + c[0] * CELL, gy0 + c[1] * CELL)  # noqa: E731

    def entry(anchor, direction):
        """The first free cell straight out from the anchor, and the points to it."""
        for k in range(1, 12):
            x, y = anchor[0] + direction[0] * k * CELL, anchor[1] + direction[1] * k * CELL
            i, j = round((x - gx0) / CELL), round((y - gy0) / CELL)
            if 0 <= i < nx and 0 <= j < ny and not blocked[j * nx + i]:
                cx, cy = centre((i, j))
                # out along the anchor's direction, then onto the cell's centre
                bend = (cx, anchor[1]) if direction[1] == 0 else (anchor[0], cy)
                return (i, j), [anchor, bend]
        return None

    starts = [e for e in (entry(*x) for x in _exits(p)) if e]
    goals = {e[0]: e[1] for e in (entry(*x) for x in _exits(me)) if e}
    straight = [(p.x, p.y - SIZE / 2)], [], [(me.x, me.y - SIZE / 2)]
    if not starts or not goals:
        return straight
    tx, ty = centre(next(iter(goals)))
    # weighted (x2): a good route quickly rather than the best one slowly
    heuristic = lambda c: 2 * (abs(centre(c)[0] - tx) + abs(centre(c)[1] - ty))  # noqa: E731
    queue, best, back = [], {}, {}
    for cell, _path in starts:
        for d in range(4):
            best[(cell, d)] = 0.0
            heapq.heappush(queue, (heuristic(cell), 0.0, cell, d))
    moves = ((1, 0), (-1, 0), (0, 1), (0, -1))
    found = None
    while queue:
        _f, cost, cell, d = heapq.heappop(queue)
        if cost > best.get((cell, d), float("inf")):
            continue
        if cell in goals:
            found = (cell, d)
            break
        for nd, (di, dj) in enumerate(moves):
            i, j = cell[0] + di, cell[1] + dj
            if not (0 <= i < nx and 0 <= j < ny) or blocked[j * nx + i]:
                continue
            step = cost + CELL + (TURN if nd != d else 0) + BUSY * busy[j * nx + i]
            if step < best.get(((i, j), nd), float("inf")):
                best[((i, j), nd)], back[((i, j), nd)] = step, (cell, d)
                heapq.heappush(queue, (step + heuristic((i, j)), step, (i, j), nd))
    if found is None:
        return straight
    cells, state = [], found
    while state in back:
        cells.append(state[0])
        state = back[state]
    cells.append(state[0])
    cells.reverse()
    for i, j in cells:  # the next bond keeps off this one
        for di, dj in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
            if 0 <= i + di < nx and 0 <= j + dj < ny:
                busy[(j + dj) * nx + i + di] = 1
    head = next(path for cell, path in starts if cell == cells[0])
    return head, _simplify([centre(c) for c in cells]), goals[cells[-1]][::-1]


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The corners of a right-angled polyline (repeated and straight-through points
    dropped)."""
    out: list[tuple[float, float]] = []
    for pt in points:
        if out and abs(out[-1][0] - pt[0]) < 0.01 and abs(out[-1][1] - pt[1]) < 0.01:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (abs(x0 - x1) < 0.01 and abs(x1 - pt[0]) < 0.01) or (
                abs(y0 - y1) < 0.01 and abs(y1 - pt[1]) < 0.01
            ):
                out[-1] = pt
                continue
        out.append(pt)
    return out


def bond_svg(p: Person, routed) -> list[str]:
    """The emotional bond with the client, along its route."""
    if routed is None:
        return []
    title = f"<title>{_e(p.name)}: {_e(bond_labels().get(p.bond, p.bond))}</title>"
    points, curve = routed
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
    if curve:
        a, c, b = curve
        d = f"M{a[0]:.1f},{a[1]:.1f} Q{c[0]:.1f},{c[1]:.1f} {b[0]:.1f},{b[1]:.1f}"
    else:
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return [
        f'<path class="bond {p.bond}" d="{d}" fill="none" stroke-linejoin="round" '
        f"{style}>{title}</path>"
    ]
