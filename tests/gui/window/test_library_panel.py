"""The library panel: shipped personas, the user's folders, search, open and compare."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from persona_studio.core import library as library_module
from persona_studio.core.resources import personas_dir
from persona_studio.gui.theme import DARK, LIGHT
from persona_studio.gui.window.library_panel import KindRole, LibraryPanel

PERSONA = "---\ntools: ['{tool}']\ndescription: '{description}'\n---\n\n# Persona: {name}\n"


def write_persona(folder: Path, name: str, description: str, tool: str = "codebase") -> Path:
    path = folder / f"{name}.chatmode.md"
    text = PERSONA.format(tool=tool, description=description, name=name.title())
    path.write_text(text, encoding="utf-8")
    return path


def make_panel(qtbot, theme=LIGHT) -> LibraryPanel:
    panel = LibraryPanel(theme)
    qtbot.addWidget(panel)
    panel.resize(320, 700)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.wait_until_loaded()
    return panel


@pytest.fixture
def panel(qtbot) -> LibraryPanel:
    return make_panel(qtbot)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    write_persona(folder, "reviewer", "Reviews pull requests carefully", "githubRepo")
    write_persona(folder, "writer", "Writes onboarding guides")
    (folder / "broken.agent.md").write_bytes(b"\x00\x01 binary")
    return folder


def visible_names(panel: LibraryPanel) -> list[str]:
    return [entry.name for entry in panel.visible_entries()]


def entry_index(panel: LibraryPanel, name: str):
    for index in panel._entry_indexes():
        if index.data() == name:
            return index
    raise AssertionError(f"{name} is not shown")


def test_scanning_shows_loading_then_the_shipped_library(qtbot):
    panel = LibraryPanel(LIGHT)
    qtbot.addWidget(panel)
    # the scan runs on a pool thread; its result arrives through the event loop
    group = panel.model.item(0)
    assert group.text() == "Shipped library"
    assert group.child(0).text() == "Loading…"
    assert panel.is_loading()
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        pass
    assert not panel.is_loading()
    assert len(panel.visible_entries()) == 11
    backend = next(e for e in panel.entries() if e.name == "backend")
    assert backend.path == str(Path(personas_dir()) / "backend.chatmode.md")
    assert backend.description.startswith("Backend specialist")


def test_loading_is_muted_and_upright_and_an_empty_folder_muted_in_italics(qtbot, tmp_path):
    """ "Loading…" shows at every start: upright, it needs no italic font face of its own."""
    panel = LibraryPanel(LIGHT)
    qtbot.addWidget(panel)
    loading = panel.model.item(0).child(0)
    assert loading.text() == "Loading…"
    muted = LIGHT.color("muted")
    assert loading.foreground().color() == muted
    assert not loading.font().italic()
    assert panel.wait_until_loaded()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert panel.add_folder(str(empty))
    assert panel.wait_until_loaded()
    group = next(
        panel.model.item(row)
        for row in range(panel.model.rowCount())
        if panel.model.item(row).text().startswith("empty")
    )
    note = group.child(0)
    assert note.text() == "No persona files in this folder"
    assert note.foreground().color() == muted and note.font().italic()


def test_entry_tooltip_has_description_tools_and_path(panel):
    tooltip = entry_index(panel, "backend").data(Qt.ItemDataRole.ToolTipRole)
    assert "Backend specialist focused on reliability" in tooltip
    assert "microsoft.docs.mcp" in tooltip and "Tools (22)" in tooltip
    assert "backend.chatmode.md" in tooltip


def test_the_list_filters_as_you_type(panel, qtbot):
    qtbot.keyClicks(panel.search, "tool:runNotebooks")
    assert visible_names(panel) == ["performance"]
    panel.search.clear()
    assert len(visible_names(panel)) == 11
    qtbot.keyClicks(panel.search, "threat")
    assert visible_names(panel) == ["security"]
    panel.search.setText("no-such-persona")
    assert visible_names(panel) == []
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "No personas match “no-such-persona”"
    panel.search.clear()
    assert panel.stack.currentWidget() is panel.tree


def test_a_group_shows_how_many_of_its_entries_match(panel, qtbot):
    group = panel.proxy.index(0, 0)
    option_text = _group_text(panel, group)
    assert option_text == "Shipped library  (11)"
    qtbot.keyClicks(panel.search, "tool:runTests")
    shown = len(panel.visible_entries())
    assert 0 < shown < 11
    assert _group_text(panel, panel.proxy.index(0, 0)) == f"Shipped library  ({shown} of 11)"


def _group_text(panel: LibraryPanel, index) -> str:
    option = QStyleOptionViewItem()
    panel.delegate.initStyleOption(option, index)
    return option.text


def test_an_added_folder_is_listed_and_remembered(panel, team, qtbot):
    assert panel.add_folder(str(team))
    assert not panel.add_folder(str(team))  # already there
    assert panel.wait_until_loaded()
    assert QSettings().value("library/folders", [], type=list) == [str(team)]
    names = [e.name for e in panel.entries() if not e.shipped]
    assert names == ["broken", "reviewer", "writer"]
    broken = next(e for e in panel.entries() if e.name == "broken")
    assert "binary file" in broken.error

    again = make_panel(qtbot, DARK)
    assert again.folders() == [str(team)]
    assert [e.name for e in again.entries() if not e.shipped] == ["broken", "reviewer", "writer"]
    qtbot.keyClicks(again.search, "tool:githubrepo onboarding")
    assert visible_names(again) == []
    again.search.setText("pull requests")
    assert visible_names(again) == ["reviewer"]


def test_removing_a_folder_forgets_it(panel, team, qtbot):
    panel.add_folder(str(team))
    panel.wait_until_loaded()
    panel.tree.setCurrentIndex(entry_index(panel, "writer"))
    assert panel.remove_button.isEnabled()
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    panel.wait_until_loaded()
    assert panel.folders() == []
    assert all(entry.shipped for entry in panel.entries())
    assert (team / "writer.chatmode.md").exists()  # the files are kept


def test_the_shipped_library_cannot_be_removed(panel):
    panel.tree.setCurrentIndex(entry_index(panel, "qa"))
    assert not panel.remove_button.isEnabled()


def test_a_missing_folder_says_so(panel, tmp_path):
    panel.add_folder(str(tmp_path / "gone"))
    panel.wait_until_loaded()
    group = panel.model.item(1)
    assert group.child(0).text() == "Folder not found"
    assert group.child(0).data(KindRole) == "note"


@dataclass
class BigFolder:
    path: Path
    fast: Callable[[], None]

    def __str__(self) -> str:
        return str(self.path)


@pytest.fixture
def big(tmp_path: Path, monkeypatch) -> BigFolder:
    """A folder that takes seconds to scan: 3,000 copies of the seed, each read 10 ms slower
    than it would be (however fast the machine, the scan is still running when the test looks);
    ``big.fast()`` lifts the delay."""
    folder = tmp_path / "big"
    folder.mkdir()
    text = (Path(personas_dir()) / "backend.chatmode.md").read_text(encoding="utf-8")
    for number in range(3000):
        (folder / f"p{number:04}.chatmode.md").write_text(text, encoding="utf-8")
    fast = threading.Event()
    real = library_module.load_entry

    def slow(path, **options):
        if not fast.is_set() and str(folder) in str(path):
            fast.wait(0.01)
        return real(path, **options)

    monkeypatch.setattr(library_module, "load_entry", slow)
    return BigFolder(folder, fast.set)


def test_stop_stops_the_scan_itself_and_refresh_loads_again(panel, big, qtbot):
    panel.add_folder(str(big))
    job = panel.scanner.current
    assert panel.stop_button.isVisible() and panel.is_loading()
    qtbot.waitUntil(lambda: panel.model.item(0).child(0).text() != "Loading…", timeout=5000)
    qtbot.wait(200)  # the shipped library is in; the big folder is being scanned
    assert job.state == "running"
    started = time.perf_counter()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert panel.scanner.wait(5000)
    stopped = time.perf_counter() - started
    assert job.state == "cancelled" and panel.scanner.idle  # it stopped between two files
    assert stopped < 0.5, f"the scan went on for {stopped:.2f} s after Stop"
    qtbot.waitUntil(lambda: not panel.is_loading(), timeout=5000)
    group = panel.model.item(1)
    assert group.rowCount() == 1 and group.child(0).text().startswith("Loading stopped")
    assert not panel.stop_button.isVisible()
    assert len(panel.entries()) == 11  # the shipped library stays

    big.fast()
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.refresh()
    assert len([entry for entry in panel.entries() if not entry.shipped]) == 3000


def test_a_refresh_supersedes_the_running_scan(panel, big, qtbot):
    panel.add_folder(str(big))
    first = panel.scanner.current
    qtbot.waitUntil(lambda: first.state == "running", timeout=5000)
    panel.remove_folder(str(big))  # refreshes: the big folder is no longer wanted
    assert first.cancelled
    assert panel.wait_until_loaded()
    assert first.state == "cancelled"
    assert all(entry.shipped for entry in panel.entries())
    assert panel.model.rowCount() == 1


def test_double_click_opens_the_persona(panel, qtbot):
    index = entry_index(panel, "mentor")
    panel.tree.scrollTo(index)
    where = panel.tree.visualRect(index).center()
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(panel.openRequested) as blocker:
        qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert blocker.args == [str(Path(personas_dir()) / "mentor.chatmode.md")]


def test_enter_opens_the_current_persona(panel, qtbot):
    panel.tree.setCurrentIndex(entry_index(panel, "scribe"))
    panel.tree.setFocus()
    with qtbot.waitSignal(panel.openRequested) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert blocker.args[0].endswith("scribe.chatmode.md")


def test_down_from_the_search_box_goes_to_the_first_match(panel, qtbot):
    qtbot.keyClicks(panel.search, "mentor")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.tree.currentIndex().data() == "mentor"


def test_compare_needs_two_selected_personas(panel, qtbot):
    selection = panel.tree.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(entry_index(panel, "qa"), flags)
    assert not panel.compare_button.isEnabled()
    selection.select(entry_index(panel, "architect"), flags)
    assert panel.compare_button.isEnabled()
    with qtbot.waitSignal(panel.compareRequested) as blocker:
        qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    paths = blocker.args[0]
    assert [Path(p).name for p in paths] == ["architect.chatmode.md", "qa.chatmode.md"]
    assert panel.selected_paths() == paths


def test_new_from_this_persona(panel, qtbot):
    panel.tree.setCurrentIndex(entry_index(panel, "devops"))
    with qtbot.waitSignal(panel.newFromRequested) as blocker:
        panel.new_from_selected()
    assert blocker.args[0].endswith("devops.chatmode.md")


def test_refresh_keeps_the_selection(panel, qtbot):
    panel.tree.setCurrentIndex(entry_index(panel, "frontend"))
    panel.refresh()
    assert panel.wait_until_loaded()
    assert [Path(p).name for p in panel.selected_paths()] == ["frontend.chatmode.md"]
