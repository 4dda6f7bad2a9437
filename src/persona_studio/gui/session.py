"""One open persona: the one text (a QTextDocument with its undo stack), its parsed snapshot,
its diagnostics, and its file.

The text is the source of truth. The structured editor never keeps a copy of the persona: it asks
the core for an edit and calls `apply_edit`, which changes the text as one undo step; every view
then re-reads `snapshot`. Typing in the source view changes the same QTextDocument.

Qt keeps line breaks as paragraphs, so the text here always uses "\\n"; the file's own newline
style and BOM are remembered and written back on save.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from persona_studio.core.catalog import default_target_for_path
from persona_studio.core.document import Document, parse
from persona_studio.core.edits import Edit
from persona_studio.core.fileio import LoadedText, atomic_write, read_text
from persona_studio.core.lint import Diagnostic, lint_document
from persona_studio.core.lint.config import LintConfig, find_config
from persona_studio.gui.offsets import OffsetMap

LINT_DELAY_MS = 120
SYNC_PARSE_LIMIT = 50_000  # characters; below it a parse takes well under a millisecond or two


def to_model_text(text: str) -> str:
    """The text as the editor holds it: "\\n" line breaks only."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


class DocumentSession(QObject):
    """An open document. Signals carry the new snapshot or diagnostics."""

    snapshotChanged = Signal(object)  # Document
    diagnosticsChanged = Signal(list)  # list[Diagnostic]
    dirtyChanged = Signal(bool)
    pathChanged = Signal(str)
    targetChanged = Signal(str)

    def __init__(
        self,
        text: str = "",
        *,
        path: str | None = None,
        loaded: LoadedText | None = None,
        target: str | None = None,
        default_target: str = "vscode-chatmode",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = os.path.abspath(path) if path else None
        self._loaded = loaded
        self._newline = loaded.newline if loaded is not None else parse(text[:4096]).newline
        self._bom = loaded.bom if loaded is not None else False
        self._mixed_newlines = loaded.mixed_newlines if loaded is not None else False
        self._default_target = default_target
        self._target_choice = target
        self._config: LintConfig | None = None
        self.text_document = QTextDocument(self)
        self.text_document.setDocumentLayout(QPlainTextDocumentLayout(self.text_document))
        self.text_document.setPlainText(to_model_text(text))
        self.text_document.setModified(False)
        self.text_document.clearUndoRedoStacks()
        self._snapshot: Document | None = None
        self._offsets: OffsetMap | None = None
        self._diagnostics: list[Diagnostic] = []
        self._lint_outdated = True
        self._lint_timer = QTimer(self)
        self._lint_timer.setSingleShot(True)
        self._lint_timer.setInterval(LINT_DELAY_MS)
        self._lint_timer.timeout.connect(self.refresh_diagnostics)
        self._applying = False
        self._snapshot_timer = QTimer(self)
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.timeout.connect(self._emit_snapshot)
        self.text_document.contentsChanged.connect(self._on_contents_changed)
        self.text_document.modificationChanged.connect(self.dirtyChanged)

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str, **options: object) -> DocumentSession:
        """Read a file; file errors propagate (FileReadError) for the caller to show."""
        loaded = read_text(path)
        return cls(loaded.text, path=path, loaded=loaded, **options)  # type: ignore[arg-type]

    # -- the text and its snapshot ----------------------------------------------------------
    def text(self) -> str:
        raw = self.text_document.toRawText()
        return raw.replace("\u2029", "\n").replace("\u2028", "\n")

    @property
    def snapshot(self) -> Document:
        """The parsed document of the current text (parsed at most once per change)."""
        if self._snapshot is None:
            self._snapshot = parse(self.text())
            self._offsets = None
        return self._snapshot

    @property
    def offsets(self) -> OffsetMap:
        if self._offsets is None:
            self._offsets = OffsetMap(self.snapshot.text)
        return self._offsets

    def _on_contents_changed(self) -> None:
        self._snapshot = None
        self._offsets = None
        self._lint_outdated = True
        self._lint_timer.start()
        size = self.text_document.characterCount()
        if size < SYNC_PARSE_LIMIT or self._applying:
            self._emit_snapshot()
        else:
            # Large texts: parse once typing pauses, not on every key press.
            self._snapshot_timer.start(min(150, 20 + size // 5000))

    def _emit_snapshot(self) -> None:
        self._snapshot_timer.stop()
        self.snapshotChanged.emit(self.snapshot)

    def flush(self) -> None:
        """Deliver a pending snapshot now (views then show the current text)."""
        if self._snapshot_timer.isActive():
            self._emit_snapshot()

    # -- edits --------------------------------------------------------------------------
    def apply_edit(self, edit: Edit) -> None:
        self.apply_edits([edit])

    def apply_edits(self, edits: Sequence[Edit]) -> None:
        """Apply edits made against the current snapshot as ONE undo step."""
        edits = [edit for edit in edits if not edit.is_noop(self.snapshot.text)]
        if not edits:
            return
        offsets = self.offsets
        cursor = QTextCursor(self.text_document)
        self._applying = True
        try:
            cursor.beginEditBlock()
            for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
                cursor.setPosition(offsets.to_qt(edit.start))
                cursor.setPosition(offsets.to_qt(edit.end), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(edit.text)
            cursor.endEditBlock()
        finally:
            self._applying = False

    def to_qt(self, offset: int) -> int:
        return self.offsets.to_qt(offset)

    def from_qt(self, position: int) -> int:
        return self.offsets.from_qt(position)

    def undo(self) -> None:
        self.text_document.undo()

    def redo(self) -> None:
        self.text_document.redo()

    # -- diagnostics ----------------------------------------------------------------------
    @property
    def diagnostics(self) -> list[Diagnostic]:
        if self._lint_outdated:
            self.refresh_diagnostics()
        return self._diagnostics

    @property
    def diagnostics_outdated(self) -> bool:
        return self._lint_outdated

    def refresh_diagnostics(self) -> None:
        self._lint_timer.stop()
        if self._config is None:
            self._config = find_config(self._path) if self._path else LintConfig()
        self._diagnostics = lint_document(
            self.snapshot, path=self._path, target=self.target, config=self._config
        )
        self._lint_outdated = False
        self.diagnosticsChanged.emit(self._diagnostics)

    # -- target -------------------------------------------------------------------------
    @property
    def target(self) -> str:
        if self._target_choice:
            return self._target_choice
        if self._path:
            return default_target_for_path(self._path) or self._default_target
        return self._default_target

    def set_target(self, target: str | None) -> None:
        if target == self._target_choice:
            return
        self._target_choice = target
        self._lint_outdated = True
        self.targetChanged.emit(self.target)
        self.refresh_diagnostics()

    # -- the file -------------------------------------------------------------------------
    @property
    def path(self) -> str | None:
        return self._path

    @property
    def loaded(self) -> LoadedText | None:
        return self._loaded

    @property
    def display_name(self) -> str:
        return os.path.basename(self._path) if self._path else "Untitled"

    @property
    def is_dirty(self) -> bool:
        return self.text_document.isModified()

    @property
    def newline(self) -> str:
        return self._newline

    @property
    def bom(self) -> bool:
        return self._bom

    @property
    def mixed_newlines(self) -> bool:
        return self._mixed_newlines

    def file_bytes(self) -> bytes:
        """The text as the file will hold it: the file's newline style and BOM."""
        text = self.text()
        if self._newline != "\n":
            text = text.replace("\n", self._newline)
        data = text.encode("utf-8")
        return (b"\xef\xbb\xbf" + data) if self._bom else data

    def save(self, path: str | None = None) -> None:
        """Save atomically (to `path` for Save As). SaveError propagates; the document stays
        dirty when saving fails."""
        target = os.path.abspath(path) if path else self._path
        if target is None:
            raise ValueError("an untitled document needs a path: use Save As")
        atomic_write(target, self.file_bytes())
        self._loaded = read_text(target)
        self._mixed_newlines = False
        if target != self._path:
            self._path = target
            self._config = None
            self.pathChanged.emit(target)
            self.targetChanged.emit(self.target)
        self.text_document.setModified(False)

    def reload(self) -> None:
        """Replace the text with the file's (as one undo step, so it can be undone)."""
        if self._path is None:
            return
        loaded = read_text(self._path)
        self._loaded = loaded
        self._newline, self._bom = loaded.newline, loaded.bom
        cursor = QTextCursor(self.text_document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(to_model_text(loaded.text))
        cursor.endEditBlock()
        self.text_document.setModified(False)
