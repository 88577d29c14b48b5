"""Django admin for agency admins: their own agency's users and memberships only.

Superusers see everything. Client and case data are not in the admin: they are
reached only through the pages and API, which start from the registered scopes.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import access, services
from .models import AccountEvent, Agency, Membership, Role, User


def _agency_id(request):
    m = access.membership_of(request.user)
    return m.agency_id if m and m.role == Role.ADMIN else None


class AgencyScopedMixin:
    """Non-superusers see and change only their own agency's rows."""

    agency_path = "agency_id"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        agency_id = _agency_id(request)
        return qs.filter(**{self.agency_path: agency_id}) if agency_id else qs.none()

    def has_module_permission(self, request):
        return request.user.is_superuser or _agency_id(request) is not None

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_change_permission = has_view_permission
    has_add_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Agency)
class AgencyAdmin(AgencyScopedMixin, admin.ModelAdmin):
    agency_path = "id"
    list_display = ["name", "kind", "region_code"]
    search_fields = ["name"]

    def has_add_permission(self, request):
        return request.user.is_superuser


class MembershipInline(admin.StackedInline):
    model = Membership
    fk_name = "user"
    can_delete = False
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        agency_id = _agency_id(request)
        if agency_id and not request.user.is_superuser:
            if db_field.name == "agency":
                kwargs["queryset"] = Agency.objects.filter(pk=agency_id)
            if db_field.name == "supervisor":
                kwargs["queryset"] = User.objects.filter(
                    membership__agency_id=agency_id, membership__role=Role.SUPERVISOR
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AgencyUserCreationForm(forms.ModelForm):
    """An agency admin's new user: in the admin's agency, with no password until the
    user chooses one through the link sent to their own e-mail address."""

    role = forms.ChoiceField(label=_("peran"), choices=Role.choices, initial=Role.WORKER)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("Tautan untuk memilih kata sandi dikirim ke sini.")


@admin.register(User)
class UserAdmin(AgencyScopedMixin, BaseUserAdmin):
    agency_path = "membership__agency_id"
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "is_active", "role"]
    list_select_related = ["membership"]
    actions = ["end_api_tokens"]
    agency_add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email", "role")}),
    )

    def get_fieldsets(self, request, obj=None):
        if obj is None and not request.user.is_superuser:
            return self.agency_add_fieldsets
        return super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = AgencyUserCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_inline_instances(self, request, obj=None):
        if obj is None and not request.user.is_superuser:
            return []  # the membership is the admin's own agency, made in save_model
        return super().get_inline_instances(request, obj)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        superuser = request.user.is_superuser
        if not change and not superuser:
            agency_id = _agency_id(request)
            if agency_id is None:
                raise PermissionDenied
            obj.set_unusable_password()
            super().save_model(request, obj, form, change)
            Membership.objects.create(user=obj, agency_id=agency_id, role=form.cleaned_data["role"])
            services.invite(request.user, obj, request)
            return
        super().save_model(request, obj, form, change)
        if not change and superuser and obj.has_usable_password():
            services.password_set_by_superuser(request.user, obj, request)
        if change and "email" in form.changed_data:
            services.record(
                obj, AccountEvent.Kind.EMAIL_CHANGED, actor=request.user, request=request
            )
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.record(obj, AccountEvent.Kind.DEACTIVATED, actor=request.user, request=request)

    def user_change_password(self, request, id, form_url=""):
        """A superuser may type a password (the user must replace it at next login);
        an agency admin can only reset: a one-time link to the user's own e-mail."""
        if request.user.is_superuser:
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                services.password_set_by_superuser(
                    request.user, self.get_object(request, id), request
                )
            return response
        user = self.get_object(request, id)
        if user is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, id)
        change_url = reverse("admin:accounts_user_change", args=[user.pk])
        if request.method == "POST":
            try:
                services.reset_password(request.user, user, request)
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
            else:
                messages.success(
                    request,
                    _(
                        "Kata sandi %(user)s direset: tautan untuk memilih kata sandi baru dikirim ke e-mailnya."
                    )
                    % {"user": user.username},
                )
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": user,
            "title": _("Reset kata sandi"),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/accounts/user/reset_password.html", context)

    @admin.action(description=_("Akhiri semua token API pengguna terpilih"))
    def end_api_tokens(self, request, queryset):
        ended = sum(services.end_tokens(request.user, user, request) for user in queryset)
        self.message_user(
            request,
            ngettext("%(n)d token diakhiri.", "%(n)d token diakhiri.", ended) % {"n": ended},
        )

    @admin.display(description=_("peran"))
    def role(self, obj):
        m = getattr(obj, "membership", None)
        return m.get_role_display() if m else "—"

    def get_readonly_fields(self, request, obj=None):
        ro = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            if obj is not None:
                # the address the reset link goes to: an admin who could change it could
                # send a reset to themselves and take the account (security review H1)
                ro.append("email")
            ro += [
                "is_superuser",
                "is_staff",
                "user_permissions",
                "groups",
                "last_login",
                "date_joined",
            ]
        return ro


@admin.register(AccountEvent)
class AccountEventAdmin(AgencyScopedMixin, admin.ModelAdmin):
    """The audit trail of accounts, read-only: an agency admin sees their agency's."""

    agency_path = "user__membership__agency_id"
    list_display = ["at", "user", "kind", "actor", "address"]
    list_filter = ["kind"]
    list_select_related = ["user", "actor"]
    search_fields = ["user__username", "actor__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
