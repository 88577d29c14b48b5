"""Agencies (the tenants), users and their role in an agency."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pendamping.history import AppendOnlyModel


class Agency(models.Model):
    """A lembaga: a Dinas Sosial office, an LKS, a panti, an NGO."""

    class Kind(models.TextChoices):
        DINSOS = "dinsos", _("Dinas Sosial")
        LKS = "lks", _("Lembaga Kesejahteraan Sosial (LKS)")
        PANTI = "panti", _("Panti")
        NGO = "ngo", _("LSM / NGO")
        OTHER = "other", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    region_code = models.CharField(
        _("kode wilayah"), max_length=13, blank=True, help_text=_("Kode Kemendagri, mis. 32.73")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Their agency and role live on Membership."""

    # the interface language the user chose ("" until they choose: Bahasa Indonesia,
    # whatever the browser asks for)
    language = models.CharField(_("bahasa antarmuka"), max_length=8, blank=True, default="")
    # set when someone else chose this user's password (a superuser in the admin):
    # until the user picks their own, every page sends them to the password form
    must_change_password = models.BooleanField(
        _("wajib mengganti kata sandi"), default=False, db_default=False
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    WORKER = "worker", _("Pekerja sosial")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Admin lembaga")
    INSTRUCTOR = "instructor", _("Instruktur")
    AUDITOR = "auditor", _("Auditor")
    # UU 27/2022 art. 53: sees the processing log, data-subject requests, consents,
    # retention and breaches of the agency; never case content
    DPO = "dpo", _("Petugas pelindungan data pribadi")


class Membership(models.Model):
    """A user's place in one agency: the role, and for workers their supervisor.

    A user belongs to one agency. Moving between agencies is done by an admin
    replacing the membership, so a login never mixes two tenants' data.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervisees",
        help_text=_("Supervisor yang membimbing pekerja sosial ini."),
    )
    # under the signature of the letters they sign
    staff_number = models.CharField(_("NIP atau nomor pegawai"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        indexes = [models.Index(fields=["agency", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.supervisor_id:
            sup = Membership.objects.filter(user_id=self.supervisor_id).first()
            if sup is None or sup.agency_id != self.agency_id or sup.role != Role.SUPERVISOR:
                raise ValidationError(
                    {"supervisor": _("Supervisor harus supervisor di lembaga yang sama.")}
                )


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored.

    A token is bound to the user's password at the time it was issued (Django's
    session hash, the same that ends web sessions): changing or resetting the
    password ends every token at once. Revoking deletes the row; deactivating a
    user, logging out of the web and an admin's reset delete them all.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    # user.get_session_auth_hash() when issued: a password change makes it stale
    auth_hash = models.CharField(max_length=128, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        indexes = [models.Index(fields=["user", "created_at"], name="apitoken_user_created")]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user) -> str:
        """A new token for the user; beyond API_TOKEN_MAX_PER_USER the oldest end."""
        raw = secrets.token_urlsafe(32)
        now = timezone.now()
        cls.objects.filter(user=user, expires_at__lte=now).delete()
        cls.objects.create(
            user=user,
            digest=cls.digest_of(raw),
            auth_hash=user.get_session_auth_hash(),
            expires_at=now + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
        )
        keep = cls.objects.filter(user=user).order_by("-created_at", "-pk")
        stale = list(keep.values_list("pk", flat=True)[settings.API_TOKEN_MAX_PER_USER :])
        if stale:
            cls.objects.filter(pk__in=stale).delete()
        return raw

    @classmethod
    def revoke_all(cls, user) -> int:
        return cls.objects.filter(user=user).delete()[0]

    def is_current_for(self, user) -> bool:
        """Still bound to the user's password (constant-time comparison)."""
        from django.utils.crypto import constant_time_compare

        return constant_time_compare(self.auth_hash, user.get_session_auth_hash())


class AccountEvent(AppendOnlyModel):
    """The audit trail of accounts: who reset whose password, invited whom, ended
    whose tokens. Append-only, in the model and in the database."""

    class Kind(models.TextChoices):
        CREATED = "created", _("pengguna dibuat dan diundang")
        PASSWORD_RESET = "password_reset", _("kata sandi direset oleh admin")
        PASSWORD_SET = "password_set", _("kata sandi ditetapkan oleh superuser")
        PASSWORD_CHANGED = "password_changed", _("kata sandi diganti oleh pengguna")
        EMAIL_CHANGED = "email_changed", _("alamat e-mail diubah")
        DEACTIVATED = "deactivated", _("dinonaktifkan")
        TOKENS_ENDED = "tokens_ended", _("semua token API diakhiri")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="account_events")
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="account_actions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("peristiwa akun")
        verbose_name_plural = _("peristiwa akun")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="accountevent_user_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} · {self.user} · {self.get_kind_display()}"


class IdempotentRequest(models.Model):
    """The answer to an API write sent with an `Idempotency-Key` header, kept so that
    the same request sent again (a retry after a lost answer) gets the same answer
    without a second write (pendamping/api/idempotency.py). Written in the same
    transaction as the write itself: either both are there or neither."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotent_requests"
    )
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of method, path and body
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()
    # the ids of the clients the first answer showed (",12,40,"): a replay shows them
    # again, and the processing log records that read too
    clients = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")
        ]

    def __str__(self):
        return f"{self.user_id}:{self.key}"

    @classmethod
    def expired(cls):
        cutoff = timezone.now() - timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL)
        return cls.objects.filter(created_at__lt=cutoff)


def purge_idempotency_keys() -> None:
    """Delete keys older than IDEMPOTENCY_KEY_TTL (a periodic check)."""
    IdempotentRequest.expired().delete()


class WorkerHeartbeat(models.Model):
    """The last sign of life of a background worker (`manage.py worker`), written every
    WORKER_HEARTBEAT_SECONDS by a thread beside the worker loop: a task RUNNING under a
    worker without a recent heartbeat was left by a worker that died (pendamping/
    accounts/worker.py reaps it)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    beat_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"


from .letterhead import LetterCounter, Letterhead  # noqa: E402, F401  (models of this app)
