"""Pre and post measures defined as data: one JSON file per measure in ``data/measures/``
(issue 11: knowledge, attitude and skills), read like the assessment instruments.

File format (every text is {"id": "...", "en": "..."})::

    {
      "code": "spiritual_knowledge",      lower-case letters, digits, "_"; unique
      "domain": "knowledge",              knowledge | attitude | skill
      "title": {"id", "en"},
      "scale": {"min": 1, "max": 4, "labels": [{"value": 1, "label": {...}}, ...]},
                                          attitude scales only: the answer range
      "items": [{"code": "q1", "text": {...},
                 "options": [{"value": "a", "label": {...}}], "correct": "a"}]
                                          knowledge: one point for the correct option
                                          attitude: the answer, ``"reverse": true``
                                          counts it from the other end of the scale
                                          skill: 1 when observed done, 0 when not
    }

The score is the total of the points; the maximum is the number of items
(knowledge, skill) or the items times the scale's maximum (attitude). A malformed
file raises ``MeasureDefinitionError`` naming the file and the field when loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).parent / "data" / "measures"
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")
DOMAINS = {
    "knowledge": gettext_lazy("Pengetahuan"),
    "attitude": gettext_lazy("Sikap"),
    "skill": gettext_lazy("Keterampilan"),
}


class MeasureDefinitionError(ImproperlyConfigured):
    def __init__(self, path, where: str, problem: str):
        super().__init__(f"{Path(path).name}: {where}: {problem}")


def _text(value, path, where) -> dict:
    if not (isinstance(value, dict) and all(isinstance(value.get(k), str) for k in ("id", "en"))):
        raise MeasureDefinitionError(path, where, 'must be {"id": "...", "en": "..."}')
    return value


def tr(text: dict) -> str:
    return text["en"] if (get_language() or "").startswith("en") else text["id"]


@dataclass(frozen=True)
class Measure:
    code: str
    domain: str
    title: dict
    items: tuple
    scale: dict | None

    def __str__(self) -> str:
        return tr(self.title)

    @property
    def domain_label(self) -> str:
        return str(DOMAINS[self.domain])

    @property
    def maximum(self) -> int:
        per_item = self.scale["max"] if self.domain == "attitude" else 1
        return per_item * len(self.items)

    def choices(self, item: dict) -> list[tuple[str, str]]:
        """The answer options of one item, as (value, label) strings."""
        if self.domain == "knowledge":
            return [(o["value"], tr(o["label"])) for o in item["options"]]
        if self.domain == "attitude":
            return [(str(o["value"]), tr(o["label"])) for o in self.scale["labels"]]
        return [("1", _("Bisa")), ("0", _("Belum bisa"))]

    def score(self, answers: dict) -> int:
        """The total for ``{item code: answer}``; every item must be answered with one of
        its options (ValidationError otherwise)."""
        total = 0
        for item in self.items:
            answer = str(answers.get(item["code"], "")).strip()
            if answer not in {v for v, _label in self.choices(item)}:
                raise ValidationError(
                    {"answers": _("Jawab setiap butir dengan salah satu pilihannya.")}
                )
            if self.domain == "knowledge":
                total += int(answer == item["correct"])
            elif self.domain == "attitude":
                value = int(answer)
                lo, hi = self.scale["min"], self.scale["max"]
                total += (lo + hi - value) if item.get("reverse") else value
            else:
                total += int(answer)
        return total


def _load(path: Path) -> Measure:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise MeasureDefinitionError(path, "", f"not readable JSON ({e})") from e
    code = data.get("code")
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise MeasureDefinitionError(path, "code", "lower-case letters, digits and _")
    domain = data.get("domain")
    if domain not in DOMAINS:
        raise MeasureDefinitionError(path, "domain", "knowledge, attitude or skill")
    title = _text(data.get("title"), path, "title")
    scale = data.get("scale")
    if domain == "attitude":
        if not (isinstance(scale, dict) and isinstance(scale.get("min"), int)
                and isinstance(scale.get("max"), int) and scale["min"] < scale["max"]):  # fmt: skip
            raise MeasureDefinitionError(path, "scale", "needs integer min < max")
        labels = scale.get("labels") or []
        if sorted(o.get("value") for o in labels) != list(range(scale["min"], scale["max"] + 1)):
            raise MeasureDefinitionError(path, "scale.labels", "one label per value min..max")
        for i, o in enumerate(labels):
            _text(o.get("label"), path, f"scale.labels[{i}].label")
    items = data.get("items")
    if not isinstance(items, list) or not items:
        raise MeasureDefinitionError(path, "items", "must be a non-empty list")
    seen = set()
    for i, item in enumerate(items):
        where = f"items[{i}]"
        if not isinstance(item.get("code"), str) or item["code"] in seen:
            raise MeasureDefinitionError(path, f"{where}.code", "must be a unique string")
        seen.add(item["code"])
        _text(item.get("text"), path, f"{where}.text")
        if domain == "knowledge":
            options = item.get("options")
            if not isinstance(options, list) or len(options) < 2:
                raise MeasureDefinitionError(path, f"{where}.options", "at least two options")
            for j, o in enumerate(options):
                if not isinstance(o.get("value"), str):
                    raise MeasureDefinitionError(path, f"{where}.options[{j}].value", "a string")
                _text(o.get("label"), path, f"{where}.options[{j}].label")
            if item.get("correct") not in {o["value"] for o in options}:
                raise MeasureDefinitionError(path, f"{where}.correct", "must be an option value")
    return Measure(code, domain, title, tuple(items), scale)


@cache
def all_measures() -> dict[str, Measure]:
    out = {}
    for path in sorted(DATA_DIR.glob("*.json")):
        measure = _load(path)
        if measure.code in out:
            raise MeasureDefinitionError(path, "code", f"{measure.code!r} defined twice")
        out[measure.code] = measure
    return out


def get(code: str) -> Measure | None:
    return all_measures().get(code)


def choices() -> list[tuple[str, str]]:
    return [(m.code, str(m)) for m in all_measures().values()]
