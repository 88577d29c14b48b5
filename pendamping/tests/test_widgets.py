"""The widgets that write their markup in Python (pendamping.widgets) write Django's
own: the same HTML as the template-rendered widget they stand in for, escaping, the
selected option and the field's attributes included."""

import pytest
from django import forms

from pendamping.widgets import OptionsSelect, PlainNumberInput, PlainTextInput

CHOICES = [("", "—"), ("a", "Satu & dua"), ('b"<', "Tiga <b>")]


class Plain(forms.Form):
    text = forms.CharField(max_length=10, required=False, widget=PlainTextInput)
    number = forms.FloatField(min_value=-9, max_value=9, widget=PlainNumberInput)
    choice = forms.ChoiceField(choices=CHOICES, required=False, widget=OptionsSelect)


class Django(forms.Form):
    text = forms.CharField(max_length=10, required=False)
    number = forms.FloatField(min_value=-9, max_value=9)
    choice = forms.ChoiceField(choices=CHOICES, required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"text": 'a "b" <c> & d', "number": "1.5", "choice": "a"},
        {"text": "", "number": "x", "choice": 'b"<'},
        {"choice": "not one of them"},
    ],
)
def test_the_markup_is_djangos(data):
    ours, theirs = Plain(data, auto_id="id_%s"), Django(data, auto_id="id_%s")
    for name in ("text", "number", "choice"):
        assert str(ours[name]) == str(theirs[name]), name


def test_an_unbound_form_shows_its_initial_values():
    initial = {"text": "awal", "number": 2, "choice": "a"}
    ours, theirs = Plain(initial=initial), Django(initial=initial)
    for name in ("text", "number", "choice"):
        assert str(ours[name]) == str(theirs[name]), name
    assert 'value="a" selected' in str(ours["choice"])


@pytest.mark.parametrize("value", [None, "", "a", "b"])
def test_a_none_choice_and_a_value_twice_are_written_as_django_writes_them(value):
    """None is the empty value, and only the first option of a value is selected."""
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    choices = [(None, gettext_lazy("Cari")), ("a", mark_safe("<b>A</b>")), ("a", "A again"),
               ("b", "B & C")]  # fmt: skip
    ours = OptionsSelect(choices=choices).render("c", value, attrs={"id": "id_c"})
    theirs = forms.Select(choices=choices).render("c", value, attrs={"id": "id_c"})
    assert ours == theirs


def test_it_refuses_grouped_choices_it_cannot_write():
    with pytest.raises(TypeError, match="optgroups"):
        OptionsSelect(choices=[("Group", [("a", "A")])]).render("c", None)
