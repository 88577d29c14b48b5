"""Scored instruments defined as data: one JSON file per instrument.

The files shipped in `assessment/instruments/` are read first, then every directory
in the setting `ASSESSMENT_INSTRUMENTS_DIRS`, so an agency adds an instrument by
dropping a file there, without code. Each file is validated when it is loaded;
a malformed file raises `InstrumentDefinitionError` naming the file and the field
(`phq9.json: items[8].options[1].value: must be an integer`), and
`manage.py check` reports it (`assessment/checks.py`).

File format (every text is {"id": "...", "en": "..."}: Bahasa Indonesia and English)::

    {
      "code": "phq9",                 lower-case letters, digits, "_" or "-"; unique
      "version": "1",                 stored with every administration
      "short_title": {"id", "en"},    used in the case timeline ("PHQ-9: 12 · Sedang")
      "title": {"id", "en"},
      "description": {"id", "en"},
      "instructions": {"id", "en"},   optional, shown above the items
      "citation": ["..."],            the published source(s): one string or a list
      "options": [{"value": 0, "label": {"id", "en"}}, ...],
                                      answer options shared by every item (optional
                                      when each item has its own "options")
      "items": [{"code": "q1", "text": {"id", "en"},
                 "options": [...],    optional, overrides the shared options
                 "term": "hidup_layak.pangan"}],
                                      optional taxonomy term: the item names a need
      "scoring": {"rule": "sum"}      total of the answer values, or
                 {"rule": "count", "value": 1}   how many items were answered `value`
      "bands": [{"code": "mild", "min": 5, "max": 9, "label": {"id", "en"}}, ...],
                                      every possible score falls in exactly one band
      "flags": [{"code": "self_harm", "item": "q9", "min": 1, "label": {"id", "en"},
                 "actions": {"alert": true, "notify": ["worker", "supervisor"],
                             "task_days": 0, "risk": "high"}}],
                                      optional: a safety flag raised when the item's
                                      answer is at least `min`; "actions" (optional,
                                      each key too; these are the defaults) says what
                                      it does: an alert on the home pages until the
                                      action taken is recorded, notifications (to the
                                      case worker and/or their supervisor), a safety
                                      check-in task due `task_days` after the day
                                      (null: none), a proposal to raise the case risk
                                      to `risk` (null: none). "alert": false keeps the
                                      banner only.
      "needs": {"value": 1}           optional: items with a "term" answered `value`
                                      can become needs of the case
    }

Answer values are integers, so scores are integers.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language

BUILTIN_DIR = Path(__file__).parent / "instruments"
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LANGS = ("id", "en")


class InstrumentDefinitionError(ImproperlyConfigured):
    """A malformed instrument file; the message names the file and the field."""

    def __init__(self, path: Path | str, where: str, problem: str):
        self.path, self.where, self.problem = str(path), where, problem
        name = Path(path).name
        super().__init__(f"{name}: {where}: {problem}" if where else f"{name}: {problem}")


def _english() -> bool:
    return (get_language() or "").startswith("en")


@dataclass(frozen=True)
class Text:
    """A text in both languages; str() gives the one of the active language."""

    id: str
    en: str

    def __str__(self) -> str:
        return self.en if _english() else self.id

    def as_dict(self) -> dict:
        return {"id": self.id, "en": self.en}


@dataclass(frozen=True)
class Option:
    value: int
    label: Text


@dataclass(frozen=True)
class Item:
    code: str
    text: Text
    options: tuple[Option, ...]
    term: str = ""

    @property
    def values(self) -> set[int]:
        return {o.value for o in self.options}

    def label_for(self, value) -> Text | None:
        return next((o.label for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Band:
    code: str
    min: int
    max: int
    label: Text

    def contains(self, score: int) -> bool:
        return self.min <= score <= self.max


NOTIFY_WHOM = ("worker", "supervisor")
RISK_LEVELS = ("low", "medium", "high", "critical")  # cases.models.RiskLevel, in order


@dataclass(frozen=True)
class FlagActions:
    """What a raised flag does (the file's "actions"; these are the defaults): an
    alert that stays on the home pages of the case worker and their supervisor until
    someone records the action taken, notifications to ``notify``, a safety check-in
    task due ``task_days`` after the day (None: no task), and a proposal to raise the
    case risk to ``risk`` (None: no proposal)."""

    alert: bool = True
    notify: tuple[str, ...] = NOTIFY_WHOM
    task_days: int | None = 0
    risk: str | None = "high"


@dataclass(frozen=True)
class Flag:
    code: str
    item: str
    min: int
    label: Text
    actions: FlagActions = FlagActions()


@dataclass(frozen=True)
class Instrument:
    code: str
    version: str
    short_title: Text
    title: Text
    description: Text
    instructions: Text | None
    citations: tuple[str, ...]
    items: tuple[Item, ...]
    rule: str
    count_value: int | None
    bands: tuple[Band, ...]
    flags: tuple[Flag, ...] = ()
    need_value: int | None = None
    source: str = field(default="", compare=False)

    # ---- scoring ----------------------------------------------------------------

    @property
    def score_min(self) -> int:
        if self.rule == "count":
            return 0
        return sum(min(i.values) for i in self.items)

    @property
    def score_max(self) -> int:
        if self.rule == "count":
            return len(self.items)
        return sum(max(i.values) for i in self.items)

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def score(self, answers: dict[str, int]) -> int:
        """The score of complete, valid answers (see `validate_answers`)."""
        values = [answers[i.code] for i in self.items]
        if self.rule == "count":
            return sum(1 for v in values if v == self.count_value)
        return sum(values)

    def band_for(self, score: int) -> Band:
        return next(b for b in self.bands if b.contains(score))

    def flags_for(self, answers: dict[str, int]) -> list[Flag]:
        return [f for f in self.flags if answers.get(f.item, -(10**9)) >= f.min]

    def needs_for(self, answers: dict[str, int]) -> list[Item]:
        """Items that name a need (a taxonomy term) and were answered as present."""
        if self.need_value is None:
            return []
        return [i for i in self.items if i.term and answers.get(i.code) == self.need_value]

    @property
    def is_checklist(self) -> bool:
        return self.need_value is not None

    def as_dict(self) -> dict:
        """The definition as the API shows it (both languages)."""
        return {
            "code": self.code,
            "version": self.version,
            "short_title": self.short_title.as_dict(),
            "title": self.title.as_dict(),
            "description": self.description.as_dict(),
            "instructions": self.instructions.as_dict() if self.instructions else None,
            "citations": list(self.citations),
            "scoring": {"rule": self.rule, "value": self.count_value},
            "score_min": self.score_min,
            "score_max": self.score_max,
            "items": [
                {
                    "code": i.code,
                    "text": i.text.as_dict(),
                    "term": i.term or None,
                    "options": [{"value": o.value, "label": o.label.as_dict()} for o in i.options],
                }
                for i in self.items
            ],
            "bands": [
                {"code": b.code, "min": b.min, "max": b.max, "label": b.label.as_dict()}
                for b in self.bands
            ],
            "flags": [
                {
                    "code": f.code,
                    "item": f.item,
                    "min": f.min,
                    "label": f.label.as_dict(),
                    "actions": {
                        "alert": f.actions.alert,
                        "notify": list(f.actions.notify),
                        "task_days": f.actions.task_days,
                        "risk": f.actions.risk,
                    },
                }
                for f in self.flags
            ],
            "needs_value": self.need_value,
        }


# ---- parsing and validation ------------------------------------------------------


class _Reader:
    """Reads one file's JSON and raises errors that name the file and the field."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str):
        raise InstrumentDefinitionError(self.path, where, problem)

    def get(self, obj: dict, key: str, where: str, *, required: bool = True):
        if not isinstance(obj, dict):
            self.fail(where, "must be an object")
        if key not in obj:
            if required:
                self.fail(_join(where, key), "is required")
            return None
        return obj[key]

    def string(self, obj, key, where, *, required=True, pattern=None, max_len=None) -> str:
        value = self.get(obj, key, where, required=required)
        w = _join(where, key)
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(w, "must be a non-empty string")
        if max_len and len(value) > max_len:
            self.fail(w, f"must be at most {max_len} characters")
        if pattern and not pattern.match(value):
            self.fail(w, f"must match {pattern.pattern}")
        return value.strip()

    def integer(self, obj, key, where, *, required=True) -> int | None:
        value = self.get(obj, key, where, required=required)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(_join(where, key), "must be an integer")
        return value

    def text(self, obj, key, where, *, required=True) -> Text | None:
        value = self.get(obj, key, where, required=required)
        w = _join(where, key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(w, 'must be an object {"id": "...", "en": "..."}')
        for lang in LANGS:
            self.string(value, lang, w)
        extra = set(value) - set(LANGS)
        if extra:
            self.fail(w, f"unknown languages {sorted(extra)}; use id and en")
        return Text(id=value["id"].strip(), en=value["en"].strip())

    def array(self, obj, key, where, *, required=True) -> list:
        value = self.get(obj, key, where, required=required)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            self.fail(_join(where, key), "must be a non-empty list")
        return value

    def options(self, obj, key, where, *, required=True) -> tuple[Option, ...]:
        raw = self.array(obj, key, where, required=required)
        w = _join(where, key)
        options, seen = [], set()
        for n, o in enumerate(raw):
            ow = f"{w}[{n}]"
            value = self.integer(o, "value", ow)
            if value in seen:
                self.fail(_join(ow, "value"), f"duplicate value {value}")
            seen.add(value)
            options.append(Option(value=value, label=self.text(o, "label", ow)))
        return tuple(options)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _term_codes() -> set[str]:
    from pendamping.taxonomy.terms import DATA

    return {t["code"] for t in json.loads(DATA.read_text(encoding="utf-8"))["terms"]}


KNOWN_KEYS = {
    "code",
    "version",
    "short_title",
    "title",
    "description",
    "instructions",
    "citation",
    "options",
    "items",
    "scoring",
    "bands",
    "flags",
    "needs",
}


def _flag_actions(r: _Reader, raw: dict, where: str) -> FlagActions:
    actions = r.get(raw, "actions", where, required=False)
    if actions is None:
        return FlagActions()
    w = _join(where, "actions")
    if not isinstance(actions, dict):
        r.fail(w, "must be an object")
    unknown = set(actions) - {"alert", "notify", "task_days", "risk"}
    if unknown:
        r.fail(_join(w, sorted(unknown)[0]), "unknown field")
    default = FlagActions()
    alert = actions.get("alert", default.alert)
    if not isinstance(alert, bool):
        r.fail(_join(w, "alert"), "must be true or false")
    notify = actions.get("notify", list(default.notify))
    if not isinstance(notify, list) or any(n not in NOTIFY_WHOM for n in notify):
        r.fail(_join(w, "notify"), f"must be a list of {', '.join(NOTIFY_WHOM)}")
    task_days = actions.get("task_days", default.task_days)
    if task_days is not None and (
        isinstance(task_days, bool) or not isinstance(task_days, int) or not 0 <= task_days <= 30
    ):
        r.fail(_join(w, "task_days"), "must be null or an integer from 0 to 30")
    risk = actions.get("risk", default.risk)
    if risk is not None and risk not in RISK_LEVELS:
        r.fail(_join(w, "risk"), f"must be null or one of {', '.join(RISK_LEVELS)}")
    return FlagActions(alert=alert, notify=tuple(dict.fromkeys(notify)), task_days=task_days,
                       risk=risk)  # fmt: skip


def parse(data, path: Path | str = "<definition>") -> Instrument:
    """Validate one definition (already decoded JSON) and build the Instrument."""
    r = _Reader(Path(path))
    if not isinstance(data, dict):
        r.fail("", "the file must hold one JSON object")
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        r.fail(sorted(unknown)[0], "unknown field")
    code = r.string(data, "code", "", pattern=CODE_RE)
    version = r.string(data, "version", "", max_len=20)
    short_title = r.text(data, "short_title", "")
    if len(short_title.id) > 40 or len(short_title.en) > 40:
        r.fail("short_title", "must be at most 40 characters")
    title = r.text(data, "title", "")
    description = r.text(data, "description", "")
    instructions = r.text(data, "instructions", "", required=False)

    citation = r.get(data, "citation", "")
    if isinstance(citation, str):
        citation = [citation]
    if not isinstance(citation, list) or not citation:
        r.fail("citation", "must be a non-empty string or list of strings")
    for n, c in enumerate(citation):
        if not isinstance(c, str) or not c.strip():
            r.fail(f"citation[{n}]", "must be a non-empty string")

    shared = r.options(data, "options", "", required=False)
    raw_items = r.array(data, "items", "")
    terms = None
    items, codes = [], set()
    for n, raw in enumerate(raw_items):
        w = f"items[{n}]"
        icode = r.string(raw, "code", w, pattern=CODE_RE)
        if icode in codes:
            r.fail(_join(w, "code"), f"duplicate item code {icode!r}")
        codes.add(icode)
        text = r.text(raw, "text", w)
        options = r.options(raw, "options", w, required=False) or shared
        if not options:
            r.fail(_join(w, "options"), "is required when the file has no shared options")
        term = r.string(raw, "term", w, required=False)
        if term:
            terms = terms if terms is not None else _term_codes()
            if term not in terms:
                r.fail(_join(w, "term"), f"unknown taxonomy term {term!r}")
        items.append(Item(code=icode, text=text, options=options, term=term))

    scoring = r.get(data, "scoring", "")
    rule = r.string(scoring, "rule", "scoring")
    if rule not in ("sum", "count"):
        r.fail("scoring.rule", f"unknown rule {rule!r}; use sum or count")
    count_value = None
    if rule == "count":
        count_value = r.integer(scoring, "value", "scoring")
        if not any(count_value in i.values for i in items):
            r.fail("scoring.value", f"no item has an option with value {count_value}")

    bands = []
    for n, raw in enumerate(r.array(data, "bands", "")):
        w = f"bands[{n}]"
        band = Band(
            code=r.string(raw, "code", w, pattern=CODE_RE),
            min=r.integer(raw, "min", w),
            max=r.integer(raw, "max", w),
            label=r.text(raw, "label", w),
        )
        if band.min > band.max:
            r.fail(_join(w, "max"), "must not be smaller than min")
        if any(b.code == band.code for b in bands):
            r.fail(_join(w, "code"), f"duplicate band code {band.code!r}")
        bands.append(band)

    flags = []
    for n, raw in enumerate(r.array(data, "flags", "", required=False)):
        w = f"flags[{n}]"
        flag = Flag(
            code=r.string(raw, "code", w, pattern=CODE_RE),
            item=r.string(raw, "item", w),
            min=r.integer(raw, "min", w),
            label=r.text(raw, "label", w),
            actions=_flag_actions(r, raw, w),
        )
        if flag.item not in codes:
            r.fail(_join(w, "item"), f"no item with code {flag.item!r}")
        flags.append(flag)

    need_value = None
    needs = r.get(data, "needs", "", required=False)
    if needs is not None:
        need_value = r.integer(needs, "value", "needs")
        if not any(i.term for i in items):
            r.fail("needs", 'no item names a taxonomy "term"')

    instrument = Instrument(
        code=code,
        version=version,
        short_title=short_title,
        title=title,
        description=description,
        instructions=instructions,
        citations=tuple(c.strip() for c in citation),
        items=tuple(items),
        rule=rule,
        count_value=count_value,
        bands=tuple(bands),
        flags=tuple(flags),
        need_value=need_value,
        source=str(path),
    )
    for score in range(instrument.score_min, instrument.score_max + 1):
        holding = [b.code for b in bands if b.contains(score)]
        if len(holding) != 1:
            problem = (
                f"score {score} falls in no band"
                if not holding
                else f"score {score} falls in several bands: {', '.join(holding)}"
            )
            r.fail(
                "bands", problem + f" (scores run {instrument.score_min}–{instrument.score_max})"
            )
    return instrument


def load_file(path: Path) -> Instrument:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as e:
        raise InstrumentDefinitionError(path, "", f"not UTF-8 text ({e.reason})") from None
    except json.JSONDecodeError as e:
        raise InstrumentDefinitionError(
            path, "", f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}"
        ) from None
    except OSError as e:
        raise InstrumentDefinitionError(path, "", f"cannot be read ({e.strerror})") from None
    return parse(data, path)


def directories() -> list[Path]:
    return [BUILTIN_DIR] + [Path(d) for d in getattr(settings, "ASSESSMENT_INSTRUMENTS_DIRS", [])]


def _files(strict: bool = True) -> tuple[tuple[str, int], ...]:
    found = []
    for d in directories():
        if not d.is_dir():
            if not strict:
                logger.error("Instrument directory %s does not exist; skipped.", d)
                continue
            raise InstrumentDefinitionError(d, "", "instrument directory does not exist")
        for p in sorted(d.glob("*.json")):
            found.append((str(p), p.stat().st_mtime_ns))
    return tuple(found)


logger = logging.getLogger(__name__)
_cache: dict[tuple, dict[str, Instrument]] = {}


def load_all(*, strict: bool = False) -> dict[str, Instrument]:
    """Every instrument by code, in file order; re-read when a file changes.

    At run time a malformed file (one agency's mistake) is logged and skipped so the
    others keep working; `strict` (used by `manage.py check`) raises instead.
    """
    key = (*_files(strict), strict)
    if key not in _cache:
        loaded: dict[str, Instrument] = {}
        for path, _mtime in key[:-1]:
            try:
                instrument = load_file(Path(path))
            except InstrumentDefinitionError as e:
                if strict:
                    raise
                logger.error("Instrument definition skipped: %s", e)
                continue
            if instrument.code in loaded:
                if not strict:
                    logger.error("Instrument %s defined twice; %s skipped.", instrument.code, path)
                    continue
                raise InstrumentDefinitionError(
                    path,
                    "code",
                    f"{instrument.code!r} is already defined in "
                    f"{Path(loaded[instrument.code].source).name}",
                )
            loaded[instrument.code] = instrument
        _cache.clear()
        _cache[key] = loaded
    return _cache[key]


def get(code: str) -> Instrument | None:
    return load_all().get(code)


def all_instruments() -> list[Instrument]:
    return list(load_all().values())
