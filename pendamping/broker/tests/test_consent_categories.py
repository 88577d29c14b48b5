"""A referral shares only the data categories its consent covers (issue 16), through
the need's page and the API; withdrawing the consent stops the share from then on."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pendamping.broker.models import Referral
from pendamping.clients import services as client_services


def identity_only(f):
    """The world's consent (identity, contact) replaced by one for identity only."""
    client_services.consent_withdraw(actor=f.users["worker"], consent=f.consent)
    return client_services.consent_record(
        actor=f.users["worker"], client=f.client,
        data={"purpose": "referral", "lawful_basis": "consent", "given_by": "client",
              "method": "verbal", "witness_name": "Pak RT", "given_on": timezone.localdate(),
              "data_categories": ["identity"]},
    )  # fmt: skip


def post_referral(client, directory, fields):
    return client.post(
        reverse("referral_create", args=[directory.need.pk]),
        {"service": str(directory.services["mitra"].pk), "shared_fields": fields, "send": "on",
         "follow_up_date": (timezone.localdate() + timedelta(days=7)).isoformat()},
    )  # fmt: skip


def test_the_need_page_refuses_to_send_what_the_consent_does_not_cover(client, world, directory):
    f = world.a
    identity_only(f)
    client.force_login(f.users["worker"])
    r = post_referral(client, directory, ["full_name", "phone", "address"])
    assert r.status_code == 422
    assert "persetujuan klien tidak mencakup Kontak dan alamat" in r.text
    assert "membagikan Telepon, Alamat" in r.text
    assert not Referral.objects.filter(sent_at__isnull=False).exists()
    r = post_referral(client, directory, ["full_name", "age"])
    assert r.status_code == 302
    referral = Referral.objects.get(sent_at__isnull=False)
    assert set(referral.shared) >= {"full_name", "age"} and "phone" not in referral.shared
    client.force_login(world.b.users["worker"])
    assert f.client.full_name in client.get(reverse("referral_letter", args=[referral.pk])).text


def test_the_api_refuses_it_too_in_english(client, api, world, directory, settings):
    f = world.a
    identity_only(f)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # a token's user is not known yet
    api.as_user(f.users["worker"])
    path = f"/cases/{f.case.pk}/needs/{directory.need.pk}/referrals"
    body = {"service_id": str(directory.services["mitra"].pk),
            "follow_up_date": (timezone.localdate() + timedelta(days=7)).isoformat()}  # fmt: skip
    r = api.post(path, body)  # the default fields include the region: contact
    assert r.status_code == 422
    assert "consent does not cover Contact and address" in r.json()["detail"]
    assert "Region" in r.json()["detail"]
    r = api.post(path, body | {"shared_fields": ["full_name", "sex"]})
    assert r.status_code == 201 and r.json()["shared"]["full_name"] == f.client.full_name


def test_withdrawing_on_the_client_page_stops_the_share_from_then_on(client, api, world, directory):
    f = world.a
    client.force_login(f.users["worker"])
    assert post_referral(client, directory, ["full_name", "region"]).status_code == 302
    referral = Referral.objects.get(sent_at__isnull=False)
    receiver = world.b.users["worker"]
    letter = reverse("referral_letter", args=[referral.pk])
    client.force_login(receiver)
    assert f.client.full_name in client.get(letter).text
    client.force_login(f.users["worker"])
    r = client.post(reverse("consent_withdraw", args=[f.client.pk, f.consent.pk]))
    assert r.status_code == 302
    # a new consent recorded afterwards does not reopen what was shared under the old one
    client_services.consent_record(
        actor=f.users["worker"], client=f.client,
        data={"purpose": "referral", "lawful_basis": "consent", "given_by": "client",
              "method": "verbal", "witness_name": "Pak RT", "given_on": timezone.localdate(),
              "data_categories": ["identity", "contact"]},
    )  # fmt: skip
    client.force_login(receiver)
    for url in (letter, reverse("referral_detail", args=[referral.pk])):
        assert f.client.full_name not in client.get(url).text
    api.as_user(receiver)
    assert api.get(f"/referrals/{referral.pk}").json()["shared"] == {}
