"""The YAML front matter of a persona, found the way VS Code finds it, with the span of every part.

VS Code's rule (reference section 2): a header exists only if line 1 is `---`; it closes at the next
`---` line; with no closing line the whole file is the header and there is no body.

Loading is safe (``yamlnodes``): anchors, aliases and deep nesting are refused while the nodes
are composed, before anything walks the data. Duplicate keys are read off the composed nodes
(PyYAML keeps the last silently), and YAML 1.1 readings that change a value's meaning (`yes`,
`on`, `012`) are recorded as surprises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from persona_studio.core.text.spans import LineIndex, Span
from persona_studio.core.yamlnodes import MAX_DEPTH, Refused, SafeComposer, compose
from persona_studio.core.yamlnodes import TOO_DEEP as TOO_DEEP
from persona_studio.core.yamlnodes import YAML_ALIAS as YAML_ALIAS

FENCE_RE = re.compile(r"---[ \t\f\v]*(?:\r\n|\r|\n|$)")
STR_TAG = "tag:yaml.org,2002:str"

# Error kinds; they are also the names of the lint rules that report them.
YAML_SYNTAX = "yaml-syntax"
UNTERMINATED = "front-matter-unterminated"
NOT_MAPPING = "front-matter-not-mapping"


@dataclass(frozen=True, slots=True)
class FrontMatterError:
    kind: str
    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a list value."""

    value: Any
    span: Span  # the item's node: `'a'` inside `['a', 'b']`, or `a` in `  - a`
    style: str | None  # None (plain), "'", '"', "|", ">", "flow" or "block" for nested collections
    # block lists: the whole line(s) of the item, from line start through its newline
    line_span: Span | None


@dataclass(frozen=True, slots=True)
class Entry:
    """One top-level `key: value` of the front matter."""

    key: str
    key_span: Span
    value_span: Span  # the value's text; zero width just after the colon when the value is empty
    colon: int  # offset of the `:` that separates key and value
    line_span: Span  # whole lines from the key's line start through the value's last line break
    value: Any
    kind: str  # "scalar", "sequence" or "mapping"
    style: str | None  # scalars: None, "'", '"', "|", ">"; collections: "flow" or "block"
    tag: str
    items: tuple[Item, ...] = ()

    @property
    def is_inline(self) -> bool:
        """True when the value starts on the key's line and is not a block collection."""
        return self.value_span.line == self.key_span.line and self.style not in ("block",)


@dataclass(frozen=True, slots=True)
class Surprise:
    """A YAML 1.1 reading that is probably not what the author meant (`yes` read as true)."""

    key: str
    span: Span
    source: str
    value: Any
    message: str


@dataclass(frozen=True, slots=True)
class FrontMatter:
    span: Span  # from the opening fence through the closing fence's line break
    content_span: Span  # the YAML between the fences
    open_fence: Span
    close_fence: Span | None
    error: FrontMatterError | None
    data: Mapping[str, Any] | None  # None when the header could not be loaded
    entries: tuple[Entry, ...]
    duplicates: tuple[Entry, ...]  # later occurrences of a key seen before
    surprises: tuple[Surprise, ...]

    @property
    def terminated(self) -> bool:
        return self.close_fence is not None

    def entry(self, key: str) -> Entry | None:
        """The entry whose value counts (YAML keeps the last of duplicate keys)."""
        found = None
        for entry in self.entries:
            if entry.key == key:
                found = entry
        return found

    def keys(self) -> list[str]:
        seen: dict[str, None] = {}
        for entry in self.entries:
            seen.setdefault(entry.key, None)
        return list(seen)


def find_header(text: str, start: int) -> tuple[int, int, int | None, int | None] | None:
    """Locate the fences: (open_start, open_end, close_start, close_end) or None.

    `start` is where line 1 begins (after a BOM). close_* are None when the header never closes.
    """
    opening = FENCE_RE.match(text, start)
    if opening is None:
        return None
    position = opening.end()
    if position == start + 3 and position == len(text):
        return start, position, None, None
    length = len(text)
    while position < length:
        closing = FENCE_RE.match(text, position)
        if closing is not None:
            return start, opening.end(), position, closing.end()
        newline = _next_line(text, position)
        if newline == position:
            break
        position = newline
    return start, opening.end(), None, None


def _next_line(text: str, position: int) -> int:
    cr = text.find("\r", position)
    lf = text.find("\n", position)
    if cr == -1 and lf == -1:
        return len(text)
    if cr == -1 or (lf != -1 and lf < cr):
        return lf + 1
    return cr + 2 if text.startswith("\r\n", cr) else cr + 1


def parse_front_matter(text: str, lines: LineIndex, start: int) -> FrontMatter | None:
    fences = find_header(text, start)
    if fences is None:
        return None
    open_start, open_end, close_start, close_end = fences
    open_fence = lines.span(open_start, open_start + 3)
    if close_start is None:
        content_span = lines.span(open_end, len(text))
        return FrontMatter(
            span=lines.span(open_start, len(text)),
            content_span=content_span,
            open_fence=open_fence,
            close_fence=None,
            error=FrontMatterError(
                UNTERMINATED,
                "The front matter starts with '---' on line 1 but has no closing '---' line, "
                "so the whole file is read as YAML and there is no body",
                open_fence,
            ),
            data=None,
            entries=(),
            duplicates=(),
            surprises=(),
        )
    assert close_end is not None
    content_span = lines.span(open_end, close_start)
    fm = _Loaded(text, lines, open_end, close_start)
    return FrontMatter(
        span=lines.span(open_start, close_end),
        content_span=content_span,
        open_fence=open_fence,
        close_fence=lines.span(close_start, close_start + 3),
        error=fm.error,
        data=fm.data,
        entries=fm.entries,
        duplicates=fm.duplicates,
        surprises=fm.surprises,
    )


class _Loaded:
    """Composes and constructs the YAML between the fences."""

    def __init__(self, text: str, lines: LineIndex, start: int, end: int) -> None:
        self.text = text
        self.lines = lines
        self.base = start
        self.end = end
        self.error: FrontMatterError | None = None
        self.data: dict[str, Any] | None = None
        self.entries: tuple[Entry, ...] = ()
        self.duplicates: tuple[Entry, ...] = ()
        self.surprises: tuple[Surprise, ...] = ()
        self._load(text[start:end])

    def _span(self, start_mark: Any, end_mark: Any) -> Span:
        return self.lines.span(self.base + start_mark.index, self.base + end_mark.index)

    def _point(self, mark: Any, width: int = 1) -> Span:
        return self._offset_point(mark.index if mark is not None else 0, width)

    def _offset_point(self, index: int, width: int = 1) -> Span:
        offset = min(self.base + max(0, index), self.end)
        return self.lines.span(offset, min(offset + width, self.end))

    def _load(self, source: str) -> None:
        loader: SafeComposer | None = None
        try:
            loader, root = compose(source)
            if root is None:
                self.data = {}
                return
            if not isinstance(root, MappingNode):
                self.error = FrontMatterError(
                    NOT_MAPPING,
                    "Invalid header: expecting 'key: value' pairs, found "
                    + ("a list" if isinstance(root, SequenceNode) else "a single value"),
                    self._span(root.start_mark, root.end_mark),
                )
                return
            entries, duplicates, surprises = self._entries(root, source, loader)
            data: dict[str, Any] = {}
            for entry in entries:
                data[entry.key] = entry.value
            self.data = data
            self.entries = tuple(entries)
            self.duplicates = tuple(duplicates)
            self.surprises = tuple(surprises)
        except Refused as refused:
            self.error = FrontMatterError(
                refused.kind, refused.message, self._point(refused.mark.start_mark)
            )
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problem = error.problem or "invalid YAML"
            if "nesting depth" in problem:
                # libyaml's own limit, met while it looks ahead for a key: same fault as ours.
                self.error = FrontMatterError(
                    TOO_DEEP, f"the YAML is nested more than {MAX_DEPTH} deep", self._point(mark)
                )
                return
            context, context_mark = error.context, error.context_mark
            if context_mark is not None and (mark is None or mark.index >= len(source.rstrip())):
                # The scanner ran to the end of the header looking for the end of something (a
                # quote, a bracket): the fault is where that something starts, not at the end.
                mark = context_mark
                if "quoted scalar" in (context or ""):
                    problem, context = "this quoted value has no closing quote", None
            if context:
                problem = f"{problem} ({context})"
            self.error = FrontMatterError(
                YAML_SYNTAX, f"YAML syntax error: {problem}", self._point(mark)
            )
        except ReaderError as error:
            # A character YAML does not allow (a control character, U+FFFE ...): point at it.
            character = error.character
            shown = f"#x{character:04x}" if isinstance(character, int) else repr(character)
            self.error = FrontMatterError(
                YAML_SYNTAX,
                f"YAML syntax error: unacceptable character {shown} ({error.reason}); "
                "delete it or write it as an escape inside double quotes",
                self._offset_point(_char_index(source, error.position)),
            )
        except (yaml.YAMLError, ConstructorError, ValueError, OverflowError) as error:
            self.error = FrontMatterError(YAML_SYNTAX, f"YAML error: {error}", self._point(None))
        except RecursionError:
            self.error = FrontMatterError(
                TOO_DEEP, "the YAML is nested too deep", self._point(None)
            )
        finally:
            if loader is not None:
                loader.dispose()
            del loader

    def _entries(
        self, root: MappingNode, source: str, constructor: SafeComposer
    ) -> tuple[list[Entry], list[Entry], list[Surprise]]:
        entries: list[Entry] = []
        duplicates: list[Entry] = []
        surprises: list[Surprise] = []
        seen: set[str] = set()
        for key_node, value_node in root.value:
            key_value = _constructed(constructor, key_node)
            key = key_value if isinstance(key_value, str) else _source(source, key_node)
            value = _constructed(constructor, value_node)
            entry = self._entry(key, key_node, value_node, value, source, constructor)
            if key in seen:
                duplicates.append(entry)
            seen.add(key)
            entries.append(entry)
            surprises.extend(self._surprises(key, value_node, source))
        return entries, duplicates, surprises

    def _entry(
        self,
        key: str,
        key_node: Node,
        value_node: Node,
        value: Any,
        source: str,
        constructor: SafeComposer,
    ) -> Entry:
        key_span = self._span(key_node.start_mark, key_node.end_mark)
        colon = source.find(":", key_node.end_mark.index)
        colon = self.base + (colon if colon != -1 else key_node.end_mark.index)
        value_start, value_end = _trimmed(source, value_node)
        if isinstance(value_node, ScalarNode) and value_node.value == "" and not value_node.style:
            value_start = value_end = colon - self.base + 1
        value_span = self.lines.span(self.base + value_start, self.base + value_end)
        line_start = self.lines.line_start(key_span.line)
        line_end = max(
            _next_line(self.text, self.base + value_end), _next_line(self.text, key_span.end)
        )
        items: tuple[Item, ...] = ()
        if isinstance(value_node, SequenceNode):
            items = tuple(
                self._item(node, source, constructor, value_node) for node in value_node.value
            )
        return Entry(
            key=key,
            key_span=key_span,
            value_span=value_span,
            colon=colon,
            line_span=self.lines.span(line_start, line_end),
            value=value,
            kind=_kind(value_node),
            style=_style(value_node),
            tag=value_node.tag,
            items=items,
        )

    def _item(
        self, node: Node, source: str, constructor: SafeComposer, parent: SequenceNode
    ) -> Item:
        start, end = _trimmed(source, node)
        span = self.lines.span(self.base + start, self.base + end)
        line_span = None
        if not parent.flow_style:
            starts = self.lines.line_starts
            line = span.line
            line_start = starts[line - 1]
            line_end = _next_line(self.text, self.base + end)
            if line < len(starts) and starts[line] == line_end:  # through its line break
                line_span = Span(line_start, line_end, line, 1, line + 1, 1)
            else:
                line_span = self.lines.span(line_start, line_end)
        return Item(
            value=_constructed(constructor, node),
            span=span,
            style=_style(node),
            line_span=line_span,
        )

    def _surprises(self, key: str, node: Node, source: str) -> list[Surprise]:
        found = []
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        for child in nodes:
            if not isinstance(child, ScalarNode) or child.style or child.tag == STR_TAG:
                continue
            raw = child.value
            reading = _surprising(raw, child.tag)
            if reading is None:
                continue
            found.append(
                Surprise(
                    key=key,
                    span=self._span(child.start_mark, child.end_mark),
                    source=raw,
                    value=reading,
                    message=f"YAML reads {raw!r} as {reading}; quote it ('{raw}') "
                    "if you mean the text",
                )
            )
        return found


def _constructed(constructor: SafeComposer, node: Node) -> Any:
    """The node's value, as ``construct_object(node, deep=True)`` makes it: a scalar tagged as
    a string is its own text (what SafeConstructor's string constructor returns), taken as it
    is rather than through the constructor's look-ups; any other node goes through them."""
    if node.tag == STR_TAG and type(node) is ScalarNode:
        return node.value
    return constructor.construct_object(node, deep=True)


def _surprising(raw: str, tag: str) -> str | None:
    lowered = raw.lower()
    if tag.endswith(":bool") and lowered not in ("true", "false"):
        return "true" if lowered in ("yes", "y", "on") else "false"
    if tag.endswith(":int"):
        body = raw.lstrip("+-").replace("_", "")
        if ":" in body:
            return "a base-60 number"
        if len(body) > 1 and body.startswith("0") and body[1:2].isdigit():
            return "an octal number"
    if tag.endswith(":float") and ":" in raw:
        return "a base-60 number"
    if tag.endswith(":null") and raw not in ("", "~", "null", "Null", "NULL"):
        return "null"
    return None


def _char_index(source: str, position: int) -> int:
    """libyaml reports reader errors at a byte offset into the UTF-8 text; make it a character
    offset."""
    try:
        head = source.encode("utf-8", "surrogatepass")[: max(0, position)]
    except UnicodeError:  # pragma: no cover - defensive
        return 0
    return len(head.decode("utf-8", "ignore"))


def _source(source: str, node: Node) -> str:
    return source[node.start_mark.index : node.end_mark.index]


def _trimmed(source: str, node: Node) -> tuple[int, int]:
    """Node start and end, without the trailing blank space a block node's end mark takes in."""
    start, end = node.start_mark.index, node.end_mark.index
    while end > start and source[end - 1] in " \t\r\n":
        end -= 1
    if isinstance(node, (SequenceNode, MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        last_node = last[1] if isinstance(last, tuple) else last
        end = max(_trimmed(source, last_node)[1], start)
        # A trailing comment after the last item belongs to the value's lines, not to the node.
    return start, end


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "sequence"
    if isinstance(node, MappingNode):
        return "mapping"
    return "scalar"


def _style(node: Node) -> str | None:
    if isinstance(node, (SequenceNode, MappingNode)):
        return "flow" if node.flow_style else "block"
    style: str | None = getattr(node, "style", None)  # a scalar's; the base Node has none
    return style or None
