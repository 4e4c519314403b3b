"""Rows of the space's export entries for the records completeness fixture."""

from .export_builder import build_space

BUILDERS = {"space": build_space}
