"""Links skip fenced code: the fast fence scan of `links` finds exactly the blocks the outline
finds, on any mix of fences, indents and line breaks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from persona_studio.core.document import parse
from persona_studio.core.outline import fenced_ranges
from persona_studio.core.readers.links import _fences, body_links

LINES = st.sampled_from(
    [
        "```",
        "```py",
        "~~~",
        "````",
        "   ```",
        "    ```",
        "text [a](b.md)",
        "``` a`b",
        "",
        "~~~~",
        " ``` ",
        "#file:x.md",
        "```\r",
        "~~~ x",
    ]
)


@given(st.lists(LINES, max_size=10), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_the_fast_scan_matches_the_outline(lines, newline, final):
    text = newline.join(lines) + (newline if final else "")
    assert _fences(text, 0) == fenced_ranges(text, 0)


def test_a_link_in_code_is_not_a_link():
    text = "---\nname: a\n---\n[out](a.md)\n```\n[in](b.md)\n```\n#file:c.md\n"
    assert [link.relative for link in body_links(parse(text))] == ["a.md", "c.md"]
