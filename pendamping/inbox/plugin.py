"""What the inbox adds through pendamping/plugins.py: its permission-matrix entries.

The kinds of notification are registered by the apps that raise them (their
plugin.py: ``plugins.notification_kind``), never here."""

from pendamping import plugins

plugins.matrix("inbox", "pendamping.inbox.tests.matrix")
