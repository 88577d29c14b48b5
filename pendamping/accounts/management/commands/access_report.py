"""List every registered scope: which model, which function, where, and its rule.

The scopes live with their models, in each app's ``access.py``, registered with
``plugins.scope``; this report reads them from the registry, so an auditor can
check every rule in one place (DESIGN.md: Confidentiality).
"""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from pendamping.plugins import Scope, registry

HEADERS = ("model", "scope", "file")
GAP = "  "
INDENT = "    rule: "


def where(scope: Scope) -> str:
    """``path/to/access.py:line`` of the scope's function, relative to the project."""
    function = inspect.unwrap(scope.function)
    try:
        path = Path(inspect.getsourcefile(function) or "").resolve()
        line = inspect.getsourcelines(function)[1]
    except (OSError, TypeError):
        return scope.module
    base = Path(settings.BASE_DIR).resolve()
    if path.is_relative_to(base):
        path = path.relative_to(base)
    return f"{path.as_posix()}:{line}"


class Command(BaseCommand):
    help = (
        "List every registered scope (plugins.scope): the model, the function, the file "
        "it is defined in and the rule it implements."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--width", type=int, default=100, help="Wrap the rules to this many columns."
        )

    def handle(self, *args, width: int, **options):
        scopes = registry.scopes()
        rows = [(s.model, s.name, where(s)) for s in scopes]
        widths = [max([len(HEADERS[i]), *(len(r[i]) for r in rows)]) for i in range(3)]

        def line(cells) -> str:
            return GAP.join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        out = [line(HEADERS), line("-" * w for w in widths)]
        for row, scope in zip(rows, scopes, strict=True):
            out.append(line(row))
            out += textwrap.wrap(
                scope.rule,
                max(40, width),
                initial_indent=INDENT,
                subsequent_indent=" " * len(INDENT),
            )
        out += ["", f"{len(scopes)} scopes on {len({s.model for s in scopes})} models."]
        self.stdout.write("\n".join(out))
