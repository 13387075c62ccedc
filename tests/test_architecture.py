"""The package's shape: no import cycle, and the layers import only downwards.

Every import in ``src/copyedit`` counts, those inside functions included (a lazy import that closes
a cycle is still a cycle; it only hides it from the interpreter until the wrong order comes).
Importing ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``, so those count as imported too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "copyedit"


def _module_name(path: Path) -> str:
    parts = ["copyedit", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                imported.add(target)
                # ``from . import x`` imports the module ``x`` when there is one
                imported.update(f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in modules)
        edges = set()
        for target in imported:
            if target not in modules:
                continue
            edges.add(target)
            # the packages the target lives in run first, except those the importer lives in itself
            edges.update(a for a in _ancestors(target) if a not in _ancestors(name) and a != name)
        edges.discard(name)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules in order, the first repeated at the end), or None.

    >>> find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}})
    ['a', 'b', 'c', 'a']
    >>> find_cycle({"a": {"b"}, "b": set()}) is None
    True
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_sees_relative_lazy_and_parent_imports() -> None:
    graph = import_graph()
    assert "copyedit.model" in graph["copyedit.engine"]
    assert "copyedit.kinds.base" in graph["copyedit.kinds.shared"]
    assert "copyedit.kinds" in graph["copyedit.checks.quotes"]  # the parent package runs first
    assert "copyedit.qa.bilingual" in graph["copyedit.engine"]  # a lazy import inside a function


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_the_kinds_import_neither_the_loader_nor_the_engine() -> None:
    graph = import_graph()
    above = {"copyedit.rules", "copyedit.engine", "copyedit.config", "copyedit", "copyedit.cli", "copyedit.service"}
    for name, imported in graph.items():
        if name.startswith("copyedit.kinds") or name.startswith("copyedit.checks"):
            assert not imported & above, f"{name} imports {sorted(imported & above)}"


def test_one_module_chooses_the_toml_reader() -> None:
    """tomllib (Python 3.11+) or tomli (3.10) is chosen in one place; the others read TOML through it."""
    choosing = set()
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import) and any(alias.name in ("tomllib", "tomli") for alias in node.names):
                choosing.add(name)
            if isinstance(node, ast.ImportFrom) and node.module in ("tomllib", "tomli"):
                choosing.add(name)
    assert choosing == {"copyedit.toml_reader"}
