"""The validator panel's rows: a read-only table over the session's diagnostics, and the proxy
that filters them by severity and sorts them by any column (ties broken by position)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from persona_studio.core.lint import Diagnostic, Severity, find_rule
from persona_studio.gui.icons import severity_icon
from persona_studio.gui.theme import Theme

ModelIndex = QModelIndex | QPersistentModelIndex
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
COLUMNS = ("Severity", "Rule", "Message", "Line")
SEVERITY_COLUMN, RULE_COLUMN, MESSAGE_COLUMN, LINE_COLUMN = range(4)
DiagnosticRole = Qt.ItemDataRole.UserRole + 1


def count_text(severity: Severity, count: int) -> str:
    """The text of a filter toggle: 1 error, 3 errors, 2 warnings, 5 info."""
    word = severity.label
    if count != 1 and severity != Severity.INFO:
        word += "s"
    return f"{count} {word}"


def diagnostic_key(diagnostic: Diagnostic) -> tuple[str, str]:
    return diagnostic.rule, diagnostic.message


def _same_row(old: Diagnostic, new: Diagnostic) -> bool:
    """The same problem, perhaps moved: only its span (and the fix's spans) differ."""
    return (
        old.rule == new.rule
        and old.severity == new.severity
        and old.message == new.message
        and (old.fix is None) == (new.fix is None)
    )


class DiagnosticsModel(QAbstractTableModel):
    """A read-only table over a list of diagnostics."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._diagnostics: list[Diagnostic] = []

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._diagnostics:
            last = self.index(len(self._diagnostics) - 1, SEVERITY_COLUMN)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DecorationRole])

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show new diagnostics. Typing usually leaves them as they were, only moved along the
        text: then the rows stay (no reset, no relayout, the selection kept) and only the line
        numbers that differ are repainted."""
        new = list(diagnostics)
        old = self._diagnostics
        if len(new) == len(old) and all(map(_same_row, old, new)):
            self._diagnostics = new
            moved = [
                row
                for row, (a, b) in enumerate(zip(old, new, strict=True))
                if a.span.line != b.span.line
            ]
            if moved:
                self.dataChanged.emit(
                    self.index(moved[0], LINE_COLUMN), self.index(moved[-1], LINE_COLUMN)
                )
            return
        self.beginResetModel()
        self._diagnostics = new
        self.endResetModel()

    def diagnostics(self) -> list[Diagnostic]:
        return list(self._diagnostics)

    def diagnostic(self, row: int) -> Diagnostic:
        return self._diagnostics[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._diagnostics)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._diagnostics[index.row()]
        column = index.column()
        if role == DiagnosticRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(item, column, role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY_COLUMN:
            return severity_icon(item.severity, self._theme)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(item: Diagnostic, column: int, spoken: bool) -> str:
        if column == SEVERITY_COLUMN:
            return item.severity.label.capitalize()
        if column == RULE_COLUMN:
            return item.name
        if column == MESSAGE_COLUMN:
            return item.message
        return f"line {item.span.line}" if spoken else str(item.span.line)

    @staticmethod
    def _tooltip(item: Diagnostic, column: int) -> str:
        if column == RULE_COLUMN:
            rule = find_rule(item.rule)
            summary = f": {rule.summary}" if rule is not None else ""
            return f"{item.rule} {item.name}{summary}"
        if column == LINE_COLUMN:
            return f"Line {item.span.line}, column {item.span.column}"
        text = f"{item.severity.label.capitalize()}: {item.message}"
        if item.fix is not None:
            text += f"\nQuick Fix: {item.fix.description}"
        return text


class SeverityFilterModel(QSortFilterProxyModel):
    """Hides the severities the user switched off; sorts with a tie-break on position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hidden: set[Severity] = set()

    def set_shown(self, severity: Severity, shown: bool) -> None:
        changed = (severity in self._hidden) == shown
        if changed:
            self.beginFilterChange()
            self._hidden.symmetric_difference_update({severity})
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_shown(self, severity: Severity) -> bool:
        return severity not in self._hidden

    def _item(self, row: int) -> Diagnostic:
        model = self.sourceModel()
        assert isinstance(model, DiagnosticsModel)
        return model.diagnostic(row)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        return self._item(source_row).severity not in self._hidden

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        return self._sort_key(left) < self._sort_key(right)

    def _sort_key(self, index: ModelIndex) -> tuple[Any, ...]:
        item = self._item(index.row())
        where = (item.span.start, item.span.end)
        column = index.column()
        if column == SEVERITY_COLUMN:
            return (-item.severity, *where)
        if column == RULE_COLUMN:
            return (item.name, *where)
        if column == MESSAGE_COLUMN:
            return (item.message.casefold(), *where)
        return (*where, -item.severity)
