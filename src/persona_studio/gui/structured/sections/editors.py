"""One editor per section kind: paragraph, question, priority list, bullet list, Markdown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from persona_studio.core.document import Document
from persona_studio.core.structured.sections import (
    BULLETS,
    PRIORITY,
    QUESTION,
    SectionView,
    body_text,
    unquote,
)
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.sections.body import Locate, SectionBody
from persona_studio.gui.structured.sections.list_editors import ListEditor, list_room_key
from persona_studio.gui.structured.sections.text_editors import (
    MarkdownEditor,
    ParagraphEditor,
    QuestionEditor,
)

__all__ = [
    "ListEditor",
    "MarkdownEditor",
    "ParagraphEditor",
    "QuestionEditor",
    "make_body",
    "room_key",
]


def make_body(
    context: FormContext, locate: Locate, view: SectionView, parent: QWidget
) -> SectionBody:
    """The editor of a section's mode."""
    if view.mode == "paragraph":
        return ParagraphEditor(context, locate, view.title, parent)
    if view.mode == QUESTION:
        return QuestionEditor(context, locate, view.title, parent)
    if view.mode in (PRIORITY, BULLETS):
        return ListEditor(context, locate, view.title, view.mode, parent)
    return MarkdownEditor(context, locate, view.title, parent)


def room_key(view: SectionView, document: Document) -> tuple[object, ...]:
    """What the room of a list's or a question's editor, as first shown, depends on besides
    the font (for a card that waits to be reached: `cards.WAITING_MODES`)."""
    if view.mode in (PRIORITY, BULLETS):
        return list_room_key(view)
    if view.mode == QUESTION:
        opening, _question, closing = unquote(body_text(document, view.section))
        return (opening, closing)  # the quotes stand beside the line
    raise ValueError(f"a {view.mode} section's editor is made at once")
