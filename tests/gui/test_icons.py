"""The drawn icons: one engine for the severities and the form glyphs, one severity painter."""

from __future__ import annotations

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
