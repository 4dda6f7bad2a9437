"""Small helpers the subcommands share."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from persona_studio.cli.terminal import escape_line
from persona_studio.core.document import Document, parse
from persona_studio.core.files.reading import (
    DEFAULT_MAX_BYTES,
    FileTooLargeError,
    LoadedText,
    read_text,
)

if TYPE_CHECKING:  # the saving side is imported where a command saves (not to lint)
    from persona_studio.core.files.disk import SaveConflictError

MAX_SIZE_HINT = "--max-size BYTES reads a larger one"


def add_max_size(parser: argparse.ArgumentParser) -> None:
    """The ``--max-size BYTES`` option: the largest file the command reads."""
    parser.add_argument(
        "--max-size",
        type=_positive_size,
        default=DEFAULT_MAX_BYTES,
        metavar="BYTES",
        help=f"read files up to this size (default {DEFAULT_MAX_BYTES:,} bytes)",
    )


def _positive_size(value: str) -> int:
    try:
        size = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of bytes: {value!r}") from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of bytes: {value!r}")
    return size


def load(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[LoadedText, Document]:
    """Read and parse one file; file errors propagate as PersonaStudioError (exit 2). A file
    over the limit says how to raise it (``--max-size``)."""
    try:
        loaded = read_text(path, max_bytes=max_bytes)
    except FileTooLargeError as error:
        raise FileTooLargeError(
            size=error.size, limit=error.limit, path=error.path, hint=MAX_SIZE_HINT
        ) from None
    return loaded, parse(loaded.text)


def not_written(path: str, error: SaveConflictError, doing: str) -> str:
    """The line for a file left unwritten because it changed on disk while being ``doing``."""
    from persona_studio.core.files.disk import DiskState

    if error.state is DiskState.MISSING:
        what = "was removed"
    elif error.state is DiskState.UNREADABLE:
        what = "became unreadable"
    else:
        what = "changed on disk"
    return f"persona-studio: {escape_line(path)} {what} while being {doing}; not written"


def write_json(value: Any) -> None:
    # One write of the whole text: json.dump writes each piece on its own (a 10,000-persona
    # matrix: a million writes, three times the time of making the text).
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str))
    sys.stdout.write("\n")


def write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
