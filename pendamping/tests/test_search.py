"""Search for anything (``/search/``): one box over every app's
``plugins.search_source``, scoped, grouped by kind, bounded, the query POSTed and
kept in the session (defect 7: Back shows the results again; never in the URL)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pendamping import plugins
from pendamping.accounts.tests.test_permission_matrix import broker
from pendamping.advocate.tests.matrix import advocate
from pendamping.mediator.tests.matrix import mediation


def _search(client, q):
    """POST the query; follow the redirect to the kept results (GET ?r=token)."""
    r = client.post(reverse("search"), {"q": q})
    assert r.status_code == 302, r.status_code
    url = r["Location"]
    # only a random token in the address, never the query (a short query such as "1"
    # may happen to appear inside the token: compare the token, not a substring)
    match = re.fullmatch(r"/search/\?r=([\w-]+)", url)
    assert match and match.group(1) != q and len(match.group(1)) >= 12, url
    return url, client.get(url)


def test_every_source_is_registered():
    keys = [s.key for s in plugins.registry.search_sources()]
    assert keys == ["clients", "cases", "referrals", "providers", "complaints", "mediations"]


def test_a_client_by_a_spelling_variant_and_by_nik(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    _, r = _search(client, "Sity Rahayu")  # i/y spelling
    assert f.client.full_name in r.text and 'id="group-clients"' in r.text
    assert f.client.nik not in r.text and f.client.masked_nik in r.text
    _, r = _search(client, f.client.nik)
    assert f.client.full_name in r.text
    # agency B's client is not found by A's worker
    _, r = _search(client, world.b.client.nik)
    assert world.b.client.full_name not in r.text and "Tidak ada yang cocok" in r.text


def test_a_case_by_its_number_and_by_its_last_digits(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    for q in (f.case.number, f.case.number.split("-")[1], str(int(f.case.number.split("-")[1]))):
        _, r = _search(client, q)
        assert 'id="group-cases"' in r.text and f"{f.case.number} · {f.client.full_name}" in r.text
    # the instructor sees no case, even by its number
    client.force_login(f.users["instructor"])
    _, r = _search(client, f.case.number)
    assert 'id="group-cases"' not in r.text


def test_referrals_providers_complaints_and_mediations(client, world):
    f = world.a
    for prepare in (broker, advocate, mediation):
        prepare(f)
    client.force_login(f.users["worker"])
    _, r = _search(client, f.referral.number)
    assert (
        'id="group-referrals"' in r.text
        and reverse("referral_detail", args=[f.referral.pk]) in r.text
    )
    _, r = _search(client, "andir")
    assert 'id="group-providers"' in r.text and "Puskesmas Andir" in r.text
    _, r = _search(client, f.complaint.tracking_code.lower())
    assert 'id="group-complaints"' in r.text and "Data bansos salah" not in r.text
    _, r = _search(client, "saluran air")
    assert 'id="group-mediations"' in r.text and "Pagar dan saluran air" in r.text
    # agency B sees none of A's things
    client.force_login(world.b.users["admin"])
    for q in (f.referral.number, f.complaint.tracking_code, "saluran air", "andir"):
        _, r = _search(client, q)
        assert "Tidak ada yang cocok" in r.text, q
    # A's admin knows the mediation exists but not its words: not found by them
    client.force_login(f.users["admin"])
    _, r = _search(client, "saluran air")
    assert 'id="group-mediations"' not in r.text


def test_back_shows_the_results_again_and_tokens_are_private(client, world, django_user_model):
    f = world.a
    client.force_login(f.users["worker"])
    url, _first = _search(client, "Siti")
    again = client.get(url)  # what Back (or Reload) asks for
    assert again.status_code == 200 and f.client.full_name in again.text
    assert 'value="Siti"' in again.text
    # another session with the same token finds nothing
    client.force_login(f.users["other_worker"])
    r = client.get(url)
    assert f.client.full_name not in r.text and "sudah tidak disimpan" in r.text


def test_the_session_keeps_only_the_last_searches(client, world):
    client.force_login(world.a.users["worker"])
    first, _ = _search(client, "Siti")
    for i in range(10):
        _search(client, f"cari{i}")
    assert "sudah tidak disimpan" in client.get(first).text


def test_bad_queries_get_a_clear_error(client, world):
    client.force_login(world.a.users["worker"])
    for q, message in (("", "Ketik apa yang dicari"), ("  ", "Ketik apa yang dicari"),
                       ("y" * 101, "Paling banyak 100")):  # fmt: skip
        r = client.post(reverse("search"), {"q": q})
        assert r.status_code == 422 and message in r.text, q
    assert client.get(reverse("search") + "?r=nonsense").status_code == 200
    client.cookies["django_language"] = "en"
    r = client.post(reverse("search"), {"q": ""})
    assert "Type what you are looking for." in r.text


def test_queries_are_bounded(client, world):
    from pendamping.cases import services as case_services

    f = world.a
    broker(f)
    client.force_login(f.users["admin"])
    url, _ = _search(client, "Siti")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _i in range(15):
        case_services.case_open(actor=f.users["worker"], client=f.client, presenting_problem="Lagi")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 25
    url, _ = _search(client, "1")  # case numbers …-000001 in every year
    assert client.get(url).status_code == 200


def test_the_header_has_the_box_and_no_query_in_any_url(client, world):
    client.force_login(world.a.users["worker"])
    page = client.get(reverse("home")).text
    assert 'id="id_header_q"' in page and f'action="{reverse("search")}"' in page
    assert 'method="post" action="/search/"' in page
