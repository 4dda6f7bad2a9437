"""Inline disable comments.

- `<!-- persona-studio-disable rule-a rule-b -->` disables the rules for the next line, or for
  the whole section when the next line is a heading;
- `<!-- persona-studio-disable-file rule-a -->` disables them for the whole file;
- `# persona-studio-disable rule-a` on its own line in the front matter disables them for the
  next line there.
No rule names means every rule. Names, ids and group names are accepted. A comment shown as
code (in a fenced block or a `code span`) is an example, not a disable; a front matter comment
before a key covers the key's whole value (a block list's items too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from persona_studio.core.document import Document
from persona_studio.core.lint.model import GROUPS, Diagnostic
from persona_studio.core.lint.rules import find
from persona_studio.core.text.spans import Span

COMMENT = re.compile(r"<!--\s*persona-studio-disable(-file)?\b([^>]*?)-->")
YAML_COMMENT = re.compile(r"(?m)^[ \t]*#\s*persona-studio-disable\b(.*)$")


@dataclass
class Disable:
    names: frozenset[str] | None  # None: every rule
    start: int
    end: int
    comment: Span
    unknown: tuple[str, ...] = ()
    used: bool = field(default=False)

    def covers(self, diagnostic: Diagnostic, group: str) -> bool:
        if not self.start <= diagnostic.span.start < self.end:
            return False
        return self.names is None or diagnostic.name in self.names or group in self.names


def _names(text: str) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    words = [word for word in re.split(r"[\s,]+", text.strip()) if word]
    if not words:
        return None, ()
    names, unknown = set(), []
    for word in words:
        if word.lower() in GROUPS:
            names.add(word.lower())
            continue
        made = find(word)
        if made is None:
            unknown.append(word)
        else:
            names.add(made.name)
    return frozenset(names), tuple(unknown)


def find_disables(document: Document) -> list[Disable]:
    text = document.text
    found: list[Disable] = []
    if "persona-studio-disable" not in text:
        return found
    body_start = document.body_start
    code = _code_ranges(text, body_start)
    for match in COMMENT.finditer(text, body_start):
        if any(start <= match.start() < end for start, end in code):
            continue
        names, unknown = _names(match.group(2))
        comment = document.span(match.start(), match.end())
        if match.group(1):
            found.append(Disable(names, 0, len(text), comment, unknown))
            continue
        start, end = _next_line(document, match.end())
        section = document.section_at(start) if start < len(text) else None
        if section is not None and section.heading_span.start == start:
            end = section.span.end
        found.append(Disable(names, start, end, comment, unknown))
    front = document.front_matter
    if front is not None:
        content = front.content_span
        for match in YAML_COMMENT.finditer(text, content.start, content.end):
            names, unknown = _names(match.group(1))
            start, end = _next_line(document, match.end())
            for entry in front.entries:
                if entry.line_span.start == start:
                    end = max(end, entry.line_span.end)
            comment = document.span(match.start(), match.end())
            found.append(Disable(names, start, end, comment, unknown))
    return found


FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _code_ranges(text: str, start: int) -> list[tuple[int, int]]:
    """Offsets of fenced code blocks and inline code spans in the body (CommonMark, simplified:
    a code span does not run over a line break)."""
    ranges: list[tuple[int, int]] = []
    fence: tuple[str, int, int] | None = None  # character, length, start offset
    position = start
    for line in text[start:].splitlines(keepends=True):
        content = line.rstrip("\r\n")
        opening = FENCE.match(content)
        if fence is not None:
            char, size, begin = fence
            stripped = content.strip()
            if (
                opening is not None
                and stripped
                and set(stripped) == {char}
                and len(stripped) >= size
            ):
                ranges.append((begin, position + len(line)))
                fence = None
        elif opening is not None and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = (opening.group(1)[0], len(opening.group(1)), position)
        elif "`" in content:
            ranges.extend(
                (position + m.start(), position + m.end()) for m in CODE_SPAN.finditer(content)
            )
        position += len(line)
    if fence is not None:
        ranges.append((fence[2], len(text)))  # an unclosed fence runs to the end
    return ranges


def _next_line(document: Document, offset: int) -> tuple[int, int]:
    """The next non-blank line after `offset` (the comment's own line end)."""
    text = document.text
    line, _ = document.position(offset)
    for number in range(line + 1, document.lines.line_count + 1):
        start = document.lines.line_start(number)
        end = (
            document.lines.line_start(number + 1)
            if number < document.lines.line_count
            else len(text)
        )
        if text[start:end].strip():
            return start, end
    return len(text), len(text)
