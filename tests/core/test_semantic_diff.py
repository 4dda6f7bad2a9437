"""The semantic diff and the figures: real files from the shared corpus and the seed against
copies edited in memory (a tool added, a section removed or moved, the description changed,
Decision Pattern items reordered), with exact results."""

from __future__ import annotations

import math

import pytest

from _shared import SEED, shared_path
from persona_studio.core.diff import DiffOptions, diff_texts
from persona_studio.core.document import Document, parse
from persona_studio.core.semantic_diff import (
    ItemChanges,
    KeyChange,
    SectionChange,
    SemanticDiff,
    figures,
    semantic_diff,
    tool_names,
)


def corpus_text(name: str) -> str:
    """A file of ../shared/corpus (the test skips, or fails under CI=true, without it)."""
    __tracebackhide__ = True
    return shared_path("corpus", name).read_text(encoding="utf-8")


def section_text(document: Document, title: str) -> str:
    section = document.section(title)
    assert section is not None, title
    return document.text[section.span.start : section.span.end]


def remove_section(text: str, title: str) -> str:
    return text.replace(section_text(parse(text), title), "", 1)


def move_section_before(text: str, title: str, before: str) -> str:
    block = section_text(parse(text), title)
    text = text.replace(block, "", 1)
    anchor = parse(text).section(before)
    assert anchor is not None
    return text[: anchor.span.start] + block + text[anchor.span.start :]


def compare(a: str, b: str, **options: object) -> SemanticDiff:
    return semantic_diff(parse(a), parse(b), **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def janitor() -> str:
    return corpus_text("janitor.chatmode.md")


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


# -- single edits on real files ---------------------------------------------------------------


def test_a_file_against_itself_is_equal(janitor: str) -> None:
    result = compare(janitor, janitor)
    assert result == SemanticDiff()
    assert result.equal
    assert figures(diff_texts(janitor, janitor)).similarity == 1.0


def test_tool_added(janitor: str) -> None:
    edited = janitor.replace("'usages', ", "'usages', 'playwright/*', ", 1)
    result = compare(janitor, edited)
    assert result.tools_added == ("playwright/*",)
    assert result.tools_removed == ()
    assert [change.key for change in result.keys_changed] == ["tools"]
    assert result.sections_added == result.sections_removed == result.sections_changed == ()
    assert not result.equal


def test_tool_removed_and_added_in_order(janitor: str) -> None:
    edited = janitor.replace("'fetch', ", "", 1).replace("'github']", "'github', 'todos']", 1)
    result = compare(janitor, edited)
    assert result.tools_removed == ("fetch",)
    assert result.tools_added == ("todos",)


def test_section_removed(janitor: str) -> None:
    edited = remove_section(janitor, "Test Optimization")
    result = compare(janitor, edited)
    assert result == SemanticDiff(sections_removed=("Test Optimization",))


def test_section_added(janitor: str) -> None:
    edited = janitor.replace(
        "## Research Tools", "## Safety Net\n\n- Run the tests\n\n## Research Tools"
    )
    result = compare(janitor, edited)
    assert result == SemanticDiff(sections_added=("Safety Net",))


def test_section_moved(janitor: str) -> None:
    edited = move_section_before(janitor, "Research Tools", "Core Philosophy")
    assert edited != janitor and sorted(edited.splitlines()) == sorted(janitor.splitlines())
    result = compare(janitor, edited)
    assert result == SemanticDiff(sections_moved=("Research Tools",))


def test_description_changed() -> None:
    text = corpus_text("azure-principal-architect.agent.md")
    old = "Provide expert Azure Principal Architect guidance"
    new = "Give expert Azure architecture guidance"
    result = compare(text, text.replace(old, new, 1))
    before = parse(text).data["description"]
    after = before.replace(old, new)
    assert result == SemanticDiff(
        keys_changed=(KeyChange("description", before, after),),
        description=(before, after),
    )


def test_decision_pattern_items_reordered(seed: str) -> None:
    item = "- Automation > manual intervention\n"
    edited = seed.replace(item, "", 1).replace(
        "## Decision Pattern\n", "## Decision Pattern\n" + item, 1
    )
    result = compare(seed, edited)
    assert result == SemanticDiff(
        sections_changed=(
            SectionChange(
                "Decision Pattern",
                2,
                2,
                ItemChanges(reordered=("Automation > manual intervention",)),
            ),
        )
    )
    assert result.sections_changed[0].items.reordered
    assert not result.sections_changed[0].items.added


def test_decision_pattern_item_edited_is_removed_and_added(seed: str) -> None:
    edited = seed.replace("Reliability > features > convenience", "Reliability > speed")
    (change,) = compare(seed, edited).sections_changed
    assert change.items == ItemChanges(
        added=("Reliability > speed",), removed=("Reliability > features > convenience",)
    )


def test_every_edit_at_once(seed: str) -> None:
    """A tool added, a section removed, the description changed, Decision Pattern items
    reordered and a section moved, all in one copy of the seed."""
    edited = seed.replace("'usages', ", "'usages', 'todo', ", 1)
    edited = edited.replace("Backend specialist focused", "Backend engineer focused", 1)
    edited = remove_section(edited, "Tech Stack Focus")
    edited = edited.replace(
        "- Reliability > features > convenience\n- Data integrity > performance > features\n",
        "- Data integrity > performance > features\n- Reliability > features > convenience\n",
        1,
    )
    edited = move_section_before(edited, "Focus Areas", "Problem Solving Approach")
    result = compare(seed, edited)
    description = parse(seed).data["description"]
    assert result.tools_added == ("todo",)
    assert result.tools_removed == ()
    assert result.sections_removed == ("Tech Stack Focus",)
    assert result.sections_added == ()
    assert result.sections_moved == ("Focus Areas",)
    # Two swapped items: one of them left the order the others keep.
    assert result.sections_changed == (
        SectionChange(
            "Decision Pattern",
            2,
            2,
            ItemChanges(reordered=("Reliability > features > convenience",)),
        ),
    )
    assert result.description == (
        description,
        description.replace("specialist", "engineer"),
    )
    assert [change.key for change in result.keys_changed] == ["tools", "description"]
    assert result.keys_added == result.keys_removed == ()
    assert result.title is None and not result.intro_changed

    data = result.to_dict()
    assert data["tools"] == {"added": ["todo"], "removed": [], "renamed": []}
    assert data["sections"]["removed"] == ["Tech Stack Focus"]
    assert data["sections"]["moved"] == ["Focus Areas"]
    assert data["sections"]["changed"] == ["Decision Pattern"]
    assert data["sections"]["items"] == {
        "Decision Pattern": {
            "added": [],
            "removed": [],
            "reordered": ["Reliability > features > convenience"],
        }
    }
    assert data["keys"]["changed"] == ["tools", "description"]


# -- keys, title, intro -----------------------------------------------------------------------


def test_keys_added_removed_and_changed() -> None:
    a = "---\nname: One\ndescription: d\ntarget: vscode\n---\n# T\n"
    b = "---\ndescription: d\ntarget: github-copilot\nmodel: GPT-5 (copilot)\n---\n# T\n"
    result = compare(a, b)
    assert result.keys_added == ("model",)
    assert result.keys_removed == ("name",)
    assert result.keys_changed == (KeyChange("target", "vscode", "github-copilot"),)
    assert result.description is None


def test_a_value_of_another_type_is_a_change() -> None:
    result = compare("---\nflag: 1\n---\n", "---\nflag: true\n---\n")
    assert result.keys_changed == (KeyChange("flag", 1, True),)


def test_title_and_intro() -> None:
    a = "# Persona: Backend\n\nYou are a backend specialist.\n\n## Core Belief\nX\n"
    b = "# Persona: Backend API\n\nYou are a backend engineer.\n\n## Core Belief\nX\n"
    result = compare(a, b)
    assert result.title == ("Persona: Backend", "Persona: Backend API")
    assert result.intro_changed
    assert result.sections_added == result.sections_removed == result.sections_changed == ()


def test_titles_match_case_insensitively_and_level_changes_count() -> None:
    a = "# T\n## Core Belief\nX\n## Focus Areas\n- a\n"
    b = "# T\n## core  belief\nX\n### Focus Areas\n- a\n"
    result = compare(a, b)
    assert result.sections_added == result.sections_removed == ()
    assert result.sections_changed == (SectionChange("Focus Areas", 2, 3),)


def test_repeated_titles_match_in_order() -> None:
    a = "# T\n## Notes\none\n## Notes\ntwo\n"
    b = "# T\n## Notes\none\n## Notes\nthree\n## Notes\nfour\n"
    result = compare(a, b)
    assert result.sections_added == ("Notes",)
    assert [change.title for change in result.sections_changed] == ["Notes"]


def test_options_apply_to_section_text() -> None:
    a = "# T\n## Core Belief\nReliability  first.\n"
    b = "# T\n## Core Belief\nreliability first.\n"
    assert not compare(a, b).equal
    both = DiffOptions(ignore_whitespace=True, ignore_case=True)
    assert compare(a, b, options=both).equal


def test_front_matter_error_is_noted() -> None:
    result = compare("---\ntools: [a\n---\n# T\n", "---\ntools: [a]\n---\n# T\n")
    assert result.tools_added == ("a",)
    assert len(result.notes) == 1 and "front matter of A" in result.notes[0]


# -- tools ------------------------------------------------------------------------------------


def test_legacy_and_current_names_as_the_same_tool() -> None:
    a = "---\ntools: ['codebase', 'runCommands', 'fetch', 'myServer/*']\n---\n"
    b = (
        "---\ntools: ['search/codebase', 'execute/runInTerminal', 'execute/getTerminalOutput',"
        " 'read/terminalLastCommand', 'read/terminalSelection', 'web/fetch', 'edit']\n---\n"
    )
    plain = compare(a, b)
    assert plain.tools_removed == ("codebase", "runCommands", "fetch", "myServer/*")
    assert len(plain.tools_added) == 7

    matched = compare(a, b, match_renamed=True)
    assert matched.tools_added == ("edit",)
    assert matched.tools_removed == ("myServer/*",)
    assert matched.tools_renamed == (
        ("codebase", "search/codebase"),
        ("runCommands", "execute/runInTerminal"),
        ("runCommands", "execute/getTerminalOutput"),
        ("runCommands", "read/terminalLastCommand"),
        ("runCommands", "read/terminalSelection"),
        ("fetch", "web/fetch"),
    )


def test_renames_on_real_files() -> None:
    """The chat mode and agent versions of one corpus persona use old and new names."""
    chatmode = corpus_text("demonstrate-understanding.chatmode.md")
    agent = corpus_text("demonstrate-understanding.agent.md")
    plain = compare(chatmode, agent)
    matched = compare(chatmode, agent, match_renamed=True)
    # The two tools lines differ in one name: fetch (chat mode) is web/fetch (agent).
    assert (plain.tools_added, plain.tools_removed, plain.tools_renamed) == (
        ("web/fetch",),
        ("fetch",),
        (),
    )
    assert (matched.tools_added, matched.tools_removed, matched.tools_renamed) == (
        (),
        (),
        (("fetch", "web/fetch"),),
    )


def test_tool_names_of_a_comma_string() -> None:
    document = parse("---\nname: x\ntools: Read, Grep,  Glob, Read\n---\n")
    assert tool_names(document) == ("Read", "Grep", "Glob")
    assert tool_names(parse("# no front matter\n")) == ()


# -- figures ----------------------------------------------------------------------------------


def test_figures_of_a_changed_word(seed: str) -> None:
    edited = seed.replace("Backend specialist focused", "Backend expert focused", 1)
    numbers = figures(diff_texts(seed, edited))
    assert (numbers.lines_added, numbers.lines_removed) == (1, 1)
    assert (numbers.words_added, numbers.words_removed) == (1, 1)
    assert (numbers.chars_added, numbers.chars_removed) == (len("expert"), len("specialist"))
    assert (numbers.tokens_added, numbers.tokens_removed) == (2, 3)
    assert 0.99 < numbers.similarity < 1.0


def test_figures_of_added_and_removed_lines(seed: str) -> None:
    edited = seed.replace(
        "- Automated compliance checks\n", "- Automated compliance checks\n- Chaos drills weekly\n"
    )
    edited = edited.replace("- Be conservative with data\n", "")
    numbers = figures(diff_texts(seed, edited))
    assert (numbers.lines_added, numbers.lines_removed) == (1, 1)
    assert numbers.words_added == 3
    assert numbers.words_removed == 4
    assert numbers.chars_added == len("- Chaos drills weekly")
    assert numbers.tokens_added == math.ceil(len("- Chaos drills weekly") / 4)


def test_similarity_bounds() -> None:
    assert figures(diff_texts("", "")).similarity == 1.0
    assert figures(diff_texts("a\n", "")).similarity == 0.0
    assert figures(diff_texts("one\n", "two\n")).similarity == 0.25  # the line break is kept
    assert figures(diff_texts("one", "two")).similarity == 0.0
    only_breaks = figures(diff_texts("a\nb\n", "a\r\nb\r\n"))
    assert 0.0 <= only_breaks.similarity < 1.0
    data = figures(diff_texts("a b\n", "a c\n")).to_dict()
    assert set(data) == {
        "lines_added",
        "lines_removed",
        "words_added",
        "words_removed",
        "tokens_added",
        "tokens_removed",
        "chars_added",
        "chars_removed",
    }
