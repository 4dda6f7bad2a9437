"""The export dialog's choices: the target, the output folder (typed or browsed) and whether files
go straight into it (flat), with a line saying where the files go. The choices are remembered
between exports."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from persona_studio.core.catalog import Catalog
from persona_studio.core.formats import FORMATS, export_folders
from persona_studio.core.formats.skills import SKILL_LABELS, SKILL_TARGETS
from persona_studio.gui.theme import Theme, palette_for

FOLDER_KEY, TARGET_KEY, FLAT_KEY = "export/folder", "export/target", "export/flat"
TYPING_DELAY_MS = 400


class ExportChoices(QWidget):
    """``changed`` is emitted when a choice changes (typing in the folder: after a pause)."""

    changed = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.target_combo = QComboBox(self)
        for target_id in FORMATS:
            self.target_combo.addItem(catalog.target(target_id).label, target_id)
        for target_id, folder in SKILL_TARGETS.items():  # whole skill folders
            label = f"{SKILL_LABELS[target_id]} ({folder}/)"
            self.target_combo.addItem(label, target_id)
        self.target_combo.setAccessibleName("Target")
        self.target_combo.setToolTip("The format to write: each reads its own keys and tool names")
        self.target_combo.currentIndexChanged.connect(self._changed)

        self.folder_edit = QLineEdit(self)
        self.folder_edit.setPlaceholderText("Choose the folder to export into")
        self.folder_edit.setAccessibleName("Output folder")
        self.folder_edit.setToolTip(
            "A workspace root: files go to the target's folder inside it "
            f"({', '.join(export_folders(catalog))}), or straight into it with the option below"
        )
        self.folder_edit.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self._changed)
        self.folder_edit.textChanged.connect(self._typing.start)
        self.folder_edit.editingFinished.connect(self._changed)
        self.browse_button = QPushButton("&Browse…", self)
        self.browse_button.setAccessibleName("Browse for the output folder")
        self.browse_button.setToolTip("Pick the output folder")
        self.browse_button.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)

        self.flat_box = QCheckBox("&Put files straight into the folder (flat)", self)
        self.flat_box.setAccessibleName("Flat output")
        self.flat_box.setToolTip(
            "Write the files into the output folder itself instead of the target's folder in it"
        )
        self.flat_box.toggled.connect(self._changed)
        self.where_label = QLabel(self)
        self.where_label.setAccessibleName("Where the files go")
        self.where_label.setToolTip("The folder the exported files are written to")
        self.where_label.setTextFormat(Qt.TextFormat.PlainText)

        folder_label = QLabel("Output &folder:", self)
        folder_label.setBuddy(self.folder_edit)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Target:", self.target_combo)
        form.addRow(folder_label, folder_row)
        form.addRow("", self.flat_box)
        form.addRow("", self.where_label)

    # -- the choices ------------------------------------------------------------------------------
    @property
    def target(self) -> str:
        return str(self.target_combo.currentData())

    @property
    def folder(self) -> str:
        text = self.folder_edit.text().strip()
        return os.path.abspath(os.path.expanduser(text)) if text else ""

    @property
    def flat(self) -> bool:
        return self.flat_box.isChecked()

    def set_target(self, target: str) -> None:
        self.target_combo.setCurrentIndex(self.target_combo.findData(target))

    def set_folder(self, folder: str) -> None:
        self.folder_edit.setText(folder)
        self._changed()

    def set_flat(self, flat: bool) -> None:
        self.flat_box.setChecked(flat)

    def browse(self) -> None:
        start = self.folder or os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(self, "Export Into", start)
        if folder:
            self.set_folder(folder)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.target_combo, self.folder_edit, self.browse_button, self.flat_box):
            widget.setEnabled(editable)

    def _changed(self, *_: object) -> None:
        self._typing.stop()
        self.changed.emit()

    # -- remembered between exports ---------------------------------------------------------------
    def restore(self, settings: QSettings) -> None:
        """The choices of the last export (quietly: no ``changed``)."""
        default = self._catalog.fallback_profile  # today's agents, unless the user chose
        target = str(settings.value(TARGET_KEY, default) or default)
        known = target in FORMATS or target in SKILL_TARGETS
        index = self.target_combo.findData(target if known else default)
        flat = str(settings.value(FLAT_KEY, "false")).lower() == "true"
        for widget in (self.target_combo, self.folder_edit, self.flat_box):
            widget.blockSignals(True)
        self.target_combo.setCurrentIndex(max(index, 0))
        self.folder_edit.setText(str(settings.value(FOLDER_KEY, "") or ""))
        self.flat_box.setChecked(flat)
        for widget in (self.target_combo, self.folder_edit, self.flat_box):
            widget.blockSignals(False)

    def remember(self, settings: QSettings) -> None:
        settings.setValue(TARGET_KEY, self.target)
        settings.setValue(FLAT_KEY, "true" if self.flat else "false")
        if self.folder:
            settings.setValue(FOLDER_KEY, self.folder)

    # -- showing ----------------------------------------------------------------------------------
    def update_where(self) -> None:
        """Say where the files go."""
        if not self.folder:
            self.where_label.setText("Choose an output folder to see where the files go.")
            return
        place = self.folder
        if not self.flat:
            default = target_folder(self._catalog, self.target)
            place = os.path.join(place, *default.split("/"))
        self.where_label.setText(f"Files go to {place}{os.sep}")

    @property
    def target_label(self) -> str:
        return self.target_combo.currentText()

    def apply_theme(self, theme: Theme) -> None:
        muted = palette_for(theme)
        muted.setColor(QPalette.ColorRole.WindowText, theme.color("muted"))
        self.where_label.setPalette(muted)


def target_folder(catalog: Catalog, target: str) -> str:
    """The folder a target's files go to inside the output folder."""
    if target in SKILL_TARGETS:
        return SKILL_TARGETS[target]
    return catalog.target(target).default_folder.strip("/")
