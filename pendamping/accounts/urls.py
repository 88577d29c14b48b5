from django.contrib.auth import views as auth_views
from django.urls import path

from . import letterhead_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("agency/letterhead/", letterhead_views.letterhead_edit, name="letterhead_edit"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/set/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
