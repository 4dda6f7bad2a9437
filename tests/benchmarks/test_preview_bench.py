"""The preview's update after a key press, against the straightforward approach it replaced.

For the 40 KB and 400 KB personas, a letter is typed at the end of a list item in the middle;
then the preview is brought up to date, timed on the GUI thread, two ways:

- patched (what the program does): the renderer's per-section cache converts only the changed
  section's Markdown, and the pane replaces only that piece of its page (`render_now`);
- whole page (the straightforward approach): every section's Markdown converted again, with an
  empty cache, and the whole page given to a QTextBrowser of the same size with `setHtml`.

No target of its own (the typing benchmarks hold the targets); the README quotes the ratio.
Skipped in the default run; run with
``pytest tests/benchmarks --benchmark-enable --benchmark-only -p no:cacheprovider``.
"""

from __future__ import annotations

import time

import pytest

pytest.importorskip("pytest_benchmark")
pytest.importorskip("pytestqt")

from measure import ms, record
from PySide6.QtGui import QFontInfo, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser

from persona_studio.core.render import Renderer
from persona_studio.gui.editor.preview import PreviewPane
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import LIGHT

ROUNDS = 20


def _typing_session(path) -> tuple[DocumentSession, QTextCursor]:
    session = DocumentSession(path.read_text(encoding="utf-8"))
    text = session.text()
    start = text.index("\n- ", len(text) // 2) + 1
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(text.index("\n", start)))
    return session, cursor


def _type(session: DocumentSession, cursor: QTextCursor, letter: str) -> None:
    cursor.insertText(letter)
    session.flush()  # the parse is not what is timed here


@pytest.mark.parametrize("size", ["40kb", "400kb"])
@pytest.mark.parametrize("way", ["patched", "whole page"])
def test_preview_update_after_a_key(benchmark, qtbot, generated_personas, size, way) -> None:
    session, cursor = _typing_session(generated_personas[size])
    pane = PreviewPane(session, LIGHT)
    qtbot.addWidget(pane)
    pane.resize(700, 900)
    pane.show()
    qtbot.waitExposed(pane)
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(700, 900)
    browser.show()
    em = QFontInfo(pane.font()).pixelSize()
    palette = LIGHT.as_dict()
    samples: list[float] = []
    state = {"count": 0}

    def setup() -> None:
        _type(session, cursor, "abcdefghij"[state["count"] % 10])
        state["count"] += 1
        QApplication.processEvents()

    def update() -> None:
        started = time.perf_counter()
        if way == "patched":
            pane.render_now()
        else:
            result = Renderer().render(session.snapshot, palette, em=em)
            browser.setHtml(result.html)
        samples.append(time.perf_counter() - started)

    benchmark.pedantic(update, setup=setup, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    shown = (pane if way == "patched" else browser).toPlainText()
    assert "abcdefghij"[(state["count"] - 1) % 10] in shown
    record(
        benchmark,
        [ms(s) for s in samples[-ROUNDS:]],
        figure=f"preview brought up to date after a key press ({way}), GUI thread",
    )
    benchmark.extra_info["document_bytes"] = generated_personas[size].stat().st_size
