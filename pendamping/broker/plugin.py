"""What the broker adds to casework (pendamping/plugins.py)."""

from pendamping import plugins


@plugins.subscribe("need_changed", "broker.gap_sync")
def _sync_gap(*, need) -> None:
    """Keep the gap register true whenever a need is added, changed or met."""
    from .services import gap_sync

    gap_sync(need=need)
