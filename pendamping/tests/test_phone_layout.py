"""The phone layout in the HTML itself (the browser test at 390 px checks the rest):
the case page opens its forms on demand."""

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
        for name in (
            "case_stage",
            "case_assign",
            "task_add",
            "note_add",
            "case_close",
            "case_edit",
        ):
            assert " open" not in details_around(html, reverse(name, args=[case.pk])), name

    def test_a_form_with_errors_comes_back_open(self, client, world):
        case = world.a.case
        client.force_login(world.a.users["worker"])
        html = client.post(reverse("note_add", args=[case.pk]), {"body": ""}).text
        assert " open" in details_around(html, reverse("note_add", args=[case.pk]))
        assert " open" not in details_around(html, reverse("task_add", args=[case.pk]))
