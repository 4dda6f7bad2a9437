"""Markdown -> sanitized HTML for the live preview, one chunk per section, cached by its text.

Pure Python (Python-Markdown, Pygments, nh3, each imported on first use so that importing this
module costs next to nothing); never imports Qt. The output targets Qt's rich text
engine (QTextBrowser): a subset of HTML 4 and CSS 2.1 without scripts, so the style sheet keeps to
what that engine draws (colours, fonts, margins, table borders and padding).

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
"""

from __future__ import annotations

import bisect
import html
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from persona_studio.core.document import Document

if TYPE_CHECKING:
    import markdown
    from pygments.token import _TokenType

CACHE_SIZE = 4096
ANCHOR_PREFIX = "ps-line-"

# -- sanitizing -------------------------------------------------------------------------------

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
    "pre": {"class"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
LINK_SCHEMES = ("http:", "https:", "mailto:")
DATA_IMAGE_RE = re.compile(r"data:image/(?:png|jpeg|gif|webp|bmp);base64,[A-Za-z0-9+/=\s]*$", re.I)
CLASS_RE = re.compile(r"[A-Za-z0-9_\- ]+$")
IMG_TAG_RE = re.compile(r"<img\b([^>]*)>")
ALT_RE = re.compile(r'\balt="([^"]*)"')
EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>\n?")
CODE_BLOCK_RE = re.compile(r'<div class="codehilite">\s*(<pre>.*?</pre>)\s*</div>', re.S)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep an attribute value only when it cannot load or run anything."""
    if attribute == "href":
        target = value.strip()
        lowered = target.lower()
        if target.startswith("#") or lowered.startswith(LINK_SCHEMES):
            return target
        return None
    if attribute == "src":
        return value if tag == "img" and DATA_IMAGE_RE.match(value.strip()) else None
    if attribute in ("class", "id"):
        return value if CLASS_RE.match(value) else None
    return value


def sanitize(fragment: str) -> str:
    """Clean an HTML fragment made from user text (see the module docstring for the policy)."""
    import nh3  # a compiled module, loaded on the first render

    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "data"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return IMG_TAG_RE.sub(_image_or_alt, cleaned)


def _image_or_alt(match: re.Match[str]) -> str:
    """An inline data image stays; any other image (its source removed) shows its alt text."""
    attributes = match.group(1)
    if 'src="data:' in attributes:
        return match.group(0)
    alt = ALT_RE.search(attributes)
    label = alt.group(1) if alt and alt.group(1).strip() else "image"
    return f'<span class="image-placeholder">[{label}]</span>'


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Chunk:
    """One rendered piece of the body: a section (heading and own text) or the text before the
    first heading. `line` is its first source line (1-based); `anchor` names its place in the
    HTML, for scrolling the preview to a source line."""

    line: int
    end_line: int
    start: int
    end: int
    anchor: str
    title: str | None


@dataclass(frozen=True, slots=True)
class RenderStats:
    rendered: int  # chunks converted by Markdown this time
    cached: int  # chunks taken from the cache

    @property
    def total(self) -> int:
        return self.rendered + self.cached


@dataclass(frozen=True, slots=True)
class Piece:
    """One part of the page's body that a view can replace on its own: the header card, one
    chunk, or the empty-page notice. `body` is its HTML without anchors; `anchors` name the
    chunks it shows (none for the card and the notice). They are kept apart because a new line
    above a chunk renames its anchor while its body stays the same. A chunk whose HTML shows
    nothing (an intro of only a comment) is no piece: its anchor joins the next piece's."""

    body: str
    anchors: tuple[str, ...] = ()

    @property
    def html(self) -> str:
        return "".join(f'<a name="{name}"></a>' for name in self.anchors) + self.body


@dataclass(frozen=True, slots=True)
class RenderResult:
    """The page (`html`: a whole document with its style sheet) and the same page in parts: the
    style sheet (`style`) and the body as `pieces`, in order (their HTML joined is the body of
    `html`, but for the white space of chunks that show nothing)."""

    html: str
    chunks: tuple[Chunk, ...]
    stats: RenderStats
    style: str = ""
    pieces: tuple[Piece, ...] = field(default=())

    def chunk_index(self, line: int) -> int | None:
        """The index of the chunk holding a 1-based source line (the first chunk for lines
        above it, such as the front matter); None when there are no chunks."""
        if not self.chunks:
            return None
        lines = [chunk.line for chunk in self.chunks]
        return max(0, bisect.bisect_right(lines, line) - 1)

    def chunk_at_line(self, line: int) -> Chunk | None:
        index = self.chunk_index(line)
        return None if index is None else self.chunks[index]


# -- the renderer -----------------------------------------------------------------------------


class Renderer:
    """Renders documents to HTML; holds the chunk cache and one reusable Markdown converter
    (made on the first chunk that is not in the cache)."""

    def __init__(self, cache_size: int = CACHE_SIZE) -> None:
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size
        self._converter: markdown.Markdown | None = None

    @property
    def cache_size(self) -> int:
        return len(self._cache)

    def render(
        self, document: Document, palette: Mapping[str, Any], *, em: float = 16.0
    ) -> RenderResult:
        """The whole preview page for a document. `em` is the base font size in pixels (the
        view's font), which the style sheet scales headings and spacing from."""
        chunks = split_chunks(document)
        style = style_sheet(_Palette(palette), em)
        parts = ["<html><head><style>", style, "</style></head><body>"]
        pieces: list[Piece] = []
        card = header_card(document, em)
        if card:
            parts.append(card)
            pieces.append(Piece(card))
        rendered = cached = 0
        text = document.text
        waiting: tuple[str, ...] = ()  # anchors of chunks that show nothing, for the next piece
        for chunk in chunks:
            source = text[chunk.start : chunk.end]
            body = self._cache.get(source)
            if body is None:
                body = self._convert(source)
                rendered += 1
            else:
                self._cache.move_to_end(source)
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

    def _convert(self, source: str) -> str:
        converter = self._converter
        if converter is None:
            converter = self._converter = _markdown_converter()
        converter.reset()
        body = sanitize(converter.convert(source))
        body = EMPTY_PARAGRAPH_RE.sub("", body)  # what was in it was removed (an unknown tag)
        body = CODE_BLOCK_RE.sub(_code_table, body)
        if "<table>" in body:
            body = body.replace("<table>", TABLE_OPEN)
        self._cache[source] = body
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return body


EMPTY_PAGE = '<p class="empty">Nothing to preview yet.</p>'
TABLE_OPEN = '<table class="md" border="1" cellspacing="0">'


def _markdown_converter() -> markdown.Markdown:
    """A Markdown converter with our extensions. They are given as instances: given by name,
    Python-Markdown looks each one up among the installed packages' entry points, which costs
    about 30 ms more at start-up."""
    import markdown
    from markdown.extensions.codehilite import CodeHiliteExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    return markdown.Markdown(
        extensions=[
            FencedCodeExtension(),
            CodeHiliteExtension(guess_lang=False, css_class="codehilite"),
            TableExtension(use_align_attribute=True),
            SaneListExtension(),
            TocExtension(permalink=False),
        ],
        output_format="html",
    )


def _code_table(match: re.Match[str]) -> str:
    """Qt draws no padding around a block, so a code block sits in a one-cell table."""
    return (
        '<table class="code" width="100%" cellspacing="0">'
        f'<tr><td class="codehilite">{match.group(1)}</td></tr></table>'
    )


def split_chunks(document: Document) -> tuple[Chunk, ...]:
    """The body cut at its headings; a blank text before the first heading is no chunk."""
    text = document.text
    sections = document.sections
    starts = [section.heading_span.start for section in sections]
    lines = [section.heading_span.line for section in sections]
    last_line = document.lines.line_count
    chunks: list[Chunk] = []
    body_start = document.body_start
    first_heading = starts[0] if starts else len(text)
    if body_start < first_heading and text[body_start:first_heading].strip():
        line = document.position(body_start)[0]
        end_line = lines[0] - 1 if lines else last_line
        chunks.append(Chunk(line, end_line, body_start, first_heading, _anchor(line), None))
    if not sections:
        return tuple(chunks)
    ends = [*starts[1:], len(text)]
    end_lines = [line - 1 for line in lines[1:]] + [last_line]
    chunks.extend(
        Chunk(line, end_line, start, end, f"{ANCHOR_PREFIX}{line}", section.title)
        for section, start, end, line, end_line in zip(
            sections, starts, ends, lines, end_lines, strict=True
        )
    )
    return tuple(chunks)


def _anchor(line: int) -> str:
    return f"{ANCHOR_PREFIX}{line}"


# -- the header card --------------------------------------------------------------------------

CARD_KEYS = ("description", "tools", "model")


def header_card(document: Document, em: float = 16.0) -> str:
    """The front matter as a card: description, tools as chips, model, then the other keys.
    Empty when there is no front matter; a notice when it could not be read."""
    front = document.front_matter
    if front is None:
        return ""
    padding = round(em * 0.75)
    rows: list[str] = []
    if front.error is not None:
        error = front.error
        rows.append(
            '<p class="card-error"><b>\u26a0 Front matter problem</b> '
            f"(line {error.span.line}): {html.escape(error.message)}</p>"
            '<p class="card-muted">The header is not shown until the YAML is fixed.</p>'
        )
    else:
        rows.append(_card_body(document.data))
    return (
        f'<table class="card" width="100%" border="1" cellspacing="0" cellpadding="{padding}">'
        f"<tr><td>{''.join(rows)}</td></tr></table>"
    )


def _card_body(data: Mapping[str, Any]) -> str:
    parts: list[str] = []
    description = data.get("description")
    if description is not None and str(description).strip():
        parts.append(f'<p class="card-description">{html.escape(_text(description))}</p>')
    else:
        parts.append('<p class="card-muted"><i>No description</i></p>')
    rows: list[tuple[str, str]] = []
    if "tools" in data:
        rows.append(("tools", _chips(data["tools"])))
    if "model" in data:
        rows.append(("model", html.escape(_text(data["model"]))))
    for key, value in data.items():
        if key not in CARD_KEYS:
            rows.append((str(key), html.escape(_text(value))))
    if rows:
        cells = "".join(
            f'<tr><td class="card-key" valign="top" nowrap>{html.escape(key)}</td>'
            f'<td class="card-value">{value}</td></tr>'
            for key, value in rows
        )
        parts.append(f'<table class="card-rows" cellspacing="0" cellpadding="3">{cells}</table>')
    return "".join(parts)


def _chips(value: Any) -> str:
    if isinstance(value, list | tuple):
        if not value:
            return '<span class="card-muted">none</span>'
        names = [_text(item) for item in value]
        return " ".join(
            f'<span class="chip">\u00a0{html.escape(name)}\u00a0</span>' for name in names
        )
    return html.escape(_text(value))


def _text(value: Any, limit: int = 300) -> str:
    """A front matter value as one line of text."""
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        separator = "; " if any(isinstance(item, Mapping) for item in value) else ", "
        text = separator.join(_text(item, limit) for item in value)
    elif isinstance(value, Mapping):
        text = ", ".join(f"{key}: {_text(item, limit)}" for key, item in value.items())
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# -- the style sheet --------------------------------------------------------------------------

COLOR_RE = re.compile(r"#[0-9A-Fa-f]{3,8}$|[A-Za-z]{3,20}$")
# Which palette colour each Pygments token type takes (its children inherit it), and its font
# style. Named by the token's dotted path, so that Pygments is loaded only for the style sheet.
TOKEN_COLORS: dict[str, tuple[str, str]] = {
    "Comment": ("yaml_comment", "font-style: italic;"),
    "Comment.Preproc": ("fence", ""),
    "Keyword": ("fence", "font-weight: bold;"),
    "Keyword.Type": ("yaml_key", ""),
    "Operator.Word": ("fence", "font-weight: bold;"),
    "String": ("yaml_string", ""),
    "String.Escape": ("yaml_key", ""),
    "Number": ("info", ""),
    "Name.Builtin": ("yaml_key", ""),
    "Name.Function": ("heading", ""),
    "Name.Class": ("heading", "font-weight: bold;"),
    "Name.Decorator": ("emphasis", ""),
    "Name.Tag": ("heading", ""),
    "Name.Attribute": ("yaml_key", ""),
    "Name.Exception": ("error", ""),
    "Generic.Deleted": ("error", ""),
    "Generic.Inserted": ("yaml_string", ""),
    "Generic.Heading": ("heading", "font-weight: bold;"),
    "Generic.Subheading": ("heading", ""),
    "Generic.Emph": ("text", "font-style: italic;"),
    "Generic.Strong": ("text", "font-weight: bold;"),
    "Generic.Prompt": ("muted", ""),
    "Error": ("error", ""),
}
FALLBACKS = {
    "alternate": "code_background",
    "code_background": "base",
    "heading": "text",
    "muted": "text",
    "link": "accent",
    "accent": "text",
    "chip_background": "code_background",
    "chip_text": "text",
    "border": "muted",
    "error": "text",
    "warning": "text",
    "info": "text",
    "emphasis": "text",
    "fence": "emphasis",
    "yaml_key": "heading",
    "yaml_string": "text",
    "yaml_comment": "muted",
}


class _Palette:
    """The caller's colours, with a fallback for any key it lacks and only colour strings."""

    def __init__(self, colors: Mapping[str, Any]) -> None:
        self._colors = colors

    def __getitem__(self, name: str) -> str:
        seen = set()
        while name not in seen:
            seen.add(name)
            value = self._colors.get(name)
            if isinstance(value, str) and COLOR_RE.match(value):
                return value
            name = FALLBACKS.get(name, "text")
        return "#808080"

    def key(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((k, v) for k, v in self._colors.items() if isinstance(v, str)))


def style_sheet(palette: _Palette, em: float = 16.0) -> str:
    return _style_sheet(palette.key(), round(em, 1))


@lru_cache(maxsize=16)
def _style_sheet(colors: tuple[tuple[str, str], ...], em: float) -> str:
    c = _Palette(dict(colors))

    def px(factor: float) -> str:
        return f"{max(1, round(em * factor))}px"

    rules = [
        f"body {{ color: {c['text']}; background-color: {c['base']}; }}",
        f"p, ul, ol, dl, blockquote {{ margin-top: {px(0.25)}; margin-bottom: {px(0.6)}; }}",
        f"li {{ margin-bottom: {px(0.15)}; }}",
        f"h1, h2, h3, h4, h5, h6 {{ color: {c['heading']}; font-weight: 600; "
        f"margin-top: {px(1.1)}; margin-bottom: {px(0.4)}; }}",
        f"h1 {{ font-size: {px(1.75)}; }}",
        f"h2 {{ font-size: {px(1.35)}; }}",
        f"h3 {{ font-size: {px(1.15)}; }}",
        f"h4, h5, h6 {{ font-size: {px(1.0)}; }}",
        f"a {{ color: {c['link']}; text-decoration: none; }}",
        f"code, tt, kbd, samp {{ background-color: {c['code_background']}; }}",
        f"pre {{ margin: 0px; background-color: {c['code_background']}; }}",
        f"table.code {{ background-color: {c['code_background']}; "
        f"margin-top: {px(0.25)}; margin-bottom: {px(0.75)}; }}",
        f"td.codehilite {{ background-color: {c['code_background']}; padding: {px(0.5)}; }}",
        f"table.md {{ border-color: {c['border']}; border-style: solid; "
        f"margin-top: {px(0.25)}; margin-bottom: {px(0.75)}; }}",
        f"table.md th, table.md td {{ padding: {px(0.25)} {px(0.5)}; }}",
        f"blockquote {{ color: {c['muted']}; margin-left: {px(1)}; }}",
        f"hr {{ color: {c['border']}; }}",
        f"th {{ background-color: {c['alternate']}; font-weight: 600; }}",
        f"th, td {{ border-color: {c['border']}; }}",
        f"table {{ border-color: {c['border']}; }}",
        f"mark {{ background-color: {c['chip_background']}; color: {c['chip_text']}; }}",
        f"span.image-placeholder {{ color: {c['muted']}; font-style: italic; }}",
        f"p.empty {{ color: {c['muted']}; font-style: italic; }}",
        f"table.card {{ background-color: {c['alternate']}; border-color: {c['border']}; "
        f"border-style: solid; margin-bottom: {px(0.5)}; }}",
        f"p.card-description {{ margin-top: 0px; margin-bottom: {px(0.5)}; }}",
        f"td.card-key {{ color: {c['muted']}; font-family: monospace; "
        f"padding-right: {px(0.75)}; }}",
        f"td.card-value {{ color: {c['text']}; line-height: 145%; }}",
        f".card-muted {{ color: {c['muted']}; }}",
        f"p.card-error {{ color: {c['error']}; margin-top: 0px; }}",
        f"span.chip {{ background-color: {c['chip_background']}; color: {c['chip_text']}; }}",
    ]
    rules.extend(_token_rules(c))
    return "\n".join(rules)


def _token_rules(c: _Palette) -> list[str]:
    from pygments.token import STANDARD_TYPES, string_to_tokentype

    styles = {string_to_tokentype(name): style for name, style in TOKEN_COLORS.items()}
    rules = []
    for token, css_class in STANDARD_TYPES.items():
        if not css_class:
            continue
        owner: _TokenType | None = token
        while owner is not None and owner not in styles:
            owner = owner.parent
        if owner is None:
            continue
        color, extra = styles[owner]
        rules.append(f".codehilite .{css_class} {{ color: {c[color]}; {extra} }}".strip())
    return rules
