"""The window's parts stand on the application context alone: documents open, save and close
with a scripted `Interaction` and no MainWindow around them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from persona_studio.core import edits
from persona_studio.gui.theme import ThemeManager
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.documents.saving import Saving
from persona_studio.gui.window.documents.tabs import Documents
from persona_studio.gui.window.interaction import CANCEL, SAVE
from persona_studio.gui.window.settings import Settings

ROOT = Path(__file__).resolve().parents[4]
SEED = ROOT / "personas" / "backend.chatmode.md"


class Scripted:
    """Answers from a list, in order; records each question."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __getattr__(self, question: str):
        def answer(*_args: object) -> object:
            self.asked.append(question)
            return self.answers.pop(0)

        return answer


@pytest.fixture
def parts(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    said: list[str] = []
    context = AppContext(Settings(), ThemeManager("light", parent), Scripted())
    saved = []
    saving = Saving(context, compare_with_disk=lambda s: None, saved=saved.append)
    documents = Documents(context, parent, save=saving.save)
    context.follow(documents.session, lambda message, ms: said.append(message))
    yield context, documents, saving, saved, said  # (`parent` lives until the test ends)


def test_open_edit_save_and_close_through_the_context(parts, tmp_path):
    context, documents, _saving, saved, said = parts
    path = tmp_path / "backend.chatmode.md"
    shutil.copyfile(SEED, path)
    session = documents.open_file(str(path))
    assert context.session() is session and documents.tabs.count() == 1
    session.apply_edit(edits.add_tool(session.snapshot, "runNotebooks"))
    assert documents.tabs.tabText(0).endswith("•")

    context.interaction = Scripted(CANCEL)
    assert not documents.close_tab(0)  # asked, and kept
    context.interaction = Scripted(SAVE)
    assert documents.close_tab(0)  # asked, saved, closed
    assert context.interaction.asked == ["save_changes"]
    assert saved == [session] and said == [f"Saved {path}"]
    assert "'runNotebooks'" in path.read_text().splitlines()[1]
    assert documents.tabs.count() == 0 and context.session() is None


def test_save_as_asks_where_starting_at_the_suggested_path(parts, tmp_path):
    context, documents, saving, _saved, _said = parts
    session = documents.new_document()
    target = tmp_path / "mine.agent.md"
    context.interaction = Scripted(str(target))
    assert saving.save(session)  # untitled: Save asks where
    assert context.interaction.asked == ["save_path"]
    assert target.read_text() == session.text() and session.path == str(target)
