"""The title line of a persona and the introduction under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.document import Document
from persona_studio.core.edits import Edit, replace_section_body
from persona_studio.core.structured.sections import body_text
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.frames import title_label
from persona_studio.gui.structured.style import Box
from persona_studio.gui.structured.widgets import (
    Chip,
    CommitLineEdit,
    CommitTextEdit,
    set_accessible_text,
    set_tone,
)


class IntroCard(Box):
    """The title line and the introduction under it."""

    def __init__(self, context: FormContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        theme = self.context.theme
        set_tone(self, "card", theme)
        unit = QFontMetrics(self.font()).height()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(unit, unit * 3 // 4, unit, unit)
        layout.setSpacing(unit // 2)
        header = QHBoxLayout()
        header.addWidget(title_label("Title and introduction", self, theme, 1.08))
        header.addWidget(
            Chip(
                "Required",
                "A persona opens with its title and who it is",
                theme,
                self,
                kind="requiredChip",
            )
        )
        header.addStretch(1)
        layout.addLayout(header)
        prefix = self.context.schema.title_prefix
        self.title = CommitLineEdit(
            "Title",
            f"The persona's title, the first level-1 heading ('{prefix} Name')",
            theme,
            self,
            defer_empty=True,
        )
        self.title.setPlaceholderText(self.context.schema.title_example)
        self.title.committed.connect(self._commit_title)
        self.intro = CommitTextEdit(
            "Introduction", "Who the assistant is: the paragraph under the title", theme, self
        )
        self.intro.setPlaceholderText("You are …")
        self.intro.committed.connect(self._commit_intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.addRow("Title", self.title)
        self.form.addRow("Introduction", self.intro)
        layout.addLayout(self.form)
        self.missing = QWidget(self)
        row = QHBoxLayout(self.missing)
        row.setContentsMargins(0, 0, 0, 0)
        note = QLabel("This file has no title line, so it is not recognised as a persona.", self)
        set_tone(note, "note", theme)
        note.setWordWrap(True)
        self.add_title = QPushButton("Add title", self)
        set_accessible_text(
            self.add_title, "Add title", f"Add a '# {prefix} Name' line above the sections"
        )
        self.add_title.clicked.connect(self._add_title)
        row.addWidget(note, 1)
        row.addWidget(self.add_title)
        layout.addWidget(self.missing)

    def update_document(self, document: Document, own_edit: bool) -> None:
        title = document.title
        self.missing.setVisible(title is None)
        for widget in (self.title, self.intro):
            widget.setVisible(title is not None)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(title is not None)
        if title is None:
            return
        self.title.set_value(title.title, own_edit=own_edit)
        self.intro.set_value(body_text(document, title), own_edit=own_edit)

    def _commit_title(self, text: str, _final: bool) -> None:
        def make(document: Document):
            title = document.title
            value = " ".join(text.split())
            if title is None or not value or value == title.title:
                return None
            return Edit(title.title_span.start, title.title_span.end, value, "edit title")

        self.context.apply(make)

    def _commit_intro(self, text: str, _final: bool) -> None:
        def make(document: Document):
            title = document.title
            if title is None or text.strip() == body_text(document, title).strip():
                return None
            return replace_section_body(document, title, text)

        self.context.apply(make)

    def _add_title(self) -> None:
        def make(document: Document):
            if document.title is not None:
                return None
            line = f"# {self.context.schema.title_prefix} Name"
            at = document.body_start
            return Edit(at, at, line + document.newline + document.newline, "add title")

        if self.context.apply(make):
            self.title.setFocus()
            self.title.selectAll()
