"""A persona's history by meaning: its commits, newest first, each with its semantic summary
(core/workspace/history.py, read on a worker). Pick two commits, or one (compared with the
commit before it), and Compare asks for the diff view."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.jobs import Cancelled
from persona_studio.core.workspace.history import Change, history, summary_lines
from persona_studio.gui.editor.background import Background, Job

CommitRole = Qt.ItemDataRole.UserRole + 2
LIMIT = 30


class HistoryTimeline(QWidget):
    compareRequested = Signal(str, str, str)  # path, older revision, newer revision
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: str | None = None
        self.changes: list[Change] = []
        self.background = Background(self)
        self.label = QLabel("Choose a persona to see its history", self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.compare_button = QPushButton("Compare", self)
        self.compare_button.setEnabled(False)
        self.compare_button.setToolTip(
            "Two commits: the diff between them; one: the diff with the commit before it"
        )
        self.compare_button.clicked.connect(self.compare_selected)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Commit", "Date", "Author", "What changed"])
        self.tree.setAccessibleName("History")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(self.label, 1)
        top.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

    def set_file(self, path: str) -> None:
        self.path = path
        self.tree.clear()
        self.changes = []
        self.label.setText(f"Reading the history of {os.path.basename(path)}…")

        def work(job: Job) -> list[Change]:
            return history(path, LIMIT, cancel=job.token)

        self.background.submit(work, self._done)

    def wait_until_loaded(self, msecs: int = 10_000) -> bool:
        from PySide6.QtCore import QDeadlineTimer
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(msecs)
        while self.background.busy and not deadline.hasExpired():
            self.background.wait(50)
            QApplication.processEvents()
        return not self.background.busy

    def _done(self, result: list[Change] | None, error: BaseException | None) -> None:
        name = os.path.basename(self.path or "")
        if isinstance(error, Cancelled):
            return
        if error is not None or result is None:
            self.label.setText(str(error))  # git's own message, as plain text
            self.loaded.emit()
            return
        self.changes = result
        self.label.setText(f"{name}: {len(result)} commits" if result else f"{name}: no commits")
        for change in result:
            revision = change.revision
            lines = summary_lines(change)
            item = QTreeWidgetItem(
                [revision.short, revision.date[:10], revision.author, revision.subject]
            )
            item.setData(0, CommitRole, revision.commit)
            item.setToolTip(3, "\n".join(lines))
            for line in lines:
                child = QTreeWidgetItem(["", "", "", line])
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.loaded.emit()

    def selected_commits(self) -> list[str]:
        """The selected commits, oldest first."""
        order = {change.revision.commit: n for n, change in enumerate(self.changes)}
        commits = [item.data(0, CommitRole) for item in self.tree.selectedItems()]
        return sorted((c for c in commits if c), key=lambda c: -order.get(c, 0))

    def _selection_changed(self) -> None:
        self.compare_button.setEnabled(len(self.selected_commits()) in (1, 2))

    def compare_selected(self) -> None:
        commits = self.selected_commits()
        if self.path is None or len(commits) not in (1, 2):
            return
        older, newer = (f"{commits[0]}^", commits[0]) if len(commits) == 1 else commits
        self.compareRequested.emit(self.path, older, newer)

    def summary(self) -> list[dict[str, Any]]:
        return [change.to_dict() for change in self.changes]
