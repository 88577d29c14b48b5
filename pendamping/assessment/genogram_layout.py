"""The genogram's layout: where each family member stands (see genogram.py).

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
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pendamping.charts import fit_text, text_width

SIZE = 40  # symbol width and height
STEP = 96  # horizontal distance between neighbours
ROW = 130  # vertical distance between generations
TOP = 40  # room above the oldest generation (cropped after layout: see genogram.draw)
NAME_SIZE, NAME_ROOM, NAME_LINES = 11, 124, 2  # a name wraps to two lines of at most 124 px
LINE = 15  # baseline to baseline under a symbol
MARGIN = 12
GENERATION = {
    "grandfather": -2, "grandmother": -2,
    "father": -1, "mother": -1, "stepparent": -1, "uncle_aunt": -1, "guardian": -1,
    "spouse": 0, "sibling": 0, "cousin": 0, "other": 0,
    "child": 1, "grandchild": 2,
}  # fmt: skip
MARK_SIZE, MARK_GAP = 10, 4  # the client's mark: bold, right of the line down to the symbol


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
    # step-parents after the mother's siblings, so her parents' line does not reach them;
    # but one who lives with the client stands beside her, inside the household's outline
    home = [p for p in rel("stepparent") if p.household]
    others = [*home, *_by_year(maternal(rel("uncle_aunt"))),
              *[p for p in rel("stepparent") if not p.household], *extra_parents,
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


def box(p: Person, pad: float = 0.0) -> tuple[float, float, float, float]:
    h = SIZE / 2 + pad
    return (p.x - h, p.y - h, p.x + h, p.y + h)


def mark_width() -> float:
    return text_width(pgettext("genogram: the index person", "Klien"), MARK_SIZE)


def label_boxes(p: Person) -> list[tuple[float, float, float, float]]:
    """Where p's labels are: the name and year under the symbol; for the client, the
    mark 'Klien' above the symbol's top right (clear of the line coming down to it)."""
    half, h = label_width(p) / 2, SIZE / 2
    boxes = [(p.x - half, p.y + h + 2, p.x + half, p.y + below(p))]
    if p.is_client:
        left = p.x + MARK_GAP - 1
        boxes.append((left, p.y - h - 18, left + mark_width() + 2, p.y - h - 2))
    return boxes


def below(p: Person) -> float:
    """From the centre of p's symbol to the bottom of its labels."""
    lines = len(name_lines(p.name)) + (1 if p.birth_year else 0)
    return SIZE / 2 + 14 + (lines - 1) * LINE + 4


def gap(p: Person, side: int) -> float:
    """The x of a line running beside p's labels, on the left (side -1) or the right (+1):
    halfway to the neighbour's labels, which _separate keeps at least 14 px away."""
    return p.x + side * (label_width(p) / 2 + 7)


def rows(people: list[Person]) -> dict[float, list[Person]]:
    """The people of each generation, by y, left to right."""
    out: dict[float, list[Person]] = {}
    for p in sorted(people, key=lambda p: p.x):
        out.setdefault(p.y, []).append(p)
    return out


def bond_labels() -> dict:
    return {"strong": _("dekat"), "weak": _("renggang"), "conflict": _("konflik")}
