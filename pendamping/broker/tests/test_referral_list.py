"""/referrals/ names the client of each sent referral; the receiving agency sees only
what was shared (its list keeps to the sending agency)."""

from django.urls import reverse

from .test_review_fixes import refer


def test_the_sent_list_names_the_client(client, world, directory):
    referral = refer(world, directory, key="dapur")
    client.force_login(world.a.users["worker"])
    page = client.get(reverse("referral_list")).text
    assert "<th>Klien</th>" in page
    row = page[page.index(referral.number) :]
    row = row[: row.index("</tr>")]
    assert world.a.client.full_name in row


def test_the_incoming_list_does_not_name_the_client(client, world, directory):
    refer(world, directory, shared_fields=["sex"])
    client.force_login(world.b.users["worker"])
    page = client.get(reverse("referral_list") + "?box=incoming").text
    assert world.a.client.full_name not in page and "<th>Klien</th>" not in page
