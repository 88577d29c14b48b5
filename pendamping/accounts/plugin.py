"""What the accounts app registers in pendamping/plugins.py: its demo seeder."""

from pendamping import plugins

plugins.demo_seeder("accounts", "pendamping.accounts.demo.seed")
