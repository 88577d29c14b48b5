"""What the clients app registers in pendamping/plugins.py: its demo seeder and
its permission-matrix entries."""

from pendamping import plugins

plugins.demo_seeder("clients", "pendamping.clients.demo.seed", after=("accounts",))
plugins.matrix("clients", "pendamping.clients.tests.matrix")
