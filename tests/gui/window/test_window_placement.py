"""The window comes back where and as large as it was, in shares of the screen: a session at 2×
scale (half as many logical pixels) and the next at 1× give the same share, never a tiny window,
and never one off the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize

from persona_studio.gui.window.main_window import DISCARD, MainWindow
from persona_studio.gui.window.settings import MIN_HEIGHT, MIN_WIDTH, Placement, Settings


def _window(qtbot, monkeypatch) -> MainWindow:
    made = MainWindow()
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    qtbot.addWidget(made)
    return made


def _area(window: MainWindow) -> QRect:
    return window.screen().availableGeometry()


def test_a_full_screen_at_2x_is_a_full_screen_at_1x():
    at_2x = QRect(0, 0, 960, 540)  # a 1920×1080 screen at 2× scale, in logical pixels
    placement = Placement.of(QRect(0, 0, 960, 540), at_2x, False)
    assert placement.on(QRect(0, 0, 1920, 1080)) == QRect(0, 0, 1920, 1080)
    half = Placement.of(QRect(240, 0, 480, 540), at_2x, False)
    assert half.on(QRect(0, 0, 1920, 1080)) == QRect(480, 0, 960, 1080)


def test_a_small_or_stray_frame_comes_back_large_enough_and_on_the_screen():
    tiny = Placement(0.9, 0.95, 0.05, 0.05)
    frame = tiny.on(QRect(0, 0, 1920, 1080))
    assert frame.size() == QSize(MIN_WIDTH, MIN_HEIGHT)
    assert QRect(0, 0, 1920, 1080).contains(frame)


def test_closing_saves_the_share_of_the_screen_and_the_next_window_takes_it(qtbot, monkeypatch):
    first = _window(qtbot, monkeypatch)
    area = _area(first)
    size = QSize(area.width() * 3 // 4, area.height() * 3 // 4)
    first.resize(size)
    first.move(area.topLeft())
    first.show()
    qtbot.waitExposed(first)
    first.close()
    placement = Settings().placement()
    assert placement is not None and not placement.maximized
    assert placement.width == pytest.approx(first.frameGeometry().width() / area.width(), abs=0.01)
    second = _window(qtbot, monkeypatch)
    expected = placement.on(area)
    assert abs(second.width() - expected.width()) <= 2
    assert abs(second.height() - expected.height()) <= 2


def test_an_older_tiny_geometry_is_not_restored_tiny(qtbot, monkeypatch):
    old = _window(qtbot, monkeypatch)
    old.resize(320, 200)  # what a 2× session's window measured, read at 1×
    Settings().set_geometry(old.saveGeometry())
    old.close()
    Settings()._qs.remove("window/placement")
    window = _window(qtbot, monkeypatch)
    area = _area(window)
    assert window.width() >= min(MIN_WIDTH, area.width())
    assert window.height() >= min(MIN_HEIGHT, area.height())
