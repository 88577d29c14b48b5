"""Every PDF of a mediation carries the agency's kop surat (pendamping/pdf.py,
includes/letterhead.html): the agreement, a party's data export, the perception picture."""

import pytest
from django.urls import reverse

from pendamping.accounts.letterhead import Letterhead
from pendamping.conftest import pdf_text

from .conftest import open_mediation, with_parties


@pytest.mark.parametrize(
    ("route", "with_party", "words"),
    [("mediation_agreement_pdf", False, "SURAT KESEPAKATAN"),
     ("mediation_party_export_pdf", True, "Data pribadi pihak"),
     ("mediation_perception_picture_pdf", False, "Peta persepsi dua sisi")],
)  # fmt: skip
def test_each_mediation_pdf_is_headed_by_the_letterhead(client, world, route, with_party, words):
    f = world.a
    m = open_mediation(f)
    one, _two = with_parties(f, m)
    Letterhead.objects.create(agency=f.agency, name="Yayasan Damai Sejahtera",
                              address="Jl. Merdeka No. 5, Bandung", phone="022-7654321",
                              email="kantor@damai.or.id")  # fmt: skip
    client.force_login(f.users["worker"])
    args = [m.pk, one.pk] if with_party else [m.pk]
    resp = client.get(reverse(route, args=args))
    assert resp["Content-Type"] == "application/pdf"
    text = pdf_text(resp.content)
    for part in ("YAYASAN DAMAI SEJAHTERA", "Jl. Merdeka No. 5, Bandung", "022-7654321",
                 "kantor@damai.or.id", words):  # fmt: skip
        assert part in text, part
    assert text.index("YAYASAN DAMAI SEJAHTERA") < text.index(words)


def test_without_a_letterhead_the_agency_name_heads_it(client, world):
    f = world.a
    m = open_mediation(f)
    with_parties(f, m)
    client.force_login(f.users["worker"])
    text = pdf_text(client.get(reverse("mediation_agreement_pdf", args=[m.pk])).content)
    assert f.agency.name.upper() in text
