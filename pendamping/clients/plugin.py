"""What the clients app registers in pendamping/plugins.py: its demo seeder and
its permission-matrix entries."""

from pendamping import plugins


@plugins.demo_seeder("clients", after=("accounts",))
def _demo(demo) -> None:
    from .demo import seed

    seed(demo)


plugins.matrix("clients", "pendamping.clients.tests.matrix")
