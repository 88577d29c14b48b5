"""Users read an instrument's title and its version in words, never its internal code
("phq9 v1"), in both languages."""

import re

import pytest
from django.urls import reverse

from pendamping.assessment import instruments, services

CODE = re.compile(r"\b(phq9|barthel|needs_checklist)\b|\bv\d+\b")


def visible_text(html: str) -> str:
    """What a reader sees: no tags, attributes, URLs or scripts."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("lang, version", [("id", "versi 1"), ("en", "version 1")])
def test_instrument_pages_name_the_instrument_and_its_version_in_words(
    client, world, lang, version
):
    f = world.a
    client.force_login(f.users["worker"])
    client.cookies["django_language"] = lang
    f.users["worker"].language = lang
    f.users["worker"].save()
    answers = {f"q{i}": 1 for i in range(1, 10)}
    done = services.instrument_administer(
        actor=f.users["worker"], case=f.case, instrument=instruments.get("phq9"), answers=answers
    )
    for url in (
        reverse("instrument_list"),
        reverse("instrument_detail", args=["phq9"]),
        reverse("administration_detail", args=[done.pk]),
        reverse("case_instruments", args=[f.case.pk]),
    ):
        text = visible_text(client.get(url).text)
        assert not CODE.search(text), (url, CODE.search(text))
        assert version in text, url


@pytest.mark.parametrize("lang, shown", [("id", "PHQ-9: 7,5"), ("en", "PHQ-9: 7.5")])
def test_a_score_with_decimals_reads_in_the_readers_language(lang, shown):
    from django.utils import translation

    from pendamping.assessment.events import INSTRUMENT_SCORED

    with translation.override(lang):
        assert INSTRUMENT_SCORED.describe({"instrument": "phq9", "score": 7.5}) == shown
