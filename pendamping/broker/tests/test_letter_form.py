"""The referral letter as Indonesian offices write it (issue 17): the agency's kop
surat set by its admin (accounts/letterhead_views.py), a letter number from the
agency's pattern given once when the referral is sent and never repeated (also when
two are numbered at the same moment on PostgreSQL), and the PDF read back as text."""

import datetime
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from pendamping.accounts.letterhead import (
    LetterCounter,
    Letterhead,
    format_number,
    next_letter_number,
)
from pendamping.accounts.models import Membership

from .test_referrals import refer

URL = "/agency/letterhead/"


def png(size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def form(**extra):
    return {"name": "Yayasan Pelita Bandung", "address": "Jl. Cihampelas No. 12, Bandung 40131",
            "city": "Bandung", "phone": "022-4201234", "email": "surat@pelita.or.id",
            "unit": "PLT", "number_pattern": "{seq}/{kind}/{unit}/{month}/{year}"} | extra  # fmt: skip


def pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_the_admin_sets_the_letterhead_with_a_logo(client, world):
    client.force_login(world.a.users["admin"])
    assert client.get(URL).status_code == 200
    r = client.post(URL, form(logo_file=SimpleUploadedFile("logo.png", png())))
    assert r.status_code == 302
    head = Letterhead.objects.get(agency=world.a.agency)
    assert head.city == "Bandung" and head.logo_type == "image/png"
    assert head.logo_data_uri.startswith("data:image/png;base64,")
    assert 'alt="Logo Yayasan Pelita Bandung"' in client.get(URL).content.decode()
    client.post(URL, form(remove_logo="on"))
    head.refresh_from_db()
    assert not head.logo and head.logo_type == ""


def test_a_large_logo_is_scaled_down_to_600_px_on_its_long_side(client, world):
    """A 4-megapixel photo embedded in every PDF would make each a few MB."""
    client.force_login(world.a.users["admin"])
    r = client.post(URL, form(logo_file=SimpleUploadedFile("logo.png", png((1900, 1000)))))
    assert r.status_code == 302
    head = Letterhead.objects.get(agency=world.a.agency)
    with Image.open(io.BytesIO(bytes(head.logo))) as logo:
        assert logo.size == (600, 316) and logo.format == "PNG"
    client.post(URL, form(logo_file=SimpleUploadedFile("small.png", png((120, 80)))))
    head.refresh_from_db()
    with Image.open(io.BytesIO(bytes(head.logo))) as logo:
        assert logo.size == (120, 80)  # a small logo keeps its size


@pytest.mark.parametrize(
    ("extra", "words"),
    [({"number_pattern": "{nomor}/RJK"}, "Bagian tidak dikenal: nomor"),
     ({"number_pattern": "RJK/{year}"}, "{seq}"),
     ({"number_pattern": "{seq/RJK"}, "tidak seimbang"),
     # a format spec could build a number of a billion characters (security review)
     ({"number_pattern": "{seq:>999999999}"}, "tanpa format tambahan"),
     ({"number_pattern": "{seq!r}/{year}"}, "tanpa format tambahan"),
     ({"number_pattern": "{seq}" + "{unit}" * 8, "unit": "U" * 30}, "terlalu panjang"),
     ({"logo_file": SimpleUploadedFile("logo.png", b"GIF89a not really")}, "JPEG, PNG atau WebP"),
     ({"logo_file": SimpleUploadedFile("big.png", png((2100, 2000)))}, "terlalu besar"),
     ({"email": "bukan-surel"}, "e-mail"), ({"name": ""}, "wajib")],
)  # fmt: skip
def test_a_bad_letterhead_is_refused_with_a_message(client, world, extra, words):
    client.force_login(world.a.users["admin"])
    r = client.post(URL, form(**extra))
    assert r.status_code == 422 and words.lower() in r.content.decode().lower()
    assert not Letterhead.objects.exists()


def test_the_page_reads_in_english(client, world):
    client.force_login(world.a.users["admin"])
    client.cookies["django_language"] = "en"
    r = client.post(URL, form(number_pattern="RJK/{year}"))
    body = r.content.decode()
    assert "Letterhead" in body and "The pattern must hold {seq}" in body


def test_numbers_follow_the_pattern_per_agency_and_year(world):
    a, b = world.a.agency, world.b.agency
    Letterhead.objects.create(agency=a, name="A", unit="PLT",
                              number_pattern="{seq}/{kind}/{unit}/{month}/{year}")  # fmt: skip
    dec = datetime.date(2026, 12, 1)
    assert next_letter_number(a, "RJK", dec) == "001/RJK/PLT/XII/2026"
    assert next_letter_number(a, "RJK", dec) == "002/RJK/PLT/XII/2026"
    assert next_letter_number(b, "RJK", dec) == "001/RJK/-/XII/2026"  # B counts its own
    assert next_letter_number(a, "RJK", datetime.date(2027, 1, 4)) == "001/RJK/PLT/I/2027"
    assert format_number("{seq}", seq=1234, kind="", unit="", on=dec) == "1234"


def test_the_pdf_letter_follows_the_official_form(client, world, directory):
    head = Letterhead.objects.create(
        agency=world.a.agency, countersign=True, logo=png(), logo_type="image/png",
        **{k: v for k, v in form().items()},
    )  # fmt: skip
    worker = world.a.users["worker"]
    supervisor = world.a.users["supervisor"]
    Membership.objects.filter(user=worker).update(staff_number="19850101 201001 2 003",
                                                  supervisor=supervisor)  # fmt: skip
    Membership.objects.filter(user=supervisor).update(staff_number="P-0042")
    referral = refer(world, directory)
    today = timezone.localdate()
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][
        today.month - 1
    ]
    assert referral.letter_number == f"001/RJK/PLT/{roman}/{today.year}"
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]  # fmt: skip
    client.force_login(worker)
    text = pdf_text(client.get(f"/referrals/{referral.pk}/letter.pdf").content)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    expected_in_order = [
        head.name.upper(), "Jl. Cihampelas No. 12, Bandung 40131",
        "Telepon 022-4201234 · E-mail surat@pelita.or.id",
        f"Nomor : {referral.letter_number}", f"Bandung, {today.day} {months[today.month - 1]} {today.year}",
        "Lampiran : –", f"Perihal : Rujukan klien untuk layanan {referral.service.name}",
        "Kepada Yth.", referral.service.organization.name, "di tempat", "Dengan hormat,",
        world.a.client.full_name, "Mengetahui,", "Supervisor", "NIP/No. pegawai P-0042",
        "Pekerja sosial,", "NIP/No. pegawai 19850101 201001 2 003",
    ]  # fmt: skip
    joined = "\n".join(lines)
    at = 0
    for want in expected_in_order:
        found = joined.find(want, at)
        assert found >= 0, (want, joined[at : at + 400])
        at = found + len(want)
    # the receiver prints the same letter: the sender's kop and number
    client.force_login(world.b.users["worker"])
    text_b = pdf_text(client.get(f"/referrals/{referral.pk}/letter.pdf").content)
    assert referral.letter_number in text_b and head.name.upper() in text_b
    # the next referral takes the next number
    assert refer(world, directory).letter_number.startswith("002/RJK/PLT/")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_letters_numbered_at_once_never_share_a_number(world):
    agency = world.a.agency
    today = timezone.localdate()
    start = threading.Barrier(8)
    numbers, errors = [], []

    def number():
        from django.db import connections

        try:
            start.wait()
            for _ in range(5):
                numbers.append(next_letter_number(agency, "RJK", today))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=number) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(numbers) == 40 and len(set(numbers)) == 40
    assert LetterCounter.objects.get(agency=agency, year=today.year).last == 40
