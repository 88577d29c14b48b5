"""Every write of the broker: directory entries, referrals, gaps and initiatives.

The services live in modules by what they write; callers import them from here."""

from .capacity import (  # noqa: F401
    directory_settings_save,
    notify_stale_capacity,
    service_confirm_capacity,
)
from .directory import (  # noqa: F401
    ORGANIZATION_FIELDS,
    SERVICE_FIELDS,
    index_provider,
    index_service,
    location_add,
    location_delete,
    organization_delete,
    organization_save,
    service_delete,
    service_save,
    service_set_capacity,
)
from .gaps import (  # noqa: F401
    gap_sync,
    gaps_rematch_for_services,
    initiative_save,
    schedule_rematch,
)
from .referrals import (  # noqa: F401
    allowed_next,
    is_sender,
    referral_create,
    referral_transition,
    shared_snapshot,
    side_of,
)
