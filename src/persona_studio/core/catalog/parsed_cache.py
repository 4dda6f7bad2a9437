"""The shipped catalog's parsed YAML, kept between runs: parsing catalog.yaml (40 KB) takes some
10 ms of every start, even with the C loader; reading back what the last run parsed takes 0.2.

The cache is a file in the user's cache folder (``PERSONA_STUDIO_CACHE_DIR`` wins over the
platform's), named for the YAML text it was parsed from (its length and two checksums): an
edited or upgraded catalog has another name, so a stale entry is never read. The file holds the
data in Python's marshal format after a checksum of it; a file that does not match its checksum
(cut short, damaged) is ignored and written again. The cache is only ever a copy: without it (no
cache folder, a read-only disk) the YAML is parsed as before. Standard library only; never Qt.

zlib's checksums rather than hashlib's: hashlib loads OpenSSL, some 2.5 MB more at the start of
the window for nothing (these names guard against mistakes, not against an attacker, who could
write the cache folder only as the user).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "PERSONA_STUDIO_CACHE_DIR"
_CHECK = struct.Struct("<II")  # CRC-32 and Adler-32 of the data, before it


def _checksum(data: bytes) -> bytes:
    return _CHECK.pack(zlib.crc32(data), zlib.adler32(data))


def cache_dir() -> Path:
    """The program's cache folder (``PERSONA_STUDIO_CACHE_DIR`` wins over the platform's)."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen:
        return Path(chosen)
    if sys.platform.startswith("linux"):  # platformdirs' answer, without importing it to start
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "persona-studio"
    import platformdirs

    return Path(platformdirs.user_cache_dir("persona-studio", appauthor=False))


def cache_path(text: str) -> Path:
    """Where the data parsed from `text` is kept (its name holds the text's length and
    checksums, and the Python that wrote it: marshal's format may change between versions)."""
    data = text.encode("utf-8")
    key = f"{len(data):x}-{_checksum(data).hex()}"
    return cache_dir() / f"catalog-{key}-{sys.implementation.cache_tag}.marshal"


def parsed(text: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text)``, or what it returned for the same text in an earlier run."""
    path = cache_path(text)
    found = _read(path)
    if found is not None:
        return found[0]
    data = parse(text)
    _write(path, data)
    return data


def _read(path: Path) -> tuple[Any] | None:
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    check, payload = stored[: _CHECK.size], stored[_CHECK.size :]
    if len(check) != _CHECK.size or _checksum(payload) != check:
        return None
    try:
        return (marshal.loads(payload),)
    except (EOFError, ValueError, TypeError):
        return None


def _write(path: Path, data: Any) -> None:
    try:
        payload = marshal.dumps(data)
    except ValueError:  # a value marshal cannot hold (a date, say): parsed every time
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(_checksum(payload) + payload)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
