"""The inbox: the user's notifications, newest first, read and unread, and the
kinds they also want by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.web import paginate

from . import selectors, services
from .access import notifications_for
from .forms import EmailChoiceForm


@login_required
def inbox(request):
    unread_only = request.GET.get("show") == "unread"
    page = paginate(request, selectors.inbox(request.user, unread_only=unread_only))
    return render(request, "inbox/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
def inbox_open(request, pk: int):
    """Mark one notification read and go to the thing it is about."""
    notification = access.get_or_404(notifications_for(request.user), pk=pk)
    services.mark_read(user=request.user, notification=notification)
    url = notification.url
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None) or not url.startswith("/"):
        return redirect("inbox")
    return redirect(url)


@login_required
@require_POST
def inbox_read(request, pk: int):
    notification = access.get_or_404(notifications_for(request.user), pk=pk)
    services.mark_read(
        user=request.user, notification=notification, read=request.POST.get("unread") != "1"
    )
    return redirect(_back(request))


@login_required
@require_POST
def inbox_read_all(request):
    n = services.mark_all_read(user=request.user)
    messages.success(request, _("%(n)s pemberitahuan ditandai sudah dibaca.") % {"n": n})
    return redirect("inbox")


@login_required
def inbox_settings(request):
    form = EmailChoiceForm(
        request.POST or None, initial={"kinds": sorted(selectors.email_kinds(request.user))}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.email_choices_set(user=request.user, kinds=form.cleaned_data["kinds"])
            messages.success(request, _("Pilihan e-mail disimpan."))
            return redirect("inbox_settings")
        status = 422
    return render(
        request,
        "inbox/settings.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=status,
    )


def _back(request) -> str:
    back = request.POST.get("next", "")
    if back.startswith("/inbox/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return "/inbox/"
