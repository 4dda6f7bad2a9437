"""Code-point offsets against UTF-16 positions: the map agrees with encoding the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from persona_studio.core.text.offsets import OffsetMap

TEXTS = st.lists(st.sampled_from(["a", "é", "\n", "😀", "𝔸", "中"]), max_size=20).map("".join)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_text_without_astral_characters_maps_to_itself():
    offsets = OffsetMap("plain é text")
    assert [offsets.to_qt(i) for i in range(5)] == [0, 1, 2, 3, 4]
    assert offsets.from_qt(4) == 4


def test_an_emoji_takes_two_positions():
    offsets = OffsetMap("a😀b")
    assert [offsets.to_qt(i) for i in range(4)] == [0, 1, 3, 4]
    assert [offsets.from_qt(p) for p in (0, 1, 3, 4)] == [0, 1, 2, 3]


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_to_qt_counts_utf16_units_and_from_qt_goes_back(text: str):
    offsets = OffsetMap(text)
    for offset in range(len(text) + 1):
        position = offsets.to_qt(offset)
        assert position == utf16_length(text[:offset])
        assert offsets.from_qt(position) == offset
