"""Fulfilling a request: releasing an access package once the admin has reviewed it,
and linking a correction to the changes made to the client's file for it.

Both are recorded in the append-only ``RequestAction`` (who, when), beside the
request's own fields; the pages (fulfil_views.py) and the API (api.py) call these."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import require_log_reader, require_package_reader
from .models import AccessRecord, RequestAction, SubjectRequest

WRITES = ("POST ", "PUT ", "PATCH ", "DELETE ")
# the register's own operations name the client too; they are not edits of the file
NOT_EDITS = ("subject_request", "/subject-requests")


@transaction.atomic
def package_release(*, actor, request: SubjectRequest) -> SubjectRequest:
    """The admin has reviewed the package (third parties' data withheld) and signs it
    off: from now on it is given as released, naming when and by whom."""
    require_package_reader(actor)
    if not request.gives_package:
        raise ValidationError(_("Paket data hanya untuk permintaan akses atau portabilitas."))
    locked = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if locked.package_released_at is not None:
        raise ValidationError(_("Paket data permintaan ini sudah disetujui dan dirilis."))
    now = timezone.now()
    SubjectRequest.objects.filter(pk=request.pk).update(
        package_released_at=now, package_released_by=actor, version=locked.version + 1
    )
    request.package_released_at, request.package_released_by = now, actor
    request.version = locked.version + 1
    RequestAction.objects.create(request=request, action=RequestAction.Action.RELEASED,
                                 user=actor, at=now)  # fmt: skip
    return request


def edit_candidates(request: SubjectRequest) -> QuerySet:
    """The changes to the client's file since the request was received: the
    processing log's writes naming the client (the client, family, consent, case and
    role-record edits), newest first."""
    writes = Q()
    for method in WRITES:
        writes |= Q(what__startswith=method)
    not_edits = Q()
    for part in NOT_EDITS:
        not_edits |= Q(what__contains=part)
    return (
        AccessRecord.objects.filter(
            agency_id=request.agency_id,
            clients__contains=AccessRecord.pattern(request.client_id),
            at__gte=request.received_at,
        )
        .filter(writes)
        .exclude(not_edits)
        .select_related("user__membership")
        .order_by("-at", "-pk")
    )


@transaction.atomic
def edits_link(*, actor, request: SubjectRequest, record_ids) -> SubjectRequest:
    """Link the correction request to the changes made to fulfil it (replacing the
    links chosen before): each must be a change of this client's file since receipt."""
    require_log_reader(actor)
    if request.kind != SubjectRequest.Kind.CORRECTION:
        raise ValidationError(_("Perubahan data hanya dikaitkan pada permintaan perbaikan."))
    ids = {int(pk) for pk in record_ids}
    found = list(edit_candidates(request).filter(pk__in=ids).values_list("pk", flat=True))
    if len(found) != len(ids):
        raise ValidationError({"edits": _(
            "Pilih hanya perubahan berkas klien ini sejak permintaan diterima.")})  # fmt: skip
    request.edits.set(found)
    RequestAction.objects.create(request=request, action=RequestAction.Action.EDITS_LINKED,
                                 user=actor)  # fmt: skip
    return request
