"""The agency admin's term mappings page (broker/views/mappings.py) through HTTP: the
unmapped codes with the services waiting, mapping and unmapping one, a CSV imported
all or nothing with each error named by line and column, pagination, the trail of
changes, and both languages. Who may open it is in the permission matrix."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pendamping.broker import hsds
from pendamping.broker.models import ExternalTerm, MappingChange, Service, TermMapping
from pendamping.taxonomy.models import TaxonomyTerm

from .test_hsds import _need_schemas  # noqa: F401  (skips without the schemas)
from .test_hsds_foreign import HELPLINE, SHELTER, THIRD

PAGE = "/directory/mappings/"


@pytest.fixture
def env(world):
    hsds.import_path(THIRD / "organization_nested.json", agency=world.a.agency)
    return world


def admin(client, world, agency="a", lang="id"):
    client.force_login(getattr(world, agency).users["admin"])
    client.cookies["django_language"] = lang
    return client


def codes(pk) -> list[str]:
    return sorted(Service.objects.get(pk=pk).terms.values_list("code", flat=True))


def csv_file(data: bytes, name="pemetaan.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_the_page_lists_the_unmapped_codes_with_the_services_waiting(client, env):
    assert reverse("term_mappings") == PAGE
    body = admin(client, env).get(PAGE).content.decode()
    assert "Belum dipetakan" in body
    unmapped = body.split('id="unmapped"')[1].split("</section>")[0]
    assert unmapped.index("counseling") < unmapped.index("BH-1800.8500")  # most waiting first
    assert ">2</td>" in unmapped and ">1</td>" in unmapped
    # agency B's admin has none of A's
    client.force_login(env.b.users["admin"])
    assert "counseling" not in client.get(PAGE).content.decode()


def test_the_directory_links_to_it_for_the_admin_only(client, env):
    assert PAGE in admin(client, env).get("/directory/").content.decode()
    client.force_login(env.a.users["worker"])
    assert PAGE not in client.get("/directory/").content.decode()
    assert client.get(PAGE).status_code == 403


def test_mapping_one_code_gives_its_services_our_term_and_is_in_the_trail(client, env):
    terapi = TaxonomyTerm.objects.get(code="terapi")
    c = admin(client, env)
    r = c.post(reverse("term_mapping_save"),
               {"vocabulary": "Open Eligibility", "code": "counseling", "term": terapi.pk})  # fmt: skip
    assert r.status_code == 302
    assert codes(SHELTER) == codes(HELPLINE) == ["terapi"]
    body = c.get(PAGE).content.decode()
    assert "2 layanan mendapat istilah baru" in body
    assert "counseling" not in body.split('id="unmapped"')[1].split("</section>")[0]
    assert "counseling" in body.split('id="mapped"')[1].split("</section>")[0]
    # unmapped again with a blank term
    c.post(reverse("term_mapping_save"),
           {"vocabulary": "Open Eligibility", "code": "counseling", "term": ""})  # fmt: skip
    assert codes(SHELTER) == [] and not TermMapping.objects.exists()
    trail = [(ch.actor, ch.source, ch.action, ch.before, ch.after)
             for ch in MappingChange.objects.order_by("id")]  # fmt: skip
    user = env.a.users["admin"]
    assert trail == [
        (user, "page", "created", "", "terapi"),
        (user, "page", "removed", "terapi", ""),
    ]
    history = c.get(PAGE).content.decode().split('id="changes"')[1]
    assert "halaman pemetaan" in history and "dipetakan" in history and "dihapus" in history


@pytest.mark.parametrize(
    "data",
    [{"vocabulary": "OE", "code": "", "term": ""}, {"vocabulary": "OE", "code": "x", "term": "bukan-uuid"},
     {"vocabulary": "OE", "code": "x" * 201, "term": ""}, {}],
)  # fmt: skip
def test_a_bad_mapping_is_refused_with_a_message(client, env, data):
    r = admin(client, env).post(reverse("term_mapping_save"), data)
    assert r.status_code == 422 and 'role="alert"' in r.content.decode()
    assert not TermMapping.objects.exists() and not MappingChange.objects.exists()


def test_a_csv_imports_all_or_nothing_naming_line_and_column(client, env):
    c = admin(client, env)
    bad = (
        b"vocabulary,code,term\nOpen Eligibility,counseling,terapi\nAIRS,,terapi\nAIRS,x,pesawat\n"
    )
    r = c.post(reverse("term_mapping_import"), {"file": csv_file(bad)})
    body = r.content.decode()
    assert r.status_code == 422
    assert "2 kesalahan; tidak ada yang disimpan." in body
    assert "Baris 3, kolom code: kode wajib diisi." in body
    assert "Baris 4, kolom term: istilah pesawat tidak ada di taksonomi Pendamping." in body
    assert not TermMapping.objects.exists() and codes(SHELTER) == []
    # in English
    body = admin(client, env, lang="en").post(
        reverse("term_mapping_import"), {"file": csv_file(bad)}).content.decode()  # fmt: skip
    assert "2 errors; nothing was saved." in body
    assert "Row 3, column code: a code is required." in body
    assert "Row 4, column term: the term pesawat is not in the Pendamping taxonomy." in body
    # the good file
    good = b"vocabulary,code,term\nOpen Eligibility,counseling,terapi\n"
    r = admin(client, env).post(reverse("term_mapping_import"), {"file": csv_file(good)})
    assert r.status_code == 302 and codes(SHELTER) == ["terapi"]
    assert MappingChange.objects.get().source == "csv"


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"\xff\xfe\x00", "bukan CSV UTF-8"), (b"a,b\n1,2\n", "harus berisi kolom"),
     (b"x" * (2 * 1024 * 1024 + 1), "lebih besar dari 2 MB"), (b"", "")],
)  # fmt: skip
def test_a_file_that_is_no_mapping_csv_is_refused(client, env, data, words):
    r = admin(client, env).post(reverse("term_mapping_import"), {"file": csv_file(data)})
    assert r.status_code == 422 and words in r.content.decode()
    assert not TermMapping.objects.exists()


def test_the_lists_are_paginated_with_bounded_queries(client, env, django_assert_max_num_queries):
    service = Service.objects.get(pk=SHELTER)
    service.external_terms.add(*ExternalTerm.objects.bulk_create(
        [ExternalTerm(vocabulary="Dinsos Jabar", code=f"K{i:03}") for i in range(40)]))  # fmt: skip
    c = admin(client, env)
    with django_assert_max_num_queries(15):
        first = c.get(PAGE).content.decode()
    assert "Halaman 1 dari 2" in first and "K000" in first and "K039" not in first
    second = c.get(PAGE + "?page=2").content.decode()
    assert "K039" in second and "K000" not in second
    assert 'aria-label="Halaman istilah yang belum dipetakan"' in first


def test_the_page_reads_in_english(client, env):
    body = admin(client, env, lang="en").get(PAGE).content.decode()
    for words in ("Term mappings", "Not mapped yet", "Services waiting", "Import mappings from CSV",
                  "Mapping history"):  # fmt: skip
        assert words in body, words
