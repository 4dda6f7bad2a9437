"""The editors of sections that are text: a paragraph, a question (one line, quotes kept), and
Markdown for sections outside the schema or that hold more than their kind's editor can show."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from persona_studio.core.document import Document
from persona_studio.core.edits import replace_section_body
from persona_studio.core.outline import Section
from persona_studio.core.structured.sections import (
    SectionView,
    body_text,
    region_edit,
    region_text,
    requote,
    unquote,
)
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.sections.body import Locate, SectionBody, gap, views_of
from persona_studio.gui.structured.widgets import CommitLineEdit, CommitTextEdit, set_tone


class ParagraphEditor(SectionBody):
    def __init__(self, context: FormContext, locate: Locate, title: str, parent=None) -> None:
        super().__init__(context, locate, parent)
        self.text = CommitTextEdit(
            title, f"The text of '{title}'", context.theme, self, min_lines=2
        )
        self.text.committed.connect(self._commit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)

    def update_view(self, view: SectionView, document: Document, own_edit: bool) -> None:
        super().update_view(view, document, own_edit)
        self.text.setPlaceholderText(self._hint())
        self.text.set_value(body_text(document, view.section), own_edit=own_edit)

    def focus_first(self) -> None:
        self.text.setFocus()

    def _commit(self, text: str, _final: bool) -> None:
        def make(document: Document, section: Section):
            if text.strip() == body_text(document, section).strip():
                return None
            return replace_section_body(document, section, text)

        self._apply(make)


class QuestionEditor(SectionBody):
    """One line; the quotes the body was written with are kept around it."""

    def __init__(self, context: FormContext, locate: Locate, title: str, parent=None) -> None:
        super().__init__(context, locate, parent)
        self.line = CommitLineEdit(title, f"The question of '{title}'", context.theme, self)
        self.line.committed.connect(self._commit)
        self.opening = QLabel(self)
        self.closing = QLabel(self)
        for quote in (self.opening, self.closing):
            set_tone(quote, "quote", context.theme)
            quote.setToolTip("The question's quotes are kept as written")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(gap(self) // 2)
        layout.addWidget(self.opening)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.closing)

    def update_view(self, view: SectionView, document: Document, own_edit: bool) -> None:
        super().update_view(view, document, own_edit)
        opening, question, closing = unquote(body_text(document, view.section))
        self.opening.setText(opening)
        self.closing.setText(closing)
        self.opening.setVisible(bool(opening))
        self.closing.setVisible(bool(closing))
        self.line.setPlaceholderText(self._hint())
        self.line.set_value(question, own_edit=own_edit)

    def focus_first(self) -> None:
        self.line.setFocus()

    def _commit(self, text: str, _final: bool) -> None:
        def make(document: Document, section: Section):
            body = body_text(document, section)
            if text.strip() == unquote(body)[1].strip():
                return None
            return replace_section_body(document, section, requote(body, text))

        self._apply(make)


class MarkdownEditor(SectionBody):
    """The section's Markdown (with its subsections), for sections outside the schema."""

    def __init__(self, context: FormContext, locate: Locate, title: str, parent=None) -> None:
        super().__init__(context, locate, parent)
        self.text = CommitTextEdit(
            title,
            f"The Markdown of '{title}', subsections included",
            context.theme,
            self,
            min_lines=3,
        )
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.committed.connect(self._commit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)

    def update_view(self, view: SectionView, document: Document, own_edit: bool) -> None:
        super().update_view(view, document, own_edit)
        self.text.setPlaceholderText(self._hint() or "Markdown text")
        self.text.set_value(region_text(document, view), own_edit=own_edit)

    def focus_first(self) -> None:
        self.text.setFocus()

    def _commit(self, text: str, _final: bool) -> None:
        view = self.view

        def make(document: Document, section: Section):
            assert view is not None
            current = next(
                (
                    candidate
                    for candidate in views_of(self.context, document)
                    if candidate.section.span == section.span
                ),
                None,
            )
            if current is None or region_text(document, current) == text.strip("\n"):
                return None
            return region_edit(document, current, text)

        self._apply(make)
