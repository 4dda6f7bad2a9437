"""Fixes: each one removes its diagnostic, adds none, and changes no byte outside its edits."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from persona_studio.core.document import parse
from persona_studio.core.edits import Edit
from persona_studio.core.lint import (
    Diagnostic,
    Fix,
    Severity,
    apply_fixes,
    fix_until_stable,
    lint_text,
)
from persona_studio.core.readers.filekind import identify
from persona_studio.core.readers.toollist import tool_names
from persona_studio.core.text.spans import LineIndex

FIXABLE = {"renamed-tool", "duplicate-tool"}


def outside_edits_unchanged(old: str, new: str, edits: tuple[Edit, ...]) -> bool:
    """Every byte outside the edits is where it was, shifted only by the edits before it."""
    shift = 0
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if old[position : edit.start] != new[position + shift : edit.start + shift]:
            return False
        if new[edit.start + shift : edit.start + shift + len(edit.text)] != edit.text:
            return False
        shift += len(edit.text) - (edit.end - edit.start)
        position = edit.end
    return old[position:] == new[position + shift :] and len(new) == len(old) + shift


def keyed(diagnostics: list[Diagnostic]) -> Counter:
    return Counter((d.name, d.message) for d in diagnostics)


def check_fix(text: str, diagnostic: Diagnostic, lint) -> str:
    """Apply one diagnostic's fix alone and check the contract; returns the fixed text."""
    assert diagnostic.fix is not None
    before = lint(text)
    new, applied = apply_fixes(text, [diagnostic])
    assert applied == 1
    assert new != text
    assert outside_edits_unchanged(text, new, diagnostic.fix.edits)
    after = lint(new)
    assert parse(new).front_matter.error is None
    # The fixed diagnostic is gone (one fewer of its kind), and nothing new appeared.
    key = (diagnostic.name, diagnostic.message)
    assert keyed(after)[key] == keyed(before)[key] - 1
    assert not keyed(after) - (keyed(before) - Counter([key]))
    return new


def agent_lint(text: str) -> list[Diagnostic]:
    return lint_text(text, target="vscode-agent")


TEXTS = {
    "flow single quotes": "---\ndescription: x\ntools: ['codebase', 'fetch', 'read']\n---\nBody.\n",
    "flow plain": "---\ndescription: x\ntools: [read, runCommands, fetch]\n---\nBody.\n",
    "flow double quotes": '---\ndescription: x\ntools: ["todos", "runTasks"]\n---\nBody.\n',
    "flow already there": "---\ndescription: x\ntools: [search/codebase, codebase]\n---\n",
    "flow duplicates": "---\ndescription: x\ntools: [read, edit, read, 'edit']\n---\nBody.\n",
    "block": "---\ndescription: x\ntools:\n  - codebase\n  - 'new'\n  - read\n  - read\n---\n",
    "block last line no newline": "---\ndescription: x\ntools:\n- read\n- problems\n- read\n---",
    "block with comment": (
        "---\ndescription: x\ntools:\n  # search\n  - codebase  # the index\n  - edit\n---\n"
    ),
    "crlf": "---\r\ndescription: x\r\ntools:\r\n  - usages\r\n  - runNotebooks\r\n---\r\nBody.\r\n",
    "body reference": "---\ndescription: x\n---\nLook with #tool:codebase. Fetch: #tool:fetch\n",
    "old and current names together": (
        "---\ndescription: x\n"
        "tools: [runCommands, terminalLastCommand, execute/runInTerminal]\n---\n"
    ),
}


@pytest.mark.parametrize("name", list(TEXTS))
def test_every_fix_alone_removes_its_diagnostic_and_changes_nothing_else(name: str) -> None:
    text = TEXTS[name]
    fixable = [d for d in agent_lint(text) if d.fix is not None]
    assert fixable, "the sample should have something to fix"
    assert {d.name for d in fixable} <= FIXABLE
    for diagnostic in fixable:
        check_fix(text, diagnostic, agent_lint)


def test_a_rename_writes_the_current_name_in_the_list_style() -> None:
    text = TEXTS["flow single quotes"]
    fixed, count, left = fix_until_stable(text, agent_lint)
    assert count == 2
    assert left == []
    assert (
        fixed
        == "---\ndescription: x\ntools: ['search/codebase', 'web/fetch', 'read']\n---\nBody.\n"
    )


def test_an_old_tool_set_becomes_all_of_its_tools() -> None:
    fixed, _, left = fix_until_stable(TEXTS["flow plain"], agent_lint)
    assert tool_names(parse(fixed)) == (
        "read",
        "execute/runInTerminal",
        "execute/getTerminalOutput",
        "read/terminalLastCommand",
        "read/terminalSelection",
        "web/fetch",
    )
    assert left == []


def test_a_rename_whose_new_name_is_listed_removes_the_old_one() -> None:
    fixed, _, left = fix_until_stable(TEXTS["flow already there"], agent_lint)
    assert fixed == "---\ndescription: x\ntools: [search/codebase]\n---\n"
    assert left == []


def test_block_list_keeps_its_comments_and_newlines() -> None:
    fixed, _, left = fix_until_stable(TEXTS["block with comment"], agent_lint)
    assert fixed == (
        "---\ndescription: x\ntools:\n  # search\n  - search/codebase  # the index\n  - edit\n---\n"
    )
    assert left == []
    crlf, _, _ = fix_until_stable(TEXTS["crlf"], agent_lint)
    assert "\n" not in crlf.replace("\r\n", "")
    assert tool_names(parse(crlf)) == (
        "search/usages",
        "execute/runNotebookCell",
        "read/getNotebookSummary",
        "read/readNotebookCellOutput",
    )


def test_fixes_that_overlap_wait_for_the_next_pass() -> None:
    text = "---\ndescription: x\ntools: [codebase, codebase]\n---\n"
    diagnostics = agent_lint(text)
    assert sorted(d.name for d in diagnostics) == ["duplicate-tool", "renamed-tool", "renamed-tool"]
    once, applied = apply_fixes(text, diagnostics)
    assert applied == 2  # the first rename, and one of the two fixes on the repeat
    fixed, _, left = fix_until_stable(text, agent_lint)
    assert fixed == "---\ndescription: x\ntools: [search/codebase]\n---\n"
    assert left == []
    assert once != text


def test_unsafe_fixes_only_when_asked() -> None:
    text = "abc"
    span = LineIndex(text).span(0, 1)
    unsafe = Diagnostic(
        "PS999", "demo", Severity.INFO, "m", span, Fix("x", (Edit(0, 1, "X"),), False)
    )
    assert apply_fixes(text, [unsafe]) == ("abc", 0)
    assert apply_fixes(text, [unsafe], unsafe=True) == ("Xbc", 1)


def test_the_seed_is_clean_as_a_chat_mode(seed_path: Path) -> None:
    # Read as VS Code 1.101 to 1.105 read chat modes (the legacy profile a user opts into).
    text = seed_path.read_text(encoding="utf-8")

    def lint(t: str) -> list[Diagnostic]:
        return lint_text(t, path=str(seed_path), target="vscode-chatmode")

    assert [d for d in lint(text) if d.severity >= Severity.WARNING] == []
    fixed, count, _ = fix_until_stable(text, lint)
    assert (fixed, count) == (text, 0)


def test_the_seed_as_an_agent_gets_current_tool_names(seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")

    def lint(t: str) -> list[Diagnostic]:
        return lint_text(t, path=str(seed_path), target="vscode-agent")

    diagnostics = lint(text)
    renamed = [d for d in diagnostics if d.name == "renamed-tool"]
    assert len(renamed) == 18
    assert {d.severity for d in renamed} == {Severity.INFO}
    assert all(d.fix is not None and d.fix.safe for d in renamed)

    fixed, count, left = fix_until_stable(text, lint)
    assert tool_names(parse(fixed)) == (
        "search/changes",
        "search/codebase",
        "edit/editFiles",
        "vscode/extensions",
        "web/fetch",
        "findTestFiles",
        "web/githubRepo",
        "vscode/newWorkspace",
        "vscode/getProjectSetupInfo",
        "vscode/installExtension",
        "vscode/runCommand",
        "vscode/openIntegratedBrowser",
        "read/problems",
        "execute/runInTerminal",
        "execute/getTerminalOutput",
        "read/terminalLastCommand",
        "read/terminalSelection",
        "execute/runTask",
        "execute/createAndRunTask",
        "execute/getTaskOutput",
        "execute/runTests",
        "search",
        "search/searchResults",
        "execute/testFailure",
        "search/usages",
        "vscode/vscodeAPI",
        "microsoft.docs.mcp",
        "github",
    )
    assert count == 20  # 18 renames, then the 2 names runCommands had already brought in
    # The file name's warning stays (moving the file is the user's choice); findTestFiles is
    # an unknown tool, a Hint in VS Code 1.140.
    assert [d.name for d in left if d.severity >= Severity.WARNING] == ["kind-renamed"]
    assert [d.message for d in left if d.name == "unknown-tool"] == [
        "Unknown tool 'findTestFiles'. 'findTestFiles' can no longer be referenced "
        "(since about September 2025); remove it."
    ]
    assert not [d for d in left if d.name in FIXABLE]
    # Only the tools line changed.
    old_lines, new_lines = text.splitlines(True), fixed.splitlines(True)
    assert len(old_lines) == len(new_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [1]


def test_every_fix_on_the_corpus_keeps_the_contract(corpus_files: list[Path]) -> None:
    checked = 0
    for path in corpus_files:
        text = path.read_text(encoding="utf-8")
        target = identify(path).target

        def lint(t: str, target=target, path=path) -> list[Diagnostic]:
            return lint_text(t, path=str(path), target=target)

        for diagnostic in lint(text):
            # Safe fixes keep the contract; unsafe ones (a guessed name, moving the file) may
            # change what the persona means, and are only offered.
            if diagnostic.fix is not None and diagnostic.fix.safe:
                check_fix(text, diagnostic, lint)
                checked += 1
    assert checked > 50
