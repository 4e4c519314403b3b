"""For tests: a solved ALTCHA challenge, as the widget would send it."""

import altcha

from . import gate


def solution() -> str:
    """A valid, unused `altcha` payload (each call solves a new challenge)."""
    made = altcha.v2.Challenge.from_dict(gate.challenge())
    solved = altcha.solve_challenge(made)
    assert solved is not None
    return altcha.Payload(made, solved).to_base64()
