"""The library side panel: the shipped personas and the folders the user adds, with search.

Folders are scanned off the GUI thread (a folder of 500 personas takes most of a second to
parse), so the panel shows "Loading…" under a folder until its entries arrive. The user's folders
are remembered in QSettings under ``library/folders``. Search uses the core's query language:
words match name, title, description and tools; ``tool:NAME`` matches tools only.
"""

from __future__ import annotations

import contextlib
import html
import os
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRunnable,
    QSettings,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.catalog import load_catalog
from persona_studio.core.library import (
    LibraryEntry,
    Query,
    matches,
    parse_query,
    scan_folder,
    shipped_folder,
)
from persona_studio.core.lint import Severity
from persona_studio.gui.icons import icon_size, severity_icon
from persona_studio.gui.theme import Theme, palette_for

ModelIndex = QModelIndex | QPersistentModelIndex
SETTINGS_KEY = "library/folders"
SHIPPED_LABEL = "Shipped library"

KindRole = Qt.ItemDataRole.UserRole + 1  # "group", "entry" or "note"
EntryRole = Qt.ItemDataRole.UserRole + 2  # LibraryEntry of an entry row
FolderRole = Qt.ItemDataRole.UserRole + 3  # the folder of a group row
ShippedRole = Qt.ItemDataRole.UserRole + 4  # True for the shipped library's group
_CountRole = Qt.ItemDataRole.UserRole + 6  # how many entries a group holds


# ------------------------------------------------------------------------------------ scanning


class _ScanSignals(QObject):
    finished = Signal(str, int, object)  # folder, generation, list[LibraryEntry]


class _ScanTask(QRunnable):
    """Scans one folder on a pool thread and reports back through a queued signal."""

    def __init__(self, folder: str, generation: int, shipped: bool, signals: _ScanSignals):
        super().__init__()
        self._args = (folder, generation, shipped)
        self._signals = signals

    def run(self) -> None:
        folder, generation, shipped = self._args
        entries = scan_folder(folder, shipped=shipped)
        with contextlib.suppress(RuntimeError):  # the panel was closed while scanning
            self._signals.finished.emit(folder, generation, entries)


# ------------------------------------------------------------------------------------- models


class LibraryFilterModel(QSortFilterProxyModel):
    """Shows the entries matching a query, and the folders holding them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = Query()
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        query = parse_query(text)
        if query != self._query:
            self.beginFilterChange()
            self._query = query
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def query(self) -> Query:
        return self._query

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        kind = index.data(KindRole)
        if kind == "entry":
            return matches(index.data(EntryRole), self._query)
        if kind == "note":
            return self._query.empty or index.data(FolderRole) is not None
        return self._query.empty


class LibraryDelegate(QStyledItemDelegate):
    """Entries as two lines: the name, then the description (or the error) elided and muted."""

    def __init__(self, theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.theme = theme

    def _padding(self, option: QStyleOptionViewItem) -> int:
        return max(2, option.fontMetrics.height() // 4)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        if index.data(KindRole) != "entry":
            return base
        height = 2 * option.fontMetrics.lineSpacing() + 2 * self._padding(option)
        return QSize(base.width(), max(base.height(), height))

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        total = index.data(_CountRole)
        if index.data(KindRole) == "group" and total is not None:
            model = index.model()
            shown = sum(
                1
                for row in range(model.rowCount(index))
                if model.index(row, 0, index).data(KindRole) == "entry"
            )
            count = f"{total}" if shown == total else f"{shown} of {total}"
            option.text = f"{option.text}  ({count})"

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.data(KindRole) != "entry":
            super().paint(painter, option, index)
            return
        entry: LibraryEntry = index.data(EntryRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QGuiApplication.instance().style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pad = self._padding(opt)
        rect = opt.rect.adjusted(pad * 2, pad, -pad * 2, -pad)
        if entry.error:  # a warning shape, so the problem does not rest on colour alone
            side = opt.fontMetrics.height()
            mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
            icon = severity_icon(Severity.WARNING, self.theme)
            icon.paint(painter, QRect(rect.left(), rect.top(), side, side), mode=mode)
            rect.setLeft(rect.left() + side + pad * 2)
        line = opt.fontMetrics.lineSpacing()
        name_font = QFont(opt.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        group = QPalette.ColorGroup.Normal
        text_color = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        second_color = text_color if selected else self.theme.color("muted")
        if entry.error and not selected:
            second_color = self.theme.color("warning")
        painter.save()
        painter.setFont(name_font)
        painter.setPen(text_color)
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        name = QFontMetrics(name_font).elidedText(
            entry.name, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(first, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        painter.setFont(opt.font)
        painter.setPen(second_color)
        second = QRect(rect.left(), rect.top() + line, rect.width(), line)
        detail = entry.error or entry.description or entry.title or "No description"
        detail = opt.fontMetrics.elidedText(
            " ".join(detail.split()), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        painter.restore()


def entry_tooltip(entry: LibraryEntry) -> str:
    """Everything about an entry, for its tooltip (rich text, escaped)."""
    e = html.escape
    lines = [f"<b>{e(entry.name)}</b>"]
    if entry.title:
        lines.append(f"<i>{e(entry.title)}</i>")
    if entry.error:
        lines.append(f"<b>Cannot be loaded:</b> {e(entry.error)}")
    if entry.description:
        lines.append(e(entry.description))
    if entry.tools:
        lines.append(f"<b>Tools ({len(entry.tools)}):</b> {e(', '.join(entry.tools))}")
    elif not entry.error:
        lines.append("<b>Tools:</b> none listed (every tool is available)")
    if entry.target:
        try:
            label = load_catalog().target(entry.target).label
        except KeyError:
            label = entry.target
        lines.append(f"<b>Target:</b> {e(label)}")
    lines.append(f"<small>{e(entry.path)}</small>")
    return "<p>" + "<br>".join(lines) + "</p>"


# -------------------------------------------------------------------------------------- panel


class LibraryPanel(QWidget):
    """The persona library: shipped personas and the user's folders, filterable."""

    openRequested = Signal(str)
    compareRequested = Signal(list)
    newFromRequested = Signal(str)
    loaded = Signal()  # every folder has been scanned

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Persona library")
        self._theme = theme
        self._generation = 0
        self._pending: set[str] = set()
        self._collapsed: set[str] = set()
        self._pool = QThreadPool(self)  # created before the signals: it is deleted first
        self._pool.setMaxThreadCount(2)
        self._signals = _ScanSignals(self)
        self._signals.finished.connect(self._scanned)

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
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
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
        """Rescan every folder (entries already shown stay until the new ones arrive)."""
        self._generation += 1
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
                group = self._group_item(folder, label, is_shipped)
                root.insertRow(position, [group])  # (the one-item overload leaks ownership)
                group.appendRow(self._note_item("Loading…", folder))
            self._pending.add(folder)
            task = _ScanTask(folder, self._generation, is_shipped, self._signals)
            self._pool.start(task)
        self._restore_expansion()
        self._update_state()

    def is_loading(self) -> bool:
        return bool(self._pending)

    def wait_until_loaded(self, msecs: int = 10_000) -> bool:
        """Block until the scans finish and their results are shown (for scripts and tests)."""
        self._pool.waitForDone(msecs)
        QGuiApplication.processEvents()
        return not self._pending

    def _scanned(self, folder: str, generation: int, entries: list[LibraryEntry]) -> None:
        if generation != self._generation:
            return
        group = self._group(folder)
        if group is None:
            return
        selected = set(self.selected_paths())
        current = self.tree.currentIndex().data(EntryRole)
        group.removeRows(0, group.rowCount())
        if entries:
            group.appendRows([self._entry_item(entry) for entry in entries])
        elif not os.path.isdir(folder):
            group.appendRow(self._note_item("Folder not found", folder))
        else:
            group.appendRow(self._note_item("No persona files in this folder", folder))
        group.setData(len(entries), _CountRole)
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

    def _group_item(self, folder: str, label: str, shipped: bool) -> QStandardItem:
        item = QStandardItem(label)
        item.setData("group", KindRole)
        item.setData(folder, FolderRole)
        item.setData(shipped, ShippedRole)
        item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
        font = QFont(self.font())
        font.setWeight(QFont.Weight.Bold)
        item.setFont(font)
        where = "The personas shipped with Persona Studio" if shipped else "Your folder"
        item.setToolTip(f"{where}\n{folder}")
        item.setEditable(False)
        return item

    @staticmethod
    def _entry_item(entry: LibraryEntry) -> QStandardItem:
        item = QStandardItem(entry.name)
        item.setData("entry", KindRole)
        item.setData(entry, EntryRole)
        item.setToolTip(entry_tooltip(entry))
        spoken = entry.error or entry.description or ""
        item.setData(f"{entry.name}: {spoken}", Qt.ItemDataRole.AccessibleTextRole)
        item.setEditable(False)
        return item

    def _note_item(self, text: str, folder: str | None) -> QStandardItem:
        item = QStandardItem(text)
        item.setData("note", KindRole)
        if text == "Loading…":
            item.setData(folder, FolderRole)  # stays visible while filtering
        font = QFont(self.font())
        font.setItalic(True)
        item.setFont(font)
        item.setForeground(self._theme.color("muted"))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

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
            menu.addAction("Remove Folder from Library", lambda: self.remove_folder(folder))
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
