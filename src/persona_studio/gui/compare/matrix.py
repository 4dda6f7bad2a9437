"""The comparison matrix window: N personas side by side, one column each (the table model is in
matrix_model.py), with a filter, "differences only", and export of the rows shown, in the order
shown, as CSV or HTML via the core's writers and an atomic save.

Its Source menu fills it again from files, a folder, the shipped library or a workspace (the
personas of the workspace open in the window, or of a folder the user picks): read on the
window's worker (matrix_sources.py), with progress and Stop in the status bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from persona_studio.core.compare import (
    ComparisonMatrix,
    compare_paths,
    to_csv,
    to_html,
)
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import atomic_write
from persona_studio.core.jobs import Cancelled
from persona_studio.core.readers.filekind import dialog_patterns
from persona_studio.core.resources import personas_dir
from persona_studio.gui.compare.closing import add_close_controls
from persona_studio.gui.compare.matrix_model import (
    HEADER,
    INFO,
    SECTION,
    TOOL,
    MatrixModel,
)
from persona_studio.gui.compare.matrix_sources import (
    FILES,
    FOLDER,
    LIBRARY,
    WORKSPACE,
    Source,
    read_source,
)
from persona_studio.gui.editor.background import Background, Job
from persona_studio.gui.theme import Theme, palette_for

WorkspaceRoot = Callable[[], "str | None"]


class CompareMatrixWindow(QMainWindow):
    """The matrix of the personas found in ``paths`` (files and folders).

    ``openRequested(path)`` when a persona's column header is double-clicked; ``loaded`` when a
    source read on the worker has filled the matrix (or failed, or was stopped).
    ``workspace_root()`` names the folder open as a workspace (None when none is), for the
    Workspace source; ``source`` says what ``paths`` are (files or folders by default).
    """

    openRequested = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        theme: Theme,
        paths: Sequence[str],
        parent: QWidget | None = None,
        *,
        matrix: ComparisonMatrix | None = None,
        source: Source | None = None,
        workspace_root: WorkspaceRoot | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAccessibleName("Persona comparison matrix")
        self._theme = theme
        self._paths = list(paths)
        self.source = source or Source(FILES, tuple(self._paths))
        self.workspace_root = workspace_root
        self.background = Background(self)
        if matrix is None:
            matrix = (
                ComparisonMatrix((), (), ())
                if self.source.kind == WORKSPACE
                else compare_paths(self._paths)
            )
        self.model = MatrixModel(matrix, theme, self)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Personas by tools and sections")
        self.table.setToolTip("")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.6))
        rows.setMinimumSectionSize(self.fontMetrics().height())
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.sectionDoubleClicked.connect(self._header_double_clicked)
        self.table.setSortingEnabled(True)
        self.model.modelReset.connect(self._layout_rows)
        self.model.layoutChanged.connect(self._layout_rows)
        self.setCentralWidget(self.table)

        self._build_toolbar()
        self.summary_label = QLabel(self)
        self.summary_label.setAccessibleName("Matrix summary")
        self.summary_label.setToolTip("How many personas, tools and sections are compared")
        self.statusBar().addWidget(self.summary_label, 1)
        self.progress_label = QLabel(self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)  # names a folder
        self.progress_label.setAccessibleName("Reading progress")
        self.statusBar().addPermanentWidget(self.progress_label)
        self.stop_button = QPushButton("Stop", self)
        self.stop_button.setAccessibleName("Stop reading")
        self.stop_button.setToolTip("Stop reading the personas (the matrix shown stays)")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.statusBar().addPermanentWidget(self.stop_button)
        self.legend = QLabel("✓ present or used   ○ empty   ✗ missing", self)
        self.legend.setAccessibleName("Legend")
        self.legend.setToolTip("What the symbols in the cells mean (hover a cell for the word)")
        self.statusBar().addPermanentWidget(self.legend)
        self.close_action, self.close_button = add_close_controls(self)

        self._set_title()
        self.apply_theme(theme)
        self._size_columns()
        self._layout_rows()
        self._update_summary()
        self.filter_box.setFocus()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(int(screen.width() * 0.75), int(screen.height() * 0.75))
        if self.source.kind == WORKSPACE and not matrix.personas:
            self.load(self.source)

    # -- building ------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Matrix", self)
        bar.setObjectName("matrix-toolbar")
        bar.setAccessibleName("Matrix toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter rows")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter rows")
        self.filter_box.setToolTip("Show the tools and sections whose name holds this text")
        self.filter_box.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.filter_box.textChanged.connect(self.model.set_filter)
        self.differences_box = QCheckBox("Differences only", self)
        self.differences_box.setAccessibleName("Differences only")
        self.differences_box.setToolTip("Hide the rows where every persona is the same")
        self.differences_box.toggled.connect(self.model.set_differences_only)
        self._build_source_menu(bar)
        bar.addWidget(self.filter_box)
        bar.addWidget(self.differences_box)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        spacer.setAccessibleName("Spacer")
        bar.addWidget(spacer)
        self.reload_action = bar.addAction("Reload", self.reload)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.setToolTip("Read the persona files again")
        self.csv_action = bar.addAction("Export CSV…", lambda: self.export_dialog("csv"))
        self.csv_action.setToolTip("Save the rows shown as a CSV spreadsheet")
        self.html_action = bar.addAction("Export HTML…", lambda: self.export_dialog("html"))
        self.html_action.setToolTip("Save the rows shown as a standalone HTML page")
        for action in (self.reload_action, self.csv_action, self.html_action):
            bar.widgetForAction(action).setAccessibleName(action.text().rstrip("…"))

    def _build_source_menu(self, bar: QToolBar) -> None:
        menu = QMenu("Source", self)
        menu.setAccessibleName("Source")
        self.files_source_action = menu.addAction("&Files…", self.choose_files)
        self.files_source_action.setToolTip("Compare persona files you pick")
        self.folder_source_action = menu.addAction("F&older…", self.choose_folder)
        self.folder_source_action.setToolTip("Compare the persona files in a folder you pick")
        self.library_source_action = menu.addAction(
            "&Library", lambda: self.load(Source(LIBRARY, (str(personas_dir()),)))
        )
        self.library_source_action.setToolTip("Compare the personas shipped with Persona Studio")
        self.workspace_source_action = menu.addAction("&Workspace", self.choose_workspace)
        self.workspace_source_action.setToolTip(
            "Compare the agents, chat modes, Claude subagents and skills of the open workspace "
            "(or of a folder you pick when none is open)"
        )
        self.source_menu = menu
        self.source_button = QToolButton(self)
        self.source_button.setText("Source")
        self.source_button.setAccessibleName("Source")
        self.source_button.setToolTip(
            "Fill the matrix from files, a folder, the library or a workspace"
        )
        self.source_button.setMenu(menu)
        self.source_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(self.source_button)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("M")
        names = [row.name for row in self.model.rows()]
        first = max([metrics.horizontalAdvance(n) for n in names] + [em * 10]) + em
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, min(first, em * 22))
        for column in range(1, self.model.columnCount()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal, 0) or ""
            header.resizeSection(column, max(metrics.horizontalAdvance(title) + 2 * em, em * 9))

    def _layout_rows(self) -> None:
        """Group headers span the table; the description row grows to show its text."""
        self.table.clearSpans()
        columns = self.model.columnCount()
        line = self.fontMetrics().height()
        for index, row in enumerate(self.model.rows()):
            if row.kind == HEADER:
                self.table.setSpan(index, 0, 1, columns)
            elif row.kind == INFO and row.name == "Description":
                self.table.resizeRowToContents(index)
                if self.table.rowHeight(index) > line * 6:
                    self.table.setRowHeight(index, line * 6)
        self._update_summary()

    def _set_title(self) -> None:
        count = len(self.model.matrix.personas)
        where = " of the Workspace" if self.source.kind == WORKSPACE else ""
        self.setWindowTitle(f"Compare {count} Personas{where} — Persona Studio")

    def _update_summary(self) -> None:
        matrix = self.model.matrix
        shown = self.model.rows()
        tools = sum(1 for row in shown if row.kind == TOOL)
        sections = sum(1 for row in shown if row.kind == SECTION)
        text = (
            f"{len(matrix.personas)} personas · {tools} of {len(matrix.tools)} tools · "
            f"{sections} of {len(matrix.sections)} sections shown"
        )
        if matrix.errors:
            text += f" · {len(matrix.errors)} file(s) could not be read"
        self.summary_label.setText(text)

    # -- actions -------------------------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        self.filter_box.setText(text)

    # -- sources --------------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Compare the Persona Files",
            self._folder(),
            f"Persona files ({' '.join(dialog_patterns())});;All files (*)",
        )
        if paths:
            self.load(Source(FILES, tuple(paths)))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Compare the Personas in", self._folder())
        if folder:
            self.load(Source(FOLDER, (folder,)))

    def choose_workspace(self) -> None:
        """The open workspace's personas; a folder the user picks when no workspace is open."""
        root = self.workspace_root() if self.workspace_root is not None else None
        if not root:
            root = QFileDialog.getExistingDirectory(
                self, "Compare the Personas of the Workspace", self._folder()
            )
        if root:
            self.load(Source(WORKSPACE, (os.path.abspath(root),)))

    def _folder(self) -> str:
        if not self.source.paths:
            return ""
        first = self.source.paths[0]
        return first if os.path.isdir(first) else os.path.dirname(first)

    def load(self, source: Source) -> Job:
        """Read ``source`` on the worker and show it when done (the filter and sort stay); the
        status bar shows the progress and a Stop button meanwhile."""
        self.progress_label.setText(f"Reading {source.describe()}…")
        self.progress_label.setToolTip(source.describe())
        self.stop_button.show()

        def work(job: Job) -> ComparisonMatrix:
            return read_source(source, job.token, job.report)

        return self.background.submit(
            work, lambda result, error: self._loaded(source, result, error), self._report
        )

    def is_loading(self) -> bool:
        return self.background.busy

    def wait_until_loaded(self, msecs: int = 20_000) -> bool:
        return self.background.settle(msecs)

    def stop(self) -> None:
        self.background.cancel()

    def _report(self, value: Any) -> None:
        phase, done, total = value
        self.progress_label.setText(f"{phase} {done:,} of {total:,}")

    def _loaded(
        self, source: Source, matrix: ComparisonMatrix | None, error: BaseException | None
    ) -> None:
        self.stop_button.hide()
        if isinstance(error, Cancelled):
            self.progress_label.setText("Stopped: the matrix shows what was read before")
        elif error is not None or matrix is None:
            self.progress_label.setText(f"Could not read the personas: {error}")
        else:
            self.progress_label.setText(source.describe())
            self.source = source
            self._paths = list(source.paths)
            self._show_matrix(matrix)
        self.loaded.emit()

    def reload(self) -> None:
        """Read the files again (the filter and sort stay)."""
        if not self._paths:
            return
        if self.source.kind == WORKSPACE:
            self.load(self.source)
            return
        self._show_matrix(compare_paths(self._paths))

    def _show_matrix(self, matrix: ComparisonMatrix) -> None:
        column, order = self.model._sort
        model = MatrixModel(matrix, self._theme, self)
        model.set_filter(self.filter_box.text())
        model.set_differences_only(self.differences_box.isChecked())
        self.filter_box.textChanged.disconnect(self.model.set_filter)
        self.differences_box.toggled.disconnect(self.model.set_differences_only)
        old, self.model = self.model, model
        self.filter_box.textChanged.connect(model.set_filter)
        self.differences_box.toggled.connect(model.set_differences_only)
        model.modelReset.connect(self._layout_rows)
        model.layoutChanged.connect(self._layout_rows)
        self.table.setModel(model)
        old.deleteLater()
        if column >= model.columnCount():  # that persona's column is gone
            column = -1
        model.sort(column, order)
        self._size_columns()
        self._layout_rows()
        self._set_title()

    def export_to(self, path: str, format: str) -> None:
        """Write the rows shown as ``"csv"`` or ``"html"``, atomically. SaveError propagates."""
        matrix = self.model.visible_matrix()
        if format == "csv":
            text = to_csv(matrix)
        elif format == "html":
            text = to_html(matrix)
        else:
            raise ValueError(f"unknown export format: {format}")
        atomic_write(path, text.encode("utf-8"))

    def export_dialog(self, format: str) -> str | None:
        """Ask where to save, then export; the path written, or None."""
        suffix, kind = (
            (".csv", "CSV files (*.csv)")
            if format == "csv"
            else (
                ".html",
                "HTML pages (*.html *.htm)",
            )
        )
        folder = os.path.dirname(self._paths[0]) if self._paths else ""
        path, _ = QFileDialog.getSaveFileName(
            self,
            f"Export the Comparison as {format.upper()}",
            os.path.join(folder, "persona-comparison" + suffix),
            f"{kind};;All files (*)",
        )
        if not path:
            return None
        try:
            self.export_to(path, format)
        except PersonaStudioError as error:
            box = QMessageBox(QMessageBox.Icon.Warning, "The comparison was not exported", "")
            box.setParent(self, box.windowFlags())
            box.setTextFormat(Qt.TextFormat.PlainText)  # the message names a file: plain text
            box.setText(str(error))
            box.exec()
            return None
        self.statusBar().showMessage(f"Exported to {path}", 5000)
        return path

    def _header_double_clicked(self, section: int) -> None:
        if section > 0:
            self.openRequested.emit(self.model.matrix.personas[section - 1].path)

    # -- theme ---------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = palette_for(theme)
        self.setPalette(palette)
        self.table.setPalette(palette)
        # The style's grid colour can vanish on a dark base: draw it in the theme's border colour.
        self.table.setStyleSheet(f"QTableView {{ gridline-color: {theme.border}; }}")
        self.model.set_theme(theme)
        muted = palette_for(theme)
        for role in (muted.ColorRole.WindowText, muted.ColorRole.Text):
            muted.setColor(role, theme.color("muted"))
        self.legend.setPalette(muted)


def open_comparison(
    theme: Theme,
    paths: Sequence[str],
    parent: QWidget | None = None,
    *,
    workspace_root: WorkspaceRoot | None = None,
) -> QMainWindow:
    """The window for a "Compare" request: two files open a diff window, anything else (three
    or more files, or a folder) the matrix (whose Workspace source asks ``workspace_root``).
    File errors of a diff propagate (FileReadError)."""
    files = [path for path in paths if not os.path.isdir(path)]
    if len(paths) == 2 and len(files) == 2:
        from persona_studio.gui.compare.diff_view import DiffWindow

        return DiffWindow.open_files(theme, files[0], files[1], parent)
    return CompareMatrixWindow(theme, paths, parent, workspace_root=workspace_root)
