"""Keeping Python's full garbage collections out of the way of typing.

A full collection looks at every object the program holds and pauses it for 25 to 60 ms with a
window and a few documents open. Parsing a long persona while the user types makes many objects
that live a while (each snapshot lives until the next), and by Python's defaults that set off a
full collection every parse or two: a pause a typist feels, at moments nobody chooses.

So full collections are made rare (one per `FULL_EVERY` middle-generation ones instead of ten),
and a full collection is run when the user has paused for `IDLE_MS`, where nobody notices it.
Young objects are still collected as usual, and most objects are freed by reference counting
anyway: the collector only finds reference cycles.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

FULL_EVERY = 100  # Python's default is 10
IDLE_MS = 2000


class IdleCollector(QObject):
    """Call `poke()` on every edit; the full collection runs once edits pause."""

    def __init__(self, parent: QObject | None = None, idle_ms: int = IDLE_MS) -> None:
        super().__init__(parent)
        first, middle, _ = gc.get_threshold()
        gc.set_threshold(first, middle, FULL_EVERY)
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.collect)

    def poke(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """No collection waits any more (the window closed)."""
        self._timer.stop()

    def collect(self) -> None:
        gc.collect()
        self.collections += 1
