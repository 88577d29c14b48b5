"""Sessions (attendance, absences, notes; a caucus note stays with its party) and the
two-sided perception map (issues × parties, side by side)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.pdf import pdf_response
from pendamping.web import run_form

from .. import picture, selectors, services
from ..access import mediation_or_404
from ..forms import CommonGroundForm, IssueForm, PerceptionForm, SessionForm
from .common import action


@login_required
def mediation_sessions(request, pk, *, form=None, status=200):
    user = request.user
    mediation = mediation_or_404(user, pk)
    parties = mediation.parties.alive()
    context = {
        "mediation": mediation,
        "sessions": selectors.sessions(mediation),
        "bad_faith": selectors.bad_faith(mediation),
        "parties": list(parties),
        "form": form or SessionForm(parties=parties),
        "can_write": access.can_write(user) and mediation.is_open,
    }
    return render(request, "mediator/sessions.html", context, status=status)


@login_required
@require_POST
def session_add(request, pk):
    user = request.user
    mediation = mediation_or_404(user, pk)
    access.require_write(user)
    form = SessionForm(request.POST, parties=mediation.parties.alive())

    def save(d):
        return services.session_record(
            actor=user, mediation=mediation, kind=d["kind"], held_on=d["held_on"],
            caucus_party=d["caucus_party"], notes=d["notes"], attendance=form.attendance(),
        )  # fmt: skip

    session, status = run_form(form, save)
    if session is None:
        return mediation_sessions(request, pk, form=form, status=status)
    messages.success(request, _("Sesi dicatat."))
    return redirect("mediation_sessions", pk)


@login_required
def mediation_perceptions(request, pk):
    user = request.user
    mediation = mediation_or_404(user, pk)
    context = {
        "mediation": mediation,
        "map": selectors.perception_map(mediation),
        "issue_form": IssueForm(),
        "can_write": access.can_write(user) and mediation.is_open,
        "print": request.GET.get("print") == "1",
    }
    return render(request, "mediator/perceptions.html", context)


issue_add = action(
    IssueForm, gettext_lazy("Persoalan ditambahkan."),
    lambda user, m, d: services.issue_add(actor=user, mediation=m, title=d["title"]),
    to="mediation_perceptions",
)  # fmt: skip


def _perception(user, m, d, issue_pk, party_pk):
    issue = access.get_or_404(m.issues.alive(), pk=issue_pk)
    party = access.get_or_404(m.parties.alive(), pk=party_pk)
    return services.perception_save(actor=user, issue=issue, party=party, data=d)


perception_save = action(PerceptionForm, gettext_lazy("Persepsi disimpan."), _perception,
                         to="mediation_perceptions")  # fmt: skip


def _common_ground(user, m, d, issue_pk):
    issue = access.get_or_404(m.issues.alive(), pk=issue_pk)
    return services.common_ground_set(actor=user, issue=issue, text=d["common_ground"])


common_ground_save = action(CommonGroundForm, gettext_lazy("Titik temu disimpan."),
                            _common_ground, to="mediation_perceptions")  # fmt: skip


def _picture(request, pk):
    mediation = mediation_or_404(request.user, pk)
    svg = picture.perception_picture(mediation, selectors.perception_map(mediation))
    return {"mediation": mediation, "picture": svg}


@login_required
def perception_picture(request, pk):
    """The perception map as a printable picture (picture.py)."""
    return render(request, "mediator/perception_picture.html", _picture(request, pk))


@login_required
def perception_picture_pdf(request, pk):
    context = _picture(request, pk)
    return pdf_response(request, "mediator/perception_picture_document.html", context,
                        f"peta-persepsi-{pk}.pdf")  # fmt: skip
