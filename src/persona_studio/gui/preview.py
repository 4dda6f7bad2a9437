"""The live preview: the session's text rendered by `core.render` into a QTextBrowser.

It follows typing without stalling keystrokes: a change only marks the preview outdated and
(re)starts a short timer; when the timer fires the *current* snapshot is rendered, so the last
keystroke always wins and the same text is never rendered twice. The renderer caches each
section's HTML, so a keystroke re-renders one section; the delay grows with the cost of the last
update so a huge persona does not make typing stutter. A hidden preview stays outdated and catches
up when shown.

Nothing is loaded from anywhere: `loadResource` answers only inline `data:` images, links are
never followed by the browser itself, and a click opens only http, https and mailto links, in the
system browser. `#fragment` links scroll inside the preview.
"""

from __future__ import annotations

import base64
import time
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QElapsedTimer, QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontInfo, QImage, QShowEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from persona_studio.core.render import Renderer, RenderResult
from persona_studio.gui.session import DocumentSession
from persona_studio.gui.theme import Theme, palette_for

DEBOUNCE_MS = 60  # the pause in typing after which the preview updates
MAX_DEBOUNCE_MS = 400  # the longest the adaptive delay grows to, for very large personas
MAX_WAIT_MS = 600  # while typing on without pause, update at least this often
MAX_DATA_IMAGE_BYTES = 4 * 1024 * 1024
EXTERNAL_SCHEMES = ("http", "https", "mailto")
TOOLTIP = "Live preview of the persona. Links open in your web browser when clicked."


class PreviewPane(QTextBrowser):
    """A read-only rendering of a DocumentSession that follows its text."""

    rendered = Signal()  # after the shown HTML was updated

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
        self._renderer = renderer or Renderer()
        self._result: RenderResult | None = None
        self._shown_key: tuple[str, Theme, int] | None = None
        self._anchor_blocks: dict[str, int] | None = None
        self._outdated = True
        self._delay_ms = DEBOUNCE_MS
        self._max_wait_ms = MAX_WAIT_MS
        self._waiting = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

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
        self.render_now()

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
    def _on_snapshot_changed(self, _document: object = None) -> None:
        self._outdated = True
        if not self._timer.isActive():
            self._waiting.start()
            self._timer.start(self._delay_ms)
        elif self._waiting.elapsed() < self._max_wait_ms:
            self._timer.start(self._delay_ms)  # still typing: wait for the pause

    def _on_timeout(self) -> None:
        if self._outdated and self.isVisible():
            self.render_now()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._outdated and not self._timer.isActive():
            self._timer.start(0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # sizes in the style sheet follow the font
            self._on_snapshot_changed()

    def render_now(self) -> None:
        """Render the session's current text now (and emit `rendered` if the view changed)."""
        self._timer.stop()
        self._outdated = False
        document = self._session.snapshot
        em = QFontInfo(self.font()).pixelSize()
        key = (document.text, self._theme, em)
        if key == self._shown_key:
            return
        started = time.perf_counter()
        result = self._renderer.render(document, self._theme.as_dict(), em=em)
        if self._result is None or result.html != self._result.html:
            self._show_html(result.html, em)
        self._result = result
        self._shown_key = key
        cost_ms = (time.perf_counter() - started) * 1000
        # A costly update (a huge persona) waits for longer pauses, so typing goes on smoothly.
        self._delay_ms = int(min(MAX_DEBOUNCE_MS, max(DEBOUNCE_MS, 2 * cost_ms)))
        self._max_wait_ms = int(max(MAX_WAIT_MS, 4 * cost_ms))
        self.rendered.emit()

    def _show_html(self, text: str, em: int) -> None:
        """Replace the HTML, keeping the scroll position."""
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        top, left = vertical.value(), horizontal.value()
        self.document().setDocumentMargin(em)
        self.setHtml(text)
        self._anchor_blocks = None
        vertical.setValue(top)
        horizontal.setValue(left)

    # -- theme --------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        """Recolour the preview (re-renders at once with the new palette)."""
        self._theme = theme
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
        """The y of a named anchor in the document (found once per render)."""
        if self._anchor_blocks is None:
            self._anchor_blocks = self._find_anchor_blocks()
        number = self._anchor_blocks.get(name)
        if number is None:
            return None
        block = self.document().findBlockByNumber(number)
        return self.document().documentLayout().blockBoundingRect(block).top()

    def _find_anchor_blocks(self) -> dict[str, int]:
        """Block numbers of the chunk anchors: an empty `<a name>` before a block becomes that
        block's char format (an anchor not found here falls back to scrollToAnchor)."""
        found: dict[str, int] = {}
        block = self.document().begin()
        while block.isValid():
            for name in block.charFormat().anchorNames():
                found.setdefault(name, block.blockNumber())
            block = block.next()
        return found

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
