"""`persona-studio lint` does each piece of work once (issue 20, batch lint): the `--config` file
is read once however many files there are, and `--fix` does not lint a file again to find the
fixes the report's lint already found. Each file's result stays what it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.cli import lint as lint_cli
from persona_studio.cli import main
from persona_studio.core.files import settings_files
from persona_studio.core.lint import runner

OLD_TOOLS = "---\ndescription: x\ntools: ['codebase']\n---\n# A\n"  # a safe fix: renamed tool
FIXED = "---\ndescription: x\ntools: ['search/codebase']\n---\n# A\n"
CLEAN = "---\ndescription: x\ntools: ['search/codebase']\n---\n# B\n"


def test_a_config_file_is_read_once_for_all_files_and_fixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "lint.toml"
    config.write_text('ignore = ["section-order"]\n', encoding="utf-8")
    for number in range(4):
        (tmp_path / f"p{number}.agent.md").write_text(OLD_TOOLS, encoding="utf-8")
    reads: list[str] = []
    real_read = settings_files.read_settings_text

    def counting_read(path, what):
        reads.append(str(path))
        return real_read(path, what)

    monkeypatch.setattr(settings_files, "read_settings_text", counting_read)
    code = main(["lint", "--fix", "--jobs", "1", "--config", str(config), str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert reads.count(str(config)) == 1
    assert all(path.read_text(encoding="utf-8") == FIXED for path in tmp_path.glob("*.agent.md"))


def test_fix_lints_a_file_once_per_pass_not_once_more_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixable = tmp_path / "a.agent.md"
    fixable.write_text(OLD_TOOLS, encoding="utf-8")
    clean = tmp_path / "b.agent.md"
    clean.write_text(CLEAN, encoding="utf-8")
    linted: list[str] = []

    def counting(module):
        real = module.lint_document

        def lint_document(document, **options):
            linted.append(document.text)
            return real(document, **options)

        monkeypatch.setattr(module, "lint_document", lint_document)

    counting(runner)  # the report's lint, file by file
    counting(lint_cli)  # the fixes' lint
    code = main(["lint", "--fix", "--jobs", "1", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert fixable.read_text(encoding="utf-8") == FIXED
    # The fixable file: the report's lint, then one lint of the fixed text (which finds nothing
    # left to fix). The clean file: the report's lint only.
    assert linted.count(OLD_TOOLS) == 1
    assert linted.count(FIXED) == 1
    assert linted.count(CLEAN) == 1
    assert "(1 fix applied)" in out
