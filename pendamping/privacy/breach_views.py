"""The breach register's pages: the list with each breach's clock, a new breach, one
breach (what is known, its clients page by page, the letters, the history), and the
notification letters as PDF, to a client and to the authority."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pendamping.accounts.access import agency_of
from pendamping.pdf import pdf_response
from pendamping.web import flash_errors, paginate, run_form

from . import breaches
from .access import breach_clients_for, breaches_for, can_read_log, require_log_reader
from .breach_forms import AffectedForm, BreachEditForm, BreachForm, RemoveForm, SentForm
from .history_lines import event_lines
from .models import Breach, ProcessingRecordSettings

CLIENTS_PER_PAGE = 50


def _get(request, pk) -> Breach:
    # the scope is empty for every other role and agency: 404, like no breach at all
    return get_object_or_404(breaches.with_counts(breaches_for(request.user)), pk=pk)


def _clock(b: Breach, now=None) -> Breach:
    now = now or timezone.now()
    b.state, b.left = b.clock(now, unnotified=b.unnotified), abs(b.hours_left(now))
    return b


@login_required
def breach_list(request):
    require_log_reader(request.user)
    rows = breaches.with_counts(breaches_for(request.user)).order_by("-discovered_at", "-pk")
    page = paginate(request, rows)
    now = timezone.now()
    for b in page.object_list:
        _clock(b, now)
    return render(request, "privacy/breaches.html", {"page": page})


@login_required
def breach_create(request):
    require_log_reader(request.user)
    form = BreachForm(request.POST or None)
    status = 200
    if request.method == "POST":
        made, status = run_form(form, lambda d: breaches.breach_record(actor=request.user, **d))
        if made:
            messages.success(request, _("Kegagalan dicatat. Surat pemberitahuan paling lambat %(due)s.")
                             % {"due": timezone.localtime(made.notify_due_at).strftime("%d-%m-%Y %H:%M")})  # fmt: skip
            return redirect("breach_detail", pk=made.pk)
    return render(request, "privacy/breach_form.html", {"form": form}, status=status)


def _edit_initial(b: Breach) -> dict:
    fields = ("title", "discovered_at", "occurred_from", "occurred_until", "description",
              "data_categories", "containment", "status", "version")  # fmt: skip
    return {f: getattr(b, f) for f in fields} | {
        k: timezone.localtime(getattr(b, k)) for k in ("discovered_at", "occurred_from",
                                                         "occurred_until") if getattr(b, k)}  # fmt: skip


def _detail(request, b, *, edit=None, add=None, sent=None, remove=None, status=200):
    sent_forms = {p: SentForm(prefix=p) for p in SENT_PREFIXES}
    if sent is not None:
        sent_forms[sent.prefix] = sent
    if b.is_closed:  # the add and remove forms are not shown: their refusal is told
        for hidden in (add, remove):
            if hidden is not None:
                flash_errors(request, hidden)
    agency = agency_of(request.user)
    affected = b.affected.select_related("client").order_by("client_id")
    page = paginate(request, affected, CLIENTS_PER_PAGE)
    return render(request, "privacy/breach_detail.html", {
        "b": _clock(b), "page": page,
        "edit": edit or BreachEditForm(initial=_edit_initial(b)),
        "add": add or AffectedForm(agency=agency), "remove": remove or RemoveForm(),
        "sent": sent_forms, "officer": _officer_contact(b),
        "history": event_lines(b.events.select_related("by").order_by("at", "pk")),
    }, status=status)  # fmt: skip


@login_required
def breach_detail(request, pk):
    return _detail(request, _get(request, pk))


@login_required
@require_POST
def breach_edit(request, pk):
    b = _get(request, pk)
    form = BreachEditForm(request.POST)

    def save(data):
        data = dict(data)
        version = data.pop("version")
        breaches.breach_update(actor=request.user, breach=b, expected_version=version, **data)

    _saved, status = run_form(form, save)
    if status != 200:
        return _detail(request, b, edit=form, status=status)
    messages.success(request, _("Kegagalan pelindungan data disimpan."))
    return redirect("breach_detail", pk=b.pk)


@login_required
@require_POST
def breach_affected_add(request, pk):
    b = _get(request, pk)
    form = AffectedForm(request.POST, agency=agency_of(request.user))
    added, status = run_form(
        form, lambda d: breaches.affected_add(actor=request.user, breach=b, **form.service_kwargs())
    )
    if status != 200:
        return _detail(request, b, add=form, status=status)
    messages.success(request, _("%(n)s klien terdampak ditambahkan.") % {"n": added})
    return redirect("breach_detail", pk=b.pk)


@login_required
@require_POST
def breach_affected_remove(request, pk):
    b = _get(request, pk)
    form = RemoveForm(request.POST)

    def remove(d):
        affected = b.affected.filter(client_id=d["client_id"]).first()
        if affected is None:
            raise ValidationError({"client_id": _("Klien ini tidak ada dalam daftar terdampak.")})
        breaches.affected_remove(actor=request.user, breach=b, affected=affected,
                                 reason=d["reason"])  # fmt: skip
        return affected

    removed, status = run_form(form, remove)
    if status != 200:
        return _detail(request, b, remove=form, status=status)
    messages.success(request, _("Klien #%(pk)s dikeluarkan dari daftar terdampak.")
                     % {"pk": removed.client_id})  # fmt: skip
    return redirect("breach_detail", pk=b.pk)


SENT_PREFIXES = ("authority", "all", "client")


def _officer_contact(b: Breach) -> str:
    found = ProcessingRecordSettings.objects.filter(agency_id=b.agency_id).first()
    return found.officer_contact if found else ""


def _sent(request, b, record, prefix):
    form = SentForm(request.POST, prefix=prefix)
    said, status = run_form(form, lambda d: record(d["sent_on"]))
    if status != 200:
        return _detail(request, b, sent=form, status=status)
    messages.success(request, said or _("Tanggal kirim surat dicatat."))
    return redirect("breach_detail", pk=b.pk)


@login_required
@require_POST
def breach_client_sent(request, pk, client_pk):
    b = _get(request, pk)
    affected = get_object_or_404(b.affected, client_id=client_pk)
    return _sent(request, b, lambda on: breaches.client_notified(
        actor=request.user, breach=b, affected=affected, sent_on=on), "client")  # fmt: skip


@login_required
@require_POST
def breach_clients_sent(request, pk):
    b = _get(request, pk)
    return _sent(request, b, lambda on: breaches.notified_message(breaches.clients_notified(
        actor=request.user, breach=b, sent_on=on)), "all")  # fmt: skip


@login_required
@require_POST
def breach_authority_sent(request, pk):
    b = _get(request, pk)
    return _sent(request, b, lambda on: breaches.authority_notified(
        actor=request.user, breach=b, sent_on=on), "authority")  # fmt: skip


def _letter_context(b: Breach, affected=None) -> dict:
    return breaches.letter_state(b, affected) | {
        "b": b,
        "categories": b.category_labels(),
        "officer": _officer_contact(b),
    }


def _affected(request, b: Breach, client_pk):
    return get_object_or_404(
        breach_clients_for(request.user).select_related("client"), breach=b, client_id=client_pk
    )


@login_required
def breach_client_letter(request, pk, client_pk):
    """The client's letter: a draft without a number until it is issued."""
    b = _get(request, pk)
    affected = _affected(request, b, client_pk)
    # the notification the law owes the client (UU 27/2022 art. 46): never refused by a
    # restriction of processing the client asked for
    return pdf_response(request, "privacy/breach_letter_client.html",
                        _letter_context(b, affected) | {"client": affected.client},
                        f"pemberitahuan-kegagalan-{b.pk}-klien-{client_pk}.pdf",
                        for_the_subject=True)  # fmt: skip


@login_required
def breach_authority_letter(request, pk):
    b = _get(request, pk)
    return pdf_response(request, "privacy/breach_letter_authority.html", _letter_context(b),
                        f"pemberitahuan-kegagalan-{b.pk}-lembaga-pdp.pdf")  # fmt: skip


def _issue(request, b: Breach, affected=None, *, every=False):
    try:
        if every:
            done = breaches.letters_issue_all(actor=request.user, breach=b)
        else:
            number = breaches.letter_issue(actor=request.user, breach=b, affected=affected)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _detail(request, b, status=422)
    if every:
        said = ngettext(
            "%(n)s surat diterbitkan, nomor %(first)s sampai %(last)s.",
            "%(n)s surat diterbitkan, nomor %(first)s sampai %(last)s.",
            done.count,
        )
        messages.success(request, said % {"n": done.count, "first": done.first, "last": done.last})
    else:
        messages.success(request, _("Surat diterbitkan dengan nomor %(number)s.")
                         % {"number": number})  # fmt: skip
    return redirect("breach_detail", pk=b.pk)


@login_required
@require_POST
def breach_client_letter_issue(request, pk, client_pk):
    b = _get(request, pk)
    return _issue(request, b, _affected(request, b, client_pk))


@login_required
@require_POST
def breach_authority_letter_issue(request, pk):
    return _issue(request, _get(request, pk))


@login_required
@require_POST
def breach_letters_issue(request, pk):
    """Issue every client letter of the breach not issued yet (numbers in client order)."""
    return _issue(request, _get(request, pk), every=True)


HOME_LIMIT = 5


def home_breaches(user) -> dict | None:
    """The officer's card: breaches whose letters are not all sent, soonest limit first."""
    if not can_read_log(user):
        return None
    rows = breaches.with_counts(breaches_for(user).exclude(status=Breach.Status.CLOSED))
    now = timezone.now()
    pending = [_clock(b, now) for b in rows.order_by("notify_due_at", "pk")[:50]]
    pending = [b for b in pending if b.state != "done"]
    return {"pending": pending[:HOME_LIMIT], "count": len(pending)}
