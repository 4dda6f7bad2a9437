"""The import contract: which part of the program may import which, read from the source with
``ast`` (no import runs, nothing to install).

The arrows:

- ``core`` imports neither ``gui`` nor ``cli`` nor Qt (PySide6, shiboken6).
- ``cli`` imports neither Qt nor ``gui``, except ``cli/gui.py``, the ``gui`` command, which starts
  the desktop program.
- The GUI lives in rooms. A room imports the rooms ``ROOMS`` lists for it, and the shared
  modules at the top of ``gui/`` (theme, icons), which import no room:

      window      the main window; imports compare, export, structured, editor
      compare     the diff window, the matrix, the Compare and Export commands; imports export,
                  editor
      export      the export dialog; imports editor
      structured  the Structured view; imports editor
      editor      the session, the Source view, the preview; imports no room

  So nothing in editor/, structured/, compare/ or export/ imports ``gui.window``. ``gui/app.py``
  starts the program and may import any room.
- No import cycle between the modules of the package.

Every import statement counts, wherever it is: at the top of a module, inside a function (a
deferred import is still a dependency), and under ``if TYPE_CHECKING:`` (a type-only import back
to the window is still the window's shape leaking into a lower room; state a Protocol instead, as
``gui/compare/actions.py`` does). ``from package import name`` depends on ``package.name`` when
that is a module, otherwise on the package. Imports by computed name (``importlib``) are not seen;
the only ones, in ``cli/__init__.py``, load the command modules of ``cli`` itself.

Also: no folder of the package holds more than 15 modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import persona_studio

PACKAGE = "persona_studio"
PACKAGE_DIR = Path(persona_studio.__file__).resolve().parent
QT = ("PySide6", "shiboken6")

# A GUI room and the rooms it may import (besides the shared modules at the top of gui/).
ROOMS: dict[str, set[str]] = {
    "editor": set(),
    "structured": {"editor"},
    "export": {"editor"},
    "compare": {"editor", "export"},
    "workspace": {"editor"},
    "window": {"editor", "structured", "export", "compare", "workspace"},
}
LOWER_ROOMS = ("editor", "structured", "compare", "export", "workspace")
SHARED = {"gui", "gui.theme", "gui.icons"}  # the package itself and the modules every room uses
ENTRY = {"gui.app"}  # starts the program: may import any room

# Edges left out of the cycle check, each with its reason. Keep this list short and true: the
# test below fails when an edge on it is no longer there. None today: keep it that way.
ALLOWED_CYCLE_EDGES: dict[tuple[str, str], str] = {}

MAX_MODULES = 15
# Folders over the limit before the limit was set: their count may fall, never rise.
MODULE_COUNT_CEILINGS: dict[str, int] = {}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, without the "persona_studio." prefix
    target: str  # the imported module of the package (no prefix), or an outside top-level name
    line: int
    internal: bool

    def __str__(self) -> str:
        target = _dotted(self.target) if self.internal else self.target
        return f"{_dotted(self.source)} imports {target} ({_file(self.source)}:{self.line})"


def _dotted(module: str) -> str:
    return module or PACKAGE


def _file(module: str) -> str:
    return MODULES[module].relative_to(PACKAGE_DIR.parent).as_posix()


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name without the prefix ("" is the package)."""
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _internal(dotted: str) -> str | None:
    """The module of the package that an absolute dotted name refers to, or None (outside)."""
    if dotted != PACKAGE and not dotted.startswith(PACKAGE + "."):
        return None
    name = dotted.removeprefix(PACKAGE).removeprefix(".")
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _imports(module: str) -> Iterator[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(filter(None, [PACKAGE, package]))
                base = ".".join(base.split(".")[: len(base.split(".")) - node.level + 1])
                base = ".".join(filter(None, [base, node.module]))
            else:
                base = node.module or ""
            names = [(base, alias.name) for alias in node.names]
        else:
            continue
        for dotted, name in names:
            target = _internal(dotted)
            if target is not None and name is not None:
                inner = ".".join(filter(None, [target, name]))
                target = inner if inner in MODULES else target
            if target is None:
                yield Import(module, dotted.split(".")[0], node.lineno, internal=False)
            elif target != module:
                yield Import(module, target, node.lineno, internal=True)


IMPORTS = [found for module in MODULES for found in _imports(module)]


def _in(module: str, part: str) -> bool:
    return module == part or module.startswith(part + ".")


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "gui" and parts[1] in ROOMS else None


def _report(broken: list[str], rule: str) -> str:
    return f"{rule}:\n  " + "\n  ".join(broken)


# ------------------------------------------------------------------------------------ the graph


def test_the_graph_is_read_from_the_whole_package() -> None:
    # A parse that found nothing would pass every test below vacuously.
    assert len(MODULES) > 100
    edges = {(i.source, i.target) for i in IMPORTS if i.internal}
    assert ("gui.window.main_window", "gui.compare.actions") in edges
    assert ("cli.gui", "gui.app") in edges  # an import inside a function
    assert ("gui.editor.session", "core.text.offsets") in edges
    outside = {(i.source, i.target) for i in IMPORTS if not i.internal}
    assert ("gui.theme", "PySide6") in outside


# ------------------------------------------------------------------------------------ the arrows


def test_core_imports_neither_gui_nor_cli_nor_qt() -> None:
    broken = [
        str(i)
        for i in IMPORTS
        if _in(i.source, "core")
        and (
            (i.internal and (_in(i.target, "gui") or _in(i.target, "cli")))
            or (not i.internal and i.target in QT)
        )
    ]
    assert not broken, _report(broken, "core must import neither gui, nor cli, nor Qt")


def test_cli_imports_the_gui_only_in_the_gui_command() -> None:
    broken = [
        str(i)
        for i in IMPORTS
        if _in(i.source, "cli")
        and i.source != "cli.gui"
        and ((i.internal and _in(i.target, "gui")) or (not i.internal and i.target in QT))
    ]
    assert not broken, _report(
        broken, "cli must import neither gui nor Qt, except in cli/gui.py (the gui command)"
    )


def test_every_gui_module_is_in_a_room() -> None:
    loose = [
        f"{_file(module)} is in no room"
        for module in MODULES
        if _in(module, "gui") and _room(module) is None and module not in SHARED | ENTRY
    ]
    assert not loose, _report(
        loose,
        f"a GUI module lives in one of gui/{{{','.join(ROOMS)}}}/ "
        "(or is gui/theme.py, gui/icons.py or gui/app.py)",
    )


def test_no_lower_room_imports_the_window() -> None:
    broken = [
        str(i)
        for i in IMPORTS
        if i.internal and _room(i.source) in LOWER_ROOMS and _in(i.target, "gui.window")
    ]
    assert not broken, _report(
        broken,
        "editor/, structured/, compare/ and export/ must not import gui.window: the window "
        "imports them (pass what they need: a callable, a signal or a Protocol)",
    )


def test_rooms_import_only_the_rooms_they_stand_on() -> None:
    broken = []
    for i in IMPORTS:
        if not (i.internal and _in(i.target, "gui")) or i.source in ENTRY:
            continue
        source_room, target_room = _room(i.source), _room(i.target)
        if target_room is None or target_room == source_room:
            continue  # the shared modules, or inside one room
        allowed = ROOMS.get(source_room, set()) if source_room else set()
        if target_room not in allowed:
            where = f"room {source_room}" if source_room else "a shared module"
            may = ", ".join(sorted(allowed)) or "no other room"
            broken.append(f"{i}: {where} may import {may}")
    assert not broken, _report(broken, "a GUI room imports only the rooms ROOMS lists for it")


# ------------------------------------------------------------------------------------ no cycles


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def _cycle_in(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One cycle through the component's first module: the shortest way back to it."""
    members = set(component)
    start = component[0]
    came_from: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if target not in came_from:
                came_from[target] = node
                queue.append(target)
    raise AssertionError(f"no cycle in the component {component}")


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    lines: dict[tuple[str, str], int] = {}
    for i in IMPORTS:
        if i.internal and (i.source, i.target) not in ALLOWED_CYCLE_EDGES:
            graph[i.source].add(i.target)
            lines.setdefault((i.source, i.target), i.line)
    cycles = []
    for component in _strongly_connected(graph):
        cycle = _cycle_in(component, graph)
        steps = [f"{a} -> {b} ({_file(a)}:{lines[a, b]})" for a, b in pairwise(cycle)]
        cycles.append(
            f"{len(component)} modules import each other: {', '.join(component)}\n    "
            + "\n    ".join(steps)
        )
    assert not cycles, _report(cycles, "no import cycles (function-level and TYPE_CHECKING count)")


def test_the_allowed_cycle_edges_are_still_there() -> None:
    edges = {(i.source, i.target) for i in IMPORTS if i.internal}
    stale = [f"{a} -> {b}" for a, b in ALLOWED_CYCLE_EDGES if (a, b) not in edges]
    assert not stale, _report(stale, "remove from ALLOWED_CYCLE_EDGES: no longer imported")


def test_the_cycle_search_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert _strongly_connected(graph) == [["a", "b", "c"]]
    assert _cycle_in(["a", "b", "c"], graph) == ["a", "b", "c", "a"]


# ------------------------------------------------------------------------------------ folders


def test_no_folder_holds_more_than_15_modules() -> None:
    crowded = []
    for folder in sorted({path.parent for path in MODULES.values()}):
        count = sum(1 for _ in folder.glob("*.py"))
        name = folder.relative_to(PACKAGE_DIR).as_posix()
        limit = MODULE_COUNT_CEILINGS.get(name, MAX_MODULES)
        if count > limit:
            shown = PACKAGE if name == "." else f"{PACKAGE}/{name}"
            crowded.append(f"{shown}/ holds {count} modules (at most {limit})")
    assert not crowded, _report(
        crowded, "split a crowded folder into folders that say what lives there"
    )
