"""Dock sizes come back as shares of the window: a layout saved at one scale (in that scale's
pixels) and restored at another gives the library and the Problems panel the same share of the
window, never one that crowds out the documents."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from persona_studio.gui.window.main_window import DISCARD, MainWindow
from persona_studio.gui.window.settings import MAX_DOCK_SHARE, Settings, dock_extent


def _window(qtbot, monkeypatch, width: int, height: int) -> MainWindow:
    made = MainWindow()
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    qtbot.addWidget(made)
    made.resize(width, height)
    made.show()
    qtbot.waitExposed(made)
    qtbot.wait(20)  # the first layout and its queued dock sizing
    return made


def test_a_layout_saved_large_comes_back_as_the_same_share_of_a_smaller_window(qtbot, monkeypatch):
    # A session at 1x: a wide window with a wide library.
    first = _window(qtbot, monkeypatch, 1600, 1000)
    first.resizeDocks([first.library_dock], [600], Qt.Orientation.Horizontal)
    qtbot.wait(10)
    share = first.library_dock.width() / first.width()
    assert share == pytest.approx(0.375, abs=0.02)
    first.close()
    assert Settings().dock_shares()["library"] == pytest.approx(share, abs=0.001)
    # The next session at 2x: the same screen has half as many logical pixels.
    Settings()._qs.remove("window/placement")
    Settings()._qs.remove("window/geometry")
    second = _window(qtbot, monkeypatch, 800, 500)
    qtbot.waitUntil(lambda: abs(second.library_dock.width() - share * 800) <= 12)
    assert second.centralWidget().width() >= 800 * (1 - MAX_DOCK_SHARE["library"]) - 20


def test_an_older_layout_without_shares_is_clamped():
    # Saved in pixels by an older version at 1x, read in a window half as wide.
    assert dock_extent(None, 600, 800, 40, "library") == 320
    assert dock_extent(None, 200, 800, 40, "library") == 200  # a fitting dock is left alone
    assert dock_extent(0.25, 600, 800, 40, "library") == 200
    assert dock_extent(0.01, 600, 800, 40, "problems") == 40  # never too small to use
