"""The advocacy letter's PDF carries the agency's kop surat (pendamping/pdf.py), in
both languages, above the letter's number."""

from django.urls import reverse

from pendamping.accounts.letterhead import Letterhead
from pendamping.conftest import pdf_text

from .conftest import receive_group


def test_the_letter_is_headed_by_the_letterhead_in_both_languages(client, world):
    f = world.a
    c, _ = receive_group(f)
    Letterhead.objects.create(agency=f.agency, name="LBH Rakyat Bandung",
                              address="Jl. Asia Afrika 8", phone="022-1112223")  # fmt: skip
    worker = f.users["worker"]
    client.force_login(worker)
    text = pdf_text(client.get(reverse("complaint_letter_pdf", args=[c.pk])).content)
    assert "LBH RAKYAT BANDUNG" in text and "Jl. Asia Afrika 8" in text
    assert "Telepon 022-1112223" in text
    assert text.index("LBH RAKYAT BANDUNG") < text.index(f"Nomor: {c.tracking_code}")
    worker.language = "en"
    worker.save(update_fields=["language"])
    english = pdf_text(client.get(reverse("complaint_letter_pdf", args=[c.pk])).content)
    assert "LBH RAKYAT BANDUNG" in english and "Phone 022-1112223" in english
