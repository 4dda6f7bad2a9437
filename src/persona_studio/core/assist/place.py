"""Where an offset sits in a persona: in the front matter (under which top-level key, on which
line) or in the body. Reads the text line by line, so it answers while the YAML is half typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from persona_studio.core.frontmatter import find_header

_TOP_KEY = re.compile(r"([^\s#:'\"][^:#]*?)[ \t]*:(?:[ \t]|$)")

# The front-matter keys whose values are tool names.
TOOL_KEYS = ("tools", "disallowedTools", "allowed-tools")
HANDOFF_HELP = {
    "label": "The button's text under the agent's answer.",
    "agent": "The agent the conversation is handed to, by its display name (its name: key).",
    "prompt": "The text put in the chat input when the button is pressed.",
    "send": "True sends the prompt at once. Default false.",
    "showContinueOn": "Whether the button offers to continue in another place.",
    "model": "The model the next agent runs on (newer VS Code builds).",
}


@dataclass(frozen=True)
class Place:
    """`in_header`: the offset is between the fences. `key`: the top-level key whose lines hold
    it (None on a line of its own or above the first key). `line_start`: where its line starts;
    `before`: the line's text up to the offset."""

    in_header: bool
    key: str | None
    line_start: int
    before: str
    key_line: bool  # the offset is on the key's own line
    header_end: int = 0  # where the front matter's content ends


def place_of(text: str, offset: int) -> Place:
    """Where `offset` sits in `text` (the text only is read: no parse, cheap while typing)."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    header = find_header(text, 1 if text.startswith("\ufeff") else 0)
    if header is None:
        return Place(False, None, line_start, before, False)
    _open, content_start, content_end, _close = header
    end = content_end if content_end is not None else len(text)
    if not content_start <= offset <= end or line_start < content_start:
        return Place(False, None, line_start, before, False)
    position = line_start
    while True:
        line_end = text.find("\n", position)
        line = text[position : line_end if line_end != -1 else len(text)]
        found = _TOP_KEY.match(line)
        if found and line[:1] not in " \t-":
            key_line = position == line_start
            return Place(True, found.group(1), line_start, before, key_line, end)
        if position <= content_start:
            return Place(True, None, line_start, before, False, end)
        position = text.rfind("\n", 0, position - 1) + 1
