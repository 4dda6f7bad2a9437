"""Lint results as text, JSON, SARIF 2.1.0 or GitHub workflow annotations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from persona_studio import __version__
from persona_studio.core.lint.model import Diagnostic, Severity
from persona_studio.core.lint.rules import all_rules
from persona_studio.core.lint.runner import FileResult


def summary(results: Iterable[FileResult]) -> dict[str, int]:
    counts = {"files": 0, "error": 0, "warning": 0, "info": 0}
    for result in results:
        counts["files"] += 1
        for diagnostic in result.diagnostics:
            counts[diagnostic.severity.label] += 1
    return counts


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word}{'es' if word.endswith('x') else 's'}"


def summary_line(counts: dict[str, int], fixed: int = 0) -> str:
    parts = [
        _plural(counts["error"], "error"),
        _plural(counts["warning"], "warning"),
        _plural(counts["info"], "info"),
    ]
    line = f"{', '.join(parts)} in {_plural(counts['files'], 'file')}"
    if fixed:
        line += f" ({_plural(fixed, 'fix')} applied)"
    return line


def text_line(path: str, diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    return (
        f"{path}:{span.line}:{span.column}: {diagnostic.severity.label} "
        f"{diagnostic.name}: {diagnostic.message}"
    )


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    fix = None
    if diagnostic.fix is not None:
        fix = {
            "safe": diagnostic.fix.safe,
            "description": diagnostic.fix.description,
            "edits": [
                {"start": e.start, "end": e.end, "text": e.text} for e in diagnostic.fix.edits
            ],
        }
    return {
        "rule": diagnostic.rule,
        "name": diagnostic.name,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "fix": fix,
    }


def to_json(results: list[FileResult]) -> dict[str, Any]:
    return {
        "version": 1,
        "files": [
            {
                "path": result.path,
                "kind": result.kind,
                "target": result.target,
                "diagnostics": [diagnostic_json(d) for d in result.diagnostics],
            }
            for result in results
        ],
        "summary": summary(results),
    }


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def to_sarif(results: list[FileResult]) -> dict[str, Any]:
    rules = all_rules()
    index = {made.id: position for position, made in enumerate(rules)}
    sarif_results = []
    for result in results:
        for diagnostic in result.diagnostics:
            span = diagnostic.span
            region = {
                "startLine": max(span.line, 1),
                "startColumn": max(span.column, 1),
                "endLine": max(span.end_line, 1),
                "endColumn": max(span.end_column, 1),
                "charOffset": span.start,
                "charLength": span.end - span.start,
            }
            entry: dict[str, Any] = {
                "ruleId": diagnostic.rule,
                "ruleIndex": index[diagnostic.rule],
                "level": _SARIF_LEVEL[diagnostic.severity],
                "message": {"text": diagnostic.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(result.path)},
                            "region": region,
                        }
                    }
                ],
            }
            if diagnostic.fix is not None and result.text is not None:
                entry["fixes"] = [_sarif_fix(result, diagnostic)]
            sarif_results.append(entry)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "persona-studio",
                        "version": __version__,
                        "rules": [
                            {
                                "id": made.id,
                                "name": made.name,
                                "shortDescription": {"text": made.summary},
                                "fullDescription": {"text": made.explanation},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[made.severity]},
                                "properties": {"group": made.group, "fix": made.fix},
                            }
                            for made in rules
                        ],
                    }
                },
                # Columns count characters (code points), not UTF-16 units (SARIF's default).
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def _sarif_fix(result: FileResult, diagnostic: Diagnostic) -> dict[str, Any]:
    assert diagnostic.fix is not None and result.text is not None
    from persona_studio.core.text.spans import LineIndex

    lines = LineIndex(result.text)
    replacements = []
    for edit in diagnostic.fix.edits:
        span = lines.span(edit.start, edit.end)
        replacements.append(
            {
                "deletedRegion": {
                    "startLine": span.line,
                    "startColumn": span.column,
                    "endLine": span.end_line,
                    "endColumn": span.end_column,
                    "charOffset": edit.start,
                    "charLength": edit.end - edit.start,
                },
                "insertedContent": {"text": edit.text},
            }
        )
    return {
        "description": {"text": diagnostic.fix.description},
        "artifactChanges": [
            {"artifactLocation": {"uri": _uri(result.path)}, "replacements": replacements}
        ],
    }


def _uri(path: str) -> str:
    """A SARIF artifact URI: forward slashes, and characters a URI cannot hold (a space, '#',
    '%', '?') percent-encoded, so that `my notes/a#1.agent.md` still names the file."""
    return quote(path.replace("\\", "/"), safe="/:@!$&'()*+,;=-._~")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(path: str, diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    properties = ",".join(
        [
            f"file={_escape_property(path)}",
            f"line={span.line}",
            f"col={span.column}",
            f"endLine={span.end_line}",
            f"endColumn={span.end_column}",
            f"title={_escape_property(f'{diagnostic.rule} {diagnostic.name}')}",
        ]
    )
    return (
        f"::{_GITHUB_LEVEL[diagnostic.severity]} {properties}::{_escape_data(diagnostic.message)}"
    )
