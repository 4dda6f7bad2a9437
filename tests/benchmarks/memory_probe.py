"""Open personas in a MainWindow, one tab each, render every tab once, and print the resident
memory (VmRSS, from /proc/self/status) along the way, as JSON on stdout.

Used by test_memory_bench.py; not a test. Run offscreen with settings in a temporary home:

    python memory_probe.py FILE...
"""

from __future__ import annotations

import gc
import json
import sys


def status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MB (10^6 bytes)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no {field} in /proc/self/status")


def main(paths: list[str]) -> int:
    figures: dict[str, object] = {"start": status_mb("VmRSS")}
    from PySide6.QtWidgets import QApplication

    from persona_studio.gui.app import application
    from persona_studio.gui.theme import ThemeManager
    from persona_studio.gui.window.main_window import MainWindow

    app = application()
    themes = ThemeManager("light", app)
    themes.apply_to_application()
    figures["imported, QApplication made"] = status_mb("VmRSS")
    window = MainWindow(themes)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    figures["empty window shown"] = status_mb("VmRSS")
    after_each = []
    for path in paths:
        session = window.open_file(path)
        if session is None:
            raise SystemExit(f"could not open {path}")
        window.settle()  # this tab rendered: preview, lint, form, painted
        after_each.append(round(status_mb("VmRSS"), 1))
    for index in range(window.tabs.count()):  # every tab shown and painted once more
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    gc.collect()
    QApplication.processEvents()
    figures["tabs"] = window.tabs.count()
    figures["after each open"] = after_each
    figures["final"] = status_mb("VmRSS")
    figures["peak"] = status_mb("VmHWM")
    for session in window.sessions():
        session.text_document.setModified(False)
    window.close()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
