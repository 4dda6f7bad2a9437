"""An export's key edits are applied together, on one parse (issue 21 item 15: each file's front
matter was parsed four times while it was converted). The result must be the text the edits give
one after the other: every export below is compared with the one that applies each edit at once,
over front matters with the keys in every order, blank lines and comments between them, keys
written twice, block scalars, each form of tools list and CRLF line breaks."""

from __future__ import annotations

import random

import pytest

from persona_studio.core.document import parse
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.formats import FORMATS, export, export_file
from persona_studio.core.formats.conversion import Conversion

CHOICES = {
    "name": [
        "My Agent",
        "my-agent",
        "123",
        "''",
        "Ünïcode name",
        "|\n  Block Name",
        ">-\n  folded\n",
    ],
    "description": ["Reviews code", "'Quoted: yes'", "|\n  Block line one\n  line two", "''"],
    "tools": [
        "['codebase', 'fetch', 'editFiles']",
        "\n  - search/codebase\n  - 'web/fetch'\n  - unknownTool",
        "Read, Grep, Bash",
        "['*']",
        "[]",
        "['runCommands', 'search', 'github/*']",
    ],
    "model": [
        "GPT-5",
        "Claude Sonnet 4",
        "sonnet",
        "['GPT-5', 'Claude Sonnet 4']",
        "nothing-known",
        "|\n  GPT-5\n",
    ],
    "target": ["vscode", "github-copilot"],
    "title": ["Old Title"],
    "argument-hint": ["'a file'"],
    "handoffs": ["\n  - label: Go\n    agent: other"],
    "infer": ["false", "true"],
    "hidden": ["true"],
    "mcp-servers": ["\n  one:\n    command: x"],
    "disallowedTools": ["Bash, Write", "['Edit']"],
    "color": ["blue"],
}
BETWEEN = ["", "", "", "\n", "# a comment\n", "\n\n"]


def persona(pick: random.Random) -> str:
    keys = [key for key in CHOICES if pick.random() < 0.5]
    pick.shuffle(keys)
    if keys and pick.random() < 0.15:
        keys.append(pick.choice(keys))  # a key written twice
    lines = ["---\n"]
    for key in keys:
        lines.append(pick.choice(BETWEEN))
        value = pick.choice(CHOICES[key])
        lines.append(f"{key}:{'' if value.startswith(chr(10)) else ' '}{value}\n")
    lines.append(pick.choice(BETWEEN))
    lines.append("---\n# Persona: Tester\n\n## Goals\n\n- test\n")
    text = "".join(lines)
    if pick.random() < 0.2:
        text = text.replace("\n", "\r\n")
    if pick.random() < 0.1:
        text = text.replace("\n---\n#", "\n---#", 1)  # no line break after the last key
    return text


def outcome(text: str, path: str, target: str) -> object:
    try:
        result = export(parse(text), path, target)
    except PersonaStudioError as error:
        return ("error", str(error))
    return (result.text, [str(note) for note in result.notes], result.to_dict())


@pytest.mark.parametrize("seed", range(8))
def test_pending_edits_give_what_the_edits_give_one_by_one(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    pick = random.Random(seed)
    cases = [(persona(pick), pick.choice(PATHS)) for _ in range(40)]
    batched = [outcome(text, path, t) for text, path in cases for t in FORMATS]

    def at_once(self: Conversion, key: str, make, *args) -> None:  # type: ignore[no-untyped-def]
        self.apply(make(self.document, *args))

    monkeypatch.setattr(Conversion, "edit", at_once)
    one_by_one = [outcome(text, path, t) for text, path in cases for t in FORMATS]
    assert batched == one_by_one
    changed = sum(isinstance(o, tuple) and o[0] != "error" and o[2]["changed"] for o in batched)
    assert changed > len(batched) // 2  # the cases do exercise the edits


PATHS = [
    "x.chatmode.md",
    "x.agent.md",
    ".claude/agents/x.md",
    ".github/agents/x.agent.md",
    ".github/agents/x.md",
]


def test_a_file_read_without_its_outline_exports_as_a_parsed_document(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``export_file`` outlines the source only where a step needs it (an agent named after its
    first heading): the result is the one ``export`` of the whole document gives."""
    pick = random.Random(99)
    for index in range(60):
        text = persona(pick)
        path = tmp_path / f"p{index}.{pick.choice(['agent', 'chatmode'])}.md"
        path.write_bytes(text.encode("utf-8"))
        for target in FORMATS:
            whole = outcome(text, str(path), target)
            try:
                result = export_file(path, target)
                read = (result.text, [str(n) for n in result.notes], result.to_dict())
            except PersonaStudioError as error:
                read = ("error", str(error))
            assert read == whole, (text, target)
