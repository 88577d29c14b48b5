"""API authentication: bearer tokens issued for a username and password."""

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

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
        if row is None:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class Message(Schema):
    detail: str


@router.post("/token", auth=None, response={200: TokenOut, 401: Message, 429: Message})
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
    return Status(200, {"token": ApiToken.issue(user)})
