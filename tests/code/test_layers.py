"""The package's layers: every import points down (or within its own package), and no module imports itself
back through others.

The layers, bottom up, as ``docs/architecture.md`` draws them. Packages on the same level (``sparql`` and
``pages``) do not import each other: what both need lives lower down. The build publishes the catalogue's
questions as data, so ``catalogue`` sits below ``build``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "server" / "amkg"
LAYERS: list[set[str]] = [
    {"amkg", "amkg.config", "amkg.rdf"},
    {"amkg.dist", "amkg.release"},
    {"amkg.store"},
    {"amkg.catalogue"},
    {"amkg.build"},
    {"amkg.web"},
    {"amkg.sparql", "amkg.pages"},
    {"amkg.app"},
    {"amkg.worker"},
    {"amkg.serving", "amkg.http_worker"},
    {"amkg.cli"},
    {"amkg.__main__"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit(module: str) -> str:
    """The layer unit a module belongs to: its subpackage (``amkg.sparql``) or top-level module."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def rank(module: str) -> int:
    name = unit(module)
    for level, units in enumerate(LAYERS):
        if name in units:
            return level
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to docs/architecture.md")


def imports(path: Path) -> set[str]:
    """Every ``amkg`` module ``path`` imports, at the top, inside functions or under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "amkg"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "amkg":
            # ``from amkg.sparql import endpoint`` imports the module amkg.sparql.endpoint (and runs the
            # package's __init__, which its own submodules may do without forming a cycle)
            modules = {f"{node.module}.{a.name}" for a in node.names if _is_module(node.module, a.name)}
            found |= modules if len(modules) == len(node.names) else {node.module, *modules}
    return found


def _is_module(package: str, name: str) -> bool:
    base = PACKAGE.parent.joinpath(*package.split("."))
    return (base / f"{name}.py").is_file() or (base / name / "__init__.py").is_file()


def upward(graph: dict[str, set[str]], module: str) -> list[str]:
    """The imports of ``module`` that point at its own layer (another package) or above."""
    return sorted(
        target
        for target in graph[module]
        if unit(target) not in (unit(module), "amkg") and rank(target) >= rank(module)
    )


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """The first import cycle a depth-first walk runs into, or ``[]``."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str]:
        for target in sorted(graph.get(module, ())):
            if target in path:
                return [*path[path.index(target) :], target]
            if target in graph and target not in done and (cycle := visit(target, [*path, target])):
                return cycle
        done.add(module)
        return []

    for module in sorted(graph):
        if module not in done and (cycle := visit(module, [module])):
            return cycle
    return []


GRAPH = {
    module_name(path): imports(path) - {module_name(path)}
    for path in sorted(PACKAGE.rglob("*.py"))
    if "static" not in path.parts
}


def test_every_module_is_in_a_layer() -> None:
    for module in GRAPH:
        rank(module)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down(module: str) -> None:
    assert not upward(GRAPH, module), f"{module} imports {upward(GRAPH, module)}: only lower layers may be"


def test_no_import_cycles() -> None:
    assert find_cycle(GRAPH) == []


def test_the_checks_catch_what_they_are_for() -> None:
    """An upward import, a sibling import and a cycle, in a made-up graph, are all reported."""
    graph = {
        "amkg.store.model": {"amkg.web.formats"},  # upward
        "amkg.pages.views": {"amkg.sparql.endpoint", "amkg.web.formats"},  # sibling, then fine
        "amkg.sparql.endpoint": {"amkg.sparql.answers"},
        "amkg.sparql.answers": {"amkg.sparql.endpoint"},  # a cycle inside one package
        "amkg.web.formats": set(),
    }
    assert upward(graph, "amkg.store.model") == ["amkg.web.formats"]
    assert upward(graph, "amkg.pages.views") == ["amkg.sparql.endpoint"]
    assert find_cycle(graph) == ["amkg.sparql.endpoint", "amkg.sparql.answers", "amkg.sparql.endpoint"]
