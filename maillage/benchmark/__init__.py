"""Performance benchmark: `python -m maillage.benchmark` (see `__main__`)."""
