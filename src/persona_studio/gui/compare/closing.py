"""How the compare room's windows close, as a desktop user expects of a secondary window:
Esc and Ctrl+W (the platform's Close key) close it, and a Close button sits at the right end of
its status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton


def add_close_controls(window: QMainWindow) -> tuple[QAction, QPushButton]:
    """Give `window` a Close action (Esc, Ctrl+W) and a Close button; returns both."""
    action = QAction("Close", window)
    action.setShortcuts(
        [QKeySequence(Qt.Key.Key_Escape), *QKeySequence.keyBindings(QKeySequence.StandardKey.Close)]
    )
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip("Close this window (Esc or Ctrl+W)")
    action.triggered.connect(window.close)
    window.addAction(action)
    button = QPushButton("Close", window)
    button.setAccessibleName("Close window")
    button.setToolTip(action.toolTip())
    button.setAutoDefault(False)
    button.clicked.connect(window.close)
    window.statusBar().addPermanentWidget(button)
    return action, button
