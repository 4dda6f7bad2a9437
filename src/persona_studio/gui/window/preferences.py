"""The Preferences dialog: theme and default target."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from persona_studio.core.catalog import load_catalog
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("&Theme:", self.theme)
        layout.addRow("Default &target:", self.target)
        layout.addRow(buttons)

    def accept(self) -> None:
        self.settings.set_theme(self.theme.currentData())
        self.settings.set_default_target(self.target.currentData())
        super().accept()
