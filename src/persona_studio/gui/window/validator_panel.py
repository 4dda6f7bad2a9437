"""The validator panel: the current document's diagnostics, refreshed as the user types.

Each row shows a severity (icon and word), the rule's name, the message and the line. Rows sort
by any column and filter by severity; double-click or Enter asks the window to jump to the span;
Quick Fix applies the rule's fix through the session as one undo step; Explain shows the rule's
documentation. The panel keeps no diagnostics of its own: it shows `session.diagnostics`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.lint import Diagnostic, Rule, Severity, all_rules, find_rule
from persona_studio.core.lint.profiles import readings
from persona_studio.gui.icons import icon_size, severity_icon
from persona_studio.gui.theme import Theme, palette_for

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


def _diagnostic_key(diagnostic: Diagnostic) -> tuple[str, str]:
    return diagnostic.rule, diagnostic.message


def _same_row(old: Diagnostic, new: Diagnostic) -> bool:
    """The same problem, perhaps moved: only its span (and the fix's spans) differ."""
    return (
        old.rule == new.rule
        and old.severity == new.severity
        and old.message == new.message
        and (old.fix is None) == (new.fix is None)
    )


# ------------------------------------------------------------------------------------ models


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


# ------------------------------------------------------------------------------------ explain


def explanation_html(
    rule: Rule | None, diagnostic: Diagnostic, theme: Theme, icon: int = 16
) -> str:
    """The documentation of a diagnostic's rule as HTML (text escaped; colours from the theme)."""
    e = html.escape
    name = rule.name if rule is not None else diagnostic.name
    rule_id = rule.id if rule is not None else diagnostic.rule
    severity = diagnostic.severity.label
    facts = [f"<b>Severity:</b> {severity}"]
    if rule is not None and rule.severity != diagnostic.severity:
        facts[0] += (
            f" (by default {rule.severity.label}; the reader's profile or your settings set it)"
        )
    if rule is not None:
        facts.append(f"<b>Group:</b> {e(rule.group)}")
        facts.append("<b>Quick Fix:</b> " + (e(rule.fix) if rule.fix else "none"))
    code = f"background:{theme.code_background};"
    parts = [
        f'<h2><img src="severity:{severity}" width="{icon}" height="{icon}"> {e(name)}'
        f' <span style="color:{theme.muted}; font-weight:normal">{e(rule_id)}</span></h2>',
        f"<p>{' &nbsp;·&nbsp; '.join(facts)}</p>",
    ]
    if rule is not None:
        parts.append(f"<p><i>{e(rule.summary)}</i></p><p>{e(rule.explanation)}</p>")
        rows = "".join(
            f"<tr><td>{e(reading.label)}{' (legacy, opt-in)' if reading.legacy else ''}</td>"
            f"<td>{e(reading.severity.label)}</td><td>{e(reading.reader)}. {e(reading.source)}</td>"
            "</tr>"
            for reading in readings(rule)
        )
        parts.append(
            "<h3>How each reader sees it</h3>"
            '<table cellspacing="0" cellpadding="3"><tr><th align="left">Profile</th>'
            f'<th align="left">Severity</th><th align="left">Reader and source</th></tr>{rows}'
            "</table>"
        )
    parts.append(
        f"<h3>This problem</h3><p>Line {diagnostic.span.line}, column {diagnostic.span.column}:"
        f" {e(diagnostic.message)}</p>"
    )
    if diagnostic.fix is not None:
        safety = "" if diagnostic.fix.safe else " (unsafe: check the result)"
        parts.append(f"<p><b>Quick Fix:</b> {e(diagnostic.fix.description)}{safety}</p>")
    ways = [
        (
            "For the next line or section, put this comment before it:",
            f"<!-- persona-studio-disable {name} -->",
        ),
        ("For the whole file:", f"<!-- persona-studio-disable-file {name} -->"),
        ("Inside the front matter, on the line before:", f"# persona-studio-disable {name}"),
        (
            "For a whole project, in pyproject.toml under [tool.persona-studio]"
            " (or in .persona-studio.toml):",
            f'ignore = ["{name}"]',
        ),
    ]
    items = "".join(
        f'<li>{e(label)}<br><code style="{code}">&nbsp;{e(snippet)}&nbsp;</code></li>'
        for label, snippet in ways
    )
    parts.append(f"<h3>How to turn it off</h3><ul>{items}</ul>")
    return "".join(parts)


class ExplainDialog(QDialog):
    """A small window with one rule's documentation (reused for the next Explain)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Explain Rule")
        self.setAccessibleName("Rule explanation")
        self._theme = theme
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Rule documentation")
        self.browser.setToolTip("What the rule checks, why, and how to turn it off")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setToolTip("Close this window")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 46, em * 34)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setPalette(palette_for(theme))

    def show_diagnostic(self, diagnostic: Diagnostic) -> None:
        rule = find_rule(diagnostic.rule)
        self.setWindowTitle(f"Explain {diagnostic.rule} {diagnostic.name}")
        side = icon_size(self.browser).height()
        document = self.browser.document()
        for severity in SEVERITIES:
            pixmap = severity_icon(severity, self._theme).pixmap(
                QSize(side, side), self.devicePixelRatioF()
            )
            url = QUrl(f"severity:{severity.label}")
            document.addResource(QTextDocument.ResourceType.ImageResource, url, pixmap)
        self.browser.setHtml(explanation_html(rule, diagnostic, self._theme, side))


# -------------------------------------------------------------------------------------- panel


class ValidatorPanel(QWidget):
    """Diagnostics of the current document, with filters, Quick Fix and Explain."""

    jumpRequested = Signal(int, int)  # code-point start, end
    renameRequested = Signal(str)  # a quick fix that moves the file: the new absolute path

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Problems")
        self._theme = theme
        self._session: Any = None
        self._explain: ExplainDialog | None = None

        self.model = DiagnosticsModel(theme, self)
        self.proxy = SeverityFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._make_view()
        self._size_columns()
        self.empty_label = QLabel("No problems", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_label.setAutoFillBackground(True)
        self.empty_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty_label.setAccessibleName("Problems list status")
        self.empty_label.setToolTip("The document's problems appear here as you type")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        self.filter_buttons: dict[Severity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(
            self.style().pixelMetric(self.style().PixelMetric.PM_LayoutHorizontalSpacing)
        )
        for severity in SEVERITIES:
            bar.addWidget(self._make_filter(severity))
        bar.addStretch(1)
        self.quick_fix_button = self._make_button("Quick Fix", self.quick_fix)
        self.explain_button = self._make_button("Explain", self.explain)
        bar.addWidget(self.quick_fix_button)
        bar.addWidget(self.explain_button)

        self.quick_fix_action = QAction("Quick Fix", self)
        self.quick_fix_action.setShortcut(QKeySequence("Ctrl+."))
        self.quick_fix_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.quick_fix_action.triggered.connect(self.quick_fix)
        self.explain_action = QAction("Explain Rule", self)
        self.explain_action.setShortcut(QKeySequence("F1"))
        self.explain_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.explain_action.triggered.connect(self.explain)
        self.copy_action = QAction("Copy Message", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_message)
        self.addActions([self.quick_fix_action, self.explain_action, self.copy_action])

        layout = QVBoxLayout(self)
        margin = self.style().pixelMetric(self.style().PixelMetric.PM_LayoutTopMargin) // 2
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.model.modelReset.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.apply_theme(theme)
        self._update_state()

    # -- building ---------------------------------------------------------------------------
    def _make_view(self) -> QTreeView:
        view = QTreeView(self)
        view.setModel(self.proxy)
        view.setAccessibleName("Problems list")
        view.setToolTip("Double-click or press Enter to go to a problem")
        view.setRootIsDecorated(False)
        view.setItemsExpandable(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setAllColumnsShowFocus(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSortingEnabled(True)
        view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
        view.setIconSize(icon_size(view))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show_menu)
        view.activated.connect(self._activate)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        return view

    def _size_columns(self) -> None:
        """Give the narrow columns room for their widest possible content, measured once from
        the font: they never jump as problems come and go, and no keystroke measures rows."""
        view = self.view
        metrics = view.fontMetrics()
        header = view.header()
        padding = 2 * view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin) + 16

        arrow = metrics.height()  # the header's sort indicator

        def fits(column: int, *texts: str, extra: int = 0) -> int:
            cells = max(metrics.horizontalAdvance(text) for text in texts) + extra
            title = metrics.horizontalAdvance(COLUMNS[column]) + arrow
            return max(cells, title) + padding

        icon = view.iconSize().width() + 6
        widths = {
            SEVERITY_COLUMN: fits(
                SEVERITY_COLUMN, *(s.label.capitalize() for s in SEVERITIES), extra=icon
            ),
            RULE_COLUMN: fits(RULE_COLUMN, *(rule.name for rule in all_rules())),
            LINE_COLUMN: fits(LINE_COLUMN, "99999"),
        }
        for column, width in widths.items():
            header.resizeSection(column, width)

    def _make_filter(self, severity: Severity) -> QToolButton:
        button = QToolButton(self)
        button.setCheckable(True)
        button.setChecked(True)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        plural = count_text(severity, 2).split(" ", 1)[1]
        button.setAccessibleName(f"Show {plural}")
        button.setToolTip(f"Show or hide {plural}")
        button.toggled.connect(lambda shown, s=severity: self.set_severity_shown(s, shown))
        self.filter_buttons[severity] = button
        return button

    def _make_button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    # -- the session ------------------------------------------------------------------------
    def set_session(self, session: Any) -> None:
        """Follow a DocumentSession's diagnostics (None: show nothing)."""
        if session is self._session:
            return
        if self._session is not None:
            try:
                self._session.diagnosticsChanged.disconnect(self._show_diagnostics)
                self._session.destroyed.disconnect(self._session_destroyed)
            except (RuntimeError, TypeError):
                pass
        self._session = session
        if session is not None:
            session.diagnosticsChanged.connect(self._show_diagnostics)
            session.destroyed.connect(self._session_destroyed)
        self._show_diagnostics(session.diagnostics if session is not None else [])
        self._update_state()  # says "No document open" or "No problems"

    def session(self) -> Any:
        return self._session

    def _session_destroyed(self, *_: object) -> None:
        self._session = None
        # Not now: at shutdown the session may outlive this panel's children. The next turn of
        # the event loop (none at shutdown; cancelled if the panel goes first) clears the rows.
        QTimer.singleShot(0, self, self._clear_if_orphaned)

    def _clear_if_orphaned(self) -> None:
        if self._session is None:
            self._show_diagnostics([])
            self._update_state()

    def _show_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        """Replace the rows, keeping the selection on the same problem (or its neighbour)."""
        selected = self.selected_diagnostic()
        row = self.view.currentIndex().row() if selected is not None else -1
        self.model.set_diagnostics(diagnostics)
        if selected is None or self.proxy.rowCount() == 0:
            return
        key = _diagnostic_key(selected)
        same = [
            self.proxy.index(r, 0)
            for r in range(self.proxy.rowCount())
            if _diagnostic_key(self._diagnostic_at(self.proxy.index(r, 0))) == key
        ]
        if same:
            target = min(
                same, key=lambda i: abs(self._diagnostic_at(i).span.start - selected.span.start)
            )
        else:
            target = self.proxy.index(min(row, self.proxy.rowCount() - 1), 0)
        self._select(target)

    # -- queries ---------------------------------------------------------------------------
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of the document, shown or filtered out."""
        return self.model.diagnostics()

    def visible_diagnostics(self) -> list[Diagnostic]:
        """The rows as shown, in their order."""
        return [self._diagnostic_at(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]

    def counts(self) -> dict[str, int]:
        """How many errors, warnings and infos the document has: {"error": 1, ...}."""
        found = {severity.label: 0 for severity in SEVERITIES}
        for item in self.model.diagnostics():
            found[item.severity.label] += 1
        return found

    def selected_diagnostic(self) -> Diagnostic | None:
        rows = self.view.selectionModel().selectedRows()
        return self._diagnostic_at(rows[0]) if rows else None

    def _diagnostic_at(self, index: ModelIndex) -> Diagnostic:
        return self.proxy.data(index, DiagnosticRole)

    # -- filters ---------------------------------------------------------------------------
    def set_severity_shown(self, severity: Severity, shown: bool) -> None:
        button = self.filter_buttons[severity]
        if button.isChecked() != shown:
            button.setChecked(shown)  # comes back here through toggled
            return
        self.proxy.set_shown(severity, shown)
        self._update_state()

    # -- navigation ------------------------------------------------------------------------
    def next_problem(self) -> bool:
        """Select the next shown problem (wrapping) and ask to jump to it."""
        return self._step(1)

    def previous_problem(self) -> bool:
        """Select the previous shown problem (wrapping) and ask to jump to it."""
        return self._step(-1)

    def _step(self, delta: int) -> bool:
        rows = self.proxy.rowCount()
        if rows == 0:
            return False
        current = self.view.selectionModel().selectedRows()
        start = current[0].row() if current else (-1 if delta > 0 else rows)
        row = (start + delta) % rows
        index = self.proxy.index(row, 0)
        self._select(index)
        self._activate(index)
        return True

    def _select(self, index: ModelIndex) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _activate(self, index: ModelIndex) -> None:
        if index.isValid():
            item = self._diagnostic_at(index)
            self.jumpRequested.emit(item.span.start, item.span.end)

    # -- actions ---------------------------------------------------------------------------
    def quick_fix(self) -> bool:
        """Apply the selected diagnostic's fix as one undoable edit."""
        item = self._current_version(self.selected_diagnostic())
        if item is None or item.fix is None or self._session is None:
            return False
        if item.fix.rename_to is not None:
            if self._session.path is None:
                return False
            folder = os.path.dirname(self._session.path)
            self.renameRequested.emit(os.path.normpath(os.path.join(folder, item.fix.rename_to)))
            return True
        self._session.apply_edits(list(item.fix.edits))
        self._session.refresh_diagnostics()
        return True

    def _current_version(self, item: Diagnostic | None) -> Diagnostic | None:
        """The same diagnostic computed on the current text (the fix's spans must be fresh)."""
        if item is None or self._session is None or not self._session.diagnostics_outdated:
            return item
        fresh = [
            d for d in self._session.diagnostics if _diagnostic_key(d) == _diagnostic_key(item)
        ]
        if not fresh:
            return None
        return min(fresh, key=lambda d: abs(d.span.start - item.span.start))

    def explain(self) -> ExplainDialog | None:
        """Show the selected diagnostic's rule documentation in a small window."""
        item = self.selected_diagnostic()
        if item is None:
            return None
        if self._explain is None:
            self._explain = ExplainDialog(self._theme, self)
        self._explain.show_diagnostic(item)
        self._explain.show()
        self._explain.raise_()
        return self._explain

    def copy_message(self) -> None:
        item = self.selected_diagnostic()
        if item is not None:
            QGuiApplication.clipboard().setText(item.message)

    def _show_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        self._select(index)
        item = self._diagnostic_at(index)
        menu = QMenu(self)
        go = menu.addAction("Go to Problem")
        go.triggered.connect(lambda: self._activate(index))
        menu.addSeparator()
        if item.fix is not None:
            self.quick_fix_action.setText(f"Quick Fix: {item.fix.description}")
        menu.addAction(self.quick_fix_action)
        menu.addAction(self.explain_action)
        menu.addSeparator()
        menu.addAction(self.copy_action)
        menu.exec(self.view.viewport().mapToGlobal(position))
        self.quick_fix_action.setText("Quick Fix")

    # -- state -----------------------------------------------------------------------------
    def _update_state(self) -> None:
        counts = self.counts()
        for severity, button in self.filter_buttons.items():
            count = counts[severity.label]
            button.setText(count_text(severity, count))
            state = "shown" if button.isChecked() else "hidden"
            plural = count_text(severity, 2).split(" ", 1)[1]
            button.setToolTip(f"{count_text(severity, count)} ({state}): show or hide {plural}")
        total, shown = len(self.model.diagnostics()), self.proxy.rowCount()
        if shown:
            self.stack.setCurrentWidget(self.view)
        else:
            if self._session is None:
                text = "No document open"
            elif total == 0:
                text = "No problems"
            else:
                text = f"No problems shown: {total} hidden by the severity filters"
            self.empty_label.setText(text)
            self.stack.setCurrentWidget(self.empty_label)
        self._update_actions()

    def _update_actions(self, *_: object) -> None:
        item = self.selected_diagnostic()
        can_fix = item is not None and item.fix is not None and self._session is not None
        self.quick_fix_button.setEnabled(can_fix)
        self.quick_fix_action.setEnabled(can_fix)
        if can_fix:
            assert item is not None and item.fix is not None
            unsafe = "" if item.fix.safe else " (unsafe: check the result)"
            tip = f"{item.fix.description}{unsafe} (Ctrl+.)"
        elif item is not None:
            tip = "This problem has no automatic fix"
        else:
            tip = "Select a problem to fix it automatically"
        self.quick_fix_button.setToolTip(tip)
        self.explain_button.setEnabled(item is not None)
        self.explain_action.setEnabled(item is not None)
        self.copy_action.setEnabled(item is not None)
        self.explain_button.setToolTip(
            f"What {item.name} checks and how to turn it off (F1)"
            if item is not None
            else "Select a problem to read about its rule"
        )

    # -- theme -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and hasattr(
            self, "view"
        ):
            self._size_columns()

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setPalette(palette_for(theme))
        muted = palette_for(theme)
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            muted.setColor(role, theme.color("muted"))
        self.empty_label.setPalette(muted)
        self.model.set_theme(theme)
        for severity, button in self.filter_buttons.items():
            button.setIcon(severity_icon(severity, theme))
            button.setIconSize(icon_size(button))
        if self._explain is not None:
            self._explain.apply_theme(theme)
            item = self.selected_diagnostic()
            if item is not None and self._explain.isVisible():
                self._explain.show_diagnostic(item)
