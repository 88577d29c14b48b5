"""The list of mediations, the opening with its screening (the gate), the detail
page (existence and stage only for an admin or auditor) and one party's view."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pendamping.accounts import access
from pendamping.cases.access import cases_for
from pendamping.clients.access import clients_for
from pendamping.pdf import pdf_response
from pendamping.web import paginate, run_form

from .. import clocks, export, selectors, services
from ..access import can_see_inside, mediation_or_404, mediations_for
from ..forms import (
    BoundariesForm,
    CloseForm,
    DiversionForm,
    LevelForm,
    LevelStartForm,
    MediationForm,
    NeutralityForm,
    ObstacleForm,
    OptionForm,
    PartyForm,
    ReassignForm,
    RuleForm,
    StageForm,
)  # fmt: skip
from ..gate import REFERRALS
from ..models import ObstacleStatus

SCREENING = services.SCREENING


def staff(user):
    return (
        get_user_model()
        .objects.filter(membership__agency=access.agency_of(user),
                        membership__role__in=services.MEDIATOR_ROLES, is_active=True)
        .order_by("first_name", "username")
    )  # fmt: skip


@login_required
def mediation_list(request):
    qs = mediations_for(request.user).select_related("mediator").order_by("-created_at", "-id")
    context = {"page": paginate(request, qs), "can_write": access.can_write(request.user)}
    return render(request, "mediator/mediation_list.html", context)


@login_required
def mediation_create(request):
    user = request.user
    access.require_write(user)
    initial = {}
    if (wanted := request.GET.get("case", "")).isascii() and wanted.isdigit():  # not "²"
        initial["cases"] = cases_for(user).filter(pk=request.GET["case"])
    form = MediationForm(request.POST or None, cases=cases_for(user), staff=staff(user),
                         initial=initial)  # fmt: skip
    status, refused = 200, None
    if request.method == "POST":

        def save(data):
            nonlocal refused
            try:
                return services.mediation_open(
                    actor=user, data={k: v for k, v in data.items() if k not in
                                      ("cases", "co_mediators")},
                    cases=list(data["cases"]), co_mediators=list(data["co_mediators"]),
                )  # fmt: skip
            except services.GateRefused as e:  # said on the page, with the alternatives
                refused = e.decision
                return None

        mediation, status = run_form(form, save)
        if refused is not None:
            status = 422
        if mediation is not None:
            messages.success(request, _("Mediasi dibuka."))
            return redirect("mediation_detail", mediation.pk)
    refer_cases = list(form.cleaned_data.get("cases") or []) if refused is not None else []
    context = {"form": form, "refused": refused, "screening": SCREENING,
               "refer_cases": refer_cases, "referrals": REFERRALS,
               "child": bool(refused and form.cleaned_data.get("child_party")),
               "diversion": ("offence", "max_sentence_months", "repeat_offence", "level",
                             "level_started_on")}  # fmt: skip
    return render(request, "mediator/mediation_form.html", context, status=status)


def _detail_context(user, mediation) -> dict:
    parties = list(mediation.parties.alive().select_related("client"))
    if mediation.is_diversion:
        prefetch_related_objects([mediation], "levels")
    alive = mediation.parties.alive()
    can_write = access.can_write(user) and mediation.is_open
    return {
        "parties": parties,
        "bad_faith": selectors.bad_faith(mediation),
        "rules": list(mediation.rules.alive().prefetch_related("agreements__party")),
        "obstacles": list(mediation.obstacles.alive()),
        "options": list(mediation.options.alive()),
        "levels": [
            (lv, clocks.level_clocks(mediation, lv),
             LevelForm(initial={f: getattr(lv, f) for f in LevelForm.base_fields if f != "version"}
                       | {"version": lv.version}, auto_id=f"lv{lv.pk}_%s"))
            for lv in clocks.levels_of(mediation)
        ] if mediation.is_diversion else [],
        "mediation_clocks": [c for c in clocks.clock_states(mediation) if c.level is None],
        "co_mediators": list(mediation.co_mediators.all()),
        "can_write": can_write,
        "is_mediator": user.pk == mediation.mediator_id,
        "can_reassign": access.can_assign(user) and mediation.is_open,
        "forms": {
            "party": PartyForm(clients=clients_for(user), auto_id="party_%s"),
            "neutrality": NeutralityForm(initial={"version": mediation.version}, auto_id="n_%s"),
            "stage": StageForm(initial={"stage": mediation.stage, "version": mediation.version},
                               auto_id="stage_%s"),
            "close": CloseForm(initial={"version": mediation.version}, auto_id="close_%s"),
            "boundaries": BoundariesForm(initial={"inside": mediation.boundaries_in,
                                                  "outside": mediation.boundaries_out,
                                                  "version": mediation.version}, auto_id="b_%s"),
            "rule": RuleForm(parties=alive, auto_id="rule_%s"),
            "obstacle": ObstacleForm(auto_id="obstacle_%s"),
            "option": OptionForm(auto_id="option_%s"),
            "level": LevelStartForm(auto_id="level_%s"),
            "diversion": DiversionForm(initial={f: getattr(mediation, f) for f in
                                                DiversionForm.base_fields if f != "version"}
                                       | {"version": mediation.version}, auto_id="d_%s"),
        },
        "obstacle_statuses": ObstacleStatus.choices,
    }  # fmt: skip


@login_required
def mediation_detail(request, pk):
    user = request.user
    mediation = mediation_or_404(user, pk, inside=False)
    context = {"mediation": mediation, "inside": can_see_inside(user, mediation),
               "reassign": ReassignForm(staff=staff(user), auto_id="r_%s",
                                        initial={"version": mediation.version})}  # fmt: skip
    if context["inside"]:
        context |= _detail_context(user, mediation)
    else:
        context["can_reassign"] = access.can_assign(user) and mediation.is_open
    return render(request, "mediator/mediation_detail.html", context)


@login_required
def party_view(request, pk, party_pk):
    """The mediation as it may be shown or printed for one party: their own
    perceptions only, and no note of another party's caucus."""
    user = request.user
    mediation = mediation_or_404(user, pk)
    party = access.get_or_404(mediation.parties.alive(), pk=party_pk)
    perceptions = list(party.perceptions.alive().select_related("issue"))
    context = {
        "mediation": mediation, "party": party, "perceptions": perceptions,
        "sessions": selectors.sessions(mediation, party),
        "rules": list(mediation.rules.alive()),
        "terms": list(mediation.terms.alive().select_related("responsible")),
    }  # fmt: skip
    return render(request, "mediator/party_view.html", context)


def _subject(request, pk, party_pk):
    mediation = mediation_or_404(request.user, pk)
    party = access.get_or_404(mediation.parties.alive(), pk=party_pk)
    return mediation, party, export.subject_export(request.user, party)


@login_required
def party_export(request, pk, party_pk):
    """The data-subject export of one party as a page (export.py says what is in it)."""
    mediation, party, data = _subject(request, pk, party_pk)
    context = {"mediation": mediation, "party": party, "data": data}
    return render(request, "mediator/party_export.html", context)


@login_required
def party_export_pdf(request, pk, party_pk):
    mediation, party, data = _subject(request, pk, party_pk)
    context = {"mediation": mediation, "party": party, "data": data}
    # the party's own copy (their right of access, UU 27/2022 art. 32): a restriction of
    # processing does not refuse it, as the access package; the JSON answers the same
    return pdf_response(request, "mediator/party_export_document.html", context,
                        f"data-pihak-{party.pk}.pdf", for_the_subject=True)  # fmt: skip


@login_required
def party_export_json(request, pk, party_pk):
    """The same export as JSON: for the subject, like the PDF (no share check)."""
    _mediation, party, data = _subject(request, pk, party_pk)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="data-pihak-{party.pk}.json"'
    return response
