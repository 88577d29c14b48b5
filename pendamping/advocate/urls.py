"""The advocate's pages. Every name is ``complaint_<key>`` (but ``expert_list``), so the
routes are listed by their prefix: (the rest of the path, the view, the key)."""

from django.urls import path

from . import finding_views, letter, settings_views, views


def _under(prefix: str, rows) -> list:
    return [path(prefix + rest, view, name=f"complaint_{key}") for rest, view, key in rows]


urlpatterns = [
    *_under("complaints/", [
        ("", views.complaint_list, "list"),
        ("new/", views.complaint_create, "create"),
        ("dashboard/", finding_views.complaint_dashboard, "dashboard"),
        ("dashboard.xlsx", finding_views.complaint_dashboard_xlsx, "dashboard_xlsx"),
    ]),
    *_under("complaints/settings/", [
        ("", settings_views.complaint_settings, "settings"),
        ("categories/", settings_views.category_add, "category_add"),
        ("categories/<int:pk>/", settings_views.category_edit, "category_edit"),
        ("categories/<int:pk>/delete/", settings_views.category_delete, "category_delete"),
        ("days-off/", settings_views.day_off_add, "day_off_add"),
        ("days-off/<int:pk>/delete/", settings_views.day_off_delete, "day_off_delete"),
        ("limits/", settings_views.filing_limit_add, "filing_limit_add"),
        ("limits/<int:pk>/delete/", settings_views.filing_limit_delete, "filing_limit_delete"),
    ]),
    *_under("complaints/<int:pk>/", [
        ("", views.complaint_detail, "detail"),
        ("stage/", views.complaint_stage, "stage"),
        ("decision/", views.complaint_decide, "decide"),
        ("reopen/", views.complaint_reopen, "reopen"),
        ("assign/", views.complaint_assign, "assign"),
        ("group/", views.complaint_group, "group"),
        ("ungroup/", views.complaint_ungroup, "ungroup"),
        ("cosigners/", views.cosigner_add, "cosigner_add"),
        ("alternatives/", finding_views.alternative_add, "alternative_add"),
        ("consultations/", finding_views.consultation_add, "consultation_add"),
        ("filings/", finding_views.filing_add, "filing_add"),
        ("feedback/", finding_views.feedback_add, "feedback_add"),
        ("evidence/", finding_views.evidence_add, "evidence_add"),
        ("letter/", letter.complaint_letter, "letter"),
        ("letter.pdf", letter.complaint_letter_pdf, "letter_pdf"),
        ("legal-aid/", finding_views.legal_aid_refer, "legal_aid"),
    ]),
    *_under("complaint-", [
        ("alternatives/<int:pk>/status/", finding_views.alternative_status, "alternative_status"),
        ("filings/<int:pk>/answers/", finding_views.filing_answer_add, "filing_answer_add"),
        ("evidence/<int:pk>/file/", finding_views.evidence_file, "evidence_file"),
        ("evidence/<int:pk>/delete/", finding_views.evidence_delete, "evidence_delete"),
    ]),
    path("experts/", finding_views.expert_list, name="expert_list"),
    # public, no login: the complainant's status check
    path("status/", views.complaint_status_public, name="complaint_status_public"),
]  # fmt: skip
