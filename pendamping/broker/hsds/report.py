"""What an HSDS import answers: the report, its issues, the error of unreadable files."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportIssue:
    """One problem: the record (index in the batch, its id or name), the field, why."""

    index: int | None
    record: str
    field: str
    message: str
    source: str = ""

    def __str__(self) -> str:
        if self.index is None:
            return f"{self.record}: {self.message}"
        where = f" [{self.source}]" if self.source else ""
        return f"#{self.index} {self.record} {self.field or '-'}: {self.message}{where}"


# The name the brief and callers use; it shadows the builtin only inside this module.
ImportError = ImportIssue


@dataclass
class TermLine:
    """A term of another vocabulary in the import: our term it maps to, or none yet,
    and how many of the agency's services carry it (waiting on a mapping if none)."""

    vocabulary: str
    code: str
    name: str
    mapped_to: str  # our term's code, or ""
    services: int


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    terms: list[TermLine] = field(default_factory=list)
    dry_run: bool = False

    @property
    def unmapped(self) -> list[TermLine]:
        return [t for t in self.terms if not t.mapped_to]

    @property
    def mapped(self) -> list[TermLine]:
        return [t for t in self.terms if t.mapped_to]

    @property
    def ok(self) -> bool:
        return not self.errors


class HsdsLoadError(ValueError):
    """Files that could not be read as HSDS JSON; `issues` names each file."""

    def __init__(self, issues: list[ImportIssue]):
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


def report_json(report: ImportReport, *, file_path: str = "", file_name: str = "") -> dict:
    """The report as JSON to keep with a web import (imports.DirectoryImport.report);
    the stored file's private path, where an issue names it, becomes its upload name."""

    def issue(i: ImportIssue) -> dict:
        record = file_name if file_path and i.record == file_path else i.record
        return {"row": i.index, "record": record, "field": i.field, "message": i.message,
                "source": i.source}  # fmt: skip

    return {
        "created": report.created,
        "updated": report.updated,
        "dry_run": report.dry_run,
        "errors": [issue(i) for i in report.errors],
        "warnings": [issue(i) for i in report.warnings],
        "terms": [t.__dict__ for t in report.terms],
    }
