"""The Problems panel and `persona-studio lint` give the same diagnostics for the same file and
settings: every real file of ../shared/corpus (2025 chat modes and agents, and the 2026 agents,
skills and Claude Code subagents laid out as a repository) is opened in a session, as the window
opens it, and its diagnostics are compared one by one with the command's."""

from __future__ import annotations

from pathlib import Path

from _shared import corpus_files, shared_path
from persona_studio.core.lint import collect_files, lint_file
from persona_studio.gui.editor.session import DocumentSession


def _as_rows(diagnostics) -> list[tuple]:
    return [
        (d.rule, d.severity.label, d.span.start, d.span.end, d.message, d.fix is not None)
        for d in diagnostics
    ]


def _compare(paths: list[str]) -> int:
    compared = 0
    for path in paths:
        cli = lint_file(path)
        # The window passes its preferences' default target; a saved file ignores it.
        session = DocumentSession.open(path, default_target="claude-code")
        try:
            assert session.target == cli.target, path
            assert session.file_kind.kind == cli.kind, path
            assert _as_rows(session.diagnostics) == _as_rows(cli.diagnostics), path
        finally:
            session.deleteLater()
        compared += 1
    return compared


def test_every_2025_file_gets_the_same_diagnostics(qtbot):
    files = [str(path) for path in corpus_files()]
    assert _compare(files) == len(files) > 50


def test_every_2026_file_gets_the_same_diagnostics(qtbot):
    folder = shared_path("corpus", "2026")
    files = collect_files([str(folder)])
    assert len(files) == 69
    assert _compare(files) == 69
    assert {Path(path).name for path in files if path.endswith("SKILL.md")} == {"SKILL.md"}
