"""Login, logout and passwords (the home page is casework's: cases/views.py)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from . import services


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """The user's own new password; other sessions and every API token end with it."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)  # saves, keeps this session alive
        services.password_chosen(self.request.user, self.request)
        messages.success(self.request, _("Kata sandi Anda sudah diganti."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The one-time link from a reset or an invitation: the user chooses a password."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_chosen(form.user, self.request)
        messages.success(self.request, _("Kata sandi Anda sudah disimpan. Silakan masuk."))
        return response


class ForcePasswordChangeMiddleware:
    """A user whose password someone else chose goes to the password form first."""

    ALLOWED = ("password_change", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(("/static/", "/api/"))
            and request.path not in {reverse(name) for name in self.ALLOWED}
        ):
            return redirect(resolve_url("password_change"))
        return self.get_response(request)
