"""The Markdown engines behind the renderer: CommonMark with GitHub's extensions (markdown-it-py,
the default: what VS Code and GitHub show) and Python-Markdown (what MkDocs sites show).

An engine turns one chunk of Markdown into HTML that is not yet sanitized; each is made on first
use and imports its library then, so that importing this module costs next to nothing. Code
blocks of both come out as `<div class="codehilite"><pre>...</pre></div>`, highlighted with
Pygments' classes when the fence names a language Pygments knows.

The CommonMark engine also marks where each block came from: a `<a name="ps-at-N">` at the start
of each paragraph, heading, table and code block, N being the block's first line counted from
the chunk's first line (0). The renderer's chunks are cached by their text, so the offsets stay
right when lines are added above a chunk; a view adds the chunk's own line to find the source
line, and scrolls the preview and the source to each other by them.

Nesting is bounded: markdown-it-py stops opening blocks and inline spans past `MAX_NESTING`
levels (the rest of such a line shows as text), so hostile input (`- ` 500 times before a word)
renders in bounded time and never recurses deeply in the sanitizer or in Qt. Python-Markdown has
no such limit: a chunk it cannot convert (a RecursionError) shows as preformatted text.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import markdown
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

COMMONMARK, PYTHON_MARKDOWN = "commonmark", "python-markdown"
ENGINES = (COMMONMARK, PYTHON_MARKDOWN)
DEFAULT_ENGINE = COMMONMARK
ENGINE_LABELS = {
    COMMONMARK: "CommonMark (as VS Code and GitHub show it)",
    PYTHON_MARKDOWN: "MkDocs / Python-Markdown",
}
MARK_PREFIX = "ps-at-"
MAX_NESTING = 20  # markdown-it's CommonMark preset: deeper blocks and spans are not opened
MAX_MARKS = 200  # line marks in one chunk at most (a longer one marks every n-th block)


References = tuple[tuple[str, str, str], ...]  # link reference definitions: label, href, title
REFERENCE_RE = re.compile(r" {0,3}\[(?:[^\]\\]|\\.){1,999}\]:")


class Engine(Protocol):
    """Markdown -> HTML (not yet sanitized) for one chunk of a body."""

    name: str

    def references(self, text: str) -> References: ...

    def convert(self, source: str, references: References = ()) -> str: ...


def make_engine(name: str) -> Engine:
    if name == PYTHON_MARKDOWN:
        return PythonMarkdownEngine()
    if name == COMMONMARK:
        return CommonMarkEngine()
    raise ValueError(f"unknown Markdown engine {name!r}: one of {', '.join(ENGINES)}")


def highlight(code: str, language: str) -> str:
    """A code block as `<div class="codehilite"><pre>...</pre></div>`: Pygments' spans when it
    knows the language, escaped text otherwise."""
    body = None
    name = language.strip().split(maxsplit=1)[0].lower() if language.strip() else ""
    if name:
        from pygments import highlight as pygments_highlight
        from pygments.formatters.html import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        try:
            lexer = get_lexer_by_name(name)
        except ClassNotFound:
            lexer = None
        if lexer is not None:
            body = pygments_highlight(code, lexer, HtmlFormatter(nowrap=True))
    if body is None:
        body = html.escape(code, quote=False)
    return f'<div class="codehilite"><pre>{body}</pre></div>\n'


class CommonMarkEngine:
    """CommonMark with GitHub's extensions: tables, strikethrough, task lists, alerts, autolinks
    of bare URLs (mdit-py-plugins' gfm_autolink, which needs no other package). Raw HTML is
    parsed as CommonMark says and left to the sanitizer."""

    name = COMMONMARK

    def __init__(self) -> None:
        self._md: MarkdownIt | None = None

    def references(self, text: str) -> References:
        """The link reference definitions of a whole text, as CommonMark reads them."""
        found = reference_lines(text)
        if not found:
            return ()
        md = self._md
        if md is None:
            md = self._md = commonmark_parser()
        env: dict[str, Any] = {}
        md.parse("\n\n".join(found), env)
        return tuple(
            (label, str(value.get("href", "")), str(value.get("title", "")))
            for label, value in env.get("references", {}).items()
        )

    def convert(self, source: str, references: References = ()) -> str:
        """`references`: the document's link reference definitions (a chunk's links may use
        one defined in another chunk)."""
        md = self._md
        if md is None:
            md = self._md = commonmark_parser()
        env: dict[str, Any] = {}
        if references:
            env["references"] = {
                label: {"href": href, "title": title} for label, href, title in references
            }
        tokens = split_long_lists(md.parse(source, env))
        mark_lines(tokens)
        return str(md.renderer.render(tokens, md.options, env))


def reference_lines(text: str) -> list[str]:
    """The lines that may define a link reference (`[label]: url`), each with the line after it
    (a title may stand there). Only the places of `]:` are looked at: a text without one costs
    one search."""
    found: list[str] = []
    place = text.find("]:")
    while place != -1:
        start = text.rfind("\n", 0, place) + 1
        end = text.find("\n", place)
        end = len(text) if end == -1 else end
        if REFERENCE_RE.match(text, start, end):
            after = text.find("\n", end + 1)
            found.append(text[start : len(text) if after == -1 else after])
        place = text.find("]:", end)
    return found


def commonmark_parser(*, extensions: bool = True) -> MarkdownIt:
    """markdown-it-py's CommonMark parser; with `extensions`, GitHub's too, and our code blocks."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    if not extensions:
        return md
    md.block.tokenize = _text_past_nesting(md.block.tokenize)  # type: ignore[method-assign]
    from mdit_py_plugins.anchors import anchors_plugin
    from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

    md.enable(["table", "strikethrough"])
    md.options["tasklists"] = True
    md.options["tasklists_editable"] = False
    md.options["alerts"] = True
    md.use(gfm_autolink_plugin)
    md.use(anchors_plugin, min_level=1, max_level=6)  # ids as GitHub gives: `#a-heading` links
    for name, trigger in AUTOLINK_RULES.items():  # each looks AUTOLINK_WINDOW ahead at most
        rules = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)]
        rules.fn = _windowed(rules.fn, trigger)
    md.inline.ruler.__compile__()
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_code_block)
    md.add_render_rule("list_item_open", _render_list_item)
    for kind, markup in ALERT_MARKUP.items():
        md.add_render_rule(kind, lambda *_args, markup=markup: markup)
    return md


AUTOLINK_RULES = {"gfm_autolink_www": "w", "gfm_autolink_protocol": ":", "gfm_autolink_email": "@"}
AUTOLINK_WINDOW = 4096  # no bare URL is longer; without it a long line costs its length squared
LIST_RUN = 200  # Qt takes a list's length squared to lay it out: a longer list is cut in runs


def _text_past_nesting(tokenize: Any) -> Any:
    """The block tokenizer, showing as one paragraph of text what lies past the nesting limit
    (markdown-it drops it: a `- ` repeated 500 times before a word would show no word)."""

    def tokenize_or_text(state: Any, start: int, end: int) -> None:
        if state.level < state.md.options.maxNesting:
            tokenize(state, start, end)
            return
        line = state.skipEmptyLines(start)
        if line >= end or state.sCount[line] < state.blkIndent:
            return
        text = state.getLines(line, end, state.blkIndent, False).strip()
        opening = state.push("paragraph_open", "p", 1)
        opening.map = [line, end]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = text, [line, end], []
        state.push("paragraph_close", "p", -1)
        state.line = end

    return tokenize_or_text


def _windowed(rule: Any, trigger: str) -> Any:
    """The autolink rule, asked only at its trigger character and seeing at most
    AUTOLINK_WINDOW characters from there (the plugin copies the rest of the line each time)."""

    def windowed(state: Any, silent: bool) -> bool:
        if state.src[state.pos] != trigger:
            return False
        end = state.posMax
        state.posMax = min(end, state.pos + AUTOLINK_WINDOW)
        try:
            return bool(rule(state, silent))
        finally:
            state.posMax = end

    return windowed


def split_long_lists(tokens: list[Token]) -> list[Token]:
    """Cut each list of more than LIST_RUN items into lists of LIST_RUN items (an ordered one
    numbered on): Qt's layout of a list costs its length squared, runs of it cost their sum."""
    from markdown_it.token import Token

    if sum(1 for token in tokens if token.type == "list_item_open") <= LIST_RUN:
        return tokens
    result: list[Token] = []
    open_lists: list[list[Any]] = []  # [the list's open token, items in its current run]
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            open_lists.append([token, 0])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            open_lists.pop()
        elif token.type == "list_item_open" and open_lists:
            current = open_lists[-1]
            opening: Token = current[0]
            if current[1] == LIST_RUN:
                close = opening.type.replace("_open", "_close")
                result.append(Token(close, opening.tag, -1, level=opening.level))
                again = Token(opening.type, opening.tag, 1, level=opening.level)
                again.attrs = dict(opening.attrs)
                if opening.type == "ordered_list_open":
                    again.attrs["start"] = int(opening.attrs.get("start", 1)) + LIST_RUN
                result.append(again)
                current[0], current[1] = again, 0
            current[1] += 1
        result.append(token)
    return result


# A GitHub alert (`> [!NOTE]`) shows as the quote it is, under its title in bold.
ALERT_MARKUP = {
    "alert_open": "<blockquote>\n",
    "alert_close": "</blockquote>\n",
    "alert_title_open": "<p><b>",
    "alert_title_close": "</b></p>\n",
}
TASK_BOXES = {True: "\u2611\u00a0", False: "\u2610\u00a0"}  # ballot boxes: no form controls


def _render_list_item(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    result: str = self.renderToken(tokens, idx, options, env)
    if token.meta and "checked" in token.meta:
        result += TASK_BOXES[bool(token.meta["checked"])]
    return result


def mark_lines(tokens: list[Token]) -> None:
    """Put a line mark at the start of each paragraph, heading and table (in its first cell):
    an html_inline token before the block's text (code blocks get theirs when rendered). Table
    cells' alignment becomes an `align` attribute (the sanitizer removes `style`)."""
    from markdown_it.token import Token

    count = len(tokens)
    marked: list[int] = []
    for index, token in enumerate(tokens):
        if token.type in ("td_open", "th_open") and token.attrs:  # Qt draws align, not style
            style = str(token.attrs.pop("style", ""))
            if style.startswith("text-align:"):
                token.attrs["align"] = style.removeprefix("text-align:")
        elif token.type in ("paragraph_open", "heading_open", "table_open") and token.map:
            marked.append(index)
    step = max(
        1, -(-len(marked) // MAX_MARKS)
    )  # Qt's cost grows with the square of a piece's names
    for index in marked[::step]:
        line = tokens[index].map[0]  # type: ignore[index]
        for place in range(index + 1, count):
            following = tokens[place]
            if following.type == "inline":
                children = following.children if following.children is not None else []
                mark = Token("html_inline", "", 0, content=_mark(line))
                following.children = [mark, *children]
                break
            if following.type in ("paragraph_close", "heading_close", "table_close"):
                break


def _mark(line: int) -> str:
    return f'<a name="{MARK_PREFIX}{line}"></a>'


def _render_fence(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    info = token.info.strip() if token.info else ""
    return _with_mark(highlight(token.content, info), token)


def _render_code_block(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    return _with_mark(highlight(token.content, ""), token)


def _with_mark(block: str, token: Token) -> str:
    if not token.map:
        return block
    return block.replace("<pre>", f"<pre>{_mark(token.map[0])}", 1)


class PythonMarkdownEngine:
    """Python-Markdown with the extensions MkDocs sites use most: fenced code, code
    highlighting, tables, sane lists and heading ids. It marks no lines."""

    name = PYTHON_MARKDOWN

    def __init__(self) -> None:
        self._converter: markdown.Markdown | None = None

    def references(self, text: str) -> References:
        return ()  # each chunk has its own (Python-Markdown takes no definitions from outside)

    def convert(self, source: str, references: References = ()) -> str:
        converter = self._converter
        if converter is None:
            converter = self._converter = _markdown_converter()
        converter.reset()
        try:
            return converter.convert(source)
        except RecursionError:  # nesting too deep for it: the text as it is
            converter.reset()
            return f"<pre>{html.escape(source, quote=False)}</pre>"


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
