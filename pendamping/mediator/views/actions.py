"""The small forms of the mediation page, each one POST calling one service."""

from django.utils.translation import gettext_lazy as _

from pendamping.accounts import access
from pendamping.clients.access import clients_for

from .. import levels, services
from ..forms import (
    BoundariesForm,
    CloseForm,
    ConsentForm,
    DiversionForm,
    LevelForm,
    LevelStartForm,
    NeutralityForm,
    ObstacleForm,
    OptionForm,
    PartyForm,
    ReassignForm,
    RuleForm,
    StageForm,
)  # fmt: skip
from .common import action, versioned
from .pages import staff


def _party_add(user, m, d):
    client = d.pop("client")
    return services.party_add(actor=user, mediation=m, client=client, data=d)


party_add = action(PartyForm, _("Pihak ditambahkan."), _party_add,
                   kwargs=lambda u, m: {"clients": clients_for(u)}, anchor="parties")  # fmt: skip


def _consent(user, m, d, party_pk):
    party = access.get_or_404(m.parties.alive(), pk=party_pk)
    return services.party_consent(actor=user, party=party, method=d["method"],
                                  given_by=d["given_by"],
                                  recording_reference=d["recording_reference"],
                                  expected_version=d["version"])  # fmt: skip


party_consent = action(ConsentForm, _("Persetujuan pihak dicatat."), _consent, anchor="parties")
neutrality_save = action(
    NeutralityForm, _("Pernyataan kenetralan dicatat."),
    versioned(services.neutrality_declare, conflict="conflict", note="conflict_note"),
    anchor="opening",
)  # fmt: skip
mediation_reassign = action(
    ReassignForm, _("Mediasi dialihkan."), versioned(services.mediation_reassign, mediator="mediator"),
    kwargs=lambda u, m: {"staff": staff(u)}, inside=False,
)  # fmt: skip
mediation_stage = action(StageForm, _("Tahap mediasi disimpan."),
                         versioned(services.stage_set, stage="stage"))  # fmt: skip
mediation_close = action(CloseForm, _("Mediasi ditutup."),
                         versioned(services.mediation_close, outcome="outcome", reason="reason"))  # fmt: skip
boundaries_save = action(BoundariesForm, _("Batasan disimpan."),
                         versioned(services.boundaries_set, inside="inside", outside="outside"),
                         anchor="rules")  # fmt: skip


def _diversion(user, m, d):
    version = d.pop("version")
    return services.mediation_update(actor=user, mediation=m, data=d, expected_version=version)


diversion_save = action(DiversionForm, _("Data diversi disimpan."), _diversion,
                        anchor="diversion")  # fmt: skip
level_add = action(
    LevelStartForm, _("Tingkat pemeriksaan dimulai."),
    lambda user, m, d: levels.level_start(actor=user, mediation=m, level=d["level"],
                                          started_on=d["started_on"]),
    anchor="diversion",
)  # fmt: skip


def _level(user, m, d, level_pk):
    record = access.get_or_404(m.levels.alive(), pk=level_pk)
    record.mediation = m
    version = d.pop("version")
    return levels.level_update(actor=user, record=record, data=d, expected_version=version)


level_save = action(LevelForm, _("Tingkat pemeriksaan disimpan."), _level, anchor="diversion")
rule_add = action(
    RuleForm, _("Aturan ditambahkan."),
    lambda user, m, d: services.rule_add(actor=user, mediation=m, text=d["text"],
                                         agreed_by=list(d["agreed_by"]), agreed_on=d["agreed_on"]),
    kwargs=lambda u, m: {"parties": m.parties.alive()}, anchor="rules",
)  # fmt: skip
obstacle_add = action(
    ObstacleForm, _("Hambatan ditambahkan."),
    lambda user, m, d: services.obstacle_save(actor=user, mediation=m, data=d),
    anchor="obstacles",
)  # fmt: skip


def _obstacle(user, m, d, obstacle_pk):
    obstacle = access.get_or_404(m.obstacles.alive(), pk=obstacle_pk)
    data = {"description": obstacle.description, "channel": obstacle.channel,
            "who_acts": obstacle.who_acts} | {k: v for k, v in d.items() if v}  # fmt: skip
    return services.obstacle_save(actor=user, mediation=m, data=data, obstacle=obstacle)


obstacle_status = action(ObstacleForm, _("Hambatan disimpan."), _obstacle, anchor="obstacles")
option_add = action(
    OptionForm, _("Pilihan ditambahkan."),
    lambda user, m, d: services.option_add(actor=user, mediation=m, text=d["text"],
                                           chosen=d["chosen"]),
    anchor="options",
)  # fmt: skip
