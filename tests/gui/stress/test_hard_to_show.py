"""A file the window cannot show well opens in the Source view with a notice; a very long list
is not drawn one row per item ("edit this long list in Source"); a huge line turns wrapping off
(issue 21, item 11, the window's side). Sizes here are just past the limits, so the tests stay
quick; tests/gui/stress/test_hostile_files_gui.py opens the full-size files."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_studio.core.text.showable import MAX_FORM_ITEMS, MAX_FORM_SECTIONS, MAX_WRAPPED_LINE
from persona_studio.gui.window.document_tab import SOURCE, STRUCTURED
from persona_studio.gui.window.interaction import DISCARD
from persona_studio.gui.window.main_window import MainWindow

HEADER = "---\ndescription: big\n---\n# Persona: Big\n\n"


@pytest.fixture
def window(qtbot, monkeypatch):
    made = MainWindow()
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    qtbot.addWidget(made)
    made.resize(1400, 900)
    made.show()
    return made


def persona(tmp_path: Path, body: str) -> str:
    path = tmp_path / "big.agent.md"
    path.write_text(HEADER + body, encoding="utf-8")
    return str(path)


def test_a_long_list_says_edit_in_source_and_goes_there(window, tmp_path) -> None:
    count = MAX_FORM_ITEMS + 100
    window.open_file(
        persona(tmp_path, "## Focus Areas\n\n" + "".join(f"- g{i}\n" for i in range(count)))
    )
    tab = window.tab()
    assert tab.views.currentIndex() == SOURCE  # opened where it can be edited
    assert tab.notice.isVisible() and f"a list has {count:,} items" in tab.notice.label.text()
    tab.views.setCurrentIndex(STRUCTURED)
    editor = next(
        card.body for card in tab.structured.sections.cards if card.view.title == "Focus Areas"
    )
    assert editor.rows == []  # no row per item
    assert editor.too_long.isVisible()
    assert "edit this long list in Source" in editor.too_long.text()
    editor.to_source.click()
    assert tab.views.currentIndex() == SOURCE
    line = tab.source.textCursor().blockNumber() + 1
    assert tab.session.text().splitlines()[line - 1] in ("", "- g0")  # at the list


def test_a_short_list_keeps_its_rows(window, tmp_path) -> None:
    window.open_file(persona(tmp_path, "## Focus Areas\n\n- a\n- b\n"))
    tab = window.tab()
    assert tab.views.currentIndex() == STRUCTURED and not tab.notice.isVisible()
    editor = next(
        card.body for card in tab.structured.sections.cards if card.view.title == "Focus Areas"
    )
    assert len(editor.rows) == 2 and not editor.too_long.isVisible()


def test_a_huge_line_opens_in_source_without_wrapping(window, tmp_path) -> None:
    window.open_file(persona(tmp_path, "word " * (MAX_WRAPPED_LINE // 4) + "\n"))
    tab = window.tab()
    assert tab.views.currentIndex() == SOURCE
    assert not tab.source.is_wrapping()
    assert "Line wrapping is off" in tab.notice.label.text()


def test_too_many_sections_are_left_to_the_source_view(window, tmp_path) -> None:
    count = MAX_FORM_SECTIONS + 1  # and the title, a section too
    window.open_file(persona(tmp_path, "".join(f"## S{i}\n\ntext\n\n" for i in range(count))))
    tab = window.tab()
    tab.views.setCurrentIndex(STRUCTURED)
    assert not tab.structured.sections.isVisible()
    assert tab.structured.too_many.isVisible()
    assert f"{count + 1:,} sections" in tab.structured.too_many.label.text()


def test_a_huge_introduction_is_not_laid_out_in_the_form(window, tmp_path) -> None:
    from persona_studio.core.text.showable import MAX_FORM_TEXT

    window.open_file(persona(tmp_path, "You are " + "very " * (MAX_FORM_TEXT // 5) + "big.\n"))
    tab = window.tab()
    intro = tab.structured.sections.intro.intro
    assert intro.isReadOnly()
    assert "too long to edit here: edit it in Source" in intro.toPlainText()
    assert len(intro.toPlainText()) < 200
    tab.session.text_document.setPlainText(HEADER + "You are small.\n")  # edited in Source
    tab.views.setCurrentIndex(STRUCTURED)
    tab.structured.refresh()
    assert not intro.isReadOnly() and intro.toPlainText() == "You are small."
