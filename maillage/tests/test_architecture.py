"""The rules of the map (docs/architecture.md) that a test can read from the code itself:
no two apps import each other (except through `maillage.access`, the one door every
app goes through and that knows their models), and email leaves through one module."""

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
ALLOWED_IN_CYCLES = {"access"}
MAIL_MODULE = PACKAGE / "mail.py"
SENDING = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "get_connection"}


def apps() -> set[str]:
    return {
        path.name
        for path in PACKAGE.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "tests"
    }


def modules() -> list[tuple[Path, tuple[str, ...]]]:
    """Every module of the project but tests and migrations, with its dotted parts."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        found.append((path, parts))
    return found


def imported(tree: ast.AST, parts: tuple[str, ...]) -> set[str]:
    """The modules of the project a module imports, anywhere in it (functions too), as
    dotted names relative to the package."""
    names: set[str] = set()
    package = list(parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {
                alias.name.removeprefix("maillage.")
                for alias in node.names
                if alias.name.startswith("maillage.")
            }
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.startswith("maillage"):
                module = node.module.removeprefix("maillage").lstrip(".")
            else:
                continue
            names.add(module)
            names |= {f"{module}.{alias.name}".lstrip(".") for alias in node.names}
    return names


def app_imports() -> dict[tuple[str, str], list[str]]:
    known = apps()
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, parts in modules():
        if len(parts) < 2 or parts[0] not in known:
            continue
        for name in imported(ast.parse(path.read_text()), parts):
            target = name.split(".")[0]
            if target in known and target != parts[0]:
                edges[parts[0], target].append(".".join(parts))
    return edges


def test_no_two_apps_import_each_other():
    edges = app_imports()
    cycles = sorted(
        f"{a} ↔ {b}: {sorted(set(edges[a, b]))[:2]} / {sorted(set(edges[b, a]))[:2]}"
        for a, b in edges
        if a < b and (b, a) in edges and not {a, b} & ALLOWED_IN_CYCLES
    )
    assert not cycles, "apps importing each other:\n" + "\n".join(cycles)


def test_the_scan_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from maillage.plans import queries\n")
    assert "plans.queries" in imported(tree, ("cases", "overview"))
    tree = ast.parse("from ..plans.models import Goal\n")
    assert "plans.models.Goal" in imported(tree, ("cases", "overview"))


def test_email_leaves_through_one_module():
    senders = []
    for path, _parts in modules():
        if path == MAIL_MODULE:
            continue
        tree = ast.parse(path.read_text())
        imports_mail = False
        ours = set()  # the names under which a module imports maillage.mail: its send() is ours
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in {"maillage", None}:
                ours |= {alias.asname or alias.name for alias in node.names if alias.name == "mail"}
            if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
                imports_mail = True
                senders += [
                    f"{path.name}: {alias.name}" for alias in node.names if alias.name in SENDING
                ]
            elif isinstance(node, ast.Import) and any(
                alias.name == "django.core.mail" for alias in node.names
            ):
                imports_mail = True
        if imports_mail:
            senders += [
                f"{path.relative_to(PACKAGE)}: .send()"
                for node in ast.walk(tree)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"send", "send_messages"}
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ours)
            ]
    assert not senders, "email sent outside maillage/mail.py:\n" + "\n".join(senders)
