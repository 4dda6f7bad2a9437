"""The Preferences dialog: theme, default target and the preview's Markdown engine."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from persona_studio.core.catalog import load_catalog
from persona_studio.core.render.engines import ENGINE_LABELS
from persona_studio.gui.window.settings import Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.theme = QComboBox(self)
        for key, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme()))
        self.theme.setToolTip("Colours of the editor, the preview and the panels")
        self.theme.setAccessibleName("Theme")
        self.target = QComboBox(self)
        catalog = load_catalog()
        for target_id in catalog.targets:
            self.target.addItem(catalog.target(target_id).label, target_id)
        self.target.setCurrentIndex(self.target.findData(settings.default_target()))
        self.target.setToolTip(
            "The target for new and untitled personas; a saved file is read as its name, "
            "folder and project settings say"
        )
        self.target.setAccessibleName("Default target")
        self.engine = QComboBox(self)
        for key, label in ENGINE_LABELS.items():
            self.engine.addItem(label, key)
        self.engine.setCurrentIndex(self.engine.findData(settings.preview_engine()))
        self.engine.setToolTip(
            "How the preview reads Markdown: CommonMark as VS Code and GitHub show it, or "
            "Python-Markdown as MkDocs sites show it"
        )
        self.engine.setAccessibleName("Preview Markdown")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("&Theme:", self.theme)
        layout.addRow("Default &target:", self.target)
        layout.addRow("&Preview Markdown:", self.engine)
        layout.addRow(buttons)

    def accept(self) -> None:
        self.settings.set_theme(self.theme.currentData())
        self.settings.set_default_target(self.target.currentData())
        self.settings.set_preview_engine(self.engine.currentData())
        super().accept()
