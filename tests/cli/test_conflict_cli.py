"""`lint --fix` and `edit --write` never overwrite a file that changed on disk while they ran: the
user's edit survives, the file is reported and the command exits 1, and the other files go on.
A save that fails (full disk) exits 2.

(The reported data loss: `lint --fix` over 3,000 files wrote its fixes over an edit saved while
it ran.)
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from persona_studio.cli import edit as edit_cli
from persona_studio.cli import lint as lint_cli
from persona_studio.cli import main

# Each has a safe fix (a renamed tool), so --fix writes it.
OLD_TOOLS = "---\ndescription: x\ntools: ['codebase']\n---\n# A\n"
FIXED = "---\ndescription: x\ntools: ['search/codebase']\n---\n# A\n"
USERS_EDIT = "---\ndescription: x\ntools: ['codebase']\n---\n# Z\n"  # same size as OLD_TOOLS


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- lint --fix -----------------------------------------------------------------------------


def test_lint_fix_keeps_an_edit_saved_while_fixing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write(tmp_path / "a.agent.md", OLD_TOOLS)
    second = write(tmp_path / "b.agent.md", OLD_TOOLS)
    real_fix = lint_cli.fix_until_stable

    def user_saves_while_fixing(text, lint, **options):
        result = real_fix(text, lint, **options)
        if not (tmp_path / "edited").exists():  # the first file, once
            (tmp_path / "edited").touch()
            write(first, USERS_EDIT)  # same size: only the hash can tell
        return result

    monkeypatch.setattr(lint_cli, "fix_until_stable", user_saves_while_fixing)
    code, out, err = run(capsys, "lint", "--fix", str(first), str(second))
    assert code == 1
    assert first.read_text(encoding="utf-8") == USERS_EDIT  # the user's edit survives
    assert second.read_text(encoding="utf-8") == FIXED  # the others go on
    assert err == f"persona-studio: {first} changed on disk while being fixed; not written\n"
    assert out.splitlines()[-1].endswith("(1 fix applied)")


def test_lint_fix_keeps_an_edit_saved_between_the_lint_and_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many files are linted by worker processes long before their fixes are written: the file
    # must be the one those workers read, not the one on disk when the fix is made.
    first = write(tmp_path / "a.agent.md", OLD_TOOLS)
    second = write(tmp_path / "b.agent.md", OLD_TOOLS)
    real_lint_paths = lint_cli.lint_paths

    def user_saves_after_the_read(paths, **options) -> Iterator:
        for result in real_lint_paths(paths, **options):
            if result.path == str(first):
                write(first, USERS_EDIT + "more\n")
            yield result

    monkeypatch.setattr(lint_cli, "lint_paths", user_saves_after_the_read)
    code, _, err = run(capsys, "lint", "--fix", str(first), str(second))
    assert code == 1
    assert first.read_text(encoding="utf-8") == USERS_EDIT + "more\n"
    assert second.read_text(encoding="utf-8") == FIXED
    assert err == f"persona-studio: {first} changed on disk while being fixed; not written\n"


def test_lint_fix_does_not_bring_back_a_file_deleted_while_fixing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.agent.md", OLD_TOOLS)
    real_fix = lint_cli.fix_until_stable

    def user_deletes_while_fixing(text, lint, **options):
        path.unlink()
        return real_fix(text, lint, **options)

    monkeypatch.setattr(lint_cli, "fix_until_stable", user_deletes_while_fixing)
    code, _, err = run(capsys, "lint", "--fix", str(path))
    assert code == 1
    assert not path.exists()
    assert err == f"persona-studio: {path} was removed while being fixed; not written\n"


def test_lint_fix_writes_a_file_nobody_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.agent.md", OLD_TOOLS.replace("\n", "\r\n"))
    code, _, err = run(capsys, "lint", "--fix", str(path))
    assert (code, err) == (0, "")
    assert path.read_bytes() == FIXED.replace("\n", "\r\n").encode()


# -- edit --write ---------------------------------------------------------------------------


def test_edit_write_keeps_an_edit_saved_while_editing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write(tmp_path / "a.agent.md", OLD_TOOLS)
    second = write(tmp_path / "b.agent.md", OLD_TOOLS)
    real_apply = edit_cli.apply_operations
    calls = []

    def user_saves_while_editing(document, ops, say=None):
        calls.append(document)
        if len(calls) == 1:
            write(first, USERS_EDIT)
        return real_apply(document, ops, say)

    monkeypatch.setattr(edit_cli, "apply_operations", user_saves_while_editing)
    code, out, err = run(
        capsys, "edit", str(first), str(second), "--set", "description=y", "--write"
    )
    assert code == 1
    assert first.read_text(encoding="utf-8") == USERS_EDIT
    assert second.read_text(encoding="utf-8") == OLD_TOOLS.replace("x", "y")
    assert err == f"persona-studio: {first} changed on disk while being edited; not written\n"
    assert out == f"changed: {second}\n"


def test_edit_write_reports_a_failed_save_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from persona_studio.core.files import fileio

    first = write(tmp_path / "a.agent.md", "\ufeff" + OLD_TOOLS.replace("\n", "\r\n"))
    second = write(tmp_path / "b.agent.md", OLD_TOOLS)
    writes = []

    def first_write_fails(step: str) -> None:
        if step == "write":
            writes.append(step)
            if len(writes) == 1:
                raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "_checkpoint", first_write_fails)
    code, out, err = run(
        capsys, "edit", str(first), str(second), "--set", "description=y", "--write"
    )
    assert code == 2
    assert first.read_bytes() == ("\ufeff" + OLD_TOOLS.replace("\n", "\r\n")).encode()
    assert second.read_text(encoding="utf-8") == OLD_TOOLS.replace("x", "y")
    assert err.startswith(f"persona-studio: {first}: The disk is full")
    assert out == f"changed: {second}\n"


def test_edit_write_keeps_bom_and_newlines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.agent.md", "\ufeff" + OLD_TOOLS.replace("\n", "\r\n"))
    code, out, err = run(capsys, "edit", str(path), "--set", "description=y", "--write")
    assert (code, out, err) == (0, f"changed: {path}\n", "")
    expected = "\ufeff" + OLD_TOOLS.replace("x", "y").replace("\n", "\r\n")
    assert path.read_bytes() == expected.encode()
