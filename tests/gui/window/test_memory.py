"""Full garbage collections wait for a pause in editing (gui/window/memory.py)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent

from persona_studio.gui.window.memory import IdleCollector


def test_full_collections_are_rare_and_run_once_editing_pauses(qtbot):
    # The windows of earlier tests go first: deleting them is no pause in this test's edits.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # Python's defaults (an earlier window changed them)
        collector = IdleCollector(idle_ms=400)
        assert gc.get_threshold() == (700, 10, 100)  # full collections ten times rarer
        full = []

        def seen(phase: str, info: dict) -> None:
            if phase == "stop" and info["generation"] == 2:
                full.append(1)

        gc.callbacks.append(seen)
        try:
            for _ in range(5):  # edits closer together than the pause: no collection yet
                collector.poke()
                qtbot.wait(10)
            assert collector.collections == 0
            qtbot.waitUntil(lambda: collector.collections == 1, timeout=2000)
            assert full  # a real full collection ran
            qtbot.wait(600)
            assert collector.collections == 1  # once per pause, not again and again
        finally:
            gc.callbacks.remove(seen)
    finally:
        gc.set_threshold(*before)
