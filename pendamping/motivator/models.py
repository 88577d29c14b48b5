"""The motivator: goals scored with Goal Attainment Scaling, their reviews, motivation
check-ins, and the client's action steps and breakthroughs.

Goals and action steps are editable (versioned); goals are soft-deleted. Reviews
and check-ins are history: written once, never updated or deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pendamping.history import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from pendamping.records import Versioned, VersionedRecord

LEVEL_CHOICES = [
    (-2, _("−2 jauh di bawah harapan")),
    (-1, _("−1 di bawah harapan")),
    (0, _("0 hasil yang diharapkan")),
    (1, _("+1 di atas harapan")),
    (2, _("+2 jauh di atas harapan")),
]
MAX_WEIGHT = 100.0
# The model field holding each level's description.
LEVEL_FIELDS = {
    -2: "level_minus_2",
    -1: "level_minus_1",
    0: "level_0",
    1: "level_plus_1",
    2: "level_plus_2",
}


def signed(level: int) -> str:
    """A level as people write it: −2, −1, 0, +1, +2."""
    return f"+{level}" if level > 0 else ("−" + str(-level) if level < 0 else "0")


# Goal reviews and check-ins are history: written once, never changed.
HistoryError = AppendOnlyError
HistoryQuerySet = AppendOnlyQuerySet
HistoryRow = AppendOnlyModel


class Goal(VersionedRecord):
    """A goal of the client's case, scaled on five levels (GAS)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="goals")
    statement = models.CharField(pgettext_lazy("goal", "tujuan"), max_length=300)
    level_minus_2 = models.CharField(_("−2 jauh di bawah harapan"), max_length=300)
    level_minus_1 = models.CharField(_("−1 di bawah harapan"), max_length=300)
    level_0 = models.CharField(_("0 hasil yang diharapkan"), max_length=300)
    level_plus_1 = models.CharField(_("+1 di atas harapan"), max_length=300)
    level_plus_2 = models.CharField(_("+2 jauh di atas harapan"), max_length=300)
    weight = models.FloatField(
        _("bobot"),
        default=1.0,
        help_text=_("Kepentingan × kesulitan; 1 bila semua tujuan sama berat."),
    )
    baseline_level = models.SmallIntegerField(_("level awal"), choices=LEVEL_CHOICES, default=-1)
    target_date = models.DateField(_("target tanggal"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("goal", "tujuan")
        verbose_name_plural = pgettext_lazy("goal", "tujuan")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_level__gte=-2, baseline_level__lte=2),
                name="goal_baseline_in_scale",
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="goal_weight_positive"),
        ]
        indexes = [models.Index(fields=["case", "deleted_at"], name="goal_case_alive")]

    def __str__(self) -> str:
        return self.statement

    def description(self, level: int) -> str:
        return getattr(self, LEVEL_FIELDS[level])

    def descriptions(self) -> dict[int, str]:
        return {level: getattr(self, name) for level, name in LEVEL_FIELDS.items()}

    def scale(self) -> list[dict]:
        """The five levels, +2 first, marking the baseline and the current level."""
        current = self.current_level
        return [
            {
                "level": level,
                "label": signed(level),
                "text": getattr(self, name),
                "baseline": level == self.baseline_level,
                "current": level == current,
            }
            for level, name in sorted(LEVEL_FIELDS.items(), reverse=True)
        ]

    @property
    def current_label(self) -> str:
        return signed(self.current_level)

    @property
    def baseline_label(self) -> str:
        return signed(self.baseline_level)

    @property
    def current_level(self) -> int:
        """The latest review's level, or the baseline before any review.

        Uses the `latest_level` annotation or prefetched `reviews` when present.
        """
        if hasattr(self, "latest_level"):
            return self.baseline_level if self.latest_level is None else self.latest_level
        reviews = self.reviews.all()
        if getattr(self, "_prefetched_objects_cache", {}).get("reviews") is not None:
            ordered = sorted(reviews, key=lambda r: (r.reviewed_on, r.pk))
            return ordered[-1].level if ordered else self.baseline_level
        latest = reviews.order_by("-reviewed_on", "-id").values_list("level", flat=True).first()
        return self.baseline_level if latest is None else latest


class GoalReview(HistoryRow):
    """The level a goal attained on a day. The latest review is the goal's level."""

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("note",)
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="reviews")
    level = models.SmallIntegerField(_("level yang dicapai"), choices=LEVEL_CHOICES)
    note = models.TextField(_("catatan"), blank=True)
    reviewed_on = models.DateField(_("tanggal penilaian"), default=timezone.localdate)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("penilaian tujuan")
        verbose_name_plural = _("penilaian tujuan")
        ordering = ["reviewed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=-2, level__lte=2), name="goalreview_level_in_scale"
            ),
        ]
        indexes = [models.Index(fields=["goal", "reviewed_on"], name="goalreview_goal_day")]

    def __str__(self) -> str:
        return f"{self.goal_id} · {self.reviewed_on} · {signed(self.level)}"


def _zero_to_ten(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0, f"{field}__lte": 10}), name=name
    )


class CheckIn(HistoryRow):
    """Intention, determination and spirit (niat, tekad, semangat), 0–10, and the
    readiness ruler: how important the change is and how confident the client is."""

    # typed free text blanked when the client is anonymised (history_migrations.py)
    REDACTABLE = ("note", "why_not_lower")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="checkins")
    checked_on = models.DateField(_("tanggal"), default=timezone.localdate)
    intention = models.PositiveSmallIntegerField(_("niat"))
    determination = models.PositiveSmallIntegerField(_("tekad"))
    spirit = models.PositiveSmallIntegerField(_("semangat"))
    importance = models.PositiveSmallIntegerField(_("seberapa penting"))
    confidence = models.PositiveSmallIntegerField(_("seberapa yakin"))
    why_not_lower = models.TextField(_("mengapa tidak angka yang lebih rendah?"), blank=True)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cek motivasi")
        verbose_name_plural = _("cek motivasi")
        ordering = ["checked_on", "id"]
        constraints = [
            _zero_to_ten("intention", "checkin_intention_0_10"),
            _zero_to_ten("determination", "checkin_determination_0_10"),
            _zero_to_ten("spirit", "checkin_spirit_0_10"),
            _zero_to_ten("importance", "checkin_importance_0_10"),
            _zero_to_ten("confidence", "checkin_confidence_0_10"),
        ]
        indexes = [models.Index(fields=["case", "checked_on"], name="checkin_case_day")]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.checked_on}"


class ActionStep(Versioned):
    """A step the client takes toward a goal, the risk in it, and what happened.

    A step whose outcome is recorded may be marked a breakthrough (terobosan).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="action_steps")
    goal = models.ForeignKey(
        Goal,
        verbose_name=pgettext_lazy("goal", "tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_steps",
    )
    step = models.CharField(_("langkah"), max_length=300)
    risk = models.TextField(_("risiko yang diambil klien"), blank=True)
    planned_for = models.DateField(_("rencana tanggal"), null=True, blank=True)
    outcome = models.TextField(_("apa yang terjadi"), blank=True)
    done_on = models.DateField(_("tanggal terjadi"), null=True, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    is_breakthrough = models.BooleanField(_("terobosan"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("langkah aksi")
        verbose_name_plural = _("langkah aksi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_breakthrough=False) | Q(outcome_recorded_at__isnull=False),
                name="actionstep_breakthrough_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["case", "created_at"], name="actionstep_case_created")]

    def __str__(self) -> str:
        return self.step

    @property
    def has_outcome(self) -> bool:
        return self.outcome_recorded_at is not None
