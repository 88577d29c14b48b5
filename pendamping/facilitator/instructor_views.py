"""The agency's instructors: the list (with each one's provider in the broker's
directory, when it points at one the reader may see) and the form to add one."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pendamping.accounts import access
from pendamping.accounts.models import Role
from pendamping.directory_providers import providers_for
from pendamping.web import paginate, run_form

from .access import instructors_for
from .instructors import instructor_save, with_providers


class InstructorForm(forms.Form):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Pengguna instruktur lembaga"), queryset=None, required=False,
        help_text=gettext_lazy("Kosongkan untuk narasumber dari luar lembaga."),
    )  # fmt: skip
    name = forms.CharField(label=gettext_lazy("Nama"), max_length=120, required=False)
    organisation = forms.CharField(
        label=gettext_lazy("Lembaga asal"), max_length=200, required=False
    )
    expertise = forms.CharField(label=gettext_lazy("Keahlian"), max_length=200, required=False)
    contact = forms.CharField(label=gettext_lazy("Kontak"), max_length=120, required=False)
    provider = forms.ChoiceField(
        label=gettext_lazy("Penyedia di direktori layanan"), required=False,
        help_text=gettext_lazy("Bila narasumber ini berasal dari penyedia layanan di direktori."),
    )  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        agency = access.agency_of(user)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(membership__agency=agency, membership__role=Role.INSTRUCTOR)
            .order_by("first_name", "username")
        )
        providers = providers_for(user)
        if providers is None:
            del self.fields["provider"]
        else:
            self.fields["provider"].choices = [("", "—"), *providers.order_by("name")
                                               .values_list("pk", "name")[:500]]  # fmt: skip


def _page(request, form=None, status=200):
    user = request.user
    page = paginate(request, instructors_for(user).select_related("user").order_by("name", "id"))
    page.object_list = with_providers(user, page.object_list)
    can_write = access.can_write(user)
    if form is None and can_write:
        form = InstructorForm(user=user)
    context = {"page": page, "form": form, "can_write": can_write}
    return render(request, "facilitator/instructor_list.html", context, status=status)


@login_required
def instructor_list(request):
    return _page(request)


@login_required
@require_POST
def instructor_add(request):
    user = request.user
    access.require_write(user)
    form = InstructorForm(request.POST, user=user)
    saved, status = run_form(form, lambda d: instructor_save(actor=user, data=d))
    if saved is None:
        return _page(request, form=form, status=status)
    messages.success(request, _("Instruktur disimpan."))
    return redirect("instructor_list")
