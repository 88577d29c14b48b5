"""For an external instructor the briefing shares only the data categories the
client's consent covers (issue 16): no "health", no "things to avoid"; withdrawing
the consent on the client's page stops the sharing from then on (page and PDF)."""

from django.urls import reverse
from django.utils import timezone

from pendamping.clients import services as client_services

from .test_steps import _brief, _world


def pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def consent(f, categories):
    return client_services.consent_record(
        actor=f.users["worker"], client=f.client,
        data={"purpose": "instructors", "lawful_basis": "consent", "given_by": "client",
              "method": "verbal", "witness_name": "Pak RT", "given_on": timezone.localdate(),
              "data_categories": categories},
    )  # fmt: skip


def test_the_briefing_leaves_out_what_the_consent_does_not_cover(
    client, world, django_assert_max_num_queries
):
    f = _world(world, external=True)
    _brief(f, ["preferred_name", "literacy", "avoid", "faith", "note"])
    consent(f, ["identity", "education"])
    client.force_login(f.users["worker"])
    url = reverse("briefing_page", args=[f.mine.pk])
    with django_assert_max_num_queries(25):
        html = client.get(url).text
    assert "Siti" in html and "Belum lancar membaca" in html  # identity, education
    for left_out in ("Suara keras", "Salat lima waktu", "Suka bernyanyi"):
        assert left_out not in html, left_out  # health, religion, case notes
    assert "Lancar<" not in html and "Ucok" not in html  # no consent for Ucok at all


def test_a_briefing_without_identity_numbers_the_participant(client, world):
    f = _world(world, external=True)
    _brief(f, ["preferred_name", "avoid"])
    consent(f, ["health"])
    client.force_login(f.users["worker"])
    html = client.get(reverse("briefing_page", args=[f.mine.pk])).text
    assert "Suara keras" in html and "Siti" not in html and "Peserta 1" in html


def test_withdrawing_stops_the_briefing_share_from_then_on(client, world):
    f = _world(world, external=True)
    _brief(f, ["preferred_name", "avoid"])
    given = consent(f, ["identity", "health"])
    client.force_login(f.users["worker"])
    url = reverse("briefing_page", args=[f.mine.pk])
    assert "Suara keras" in client.get(url).text
    assert "Suara keras" in pdf_text(client.get(reverse("briefing_pdf", args=[f.mine.pk])))
    r = client.post(reverse("consent_withdraw", args=[f.client.pk, given.pk]))
    assert r.status_code == 302
    html = client.get(url).text
    assert "Suara keras" not in html and "Siti" not in html
    pdf = client.get(reverse("briefing_pdf", args=[f.mine.pk]))
    assert pdf.status_code == 200 and "Suara keras" not in pdf_text(pdf)


def test_an_instructor_of_the_agency_sees_every_picked_field(client, world):
    f = _world(world)  # no external instructor: the consent filter does not apply
    _brief(f, ["preferred_name", "avoid"])
    client.force_login(f.users["instructor"])
    html = client.get(reverse("briefing_page", args=[f.mine.pk])).text
    assert "Suara keras" in html and "Siti" in html


def test_an_instructor_with_an_account_from_an_outside_provider_counts_as_external(client, world):
    """An account does not make an outside organisation's person part of the agency:
    an instructor whose record names a directory provider gets only what the consent
    covers (the security review found them treated as the agency's own)."""
    from pendamping.facilitator.models import Instructor

    f = _world(world)
    _brief(f, ["preferred_name", "avoid"])
    client.force_login(f.users["instructor"])
    url = reverse("briefing_page", args=[f.mine.pk])
    assert "Suara keras" in client.get(url).text  # the agency's own instructor
    Instructor.objects.filter(pk=f.teacher.pk).update(provider_id="17")
    html = client.get(url).text
    assert "Suara keras" not in html and "Siti" not in html  # no consent at all
    consent(f, ["identity"])
    html = client.get(url).text
    assert "Siti" in html and "Suara keras" not in html  # identity only, no health
