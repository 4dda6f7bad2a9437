"""The comparison matrix window: ticks for tools, states for sections, sorting, filtering and
export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolBar

from persona_studio.core.compare import EMPTY, MISSING, PRESENT
from persona_studio.gui.compare.diff_view import DiffWindow
from persona_studio.gui.compare.matrix import CompareMatrixWindow, open_comparison
from persona_studio.gui.compare.matrix_model import HEADER, SECTION, TOOL, StateRole
from persona_studio.gui.theme import DARK, LIGHT

PERSONAS = Path(__file__).resolve().parents[3] / "personas"
NAMES = [
    "analyzer",
    "architect",
    "backend",
    "devops",
    "frontend",
    "mentor",
    "performance",
    "qa",
    "refactorer",
    "scribe",
    "security",
]
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def make_window(qtbot, paths, theme=LIGHT) -> CompareMatrixWindow:
    window = CompareMatrixWindow(theme, [str(p) for p in paths])
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def library(qtbot) -> CompareMatrixWindow:
    return make_window(qtbot, [PERSONAS])


def row_index(window: CompareMatrixWindow, kind: str, name: str) -> int:
    for index, row in enumerate(window.model.rows()):
        if row.kind == kind and row.name == name:
            return index
    raise AssertionError(f"no {kind} row {name}")


def cell(window: CompareMatrixWindow, row: int, persona: str, role=Qt.ItemDataRole.DisplayRole):
    column = 1 + [p.name for p in window.model.matrix.personas].index(persona)
    return window.model.index(row, column).data(role)


def tool_rows(window: CompareMatrixWindow) -> list[str]:
    return [row.name for row in window.model.rows() if row.kind == TOOL]


def click_header(qtbot, window: CompareMatrixWindow, column: int) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


# ------------------------------------------------------------------------------------ content


def test_the_library_matrix_shows_ticks_for_tools(library: CompareMatrixWindow) -> None:
    model = library.model
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(1, model.columnCount())
    ]
    assert headers == NAMES
    row = row_index(library, TOOL, "vscodeAPI")  # only backend uses it
    assert [cell(library, row, name) for name in NAMES] == [
        "✓" if name == "backend" else "" for name in NAMES
    ]
    assert cell(library, row, "backend", TOOLTIP) == "backend uses vscodeAPI"
    assert cell(library, row, "qa", TOOLTIP) == "qa does not use vscodeAPI"
    assert cell(library, row, "qa", ACCESSIBLE) == "does not use"
    changes = row_index(library, TOOL, "changes")  # everyone uses it
    assert {cell(library, changes, name) for name in NAMES} == {"✓"}
    assert len(tool_rows(library)) == 23


def test_the_library_matrix_shows_description_model_and_section_states(library) -> None:
    rows = library.model.rows()
    assert [(r.kind, r.name) for r in rows[:3]] == [
        (HEADER, "Persona"),
        ("info", "Description"),
        ("info", "Model"),
    ]
    assert (rows[3].kind, rows[3].name) == (HEADER, "Tools (23)")
    description = cell(library, 1, "backend")
    assert description.startswith("Backend specialist focused on reliability")
    assert cell(library, 2, "backend") == "—"  # no model set
    assert cell(library, 2, "backend", ACCESSIBLE) == "none"
    sections = [row.name for row in rows if row.kind == SECTION]
    assert sections[:3] == ["Core Belief", "Primary Question", "Decision Pattern"]
    row = row_index(library, SECTION, "Core Belief")
    assert cell(library, row, "mentor") == "✓"
    assert cell(library, row, "mentor", ACCESSIBLE) == "present"
    assert cell(library, row, "mentor", TOOLTIP) == "Core Belief in mentor: present"
    # Group headers span the table.
    header_row = row_index(library, HEADER, "Sections (9)")
    assert library.table.columnSpan(header_row, 0) == 1 + len(NAMES)


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.chatmode.md"
    path.write_text(f"---\ntools: ['codebase']\ndescription: '{name}'\n---\n{body}", "utf-8")
    return path


def test_sections_are_present_empty_or_missing_in_symbols_and_words(qtbot, tmp_path) -> None:
    write(tmp_path, "alpha", "# Persona: A\n\n## Core Belief\n\n## Primary Question\nWhy?\n")
    write(tmp_path, "beta", "# Persona: B\n\n## Core Belief\nSmall steps.\n")
    (tmp_path / "broken.chatmode.md").write_bytes(b"\x00\x01binary")
    window = make_window(qtbot, [tmp_path])
    belief = row_index(window, SECTION, "Core Belief")
    question = row_index(window, SECTION, "Primary Question")
    assert cell(window, belief, "alpha", StateRole) == EMPTY
    assert cell(window, belief, "alpha") == "○"
    assert cell(window, belief, "alpha", ACCESSIBLE) == "empty"
    assert "empty (a heading with nothing under it)" in cell(window, belief, "alpha", TOOLTIP)
    assert cell(window, belief, "beta", StateRole) == PRESENT
    assert cell(window, question, "beta", StateRole) == MISSING
    assert cell(window, question, "beta") == "✗"
    assert cell(window, question, "beta", TOOLTIP) == "Primary Question in beta: missing"
    # A file that cannot be read is a column that says so, in words.
    model = window.model
    broken_column = 1 + [p.name for p in model.matrix.personas].index("broken")
    assert model.headerData(broken_column, Qt.Orientation.Horizontal, 0) == "broken ⚠"
    assert model.index(1, broken_column).data().startswith("Cannot read:")
    assert model.index(1, broken_column).data(Qt.ItemDataRole.ForegroundRole) == (
        LIGHT.color("error")
    )
    assert "1 file(s) could not be read" in window.summary_label.text()


# ------------------------------------------------------------------------------------ sorting


def test_clicking_a_persona_header_sorts_rows_by_presence(qtbot, library) -> None:
    column = 1 + NAMES.index("performance")
    click_header(qtbot, library, column)
    assert library.table.horizontalHeader().sortIndicatorSection() == column
    row = library.model.rows()
    tools = [r for r in row if r.kind == TOOL]
    marks = [r.values[column - 1] for r in tools]
    count = sum(marks)
    assert marks == [True] * count + [False] * (len(tools) - count)
    assert "runNotebooks" in [r.name for r in tools[:count]]
    # Groups keep their place: persona rows, then tools, then sections.
    kinds = [r.kind for r in row]
    assert kinds.index(TOOL) < kinds.index(SECTION)
    assert row[0].name == "Persona"
    # Again: the rows the persona lacks first.
    click_header(qtbot, library, column)
    tools = [r for r in library.model.rows() if r.kind == TOOL]
    marks = [r.values[column - 1] for r in tools]
    assert marks == [False] * (len(tools) - count) + [True] * count


def test_sorting_by_the_first_column_sorts_by_name_and_a_third_click_restores(
    qtbot, library
) -> None:
    original = tool_rows(library)
    click_header(qtbot, library, 0)
    assert tool_rows(library) == sorted(original, key=str.casefold)
    click_header(qtbot, library, 0)
    assert tool_rows(library) == sorted(original, key=str.casefold, reverse=True)
    click_header(qtbot, library, 0)  # the indicator clears: the core's order again
    assert tool_rows(library) == original


# ---------------------------------------------------------------------------------- filtering


def test_the_filter_keeps_matching_rows_and_counts_them(library) -> None:
    library.filter_box.setText("run")
    assert sorted(tool_rows(library)) == ["runCommands", "runNotebooks", "runTasks", "runTests"]
    names = [row.name for row in library.model.rows() if row.kind == HEADER]
    assert names == ["Tools (4 of 23)", "Sections (0 of 9)"]
    assert "4 of 23 tools" in library.summary_label.text()
    library.filter_box.setText("practices")
    assert [r.name for r in library.model.rows() if r.kind == SECTION] == ["Key Practices"]
    library.filter_box.clear()
    assert len(tool_rows(library)) == 23


def test_differences_only_hides_rows_where_every_persona_agrees(library) -> None:
    library.differences_box.setChecked(True)
    tools = tool_rows(library)
    assert "changes" not in tools and "codebase" not in tools
    assert "usages" in tools
    assert not [row for row in library.model.rows() if row.kind == SECTION]
    assert "Model" not in [row.name for row in library.model.rows()]
    assert "Description" in [row.name for row in library.model.rows()]


# ------------------------------------------------------------------------------------ export


def test_csv_export_writes_the_header_and_the_rows_shown(library, tmp_path: Path) -> None:
    path = tmp_path / "matrix.csv"
    library.export_to(str(path), "csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["kind", "name", *NAMES]
    assert rows[1][:2] == ["persona", "path"]
    assert ["tool", "vscodeAPI", *("yes" if n == "backend" else "" for n in NAMES)] in rows
    assert ["section", "Core Belief", *["present"] * len(NAMES)] in rows
    assert sum(1 for row in rows if row[0] == "tool") == 23

    library.filter_box.setText("run")
    library.export_to(str(path), "csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert sorted(row[1] for row in rows if row[0] == "tool") == [
        "runCommands",
        "runNotebooks",
        "runTasks",
        "runTests",
    ]
    assert not [row for row in rows if row[0] == "section"]
    assert not list(tmp_path.glob(".matrix.csv.*"))  # no temporary file left behind


def test_html_export_writes_a_standalone_page(library, tmp_path: Path) -> None:
    path = tmp_path / "matrix.html"
    library.export_to(str(path), "html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<th>vscodeAPI</th>" in page
    assert "<script" not in page
    with pytest.raises(ValueError):
        library.export_to(str(path), "pdf")


# ------------------------------------------------------------------------------ other behaviour


def test_double_clicking_a_persona_header_asks_to_open_it(qtbot, library) -> None:
    header = library.table.horizontalHeader()
    with qtbot.waitSignal(library.openRequested) as opened:
        header.sectionDoubleClicked.emit(1 + NAMES.index("qa"))
    assert Path(opened.args[0]).resolve() == (PERSONAS / "qa.chatmode.md").resolve()


def test_open_comparison_picks_a_diff_for_two_files_and_the_matrix_otherwise(qtbot) -> None:
    two = [str(PERSONAS / "qa.chatmode.md"), str(PERSONAS / "mentor.chatmode.md")]
    window = open_comparison(LIGHT, two)
    qtbot.addWidget(window)
    assert isinstance(window, DiffWindow)
    assert window.change_count() > 0
    three = [*two, str(PERSONAS / "scribe.chatmode.md")]
    matrix = open_comparison(LIGHT, three)
    qtbot.addWidget(matrix)
    assert isinstance(matrix, CompareMatrixWindow)
    assert [p.name for p in matrix.model.matrix.personas] == ["qa", "mentor", "scribe"]


def test_the_theme_colours_section_states(library) -> None:
    row = row_index(library, SECTION, "Core Belief")
    assert cell(library, row, "qa", Qt.ItemDataRole.ForegroundRole) == LIGHT.color("text")
    library.apply_theme(DARK)
    assert cell(library, row, "qa", Qt.ItemDataRole.ForegroundRole) == DARK.color("text")


def test_controls_have_accessible_names_and_tooltips(library) -> None:
    toolbar = library.findChild(QToolBar)
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if action.isSeparator() or widget.accessibleName() == "Spacer":
            continue
        assert widget.accessibleName()
        assert widget.toolTip() or action.toolTip(), widget.accessibleName()
    assert library.table.accessibleName()


def test_reload_reads_the_files_again_and_keeps_the_filter(qtbot, tmp_path: Path) -> None:
    write(tmp_path, "alpha", "# Persona: A\n\n## Core Belief\nYes.\n")
    beta = write(tmp_path, "beta", "# Persona: B\n\n## Core Belief\nNo.\n")
    window = make_window(qtbot, [tmp_path])
    window.filter_box.setText("core")
    beta.write_text("---\ntools: ['codebase']\n---\n# Persona: B\n", "utf-8")
    window.reload_action.trigger()
    row = row_index(window, SECTION, "Core Belief")
    assert cell(window, row, "beta", StateRole) == MISSING
    assert [r.name for r in window.model.rows() if r.kind == TOOL] == []
    window.filter_box.clear()
    assert tool_rows(window) == ["codebase"]
