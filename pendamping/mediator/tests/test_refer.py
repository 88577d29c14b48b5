"""The refused screen's one-click referral (views/refer.py), through HTTP: the gate
bars the mediation, the page offers the services, one click adds the need to the
client's case and lands on the broker's page for it."""

from django.urls import reverse

from pendamping.cases.models import Need
from pendamping.mediator.models import Mediation

BARRED = {"kind": "family", "issue": "Keluarga ingin berdamai", "sexual_violence": "on"}


class TestRefer:
    def test_refused_then_referred_to_legal_aid(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        resp = client.post(reverse("mediation_create"), BARRED | {"cases": [f.case.pk]})
        assert resp.status_code == 422 and Mediation.objects.count() == 0
        html = resp.content.decode()
        refer = reverse("mediation_refer", args=[f.case.pk])
        assert f'action="{refer}"' in html and 'value="legal_aid"' in html
        resp = client.post(refer, {"referral": "legal_aid"})
        need = Need.objects.get()
        assert need.case == f.case and need.term.code == "aksesibilitas.bantuan_hukum"
        assert need.urgency == "high" and "TPKS" in need.description
        assert resp["Location"] == reverse("need_detail", args=[need.pk])
        assert client.get(resp["Location"]).status_code == 200  # the broker's match page

    def test_a_child_victim_goes_to_child_protection(self, client, world):
        f = world.a
        client.force_login(f.users["worker"])
        resp = client.post(reverse("mediation_create"),
                           BARRED | {"cases": [f.case.pk], "child_party": "on"})  # fmt: skip
        assert 'name="child" value="on"' in resp.content.decode()
        client.post(reverse("mediation_refer", args=[f.case.pk]),
                    {"referral": "uptd_ppa", "child": "on"})  # fmt: skip
        assert Need.objects.get().term.code == "pengasuhan.perlindungan_anak"

    def test_without_a_case_it_says_how(self, client, world):
        client.force_login(world.a.users["worker"])
        html = client.post(reverse("mediation_create"), BARRED).content.decode()
        assert "mediations/refer/" not in html and "Pilih kasus klien" in html

    def test_bad_input_and_readers_save_nothing(self, client, world):
        f = world.a
        url = reverse("mediation_refer", args=[f.case.pk])
        client.force_login(f.users["worker"])
        assert client.post(url, {"referral": "astrologer"}).status_code == 302
        client.force_login(f.users["auditor"])
        assert client.post(url, {"referral": "legal_aid"}).status_code == 403
        client.force_login(world.b.users["worker"])
        assert client.post(url, {"referral": "legal_aid"}).status_code == 404
        assert Need.objects.count() == 0
