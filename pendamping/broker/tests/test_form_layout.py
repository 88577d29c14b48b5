"""The referral form reads top to bottom: a group's label before its checkboxes; the
letter page is laid out for the phone it is opened on."""

import re

from django.urls import reverse

from .test_review_fixes import refer


def test_the_shared_data_label_comes_before_its_checkboxes(client, world, directory):
    client.force_login(world.a.users["worker"])
    page = client.get(reverse("need_detail", args=[directory.need.pk])).text
    legend = page.index("Data klien yang dibagikan")
    first_box = re.search(r'<input type="checkbox" name="shared_fields"', page).start()
    assert legend < first_box
    # a group of checkboxes is a fieldset named by its legend
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Data klien yang dibagikan", page)
    # a single checkbox keeps its label after the box
    assert page.index('name="send"') < page.index("Kirim sekarang")


def test_the_referral_letter_page_has_a_mobile_viewport(client, world, directory):
    referral = refer(world, directory, key="dapur")
    client.force_login(world.a.users["worker"])
    html = client.get(reverse("referral_letter", args=[referral.pk])).text
    assert re.search(r'<meta name="viewport" content="width=device-width, initial-scale=1">', html)
