"""The live preview: the session's text rendered by `core.render` into a QTextBrowser.

It follows typing without stalling keystrokes: a change only marks the preview outdated and
(re)starts a short timer; when the timer fires the *current* snapshot is rendered, so the last
keystroke always wins and the same text is never rendered twice. While typing goes on without a
pause the preview still updates at least every `MAX_WAIT_MS`. A hidden preview stays outdated and
catches up when shown (its first render too).

An update changes only what changed. The renderer caches each section's HTML and lists the page
as pieces (the header card, then one per section); the pane remembers the pieces it shows and
where each starts in its QTextDocument (`ShownPage`, in preview_page.py). A new render is
compared piece by piece with the shown one, and each run of changed pieces is replaced in place
with a QTextCursor, in one edit block; a piece whose lines only moved gets its anchor renamed.
So a keystroke in a big persona costs the Markdown of one section and one small replacement, not
a new page. The page is built anew when nothing is shown yet, when the style changed (theme or
font) or when more than a quarter of the pieces changed. Built anew or patched, the page is made
the same way, piece by piece, so both give the very same document (and the text `setHtml` gives
for the whole page).
The style sheet is the document's default style sheet, which styles every inserted piece.

Nothing is loaded from anywhere: `loadResource` answers only inline `data:` images, links are
never followed by the browser itself, and a click opens only http, https and mailto links, in the
system browser. `#fragment` links scroll inside the preview.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontInfo,
    QMouseEvent,
    QShowEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from persona_studio.core.document import Document
from persona_studio.core.render import Renderer, RenderResult
from persona_studio.gui import keep_viewport
from persona_studio.gui.editor.background import Background, Job
from persona_studio.gui.editor.preview_page import (
    FULL,
    NONE,
    PATCH,
    PreviewUpdate,
    ShownPage,
)
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import Theme, palette_for

if TYPE_CHECKING:
    from persona_studio.gui.editor.preview_images import ImageBudget

DEBOUNCE_MS = 50  # the pause in typing after which the preview updates
MAX_WAIT_MS = 150  # while typing on without a pause, update at least this often
MAX_DEBOUNCE_MS = 400  # the longest the adaptive delay grows to, when updates are costly
BACKGROUND_RENDER_CHARS = 20_000  # longer texts are rendered on a worker while typing
BACKGROUND_PENDING_CHARS = 20_000  # so is a render that would convert this much Markdown
RENDERING = '<p class="empty">Rendering the preview\u2026</p>'
EXTERNAL_SCHEMES = ("http", "https", "mailto")
TOOLTIP = "Live preview of the persona. Links open in your web browser when clicked."


class PreviewPane(QTextBrowser):
    """A read-only rendering of a DocumentSession that follows its text."""

    rendered = Signal()  # after an update: the preview shows the session's current text
    lineActivated = Signal(int)  # a double click: the 1-based source line of that place
    scrolledToLine = Signal(int)  # the user scrolled the preview: the source line now at the top

    def __init__(
        self,
        session: DocumentSession,
        theme: Theme,
        parent: QWidget | None = None,
        renderer: Renderer | None = None,
    ) -> None:
        super().__init__(parent)
        keep_viewport(self)
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
        self._images: ImageBudget | None = None  # made for a page's first data: image
        self._following = False  # while the preview scrolls itself (not the user)
        self._base_point_size = self.font().pointSizeF()
        self._zoom = 1.0
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
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._apply_palette()
        self._apply_font()

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

    @property
    def engine(self) -> str:
        """The Markdown engine the preview renders with (see core/render/engines.py)."""
        return self._renderer.engine

    def set_engine(self, engine: str) -> None:
        """Render with another Markdown engine (the page is rendered again shortly)."""
        if engine == self._renderer.engine:
            return
        with self._render_lock:
            self._renderer.set_engine(engine)
        self._shown_key = None
        self._on_snapshot_changed()  # rendered anew soon (on the worker if that is long)

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
        if latest is None:  # nothing rendered nor announced yet
            self.render_now()
            return
        if not self._costly(latest):
            self.render_now(latest)
        else:  # a long text: its Markdown on a worker, only the page's patch done here
            self._render_in_background(latest)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._result is None:
            document = self._latest or self._session.snapshot
            if not self._costly(document):
                self.render_now()  # the first render: before the first paint
            else:  # a long text: on a worker, the GUI thread shows a line meanwhile
                self.setHtml(RENDERING)
                self._render_in_background(document)
        elif self._outdated and not self._timer.isActive():
            self._timer.start(0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # sizes in the style sheet follow the font
            self._on_snapshot_changed()

    def _costly(self, document: Document) -> bool:
        """Whether rendering the document could hold the GUI thread long: a long text, much
        Markdown to convert (a new or pasted long section), or a render already running."""
        if len(document.text) >= BACKGROUND_RENDER_CHARS:
            return True
        if not self._render_lock.acquire(blocking=False):
            return True
        try:
            return self._renderer.pending_chars(document) > BACKGROUND_PENDING_CHARS
        finally:
            self._render_lock.release()

    def render_now(self, document: Document | None = None) -> None:
        """Render now `document` (by default the session's current text) and emit `rendered`
        when that is the current text (nothing happens when the preview already shows this
        text in this theme and font size)."""
        self._timer.stop()
        document = document or self._session.snapshot
        current = self._session.is_current(document)
        if current or self._latest is None:  # what a later font change renders again
            self._latest = document
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
        if self._latest is None or self._session.is_current(document):
            self._latest = document
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
                self.setHtml(f'<p class="empty">The preview failed: {type(error).__name__}</p>')
                self._outdated = False  # a bug: said here, not run again on the GUI thread
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
        self._following = True
        try:
            update = None
            if page.style == (result.style, em):
                update = page.patch(pieces)
            if update is None:
                if self._images is not None:
                    self._images.reset()
                page.build(pieces, result.style, em, self.clear)
                update = PreviewUpdate(FULL, replaced=1, pieces=len(pieces))
            vertical.setValue(top)
            horizontal.setValue(left)
        finally:
            self._following = False
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

    # -- zoom and font ------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float) -> None:
        """Show the preview at `factor` times its normal size (the Source view's zoom)."""
        factor = min(4.0, max(0.25, factor))
        if factor != self._zoom:
            self._zoom = factor
            self._apply_font()  # a font change renders again (changeEvent)

    def _apply_font(self) -> None:
        """The widget's font at the zoom. Emoji come from the system's font fallback: a colour
        emoji font where one is installed (scripts/dev installs Noto Color Emoji on Debian).
        Naming fallback families here would not help: Qt then takes digits, `#` and spaces
        from the emoji font too."""
        font = QFont(self.font())
        base = self._base_point_size if self._base_point_size > 0 else 10.0
        font.setPointSizeF(base * self._zoom)
        self.setFont(font)
        self.document().setDefaultFont(font)

    # -- scrolling with the editor ----------------------------------------------------------
    def scroll_to_line(self, line: int) -> None:
        """Scroll so that the 1-based source line is at the top: by the lines the page's blocks
        came from (see preview_scroll.py), in proportion between two of them. Lines of the
        front matter show the top."""
        from persona_studio.gui.editor.preview_scroll import y_of_line  # when it first scrolls

        result = self._result
        bar = self.verticalScrollBar()
        value = bar.minimum()
        if result is not None and result.chunks and line >= result.chunks[0].line:
            y = y_of_line(self._page, result, line)
            # A section not shown is past the end of a page cut short (or not shown yet).
            value = bar.maximum() if y is None else round(y)
        self._following = True
        try:
            bar.setValue(value)
        finally:
            self._following = False

    def top_line(self) -> int | None:
        """The source line shown at the top of the preview (None above the first section)."""
        from persona_studio.gui.editor.preview_scroll import line_at_y  # when it first scrolls

        line = line_at_y(self._page, float(self.verticalScrollBar().value()))
        return None if line is None else max(1, int(line))

    def _on_scrolled(self, _value: int) -> None:
        if self._following or self._result is None:
            return
        line = self.top_line()
        self.scrolledToLine.emit(1 if line is None else line)

    # -- from the preview back to the text ---------------------------------------------------
    def line_at(self, point: QPoint) -> int | None:
        """The 1-based source line shown at a point of the viewport: the line of its section's
        heading and the lines after it in proportion; the header card gives the line of the key
        whose row was hit (the description's otherwise). None before anything is shown."""
        result = self._result
        if result is None:
            return None
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        starts = [(self._page.position_of(chunk.anchor), chunk) for chunk in result.chunks]
        shown = [(start, chunk) for start, chunk in starts if start is not None]
        before = [(start, chunk) for start, chunk in shown if start <= position]
        if not before:
            return self._header_line(cursor)
        start, chunk = before[-1]
        later = [s for s, _ in shown if s > start]
        end = later[0] if later else self.document().characterCount()
        fraction = (position - start) / max(1, end - start)
        return chunk.line + round(fraction * (chunk.end_line - chunk.line))

    def _header_line(self, cursor: QTextCursor) -> int:
        document = self._latest or self._session.snapshot
        front = document.front_matter
        entries = {} if front is None else {entry.key: entry for entry in front.entries}
        table = cursor.currentTable()
        if table is not None:  # the card's rows: the key's name in the first cell
            row = table.cellAt(cursor).row()
            first = table.cellAt(row, 0).firstCursorPosition()
            first.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            entry = entries.get(first.selectedText().strip())
            if entry is not None:
                return entry.key_span.line
        entry = entries.get("description") or next(iter(entries.values()), None)
        return entry.key_span.line if entry is not None else 1

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        line = self.line_at(event.position().toPoint())
        if line is not None:
            self.lineActivated.emit(line)

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
        """Load nothing from the network or the disk: only inline data: images, within the
        page's budget of decoded pixels (preview_images.py)."""
        image_kind = QTextDocument.ResourceType.ImageResource
        if url.scheme().lower() == "data" and kind in (image_kind, image_kind.value):
            if self._images is None:
                from persona_studio.gui.editor.preview_images import ImageBudget

                self._images = ImageBudget()
            return self._images.load(url, self._palette.get("muted", "#808080"))
        return None
