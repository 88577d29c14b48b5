"""Old (pre-1972) and variant spellings: the phonetic keys behind name search."""

from datetime import date

import pytest
from django.core.management import call_command

from bench.names import FAMILY, FEMALE_FIRST, MALE_FIRST
from pendamping.clients.models import ClientNameIndex
from pendamping.clients.nameindex import index_text
from pendamping.clients.names import name_key_groups, name_keys
from pendamping.clients.selectors import search_clients

from .test_search import register


def finds(query: str, stored: str) -> bool:
    """Would a search for `query` reach a client named `stored` through the keys?"""
    keys = set(name_keys(stored))
    return all(
        any(k.startswith(o) for o in group for k in keys) for group in name_key_groups(query)
    )


@pytest.mark.parametrize(
    ("typed", "registered"),
    [
        ("Candra", "Chandra"),
        ("Tjandra", "Chandra"),
        ("Chandra", "Candra"),
        ("Chandra", "Tjandra"),
        ("Wahjudin", "Wahyudin"),
        ("Wahyudin", "Wahjudin"),
        ("Djoko", "Joko"),
        ("Joko", "Djoko"),
        ("Soekarno", "Sukarno"),
        ("Sjahrir", "Syahrir"),
        ("Njoman", "Nyoman"),
        ("Chairul", "Khairul"),
        ("Khairul", "Chairul"),
        ("Achmad", "Ahmad"),
        ("Jusuf", "Yusuf"),
        ("Yusuf", "Jusuf"),
        ("Hidajat", "Hidayat"),
        ("Fadjar", "Fajar"),
        ("Fajar", "Fadjar"),
    ],
)
def test_the_keys_join_old_and_new_spellings(typed, registered):
    assert finds(typed, registered)


@pytest.mark.parametrize(
    ("typed", "registered"), [("Candra", "Hendra"), ("Budi", "Wahyudin"), ("Joko", "Koyo")]
)
def test_the_keys_still_tell_names_apart(typed, registered):
    assert not finds(typed, registered)


def test_recall_on_the_benchs_variant_list():
    """Every spelling of a bench name typed for every other (a prefix of it counts)."""
    pairs = [
        (a, b)
        for group in MALE_FIRST + FEMALE_FIRST + FAMILY
        for a in group
        for b in group
        if a != b and not b.lower().startswith(a.lower()) and not a.lower().startswith(b.lower())
    ]
    found = sum(finds(a, b) for a, b in pairs)
    # 0.801 of all pairs before the old-spelling keys (Candra/Chandra, Wahjudin/Wahyudin)
    assert found / len(pairs) >= 0.95, [(a, b) for a, b in pairs if not finds(a, b)]


@pytest.fixture
def chandra(world):
    return register(world.a.users["worker"], "Chandra Wahyudin", serial=400)


@pytest.mark.parametrize("q", ["Candra", "Tjandra", "Chandra", "Wahjudin", "Tjandra Wahjudin"])
def test_search_finds_chandra_wahyudin(world, chandra, q):
    assert [c.pk for c in search_clients(world.a.users["worker"], q)] == [chandra.pk]


def test_search_finds_candra_from_chandra(world):
    worker = world.a.users["worker"]
    candra = register(worker, "Candra Kurniawan", serial=401)
    khairul = register(worker, "Khairul Anwar", serial=402, birth=date(1981, 1, 2))
    assert [c.pk for c in search_clients(worker, "Chandra Koerniawan")] == [candra.pk]
    assert [c.pk for c in search_clients(worker, "Chairul")] == [khairul.pk]


def test_rebuild_name_keys_recomputes_existing_rows(world, chandra):
    ClientNameIndex.objects.filter(client=chandra).update(keys="hndr whdn")  # the old rules
    assert list(search_clients(world.a.users["worker"], "Candra")) == []
    call_command("rebuild_name_keys", verbosity=0)
    stored = ClientNameIndex.objects.get(client=chandra).keys
    assert stored == index_text("Chandra Wahyudin")
    assert [c.pk for c in search_clients(world.a.users["worker"], "Candra")] == [chandra.pk]


def test_rebuilding_only_the_indexed_rows_gives_a_client_without_one_none(world, chandra):
    """What clients 0020 and `manage.py rebuild_name_keys` do: an erased client has no
    name index row and gets none."""
    from pendamping.clients.models import Client
    from pendamping.clients.rekey import rebuild_name_keys

    worker = world.a.users["worker"]
    other = register(worker, "Candra Kurniawan", serial=403)
    ClientNameIndex.objects.filter(client=other).delete()  # as erasure leaves it
    ClientNameIndex.objects.filter(client=chandra).update(keys="hndr whdn")  # the old rules
    assert rebuild_name_keys(Client, ClientNameIndex, only_indexed=True) >= 1
    assert not ClientNameIndex.objects.filter(client=other).exists()
    assert ClientNameIndex.objects.get(client=chandra).keys == index_text("Chandra Wahyudin")
    call_command("rebuild_name_keys", verbosity=0)
    assert not ClientNameIndex.objects.filter(client=other).exists()
