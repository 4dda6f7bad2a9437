"""Python string offsets (code points) <-> Qt text positions (UTF-16 code units).

They differ only after a character outside the Basic Multilingual Plane (an emoji, say), which
takes two UTF-16 units. Texts without such characters take the fast path.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        # Code-point offsets of every astral character, in order.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        # Find the code-point offset o with o + (astral chars before o) == position.
        low, high = 0, position
        while low < high:
            middle = (low + high) // 2
            if self.to_qt(middle) < position:
                low = middle + 1
            else:
                high = middle
        return low
