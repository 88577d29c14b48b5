from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:pk>/goals/", views.case_goals, name="case_goals"),
    path("cases/<int:pk>/goals/add/", views.goal_add, name="goal_add"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/reviews/", views.goal_review, name="goal_review"),
    path("cases/<int:pk>/checkins/", views.checkin_add, name="checkin_add"),
    path("cases/<int:pk>/action-steps/", views.action_step_add, name="action_step_add"),
    path("action-steps/<int:pk>/outcome/", views.action_step_outcome, name="action_step_outcome"),
    path("motivator/caseload/", views.gas_caseload, name="gas_caseload"),
]
