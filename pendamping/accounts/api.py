"""API authentication: bearer tokens issued for a username and password."""

from datetime import datetime

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer

from pendamping import schema_types as T

from .language import activate_for
from .models import ApiToken

router = Router(tags=["auth"])


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        digest = ApiToken.digest_of(token)
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=digest, expires_at__gt=timezone.now(), user__is_active=True)
            .first()
        )
        if row is None or not row.is_current_for(row.user):
            return None  # unknown, expired, revoked, or issued before a password change
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        request.api_token_id = row.pk
        # the language middleware ran before the token was known: the user's own choice
        # of language holds for the API as for the pages
        activate_for(request)
        return row.user


class TokenIn(Schema):
    username: T.line(150, required=True)  # User.username
    password: str = Field(max_length=4096)  # any character a password may hold


class TokenOut(Schema):
    token: str


class Message(Schema):
    detail: str


class TokenRow(Schema):
    id: int
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    current: bool


@router.post(
    "/token", auth=None, response={200: TokenOut, 401: Message, 403: Message, 429: Message}
)
def token(request, payload: TokenIn):
    """Exchange a username and password for a bearer token."""
    try:
        user = authenticate(request, username=payload.username, password=payload.password)
    except AxesBackendPermissionDenied:
        user = None
        locked = True
    else:
        locked = getattr(request, "axes_locked_out", False)
    if locked:
        return Status(429, {"detail": _("Terlalu banyak percobaan masuk gagal. Coba lagi nanti.")})
    if user is None:
        return Status(401, {"detail": _("Nama pengguna atau kata sandi salah.")})
    if user.must_change_password:
        return Status(
            403, {"detail": _("Ganti dulu kata sandi yang ditetapkan orang lain, di halaman web.")}
        )
    return Status(200, {"token": ApiToken.issue(user)})


@router.delete("/token", response={204: None, 401: Message})
def revoke_current(request):
    """End the token this request was made with."""
    ApiToken.objects.filter(pk=request.api_token_id, user=request.user).delete()
    return Status(204, None)


@router.get("/tokens", response={200: list[TokenRow], 401: Message})
def my_tokens(request):
    """Your active tokens, newest first (never the token itself: only its digest is kept)."""
    rows = ApiToken.objects.filter(user=request.user, expires_at__gt=timezone.now())
    current = request.user.get_session_auth_hash()
    return [
        {
            "id": t.pk,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
            "current": t.pk == request.api_token_id,
        }
        for t in rows.order_by("-created_at", "-pk")
        if t.auth_hash == current
    ]


@router.delete("/tokens/{token_id}", response={204: None, 401: Message, 404: Message})
def revoke(request, token_id: int):
    """End one of your own tokens (another user's token is not found)."""
    get_object_or_404(ApiToken, pk=token_id, user=request.user).delete()
    return Status(204, None)


@router.delete("/tokens", response={204: None, 401: Message})
def revoke_mine(request):
    """End all of your tokens, this one included."""
    ApiToken.revoke_all(request.user)
    return Status(204, None)
