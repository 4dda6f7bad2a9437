"""The bars of the diff window: the toolbar (mode, navigation, copy, options, figures) and the
busy bar shown while a large comparison runs on a worker thread.

They hold the controls and say what they do (text, tooltip, accessible name, shortcut); the
window connects them to what they act on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QWidget,
)


def make_label(text: str, description: str = "") -> QLabel:
    """A plain-text label with an accessible name and a tooltip."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(description or text)
    label.setToolTip(description or text)
    return label


class DiffToolbar(QToolBar):
    """Side by Side / Unified, Previous / Next Change (Alt+Up / Alt+Down), Copy to Document,
    Undo, Ignore whitespace, Match renamed tools, and the figures of the diff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Compare", parent)
        self.setObjectName("compare-toolbar")
        self.setAccessibleName("Compare toolbar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.side_by_side_action = self._action(
            "Side by Side", "Show the two sides next to each other", checkable=True
        )
        self.unified_action = self._action(
            "Unified", "Show one text with removed (−) and added (+) lines", checkable=True
        )
        group = QActionGroup(self)
        for action in (self.side_by_side_action, self.unified_action):
            group.addAction(action)
        self.side_by_side_action.setChecked(True)
        self.previous_action = self._action(
            "Previous Change", "Go to the previous change", "Alt+Up"
        )
        self.next_action = self._action("Next Change", "Go to the next change", "Alt+Down")
        self.copy_action = self._action("Copy to Document", "")
        self.undo_action = self._action(
            "Undo", "Undo the last change to the open document", QKeySequence.StandardKey.Undo
        )
        self.whitespace_box = QCheckBox("Ignore whitespace")
        self.whitespace_box.setAccessibleName("Ignore whitespace")
        self.whitespace_box.setToolTip("Compare lines and words with all whitespace taken out")
        self.renamed_box = QCheckBox("Match renamed tools")
        self.renamed_box.setChecked(True)
        self.renamed_box.setAccessibleName("Match renamed tools")
        self.renamed_box.setToolTip(
            "In the summary, count a legacy tool name and its current name as the same tool"
        )
        self.figures_label = make_label("", "Similarity, lines, words and approximate tokens")
        for item in (
            self.side_by_side_action,
            self.unified_action,
            None,
            self.previous_action,
            self.next_action,
            None,
            self.copy_action,
            self.undo_action,
            None,
            self.whitespace_box,
            self.renamed_box,
        ):
            if item is None:
                self.addSeparator()
            elif isinstance(item, QAction):
                self.addAction(item)
                self.widgetForAction(item).setAccessibleName(item.text())
            else:
                self.addWidget(item)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        spacer.setAccessibleName("Spacer")
        self.addWidget(spacer)
        self.addWidget(self.figures_label)

    def _action(
        self,
        text: str,
        tip: str,
        shortcut: str | QKeySequence.StandardKey | None = None,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    def set_copy_tip(self, tip: str) -> None:
        self.copy_action.setToolTip(tip)
        self.copy_action.setStatusTip(tip)


class BusyBar(QWidget):
    """ "Comparing …" with a busy indicator and Cancel; ``cancelRequested`` on Cancel."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Comparing")
        layout = QHBoxLayout(self)
        self.label = make_label("Comparing…", "What is being compared")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Comparison in progress")
        self.progress.setToolTip("The texts are being compared on a worker thread")
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the comparison")
        self.cancel_button.setToolTip("Stop waiting for this comparison")
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout.addWidget(self.label)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, characters: int) -> None:
        self.label.setText(f"Comparing {characters / 1000:,.0f} thousand characters…")
        self.show()
