"""Guard: views and API modules reach person-level data only through maillage.access.

Like Zulip's lint rule against querying streams directly: a view that calls
`Case.objects…` would bypass the policy and the read audit, so it fails here.
"""

import re
from pathlib import Path

import maillage

PERSON_LEVEL = (
    "Person",
    "SupportRequest",
    "Requester",
    "Decision",
    "Case",
    "CaseWorker",
    "AuditEvent",
)
DIRECT = re.compile(rf"\b({'|'.join(PERSON_LEVEL)})\.(objects|_base_manager|_default_manager)\b")
AUDIT_CALL = re.compile(r"\baudit\.record\(")
ROOT = Path(maillage.__file__).parent


def view_modules() -> list[Path]:
    modules = list(ROOT.glob("*/views.py")) + list(ROOT.glob("*/views/*.py"))
    modules += [p for p in (ROOT / "api").glob("*.py") if p.name != "__init__.py"]
    return modules


def test_there_are_views_to_check():
    assert len(view_modules()) >= 5


def test_no_view_or_endpoint_queries_person_level_models_directly():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in view_modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if DIRECT.search(line)
    ]
    assert offenders == []


def test_no_view_writes_audit_events_by_hand():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in view_modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if AUDIT_CALL.search(line)
    ]
    assert offenders == []
