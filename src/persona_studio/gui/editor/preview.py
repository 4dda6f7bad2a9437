"""The live preview: the session's text rendered by `core.render` into a QTextBrowser.

It follows typing without stalling keystrokes: a change only marks the preview outdated and
(re)starts a short timer; when the timer fires the *current* snapshot is rendered, so the last
keystroke always wins and the same text is never rendered twice. While typing goes on without a
pause the preview still updates at least every `MAX_WAIT_MS`. A hidden preview stays outdated and
catches up when shown (its first render too).

An update changes only what changed. The renderer caches each section's HTML and lists the page
as pieces (the header card, then one per section); the pane remembers the pieces it shows and
where each starts in its QTextDocument (`ShownPage`). A new render is compared piece by piece
with the shown one, and each run of changed pieces is replaced in place with a QTextCursor, in
one edit block; a piece whose lines only moved gets its anchor renamed. So a keystroke in a big
persona costs the Markdown of one section and one small replacement, not a new page. The page is
built anew when nothing is shown yet, when the style changed (theme or font) or when more than a
quarter of the pieces changed. Built anew or patched, the page is made the same way, piece by
piece, so both give the very same document (and the text `setHtml` gives for the whole page).
The style sheet is the document's default style sheet, which styles every inserted piece.

Nothing is loaded from anywhere: `loadResource` answers only inline `data:` images, links are
never followed by the browser itself, and a click opens only http, https and mailto links, in the
system browser. `#fragment` links scroll inside the preview.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QElapsedTimer, QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFontInfo,
    QImage,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from persona_studio.core.document import Document
from persona_studio.core.render import Piece, Renderer, RenderResult
from persona_studio.gui.editor.background import Background, Job
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import Theme, palette_for

DEBOUNCE_MS = 50  # the pause in typing after which the preview updates
MAX_WAIT_MS = 150  # while typing on without a pause, update at least this often
MAX_DEBOUNCE_MS = 400  # the longest the adaptive delay grows to, when updates are costly
PATCH_SHARE = 0.25  # more changed pieces than this share of the page: build it anew
BACKGROUND_RENDER_CHARS = 100_000  # longer texts are rendered on a worker while typing
MAX_DATA_IMAGE_BYTES = 4 * 1024 * 1024
EXTERNAL_SCHEMES = ("http", "https", "mailto")
TOOLTIP = "Live preview of the persona. Links open in your web browser when clicked."
FULL, PATCH, NONE = "full", "patch", "none"
SENTINEL = "x"  # the text of the paragraph each inserted piece starts with (then deleted)
# Its margins are none: before a table its block stays, as the empty block setHtml puts there.
SENTINEL_HTML = f'<p style="margin: 0px">{SENTINEL}</p>'


@dataclass(frozen=True, slots=True)
class PreviewUpdate:
    """What an update did to the shown page (for tests and measurements)."""

    kind: str  # FULL: the page was built anew; PATCH: changed pieces replaced; NONE: no change
    replaced: int = 0  # ranges of the page replaced (one per run of changed pieces)
    pieces: int = 0  # pieces inserted by those replacements
    renamed: int = 0  # anchors renamed in place (the lines moved, the text did not change)
    ms: float = 0.0  # GUI-thread time of the update: render and page change


# -- the shown page -------------------------------------------------------------------------

Code = tuple[str, int, int, int, int]  # a difflib opcode: tag, i1, i2, j1, j2
Run = tuple[int, int, int, int]  # old pieces i1..i2 become new pieces j1..j2


class ShownPage:
    """The pieces shown in a QTextDocument and the position where each starts.

    The page is always made of pieces put in one by one (`put`), whether it is built anew or a
    run of pieces is replaced, so a patched page is the very document a new build of the same
    pieces gives. A piece runs from its start to the character before the next one's start (the
    separator of its last block), or to the end of the document; each starts with a block of
    the root frame (an empty one before a table, as `setHtml` makes at the top of a page)."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.pieces: tuple[Piece, ...] = ()
        self.starts: list[int] = []
        self.style: tuple[str, int] | None = None  # the style sheet and margin shown
        self._positions: dict[str, int] | None = None

    def build(
        self, pieces: tuple[Piece, ...], style: str, margin: int, clear: Callable[[], None]
    ) -> None:
        """Show a new page; `clear` empties the document (the widget's, which also resets its
        cursor)."""
        clear()
        self.document.setDefaultStyleSheet(style)
        self.document.setDocumentMargin(margin)
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        try:
            self.starts = self.put(cursor, 0, pieces)
        finally:
            cursor.endEditBlock()
        self.pieces = pieces
        self.style = (style, margin)
        self._positions = None

    def patch(self, pieces: tuple[Piece, ...]) -> PreviewUpdate | None:
        """Replace the runs of pieces that changed; None when the page should be built anew
        (nothing shown, or too much changed)."""
        old = self.pieces
        if not old or not pieces:
            return None
        codes = diff([piece.body for piece in old], [piece.body for piece in pieces])
        runs, renames = self._runs(codes, pieces)
        changed = sum(max(i2 - i1, j2 - j1) for i1, i2, j1, j2 in runs)
        if changed > max(1.0, len(pieces) * PATCH_SHARE):
            return None
        runs = widen(runs, len(old))
        document = self.document
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        try:
            for index, names in renames:
                cursor.setPosition(self.starts[index])
                name_block(cursor, names)
            starts = list(self.starts)
            for i1, i2, j1, j2 in reversed(runs):  # from the end: earlier starts stay valid
                start, end = self.starts[i1], self._end_of(i2)
                length = document.characterCount()
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                put = self.put(cursor, start, pieces[j1:j2])
                delta = document.characterCount() - length
                starts[i1:] = put + [place + delta for place in starts[i2:]]
        finally:
            cursor.endEditBlock()
        self.pieces, self.starts = pieces, starts
        self._positions = None
        inserted = sum(j2 - j1 for _i1, _i2, j1, j2 in runs)
        return PreviewUpdate(PATCH, replaced=len(runs), pieces=inserted, renamed=len(renames))

    def put(self, cursor: QTextCursor, position: int, pieces: tuple[Piece, ...]) -> list[int]:
        """Put pieces in one after the other, the first into the empty block at `position`;
        return where each starts.

        Inserted HTML merges its first block into the block at the cursor (which keeps its own
        format), so each piece's fragment starts with a sentinel paragraph: that one merges, the
        piece's first block comes in whole after it, and then the emptied block is deleted
        (before a table it stays, as the empty block `setHtml` puts there). The piece's anchors
        go on its first block's character format, where `setHtml` puts an anchor before a
        block and where they are renamed in place."""
        document = self.document
        starts: list[int] = []
        for number, piece in enumerate(pieces):
            cursor.setPosition(position)
            if number:  # a new empty block after the previous piece's last block
                cursor.insertBlock()
                position += 1
            cursor.setBlockFormat(QTextBlockFormat())
            cursor.setBlockCharFormat(QTextCharFormat())
            length = document.characterCount()
            html = f"<html><body>{SENTINEL_HTML}{piece.body}</body></html>"
            cursor.insertFragment(QTextDocumentFragment.fromHtml(html, document))
            cursor.setPosition(position)
            cursor.setPosition(position + len(SENTINEL), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if document.characterCount() > length:  # else the piece is this empty block
                cursor.deleteChar()
            if piece.anchors:
                name_block(cursor, piece.anchors)
            starts.append(position)
            position += document.characterCount() - length  # the end of the piece's last block
        return starts

    def position_of(self, anchor: str) -> int | None:
        """The document position of the piece a chunk anchor names (None when not shown)."""
        if self._positions is None:
            self._positions = {
                name: start
                for piece, start in zip(self.pieces, self.starts, strict=True)
                for name in piece.anchors
            }
        return self._positions.get(anchor)

    def _runs(
        self, codes: list[Code], pieces: tuple[Piece, ...]
    ) -> tuple[list[Run], list[tuple[int, tuple[str, ...]]]]:
        """The runs of pieces to replace, and the pieces that stay but moved to other lines:
        their anchors are renamed in place."""
        runs = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in codes if tag != "equal"]
        renames = [
            (i1 + offset, pieces[j1 + offset].anchors)
            for tag, i1, i2, j1, _j2 in codes
            if tag == "equal"
            for offset in range(i2 - i1)
            if pieces[j1 + offset].anchors != self.pieces[i1 + offset].anchors
        ]
        return runs, renames

    def _end_of(self, index: int) -> int:
        """Where the pieces before `index` end: just before the next piece's first block."""
        if index < len(self.starts):
            return self.starts[index] - 1
        return self.document.characterCount() - 1


def name_block(cursor: QTextCursor, names: tuple[str, ...]) -> None:
    """Put anchor names on the character format of the cursor's block."""
    char_format = cursor.blockCharFormat()
    char_format.setAnchor(bool(names))
    char_format.setAnchorNames(list(names))
    cursor.setBlockCharFormat(char_format)


def diff(old: list[str], new: list[str]) -> list[Code]:
    """difflib opcodes between two lists of piece bodies; common ends are found first, so a
    one-piece change costs a scan of the two lists."""
    n, m = len(old), len(new)
    low = 0
    while low < n and low < m and old[low] == new[low]:
        low += 1
    high = 0
    while high < n - low and high < m - low and old[n - 1 - high] == new[m - 1 - high]:
        high += 1
    codes: list[Code] = []
    if low:
        codes.append(("equal", 0, low, 0, low))
    a, b = old[low : n - high], new[low : m - high]
    if len(a) <= 1 or len(b) <= 1:
        if a or b:
            codes.append(("replace", low, n - high, low, m - high))
    else:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        codes.extend(
            (tag, low + i1, low + i2, low + j1, low + j2)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        )
    if high:
        codes.append(("equal", n - high, n, m - high, m))
    return codes


def widen(runs: list[Run], count: int) -> list[Run]:
    """Each pure insertion or removal takes in a neighbour (replaced by its new self), so that
    every replacement has a range of the page to replace and a fragment to put there; runs that
    then overlap become one. `count` is the number of old pieces."""
    merged: list[Run] = []
    for i1, i2, j1, j2 in runs:
        if i1 == i2 or j1 == j2:
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = min(i2 + 1, count), j2 + 1
        if merged and i1 < merged[-1][1]:
            p1, _p2, q1, _q2 = merged.pop()
            i1, j1 = min(i1, p1), min(j1, q1)
        merged.append((i1, i2, j1, j2))
    return merged


# -- the widget -----------------------------------------------------------------------------


class PreviewPane(QTextBrowser):
    """A read-only rendering of a DocumentSession that follows its text."""

    rendered = Signal()  # after an update: the preview shows the session's current text

    def __init__(
        self,
        session: DocumentSession,
        theme: Theme,
        parent: QWidget | None = None,
        renderer: Renderer | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._theme = theme
        self._palette = theme.as_dict()
        self._renderer = renderer or Renderer()
        self._render_lock = threading.Lock()  # the renderer's caches: one render at a time
        self._worker: Background | None = None
        self._latest: Document | None = None  # the newest snapshot the session announced
        self._result: RenderResult | None = None
        self._shown_key: tuple[str, Theme, int] | None = None
        self._page = ShownPage(self.document())
        self._outdated = True
        self._delay_ms = DEBOUNCE_MS
        self._max_wait_ms = MAX_WAIT_MS
        self._waiting = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self.last_update = PreviewUpdate(NONE)

        self.setObjectName("previewPane")
        self.setAccessibleName("Preview")
        self.setAccessibleDescription("The persona rendered as it reads: header card and sections")
        self.setToolTip(TOOLTIP)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setUndoRedoEnabled(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._on_link_hovered)
        session.snapshotChanged.connect(self._on_snapshot_changed)
        self._apply_palette()

    # -- state --------------------------------------------------------------------------
    @property
    def is_outdated(self) -> bool:
        """True while the shown HTML is older than the session's text."""
        return self._outdated

    @property
    def result(self) -> RenderResult | None:
        """The last render (its chunks map source lines to places in the preview)."""
        return self._result

    @property
    def theme(self) -> Theme:
        return self._theme

    # -- updating -----------------------------------------------------------------------
    def _on_snapshot_changed(self, document: object = None) -> None:
        if isinstance(document, Document):
            self._latest = document
        self._outdated = True
        if not self._timer.isActive():
            self._waiting.start()
            self._timer.start(self._delay_ms)
            return
        # Still typing: wait for the pause, but never longer than the maximum wait.
        left = self._max_wait_ms - self._waiting.elapsed()
        self._timer.start(max(0, min(self._delay_ms, left)))

    def _on_timeout(self) -> None:
        if not (self._outdated and self.isVisible()):
            return
        # The snapshot announced is rendered: asking the session for the current one could
        # mean parsing, here on the GUI thread, a long text typed into since.
        latest = self._latest
        if latest is None or self._result is None:
            self.render_now()
        elif len(latest.text) < BACKGROUND_RENDER_CHARS:
            self.render_now(latest)
        else:  # a long text: its Markdown on a worker, only the page's patch done here
            self._render_in_background(latest)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._result is None:
            self.render_now()  # the first render: before the first paint
        elif self._outdated and not self._timer.isActive():
            self._timer.start(0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # sizes in the style sheet follow the font
            self._on_snapshot_changed()

    def render_now(self, document: Document | None = None) -> None:
        """Render now `document` (by default the session's current text) and emit `rendered`
        when that is the current text (nothing happens when the preview already shows this
        text in this theme and font size)."""
        self._timer.stop()
        document = document or self._session.snapshot
        current = self._session.is_current(document)
        self._outdated = not current
        em = QFontInfo(self.font()).pixelSize()
        key = (document.text, self._theme, em)
        if key == self._shown_key:
            return
        started = time.perf_counter()
        with self._render_lock:
            result = self._renderer.render(document, self._palette, em=em)
        self._show_result(result, key, started, announce=current)

    def _render_in_background(self, document: Document) -> None:
        self._timer.stop()
        em = QFontInfo(self.font()).pixelSize()
        key = (document.text, self._theme, em)
        if key == self._shown_key:
            self._outdated = not self._session.is_current(document)
            return
        if self._worker is None:
            self._worker = Background(self)
        if self._worker.busy:
            self._timer.start(self._delay_ms)  # once the running render is over
            return
        renderer, palette, lock = self._renderer, self._palette, self._render_lock

        def job(_job: Job) -> RenderResult:
            with lock:
                return renderer.render(document, palette, em=em)

        def done(result: RenderResult | None, error: BaseException | None) -> None:
            if error is not None or result is None:
                self.render_now()  # a bug: here, where it shows
            elif key[1:] == (self._theme, QFontInfo(self.font()).pixelSize()):
                current = self._session.is_current(document)
                self._show_result(result, key, time.perf_counter(), announce=current)
                self._outdated = not current
                if not current and not self._timer.isActive():
                    self._timer.start(self._delay_ms)
            else:  # the theme or font changed meanwhile: render again
                self._on_snapshot_changed()

        self._worker.submit(job, done)

    def _show_result(
        self,
        result: RenderResult,
        key: tuple[str, Theme, int],
        started: float,
        *,
        announce: bool = True,
    ) -> None:
        """Show a render; `rendered` tells when it shows the current text (`announce`).
        `started`: when the GUI thread's part began."""
        em = key[2]
        update = self._show(result, em)
        self._result = result
        self._shown_key = key
        cost_ms = (time.perf_counter() - started) * 1000
        self.last_update = PreviewUpdate(
            update.kind, update.replaced, update.pieces, update.renamed, round(cost_ms, 3)
        )
        if update.kind == PATCH:
            # What typing costs sets the pace: costly updates wait for longer pauses, so that
            # typing goes on smoothly. (A page built anew, on opening or a new theme, says
            # nothing about the next keystroke.)
            self._delay_ms = int(min(MAX_DEBOUNCE_MS, max(DEBOUNCE_MS, 2 * cost_ms)))
            self._max_wait_ms = int(max(MAX_WAIT_MS, 4 * cost_ms))
        if announce:
            self.rendered.emit()

    def _show(self, result: RenderResult, em: int) -> PreviewUpdate:
        """Change the shown page to the result's, keeping the scroll position."""
        pieces = result.pieces
        page = self._page
        if pieces == page.pieces and page.style == (result.style, em):
            return PreviewUpdate(NONE)  # a change that shows no difference, such as a space
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        top, left = vertical.value(), horizontal.value()
        update = None
        if page.style == (result.style, em):
            update = page.patch(pieces)
        if update is None:
            page.build(pieces, result.style, em, self.clear)
            update = PreviewUpdate(FULL, replaced=1, pieces=len(pieces))
        vertical.setValue(top)
        horizontal.setValue(left)
        return update

    # -- theme --------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        """Recolour the preview (re-renders at once with the new palette)."""
        self._theme = theme
        self._palette = theme.as_dict()
        self._apply_palette()
        self.render_now()

    def _apply_palette(self) -> None:
        self.setPalette(palette_for(self._theme))

    # -- scrolling with the editor ----------------------------------------------------------
    def scroll_to_line(self, line: int) -> None:
        """Scroll so that the 1-based source line is at the top: the start of its section, and
        in proportion through a long section. Lines of the front matter show the top."""
        result = self._result
        index = result.chunk_index(line) if result is not None else None
        bar = self.verticalScrollBar()
        if result is None or index is None or line < result.chunks[0].line:
            bar.setValue(bar.minimum())
            return
        chunk = result.chunks[index]
        top = self._anchor_top(chunk.anchor)
        if top is None:
            self.scrollToAnchor(chunk.anchor)
            return
        if index + 1 < len(result.chunks):
            following = result.chunks[index + 1]
            bottom = self._anchor_top(following.anchor)
            lines = following.line - chunk.line
        else:
            bottom = self.document().documentLayout().documentSize().height()
            lines = chunk.end_line - chunk.line + 1
        if bottom is None or lines <= 0:
            bottom, lines = top, 1
        fraction = min(1.0, max(0.0, (line - chunk.line) / lines))
        bar.setValue(round(top + fraction * (bottom - top)))

    def _anchor_top(self, name: str) -> float | None:
        """The y of the first block of the piece a chunk anchor names."""
        position = self._page.position_of(name)
        if position is None:
            return None
        document = self.document()
        block = document.findBlock(position)
        return document.documentLayout().blockBoundingRect(block).top()

    # -- links and resources --------------------------------------------------------------
    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in EXTERNAL_SCHEMES:
            self.open_external(url)
        elif not scheme and url.hasFragment() and not url.path() and not url.host():
            self.scrollToAnchor(url.fragment())
        # Anything else (file:, relative paths, custom schemes) is ignored.

    def _on_link_hovered(self, url: QUrl) -> None:
        if url.isEmpty():
            self.setToolTip(TOOLTIP)
        elif url.scheme().lower() in EXTERNAL_SCHEMES:
            self.setToolTip(f"Open in your web browser: {url.toDisplayString()}")
        elif not url.scheme() and url.hasFragment():
            self.setToolTip("Go to this place in the preview")
        else:
            self.setToolTip("This link is not opened from the preview")

    def open_external(self, url: QUrl) -> None:
        """Hand an http, https or mailto link to the system (tests override this)."""
        QDesktopServices.openUrl(url)

    def loadResource(self, kind: int, url: QUrl) -> object:
        """Load nothing from the network or the disk: only inline data: images."""
        image_kind = QTextDocument.ResourceType.ImageResource
        if url.scheme().lower() == "data" and kind in (image_kind, image_kind.value):
            return _data_image(url)
        return None


def _data_image(url: QUrl) -> QImage | None:
    """Decode `data:image/...;base64,...` (anything else, or too large, gives None)."""
    text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    header, _, payload = text.partition(",")
    if not header.lower().startswith("data:image/") or len(payload) > MAX_DATA_IMAGE_BYTES * 2:
        return None
    try:
        raw = unquote_to_bytes(payload)
        data = base64.b64decode(raw) if header.lower().endswith(";base64") else raw
    except ValueError:
        return None
    if len(data) > MAX_DATA_IMAGE_BYTES:
        return None
    image = QImage.fromData(data)
    return None if image.isNull() else image
