"""One open persona: the one text (a QTextDocument with its undo stack), its parsed snapshot,
its diagnostics, and its file.

The text is the source of truth. The structured editor never keeps a copy of the persona: it asks
the core for an edit and calls `apply_edit`, which changes the text as one undo step; every view
then re-reads `snapshot`. Typing in the source view changes the same QTextDocument.

Qt keeps line breaks as paragraphs, so the text here always uses "\\n". The file is the core's
`OpenedFile` (`session.file`): its path, newline style, BOM and stamp, the save that refuses to
overwrite a file changed on disk (SaveConflictError) unless forced, reload, the disk checks and
the journal entry. This class is the Qt adapter around it: the QTextDocument and its undo stack,
the timers that parse and lint, and the signals the views listen to.

Never lose work: with a recovery journal attached (`attach_journal`), the unsaved text is written
to the journal about a second after the last edit, never over the file (`JournalKeeper`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from persona_studio.core.document import Document, parse
from persona_studio.core.edits import Edit
from persona_studio.core.files.disk import DiskState, SaveConflictError
from persona_studio.core.files.fileio import LoadedText, read_text
from persona_studio.core.files.journal import Journal, JournalEntry
from persona_studio.core.files.opened import OpenedFile, to_model_text
from persona_studio.core.lint import Diagnostic, lint_document
from persona_studio.core.lint.config import LintConfig, find_config
from persona_studio.core.lint.runner import identify
from persona_studio.core.readers.filekind import FileKind
from persona_studio.core.text.offsets import OffsetMap
from persona_studio.gui.editor.background import Background, Job
from persona_studio.gui.editor.journal_keeper import JournalKeeper
from persona_studio.gui.editor.reference_watch import ReferenceWatch, written_links

LINT_DELAY_MS = 120
SYNC_PARSE_LIMIT = 20_000  # characters; below it a parse and lint take about a millisecond


class DocumentSession(QObject):
    """An open document. Signals carry the new snapshot or diagnostics."""

    snapshotChanged = Signal(object)  # Document
    diagnosticsChanged = Signal(list)  # list[Diagnostic]
    dirtyChanged = Signal(bool)
    pathChanged = Signal(str)
    targetChanged = Signal(str)
    diskStateChanged = Signal(object)  # DiskState
    journalWritten = Signal(str)  # the journal file
    journalFailed = Signal(str)  # a message for the user

    def __init__(
        self,
        text: str = "",
        *,
        path: str | None = None,
        loaded: LoadedText | None = None,
        target: str | None = None,
        default_target: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        # A session without a parent belongs to the application, so that Python's garbage
        # collector never frees it while one of its timers is firing.
        super().__init__(parent if parent is not None else QCoreApplication.instance())
        self._file = OpenedFile(
            path,
            loaded,
            newline=parse(text[:4096]).newline if loaded is None else "\n",
            target=target,
            default_target=default_target,
        )
        self._config: LintConfig | None = None
        self.text_document = QTextDocument(self)
        self.text_document.setDocumentLayout(QPlainTextDocumentLayout(self.text_document))
        self.text_document.setPlainText(to_model_text(text))
        self.text_document.setModified(False)
        self.text_document.clearUndoRedoStacks()
        self._snapshot: Document | None = None
        self._last_snapshot: Document | None = None  # the newest parse, perhaps of older text
        self._version = 0  # counts changes of the text
        self._shown_version = 0  # the version snapshotChanged last announced
        self._parser: Background | None = None  # parses and lints long texts
        self._parse_again = False
        self._offsets: OffsetMap | None = None
        self._diagnostics: list[Diagnostic] = []
        self._lint_outdated = True
        self._lint_timer = QTimer(self)
        self._lint_timer.setSingleShot(True)
        self._lint_timer.setInterval(LINT_DELAY_MS)
        self._lint_timer.timeout.connect(self.refresh_diagnostics)
        self._applying = False
        self._keeper = JournalKeeper(self._file, self)
        self._snapshot_timer = QTimer(self)
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.timeout.connect(self._parse_in_background)
        # A handoff's agent, a linked file: re-checked when they appear, vanish or change.
        self._references = ReferenceWatch(self._references_changed, self)
        self._links: tuple[Document, tuple[str, ...]] | None = None  # found on the worker
        self.diagnosticsChanged.connect(self._follow_references)
        self.text_document.contentsChanged.connect(self._on_contents_changed)
        self.text_document.modificationChanged.connect(self.dirtyChanged)
        self.text_document.modificationChanged.connect(self._on_modification_changed)

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str, **options: object) -> DocumentSession:
        """Read a file; file errors propagate (FileReadError) for the caller to show."""
        loaded = read_text(path)
        return cls(loaded.text, path=path, loaded=loaded, **options)  # type: ignore[arg-type]

    # -- the text and its snapshot ----------------------------------------------------------
    def text(self) -> str:
        return _model_text(self.text_document.toRawText())

    @property
    def snapshot(self) -> Document:
        """The parsed document of the current text (parsed at most once per change)."""
        if self._snapshot is None:
            self._snapshot = self._last_snapshot = parse(self.text())
            self._offsets = None
        return self._snapshot

    def is_current(self, document: Document) -> bool:
        """Whether `document` is the parse of the text as it is now."""
        return document is self._snapshot

    @property
    def offsets(self) -> OffsetMap:
        if self._offsets is None:  # the text is enough: no parse (typing asks for it)
            snapshot = self._snapshot
            self._offsets = OffsetMap(snapshot.text if snapshot is not None else self.text())
        return self._offsets

    def _on_contents_changed(self) -> None:
        self._version += 1
        self._snapshot = None
        self._offsets = None
        self._links = None
        self._lint_outdated = True
        size = self.text_document.characterCount()
        if size < SYNC_PARSE_LIMIT or self._applying:
            self._lint_timer.start()
            self._emit_snapshot()
        else:
            # Long texts are parsed and linted on a worker thread once typing pauses, so that
            # no key press waits for them.
            self._lint_timer.stop()
            self._snapshot_timer.start(min(100, 20 + size // 8000))
        self._keeper.edited()

    def _emit_snapshot(self) -> None:
        self._snapshot_timer.stop()
        self._parse_again = False
        self._shown_version = self._version
        self.snapshotChanged.emit(self.snapshot)

    def flush(self) -> None:
        """Deliver a pending snapshot now (views then show the current text)."""
        if self._shown_version != self._version:
            self._emit_snapshot()

    def _parse_in_background(self) -> None:
        """Parse and lint the current text on the worker; `_parsed` shows the result."""
        if self._parser is None:
            self._parser = Background(self)
        if self._parser.busy:
            self._parse_again = True  # when the running parse is over
            return
        if self._config is None:
            self._config = self._find_config()
        # Only the copy of the text is made here: its line breaks are mended on the worker.
        version, raw = self._version, self.text_document.toRawText()
        path, target, config = self._file.path, self._chosen_target(), self._config

        def job(_job: Job) -> tuple[int, Document, list[Diagnostic], tuple[str, ...]]:
            document = parse(_model_text(raw))
            diagnostics = lint_document(document, path=path, target=target, config=config)
            return version, document, diagnostics, written_links(document)

        self._parser.submit(job, self._parsed)

    def _parsed(
        self,
        result: tuple[int, Document, list[Diagnostic], tuple[str, ...]] | None,
        error: BaseException | None,
    ) -> None:
        if error is not None or result is None:  # a bug: do it here, where it shows
            self._emit_snapshot()
            self.refresh_diagnostics()
            return
        version, document, diagnostics, links = result
        if version != self._version:  # the text changed meanwhile
            if self._parse_again:
                self._parse_again = False
                self._parse_in_background()
            return
        self._parse_again = False
        if self._snapshot is None:
            self._snapshot = self._last_snapshot = document
            self._offsets = None
        if self._snapshot is document or self._snapshot.text == document.text:
            self._links = (self._snapshot, links)  # the same text: the same links
        if self._shown_version != version:
            self._shown_version = version
            self.snapshotChanged.emit(self._snapshot)
        if self._lint_outdated:
            self._diagnostics = diagnostics
            self._lint_outdated = False
            self.diagnosticsChanged.emit(diagnostics)

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
            self._config = self._find_config()
        self._diagnostics = lint_document(
            self.snapshot, path=self._file.path, target=self._chosen_target(), config=self._config
        )
        self._lint_outdated = False
        self.diagnosticsChanged.emit(self._diagnostics)

    def _follow_references(self, _diagnostics: object = None) -> None:
        document = self._snapshot or self._last_snapshot
        if document is not None:
            found = self._links
            links = found[1] if found is not None and found[0] is document else None
            self._references.follow(self.path, document, links)

    def _references_changed(self) -> None:
        """Something the document refers to appeared, vanished or changed: lint it again (a
        long text on the worker, as after typing)."""
        self._lint_outdated = True
        if self.text_document.characterCount() < SYNC_PARSE_LIMIT:
            self._lint_timer.start()
        else:
            self._snapshot_timer.start(LINT_DELAY_MS)

    def _find_config(self) -> LintConfig:
        return find_config(self._file.path) if self._file.path else LintConfig()

    # -- target -------------------------------------------------------------------------
    @property
    def file_kind(self) -> FileKind:
        """What the file is and which profile reads it: the same answer `persona-studio lint`
        gives (``filekind.identify`` under the project's settings). Read from the newest parse,
        so that asking never parses a long text on the GUI thread."""
        if self._config is None:
            self._config = self._find_config()
        document = self._snapshot or self._last_snapshot or self.snapshot
        settings = self._config.for_path(self._file.path)
        return identify(document, self._file.path, settings, self._chosen_target())

    @property
    def target(self) -> str:
        return self.file_kind.target

    @property
    def chosen_target(self) -> str | None:
        """The target the user picked for this document (None: the file decides)."""
        return self._file.target_choice

    def _chosen_target(self) -> str | None:
        """The target the user chose for this document; an unsaved one takes the default target
        of the preferences (a saved file is read as its name, place and settings say)."""
        return self._file.lint_target()

    def set_target(self, target: str | None) -> None:
        if target == self._file.target_choice:
            return
        self._file.target_choice = target
        self._lint_context_changed()

    def _lint_context_changed(self) -> None:
        """The target or the file's place changed: what the text is linted against (the target
        a path implies, the config found from it) is worked out anew, and the text re-linted."""
        self._config = None
        self._lint_outdated = True
        self.targetChanged.emit(self.target)
        self.refresh_diagnostics()

    # -- the file (the core's OpenedFile: binding, save, reload, disk state) -------------------
    @property
    def file(self) -> OpenedFile:
        return self._file

    @property
    def doc_id(self) -> str:
        return self._file.doc_id

    @property
    def path(self) -> str | None:
        return self._file.path

    @property
    def display_name(self) -> str:
        return self._file.display_name

    @property
    def is_dirty(self) -> bool:
        return self.text_document.isModified()

    def file_bytes(self) -> bytes:
        """The text as the file will hold it: the file's newline style and BOM."""
        return self._file.encode(self.text())

    def save(self, path: str | None = None, *, force: bool = False) -> None:
        """Save atomically (to `path` for Save As). SaveError propagates; the document stays
        dirty when saving fails. Saving over this document's own file first checks that the file
        is still the one it loaded: if another program changed it, SaveConflictError is raised
        (nothing is written) unless `force`. A deleted file is simply written again."""
        before = self._file.state
        try:
            moved = self._file.save(self.text(), path, force=force)
        except SaveConflictError:
            self._announce_disk_state(before)
            raise
        if moved:
            self.pathChanged.emit(self._file.path)
            self._lint_context_changed()
        self.text_document.setModified(False)
        self._announce_disk_state(before)
        self._update_journal_now()

    def reload(self, path: str | None = None) -> None:
        """Replace the text with the file's (as one undo step, so it can be undone).

        ``path``: the file was moved there (a workspace rename that renamed the file): the
        document follows it, as after Save As."""
        before = self._file.state
        old_path = self._file.path
        text = self._file.reload(path=path)
        if text is None:
            return
        if self._file.path != old_path:
            self.pathChanged.emit(self._file.path)
            self._lint_context_changed()
        self._replace_all(text)
        self.text_document.setModified(False)
        self._announce_disk_state(before)
        self._update_journal_now()

    def _replace_all(self, text: str) -> None:
        """Replace the whole text as one undo step (nothing happens when it is the same)."""
        if text == self.text():
            return
        cursor = QTextCursor(self.text_document)
        self._applying = True
        try:
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)
            cursor.endEditBlock()
        finally:
            self._applying = False

    # -- the file on disk -------------------------------------------------------------------
    @property
    def known_disk_state(self) -> DiskState:
        """The state found by the last `check_disk` (or save, reload, restore)."""
        return self._file.state

    @property
    def file_missing(self) -> bool:
        return self._file.state is DiskState.MISSING

    @property
    def needs_saving(self) -> bool:
        """Unsaved changes, or a file that is gone from disk while its text is open here."""
        return self.is_dirty or self.file_missing

    def disk_state(self) -> DiskState:
        """Compare the file on disk with the file as this document loaded or saved it."""
        return self._file.disk_state()

    def check_disk(self) -> DiskState:
        """`disk_state()`, remembered; emits diskStateChanged when it differs from before, or
        when the file changed again (another version than the one reported last)."""
        before = self._file.state
        state, again = self._file.check()
        self._announce_disk_state(before, again=again)
        return state

    def keep_mine(self) -> None:
        """The user saw that the file changed on disk and keeps this text: the next save
        overwrites that version without asking (a later change on disk is caught again)."""
        before = self._file.state
        self._file.keep_mine()
        self._announce_disk_state(before)
        self._update_journal_now()

    def disk_text(self) -> str | None:
        """The file's text on disk now ("\\n" line breaks), or None if it cannot be read."""
        return self._file.disk_text()

    def _announce_disk_state(self, before: DiskState, *, again: bool = False) -> None:
        """Tell the views when the file's state differs from `before` (or changed again)."""
        state = self._file.state
        if state is not before:
            if DiskState.MISSING in (before, state):
                self._update_journal_now()  # a deleted file's text is kept like unsaved text
            self.diskStateChanged.emit(state)
        elif again:
            self.diskStateChanged.emit(state)

    # -- the recovery journal (the JournalKeeper decides when) -------------------------------
    @property
    def journal(self) -> Journal | None:
        return self._keeper.journal

    def attach_journal(self, journal: Journal | None) -> None:
        """Keep unsaved text in `journal` from now on (None: stop, leaving no entry behind)."""
        self._keeper.attach(journal)

    def journal_entry(self) -> JournalEntry:
        # The newest parse is enough for the title: a long text is not parsed again for it.
        title = (self._snapshot or self._last_snapshot or self.snapshot).title
        return self._file.journal_entry(self.text(), title.title if title is not None else None)

    def write_journal(self) -> None:
        """Write the journal entry now (or remove it when there is nothing unsaved)."""
        self._keeper.write()

    def close_journal(self) -> None:
        """The document is closed on purpose: its journal entry goes away."""
        self._keeper.close()

    def _update_journal_now(self) -> None:
        self._keeper.update_now()

    def _on_modification_changed(self, modified: bool) -> None:
        if not modified:
            self._update_journal_now()  # back to the saved text: nothing to recover

    # -- restoring --------------------------------------------------------------------------
    def restore_from(self, entry: JournalEntry) -> None:
        """Put a journal entry's text into this document, as one undo step (undo goes back to
        the file's text), with the entry's newline style, BOM and loaded stamp, so that a file
        changed on disk since is caught on save. The document is then dirty."""
        self._file.restore(entry)
        self._replace_all(to_model_text(entry.text))
        self.text_document.setModified(True)
        self.check_disk()
        self._update_journal_now()


def _model_text(raw: str) -> str:
    """The text of `QTextDocument.toRawText()` with "\\n" line breaks (Qt keeps paragraphs)."""
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")
