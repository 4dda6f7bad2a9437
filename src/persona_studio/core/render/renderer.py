"""The renderer: the chunk cache and one Markdown engine."""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from persona_studio.core.document import Document
from persona_studio.core.render.card import header_card
from persona_studio.core.render.chunks import Piece, RenderResult, RenderStats, split_chunks
from persona_studio.core.render.engines import (
    COMMONMARK,
    DEFAULT_ENGINE,
    ENGINES,
    Engine,
    References,
    make_engine,
)
from persona_studio.core.render.sanitize import sanitize
from persona_studio.core.render.style import Palette, style_sheet

CACHE_SIZE = 4096
# Bounds that keep a hostile or huge text from stalling the preview (in characters of source):
MAX_CHUNK_CHARS = 100_000  # a longer section shows its first part and a notice
MAX_PAGE_CHARS = 1_000_000  # the page stops after this much of the body, with a notice
MAX_DEPTH = 100  # raw HTML nested deeper shows as text (Markdown's own nesting is bounded)
TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
VOID_TAGS = frozenset({"br", "hr", "img", "input", "wbr", "col", "area", "meta", "link"})

EMPTY_PARAGRAPH_RE = re.compile(r'<p>(?:<a name="ps-at-\d+"></a>)?\s*</p>\n?')

CODE_BLOCK_RE = re.compile(r'<div class="codehilite">\s*(<pre>.*?</pre>)\s*</div>', re.S)


class Renderer:
    """Renders documents to HTML with one Markdown engine (CommonMark by default, or
    Python-Markdown: see engines.py); holds the chunk cache and the engine, made on the first
    chunk that is not in the cache."""

    def __init__(self, cache_size: int = CACHE_SIZE, engine: str = DEFAULT_ENGINE) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown Markdown engine {engine!r}: one of {', '.join(ENGINES)}")
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size
        self._engine_name = engine
        self._engine: Engine | None = None

    @property
    def cache_size(self) -> int:
        return len(self._cache)

    @property
    def engine(self) -> str:
        """The Markdown engine's name: one of `ENGINES`."""
        return self._engine_name

    def set_engine(self, engine: str) -> None:
        """Render with another engine from now on (the cache is emptied)."""
        if engine not in ENGINES:
            raise ValueError(f"unknown Markdown engine {engine!r}: one of {', '.join(ENGINES)}")
        if engine != self._engine_name:
            self._engine_name = engine
            self._engine = None
            self._cache.clear()

    def pending_chars(self, document: Document) -> int:
        """How much of the document's body a render would convert (its chunks not cached)."""
        text = document.text
        chunks = split_chunks(document, commonmark=self._engine_name == COMMONMARK)
        return sum(
            chunk.end - chunk.start
            for chunk in chunks
            if text[chunk.start : chunk.end] not in self._cache
        )

    def render(
        self, document: Document, palette: Mapping[str, Any], *, em: float = 16.0
    ) -> RenderResult:
        """The whole preview page for a document. `em` is the base font size in pixels (the
        view's font), which the style sheet scales headings and spacing from."""
        chunks = split_chunks(document, commonmark=self._engine_name == COMMONMARK)
        style = style_sheet(Palette(palette), em)
        parts = ["<html><head><style>", style, "</style></head><body>"]
        pieces: list[Piece] = []
        card = header_card(document, em)
        if card:
            parts.append(card)
            pieces.append(Piece(card))
        rendered = cached = 0
        text = document.text
        waiting: tuple[str, ...] = ()  # anchors of chunks that show nothing, for the next piece
        references = self._get_engine().references(text[document.body_start :])
        references_key = f"\x00{references!r}" if references else ""
        budget = MAX_PAGE_CHARS
        for chunk in chunks:
            if budget <= 0:
                left = len(text) - chunk.start
                stop = _notice(
                    f"The preview stops here: the rest of the text ({left:,} characters) is "
                    "too long to preview. The Source view shows all of it."
                )
                parts.append(stop)
                pieces.append(Piece(stop, waiting))
                waiting = ()
                break
            source = text[chunk.start : chunk.end]
            budget -= len(source)
            key = source + references_key if references_key and "]" in source else source
            body = self._cache.get(key)
            if body is None:
                body = self._convert(source, key, references)
                rendered += 1
            else:
                self._cache.move_to_end(key)
                cached += 1
            parts.append(f'<a name="{chunk.anchor}"></a>')
            parts.append(body)
            if body.strip():
                pieces.append(Piece(body, (*waiting, chunk.anchor)))
                waiting = ()
            else:
                waiting = (*waiting, chunk.anchor)
        if waiting:  # the last chunks show nothing: their anchors join the last piece
            last = pieces.pop() if pieces else Piece("")
            pieces.append(Piece(last.body, last.anchors + waiting))
        if not chunks and not card:
            parts.append(EMPTY_PAGE)
            pieces.append(Piece(EMPTY_PAGE))
        parts.append("</body></html>")
        return RenderResult(
            "".join(parts), chunks, RenderStats(rendered, cached), style=style, pieces=tuple(pieces)
        )

    def _get_engine(self) -> Engine:
        engine = self._engine
        if engine is None:
            engine = self._engine = make_engine(self._engine_name)
        return engine

    def _convert(self, source: str, key: str, references: References) -> str:
        """A chunk's HTML, cached under `key` (its text, and the document's link reference
        definitions when the chunk may use them)."""
        engine = self._get_engine()
        shown, notice = source, ""
        if len(source) > MAX_CHUNK_CHARS:
            shown = source[: _cut(source, MAX_CHUNK_CHARS)]
            notice = _notice(
                f"This section is too long to preview whole: its first {len(shown):,} of "
                f"{len(source):,} characters show. The Source view shows all of it."
            )
        converted = engine.convert(shown, references)
        if _too_deep(converted):  # before the sanitizer, which takes long over deep nesting
            body = f"<pre>{html.escape(shown, quote=False)}</pre>\n"
            notice = _notice("This section is nested too deeply to preview: it shows as text.")
        else:
            body = sanitize(converted, shown)
        body += notice
        body = EMPTY_PARAGRAPH_RE.sub("", body)  # what was in it was removed (an unknown tag)
        body = CODE_BLOCK_RE.sub(_code_table, body)
        if "<table>" in body:
            body = body.replace("<table>", TABLE_OPEN)
        self._cache[key] = body
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return body


def _cut(source: str, limit: int) -> int:
    """Where to cut a text at most `limit` long: at a line break, else a space, near the limit."""
    for separator in ("\n", " "):
        cut = source.rfind(separator, limit // 2, limit)
        if cut > 0:
            return cut + 1
    return limit


def _too_deep(body: str) -> bool:
    """Whether the elements of an HTML fragment nest deeper than MAX_DEPTH."""
    if body.count("<") <= 2 * MAX_DEPTH:  # each level opens and closes
        return False
    depth = 0
    for match in TAG_RE.finditer(body):
        name = match.group(2).lower()
        if name in VOID_TAGS:
            continue
        if match.group(1):
            depth -= 1
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def _notice(text: str) -> str:
    return f'<p class="notice">{html.escape(text)}</p>\n'


EMPTY_PAGE = '<p class="empty">Nothing to preview yet.</p>'

TABLE_OPEN = '<table class="md" border="1" cellspacing="0">'


def _code_table(match: re.Match[str]) -> str:
    """Qt draws no padding around a block, so a code block sits in a one-cell table."""
    return (
        '<table class="code" width="100%" cellspacing="0">'
        f'<tr><td class="codehilite">{match.group(1)}</td></tr></table>'
    )
