"""Every command's output formats: one table per command, from the `--format` name to the writer
that prints that format on stdout. A command takes its `--format` choices from its table (the
first entry is the default) and hands what it found to the chosen writer.

Choosing a format costs no import: a writer imports the code that makes its form when it runs
(`lint` and `show` do not load the diff and the comparison matrix).

The forms themselves come from where they are made: lint results from core/lint/reporters.py, the
comparison matrix from core/compare/, a diff from cli/diff_report.py.

Commands that report file by file (`lint`, `export`) have writers with two steps: ``file`` as each
file is done (text streams), ``end`` once at the end (a summary line, or the one JSON document).
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from persona_studio.cli.common import write_json
from persona_studio.cli.terminal import escape_line, escape_text, needs_escape
from persona_studio.core.frontmatter import find_header
from persona_studio.core.lint import reporters
from persona_studio.core.lint.model import Severity
from persona_studio.core.lint.runner import FileResult

if TYPE_CHECKING:
    from persona_studio.cli.diff_report import DiffReport
    from persona_studio.core.compare import ComparisonMatrix

__all__ = ["COMPARE", "DIFF", "EXPORT", "LINT", "SHOW", "ExportRun", "choices"]


def choices(table: dict[str, Any]) -> dict[str, Any]:
    """The `--format` arguments of a command with this table."""
    return {"choices": list(table), "default": next(iter(table))}


# ------------------------------------------------------------------------------------ lint


class LintWriter:
    """Lint results: ``file`` for each file as it is checked, ``end`` after the last."""

    shows_fixes = False  # whether the report holds each finding's fix

    def file(self, result: FileResult) -> None:
        pass

    def end(self, results: list[FileResult], fixed: int) -> None:
        pass


class _LintText(LintWriter):
    def file(self, result: FileResult) -> None:
        if not result.diagnostics:
            return
        # One finding, one line: a tool name with a line break cannot forge another. The lines
        # of a file are written at once; they are escaped one by one only when they hold a
        # control character (the line breaks between them are the only ones in the block).
        path = result.path
        lines = [reporters.text_line(path, diagnostic) for diagnostic in result.diagnostics]
        block = "\n".join(lines)
        if block.count("\n") != len(lines) - 1 or needs_escape(block):
            block = "\n".join(map(escape_line, lines))
        sys.stdout.write(block + "\n")

    def end(self, results: list[FileResult], fixed: int) -> None:
        print(reporters.summary_line(reporters.summary(results), fixed))


class _LintJson(LintWriter):
    shows_fixes = True

    def end(self, results: list[FileResult], fixed: int) -> None:
        _dump(reporters.to_json(results))


class _LintSarif(LintWriter):
    shows_fixes = True

    def end(self, results: list[FileResult], fixed: int) -> None:
        _dump(reporters.to_sarif(results))


class _LintGithub(LintWriter):
    def file(self, result: FileResult) -> None:
        if result.diagnostics:  # a file's lines written at once
            path = result.path
            lines = [reporters.github_line(path, diagnostic) for diagnostic in result.diagnostics]
            sys.stdout.write("\n".join(lines) + "\n")


def _dump(value: dict[str, Any]) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


LINT: dict[str, LintWriter] = {
    "text": _LintText(),
    "json": _LintJson(),
    "sarif": _LintSarif(),
    "github": _LintGithub(),
}


# ------------------------------------------------------------------------------------ diff


def _diff_text(report: DiffReport) -> None:
    from persona_studio.cli import diff_report

    sys.stdout.write(
        escape_text(
            diff_report.to_text(
                report.text_diff,
                report.semantic,
                report.numbers,
                report.a_name,
                report.b_name,
                report.context,
                report.semantic_only,
            )
        )
    )


def _diff_json(report: DiffReport) -> None:
    from persona_studio.cli import diff_report

    write_json(
        diff_report.to_json(
            report.text_diff, report.semantic, report.numbers, report.context, report.semantic_only
        )
    )


def _diff_html(report: DiffReport) -> None:
    from persona_studio.cli import diff_report

    sys.stdout.write(
        diff_report.to_html(
            report.text_diff,
            report.semantic,
            report.numbers,
            report.a_name,
            report.b_name,
            report.context,
            report.semantic_only,
        )
    )


DIFF = {"text": _diff_text, "json": _diff_json, "html": _diff_html}


# ------------------------------------------------------------------------------------ compare


def _compare_text(matrix: ComparisonMatrix, width: int | None) -> None:
    from persona_studio.core.compare import to_text

    if width is None and sys.stdout.isatty():
        width = shutil.get_terminal_size().columns
    sys.stdout.write(escape_text(to_text(matrix, width=width, ascii=not _can_encode("✓○·…"))))


def _can_encode(text: str) -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _compare_json(matrix: ComparisonMatrix, width: int | None) -> None:
    write_json(matrix.to_dict())


def _compare_csv(matrix: ComparisonMatrix, width: int | None) -> None:
    from persona_studio.core.compare import to_csv

    sys.stdout.write(to_csv(matrix))


def _compare_html(matrix: ComparisonMatrix, width: int | None) -> None:
    from persona_studio.core.compare import to_html

    sys.stdout.write(to_html(matrix))


COMPARE = {
    "text": _compare_text,
    "json": _compare_json,
    "csv": _compare_csv,
    "html": _compare_html,
}


# ------------------------------------------------------------------------------------ show


def _show_text(facts: dict[str, Any]) -> None:
    # Every value comes from the file or its name: each printed line stays one line.
    e = escape_line
    newline = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[facts["newline"]]
    print(e(facts["path"]))
    print(f"  kind:     {e(facts['kind_label'])}; read as {e(facts['target'])}")
    print(f"  why:      {e(facts['read_as'])}")
    print(f"  title:    {e(facts['title'] or '(none)')}")
    if facts["front_matter_error"]:
        print(f"  header:   error: {e(facts['front_matter_error'])}")
    elif facts["front_matter"] is None:
        print("  header:   (none)")
    else:
        for key, value in facts["front_matter"].items():
            if key != "tools":
                print(f"  {e(key)}: {e(value)}")
    print(f"  tools:    {e(', '.join(facts['tools'])) if facts['tools'] else '(none)'}")
    print(f"  newlines: {newline}{', BOM' if facts['bom'] else ''}")
    print("  sections:")
    for section in facts["sections"]:
        indent = "  " * section["level"]
        print(f"  {indent}{e(section['title'])}  (line {section['line']})")


SHOW = {"text": _show_text, "json": write_json}


# ------------------------------------------------------------------------------------ export


@dataclass(frozen=True)
class ExportRun:
    """The options of an export run that its report states."""

    target: str
    out: str
    flat: bool
    dry_run: bool


class ExportWriter:
    """Export records: ``file`` for each file as it is exported, ``end`` after the last."""

    def file(self, record: dict[str, Any], run: ExportRun) -> None:
        pass

    def end(self, records: list[dict[str, Any]], run: ExportRun) -> None:
        pass


class _ExportText(ExportWriter):
    def file(self, record: dict[str, Any], run: ExportRun) -> None:
        if record["status"] == "failed":
            print(f"persona-studio: {escape_line(record['error'])}", file=sys.stderr)
            _export_details(record, file=sys.stderr)
            return
        status = record["status"]
        if record.get("blocked"):
            status += ", with errors (--force)"
        print(f"{escape_line(record['source'])} -> {escape_line(record['destination'])} ({status})")
        _export_details(record, file=sys.stdout)
        if run.dry_run and record.get("text") is not None:
            text = record["text"]
            start = 1 if text.startswith("\ufeff") else 0
            fences = find_header(text, start)  # the header's fences: no second parse
            end = 0 if fences is None else (fences[3] if fences[3] is not None else len(text))
            header = text[:end].lstrip("\ufeff")
            if header:
                print("  front matter:")
                for line in header.splitlines():
                    print(f"    {escape_line(line)}")

    def end(self, records: list[dict[str, Any]], run: ExportRun) -> None:
        failed, done = _export_counts(records)
        verb = "would be exported" if run.dry_run else "exported"
        fail = "would fail" if run.dry_run else "failed"
        print(f"{done} {'file' if done == 1 else 'files'} {verb}, {failed} {fail}")


class _ExportJson(ExportWriter):
    def end(self, records: list[dict[str, Any]], run: ExportRun) -> None:
        failed, done = _export_counts(records)
        write_json(
            {
                "target": run.target,
                "out": run.out,
                "flat": run.flat,
                "dry_run": run.dry_run,
                "files": records,
                "summary": {"exported": done, "failed": failed},
            }
        )


def _export_counts(records: list[dict[str, Any]]) -> tuple[int, int]:
    """How many records failed, and how many did not."""
    failed = sum(1 for record in records if record["status"] == "failed")
    return failed, len(records) - failed


def _export_details(record: dict[str, Any], *, file: TextIO) -> None:
    for note in record.get("notes", ()):
        print(f"  {note['kind']}: {escape_line(note['message'])}", file=file)
    diagnostics = record.get("diagnostics", ())
    for diagnostic in diagnostics:
        if diagnostic["severity"] == Severity.ERROR.label:
            print(
                f"  error {diagnostic['name']} (line {diagnostic['line']}): "
                f"{escape_line(diagnostic['message'])}",
                file=file,
            )
    warnings = sum(1 for d in diagnostics if d["severity"] == Severity.WARNING.label)
    if warnings:
        print(
            f"  {warnings} {'warning' if warnings == 1 else 'warnings'} under {record['target']} "
            "(persona-studio lint shows them)",
            file=file,
        )


EXPORT: dict[str, ExportWriter] = {"text": _ExportText(), "json": _ExportJson()}


# ------------------------------------------------------------------------ graph, log, uses
# These writers return the text (the command prints it, or writes it with --out).


def _graph_text(graph: Any) -> str:
    from persona_studio.core.workspace.render import to_text

    return to_text(graph)


def _graph_json(graph: Any) -> str:
    from persona_studio.core.workspace.render import to_json

    return to_json(graph)


def _graph_dot(graph: Any) -> str:
    from persona_studio.core.workspace.render import to_dot

    return to_dot(graph)


def _graph_svg(graph: Any) -> str:
    from persona_studio.core.workspace.render import to_svg

    return to_svg(graph)


GRAPH = {"text": _graph_text, "json": _graph_json, "dot": _graph_dot, "svg": _graph_svg}


def _log_text(path: str, changes: list[Any]) -> str:
    from persona_studio.core.workspace.history import summary_lines

    if not changes:
        return f"{path}: no commits change this file\n"
    out = []
    for change in changes:
        revision = change.revision
        out.append(f"{revision.short}  {revision.date[:10]}  {revision.author}  {revision.subject}")
        out.extend(f"    {line}" for line in summary_lines(change))
    return "\n".join(out) + "\n"


def _log_json(path: str, changes: list[Any]) -> str:
    document = {"path": path, "commits": [change.to_dict() for change in changes]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


LOG = {"text": _log_text, "json": _log_json}


def _uses_text(name: str, uses: list[Any]) -> str:
    if not uses:
        return f"{name}: not used\n"
    lines = [
        f"{use.file}:{use.line}:{use.column}: {use.what} ({use.how}): {use.text}" for use in uses
    ]
    files = len({use.file for use in uses})
    lines.append(f"{name}: {len(uses)} uses in {files} {'file' if files == 1 else 'files'}")
    return "\n".join(lines) + "\n"


def _uses_json(name: str, uses: list[Any]) -> str:
    document = {"name": name, "uses": [use.to_dict() for use in uses]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


USES = {"text": _uses_text, "json": _uses_json}
