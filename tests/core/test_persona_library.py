"""The shipped persona library: every persona is complete, lints clean and is unlike the others."""

from __future__ import annotations

import itertools
import re

import pytest

from persona_studio.core.document import parse
from persona_studio.core.files.fileio import read_text
from persona_studio.core.lint import Severity, lint_document
from persona_studio.core.readers.toollist import tool_names
from persona_studio.core.resources import personas_dir
from persona_studio.core.schema import load_schema

PERSONAS = sorted(personas_dir().glob("*.chatmode.md"))
ROLES = {
    "analyzer", "architect", "backend", "devops", "frontend", "mentor", "performance", "qa",
    "refactorer", "scribe", "security",
}  # fmt: skip
NO_EDITING = {"editFiles", "new", "runCommands", "runTasks", "runNotebooks"}


def test_the_library_has_every_role():
    assert {path.name.removesuffix(".chatmode.md") for path in PERSONAS} == ROLES


@pytest.mark.parametrize("path", PERSONAS, ids=lambda path: path.name)
def test_persona_has_every_schema_section_with_content(path):
    document = parse(read_text(path).text)
    schema = load_schema()
    assert document.title is not None and schema.is_persona_title(document.title.title)
    assert document.data["description"].strip()
    assert tool_names(document)
    for spec in schema.sections:
        section = document.section(spec.title)
        assert section is not None, f"{path.name} has no {spec.title}"
        content = section.content(document.text).strip()
        assert content, f"{path.name}: {spec.title} is empty"
        if spec.kind in ("bullet-list", "priority-list"):
            assert len(section.items) >= 3, f"{path.name}: {spec.title} has too few items"
        if spec.kind == "question":
            assert content.rstrip("\"'”").endswith("?")


@pytest.mark.parametrize("path", PERSONAS, ids=lambda path: path.name)
def test_persona_lints_without_error_or_warning_as_a_chat_mode(path):
    document = parse(read_text(path).text)
    found = lint_document(document, path=str(path), target="vscode-chatmode")
    assert [d for d in found if d.severity >= Severity.WARNING] == []


@pytest.mark.parametrize("role", ["architect", "mentor", "security", "analyzer"])
def test_reviewing_roles_get_no_editing_tools(role):
    document = parse(read_text(personas_dir() / f"{role}.chatmode.md").text)
    assert NO_EDITING.isdisjoint(tool_names(document))


def test_no_two_personas_share_a_sentence():
    sentences = {}
    for path in PERSONAS:
        body = parse(read_text(path).text).body
        words = re.findall(r"[\w']+", body.lower())
        sentences[path.name] = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    for (a, left), (b, right) in itertools.combinations(sentences.items(), 2):
        assert not (left & right), f"{a} and {b} share the words {sorted(left & right)[:1]}"
