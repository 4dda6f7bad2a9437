"""The export plan without a dialog: what a source becomes, where it goes, writing only what the
rules allow, and one destination per batch (the rule the command line shares)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from persona_studio.core.export.plan import (
    BLOCKED,
    FAILED,
    OVERWRITE,
    READY,
    SKIPPED,
    UNCHANGED,
    WRITTEN,
    Claims,
    ExportSource,
    plan_item,
    summary_text,
    write_item,
)

SMALL = "---\ndescription: 'Small'\ntools: ['codebase', 'search']\n---\n\n# Persona: Small\n"
TARGET = "vscode-agent"


def source(label: str = "small.chatmode.md", text: str = SMALL) -> ExportSource:
    return ExportSource(label, None, text)


def test_claims_compare_paths_as_the_file_system_resolves_them(tmp_path: Path) -> None:
    claims = Claims()
    target = tmp_path / "out" / "a.agent.md"
    assert claims.owner(target) is None
    claims.claim(target, "first")
    assert claims.owner(str(tmp_path / "out" / "." / "a.agent.md")) == "first"
    link = tmp_path / "link"
    try:
        os.symlink(tmp_path / "out", link, target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("no symbolic links here")
    assert claims.owner(link / "a.agent.md") == "first"
    assert claims.owner(tmp_path / "out" / "b.agent.md") is None


def test_plan_then_write_then_plan_again(tmp_path: Path) -> None:
    item = plan_item(source(), TARGET, str(tmp_path), flat=True)
    assert (item.kind, item.status) == (READY, "Ready")
    assert item.destination == str(tmp_path / item.shown_path)
    assert write_item(item, force=False, confirmed=False).kind == WRITTEN
    assert Path(item.destination).read_bytes() == item.result.encode()
    again = plan_item(source(), TARGET, str(tmp_path), flat=True)
    assert again.kind == UNCHANGED


def test_an_existing_file_is_overwritten_only_when_confirmed(tmp_path: Path) -> None:
    first = plan_item(source(), TARGET, str(tmp_path), flat=True)
    Path(first.destination).write_text("old text\n", encoding="utf-8")
    item = plan_item(source(), TARGET, str(tmp_path), flat=True)
    assert item.kind == OVERWRITE
    assert item.diff.startswith("--- ")
    assert write_item(item, force=False, confirmed=False).kind == SKIPPED
    assert Path(item.destination).read_text(encoding="utf-8") == "old text\n"
    assert write_item(item, force=False, confirmed=True).kind == WRITTEN


def test_a_second_source_for_the_same_file_fails(tmp_path: Path) -> None:
    claims = Claims()
    first = plan_item(source("a/small.chatmode.md"), TARGET, str(tmp_path), True, claims)
    second = plan_item(source("b/small.chatmode.md"), TARGET, str(tmp_path), True, claims)
    assert first.kind == READY
    assert (second.kind, second.status) == (
        FAILED,
        "Failed: a/small.chatmode.md is exported to the same file",
    )


def test_a_blocked_result_is_written_only_when_forced(tmp_path: Path) -> None:
    quiet = "---\ntools: ['codebase']\n---\n\n# Persona: Quiet\n\nSays little.\n"
    item = plan_item(source("quiet.chatmode.md", quiet), "claude-code", str(tmp_path), True)
    assert (item.kind, item.status) == (BLOCKED, "Blocked: 1 error")
    outcome = write_item(item, force=False, confirmed=False)
    assert (outcome.kind, outcome.status) == (BLOCKED, "Blocked: 1 error, not forced")
    assert not Path(item.destination).exists()
    assert write_item(item, force=True, confirmed=False).kind == WRITTEN


def test_summary_names_only_what_happened() -> None:
    assert summary_text({WRITTEN: 2, SKIPPED: 1, FAILED: 0}) == "2 written, 1 skipped"
    assert summary_text({}) == "Nothing was exported"
