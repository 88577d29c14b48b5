"""What the cases app registers in pendamping/plugins.py: its demo seeder."""

from pendamping import plugins


@plugins.demo_seeder("cases", after=("clients",))
def _demo(demo) -> None:
    from .demo import seed

    seed(demo)
