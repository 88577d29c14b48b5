"""Account changes that must be audited: resets, invitations, password changes.

An agency admin never learns or sets a worker's password: a reset (or a new user's
invitation) makes the password unusable, which ends the user's sessions (Django checks
the session's password hash on every request) and their API tokens (each is bound to
the password, `ApiToken.auth_hash`), and sends a one-time link to the user's own
e-mail address. Only a superuser may type a password for someone, and then the user
must choose their own at the next login. Every step is an `AccountEvent`.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from pendamping.web import client_ip

from .models import AccountEvent, ApiToken, User


def client_address(request) -> str | None:
    return client_ip(request) or None if request is not None else None


def record(user: User, kind: str, *, actor: User | None = None, request=None) -> AccountEvent:
    return AccountEvent.objects.create(
        user=user, actor=actor, kind=kind, address=client_address(request)
    )


def password_link(request, user: User) -> str:
    """The one-time link that lets `user` choose a password (Django's reset token:
    valid once, for PASSWORD_RESET_TIMEOUT, and void once the password changes)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    # the site's own address, never the request's Host header (security review L2)
    return settings.PENDAMPING_SITE_URL.rstrip("/") + path


def _send_link(request, user: User, template: str) -> None:
    """The link goes to the user's own address, in the user's language; the mail
    holds the link and the username, nothing about any client."""
    with override(user.language or "id"):
        body = render_to_string(
            template, {"user": user, "link": password_link(request, user), "hours": _hours()}
        )
        subject = _("Pendamping: pilih kata sandi Anda")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _hours() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 3600


def _require_email(user: User) -> None:
    if not user.email:
        raise ValidationError(
            _("Pengguna ini belum punya alamat e-mail: tautan kata sandi dikirim ke sana.")
        )


@transaction.atomic
def reset_password(admin: User, user: User, request) -> None:
    """An admin's reset: the old password, sessions and tokens end; a link goes to the user."""
    _require_email(user)
    user.set_unusable_password()
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    ApiToken.revoke_all(user)
    record(user, AccountEvent.Kind.PASSWORD_RESET, actor=admin, request=request)
    transaction.on_commit(lambda: _send_link(request, user, "accounts/email/reset.txt"))


@transaction.atomic
def invite(admin: User, user: User, request) -> None:
    """A new user made by an agency admin: no password until they choose one."""
    _require_email(user)
    record(user, AccountEvent.Kind.CREATED, actor=admin, request=request)
    transaction.on_commit(lambda: _send_link(request, user, "accounts/email/invite.txt"))


@transaction.atomic
def password_set_by_superuser(superuser: User, user: User, request) -> None:
    """A password someone else typed: valid for one login, then the user picks theirs."""
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    ApiToken.revoke_all(user)
    record(user, AccountEvent.Kind.PASSWORD_SET, actor=superuser, request=request)


@transaction.atomic
def password_chosen(user: User, request) -> None:
    """The user chose their own password (the form has saved it)."""
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    user.must_change_password = False
    record(user, AccountEvent.Kind.PASSWORD_CHANGED, actor=user, request=request)


@transaction.atomic
def end_tokens(admin: User, user: User, request) -> int:
    ended = ApiToken.revoke_all(user)
    record(user, AccountEvent.Kind.TOKENS_ENDED, actor=admin, request=request)
    return ended
