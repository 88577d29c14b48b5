"""Referral consent in place: from a need's matches, a missing consent for referral
is recorded on the same page and the worker is back at the matches; "send now" is
not ticked while no consent exists."""

from datetime import date

from django.urls import reverse

from pendamping.accounts.tests.test_permission_matrix import broker
from pendamping.clients import services as client_services


def _withdraw(f):
    for consent in f.client.consents.filter(withdrawn_at__isnull=True):
        client_services.consent_withdraw(actor=f.users["worker"], consent=consent)


def _send_box(page: str) -> str:
    i = page.index('name="send"')
    return page[page.rindex("<input", 0, i) : page.index(">", i)]


def test_record_the_consent_on_the_need_page_and_come_back(client, world, directory):
    f = world.a
    f.need = directory.need  # a need with matching services in the directory
    _withdraw(f)
    client.force_login(f.users["worker"])
    url = reverse("need_detail", kwargs={"pk": f.need.pk})
    page = client.get(url).text
    assert 'id="referral-consent"' in page and reverse("need_consent", args=[f.need.pk]) in page
    assert "checked" not in _send_box(page)
    r = client.post(
        reverse("need_consent", kwargs={"pk": f.need.pk}),
        {"consent-lawful_basis": "consent", "consent-given_by": "client", "consent-method": "verbal",
         "consent-witness_name": "Pak RT", "consent-given_on": "2026-01-05",
         "consent-data_categories": ["identity", "contact"],
         "consent-purpose": "research"},  # the purpose is fixed: a forged one is ignored
    )  # fmt: skip
    assert r.status_code == 302 and r["Location"] == url
    consent = f.client.consents.filter(withdrawn_at__isnull=True).get()
    assert consent.purpose == "referral" and consent.recorded_by == f.users["worker"]
    page = client.get(url).text
    assert 'id="referral-consent"' not in page and "checked" in _send_box(page)


def test_a_bad_consent_keeps_the_page_and_says_why(client, world):
    f = world.a
    broker(f)
    _withdraw(f)
    client.force_login(f.users["worker"])
    r = client.post(
        reverse("need_consent", kwargs={"pk": f.need.pk}),
        {
            "consent-lawful_basis": "consent",
            "consent-given_by": "guardian",
            "consent-method": "written",
            "consent-data_categories": ["identity"],
        },
    )
    assert r.status_code == 422
    assert "Isi nama orang tua/wali" in r.text and "<details open>" in r.text
    assert "Layanan yang cocok" in r.text  # still the need's page, with its matches
    assert not f.client.consents.filter(withdrawn_at__isnull=True).exists()


def test_read_only_roles_and_other_agencies(client, world):
    f = world.a
    broker(f)
    data = {
        "consent-lawful_basis": "consent",
        "consent-given_by": "client",
        "consent-method": "written",
    }
    client.force_login(f.users["auditor"])
    assert client.post(reverse("need_consent", kwargs={"pk": f.need.pk}), data).status_code == 403
    client.force_login(world.b.users["worker"])
    assert client.post(reverse("need_consent", kwargs={"pk": f.need.pk}), data).status_code == 404


def test_send_now_is_not_ticked_under_a_consent_that_misses_the_ticked_fields(
    client, world, directory
):
    # the form ticks name, sex, age (identity) and region (contact): a consent for
    # identity alone does not cover them, so the referral starts as a draft
    f = world.a
    _withdraw(f)
    client_services.consent_record(
        actor=f.users["worker"], client=f.client,
        data={"purpose": "referral", "lawful_basis": "consent", "given_by": "client",
              "method": "verbal", "witness_name": "Pak RT", "given_on": date(2026, 1, 5),
              "data_categories": ["identity"]},
    )  # fmt: skip
    client.force_login(f.users["worker"])
    page = client.get(reverse("need_detail", kwargs={"pk": directory.need.pk})).text
    assert 'id="referral-consent"' not in page  # a referral consent exists
    assert "checked" not in _send_box(page)
