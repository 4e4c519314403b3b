"""The protection of the public pages and endpoints (no account): an ALTCHA proof of work
served by Maillage itself, a hidden field for bots, limits per address and overall, and
the signs of spam. Low in the layering: it imports no domain app.

Use `gate.check()` once a public form (or API payload) is otherwise valid, just before
the action that saves it; see `gate.py`.
"""
