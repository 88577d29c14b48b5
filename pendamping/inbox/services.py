"""Every write of the inbox: raising notifications, reading them, e-mail choices.

Apps raise a notification with ``notify(recipients, kind, url=..., **data)``; the
kind must be registered (``plugins.notification_kind``, from the raising app's
plugin.py). ``dedupe`` makes a call idempotent per recipient: a second call with
the same kind and key adds nothing (an overdue task is told once, a retried
request does not tell twice).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pendamping import plugins

from .models import EmailChoice, Notification

log = logging.getLogger(__name__)


def _kind(kind) -> plugins.NotificationKind:
    entry = plugins.registry.notification_kind(str(kind))
    if entry is None:
        raise ValueError(f"Unregistered notification kind {kind!s} (register it in plugin.py).")
    return entry


def _target(target) -> str:
    if target is None or isinstance(target, str):
        return target or ""
    return f"{target._meta.label_lower}:{target.pk}"


def _user_ids(recipients: Iterable) -> list[int]:
    ids = []
    for r in recipients:
        pk = getattr(r, "pk", r)
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids


@transaction.atomic
def notify(
    recipients: Iterable,
    kind,
    *,
    url: str,
    target=None,
    dedupe: str = "",
    exclude: Iterable = (),
    **data,
) -> list[Notification]:
    """Tell each recipient (users or their ids) about one thing; returns the new rows.

    ``url`` is the path of the thing in this site; ``target`` the model instance (or
    "app.model:pk") it is about; ``data`` codes, numbers and ids for the kind's
    ``render``. Users in ``exclude`` (the actor, usually) are not told.
    """
    entry = _kind(kind)
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError(f"Notification url {url!r}: a path within this site.")
    skip = set(_user_ids(exclude))
    ids = [pk for pk in _user_ids(recipients) if pk not in skip]
    if dedupe:
        told = set(
            Notification.objects.filter(
                recipient_id__in=ids, kind=entry.code, dedupe_key=dedupe
            ).values_list("recipient_id", flat=True)
        )
        ids = [pk for pk in ids if pk not in told]
    if not ids:
        return []
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=pk,
            kind=entry.code,
            url=url,
            target=_target(target),
            data=data,
            dedupe_key=dedupe[:120],
            created_at=now,
        )
        for pk in ids
    ]
    # a concurrent call with the same key loses quietly (the unique constraint)
    created = Notification.objects.bulk_create(rows, ignore_conflicts=bool(dedupe))
    if entry.email and EmailChoice.objects.filter(user_id__in=ids, kind=entry.code).exists():
        transaction.on_commit(lambda: send_emails(entry.code, ids))
    return created


def site_url(path: str) -> str:
    return settings.PENDAMPING_SITE_URL.rstrip("/") + path


def send_emails(kind: str, user_ids: list[int]) -> int:
    """E-mail the users among ``user_ids`` who chose ``kind``: the kind's name and a
    link to their inbox, nothing about the client. Returns how many were sent."""
    from django.contrib.auth import get_user_model

    entry = _kind(kind)
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True, notification_emails__kind=kind)
        .exclude(email="")
    )
    link = site_url("/inbox/")
    messages = []
    for user in users:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            messages.append(
                EmailMessage(
                    subject=_("Pendamping: %(kind)s") % {"kind": entry.label},
                    body=_(
                        "Ada pemberitahuan baru untuk Anda: %(kind)s.\n\n"
                        "Buka kotak pemberitahuan Anda untuk melihatnya:\n%(link)s\n"
                    )
                    % {"kind": entry.label, "link": link},
                    to=[user.email],
                )
            )
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except Exception:  # the notification is in the inbox already; e-mail is a courtesy
        log.exception("notification e-mail failed (kind %s, %d messages)", kind, len(messages))
        return 0


def mark_read(*, user, notification: Notification, read: bool = True) -> Notification:
    if notification.recipient_id != user.pk:
        raise ValidationError(_("Pemberitahuan ini bukan milik Anda."))
    if read != notification.is_read:
        notification.read_at = timezone.now() if read else None
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def email_choices_set(*, user, kinds: Iterable[str]) -> list[str]:
    """The kinds ``user`` also receives by e-mail, replacing their earlier choice."""
    offered = {k.code for k in plugins.registry.notification_kinds() if k.email}
    chosen = sorted(set(kinds))
    unknown = [k for k in chosen if k not in offered]
    if unknown:
        raise ValidationError({"kinds": _("Jenis pemberitahuan tidak dikenal: %(codes)s.") % {
            "codes": ", ".join(unknown)}})  # fmt: skip
    EmailChoice.objects.filter(user=user).exclude(kind__in=chosen).delete()
    have = set(EmailChoice.objects.filter(user=user).values_list("kind", flat=True))
    EmailChoice.objects.bulk_create(
        [EmailChoice(user=user, kind=k) for k in chosen if k not in have]
    )
    return chosen
