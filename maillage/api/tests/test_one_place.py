"""Guard: the API lives in one place, `maillage/api/`.

A router declared in a domain app would make that app import the API's schemas and
errors while the API imports the app: the two would lean on each other again.
"""

import ast
from pathlib import Path

from django.test import SimpleTestCase

import maillage

ROOT = Path(maillage.__file__).parent
API = ROOT / "api"
NINJA_APIS = {"Router", "NinjaAPI"}


def modules_outside_the_api() -> list[Path]:
    return [path for path in ROOT.rglob("*.py") if API not in path.parents]


def declares_a_router(tree: ast.AST) -> bool:
    """Imports ninja's Router or NinjaAPI, or calls `ninja.Router(…)`."""
    return any(_names_a_router(node) for node in ast.walk(tree))


def _names_a_router(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        from_ninja = (node.module or "").split(".")[0] == "ninja"
        return from_ninja and bool(NINJA_APIS & {alias.name for alias in node.names})
    if isinstance(node, ast.Attribute):
        on_ninja = isinstance(node.value, ast.Name) and node.value.id == "ninja"
        return on_ninja and node.attr in NINJA_APIS
    return False


def imports_the_api(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        if any(name == "maillage.api" or name.startswith("maillage.api.") for name in names):
            return True
    return False


class OnePlaceTests(SimpleTestCase):
    def test_no_module_outside_the_api_declares_a_router(self) -> None:
        offenders = [
            str(path.relative_to(ROOT))
            for path in modules_outside_the_api()
            if declares_a_router(ast.parse(path.read_text()))
        ]
        self.assertEqual(offenders, [])

    def test_the_guard_sees_a_router(self) -> None:
        self.assertIs(declares_a_router(ast.parse("from ninja import Router")), True)
        self.assertIs(declares_a_router(ast.parse("import ninja\nr = ninja.Router()")), True)
        self.assertIs(declares_a_router(ast.parse("from ninja import Schema")), False)

    def test_only_the_url_conf_and_tests_import_the_api(self) -> None:
        offenders = [
            str(path.relative_to(ROOT))
            for path in modules_outside_the_api()
            if path != ROOT / "urls.py"
            and "tests" not in path.relative_to(ROOT).parts
            and imports_the_api(ast.parse(path.read_text()))
        ]
        self.assertEqual(offenders, [])
