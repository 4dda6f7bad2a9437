"""The Structured view: the persona as a form (fields, tools, sections) over the one text.

The form keeps no copy of the persona. It reads `session.snapshot` whenever the text changes
(typing in the Source view, an undo, its own edits) and sends each change as a core edit, one undo
step each. While it is hidden it only notes that it is out of date, and catches up when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.document import Document
from persona_studio.core.structured.sections import top_sections
from persona_studio.core.text.showable import MAX_FORM_SECTIONS
from persona_studio.gui import keep_viewport
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured.context import FormContext
from persona_studio.gui.structured.fields import FieldsPanel
from persona_studio.gui.structured.frames import card_frame, title_label
from persona_studio.gui.structured.sections.panel import SectionsPanel
from persona_studio.gui.structured.style import Box
from persona_studio.gui.structured.tools.picker import ToolPicker
from persona_studio.gui.structured.undo import install as install_undo
from persona_studio.gui.structured.widgets import Notice, retheme, set_tone
from persona_studio.gui.theme import Theme

MESSAGE_MS = 12000
NARROW_EM = 34  # below this width (in lines of text) the tool picker stacks its columns


class StructuredEditor(QWidget):
    """The form of one session. `message(str)` repeats what the message bar shows."""

    message = Signal(str)
    sourceWanted = Signal(int)  # show this offset in the Source view

    def __init__(self, session: DocumentSession, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("structuredEditor")
        self.setAccessibleName("Structured view")
        self.session = session
        self.context = FormContext(session, theme, self)
        self._stale = True
        self._shown: tuple[object, ...] = ()  # what the last refresh showed (see _showing)
        unit = QFontMetrics(self.font()).height()

        self.banner = Notice("error", theme, self)
        self.banner.setAccessibleDescription("The front matter cannot be read")
        self.message_bar = Notice("warning", theme, self, closable=True)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(self.message_bar.hide)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The form reflows below NARROW_EM (the tool picker stacks its two columns); whatever
        # still does not fit scrolls sideways, so no control is ever out of reach.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.content = Box(self.scroll)
        set_tone(self.content, "formContent", theme)
        column = QVBoxLayout(self.content)
        column.setContentsMargins(unit, unit, unit, unit * 2)
        column.setSpacing(unit * 3 // 4)

        details, details_layout = card_frame(self.content, theme)
        details_layout.addWidget(title_label("Details", details, theme))
        self.fields = FieldsPanel(self.context, details)
        details_layout.addWidget(self.fields)
        column.addWidget(details)

        tools, tools_layout = card_frame(self.content, theme)
        self.tools_title = title_label("Tools", tools, theme)
        tools_layout.addWidget(self.tools_title)
        self.tool_picker = ToolPicker(self.context, tools)
        tools_layout.addWidget(self.tool_picker)
        column.addWidget(tools)
        self.details_card, self.tools_card = details, tools

        heading = QLabel("Persona sections", self.content)
        set_tone(heading, "pageHeading", theme)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setContentsMargins(0, unit // 2, 0, 0)
        column.addWidget(heading)
        self.sections_heading = heading
        self.sections = SectionsPanel(self.context, self.content)
        self.sections.reveal.connect(self._reveal)
        column.addWidget(self.sections)
        # Too many sections for one card each: a note, and the Source view.
        self.too_many = Notice("info", theme, self.content)
        self.too_many.label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.too_many)
        column.addStretch(1)
        self.scroll.setWidget(self.content)
        keep_viewport(self.scroll)  # met without a search through every widget class
        self.scroll.viewport().installEventFilter(self)  # its width decides the layout
        # List rows are made as they come near the screen (`sections.row_slot`).
        for bar in (self.scroll.verticalScrollBar(), self.scroll.horizontalScrollBar()):
            bar.valueChanged.connect(self.sections.make_if_near)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        notices = QVBoxLayout()
        notices.setContentsMargins(unit // 2, unit // 2, unit // 2, 0)
        notices.setSpacing(unit // 2)
        notices.addWidget(self.banner)
        notices.addWidget(self.message_bar)
        self._notices = notices
        layout.addLayout(notices)
        layout.addWidget(self.scroll, 1)

        self.context.message.connect(self.show_message)
        self.context.sourceWanted.connect(self.sourceWanted)
        self.context.applied.connect(self._edit_applied)
        session.snapshotChanged.connect(self._snapshot_changed)
        session.targetChanged.connect(lambda _target: self._snapshot_changed(session.snapshot))
        install_undo(self)  # Undo and Redo in a field go to the document's history
        self.refresh()  # the widgets have their looks already: no `apply_theme` here

    # -- public ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the current snapshot."""
        self._stale = False
        self._shown = self._showing()
        document = self.session.snapshot
        self._show_front_matter_state(document)
        target = self.context.target
        self.tools_title.setText(f"Tools  ·  {target.label}")
        self.fields.refresh(document)
        # A reader without a tools key (an agent skill) gets no tool picker, and a kind that is
        # not a persona (a skill again) no persona sections to fill in.
        tools = target.key("tools") is not None
        self.tools_card.setVisible(tools)
        kind = self.session.file_kind.spec
        personas = kind is None or kind.persona_rules
        crowded = personas and len(document.sections) > MAX_FORM_SECTIONS
        self.sections_heading.setVisible(personas)
        self.sections.setVisible(personas and not crowded)
        if crowded:
            self.too_many.show_text(
                f"This persona has {len(document.sections):,} sections, too many to edit here:"
                " edit them in the Source view."
            )
        else:
            self.too_many.hide()
        if tools:
            self.tool_picker.refresh(document)
        if personas and not crowded:
            self.sections.refresh(document)

    def focus_section(self, title: str) -> bool:
        """Scroll to a section's card and put the cursor in its editor."""
        self._catch_up()
        card = self.sections.card(title)
        if card is None:
            return False
        card.body.focus_first()
        self._reveal(card)
        return True

    def reveal_line(self, line: int) -> QWidget | None:
        """Scroll to the part of the form that edits a 1-based source line and put the cursor
        there: a front-matter key's field (the tool list for `tools`), the title and
        introduction, or a section's editor. Returns the widget that got the focus."""
        self._catch_up()
        document = self.session.snapshot
        front = document.front_matter
        widget: QWidget | None = None
        if front is not None and line <= front.span.end_line:
            entries = [entry for entry in front.entries if entry.key_span.line <= line]
            key = entries[-1].key if entries else None
            if key == "tools" and self.tools_card.isVisible():
                widget = self.tool_picker.tree
            elif key is not None:
                widget = self.fields.field_widget(key)
            if widget is None or not widget.isEnabled():
                widget = next(iter(self.fields.findChildren(QLineEdit)), None)
        else:
            sections = [s for s in top_sections(document, self.context.schema) if s.line <= line]
            card = self.sections.card(sections[-1].title) if sections else None
            if card is not None:
                card.body.focus_first()
                self._reveal(card)
                return self.focusWidget() or card
            widget = self.sections.intro.title
        if widget is None:
            return None
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._reveal(widget)
        return widget

    def field_widget(self, key: str) -> QWidget | None:
        """The widget that shows a front-matter key (None when the form does not show it)."""
        self._catch_up()
        return self.fields.field_widget(key)

    def show_message(self, text: str) -> None:
        """Tell the user why an edit could not be made (non-modal)."""
        self.message_bar.show_text(text)
        self._message_timer.start()
        self.message.emit(text)

    def apply_theme(self, theme: Theme) -> None:
        """Give the form `theme`: every widget got its look from the theme when it was made
        (`set_tone`, `set_glyph`); `retheme` gives it again."""
        self.context.theme = theme
        for notice in self.findChildren(Notice):
            notice.apply_theme(theme)
        retheme(self, theme)
        self.tool_picker.apply_theme(theme)
        if not self._stale:
            self.refresh()

    # -- updates ----------------------------------------------------------------------------------
    def _snapshot_changed(self, _document: Document) -> None:
        if self.isVisible() or self.context.own_edit:
            self.refresh()
        else:
            self._stale = True

    def catch_up(self) -> None:
        """Show the current snapshot if the form is out of date (as it is made visible)."""
        self._catch_up()

    def _catch_up(self) -> None:
        if not self._stale:
            return
        now, shown = self._showing(), self._shown
        if shown and now[0] is shown[0] and now[1:] == shown[1:]:
            self._stale = False  # told of a change while hidden, but it shows that very snapshot
        else:
            self.refresh()

    def _showing(self) -> tuple[object, ...]:
        """What a refresh shows: the snapshot (by identity: a new text is a new Document), the
        reader profile, the kind of file and the theme."""
        session = self.session
        return (session.snapshot, session.target, session.file_kind, self.context.theme)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()

    def _edit_applied(self) -> None:
        self.message_bar.hide()

    def _show_front_matter_state(self, document: Document) -> None:
        front = document.front_matter
        error = front.error if front is not None else None
        if error is not None:
            self.banner.show_text(
                f"The front matter has a problem on line {error.span.line}: "
                f"{error.message.rstrip('.')}. "
                "Fix it in the Source view; until then the fields and tools cannot be edited here."
            )
        else:
            self.banner.hide()
        self.details_card.setEnabled(error is None)
        self.tools_card.setEnabled(error is None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._reflow()
            QTimer.singleShot(0, self.sections.make_if_near)  # more of the form may show now
        return super().eventFilter(watched, event)

    def _reflow(self) -> None:
        em = QFontMetrics(self.font()).height()
        narrow = self.scroll.viewport().width() < NARROW_EM * em
        self.tool_picker.set_narrow(narrow)
        self.sections.set_narrow(narrow)
        self.fields.set_narrow(narrow)

    def _reveal(self, widget: QWidget) -> None:
        unit = QFontMetrics(self.font()).height()
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(widget, unit, unit))
