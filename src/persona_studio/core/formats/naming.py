"""Safe file names for exported personas.

A name becomes a file stem in lower case with hyphens: accents are folded (``Überprüfer`` ->
``uberprufer``), every run of other characters becomes one hyphen, so no path separator, ``..``
or control character survives. Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, in any
case, with or without an extension) are refused, and so is a name that leaves nothing behind.
Standard library and core only.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable

from persona_studio.core.document import Document
from persona_studio.core.formats.result import ExportError
from persona_studio.core.schema import load_schema

MAX_STEM = 64
"""Longest stem written; longer names are cut at a hyphen (file names stay far below 255 bytes)."""

RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{digit}" for digit in range(10)}
    | {f"lpt{digit}" for digit in range(10)}
    | {"conin$", "conout$"}
)
"""Device names Windows reserves, whatever the extension."""

# Letters that Unicode decomposition does not turn into ASCII.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A stem as :func:`slugify` writes it: lower case letters and digits, single hyphens between."""


def slugify(text: str, *, limit: int = MAX_STEM) -> str:
    """``text`` in lower case with hyphens, ASCII letters and digits only; may be empty."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        hyphen = cut.rfind("-")
        slug = (cut[:hyphen] if hyphen >= limit // 2 else cut).strip("-")
    return slug


def is_reserved(name: str) -> bool:
    """True when Windows treats ``name`` as a device: ``CON``, ``con.txt``, ``COM¹``..."""
    first = name.strip().split(".", 1)[0].rstrip(" ")
    if first.casefold() in RESERVED_NAMES:
        return True
    folded = unicodedata.normalize("NFKC", first).casefold()
    return folded in RESERVED_NAMES


def safe_stem(name: str) -> str:
    """The file stem for ``name``, or ExportError with a reason and what to do instead."""
    shown = _shown(name)
    if is_reserved(name):
        raise ExportError(
            f"{shown} is a device name that Windows reserves (CON, PRN, AUX, NUL, COM1-9, "
            "LPT1-9); choose another name for the exported file."
        )
    stem = slugify(name)
    if not stem:
        raise ExportError(
            f"{shown} has no letters or digits to make a file name from; choose a name with some."
        )
    if stem in RESERVED_NAMES:
        raise ExportError(
            f"{shown} becomes '{stem}', a device name that Windows reserves; choose another "
            "name for the exported file."
        )
    return stem


def is_safe_stem(stem: str) -> bool:
    return bool(SLUG_RE.fullmatch(stem)) and len(stem) <= MAX_STEM and stem not in RESERVED_NAMES


def source_stem(path: str | os.PathLike[str], suffixes: Iterable[str]) -> str:
    """A file's name without the longest persona suffix it ends with (case-insensitive):
    ``Backend.chatmode.md`` -> ``Backend``."""
    name = os.path.basename(os.fspath(path).replace("\\", "/").rstrip("/"))
    name = name.rsplit("/", 1)[-1]
    lowered = name.lower()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if suffix and lowered.endswith(suffix.lower()) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def file_name(stem: str, suffix: str) -> str:
    """``stem`` + the target's suffix, after checking that the stem is safe."""
    if not is_safe_stem(stem):
        raise ExportError(f"'{stem}' is not a safe file name stem; nothing was written.")
    return stem + suffix


def _shown(name: str) -> str:
    if not name.strip():
        return "An empty name"
    text = name if len(name) <= 60 else name[:57] + "..."
    return f"The name {text!r}"


def display_name(document: Document) -> tuple[str, str] | None:
    """The name a persona gives itself, and where it was found: the front matter's ``title``
    key, else its first level-1 heading (without a ``Persona:`` prefix). None when it has
    neither."""
    title = document.data.get("title")
    if isinstance(title, str) and title.strip():
        return " ".join(title.split()), "the 'title' key"
    heading = document.title
    if heading is not None:
        text = " ".join(heading.title.split())
        prefix = load_schema().title_prefix
        if prefix and text.casefold().startswith(prefix.casefold()):
            text = text[len(prefix) :].strip()
        text = text.strip("*_` ")
        if text:
            return text, "the first heading"
    return None
