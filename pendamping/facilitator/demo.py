"""Demo data of the facilitator (filled in below)."""


def seed(demo) -> None:
    return None
