"""The advocacy letter: the summary, the alternatives tried, the request; a group by its
name, an anonymous or individual complainant by none; page and PDF."""

import datetime

from django.urls import reverse

from pendamping.advocate import finding

from .conftest import receive_anonymous, receive_group


class TestLetter:
    def test_a_groups_letter_has_the_summary_alternatives_and_request(self, client, world):
        f = world.a
        c, _ = receive_group(f)
        worker = f.users["worker"]
        alt = finding.alternative_add(actor=worker, complaint=c, data={"title": "Musyawarah desa"})
        finding.alternative_set_status(actor=worker, alternative=alt, status="tried",
                                       note="Kepala desa belum hadir", expected_version=alt.version)  # fmt: skip
        finding.alternative_add(
            actor=worker, complaint=c, data={"title": "Demo besar"}
        )  # proposed only
        finding.filing_add(actor=worker, complaint=c, data={"body": "ombudsman", "filed_on": datetime.date(2025, 5, 5),
                                                            "channel": "Surat"})  # fmt: skip
        client.force_login(worker)
        page = client.get(reverse("complaint_letter", args=[c.pk])).content.decode()
        for text in ("Ombudsman RI", "Warga RW 05 Maleber", "Pak Darto", "2 penanda tangan",
                     "Banyak warga miskin tidak terdata", "Tidak tahu ke mana melapor",
                     "Musyawarah desa", "Kepala desa belum hadir", "Data diperbaiki", c.tracking_code):  # fmt: skip
            assert text in page, text
        assert "Demo besar" not in page and "0812-1111-2222" not in page  # no phone number
        typed = client.get(
            reverse("complaint_letter", args=[c.pk]), {"to": "Dinas Sosial  Kota\nBandung"}
        )
        assert "Dinas Sosial Kota Bandung" in typed.content.decode()

    def test_an_anonymous_letter_names_nobody_and_prints(self, client, world):
        f = world.a
        c, _ = receive_anonymous(f, contact="WA 0812-9999")
        client.force_login(f.users["worker"])
        page = client.get(reverse("complaint_letter", args=[c.pk])).content.decode()
        assert "0812-9999" not in page and "tidak dicantumkan" in page
        pdf = client.get(reverse("complaint_letter_pdf", args=[c.pk]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf["Content-Disposition"].endswith(f'surat-advokasi-{c.tracking_code}.pdf"')

    def test_another_agency_gets_404(self, client, world):
        c, _ = receive_group(world.a)
        client.force_login(world.b.users["admin"])
        assert client.get(reverse("complaint_letter_pdf", args=[c.pk])).status_code == 404
