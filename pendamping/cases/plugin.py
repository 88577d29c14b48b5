"""What the cases app registers in pendamping/plugins.py: its demo seeder."""

from pendamping import plugins

plugins.demo_seeder("cases", "pendamping.cases.demo.seed", after=("clients",))
