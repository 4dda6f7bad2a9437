"""Diagnostics and export notes cross process pools (lint and export of many files) as plain
values: what arrives equals what was sent, Quick Fixes and severities included."""

from __future__ import annotations

import copy
import pickle

from persona_studio.core.document import parse
from persona_studio.core.formats import export
from persona_studio.core.formats.result import Note
from persona_studio.core.lint import lint_document
from persona_studio.core.lint.model import Severity

TEXT = (
    "---\ndescription: Reviews code\ntools: ['codebase', 'codebase', 'serch/codebase']\n"
    "modle: GPT-5\n---\n# Persona: Reviewer\n"
)


def test_diagnostics_arrive_as_sent() -> None:
    found = lint_document(parse(TEXT), path="r.chatmode.md")
    assert {d.severity for d in found} >= {Severity.WARNING, Severity.INFO}
    assert any(d.fix is not None for d in found)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(found, protocol=protocol))
        assert back == found
        assert all(type(d.severity) is Severity for d in back)
    assert copy.deepcopy(found) == found


def test_an_export_result_arrives_as_sent() -> None:
    result = export(parse(TEXT), "r.chatmode.md", "claude-code")
    back = pickle.loads(pickle.dumps(result))
    assert back.to_dict() == result.to_dict()
    assert back.notes == result.notes and all(type(n) is Note for n in back.notes)
    assert back.diagnostics == result.diagnostics
