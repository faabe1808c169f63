"""The project's layering, read from the source with ``ast`` (no import runs):

- ``portal`` (the ground floor: settings, the kernel, the site shell) imports no product app, not even inside a
  function: the apps declare themselves (``portal.apps.ProductAppConfig``) and portal composes them by iterating;
- no app imports another app's ``views`` or ``staff_views`` (an app reads another through its selectors or
  services);
- no import cycles, neither between top-level packages nor between modules. Imports inside functions count (a lazy
  import that closes a circle is still a circle); imports under ``if TYPE_CHECKING:`` and inside an AppConfig's
  ``ready()`` do not (``ready()`` runs once every module is loaded: it is where an app wires itself up).

Run as a script for the whole report: ``.venv/bin/python tests/test_architecture.py``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_PRODUCT = {"portal", "tests", "benchmarks", "scripts"}
VIEW_MODULES = {"views", "staff_views"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the project module imported
    in_function: bool


def _packages() -> list[str]:
    return sorted(
        p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in {"tests", "benchmarks"}
    )


def product_apps() -> list[str]:
    return [name for name in _packages() if name not in NOT_PRODUCT]


@cache
def modules() -> dict[str, Path]:
    found = {}
    for package in _packages():
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _resolve(name: str) -> str | None:
    """The project module an import lands in (``portal.models.User`` → ``portal.models``), or None outside."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _walk(node: ast.AST, in_function: bool, skip_ready: bool) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            continue
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            if skip_ready and child.name == "ready":
                continue
            yield from _walk(child, True, skip_ready)
            continue
        yield child, in_function
        yield from _walk(child, in_function, skip_ready)


@cache
def imports_of(module: str) -> tuple[Import, ...]:
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node, in_function in _walk(ast.parse(path.read_text()), False, skip_ready=path.name == "apps.py"):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # ``from search import tasks`` imports the module search.tasks; ``from search.tasks import x`` the module.
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            target = _resolve(name)
            if target and target != module:
                found.append(Import(module, target, in_function))
    return tuple(found)


def all_imports() -> list[Import]:
    return [found for module in modules() for found in imports_of(module)]


def cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def module_cycles(with_functions: bool = True) -> list[set[str]]:
    edges: dict[str, set[str]] = {module: set() for module in modules()}
    for found in all_imports():
        if with_functions or not found.in_function:
            edges[found.source].add(found.target)
    return cycles(edges)


def package_cycles() -> list[set[str]]:
    edges: dict[str, set[str]] = {}
    for found in all_imports():
        source, target = found.source.split(".")[0], found.target.split(".")[0]
        if source != target:
            edges.setdefault(source, set()).add(target)
    return cycles(edges)


def _top(module: str) -> str:
    return module.split(".")[0]


def portal_imports_of_apps() -> list[Import]:
    apps = set(product_apps())
    return [found for found in all_imports() if _top(found.source) == "portal" and _top(found.target) in apps]


def foreign_view_imports() -> list[Import]:
    return [
        found
        for found in all_imports()
        if _top(found.source) != _top(found.target) and VIEW_MODULES & set(found.target.split(".")[1:])
    ]


# --- the tests
def test_the_scan_sees_the_project():
    assert {"portal", "search", "disclosure"} <= set(_packages())
    assert "search.backend" in modules() and "portal.workflow" in modules()
    assert Import("search.tasks", "search.services", False) in imports_of("search.tasks")


def test_portal_imports_no_product_app():
    assert portal_imports_of_apps() == []


def test_no_app_imports_another_apps_views():
    assert foreign_view_imports() == []


def test_the_top_level_packages_depend_one_way():
    assert package_cycles() == []


def test_no_import_cycles_between_modules():
    assert module_cycles() == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


if __name__ == "__main__":
    print("portal → app imports:", portal_imports_of_apps() or "none")
    print("imports of another app's views:", foreign_view_imports() or "none")
    print("package cycles:", package_cycles() or "none")
    print("module cycles (module-level imports only):", module_cycles(with_functions=False) or "none")
    print("module cycles (imports inside functions too):")
    for cycle in module_cycles() or ["none"]:
        print("  ", sorted(cycle) if isinstance(cycle, set) else cycle)
