"""Structured changes expressed as span edits.

Each function takes a document and returns one `Edit`: a span of the text and its replacement.
Bytes outside the span never change, so comments, quoting and layout elsewhere survive, and an
editor can apply the edit as one undo step. List values keep their style: a flow list stays a flow
list with the same quote character and separator; a block list keeps its indentation and dashes.

The pieces: `edit` (the Edit and the moves all edits share), `keys` (finding and placing
front-matter keys), `fields` (front-matter scalars and lists), `sections` (the body's sections),
`list_items` (the list items inside a section), `scalars` (a string in the style it is
written in).
"""

from persona_studio.core.edits.edit import Edit, apply
from persona_studio.core.edits.fields import (
    add_list_value,
    add_tool,
    move_list_value,
    move_tool,
    remove_field,
    remove_list_value,
    remove_tool,
    rename_tool,
    replace_list_value,
    set_field,
    set_list,
    set_tools,
)
from persona_studio.core.edits.keys import COMMA_LIST_KEYS, KEY_ORDER, replace_value
from persona_studio.core.edits.list_items import (
    add_list_item,
    move_list_item,
    remove_list_item,
    set_list_item,
)
from persona_studio.core.edits.scalars import block_ending, editable_text, set_string
from persona_studio.core.edits.sections import (
    add_section,
    move_section,
    remove_section,
    replace_section_body,
)
from persona_studio.core.errors import EditError

__all__ = [
    "COMMA_LIST_KEYS",
    "KEY_ORDER",
    "Edit",
    "EditError",
    "add_list_item",
    "add_list_value",
    "add_section",
    "add_tool",
    "apply",
    "block_ending",
    "editable_text",
    "move_list_item",
    "move_list_value",
    "move_section",
    "move_tool",
    "remove_field",
    "remove_list_item",
    "remove_list_value",
    "remove_section",
    "remove_tool",
    "rename_tool",
    "replace_list_value",
    "replace_section_body",
    "replace_value",
    "set_field",
    "set_list",
    "set_list_item",
    "set_string",
    "set_tools",
]
