"""pendamping.web.run_form: a form, one service call, its errors on the form; and its
two kin, run_form_telling_conflict (a conflict told as a message) and run_call (no
form: a refusal told as a message)."""

import pytest
from django import forms
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from pendamping.concurrency import ConflictError
from pendamping.web import flash_errors, run_call, run_form, run_form_telling_conflict


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


def posted():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def told(request):
    return [(m.level_tag, m.message) for m in request._messages]


class TestRunFormTellingConflict:
    def test_a_conflict_is_409_and_told_as_an_error_message(self):
        request, form = posted(), NameForm({"name": "Ani"})
        assert run_form_telling_conflict(request, form, raising(ConflictError())) == (None, 409)
        assert told(request) == [("error", str(ConflictError()))]

    def test_saved_and_refused_are_run_forms_and_tell_nothing(self):
        request = posted()
        assert run_form_telling_conflict(request, NameForm({"name": "Ani"}), len) == (1, 200)
        form = NameForm({"name": "Ani"})
        refused = raising(ValidationError({"name": "Sudah ada."}))
        assert run_form_telling_conflict(request, form, refused) == (None, 422)
        assert form.errors["name"] == ["Sudah ada."]
        assert run_form_telling_conflict(request, NameForm({}), len) == (None, 422)
        assert told(request) == []


class TestRunCall:
    def test_a_call_that_goes_through_is_true_and_tells_nothing(self):
        request, done = posted(), []
        assert run_call(request, lambda: done.append(1)) is True
        assert done == [1] and told(request) == []

    def test_a_refusal_is_false_and_told_as_one_error_message(self):
        request = posted()
        refused = raising(ValidationError(["Satu.", "Dua."]))
        assert run_call(request, lambda: refused(None)) is False
        assert told(request) == [("error", "Satu. Dua.")]

    def test_a_conflict_is_false_and_told_as_its_message(self):
        request = posted()
        assert run_call(request, lambda: raising(ConflictError())(None)) is False
        assert told(request) == [("error", str(ConflictError()))]

    def test_other_errors_are_not_caught(self):
        with pytest.raises(KeyError):
            run_call(posted(), lambda: {}["missing"])


def test_flash_errors_tells_each_error_once_general_ones_included():
    request, form = posted(), NameForm({"name": ""})
    form.is_valid()
    form.add_error(None, "Kasus sudah ditutup.")
    flash_errors(request, form)
    required = str(forms.Field.default_error_messages["required"])
    assert sorted(told(request)) == sorted([("error", "Kasus sudah ditutup."), ("error", required)])
