"""Help while writing in the Source view: a completion popup (keys of the file's reader, tool
names and sets with what they do, handoff agents and properties, models, a key's values, and
`#tool:` references in the body), tooltips that explain the key or tool under the mouse, and
Ctrl+. to apply the quick fix of the problem at the cursor.

Ctrl+Space opens the popup anywhere it has something to offer; typing a name opens it by itself
where a name is expected (a key at the start of a header line, a tool in the tools list, after
`#tool:`). What to offer and what to say comes from `core.assist`; this module only shows it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QKeyEvent, QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QCompleter, QToolTip

from persona_studio.core.assist import Completion, Offer, complete, hover
from persona_studio.core.catalog import Target, load_catalog
from persona_studio.core.readers import filekind, workspace

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
HEADER_LINES = 400  # below this line only `#tool:` references are completed while typing
_NAME_END = re.compile(r"[\w./*-]\Z|#tool:\Z")
DETAIL_WIDTH = 70  # characters of a description shown in the popup
_CLOSE_KEYS = (
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Escape,
)


class SourceAssist(QObject):
    """Completion, hovers and quick fixes for one Source view."""

    def __init__(self, editor: Any) -> None:
        """`editor`: the SourceEditor (not imported here: it imports this module)."""
        super().__init__(editor)
        self.editor = editor
        self.catalog = load_catalog()
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(editor)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionRole(NAME_ROLE)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated[str].connect(self._chosen)
        self._offer: Offer | None = None
        self._by_name: dict[str, Completion] = {}
        # The completer sends the popup's keys to the editor's event() directly, past any filter
        # on the editor: this filter on the popup (installed after the completer's, so it runs
        # first) chooses and closes.
        self._popup = self.completer.popup()
        self._popup.installEventFilter(self)
        self._viewport = editor.viewport()
        editor.installEventFilter(self)
        self._viewport.installEventFilter(self)

    # -- what to offer --------------------------------------------------------------------------
    @property
    def target(self) -> Target:
        return self.catalog.target(self.editor.session.target)

    def agent_files(self) -> dict[str, str]:
        """The workspace's agents: display name -> file ({} for an unsaved file)."""
        path = self.editor.session.path
        root = filekind.workspace_root(path) if path else None
        if root is None:
            return {}
        return dict(workspace.index(root, self.catalog).agents)

    def agent_names(self) -> list[str]:
        return sorted(self.agent_files(), key=str.casefold)

    def offer(self) -> Offer | None:
        """What fits at the cursor now."""
        session = self.editor.session
        return complete(
            session.text(),
            self.editor.current_offset(),
            self.target,
            self.catalog,
            self.agent_names(),
        )

    def popup_visible(self) -> bool:
        return self._popup.isVisible()

    def show_completions(self, *, typed: bool = False) -> bool:
        """Open (or update) the popup; `typed`: only where a name is being typed. Returns True
        when the popup shows."""
        offer = self.offer()
        if offer is None or (typed and not self._wants_popup(offer)):
            self.completer.popup().hide()
            self._offer = None
            return False
        if self._offer is None or offer.items != self._offer.items:
            self._fill(offer.items)
        self._offer = offer
        self.completer.setCompletionPrefix(offer.prefix)
        if self.completer.completionCount() == 0:
            self.completer.popup().hide()
            return False
        popup = self.completer.popup()
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.editor.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8)
        self.completer.complete(rect)
        return True

    def _wants_popup(self, offer: Offer) -> bool:
        if offer.prefix:
            return True
        before = self.editor.session.text()[: offer.start]
        return before.endswith("#tool:")

    def _fill(self, items: tuple[Completion, ...]) -> None:
        self.model.clear()
        self._by_name = {}
        for completion in items:
            detail = completion.detail
            if len(detail) > DETAIL_WIDTH:
                detail = detail[: DETAIL_WIDTH - 1].rstrip() + "…"
            shown = f"{completion.label}  —  {detail}" if detail else completion.label
            item = QStandardItem(shown)
            item.setData(completion.label, NAME_ROLE)
            item.setToolTip(f"{completion.label}\n{completion.detail}".strip())
            item.setEditable(False)
            self.model.appendRow(item)
            self._by_name[completion.label] = completion

    def _chosen(self, name: str) -> None:
        offer, completion = self._offer, self._by_name.get(name)
        if offer is None or completion is None:
            return
        session = self.editor.session
        cursor = QTextCursor(self.editor.textCursor())
        cursor.setPosition(session.to_qt(offer.start))
        cursor.setPosition(self.editor.textCursor().position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(completion.text)
        self.editor.setTextCursor(cursor)
        self._offer = None

    # -- quick fix at the cursor ----------------------------------------------------------------
    def quick_fix(self) -> bool:
        """Apply the fix of the first problem at the cursor that has one (one undo step)."""
        offset = self.editor.current_offset()
        for diagnostic in self.editor.diagnostics_at(offset) or self.editor.diagnostics_at(
            max(0, offset - 1)
        ):
            fix = diagnostic.fix
            if fix is not None and fix.rename_to is None and fix.edits:
                self.editor.session.apply_edits(list(fix.edits))
                return True
        return False

    # -- events ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self._popup:
                return self._popup_key(event)
            if watched is self.editor:
                return self._key(event)
        elif kind == QEvent.Type.ToolTip and watched is self._viewport:
            assert isinstance(event, QHelpEvent)
            return self._tooltip(event)
        return False

    def _popup_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key not in _CLOSE_KEYS:
            return False
        index = self._popup.currentIndex()
        self._popup.hide()
        if key != Qt.Key.Key_Escape and index.isValid():
            self._chosen(str(index.data(NAME_ROLE)))
        return True

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        control = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        )
        if self.popup_visible() and key in _CLOSE_KEYS:
            return self._popup_key(event)
        if control and key == Qt.Key.Key_Space:
            self.show_completions()
            return True
        if control and key == Qt.Key.Key_Period:
            return self.quick_fix()
        text = event.text()
        if text and (text.isprintable() or key == Qt.Key.Key_Backspace) and not control:
            QTimer.singleShot(0, self._after_typing)
        return False

    def _after_typing(self) -> None:
        if not self.editor.isVisible():
            return
        cursor = self.editor.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        if not _NAME_END.search(before) or (
            cursor.blockNumber() > HEADER_LINES and "#tool:" not in before
        ):
            self._popup.hide()  # not a name being typed, or far below any header: no work
            return
        self.show_completions(typed=True)

    def _tooltip(self, event: QHelpEvent) -> bool:
        editor = self.editor
        position = editor._position_at(event.pos())
        if position is None or editor._diagnostics_at_position(position):
            return False  # the editor shows the problems there
        session = editor.session
        text = hover(session.text(), session.from_qt(position), self.target, self.agent_files())
        if not text:
            return False
        shown = "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
        QToolTip.showText(event.globalPos(), shown, editor.viewport())
        return True
