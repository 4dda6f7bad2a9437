"""The validator panel widget: the table of problems with its severity filters, Quick Fix,
Explain and the context menu. It keeps no diagnostics of its own: it shows `session.diagnostics`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.lint import Diagnostic, Severity, all_rules
from persona_studio.gui import keep_viewport
from persona_studio.gui.icons import icon_size, severity_icon
from persona_studio.gui.theme import Theme, palette_for
from persona_studio.gui.window.validator_panel.model import (
    COLUMNS,
    LINE_COLUMN,
    MESSAGE_COLUMN,
    RULE_COLUMN,
    SEVERITIES,
    SEVERITY_COLUMN,
    DiagnosticRole,
    DiagnosticsModel,
    ModelIndex,
    SeverityFilterModel,
    count_text,
    diagnostic_key,
)

if TYPE_CHECKING:
    from persona_studio.gui.window.validator_panel.explanation import ExplainDialog


class ValidatorPanel(QWidget):
    """Diagnostics of the current document, with filters, Quick Fix and Explain."""

    jumpRequested = Signal(int, int)  # code-point start, end
    revealRequested = Signal(int, int)  # the same, keeping the keyboard here (a single click)
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
        keep_viewport(self.view)
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
        view.setToolTip(
            "Click a problem to show it in the text; double-click or press Enter to go there"
        )
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
        view.clicked.connect(self._reveal)
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
        key = diagnostic_key(selected)
        same = [
            self.proxy.index(r, 0)
            for r in range(self.proxy.rowCount())
            if diagnostic_key(self._diagnostic_at(self.proxy.index(r, 0))) == key
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

    def _reveal(self, index: ModelIndex) -> None:
        """A single click: move the cursor to the problem, keep the keyboard in the list."""
        if index.isValid():
            item = self._diagnostic_at(index)
            self.revealRequested.emit(item.span.start, item.span.end)

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
        fresh = [d for d in self._session.diagnostics if diagnostic_key(d) == diagnostic_key(item)]
        if not fresh:
            return None
        return min(fresh, key=lambda d: abs(d.span.start - item.span.start))

    def explain(self) -> ExplainDialog | None:
        """Show the selected diagnostic's rule documentation in a small window."""
        item = self.selected_diagnostic()
        if item is None:
            return None
        if self._explain is None:
            from persona_studio.gui.window.validator_panel.explanation import ExplainDialog

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
