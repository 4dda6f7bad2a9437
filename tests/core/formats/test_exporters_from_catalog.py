"""Only the catalog (and core/readers/filekind.py) names target ids and file suffixes: each
target names its exporter there (``exporter:``), ``FORMATS`` is built from it, and the exporters
hold no target id or suffix of their own. The CLI's help lists the kinds' suffixes from the
catalog too."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from types import SimpleNamespace

import pytest

import persona_studio.core.formats as formats
from persona_studio.cli import build_parser
from persona_studio.core.catalog import CatalogError, load_catalog
from persona_studio.core.readers import filekind

SOURCE = Path(formats.__file__).parents[2]  # src/persona_studio
EXPORTER_MODULES = (
    "core/formats/agent.py",
    "core/formats/chatmode.py",
    "core/formats/claude.py",
    "core/formats/github.py",
    "core/formats/base.py",
    "core/formats/skills.py",
    "cli/export.py",
    "gui/export/choices.py",
)


def _code_strings(path: Path) -> list[str]:
    """The string literals of a module's code (f-string parts included), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("module", EXPORTER_MODULES)
def test_the_exporters_name_no_target_id_or_suffix(module: str) -> None:
    catalog = load_catalog()
    names = set(catalog.targets)
    names |= {kind.suffix for kind in catalog.kinds.values() if kind.suffix}
    names |= {value for kind in catalog.kinds.values() for value in kind.declared_profiles}
    names |= {kind.file_name for kind in catalog.kinds.values() if kind.file_name}
    for kind in catalog.kinds.values():  # the skill folders' export targets and their folders
        names |= set(kind.exports) | {export.folder for export in kind.exports.values()}
    names |= {target.default_folder for target in catalog.targets.values()}
    names |= {  # the values of the `target:` key
        value
        for target in catalog.targets.values()
        if (spec := target.key("target")) is not None
        for value in spec.values
    }
    path = SOURCE / module
    found = sorted((name, text) for text in _code_strings(path) for name in names if name in text)
    assert found == [], f"{module} names {found}: ask the catalog"


def test_formats_holds_the_exporter_each_target_names() -> None:
    catalog = load_catalog()
    named = {tid: target.exporter for tid, target in catalog.targets.items() if target.exporter}
    assert set(formats.FORMATS) == set(named)
    for tid, exporter in formats.FORMATS.items():
        assert exporter.target_id == tid
        assert formats.EXPORTERS[named[tid]] is type(exporter)


def test_a_target_that_names_another_exporter_gets_it() -> None:
    catalog = load_catalog()
    targets = dict(catalog.targets)
    targets["claude-code"] = dataclasses.replace(targets["claude-code"], exporter="agent")
    made = formats._formats(SimpleNamespace(targets=targets))  # type: ignore[arg-type]
    assert type(made["claude-code"]) is formats.EXPORTERS["agent"]
    assert made["claude-code"].target_id == "claude-code"
    targets["claude-code"] = dataclasses.replace(targets["claude-code"], exporter="nobody")
    with pytest.raises(CatalogError, match="nobody"):
        formats._formats(SimpleNamespace(targets=targets))  # type: ignore[arg-type]


@pytest.mark.parametrize("command", ["export", "compare"])
def test_help_lists_the_suffixes_of_the_catalogs_kinds(command: str) -> None:
    parser = build_parser(command)
    sub = next(a for a in parser._actions if a.dest == "command")
    description = sub.choices[command].description  # type: ignore[union-attr]
    for kind in load_catalog().kinds.values():
        if kind.suffix:
            assert f"*{kind.suffix}" in description
    assert filekind.searched_files() in description
    assert filekind.searched_files() == (
        "*.chatmode.md, *.agent.md and Markdown files under .github/agents/ and .claude/agents/"
    )


@pytest.mark.parametrize(
    ("value", "kept"), [("vscode", True), ("github-copilot", False), ("somewhere", False)]
)
def test_an_agent_export_keeps_a_target_value_only_when_vs_code_still_reads_it_as_an_agent(
    value: str, kept: bool
) -> None:
    from persona_studio.core.document import parse

    source = f"---\ndescription: Plans\ntarget: {value}\n---\n# Planner\n"
    result = formats.export(parse(source), "planner.chatmode.md", "vscode-agent")
    assert (f"target: {value}\n" in result.text) is kept
    dropped = [note.message for note in result.notes if note.message.startswith("'target'")]
    assert bool(dropped) is not kept
