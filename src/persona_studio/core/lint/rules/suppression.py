"""The rule about inline disable comments themselves (the runner applies them)."""

from __future__ import annotations

from persona_studio.core.lint.define import declare
from persona_studio.core.lint.model import Severity

UNUSED_DISABLE = declare(
    "PS901",
    "unused-disable",
    Severity.INFO,
    "suppression",
    "A disable comment that suppresses nothing.",
    """A 'persona-studio-disable' comment that no longer hides any diagnostic is dead weight,
    and it would hide a future problem nobody has seen. Remove it.""",
)
