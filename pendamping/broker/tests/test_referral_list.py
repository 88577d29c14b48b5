"""/referrals/ names the client of each referral: the sender always; the receiving
agency only when the name was shared and the consent still holds."""

from django.urls import reverse

from pendamping.clients import services as client_services

from .test_review_fixes import refer


def test_the_sent_list_names_the_client(client, world, directory):
    referral = refer(world, directory, key="dapur")
    client.force_login(world.a.users["worker"])
    page = client.get(reverse("referral_list")).text
    assert "<th>Klien</th>" in page
    row = page[page.index(referral.number) :]
    row = row[: row.index("</tr>")]
    assert world.a.client.full_name in row


def cell(page, number, label):
    row = page[page.index(number) :]
    row = row[: row.index("</tr>")]
    start = row.index(f'data-label="{label}">') + len(f'data-label="{label}">')
    return row[start : row.index("</td>", start)]


def test_the_incoming_list_names_the_client_only_when_the_name_was_shared(
    client, world, directory, django_assert_max_num_queries
):
    named = refer(world, directory, shared_fields=["full_name", "sex"])
    unnamed = refer(world, directory, shared_fields=["sex"])
    client.force_login(world.b.users["worker"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("referral_list") + "?box=incoming").text
    assert "<th>Klien</th>" in page
    assert cell(page, named.number, "Klien") == world.a.client.full_name
    assert cell(page, unnamed.number, "Klien") == "—"


def test_the_incoming_list_forgets_the_name_when_consent_is_withdrawn(client, world, directory):
    r = refer(world, directory, shared_fields=["full_name"])
    client_services.consent_withdraw(actor=world.a.users["worker"], consent=world.a.consent)
    client.force_login(world.b.users["worker"])
    page = client.get(reverse("referral_list") + "?box=incoming").text
    assert world.a.client.full_name not in page and cell(page, r.number, "Klien") == "—"
