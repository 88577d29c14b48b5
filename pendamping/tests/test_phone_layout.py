"""The phone layout in the HTML itself (the browser test at 390 px checks the rest):
the case page opens its forms on demand."""

import re
from pathlib import Path

import pytest
from django.urls import reverse


def details_around(html: str, form_action: str) -> str:
    """The opening <details> tag that holds the form posting to `form_action`."""
    at = html.index(f'action="{form_action}"')
    opening = html.rfind("<details", 0, at)
    assert opening != -1 and html.rfind("</details>", 0, at) < opening, form_action
    return html[opening : html.index(">", opening) + 1]


class TestTheCasePageShowsContentFirst:
    def test_its_forms_are_closed_until_asked_for(self, client, world):
        case = world.a.case
        client.force_login(world.a.users["supervisor"])
        html = client.get(reverse("case_detail", args=[case.pk])).text
        for key in ("stage", "assign", "task", "note", "close", "edit"):
            url = reverse("case_form", args=[case.pk, key])
            opening = html[html.rindex("<details", 0, html.index(f'hx-get="{url}"')) :]
            assert " open" not in opening[: opening.index(">")], key
            assert f'<a href="{url}">' in opening[: opening.index("</details>")], key

    def test_a_form_with_errors_comes_back_open(self, client, world):
        case = world.a.case
        client.force_login(world.a.users["worker"])
        html = client.post(reverse("note_add", args=[case.pk]), {"body": ""}).text
        assert " open" in details_around(html, reverse("note_add", args=[case.pk]))
        assert f'action="{reverse("task_add", args=[case.pk])}"' not in html


# Tables a phone user reads, beyond the six main lists: each becomes labelled cards
# (`.table.cards`, a data-label on every value after the row's first cell). Tables kept
# as tables scroll inside themselves: score matrices, printed documents, the letter.
CARD_TABLES = {
    "cases/templates/cases/home.html": 1,  # the supervisor's team
    "clients/templates/clients/client_detail.html": 1,  # family members
    "assessment/templates/assessment/assessment_list.html": 1,
    "broker/templates/broker/gap_register.html": 1,
    "broker/templates/broker/organization_list.html": 1,
    "broker/templates/broker/initiative_list.html": 1,
    "facilitator/templates/facilitator/programme_list.html": 1,
    "advocate/templates/advocate/expert_list.html": 1,
    "advocate/templates/advocate/complaint_detail.html": 2,  # grouping, alternatives
    "mediator/templates/mediator/mediation_detail.html": 2,  # parties, obstacles
    "motivator/templates/motivator/caseload.html": 1,  # the caseload's scores
    "motivator/templates/motivator/case_goals.html": 1,  # motivation check-ins
    "privacy/templates/privacy/access_log.html": 1,
}


def card_tables(source: str) -> list[str]:
    return [t for t in re.findall(r"<table.*?</table>", source, re.S) if "cards" in t.split(">")[0]]


@pytest.mark.parametrize("template", CARD_TABLES)
def test_the_lists_a_phone_user_reads_are_labelled_cards(template):
    source = (Path(__file__).parents[1] / template).read_text()
    tables = card_tables(source)
    assert len(tables) == CARD_TABLES[template], template
    for table in tables:
        labels = re.findall(r"<th[^>]*>(.*?)</th>", table.split("</thead>")[0])
        for row in re.findall(r"<tr[ >].*?</tr>", table.split("<tbody>")[1], re.S):
            cells = re.findall(r"<td([^>]*)>", row)
            assert len(cells) == len(labels), (template, row[:80])
            for label, attrs in zip(labels[1:], cells[1:], strict=True):
                if label:  # a column without a heading (actions) needs no label
                    assert "data-label=" in attrs, (template, label)


def test_the_supervisors_team_is_labelled_cards(client, world):
    client.force_login(world.a.users["supervisor"])
    html = client.get(reverse("home")).text
    team = html[html.index('<table class="table cards team">') :].split("</table>")[0]
    row = team.split("<tbody>")[1].split("</tr>")[0]
    for label in ("Kasus terbuka", "Tindak lanjut terlambat", "Tanda bahaya terbuka"):
        assert f'data-label="{label}"' in row, label
