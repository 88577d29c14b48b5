"""A new task on a case starts assigned to the case's worker."""

from django.urls import reverse


def test_the_new_task_form_presets_the_case_worker(client, world):
    f = world.a
    client.force_login(f.users["supervisor"])  # someone else than the case worker opens it
    url = reverse("case_form", args=[f.case.pk, "task"])  # the form, opened on the case page
    form = client.get(url).context["a"]["form"]
    assert form["assignee"].value() == f.case.assigned_worker.pk
    page = client.get(url, headers={"HX-Request": "true"}).text
    assignee = page[page.index('id="id_assignee"') :]
    assignee = assignee[: assignee.index("</select>")]
    assert f'<option value="{f.case.assigned_worker.pk}" selected>' in assignee
