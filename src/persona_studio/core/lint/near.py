"""The one name a misspelt name most likely meant: the "did you mean" of unknown keys and tools.

In order: the same name written with other case or separators (`userInvocable`,
`argument_hint`), a name one typo away (a character added, dropped, changed, or two swapped),
then a close match by similarity that no other candidate comes near. None when no candidate, or
more than one, fits at the first step that finds any.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["nearest", "one_edit_apart"]

_SEPARATORS = re.compile(r"[-_\s]")
SIMILARITY = 0.8  # difflib ratio a close match needs
MARGIN = 0.08  # and by how much it must beat the next one


def _squashed(name: str) -> str:
    return _SEPARATORS.sub("", name).casefold()


@functools.lru_cache(maxsize=64)
def _squash_all(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_squashed(name) for name in names)


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one character added, removed, changed or two neighbours
    swapped (case ignored): a likely typo."""
    a, b = a.casefold(), b.casefold()
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and (a[diffs[1]] == b[diffs[0]])
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


MAX_LENGTH = 80  # longer names get no guess (a hostile file's names cost nothing)


def nearest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` most likely meant, or None."""
    if not name or len(name) > MAX_LENGTH:
        return None
    return _nearest(name, tuple(candidates))


@functools.lru_cache(maxsize=1024)
def _nearest(name: str, candidates: tuple[str, ...]) -> str | None:
    names = list(dict.fromkeys(c for c in candidates if c != name))
    if not names:
        return None
    squashed = _squashed(name)
    folded_names = _squash_all(tuple(names))
    same = [c for c, folded in zip(names, folded_names, strict=True) if folded == squashed]
    if same:
        return same[0] if len(same) == 1 else None
    typo = [c for c in names if one_edit_apart(name, c)]
    if typo:
        return typo[0] if len(typo) == 1 else None
    if len(squashed) < 5:
        return None  # short names are close to too many others
    floor = SIMILARITY - MARGIN
    scored: list[tuple[float, str]] = []
    import difflib  # here: most files have no name this far from every known one

    matcher = difflib.SequenceMatcher(None)
    matcher.set_seq2(squashed)  # the name's index is built once, as get_close_matches does
    size = len(squashed)
    for candidate, folded in zip(names, folded_names, strict=True):
        if 2 * min(size, len(folded)) < floor * (size + len(folded)):
            continue  # the lengths alone rule it out
        matcher.set_seq1(folded)
        if matcher.quick_ratio() >= floor:
            scored.append((matcher.ratio(), candidate))
    if not scored:
        return None
    scored.sort(reverse=True)
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score >= SIMILARITY and best_score - runner_up >= MARGIN:
        return best
    return None
