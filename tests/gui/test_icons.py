"""The drawn icons: one engine for the severities and the form glyphs, one severity painter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from persona_studio.core.lint import Severity
from persona_studio.gui.icons import icon_size, severity_icon, severity_pixmap
from persona_studio.gui.structured.glyphs import GLYPHS, glyph_icon
from persona_studio.gui.theme import DARK, LIGHT


def test_painted_icons_are_drawn_at_the_size_and_ratio_asked(qtbot):
    icons = [severity_icon(severity, LIGHT) for severity in Severity]
    icons += [glyph_icon(name, LIGHT.text, LIGHT.border) for name in GLYPHS]
    for icon in icons:
        for side in (16, 32):
            pixmap = icon.pixmap(QSize(side, side), 2.0)
            assert pixmap.width() == 2 * side and pixmap.devicePixelRatio() == 2.0
            image = pixmap.toImage()
            assert any(
                image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(side)
            )


def test_the_status_bar_counts_show_the_severity_icons(qtbot):
    from persona_studio.gui.editor.session import DocumentSession
    from persona_studio.gui.window.status_bar import StatusBar

    session = DocumentSession(
        "---\ndescription: x\n---\n\n# P\n\nCheck #tool:nope.\n", path="x.agent.md"
    )
    bar = StatusBar(LIGHT)
    qtbot.addWidget(bar)
    bar.set_session(session)
    bar.set_diagnostics(session.diagnostics)
    assert bar.problems.text() == "0 errors  1 warning  0 infos"

    def shown_icons():
        return [bar.problems.icons[severity].pixmap().toImage() for severity in Severity]

    def painted_icons(theme):
        side = icon_size(bar.problems).height()
        ratio = bar.problems.devicePixelRatioF()
        return [severity_pixmap(s, theme, side, ratio).toImage() for s in Severity]

    assert shown_icons() == painted_icons(LIGHT)
    bar.apply_theme(DARK)  # the icons follow the theme at once
    assert shown_icons() == painted_icons(DARK) != painted_icons(LIGHT)
    assert "1 warning" in bar.problems.text()


EXIT_SCRIPT = """
import sys
from persona_studio.gui.app import application
from persona_studio.gui.theme import ThemeManager
from persona_studio.gui.window.main_window import MainWindow

app = application()
themes = ThemeManager("light", app)
window = MainWindow(themes, remember_layout=False, recovery=False)
window.open_files(sys.argv[1:])
window.show()
window.settle()
for session in window.sessions():
    session.text_document.setModified(False)
window.close()
print("closed", flush=True)
"""


def test_a_program_that_ends_without_quitting_exits_cleanly(tmp_path):
    """Cached painted icons (severities, form glyphs) are let go before Python tears down its
    modules, whatever the order it clears them in: no crash at exit, even when the application
    never ran its event loop (a script, the memory benchmark)."""
    import os
    import subprocess
    import sys

    from _shared import LIBRARY

    personas = sorted(str(path) for path in LIBRARY.glob("*.md"))[:3]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env["PERSONA_STUDIO_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", EXIT_SCRIPT, *personas],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "closed"
    assert done.returncode == 0, done.stderr


WINDOW_ICON_SCRIPT = """
from PySide6.QtGui import QIcon
from persona_studio.core.resources import resource_path
from persona_studio.gui.app import application

def svg_engine_loaded():
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return "libQt6Svg" in maps.read()

app = application()
icon = app.windowIcon()
print(icon.isNull(), svg_engine_loaded())
drawn = icon.pixmap(64, 64).toImage()
svg = QIcon(str(resource_path("icons", "persona-studio.svg")))
print(svg_engine_loaded(), drawn == svg.pixmap(64, 64).toImage())
disabled = QIcon.Mode.Disabled
print(icon.pixmap(32, 32, disabled).toImage() == svg.pixmap(32, 32, disabled).toImage())
"""


def test_the_window_icon_is_the_svg_read_when_first_drawn(tmp_path):
    """The window icon is the SVG's pixels at any size and mode; the SVG engine (about 1 MB) is
    loaded when the icon is first drawn, not at start (an offscreen window never draws it)."""
    import os
    import subprocess
    import sys

    if not os.path.exists("/proc/self/maps"):
        pytest.skip("reads the libraries mapped into the process from /proc")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_ICON_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "True", "True", "True"]
