"""The export dialog: one open document or several library personas to one target.

Before anything is written the dialog shows, per file, where it goes, what the export changes
(notes), how the new file validates, and for a file that exists the differences of old and new.
An existing file is never overwritten unless that row's Overwrite box was ticked after its
differences were shown; a result with errors is written only with "Export anyway". Writing goes
through ``ExportResult.write`` (atomic); each row reports its own result and one failure does not
stop the rest. More than a handful of files are checked and written off the GUI thread, with a
progress bar and a Cancel that stops the work itself. The output folder, target and flat choice
are remembered.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.catalog import load_catalog
from persona_studio.core.export.plan import (
    BLOCKED,
    CANCELLED,
    FAILED,
    SKIPPED,
    WRITTEN,
    Claims,
    ExportSource,
    Outcome,
    PlanItem,
    plan_item,
    summary_text,
    write_item,
)
from persona_studio.core.lint import collect_files
from persona_studio.gui.export.choices import ExportChoices
from persona_studio.gui.export.details import ExportDetails
from persona_studio.gui.export.model import (
    LOST_COLUMN,
    NOTES_COLUMN,
    OUTPUT_COLUMN,
    OVERWRITE_COLUMN,
    SOURCE_COLUMN,
    STATUS_COLUMN,
    ExportTableModel,
)
from persona_studio.gui.export.worker import BatchRunner
from persona_studio.gui.theme import Theme, palette_for

if TYPE_CHECKING:
    from persona_studio.gui.editor.session import DocumentSession

__all__ = ["ExportDialog", "ExportSource"]


class ExportDialog(QDialog):
    """Export ``sources`` to one target; ``exported`` carries the paths of the files written."""

    exported = Signal(list)  # list[str]

    def __init__(
        self, sources: Sequence[ExportSource], theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._settings = QSettings()
        self._catalog = load_catalog()
        self._mode = ""  # "plan" or "write" while a batch runs
        self._counts: Counter[str] = Counter()
        self._written: list[str] = []
        self._planned: tuple[str, str, bool] | None = None
        self._pending: set[int] = set()  # rows being written that have no result yet
        count = len(sources)
        only = sources[0].label if count == 1 else f"{count} Personas"
        self.setWindowTitle(f"Export {only}")
        self.setAccessibleName("Export personas")
        self.setSizeGripEnabled(True)

        self.model = ExportTableModel(sources, theme, self)
        self.runner = BatchRunner(self)
        self.runner.started.connect(self._batch_started)
        self.runner.itemDone.connect(self._item_done)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._batch_finished)
        self._build()
        self.choices.restore(self._settings)
        self.apply_theme(theme)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 72, em * 46)
        self.refresh()

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def for_session(
        cls, session: DocumentSession, theme: Theme, parent: QWidget | None = None
    ) -> ExportDialog:
        """The dialog for an open document: its current text, unsaved edits included."""
        label = session.display_name + (" (unsaved changes)" if session.is_dirty else "")
        source = ExportSource(label, session.path, session.text(), session.file.loaded)
        return cls([source], theme, parent)

    @classmethod
    def for_paths(
        cls, paths: Iterable[str], theme: Theme, parent: QWidget | None = None
    ) -> ExportDialog:
        """The dialog for files (library personas); folders are searched for persona files.
        The files are read when the plan is made, off the GUI thread for many of them."""
        files = collect_files([os.fspath(path) for path in paths])
        names = Counter(os.path.basename(path) for path in files)
        sources = [ExportSource(_label(path, names), os.path.abspath(path), None) for path in files]
        return cls(sources, theme, parent)

    def _build(self) -> None:
        self.choices = ExportChoices(self._catalog, self)
        self.choices.changed.connect(self._choice_changed)
        # The controls, by name, for scripts and tests.
        self.target_combo, self.folder_edit = self.choices.target_combo, self.choices.folder_edit
        self.browse_button, self.flat_box = self.choices.browse_button, self.choices.flat_box
        self.where_label = self.choices.where_label

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Files to export")
        self.table.setToolTip("One row per persona: select a row to see its notes and output")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("M")
        header.setSectionResizeMode(OUTPUT_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (NOTES_COLUMN, LOST_COLUMN, OVERWRITE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        labels = [row.source.label for row in self.model.rows[:500]]
        widest = max((self.fontMetrics().horizontalAdvance(t) for t in labels), default=0)
        self.table.setColumnWidth(SOURCE_COLUMN, min(max(widest + em * 2, em * 10), em * 24))
        self.table.setColumnWidth(STATUS_COLUMN, em * 16)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.model.dataChanged.connect(self._rows_changed)
        self.model.confirmationChanged.connect(lambda *_: self._update_buttons())

        self.details = ExportDetails(self._theme, self)
        self.details.overwriteToggled.connect(self._overwrite_toggled)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self.force_box = QCheckBox("Export &anyway (errors)", self)
        self.force_box.setAccessibleName("Export anyway despite errors")
        self.force_box.setToolTip(
            "Also write the files whose validation found errors (the target may reject them)"
        )
        self.force_box.toggled.connect(lambda *_: self._update_buttons())
        self.summary_label = QLabel(self)
        self.summary_label.setAccessibleName("Export summary")
        self.summary_label.setToolTip("What the export will do, or what it did")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Export progress")
        self.progress.setToolTip("Files done so far")
        self.progress.hide()
        self.cancel_button = QPushButton("&Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the running batch")
        self.cancel_button.setToolTip("Stop the batch now (a file being written is finished first)")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.force_box)
        status_row.addSpacing(em)
        status_row.addWidget(self.summary_label, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )  # not connected to accept(): the dialog stays open to show every file's result
        self.export_button.setAccessibleName("Export")
        self.export_button.setToolTip("Write the files (existing ones only where ticked)")
        self.export_button.setDefault(True)
        self.refresh_button = self.buttons.addButton(
            "Check A&gain", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.refresh_button.setAccessibleName("Check again")
        self.refresh_button.setToolTip("Read the sources and the output folder again")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setToolTip("Close this window")
        self.close_button = close
        self.export_button.clicked.connect(self.export)
        self.refresh_button.clicked.connect(self.refresh)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(status_row)
        layout.addWidget(self.buttons)

    # -- the user's choices ---------------------------------------------------------------------
    @property
    def target(self) -> str:
        return self.choices.target

    @property
    def folder(self) -> str:
        return self.choices.folder

    @property
    def flat(self) -> bool:
        return self.choices.flat

    @property
    def busy(self) -> bool:
        """True while files are checked or written in the worker."""
        return self.runner.busy

    def set_target(self, target: str) -> None:
        self.choices.set_target(target)

    def set_folder(self, folder: str) -> None:
        self.choices.set_folder(folder)

    def set_flat(self, flat: bool) -> None:
        self.choices.set_flat(flat)

    def _choice_changed(self) -> None:
        if self._mode == "write":
            return  # the controls are disabled while writing
        if (self.target, self.folder, self.flat) != self._planned:
            self.refresh()

    # -- planning -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Check every source again: export it in memory and look at its destination."""
        if self._mode == "write":
            return
        target, folder, flat = self.target, self.folder, self.flat
        self._planned = (target, folder, flat)
        self.choices.remember(self._settings)
        self.choices.update_where()
        self.model.reset_plans()
        self._show_current()
        claimed = Claims()
        jobs = [
            (index, partial(plan_item, row.source, target, folder or None, flat, claimed))
            for index, row in enumerate(self.model.rows)
        ]
        self._mode = "plan"
        self.summary_label.setText("Checking…")
        self.runner.start(jobs)

    # -- writing --------------------------------------------------------------------------------
    def export(self) -> None:
        """Write every row not written yet (existing files only where Overwrite is ticked)."""
        if self.runner.busy or self._mode == "write":
            return
        force = self.force_box.isChecked()
        self._counts = Counter()
        self._written = []
        jobs = []
        for index, row in enumerate(self.model.rows):
            if row.done:
                continue
            if row.plan is None:
                self.model.set_outcome(index, Outcome(SKIPPED, "not checked: Check Again"))
                self._counts[SKIPPED] += 1
                continue
            jobs.append(
                (index, partial(write_item, row.plan, force=force, confirmed=row.confirmed))
            )
        self._mode = "write"
        self._set_controls_enabled(False)
        self._pending = {index for index, _ in jobs}
        self.summary_label.setText("Exporting…")
        self.runner.start(jobs)

    def cancel(self) -> None:
        """Stop the running batch: the worker stops at its next check (between files, or inside
        the diff of a long existing file; never in the middle of a write)."""
        if self.runner.busy:
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self.summary_label.setText("Cancelling…")

    # -- batch results --------------------------------------------------------------------------
    def _batch_started(self, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self._update_buttons()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        verb = "Exporting" if self._mode == "write" else "Checking"
        if not self.runner.cancelling:
            self.summary_label.setText(f"{verb} {done} of {total}…")

    def _item_done(self, index: int, result: object) -> None:
        if self._mode == "plan":
            if isinstance(result, Exception):
                result = PlanItem(self.model.rows[index].source, error=f"unexpected: {result}")
            assert isinstance(result, PlanItem)
            self.model.set_plan(index, result)
            return
        if isinstance(result, Exception):
            result = Outcome(FAILED, f"unexpected: {result}")
        assert isinstance(result, Outcome)
        self._pending.discard(index)
        self._counts[result.kind] += 1
        self.model.set_outcome(index, result)
        plan = self.model.rows[index].plan
        if result.kind == WRITTEN and plan is not None and plan.destination:
            self._written.append(plan.destination)

    def _batch_finished(self, cancelled: bool) -> None:
        mode, self._mode = self._mode, ""
        self.progress.hide()
        self.cancel_button.hide()
        if mode == "write":
            if cancelled and self._pending:
                self._counts[CANCELLED] += len(self._pending)
            self._pending = set()
            self._set_controls_enabled(True)
            self.summary_label.setText(summary_text(self._counts))
            if self._written:
                self.exported.emit(list(self._written))
        else:
            if cancelled:
                self.model.set_unchecked_text("Not checked (cancelled)")
            self.summary_label.setText(self.plan_summary())
        self._show_current()
        self._update_buttons()

    def plan_summary(self) -> str:
        """What Export would do now, in words."""
        kinds = Counter(row.kind for row in self.model.rows)
        if not self.folder:
            return "Choose an output folder."
        parts = [f"{len(self.model.rows)} {'file' if len(self.model.rows) == 1 else 'files'}"]
        for kind, word in (
            ("ready", "ready"),
            ("overwrite", "would overwrite"),
            ("unchanged", "unchanged"),
            (BLOCKED, "blocked by errors"),
            (FAILED, "failed"),
        ):
            if kinds.get(kind):
                parts.append(f"{kinds[kind]} {word}")
        unchecked = sum(1 for row in self.model.rows if row.plan is None)
        if unchecked:
            parts.append(f"{unchecked} not checked")
        return ", ".join(parts)

    # -- selection and details ------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        """Select a row (and show its details and differences)."""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _show_current(self, *_: object) -> None:
        row = self.current_row()
        if row < 0 and self.model.rows and any(r.plan is not None for r in self.model.rows):
            self.select_row(0)
            return
        label = self.choices.target_label
        self.details.show_row(self.model.rows[row] if row >= 0 else None, label)
        if row >= 0 and self.details.shows_differences:
            self.model.mark_seen(row)
        if self._mode == "write":
            self.details.overwrite.setEnabled(False)

    def _rows_changed(self, top, bottom, *_: object) -> None:
        current = self.current_row()
        if top.row() <= current <= bottom.row() or current < 0:
            self._show_current()
        if self._mode != "write" and not self.runner.busy:
            self._update_buttons()

    def _overwrite_toggled(self, checked: bool) -> None:
        row = self.current_row()
        if row >= 0 and not self.model.set_confirmed(row, checked):
            self._show_current()  # refused: show the row's real state

    # -- state ----------------------------------------------------------------------------------
    def _set_controls_enabled(self, enabled: bool) -> None:
        self.choices.set_editable(enabled)
        self.refresh_button.setEnabled(enabled)
        self.model.locked = not enabled
        self._show_current()
        self._update_buttons()

    def _update_buttons(self) -> None:
        writing = self._mode == "write"
        rows = self.model.rows
        blocked = any(row.plan is not None and row.plan.kind == BLOCKED for row in rows)
        self.force_box.setEnabled(blocked and not writing)
        pending = any(row.plan is not None and not row.done for row in rows)
        self.export_button.setEnabled(
            bool(self.folder) and pending and not writing and self._mode != "plan"
        )

    # -- theme and closing ----------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        palette = palette_for(theme)
        self.setPalette(palette)
        self.choices.apply_theme(theme)
        self.model.set_theme(theme)
        self.details.apply_theme(theme)

    def done(self, result: int) -> None:
        self.runner.wait()  # the worker stops after its current file
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait()
        super().closeEvent(event)


def _label(path: str, names: Counter[str]) -> str:
    """A file's name; with its folder when two sources share the name."""
    name = os.path.basename(path)
    if names[name] > 1:
        return os.path.join(os.path.basename(os.path.dirname(os.path.abspath(path))), name)
    return name
