"""The comparison matrix's Source menu: "Workspace" fills the matrix with the personas of the open
workspace (or of a folder the user picks when none is open), read on the window's worker with
progress and Stop; Reload reads the workspace again."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from _team import make_team
from persona_studio.gui.compare import matrix_sources
from persona_studio.gui.compare.matrix import CompareMatrixWindow
from persona_studio.gui.compare.matrix_model import TOOL
from persona_studio.gui.compare.matrix_sources import WORKSPACE, Source
from persona_studio.gui.theme import DARK, LIGHT

PERSONAS = Path(__file__).resolve().parents[3] / "personas"
TEAM_LABELS = ["coder", "planner", "tester", "testing"]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return make_team(tmp_path / "team")


def make_window(qtbot, workspace_root=None, theme=LIGHT) -> CompareMatrixWindow:
    window = CompareMatrixWindow(theme, [str(PERSONAS)], workspace_root=workspace_root)
    qtbot.addWidget(window)
    window.resize(1100, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


def labels(window: CompareMatrixWindow) -> list[str]:
    return sorted(p.label for p in window.model.matrix.personas)


def test_the_source_menu_offers_the_workspace(qtbot) -> None:
    window = make_window(qtbot)
    texts = [a.text().replace("&", "") for a in window.source_button.menu().actions()]
    assert texts == ["Files…", "Folder…", "Library", "Workspace"]
    assert window.source_button.isVisible()


def test_workspace_fills_the_matrix_with_the_open_workspace(qtbot, team, monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: asked.append(a) or "")
    window = make_window(qtbot, workspace_root=lambda: str(team))
    assert len(window.model.matrix.personas) == 11  # the library first
    window.workspace_source_action.trigger()
    assert window.stop_button.isVisible() or not window.is_loading()
    assert window.wait_until_loaded()
    assert asked == []  # a workspace is open: no folder asked for
    assert labels(window) == TEAM_LABELS
    assert window.source == Source(WORKSPACE, (str(team),))
    assert window.windowTitle() == "Compare 4 Personas of the Workspace — Persona Studio"
    assert window.progress_label.text() == f"Workspace {team}"
    assert not window.stop_button.isVisible()
    tools = {row.name: row.values for row in window.model.rows() if row.kind == TOOL}
    order = [p.label for p in window.model.matrix.personas]
    assert tools["agent"][order.index("planner")] is True
    assert tools["Bash"][order.index("tester")] is True
    assert not any(tools["Bash"][order.index(name)] for name in ("planner", "coder", "testing"))
    assert window.summary_label.text().startswith("4 personas · ")


def test_with_no_workspace_open_a_folder_is_asked_for(qtbot, team, monkeypatch) -> None:
    asked = []

    def pick(parent, title, folder):
        asked.append(title)
        return str(team)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", pick)
    window = make_window(qtbot, workspace_root=lambda: None)
    window.workspace_source_action.trigger()
    assert window.wait_until_loaded()
    assert asked == ["Compare the Personas of the Workspace"]
    assert labels(window) == TEAM_LABELS


def test_a_cancelled_folder_dialog_keeps_the_matrix(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: "")
    window = make_window(qtbot)  # no workspace commands at all
    window.workspace_source_action.trigger()
    assert not window.is_loading()
    assert len(window.model.matrix.personas) == 11


def test_stop_keeps_the_matrix_shown(qtbot, team, monkeypatch) -> None:
    release = threading.Event()
    real_read = matrix_sources.read_text

    def slow_read(path):  # the worker waits here until the test has pressed Stop
        release.wait(10)
        return real_read(path)

    monkeypatch.setattr(matrix_sources, "read_text", slow_read)
    window = make_window(qtbot, workspace_root=lambda: str(team))
    window.workspace_source_action.trigger()
    qtbot.waitUntil(lambda: window.progress_label.text().startswith("Reading 0 of 4"))
    assert window.stop_button.isVisible()
    window.stop_button.click()
    release.set()
    assert window.wait_until_loaded()
    assert window.progress_label.text() == "Stopped: the matrix shows what was read before"
    assert len(window.model.matrix.personas) == 11  # still the library
    assert window.source.kind != WORKSPACE
    assert not window.stop_button.isVisible()


def test_reload_reads_the_workspace_again(qtbot, team) -> None:
    window = make_window(qtbot, workspace_root=lambda: str(team))
    window.workspace_source_action.trigger()
    assert window.wait_until_loaded()
    reviewer = team / ".github" / "agents" / "reviewer.agent.md"
    reviewer.write_text("---\ndescription: Reviews\ntools: ['search/codebase']\n---\n# R\n")
    (team / "notes.md").write_text("# Not a persona\n")
    window.reload_action.trigger()
    assert window.wait_until_loaded()
    assert labels(window) == sorted([*TEAM_LABELS, "reviewer"])


def test_a_workspace_source_given_at_opening_is_read_on_the_worker(qtbot, team) -> None:
    window = CompareMatrixWindow(
        DARK, [str(team)], source=Source(WORKSPACE, (str(team),)), workspace_root=lambda: None
    )
    qtbot.addWidget(window)
    assert window.wait_until_loaded()
    assert labels(window) == TEAM_LABELS


def test_picture_of_the_matrix_of_a_workspace(qtbot, team, tmp_path) -> None:
    window = make_window(qtbot, workspace_root=lambda: str(team))
    window.workspace_source_action.trigger()
    assert window.wait_until_loaded()
    path = tmp_path / "matrix-workspace.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 0
