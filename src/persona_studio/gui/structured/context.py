"""What every part of the structured view shares: the session, the catalog, the schema and the
theme, and the one way to change the text (`FormContext.apply`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from persona_studio.core.catalog import Target, load_catalog
from persona_studio.core.document import Document
from persona_studio.core.edits import Edit
from persona_studio.core.errors import EditError
from persona_studio.core.outline import Section
from persona_studio.core.schema import Schema, load_schema
from persona_studio.core.structured.sections import top_sections
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import Theme

EditMaker = Callable[[Document], Edit | Sequence[Edit] | None]


class FormContext(QObject):
    """Applies the form's edits to the session; an impossible edit becomes a message."""

    message = Signal(str)  # an EditError's message, or an applied edit's note, for the user
    applied = Signal()  # an edit of the form was applied
    sourceWanted = Signal(int)  # show this offset of the text in the Source view

    def __init__(self, session: DocumentSession, theme: Theme, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.theme = theme
        self.catalog = load_catalog()
        self.schema: Schema = load_schema()
        self.own_edit = False  # True while the form applies its own edit

    @property
    def target(self) -> Target:
        return self.catalog.target(self.session.target)

    def apply(self, make: EditMaker) -> bool:
        """Compute edits from the current snapshot and apply them as one undo step. Returns
        False when there was nothing to do or the core refused (the message says why)."""
        try:
            result = make(self.session.snapshot)
        except EditError as error:
            self.message.emit(error.message)
            return False
        if result is None:
            return False
        edits = [result] if isinstance(result, Edit) else list(result)
        if not edits:
            return False
        self.own_edit = True
        try:
            self.session.apply_edits(edits)
        finally:
            self.own_edit = False
        self.applied.emit()
        for note in dict.fromkeys(edit.note for edit in edits if edit.note):
            self.message.emit(note)  # a value written in another style than it had, say
        return True

    def section(self, document: Document, ordinal: int, title: str) -> Section:
        """The section an editor shows, found again in a newer snapshot."""
        sections = top_sections(document, self.schema)
        if ordinal < len(sections) and sections[ordinal].title == title:
            return sections[ordinal]
        for section in sections:
            if section.title == title:
                return section
        raise EditError(f"The section '{title}' is no longer in the document")
