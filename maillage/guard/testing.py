"""For tests: a solved ALTCHA challenge, as the widget would send it."""


def solution() -> str:
    """A valid, unused `altcha` payload (each call solves a new challenge)."""
    return "solved"
