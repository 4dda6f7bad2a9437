"""A diff of two personas as text, JSON or HTML (`persona-studio diff --format`).

Text is a unified diff followed by the semantic summary and the figures; JSON is
``{"similarity", "stats", "semantic", "hunks", "notes"}``; HTML is a standalone page (no script,
nothing loaded from elsewhere, all text escaped).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from persona_studio.core.diff import Hunk, HunkLine, TextDiff, unified_diff
from persona_studio.core.htmlpage import page_start
from persona_studio.core.semantic_diff import Figures, SemanticDiff


@dataclass(frozen=True)
class DiffReport:
    """What `persona-studio diff` found, with the options that shape its output."""

    text_diff: TextDiff
    semantic: SemanticDiff
    numbers: Figures
    a_name: str
    b_name: str
    context: int = 3
    semantic_only: bool = False


# -------------------------------------------------------------------------------------- JSON


def to_json(
    text_diff: TextDiff,
    semantic: SemanticDiff,
    numbers: Figures,
    context: int = 3,
    semantic_only: bool = False,
) -> dict[str, Any]:
    return {
        "similarity": round(numbers.similarity, 4),
        "stats": numbers.to_dict(),
        "semantic": semantic.to_dict(),
        "hunks": [] if semantic_only else [_hunk_json(hunk) for hunk in text_diff.hunks(context)],
        "notes": [*text_diff.notes, *semantic.notes],
    }


def _hunk_json(hunk: Hunk) -> dict[str, Any]:
    return {
        "header": hunk.header,
        "a_start": hunk.a_start + 1,
        "a_lines": hunk.a_count,
        "b_start": hunk.b_start + 1,
        "b_lines": hunk.b_count,
        "lines": [_line_json(line) for line in hunk.lines],
    }


def _line_json(line: HunkLine) -> dict[str, Any]:
    kind = {" ": "context", "-": "delete", "+": "insert"}[line.kind]
    return {
        "kind": kind,
        "a_line": None if line.a_index is None else line.a_index + 1,
        "b_line": None if line.b_index is None else line.b_index + 1,
        "text": line.text,
        "highlights": [list(span) for span in line.highlights],
        "no_newline": line.no_newline,
    }


# -------------------------------------------------------------------------------------- text


def summary_lines(semantic: SemanticDiff) -> list[str]:
    """The semantic changes, one per line, for people."""
    lines: list[str] = []
    if semantic.title is not None:
        lines.append(f"title: {_show(semantic.title[0])} -> {_show(semantic.title[1])}")
    if semantic.intro_changed:
        lines.append("intro changed (the text under the title)")
    if semantic.description is not None:
        before, after = semantic.description
        lines.append(f"description: {_show(before, 300)} -> {_show(after, 300)}")
    lines += [f"key added: {key}" for key in semantic.keys_added]
    lines += [f"key removed: {key}" for key in semantic.keys_removed]
    for change in semantic.keys_changed:
        if change.key in ("description", "tools"):
            continue  # shown on their own lines
        lines.append(f"key changed: {change.key}: {_show(change.before)} -> {_show(change.after)}")
    lines += [f"tool added: {name}" for name in semantic.tools_added]
    lines += [f"tool removed: {name}" for name in semantic.tools_removed]
    lines += [f"tool renamed: {old} -> {new}" for old, new in semantic.tools_renamed]
    if not (semantic.tools_added or semantic.tools_removed or semantic.tools_renamed) and any(
        change.key == "tools" for change in semantic.keys_changed
    ):
        lines.append("key changed: tools (same tools, other order or form)")
    lines += [f"section added: {title}" for title in semantic.sections_added]
    lines += [f"section removed: {title}" for title in semantic.sections_removed]
    lines += [f"section moved: {title}" for title in semantic.sections_moved]
    for section in semantic.sections_changed:
        details = []
        if section.level_before != section.level_after:
            details.append(f"level {section.level_before} -> {section.level_after}")
        items = section.items
        if items.added:
            details.append(f"{len(items.added)} item{'s' if len(items.added) > 1 else ''} added")
        if items.removed:
            count = len(items.removed)
            details.append(f"{count} item{'s' if count > 1 else ''} removed")
        if items.reordered:
            details.append("items reordered")
        suffix = f" ({', '.join(details)})" if details else ""
        lines.append(f"section changed: {section.title}{suffix}")
        lines += [f"  + {_one_line(text)}" for text in items.added]
        lines += [f"  - {_one_line(text)}" for text in items.removed]
        lines += [f"  ~ {_one_line(text)}" for text in items.reordered]
    return lines


def figures_line(numbers: Figures) -> str:
    return (
        f"similarity {numbers.similarity:.1%}; lines +{numbers.lines_added} "
        f"-{numbers.lines_removed}; words +{numbers.words_added} -{numbers.words_removed}; "
        f"tokens about +{numbers.tokens_added} -{numbers.tokens_removed}"
    )


def to_text(
    text_diff: TextDiff,
    semantic: SemanticDiff,
    numbers: Figures,
    a_name: str,
    b_name: str,
    context: int = 3,
    semantic_only: bool = False,
) -> str:
    out: list[str] = []
    if not semantic_only:
        out.extend(unified_diff(text_diff, a_name, b_name, context))
        if out:
            out.append("\n")
    summary = summary_lines(semantic)
    if text_diff.equal and semantic.equal:
        out.append("No differences.\n")
        return "".join(out)
    out.append("Summary:\n" if summary else "Summary: no change in meaning\n")
    out.extend(f"  {line}\n" for line in summary)
    out.append(figures_line(numbers) + "\n")
    out.extend(f"note: {note}\n" for note in (*text_diff.notes, *semantic.notes))
    return "".join(out)


def _show(value: Any, limit: int = 80) -> str:
    if value is None:
        return "(none)"
    return _one_line(repr(value) if not isinstance(value, str) else f"'{value}'", limit)


def _one_line(text: str, limit: int = 100) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -------------------------------------------------------------------------------------- HTML

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1f2328; }
table.diff { border-collapse: collapse; font-family: ui-monospace, monospace; font-size: 90%; }
table.diff td { padding: 0 0.5em; white-space: pre-wrap; vertical-align: top; }
td.num { color: #8c959f; text-align: right; user-select: none; }
tr.hunk td { background: #ddf4ff; color: #57606a; }
tr.delete td.text { background: #ffebe9; }
tr.insert td.text { background: #e6ffec; }
tr.delete del { background: #ffaba8; text-decoration: none; }
tr.insert ins { background: #abf2bc; text-decoration: none; }
"""


def to_html(
    text_diff: TextDiff,
    semantic: SemanticDiff,
    numbers: Figures,
    a_name: str,
    b_name: str,
    context: int = 3,
    semantic_only: bool = False,
) -> str:
    """A standalone page; every piece of text from the files is escaped."""
    e = _escape
    title = f"{a_name} → {b_name}"
    parts = [
        *page_start(title, _STYLE),
        f"<p>{e(figures_line(numbers))}</p>",
        "<h2>Summary</h2>",
    ]
    summary = summary_lines(semantic)
    if summary:
        parts.append("<ul>")
        parts += [f"<li>{e(line.strip())}</li>" for line in summary]
        parts.append("</ul>")
    else:
        parts.append("<p>No change in meaning.</p>")
    parts += [f"<p><em>{e(note)}</em></p>" for note in (*text_diff.notes, *semantic.notes)]
    if not semantic_only:
        parts.append("<h2>Changes</h2>")
        hunks = text_diff.hunks(context)
        if not hunks:
            parts.append("<p>No differences.</p>")
        else:
            parts.append('<table class="diff">')
            for hunk in hunks:
                parts.append(f'<tr class="hunk"><td colspan="3">{e(hunk.header)}</td></tr>')
                parts += [_html_line(line) for line in hunk.lines]
            parts.append("</table>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_line(line: HunkLine) -> str:
    kind = {" ": "context", "-": "delete", "+": "insert"}[line.kind]
    tag = {"-": "del", "+": "ins"}.get(line.kind)
    text = line.text
    if tag and line.highlights:
        pieces = []
        position = 0
        for start, end in line.highlights:
            pieces.append(_escape(text[position:start]))
            pieces.append(f"<{tag}>{_escape(text[start:end])}</{tag}>")
            position = end
        pieces.append(_escape(text[position:]))
        body = "".join(pieces)
    else:
        body = _escape(text)
    a = "" if line.a_index is None else str(line.a_index + 1)
    b = "" if line.b_index is None else str(line.b_index + 1)
    return (
        f'<tr class="{kind}"><td class="num">{a}</td><td class="num">{b}</td>'
        f'<td class="text">{_escape(line.kind)}{body}</td></tr>'
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
