"""Every question the window puts to the user, and every message box and dialog it shows for an
answer, in one replaceable object (as git-cola's ``Interaction``).

The window's parts never open a message box themselves: they ask ``context.interaction``. A test
swaps the object (``window.interaction = Scripted(...)``) or replaces one of its methods, so no
modal dialog ever blocks it; the answers are the constants below.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QWidget

from persona_studio import __version__
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.journal import JournalEntry
from persona_studio.core.readers.filekind import dialog_patterns
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import ThemeManager
from persona_studio.gui.window.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

# The dialogs are imported when one is first shown: a window that asks nothing (most starts)
# does not load them (PySide makes a class and its enums the first time it is imported).

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
OVERWRITE, COMPARE = "overwrite", "compare"

FILE_FILTER = f"Persona files ({' '.join(dialog_patterns())});;All files (*)"


class Interaction:
    """The questions and messages of one window, shown over `parent` in the current theme."""

    def __init__(self, parent: QWidget, themes: ThemeManager) -> None:
        self.parent = parent
        self.themes = themes

    # -- saving and closing -------------------------------------------------------------------
    def save_changes(self, session: DocumentSession) -> str:
        """SAVE, DISCARD or CANCEL for a document with unsaved changes."""
        return _save_changes_box(self.parent, session.display_name)

    def save_conflict(self, session: DocumentSession) -> str:
        """The file changed on disk since it was loaded: OVERWRITE, COMPARE or CANCEL."""
        return _save_conflict_box(self.parent, session.display_name)

    def save_failed(self, session: DocumentSession, error: PersonaStudioError) -> bool:
        """A save failed: say why; True when the user wants Save As."""
        return _save_failed_box(self.parent, session.display_name, error)

    def save_path(self, session: DocumentSession, suggested: str) -> str | None:
        """The Save As dialog, starting at `suggested`; None when the user cancels."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Save Persona As", suggested, FILE_FILTER
        )
        return path or None

    # -- opening --------------------------------------------------------------------------------
    def open_paths(self, folder: str) -> list[str]:
        """The Open dialog: the files chosen (none when cancelled)."""
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self.parent, "Open Persona", folder, FILE_FILTER)
        return paths

    def library_persona(self, names: list[str]) -> str | None:
        """Which library persona to start a new one from."""
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getItem(
            self.parent, "New from Library Persona", "Start from a copy of:", names, 0, False
        )
        return name if ok and name else None

    def line_number(self, current: int, count: int) -> int | None:
        """Go to Line: a line from 1 to `count`, or None."""
        from PySide6.QtWidgets import QInputDialog

        line, ok = QInputDialog.getInt(
            self.parent, "Go to Line", f"Line (1 to {count}):", current, 1, count
        )
        return line if ok else None

    def recovery(self, entries: list[JournalEntry]) -> dict[str, str] | None:
        """The recovery dialog: doc_id -> RESTORE or DISCARD, or None to decide later."""
        from PySide6.QtWidgets import QDialog

        from persona_studio.gui.window.documents.recovery import RecoveryDialog  # seldom shown

        dialog = RecoveryDialog(entries, self.themes.theme, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices()

    def preferences(self, settings: Settings) -> bool:
        """The Preferences dialog; True when the user accepted new settings."""
        from persona_studio.gui.window.preferences import PreferencesDialog

        return bool(PreferencesDialog(settings, self.parent).exec())

    # -- showing ----------------------------------------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        plain_message_box(self.parent, QMessageBox.Icon.Warning, title, message).exec()

    def show_diff(self, title: str, diff: str, summary: str = "") -> None:
        """A unified diff in a dialog."""
        from persona_studio.gui.window.documents.recovery import UnifiedDiffDialog

        UnifiedDiffDialog(title, diff, self.themes.theme, self.parent, summary=summary).exec()

    def open_diff_window(self, session: DocumentSession) -> bool:
        """The file on disk against the document in the full diff window (gui/compare), if that
        can read the file; False to fall back to `show_diff`."""
        try:
            from persona_studio.gui.compare.diff_view import DiffWindow

            window = DiffWindow.open_document_vs_disk(self.themes.theme, session, self.parent)
        except (ImportError, AttributeError, TypeError, PersonaStudioError):
            return False
        window.show()
        window.raise_()
        window.activateWindow()
        return True

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self.parent,
            "About Persona Studio",
            f"<h3>Persona Studio {__version__}</h3>"
            "<p>Write, check, compare and export AI-assistant personas: VS Code Copilot chat "
            "modes and custom agents, GitHub Copilot agents and Claude Code subagents.</p>"
            f"<p>{html.escape(toolkit_versions())}</p>",
        )


def toolkit_versions() -> str:
    """The Qt library this program runs on and its Python binding, by their own versions."""
    return f"Qt {qVersion()} · PySide6 {PySide6.__version__}"


# -- the message boxes ---------------------------------------------------------------------------


def plain_message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, informative: str = ""
) -> QMessageBox:
    """A message box that shows its texts as plain text. Messages carry file names, and a file
    name is anybody's text (a cloned repository can hold `<img src=/dev/zero>.agent.md`): Qt's
    automatic rich text would draw it as HTML, load images and open links."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        # The informative text has no format of its own: as rich text, escaped, it shows as written.
        escaped = html.escape(informative).replace("\n", "<br>")
        box.setInformativeText(f"<p>{escaped}</p>")
    return box


def _save_changes_box(parent: QWidget, name: str) -> str:
    """SAVE, DISCARD or CANCEL for a document with unsaved changes."""
    from PySide6.QtWidgets import QMessageBox

    box = plain_message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"Save the changes to {name}?",
        "Your changes are lost if you don't save them.",
    )
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


def _save_failed_box(parent: QWidget, name: str, error: PersonaStudioError) -> bool:
    """A save failed: say why; True when the user wants Save As."""
    from PySide6.QtWidgets import QMessageBox

    box = plain_message_box(
        parent,
        QMessageBox.Icon.Warning,
        "The file was not saved",
        f"{name} was not saved.",
        f"{error.message}\n\nYour changes are still here, unsaved, and the file on disk"
        " was not touched. Save them somewhere else?",
    )
    save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    return box.clickedButton() is save_as


def _save_conflict_box(parent: QWidget, name: str) -> str:
    """The file changed on disk since it was loaded: OVERWRITE, COMPARE or CANCEL."""
    from PySide6.QtWidgets import QMessageBox

    box = plain_message_box(
        parent,
        QMessageBox.Icon.Warning,
        "The file changed on disk",
        f"{name} was changed on disk by another program.",
        "Saving now replaces that version with yours. Compare the two first, overwrite the"
        " file on purpose, or cancel and keep editing.",
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
