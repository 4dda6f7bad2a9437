"""The comparison matrix as a Qt table model: N personas side by side, one column each.

Rows come in groups: the persona's description and model, then its tools (a tick for each tool it
uses), then its sections (present, empty or missing: a symbol in the cell and the word in its
tooltip and accessible text, never colour alone). The model is built on
``core.compare.ComparisonMatrix``; it sorts rows inside their group (by a persona's column: rows it
has first; by the first column: by name) and filters them by a text and, optionally, to the rows
where the personas differ. `visible_matrix()` is what is shown, in the order shown (for export).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from persona_studio.core.compare import EMPTY, MISSING, PRESENT, ComparisonMatrix
from persona_studio.gui.theme import Theme

INFO, TOOL, SECTION, HEADER = "info", "tool", "section", "header"
TICK = "✓"
SYMBOLS = {PRESENT: "✓", EMPTY: "○", MISSING: "✗"}
WORDS = {PRESENT: "present", EMPTY: "empty", MISSING: "missing"}
_RANK = {True: 0, False: 1, PRESENT: 0, EMPTY: 1, MISSING: 2}
_GROUPS = {INFO: 0, TOOL: 1, SECTION: 2}
StateRole = Qt.ItemDataRole.UserRole + 1  # the raw cell value: bool, a state or text
KindRole = Qt.ItemDataRole.UserRole + 2  # the row's kind


@dataclass(frozen=True, slots=True)
class MatrixRow:
    kind: str  # INFO, TOOL, SECTION or HEADER
    name: str
    values: tuple[Any, ...] = ()  # per persona: text (INFO), bool (TOOL), state (SECTION)
    order: int = 0  # position in the core's order

    @property
    def group(self) -> int:
        return _GROUPS.get(self.kind, 0)

    def differs(self) -> bool:
        return len(set(self.values)) > 1


def _rows(matrix: ComparisonMatrix) -> list[MatrixRow]:
    personas = matrix.personas
    description = tuple(
        f"Cannot read: {p.error}" if p.error else p.description or "" for p in personas
    )
    rows = [
        MatrixRow(INFO, "Description", description, 0),
        MatrixRow(INFO, "Model", tuple(p.model or "" for p in personas), 1),
    ]
    rows += [MatrixRow(TOOL, row.name, row.marks, k) for k, row in enumerate(matrix.tools)]
    rows += [MatrixRow(SECTION, row.title, row.states, k) for k, row in enumerate(matrix.sections)]
    return rows


class MatrixModel(QAbstractTableModel):
    """Rows of a comparison matrix, grouped, sortable inside groups and filterable."""

    def __init__(self, matrix: ComparisonMatrix, theme: Theme, parent=None) -> None:
        super().__init__(parent)
        self._matrix = matrix
        self._theme = theme
        self._all = _rows(matrix)
        self._shown: list[MatrixRow] = []
        self._filter = ""
        self._differences_only = False
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._rebuild()

    # -- state ---------------------------------------------------------------------------------
    @property
    def matrix(self) -> ComparisonMatrix:
        return self._matrix

    def rows(self) -> list[MatrixRow]:
        """The rows shown, group headers included."""
        return list(self._shown)

    def set_filter(self, text: str) -> None:
        self._filter = " ".join(text.split()).casefold()
        self._reset()

    def set_differences_only(self, only: bool) -> None:
        self._differences_only = only
        self._reset()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._shown:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._shown) - 1, self.columnCount() - 1)
            )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows inside their group: by presence in a persona's column (the ones it has
        first when ascending), by name in the first column; column -1 is the core's order."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._rebuild()
        self.layoutChanged.emit()

    def _reset(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _accepts(self, row: MatrixRow) -> bool:
        if self._differences_only and not row.differs():
            return False
        if not self._filter:
            return True
        if self._filter in row.name.casefold():
            return True
        return row.kind == INFO and any(self._filter in str(v).casefold() for v in row.values)

    def _key(self, row: MatrixRow) -> tuple[Any, ...]:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if column <= 0 or row.kind == INFO:
            if column == 0 and row.kind != INFO:
                name = row.name.casefold()
                return (0, name) if not descending else (0, _Reversed(name))
            return (0, row.order)
        rank = _RANK.get(row.values[column - 1], 1)
        return (-rank if descending else rank, row.order)

    def _rebuild(self) -> None:
        groups: dict[str, list[MatrixRow]] = {INFO: [], TOOL: [], SECTION: []}
        for row in self._all:
            if self._accepts(row):
                groups[row.kind].append(row)
        shown: list[MatrixRow] = []
        titles = {INFO: "Persona", TOOL: "Tools", SECTION: "Sections"}
        totals = {
            INFO: 2,
            TOOL: len(self._matrix.tools),
            SECTION: len(self._matrix.sections),
        }
        for kind, rows in groups.items():
            if not rows and kind == INFO:
                continue
            count = len(rows)
            title = titles[kind]
            if kind != INFO:
                title += f" ({count})" if count == totals[kind] else f" ({count} of {totals[kind]})"
            shown.append(MatrixRow(HEADER, title, (), -1))
            shown.extend(sorted(rows, key=self._key))
        self._shown = shown

    def visible_matrix(self) -> ComparisonMatrix:
        """The matrix with the tool and section rows shown, in the order shown."""
        tools = {row.name: row for row in self._matrix.tools}
        sections = {row.title: row for row in self._matrix.sections}
        return ComparisonMatrix(
            self._matrix.personas,
            tuple(tools[r.name] for r in self._shown if r.kind == TOOL),
            tuple(sections[r.name] for r in self._shown if r.kind == SECTION),
        )

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._matrix.personas)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return "Tool or section"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Click to sort by name (inside each group)"
            return None
        persona = self._matrix.personas[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return persona.name + (" ⚠" if persona.error or persona.front_matter_error else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [persona.name, persona.path]
            if persona.title:
                lines.append(f"Title: {persona.title}")
            if persona.error:
                lines.append(f"Cannot read: {persona.error}")
            if persona.front_matter_error:
                lines.append(f"Front matter error: {persona.front_matter_error}")
            lines.append("Click to sort the rows by what this persona has; double-click to open")
            return "\n".join(lines)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._shown[index.row()].kind == HEADER:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._shown[index.row()]
        column = index.column()
        roles = Qt.ItemDataRole
        if role == KindRole:
            return row.kind
        if row.kind == HEADER:
            return self._header_data(row, column, role)
        if column == 0:
            if role == roles.DisplayRole:
                return row.name
            if role == roles.ToolTipRole:
                return self._row_tip(row)
            return None
        value = row.values[column - 1]
        persona = self._matrix.personas[column - 1].name
        if role == StateRole:
            return value
        if role in (roles.DisplayRole, roles.AccessibleTextRole):
            return self._cell_text(row, value, role == roles.AccessibleTextRole)
        if role == roles.ToolTipRole:
            return self._cell_tip(row, value, persona)
        if role == roles.TextAlignmentRole:
            if row.kind == INFO:
                tall = row.name == "Description"
                vertical = Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag.AlignVCenter
                return int(Qt.AlignmentFlag.AlignLeft | vertical)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == roles.ForegroundRole:
            return self._cell_color(row, value)
        return None

    def _header_data(self, row: MatrixRow, column: int, role: int) -> Any:
        roles = Qt.ItemDataRole
        if role == roles.DisplayRole and column == 0:
            return row.name
        if role == roles.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == roles.BackgroundRole:
            return self._theme.color("alternate")
        if role == roles.ForegroundRole:
            return self._theme.color("heading")
        return None

    @staticmethod
    def _cell_text(row: MatrixRow, value: Any, words: bool) -> str:
        if row.kind == TOOL:
            if words:
                return "uses" if value else "does not use"
            return TICK if value else ""
        if row.kind == SECTION:
            return WORDS[value] if words else SYMBOLS[value]
        return str(value) if value else ("none" if words else "—")

    def _row_tip(self, row: MatrixRow) -> str:
        if row.kind == TOOL:
            count = sum(row.values)
            return f"Tool {row.name}: used by {count} of {len(row.values)} personas"
        if row.kind == SECTION:
            count = sum(1 for v in row.values if v == PRESENT)
            return f"Section {row.name}: present in {count} of {len(row.values)} personas"
        return row.name

    @staticmethod
    def _cell_tip(row: MatrixRow, value: Any, persona: str) -> str:
        if row.kind == TOOL:
            return f"{persona} {'uses' if value else 'does not use'} {row.name}"
        if row.kind == SECTION:
            detail = {
                PRESENT: "present",
                EMPTY: "empty (a heading with nothing under it)",
                MISSING: "missing",
            }[value]
            return f"{row.name} in {persona}: {detail}"
        return f"{row.name} of {persona}: {value or 'none'}"

    def _cell_color(self, row: MatrixRow, value: Any) -> Any:
        theme = self._theme
        if row.kind == SECTION:
            return theme.color({PRESENT: "text", EMPTY: "warning", MISSING: "muted"}[value])
        if row.kind == INFO and isinstance(value, str) and value.startswith("Cannot read:"):
            return theme.color("error")
        if row.kind == INFO and not value:
            return theme.color("muted")
        return None


class _Reversed:
    """Orders strings backwards inside a sort key."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return self.value > other.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)
