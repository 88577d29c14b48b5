"""`Idempotency-Key` on API writes: a POST sent again with the same key by the same
user gets the first answer, and nothing is written twice.

The key's row (accounts.IdempotentRequest) is inserted in the same transaction as
the write and its answer: a request that dies before its commit leaves neither, so a
retry runs it anew; one that committed leaves both, so a retry gets the stored answer.
Two requests with the same key at once: the second's insert waits on the unique
index until the first commits, then finds its answer. The same key with another
method, path or body is refused (422). Keys are kept `IDEMPOTENCY_KEY_TTL` seconds
(`periodic` deletes older ones; an expired key is a new key). A server error (5xx)
is not kept, and rolls the key back with the write.

An answer that carries a one-time secret (a new API token, a complaint's status-page
secret: a JSON object with a `token` or `secret`) is never stored: the key is kept,
so the write still happens once, and a repeat is told so (409) without the secret,
which is shown once and otherwise kept only as a hash.

A replay shows the clients of the first answer again, so it is a read of them: the
row keeps their ids, and the processing log (whose middleware runs around this one)
records the replay like any other answer.
"""

import hashlib
import json
import re

from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from pendamping.accounts.api import BearerAuth
from pendamping.accounts.models import IdempotentRequest
from pendamping.privacy import log

HEADER = "Idempotency-Key"
KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as a header carries it safely
REPLAYED = "Idempotent-Replayed"
SECRET_FIELDS = ("token", "secret")
SECRET_ANSWER = "application/x-pendamping-secret-not-kept"  # the stored row's marker


def _holds_secret(response) -> bool:
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    try:
        data = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(data, dict) and any(data.get(f) for f in SECRET_FIELDS)


def _fingerprint(request) -> str:
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _refuse(message, status):
    return JsonResponse({"detail": message, "errors": {HEADER: [message]}}, status=status)


def _replay(row) -> HttpResponse:
    log.saw(*(int(pk) for pk in row.clients.split(",") if pk))
    if row.content_type == SECRET_ANSWER:
        return _refuse(
            _("Permintaan ini sudah dijalankan. Jawabannya memuat rahasia yang hanya "
              "ditampilkan sekali, jadi tidak diulang."), 409
        )  # fmt: skip
    response = HttpResponse(bytes(row.body), status=row.status, content_type=row.content_type)
    response[REPLAYED] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.auth = BearerAuth()

    def __call__(self, request):
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not KEY.fullmatch(key):
            return _refuse(_("Idempotency-Key berisi 1–255 karakter ASCII yang terlihat."), 422)
        user = self.auth(request)
        if user is None:
            return self.get_response(request)  # the API answers 401 itself
        try:
            fingerprint = _fingerprint(request)
        except Exception:  # a body over the size limit: the API answers 413 itself
            return self.get_response(request)
        IdempotentRequest.expired().filter(user=user, key=key).delete()
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = IdempotentRequest.objects.create(
                        user=user, key=key, fingerprint=fingerprint, status=0,
                        content_type="", body=b"",
                    )  # fmt: skip
            except IntegrityError:
                row = None
            if row is None:
                # Another request with this key has committed (or the insert waited
                # for it to): its answer, if it was this same request.
                done = IdempotentRequest.objects.get(user=user, key=key)
                if done.fingerprint != fingerprint:
                    return _refuse(
                        _("Idempotency-Key ini sudah dipakai untuk permintaan lain."), 422
                    )
                return _replay(done)
            response = self.get_response(request)
            if response.status_code >= 500 or response.streaming:
                transaction.set_rollback(True)
                return response
            row.status = response.status_code
            if _holds_secret(response):
                row.content_type, row.body = SECRET_ANSWER, b""
            else:
                row.content_type = response.get("Content-Type", "")
                row.body = response.content
            shown = sorted(log.seen_now())
            row.clients = "," + ",".join(map(str, shown)) + "," if shown else ""
            try:
                row.save(update_fields=["status", "content_type", "body", "clients"])
            except DatabaseError:  # the write failed in the database: nothing is kept
                transaction.set_rollback(True)
            return response
