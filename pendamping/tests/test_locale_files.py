"""The translation catalogues are valid gettext: GNU msgfmt's format and header checks
pass on every .po file (Indonesian has one plural form, English two), so a catalogue
that compilemessages would half-compile, or a placeholder a translation dropped, fails
here rather than on a user's page. `make lint` runs the same check."""

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def msgfmt_errors(path: Path) -> str:
    """What `msgfmt --check-format --check-header` says is wrong with a catalogue
    (empty when it passes)."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian package gettext) is needed to check the catalogues"
    result = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if result.returncode == 0 else result.stderr or result.stdout


def test_it_finds_both_languages():
    assert {p.parts[-3] for p in CATALOGUES} == {"id", "en"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_it_passes_msgfmt_checks(path):
    assert msgfmt_errors(path) == ""


HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: Pendamping\\n"\n'
    '"PO-Revision-Date: 2026-11-29 17:30+0700\\n"\n"Last-Translator: t\\n"\n'
    '"Language-Team: Indonesian\\n"\n"Language: id\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        (
            '#, python-format\nmsgid "%(n)s versi"\nmsgid_plural "%(n)s versi"\n'
            'msgstr[0] "%(n)s versi"\nmsgstr[1] "%(n)s versi"\n',
            "plural forms",
        ),
        ('#, python-format\nmsgid "%(n)s versi"\nmsgstr "versi"\n', "argument 'n'"),
    ],
    ids=["second-plural-form", "dropped-placeholder"],
)
def test_it_fails_a_catalogue_msgfmt_refuses(tmp_path, entry, complaint):
    """The check itself can fail: an Indonesian entry with a second plural form, or a
    translation without the msgid's placeholder, is reported."""
    bad = tmp_path / "django.po"
    bad.write_text(HEADER + entry, encoding="utf-8")
    assert complaint in msgfmt_errors(bad)
