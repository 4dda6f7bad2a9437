"""The rows of the library panel: what each row holds (its roles), how it is made, filtered,
painted and described.

A group row is one folder, an entry row one persona (a core ``LibraryEntry``), a note row a line
of text under a group ("Loading…", "Folder not found"). The panel fills a ``QStandardItemModel``
with these rows; ``LibraryFilterModel`` shows the ones a query matches and ``LibraryDelegate``
paints an entry as two lines.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QStandardItem,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from persona_studio.core.catalog import load_catalog
from persona_studio.core.library import LibraryEntry, Query, matches, parse_query
from persona_studio.core.lint import Severity
from persona_studio.gui.icons import severity_icon
from persona_studio.gui.theme import Theme

ModelIndex = QModelIndex | QPersistentModelIndex

KindRole = Qt.ItemDataRole.UserRole + 1  # "group", "entry" or "note"
EntryRole = Qt.ItemDataRole.UserRole + 2  # LibraryEntry of an entry row
FolderRole = Qt.ItemDataRole.UserRole + 3  # the folder of a group row
ShippedRole = Qt.ItemDataRole.UserRole + 4  # True for the shipped library's group
CountRole = Qt.ItemDataRole.UserRole + 6  # how many entries a group holds

LOADING = "Loading…"


# -------------------------------------------------------------------------------------- rows


def group_item(folder: str, label: str, shipped: bool, font: QFont, icon: QIcon) -> QStandardItem:
    """The row of one folder (``font`` is the panel's: the row shows it bold)."""
    item = QStandardItem(label)
    item.setData("group", KindRole)
    item.setData(folder, FolderRole)
    item.setData(shipped, ShippedRole)
    item.setIcon(icon)
    bold = QFont(font)
    bold.setWeight(QFont.Weight.Bold)
    item.setFont(bold)
    where = "The personas shipped with Persona Studio" if shipped else "Your folder"
    item.setToolTip(f"{where}\n{folder}")
    item.setEditable(False)
    return item


def entry_item(entry: LibraryEntry) -> QStandardItem:
    """The row of one persona."""
    item = QStandardItem(entry.name)
    item.setData("entry", KindRole)
    item.setData(entry, EntryRole)
    item.setToolTip(entry_tooltip(entry))
    spoken = entry.error or entry.description or ""
    item.setData(f"{entry.name}: {spoken}", Qt.ItemDataRole.AccessibleTextRole)
    item.setEditable(False)
    return item


def note_item(text: str, folder: str | None, font: QFont, color: QColor) -> QStandardItem:
    """A line of text under a group, in the muted colour, and in italics but for "Loading…".
    "Loading…" keeps its folder, so that it stays visible while filtering. (It shows at every
    start, for a moment: in italics, it would load a font face of its own, about 0.37 MB of the
    first window's memory, that nothing else on the first screen uses.)"""
    item = QStandardItem(text)
    item.setData("note", KindRole)
    if text == LOADING:
        item.setData(folder, FolderRole)
    else:
        italic = QFont(font)
        italic.setItalic(True)
        item.setFont(italic)
    item.setForeground(color)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


# ------------------------------------------------------------------------ filter and painting


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
        total = index.data(CountRole)
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
