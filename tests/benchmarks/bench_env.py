"""Where things are for the benchmarks, and how to start the program as a subprocess."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from _shared import LIBRARY, ROOT, SEED, corpus_files

SRC = ROOT / "src"
__all__ = ["LIBRARY", "ROOT", "SEED", "SRC", "program_command", "source_personas"]

LINT_FILES = 1000
LINT_FILE_SIZE = 12_000  # bytes: 1,000 files of about 12 KB, about 12 MB in all


def source_personas() -> list[Path]:
    """The library's personas and the corpus's (third-party files: read in place, never copied
    in). Without ../shared/corpus the benchmark is skipped with the reason (failed under CI=true)
    rather than measured on fewer files."""
    __tracebackhide__ = True  # a skip is reported at the benchmark that asked
    found = sorted(LIBRARY.glob("*.md"))
    found += [p for p in corpus_files() if p.name.endswith((".agent.md", ".chatmode.md"))]
    return found


def program_command() -> list[str]:
    """`persona-studio` when it is installed, else the same entry point through `-m`."""
    installed = shutil.which("persona-studio", path=os.path.dirname(sys.executable))
    return [installed] if installed else [sys.executable, "-m", "persona_studio"]
