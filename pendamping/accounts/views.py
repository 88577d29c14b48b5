"""Login, logout and the home page of each role."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from pendamping.broker import selectors as broker_selectors
from pendamping.cases import selectors as case_selectors
from pendamping.cases.models import Stage

from . import access
from .models import Role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    user = request.user
    role = access.role_of(user)
    counts = case_selectors.stage_counts(user) if role else {}
    context = {
        "role": role,
        "stage_counts": [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
        "open_total": sum(counts.values()),
        "recent_events": case_selectors.recent_events(user) if role else [],
    }
    if role in {Role.WORKER, Role.SUPERVISOR}:
        context["my_cases"] = case_selectors.caseload(user).filter(assigned_worker=user)[:10]
        context["overdue_tasks"] = case_selectors.overdue_tasks(user)[:20]
        context["upcoming_tasks"] = case_selectors.upcoming_tasks(user)[:10]
    if role in {Role.WORKER, Role.SUPERVISOR}:
        context["overdue_referrals"] = broker_selectors.overdue_referrals(user)[:20]
        context["gap_suggestions"] = broker_selectors.gap_suggestions(user)[:20]
    if role and role != Role.INSTRUCTOR:
        context["incoming_referrals"] = broker_selectors.incoming_waiting(user)[:10]
    if role == Role.SUPERVISOR:
        context["team"] = access.assignable_workers(user).exclude(pk=user.pk)
    if role == Role.ADMIN:  # how many per role: a provincial agency has thousands of members
        rows = (
            access.membership_of(user)
            .agency.memberships.values_list("role")
            .annotate(n=Count("id"))
        )
        counts = dict(rows)
        context["members"] = [
            (label, counts[value]) for value, label in Role.choices if value in counts
        ]
    return render(request, "accounts/home.html", context)
