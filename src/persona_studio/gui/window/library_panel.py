"""The library side panel: the shipped personas and the folders the user adds, with search.

Folders are scanned off the GUI thread, one after another, by the panel's ``Background`` (a folder
of 500 personas takes most of a second to parse), so the panel shows "Loading…" under a folder
until its entries arrive. Stop (the button shown while loading, or the menu) stops the scan
itself; Refresh starts a new one, which supersedes the running scan. The user's folders are
remembered in QSettings under ``library/folders``. Search uses the core's query language: words
match name, title, description and tools; ``tool:NAME`` matches tools only. How the rows look
lives in ``library_view``.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.jobs import Cancelled
from persona_studio.core.library import LibraryEntry, scan_folder, shipped_folder
from persona_studio.gui import keep_viewport
from persona_studio.gui.editor.background import Background, Job
from persona_studio.gui.icons import icon_size
from persona_studio.gui.theme import Theme, palette_for
from persona_studio.gui.window.library_view import (
    LOADING,
    CountRole,
    EntryRole,
    FolderRole,
    KindRole,
    LibraryDelegate,
    LibraryFilterModel,
    ShippedRole,
    entry_item,
    group_item,
    note_item,
)

ModelIndex = QModelIndex | QPersistentModelIndex
SETTINGS_KEY = "library/folders"
SHIPPED_LABEL = "Shipped library"
STOPPED = "Loading stopped: choose Refresh to load this folder"


class LibraryPanel(QWidget):
    """The persona library: shipped personas and the user's folders, filterable."""

    openRequested = Signal(str)
    compareRequested = Signal(list)
    newFromRequested = Signal(str)
    workspaceRequested = Signal(str)  # a user folder to open as a workspace
    loaded = Signal()  # every folder has been scanned

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Persona library")
        self._theme = theme
        self._pending: set[str] = set()
        self._collapsed: set[str] = set()
        self.scanner = Background(self)  # scans the folders

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter by name, description or tool")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter the library")
        self.search.setToolTip(
            "Words match a persona's name, title, description and tools;"
            " tool:NAME matches tools only"
        )
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)

        self.model = QStandardItemModel(self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.delegate = LibraryDelegate(theme, self)
        self.tree = self._make_tree()
        keep_viewport(self.tree)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_label.setAutoFillBackground(True)
        self.empty_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty_label.setAccessibleName("Library status")
        self.empty_label.setToolTip("Clear the filter to see every persona")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty_label)

        self.add_button = self._button("Add Folder…", "Add a folder of personas to the library")
        self.add_button.clicked.connect(self.choose_folder)
        self.remove_button = self._button("Remove Folder", "")
        self.remove_button.clicked.connect(self._remove_selected_folder)
        self.compare_button = self._button("Compare", "")
        self.compare_button.clicked.connect(self.compare_selected)
        self.stop_button = self._button(
            "Stop", "Stop loading the library folders (Refresh loads them again)"
        )
        self.stop_button.setAccessibleName("Stop Loading")
        self.stop_button.clicked.connect(self.stop_loading)
        self.stop_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)

        layout = QVBoxLayout(self)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutTopMargin) // 2
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.tree.selectionModel().selectionChanged.connect(self._update_buttons)
        self.apply_theme(theme)
        self.refresh()

    # -- building ---------------------------------------------------------------------------
    def _make_tree(self) -> QTreeView:
        tree = QTreeView(self)
        tree.setModel(self.proxy)
        tree.setItemDelegate(self.delegate)
        tree.setHeaderHidden(True)
        tree.setAccessibleName("Library personas")
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setExpandsOnDoubleClick(True)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree.setIconSize(icon_size(tree))
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._show_menu)
        tree.activated.connect(self._activated)
        tree.collapsed.connect(lambda index: self._collapsed.add(index.data(FolderRole) or ""))
        tree.expanded.connect(lambda index: self._collapsed.discard(index.data(FolderRole) or ""))
        return tree

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        return button

    # -- folders ---------------------------------------------------------------------------
    def folders(self) -> list[str]:
        """The user's folders, as remembered."""
        value = QSettings().value(SETTINGS_KEY, [], type=list)
        return [str(folder) for folder in value or [] if folder]

    def add_folder(self, path: str) -> bool:
        """Add a folder to the library and remember it; False if it is already there."""
        folder = os.path.abspath(os.path.expanduser(path))
        shipped = shipped_folder()
        known = {os.path.normcase(f) for f in self.folders()}
        if shipped is not None:
            known.add(os.path.normcase(os.path.abspath(shipped)))
        if os.path.normcase(folder) in known:
            return False
        QSettings().setValue(SETTINGS_KEY, [*self.folders(), folder])
        self.refresh()
        return True

    def remove_folder(self, path: str) -> bool:
        """Forget a user folder (its files are not touched)."""
        folders = self.folders()
        kept = [f for f in folders if os.path.normcase(f) != os.path.normcase(path)]
        if kept == folders:
            return False
        QSettings().setValue(SETTINGS_KEY, kept)
        self.refresh()
        return True

    def choose_folder(self) -> None:
        """Ask for a folder with the file dialog and add it."""
        from PySide6.QtWidgets import QFileDialog  # made the first time a folder is asked for

        folder = QFileDialog.getExistingDirectory(self, "Add Folder to Library")
        if folder:
            self.add_folder(folder)

    def _remove_selected_folder(self) -> None:
        folder = self._selected_user_folder()
        if folder is not None:
            self.remove_folder(folder)

    def _selected_user_folder(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        if index.data(KindRole) != "group":
            index = index.parent()
        if not index.isValid() or index.data(ShippedRole):
            return None
        return index.data(FolderRole)

    # -- scanning ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rescan every folder (entries already shown stay until the new ones arrive); a scan
        still running stops, and what it found is dropped."""
        self._pending = set()
        wanted: list[tuple[str, str, bool]] = []
        shipped = shipped_folder()
        if shipped is not None:
            wanted.append((shipped, SHIPPED_LABEL, True))
        wanted += [(folder, os.path.basename(folder) or folder, False) for folder in self.folders()]
        root = self.model.invisibleRootItem()
        existing = {root.child(r).data(FolderRole): root.child(r) for r in range(root.rowCount())}
        wanted_folders = {folder for folder, _, _ in wanted}
        for row in reversed(range(root.rowCount())):
            if root.child(row).data(FolderRole) not in wanted_folders:
                root.removeRow(row)
        for position, (folder, label, is_shipped) in enumerate(wanted):
            group = existing.get(folder)
            if group is None:
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
                group = group_item(folder, label, is_shipped, self.font(), icon)
                root.insertRow(position, [group])  # (the one-item overload leaks ownership)
                group.appendRow(self._note(LOADING, folder))
            elif group.rowCount() == 1 and group.child(0).text() == STOPPED:
                group.removeRows(0, 1)
                group.appendRow(self._note(LOADING, folder))
            self._pending.add(folder)
        scans = [(folder, is_shipped) for folder, _, is_shipped in wanted]

        def work(job: Job) -> None:
            for folder, is_shipped in scans:
                entries = scan_folder(folder, shipped=is_shipped, cancel=job.token)
                job.report((folder, entries))

        self.scanner.submit(work, self._scan_ended, self._scanned)
        self._restore_expansion()
        self._update_state()

    def is_loading(self) -> bool:
        return bool(self._pending)

    def stop_loading(self) -> None:
        """Stop the running scan; the folders not loaded yet say so until the next Refresh."""
        self.scanner.cancel()
        self.stop_button.setEnabled(False)

    def wait_until_loaded(self, msecs: int = 10_000) -> bool:
        """Block until the scan ends and its results are shown (for scripts and tests)."""
        self.scanner.wait(msecs)
        QGuiApplication.processEvents()
        return not self._pending

    def _scan_ended(self, _result: None, error: BaseException | None) -> None:
        if error is None:
            return
        # Stopped (or a bug): the folders still loading say so, and Refresh loads them again.
        message = STOPPED if isinstance(error, Cancelled) else f"Could not be loaded: {error}"
        for folder in sorted(self._pending):
            group = self._group(folder)
            if group is not None:
                group.removeRows(0, group.rowCount())
                group.appendRow(self._note(message, folder))
        self._pending = set()
        self._restore_expansion()
        self._update_state()

    def _scanned(self, found: tuple[str, list[LibraryEntry]]) -> None:
        folder, entries = found
        group = self._group(folder)
        if group is None:
            return
        selected = set(self.selected_paths())
        current = self.tree.currentIndex().data(EntryRole)
        group.removeRows(0, group.rowCount())
        if entries:
            group.appendRows([entry_item(entry) for entry in entries])
        elif not os.path.isdir(folder):
            group.appendRow(self._note("Folder not found", folder))
        else:
            group.appendRow(self._note("No persona files in this folder", folder))
        group.setData(len(entries), CountRole)
        self._pending.discard(folder)
        self._restore_expansion()
        self._reselect(selected, current.path if current is not None else None)
        self._update_state()
        if not self._pending:
            self.loaded.emit()

    def _group(self, folder: str) -> QStandardItem | None:
        root = self.model.invisibleRootItem()
        for row in range(root.rowCount()):
            if root.child(row).data(FolderRole) == folder:
                return root.child(row)
        return None

    def _note(self, text: str, folder: str | None) -> QStandardItem:
        return note_item(text, folder, self.font(), self._theme.color("muted"))

    def _restore_expansion(self) -> None:
        filtering = not self.proxy.query.empty
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            folder = index.data(FolderRole)
            self.tree.setExpanded(index, filtering or folder not in self._collapsed)

    def _reselect(self, paths: set[str], current: str | None) -> None:
        if not paths:
            return
        selection = self.tree.selectionModel()
        for index in self._entry_indexes():
            path = index.data(EntryRole).path
            if path in paths:
                flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
                selection.select(index, flags)
            if path == current:
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)

    # -- queries ---------------------------------------------------------------------------
    def _entry_indexes(self) -> list[QModelIndex]:
        found = []
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(group)):
                index = self.proxy.index(child, 0, group)
                if index.data(KindRole) == "entry":
                    found.append(index)
        return found

    def entries(self) -> list[LibraryEntry]:
        """Every loaded entry, filtered or not, folder by folder."""
        root = self.model.invisibleRootItem()
        found = []
        for row in range(root.rowCount()):
            group = root.child(row)
            for child in range(group.rowCount()):
                entry = group.child(child).data(EntryRole)
                if entry is not None:
                    found.append(entry)
        return found

    def visible_entries(self) -> list[LibraryEntry]:
        """The entries the filter lets through, in display order."""
        return [index.data(EntryRole) for index in self._entry_indexes()]

    def selected_paths(self) -> list[str]:
        """The paths of the selected personas, in display order."""
        rows = self.tree.selectionModel().selectedRows()
        picked = {index.data(EntryRole).path for index in rows if index.data(KindRole) == "entry"}
        return [entry.path for entry in self.visible_entries() if entry.path in picked]

    # -- actions ---------------------------------------------------------------------------
    def _activated(self, index: ModelIndex) -> None:
        if index.data(KindRole) != "entry":
            return
        paths = self.selected_paths()
        path = index.data(EntryRole).path
        for chosen in paths if path in paths and len(paths) > 1 else [path]:
            self.openRequested.emit(chosen)

    def open_selected(self) -> None:
        for path in self.selected_paths():
            self.openRequested.emit(path)

    def compare_selected(self) -> None:
        paths = self.selected_paths()
        if len(paths) >= 2:
            self.compareRequested.emit(paths)

    def new_from_selected(self) -> None:
        paths = self.selected_paths()
        if paths:
            self.newFromRequested.emit(paths[0])

    def _show_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        kind = index.data(KindRole)
        if kind == "entry":
            paths = self.selected_paths()
            open_text = "Open" if len(paths) <= 1 else f"Open {len(paths)} Personas"
            menu.addAction(open_text, self.open_selected)
            menu.addAction("New from This Persona", self.new_from_selected)
            compare = menu.addAction("Compare", self.compare_selected)
            compare.setEnabled(len(paths) >= 2)
            menu.addSeparator()
            menu.addAction("Copy Path", self._copy_paths)
        folder = self._selected_user_folder()
        if folder is not None:
            menu.addSeparator()
            menu.addAction(
                "Open as Workspace", lambda: self.workspaceRequested.emit(folder)
            )  # its graph, problems and history
            menu.addAction("Remove Folder from Library", lambda: self.remove_folder(folder))
        if self.scanner.busy:
            menu.addAction("Stop Loading", self.stop_loading)
        menu.addAction("Refresh", self.refresh)
        menu.exec(self.tree.viewport().mapToGlobal(position))

    def _copy_paths(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.selected_paths()))

    # -- filter and state --------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._restore_expansion()
        self._update_state()

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        """Down in the search box moves into the list."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            entries = self._entry_indexes()
            if entries:
                self.tree.setFocus()
                self.tree.setCurrentIndex(entries[0])
                return True
        return super().eventFilter(watched, event)

    def _update_state(self) -> None:
        if self.proxy.rowCount() or self.proxy.query.empty:
            self.stack.setCurrentWidget(self.tree)
        else:
            self.empty_label.setText(f"No personas match “{self.search.text().strip()}”")
            self.stack.setCurrentWidget(self.empty_label)
        # While folders load, Stop takes Remove Folder's place: the panel keeps its width.
        loading = self.is_loading()
        self.stop_button.setVisible(loading)
        self.stop_button.setEnabled(loading)
        self.remove_button.setVisible(not loading)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        count = len(self.selected_paths())
        self.compare_button.setEnabled(count >= 2)
        self.compare_button.setToolTip(
            f"Compare the {count} selected personas side by side"
            if count >= 2
            else "Select two or more personas (Ctrl+click) to compare them"
        )
        folder = self._selected_user_folder()
        self.remove_button.setEnabled(folder is not None)
        self.remove_button.setToolTip(
            f"Remove {folder} from the library (its files are kept)"
            if folder is not None
            else "Select one of your folders to remove it from the library"
        )

    # -- theme -----------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = palette_for(theme)
        self.setPalette(palette)
        muted = palette_for(theme)
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            muted.setColor(role, theme.color("muted"))
        self.empty_label.setPalette(muted)
        self.delegate.theme = theme
        root = self.model.invisibleRootItem()
        for row in range(root.rowCount()):
            group = root.child(row)
            for child in range(group.rowCount()):
                item = group.child(child)
                if item.data(KindRole) == "note":
                    item.setForeground(theme.color("muted"))
        self.tree.viewport().update()
