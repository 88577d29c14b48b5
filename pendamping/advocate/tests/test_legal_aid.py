"""Legal aid through the broker: a legal-aid need on the complainant's case and the
broker's need page; experts linked to providers by a plain id through the registry."""

from django.urls import reverse

from pendamping.advocate import finding, legal_aid, services
from pendamping.advocate.models import ComplaintLog, Expert
from pendamping.cases.models import Need

from .conftest import receive_group


def _linked(f):
    c, _ = receive_group(f)
    services.complaint_link_case(actor=f.users["worker"], complaint=c, case=f.case,
                                 expected_version=c.version)  # fmt: skip
    c.refresh_from_db()
    return c


class TestLegalAid:
    def test_the_page_records_a_legal_aid_need_and_opens_its_matches(self, client, world):
        f = world.a
        c = _linked(f)
        client.force_login(f.users["worker"])
        r = client.post(reverse("complaint_legal_aid", args=[c.pk]),
                        {"description": "Pendampingan gugatan data bansos", "urgency": "high"})  # fmt: skip
        need = Need.objects.get(case=f.case, term__code=legal_aid.LEGAL_AID_TERM)
        assert r.status_code == 302 and r["Location"] == reverse("need_detail", args=[need.pk])
        assert need.urgency == "high" and need.description == "Pendampingan gugatan data bansos"
        assert ComplaintLog.objects.get(kind="legal_aid").need == need
        assert client.get(r["Location"]).status_code == 200  # the broker's page of matches
        page = client.get(reverse("complaint_detail", args=[c.pk])).content.decode()
        assert reverse("need_detail", args=[need.pk]) in page

    def test_without_a_case_it_explains_and_stores_nothing(self, client, api, world):
        f = world.a
        c, _ = receive_group(f)
        client.force_login(f.users["worker"])
        r = client.post(reverse("complaint_legal_aid", args=[c.pk]), {"description": "Gugatan",
                                                                      "urgency": "high"})  # fmt: skip
        assert r.status_code == 422 and "Tautkan pengaduan ini" in r.content.decode()
        api.as_user(f.users["worker"])
        assert (
            api.post(f"/complaints/{c.pk}/legal-aid", {"description": "Gugatan"}).status_code == 422
        )
        assert not Need.objects.filter(term__code=legal_aid.LEGAL_AID_TERM).exists()

    def test_the_api_answers_the_need_and_its_page(self, api, world):
        f = world.a
        c = _linked(f)
        api.as_user(f.users["worker"])
        r = api.post(f"/complaints/{c.pk}/legal-aid", {"description": "Konsultasi hukum"})
        assert r.status_code == 201
        assert r.json()["url"] == reverse("need_detail", args=[r.json()["need_id"]])
        assert api.post(f"/complaints/{c.pk}/legal-aid", {"description": " "}).status_code == 422


class TestExpertProvider:
    def _org(self, f, name="LBH Bandung"):
        from pendamping.broker import services as broker_services

        return broker_services.organization_save(actor=f.users["worker"],
                                                 data={"name": name, "description": "Bantuan hukum"})  # fmt: skip

    def test_an_expert_points_at_a_visible_provider(self, client, world):
        f = world.a
        org = self._org(f)
        theirs = self._org(world.b, "LBH Semarang")
        client.force_login(f.users["worker"])
        bad = client.post(reverse("expert_list"), {"name": "Ani", "fields": ["legal_aid"],
                                                   "provider": theirs.pk})  # fmt: skip
        assert bad.status_code == 422 and not Expert.objects.exists()
        r = client.post(reverse("expert_list"), {"name": "Ani, S.H.", "fields": ["legal_aid"],
                                                 "provider": org.pk})  # fmt: skip
        assert r.status_code == 302 and Expert.objects.get().provider_id == str(org.pk)
        page = client.get(reverse("expert_list")).content.decode()
        assert reverse("organization_detail", args=[org.pk]) in page and "LBH Bandung" in page

    def test_the_service_refuses_an_unknown_id(self, world):
        import pytest
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            finding.expert_save(actor=world.a.users["worker"],
                                data={"name": "X", "fields": ["legal_aid"], "provider": "abc"})  # fmt: skip
