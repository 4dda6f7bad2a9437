"""The export dialog's table: one row per source, its output path, status, notes and the
Overwrite confirmation of an existing file.

A row's Overwrite box is unchecked at first and cannot be ticked before the row's differences
were shown (``mark_seen``); it exists only for a destination that exists and would change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from persona_studio.core.export.plan import (
    BLOCKED,
    CANCELLED,
    FAILED,
    OVERWRITE,
    SKIPPED,
    UNCHANGED,
    WRITTEN,
    ExportSource,
    Outcome,
    PlanItem,
)
from persona_studio.core.lint import Severity
from persona_studio.gui.icons import severity_icon
from persona_studio.gui.theme import Theme

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("Source", "Output file", "Status", "Notes", "Tools lost", "Overwrite")
SOURCE_COLUMN, OUTPUT_COLUMN, STATUS_COLUMN, NOTES_COLUMN, LOST_COLUMN, OVERWRITE_COLUMN = range(6)
_ICONS = {
    FAILED: Severity.ERROR,
    BLOCKED: Severity.ERROR,
    OVERWRITE: Severity.WARNING,
    SKIPPED: Severity.WARNING,
    CANCELLED: Severity.WARNING,
}


@dataclass
class ExportRow:
    """One source, its plan (None until checked), what Export did, and the user's confirmation."""

    source: ExportSource
    plan: PlanItem | None = None
    outcome: Outcome | None = None
    confirmed: bool = False
    seen: bool = False

    @property
    def needs_confirmation(self) -> bool:
        """The destination exists and would change: Overwrite must be ticked."""
        plan = self.plan
        return plan is not None and plan.exists and plan.error is None and not plan.same

    @property
    def done(self) -> bool:
        return self.outcome is not None and self.outcome.kind in (WRITTEN, UNCHANGED)

    @property
    def kind(self) -> str:
        if self.outcome is not None:
            return self.outcome.kind
        return self.plan.kind if self.plan is not None else ""


class ExportTableModel(QAbstractTableModel):
    """The rows of an export, shown as a table."""

    confirmationChanged = Signal(int, bool)  # row, ticked

    def __init__(self, sources: Sequence[ExportSource], theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self._theme = theme
        self.rows = [ExportRow(source) for source in sources]
        self.unchecked_text = "Checking…"
        self.locked = False  # while writing: the Overwrite boxes cannot change

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._changed(0, len(self.rows) - 1)

    def reset_plans(self, unchecked_text: str = "Checking…") -> None:
        """Forget every plan, outcome, confirmation and seen diff (a new plan is coming)."""
        self.unchecked_text = unchecked_text
        for row in self.rows:
            row.plan, row.outcome, row.confirmed, row.seen = None, None, False, False
        self._changed(0, len(self.rows) - 1)

    def set_unchecked_text(self, text: str) -> None:
        self.unchecked_text = text
        self._changed(0, len(self.rows) - 1)

    def set_plan(self, index: int, plan: PlanItem) -> None:
        row = self.rows[index]
        row.plan, row.outcome, row.confirmed, row.seen = plan, None, False, False
        self._changed(index, index)

    def set_outcome(self, index: int, outcome: Outcome | None) -> None:
        self.rows[index].outcome = outcome
        self._changed(index, index)

    def mark_seen(self, index: int) -> None:
        """The row's differences were shown: its Overwrite box can be ticked now."""
        row = self.rows[index]
        if row.needs_confirmation and not row.seen:
            row.seen = True
            self._changed(index, index)

    def set_confirmed(self, index: int, confirmed: bool) -> bool:
        """Tick or clear a row's Overwrite box; refused before its differences were shown."""
        row = self.rows[index]
        if self.locked or not row.needs_confirmation or (confirmed and not row.seen) or row.done:
            return False
        if row.confirmed != confirmed:
            row.confirmed = confirmed
            if row.outcome is not None and row.outcome.kind == SKIPPED:
                row.outcome = None  # ready to try again
            self._changed(index, index)
            self.confirmationChanged.emit(index, confirmed)
        return True

    def status(self, index: int) -> str:
        row = self.rows[index]
        if row.outcome is not None:
            return row.outcome.status
        if row.plan is None:
            return self.unchecked_text
        if row.needs_confirmation and row.confirmed and row.plan.kind == OVERWRITE:
            return "Will overwrite (confirmed)"
        return row.plan.status

    def _changed(self, first: int, last: int) -> None:
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # -- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.rows[index.row()]
        if index.column() == OVERWRITE_COLUMN and row.needs_confirmation:
            # Before its differences were shown, a click only selects the row (and shows them).
            if row.seen and not row.done:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            elif row.done:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(index.row(), column, role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.CheckStateRole and column == OVERWRITE_COLUMN:
            if row.needs_confirmation:
                checked = row.confirmed
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS_COLUMN:
            severity = _ICONS.get(row.kind)
            if row.kind == OVERWRITE and row.confirmed:
                severity = None
            return severity_icon(severity, self._theme) if severity is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NOTES_COLUMN, LOST_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != OVERWRITE_COLUMN:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        return self.set_confirmed(index.row(), checked)

    def _text(self, index: int, column: int, spoken: bool) -> str:
        row = self.rows[index]
        plan = row.plan
        if column == SOURCE_COLUMN:
            return row.source.label
        if column == OUTPUT_COLUMN:
            return plan.shown_path if plan is not None else ""
        if column == STATUS_COLUMN:
            return self.status(index)
        if column == NOTES_COLUMN:
            count = len(plan.result.notes) if plan is not None and plan.result else 0
            if spoken:
                return f"{count} {'note' if count == 1 else 'notes'}"
            return str(count) if plan is not None and plan.result else ""
        if column == LOST_COLUMN:
            if plan is None or plan.result is None:
                return ""
            lost = len(plan.result.tool_losses)
            if spoken:
                return f"{lost} {'tool' if lost == 1 else 'tools'} lost or kept in part"
            return str(lost)
        if spoken and row.needs_confirmation:
            return "overwrite confirmed" if row.confirmed else "overwrite not confirmed"
        return ""

    def _tooltip(self, index: int, column: int) -> str | None:
        row = self.rows[index]
        plan = row.plan
        if column == SOURCE_COLUMN:
            return row.source.path or f"{row.source.label} (not saved)"
        if column == OUTPUT_COLUMN:
            return plan.destination or plan.shown_path if plan is not None else None
        if column == STATUS_COLUMN:
            return self.status(index)
        if column == NOTES_COLUMN and plan is not None and plan.result is not None:
            return "\n".join(str(note) for note in plan.result.notes) or "Nothing to note"
        if column == LOST_COLUMN and plan is not None and plan.result is not None:
            losses = plan.result.tool_losses
            return "\n".join(str(fate) for fate in losses) or "Every tool keeps its meaning"
        if column == OVERWRITE_COLUMN and row.needs_confirmation:
            if row.done:
                return "Written"
            if not row.seen:
                return "Select this row and read the differences before you can overwrite"
            return "Tick to replace the existing file with the new text"
        return None
