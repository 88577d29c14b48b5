"""Django admin for agency admins: their own agency's users and memberships only.

Superusers see everything. Client and case data are not in the admin: they are
reached only through the pages and API, which start from the registered scopes.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import access
from .models import Agency, Membership, Role, User


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


@admin.register(User)
class UserAdmin(AgencyScopedMixin, BaseUserAdmin):
    agency_path = "membership__agency_id"
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "is_active", "role"]
    list_select_related = ["membership"]

    @admin.display(description=_("peran"))
    def role(self, obj):
        m = getattr(obj, "membership", None)
        return m.get_role_display() if m else "—"

    def get_readonly_fields(self, request, obj=None):
        ro = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            ro += [
                "is_superuser",
                "is_staff",
                "user_permissions",
                "groups",
                "last_login",
                "date_joined",
            ]
        return ro
