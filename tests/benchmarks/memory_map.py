"""What the resident memory of `persona-studio gui --screenshot OUT.png FILE` holds once the
PNG is written (the run's peak): every mapping of /proc/self/smaps in a kind (Qt's libraries,
PySide's bindings, Python, fonts, the malloc heap, anonymous memory), with glibc's and
Python's own accounts of their heaps and the largest mappings, as JSON on stdout.

Not a test; Linux only. Run offscreen, as the benchmarks do:

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src python tests/benchmarks/memory_map.py OUT.png FILE

Resident memory of a library is the part of it that was touched (code run, data relocated):
it is shared with other processes but counts in this one's peak (ru_maxrss) all the same.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import sys
import tempfile
from collections import Counter

KINDS = (  # (kind, test on the mapping's path), the first that matches
    ("Qt plugins", lambda p: "/PySide6/Qt/plugins/" in p),
    ("Qt libraries (and ICU)", lambda p: "/PySide6/Qt/lib/" in p),
    ("PySide6 and shiboken6 bindings", lambda p: "/PySide6/" in p or "/shiboken6/" in p),
    ("Python and compiled modules", lambda p: "python3" in p or "site-packages" in p),
    ("fonts and font caches", lambda p: p.endswith((".ttf", ".otf", ".ttc")) or "fontconfig" in p),
    ("malloc heap [heap]", lambda p: p == "[heap]"),
    ("anonymous (Python's arenas, large malloc blocks, stacks)", lambda p: p == "[anon]"),
    ("system libraries", lambda p: p.startswith("/")),
)


def mappings() -> list[tuple[str, int]]:
    """(path or [anon]/[heap]/[stack], resident KB) for each mapping."""
    found: list[tuple[str, int]] = []
    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")
    path = ""
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            if header.match(line):
                fields = line.split(None, 5)
                path = fields[5].strip() if len(fields) > 5 else "[anon]"
            elif line.startswith("Rss:"):
                found.append((path, int(line.split()[1])))
    return found


def kind_of(path: str) -> str:
    for kind, test in KINDS:
        if test(path):
            return kind
    return "other"


def malloc_account() -> dict[str, float]:
    """glibc's mallinfo2: the brk heap in use and free, and blocks served by mmap (images)."""

    class MallInfo2(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_size_t)
            for name in [
                "arena",
                "ordblks",
                "smblks",
                "hblks",
                "hblkhd",
                "usmblks",
                "fsmblks",
                "uordblks",
                "fordblks",
                "keepcost",
            ]
        ]

    libc = ctypes.CDLL(None)
    if not hasattr(libc, "mallinfo2"):
        return {}
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    return {
        "heap_in_use_mb": info.uordblks / 1e6,
        "heap_free_mb": info.fordblks / 1e6,
        "mmapped_blocks": info.hblks,
        "mmapped_blocks_mb": info.hblkhd / 1e6,
    }


def python_arenas() -> dict[str, float]:
    """pymalloc's arenas (Python's small objects), from sys._debugmallocstats on stderr."""
    with tempfile.TemporaryFile(mode="w+") as capture:
        saved = os.dup(2)
        sys.stderr.flush()
        os.dup2(capture.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        text = capture.read()
    arenas = re.search(r"(\d+) arenas \* (\d+) bytes/arena", text)
    used = re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", text)
    if arenas is None or used is None:
        return {}
    return {
        "arenas_mb": int(arenas.group(1)) * int(arenas.group(2)) / 1e6,
        "objects_mb": int(used.group(1).replace(",", "")) / 1e6,
    }


def report() -> dict[str, object]:
    found = mappings()
    kinds: Counter[str] = Counter()
    paths: Counter[str] = Counter()
    for path, kb in found:
        kinds[kind_of(path)] += kb
        paths[path] += kb
    return {
        "resident_mb": round(sum(kb for _, kb in found) * 1024 / 1e6, 1),
        "by_kind_mb": {k: round(kb * 1024 / 1e6, 1) for k, kb in kinds.most_common()},
        "largest_mb": {p: round(kb * 1024 / 1e6, 2) for p, kb in paths.most_common(16)},
        "malloc": {k: round(v, 1) for k, v in malloc_account().items()},
        "python_small_objects": {k: round(v, 1) for k, v in python_arenas().items()},
        "threads": len(os.listdir("/proc/self/task")),
        "modules": len(sys.modules),
    }


def main(out: str, path: str) -> int:
    import persona_studio.cli
    from persona_studio.gui.window import main_window

    found: dict[str, object] = {}
    screenshot = main_window.MainWindow.screenshot

    def mapped_screenshot(self, where):
        screenshot(self, where)
        found.update(report())

    main_window.MainWindow.screenshot = mapped_screenshot
    code = persona_studio.cli.main(["gui", "--screenshot", out, path])
    print(json.dumps({"code": code, **found}, indent=1))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
