"""Word count and approximate token count of a persona's text, for the status bar."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def approximate_tokens(text: str) -> int:
    """About four characters per token for English prose (the usual rule of thumb for the GPT
    and Claude tokenizers); good enough to see whether a persona is 500 or 5,000 tokens."""
    return (len(text) + 3) // 4
