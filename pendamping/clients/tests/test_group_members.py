"""Members of a group client, through the client's page and the API."""

import pytest

from pendamping.clients import services
from pendamping.clients.models import GroupMember


@pytest.fixture
def group(world):
    f = world.a
    return services.client_register(
        actor=f.users["worker"], data={"kind": "group", "full_name": "KUBE Melati"}
    )


def test_page_searches_then_adds_then_ends_a_membership(client, world, group):
    f = world.a
    client.force_login(f.users["worker"])
    url = f"/clients/{group.pk}/members/"
    page = client.get(f"/clients/{group.pk}/")
    assert "Kelompok ini belum mempunyai anggota." in page.content.decode()
    found = client.post(url, {"q": "Siti Rahayu"})
    assert found.status_code == 200
    assert f'name="member" value="{f.client.pk}"' in found.content.decode()
    assert f.client.nik not in found.content.decode()  # only the masked NIK
    added = client.post(url, {"member": f.client.pk, "role": "ketua"})
    assert added.status_code == 302
    m = GroupMember.objects.get(group=group)
    assert (m.member, m.role, m.joined_by, m.left_at) == (
        f.client,
        "ketua",
        f.users["worker"],
        None,
    )
    again = client.post(url, {"member": f.client.pk})
    assert again.status_code == 422
    assert "sudah menjadi anggota" in again.content.decode()
    client.post(f"/clients/{group.pk}/members/{m.pk}/leave/")
    m.refresh_from_db()
    assert m.left_at is not None and m.left_by == f.users["worker"]
    # the ended row stays; the member may join again
    assert client.post(url, {"member": f.client.pk}).status_code == 302
    assert GroupMember.objects.filter(group=group).count() == 2


def test_page_refuses_short_queries_other_agencies_and_non_groups(client, world, group):
    f = world.a
    client.force_login(f.users["worker"])
    url = f"/clients/{group.pk}/members/"
    assert "paling sedikit 3" in client.post(url, {"q": "Si"}).content.decode()
    other = client.post(url, {"member": world.b.client.pk})
    assert other.status_code == 422 and "tidak ditemukan" in other.content.decode()
    itself = client.post(url, {"member": group.pk})
    assert itself.status_code == 422
    # an individual client has no members
    solo = client.post(f"/clients/{f.client.pk}/members/", {"member": group.pk})
    assert solo.status_code == 422
    assert not GroupMember.objects.exists()
    client.cookies.load({"django_language": "en"})
    en = client.post(url, {"member": world.b.client.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Client not found." in en.content.decode()


def test_api_members(api, world, group):
    f = world.a
    api.as_user(f.users["worker"])
    base = f"/clients/{group.pk}/members"
    r = api.post(base, {"member_id": f.client.pk, "role": "anggota"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["member_id"], body["member_name"], body["is_active"]) == (
        f.client.pk,
        f.client.full_name,
        True,
    )
    assert api.post(base, {"member_id": f.client.pk}).status_code == 422
    assert api.post(base, {"member_id": world.b.client.pk}).status_code == 422
    assert api.post(base, {"member_id": f.client.pk, "role": "x" * 61}).status_code == 422
    left = api.post(f"{base}/{body['id']}/leave")
    assert left.status_code == 200 and left.json()["left_at"]
    assert api.post(f"{base}/{body['id']}/leave").status_code == 422
    assert [m["is_active"] for m in api.get(base).json()] == [False]
    assert api.get(f"{base}?active=true").json() == []
    # agency B sees nothing of the group
    api.as_user(world.b.users["worker"])
    assert api.get(base).status_code == 404


def test_the_page_ends_a_membership_once_and_tells_why_not_twice(client, world, group):
    f = world.a
    m = services.group_member_add(actor=f.users["worker"], group=group, member=f.client)
    client.force_login(f.users["worker"])
    url, back = f"/clients/{group.pk}/members/{m.pk}/leave/", f"/clients/{group.pk}/"
    r = client.post(url)
    assert r.status_code == 302 and r["Location"] == back
    assert "berakhir." in client.get(back).content.decode()
    r = client.post(url)
    assert r.status_code == 302 and r["Location"] == back
    assert "Keanggotaan ini sudah berakhir." in client.get(back).content.decode()
