"""What the mediator's views share: the POST of one small form calling one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.web import flash_errors, run_form

from ..access import mediation_or_404


def post_action(request, pk, form_class, call, success, *, kwargs=None, inside=True,
                to="mediation_detail", anchor=""):  # fmt: skip
    """Fetch the mediation (404 if unseen; 403 if only its existence is known), check
    the user writes, validate the form, run ``call(user, mediation, data, form)``,
    flash the result and go back to the page."""
    user = request.user
    mediation = mediation_or_404(user, pk, inside=inside)
    access.require_write(user)
    form = form_class(request.POST, **(kwargs(user, mediation) if kwargs else {}))
    saved, _status = run_form(form, lambda d: call(user, mediation, d, form))
    if saved is None:
        flash_errors(request, form)
    else:
        messages.success(request, success)
    response = redirect(to, pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def action(form_class, success, run, **options):
    """A view for the POST of ``form_class``: ``run(user, mediation, data, **url_kwargs)``
    calls one service (``options`` go to ``post_action``)."""

    @login_required
    @require_POST
    def view(request, pk, **url_kwargs):
        def call(user, mediation, data, form):
            return run(user, mediation, data, **url_kwargs)

        return post_action(request, pk, form_class, call, success, **options)

    return view


def versioned(service, **fields):
    """``run`` for ``action``: ``service(actor, mediation, expected_version, **{param:
    data[field]})`` for a service that writes the mediation under its version."""

    def run(user, mediation, data):
        return service(actor=user, mediation=mediation, expected_version=data["version"],
                       **{param: data[field] for param, field in fields.items()})  # fmt: skip

    return run
