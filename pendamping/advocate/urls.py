from django.urls import path

from . import finding_views, letter, settings_views, views

urlpatterns = [
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/dashboard/", finding_views.complaint_dashboard, name="complaint_dashboard"),
    path(
        "complaints/dashboard.xlsx",
        finding_views.complaint_dashboard_xlsx,
        name="complaint_dashboard_xlsx",
    ),
    path("complaints/settings/", settings_views.complaint_settings, name="complaint_settings"),
    path(
        "complaints/settings/categories/",
        settings_views.category_add,
        name="complaint_category_add",
    ),
    path(
        "complaints/settings/categories/<int:pk>/",
        settings_views.category_edit,
        name="complaint_category_edit",
    ),
    path(
        "complaints/settings/categories/<int:pk>/delete/",
        settings_views.category_delete,
        name="complaint_category_delete",
    ),
    path("complaints/settings/days-off/", settings_views.day_off_add, name="complaint_day_off_add"),
    path(
        "complaints/settings/days-off/<int:pk>/delete/",
        settings_views.day_off_delete,
        name="complaint_day_off_delete",
    ),
    path(
        "complaints/settings/limits/",
        settings_views.filing_limit_add,
        name="complaint_filing_limit_add",
    ),
    path(
        "complaints/settings/limits/<int:pk>/delete/",
        settings_views.filing_limit_delete,
        name="complaint_filing_limit_delete",
    ),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/stage/", views.complaint_stage, name="complaint_stage"),
    path("complaints/<int:pk>/decision/", views.complaint_decide, name="complaint_decide"),
    path("complaints/<int:pk>/reopen/", views.complaint_reopen, name="complaint_reopen"),
    path("complaints/<int:pk>/assign/", views.complaint_assign, name="complaint_assign"),
    path("complaints/<int:pk>/group/", views.complaint_group, name="complaint_group"),
    path("complaints/<int:pk>/ungroup/", views.complaint_ungroup, name="complaint_ungroup"),
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
    path(
        "complaints/<int:pk>/evidence/", finding_views.evidence_add, name="complaint_evidence_add"
    ),
    path(
        "complaint-evidence/<int:pk>/file/",
        finding_views.evidence_file,
        name="complaint_evidence_file",
    ),
    path(
        "complaint-evidence/<int:pk>/delete/",
        finding_views.evidence_delete,
        name="complaint_evidence_delete",
    ),
    path("complaints/<int:pk>/letter/", letter.complaint_letter, name="complaint_letter"),
    path(
        "complaints/<int:pk>/letter.pdf", letter.complaint_letter_pdf, name="complaint_letter_pdf"
    ),
    path(
        "complaints/<int:pk>/legal-aid/", finding_views.legal_aid_refer, name="complaint_legal_aid"
    ),
    path("experts/", finding_views.expert_list, name="expert_list"),
    # public, no login: the complainant's status check
    path("status/", views.complaint_status_public, name="complaint_status_public"),
]
