"""`persona-studio lint`: output formats, exit codes, unreadable files, folder walks and --fix."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import persona_studio
from persona_studio.cli import main
from persona_studio.core.lint import all_rules

CLEAN = "---\ndescription: Fine.\n---\nBody.\n"
# An unknown tool (an info: VS Code 1.140 shows it as a Hint), an info with a safe fix
# (renamed-tool) and an info (heading-increment).
WARN = "---\ndescription: x\ntools: ['codebase', 'nope']\n---\n# A\n### B\n"
ERROR = "---\ndescription: 12\n---\nBody.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["lint", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- text -----------------------------------------------------------------------------------


def test_text_lines_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warn = write(tmp_path / "w.agent.md", WARN)
    code, out, _ = run(capsys, str(warn))
    assert code == 0  # warnings and infos only
    assert out.splitlines() == [
        f"{warn}:3:10: info renamed-tool: Tool or toolset 'codebase' has been renamed, "
        "use 'search/codebase' instead.",
        f"{warn}:3:22: info unknown-tool: Unknown tool 'nope'.",
        f"{warn}:6:1: info heading-increment: Heading level 3 follows level 1; expected 2",
        "0 errors, 0 warnings, 3 infos in 1 file",
    ]


def test_exit_1_when_an_error_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path / "c.agent.md", CLEAN)
    error = write(tmp_path / "e.agent.md", ERROR)
    code, out, _ = run(capsys, str(clean), str(error))
    assert code == 1
    assert out.splitlines() == [
        f"{error}:2:14: error invalid-type: 'description' must be a string, not the number 12",
        "1 error, 0 warnings, 0 infos in 2 files",
    ]
    assert run(capsys, str(clean))[0] == 0


def test_target_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warn = write(tmp_path / "w.chatmode.md", WARN)
    code, out, _ = run(capsys, "--target", "vscode-chatmode", str(warn))
    assert code == 0
    assert "renamed-tool" not in out and "unknown-tool: Unknown tool 'nope'" in out
    _, out, _ = run(capsys, "--target", "vscode-agent", "--format", "json", str(warn))
    (result,) = json.loads(out)["files"]
    assert result["target"] == "vscode-agent"
    assert "renamed-tool" in {d["name"] for d in result["diagnostics"]}


# -- json -----------------------------------------------------------------------------------


def test_json_structure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warn = write(tmp_path / "w.agent.md", WARN)
    clean = write(tmp_path / "c.chatmode.md", CLEAN)
    code, out, _ = run(capsys, "--format", "json", str(warn), str(clean))
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"version", "files", "summary"}
    assert data["version"] == 1
    assert data["summary"] == {"files": 2, "error": 0, "warning": 1, "info": 3}
    first, second = data["files"]
    assert set(first) == {"path", "kind", "target", "diagnostics"}
    assert (first["path"], first["kind"], first["target"]) == (str(warn), "agent", "vscode-agent")
    # Today's VS Code reads a chat mode as a custom agent, and asks for the file to be renamed.
    assert (second["path"], second["kind"], second["target"]) == (
        str(clean),
        "chatmode",
        "vscode-agent",
    )
    assert [(d["name"], d["severity"], d["line"]) for d in second["diagnostics"]] == [
        ("kind-renamed", "warning", 1)
    ]
    keys = {
        "rule",
        "name",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
    }
    for diagnostic in first["diagnostics"]:
        assert set(diagnostic) == keys
    renamed, unknown, heading = first["diagnostics"]
    assert {k: renamed[k] for k in keys - {"fix", "message"}} == {
        "rule": "PS202",
        "name": "renamed-tool",
        "severity": "info",
        "line": 3,
        "column": 10,
        "end_line": 3,
        "end_column": 18,
    }
    start = WARN.index("'codebase'")
    assert renamed["fix"]["safe"] is True
    assert renamed["fix"]["edits"] == [
        {"start": start, "end": start + len("'codebase'"), "text": "'search/codebase'"}
    ]
    assert unknown["fix"] is None and heading["fix"] is None
    assert (unknown["severity"], unknown["line"], unknown["column"], unknown["end_column"]) == (
        "info",
        3,
        22,
        26,
    )


# -- sarif ----------------------------------------------------------------------------------


def test_sarif_structure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warn = write(tmp_path / "w.agent.md", WARN)
    code, out, _ = run(capsys, "--format", "sarif", str(warn))
    assert code == 0
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (run_,) = sarif["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [made.id for made in all_rules()]
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("PS202", "note"),
        ("PS201", "note"),
        ("PS304", "note"),
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == str(warn).replace(os.sep, "/")
        assert set(physical["region"]) >= {"startLine", "startColumn", "endLine", "endColumn"}
    assert results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 22
    (fix,) = results[0]["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"] == {"text": "'search/codebase'"}
    assert replacement["deletedRegion"]["startLine"] == 3
    assert "fixes" not in results[1]


def test_sarif_uris_are_encoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = write(tmp_path / "my notes" / "a#1.agent.md", WARN)
    _, out, _ = run(capsys, "--format", "sarif", str(odd))
    result = json.loads(out)["runs"][0]["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("/my%20notes/a%231.agent.md")


# -- github ---------------------------------------------------------------------------------


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warn = write(tmp_path / "w.agent.md", WARN)
    error = write(tmp_path / "e.agent.md", ERROR)
    code, out, _ = run(capsys, "--format", "github", str(warn), str(error))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 4
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),[^:]*::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed)
    assert [(m.group(1), m.group(3)) for m in parsed] == [
        ("notice", "3"),
        ("notice", "3"),
        ("notice", "6"),
        ("error", "2"),
    ]
    assert lines[1].startswith(f"::notice file={warn},line=3,")
    assert lines[1].endswith("::Unknown tool 'nope'.")


# -- usage errors ---------------------------------------------------------------------------


def test_bad_target_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path / "c.agent.md", CLEAN)
    with pytest.raises(SystemExit) as caught:
        main(["lint", "--target", "vscode-9", str(clean)])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_bad_format_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["lint", "--format", "xml", str(tmp_path)])
    assert caught.value.code == 2


@pytest.mark.parametrize(
    "config", ["select = [", 'select = ["no-such-rule"]', 'target = "vscode-9"']
)
def test_bad_config_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str
) -> None:
    clean = write(tmp_path / "c.agent.md", CLEAN)
    conf = write(tmp_path / "conf" / "lint.toml", config + "\n")
    code, out, err = run(capsys, "--config", str(conf), str(clean))
    assert code == 2
    assert out == ""
    assert err.startswith(f"persona-studio: {conf}: ")
    # The same config found upward from the file.
    write(tmp_path / "found" / ".persona-studio.toml", config + "\n")
    other = write(tmp_path / "found" / "c.agent.md", CLEAN)
    code, _, err = run(capsys, str(other))
    assert code == 2
    assert "Traceback" not in err


def test_missing_config_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = write(tmp_path / "c.agent.md", CLEAN)
    code, _, err = run(capsys, "--config", str(tmp_path / "none.toml"), str(clean))
    assert code == 2
    assert "cannot read the config" in err


def test_no_files_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "notes.md", CLEAN)
    code, out, err = run(capsys, str(tmp_path))
    assert code == 2
    assert out == ""
    assert "no persona files found" in err


def test_config_option_applies_to_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warn = write(tmp_path / "w.agent.md", WARN)
    conf = write(tmp_path / "lint.toml", 'select = ["unknown-tool"]\n')
    code, out, _ = run(capsys, "--config", str(conf), str(warn))
    assert code == 0
    assert out.splitlines() == [
        f"{warn}:3:22: info unknown-tool: Unknown tool 'nope'.",
        "0 errors, 0 warnings, 1 info in 1 file",
    ]


# -- files that cannot be read, and folders -------------------------------------------------


def test_unreadable_files_are_diagnostics_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / ".persona-studio.toml", "max-file-size = 1000\n")
    paths = [
        write(tmp_path / "latin1.agent.md", b"---\ndescription: caf\xe9\n---\n"),
        write(tmp_path / "nul.agent.md", b"abc\x00def"),
        write(tmp_path / "big.agent.md", "---\ndescription: x\n---\n" + "x" * 2000),
        tmp_path / "missing.agent.md",
        write(tmp_path / "good.agent.md", CLEAN),
    ]
    folder = tmp_path / "folder.chatmode.md"
    folder.mkdir()
    code, out, _ = run(capsys, "--format", "json", *map(str, paths))
    assert code == 1
    data = json.loads(out)
    assert [[d["name"] for d in f["diagnostics"]] for f in data["files"]] == [
        ["not-utf8"],
        ["binary-file"],
        ["file-too-large"],
        ["unreadable-file"],
        [],
    ]
    assert data["summary"] == {"files": 5, "error": 4, "warning": 0, "info": 0}
    for result in data["files"][:4]:
        (diagnostic,) = result["diagnostics"]
        assert (diagnostic["severity"], diagnostic["line"], diagnostic["column"]) == ("error", 1, 1)


def test_folders_are_walked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.chatmode.md", CLEAN)
    write(tmp_path / "b.agent.md", CLEAN)
    write(tmp_path / ".github" / "agents" / "c.md", CLEAN)
    write(tmp_path / ".claude" / "agents" / "d.md", "---\nname: d\ndescription: x\n---\n")
    write(tmp_path / "README.md", ERROR)
    code, out, _ = run(capsys, "--format", "json", str(tmp_path))
    assert code == 0
    data = json.loads(out)
    found = {Path(f["path"]).relative_to(tmp_path).as_posix(): f["target"] for f in data["files"]}
    assert found == {
        "a.chatmode.md": "vscode-agent",
        "b.agent.md": "vscode-agent",
        ".github/agents/c.md": "vscode-agent",
        ".claude/agents/d.md": "claude-code",
    }


# -- --fix ----------------------------------------------------------------------------------


def test_fix_applies_safe_fixes_and_reports_what_is_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (
        "\ufeff---\r\ndescription: x\r\ntools: ['codebase', 'nope', 'runTasks', 'nope']\r\n"
        "---\r\nUse #tool:fetch.\r\n"
    )
    path = write(tmp_path / "w.agent.md", original.encode("utf-8"))
    clean = write(tmp_path / "c.agent.md", CLEAN)
    before_clean = clean.read_bytes()
    code, out, _ = run(capsys, "--fix", str(path), str(clean))
    assert code == 0
    expected = (
        "\ufeff---\r\ndescription: x\r\ntools: ['search/codebase', 'nope', 'execute/runTask', "
        "'execute/createAndRunTask', 'execute/getTaskOutput']\r\n---\r\nUse #tool:web/fetch.\r\n"
    )
    assert path.read_bytes() == expected.encode("utf-8")  # BOM and CRLF kept
    assert clean.read_bytes() == before_clean
    assert out.splitlines() == [
        f"{path}:3:29: info unknown-tool: Unknown tool 'nope'.",
        f"{path}:5:11: warning tool-reference-disabled: The body uses #tool:web/fetch, which "
        "also needs to be enabled in the header's tools",
        "0 errors, 1 warning, 1 info in 2 files (4 fixes applied)",
    ]
    assert not list(tmp_path.glob("*.tmp")) and sorted(p.name for p in tmp_path.iterdir()) == [
        "c.agent.md",
        "w.agent.md",
    ]
    # Nothing left to fix: a second run changes nothing.
    code, out, _ = run(capsys, "--fix", str(path))
    assert path.read_bytes() == expected.encode("utf-8")
    assert out.splitlines()[-1] == "0 errors, 1 warning, 1 info in 1 file"


def test_fix_with_json_reports_the_remaining_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "w.agent.md", "---\ndescription: 1\ntools: [fetch]\n---\n")
    code, out, _ = run(capsys, "--fix", "--format", "json", str(path))
    assert code == 1
    (result,) = json.loads(out)["files"]
    assert [d["name"] for d in result["diagnostics"]] == ["invalid-type"]
    assert path.read_text(encoding="utf-8") == "---\ndescription: 1\ntools: [web/fetch]\n---\n"


def test_fix_respects_a_raised_size_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / ".persona-studio.toml", "max-file-size = 8_000_000\n")
    body = "x" * 6_000_000 + "\n"  # over the default 5 MB limit
    path = write(tmp_path / "big.agent.md", "---\ndescription: x\ntools: [fetch]\n---\n" + body)
    code, out, err = run(capsys, "--fix", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines() == ["0 errors, 0 warnings, 0 infos in 1 file (1 fix applied)"]
    assert path.read_text(encoding="utf-8").startswith("---\ndescription: x\ntools: [web/fetch]\n")


def test_a_fix_that_cannot_be_saved_is_reported_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from persona_studio.core.files import fileio

    def full_disk(step: str) -> None:
        if step == "write":
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "_checkpoint", full_disk)
    first = write(tmp_path / "a.agent.md", WARN)
    second = write(tmp_path / "b.agent.md", WARN)
    code, out, err = run(capsys, "--fix", str(first), str(second))
    assert code == 2
    assert first.read_text(encoding="utf-8") == WARN == second.read_text(encoding="utf-8")
    assert err.count("persona-studio: ") == 2
    assert f"persona-studio: {first}: " in err and "nothing was changed" in err
    assert out.splitlines()[-1] == "0 errors, 0 warnings, 6 infos in 2 files"


# -- the real entry point -------------------------------------------------------------------


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    warn = write(tmp_path / "w.agent.md", WARN)
    error = write(tmp_path / "e.agent.md", ERROR)
    src = str(Path(persona_studio.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "persona_studio", "lint", "--format", "json", str(warn), str(error)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["summary"] == {"files": 2, "error": 1, "warning": 0, "info": 3}


def test_the_program_reports_a_whole_batch_from_two_processes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Enough files for a second process: the program prints every file's findings and the
    summary, as one process does, and exits with the findings' code once it has left."""
    from persona_studio.core.lint.runner import PARALLEL_THRESHOLD

    for number in range(PARALLEL_THRESHOLD + 30):
        write(tmp_path / f"{number:03d}.agent.md", ERROR if number == 150 else WARN)
    _, serial, _ = run(capsys, "--jobs", "1", str(tmp_path))
    src = str(Path(persona_studio.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "persona_studio", "lint", "--jobs", "2", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == serial
    assert serial.splitlines()[-1] == "1 error, 0 warnings, 687 infos in 230 files"
