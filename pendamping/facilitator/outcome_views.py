"""Pages of the knowledge, attitude and skill measures: a programme's gains (table
and chart) and the form that administers a measure to a participant, pre or post."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pendamping import charts
from pendamping.accounts import access
from pendamping.web import run_form

from . import measures, outcomes, selectors
from .access import enrolments_for
from .measures import tr
from .models import EnrolmentStatus, MeasureScore, Phase


def _visible(user, programme):
    return list(
        enrolments_for(user).filter(programme=programme)
        .exclude(status=EnrolmentStatus.WAITLISTED)
        .select_related("case__client", "member").order_by("case__client__full_name", "id")
    )  # fmt: skip


@login_required
def programme_gains(request, pk):
    user = request.user
    programme = selectors.programme(user, pk)
    data = outcomes.programme_gains(user, programme, _visible(user, programme))
    bars = [(d["label"], round(d["gain"], 2)) for d in data["domains"] if d["gain"] is not None]
    chart = charts.hbar_chart(bars, title=_("Gain ternormalisasi per ranah")) if bars else None
    context = {"programme": programme, "chart": chart, "can_write": access.can_write(user),
               **data}  # fmt: skip
    return render(request, "facilitator/programme_gains.html", context)


class ScoreForm(forms.Form):
    """One radio group per item of the measure: ``item_<code>``."""

    def __init__(self, *args, measure, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        answers = answers or {}
        for item in measure.items:
            self.fields[f"item_{item['code']}"] = forms.ChoiceField(
                label=tr(item["text"]), choices=measure.choices(item),
                widget=forms.RadioSelect, initial=answers.get(item["code"]),
            )  # fmt: skip

    def answers(self) -> dict:
        return {i["code"]: self.cleaned_data[f"item_{i['code']}"] for i in self.measure.items}


@login_required
def score_form(request, pk, enrolment_pk, code, phase):
    user = request.user
    programme = selectors.programme(user, pk)
    enrolment = access.get_or_404(
        enrolments_for(user).filter(programme=programme).select_related("case__client", "member",
                                                                          "programme"),
        pk=enrolment_pk,
    )  # fmt: skip
    measure = measures.get(code)
    if measure is None or code not in programme.measures or phase not in Phase.values:
        raise Http404(_("Ukuran ini bukan bagian dari program ini."))
    access.require_write(user)
    existing = MeasureScore.objects.filter(enrolment=enrolment, measure=code, phase=phase).first()
    form = ScoreForm(request.POST or None, measure=measure,
                     answers=existing.answers if existing else None)  # fmt: skip
    status = 200
    if request.method == "POST":
        saved, status = run_form(
            form,
            lambda _d: outcomes.score_record(
                actor=user, enrolment=enrolment, measure=code, phase=phase,
                answers=form.answers(),
            ),
        )  # fmt: skip
        if saved is not None:
            messages.success(request, _("Skor disimpan: %(s)s dari %(m)s.")
                             % {"s": saved.score, "m": saved.maximum})  # fmt: skip
            return redirect("programme_gains", programme.pk)
    context = {"programme": programme, "enrolment": enrolment, "measure": measure,
               "phase": Phase(phase), "form": form,
               "name": selectors.preferred_name(enrolment.participant)}  # fmt: skip
    return render(request, "facilitator/score_form.html", context, status=status)
