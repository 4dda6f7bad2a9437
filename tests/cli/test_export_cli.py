"""`persona-studio export`: folders, --flat, --dry-run, --force, JSON, batches with failures,
newlines and BOMs kept, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from persona_studio.cli import COMMANDS, main

CHATMODE = (
    "---\ndescription: 'Reviews code'\ntools: ['codebase', 'fetch']\n---\n# Persona: Reviewer\n"
)
AGENT = "---\nname: Helper\ndescription: Helps.\ntools: ['search/codebase']\n---\nBody.\n"
NO_DESCRIPTION = "---\ntools: ['codebase']\n---\n# Persona: Quiet\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_export_is_registered() -> None:
    assert COMMANDS["export"] == "export"


def test_export_writes_into_the_targets_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "src" / "reviewer.chatmode.md", CHATMODE)
    out = tmp_path / "ws"
    code, stdout, stderr = run(capsys, str(source), "--to", "vscode-agent", "--out", str(out))
    assert code == 0, stderr
    assert tree(out) == [".github/agents/reviewer.agent.md"]
    written = (out / ".github" / "agents" / "reviewer.agent.md").read_text(encoding="utf-8")
    assert written.startswith("---\nname: Reviewer\ndescription: 'Reviews code'\n")
    assert "tools: ['search/codebase', 'web/fetch']" in written
    lines = stdout.splitlines()
    assert lines[0] == f"{source} -> {out / '.github' / 'agents' / 'reviewer.agent.md'} (written)"
    assert "  added: 'name': 'Reviewer' (from the first heading)" in lines
    assert lines[-1] == "1 file exported, 0 failed"


def test_flat_writes_straight_into_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "reviewer.chatmode.md", CHATMODE)
    out = tmp_path / "out"
    code, _, _ = run(capsys, str(source), "--to", "claude-code", "--out", str(out), "--flat")
    assert code == 0
    assert tree(out) == ["reviewer.md"]
    text = (out / "reviewer.md").read_text(encoding="utf-8")
    assert text.startswith("---\nname: reviewer\ndescription: 'Reviews code'\ntools: WebFetch\n")


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "reviewer.chatmode.md", CHATMODE)
    out = tmp_path / "out"
    code, stdout, _ = run(
        capsys, str(source), "--to", "vscode-agent", "--out", str(out), "--dry-run"
    )
    assert code == 0
    assert not out.exists()
    assert "(would write)" in stdout
    assert "  front matter:" in stdout
    assert "    name: Reviewer" in stdout
    assert stdout.splitlines()[-1] == "1 file would be exported, 0 would fail"
    # Nothing is written in JSON either, and the text is shown.
    code, stdout, _ = run(
        capsys,
        str(source),
        "--to",
        "vscode-agent",
        "--out",
        str(out),
        "--dry-run",
        "--format",
        "json",
    )
    report = json.loads(stdout)
    assert report["dry_run"] is True
    assert report["files"][0]["status"] == "would write"
    assert report["files"][0]["text"].startswith("---\nname: Reviewer\n")
    assert not out.exists()


def test_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "reviewer.chatmode.md", CHATMODE)
    out = tmp_path / "out"
    existing = write(out / "reviewer.agent.md", "mine\n")
    args = (str(source), "--to", "vscode-agent", "--out", str(out), "--flat")
    code, stdout, stderr = run(capsys, *args)
    assert code == 1
    assert "already exists; it was not overwritten" in stderr
    assert existing.read_text(encoding="utf-8") == "mine\n"
    assert stdout.splitlines()[-1] == "0 files exported, 1 failed"
    code, stdout, _ = run(capsys, *args, "--dry-run")
    assert code == 1 and existing.read_text(encoding="utf-8") == "mine\n"
    code, stdout, _ = run(capsys, *args, "--dry-run", "--force")
    assert code == 0 and "(would overwrite)" in stdout
    assert existing.read_text(encoding="utf-8") == "mine\n"
    code, stdout, _ = run(capsys, *args, "--force")
    assert code == 0 and "(overwritten)" in stdout
    assert existing.read_text(encoding="utf-8").startswith("---\nname: Reviewer\n")


def test_batch_reports_an_unreadable_file_and_exports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    write(library / "a.chatmode.md", CHATMODE)
    write(library / "b.chatmode.md", b"---\ndescription: caf\xe9\n---\n")  # not UTF-8
    write(library / "nested" / ".github" / "agents" / "c.md", AGENT)
    (library / "d.agent.md").symlink_to(library / "gone.md")  # dangling link
    out = tmp_path / "out"
    code, stdout, stderr = run(capsys, str(library), "--to", "vscode-chatmode", "--out", str(out))
    assert code == 1
    assert tree(out) == [".github/chatmodes/a.chatmode.md", ".github/chatmodes/c.chatmode.md"]
    assert "b.chatmode.md: This file is not valid UTF-8" in stderr
    assert "d.agent.md: This is a symbolic link" in stderr
    assert stdout.splitlines()[-1] == "2 files exported, 2 failed"


def test_batch_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "a.chatmode.md", CHATMODE)
    missing = tmp_path / "missing.agent.md"
    out = tmp_path / "out"
    code, stdout, _ = run(
        capsys,
        str(good),
        str(missing),
        "--to",
        "claude-code",
        "--out",
        str(out),
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(stdout)
    assert report["summary"] == {"exported": 1, "failed": 1}
    first, second = report["files"]
    assert first["status"] == "written"
    assert first["relative_path"] == ".claude/agents/a.md"
    assert {note["kind"] for note in first["notes"]} <= {"changed", "dropped", "unmapped", "added"}
    assert second["status"] == "failed"
    assert "does not exist" in second["error"]


def test_blocked_export_fails_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "quiet.chatmode.md", NO_DESCRIPTION)
    out = tmp_path / "out"
    args = (str(source), "--to", "claude-code", "--out", str(out))
    code, _, stderr = run(capsys, *args)
    assert code == 1
    assert "has errors, so it was not written" in stderr
    assert "'description': Claude Code requires one" in stderr
    assert "error missing-description" in stderr
    assert tree(out) == []
    code, stdout, _ = run(capsys, *args, "--force")
    assert code == 0
    assert "(written, with errors (--force))" in stdout
    assert tree(out) == [".claude/agents/quiet.md"]


def test_two_sources_for_one_file_in_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path / "x.chatmode.md", CHATMODE)
    second = write(tmp_path / "x.agent.md", AGENT)
    out = tmp_path / "out"
    code, _, stderr = run(
        capsys, str(first), str(second), "--to", "claude-code", "--out", str(out), "--force"
    )
    assert code == 1
    assert "is exported to the same file" in stderr
    text = (out / ".claude" / "agents" / "x.md").read_text(encoding="utf-8")
    assert "Reviews code" in text  # the first one, not overwritten by the second


def test_crlf_and_bom_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = b"\xef\xbb\xbf" + CHATMODE.replace("\n", "\r\n").encode("utf-8")
    source = write(tmp_path / "r.chatmode.md", data)
    out = tmp_path / "out"
    code, _, _ = run(capsys, str(source), "--to", "vscode-agent", "--out", str(out), "--flat")
    assert code == 0
    written = (out / "r.agent.md").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf---\r\nname: Reviewer\r\n")
    assert written.count(b"\n") == written.count(b"\r\n")
    assert written.endswith(b"---\r\n# Persona: Reviewer\r\n")


def test_an_agent_exported_to_its_own_format_is_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "helper.agent.md", AGENT)
    out = tmp_path / "out"
    code, stdout, _ = run(capsys, str(source), "--to", "vscode-agent", "--out", str(out))
    assert code == 0
    assert (out / ".github" / "agents" / "helper.agent.md").read_bytes() == source.read_bytes()
    assert stdout.splitlines()[1] == "1 file exported, 0 failed"  # no notes


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "r.chatmode.md", CHATMODE)
    not_a_folder = write(tmp_path / "file.txt", "x")
    code, _, stderr = run(capsys, str(source), "--to", "vscode-agent", "--out", str(not_a_folder))
    assert code == 2 and "is not a folder" in stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, stderr = run(capsys, str(empty), "--to", "vscode-agent", "--out", str(tmp_path))
    assert code == 2 and "no persona files found" in stderr
    with pytest.raises(SystemExit) as caught:
        main(["export", str(source), "--to", "cursor", "--out", str(tmp_path)])
    assert caught.value.code == 2
    capsys.readouterr()


def test_a_reserved_file_name_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "CON.chatmode.md", CHATMODE)
    ok = write(tmp_path / "fine.chatmode.md", CHATMODE)
    out = tmp_path / "out"
    code, _, stderr = run(capsys, str(source), str(ok), "--to", "vscode-agent", "--out", str(out))
    assert code == 1
    assert "device name that Windows reserves" in stderr
    assert tree(out) == [".github/agents/fine.agent.md"]
    assert not os.path.exists(out / ".github" / "agents" / "con.agent.md")


def test_json_reports_what_each_tool_became(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path / "src" / "reviewer.chatmode.md",
        "---\ndescription: 'Reviews code'\ntools: ['codebase', 'editFiles', 'runCommands', "
        "'github']\n---\n# Persona: Reviewer\n",
    )
    code, stdout, stderr = run(
        capsys,
        str(source),
        "--to",
        "claude-code",
        "--out",
        str(tmp_path / "ws"),
        "--format",
        "json",
        "--dry-run",
    )
    assert code == 0, stderr
    tools = json.loads(stdout)["files"][0]["tools"]
    assert tools["source"] == "3 named tools and tool sets, 1 whole MCP server"
    assert tools["written"] == "3 named tools and tool sets, 1 whole MCP server"
    assert not tools["same"]
    assert tools["kept"] == [
        {"tool": "editFiles", "status": "kept", "as": ["Read", "Edit"]},
        {"tool": "github", "status": "kept", "as": ["mcp__github__*"]},
    ]
    assert tools["partly"] == [
        {
            "tool": "runCommands",
            "status": "partly",
            "as": ["Bash"],
            "lost": ["read/terminalLastCommand", "read/terminalSelection"],
            "reason": "no Claude Code subagent tool does what 'read/terminalLastCommand', "
            "'read/terminalSelection' do",
        }
    ]
    assert tools["lost"] == [
        {
            "tool": "codebase",
            "status": "lost",
            "reason": "no Claude Code subagent tool does what 'search/codebase' does",
        }
    ]


def test_github_copilot_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "src" / "helper.agent.md", AGENT.replace("'search/codebase'", "'*'"))
    out = tmp_path / "ws"
    code, stdout, stderr = run(capsys, str(source), "--to", "github-copilot", "--out", str(out))
    assert code == 0, stderr
    assert tree(out) == [".github/agents/helper.agent.md"]
    written = (out / ".github" / "agents" / "helper.agent.md").read_text(encoding="utf-8")
    assert written == (
        "---\nname: Helper\ndescription: Helps.\ntools: ['*']\ntarget: github-copilot\n---\nBody.\n"
    )
    assert "  added: 'target': 'github-copilot' (read with GitHub's profile)" in stdout
