"""Every demo object survives the edit a user would make: its own form, posted back
unchanged, saves (a demo that the forms reject teaches users the app is broken)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from pendamping.accounts.models import User
from pendamping.broker.models import Service
from pendamping.cases.models import Case
from pendamping.clients.models import Client

from .html_forms import form_data

pytestmark = pytest.mark.xdist_group("demo")


def resubmit(client, user, page: str, action: str):
    """Open `page` as `user` and post its form for `action` back unchanged."""
    client.force_login(user)
    response = client.get(page)
    assert response.status_code == 200, page
    return client.post(action, form_data(response.text, action, page=page))


def errors(response):
    form = response.context and response.context.get("form")
    return form.errors if form else response.status_code


def test_every_demo_client_case_and_service_passes_its_form(client, api, db):
    """The demo (one run: it takes a while) through the client, case and service forms
    and the client API, each object posted back as its edit page shows it."""
    call_command("demo", clients=30, stdout=io.StringIO())
    refused = []
    clients = list(Client.objects.alive().select_related("registered_by").order_by("pk"))
    assert len(clients) >= 30
    for c in clients:
        edit = reverse("client_edit", args=[c.pk])
        response = resubmit(client, c.registered_by, edit, edit)
        if response.status_code != 302:
            refused.append(("client", c.full_name, c.phone, errors(response)))
        c.refresh_from_db()
        response = api.as_user(c.registered_by).patch(
            f"/clients/{c.pk}", {"phone": c.phone, "version": c.version}
        )
        if response.status_code != 200:
            refused.append(("api client", c.full_name, c.phone, response.json()))

    cases = list(Case.objects.select_related("assigned_worker").order_by("pk"))
    assert cases
    for case in cases:
        page = reverse("case_form", args=[case.pk, "edit"])  # the form's own page
        response = resubmit(
            client, case.assigned_worker, page, reverse("case_edit", args=[case.pk])
        )
        if response.status_code != 302:
            refused.append(("case", case.number, response.status_code))

    admins = {u.membership.agency_id: u for u in User.objects.filter(username__endswith=".admin")}
    services = list(Service.objects.filter(agency_id__in=admins).order_by("pk"))
    assert services
    for service in services:
        edit = reverse("service_edit", args=[service.pk])
        response = resubmit(client, admins[service.agency_id], edit, edit)
        if response.status_code != 302:
            refused.append(("service", service.name, errors(response)))
    assert refused == []
