"""Lining up a rewritten tools list with the old one, so that an export touches as little of the
old value as it can: what each old item becomes, and where new names sit."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any


def plan_items(
    old: Sequence[Any], per_item: Sequence[Sequence[Any]], *, dedupe_all: bool
) -> list[list[Any]]:
    """What each old item becomes, without repeating a name: with ``dedupe_all`` (a conversion)
    every name is written once; otherwise only the names a rename brings in are checked against
    the list, and the items that stay as they are stay (repeats included: the linter's job)."""
    originals = {name for name in old if isinstance(name, str)}
    emitted: set[Any] = set()
    plan: list[list[Any]] = []
    for name, mapped in zip(old, per_item, strict=True):
        mapped = list(mapped)
        if not dedupe_all and mapped == [name]:
            plan.append(mapped)
            emitted.add(name)
            continue
        values = [
            value
            for value in dict.fromkeys(mapped)
            if value not in emitted and (dedupe_all or value not in originals)
        ]
        emitted.update(values)
        plan.append(values)
    return plan


def align(old: Sequence[Any], final: Sequence[str]) -> dict[int, list[str]]:
    """What each changed old item becomes so that the list reads ``final``: items that stay are
    left out (they keep their bytes), a renamed item keeps its place and quoting, new names sit
    next to a neighbour."""
    sentinel = object()
    a = [name if isinstance(name, str) else sentinel for name in old]
    matcher = difflib.SequenceMatcher(a=a, b=list(final), autojunk=False)
    plan: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag in ("replace", "delete"):
            # Pair the items one to one; the last old item takes any extra new names.
            count = i2 - i1
            for offset in range(count):
                start = j1 + offset
                stop = j2 if offset == count - 1 else min(start + 1, j2)
                plan[i1 + offset] = list(final[start:stop]) if start < j2 else []
            continue
        inserted = list(final[j1:j2])
        if i1 < len(old):
            plan[i1] = inserted + plan.get(i1, [old[i1]])
        else:
            last = len(old) - 1
            plan[last] = plan.get(last, [old[last]]) + inserted
    return plan
