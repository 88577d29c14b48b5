"""Restriction of processing (UU 27/2022 art. 41): applying it on a restriction
request, lifting it, and the one check every app's writes and exports pass through.

The check is below the apps: ``save()`` and ``delete()`` of every model linked to a
client (``pre_save``/``pre_delete`` signals: a model whose foreign keys lead to
``clients.Client``, or to a model that declares its path to the client with
``plugins.client_path``, as a mediation's issues, options, obstacles and ground rules
reach its parties), ``concurrency.save_versioned`` and the PDF
and spreadsheet answers (``processing.check_write``/``check_share``, hooks this
module subscribes to). A write that concerns a restricted client raises
``ProcessingRestricted`` (403 with the reason, on the pages and in the API) inside the
service's transaction, so nothing of it is kept. The privacy app's own records (the
request, the restriction, the log) are not the client's file and are not refused.

An anonymised client (a ``privacy.Erasure`` row) is restricted for good: its writes
are refused with ``ClientAnonymised`` ("sudah dianonimkan").

Cost: one query per request that writes (the active restrictions, and whether any
client was ever anonymised, remembered for the request); while a restriction is in
force or an anonymised client exists, one query to find a record's client when it is
not already loaded, and one to ask whether the clients a write touches are anonymised
(remembered for the request)."""

from __future__ import annotations

import contextlib
import functools
from contextvars import ContextVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Subquery, Value
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone
from django.utils.translation import gettext as _

from pendamping.accounts.access import membership_of
from pendamping.processing import ClientAnonymised, ProcessingRestricted

from .access import require_log_reader
from .erasure_models import Erasure
from .models import RequestAction, Restriction, SubjectRequest

# apps whose records are not part of a client's file: the restriction itself, the log
# and the inbox are how the controller handles it
EXEMPT_APPS = frozenset({"privacy", "inbox", "accounts", "auth", "sessions", "contenttypes",
                         "admin", "axes", "taxonomy"})  # fmt: skip
MAX_DEPTH = 4

_memo: ContextVar[dict | None] = ContextVar("pendamping_restricted", default=None)
_bypass: ContextVar[bool] = ContextVar("pendamping_restriction_bypass", default=False)


# ---- which client a record belongs to ------------------------------------------------


@functools.cache
def paths_to_client(model) -> tuple[tuple[str, ...], ...]:
    """Every chain of foreign keys (up to MAX_DEPTH long, shortest first) from
    ``model`` to ``clients.Client``: ((),) for the Client itself, () when the model is
    not linked to a client. A complaint names its client and its case; a mediation
    party its mediation and perhaps a client: each chain is checked."""
    client_model = apps.get_model("clients", "Client")
    if model is client_model:
        return ((),)
    found: list[tuple[str, ...]] = []
    frontier = [(model, ())]
    for _depth in range(MAX_DEPTH):
        nxt = []
        for m, path in frontier:
            for f in m._meta.concrete_fields:
                if not (f.many_to_one or f.one_to_one):
                    continue
                target = f.related_model
                if target is client_model:
                    found.append((*path, f.name))
                elif target._meta.app_label not in EXEMPT_APPS and target is not model:
                    nxt.append((target, (*path, f.name)))
        frontier = nxt
    return tuple(found)


def _follow(instance, path) -> int | None:
    obj = instance
    for i, name in enumerate(path):
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        if value is None or i == len(path) - 1:
            return value
        if field.is_cached(obj):
            obj = field.get_cached_value(obj)
            if obj is None:
                return None
            continue
        rest = "__".join(path[i + 1 :])
        return (field.related_model._base_manager.filter(pk=value)
                .values_list(rest, flat=True).first())  # fmt: skip
    return None


@functools.cache
def far_paths(model) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The ways from ``model`` to a client that go through a model declaring its own
    path (``plugins.client_path``, e.g. a mediation's ``parties__client_id``, a
    reverse relation): (the chain of foreign keys to that model, its lookup). A
    mediation gives ``((), "parties__client_id")``, its issue
    ``(("mediation",), "parties__client_id")``. Read once the registry is full."""
    from pendamping import plugins

    declared = plugins.registry.client_paths()
    found: list[tuple[tuple[str, ...], str]] = []
    frontier = [(model, ())]
    for _depth in range(MAX_DEPTH + 1):
        nxt = []
        for m, path in frontier:
            lookups = declared.get(m._meta.concrete_model._meta.label) or ()
            # one lookup, or several (a row that shows more than one client)
            for lookup in (lookups,) if isinstance(lookups, str) else lookups:
                found.append((path, lookup))
            for f in m._meta.concrete_fields:
                target = f.related_model
                if ((f.many_to_one or f.one_to_one) and target is not m
                        and target._meta.app_label not in EXEMPT_APPS):  # fmt: skip
                    nxt.append((target, (*path, f.name)))
        frontier = nxt
    return tuple(found)


def _far(instance, path: tuple[str, ...], lookup: str) -> set[int]:
    if not path:
        if instance.pk is None:  # a new row: nothing points at it yet
            return set()
        start, pk, rest = type(instance), instance.pk, lookup
    else:
        field = instance._meta.get_field(path[0])
        pk = getattr(instance, field.attname)
        if pk is None:
            return set()
        start, rest = field.related_model, "__".join((*path[1:], lookup))
    return set(start._base_manager.filter(pk=pk).values_list(rest, flat=True)) - {None}


def client_ids_of(instance) -> set[int]:
    """The clients ``instance`` belongs to, from the objects already loaded where it
    can be, else with a query per chain (and one per declared path it reaches, e.g.
    the parties of an option's mediation)."""
    out = set()
    for path in paths_to_client(type(instance)):
        found = instance.pk if not path else _follow(instance, path)
        if found:
            out.add(found)
    for path, lookup in far_paths(type(instance)):
        out |= _far(instance, path, lookup)
    return out


def linked(model) -> bool:
    """Whether rows of ``model`` belong to a client (and their writes are checked)."""
    return bool(paths_to_client(model) or far_paths(model))


# ---- the check -----------------------------------------------------------------------


def _blocked() -> tuple[frozenset[int], bool]:
    """(clients restricted now, whether any client was ever anonymised), in one query,
    remembered for the request. Restrictions in force are few; anonymised clients grow
    with every erasure, so they are looked up by the clients a write touches
    (``_anonymised``), and only once one exists."""
    memo = _memo.get()
    if memo is not None and "ids" in memo:
        return memo["ids"]
    active = (Restriction.objects.filter(lifted_at__isnull=True)
              .order_by().annotate(erased=Value(False)).values_list("client_id", "erased"))  # fmt: skip
    first = Erasure.objects.order_by().values("pk")[:1]
    one_erased = (Erasure.objects.filter(pk__in=Subquery(first)).order_by()
                  .annotate(erased=Value(True)).values_list("client_id", "erased"))  # fmt: skip
    rows = list(active.union(one_erased, all=True).order_by())
    ids = (frozenset(c for c, e in rows if not e), any(e for _c, e in rows))
    if memo is not None:
        memo["ids"] = ids
    return ids


def _anonymised(client_ids: set[int]) -> set[int]:
    """Which of ``client_ids`` are anonymised (an Erasure row): one query for the ids
    not asked before in this request."""
    memo = _memo.get()
    known = memo.setdefault("anonymised", {}) if memo is not None else {}
    unknown = [pk for pk in client_ids if pk not in known]
    if unknown:
        found = set(Erasure.objects.filter(client_id__in=unknown)
                    .values_list("client_id", flat=True))  # fmt: skip
        known.update({pk: pk in found for pk in unknown})
    return {pk for pk in client_ids if known[pk]}


def restricted_ids() -> frozenset[int]:
    """The clients whose processing is restricted now (remembered for the request)."""
    return _blocked()[0]


def forget() -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop("ids", None)


@contextlib.contextmanager
def request_memo():
    """Remember the active restrictions for one request (the log middleware)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


@contextlib.contextmanager
def bypass():
    """For the controller's own handling of a restricted file that the law puts above
    the restriction (erasure on request, anonymisation): writes are not refused."""
    token = _bypass.set(True)
    try:
        yield
    finally:
        _bypass.reset(token)


def refuse_write(instance, **kwargs) -> None:
    """The ``before_write`` hook and the ``pre_save``/``pre_delete`` receiver."""
    if _bypass.get() or type(instance)._meta.app_label in EXEMPT_APPS:
        return
    if kwargs.get("raw") or not linked(type(instance)):  # loading fixtures, or no client
        return
    restricted, any_erased = _blocked()
    if not (restricted or any_erased):
        return
    mine = client_ids_of(instance)
    if any_erased and (hit := _anonymised(mine)):
        raise ClientAnonymised(min(hit))
    if hit := restricted.intersection(mine):
        raise ProcessingRestricted(min(hit))


def _records(context: dict):
    for value in context.values():
        if isinstance(value, Model):
            yield value
        elif isinstance(value, list | tuple):
            yield from (v for v in value[:1000] if isinstance(v, Model))


def refuse_share(context: dict) -> None:
    """The ``before_share`` hook: an export showing a restricted client (one the
    request loaded, or a record it prints) is refused."""
    from .log import seen_now

    if _bypass.get():
        return
    restricted = restricted_ids()
    if not restricted:
        return
    shown = set(seen_now())
    for record in _records(context):
        shown |= client_ids_of(record)
    hit = restricted.intersection(shown)
    if hit:
        raise ProcessingRestricted(min(hit))


def connect() -> None:
    """One receiver for every model: which models belong to a client is known only
    once every app has declared its paths (``linked``, asked at the first write)."""
    pre_save.connect(refuse_write, weak=False, dispatch_uid="restriction:save")
    pre_delete.connect(refuse_write, weak=False, dispatch_uid="restriction:delete")


# ---- applying and lifting --------------------------------------------------------------


def active_for(client_id: int) -> Restriction | None:
    return Restriction.objects.filter(client_id=client_id, lifted_at__isnull=True).first()


@transaction.atomic
def restriction_apply(*, actor, request: SubjectRequest) -> Restriction:
    """Restrict the client's processing on their restriction request (accepting it)."""
    require_log_reader(actor)
    if request.kind != SubjectRequest.Kind.RESTRICTION:
        raise ValidationError(_("Hanya permintaan pembatasan pemrosesan yang dapat membatasi."))
    if not request.is_open:
        raise ValidationError(_("Permintaan ini sudah dijawab."))
    SubjectRequest.objects.select_for_update().filter(pk=request.pk).first()
    if active_for(request.client_id):
        raise ValidationError(_("Pemrosesan data klien ini sudah dibatasi."))
    made = Restriction.objects.create(agency_id=membership_of(actor).agency_id,
                                      client_id=request.client_id, request=request,
                                      applied_by=actor)  # fmt: skip
    RequestAction.objects.create(request=request, action=RequestAction.Action.RESTRICTED,
                                 user=actor)  # fmt: skip
    if request.status == SubjectRequest.Status.RECEIVED:
        SubjectRequest.objects.filter(pk=request.pk).update(
            status=SubjectRequest.Status.IN_PROGRESS, version=request.version + 1
        )
        request.status, request.version = SubjectRequest.Status.IN_PROGRESS, request.version + 1
    forget()
    return made


@transaction.atomic
def restriction_lift(*, actor, request: SubjectRequest, reason: str) -> Restriction:
    """Lift the restriction applied on ``request``, with the reason (e.g. the client
    withdrew the request, or the accuracy they contested has been checked)."""
    require_log_reader(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pencabutan pembatasan.")})
    found = (Restriction.objects.select_for_update()
             .filter(request=request, lifted_at__isnull=True).first())  # fmt: skip
    if found is None:
        raise ValidationError(_("Tidak ada pembatasan yang berlaku dari permintaan ini."))
    found.lifted_at, found.lifted_by, found.lift_reason = timezone.now(), actor, reason
    found.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    RequestAction.objects.create(request=request, action=RequestAction.Action.LIFTED, user=actor)
    forget()
    return found


def notices(client_id: int) -> list[str]:
    """The banner of the client's and case pages while processing is restricted."""
    found = active_for(client_id)
    if found is None:
        return []
    since = timezone.localtime(found.since).strftime("%d-%m-%Y %H:%M")
    return [_("Pemrosesan dibatasi sejak %(since)s (permintaan subjek data #%(request)s): "
              "berkas ini hanya dapat dibaca; perubahan, rujukan, dan ekspor ditolak "
              "sampai pembatasan dicabut.") % {"since": since, "request": found.request_id}]  # fmt: skip
