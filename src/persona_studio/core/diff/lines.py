"""Lines: a text split into lines as the document reads them, and the line-level diff (every line
becomes an integer; lines equal under the options share one)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from persona_studio.core.diff.matcher import match_sequences
from persona_studio.core.diff.model import DiffChunk, DiffOptions
from persona_studio.core.jobs import CancelToken

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(text: str) -> list[str]:
    """Lines with their line breaks (``\\r\\n``, ``\\r`` or ``\\n``, as the document reads them)."""
    if "\r" not in text:
        lines = text.split("\n")
        last = lines.pop()
        result = [line + "\n" for line in lines]
        if last:
            result.append(last)
        return result
    return _LINE_RE.findall(text)


def line_content(line: str) -> str:
    """A line without its line break."""
    if line.endswith("\n"):
        return line[:-2] if line.endswith("\r\n") else line[:-1]
    return line[:-1] if line.endswith("\r") else line


def _line_keys(
    lines_a: Sequence[str], lines_b: Sequence[str], options: DiffOptions
) -> tuple[list[int], list[int]]:
    """Each line as an int; lines equal under the options get the same int."""
    ids: dict[str, int] = {}
    setdefault = ids.setdefault
    if not options.ignore_whitespace and not options.ignore_case:
        keys_a = [setdefault(line, len(ids)) for line in lines_a]
        keys_b = [setdefault(line, len(ids)) for line in lines_b]
        return keys_a, keys_b
    normalize = _normalizer(options)
    keys_a = [setdefault(normalize(line), len(ids)) for line in lines_a]
    keys_b = [setdefault(normalize(line), len(ids)) for line in lines_b]
    return keys_a, keys_b


def _normalizer(options: DiffOptions) -> Callable[[str], str]:
    if options.ignore_whitespace and options.ignore_case:
        return lambda text: "".join(text.split()).casefold()
    if options.ignore_whitespace:
        return lambda text: "".join(text.split())
    if options.ignore_case:
        return str.casefold
    return str


def diff_lines(
    lines_a: Sequence[str],
    lines_b: Sequence[str],
    options: DiffOptions | None = None,
    *,
    cancel: CancelToken | None = None,
) -> list[DiffChunk]:
    """Chunks that cover both lists of lines (difflib's ``get_opcodes()`` form)."""
    keys_a, keys_b = _line_keys(lines_a, lines_b, options or DiffOptions())
    return match_sequences(keys_a, keys_b, cancel=cancel)
