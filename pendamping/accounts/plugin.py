"""What the accounts app registers in pendamping/plugins.py: its demo seeder, and
the purge of expired Idempotency-Keys."""

from pendamping import plugins

plugins.demo_seeder("accounts", "pendamping.accounts.demo.seed")
plugins.periodic(
    "idempotency_keys", "pendamping.accounts.models.purge_idempotency_keys", every_seconds=3600
)
plugins.periodic("task_reaper", "pendamping.accounts.worker.reap_dead_workers", every_seconds=60)
