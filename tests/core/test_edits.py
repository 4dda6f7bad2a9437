"""Each edit function of persona_studio.core.edits, with the exact text it produces."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from persona_studio.core import edits
from persona_studio.core.document import parse
from persona_studio.core.edits import Edit, EditError


def run(text: str, function: Callable[..., Edit], *args: object, **kwargs: object) -> str:
    """Apply one edit and check that it touches nothing outside its span."""
    edit = function(parse(text), *args, **kwargs)
    assert 0 <= edit.start <= edit.end <= len(text)
    result = edit.apply(text)
    assert result == text[: edit.start] + edit.text + text[edit.end :]
    return result


# -- Edit and apply --------------------------------------------------------------------------------


def test_edit_apply_and_noop() -> None:
    edit = Edit(2, 4, "XY", "label")
    assert edit.apply("abcdef") == "abXYef"
    assert not edit.is_noop("abcdef")
    assert Edit(2, 4, "cd").is_noop("abcdef")
    assert edit.apply_to(parse("abcdef")).text == "abXYef"


def test_apply_several_edits_made_against_the_same_text() -> None:
    text = "---\nname: a\ntools: [x]\n---\n## A\nold\n"
    doc = parse(text)
    result = edits.apply(
        doc,
        edits.set_field(doc, "name", "b"),
        edits.add_tool(doc, "y"),
        edits.replace_section_body(doc, "A", "new"),
    )
    assert result.text == "---\nname: b\ntools: [x, y]\n---\n## A\nnew\n"


# -- tools: flow lists -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("tools: ['a', 'b']", "tools: ['a', 'b', 'c d']"),
        ('tools: ["a", "b"]', 'tools: ["a", "b", "c d"]'),
        ("tools: [a, b]", "tools: [a, b, c d]"),
        ("tools: [a,b]", "tools: [a,b,c d]"),
        ("tools: [ a , b ]", "tools: [ a , b , c d ]"),
        ("tools: ['a']", "tools: ['a', 'c d']"),
        ("tools: []", "tools: ['c d']"),
        ("tools: [ ]", "tools: ['c d']"),
        ("tools: ['a', b, 'c']", "tools: ['a', b, 'c', 'c d']"),
    ],
)
def test_add_tool_to_a_flow_list_keeps_quotes_and_separator(before: str, after: str) -> None:
    assert run(f"---\n{before}\n---\n", edits.add_tool, "c d") == f"---\n{after}\n---\n"


def test_add_tool_to_a_tagged_empty_list_writes_inside_the_brackets() -> None:
    text = "---\ntools: !!seq []\n---\n"
    assert run(text, edits.add_tool, "b") == "---\ntools: !!seq ['b']\n---\n"


def test_add_tool_at_an_index() -> None:
    text = "---\ntools: ['a', 'b']\n---\n"
    assert run(text, edits.add_tool, "z", 0) == "---\ntools: ['z', 'a', 'b']\n---\n"
    assert run(text, edits.add_tool, "z", 1) == "---\ntools: ['a', 'z', 'b']\n---\n"
    assert run(text, edits.add_tool, "z", 99) == "---\ntools: ['a', 'b', 'z']\n---\n"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("plain", "plain"),
        ("opik/*", "opik/*"),
        ("yes", "'yes'"),
        ("012", "'012'"),
        ("a: b", "'a: b'"),
        ("x, y", "'x, y'"),
        ("[x]", "'[x]'"),
        ("#x", "'#x'"),
        ("*", "'*'"),
        ("it's", "it's"),
        ("'quoted'", "'''quoted'''"),
        ("", "''"),
        ("tab\there", '"tab\\there"'),
    ],
)
def test_names_that_need_quotes_are_quoted_in_a_plain_list(name: str, written: str) -> None:
    text = "---\ntools: [a]\n---\n"
    result = run(text, edits.add_tool, name)
    assert result == f"---\ntools: [a, {written}]\n---\n"
    assert parse(result).data["tools"] == ["a", name]


def test_double_quoted_list_escapes() -> None:
    result = run('---\ntools: ["a"]\n---\n', edits.add_tool, 'say "hi" \\ now')
    assert result == '---\ntools: ["a", "say \\"hi\\" \\\\ now"]\n---\n'
    assert parse(result).data["tools"] == ["a", 'say "hi" \\ now']


@pytest.mark.parametrize(
    ("name", "after"),
    [
        ("a", "tools: ['b', 'c']"),
        ("b", "tools: ['a', 'c']"),
        ("c", "tools: ['a', 'b']"),
    ],
)
def test_remove_tool_from_a_flow_list(name: str, after: str) -> None:
    text = "---\ntools: ['a', 'b', 'c']\n---\n"
    assert run(text, edits.remove_tool, name) == f"---\n{after}\n---\n"


def test_remove_the_only_tool_leaves_an_empty_flow_list() -> None:
    assert run("---\ntools: [ 'a' ]\n---\n", edits.remove_tool, "a") == "---\ntools: []\n---\n"


def test_remove_tool_removes_the_first_occurrence() -> None:
    text = "---\ntools: [a, b, a]\n---\n"
    assert run(text, edits.remove_tool, "a") == "---\ntools: [b, a]\n---\n"


def test_rename_tool_touches_only_the_name_and_keeps_quoting() -> None:
    text = "---\ntools: ['a', \"b\", c]  # keep\n---\n"
    assert run(text, edits.rename_tool, "b", "edit/editFiles") == (
        "---\ntools: ['a', \"edit/editFiles\", c]  # keep\n---\n"
    )
    assert (
        run(text, edits.rename_tool, "c", "yes") == "---\ntools: ['a', \"b\", 'yes']  # keep\n---\n"
    )


def test_rename_tool_renames_every_occurrence() -> None:
    text = "---\ntools: ['a', 'b', 'a']\n---\n"
    assert run(text, edits.rename_tool, "a", "z") == "---\ntools: ['z', 'b', 'z']\n---\n"


@pytest.mark.parametrize(
    ("name", "to", "after"),
    [
        ("a", 2, "tools: ['b', 'c', 'a']"),
        ("c", 0, "tools: ['c', 'a', 'b']"),
        ("b", 0, "tools: ['b', 'a', 'c']"),
        ("a", 99, "tools: ['b', 'c', 'a']"),
        ("b", 1, "tools: ['a', 'b', 'c']"),
    ],
)
def test_move_tool_in_a_flow_list(name: str, to: int, after: str) -> None:
    text = "---\ntools: ['a', 'b', 'c']\n---\n"
    assert run(text, edits.move_tool, name, to) == f"---\n{after}\n---\n"


def test_set_tools_rewrites_only_between_the_brackets() -> None:
    text = "---\ntools: [ 'a', 'b' ]  # comment\n---\n"
    assert run(text, edits.set_tools, ["x", "yes", "y z"]) == (
        "---\ntools: [ 'x', 'yes', 'y z' ]  # comment\n---\n"
    )
    assert run(text, edits.set_tools, []) == "---\ntools: [  ]  # comment\n---\n"
    assert run("---\ntools: [a,b]\n---\n", edits.set_tools, ["c", "on"]) == (
        "---\ntools: [c,'on']\n---\n"
    )


def test_multi_line_flow_list_keeps_one_item_per_line() -> None:
    text = "---\ntools: [\n  'a',\n  'b'\n]\nname: n\n---\n"
    assert (
        run(text, edits.add_tool, "c") == "---\ntools: [\n  'a',\n  'b',\n  'c'\n]\nname: n\n---\n"
    )
    assert run(text, edits.remove_tool, "a") == "---\ntools: [\n  'b'\n]\nname: n\n---\n"
    assert run(text, edits.remove_tool, "b") == "---\ntools: [\n  'a'\n]\nname: n\n---\n"


def test_flow_list_on_the_next_line() -> None:
    text = "---\ntools:\n  [ 'a', 'b' ]\n---\n"
    assert run(text, edits.add_tool, "c") == "---\ntools:\n  [ 'a', 'b', 'c' ]\n---\n"


# -- tools: block lists ----------------------------------------------------------------------------


def test_add_tool_to_a_block_list_keeps_indent_and_quotes() -> None:
    text = "---\ntools:\n  - 'a'\n  - 'b'\nname: n\n---\n"
    assert (
        run(text, edits.add_tool, "c") == "---\ntools:\n  - 'a'\n  - 'b'\n  - 'c'\nname: n\n---\n"
    )
    assert run(text, edits.add_tool, "c", 0) == (
        "---\ntools:\n  - 'c'\n  - 'a'\n  - 'b'\nname: n\n---\n"
    )


def test_add_tool_to_an_indentless_plain_block_list() -> None:
    text = "---\ntools:\n- a\n- b\n---\n"
    assert run(text, edits.add_tool, "c") == "---\ntools:\n- a\n- b\n- c\n---\n"
    assert run(text, edits.add_tool, "no") == "---\ntools:\n- a\n- b\n- 'no'\n---\n"


def test_remove_and_move_in_a_block_list() -> None:
    text = "---\ntools:\n  - a\n  - b  # two\n  - c\n---\n"
    assert run(text, edits.remove_tool, "b") == "---\ntools:\n  - a\n  - c\n---\n"
    assert run(text, edits.remove_tool, "c") == "---\ntools:\n  - a\n  - b  # two\n---\n"
    assert run(text, edits.move_tool, "a", 2) == "---\ntools:\n  - b  # two\n  - c\n  - a\n---\n"
    assert run(text, edits.move_tool, "c", 0) == "---\ntools:\n  - c\n  - a\n  - b  # two\n---\n"


def test_remove_the_only_block_item_writes_an_empty_list() -> None:
    text = "---\ntools:\n  - a\nname: n\n---\n"
    assert run(text, edits.remove_tool, "a") == "---\ntools: []\nname: n\n---\n"


def test_set_tools_on_a_block_list() -> None:
    text = '---\ntools:\n  - "a"\n  - "b"\nname: n\n---\n'
    assert run(text, edits.set_tools, ["x", "y"]) == (
        '---\ntools:\n  - "x"\n  - "y"\nname: n\n---\n'
    )
    assert run(text, edits.set_tools, []) == "---\ntools: []\nname: n\n---\n"


def test_block_list_with_crlf() -> None:
    text = "---\r\ntools:\r\n  - a\r\n  - b\r\n---\r\n"
    assert run(text, edits.add_tool, "c") == "---\r\ntools:\r\n  - a\r\n  - b\r\n  - c\r\n---\r\n"
    assert run(text, edits.remove_tool, "a") == "---\r\ntools:\r\n  - b\r\n---\r\n"
    assert run(text, edits.move_tool, "b", 0) == "---\r\ntools:\r\n  - b\r\n  - a\r\n---\r\n"
    assert run(text, edits.set_tools, ["x", "y", "z"]) == (
        "---\r\ntools:\r\n  - x\r\n  - y\r\n  - z\r\n---\r\n"
    )


# -- tools: comma-separated strings (Claude Code) --------------------------------------------------


def test_comma_string_tools_stay_a_comma_string() -> None:
    text = "---\ntools: Read, Grep\n---\n"
    assert run(text, edits.add_tool, "Bash") == "---\ntools: Read, Grep, Bash\n---\n"
    assert run(text, edits.add_tool, "Bash", 0) == "---\ntools: Bash, Read, Grep\n---\n"
    assert run(text, edits.remove_tool, "Read") == "---\ntools: Grep\n---\n"
    assert run(text, edits.rename_tool, "Grep", "Glob") == "---\ntools: Read, Glob\n---\n"
    assert run(text, edits.move_tool, "Grep", 0) == "---\ntools: Grep, Read\n---\n"
    assert run(text, edits.set_tools, ["A", "B"]) == "---\ntools: A, B\n---\n"
    quoted = "---\ntools: 'Read, Grep'\n---\n"
    assert run(quoted, edits.add_tool, "Bash") == "---\ntools: 'Read, Grep, Bash'\n---\n"
    single = "---\ntools: Read\n---\n"
    assert run(single, edits.add_tool, "Grep") == "---\ntools: Read, Grep\n---\n"


def test_a_single_name_string_becomes_a_list_only_for_list_keys() -> None:
    # `model` may be a string or a fallback list: a list is written as a YAML list.
    text = "---\nmodel: GPT-4.1\n---\n"
    result = run(text, edits.set_field, "model", ["GPT-4.1", "Claude"])
    assert result == "---\nmodel: ['GPT-4.1', 'Claude']\n---\n"
    assert parse(result).data["model"] == ["GPT-4.1", "Claude"]


# -- absent key, absent header ---------------------------------------------------------------------


def test_absent_tools_key_is_added_in_key_order() -> None:
    text = "---\nname: n\ndescription: d\nmodel: m\n---\n"
    assert run(text, edits.add_tool, "a") == (
        "---\nname: n\ndescription: d\ntools: ['a']\nmodel: m\n---\n"
    )
    assert run(text, edits.set_tools, ["a", "b"]) == (
        "---\nname: n\ndescription: d\ntools: ['a', 'b']\nmodel: m\n---\n"
    )


@pytest.mark.parametrize(
    ("key", "value", "after"),
    [
        ("name", "n", "---\nname: n\ndescription: d\ntools: [a]\nx-custom: 1\n---\n"),
        ("model", "GPT-4.1", "---\ndescription: d\ntools: [a]\nmodel: GPT-4.1\nx-custom: 1\n---\n"),
        (
            "argument-hint",
            "a file",
            "---\ndescription: d\nargument-hint: a file\ntools: [a]\nx-custom: 1\n---\n",
        ),
        ("color", "red", "---\ndescription: d\ntools: [a]\nx-custom: 1\ncolor: red\n---\n"),
    ],
)
def test_absent_key_goes_to_its_key_order_place(key: str, value: str, after: str) -> None:
    text = "---\ndescription: d\ntools: [a]\nx-custom: 1\n---\n"
    assert run(text, edits.set_field, key, value) == after


def test_new_description_is_single_quoted() -> None:
    assert run("---\nname: n\n---\n", edits.set_field, "description", "Helps") == (
        "---\nname: n\ndescription: 'Helps'\n---\n"
    )


def test_absent_header_is_created() -> None:
    assert run("# Title\n", edits.set_field, "name", "x") == "---\nname: x\n---\n# Title\n"
    assert run("", edits.add_tool, "a") == "---\ntools: ['a']\n---\n"
    assert run("\ufeff# T\r\n", edits.set_field, "name", "x") == (
        "\ufeff---\r\nname: x\r\n---\r\n# T\r\n"
    )


def test_key_added_to_an_empty_or_comment_only_header() -> None:
    assert run("---\n---\nbody\n", edits.set_tools, ["a"]) == "---\ntools: ['a']\n---\nbody\n"
    assert run("---\n# c\n---\n", edits.set_field, "name", "n") == "---\n# c\nname: n\n---\n"


# -- set_field / remove_field ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        ("name: 'a'", "it's", "name: 'it''s'"),
        ('name: "a"', "b", 'name: "b"'),
        ("name: a", "b c", "name: b c"),
        ("name: a", "yes", "name: 'yes'"),
        ("name: a", "x: y", "name: 'x: y'"),
        ("name: a  # note", "b", "name: b  # note"),
        ("name:", "b", "name: b"),
        ("name:   # note", "b", "name: b   # note"),
        ("name: |\n  line one\n  line two", "b", "name: |-\n  b"),
        ("name:\n  on the next line", "b", "name: b"),
        ("name: a", "two\nlines", 'name: "two\\nlines"'),
        ("name: a", 3, "name: 3"),
        ("name: a", True, "name: true"),
        ("name: a", 2.5, "name: 2.5"),
        ("name: a", float("inf"), "name: .inf"),
        ("name: a", ["x", "y"], "name: ['x', 'y']"),
    ],
)
def test_set_field(before: str, value: object, after: str) -> None:
    text = f"---\n{before}\nother: o\n---\n"
    result = run(text, edits.set_field, "name", value)
    assert result == f"---\n{after}\nother: o\n---\n"
    assert parse(result).data["name"] == value
    assert parse(result).data["other"] == "o"


def test_set_field_on_a_mapping_value() -> None:
    text = "---\nmcp:\n  a: 1\n  b: 2\nname: n\n---\n"
    assert run(text, edits.set_field, "mcp", "off") == "---\nmcp: 'off'\nname: n\n---\n"


def test_remove_field_and_set_none() -> None:
    text = "---\nname: n\ntools:\n  - a\n  - b\nmodel: m\n---\n"
    assert run(text, edits.remove_field, "tools") == "---\nname: n\nmodel: m\n---\n"
    assert run(text, edits.set_field, "name", None) == "---\ntools:\n  - a\n  - b\nmodel: m\n---\n"


def test_remove_field_removes_every_occurrence_of_a_duplicate_key() -> None:
    text = "---\nname: a\nmodel: m\nname: b\n---\n"
    assert run(text, edits.remove_field, "name") == "---\nmodel: m\n---\n"


def test_set_field_on_a_duplicate_key_sets_the_one_that_counts() -> None:
    text = "---\nname: a\nname: b\n---\n"
    result = run(text, edits.set_field, "name", "c")
    assert result == "---\nname: a\nname: c\n---\n"
    assert parse(result).data["name"] == "c"


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "call", "message"),
    [
        (
            "---\ntools: [a]\n---\n",
            lambda d: edits.remove_tool(d, "zz"),
            "'zz' is not in the tools list",
        ),
        (
            "---\ntools: [a]\n---\n",
            lambda d: edits.rename_tool(d, "zz", "y"),
            "'zz' is not in the tools list",
        ),
        (
            "---\ntools: [a]\n---\n",
            lambda d: edits.move_tool(d, "zz", 0),
            "'zz' is not in the tools list",
        ),
        ("---\nname: n\n---\n", lambda d: edits.remove_tool(d, "a"), "no 'tools' list"),
        ("# no header\n", lambda d: edits.remove_tool(d, "a"), "The document has no front matter"),
        ("---\nname: n\n---\n", lambda d: edits.remove_field(d, "model"), "no 'model' key"),
        (
            "---\ntools: [a\n---\n",
            lambda d: edits.add_tool(d, "b"),
            "The front matter has a problem on line 2",
        ),
        (
            "---\na: &x 1\n---\n",
            lambda d: edits.set_field(d, "name", "n"),
            "YAML anchors (&x) are not allowed); fix it in the source first",
        ),
        (
            "---\nname: n\n",
            lambda d: edits.set_field(d, "name", "m"),
            "The front matter has a problem on line 1",
        ),
        (
            "---\n{name: n}\n---\n",
            lambda d: edits.set_field(d, "model", "m"),
            "written as one {...} mapping",
        ),
        ("# A\n", lambda d: edits.replace_section_body(d, "Nope", "x"), "no section 'Nope'"),
        ("# A\n", lambda d: edits.remove_section(d, "Nope"), "no section 'Nope'"),
        ("# A\n", lambda d: edits.move_section(d, "Nope", 0), "no section 'Nope'"),
        ("# A\n", lambda d: edits.add_section(d, "B", before="Nope"), "no section 'Nope'"),
        ("## A\n- a\n", lambda d: edits.set_list_item(d, "A", 5, "x"), "'A' has no item 6"),
        ("## A\n- a\n", lambda d: edits.remove_list_item(d, "A", 1), "'A' has no item 2"),
        ("## A\n- a\n", lambda d: edits.move_list_item(d, "A", 3, 0), "no item 4 to move"),
        (
            "---\nname: n\n",
            lambda d: edits.add_section(d, "B"),
            "The front matter has no closing '---' line",
        ),
    ],
)
def test_edit_errors_have_clear_messages(
    text: str, call: Callable[..., Edit], message: str
) -> None:
    with pytest.raises(EditError) as raised:
        call(parse(text))
    assert message in str(raised.value)


# -- sections --------------------------------------------------------------------------------------

DOC = "---\nname: n\n---\n# Title\n\nIntro.\n\n## A\n\nAlpha.\n\n## B\nBeta.\n\n## C\n\nGamma.\n"


def test_replace_section_body_keeps_the_blank_lines_around_it() -> None:
    assert run(DOC, edits.replace_section_body, "A", "New\ntext") == DOC.replace(
        "Alpha.", "New\ntext"
    )
    assert run(DOC, edits.replace_section_body, "B", "x") == DOC.replace("Beta.", "x")
    assert run(DOC, edits.replace_section_body, "C", "\n\nz\n\n") == DOC.replace("Gamma.", "z")


def test_replace_section_body_normalises_line_breaks_to_the_document() -> None:
    text = "## A\r\nold\r\n\r\n## B\r\n"
    assert run(text, edits.replace_section_body, "A", "one\ntwo") == (
        "## A\r\none\r\ntwo\r\n\r\n## B\r\n"
    )


def test_replace_empty_section_body() -> None:
    assert run("## A\n## B\n", edits.replace_section_body, "A", "x") == "## A\nx\n\n## B\n"
    assert run("## A\n", edits.replace_section_body, "A", "x") == "## A\nx\n"
    assert run("## A", edits.replace_section_body, "A", "x") == "## A\nx"
    assert run("## A\n\n## B\n", edits.replace_section_body, "A", "x") == "## A\nx\n\n## B\n"


def test_replace_section_body_with_nothing() -> None:
    assert run("## A\nold\n\n## B\n", edits.replace_section_body, "A", "") == "## A\n\n## B\n"
    assert run("## A\nold\n", edits.replace_section_body, "A", "") == "## A\n"
    assert run("## A\nold", edits.replace_section_body, "A", "") == "## A"


def test_replace_last_section_body_keeps_a_missing_final_line_break_missing() -> None:
    assert run("## A\nold", edits.replace_section_body, "A", "new") == "## A\nnew"


def test_replace_section_body_keeps_blank_lines_holding_spaces() -> None:
    text = "## A\nold  \n  \n## B\n"
    assert run(text, edits.replace_section_body, "A", "new") == "## A\nnew\n  \n## B\n"


def test_replace_section_body_of_a_parent_stops_at_its_first_subsection() -> None:
    text = "## A\nold\n### A1\nkeep\n"
    assert run(text, edits.replace_section_body, "A", "new") == "## A\nnew\n### A1\nkeep\n"


def test_add_section_at_the_end() -> None:
    assert run(DOC, edits.add_section, "D", "Delta.") == DOC + "\n## D\nDelta.\n"
    assert run("# T\ntext", edits.add_section, "D", "x") == "# T\ntext\n\n## D\nx\n"
    assert run("# T\n\n", edits.add_section, "D") == "# T\n\n## D\n"
    assert (
        run("# T\r\n", edits.add_section, "D", "a\nb", level=3) == "# T\r\n\r\n### D\r\na\r\nb\r\n"
    )


def test_add_section_to_an_empty_body() -> None:
    assert run("", edits.add_section, "D", "x") == "## D\nx\n"
    assert run("---\nname: n\n---\n", edits.add_section, "D") == "---\nname: n\n---\n## D\n"
    # The closing fence has no line break: the heading must not join its line.
    assert run("---\nname: n\n---", edits.add_section, "D") == "---\nname: n\n---\n## D\n"


def test_add_section_after_an_unclosed_fence_closes_it_first() -> None:
    # The fence never closes, so everything after it would be code: close it, then add.
    text = "## A\ntext\n~~~~md\n# code\n"
    assert run(text, edits.add_section, "B", "b") == text + "~~~~\n\n## B\nb\n"
    assert run("## A\n```", edits.add_section, "B") == "## A\n```\n```\n\n## B\n"
    assert [s.title for s in parse(text + "~~~~\n\n## B\nb\n").sections] == ["A", "B"]


def test_add_section_before_another() -> None:
    assert run(DOC, edits.add_section, "Z", "Zed.", before="B") == DOC.replace(
        "## B\n", "## Z\nZed.\n\n## B\n"
    )
    assert run(DOC, edits.add_section, "Z", before="A") == DOC.replace("## A\n", "## Z\n\n## A\n")


def test_remove_sections() -> None:
    assert run(DOC, edits.remove_section, "B") == DOC.replace("## B\nBeta.\n\n", "")
    assert run(DOC, edits.remove_section, "C") == DOC.replace("\n## C\n\nGamma.\n", "")
    assert run(DOC, edits.remove_section, "A") == DOC.replace("## A\n\nAlpha.\n\n", "")


def test_remove_last_section_without_final_line_break() -> None:
    assert run("## A\na\n\n## B\nb", edits.remove_section, "B") == "## A\na"


def test_remove_section_takes_its_subsections() -> None:
    text = "## A\na\n### A1\nx\n## B\nb\n"
    assert run(text, edits.remove_section, "A") == "## B\nb\n"
    assert run(text, edits.remove_section, "A1") == "## A\na\n## B\nb\n"


def test_remove_the_only_section_after_front_matter() -> None:
    assert run("---\nname: n\n---\n\n## A\nx\n", edits.remove_section, "A") == "---\nname: n\n---\n"


def test_remove_last_section_crlf() -> None:
    text = "## A\r\na\r\n\r\n## B\r\nb\r\n"
    assert run(text, edits.remove_section, "B") == "## A\r\na\r\n"


@pytest.mark.parametrize(
    ("name", "to", "order"),
    [
        ("A", 2, ["B", "C", "A"]),
        ("C", 0, ["C", "A", "B"]),
        ("B", 0, ["B", "A", "C"]),
        ("B", 2, ["A", "C", "B"]),
        ("A", 0, ["A", "B", "C"]),
    ],
)
def test_move_section_among_siblings(name: str, to: int, order: list[str]) -> None:
    bodies = {"A": "## A\n\nAlpha.\n", "B": "## B\nBeta.\n", "C": "## C\n\nGamma.\n"}
    expected = "---\nname: n\n---\n# Title\n\nIntro.\n\n" + "\n".join(bodies[k] for k in order)
    assert run(DOC, edits.move_section, name, to) == expected


def test_move_section_takes_its_subsections_and_keeps_a_missing_final_break() -> None:
    text = "## A\na\n### A1\nx\n\n## B\nb"
    assert run(text, edits.move_section, "B", 0) == "## B\nb\n\n## A\na\n### A1\nx"


def test_move_section_stays_under_its_parent() -> None:
    text = "## Loose\n# T\n## A\na\n## B\nb\n"
    assert run(text, edits.move_section, "Loose", 1) == text  # no sibling outside T
    assert run(text, edits.move_section, "A", 1) == "## Loose\n# T\n## B\nb\n## A\na\n"


def test_move_section_crlf() -> None:
    text = "## A\r\na\r\n\r\n## B\r\nb\r\n"
    assert run(text, edits.move_section, "A", 1) == "## B\r\nb\r\n\r\n## A\r\na\r\n"


# -- list items in sections ------------------------------------------------------------------------

LIST = "## L\n- one\n- two\n- three\n\nAfter.\n"


def test_add_list_item() -> None:
    assert run(LIST, edits.add_list_item, "L", "four") == LIST.replace("three\n", "three\n- four\n")
    assert run(LIST, edits.add_list_item, "L", "zero", 0) == LIST.replace("- one", "- zero\n- one")
    assert run(LIST, edits.add_list_item, "L", "1.5", 1) == LIST.replace("- two", "- 1.5\n- two")
    assert run(LIST, edits.add_list_item, "L", "  many\n words ") == LIST.replace(
        "three\n", "three\n- many words\n"
    )


def test_add_list_item_to_a_section_without_a_list() -> None:
    assert run("## L\nText.\n\n## M\n", edits.add_list_item, "L", "x") == (
        "## L\nText.\n\n- x\n\n## M\n"
    )
    assert run("## L\n", edits.add_list_item, "L", "x") == "## L\n- x\n"


def test_add_list_item_at_end_of_file_without_line_break() -> None:
    assert run("## L\n* a", edits.add_list_item, "L", "b") == "## L\n* a\n* b"


def test_set_list_item() -> None:
    assert run(LIST, edits.set_list_item, "L", 1, "TWO") == LIST.replace("two", "TWO")
    text = "## L\n- a\n  continued\n- b\n"
    assert run(text, edits.set_list_item, "L", 0, "joined") == "## L\n- joined\n- b\n"


@pytest.mark.parametrize(
    ("index", "after"),
    [
        (0, "## L\n- two\n- three\n\nAfter.\n"),
        (1, "## L\n- one\n- three\n\nAfter.\n"),
        (2, "## L\n- one\n- two\n\nAfter.\n"),
    ],
)
def test_remove_list_item(index: int, after: str) -> None:
    assert run(LIST, edits.remove_list_item, "L", index) == after


def test_remove_list_item_in_a_loose_list_keeps_single_blank_lines() -> None:
    text = "## L\n- a\n\n- b\n\n- c\n"
    assert run(text, edits.remove_list_item, "L", 1) == "## L\n- a\n\n- c\n"
    assert run(text, edits.remove_list_item, "L", 2) == "## L\n- a\n\n- b\n"
    assert run(text, edits.remove_list_item, "L", 0) == "## L\n- b\n\n- c\n"


def test_remove_last_list_item_at_end_without_line_break() -> None:
    assert run("## L\n- a\n- b", edits.remove_list_item, "L", 1) == "## L\n- a"
    assert run("## L\nText.\n- only", edits.remove_list_item, "L", 0) == "## L\nText."


@pytest.mark.parametrize(
    ("from_", "to", "after"),
    [
        (0, 2, "## L\n- two\n- three\n- one\n\nAfter.\n"),
        (2, 0, "## L\n- three\n- one\n- two\n\nAfter.\n"),
        (1, 2, "## L\n- one\n- three\n- two\n\nAfter.\n"),
    ],
)
def test_move_list_item(from_: int, to: int, after: str) -> None:
    assert run(LIST, edits.move_list_item, "L", from_, to) == after


def test_move_multi_line_list_item() -> None:
    text = "## L\n- a\n  more a\n- b\n"
    assert run(text, edits.move_list_item, "L", 0, 1) == "## L\n- b\n- a\n  more a\n"


ORDERED = "## Steps\n1. one\n2. two\n3. three\n"


def test_ordered_list_is_renumbered_after_add_remove_and_move() -> None:
    assert run(ORDERED, edits.add_list_item, "Steps", "zero", 0) == (
        "## Steps\n1. zero\n2. one\n3. two\n4. three\n"
    )
    assert run(ORDERED, edits.add_list_item, "Steps", "four") == ORDERED + "4. four\n"
    assert run(ORDERED, edits.remove_list_item, "Steps", 0) == "## Steps\n1. two\n2. three\n"
    assert run(ORDERED, edits.move_list_item, "Steps", 2, 0) == (
        "## Steps\n1. three\n2. one\n3. two\n"
    )


def test_ordered_list_from_another_start_and_with_parentheses() -> None:
    text = "## S\n3) c\n4) d\n"
    assert run(text, edits.add_list_item, "S", "b", 0) == "## S\n3) b\n4) c\n5) d\n"


def test_ordered_list_numbered_all_alike_keeps_its_style() -> None:
    text = "## S\n1. a\n1. b\n"
    assert run(text, edits.add_list_item, "S", "c") == "## S\n1. a\n1. b\n1. c\n"
    assert run(text, edits.move_list_item, "S", 1, 0) == "## S\n1. b\n1. a\n"


def test_ordered_list_renumbering_crosses_ten() -> None:
    text = "## S\n" + "".join(f"{n}. i{n}\n" for n in range(1, 10))
    result = run(text, edits.add_list_item, "S", "new", 0)
    assert result == "## S\n1. new\n" + "".join(f"{n + 1}. i{n}\n" for n in range(1, 10))


def test_renumbering_moves_a_nested_list_with_its_wider_marker() -> None:
    # `9.` becoming `10.` moves the content column by one: the nested list must follow, or it
    # would no longer belong to the item.
    nine = "## S\n" + "".join(f"{n}. i{n}\n" for n in range(1, 10)) + "   - sub\n"
    ten = "## S\n1. new\n" + "".join(f"{n + 1}. i{n}\n" for n in range(1, 10)) + "    - sub\n"
    assert run(nine, edits.add_list_item, "S", "new", 0) == ten
    assert run(ten, edits.remove_list_item, "S", 0) == nine
    assert parse(ten).sections[0].items[-1].text == "i9\n- sub"


def test_list_item_edits_crlf() -> None:
    text = "## L\r\n1. a\r\n2. b\r\n"
    assert run(text, edits.add_list_item, "L", "c") == "## L\r\n1. a\r\n2. b\r\n3. c\r\n"
    assert run(text, edits.remove_list_item, "L", 0) == "## L\r\n1. b\r\n"
    assert run(text, edits.move_list_item, "L", 0, 1) == "## L\r\n1. b\r\n2. a\r\n"


# -- replace_list_value ----------------------------------------------------------------------------


def test_replace_list_value_with_several_names() -> None:
    flow = "---\ntools: ['a', 'runCommands', 'b']\n---\n"
    assert run(flow, edits.replace_list_value, "tools", 1, ["x/y", "x/z"]) == (
        "---\ntools: ['a', 'x/y', 'x/z', 'b']\n---\n"
    )
    block = "---\ntools:\n  - a\n  - old\n---\n"
    assert run(block, edits.replace_list_value, "tools", 1, ["n1", "n2"]) == (
        "---\ntools:\n  - a\n  - n1\n  - n2\n---\n"
    )
    assert run(block, edits.replace_list_value, "tools", 1, []) == "---\ntools:\n  - a\n---\n"
    comma = "---\ntools: A, B\n---\n"
    assert run(comma, edits.replace_list_value, "tools", 0, ["C", "D"]) == (
        "---\ntools: C, D, B\n---\n"
    )
