from django.urls import path

from . import finding_views, views

urlpatterns = [
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/settings/", views.complaint_settings, name="complaint_settings"),
    path("complaints/settings/categories/", views.category_add, name="complaint_category_add"),
    path("complaints/settings/days-off/", views.day_off_add, name="complaint_day_off_add"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/stage/", views.complaint_stage, name="complaint_stage"),
    path("complaints/<int:pk>/decision/", views.complaint_decide, name="complaint_decide"),
    path("complaints/<int:pk>/reopen/", views.complaint_reopen, name="complaint_reopen"),
    path("complaints/<int:pk>/cosigners/", views.cosigner_add, name="complaint_cosigner_add"),
    path(
        "complaints/<int:pk>/alternatives/",
        finding_views.alternative_add,
        name="complaint_alternative_add",
    ),
    path(
        "complaint-alternatives/<int:pk>/status/",
        finding_views.alternative_status,
        name="complaint_alternative_status",
    ),
    path(
        "complaints/<int:pk>/consultations/",
        finding_views.consultation_add,
        name="complaint_consultation_add",
    ),
    path("complaints/<int:pk>/filings/", finding_views.filing_add, name="complaint_filing_add"),
    path(
        "complaint-filings/<int:pk>/answers/",
        finding_views.filing_answer_add,
        name="complaint_filing_answer_add",
    ),
    path(
        "complaints/<int:pk>/feedback/", finding_views.feedback_add, name="complaint_feedback_add"
    ),
    path("experts/", finding_views.expert_list, name="expert_list"),
    # public, no login: the complainant's status check
    path("status/", views.complaint_status_public, name="complaint_status_public"),
]
