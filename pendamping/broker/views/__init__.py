"""Broker pages: the resource directory, needs and matches, referrals, gaps, initiatives.

The views live in modules by what they show; urls.py reaches them through here."""

from .capacity import directory_settings, service_capacity_confirm, stale_capacity  # noqa: F401
from .consent import need_consent  # noqa: F401
from .directory import (  # noqa: F401
    directory,
    location_add,
    location_delete,
    organization_delete,
    organization_detail,
    organization_form,
    organization_list,
    service_capacity,
    service_delete,
    service_detail,
    service_form,
)
from .gaps import (  # noqa: F401
    gap_register,
    initiative_form,
    initiative_list,
)
from .imports import (  # noqa: F401
    directory_export,
    directory_import,
    directory_import_confirm_view,
    directory_import_detail,
    directory_import_discard_view,
    directory_template,
)
from .mappings import term_mapping_import, term_mapping_save, term_mappings  # noqa: F401
from .referrals import (  # noqa: F401
    need_add,
    need_detail,
    need_form,
    need_status,
    referral_create,
    referral_detail,
    referral_letter,
    referral_letter_pdf,
    referral_list,
    referral_status,
)
