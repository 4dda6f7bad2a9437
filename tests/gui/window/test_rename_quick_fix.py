"""The quick fix for "Chat modes have been renamed to agents": the file moves to .agent.md (from
.github/chatmodes to .github/agents), saved atomically, and Edit > Undo Rename moves it back."""

from __future__ import annotations

import shutil

import pytest

from _shared import SEED
from persona_studio.gui.window.main_window import DISCARD, MainWindow


@pytest.fixture
def window(qtbot, monkeypatch):
    made = MainWindow()
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        made.interaction, "show_error", lambda title, message: errors.append((title, message))
    )
    made.errors = errors
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    return made


def _select(window, rule: str) -> None:
    panel = window.validator
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, 1).data() == rule:
            panel.view.setCurrentIndex(panel.proxy.index(row, 0))
            return
    raise AssertionError(f"no {rule} row")


def test_the_chat_mode_moves_to_the_agents_folder_and_back(window, tmp_path):
    repo = tmp_path / "repo"
    old = repo / ".github" / "chatmodes" / "backend.chatmode.md"
    old.parent.mkdir(parents=True)
    shutil.copyfile(SEED, old)
    session = window.open_file(str(old))
    assert [d.name for d in session.diagnostics if d.name == "kind-renamed"] == ["kind-renamed"]

    _select(window, "kind-renamed")
    assert "Rename the file to ../../.github/agents/backend.agent.md" in (
        window.validator.quick_fix_button.toolTip()
    )
    assert window.validator.quick_fix()

    new = repo / ".github" / "agents" / "backend.agent.md"
    assert session.path == str(new)
    assert new.read_bytes() == SEED.read_bytes()  # the same bytes, in the new place
    assert not old.exists()
    assert session.file_kind.kind == "agent"
    assert "kind-renamed" not in [d.name for d in session.diagnostics]
    assert window.renamer.undo_action.isEnabled()

    window.renamer.undo_action.trigger()
    assert session.path == str(old)
    assert old.read_bytes() == SEED.read_bytes() and not new.exists()
    assert "kind-renamed" in [d.name for d in session.diagnostics]
    assert not window.renamer.undo_action.isEnabled()
    assert window.errors == []


def test_an_existing_file_is_never_overwritten(window, tmp_path):
    old = tmp_path / "backend.chatmode.md"
    shutil.copyfile(SEED, old)
    taken = tmp_path / "backend.agent.md"
    taken.write_text("mine\n", encoding="utf-8")
    session = window.open_file(str(old))
    _select(window, "kind-renamed")
    window.validator.quick_fix()
    assert taken.read_text(encoding="utf-8") == "mine\n"
    assert old.exists() and session.path == str(old)
    assert [title for title, _ in window.errors] == ["Cannot Rename"]
