"""Form fields that choose a taxonomy term, for every app that names needs or services
with the taxonomy (the broker's directory, needs and gaps, the assessment's needs).

The term list is on the directory's filter form, shown on every directory page: its
options are read as values (no model instances) and written in one pass
(``widgets.OptionsSelect``). Built the usual way (a model instance and a template
per option) the 33 terms took about 5 ms of the page; this way under 2, half of it
the query."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language

from pendamping.widgets import OptionsSelect

from .models import TaxonomyTerm


def terms_in_tree_order():
    """Each ATENSI component followed by its terms, as the taxonomy file lists them."""
    return TaxonomyTerm.objects.order_by("code")


def term_label(parent_id, name: str) -> str:
    """A term as a list shows it: the terms under a component indented with a dash."""
    return ("— " if parent_id else "") + name


class TermChoiceIterator(ModelChoiceIterator):
    """(value, label) pairs from one values query in the user's language: the labels
    are ``term_label``'s (the field's ``label_from_instance`` serves its errors and
    its cleaned value only), the values the field's ``to_field_name`` or the pk."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        name = "name_en" if (get_language() or "id").startswith("en") else "name_id"
        key = self.field.to_field_name or "pk"
        for value, parent_id, label in self.queryset.values_list(key, "parent_id", name):
            yield (value, term_label(parent_id, label))


class TermChoiceField(forms.ModelChoiceField):
    iterator = TermChoiceIterator
    widget = OptionsSelect

    def label_from_instance(self, obj):
        return term_label(obj.parent_id, obj.name)


class TermMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return term_label(obj.parent_id, obj.name)
