"""Stale capacity over the API: the agency's services to refresh, and "still correct"
(``stale.py``; the same selectors and services as the page)."""

from datetime import datetime
from uuid import UUID

from ninja import Query, Router, Schema

from pendamping.accounts import access

from . import selectors, services
from .access import directory_services_for

router = Router(tags=["broker"])
MAX_STALE = 500


class StaleServiceOut(Schema):
    service_id: UUID
    name: str
    organization: str
    capacity: str
    capacity_count: int | None
    capacity_updated_at: datetime | None
    version: int


class ConfirmIn(Schema):
    version: int


def _out(s) -> dict:
    return {
        "service_id": s.pk,
        "name": s.name,
        "organization": s.organization.name,
        "capacity": s.capacity,
        "capacity_count": s.capacity_count,
        "capacity_updated_at": s.capacity_updated_at,
        "version": s.version,
    }


@router.get("/stale-capacity", response=list[StaleServiceOut])
def stale_capacity(request, limit: int = Query(100, ge=1, le=MAX_STALE)):
    """The services of the caller's agency whose capacity is stale, the oldest first
    (for the agency's writers)."""
    access.require_write(request.user)
    return [_out(s) for s in selectors.stale_services(request.user)[:limit]]


@router.post("/services/{service_id}/capacity/confirm", response=StaleServiceOut)
def confirm_capacity(request, service_id: UUID, payload: ConfirmIn):
    """The capacity is still correct: record that it was checked now (409 if the
    service changed since the version given)."""
    qs = directory_services_for(request.user).select_related("organization")
    service = access.get_or_404(qs, pk=service_id)
    services.service_confirm_capacity(
        actor=request.user, service=service, expected_version=payload.version
    )
    return _out(service)
