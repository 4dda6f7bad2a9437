"""Small helpers the subcommands share."""

from __future__ import annotations

import json
import sys
from typing import Any

from persona_studio.core.document import Document, parse
from persona_studio.core.files.fileio import LoadedText, read_text


def load(path: str) -> tuple[LoadedText, Document]:
    """Read and parse one file; file errors propagate as PersonaStudioError (exit 2)."""
    loaded = read_text(path)
    return loaded, parse(loaded.text)


def write_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
