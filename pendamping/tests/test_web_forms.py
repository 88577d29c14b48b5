"""pendamping.web.run_form: a form, one service call, its errors on the form."""

from django import forms
from django.core.exceptions import ValidationError

from pendamping.concurrency import ConflictError
from pendamping.web import run_form


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def raising(error):
    def save(_data):
        raise error

    return save


class TestRunForm:
    def test_a_valid_form_is_saved_with_its_cleaned_data(self):
        form = NameForm({"name": "Ani"})
        assert run_form(form, lambda d: d["name"].upper()) == ("ANI", 200)

    def test_an_invalid_form_is_422_and_nothing_is_saved(self):
        called = []
        result = run_form(NameForm({"name": ""}), called.append)
        assert result == (None, 422) and not called

    def test_also_valid_false_refuses_a_valid_form(self):
        called = []
        assert run_form(NameForm({"name": "Ani"}), called.append, also_valid=False) == (None, 422)
        assert not called

    def test_a_conflict_is_409_with_its_message_on_the_form(self):
        form = NameForm({"name": "Ani"})
        assert run_form(form, raising(ConflictError())) == (None, 409)
        assert form.non_field_errors() == [str(ConflictError())]

    def test_the_services_field_errors_go_on_the_fields(self):
        form = NameForm({"name": "Ani"})
        error = ValidationError({"name": "Sudah ada.", "elsewhere": "Bukan field form."})
        assert run_form(form, raising(error)) == (None, 422)
        assert form.errors["name"] == ["Sudah ada."]
        assert form.non_field_errors() == ["Bukan field form."]

    def test_a_plain_service_error_goes_above_the_form(self):
        form = NameForm({"name": "Ani"})
        assert run_form(form, raising(ValidationError(["Satu.", "Dua."]))) == (None, 422)
        assert form.non_field_errors() == ["Satu.", "Dua."]
