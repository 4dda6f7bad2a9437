"""Word count and approximate token count of a persona's text, for the status bar."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


class WordCounter:
    """Counts the words of a text that changes a little at a time: each distinct line is
    counted once and remembered while it is in the text (no word spans a line break), so a
    key press recounts one line instead of the whole text."""

    def __init__(self) -> None:
        self._lines: dict[str, int] = {}

    def count(self, text: str) -> int:
        known = self._lines
        seen: dict[str, int] = {}
        total = 0
        for line in text.split("\n"):
            words = seen.get(line)
            if words is None:
                words = known.get(line)
                if words is None:
                    words = word_count(line)
                seen[line] = words
            total += words
        self._lines = seen
        return total


def approximate_tokens(text: str) -> int:
    """About four characters per token for English prose (the usual rule of thumb for the GPT
    and Claude tokenizers); good enough to see whether a persona is 500 or 5,000 tokens."""
    return (len(text) + 3) // 4
