"""Applying fixes: the safe ones by default, repeatedly, until nothing fixable is left."""

from __future__ import annotations

from collections.abc import Callable

from persona_studio.core.edits import Edit
from persona_studio.core.lint.model import Diagnostic

MAX_PASSES = 10


def apply_fixes(
    text: str, diagnostics: list[Diagnostic], *, unsafe: bool = False
) -> tuple[str, int]:
    """Apply every fix whose edits do not overlap an earlier chosen fix's. Returns the new text
    and how many fixes were applied; overlapping ones wait for the next pass."""
    chosen: list[Edit] = []
    applied = 0
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if fix is None or (not fix.safe and not unsafe) or fix.rename_to is not None:
            continue
        if any(_overlaps(edit, other) for edit in fix.edits for other in chosen):
            continue
        chosen.extend(fix.edits)
        applied += 1
    for edit in sorted(chosen, key=lambda edit: (edit.start, edit.end), reverse=True):
        text = edit.apply(text)
    return text, applied


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def fix_until_stable(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    *,
    unsafe: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> tuple[str, int, list[Diagnostic]]:
    """Lint, fix, lint again... Returns the text, the number of fixes and what is left.
    ``diagnostics``: those of ``text`` when the caller has them already (not linted again)."""
    total = 0
    if diagnostics is None:
        diagnostics = lint(text)
    for _ in range(MAX_PASSES):
        new_text, applied = apply_fixes(text, diagnostics, unsafe=unsafe)
        if not applied or new_text == text:
            break
        total += applied
        text = new_text
        diagnostics = lint(text)
    return text, total, diagnostics
