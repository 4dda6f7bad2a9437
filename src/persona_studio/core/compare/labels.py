"""Names for the persona columns: unique names from the file names, and short unique labels for
a terminal."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence

from persona_studio.core.library import persona_name
from persona_studio.core.readers import filekind

LABEL_LENGTH = 14
"""Longest persona label in the text matrix."""


def unique_names(paths: Sequence[str]) -> list[str]:
    """File names without their persona suffix; a name shared by several files gets the kind
    (``agent``, ``chatmode``) or its folder, then a number if still shared."""
    names = [persona_name(path) for path in paths]
    counts = Counter(name.casefold() for name in names)
    result = []
    for path, name in zip(paths, names, strict=True):
        if counts[name.casefold()] > 1:
            kind = filekind.kind_of_path(path)
            if kind is not None and kind.suffix and path.lower().endswith(kind.suffix.lower()):
                name = f"{name} ({kind.id})"
            else:
                folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
                name = f"{name} ({folder})"
        result.append(name)
    return _numbered(result)


def _numbered(names: Sequence[str]) -> list[str]:
    seen: Counter[str] = Counter()
    taken = {name.casefold() for name in names}
    result = []
    for name in names:
        seen[name.casefold()] += 1
        if seen[name.casefold()] > 1:
            number = seen[name.casefold()]
            while f"{name} {number}".casefold() in taken:
                number += 1
            name = f"{name} {number}"
            taken.add(name.casefold())
        result.append(name)
    return result


def abbreviate(names: Sequence[str], limit: int = LABEL_LENGTH) -> list[str]:
    """Short, unique labels for a terminal. A name that fits stays; a longer one keeps its
    beginning (where file names differ most) and ends with "…"; a kind in parentheses becomes
    its initial (``janitor (agent)`` -> ``janitor.a``); a label still shared gets a number."""
    labels = [_abbreviate_one(name, limit) for name in names]
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    result = []
    for label in labels:
        if counts[label] > 1:
            seen[label] += 1
            suffix = str(seen[label])
            cut = label.endswith("…")
            base = label[:-1] if cut else label
            label = base[: max(1, limit - len(suffix) - cut)] + ("…" if cut else "") + suffix
        result.append(label)
    return result


def _abbreviate_one(name: str, limit: int) -> str:
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    kind = ""
    match = re.fullmatch(r"(.*?) \((\w)[^()]*\)", name)
    if match:
        name, kind = match.group(1), "." + match.group(2)
    budget = max(2, limit - len(kind))
    if len(name) > budget:
        name = name[: budget - 1].rstrip("-_. ") + "…"
    return name + kind
