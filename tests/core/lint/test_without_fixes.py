"""``lint_document(fixes=False)``: the same diagnostics without their Quick Fixes, for a caller
that only shows them (the export's check of its result, issue 21 item 15)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from _shared import shared_params
from persona_studio.core.document import parse
from persona_studio.core.lint import lint_document

FIXABLE = (
    "---\n"
    "description: Reviews code\n"
    "tools: ['codebase', 'codebase', 'serch/codebase', 'runCommands']\n"
    "modle: GPT-5\n"
    "handoffs:\n"
    "  - label: Go\n"
    "    agent: nobody\n"
    "agents: ['ghost']\n"
    "---\n"
    "# Persona: Reviewer\n\nUse #tool:codebase here.\n"
)


def check(text: str, path: str) -> None:
    document = parse(text)
    full = lint_document(document, path=path)
    bare = lint_document(document, path=path, fixes=False)
    assert bare == [replace(d, fix=None) for d in full]
    assert all(d.fix is None for d in bare)


def test_a_fixable_persona_lints_the_same_without_fixes() -> None:
    document = parse(FIXABLE)
    assert sum(d.fix is not None for d in lint_document(document, path="r.chatmode.md")) >= 4
    check(FIXABLE, "r.chatmode.md")
    check(FIXABLE, ".github/agents/r.agent.md")


@pytest.mark.parametrize("path", shared_params("corpus"))
def test_corpus_lints_the_same_without_fixes(path: Path) -> None:
    check(path.read_text(encoding="utf-8"), str(path))
