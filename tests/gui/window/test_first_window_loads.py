"""The first window loads only what it shows (issue 20, peak memory): what it does not show yet
is imported, or made, the first time the user asks for it, and works then.

One program run, as the user starts it (`persona-studio gui --screenshot OUT.png FILE`, in a
subprocess: this test process has imported everything already). Once the picture is taken, a
script run in the program records what is loaded, then uses each deferred part in turn (the
Source view, Find, Explain, an edit that patches the preview, a did-you-mean) and records what
the user sees of it. The tests read that record.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from _program import program_env
from _shared import SEED

pytestmark = pytest.mark.slow

# Modules the first window does not use: each is loaded by the part that needs it.
DEFERRED = {
    "persona_studio.gui.editor.highlighter": "the Source view's highlighting",
    "persona_studio.gui.editor.completion": "the Source view's completion and hovers",
    "persona_studio.core.assist": "what completion offers",
    "pygments.lexer": "highlighting of code in the Source view",
    "persona_studio.gui.editor.find_bar": "Find and Replace",
    "persona_studio.gui.window.validator_panel.explanation": "Explain",
    "persona_studio.gui.window.preferences": "Preferences",
    "persona_studio.gui.editor.preview_images": "inline images in the preview",
    "difflib": "a preview patch after an edit, a did-you-mean beyond one typo",
    "locale": "argparse's translations (the parser is not built for the window)",
    "persona_studio.core.lint.forked": "the batch lint's second process (test_forked.py)",
    "pickle": "the batch lint's second process, which pickles its results",
    "persona_studio.core.lint.near": "a did-you-mean for an unknown key, tool or agent",
    "persona_studio.gui.editor.preview_scroll": "the preview following the editor's scrolling",
    "importlib.resources": "nothing: the shipped folders are found without it",
    "nh3": "cleaning preview HTML made from a `<`, a link or an image (the seed has none)",
}
# PySide makes a class (and its enums) the first time Python meets it. The window shows none
# of these: neither dialogs before they open, nor the classes PySide's type discovery made when
# a scroll area's viewport first reached Python (gui.keep_viewport).
UNMADE_CLASSES = ("QMessageBox", "QFileDialog", "QInputDialog", "QCalendarWidget", "QWizard")
# The QStyleOption classes the form's own code uses. A Python override of a style's
# `subElementRect` would meet a bare QStyleOption (a frame's layout item), and PySide, finding no
# subclass for it, would make all of them (about 25, with their enums: about 0.45 MB).
STYLE_OPTIONS = ["QStyleOption", "QStyleOptionFrame", "QStyleOptionViewItem"]

SCRIPT = textwrap.dedent(
    """
    import json
    import sys

    import PySide6.QtWidgets as widgets
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import persona_studio.cli
    from persona_studio.gui.window import main_window

    DEFERRED, UNMADE, OUT = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
    FONTS = (".ttf", ".otf", ".ttc", ".pfb", ".pcf.gz")
    record = {}
    take_picture = main_window.MainWindow.screenshot


    def use_each_part(window, where):
        take_picture(window, where)
        record["loaded"] = sorted(name for name in DEFERRED if name in sys.modules)
        record["made"] = sorted(name for name in UNMADE if name in vars(widgets))
        record["style options"] = sorted(n for n in vars(widgets) if n.startswith("QStyleOption"))
        record["style sheets"] = [
            type(widget).__name__
            for widget in [QApplication.instance(), *window.findChildren(widgets.QWidget)]
            if widget.styleSheet()
        ]
        from persona_studio.gui.window.documents.file_watch import FileStateBar

        record["file bars"] = len(window.findChildren(FileStateBar))  # nothing to say yet
        try:
            with open("/proc/self/maps", encoding="utf-8") as maps:
                mapped = {line.split()[-1] for line in maps if line.rstrip().endswith(FONTS)}
            record["font files"] = sorted(path.rsplit("/", 1)[-1] for path in mapped)
        except OSError:  # not Linux
            record["font files"] = None
        tab = window.tab()

        # The section cards below the first screen wait to be reached; scrolled to, they work.
        form = tab.structured
        viewport = form.scroll.viewport()
        reach = viewport.height() * 5 // 4  # the screen and a quarter of one more
        from persona_studio.gui.structured.sections.cards import WAITING_MODES

        record["cards"] = [  # (a paragraph's card is made at once: see cards.py)
            [c.view.title, c.made, c.mapTo(viewport, c.rect().topLeft()).y() > reach]
            for c in form.sections.cards
            if c.view.mode in WAITING_MODES
        ]
        bar = form.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
        QApplication.processEvents()
        last = form.sections.cards[-1]
        record["last card"] = [
            last.made,
            last.title.text(),
            [row.line.text() for row in last.body.rows],
            not last.body.rows[0].visibleRegion().isEmpty(),
        ]

        # The Source view: highlighted as it shows, with completion.
        tab.show_source()
        QApplication.processEvents()
        document = tab.session.text_document
        blocks = [document.findBlockByNumber(n) for n in range(document.blockCount())]
        record["highlighted lines"] = sum(1 for block in blocks if block.layout().formats())
        source = tab.source
        source.go_to_offset(tab.session.text().index("tools:") + len("tools: ["))
        record["completions"] = source.assist.show_completions()

        # Find.
        window.actions.find_action.trigger()
        window.find_bar.find_edit.setText("backend")
        record["find"] = [window.find_bar.isVisible(), window.find_bar.status.text()]

        # Explain the first problem.
        panel = window.validator
        panel.view.setCurrentIndex(panel.proxy.index(0, 0))
        dialog = panel.explain()
        record["explain"] = [dialog.isVisible(), dialog.browser.toPlainText()[:2000]]
        dialog.close()

        # An edit: the preview is patched (a diff of its pieces), the problems follow.
        heading = tab.session.text().index("# Persona: Backend")
        cursor = source.textCursor()
        cursor.setPosition(heading + len("# Persona: "))
        cursor.insertText("Edited ")
        tab.session.refresh_diagnostics()
        tab.preview.render_now()
        record["preview"] = tab.preview.toPlainText()[:3000]

        # Raw HTML and a link in a section: cleaned by nh3, loaded for them.
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText("\\n## Trap\\n<script>alert(1)</script> [a](javascript:x) <b>bold</b>\\n")
        tab.preview.render_now()
        record["cleaned preview"] = tab.preview.toPlainText()[-200:]

        # The preview follows the editor: scrolled to a line, it tells the line at its top.
        tab.preview.resize(600, 200)
        tab.preview.scroll_to_line(40)
        record["preview top"] = tab.preview.top_line()

        # A did-you-mean beyond one typo.
        from persona_studio.core.lint.near import nearest

        record["nearest"] = nearest("editFilez2", ["editFiles", "runTasks", "search/codebase"])
        record["after"] = sorted(name for name in DEFERRED if name in sys.modules)
        tab.session.text_document.setModified(False)


    main_window.MainWindow.screenshot = use_each_part
    code = persona_studio.cli.main(["gui", "--screenshot", OUT, sys.argv[4]])
    print(json.dumps(record))
    sys.exit(code)
    """
)


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("first-window")
    script = tmp / "first_window.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = program_env(tmp)
    argv = [json.dumps(list(DEFERRED)), json.dumps(UNMADE_CLASSES), str(tmp / "o.png"), str(SEED)]
    done = subprocess.run(
        [sys.executable, str(script), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_first_window_loads_none_of_the_parts_it_does_not_show(record):
    loaded = {name: DEFERRED[name] for name in record["loaded"]}
    assert loaded == {}
    assert record["made"] == []
    assert record["file bars"] == 0


def test_the_first_window_makes_no_section_card_below_its_first_screen(record):
    """Each list or question card is about 95 KB of the peak; made when the form scrolls to it."""
    beyond = [(title, made) for title, made, far in record["cards"] if far]
    assert len(beyond) >= 5
    assert [title for title, made in beyond if made] == []
    made, title, rows, on_screen = record["last card"]
    assert made and title == "When to Use This Persona"
    assert rows[0] == "API and service design" and len(rows) == 6
    assert on_screen


def test_the_first_window_loads_no_italic_font_face(record):
    """Nothing on the first screen is in italics: a face of its own is some 0.3 MB (the library's
    "Loading…", shown for a moment at every start, is upright for that reason)."""
    fonts = record["font files"]
    if fonts is None:
        pytest.skip("the fonts a process has open are read from /proc/self/maps (Linux)")
    assert fonts, "the window's fonts are files the process maps"
    assert [name for name in fonts if "italic" in name.lower() or "oblique" in name.lower()] == []


def test_the_first_window_makes_only_the_style_options_it_uses(record):
    assert record["style options"] == STYLE_OPTIONS


def test_the_first_window_has_no_style_sheet(record):
    """The first style sheet brings in Qt's style sheet machinery: about 0.9 MB of the peak for
    the tool tree and list, drawn by `ViewStyle` instead (their look: test_structured_editor)."""
    assert record["style sheets"] == []


def test_the_source_view_is_highlighted_and_completes_when_it_first_shows(record):
    assert record["highlighted lines"] > 20
    assert record["completions"] is True


def test_find_works_the_first_time_it_is_asked_for(record):
    visible, status = record["find"]
    assert visible
    assert status.endswith("matches") and status[0].isdigit()


def test_explain_shows_the_rule_the_first_time(record):
    visible, text = record["explain"]
    assert visible
    assert "How to turn it off" in text


def test_an_edit_patches_the_preview_and_a_far_name_gets_its_guess(record):
    assert "Persona: Edited Backend" in record["preview"]


def test_html_in_a_section_is_cleaned_the_first_time(record):
    shown = record["cleaned preview"]
    assert "Trap" in shown and "bold" in shown
    assert "alert" not in shown  # the script and its text are gone
    assert "nh3" in record["after"]


def test_the_preview_follows_a_scroll_the_first_time(record):
    top = record["preview top"]
    assert top is not None and 30 <= top <= 40
    assert record["nearest"] == "editFiles"


def test_each_part_loaded_its_modules_when_used(record):
    used = {
        "persona_studio.gui.editor.highlighter",
        "persona_studio.gui.editor.completion",
        "persona_studio.core.assist",
        "persona_studio.gui.editor.find_bar",
        "persona_studio.gui.window.validator_panel.explanation",
        "persona_studio.gui.editor.preview_scroll",
        "difflib",
    }
    assert used <= set(record["after"])
