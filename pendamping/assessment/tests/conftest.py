"""The broker's small directory (for referral services on the ecomap)."""

from pendamping.broker.tests.conftest import directory  # noqa: F401
