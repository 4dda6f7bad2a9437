"""The lint rules and their runner: one rule set for the validator panel and `persona-studio lint`.

Import from here: `lint_document`, `lint_text`, `lint_file`, `lint_paths`, `Diagnostic`, `Fix`,
`Severity`, `all_rules`, `find_rule`.
"""

from persona_studio.core.lint.fixes import apply_fixes, fix_until_stable
from persona_studio.core.lint.model import Diagnostic, Fix, Rule, Severity
from persona_studio.core.lint.rules import all_rules
from persona_studio.core.lint.rules import find as find_rule
from persona_studio.core.lint.runner import (
    FileResult,
    collect_files,
    lint_document,
    lint_file,
    lint_paths,
    lint_text,
)

__all__ = [
    "Diagnostic",
    "FileResult",
    "Fix",
    "Rule",
    "Severity",
    "all_rules",
    "apply_fixes",
    "collect_files",
    "find_rule",
    "fix_until_stable",
    "lint_document",
    "lint_file",
    "lint_paths",
    "lint_text",
]
