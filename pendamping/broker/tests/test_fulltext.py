"""Directory search by words: ranked, tolerant of Indonesian spelling, combined with the
directory's filters, within the scope, with the database's full-text index behind it
(PostgreSQL GIN over a weighted tsvector, SQLite FTS5)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pendamping.broker import fulltext, services
from pendamping.broker.models import Organization, Service, ServiceText
from pendamping.broker.tests.conftest import HOME, add_service

ROW = re.compile(r'href="/directory/services/[0-9a-f-]+/">([^<]+)</a>')


def found(client, **params) -> list[str]:
    """Service names on the directory page, in the order shown."""
    r = client.get("/directory/", params)
    assert r.status_code == 200
    return ROW.findall(r.content.decode())


@pytest.fixture
def words(world, directory):
    """Services whose words are spelled the old way, the new way, or in other fields."""
    worker = world.a.users["worker"]
    near = directory.services["dapur"].locations.first()
    org = services.organization_save(
        actor=worker, data={"name": "Yayasan Noer Hidajah", "description": "Yayasan"}
    )
    s = {
        "name": add_service(worker, org, "Rehabilitasi Sosial Anak", ["hidup_layak"],
                            description="Pendampingan keluarga", locations=[near]),
        "desc": add_service(worker, org, "Pendampingan Keluarga", ["hidup_layak"],
                            description="Rehabilitasi sosial bagi anak terlantar",
                            locations=[near], capacity="waitlist"),
        "elig": add_service(worker, org, "Konseling Keluarga", ["hidup_layak.pangan"],
                            description="Konseling", eligibility_description="Anak rehabilitasi",
                            locations=[near]),
        "old": add_service(worker, directory.org, "Panti Djompo Tjahaja Kasih", ["hidup_layak"],
                           description="Poesat pelayanan lansia", locations=[near]),
        "sitti": add_service(worker, directory.org, "Rumah Singgah Sitti Chadidjah",
                             ["hidup_layak"], description="Rumah singgah", locations=[near]),
    }  # fmt: skip
    return s


class TestRanking:
    def test_a_word_in_the_name_comes_before_the_description_and_the_eligibility(
        self, client, world, words
    ):
        client.force_login(world.a.users["worker"])
        shown = found(client, q="rehabilitasi anak")
        assert shown == ["Rehabilitasi Sosial Anak", "Pendampingan Keluarga", "Konseling Keluarga"]

    def test_the_provider_name_is_searched(self, client, world, words):
        client.force_login(world.a.users["worker"])
        assert set(found(client, q="noer hidajah")) == {
            "Rehabilitasi Sosial Anak", "Pendampingan Keluarga", "Konseling Keluarga"
        }  # fmt: skip

    def test_a_word_is_a_prefix(self, client, world, words):
        client.force_login(world.a.users["worker"])
        assert found(client, q="rehab sos")[:2] == [
            "Rehabilitasi Sosial Anak", "Pendampingan Keluarga"
        ]  # fmt: skip

    def test_every_word_must_match(self, client, world, words):
        client.force_login(world.a.users["worker"])
        assert found(client, q="rehabilitasi lansia") == []


class TestPaging:
    """The ranked page counts its matches in its own query (no second COUNT that would
    find them all again); the pager is the same."""

    @pytest.fixture(autouse=True)
    def two_a_page(self, settings):
        settings.PAGE_SIZE = 2

    def test_it_pages_the_ranked_services(self, client, world, words):
        client.force_login(world.a.users["worker"])
        with CaptureQueriesContext(connection) as queries:
            first = client.get("/directory/", {"q": "rehabilitasi anak"}).content.decode()
        assert ROW.findall(first) == ["Rehabilitasi Sosial Anak", "Pendampingan Keluarga"]
        assert "Halaman 1 dari 2" in first
        counts = [
            q["sql"] for q in queries if "COUNT(*)" in q["sql"] and "broker_service" in q["sql"]
        ]
        assert len(counts) == 1 and "OVER ()" in counts[0]
        assert found(client, q="rehabilitasi anak", page="2") == ["Konseling Keluarga"]

    @pytest.mark.parametrize("page", ["9", "0", "-1", "x", ""])
    def test_a_page_out_of_range_falls_back(self, client, world, words, page):
        client.force_login(world.a.users["worker"])
        shown = found(client, q="rehabilitasi anak", page=page)
        assert shown in (
            ["Konseling Keluarga"],
            ["Rehabilitasi Sosial Anak", "Pendampingan Keluarga"],
        )

    def test_with_a_term_it_counts_apart(self, client, world, words):
        from pendamping.taxonomy.models import TaxonomyTerm

        client.force_login(world.a.users["worker"])
        term = TaxonomyTerm.objects.get(code="hidup_layak").pk  # with its children: distinct
        r = client.get("/directory/", {"q": "rehabilitasi anak", "term": term}).content.decode()
        assert len(ROW.findall(r)) == 2 and "Halaman 1 dari 2" in r


class TestSpellingVariants:
    @pytest.mark.parametrize(
        "typed, name",
        [
            ("panti jompo cahaya", "Panti Djompo Tjahaja Kasih"),  # dj=j, tj=c, j=y
            ("pusat pelayanan", "Panti Djompo Tjahaja Kasih"),  # oe=u
            ("siti khadijah", "Rumah Singgah Sitti Chadidjah"),  # doubled letters, ch=kh
            ("siti hadijah", "Rumah Singgah Sitti Chadidjah"),
            ("sitti chadidjah", "Rumah Singgah Sitti Chadidjah"),  # as written
            ("nur hidayah konseling", "Konseling Keluarga"),  # the provider, old spelling
            ("Rumah Singah", "Rumah Singgah Sitti Chadidjah"),  # one g typed
        ],
    )
    def test_it_finds_a_service_by_another_spelling(self, client, world, words, typed, name):
        client.force_login(world.a.users["worker"])
        assert name in found(client, q=typed)

    def test_the_index_holds_every_reading(self):
        assert fulltext.word_groups("Jusuf Djoko") == [
            ["jusuf", "yusuf", "0jsp", "0ysp"], ["joko", "0jk"]
        ]  # fmt: skip


class TestSoundKeys:
    """Vowels spelled another way (the client search's phonetic keys): Santoso = Sentosa,
    Setiawan = Setyawan, Effendi = Effendy, Saputra = Saputera."""

    @pytest.fixture
    def keyed(self, world, directory):
        worker = world.a.users["worker"]
        near = directory.services["dapur"].locations.first()
        org = services.organization_save(
            actor=worker, data={"name": "Yayasan Sentosa Setyawan", "description": "Yayasan"}
        )
        add_service(worker, org, "Bantuan Hukum Effendy", ["hidup_layak"], locations=[near])
        add_service(worker, directory.org, "Pelatihan Kerja Saputera", ["hidup_layak"],
                    locations=[near])  # fmt: skip

    @pytest.mark.parametrize(
        "typed, name",
        [
            ("santoso bantuan", "Bantuan Hukum Effendy"),  # the provider's name
            ("setiawan hukum", "Bantuan Hukum Effendy"),
            ("effendi bantuan", "Bantuan Hukum Effendy"),
            ("saputra pelatihan", "Pelatihan Kerja Saputera"),
        ],
    )
    def test_it_finds_a_word_with_other_vowels(self, client, world, keyed, typed, name):
        client.force_login(world.a.users["worker"])
        assert found(client, q=typed) == [name]

    def test_a_key_matches_whole_words_only(self, client, world, keyed):
        client.force_login(world.a.users["worker"])
        # "santo" is a prefix of Santoso's key (snt, snts) but of no word written
        assert found(client, q="santo bantuan") == []

    def test_short_words_and_numbers_have_no_key(self):
        assert fulltext.word_groups("abu 2024 rumah") == [["abu"], ["2024"], ["rumah", "0rmh"]]

    def test_provider_rows_hold_the_keys_too(self, client, world, keyed):
        from pendamping.broker.models import ProviderText

        row = ProviderText.objects.get(organization__name="Yayasan Sentosa Setyawan")
        assert "0snts" in row.name.split() and "0stwn" in row.name.split()


class TestFilters:
    def test_words_combine_with_term_capacity_region_and_distance(
        self, client, world, directory, words
    ):
        from pendamping.taxonomy.models import TaxonomyTerm

        client.force_login(world.a.users["worker"])
        pangan = TaxonomyTerm.objects.get(code="hidup_layak.pangan").pk
        assert found(client, q="rehabilitasi", term=pangan) == ["Konseling Keluarga"]
        assert found(client, q="rehabilitasi", capacity="waitlist") == ["Pendampingan Keluarga"]
        near = found(client, q="dapur", lat=HOME[0], lon=HOME[1], km="3")
        assert near[-1] == "Dapur Harapan"  # 2 km away, the others 0.6 km
        assert set(near) == {"Dapur Umum Andir", "Dapur Laki-laki", "Dapur Harapan"}
        loc = directory.services["garut"].locations.first()
        loc.region_id = "32.73.05"
        loc.save()
        assert found(client, q="pangan", region="32.73") == ["Lumbung Pangan Garut"]
        assert found(client, q="dapur", region="32.73") == []

    def test_the_hsds_api_ranks_its_search_too(self, api, world, words):
        api.as_user(world.a.users["worker"])
        body = api.get("/hsds/services?search=rehabilitasi%20anak").json()
        assert [s["name"] for s in body["contents"]] == [
            "Rehabilitasi Sosial Anak", "Pendampingan Keluarga", "Konseling Keluarga"
        ]  # fmt: skip

    def test_the_term_list_marks_the_chosen_term(self, client, world, words):
        from pendamping.taxonomy.models import TaxonomyTerm

        client.force_login(world.a.users["worker"])
        pangan = TaxonomyTerm.objects.get(code="hidup_layak.pangan")
        page = client.get("/directory/", {"q": "rehabilitasi", "term": pangan.pk}).content.decode()
        select = page[
            page.index('<select name="term"') : page.index("</select>", page.index('name="term"'))
        ]
        assert f'<option value="{pangan.pk}" selected>— {pangan.name}</option>' in select
        assert select.count("<option") == TaxonomyTerm.objects.count() + 1  # and "- Pilih -"

    @pytest.mark.parametrize(
        "q", ['"rehab', "rehab* OR x", "a & b | !c", "rehab:*", "NEAR(a b)", "’—…", "x" * 100]
    )
    def test_query_syntax_is_plain_words(self, client, world, words, q):
        client.force_login(world.a.users["worker"])
        r = client.get("/directory/", {"q": q})
        assert r.status_code == 200

    def test_a_query_too_long_is_refused_in_the_form(self, client, world, words):
        client.force_login(world.a.users["worker"])
        r = client.get("/directory/", {"q": "rehabilitasi " * 10})
        assert r.status_code == 200 and 'class="has-error"' in r.content.decode()


class TestScope:
    def test_deleted_private_and_orphaned_services_are_not_found(
        self, client, world, directory, words
    ):
        b_worker = world.b.users["worker"]
        client.force_login(b_worker)
        assert found(client, q="rehabilitasi") == []  # agency A's private services
        assert found(client, q="dapur harapan") == ["Dapur Harapan"]
        Organization.objects.filter(pk=directory.partner.pk).update(deleted_at=timezone.now())
        client.force_login(world.a.users["worker"])
        assert found(client, q="dapur harapan") == []  # shared, but its provider is gone
        services.service_delete(actor=world.a.users["worker"], service=words["name"])
        assert "Rehabilitasi Sosial Anak" not in found(client, q="rehabilitasi")


class TestIndexInStep:
    def test_an_edit_and_a_provider_rename_reindex(self, client, world, words):
        worker = world.a.users["worker"]
        client.force_login(worker)
        s = words["name"]
        services.service_save(actor=worker, service=s, expected_version=s.version,
                              data={"name": "Terapi Wicara"})  # fmt: skip
        assert found(client, q="terapi wicara") == ["Terapi Wicara"]
        assert "Terapi Wicara" not in found(client, q="rehabilitasi sosial anak")
        org = s.organization
        services.organization_save(actor=worker, organization=org, expected_version=org.version,
                                   data={"name": "Yayasan Cahaya Bunda"})  # fmt: skip
        assert "Terapi Wicara" in found(client, q="tjahaja bunda")
        assert found(client, q="noer hidajah") == []

    def test_every_service_has_its_row(self, words, directory):
        assert ServiceText.objects.count() == Service.objects.count()

    def test_the_database_index_answers(self, words):
        """The search's statement is answered by the full-text index (forced on a tiny table)."""
        qs = fulltext.search(Service.objects.all(), "rehabilitasi anak")
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":  # nothing but a bitmap scan on a condition
                cur.execute("SET LOCAL enable_seqscan = off")
                cur.execute("SET LOCAL enable_indexscan = off")
            sql, params = qs.query.sql_with_params()
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            cur.execute(prefix + sql, params)
            plan = " ".join(str(row) for row in cur.fetchall())
        if connection.vendor == "postgresql":
            assert "broker_servicetext_document" in plan, plan
        else:
            assert "VIRTUAL TABLE INDEX" in plan and "broker_servicetext_fts" in plan, plan

    def test_sqlite_reads_the_index_once(self, words):
        """SQLite: the ranked page's query (with its window count) scans the FTS5 table
        once and ranks as it reads, with no subquery per row running the MATCH again."""
        if connection.vendor != "sqlite":
            pytest.skip("SQLite's FTS5 table")
        from django.db.models import Count, Window

        qs = fulltext.search(Service.objects.all(), "rehab anak")
        page = qs.annotate(page_total=Window(Count("*"))).order_by("-rank", "name")[:50]
        with connection.cursor() as cur:
            sql, params = page.query.sql_with_params()
            plan = " ".join(str(r) for r in cur.execute("EXPLAIN QUERY PLAN " + sql, params))
            ranked = cur.execute(sql, params).fetchall()
        assert plan.count("broker_servicetext_fts VIRTUAL TABLE INDEX") == 1, plan
        assert "CORRELATED" not in plan, plan
        assert len(ranked) == 3


class TestQueries:
    def test_the_page_query_count_does_not_grow_with_hits(
        self, client, world, directory, words, django_assert_max_num_queries
    ):
        client.force_login(world.a.users["worker"])
        with CaptureQueriesContext(connection) as few:
            client.get("/directory/", {"q": "rehabilitasi"})
        near = directory.services["dapur"].locations.first()
        for i in range(8):
            add_service(world.a.users["worker"], directory.org, f"Rehabilitasi {i}",
                        ["hidup_layak"], locations=[near])  # fmt: skip
        with django_assert_max_num_queries(len(few)):
            client.get("/directory/", {"q": "rehabilitasi"})
