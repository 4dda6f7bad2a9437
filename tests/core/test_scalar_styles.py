"""A string set on a front-matter key keeps the style it is written in (plain, quoted, literal or
folded, with its indentation and chomping); a folded block is re-folded at its width with the
unchanged lines kept; a text the style cannot hold takes the nearest style that can, and the
edit's note says so. Every byte outside the value stays as it was."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persona_studio.core import edits
from persona_studio.core.document import Document, parse

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Each style as it may stand in a header, between two other keys.
STYLES = {
    "plain": "note: plain words here",
    "single": "note: 'single quoted'",
    "double": 'note: "double \\t quoted"',
    "literal": "note: |\n  line one\n  line two",
    "literal-strip": "note: |-\n    four spaces\n    of indent",
    "literal-keep": "note: |+\n  kept\n\n",
    "literal-digit": "note: |2\n   starts with a space\n  then not",
    "folded": "note: >\n  folded words that go on\n  over two lines",
    "folded-strip": "note: >- # a comment on the header\n  stripped fold",
    "folded-keep": "note: >+\n  kept fold\n\n",
    "tagged": "note: !!str >\n  tagged fold",
}


def header(style: str, newline: str = "\n") -> str:
    text = f"---\nname: n\n{STYLES[style]}\nafter: [a, b]  # stays\n---\n# Body\n"
    return text.replace("\n", newline)


def check_set(text: str, value: str, **options: bool) -> tuple[str, edits.Edit]:
    """Set `note`, and check what must hold whatever the style: the value reads back exactly,
    the other keys are unchanged and no byte outside the edit's span moved."""
    document = parse(text)
    edit = edits.set_field(document, "note", value, **options)
    result = edit.apply(text)
    after = parse(result)
    assert after.front_matter is not None and after.front_matter.error is None, result
    data = dict(after.data)
    assert data.pop("note") == value
    # PyYAML's own loader reads the same (the document's parser composes libyaml's events).
    content = after.front_matter.content_span
    assert yaml.safe_load(result[content.start : content.end])["note"] == value
    before = dict(document.data)
    before.pop("note")
    assert data == before
    assert result[: edit.start] == text[: edit.start]
    assert result[len(result) - (len(text) - edit.end) :] == text[edit.end :]
    entry = document.front_matter.entry("note")
    assert entry.line_span.start <= edit.start
    return result, edit


def style_of(document: Document) -> tuple[str | None, str]:
    entry = document.front_matter.entry("note")
    header_line = document.text[entry.value_span.start :].split("\n", 1)[0]
    chomp = "+" if "+" in header_line else "-" if "-" in header_line.split("#")[0] else ""
    return entry.style, chomp if entry.style in ("|", ">") else ""


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@PROPERTY
@given(value=st.text())
def test_any_text_reads_back_exactly_and_nothing_else_moves(
    style: str, newline: str, value: str
) -> None:
    text = header(style, newline)
    result, edit = check_set(text, value)
    if not edit.note:
        assert style_of(parse(result)) == style_of(parse(text)), result


@pytest.mark.parametrize("style", sorted(STYLES))
@PROPERTY
@given(value=st.text())
def test_keeping_the_ending_never_changes_a_block_s_chomping_for_ordinary_words(
    style: str, value: str
) -> None:
    text = header(style)
    document = parse(text)
    entry = document.front_matter.entry("note")
    ending = edits.block_ending(document, entry)
    words = " ".join(value.split())
    edit = edits.set_field(document, "note", words, keep_ending=True)
    result = edit.apply(text)
    expected = words + ending if words else ""
    assert parse(result).data["note"] == expected
    simple = words.isascii() and words.isprintable() and ": " not in words and " #" not in words
    if simple and words and words[0].isalnum() and style != "plain":
        assert edit.note == ""
        assert style_of(parse(result)) == style_of(document)


words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz.,()", min_size=1, max_size=12),
    min_size=1,
    max_size=40,
)


@pytest.mark.parametrize("style", ["folded", "folded-strip", "folded-keep", "tagged"])
@PROPERTY
@given(paragraphs=st.lists(words, min_size=1, max_size=3))
def test_prose_stays_folded_at_the_block_s_width(style: str, paragraphs: list[list[str]]) -> None:
    text = header(style)
    document = parse(text)
    ending = edits.block_ending(document, document.front_matter.entry("note"))
    value = "\n".join(" ".join(paragraph) for paragraph in paragraphs) + ending
    result, edit = check_set(text, value)
    assert edit.note == ""
    assert style_of(parse(result)) == style_of(document)
    content = [line for line in STYLES[style].split("\n")[1:] if line]
    width = max(len(line) for line in content)
    if len(content) < 2:  # one line says nothing of a width: the usual 80
        width = max(width, 80)
    for line in result[edit.start : edit.start + len(edit.text)].split("\n")[1:]:
        assert len(line) <= width or " " not in line.strip(), line


DESCRIPTION = (
    "---\n"
    "name: x\n"
    "description: >\n"
    "  Senior engineer who writes firmware and drivers\n"
    "  for small boards. Years of experience with\n"
    "  interrupts, memory barriers and DMA, and an eye\n"
    "  for clear, reviewed and tested code.\n"
    "model: inherit\n"
    "---\n"
)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    old, new = before.split("\n"), after.split("\n")
    while old and new and old[0] == new[0]:
        old.pop(0), new.pop(0)
    while old and new and old[-1] == new[-1]:
        old.pop(), new.pop()
    return old, new


def test_words_added_at_the_end_of_a_folded_block_change_only_its_last_line() -> None:
    document = parse(DESCRIPTION)
    shown, ending = edits.editable_text(document, document.front_matter.entry("description"))
    assert ending == "\n" and not shown.endswith("\n")
    result, edit = check_set_key(DESCRIPTION, "description", shown + " More.")
    assert edit.note == ""
    old, new = changed_lines(DESCRIPTION, result)
    assert old == ["  for clear, reviewed and tested code."]
    assert new == ["  for clear, reviewed and tested code. More."]
    assert parse(result).data["description"] == shown + " More.\n"
    # Past the block's width (50 columns here) the words go on to a line of their own.
    result, _ = check_set_key(DESCRIPTION, "description", shown + " Extra words, more of them.")
    assert changed_lines(DESCRIPTION, result) == (
        ["  for clear, reviewed and tested code."],
        ["  for clear, reviewed and tested code. Extra", "  words, more of them."],
    )


def test_a_word_changed_in_the_middle_changes_only_its_line() -> None:
    document = parse(DESCRIPTION)
    shown, _ = edits.editable_text(document, document.front_matter.entry("description"))
    result, _ = check_set_key(DESCRIPTION, "description", shown.replace("memory", "cache"))
    old, new = changed_lines(DESCRIPTION, result)
    assert old == ["  interrupts, memory barriers and DMA, and an eye"]
    assert new == ["  interrupts, cache barriers and DMA, and an eye"]


def test_a_long_insertion_is_folded_at_the_block_s_width() -> None:
    document = parse(DESCRIPTION)
    shown, _ = edits.editable_text(document, document.front_matter.entry("description"))
    value = shown.replace("small boards.", "small boards. " + "Many more words here. " * 6)
    result, _ = check_set_key(DESCRIPTION, "description", value.replace("  ", " "))
    block = result.split("description: >\n")[1].split("model:")[0]
    assert all(len(line) <= 50 for line in block.splitlines())
    assert block.splitlines()[0] == "  Senior engineer who writes firmware and drivers"
    assert block.splitlines()[-1] == "  for clear, reviewed and tested code."


def check_set_key(text: str, key: str, value: str) -> tuple[str, edits.Edit]:
    document = parse(text)
    edit = edits.set_field(document, key, value, keep_ending=True)
    result = edit.apply(text)
    assert parse(result).data[key] == value + "\n"
    return result, edit


@pytest.mark.parametrize(
    ("style", "value", "written", "note"),
    [
        ("folded", "no final break", "note: >-\n  no final break\n", "now ends with '>-'"),
        ("literal", "two\n\n\n", "note: |+\n  two\n\n\n", "now ends with '|+'"),
        ("folded-keep", "one\n", "note: >+\n  one\n", ""),
        ("single", "a\nb", 'note: "a\\nb"\n', "now written in double quotes"),
        ("plain", "yes", "note: 'yes'\n", "now written in single quotes"),
        ("plain", "#x", "note: '#x'\n", "now written in single quotes"),
        ("folded", "trailing space \n", "note: |\n  trailing space \n", "as a literal block (|)"),
        ("literal", "a\tb\x07\n", 'note: "a\\tb\\x07\\n"\n', "in double quotes"),
        ("folded", "  leading\n", "note: >2\n    leading\n", ""),
        ("literal-digit", "plain\n", "note: |2\n  plain\n", ""),
        ("literal-strip", "a\nb", "note: |-\n    a\n    b\n", ""),
        ("folded-strip", "x y", "note: >- # a comment on the header\n  x y\n", ""),
    ],
)
def test_a_style_that_cannot_hold_the_text_falls_back_and_says_so(
    style: str, value: str, written: str, note: str
) -> None:
    text = header(style)
    result, edit = check_set(text, value)
    assert written in result
    if note:
        assert note in edit.note
        assert edit.note.startswith("'note'")
    else:
        assert edit.note == ""


def test_a_block_whose_kept_blank_lines_shrink_loses_only_those_lines() -> None:
    text = "---\nnote: |+\n  a\n\n\n\nz: 1\n---\n"
    result, _ = check_set(text, "b\n")
    assert result == "---\nnote: |+\n  b\nz: 1\n---\n"


@pytest.mark.parametrize("block", [">", "|-", ">2", "|+"])
@PROPERTY
@given(value=st.text())
def test_a_header_indented_as_a_whole_keeps_its_blocks_readable(block: str, value: str) -> None:
    text = f"---\n  name: n\n  note: {block}\n    x y\n     z\n\n  after: 1\n---\n"
    check_set(text, value)
