"""Where used, in the Workspace panel: a name (a tool, a skill or an agent) and the files and
lines of the workspace that use it (core/workspace/usage.py, on a worker). Activating a row opens
the file at that line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.workspace.graph import Graph
from persona_studio.core.workspace.usage import KINDS, Use, where_used
from persona_studio.gui.editor.background import Background, Job

WHAT = {"Anything": KINDS, "Tool": ("tool",), "Skill": ("skill",), "Agent": ("agent",)}
UseRole = Qt.ItemDataRole.UserRole + 3


class UsesView(QWidget):
    openRequested = Signal(str, int)
    found = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root: str | None = None
        self.graph: Graph | None = None
        self.uses: list[Use] = []
        self.background = Background(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("A tool, skill or agent name")
        self.name_edit.setAccessibleName("Name to look for")
        self.name_edit.returnPressed.connect(self.search)
        self.what = QComboBox(self)
        self.what.addItems(list(WHAT))
        self.button = QPushButton("Find Uses", self)
        self.button.clicked.connect(self.search)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["File", "Line", "As", "Text"])
        self.tree.setAccessibleName("Uses")
        self.tree.setRootIsDecorated(False)
        self.tree.itemActivated.connect(self._activated)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(self.name_edit, 1)
        top.addWidget(self.what)
        top.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.label)
        layout.addWidget(self.tree, 1)

    def set_workspace(self, root: str, graph: Graph) -> None:
        self.root, self.graph = root, graph

    def search(self, name: str | None = None, what: str | None = None) -> None:
        if name is not None:
            self.name_edit.setText(name)
        if what is not None:
            self.what.setCurrentText(what)
        name = self.name_edit.text().strip()
        if not name or self.root is None:
            return
        root, graph, kinds = self.root, self.graph, WHAT[self.what.currentText()]
        self.label.setText(f"Looking for {name}…")

        def work(job: Job) -> list[Use]:
            return where_used([root], name, kinds, graph=graph)

        self.background.submit(work, lambda result, error: self._done(name, result, error))

    def wait_until_found(self, msecs: int = 10_000) -> bool:
        from PySide6.QtCore import QDeadlineTimer
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(msecs)
        while self.background.busy and not deadline.hasExpired():
            self.background.wait(50)
            QApplication.processEvents()
        return not self.background.busy

    def _done(self, name: str, result: list[Use] | None, error: BaseException | None) -> None:
        self.tree.clear()
        if error is not None or result is None:
            self.label.setText(f"Could not look for {name}: {error}")
            self.found.emit()
            return
        self.uses = result
        files = len({use.file for use in result})
        self.label.setText(
            f"{name}: {len(result)} uses in {files} {'file' if files == 1 else 'files'}"
            if result
            else f"{name}: not used"
        )
        for use in result:
            item = QTreeWidgetItem([use.file, str(use.line), f"{use.what} ({use.how})", use.text])
            item.setData(0, UseRole, (use.path, use.line))
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.found.emit()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path, line = item.data(0, UseRole)
        self.openRequested.emit(path, line)
