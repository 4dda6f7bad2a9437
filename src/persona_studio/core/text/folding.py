"""Folding prose into lines of a width, the way a folded YAML block (`>`) holds it: a line breaks
only at a single space between two other characters (the break reads back as that space).
Re-folding keeps the lines of an earlier folding whose words did not change, so a diff of the
result shows only the words that did."""

from __future__ import annotations


def paragraphs(lines: list[str]) -> list[list[str]]:
    """The runs of lines that fold together: lines of text, not blank nor more-indented."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line and line[:1] not in (" ", "\t"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def breakable(text: str, index: int) -> bool:
    """A line may break at this space: one space between two other characters."""
    return (
        0 < index < len(text) - 1
        and text[index] == " "
        and text[index - 1] != " "
        and text[index + 1] != " "
    )


def fold(text: str, seed: list[str], width: int) -> list[str]:
    """The lines of one paragraph: the seed's first and last lines where the words match, the
    rest filled up to `width`."""
    head: list[str] = []
    position = 0
    for line in seed:
        end = position + len(line)
        if text.startswith(line, position) and (end == len(text) or breakable(text, end)):
            head.append(line)
            position = end + 1
            if end == len(text):
                return head
        else:
            break
    if head and len(head) == len(seed):
        # Words added after the old ones: the last line takes what fits of them.
        position -= len(head.pop()) + 1
    tail: list[str] = []
    stop = len(text)
    for line in reversed(seed[len(head) :]):
        start = stop - len(line)
        if start > position and text.startswith(line, start) and breakable(text, start - 1):
            tail.insert(0, line)
            stop = start - 1
        else:
            break
    return head + _fill(text[position:stop], width) + tail


def _fill(text: str, width: int) -> list[str]:
    if not text:
        return []
    words: list[str] = []
    start = 0
    for index in range(len(text)):
        if breakable(text, index):
            words.append(text[start:index])
            start = index + 1
    words.append(text[start:])
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
