"""The comparison matrix of N personas: rows, states, labels, and its text, CSV, HTML and JSON
forms (with hostile text escaped)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from _shared import LIBRARY, shared_path
from persona_studio.core.compare import (
    EMPTY,
    MISSING,
    PRESENT,
    abbreviate,
    build_matrix,
    collect_persona_files,
    compare_paths,
    to_csv,
    to_html,
    to_text,
)
from persona_studio.core.document import parse
from persona_studio.core.schema import load_schema

HOSTILE = "<script>alert('x')</script>"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def doc(text: str) -> object:
    return parse(text)


# -- the matrix -------------------------------------------------------------------------------


def test_library_matrix() -> None:
    matrix = compare_paths([str(LIBRARY)])
    names = [persona.name for persona in matrix.personas]
    assert len(names) == len(list(LIBRARY.glob("*.chatmode.md")))
    assert "backend" in names and names == sorted(names)
    # Every library persona follows the schema: every section present, in the schema's order.
    assert [row.title for row in matrix.sections] == [s.title for s in load_schema().sections]
    assert all(state == PRESENT for row in matrix.sections for state in row.states)
    # Tools: the most used first; marks agree with each persona's tools.
    counts = [row.count for row in matrix.tools]
    assert counts == sorted(counts, reverse=True)
    backend = names.index("backend")
    used = {row.name for row in matrix.tools if row.marks[backend]}
    assert used == set(matrix.personas[backend].tools)
    assert "codebase" in used
    assert matrix.personas[backend].description.startswith("Backend specialist")
    assert matrix.personas[backend].title == "Persona: Backend"
    assert matrix.errors == ()


def test_section_states_and_rows() -> None:
    a = doc(
        "---\ndescription: A\nmodel: GPT-5\ntools: [x, y]\n---\n# Persona: A\nIntro\n"
        "## Core Belief\nSomething.\n## Decision Pattern\n- \n## Extra\ntext\n"
    )
    b = doc(
        "---\ndescription: B\nmodel: [m1, m2]\ntools: [y, z]\n---\n# Persona: B\n"
        "## core belief\n\n## Extra\nmore\n### Deep\nnot a row\n## Another\nx\n"
    )
    matrix = build_matrix([("a.agent.md", a), ("b.agent.md", b)])
    rows = {row.title: row.states for row in matrix.sections}
    assert list(rows) == ["Core Belief", "Decision Pattern", "Extra", "Another"]
    assert rows["Core Belief"] == (PRESENT, EMPTY)
    assert rows["Decision Pattern"] == (EMPTY, MISSING)  # a bare list marker is empty
    assert rows["Extra"] == (PRESENT, PRESENT)
    assert rows["Another"] == (MISSING, PRESENT)
    assert [(row.name, row.marks) for row in matrix.tools] == [
        ("y", (True, True)),
        ("x", (True, False)),
        ("z", (False, True)),
    ]
    assert [p.model for p in matrix.personas] == ["GPT-5", "m1, m2"]
    assert [p.description for p in matrix.personas] == ["A", "B"]


def test_a_section_with_only_subsections_is_present() -> None:
    matrix = build_matrix([("a.agent.md", doc("# T\n## Parent\n### Child\ntext\n"))])
    assert [(row.title, row.states) for row in matrix.sections] == [("Parent", (PRESENT,))]


def test_unreadable_file_and_front_matter_error_are_columns(tmp_path: Path) -> None:
    good = write(tmp_path / "good.agent.md", "---\ndescription: ok\ntools: [a]\n---\n# T\n")
    broken = write(tmp_path / "broken.agent.md", "---\ntools: [a\n---\n# T\n")
    missing = tmp_path / "missing.agent.md"
    matrix = compare_paths([str(good), str(broken), str(missing)])
    by_name = {p.name: p for p in matrix.personas}
    assert by_name["missing"].error and "does not exist" in by_name["missing"].error
    assert by_name["broken"].error is None and by_name["broken"].front_matter_error
    assert by_name["good"].error is None and by_name["good"].front_matter_error is None
    assert [p.name for p in matrix.errors] == ["missing"]


def test_folders_are_walked_for_persona_files(tmp_path: Path) -> None:
    write(tmp_path / "a.agent.md", "# A\n")
    write(tmp_path / "sub" / "b.chatmode.md", "# B\n")
    write(tmp_path / ".github" / "agents" / "c.md", "# C\n")
    write(tmp_path / ".claude" / "agents" / "d.md", "# D\n")
    write(tmp_path / "README.md", "# not a persona\n")
    write(tmp_path / "node_modules" / "x.agent.md", "# skipped\n")
    found = collect_persona_files([str(tmp_path), str(tmp_path / "a.agent.md")])
    assert sorted(Path(path).relative_to(tmp_path).as_posix() for path in found) == [
        ".claude/agents/d.md",
        ".github/agents/c.md",
        "a.agent.md",
        "sub/b.chatmode.md",
    ]


# -- names and labels -------------------------------------------------------------------------


def test_names_of_the_same_persona_in_two_formats() -> None:
    matrix = compare_paths(
        [
            str(shared_path("corpus", name))
            for name in (
                "azure-principal-architect.agent.md",
                "azure-principal-architect.chatmode.md",
                "janitor.chatmode.md",
            )
        ]
    )
    assert [p.name for p in matrix.personas] == [
        "azure-principal-architect (agent)",
        "azure-principal-architect (chatmode)",
        "janitor",
    ]
    assert [p.label for p in matrix.personas] == ["azure-princ….a", "azure-princ….c", "janitor"]


def test_abbreviate() -> None:
    assert abbreviate(["backend", "qa"]) == ["backend", "qa"]
    assert abbreviate(["power-bi-data-modeling-expert", "power-bi-dax-expert"]) == [
        "power-bi-data…",
        "power-bi-dax…",
    ]
    assert abbreviate(["x" * 30, "x" * 31]) == ["xxxxxxxxxxxx…1", "xxxxxxxxxxxx…2"]
    assert all(len(label) <= 8 for label in abbreviate(["a-long-name", "other-long"], limit=8))


# -- text -------------------------------------------------------------------------------------


def test_text_of_the_library_fits_a_width() -> None:
    matrix = compare_paths([str(LIBRARY)])
    text = to_text(matrix, width=80)
    lines = text.splitlines()
    assert lines[0] == f"Personas ({len(matrix.personas)})"
    grid = lines[lines.index("Files") + len(matrix.personas) + 1 :]
    assert all(len(line) <= 80 for line in grid)
    assert any(line.startswith("Tools (") for line in grid)
    assert any(line.startswith("  Core Belief") for line in grid)
    # Every persona label heads a column of some block.
    headers = " ".join(line for line in grid if line.startswith("Tools ("))
    assert all(p.label in headers for p in matrix.personas)
    assert "✓" in text and "·" in text


def test_text_columns_line_up() -> None:
    a = doc("---\ntools: [alpha]\n---\n# A\n## Core Belief\nx\n")
    b = doc("---\ntools: [beta]\n---\n# B\n")
    text = to_text(build_matrix([("first.agent.md", a), ("second-persona.agent.md", b)]))
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("Tools ("))
    alpha = next(line for line in lines if line.startswith("  alpha"))
    first_col = header.index("first") + (len("first") - 1) // 2
    second_col = header.index("second-persona") + (len("second-persona") - 1) // 2
    assert alpha[first_col] == "✓" and alpha[second_col] == "·"


def test_ascii_marks() -> None:
    a = doc("---\ntools: [alpha]\ndescription: " + "long " * 40 + "\n---\n# A\n## Core Belief\n")
    text = to_text(build_matrix([("a.agent.md", a)]), ascii=True, width=60)
    assert text.isascii()
    assert "  alpha" in text and " x" in text and " o" in text


# -- CSV, HTML, JSON --------------------------------------------------------------------------


def test_csv() -> None:
    a = doc("---\ntools: [alpha]\ndescription: '=HYPERLINK(\"x\")'\n---\n# A\n## Core Belief\nx\n")
    b = doc("---\ntools: [beta]\ndescription: 'Plain, with a comma'\n---\n# B\n")
    rows = list(csv.reader(io.StringIO(to_csv(build_matrix([("a.md", a), ("b.md", b)])))))
    assert rows[0] == ["kind", "name", "a", "b"]
    table = {(row[0], row[1]): row[2:] for row in rows[1:]}
    assert table[("persona", "description")] == ['\'=HYPERLINK("x")', "Plain, with a comma"]
    assert table[("persona", "path")] == ["a.md", "b.md"]
    assert table[("tool", "alpha")] == ["yes", ""]
    assert table[("tool", "beta")] == ["", "yes"]
    assert table[("section", "Core Belief")] == [PRESENT, MISSING]


def test_html_escapes_hostile_text() -> None:
    text = (
        f"---\ndescription: \"{HOSTILE}\"\nmodel: '<img src=x onerror=alert(1)>'\n"
        f"tools: ['<svg onload=alert(1)>']\n---\n# {HOSTILE}\n## <i>Section</i> & \"more\"\nx\n"
    )
    # A path string only: "<" cannot be in a file name everywhere.
    page = to_html(build_matrix([("folder/x<b>.agent.md", parse(text))]))
    assert "<script>" not in page
    assert "<img" not in page and "<svg" not in page and "<i>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;svg onload=alert(1)&gt;" in page
    assert "&lt;i&gt;Section&lt;/i&gt; &amp; &quot;more&quot;" in page
    assert "x&lt;b&gt;" in page
    assert "Content-Security-Policy" in page and "<script" not in page.lower()


def test_to_dict() -> None:
    a = doc("---\ntools: [alpha]\n---\n# A\n## Core Belief\nx\n")
    data = build_matrix([("a.md", a)]).to_dict()
    assert data["personas"][0]["name"] == "a"
    assert data["personas"][0]["tools"] == ["alpha"]
    assert data["tools"] == [{"name": "alpha", "marks": [True]}]
    assert data["sections"] == [{"title": "Core Belief", "states": [PRESENT]}]
