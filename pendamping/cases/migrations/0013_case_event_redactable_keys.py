"""CaseEvent.data may lose only the keys event kinds declare as typed free text
(``EventKind.free_text`` and the legacy "summary"): a risk level or a closure code
is never erased, and the object never becomes [] or '' (security review, issue 16)."""

from django.db import migrations

from pendamping.history_migrations import AllowRedaction


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_history_redactable")]

    operations = [
        AllowRedaction("CaseEvent", ("data:goal_text,note,reason,summary,title",)),
    ]
