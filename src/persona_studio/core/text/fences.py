"""Fenced code blocks (three or more backticks or tildes) of a Markdown text: which lines open
and close one, read from the lines that hold three backticks or tildes only. Part of the outline
(``core.outline`` finds headings outside them, and list items); never Qt."""

from __future__ import annotations

import re

FENCE_OPEN_RE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")

# A heading found (see core.outline): its 0-based line first.
_Heading = tuple[int, int, str, int, int, int, int, int]


def _fence_free(text: str, start: int) -> bool:
    """No fenced code block can open in ``text[start:]`` (most personas have none)."""
    return text.find("```", start) < 0 and text.find("~~~", start) < 0


def _fences_of(texts: list[str]) -> list[bool]:
    in_fence: list[bool] = []
    fence: tuple[str, int] | None = None
    for body in texts:
        inside, fence = _fence_step(body, fence)
        in_fence.append(inside)
    return in_fence


def _fence_step(body: str, fence: tuple[str, int] | None) -> tuple[bool, tuple[str, int] | None]:
    """One line read with the fence open before it (or None): whether the line is fenced code
    (fences included), and the fence open after it."""
    if fence is not None:
        stripped = body.strip()
        char, size = fence
        if (
            len(body) - len(body.lstrip(" ")) < 4
            and stripped
            and set(stripped) == {char}
            and len(stripped) >= size
        ):
            fence = None
        return True, fence
    opening = FENCE_OPEN_RE.match(body)
    if opening is not None and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
        return True, (opening.group(1)[0], len(opening.group(1)))
    return False, None


# A fenced block: its first and last line (0-based, from the line of `start`; the last is
# _OPEN_END while still open at the end), and its offsets: start, and the start of the line
# after it (the text's end while open).
_Block = tuple[int, int, int, int]
_OPEN_END = 1 << 62


# The last two answers of `_fence_blocks`, newest last: (text, start, answer). Found again by
# the text's identity, not by its hash (an lru_cache hashes each new text whole: a tenth of the
# time the search takes); a text equal to one here but another object is searched again.
_recent: list[tuple[str, int, tuple[list[_Block], tuple[str, int] | None]]] = []


def _fence_blocks(text: str, start: int) -> tuple[list[_Block], tuple[str, int] | None]:
    """The fenced blocks of a text without \r, and the fence left open at its end, read only
    from the lines that hold three backticks or tildes: no other line opens or closes a fence
    (`_fence_step` decides each of those lines, as `_fences` does line by line). The answer is
    shared with the caller that asked before (read it, never change it): parsing a document and
    finding its fenced ranges ask in turn."""
    for known, known_start, answer in _recent:
        if known is text and known_start == start:
            return answer
    answer = _search_fence_blocks(text, start)
    _recent.append((text, start, answer))
    if len(_recent) > 2:
        del _recent[0]
    return answer


def _search_fence_blocks(text: str, start: int) -> tuple[list[_Block], tuple[str, int] | None]:
    blocks: list[_Block] = []
    fence: tuple[str, int] | None = None
    opened = (0, start)
    length = len(text)
    number = 0
    counted = start
    position = start
    # The next three backticks and the next three tildes, each found by str.find (a literal
    # search, several times faster than a pattern of the two) and looked for again once passed.
    ticks = text.find("```", position)
    tildes = text.find("~~~", position)
    while ticks >= 0 or tildes >= 0:
        mark = ticks if tildes < 0 or 0 <= ticks < tildes else tildes
        line_start = max(start, text.rfind("\n", start, mark) + 1)
        line_end = text.find("\n", mark + 3)
        line_next = line_end + 1 if line_end >= 0 else length
        if line_end < 0:
            line_end = length
        number += text.count("\n", counted, line_start)
        counted = line_start
        inside, after = _fence_step(text[line_start:line_end], fence)
        if inside and fence is None:
            opened = (number, line_start)
        elif fence is not None and after is None:
            blocks.append((opened[0], number, opened[1], line_next))
        fence = after
        position = line_next
        if line_end == length:
            break
        if 0 <= ticks < position:
            ticks = text.find("```", position)
        if 0 <= tildes < position:
            tildes = text.find("~~~", position)
    if fence is not None:
        blocks.append((opened[0], _OPEN_END, opened[1], length))
    return blocks, fence


def _outside(headings: list[_Heading], blocks: list[_Block]) -> list[_Heading]:
    """The headings on no line of a fenced block (both lists in text order)."""
    kept: list[_Heading] = []
    index = 0
    for heading in headings:
        while index < len(blocks) and blocks[index][1] < heading[0]:
            index += 1
        if index < len(blocks) and blocks[index][0] <= heading[0]:
            continue  # inside blocks[index]
        kept.append(heading)
    return kept
