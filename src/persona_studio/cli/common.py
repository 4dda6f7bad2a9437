"""Small helpers the subcommands share."""

from __future__ import annotations

import json
import sys
from typing import Any

from persona_studio.core.document import Document, parse
from persona_studio.core.files.disk import DiskState, SaveConflictError
from persona_studio.core.files.fileio import LoadedText, read_text


def load(path: str) -> tuple[LoadedText, Document]:
    """Read and parse one file; file errors propagate as PersonaStudioError (exit 2)."""
    loaded = read_text(path)
    return loaded, parse(loaded.text)


def not_written(path: str, error: SaveConflictError, doing: str) -> str:
    """The line for a file left unwritten because it changed on disk while being ``doing``."""
    if error.state is DiskState.MISSING:
        what = "was removed"
    elif error.state is DiskState.UNREADABLE:
        what = "became unreadable"
    else:
        what = "changed on disk"
    return f"persona-studio: {path} {what} while being {doing}; not written"


def write_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
