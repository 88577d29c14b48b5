from django.urls import path

from . import views

M = "mediations/<int:pk>/"
urlpatterns = [
    path("mediations/", views.mediation_list, name="mediation_list"),
    path("mediations/new/", views.mediation_create, name="mediation_create"),
    path(M, views.mediation_detail, name="mediation_detail"),
    path(M + "parties/", views.party_add, name="mediation_party_add"),
    path(M + "parties/<int:party_pk>/consent/", views.party_consent, name="mediation_party_consent"),
    path(M + "parties/<int:party_pk>/view/", views.party_view, name="mediation_party_view"),
    path(M + "neutrality/", views.neutrality_save, name="mediation_neutrality"),
    path(M + "reassign/", views.mediation_reassign, name="mediation_reassign"),
    path(M + "stage/", views.mediation_stage, name="mediation_stage"),
    path(M + "close/", views.mediation_close, name="mediation_close"),
    path(M + "diversion/", views.diversion_save, name="mediation_diversion"),
    path(M + "levels/", views.level_add, name="mediation_level_add"),
    path(M + "levels/<int:level_pk>/", views.level_save, name="mediation_level_save"),
    path(M + "boundaries/", views.boundaries_save, name="mediation_boundaries"),
    path(M + "rules/", views.rule_add, name="mediation_rule_add"),
    path(M + "obstacles/", views.obstacle_add, name="mediation_obstacle_add"),
    path(M + "obstacles/<int:obstacle_pk>/", views.obstacle_status, name="mediation_obstacle_status"),
    path(M + "options/", views.option_add, name="mediation_option_add"),
    path(M + "sessions/", views.mediation_sessions, name="mediation_sessions"),
    path(M + "sessions/new/", views.session_add, name="mediation_session_add"),
    path(M + "perceptions/", views.mediation_perceptions, name="mediation_perceptions"),
    path(M + "perceptions/issues/", views.issue_add, name="mediation_issue_add"),
    path(M + "perceptions/<int:issue_pk>/<int:party_pk>/", views.perception_save,
         name="mediation_perception_save"),
    path(M + "perceptions/<int:issue_pk>/common/", views.common_ground_save,
         name="mediation_common_ground"),
    path(M + "agreement/", views.mediation_agreement, name="mediation_agreement"),
    path(M + "agreement/pdf/", views.agreement_pdf, name="mediation_agreement_pdf"),
    path(M + "agreement/terms/", views.term_add, name="mediation_term_add"),
    path(M + "agreement/review/", views.agreement_review, name="mediation_agreement_review"),
    path(M + "agreement/sign/", views.agreement_sign, name="mediation_agreement_sign"),
    path(M + "agreement/terms/<int:term_pk>/check/", views.term_check, name="mediation_term_check"),
]  # fmt: skip
