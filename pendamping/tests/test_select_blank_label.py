"""Empty selects speak the user's language (Django's own blank-choice label is English only)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [("", "- Pilih -", "Select an option"), ("en", "- Select an option -", "- Pilih -")],
)
def test_the_case_page_selects_say_choose_in_the_users_language(
    client, world, language, shown, not_shown
):
    worker = world.a.users["worker"]
    worker.language = language
    worker.save(update_fields=["language"])
    client.force_login(worker)
    # the task's assignee and the note's kind start empty (forms opened on the case page)
    text = "".join(
        client.get(reverse("case_form", args=[world.a.case.pk, key])).text
        for key in ("task", "note")
    )
    assert f'<option value="" selected>{shown}</option>' in text
    assert not_shown not in text and "---------" not in text
