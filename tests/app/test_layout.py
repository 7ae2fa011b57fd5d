"""The layout rules of the code, checked over the import graph with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ("corpus", "index", "search")
FRONT_ENDS = ("app", "ui", "gradio", "fastapi", "uvicorn", "starlette")
MAX_UI_LINES = 300


def _modules() -> dict[str, Path]:
    found = {}
    for package in (*CORE, "app"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    found["ui"] = ROOT / "ui.py"
    return found


def _imports(path: Path, module: str, *, at_import_only: bool = False) -> set[str]:
    """Modules ``module`` imports; ``at_import_only``: those run when it is imported (not inside functions)."""
    names = set()
    for node in _nodes(ast.parse(path.read_text(encoding="utf-8")), at_import_only):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = module.split(".")[: -node.level] if path.name != "__init__.py" else module.split(".")
                names.add(".".join([*base, node.module] if node.module else base))
            else:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _nodes(tree: ast.AST, at_import_only: bool):
    if not at_import_only:
        yield from ast.walk(tree)
        return
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        # A function-level import is a deliberate late import (start-up speed): it cannot fail at import time.
        pending.extend(
            child
            for child in ast.iter_child_nodes(node)
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        )


def test_the_core_imports_no_front_end():
    offenders = {
        module: sorted(name for name in _imports(path, module) if name.split(".")[0] in FRONT_ENDS)
        for module, path in _modules().items()
        if module.split(".")[0] in CORE
    }
    assert not {m: names for m, names in offenders.items() if names}


def test_no_import_cycle_when_the_project_modules_load():
    modules = _modules()
    graph = {
        module: {name for name in _imports(path, module, at_import_only=True) if name in modules and name != module}
        for module, path in modules.items()
    }
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> list[str] | None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return [*trail, module, target]
            if target not in state and (cycle := visit(target, [*trail, module])):
                return cycle
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            assert visit(module, []) is None


def test_the_page_module_stays_small_and_sets_no_environment_at_import():
    source = (ROOT / "ui.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) < MAX_UI_LINES
    assert "os.environ" not in source and "._data" not in source
