"""Text output never hands file content to the terminal raw: escape sequences are printed, not
obeyed, and a line of `lint`/`show` output is always one line (issue 21, item 9). JSON and SARIF
are unchanged. Also: the size limit of show, diff and edit can be raised (item 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from persona_studio.cli import main
from persona_studio.cli.terminal import escape_line, escape_text

TITLE = "\x1b]0;TITLE\x07"
CLEAR = "\x1b[2J"
HIDE = "\x1b[8m"
HOSTILE = (  # YAML writes the escapes (\e is ESC, \a is BEL); the body holds them raw
    "---\n"
    'description: "d \\e]0;TITLE\\a\\e[2J\\e[8m"\n'
    "tools: ['fine', \"evil\\nINJECTED.md:1:1: error forged\"]\n"
    "---\n"
    f"# Title {CLEAR}\n\n## Section {HIDE}\n\nbody \x9b31m \u202eevil\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def raw_controls(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "h.agent.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_escape_line_keeps_one_line() -> None:
    assert escape_line("a\nb\rc\x1b[2J\u2028\u202e") == "a\\nb\\rc\\x1b[2J\\u2028\\u202e"
    assert escape_text("a\x1b\nb") == "a\\x1b\nb"
    assert escape_line("plain ✓ tab\tok") == "plain ✓ tab\tok"


def test_lint_text_cannot_forge_a_line(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "lint", "--jobs", "1", str(hostile))
    assert not raw_controls(out)
    # Every line is a finding of this file or the summary: no forged INJECTED.md line.
    lines = out.splitlines()
    assert not any(line.startswith("INJECTED.md") for line in lines)
    assert all(line.startswith(str(hostile)) for line in lines[:-1])
    assert "INJECTED.md" in out  # still shown, on the tool's own line


def test_lint_json_and_sarif_are_unchanged(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "lint", "--jobs", "1", "--format", "json", str(hostile))
    messages = [d["message"] for f in json.loads(out)["files"] for d in f["diagnostics"]]
    assert any("evil\nINJECTED.md" in m for m in messages)  # JSON keeps the real text
    _, out, _ = run(capsys, "lint", "--jobs", "1", "--format", "sarif", str(hostile))
    assert "evil\\nINJECTED.md" in out  # JSON's own escape


def test_show_prints_escapes_not_sequences(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", str(hostile))
    assert code == 0
    assert not raw_controls(out) and "\u202e" not in out
    assert "\\x1b]0;TITLE\\x07" in out and "\\x1b[2J" in out and "\\x1b[8m" in out
    assert "evil\\nINJECTED.md" in out


def test_show_json_is_unchanged(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "--format", "json", str(hostile))
    assert json.loads(out)["front_matter"]["description"] == f"d {TITLE}{CLEAR}{HIDE}"


def test_diff_text_prints_escapes(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "o.agent.md"
    other.write_text(HOSTILE.replace("body", "BODY"), encoding="utf-8")
    code, out, _ = run(capsys, "diff", str(hostile), str(other))
    assert code == 1
    assert not raw_controls(out) and "\\x1b[8m" in out


def test_export_dry_run_prints_escapes(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    named = hostile.rename(tmp_path / f"h{CLEAR}.agent.md")
    _, out, err = run(
        capsys,
        "export",
        "--to",
        "claude-code",
        "--out",
        str(tmp_path / "out"),
        "--dry-run",
        str(named),
    )
    assert not raw_controls(out + err)
    assert "h\\x1b[2J.agent.md ->" in out


def test_a_file_name_with_escapes_is_escaped_in_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / f"x{CLEAR}\nINJECTED.md"
    code, _, err = run(capsys, "show", str(name))
    assert code == 2
    assert not raw_controls(err) and len(err.splitlines()) == 1


def test_size_limit_option_of_show_diff_and_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.agent.md"
    path.write_text("---\ndescription: x\n---\n# A\n" + "word " * 400, encoding="utf-8")
    code, _, err = run(capsys, "show", "--max-size", "100", str(path))
    assert code == 2 and "--max-size" in err and "configurable" not in err
    assert run(capsys, "show", "--max-size", "10000", str(path))[0] == 0
    assert run(capsys, "diff", "--max-size", "10000", str(path), str(path))[0] == 0
    assert run(capsys, "diff", "--max-size", "100", str(path), str(path))[0] == 2
    code, out, _ = run(
        capsys, "edit", "--max-size", "10000", str(path), "--set", "description=y", "--stdout"
    )
    assert code == 0 and "description: y" in out
