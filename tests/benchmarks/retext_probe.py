"""Run ReText (the reference Qt Markdown editor of the cold-start benchmark) the way
`persona-studio gui --screenshot OUT.png FILE` runs Persona Studio: start, open FILE in a window
of 1400x900 with the live preview on, and once the first preview is in the window, save a PNG of
the window (the same grab and PNG settings) and exit. Prints when each phase ended, as JSON on
stdout (`time.time()` stamps, as startup_probe.py does).

Runs in ReText's own environment (`scripts/dev bench` makes it: .venv-bench-retext), never in
the program's, with settings in a temporary home (the caller's environment):

    .venv-bench-retext/bin/python retext_probe.py OUT.png FILE

ReText is driven through its own `main()`, unchanged; the probe only wraps two of its methods to
see the first paint and the first preview. What ReText does as shipped stays in the figure: it
converts the Markdown in a separate process (multiprocessing, spawned) and starts the first
conversion 500 ms after the text is loaded (its preview's debounce).
"""

from __future__ import annotations

import json
import sys
import time

marks: list[tuple[str, float]] = [("interpreter ready", time.time())]
WINDOW_SIZE = (1400, 900)


def mark(name: str) -> None:
    marks.append((name, time.time()))


def main(out: str, path: str) -> int:
    import ReText.__main__ as entry
    from PyQt6.QtCore import Qt, QTimer
    from PyQt6.QtWidgets import QApplication
    from ReText.tab import ReTextTab
    from ReText.window import ReTextWindow

    mark("ReText and PyQt6 imported")
    show, update_preview = ReTextWindow.show, ReTextTab.updatePreviewBox
    result = {"code": 0, "done": False}

    def timed_show(self) -> None:
        # ReText maximizes a window larger than the screen (the offscreen screen is 800x800):
        # the same size as Persona Studio's screenshot instead.
        self.setWindowState(Qt.WindowState.WindowNoState)
        self.resize(*WINDOW_SIZE)
        show(self)
        mark("window shown")

    def timed_update(self) -> None:
        update_preview(self)
        if result["done"]:
            return
        result["done"] = True
        mark("first preview set")
        QTimer.singleShot(0, lambda: finish(self.p))

    def finish(window) -> None:
        QApplication.processEvents()  # the preview laid out and painted, as settle() does
        if not window.grab().save(out, "PNG", 80):
            result["code"] = 2
        mark("PNG written (grab and save)")
        QApplication.instance().quit()

    ReTextWindow.show = timed_show
    ReTextTab.updatePreviewBox = timed_update
    sys.argv = ["retext", path]
    try:
        entry.main()
    except SystemExit as leaving:
        mark("event loop left")
        code = leaving.code if isinstance(leaving.code, int) else 0
        result["code"] = result["code"] or code
    print(json.dumps({"code": result["code"], "marks": marks}))
    return int(result["code"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
