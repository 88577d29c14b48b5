"""The one UPDATE a history table allows: blanking its declared free text (erasure).

Every history model that names ``REDACTABLE`` columns is tried on whichever engine
runs: blanking each works, and blanking together with a change to any other column,
or writing new text, or adding to a JSON object, is refused by the database. A history
table with a free-text column that is neither redactable nor known to hold no personal
data fails here, so a role module's new history table has to decide.
"""

import pytest
from django.db import DatabaseError, connection, models, transaction

from pendamping.history import AppendOnlyError
from pendamping.tests.test_append_only import HISTORY, minimal_value, raw

# Free-text columns of history tables that hold no personal data about a client:
# codes, the ids of clients (never names), staff's own addresses and agency settings.
NOT_PERSONAL = {
    "accounts.AccountEvent": {"address"},
    "cases.CaseEvent": {"kind"},
    "privacy.AccessRecord": {"what", "address", "clients"},
    "broker.MappingChange": {"vocabulary", "code", "before", "after"},
    "advocate.SettingChange": {"what", "action", "before", "after"},
    "advocate.FilingReminder": {"step"},
    # the erasure's own audit trail: the reason is a code, a note that names the client
    # is refused (privacy/erasure.py), `via` is "page", "api" or "command"
    # `report`: what the erasure changed, as counts ({"breaches": 2}), never a text
    "privacy.Erasure": {"reason", "note", "via", "report"},
    # the agency's privacy settings before and after a change: the unusual-reading
    # margin, the records of processing's texts (purposes, recipients), retention years
    "privacy.SettingChange": {"before", "after"},
    # a breach's history: codes, field names, counts and dates (privacy/breaches.py)
    "privacy.BreachEvent": {"data"},
    "assessment.InstrumentAdministration": {
        "instrument_code",
        "instrument_version",
        "answers",
        "band",
        "band_label_id",
        "band_label_en",
        "flags",
    },
}
TEXT = (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField)

REDACTING = [m for m in HISTORY if getattr(m, "REDACTABLE", ())]
each_redacting = pytest.mark.parametrize("model", REDACTING, ids=[m._meta.label for m in REDACTING])


def text_columns(model) -> set[str]:
    return {
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT) and not f.choices and not f.is_relation
    }


@pytest.mark.parametrize("model", HISTORY, ids=[m._meta.label for m in HISTORY])
def test_every_free_text_column_of_history_is_redactable_or_holds_no_personal_data(model):
    undecided = (
        text_columns(model)
        - set(getattr(model, "REDACTABLE", ()))
        - NOT_PERSONAL.get(model._meta.label, set())
    )
    assert not undecided, (
        f"{model._meta.label}: {sorted(undecided)} may hold text about a client; name them "
        "in REDACTABLE and AllowRedaction, or in NOT_PERSONAL here with the reason"
    )


def test_it_finds_the_tables_last_session_listed():
    names = {m._meta.label for m in REDACTING}
    assert {
        "broker.ReferralUpdate", "advocate.StageChange", "advocate.Feedback",
        "mediator.ComplianceCheck", "motivator.GoalReview", "motivator.CheckIn",
        "clients.ImportRunEvent", "cases.CaseEvent", "assessment.Assessment",
    } <= names  # fmt: skip


def keys_of(field) -> tuple[str, ...]:
    """The keys a JSON column may lose, when its model declares them."""
    return getattr(field.model, "REDACTABLE_KEYS", {}).get(field.name, ())


def filled(field):
    said = (keys_of(field) or ("said",))[0]
    return {said: "Budi", "kept": 1} if isinstance(field, models.JSONField) else "Budi"


def a_row_with_text(model) -> int:
    """A new row whose redactable columns hold text, in the test's savepoint."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name in model.REDACTABLE:
            values[field.attname] = filled(field)
        elif not (field.null or field.has_default() or getattr(field, "auto_now_add", False)):
            values[field.attname] = minimal_value(field)
    row = model(**values)
    row.save(force_insert=True)
    return row.pk


def execute(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def blank_sql(model, field) -> str:
    q = connection.ops.quote_name
    if keys := keys_of(field):  # only a declared key may go
        if connection.vendor == "postgresql":
            return f"{q(field.column)} = {q(field.column)} - '{keys[0]}'"
        return f"{q(field.column)} = json_remove({q(field.column)}, '$.{keys[0]}')"
    value = "'[]'" if isinstance(field, models.JSONField) else "''"
    if isinstance(field, models.JSONField) and connection.vendor == "postgresql":
        value = "'[]'::jsonb"
    return f"{q(field.column)} = {value}"


@pytest.mark.django_db(transaction=False)
@each_redacting
def test_blanking_each_redactable_column_is_allowed(model, world):
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    with transaction.atomic():
        pk = a_row_with_text(model)
        for name in model.REDACTABLE:
            field = model._meta.get_field(name)
            execute(f"UPDATE {table} SET {blank_sql(model, field)} WHERE id = %s", [pk])
            assert getattr(model._base_manager.get(pk=pk), name) in ("", [], {"kept": 1})
        # all blank: nothing left to blank, so even that is refused now
        field = model._meta.get_field(model.REDACTABLE[0])
        raw(f"UPDATE {table} SET {blank_sql(model, field)}")
        transaction.set_rollback(True)


@pytest.mark.django_db(transaction=False)
@each_redacting
def test_blanking_with_any_other_change_is_refused(model, world):
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    first = model._meta.get_field(model.REDACTABLE[0])
    with transaction.atomic():
        pk = a_row_with_text(model)
        row = model._base_manager.filter(pk=pk).values()[0]
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in model.REDACTABLE:
                continue
            current = row[field.attname]
            other = minimal_value(field) if current is None else None
            if other == current:
                other = None
            value = field.get_db_prep_save(other, connection) if other is not None else None
            with pytest.raises(DatabaseError, match="append-only"):
                execute(
                    f"UPDATE {table} SET {q(field.column)} = %s, {blank_sql(model, first)}"
                    " WHERE id = %s",
                    [value, pk],
                )
        for name in model.REDACTABLE:  # new text, or more JSON, is not a blanking
            field = model._meta.get_field(name)
            new = (
                {"said": "Budi", "kept": 1, "added": 2}
                if isinstance(field, models.JSONField)
                else "X"
            )
            with pytest.raises(DatabaseError, match="append-only"):
                execute(
                    f"UPDATE {table} SET {q(field.column)} = %s WHERE id = %s",
                    [field.get_db_prep_save(new, connection), pk],
                )
        assert model._base_manager.filter(pk=pk).values()[0] == row
        transaction.set_rollback(True)


@pytest.mark.django_db(transaction=False)
def test_the_queryset_redacts_only_declared_fields_and_json_keys(world):
    from pendamping.cases.models import CaseEvent
    from pendamping.motivator.models import CheckIn

    with transaction.atomic():
        pk = a_row_with_text(CaseEvent)
        assert CaseEvent.objects.get(pk=pk).data == {"goal_text": "Budi", "kept": 1}
        assert CaseEvent.objects.filter(pk=pk).redact_json("data", {"goal_text", "kept"}) == 1
        assert CaseEvent.objects.get(pk=pk).data == {"kept": 1}  # "kept" is not free text
        assert CaseEvent.objects.filter(pk=pk).redact_json("data", {"goal_text"}) == 0
        with pytest.raises(AppendOnlyError):
            CaseEvent.objects.filter(pk=pk).redact("kind")
        with pytest.raises(AppendOnlyError):
            CaseEvent.objects.filter(pk=pk).redact("data")  # [] would erase every code
        with pytest.raises(AppendOnlyError):
            CheckIn.objects.all().redact("checked_on")
        pk = a_row_with_text(CheckIn)
        assert CheckIn.objects.filter(pk=pk).redact("note", "why_not_lower") == 1
        row = CheckIn.objects.get(pk=pk)
        assert (row.note, row.why_not_lower) == ("", "")
        assert CheckIn.objects.filter(pk=pk).redact("note") == 0  # nothing left to blank
        transaction.set_rollback(True)


def _case_event_row(data) -> tuple[str, int]:
    from pendamping.cases.models import CaseEvent

    row = CaseEvent(**{f.attname: minimal_value(f) for f in CaseEvent._meta.concrete_fields
                       if not (f.primary_key or f.null or f.has_default())})  # fmt: skip
    row.data = data
    row.save(force_insert=True)
    return connection.ops.quote_name(CaseEvent._meta.db_table), row.pk


@pytest.mark.django_db(transaction=False)
def test_a_case_event_loses_only_its_declared_free_text(world):
    """Security review (issue 16): the trigger once let any key go, or the whole object."""
    pg = connection.vendor == "postgresql"
    with transaction.atomic():
        table, pk = _case_event_row({"reason": "Budi", "risk_level": "high"})
        refused = [
            "data - 'risk_level'" if pg else "json_remove(data, '$.risk_level')",
            "'{}'::jsonb" if pg else "'{}'",
            "'[]'::jsonb" if pg else "'[]'",
            "'\"\"'::jsonb" if pg else "'\"\"'",
        ]
        for value in refused:
            with pytest.raises(DatabaseError, match="append-only"):
                execute(f"UPDATE {table} SET data = {value} WHERE id = %s", [pk])
        execute(f"UPDATE {table} SET data = "
                + ("data - 'reason'" if pg else "json_remove(data, '$.reason')")
                + " WHERE id = %s", [pk])  # fmt: skip
        from pendamping.cases.models import CaseEvent

        assert CaseEvent.objects.get(pk=pk).data == {"risk_level": "high"}
        transaction.set_rollback(True)
