"""Run `persona-studio gui --screenshot OUT.png FILE` in this process and print when each phase
ended, as JSON on stdout (wall-clock `time.time()` stamps, for the parent to subtract its own
launch time from).

Used by test_startup_bench.py; not a test. The phases are found by wrapping a few functions of
the real start-up path, so the program runs as it always does:

    python startup_probe.py OUT.png FILE

Besides the stamps, the resident and peak resident memory at each mark ("memory_mb"), to see
what each phase adds to the peak.

With PERSONA_STUDIO_PROBE_HEAP=1, also at each mark ("heap"): glibc's malloc heap in use and its
blocks served by mmap (mallinfo2: Qt's objects, images), Python's allocated blocks, and the widgets
alive. Opt-in, since it changes what it measures a little: ctypes is imported, and counting the
widgets asks Qt for them all, which has PySide wrap each one and so make the Python class of
every widget class it meets (a private one, like a combo box's popup, sends PySide's type
discovery through every QWidget class: ~45 classes the real run never makes). The widgets are
therefore counted last, after the PNG.
"""

from __future__ import annotations

import json
import os
import sys
import time

marks: list[tuple[str, float]] = [("interpreter ready", time.time())]
memory: list[tuple[str, float | None, float | None]] = []  # name, resident MB, peak MB
heap: list[dict[str, object]] = []  # with PERSONA_STUDIO_PROBE_HEAP=1: see malloc_account()


def resident_mb() -> tuple[float | None, float | None]:
    """This process's resident and peak resident size (VmRSS, VmHWM) in MB; None off Linux."""
    found: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    found[line[:5]] = int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return found.get("VmRSS"), found.get("VmHWM")


def mark(name: str) -> None:
    marks.append((name, time.time()))
    memory.append((name, *resident_mb()))
    if os.environ.get("PERSONA_STUDIO_PROBE_HEAP") == "1":
        from memory_map import malloc_account  # beside this file

        heap.append({"mark": name, **malloc_account(), "python_blocks": sys.getallocatedblocks()})


def main(out: str, path: str) -> int:
    import persona_studio.cli

    mark("persona_studio.cli imported")
    from PySide6 import QtWidgets  # noqa: F401

    mark("PySide6.QtWidgets imported")
    import persona_studio.gui.app as app_module

    mark("gui.app imported")
    from persona_studio.gui.window import main_window

    mark("gui.window.main_window imported (every widget module)")

    make_app = app_module.application

    def application(*args, **kwargs):
        made = make_app(*args, **kwargs)
        mark("QApplication made")
        return made

    app_module.application = application

    window_class = main_window.MainWindow
    init, open_files, settle, screenshot = (
        window_class.__init__,
        window_class.open_files,
        window_class.settle,
        window_class.screenshot,
    )

    def timed_init(self, *args, **kwargs):
        mark("theme set up (before MainWindow)")
        init(self, *args, **kwargs)
        mark("MainWindow built")

    def timed_open(self, *args, **kwargs):
        open_files(self, *args, **kwargs)
        mark("persona opened (session, tab, views)")

    def timed_settle(self):
        settle(self)
        mark("settled (lint, preview render, form refresh)")

    def timed_screenshot(self, where):
        mark("window shown, event loop started")
        screenshot(self, where)
        mark("PNG written (picture and save)")

    from persona_studio.gui.window import screenshot as screenshot_module

    shot_settle = screenshot_module.Screenshot.settle

    def timed_shot_settle(self):
        shot_settle(self)
        mark("screenshot: settled (first paint, lint, preview, form)")

    window_class.__init__ = timed_init
    window_class.open_files = timed_open
    window_class.settle = timed_settle
    window_class.screenshot = timed_screenshot
    screenshot_module.Screenshot.settle = timed_shot_settle
    code = persona_studio.cli.main(["gui", "--screenshot", out, path])
    mark("event loop left")
    found: dict[str, object] = {"code": code, "marks": marks, "memory_mb": memory}
    if heap:
        from PySide6.QtWidgets import QApplication

        found["heap"] = heap
        found["widgets_at_end"] = len(QApplication.allWidgets())  # last: see the module's text
    print(json.dumps(found))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
