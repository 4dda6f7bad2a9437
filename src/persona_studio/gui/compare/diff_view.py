"""The diff window: two personas (or any two texts) side by side or unified, with word-level
highlights, synchronized scrolling, an overview of the changes beside the scroll bar, next and
previous change, and the semantic summary beside it.

Open it with the factories: ``DiffWindow.open_files`` (two files, or two library entries),
``open_document_vs_disk`` (an open document and its file) and ``open_document_vs_revision`` (an
open document and its file at a git revision). A side holding an open document follows its
text: the diff refreshes when the document changes, and a change can be copied into it as one
undoable core edit ("Copy to Document"). Small texts are compared on the spot; large ones on the
window's ``Background`` worker, with a busy bar and Cancel, so the window never freezes. Cancel
(and a newer comparison, and closing the window) stops the running computation itself.
"""

from __future__ import annotations

import traceback
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.diff import DiffOptions
from persona_studio.core.diffview.layout import ADDED, REMOVED, Layout
from persona_studio.core.errors import PersonaStudioError
from persona_studio.gui.compare.closing import add_close_controls
from persona_studio.gui.compare.diff_changes import ChangeCommands
from persona_studio.gui.compare.diff_overview import ChangeOverview
from persona_studio.gui.compare.diff_pane import DiffPane
from persona_studio.gui.compare.diff_sides import (
    DiffSide,
    sides_of_document_and_disk,
    sides_of_document_and_revision,
    sides_of_files,
)
from persona_studio.gui.compare.diff_summary import DiffSummary
from persona_studio.gui.compare.diff_toolbar import BusyBar, DiffToolbar, make_label
from persona_studio.gui.compare.diff_worker import ASYNC_LIMIT, DiffResult, compute
from persona_studio.gui.editor.background import Background, Job
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import Theme, palette_for

SIDE_BY_SIDE = "side-by-side"
UNIFIED = "unified"
REFRESH_DELAY_MS = 300


class DiffWindow(ChangeCommands, QMainWindow):
    """Compare two sides. ``computed`` is emitted each time a comparison is shown."""

    computed = Signal()

    def __init__(
        self,
        theme: Theme,
        left: DiffSide,
        right: DiffSide,
        parent: QWidget | None = None,
        *,
        async_limit: int = ASYNC_LIMIT,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAccessibleName("Compare")
        self._theme = theme
        self._sides = [left, right]
        self.async_limit = async_limit
        self._result: DiffResult | None = None
        self._mode = SIDE_BY_SIDE
        self._filled: set[str] = set()
        self._syncing = False
        self._first_result = True
        self.background = Background(self)  # compares large texts
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        self._build()
        for session in self.sessions():
            session.text_document.contentsChanged.connect(self._schedule_refresh)
            session.text_document.undoAvailable.connect(self._update_actions)
            session.destroyed.connect(self._session_destroyed)
        self._update_titles()
        self.apply_theme(theme)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.8))
        self.refresh()

    # -- factories ----------------------------------------------------------------------------
    @classmethod
    def open_files(cls, theme: Theme, a: str, b: str, parent: QWidget | None = None) -> DiffWindow:
        """Compare two files (two library entries). File errors propagate (FileReadError)."""
        return cls(theme, *sides_of_files(a, b), parent)

    @classmethod
    def open_document_vs_disk(
        cls, theme: Theme, session: DocumentSession, parent: QWidget | None = None
    ) -> DiffWindow:
        """The file on disk (left) against the open document (right)."""
        return cls(theme, *sides_of_document_and_disk(session), parent)

    @classmethod
    def open_document_vs_revision(
        cls,
        theme: Theme,
        session: DocumentSession,
        revision: str | None = None,
        parent: QWidget | None = None,
    ) -> DiffWindow | None:
        """The document's file at a git revision (left) against the open document (right);
        without ``revision`` the user picks one (None if cancelled)."""
        sides = sides_of_document_and_revision(session, revision, parent)
        return cls(theme, *sides, parent) if sides is not None else None

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.left_pane = DiffPane(self._theme, "Left side (A)", ("a",))
        self.right_pane = DiffPane(self._theme, "Right side (B)", ("b",))
        self.unified_pane = DiffPane(self._theme, "Unified diff", ("a", "b"), signs=False)
        self.left_header = make_label("")
        self.right_header = make_label("")
        self.unified_header = make_label("")
        for pane in self.panes():
            pane.menu_hook = self._fill_menu
            pane.cursorPositionChanged.connect(self._cursor_moved)
            pane.verticalScrollBar().valueChanged.connect(self._update_overview_view)
        for a, b in ((self.left_pane, self.right_pane), (self.right_pane, self.left_pane)):
            a.verticalScrollBar().valueChanged.connect(
                lambda value, other=b: self._sync(other.verticalScrollBar(), value)
            )
            a.horizontalScrollBar().valueChanged.connect(
                lambda value, other=b: self._sync(other.horizontalScrollBar(), value)
            )

        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.setChildrenCollapsible(False)
        sides.addWidget(self._column(self.left_header, self.left_pane))
        sides.addWidget(self._column(self.right_header, self.right_pane))
        self.stack = QStackedWidget()
        self.stack.addWidget(sides)
        self.stack.addWidget(self._column(self.unified_header, self.unified_pane))
        self.overview = ChangeOverview(self._theme)
        self.overview.jumpRequested.connect(self._overview_jump)

        self.busy_bar = BusyBar()
        self.busy_bar.cancelRequested.connect(self.cancel)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        em = self.fontMetrics().horizontalAdvance("M")
        self.notes.setContentsMargins(em // 2, em // 4, em // 2, em // 4)
        self.notes.setAccessibleName("Comparison notes")
        self.notes.setToolTip("What the comparison found or skipped")
        self.notes.hide()

        views = QHBoxLayout()
        views.setSpacing(0)
        views.setContentsMargins(0, 0, 0, 0)
        views.addWidget(self.stack, 1)
        views.addWidget(self.overview)
        diff_area = QWidget()
        column = QVBoxLayout(diff_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.busy_bar)
        column.addWidget(self.notes)
        column.addLayout(views, 1)

        self.summary = DiffSummary(self._theme)
        self.summary.jumpRequested.connect(self.jump_to)
        self.summary_title = make_label("Changes in meaning", "Summary of what changed in meaning")
        font = QFont(self.summary_title.font())
        font.setBold(True)
        self.summary_title.setFont(font)
        summary_box = self._column(self.summary_title, self.summary)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(diff_area)
        self.splitter.addWidget(summary_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().horizontalAdvance("M")
        self.splitter.setSizes([em * 90, em * 24])
        self.setCentralWidget(self.splitter)
        self._connect_toolbar()
        self.position_label = make_label("", "Current change")
        self.statusBar().addPermanentWidget(self.position_label)
        self.close_action, self.close_button = add_close_controls(self)

    def _column(self, header: QLabel, body: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        margin = self.fontMetrics().horizontalAdvance(" ") // 2
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(margin)
        header.setContentsMargins(margin * 2, margin, margin, 0)
        layout.addWidget(header)
        layout.addWidget(body, 1)
        return box

    def _connect_toolbar(self) -> None:
        bar = self.toolbar = DiffToolbar(self)
        self.addToolBar(bar)
        # The controls, by name, for the main window, scripts and tests.
        self.side_by_side_action, self.unified_action = bar.side_by_side_action, bar.unified_action
        self.previous_action, self.next_action = bar.previous_action, bar.next_action
        self.copy_action, self.undo_action = bar.copy_action, bar.undo_action
        self.whitespace_box, self.renamed_box = bar.whitespace_box, bar.renamed_box
        self.figures_label = bar.figures_label
        self.side_by_side_action.triggered.connect(lambda: self.set_mode(SIDE_BY_SIDE))
        self.unified_action.triggered.connect(lambda: self.set_mode(UNIFIED))
        self.previous_action.triggered.connect(self.previous_change)
        self.next_action.triggered.connect(self.next_change)
        self.copy_action.triggered.connect(lambda: self.copy_change_to_document())
        self.undo_action.triggered.connect(self.undo)
        self.whitespace_box.toggled.connect(lambda _: self.refresh())
        self.renamed_box.toggled.connect(lambda _: self.refresh())

    # -- state ---------------------------------------------------------------------------------
    @property
    def result(self) -> DiffResult | None:
        return self._result

    @property
    def sides(self) -> tuple[DiffSide, DiffSide]:
        return self._sides[0], self._sides[1]

    def sessions(self) -> list[DocumentSession]:
        return [side.session for side in self._sides if side.session is not None]

    def panes(self) -> tuple[DiffPane, DiffPane, DiffPane]:
        return self.left_pane, self.right_pane, self.unified_pane

    def mode(self) -> str:
        return self._mode

    def layout_shown(self) -> Layout | None:
        if self._result is None:
            return None
        return self._result.unified if self._mode == UNIFIED else self._result.side_by_side

    def is_busy(self) -> bool:
        return self.background.busy

    def options(self) -> DiffOptions:
        return DiffOptions(ignore_whitespace=self.whitespace_box.isChecked())

    def _nav_pane(self) -> DiffPane:
        if self._mode == UNIFIED:
            return self.unified_pane
        return self.left_pane if self.left_pane.hasFocus() else self.right_pane

    # -- computing -----------------------------------------------------------------------------
    def _schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Compare the sides' current texts: at once when small, on a worker when large."""
        self._refresh_timer.stop()
        text_a, text_b = (side.current_text() for side in self._sides)
        options, renamed = self.options(), self.renamed_box.isChecked()
        self._drop_job()
        if len(text_a) + len(text_b) <= self.async_limit:
            self._show(compute(text_a, text_b, options, match_renamed=renamed))
            return

        def work(job: Job) -> DiffResult:
            return compute(text_a, text_b, options, match_renamed=renamed, cancel=job.token)

        self.background.submit(work, self._job_done)
        self.busy_bar.start(len(text_a) + len(text_b))
        self._update_actions()

    def cancel(self) -> None:
        """Stop the running comparison (the worker stops computing it); what was shown before
        stays."""
        if not self.background.busy:
            return
        self._drop_job()
        if self._result is None:
            message = "The comparison was cancelled. Change an option to compare again."
        else:
            message = (
                "The comparison was cancelled: the view shows the last finished comparison. "
                "Change an option to compare again."
            )
        self._set_notes(message)
        self._update_actions()

    def _drop_job(self) -> None:
        self.background.drop()
        self.busy_bar.hide()

    def _job_done(self, result: DiffResult | None, error: BaseException | None) -> None:
        self.busy_bar.hide()
        if error is None and result is not None:
            self._show(result)
            return
        if isinstance(error, PersonaStudioError):
            message = error.message
        else:  # a bug: report it in the window rather than lose it on a thread
            lines = traceback.format_exception(error, limit=3) if error is not None else []
            message = "The comparison failed:\n" + "".join(lines)
        self._set_notes(message)
        self._update_actions()

    # -- showing -------------------------------------------------------------------------------
    def _show(self, result: DiffResult) -> None:
        old_layout = self.layout_shown()
        pane = self._nav_pane()
        old_row = pane.current_row()
        old_scroll = pane.verticalScrollBar().value()
        self._result = result
        self._sides = [
            replace(side, text=text)
            for side, text in zip(self._sides, (result.text_a, result.text_b), strict=True)
        ]
        self._filled.clear()
        self._fill(self._mode)
        self.summary.set_summary(result.semantic, result.document_a, result.document_b)
        numbers = result.figures
        self.figures_label.setText(
            f"{numbers.similarity:.1%} similar   +{numbers.lines_added} −{numbers.lines_removed}"
            f" lines   +{numbers.words_added} −{numbers.words_removed} words   "
            f"~{numbers.tokens_added + numbers.tokens_removed} tokens"
        )
        self.figures_label.setToolTip(
            f"Similarity {numbers.similarity:.1%}; lines +{numbers.lines_added} "
            f"−{numbers.lines_removed}; words +{numbers.words_added} −{numbers.words_removed}; "
            f"about +{numbers.tokens_added} −{numbers.tokens_removed} tokens (4 characters each)"
        )
        notes = [*result.diff.notes, *result.semantic.notes]
        newlines = {side.newline for side in self._sides}
        if None not in newlines and len(newlines) > 1:
            names = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}
            a, b = (names.get(side.newline or "", "?") for side in self._sides)
            notes.append(f"Line breaks differ (A: {a}, B: {b}); they are compared as the same.")
        if result.diff.equal:
            notes.insert(0, "The two sides are identical" + self._under_options() + ".")
        self._set_notes("\n".join(notes))
        if self._first_result or old_layout is None:
            self._first_result = False
            if self.layout_shown().blocks:
                self.go_to_change(0)
        else:
            pane = self._nav_pane()
            pane.go_to_row(min(old_row, max(0, self.layout_shown().row_count - 1)), center=False)
            pane.verticalScrollBar().setValue(old_scroll)
        self._cursor_moved()
        self.computed.emit()

    def _under_options(self) -> str:
        return " (ignoring whitespace)" if self.whitespace_box.isChecked() else ""

    def _set_notes(self, text: str) -> None:
        self.notes.setText(text)
        self.notes.setVisible(bool(text))

    def _fill(self, mode: str) -> None:
        if self._result is None or mode in self._filled:
            return
        self._filled.add(mode)
        if mode == UNIFIED:
            self.unified_pane.set_rows(self._result.unified.panes[0])
        else:
            self.left_pane.set_rows(self._result.side_by_side.panes[0])
            self.right_pane.set_rows(self._result.side_by_side.panes[1])
        if mode == self._mode:
            self._update_overview()

    def _update_overview(self) -> None:
        layout = self.layout_shown()
        if layout is None:
            return
        marks = []
        for block in layout.blocks:
            chunk = block.chunk
            removed, added = chunk.end_a - chunk.start_a, chunk.end_b - chunk.start_b
            if self._mode == UNIFIED:
                if removed:
                    marks.append((block.first, block.first + removed, REMOVED))
                if added:
                    marks.append((block.first + removed, block.last, ADDED))
            else:
                if removed:
                    marks.append((block.first, block.last, REMOVED))
                if added:
                    marks.append((block.first, block.last, ADDED))
        self.overview.set_marks(layout.row_count, marks)
        self._update_overview_view()

    def _update_overview_view(self, *_: object) -> None:
        pane = self.unified_pane if self._mode == UNIFIED else self.right_pane
        self.overview.set_view(pane.first_visible_row(), pane.visible_row_count())

    def _update_titles(self) -> None:
        a, b = self._sides
        self.setWindowTitle(f"Compare {a.label} ↔ {b.label} — Persona Studio")
        for header, side, sign in ((self.left_header, a, "A"), (self.right_header, b, "B")):
            header.setText(f"{sign}: {side.label}")
            header.setToolTip(side.path or side.label)
            header.setAccessibleName(f"Side {sign}: {side.label}")
        self.unified_header.setText(f"− A: {a.label}     + B: {b.label}")
        self.unified_header.setToolTip(f"− lines from {a.label}; + lines from {b.label}")
        self.unified_header.setAccessibleName("Compared sides")
        self.left_pane.setAccessibleDescription(f"A: {a.label}")
        self.right_pane.setAccessibleDescription(f"B: {b.label}")

    # -- modes and scrolling ----------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        """Side by side (SIDE_BY_SIDE) or unified (UNIFIED); the position is kept."""
        if mode not in (SIDE_BY_SIDE, UNIFIED):
            raise ValueError(mode)
        (self.unified_action if mode == UNIFIED else self.side_by_side_action).setChecked(True)
        if mode == self._mode:
            return
        old_layout, old_row = self.layout_shown(), self._nav_pane().current_row()
        row = old_layout.panes[-1][old_row] if old_layout and old_layout.row_count else None
        self._mode = mode
        self.stack.setCurrentIndex(1 if mode == UNIFIED else 0)
        self._fill(mode)
        self._update_overview()
        layout = self.layout_shown()
        if row is not None and layout is not None:
            if row.line_b is not None:
                target = layout.row_of("b", row.line_b)
            else:
                target = layout.row_of("a", row.line_a) if row.line_a is not None else None
            self._go_to_row(target or 0)
        self._cursor_moved()

    def _sync(self, bar, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            bar.setValue(value)
        finally:
            self._syncing = False

    def _overview_jump(self, row: int) -> None:
        self._go_to_row(row)

    def _go_to_row(self, row: int) -> None:
        if self._mode == UNIFIED:
            self.unified_pane.go_to_row(row)
        else:
            self.left_pane.go_to_row(row)
            self.right_pane.go_to_row(row)
        self._update_overview_view()

    def jump_to(self, side: str, line: int) -> None:
        """Show a 0-based line of side "a" or "b" (both panes follow)."""
        layout = self.layout_shown()
        row = layout.row_of(side, line) if layout is not None else None
        if row is not None:
            self._go_to_row(row)

    # -- theme and closing ---------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setPalette(palette_for(theme))
        for pane in self.panes():
            pane.apply_theme(theme)
        self.overview.apply_theme(theme)
        self.summary.apply_theme(theme)
        muted = palette_for(theme)
        for role in (muted.ColorRole.WindowText, muted.ColorRole.Text):
            muted.setColor(role, theme.color("muted"))
        for label in (self.figures_label, self.notes, self.position_label):
            label.setPalette(muted)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._drop_job()
        self._refresh_timer.stop()
        super().closeEvent(event)
