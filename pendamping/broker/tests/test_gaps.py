"""The gap register, initiatives, and matching again when a fitting service appears."""

import re
from datetime import timedelta

from django.utils import timezone

from pendamping.broker import services
from pendamping.broker.models import Capacity, Gap, GapReason, Initiative, Service
from pendamping.broker.tests.conftest import add_location, add_service, term
from pendamping.broker.views import gaps as views
from pendamping.cases import services as need_services
from pendamping.cases.models import Need


def legal_need(world):
    return need_services.need_add(
        actor=world.a.users["worker"], case=world.a.case,
        term=term("aksesibilitas.bantuan_hukum"), description="Perlu pendamping hukum",
    )  # fmt: skip


def open_gap(need):
    return Gap.objects.filter(need=need, closed_at__isnull=True).first()


def legal_service_near(world, directory, capture, place, name, **kw) -> Service:
    """A legal-aid service of the directory's organisation at `place`, a new location
    near agency A's client, saved by A's worker with the on-commit rematching run."""
    worker = world.a.users["worker"]
    loc = add_location(worker, directory.org, place, -6.9150, 107.5780)
    with capture(execute=True):
        return add_service(worker, directory.org, name, ["aksesibilitas.bantuan_hukum"],
                           locations=[loc], **kw)  # fmt: skip


class TestGapCreation:
    def test_a_need_with_no_service_enters_the_register(self, world, directory):
        need = legal_need(world)
        gap = open_gap(need)
        assert gap.reason == GapReason.NO_SERVICE
        assert gap.term.code == "aksesibilitas.bantuan_hukum" and gap.region_id == "32.73"
        assert open_gap(directory.need) is None  # the food need found services

    def test_full_services_make_a_no_capacity_gap(self, world, directory):
        Service.objects.filter(pk__in=[s.pk for s in directory.services.values()]).update(
            capacity=Capacity.NONE
        )
        need = need_services.need_add(actor=world.a.users["worker"], case=world.a.case,
                                      term=term("hidup_layak.pangan"), description="Makan")  # fmt: skip
        assert open_gap(need).reason == GapReason.NO_CAPACITY

    def test_when_every_referral_fails_the_need_becomes_a_gap(self, world, directory):
        worker, receiver = world.a.users["worker"], world.b.users["worker"]
        follow = timezone.localdate() + timedelta(days=3)
        r = services.referral_create(actor=worker, need=directory.need,
                                     service=directory.services["mitra"], follow_up_date=follow)  # fmt: skip
        assert open_gap(directory.need) is None
        services.referral_transition(actor=receiver, referral=r, to_status="rejected",
                                     reason="Penuh", expected_version=r.version)  # fmt: skip
        assert open_gap(directory.need).reason == GapReason.ALL_FAILED
        # a new live referral takes the need out of the register again
        services.referral_create(actor=worker, need=directory.need,
                                 service=directory.services["dapur"], follow_up_date=follow)  # fmt: skip
        assert open_gap(directory.need) is None

    def test_meeting_the_need_closes_its_gap(self, world, directory):
        need = legal_need(world)
        need_services.need_mark(actor=world.a.users["worker"], need=need, status="met",
                                expected_version=need.version)  # fmt: skip
        assert open_gap(need) is None
        assert Gap.objects.filter(need=need, closed_at__isnull=False).count() == 1


class TestRegister:
    def test_it_aggregates_by_term_and_region(self, client, world, directory):
        legal_need(world)
        legal_need(world)
        client.force_login(world.a.users["supervisor"])
        html = client.get("/gaps/").content.decode()
        assert "Bantuan hukum" in html and "Kota Bandung" in html
        assert "<svg" in html and "<title>" in html  # the chart
        client.force_login(world.b.users["admin"])
        assert "Bantuan hukum" not in client.get("/gaps/").content.decode()

    def test_the_region_is_shown_by_its_name_not_its_code(self, client, world, directory):
        legal_need(world)
        client.force_login(world.a.users["supervisor"])
        body = client.get("/gaps/").content.decode().split("<tbody>")[1].split("</tbody>")[0]
        shown = re.sub(r"<[^>]+>", " ", body)  # the text a reader sees, tags and titles aside
        assert "Kota Bandung" in shown and "32.73" not in shown
        assert 'title="32.73"' in body  # the Kemendagri code stays at hand as a tooltip

    def test_on_a_phone_each_gap_is_a_labelled_card(self, client, world, directory):
        legal_need(world)
        client.force_login(world.a.users["supervisor"])
        html = client.get("/gaps/").content.decode()
        assert '<table class="table cards">' in html
        row = html.split("<tbody>")[1].split("</tr>")[0]
        for label in ("Wilayah", "Jumlah", "Klien terdampak", "Tertua sejak", "Alasan"):
            assert f'data-label="{label}"' in row, label

    def test_the_api_counts_gaps_clients_and_the_oldest(self, api, world, directory):
        first = legal_need(world)
        legal_need(world)
        api.as_user(world.a.users["admin"])
        rows = api.get("/gaps").json()
        row = next(r for r in rows if r["term_code"] == "aksesibilitas.bantuan_hukum")
        assert row["gaps"] == 2 and row["clients"] == 1 and row["region_code"] == "32.73"
        assert row["reasons"] == {"no_service": 2}
        assert row["oldest"].startswith(
            str(timezone.localtime(open_gap(first).opened_at).date())[:4]
        )

    def test_the_register_table_is_paged_and_the_total_counts_every_row(
        self, client, world, monkeypatch
    ):
        monkeypatch.setattr(views, "GAP_ROWS_PER_PAGE", 1)
        worker = world.a.users["worker"]
        for code in ("aksesibilitas.bantuan_hukum", "hidup_layak.pangan"):
            need = Need.objects.create(
                case=world.a.case, term=term(code), description="x", created_by=worker
            )
            Gap.objects.create(
                agency=world.a.agency, need=need, term=need.term, reason=GapReason.NO_SERVICE
            )
        client.force_login(world.a.users["supervisor"])
        first = client.get("/gaps/").content.decode()
        second = client.get("/gaps/?page=2").content.decode()
        assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second
        assert "2 kesenjangan terbuka" in first and "2 kesenjangan terbuka" in second
        names = {term("aksesibilitas.bantuan_hukum").name, term("hidup_layak.pangan").name}
        shown = [n for n in names if n in first.split("<tbody>")[1]]
        assert len(shown) == 1 and shown[0] not in second.split("<tbody>")[1]
        assert "Tidak ada layanan yang memenuhi syarat" in first

    def test_an_empty_register_says_so(self, client, world):
        client.force_login(world.a.users["worker"])
        assert "Tidak ada kesenjangan terbuka" in client.get("/gaps/").content.decode()


class TestInitiatives:
    def test_a_worker_opens_an_initiative_for_gaps(self, client, world, directory):
        need = legal_need(world)
        gap = open_gap(need)
        client.force_login(world.a.users["worker"])
        r = client.post("/initiatives/new/", {
            "title": "Pos bantuan hukum Andir", "term": term("aksesibilitas.bantuan_hukum").pk,
            "plan": "Bermitra dengan LBH Bandung", "partners": "LBH Bandung", "status": "planning",
            "gaps": [gap.pk]})  # fmt: skip
        assert r.status_code == 302, r.content
        initiative = Initiative.objects.get()
        assert list(initiative.gaps.all()) == [gap] and initiative.agency == world.a.agency
        page = client.get(f"/initiatives/{initiative.pk}/").content.decode()
        assert "Pos bantuan hukum Andir" in page

    def test_it_refuses_an_initiative_without_a_plan(self, client, world):
        client.force_login(world.a.users["worker"])
        r = client.post(
            "/initiatives/new/", {"title": "X", "term": term("hidup_layak").pk, "status": "idea"}
        )
        assert r.status_code == 422 and not Initiative.objects.exists()

    def test_another_agencys_gaps_cannot_be_linked(self, client, world, directory):
        gap = open_gap(legal_need(world))
        client.force_login(world.b.users["worker"])
        r = client.post("/initiatives/new/", {"title": "X", "term": term("hidup_layak").pk,
                                              "plan": "p", "status": "idea", "gaps": [gap.pk]})  # fmt: skip
        assert r.status_code == 422 and not Initiative.objects.exists()


class TestRematching:
    def test_a_new_fitting_service_reaches_the_workers_home(
        self, client, world, directory, django_capture_on_commit_callbacks
    ):
        need = legal_need(world)
        lbh = legal_service_near(world, directory, django_capture_on_commit_callbacks,
                                 "Pos Hukum", "Pos Bantuan Hukum Andir")  # fmt: skip
        gap = open_gap(need)
        assert gap.suggested_service == lbh
        client.force_login(world.a.users["worker"])
        html = client.get("/").content.decode()
        assert "Pos Bantuan Hukum Andir" in html
        client.force_login(world.a.users["other_worker"])
        assert "Pos Bantuan Hukum Andir" not in client.get("/").content.decode()

    def test_a_service_that_does_not_fit_suggests_nothing(
        self, world, directory, django_capture_on_commit_callbacks
    ):
        need = legal_need(world)
        legal_service_near(world, directory, django_capture_on_commit_callbacks,
                           "Pos Hukum Pria", "Hukum untuk pria", eligible_sexes=["M"])  # fmt: skip
        assert open_gap(need).suggested_service is None

    def test_many_services_saved_together_match_each_gap_once(
        self, world, directory, django_capture_on_commit_callbacks
    ):
        from django.db import transaction

        need = legal_need(world)
        worker = world.a.users["worker"]
        near = add_location(worker, directory.org, "Dekat", -6.9150, 107.5780)
        far = add_location(worker, directory.org, "Jauh", -6.8722, 107.5425)
        with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
            add_service(
                worker, directory.org, "LBH Jauh", ["aksesibilitas.bantuan_hukum"], locations=[far]
            )
            best = add_service(worker, directory.org, "LBH Dekat", ["aksesibilitas.bantuan_hukum"],
                               locations=[near])  # fmt: skip
        assert len(callbacks) == 1
        assert open_gap(need).suggested_service == best
