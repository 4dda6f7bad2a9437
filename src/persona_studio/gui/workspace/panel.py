"""The workspace panel: a folder (usually a repository) opened as a workspace. Its tabs: Files
(the agents, chat modes, Claude subagents and skills grouped by kind, each with its problem
count), Graph (the agent graph), History (the current persona's commits by meaning) and Where
Used (the files and lines naming a tool, a skill or an agent).

The folder is scanned on a worker with progress and Stop; the panel watches the folders its
files live in and scans again (half a second after the last change) when a file appears,
changes or vanishes."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.jobs import Cancelled
from persona_studio.gui.editor.background import Background, Job
from persona_studio.gui.workspace.graph_view import KIND_LABELS, GraphView
from persona_studio.gui.workspace.scan import PERSONA_KINDS, Scan, scan
from persona_studio.gui.workspace.timeline import HistoryTimeline
from persona_studio.gui.workspace.uses_view import UsesView

PathRole = Qt.ItemDataRole.UserRole + 1
RESCAN_DELAY_MS = 500
MAX_WATCHED_FILES = 2000  # inotify watches are a limited resource shared with other programs


class WorkspacePanel(QWidget):
    openRequested = Signal(str, int)  # path, line
    compareRequested = Signal(str, str, str)  # path, older revision, newer revision
    renameRequested = Signal(str)  # an agent's path
    matrixRequested = Signal(list)  # the workspace's persona files, for the comparison matrix
    followRequested = Signal(str, str)  # an agent renamed by hand (its path), its old name
    scanned = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Workspace")
        self.root: str | None = None
        self.result: Scan | None = None
        self.background = Background(self)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._schedule)
        self.watcher.fileChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESCAN_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.title = QLabel("No workspace open", self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QLabel(self)
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton("Open Folder…", self)
        self.open_button.clicked.connect(self.choose_folder)
        self.stop_button = QPushButton("Stop", self)
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.rename_button = QPushButton("Rename Agent…", self)
        self.rename_button.clicked.connect(self._rename_selected)
        self.matrix_button = QPushButton("Compare All", self)
        self.matrix_button.setToolTip(
            "The workspace's personas side by side in the comparison matrix"
        )
        self.matrix_button.clicked.connect(self.compare_all)
        header = QHBoxLayout()
        header.setContentsMargins(4, 4, 4, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.progress)
        header.addWidget(self.stop_button)
        header.addWidget(self.rename_button)
        header.addWidget(self.matrix_button)
        header.addWidget(self.open_button)

        # Shown when an agent was renamed by hand and references still name its old name.
        self.renamed: tuple[str, str] | None = None
        # An agent whose references were put back to its old name (Undo of Update References):
        # the next scan offers the update again.
        self._expected: tuple[str, str] | None = None
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.follow_button = QPushButton("Update References…", self)
        self.follow_button.clicked.connect(self._follow)
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(4, 0, 4, 0)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.follow_button)
        self.notice.hide()
        self.follow_button.hide()

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Name", "Problems", "Path"])
        self.tree.setAccessibleName("Workspace files")
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.graph_view = GraphView(self)
        self.graph_view.openRequested.connect(self.openRequested)
        self.timeline = HistoryTimeline(self)
        self.timeline.compareRequested.connect(self.compareRequested)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.tree, "Files")
        self.tabs.addTab(self.graph_view, "Graph")
        self.tabs.addTab(self.timeline, "History")
        self.uses = UsesView(self)
        self.uses.openRequested.connect(self.openRequested)
        self.tabs.addTab(self.uses, "Where Used")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(notice_row)
        layout.addWidget(self.tabs, 1)

    # -- opening and scanning -------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open Folder as Workspace", self.root or "")
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str) -> None:
        self.root = os.path.abspath(folder)
        self.title.setText(self.root)
        self.title.setToolTip(self.root)
        self.refresh()

    def refresh(self) -> None:
        if self.root is None:
            return
        root = self.root
        self.stop_button.show()
        self.progress.setText("Reading…")

        def work(job: Job) -> Scan:
            return scan(root, job.token, job.report)

        self.background.submit(work, self._done, self._report)

    def is_scanning(self) -> bool:
        return self.background.busy

    def wait_until_scanned(self, msecs: int = 20_000) -> bool:
        return self.background.settle(msecs)

    def stop(self) -> None:
        self.background.cancel()

    def _report(self, value: Any) -> None:
        phase, done, total = value
        self.progress.setText(f"{phase} {done:,} of {total:,}")

    def _done(self, result: Scan | None, error: BaseException | None) -> None:
        self.stop_button.hide()
        if isinstance(error, Cancelled):
            self.progress.setText("Stopped: Refresh to read the folder again")
            return
        if error is not None or result is None:
            self.progress.setText(f"Could not read the folder: {error}")
            return
        previous, self.result = self.result, result
        self._notice_renames(previous, result)
        graph = result.graph
        persona_count = sum(1 for n in graph.nodes if n.kind in PERSONA_KINDS)
        problems = sum(result.problems.values())
        self.progress.setText(
            f"{persona_count} personas, {problems} problems, {len(graph.broken)} broken references"
        )
        self._fill_tree(result)
        self.graph_view.set_graph(graph)
        self.uses.set_workspace(result.root, graph)
        self._watch(result)
        self.scanned.emit()

    def expect_rename(self, path: str, old_name: str) -> None:
        """After the references to the agent at ``path`` were put back to ``old_name`` (an undo):
        when the next scan finds them naming nothing, offer the update again."""
        self._expected = (os.path.abspath(path), old_name)

    def _notice_renames(self, previous: Scan | None, result: Scan) -> None:
        """An agent whose name changed since the last scan (or whose references an undo put
        back), while references still name its old name (now broken): say so, and offer to
        update them."""
        before: dict[str | None, str] = {}
        if previous is not None and previous.root == result.root:
            before = {
                n.path: n.name for n in previous.graph.nodes if n.kind in ("agent", "chatmode")
            }
        expected, self._expected = self._expected, None
        if expected is not None:
            before[expected[0]] = expected[1]
        broken = {
            e.ref for e in result.graph.edges if e.broken and e.kind in ("handoff", "subagent")
        }
        for node in result.graph.nodes:
            old = before.get(node.path)
            if node.path and old and old != node.name and old in broken:
                count = sum(1 for e in result.graph.edges if e.broken and e.ref == old)
                self.renamed = (node.path, old)
                self.notice.setText(
                    f"'{old}' was renamed to '{node.name}': {count} "
                    f"{'reference still names' if count == 1 else 'references still name'} "
                    f"'{old}'."
                )
                self.notice.show()
                self.follow_button.show()
                return
        if self.renamed is not None and not any(
            e.broken and e.ref == self.renamed[1] for e in result.graph.edges
        ):
            self.renamed = None
            self.notice.hide()
            self.follow_button.hide()

    def _follow(self) -> None:
        if self.renamed is not None:
            self.followRequested.emit(*self.renamed)

    def _fill_tree(self, result: Scan) -> None:
        current = self.tree.currentItem()
        keep = current.data(0, PathRole) if current is not None else None
        self.tree.clear()
        by_kind: dict[str, list[Any]] = {}
        for node in result.graph.nodes:
            if node.kind in PERSONA_KINDS:
                by_kind.setdefault(node.kind, []).append(node)
        for kind in PERSONA_KINDS:
            nodes = by_kind.get(kind)
            if not nodes:
                continue
            problems = sum(result.problems.get(node.id, 0) for node in nodes)
            group = QTreeWidgetItem(
                [f"{KIND_LABELS[kind]} ({len(nodes)})", str(problems or ""), ""]
            )
            self.tree.addTopLevelItem(group)
            for node in sorted(nodes, key=lambda n: n.name.casefold()):
                count = result.problems.get(node.id, 0)
                item = QTreeWidgetItem([node.name, str(count) if count else "", node.id])
                item.setData(0, PathRole, node.path)
                item.setToolTip(0, node.path or "")
                group.addChild(item)
                if node.path == keep:
                    self.tree.setCurrentItem(item)
            group.setExpanded(True)
        self.tree.resizeColumnToContents(0)

    def _watch(self, result: Scan) -> None:
        folders = {self.root} if self.root else set()
        files = set()
        for node in result.graph.nodes:
            if node.path is not None and node.kind in PERSONA_KINDS:
                files.add(node.path)
                folders.add(os.path.dirname(node.path))
        for marker in (".github", ".claude", ".agents"):
            path = os.path.join(self.root or "", marker)
            if os.path.isdir(path):
                for here, subfolders, _ in os.walk(path):
                    folders.add(here)
                    subfolders[:] = [s for s in subfolders if not s.startswith(".")][:50]
        old = set(self.watcher.directories()) | set(self.watcher.files())
        if old:
            self.watcher.removePaths(list(old))
        if len(files) > MAX_WATCHED_FILES:  # a huge tree: its folders only (added, removed,
            files = set()  # replaced files), not each file's own edits
        wanted = [p for p in sorted(folders | files) if os.path.exists(p)]
        if wanted:
            self.watcher.addPaths(wanted)

    def _schedule(self, *_: object) -> None:
        self._timer.start()

    # -- the tree -------------------------------------------------------------------------------
    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PathRole)
        if path:
            self.openRequested.emit(path, 1)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        path = item.data(0, PathRole) if item is not None else None
        if path:
            self.timeline.set_file(path)

    def selected_path(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, PathRole) if item is not None else None

    def persona_paths(self) -> list[str]:
        """The workspace's persona files (agents, chat modes, subagents, skills), by path."""
        if self.result is None:
            return []
        nodes = self.result.graph.nodes
        return sorted(n.path for n in nodes if n.kind in PERSONA_KINDS and n.path is not None)

    def compare_all(self) -> None:
        paths = self.persona_paths()
        if paths:
            self.matrixRequested.emit(paths)

    def _rename_selected(self) -> None:
        path = self.selected_path()
        if path:
            self.renameRequested.emit(path)
