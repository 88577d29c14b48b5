"""Every change of the privacy settings leaves a ``SettingChange`` row: who, when, and
the fields that changed, before and after (the unusual-reading margin, the records of
processing's texts, the retention years)."""

from __future__ import annotations

from django.db import transaction
from django.forms.models import model_to_dict

from .models import SettingChange


def record(*, actor, agency_id: int, what: str, before: dict, after: dict) -> None:
    """One row with the fields whose value changed (none when nothing did)."""
    SettingChange.log(actor=actor, agency_id=agency_id, what=what, before=before, after=after,
                      only_changed=True)  # fmt: skip


def save_form(form, *, actor, what: str):
    """Save a valid ModelForm of one agency's settings row, audited: the values before
    are read from the database (the form has already changed the instance)."""
    instance, fields = form.instance, list(form.fields)
    with transaction.atomic():
        stored = type(instance)._base_manager.filter(pk=instance.pk).values(*fields).first()
        saved = form.save()
        record(actor=actor, agency_id=saved.agency_id, what=what, before=stored or model_to_dict(type(instance)(), fields=fields),
               after=model_to_dict(saved, fields=fields))  # fmt: skip
    return saved
