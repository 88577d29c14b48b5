"""CSV cells never start a formula, wherever a spreadsheet may split (pendamping/csvcells.py)."""

import csv
import io

import pytest

from pendamping import csvcells


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("Budi Santoso", "Budi Santoso"),
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+62812", "'+62812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t'=1"),
        # an Indonesian Excel splits on ';', others on ',', tab or '|'
        ("Budi;=HYPERLINK(1)", "Budi;'=HYPERLINK(1)"),
        ("Budi, =cmd|' /C calc'!A0", "Budi, '=cmd|' /C calc'!A0"),
        ("a|@x", "a|'@x"),
        ("baris 1\n=2", "baris 1\n'=2"),
        ("Jl. Merdeka 1-3", "Jl. Merdeka 1-3"),  # a hyphen inside a word starts nothing
        ("e-mail a@b.id", "e-mail a@b.id"),
        ("", ""),
    ],
)
def test_no_cell_can_start_a_formula(value, safe):
    assert csvcells.safe_cell(value) == safe


def test_numbers_are_written_as_they_are():
    assert csvcells.safe_cell(-5) == -5 and csvcells.safe_cell(3.5) == 3.5


def test_every_cell_is_quoted():
    out = io.StringIO()
    csvcells.writer(out).writerow(csvcells.row([7, "Budi;=1", "ok"]))
    assert out.getvalue() == '"7","Budi;\'=1","ok"\r\n'
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["7", "Budi;'=1", "ok"]
