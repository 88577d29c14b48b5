"""The breach letters' numbers: the agency's letter-number pattern (its letterhead),
given once when a letter is first printed and the same on every reprint."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pendamping.accounts.letterhead import ROMAN, Letterhead
from pendamping.privacy import breaches

from .test_breaches import record


def _text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


@pytest.mark.django_db
class TestLetterNumbers:
    def test_the_letters_follow_the_agencys_pattern_and_keep_their_number(self, client, world):
        a = world.a
        Letterhead.objects.create(agency=a.agency, name="Lembaga A", unit="LKS-A",
                                  number_pattern="{seq}/{kind}/{unit}/{month}/{year}")  # fmt: skip
        b = record(a)
        breaches.affected_add(actor=a.users["dpo"], breach=b, source="chosen",
                              client_ids=[a.client.pk])  # fmt: skip
        client.force_login(a.users["dpo"])
        today = timezone.localdate()
        first = f"001/PDP/LKS-A/{ROMAN[today.month - 1]}/{today.year}"
        second = f"002/PDP/LKS-A/{ROMAN[today.month - 1]}/{today.year}"
        url = reverse("breach_client_letter", args=[b.pk, a.client.pk])
        text = _text(client.get(url))
        assert first in text and f"PDP-{b.pk}/" not in text
        assert first in _text(client.get(url))  # a reprint keeps its number
        assert second in _text(client.get(reverse("breach_authority_letter", args=[b.pk])))
        assert second in _text(client.get(reverse("breach_authority_letter", args=[b.pk])))
        b.refresh_from_db()
        assert b.authority_letter_number == second
        assert b.affected.get().letter_number == first

    def test_without_a_letterhead_the_default_pattern_numbers_them(self, client, world):
        a = world.a
        b = record(a)
        client.force_login(a.users["admin"])
        today = timezone.localdate()
        text = _text(client.get(reverse("breach_authority_letter", args=[b.pk])))
        assert f"001/PDP/-/{ROMAN[today.month - 1]}/{today.year}" in text
        # agency B's counter is its own
        other = record(world.b)
        assert breaches.letter_number(other).startswith("001/PDP/")
