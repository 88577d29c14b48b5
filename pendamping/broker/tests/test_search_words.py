"""The header search's providers (broker/search.py) use the directory's word index
as the directory page does: old spellings, words spread over the name and the
provider, ranked; in two queries."""

from pendamping.broker.search import providers
from pendamping.tests.test_search import _search

from . import test_fulltext

words = test_fulltext.words  # the fixture: services spelled the old way, the new way


class TestProvidersByWords:
    def test_an_old_spelling_and_scattered_words_are_found_ranked(
        self,
        world,
        words,
        django_assert_max_num_queries,
    ):
        user = world.a.users["worker"]
        with django_assert_max_num_queries(2):
            hits = providers(user, "panti jompo", 10)
        assert "Panti Djompo Tjahaja Kasih" in [h.title for h in hits]  # icontains would miss it
        hits = providers(user, "rehabilitasi anak", 10)
        titles = [h.title for h in hits]
        assert titles[0] == "Yayasan Noer Hidajah"  # the organisation of the services first
        services = [h.title for h in hits if h.detail]
        assert services == [
            "Rehabilitasi Sosial Anak",
            "Pendampingan Keluarga",
            "Konseling Keluarga",
        ]
        assert providers(user, "rehabilitasi zzzz", 10) == []

    def test_the_header_page_shows_them(self, client, world, words):
        client.force_login(world.a.users["worker"])
        _, r = _search(client, "panti jompo")
        assert 'id="group-providers"' in r.text and "Panti Djompo Tjahaja Kasih" in r.text
