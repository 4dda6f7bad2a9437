"""Syntax highlighting for the source view: the YAML front matter and the Markdown body.

Every decision is made from one block (line) and the state the previous block left behind, so
typing re-highlights one line (and the following ones only while their state changes). The
state is an int packed by `_pack`:

- bits 0-2: the region (body, front matter, fenced code, HTML comment);
- front matter: bit 3 set inside a block scalar (`key: |`), bits 4-11 the key's indent;
- fenced code: bit 3 set for a `~` fence, bits 4-11 the fence length, bits 12+ the language
  (an index into the highlighter's table of info-string languages).

Code inside a fence is highlighted through Pygments one line at a time (lexers are cached), which
keeps the cost per keystroke small; constructs that span lines (a docstring) are not followed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from pygments.token import Token, _TokenType
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from persona_studio.gui.theme import LIGHT, Theme

if TYPE_CHECKING:
    from pygments.lexer import Lexer

# -- block states -----------------------------------------------------------------------------
BODY = 0
FRONT_MATTER = 1
FENCE = 2
HTML_COMMENT = 3
_REGION_MASK = 0b111
_FLAG = 1 << 3
_BYTE_SHIFT = 4
_LANGUAGE_SHIFT = 12
_MAX_BYTE = 0xFF


def _pack(region: int, flag: bool = False, byte: int = 0, language: int = 0) -> int:
    value = min(byte, _MAX_BYTE) << _BYTE_SHIFT | language << _LANGUAGE_SHIFT
    return region | (_FLAG if flag else 0) | value


def region_of(state: int) -> int:
    """The region a block state stands for (a block never highlighted counts as body)."""
    return BODY if state < 0 else state & _REGION_MASK


def in_code_block(block: QTextBlock) -> bool:
    """Whether the block is part of a fenced code block, its fence lines included."""
    if region_of(block.userState()) == FENCE:
        return True
    previous = block.previous()
    return previous.isValid() and region_of(previous.userState()) == FENCE


# -- patterns ---------------------------------------------------------------------------------
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_FM_FENCE = re.compile(r"\ufeff?---[ \t\f\v]*$")

_YAML_KEY = re.compile(
    r"""^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?
        (?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},:|>&*!%@`-][^:#]*?|-[^\s:#][^:#]*?)
        [ \t]*(?P<colon>:)(?=[ \t]|$)""",
    re.VERBOSE,
)
_YAML_DASH = re.compile(r"^[ \t]*(-)(?=[ \t]|$)")
_YAML_TOKEN = re.compile(
    r"""(?P<string>(?<![^\s\[{,:])(?:"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?))
      | (?P<comment>(?<!\S)\#.*$)
      | (?P<block>(?<=[\s:])[|>][-+0-9]*(?=[ \t]*(?:\#.*)?$))
      | (?P<punct>[\[\]{},]|:(?=[ \t]|$)|-(?=[ \t]|$))""",
    re.VERBOSE,
)
_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")

_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\s`{]*)[^`]*$")
_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?=[ \t]|$)")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_LIST_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_TASK_BOX = re.compile(r"\[[ xX]\](?=[ \t])")
_STRONG = re.compile(r"(?<![\\*])\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(
    r"(?<![\\*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"
)
_LINK = re.compile(r"!?\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]*)(?:[ \t]+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
_TOOL_REFERENCE = re.compile(r"(?<![\w#])#tool:[\w\-./]+")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
_DIRECTIVE = re.compile(r"persona-studio-(?:disable|enable)(?:-file|-next-line|-line)?\b")
_LANGUAGE_WORD = re.compile(r"[\w+#.-]+")

# Pygments token types, most specific first, and the theme colour (and style) each one takes.
_TOKEN_STYLES: tuple[tuple[_TokenType, str, str], ...] = (
    (Token.Comment, "yaml_comment", "italic"),
    (Token.Literal.String.Doc, "yaml_comment", "italic"),
    (Token.Literal.String, "yaml_string", ""),
    (Token.Literal.Number, "yaml_key", ""),
    (Token.Keyword.Constant, "yaml_key", ""),
    (Token.Keyword, "fence", "bold"),
    (Token.Operator.Word, "fence", "bold"),
    (Token.Name.Builtin, "heading", ""),
    (Token.Name.Function, "link", ""),
    (Token.Name.Class, "link", "bold"),
    (Token.Name.Decorator, "emphasis", ""),
    (Token.Name.Tag, "heading", ""),
    (Token.Name.Attribute, "yaml_key", ""),
    (Token.Name.Exception, "error", ""),
    (Token.Name.Namespace, "heading", ""),
    (Token.Name.Label, "yaml_key", ""),
    (Token.Name.Variable, "emphasis", ""),
    (Token.Generic.Heading, "heading", "bold"),
    (Token.Generic.Subheading, "heading", "bold"),
    (Token.Generic.Inserted, "yaml_string", ""),
    (Token.Generic.Deleted, "error", ""),
    (Token.Generic.Emph, "emphasis", "italic"),
    (Token.Generic.Strong, "text", "bold"),
    (Token.Operator, "yaml_punctuation", ""),
    (Token.Punctuation, "muted", ""),
)


def _format(
    color: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    background: str | None = None,
    underline: bool = False,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if background:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if underline:
        fmt.setFontUnderline(True)
    return fmt


def _code_unit_index(text: str) -> Callable[[int], int]:
    """Code-point index -> UTF-16 index within one line (identity without astral characters)."""
    if text.isascii() or not _ASTRAL.search(text):
        return lambda index: index
    astral = [m.start() for m in _ASTRAL.finditer(text)]

    def convert(index: int) -> int:
        return index + sum(1 for position in astral if position < index)

    return convert


class PersonaHighlighter(QSyntaxHighlighter):
    """Highlights a persona: YAML front matter, Markdown body, fenced code through Pygments."""

    def __init__(self, parent: QTextDocument | None = None, theme: Theme = LIGHT) -> None:
        # Formats first: the base class highlights as soon as it has a document.
        self._theme = theme
        self._languages: list[str] = [""]
        self._language_ids: dict[str, int] = {"": 0}
        self._lexers: dict[str, Lexer | None] = {}
        self._token_formats: dict[_TokenType, QTextCharFormat] = {}
        self._build_formats(theme)
        self._unit: Callable[[int], int] = lambda index: index
        super().__init__(parent)

    # -- theme --------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self._theme

    def apply_theme(self, theme: Theme) -> None:
        """Recolour every format and highlight the document again."""
        self._theme = theme
        self._build_formats(theme)
        if self.document() is not None:
            self.rehighlight()

    def _build_formats(self, t: Theme) -> None:
        self.f_fence = _format(t.fence, bold=True)
        self.f_language = _format(t.fence, italic=True)
        self.f_code = _format(t.text)
        self.f_yaml_key = _format(t.yaml_key)
        self.f_yaml_string = _format(t.yaml_string)
        self.f_yaml_punctuation = _format(t.yaml_punctuation)
        self.f_yaml_comment = _format(t.yaml_comment, italic=True)
        self.f_heading = _format(t.heading, bold=True)
        self.f_heading_marks = _format(t.muted, bold=True)
        self.f_marker = _format(t.accent, bold=True)
        self.f_quote = _format(t.muted)
        self.f_rule = _format(t.muted)
        self.f_strong = _format(None, bold=True)
        self.f_emphasis = _format(t.emphasis, italic=True)
        self.f_code_span = _format(t.fence, background=t.code_background)
        self.f_link_text = _format(t.link, underline=True)
        self.f_link_url = _format(t.muted)
        self.f_tool = _format(t.chip_text, background=t.chip_background)
        self.f_comment = _format(t.yaml_comment, italic=True)
        self.f_directive = _format(t.emphasis, italic=True, bold=True)
        self._token_formats = {}
        self._token_styles = [
            (token, _format(getattr(t, name), bold="bold" in style, italic="italic" in style))
            for token, name, style in _TOKEN_STYLES
        ]

    def token_format(self, token: _TokenType) -> QTextCharFormat:
        """The format of a Pygments token type (plain code colour when none applies)."""
        fmt = self._token_formats.get(token)
        if fmt is None:
            fmt = self.f_code
            for parent, candidate in self._token_styles:
                if token in parent:
                    fmt = candidate
                    break
            self._token_formats[token] = fmt
        return fmt

    # -- languages ----------------------------------------------------------------------
    def lexer_for(self, language: str) -> Lexer | None:
        """The cached Pygments lexer of an info-string language (None when unknown)."""
        language = language.lower()
        if language not in self._lexers:
            # Pygments' lexer table loads with the first fenced code block, not at start.
            from pygments.lexers import get_lexer_by_name
            from pygments.util import ClassNotFound

            lexer: Lexer | None
            try:
                lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
            except (ClassNotFound, ValueError):
                lexer = None
            self._lexers[language] = lexer
        return self._lexers[language]

    def _language_id(self, language: str) -> int:
        language = language.lower()
        index = self._language_ids.get(language)
        if index is None:
            index = len(self._languages)
            self._languages.append(language)
            self._language_ids[language] = index
        return index

    # -- highlighting -------------------------------------------------------------------
    def _set(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        if end > start:
            first = self._unit(start)
            self.setFormat(first, self._unit(end) - first, fmt)

    def highlightBlock(self, text: str) -> None:
        self._unit = _code_unit_index(text)
        previous = self.previousBlockState()
        region = region_of(previous)
        if region == FENCE:
            self.setCurrentBlockState(self._code_line(text, previous))
        elif region == FRONT_MATTER:
            self.setCurrentBlockState(self._front_matter_line(text, previous))
        elif self.currentBlock().blockNumber() == 0 and _FM_FENCE.match(text):
            self._set(0, len(text), self.f_fence)
            self.setCurrentBlockState(_pack(FRONT_MATTER))
        else:
            self.setCurrentBlockState(self._body_line(text, region == HTML_COMMENT))

    # -- front matter -------------------------------------------------------------------
    def _front_matter_line(self, text: str, state: int) -> int:
        if _FM_FENCE.match(text):
            self._set(0, len(text), self.f_fence)
            return _pack(BODY)
        if state & _FLAG:  # inside a block scalar: more indented lines (and blanks) belong to it
            parent_indent = (state >> _BYTE_SHIFT) & _MAX_BYTE
            stripped = text.lstrip(" \t")
            if not stripped or len(text) - len(stripped) > parent_indent:
                self._set(len(text) - len(stripped), len(text), self.f_yaml_string)
                return state
        start = 0
        key = _YAML_KEY.match(text)
        if key:
            if key.group("dash"):
                self._set(key.start("dash"), key.start("dash") + 1, self.f_yaml_punctuation)
            self._set(key.start("key"), key.end("key"), self.f_yaml_key)
            self._set(key.start("colon"), key.end("colon"), self.f_yaml_punctuation)
            start = key.end()
        else:
            dash = _YAML_DASH.match(text)
            if dash:
                self._set(dash.start(1), dash.end(1), self.f_yaml_punctuation)
                start = dash.end()
        for token in _YAML_TOKEN.finditer(text, start):
            kind = token.lastgroup
            if kind == "string":
                fmt = self.f_yaml_string
            elif kind == "comment":
                fmt = self.f_yaml_comment
            else:
                fmt = self.f_yaml_punctuation
            self._set(token.start(), token.end(), fmt)
        if key and _BLOCK_SCALAR.search(text, key.start("colon")):
            indent = len(key.group("indent"))
            return _pack(FRONT_MATTER, flag=True, byte=indent)
        return _pack(FRONT_MATTER)

    # -- fenced code --------------------------------------------------------------------
    def _code_line(self, text: str, state: int) -> int:
        tilde = bool(state & _FLAG)
        length = (state >> _BYTE_SHIFT) & _MAX_BYTE
        stripped = text.strip()
        char = "~" if tilde else "`"
        if (
            len(stripped) >= length
            and stripped == char * len(stripped)
            and len(text) - len(text.lstrip(" ")) <= 3
        ):
            self._set(0, len(text), self.f_fence)
            return _pack(BODY)
        language = self._languages[state >> _LANGUAGE_SHIFT]
        lexer = self.lexer_for(language) if language else None
        if lexer is None:
            self._set(0, len(text), self.f_code)
        else:
            self._set(0, len(text), self.f_code)
            for index, token, value in lexer.get_tokens_unprocessed(text):
                fmt = self.token_format(token)
                if fmt is not self.f_code:
                    self._set(index, min(index + len(value), len(text)), fmt)
        return state

    # -- Markdown body ------------------------------------------------------------------
    def _body_line(self, text: str, in_comment: bool) -> int:
        if in_comment:
            close = text.find(_COMMENT_CLOSE)
            if close < 0:
                self._comment(text, 0, len(text))
                return _pack(HTML_COMMENT)
            self._comment(text, 0, close + len(_COMMENT_CLOSE))
            return self._inline(text, close + len(_COMMENT_CLOSE))
        fence = _FENCE_OPEN.match(text)
        if fence:
            marks = fence.group("fence")
            self._set(0, fence.end("fence"), self.f_fence)
            word = _LANGUAGE_WORD.match(fence.group("info"))
            language = word.group(0) if word else ""
            info_start = fence.start("info")
            self._set(info_start, len(text), self.f_language)
            return _pack(FENCE, marks[0] == "~", len(marks), self._language_id(language))
        heading = _HEADING.match(text)
        if heading:
            self._set(heading.end("marks"), len(text), self.f_heading)
            self._set(0, heading.end("marks"), self.f_heading_marks)
            return self._comments_only(text, 0)
        if _THEMATIC_BREAK.match(text):
            self._set(0, len(text), self.f_rule)
            return _pack(BODY)
        start = 0
        quote = _QUOTE.match(text)
        if quote:
            self._set(0, quote.end(), self.f_quote)
            start = quote.end()
        marker = _LIST_MARKER.match(text, start)
        if marker:
            self._set(marker.start("marker"), marker.end("marker"), self.f_marker)
            start = marker.end()
            box = _TASK_BOX.match(text, start + 1) if start < len(text) else None
            if box:
                self._set(box.start(), box.end(), self.f_marker)
                start = box.end()
        return self._inline(text, start)

    def _inline(self, text: str, start: int) -> int:
        """Emphasis, links, tool references and code spans, then comments over them."""
        if start >= len(text):
            return _pack(BODY)
        if "*" in text or "_" in text:
            for match in _STRONG.finditer(text, start):
                self._set(match.start(), match.end(), self.f_strong)
            for match in _EMPHASIS.finditer(text, start):
                self._set(match.start(), match.end(), self.f_emphasis)
        if "](" in text:
            for match in _LINK.finditer(text, start):
                self._set(match.start(), match.end(), self.f_link_url)
                self._set(match.start("text"), match.end("text"), self.f_link_text)
        if "<" in text:
            for match in _AUTOLINK.finditer(text, start):
                self._set(match.start(), match.end(), self.f_link_text)
        if "#tool:" in text:
            for match in _TOOL_REFERENCE.finditer(text, start):
                self._set(match.start(), match.end(), self.f_tool)
        if "`" in text:
            for match in _CODE_SPAN.finditer(text, start):
                self._set(match.start(), match.end(), self.f_code_span)
        return self._comments_only(text, start)

    def _comments_only(self, text: str, start: int) -> int:
        """HTML comments from `start`; the state says whether one stays open."""
        position = text.find(_COMMENT_OPEN, start)
        while position >= 0:
            close = text.find(_COMMENT_CLOSE, position + len(_COMMENT_OPEN))
            if close < 0:
                self._comment(text, position, len(text))
                return _pack(HTML_COMMENT)
            end = close + len(_COMMENT_CLOSE)
            self._comment(text, position, end)
            position = text.find(_COMMENT_OPEN, end)
        return _pack(BODY)

    def _comment(self, text: str, start: int, end: int) -> None:
        self._set(start, end, self.f_comment)
        for match in _DIRECTIVE.finditer(text, start, end):
            self._set(match.start(), match.end(), self.f_directive)
