"""`persona-studio diff` and `persona-studio compare`: formats, JSON shape, options, exit codes
(0 equal / 1 differ / 2 error) and escaping in HTML."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from _shared import LIBRARY
from persona_studio.cli import main

HOSTILE = "<script>alert('x')</script>"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pair(tmp_path: Path, seed_text: str) -> tuple[Path, Path]:
    """The seed and a copy with a tool added, a section removed and a word changed."""
    edited = seed_text.replace("'usages', ", "'usages', 'todo', ", 1)
    edited = edited.replace("Backend specialist focused", "Backend expert focused", 1)
    start = edited.index("## Tech Stack Focus")
    end = edited.index("## When to Use This Persona")
    edited = edited[:start] + edited[end:]
    return write(tmp_path / "a.chatmode.md", seed_text), write(tmp_path / "b.chatmode.md", edited)


# -- diff: exit codes -------------------------------------------------------------------------


def test_equal_files_exit_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_text: str
) -> None:
    a = write(tmp_path / "a.md", seed_text)
    b = write(tmp_path / "b.md", seed_text)
    code, out, err = run(capsys, "diff", str(a), str(b))
    assert (code, out, err) == (0, "No differences.\n", "")
    code, out, _ = run(capsys, "diff", str(a), str(b), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["similarity"] == 1.0 and data["hunks"] == []


def test_different_files_exit_1(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    a, b = pair
    code, out, err = run(capsys, "diff", str(a), str(b))
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[:2] == [f"--- {a}", f"+++ {b}"]
    assert "-## Tech Stack Focus" in lines
    summary = lines[lines.index("Summary:") :]
    assert "  tool added: todo" in summary
    assert "  section removed: Tech Stack Focus" in summary
    assert any(line.startswith("  description: 'Backend specialist") for line in summary)
    assert summary[-1].startswith("similarity ")


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_unreadable_file_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    a = write(tmp_path / "a.md", "# A\n")
    code, out, err = run(capsys, "diff", str(a), str(tmp_path / "missing.md"), "--format", fmt)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("persona-studio: ") and "missing.md" in err and "does not exist" in err


def test_binary_file_and_folder_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", "# A\n")
    binary = tmp_path / "b.md"
    binary.write_bytes(b"# B\x00\x01\n")
    for other in (binary, tmp_path):
        code, out, err = run(capsys, "diff", str(a), str(other))
        assert code == 2 and out == "" and len(err.splitlines()) == 1


# -- diff: JSON -------------------------------------------------------------------------------


def test_json_shape(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]) -> None:
    a, b = pair
    code, out, _ = run(capsys, "diff", str(a), str(b), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert {"similarity", "stats", "semantic", "hunks"} <= set(data)
    assert 0.0 < data["similarity"] < 1.0
    assert set(data["stats"]) >= {
        "lines_added",
        "lines_removed",
        "words_added",
        "words_removed",
        "tokens_added",
        "tokens_removed",
    }
    assert data["stats"]["lines_removed"] == 8  # the section, its blank line, tools, description
    semantic = data["semantic"]
    assert set(semantic["keys"]) >= {"added", "removed", "changed"}
    assert semantic["keys"]["changed"] == ["tools", "description"]
    assert semantic["keys"]["added"] == semantic["keys"]["removed"] == []
    assert semantic["tools"]["added"] == ["todo"]
    assert semantic["tools"]["removed"] == []
    assert semantic["sections"]["added"] == []
    assert semantic["sections"]["removed"] == ["Tech Stack Focus"]
    assert semantic["sections"]["moved"] == []
    assert semantic["sections"]["changed"] == []

    hunks = data["hunks"]
    assert [hunk["header"] for hunk in hunks] == ["@@ -1,6 +1,6 @@", "@@ -58,12 +58,6 @@"]
    description = next(
        line
        for line in hunks[0]["lines"]
        if line["kind"] == "delete" and line["text"].startswith("description:")
    )
    start, end = description["highlights"][0]
    assert description["text"][start:end] == "specialist"
    assert description["a_line"] == 3 and description["b_line"] is None
    added = [line for line in hunks[0]["lines"] if line["kind"] == "insert"]
    assert [line["b_line"] for line in added] == [2, 3]


def test_semantic_only(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]) -> None:
    a, b = pair
    code, out, _ = run(capsys, "diff", str(a), str(b), "--semantic-only")
    assert code == 1
    assert "@@" not in out and "---" not in out
    assert out.startswith("Summary:\n")
    code, out, _ = run(capsys, "diff", str(a), str(b), "--semantic-only", "--format", "json")
    assert json.loads(out)["hunks"] == []


def test_semantic_only_exit_follows_the_meaning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a = write(tmp_path / "a.md", "---\ndescription: d\nname: n\n---\n# T\n\n## S\ntext\n")
    b = write(tmp_path / "b.md", "---\nname: n\ndescription: d\n---\n# T\n\n## S\ntext   \n\n")
    assert run(capsys, "diff", str(a), str(b))[0] == 1
    assert run(capsys, "diff", str(a), str(b), "--semantic-only")[0] == 0


def test_ignore_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", "# T\n\n- Be  conservative\n- Second\n")
    b = write(tmp_path / "b.md", "# T\n\n\n-  be conservative  \n- second\n")
    assert run(capsys, "diff", str(a), str(b))[0] == 1
    assert run(capsys, "diff", str(a), str(b), "--ignore-whitespace")[0] == 1
    # An added blank line is still a change (as with git diff -w) until blank lines are ignored.
    assert run(capsys, "diff", str(a), str(b), "--ignore-whitespace", "--ignore-case")[0] == 1
    code = run(capsys, "diff", str(a), str(b), "-w", "-i", "--ignore-blank-lines")[0]
    assert code == 0
    code, out, _ = run(capsys, "diff", str(a), str(b), "-w", "-i", "-B", "--format", "json")
    assert code == 0 and json.loads(out)["hunks"] == []


def test_match_renamed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", "---\ntools: ['codebase', 'fetch']\n---\n")
    b = write(tmp_path / "b.md", "---\ntools: ['search/codebase', 'web/fetch']\n---\n")
    _, out, _ = run(capsys, "diff", str(a), str(b), "--format", "json")
    assert json.loads(out)["semantic"]["tools"]["removed"] == ["codebase", "fetch"]
    _, out, _ = run(capsys, "diff", str(a), str(b), "--format", "json", "--match-renamed")
    tools = json.loads(out)["semantic"]["tools"]
    assert tools["added"] == tools["removed"] == []
    assert tools["renamed"] == [["codebase", "search/codebase"], ["fetch", "web/fetch"]]


# -- diff: HTML -------------------------------------------------------------------------------


def test_html_escapes_hostile_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", "---\ndescription: safe\n---\n# T\n\n## S\n- one & two\n")
    b = write(
        tmp_path / "b.md",
        f'---\ndescription: "{HOSTILE}"\n---\n# T\n\n## {HOSTILE}\n- one & <b>two</b>\n',
    )
    code, out, _ = run(capsys, "diff", str(a), str(b), "--format", "html")
    assert code == 1
    assert out.startswith("<!DOCTYPE html>")
    assert "<script" not in out.lower()
    assert "<b>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    # Word highlights wrap escaped text.
    assert "+- one &amp; <ins>&lt;b&gt;</ins>two<ins>&lt;/b&gt;</ins>" in out
    assert "+## <ins>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</ins>" in out
    assert "<li>section added: &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</li>" in out


# -- compare ----------------------------------------------------------------------------------


def test_compare_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", str(LIBRARY), "--width", "100")
    assert code == 0 and err == ""
    assert out.startswith("Personas (")
    for name in ("backend", "frontend", "security"):
        assert f"  {name}" in out
    assert "  Core Belief" in out and "  codebase" in out
    assert all(len(line) <= 100 for line in out.splitlines() if "/" not in line)


def test_compare_json_csv_html(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(LIBRARY / "backend.chatmode.md"), str(LIBRARY / "qa.chatmode.md")]
    code, out, _ = run(capsys, "compare", *files, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [p["name"] for p in data["personas"]] == ["backend", "qa"]
    assert all(len(row["marks"]) == 2 for row in data["tools"])
    assert all(len(row["states"]) == 2 for row in data["sections"])

    code, out, _ = run(capsys, "compare", *files, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["kind", "name", "backend", "qa"]

    code, out, _ = run(capsys, "compare", *files, "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "<script" not in out


def test_compare_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "compare", str(empty))
    assert code == 2 and out == "" and "no persona files found" in err

    good = write(tmp_path / "good.agent.md", "# Good\n")
    code, out, err = run(capsys, "compare", str(good), str(tmp_path / "gone.agent.md"))
    assert code == 2
    assert len(err.splitlines()) == 1 and "gone.agent.md" in err
    assert "good" in out and "error: " in out
