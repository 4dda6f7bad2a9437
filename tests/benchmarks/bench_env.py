"""Where things are for the benchmarks, and how to start the program as a subprocess."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
SEED = ROOT / "personas" / "backend.chatmode.md"
LIBRARY = ROOT / "personas"
CORPUS = ROOT.parent / "shared" / "corpus"  # third-party files: read in place, never copied in

LINT_FILES = 1000
LINT_FILE_SIZE = 12_000  # bytes: 1,000 files of about 12 KB, about 12 MB in all


def source_personas() -> list[Path]:
    """The library's personas and the corpus's (read in place)."""
    found = sorted(LIBRARY.glob("*.md"))
    if CORPUS.is_dir():
        found += sorted(
            p for p in CORPUS.glob("*.md") if p.name.endswith((".agent.md", ".chatmode.md"))
        )
    return found


def program_command() -> list[str]:
    """`persona-studio` when it is installed, else the same entry point through `-m`."""
    installed = shutil.which("persona-studio", path=os.path.dirname(sys.executable))
    return [installed] if installed else [sys.executable, "-m", "persona_studio"]
