"""What the mediator's views share: the POST of one small form calling one service."""

from django.contrib import messages
from django.shortcuts import redirect

from pendamping.accounts import access
from pendamping.web import run_form

from ..access import mediation_or_404


def flash_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


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
