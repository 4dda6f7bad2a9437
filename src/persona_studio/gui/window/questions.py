"""The questions the main window asks about saving, as message boxes: save the changes before
closing, overwrite a file changed on disk, save elsewhere after a failed save. Each returns the
answer; the window's ask_* methods call them, and tests replace those methods."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from persona_studio.core.errors import PersonaStudioError

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
OVERWRITE, COMPARE = "overwrite", "compare"


def ask_save_changes(parent: QWidget, name: str) -> str:
    """SAVE, DISCARD or CANCEL for a document with unsaved changes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to {name}?")
    box.setInformativeText("Your changes are lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_save_failed(parent: QWidget, name: str, error: PersonaStudioError) -> bool:
    """A save failed: say why; True when the user wants Save As."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("The file was not saved")
    box.setText(f"{name} was not saved.")
    box.setInformativeText(
        f"{error.message}\n\nYour changes are still here, unsaved, and the file on disk"
        " was not touched. Save them somewhere else?"
    )
    save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    return box.clickedButton() is save_as


def ask_save_conflict(parent: QWidget, name: str) -> str:
    """The file changed on disk since it was loaded: OVERWRITE, COMPARE or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("The file changed on disk")
    box.setText(f"{name} was changed on disk by another program.")
    box.setInformativeText(
        "Saving now replaces that version with yours. Compare the two first, overwrite the"
        " file on purpose, or cancel and keep editing."
    )
    overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    compare = box.addButton("Co&mpare…", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(compare)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return OVERWRITE
    if clicked is compare:
        return COMPARE
    return CANCEL
