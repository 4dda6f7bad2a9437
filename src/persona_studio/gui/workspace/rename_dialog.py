"""Rename an agent with its references: the new name (and whether the file moves too), the plan
shown as a diff before anything is written, and the write (core/workspace/rename.py)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.workspace.rename import RenamePlan, plan_rename


class RenameDialog(QDialog):
    """Plan a rename; ``plan`` holds it once the user accepted a preview without errors."""

    def __init__(
        self, agent_path: str, current_name: str, root: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rename Agent")
        self.agent_path = agent_path
        self.root = root
        self.plan: RenamePlan | None = None
        self.name_edit = QLineEdit(current_name, self)
        self.name_edit.setAccessibleName("New name")
        self.file_box = QCheckBox(f"Rename the file too ({os.path.basename(agent_path)})", self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.diff = QPlainTextEdit(self)
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff.setAccessibleName("Changes")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.diff.setFont(font)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Rename")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("New name:", self.name_edit)
        form.addRow("", self.file_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.diff, 1)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self.preview)
        self.file_box.toggled.connect(self.preview)
        self.resize(760, 520)
        self.preview()

    def preview(self) -> None:
        """Plan the rename as typed and show its diff; Rename is enabled only for a plan."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            plan = plan_rename(
                self.agent_path,
                self.name_edit.text(),
                rename_file=self.file_box.isChecked(),
                root=self.root,
            )
        except PersonaStudioError as error:
            self.plan = None
            self.message.setText(error.message)
            self.diff.setPlainText("")
            ok.setEnabled(False)
            return
        self.plan = plan
        count = len(plan.edits)
        self.message.setText(
            f"'{plan.old_name}' becomes '{plan.new_name}': {count} "
            f"{'file changes' if count == 1 else 'files change'}. Nothing is written until you "
            "choose Rename."
        )
        self.diff.setPlainText(plan.diff())
        ok.setEnabled(True)


class PlanDialog(QDialog):
    """A plan made elsewhere (references to follow a rename by hand), shown as its diff; the
    user writes it or not."""

    def __init__(self, plan: RenamePlan, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.plan = plan
        count = len(plan.edits)
        message = QLabel(
            f"The references to '{plan.old_name}' name '{plan.new_name}' again in {count} "
            f"{'file' if count == 1 else 'files'}. Nothing is written until you choose Update.",
            self,
        )
        message.setTextFormat(Qt.TextFormat.PlainText)
        message.setWordWrap(True)
        self.diff = QPlainTextEdit(plan.diff(), self)
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.diff.setFont(font)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Update")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)
