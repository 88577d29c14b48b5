"""The complaints dashboard: counts by stage, category and channel (all and open), open complaints by
SLA status and by region (district, with its SLA statuses), the share resolved within
the SLA per month, and the overdue list. Every
figure is an aggregate over the user's scope (a fixed number of queries however many
complaints there are); the XLSX export holds the same figures and the overdue list by
tracking code (no complainant, no subject)."""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, F, IntegerField, Q, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pendamping.clients.models import Region

from .access import complaints_for
from .forms import list_region_prefix
from .models import OPEN_STAGES, Channel, SlaStatus, Stage
from .selectors import sla_counts, sla_q

MONTHS = 12
OVERDUE_ROWS = 50


def _month_starts(today: datetime.date, n: int) -> list[datetime.date]:
    y, m = today.year, today.month
    out = []
    for _i in range(n):
        out.append(datetime.date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def by_region(qs, now, prefix: str = "") -> list[dict]:
    """Open complaints per district (kecamatan) with their SLA statuses, in one grouped
    query: a village counts in its district, a coarser region (regency, province) stays
    itself; rows by name, the complaints without a region last. Region names, never the
    Kemendagri code alone (the code is kept only for the list's filter link)."""
    statuses = (SlaStatus.ON_TRACK, SlaStatus.AT_RISK, SlaStatus.BREACHED)
    rows = (
        qs.filter(stage__in=OPEN_STAGES)
        .values_list("region_id", "region__name", "region__level", "region__parent_id",
                     "region__parent__name")
        .annotate(n=Count("id"), **{s: Count("id", filter=sla_q(s, now)) for s in statuses})
        .order_by()
    )  # fmt: skip
    out: dict = {}
    for code, name, level, parent_code, parent_name, n, *counts in rows:
        if code and level == Region.Level.VILLAGE and parent_code:
            code, name, level = parent_code, parent_name, Region.Level.DISTRICT
        row = out.setdefault(code, {"code": code or "", "name": name, "level": level, "open": 0,
                                    **dict.fromkeys(statuses, 0)})  # fmt: skip
        row["open"] += n
        for s, k in zip(statuses, counts, strict=True):
            row[s] += k
    for row in out.values():
        if not row["code"]:
            row["label"] = _("Wilayah belum dicatat")
        elif row["level"] == Region.Level.DISTRICT:
            row["label"] = row["name"]
        else:
            row["label"] = f"{row['name']} ({Region.Level(row['level']).label})"
        # the list filters by the districts of the agency's regency (forms.py)
        linked = prefix and row["level"] == Region.Level.DISTRICT and row["code"].startswith(prefix)
        row["filter"] = row["code"] if linked else ""
    return sorted(out.values(), key=lambda r: (not r["code"], r["label"].casefold(), r["code"]))


def figures(user, now=None) -> dict:
    now = now or timezone.now()
    qs = complaints_for(user)
    is_open = Q(stage__in=OPEN_STAGES)
    by_stage = dict(qs.values_list("stage").annotate(n=Count("id")).order_by())
    by_channel = {
        channel: (n, k)
        for channel, n, k in qs.values_list("channel")
        .annotate(n=Count("id"), k=Count("id", filter=is_open))
        .order_by()
    }
    # every complaint and the open ones, per category (the open ones are the work to do)
    categories: dict[str, list[int]] = {}
    for parent, name, _id, n, k in (
        qs.values_list("category__parent__name", "category__name", "category_id")
        .annotate(n=Count("id"), k=Count("id", filter=is_open))
        .order_by()
    ):
        label = f"{parent} › {name}" if parent else (name or _("Belum dikategorikan"))
        total = categories.setdefault(label, [0, 0])
        total[0] += n
        total[1] += k
    months = _month_starts(timezone.localdate(now), MONTHS)
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
    per_month = {
        timezone.localtime(row["month"]).date() if isinstance(row["month"], datetime.datetime)
        else row["month"]: row
        for row in qs.filter(stage=Stage.DONE, closed_at__gte=start)
        .annotate(month=TruncMonth("closed_at"))
        .values("month")
        .annotate(
            total=Count("id"),
            met=Count(Case(When(closed_at__lte=F("deadline_at"), then=1),
                           output_field=IntegerField())),
        )
        .order_by()
    }  # fmt: skip
    resolved = []
    for m in months:
        row = per_month.get(m) or {"total": 0, "met": 0}
        share = round(100 * row["met"] / row["total"]) if row["total"] else None
        resolved.append({"month": m, "total": row["total"], "met": row["met"], "share": share})
    overdue = list(
        qs.filter(sla_q(SlaStatus.BREACHED, now), stage__in=OPEN_STAGES)
        .select_related("category__parent", "assigned_worker")
        .order_by("deadline_at", "id")[:OVERDUE_ROWS]
    )
    return {
        "by_stage": [
            (
                str(s.label),
                by_stage.get(s.value, 0),
                by_stage.get(s.value, 0) if s in OPEN_STAGES else 0,
            )
            for s in Stage
        ],
        "by_channel": [(str(c.label), *by_channel.get(c.value, (0, 0))) for c in Channel],
        "by_category": sorted((label, n, k) for label, (n, k) in categories.items()),
        "sla": sla_counts(user),
        "by_region": by_region(qs, now, list_region_prefix(user)),
        "resolved": resolved,
        "overdue": overdue,
        "total": sum(by_stage.values()),
    }


def xlsx(user) -> bytes:
    """The dashboard as a workbook (pendamping/spreadsheets.py: text cells stay text)."""
    from pendamping.spreadsheets import workbook

    d = figures(user)
    summary = [[_("Tahap"), label, n, k] for label, n, k in d["by_stage"]]
    summary += [
        [pgettext("pengaduan", "Kategori"), label, n, k] for label, n, k in d["by_category"]
    ]
    summary += [[_("Saluran"), label, n, k] for label, n, k in d["by_channel"]]
    return workbook([
        (_("Ringkasan"), [_("Menurut"), _("Nilai"), _("Jumlah"), _("Terbuka")], summary),
        (_("Tepat waktu per bulan"), [_("Bulan"), _("Selesai"), _("Tepat waktu"), _("Persen")],
         [[r["month"].strftime("%Y-%m"), r["total"], r["met"], r["share"]] for r in d["resolved"]]),
        (_("Menurut wilayah"),
         [_("Wilayah"), _("Terbuka"), _("Sesuai jadwal"), _("Berisiko terlambat"),
          _("Melewati batas waktu")],
         [[str(r["label"]), r["open"], r[SlaStatus.ON_TRACK], r[SlaStatus.AT_RISK],
           r[SlaStatus.BREACHED]] for r in d["by_region"]]),
        (_("Lewat batas waktu"),
         [_("Kode"), pgettext("pengaduan", "Kategori"), _("Tahap"), _("Diterima"), _("Batas waktu"), _("Petugas")],
         [[c.tracking_code, str(c.category or "—"), str(c.get_stage_display()),
           timezone.localtime(c.received_at).replace(tzinfo=None),
           timezone.localtime(c.deadline_at).replace(tzinfo=None),
           str(c.assigned_worker or _("Belum ditugaskan"))] for c in d["overdue"]]),
    ])  # fmt: skip
