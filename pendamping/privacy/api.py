"""The processing log over the API (for the data protection officer and admins)."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from pendamping.pagination import Pagination

from . import selectors
from .access import can_read_log

router = Router(tags=["privacy"])


class AccessRecordOut(Schema):
    id: int
    at: datetime
    user_id: int
    username: str
    role: str
    agency_id: int
    what: str
    address: str | None
    client_ids: list[int]

    @staticmethod
    def resolve_username(obj) -> str:
        return obj.user.username

    @staticmethod
    def resolve_role(obj) -> str:
        m = getattr(obj.user, "membership", None)
        return m.role if m else ""


class LogFilter(Schema):
    client_id: int | None = Field(None, ge=1, le=2**62)
    user_id: int | None = Field(None, ge=1, le=2**62)
    since: date | None = None
    until: date | None = None


@router.get("", response=list[AccessRecordOut])
@paginate(Pagination)
def access_log(request, filters: Query[LogFilter]):
    """Who read which client's data, when, what and from where; newest first."""
    if not can_read_log(request.user):
        raise HttpError(
            403,
            _("Hanya petugas pelindungan data pribadi atau admin lembaga yang dapat melihat ini."),
        )
    since, until = filters.since, filters.until
    if since and until and since > until:
        raise HttpError(422, _("Tanggal awal harus sebelum tanggal akhir."))
    return selectors.access_log(
        request.user,
        client_id=filters.client_id,
        user_id=filters.user_id,
        since=since,
        until=until,
    )
