"""One editor per section kind: paragraph, question, priority list, bullet list, Markdown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from persona_studio.core.structured.sections import BULLETS, PRIORITY, SectionView
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.sections.body import Locate, SectionBody
from persona_studio.gui.structured.sections.list_editors import ListEditor
from persona_studio.gui.structured.sections.text_editors import (
    MarkdownEditor,
    ParagraphEditor,
    QuestionEditor,
)

__all__ = ["ListEditor", "MarkdownEditor", "ParagraphEditor", "QuestionEditor", "make_body"]


def make_body(
    context: FormContext, locate: Locate, view: SectionView, parent: QWidget
) -> SectionBody:
    """The editor of a section's mode."""
    if view.mode == "paragraph":
        return ParagraphEditor(context, locate, view.title, parent)
    if view.mode == "question":
        return QuestionEditor(context, locate, view.title, parent)
    if view.mode in (PRIORITY, BULLETS):
        return ListEditor(context, locate, view.title, view.mode, parent)
    return MarkdownEditor(context, locate, view.title, parent)
