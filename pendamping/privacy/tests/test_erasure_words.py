"""Import runs have no link to the clients their rows named, so an erasure finds
what they wrote by the client's identifiers: as whole words, case-insensitive, so a
client called "Ani" takes nothing from "Daniel" (clients/personal.py)."""

from django.urls import reverse

from pendamping.cases import services as case_services
from pendamping.clients.models import Client, ImportRejection, ImportRun, ImportRunEvent
from pendamping.privacy.models import Erasure


def test_an_erasure_blanks_the_import_rows_that_name_the_client_as_a_word(client, world):
    f = world.a
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip
    Client.objects.filter(pk=f.client.pk).update(full_name="Ani")
    admin = f.users["admin"]

    def run(name, error=""):
        return ImportRun.objects.create(agency=f.agency, file_sha256=name.ljust(64, "0"),
                                        file_name=name, started_by=admin, error=error)  # fmt: skip

    hers, his, plain = run("data_ani.csv"), run("daniel.csv", "Baris Daniel"), run("x.csv")
    rejected = {
        "ani": ImportRejection.objects.create(run=plain, row=2, name="ANI", reason="Tanpa usia"),
        "daniel": ImportRejection.objects.create(
            run=plain, row=3, name="Daniel", reason="Sama dengan Daniela"
        ),
        "said": ImportRejection.objects.create(
            run=plain, row=4, name="Budi", reason="Dilaporkan oleh Ani, ibunya"
        ),
    }
    events = {
        "ani": ImportRunEvent.objects.create(
            run=hers, actor=admin, status="done", file_name="data_ani.csv"
        ),
        "daniel": ImportRunEvent.objects.create(
            run=his, actor=admin, status="failed", file_name="daniel.csv", message="Mani, Daniel"
        ),
    }
    client.force_login(admin)
    done = client.post(reverse("client_anonymise", args=[f.client.pk]),
                       {"basis": "decision", "reason": "purpose_reached"})  # fmt: skip
    assert done.status_code == 302 and Erasure.objects.filter(client_id=f.client.pk).exists()
    names = dict(ImportRejection.objects.values_list("pk", "name"))
    assert names[rejected["ani"].pk] == "" and names[rejected["daniel"].pk] == "Daniel"
    said = ImportRejection.objects.get(pk=rejected["said"].pk)
    assert (said.name, said.reason) == ("", "")
    assert ImportRejection.objects.get(pk=rejected["daniel"].pk).reason == "Sama dengan Daniela"
    files = dict(ImportRun.objects.values_list("pk", "file_name"))
    assert files[hers.pk] == "" and files[his.pk] == "daniel.csv" and files[plain.pk] == "x.csv"
    assert ImportRun.objects.get(pk=his.pk).error == "Baris Daniel"
    logged = dict(ImportRunEvent.objects.values_list("pk", "file_name"))
    assert logged[events["ani"].pk] == "" and logged[events["daniel"].pk] == "daniel.csv"
    assert ImportRunEvent.objects.get(pk=events["daniel"].pk).message == "Mani, Daniel"


def test_the_reason_is_a_ground_of_the_law_and_other_needs_a_note(client, world, api):
    f = world.a
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip
    admin = f.users["admin"]
    client.force_login(admin)
    url = reverse("client_anonymise", args=[f.client.pk])
    assert 'value="retention_ended" selected' in client.get(url).text
    page = client.post(url, {"basis": "decision", "reason": "other", "note": " "})
    assert page.status_code == 422 and "Jelaskan alasan lainnya dalam catatan." in page.text
    assert client.post(url, {"basis": "decision", "reason": "because"}).status_code == 422
    body = {"client_id": f.client.pk, "basis": "decision", "reason": "because"}
    assert api.as_user(admin).post("/erasures", body).status_code == 422
    assert not Erasure.objects.exists()
    body["reason"] = "consent_withdrawn"
    made = api.as_user(admin).post("/erasures", body)
    assert made.status_code == 201
    assert (made.json()["reason"], made.json()["note"]) == ("consent_withdrawn", "")
    listed = api.as_user(admin).get("/erasures").json()["items"][0]
    assert listed["reason"] == "consent_withdrawn"
    assert "Persetujuan ditarik kembali" in client.get(reverse("retention")).text


def test_an_erasure_takes_the_clients_name_out_of_the_breaches_they_are_on(client, api, world):
    """A breach's texts that name the client reach every other client's access package:
    the erasure replaces the name, its words and the identifiers with a marker in the
    breaches the client is on, and its report counts them."""
    from pendamping.privacy import breaches, requests
    from pendamping.privacy.models import Breach

    from .test_breaches import register

    f = world.a
    case_services.case_close(actor=f.users["worker"], case=f.case, reason="goals_met",
                             expected_version=f.case.version)  # fmt: skip
    Client.objects.filter(pk=f.client.pk).update(full_name="Ani Lestari", phone="0812555111")
    dpo, admin = f.users["dpo"], f.users["admin"]
    (other,) = register(f.users["worker"], 1)
    theirs = breaches.breach_record(
        actor=dpo, title="Berkas Ani Lestari bocor", data_categories=["identity"],
        description="Laptop berisi berkas ani lestari dan Budi; Bu Ani menelepon dari 0812555111",
        containment="Token Ani dicabut; Daniel diberi tahu",
    )  # fmt: skip
    breaches.affected_add(actor=dpo, breach=theirs, source="chosen",
                          client_ids=[f.client.pk, other.pk])  # fmt: skip
    not_theirs = breaches.breach_record(actor=dpo, title="Surel Ani salah kirim",
                                        description="Ani lain", data_categories=["contact"])  # fmt: skip
    client.force_login(admin)
    done = client.post(reverse("client_anonymise", args=[f.client.pk]),
                       {"basis": "decision", "reason": "purpose_reached"}, follow=True)  # fmt: skip
    assert "Nama klien diganti [dihapus] dalam 1 catatan kegagalan pelindungan data." in done.text
    theirs.refresh_from_db()
    assert theirs.title == "Berkas [dihapus] bocor"
    assert theirs.description == ("Laptop berisi berkas [dihapus] dan Budi; Bu [dihapus] "
                                  "menelepon dari [dihapus]")  # fmt: skip
    assert theirs.containment == "Token [dihapus] dicabut; Daniel diberi tahu"
    assert theirs.version == 2  # an edit from before the erasure is refused as stale
    assert Breach.objects.get(pk=not_theirs.pk).title == "Surel Ani salah kirim"
    record = Erasure.objects.get(client_id=f.client.pk)
    assert record.report == {"breaches": 1}
    # the other client's access package tells of the breach without the name
    asked = requests.request_record(actor=dpo, client_id=other.pk, kind="access",
                                    requested_by="client", identity_check="ktp")  # fmt: skip
    package = api.as_user(admin).get(f"/subject-requests/{asked.pk}/package")
    assert package.status_code == 200
    assert "Berkas [dihapus] bocor" in package.content.decode() and b"Ani" not in package.content
    listed = api.as_user(dpo).get("/erasures").json()["items"]
    assert listed[0]["report"] == {"breaches": 1}


def test_the_command_reports_it_in_the_admins_language(world):
    import io

    from django.core.management import call_command

    from pendamping.privacy import breaches

    from .test_breaches import register

    f = world.a
    (gone,) = register(f.users["worker"], 1)
    b = breaches.breach_record(actor=f.users["dpo"], title=f"Map {gone.full_name} hilang",
                               description="Map tertinggal", data_categories=["identity"])  # fmt: skip
    breaches.affected_add(actor=f.users["dpo"], breach=b, source="chosen", client_ids=[gone.pk])
    type(f.users["admin"]).objects.filter(pk=f.users["admin"].pk).update(language="en")
    out = io.StringIO()
    call_command("pdp_anonymise", str(gone.pk), "--as", f.users["admin"].username,
                 "--reason", "purpose_reached", stdout=out)  # fmt: skip
    assert (
        "The client's name was replaced with [dihapus] in 1 data breach record." in out.getvalue()
    )
    b.refresh_from_db()
    assert b.title == "Map [dihapus] hilang"
