"""The client page at a desktop's 1280 px: its cards sit three abreast, and the family
table, a list of labelled rows in its narrow card, stays inside the card (it used to
push the page sideways). axe checks every page visited (browser_page)."""

import itertools

from pendamping.clients import services
from pendamping.conftest import BROWSER_MARKS, make_agency, make_regions
from pendamping.tests.browser import set_password, sign_in

pytestmark = BROWSER_MARKS

LAYOUT = """() => {
  const card = document.querySelector("#id_family_table").closest(".card").getBoundingClientRect();
  const table = document.querySelector("#id_family_table").getBoundingClientRect();
  const cells = [...document.querySelectorAll("#id_family_table td")].map(td => {
    const r = td.getBoundingClientRect(); return [r.top, r.bottom]; });
  return {page: document.documentElement.scrollWidth, card: [card.left, card.right],
          table: [table.left, table.right], cells};
}"""


def test_the_family_table_stays_in_its_card(live_server, transactional_db, browser_page):
    make_regions()
    f = make_agency("a", "32.73.05", 1)
    worker = f.users["worker"]
    set_password(worker)
    client = f.client
    for name, relation in (
        ("Lala Novitasari Kusumawardhani", "mother"),
        ("Zulfa Andriani", "father"),
    ):
        services.family_member_add(
            actor=worker, client=client,
            data={"name": name, "sex": "F" if relation == "mother" else "M", "relation": relation,
                  "birth_year": 1950},
        )  # fmt: skip
    page, url = browser_page, live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, url, worker)
    page.goto(f"{url}/clients/{client.pk}/")
    seen = page.evaluate(LAYOUT)
    assert seen["page"] <= 1280, seen
    assert seen["card"][0] <= seen["table"][0] and seen["table"][1] <= seen["card"][1], seen
    # each value of a row, the empty "remarks" too, has a line of its own: none overlaps
    cells = seen["cells"]
    assert all(a[1] <= b[0] + 0.5 for a, b in itertools.pairwise(cells)), cells
