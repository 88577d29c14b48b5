"""A real browser on what issue 12's second slice added: a diversion's levels with
their clocks, the perception map picture (the browser's own text boxes: no two labels
overlap, each inside its cell), and a party's data-subject export. axe-core checks
every page visited (the browser_page fixture); screenshots at 1280 and 390 px in
Indonesian and English go to /tmp/shots-med2/ when that folder exists."""

from pathlib import Path

from django.utils import timezone

from pendamping.accounts.models import Agency, Membership, Role, User
from pendamping.conftest import BROWSER_MARKS
from pendamping.mediator import levels, services
from pendamping.tests.browser import PASSWORD, screenshots, sign_in

pytestmark = BROWSER_MARKS
SHOTS = Path("/tmp/shots-med2") if Path("/tmp/shots-med2").is_dir() else None

BOXES = """() => {
  const cells = [...document.querySelectorAll('svg.perception-picture rect')].map(r => r.getBBox());
  return [...document.querySelectorAll('svg.perception-picture text')].slice(1).map(t => {
    const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent];
  }).concat([cells.map(c => [c.x, c.y, c.x + c.width, c.y + c.height])]);
}"""


def _world():
    agency = Agency.objects.create(name="Dinas Sosial Kota Bandung", kind="dinsos",
                                   region_code="32.73")  # fmt: skip
    user = User.objects.create_user(username="peksos", password=PASSWORD,
                                    first_name="Andi")  # fmt: skip
    Membership.objects.create(user=user, agency=agency, role=Role.WORKER)
    today = timezone.localdate()
    m = services.mediation_open(actor=user, data={
        "kind": "juvenile_diversion", "issue": "Anak diduga mencuri sepeda motor tetangga",
        "max_sentence_months": 60, "child_party": True, "level": "investigation",
        "level_started_on": today - timezone.timedelta(days=5)})  # fmt: skip
    levels.level_update(actor=user, record=m.levels.get(),
                        data={"diversion_started_on": today - timezone.timedelta(days=2)})  # fmt: skip
    one = services.party_add(actor=user, mediation=m, data={
        "name": "Dimas", "is_child": True, "representative_name": "Ibu Wati",
        "representative_role": "parent"})  # fmt: skip
    two = services.party_add(actor=user, mediation=m, data={"name": "Pak Hendra"})
    services.session_record(actor=user, mediation=m, kind="caucus", held_on=today,
                            caucus_party=two, notes="Rahasia Pak Hendra")  # fmt: skip
    for title in ("Sepeda motor yang rusak", "Rasa malu keluarga di kampung"):
        issue = services.issue_add(actor=user, mediation=m, title=title)
        for p, text in (
            (one, "Saya hanya meminjam dan berniat mengembalikan sore itu"),
            (two, "Motor itu satu-satunya alat kerja saya; WWWWWWWWWWWWWWWWWW"),
        ):
            services.perception_save(actor=user, issue=issue, party=p, data={
                "position": text * 2, "interests": "Sekolah tetap jalan",
                "view_of_other": "Dia tidak peduli", "feelings": "Takut dan malu"})  # fmt: skip
    return m, one


def test_levels_picture_and_export(live_server, transactional_db, browser_page):
    m, one = _world()
    page, base = browser_page, live_server.url
    sign_in(page, base, "peksos")

    detail = f"/mediations/{m.pk}/"
    page.goto(base + detail)
    assert "Penyidikan" in page.inner_text("#diversion article.level")
    assert page.locator("#diversion tr[data-clock=process]").count() == 1
    screenshots(page, SHOTS, "levels", detail + "#diversion")
    # on a phone, the consent form of a party not yet consenting stays inside the
    # screen (its select and inputs widened the parties' card table past 390 px)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + detail)
    assert page.locator("form[action$='/consent/']").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    picture = f"/mediations/{m.pk}/perceptions/picture/"
    page.goto(base + picture)
    *texts, cells = page.evaluate(BOXES)
    assert len(texts) > 30 and "Rahasia Pak Hendra" not in page.content()
    for x0, y0, x1, y1, text in texts:
        assert any(c[0] <= x0 and x1 <= c[2] and c[1] <= y0 and y1 <= c[3] for c in cells), text
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not (a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5
                        and b[1] < a[3] - 0.5), (a, b)  # fmt: skip
    screenshots(page, SHOTS, "picture", picture)

    export = f"/mediations/{m.pk}/parties/{one.pk}/export/"
    page.goto(base + export)
    assert "Rahasia Pak Hendra" not in page.content() and "Dimas" in page.content()
    screenshots(page, SHOTS, "export", export)
