"""The preview with CommonMark: the engine as a choice, scrolling with the Source view both
ways by the blocks' source lines, zoom, image budgets, and hostile text that must not crash."""

from __future__ import annotations

import base64
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QFontInfo, QTextDocument

from persona_studio.gui.editor.preview import PreviewPane
from persona_studio.gui.editor.preview_images import IMAGE_PIXELS, PAGE_PIXELS
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import LIGHT
from persona_studio.gui.window.document_tab import SOURCE, DocumentTab

ROOT = Path(__file__).resolve().parents[3]
RUN_ON = "# Role\n\n**Will:**\n- review code\n- write tests\n"
# One long section of numbered paragraphs: a line of it is found inside the section.
LONG = "# Notes\n\n" + "".join(f"Paragraph {n} says something.\n\n" for n in range(1, 121))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def pane(qtbot):
    def make(text: str) -> PreviewPane:
        widget = PreviewPane(DocumentSession(text), LIGHT)
        qtbot.addWidget(widget)
        widget.resize(600, 400)
        widget.show()
        qtbot.waitExposed(widget)
        widget.render_now()
        return widget

    return make


def top_text(pane: PreviewPane) -> str:
    return pane.cursorForPosition(QPoint(20, 4)).block().text()


# -- the engine -----------------------------------------------------------------------------


def test_commonmark_shows_the_list_and_python_markdown_the_run_on_paragraph(pane, qtbot):
    widget = pane(RUN_ON)
    assert widget.engine == "commonmark"
    assert "Will:\nreview code\nwrite tests" in widget.toPlainText()
    widget.set_engine("python-markdown")
    qtbot.waitUntil(lambda: "Will: - review code - write tests" in widget.toPlainText())


def test_preferences_keep_the_engine(qtbot):
    from persona_studio.gui.window.preferences import PreferencesDialog
    from persona_studio.gui.window.settings import Settings

    settings = Settings()  # in a temporary folder (tests/gui/conftest.py)
    assert settings.preview_engine() == "commonmark"
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.engine.currentText() == "CommonMark (as VS Code and GitHub show it)"
    dialog.engine.setCurrentIndex(dialog.engine.findData("python-markdown"))
    dialog.accept()
    assert settings.preview_engine() == "python-markdown"
    assert dialog.engine.itemText(1) == "MkDocs / Python-Markdown"


# -- scrolling ------------------------------------------------------------------------------


def test_a_source_line_inside_a_long_section_comes_to_the_top(pane):
    widget = pane(LONG)
    for number in (30, 77):
        widget.scroll_to_line(line_of(LONG, f"Paragraph {number} "))
        assert top_text(widget) == f"Paragraph {number} says something."


def test_scrolling_the_preview_names_the_source_line_at_its_top(pane, qtbot):
    widget = pane(LONG)
    lines: list[int] = []
    widget.scrolledToLine.connect(lines.append)
    target = widget.document().find("Paragraph 64 says")
    block = target.block()
    top = widget.document().documentLayout().blockBoundingRect(block).top()
    widget.verticalScrollBar().setValue(round(top))
    assert lines and lines[-1] == line_of(LONG, "Paragraph 64 ")
    widget.scroll_to_line(3)  # the preview following the source says nothing back
    assert len(lines) == 1


def test_the_tab_scrolls_the_source_with_the_preview_and_back(qtbot):
    session = DocumentSession(LONG)
    tab = DocumentTab(session, LIGHT)
    qtbot.addWidget(tab)
    tab.resize(1000, 500)
    tab.show()
    qtbot.waitExposed(tab)
    tab.views.setCurrentIndex(SOURCE)
    tab.preview.render_now()
    found = tab.preview.document().find("Paragraph 90 says")
    top = tab.preview.document().documentLayout().blockBoundingRect(found.block()).top()
    tab.preview.verticalScrollBar().setValue(round(top))
    assert tab.source.firstVisibleBlock().text() == "Paragraph 90 says something."
    tab.source.verticalScrollBar().setValue(line_of(LONG, "Paragraph 20 ") - 1)
    assert top_text(tab.preview) == "Paragraph 20 says something."


def test_zoom_in_the_source_view_zooms_the_preview(qtbot):
    tab = DocumentTab(DocumentSession(LONG), LIGHT)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    before = QFontInfo(tab.preview.font()).pointSizeF()
    tab.source.zoom_in()
    tab.source.zoom_in()
    assert tab.preview.zoom > 1 and QFontInfo(tab.preview.font()).pointSizeF() > before
    qtbot.waitUntil(lambda: not tab.preview.is_outdated, timeout=5000)
    tab.source.zoom_reset()
    assert tab.preview.zoom == 1


# -- images ---------------------------------------------------------------------------------


def png_of_size(width: int, height: int) -> bytes:
    """A 1-bit grey PNG of that size: a few KB however large (all its pixels are 0)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" * (1 + (width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def data_url(png: bytes) -> QUrl:
    return QUrl("data:image/png;base64," + base64.b64encode(png).decode())


def test_an_image_bomb_shows_as_a_placeholder_with_its_size(pane):
    widget = pane("# Images\n")
    bomb = png_of_size(7900, 7900)
    assert len(bomb) < 300_000 and IMAGE_PIXELS < 7900 * 7900
    kind = QTextDocument.ResourceType.ImageResource
    image = widget.loadResource(kind.value, data_url(bomb))
    assert image is not None and image.width() < 1000 and image.height() < 100
    small = widget.loadResource(kind.value, data_url(png_of_size(300, 200)))
    assert (small.width(), small.height()) == (300, 200)


def test_the_page_budget_stops_decoding_after_enough_pixels(pane):
    widget = pane("# Images\n")
    kind = QTextDocument.ResourceType.ImageResource
    side = 3000  # 9 MP each: under the budget of one image
    sizes = [
        widget.loadResource(kind.value, data_url(png_of_size(side, side + n))).width()
        for n in range(PAGE_PIXELS // (side * side) + 2)
    ]
    assert sizes[0] == side and sizes[-1] != side  # the last ones are placeholders


# -- hostile text ---------------------------------------------------------------------------

HOSTILE_SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
from persona_studio.gui.editor.preview import PreviewPane
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import LIGHT
app = QApplication([])
cases = {
    "dashes": "- " * 500 + "item",
    "deep-list": "".join("  " * depth + "- x\n" for depth in range(2200)),
    "divs": "<div>" * 20000 + "x" + "</div>" * 20000,
    "bullets": "".join(f"- item {n}\n" for n in range(5000)),
    "one-line": "word " * 200_000,
    "emphasis": "*" * 20000 + "x" + "*" * 20000,
    "quotes": "> " * 20000 + "x",
}
for name, text in cases.items():
    pane = PreviewPane(DocumentSession(text), LIGHT)
    pane.resize(600, 400)
    pane.show()  # renders as the window does: a long text on the worker
    while pane.result is None or pane.is_outdated:
        app.processEvents()
    shown = pane.toPlainText()
    assert any(word in shown for word in ("item", "x", "word")), name
    print(name, "ok", flush=True)
"""


def test_hostile_text_opens_in_the_preview_without_crashing():
    # In a fresh process under a watchdog: a crash or a hang fails this test, not the run.
    run = subprocess.run(
        [sys.executable, "-c", HOSTILE_SCRIPT],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.count(" ok") == 7
