"""Markdown -> sanitized HTML for the live preview, one chunk per section, cached by its text.

Pure Python (markdown-it-py with mdit-py-plugins, or Python-Markdown; Pygments, nh3: each
imported on first use so that importing this package costs next to nothing); never imports Qt.
The output targets Qt's rich text engine (QTextBrowser): a subset of HTML 4 and CSS 2.1 without
scripts, so the style sheet keeps to what that engine draws (colours, fonts, margins, table
borders and padding).

The body is split at its ATX headings (the text before the first heading is a chunk too). Each
chunk's sanitized HTML is cached by the chunk's exact text, so one keystroke re-renders one chunk
and the rest of the document is a join of cached strings. The result also lists the page's body
as pieces (the header card, then one per chunk), so that a view can compare them with the ones
it shows and replace only those that changed. The front matter never goes through
Markdown: it is shown as a header card built here from the loaded data, escaped, so it can never
become a heading or a rule. Colours come from the caller's palette (a theme's `as_dict()`); the
cached chunk HTML holds none, so a theme change only rebuilds the style sheet.

Safety: every chunk is cleaned with nh3 against an allowlist. Links keep only http, https, mailto
and `#fragment` targets; images keep only inline `data:image/...` sources, any other image becomes
its alt text; no script, style, form or embedded object survives, and no `style` attribute either.
The style sheet and the header card are ours and are added after cleaning.

The Markdown engine is CommonMark with GitHub's extensions by default (what VS Code and GitHub
show), or Python-Markdown (what MkDocs sites show): see ``engines``.

The pieces: ``renderer`` (the cache and the engine), ``engines``, ``chunks`` (cutting the body, the
result), ``sanitize``, ``card`` (the header card) and ``style`` (the style sheet).
"""

from persona_studio.core.render.card import CARD_KEYS, header_card
from persona_studio.core.render.chunks import (
    ANCHOR_PREFIX,
    Chunk,
    Piece,
    RenderResult,
    RenderStats,
    split_chunks,
)
from persona_studio.core.render.engines import (
    DEFAULT_ENGINE,
    ENGINE_LABELS,
    ENGINES,
    MARK_PREFIX,
)
from persona_studio.core.render.renderer import CACHE_SIZE, Renderer
from persona_studio.core.render.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    LINK_SCHEMES,
    sanitize,
)
from persona_studio.core.render.style import TOKEN_COLORS, style_sheet

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "ANCHOR_PREFIX",
    "CACHE_SIZE",
    "CARD_KEYS",
    "DEFAULT_ENGINE",
    "ENGINES",
    "ENGINE_LABELS",
    "LINK_SCHEMES",
    "MARK_PREFIX",
    "TOKEN_COLORS",
    "Chunk",
    "Piece",
    "RenderResult",
    "RenderStats",
    "Renderer",
    "header_card",
    "sanitize",
    "split_chunks",
    "style_sheet",
]
