"""The base of the section editors: an editor shows what the snapshot holds and turns each change
into a core edit on its section, found again in the current snapshot when the change is committed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from persona_studio.core.document import Document
from persona_studio.core.outline import Section
from persona_studio.core.structured.sections import SectionView, section_views
from persona_studio.gui.structured.context import FormContext

Locate = Callable[[Document], Section]


def gap(widget: QWidget) -> int:
    return QFontMetrics(widget.font()).height() // 2


class SectionBody(QWidget):
    """Base of the section editors."""

    def __init__(self, context: FormContext, locate: Locate, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.locate = locate
        self.view: SectionView | None = None

    def update_view(self, view: SectionView, document: Document, own_edit: bool) -> None:
        self.view = view

    def focus_first(self) -> None:
        self.focusNextChild()

    def make_if_near(self) -> None:
        """Make what waits until the user gets to it, if it is near the screen (list rows)."""

    def _apply(self, make: Callable[[Document, Section], object]) -> bool:
        return self.context.apply(lambda document: make(document, self.locate(document)))

    def _hint(self) -> str:
        spec = self.view.spec if self.view is not None else None
        return spec.help if spec is not None else ""


def views_of(context: FormContext, document: Document) -> list[SectionView]:
    return section_views(document, context.schema)
