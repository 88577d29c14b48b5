"""The small forms of the mediation page, each one POST calling one service."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.clients.access import clients_for

from .. import services
from ..forms import (
    BoundariesForm,
    CloseForm,
    ConsentForm,
    DiversionForm,
    NeutralityForm,
    ObstacleForm,
    OptionForm,
    PartyForm,
    ReassignForm,
    RuleForm,
    StageForm,
)  # fmt: skip
from .common import post_action
from .pages import staff


@login_required
@require_POST
def party_add(request, pk):
    def call(user, m, d, form):
        client = d.pop("client")
        return services.party_add(actor=user, mediation=m, client=client, data=d)

    return post_action(request, pk, PartyForm, call, _("Pihak ditambahkan."),
                       kwargs=lambda u, m: {"clients": clients_for(u)}, anchor="parties")  # fmt: skip


@login_required
@require_POST
def party_consent(request, pk, party_pk):
    def call(user, m, d, form):
        party = access.get_or_404(m.parties.alive(), pk=party_pk)
        return services.party_consent(actor=user, party=party, method=d["method"],
                                      given_by=d["given_by"], expected_version=d["version"])  # fmt: skip

    return post_action(request, pk, ConsentForm, call, _("Persetujuan pihak dicatat."),
                       anchor="parties")  # fmt: skip


@login_required
@require_POST
def neutrality_save(request, pk):
    def call(user, m, d, form):
        return services.neutrality_declare(actor=user, mediation=m, conflict=d["conflict"],
                                           note=d["conflict_note"], expected_version=d["version"])  # fmt: skip

    return post_action(request, pk, NeutralityForm, call, _("Pernyataan kenetralan dicatat."),
                       anchor="opening")  # fmt: skip


@login_required
@require_POST
def mediation_reassign(request, pk):
    def call(user, m, d, form):
        return services.mediation_reassign(actor=user, mediation=m, mediator=d["mediator"],
                                           expected_version=d["version"])  # fmt: skip

    return post_action(request, pk, ReassignForm, call, _("Mediasi dialihkan."),
                       kwargs=lambda u, m: {"staff": staff(u)}, inside=False)  # fmt: skip


@login_required
@require_POST
def mediation_stage(request, pk):
    def call(user, m, d, form):
        return services.stage_set(actor=user, mediation=m, stage=d["stage"],
                                  expected_version=d["version"])  # fmt: skip

    return post_action(request, pk, StageForm, call, _("Tahap mediasi disimpan."))


@login_required
@require_POST
def mediation_close(request, pk):
    def call(user, m, d, form):
        return services.mediation_close(actor=user, mediation=m, outcome=d["outcome"],
                                        reason=d["reason"], expected_version=d["version"])  # fmt: skip

    return post_action(request, pk, CloseForm, call, _("Mediasi ditutup."))


@login_required
@require_POST
def diversion_save(request, pk):
    def call(user, m, d, form):
        version = d.pop("version")
        return services.mediation_update(actor=user, mediation=m, data=d,
                                         expected_version=version)  # fmt: skip

    return post_action(request, pk, DiversionForm, call, _("Data diversi disimpan."),
                       anchor="diversion")  # fmt: skip


@login_required
@require_POST
def boundaries_save(request, pk):
    def call(user, m, d, form):
        return services.boundaries_set(actor=user, mediation=m, inside=d["inside"],
                                       outside=d["outside"], expected_version=d["version"])  # fmt: skip

    return post_action(request, pk, BoundariesForm, call, _("Batasan disimpan."),
                       anchor="rules")  # fmt: skip


@login_required
@require_POST
def rule_add(request, pk):
    def call(user, m, d, form):
        return services.rule_add(actor=user, mediation=m, text=d["text"],
                                 agreed_by=list(d["agreed_by"]), agreed_on=d["agreed_on"])  # fmt: skip

    return post_action(request, pk, RuleForm, call, _("Aturan ditambahkan."),
                       kwargs=lambda u, m: {"parties": m.parties.alive()}, anchor="rules")  # fmt: skip


@login_required
@require_POST
def obstacle_add(request, pk):
    def call(user, m, d, form):
        return services.obstacle_save(actor=user, mediation=m, data=d)

    return post_action(request, pk, ObstacleForm, call, _("Hambatan ditambahkan."),
                       anchor="obstacles")  # fmt: skip


@login_required
@require_POST
def obstacle_status(request, pk, obstacle_pk):
    def call(user, m, d, form):
        obstacle = access.get_or_404(m.obstacles.alive(), pk=obstacle_pk)
        data = {"description": obstacle.description, "channel": obstacle.channel,
                "who_acts": obstacle.who_acts} | {k: v for k, v in d.items() if v}  # fmt: skip
        return services.obstacle_save(actor=user, mediation=m, data=data, obstacle=obstacle)

    return post_action(request, pk, ObstacleForm, call, _("Hambatan disimpan."),
                       anchor="obstacles")  # fmt: skip


@login_required
@require_POST
def option_add(request, pk):
    def call(user, m, d, form):
        return services.option_add(actor=user, mediation=m, text=d["text"], chosen=d["chosen"])

    return post_action(request, pk, OptionForm, call, _("Pilihan ditambahkan."),
                       anchor="options")  # fmt: skip
