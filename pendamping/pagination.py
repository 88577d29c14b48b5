"""The one pagination of the API: page numbers with bounds, so absurd input is a 422."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000


class Pagination(PageNumberPagination):
    """`?page=` (1…1,000,000) and `?page_size=` (1…100); answers `{"items", "count"}`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)
