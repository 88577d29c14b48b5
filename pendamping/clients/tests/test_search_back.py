"""Defect 7: the client search is POST-only (no names or NIKs in URLs) and lost its
query on Back. The search is now kept in the session under a token: the results
answer a GET of ``/clients/?r=<token>``, the address Back returns to."""

import re

from django.urls import reverse


def test_a_plain_post_redirects_to_results_that_back_shows_again(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    r = client.post(reverse("client_list"), {"q": "Siti"})
    assert r.status_code == 302
    url = r["Location"]
    assert re.fullmatch(r"/clients/\?r=[\w-]+", url) and "Siti" not in url
    for _ in range(2):  # the redirect, then Back to the same address
        page = client.get(url).text
        assert f.client.full_name in page and 'value="Siti"' in page and "1 klien cocok" in page
    # the plain list (the menu's link) is not the search
    page = client.get(reverse("client_list")).text
    assert 'value=""' in page and "klien cocok" not in page


def test_an_htmx_search_replaces_the_address_with_its_token(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    r = client.post(reverse("client_list"), {"q": f.client.nik[:8]}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and f.client.full_name in r.text and "<html" not in r.text
    url = r["HX-Replace-Url"]
    assert re.fullmatch(r"/clients/\?r=[\w-]+", url) and f.client.nik[:8] not in url
    # htmx restoring history asks for the whole page
    page = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true").text
    assert "<html" in page and f.client.full_name in page
    assert f.client.full_name in client.get(url).text


def test_the_page_of_results_is_kept_too(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    r = client.post(reverse("client_list"), {"q": "Siti", "page": "7"})
    assert client.get(r["Location"]).status_code == 200  # a page past the end: the last


def test_a_token_of_another_session_finds_nothing(client, world):
    f = world.a
    client.force_login(f.users["worker"])
    url = client.post(reverse("client_list"), {"q": "Siti"})["Location"]
    client.force_login(world.b.users["worker"])
    page = client.get(url).text
    assert 'value=""' in page and f.client.full_name not in page
