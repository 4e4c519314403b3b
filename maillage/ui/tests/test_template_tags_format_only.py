"""Guard: template tags only format what the view passed.

A tag that queries or decides access hides a read from the view (and from the access
module's audit): the view reads through maillage.access and puts the result, and flags
such as `may_export`, in the context.
"""

import ast
from pathlib import Path

import maillage

ROOT = Path(maillage.__file__).parent
KNOWN: set[tuple[str, str]] = set()


def tag_modules() -> list[Path]:
    return sorted(p for p in ROOT.glob("*/templatetags/*.py") if p.name != "__init__.py")


def forbidden_import(module: str) -> bool:
    """`maillage.access…`, or any `models` or `queries` module."""
    return module.startswith("maillage.access") or module.split(".")[-1] in ("models", "queries")


def queryset_filter(func: ast.expr) -> bool:
    """`….filter(…)`, except `register.filter(…)` which declares a template filter."""
    if not isinstance(func, ast.Attribute) or func.attr != "filter":
        return False
    return not (isinstance(func.value, ast.Name) and func.value.id == "register")


def offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                module = ".".join(["maillage", path.parent.parent.name, module]).rstrip(".")
            names = [f"{module}.{alias.name}" for alias in node.names]
            found += [name for name in [module, *names] if forbidden_import(name)][:1]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if forbidden_import(alias.name)]
        elif isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(".objects")
        elif isinstance(node, ast.Call) and queryset_filter(node.func):
            found.append(".filter(")
    return found


def test_there_are_tags_to_check():
    assert len(tag_modules()) >= 3


def test_no_template_tag_queries_or_decides_access():
    offenders = {
        (str(path.relative_to(ROOT)), offence)
        for path in tag_modules()
        for offence in offences(path)
    }
    assert offenders - KNOWN == set()
