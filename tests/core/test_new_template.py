"""File › New's blank persona: no line ends in a space, and its empty list items fill in well."""

from __future__ import annotations

from persona_studio.core.document import parse
from persona_studio.core.edits import apply, set_list_item
from persona_studio.core.schema import load_schema


def test_the_blank_persona_has_no_trailing_spaces():
    text = load_schema().template("Name")
    assert [line for line in text.splitlines() if line != line.rstrip()] == []
    assert "\n-\n" in text  # the bullet sections still offer an empty item


def test_filling_an_empty_item_writes_a_list_item():
    document = parse(load_schema().template("Name"))
    section = next(s for s in document.sections if s.items)
    edited = apply(document, set_list_item(document, section.title, 0, "Reliability"))
    assert f"{section.title}\n- Reliability\n" in edited.text
    again = next(s for s in edited.sections if s.title == section.title)
    assert [item.text for item in again.items] == ["Reliability"]
