"""HTML views of the mediator, split by what the pages show: the mediations and their
screening (pages), the small forms of the detail page (actions), sessions and the
perception map (work), the agreement and its follow-up (agreement)."""

from .actions import (  # noqa: F401
    boundaries_save,
    diversion_save,
    level_add,
    level_save,
    mediation_close,
    mediation_reassign,
    mediation_stage,
    neutrality_save,
    obstacle_add,
    obstacle_status,
    option_add,
    party_add,
    party_consent,
    rule_add,
)  # fmt: skip
from .agreement import (  # noqa: F401
    agreement_pdf,
    agreement_review,
    agreement_sign,
    mediation_agreement,
    term_add,
    term_check,
)  # fmt: skip
from .pages import (  # noqa: F401
    mediation_create,
    mediation_detail,
    mediation_list,
    party_export,
    party_export_json,
    party_export_pdf,
    party_view,
)  # fmt: skip
from .refer import mediation_refer  # noqa: F401
from .work import (  # noqa: F401
    common_ground_save,
    issue_add,
    mediation_perceptions,
    mediation_sessions,
    perception_picture,
    perception_picture_pdf,
    perception_save,
    session_add,
)  # fmt: skip
