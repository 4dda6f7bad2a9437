"""One document tab: the Structured and Source views of one session beside its live preview."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QSplitter, QTabWidget, QVBoxLayout, QWidget

from persona_studio.core.text.showable import assess, notice
from persona_studio.gui.editor.preview import PreviewPane
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.editor.source_editor import SourceEditor
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.widgets import Notice
from persona_studio.gui.theme import Theme

STRUCTURED, SOURCE = 0, 1


class DocumentTab(QWidget):
    cursorMoved = Signal(int, int)  # line, column (1-based)

    def __init__(self, session: DocumentSession, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.views = QTabWidget(self)
        self.views.setDocumentMode(True)
        self.views.setAccessibleName("Editor views")
        self.structured = StructuredEditor(session, theme, self.views)
        self.source = SourceEditor(session, theme, self.views)
        # A file the window cannot show well (huge, a huge line, a huge list) opens in the
        # Source view with a notice; wrapping a line of millions of characters would stall.
        self.showable = assess(session.text(), session.snapshot)
        # Personas are prose: long lines read better wrapped (but not a line of megabytes).
        self.source.set_wrap(self.showable.wrap)
        self.views.addTab(self.structured, "Structured")
        self.views.addTab(self.source, "Source")
        self.views.setTabToolTip(STRUCTURED, "Edit the persona through a form (Ctrl+1)")
        self.views.setTabToolTip(SOURCE, "Edit the persona as Markdown text (Ctrl+2)")
        self.preview = PreviewPane(session, theme, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.notice = Notice("info", theme, self, closable=True)
        self.notice.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        if not self.showable.well:
            self.notice.show_text(notice(self.showable))
            self.views.setCurrentIndex(SOURCE)
        self.structured.sourceWanted.connect(self.go_to)
        self._sized = False
        self.source.cursorPositionChangedTo.connect(self.cursorMoved)
        self.source.verticalScrollBar().valueChanged.connect(self._sync_preview)
        self.preview.lineActivated.connect(self.reveal_line)
        self.preview.scrolledToLine.connect(self._sync_source)
        self._syncing = False  # while one view scrolls the other: no scrolling back
        self._source_size = self.source.point_size()  # the Source view's size unzoomed
        self.source.zoomChanged.connect(self._zoom_preview)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self.width(), 1)
            self.splitter.setSizes([width * 57 // 100, width * 43 // 100])

    def _sync_preview(self, _value: int) -> None:
        if self._syncing or self.views.currentIndex() != SOURCE:
            return
        self._syncing = True
        try:
            self.preview.scroll_to_line(self.source.firstVisibleBlock().blockNumber() + 1)
        finally:
            self._syncing = False

    def _sync_source(self, line: int) -> None:
        """The preview was scrolled: the Source view shows the line now at its top."""
        if self._syncing or self.views.currentIndex() != SOURCE:
            return
        block = self.source.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            return
        self._syncing = True
        try:  # the scroll bar counts the layout's lines (wrapped lines too)
            self.source.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._syncing = False

    def _zoom_preview(self, size: float) -> None:
        if self._source_size > 0:
            self.preview.set_zoom(size / self._source_size)

    def reveal_line(self, line: int) -> None:
        """A double click in the preview: in the Structured view, show and focus the field that
        edits that line; in the Source view, put the cursor on the line."""
        if self.views.currentIndex() == STRUCTURED:
            self.structured.reveal_line(line)
            return
        self.source.go_to_line(line)
        self.source.setFocus()

    def set_preview_shown(self, shown: bool) -> None:
        self.preview.setVisible(shown)

    def show_source(self) -> None:
        self.views.setCurrentIndex(SOURCE)

    def show_structured(self) -> None:
        self.views.setCurrentIndex(STRUCTURED)

    def apply_theme(self, theme: Theme) -> None:
        self.notice.apply_theme(theme)
        self.structured.apply_theme(theme)
        self.source.apply_theme(theme)
        self.preview.apply_theme(theme)

    def go_to(self, start: int, end: int | None = None, *, focus: bool = True) -> None:
        """Show a span of the text in the Source view and select it (and give the Source view
        the keyboard unless `focus` is False: a single click in the Problems list keeps it)."""
        self.show_source()
        self.source.go_to_offset(start, end)
        if focus:
            self.source.setFocus()
