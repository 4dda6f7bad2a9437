"""Setting a front-matter string in the style it is written in.

A plain, single-quoted, double-quoted, literal (`|`, `|-`, `|+`) or folded (`>`, `>-`, `>+`) value
keeps its style, its indentation and its chomping indicator. A folded value is re-folded at the
width its lines have, and the lines whose words did not change stay as they were, so a diff shows
only the words typed. Every candidate text is read back before it is used: when the style cannot
hold the text exactly (a trailing newline the chomping cannot give, a tab or a trailing space in a
block, a line break in a single-quoted value), the nearest style that can is used and the edit's
`note` says so.

Who edits the words of a block and not its ending (the form, `edit --set`) asks for
`keep_ending`: the block's final line break(s) stay, whatever the new words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, ScalarNode

from persona_studio.core.document import Document
from persona_studio.core.edits.edit import Edit, with_newlines
from persona_studio.core.frontmatter import Entry, parse_front_matter
from persona_studio.core.text.folding import fold, paragraphs
from persona_studio.core.text.spans import LineIndex
from persona_studio.core.text.yamlscalar import double_quoted, plain_is_safe

_STR = "tag:yaml.org,2002:str"
_NEEDS_ESCAPE_IN_SINGLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_HEADER = re.compile(
    r"(?P<before>[^|>\r\n]*?)(?P<indicator>[|>])"
    r"(?P<mods>[1-9][-+]?|[-+][1-9]?|)(?P<after>[^\r\n]*)"
)
_BREAK = re.compile(r"\r\n|\r|\n")
DEFAULT_WIDTH = 80

STYLE_NAMES = {
    None: "without quotes",
    "'": "in single quotes",
    '"': "in double quotes",
    "|": "as a literal block",
    ">": "as a folded block",
}

_NOUNS = {"'": "single quotes", '"': "double quotes", "|": "a literal block", ">": "a folded block"}


@dataclass(frozen=True, slots=True)
class _Block:
    """A block scalar as written: its header and content lines."""

    start: int  # the value's first character (a tag, or the indicator)
    end: int  # end of the last content line, before its line break
    before: str  # a tag before the indicator, with its space
    indicator: str  # "|" or ">"
    chomp: str  # "", "-" or "+"
    digit: str  # the indentation indicator, or ""
    digit_first: bool  # `|2-` rather than `|-2`
    after: str  # the rest of the header line: spaces and a comment
    indent: int  # the content lines' indentation
    key_column: int  # the key's: an indentation indicator counts from there
    lines: tuple[str, ...]  # the content lines, without their indentation
    width: int  # the longest content line, indentation included
    blank_ends: tuple[int, ...]  # where each whitespace-only line right after the block ends

    @property
    def blank_after(self) -> int:
        """Blank lines after the block: a kept ending (`+`) takes them into the text."""
        return len(self.blank_ends)


@dataclass(frozen=True, slots=True)
class _Written:
    text: str
    style: str | None  # None, "'", '"', "|" or ">"
    chomp: str = ""
    end: int | None = None  # where the replaced text ends, when not the value's end


def block_ending(document: Document, entry: Entry) -> str:
    """The line breaks a block scalar's chomping puts at the end of its text ("" for any other
    value): what an editor of the words leaves alone."""
    block = _block_of(document, entry)
    if block is None or not isinstance(entry.value, str):
        return ""
    if block.chomp == "-":
        return ""
    if block.chomp == "+":
        tail = entry.value[len(entry.value.rstrip("\n")) :]
        return tail or "\n"
    return "\n"


def editable_text(document: Document, entry: Entry) -> tuple[str, str]:
    """A string value split into the words an editor shows and the block ending it keeps."""
    value = entry.value if isinstance(entry.value, str) else ""
    ending = block_ending(document, entry)
    if ending and value.endswith(ending):
        return value[: -len(ending)], ending
    return value, ending


def set_string(
    document: Document, entry: Entry, value: str, label: str, *, keep_ending: bool = False
) -> Edit:
    """Set an existing scalar entry to the string `value` in the style it has.

    With `keep_ending`, a block's final line break(s) are added to `value` (unless it is empty),
    so the chomping indicator never has to change.
    """
    if keep_ending and value:
        ending = block_ending(document, entry)
        if ending:
            value = value.rstrip("\n") + ending
    block = _block_of(document, entry)
    style = entry.style if entry.kind == "scalar" else None
    if style in ("|", ">") and block is None:
        style = '"'
    start = block.start if block is not None else _quoted_start(document, entry)
    end = block.end if block is not None else entry.value_span.end
    inline = entry.is_inline and entry.value_span.start != entry.value_span.end
    if block is None and not inline:
        # An empty value, or one on a later line: rewrite from just after the colon.
        start, end = entry.colon + 1, max(entry.value_span.end, entry.colon + 1)
    prefix = " " if start == entry.colon + 1 else ""
    suffix = block.after if block is not None else ""
    if block is not None:
        prefix += block.before
    for writer in _candidates(style):
        written = writer(value, block)
        if written is None:
            continue
        text = written.text
        if written.style not in ("|", ">"):
            text = prefix + text + suffix
        elif block is None:
            continue
        else:
            text = with_newlines(text, document.newline)
        stop = written.end if written.end is not None else end
        if _reads_back(document, entry, start, stop, text, value):
            note = _note(entry, block, written)
            return Edit(start, stop, text, label, note)
    raise AssertionError("double quotes hold any string")  # pragma: no cover


# -- the candidates, nearest first ------------------------------------------------------------

_Writer = Callable[[str, "_Block | None"], "_Written | None"]


def _candidates(style: str | None) -> list[_Writer]:
    if style is None:
        return [_plain, _single, _double]
    if style == "'":
        return [_single, _double]
    if style == "|":
        return [_literal, _emitted("|"), _double]
    if style == ">":
        return [_folded, _emitted(">"), _literal, _emitted("|"), _double]
    return [_double]


def _plain(value: str, _block: _Block | None) -> _Written | None:
    return _Written(value, None) if plain_is_safe(value, flow=False) else None


def _single(value: str, _block: _Block | None) -> _Written | None:
    if _NEEDS_ESCAPE_IN_SINGLE.search(value):
        return None
    return _Written("'" + value.replace("'", "''") + "'", "'")


def _double(value: str, _block: _Block | None) -> _Written:
    return _Written(double_quoted(value), '"')


def _split_tail(value: str) -> tuple[str, str]:
    body = value.rstrip("\n")
    return body, value[len(body) :]


def _chomp_for(tail: str, body: str, old: str) -> str:
    if not body and not tail:
        return old
    if not tail:
        return "-"
    if tail == "\n":
        return old if old in ("", "+") else ""
    return "+"


def _header(block: _Block, indicator: str, chomp: str, digit: str) -> str:
    mods = digit + chomp if block.digit_first or not digit or not chomp else chomp + digit
    return block.before + indicator + mods + block.after


def _assemble(block: _Block, indicator: str, chomp: str, lines: list[str], tail: str) -> _Written:
    """Header, content lines and the blank lines a kept ending needs; the replaced text ends
    where the following blank lines leave the right number of them."""
    digit = block.digit
    first = next((line for line in lines if line), "")
    if first[:1] in (" ", "\t") and not digit:
        relative = block.indent - block.key_column
        digit = str(relative) if 1 <= relative <= 9 else ""
    pad = " " * block.indent
    text = _header(block, indicator, chomp, digit)
    for line in lines:
        text += "\n" + (pad + line if line else "")
    end = None
    if chomp == "+" and lines:
        wanted = max(0, len(tail) - 1)
        if wanted >= block.blank_after:
            text += "\n" * (wanted - block.blank_after)
        else:
            end = block.blank_ends[block.blank_after - wanted - 1]
    return _Written(text, indicator, chomp, end)


def _literal(value: str, block: _Block | None) -> _Written | None:
    if block is None:
        return None
    body, tail = _split_tail(value)
    chomp = _chomp_for(tail, body, block.chomp)
    lines = body.split("\n") if body else []
    return _assemble(block, "|", chomp, lines, tail)


def _folded(value: str, block: _Block | None) -> _Written | None:
    """Fold each paragraph at the block's width, keeping the lines whose words did not change."""
    if block is None:
        return None
    body, tail = _split_tail(value)
    chomp = _chomp_for(tail, body, block.chomp)
    if not body:
        return _assemble(block, ">", chomp, [], tail)
    rows = body.split("\n")
    if not rows[0] or any(row[:1] in (" ", "\t") or row[-1:] in (" ", "\t") for row in rows):
        return None  # more-indented lines and edge spaces: the emitter knows those rules
    old_paragraphs = paragraphs(list(block.lines))
    width = max(block.width - block.indent, 1)
    lines: list[str] = []
    paragraph = 0
    empty_run = 0
    for row in rows:
        if not row:
            empty_run += 1
            continue
        if paragraph:
            lines.extend([""] * (empty_run + 1))
        seed = old_paragraphs[paragraph] if paragraph < len(old_paragraphs) else []
        lines.extend(fold(row, seed, width))
        paragraph += 1
        empty_run = 0
    return _assemble(block, ">", chomp, lines, tail)


def _emitted(indicator: str) -> _Writer:
    """The block as PyYAML's emitter writes it (it knows more-indented lines), re-indented."""

    def write(value: str, block: _Block | None) -> _Written | None:
        relative = block.indent - block.key_column if block is not None else 0
        if block is None or not 2 <= relative <= 9:
            return None
        key = ScalarNode(_STR, "k")
        node = ScalarNode(_STR, value, style=indicator)
        out = yaml.serialize(
            MappingNode("tag:yaml.org,2002:map", [(key, node)]),
            indent=relative,
            width=max(block.width - block.key_column, relative * 2 + 2),
            allow_unicode=True,
        )
        if not out.startswith("k: " + indicator):
            return None  # the emitter chose another style: the text does not fit a block
        out = out[3:]
        if out.endswith("\n...\n"):
            out = out[: -len("...\n")]
        header, _, content = out.partition("\n")
        found = _HEADER.fullmatch(header)
        assert found is not None
        mods = found.group("mods")
        chomp = mods.strip("123456789")
        digit = mods.strip("-+")
        tail = _split_tail(value)[1]
        lines = [line[relative:] for line in content.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        if digit and not block.digit:
            block = _with_digit(block, digit)
        return _assemble(block, indicator, chomp, lines, tail)

    return write


def _with_digit(block: _Block, digit: str) -> _Block:
    return _Block(
        block.start,
        block.end,
        block.before,
        block.indicator,
        block.chomp,
        digit,
        True,
        block.after,
        block.indent,
        block.key_column,
        block.lines,
        block.width,
        block.blank_ends,
    )


# -- reading the block -------------------------------------------------------------------------


def _block_of(document: Document, entry: Entry) -> _Block | None:
    if entry.kind != "scalar" or entry.style not in ("|", ">"):
        return None
    front = document.front_matter
    assert front is not None
    text = document.text
    limit = front.content_span.end
    start = entry.value_span.start
    header_end = _line_end(text, start, limit)
    found = _HEADER.fullmatch(text, start, header_end)
    if found is None:
        return None
    mods = found.group("mods")
    digit = mods.strip("-+")
    end = header_end
    if entry.value_span.end > header_end:
        end = _line_end(text, entry.value_span.end, limit)
    rows = _BREAK.split(text[header_end:end])[1:] if end > header_end else []
    key_column = entry.key_span.start - document.lines.line_start(entry.key_span.line)
    if digit:
        indent = key_column + int(digit)
    else:
        filled = [row for row in rows if row.strip(" ")]
        indent = len(filled[0]) - len(filled[0].lstrip(" ")) if filled else key_column + 2
    lines = tuple(row[indent:] if len(row) > indent else "" for row in rows)
    width = max((len(row.rstrip()) for row in rows), default=0)
    if sum(1 for line in lines if line) < 2:
        width = max(width, DEFAULT_WIDTH)
    return _Block(
        start=start,
        end=end,
        before=found.group("before"),
        indicator=found.group("indicator"),
        chomp=mods.strip("123456789"),
        digit=digit,
        digit_first=mods[:1].isdigit(),
        after=found.group("after"),
        indent=indent,
        key_column=key_column,
        lines=lines,
        width=width,
        blank_ends=_blank_lines_after(text, end, limit),
    )


def _line_end(text: str, position: int, limit: int) -> int:
    found = _BREAK.search(text, position, limit)
    return found.start() if found else limit


def _blank_lines_after(text: str, end: int, limit: int) -> tuple[int, ...]:
    """Where the whitespace-only lines that follow the line ending at `end` end."""
    ends: list[int] = []
    position = end
    while True:
        found = _BREAK.match(text, position, limit)
        if found is None:
            return tuple(ends)
        line_end = _line_end(text, found.end(), limit)
        if text[found.end() : line_end].strip(" \t") or line_end >= limit:
            return tuple(ends)
        ends.append(line_end)
        position = line_end


def _quoted_start(document: Document, entry: Entry) -> int:
    """Where a quoted value's quote opens (after a tag written before it)."""
    start = entry.value_span.start
    if entry.style in ("'", '"'):
        at = document.text.find(entry.style, start, entry.value_span.end)
        if at > start:
            return at
    return start


# -- checking and telling ----------------------------------------------------------------------


def _reads_back(
    document: Document, entry: Entry, start: int, end: int, text: str, value: str
) -> bool:
    """The front matter with the new text reads as before but for this entry, now `value`."""
    front = document.front_matter
    assert front is not None
    header = document.text[front.span.start : start] + text + document.text[end : front.span.end]
    parsed = parse_front_matter(header, LineIndex(header), 0)
    if parsed is None or parsed.error is not None or len(parsed.entries) != len(front.entries):
        return False
    for old, new in zip(front.entries, parsed.entries, strict=True):
        if old.key != new.key:
            return False
        if old is entry:
            if not isinstance(new.value, str) or new.value != value:
                return False
        elif new.value != old.value:
            return False
    return True


def _describe(style: str | None, chomp: str) -> str:
    if style in ("|", ">"):
        return f"{STYLE_NAMES[style]} ({style}{chomp})"
    return STYLE_NAMES[style]


def _note(entry: Entry, block: _Block | None, written: _Written) -> str:
    old_style = entry.style if entry.kind == "scalar" else None
    old_chomp = block.chomp if block is not None else ""
    if block is None and old_style in ("|", ">"):
        old_style = '"'
    same_style = written.style == old_style
    if same_style and (written.style not in ("|", ">") or written.chomp == old_chomp):
        return ""
    if same_style:
        return (
            f"'{entry.key}' now ends with '{old_style}{written.chomp}': "
            f"'{old_style}{old_chomp}' cannot end the text this way"
        )
    if old_style is None:
        reason = "without quotes, YAML would read it as something else"
    elif old_style in ("|", ">"):
        reason = f"{_NOUNS[old_style]} ({old_style}{old_chomp}) cannot hold this text"
    else:
        reason = f"{_NOUNS[old_style]} cannot hold this text"
    return f"'{entry.key}' is now written {_describe(written.style, written.chomp)}: {reason}"
