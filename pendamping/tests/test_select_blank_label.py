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
    text = client.get(reverse("case_detail", args=[world.a.case.pk])).text
    # the task's assignee and the note's kind start empty
    assert f'<option value="" selected>{shown}</option>' in text
    assert not_shown not in text and "---------" not in text
