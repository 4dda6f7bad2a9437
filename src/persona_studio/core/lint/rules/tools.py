"""Rules about the tools list: unknown, renamed, repeated and unverifiable tool names. Renamed
names are also reported where the body refers to them (`#tool:old`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from persona_studio.core import edits
from persona_studio.core.lint.context import LintContext
from persona_studio.core.lint.define import rule
from persona_studio.core.lint.model import Diagnostic, Fix, Severity
from persona_studio.core.readers import toollist

GROUP = "tools"


ToolName = toollist.ToolName


def tool_names(ctx: LintContext) -> list[ToolName]:
    """The string items of the tools value with their spans, in every shape (``toollist``)."""
    return ctx.memo("tool_names", lambda: toollist.tool_entries(ctx.document) or [])


# `#tool:name` in the body (VS Code's pattern); a sentence's final period is not part of it.
TOOL_REFERENCE = re.compile(r"#tool:([\w\-./]+)")


def tool_references(ctx: LintContext) -> list[tuple[str, int, int]]:
    """(name, start, end) of every `#tool:` reference in the body; the span is the name. Found
    once per lint run (three rules read them)."""
    return ctx.memo("tool_references", lambda: _tool_references(ctx))


def _tool_references(ctx: LintContext) -> list[tuple[str, int, int]]:
    found = []
    for match in TOOL_REFERENCE.finditer(ctx.text, ctx.document.body_start):
        name = match.group(1).rstrip(".")
        if name:
            found.append((name, match.start(1), match.start(1) + len(name)))
    return found


def _validates(ctx: LintContext) -> bool:
    return ctx.target.tool_validation


@rule(
    "PS201",
    "unknown-tool",
    Severity.WARNING,
    GROUP,
    "A tool name the target does not know.",
    """VS Code reports "Unknown tool" (a Hint since about 1.140, a Warning before) and ignores
    the name; Claude Code ignores it silently. The persona runs without the tool the author meant
    to give it. Often a typo, or a tool that was removed (findTestFiles).""",
)
def unknown_tool(ctx: LintContext) -> Iterator[Diagnostic]:
    if not _validates(ctx):
        return
    guesses = 0
    for tool in tool_names(ctx):
        status = ctx.target.classify_tool(tool.name)
        if status.kind == "unknown":
            note = f" {status.note}" if status.note else ""
            # A guess for the first names only: a list of thousands of unknown names stays cheap.
            guess = not status.note and guesses < MAX_GUESSES
            guesses += guess
            near = _near_tool(ctx, tool.name) if guess else None
            fix = None
            if near is not None:
                note = f" Did you mean '{near}'?"
            if near is not None and ctx.fixes:
                edit = edits.Edit(tool.span.start, tool.span.end, near, "correct tool name")
                fix = Fix(f"Write '{near}'", (edit,), safe=False)
            yield unknown_tool.diagnostic(tool.span, f"Unknown tool '{tool.name}'.{note}", fix=fix)


MAX_GUESSES = 64  # unknown tool names per file that get a "did you mean"


def _near_tool(ctx: LintContext, name: str) -> str | None:
    """The one current tool name ``name`` most likely meant (None when none or several are)."""
    from persona_studio.core.lint.near import nearest  # here: most files name no unknown tool

    return nearest(name, ctx.target.current_tool_names)


def _rename_fix(
    ctx: LintContext, tool: ToolName, replacements: tuple[str, ...], listed: Counter[str]
) -> Fix | None:
    """Write the current name(s) in place of the old one; names already listed are not
    repeated, so an old name whose replacements are all there is simply removed. `listed`:
    how many times each name stands in the tools list (counted once for all the renames)."""
    entry = ctx.entry("tools")
    if entry is None or entry.kind != "sequence":
        return None
    added = tuple(  # listed by another item than this one
        name for name in replacements if listed[name] - (name == tool.name) <= 0
    )
    edit = edits.replace_list_value(ctx.document, "tools", tool.index, added)
    return Fix(f"Replace '{tool.name}' with {', '.join(replacements)}", (edit,), safe=True)


@rule(
    "PS202",
    "renamed-tool",
    Severity.INFO,
    GROUP,
    "A tool name that has been renamed.",
    """Tool names changed in late 2025 (codebase became search/codebase, runCommands became four
    execute and read tools). Old names still resolve, but VS Code reports them, in the tools
    list and in #tool: references of the body. The fix writes the current name, or all of the
    names an old tool set stood for.""",
    fix="safe",
)
def renamed_tool(ctx: LintContext) -> Iterator[Diagnostic]:
    if not _validates(ctx):
        return
    tools = tool_names(ctx)
    listed = Counter(tool.name for tool in tools) if ctx.fixes else Counter()  # for the fixes
    for tool in tools:
        status = ctx.target.classify_tool(tool.name)
        if status.kind != "renamed" or not status.replacements:
            continue
        if len(status.replacements) == 1:
            new = status.replacements[0]
            message = f"Tool or toolset '{tool.name}' has been renamed, use '{new}' instead."
        else:
            message = (
                f"Tool or toolset '{tool.name}' has been renamed, use the following tools "
                f"instead: {', '.join(status.replacements)}"
            )
        # The fix's edit takes some work to make: not made for a report that shows no fixes.
        fix = _rename_fix(ctx, tool, status.replacements, listed) if ctx.fixes else None
        yield renamed_tool.diagnostic(tool.span, message, fix=fix)
    # `#tool:old` in the body draws the same Info in VS Code. A one-to-one rename is fixed in
    # place; a reference to an old tool set that became several tools has no single new name.
    for name, start, end in tool_references(ctx):
        status = ctx.target.classify_tool(name)
        if status.kind != "renamed" or not status.replacements:
            continue
        span = ctx.document.span(start, end)
        if len(status.replacements) == 1:
            new = status.replacements[0]
            yield renamed_tool.diagnostic(
                span,
                f"Tool or toolset '{name}' has been renamed, use '{new}' instead.",
                fix=Fix(f"Write #tool:{new}", (edits.Edit(start, end, new, "rename reference"),))
                if ctx.fixes
                else None,
            )
        else:
            yield renamed_tool.diagnostic(
                span,
                f"Tool or toolset '{name}' has been renamed, use the following tools instead: "
                f"{', '.join(status.replacements)}",
            )


@rule(
    "PS203",
    "duplicate-tool",
    Severity.WARNING,
    GROUP,
    "A tool listed more than once.",
    """A repeated name adds nothing and usually hides an editing slip. The fix removes the
    repeat and keeps the first occurrence.""",
    fix="safe",
)
def duplicate_tool(ctx: LintContext) -> Iterator[Diagnostic]:
    entry = ctx.entry("tools")
    seen: dict[str, int] = {}
    fold = ctx.target.case_insensitive_tools
    for tool in tool_names(ctx):
        key = tool.name.casefold() if fold else tool.name
        if key not in seen:
            seen[key] = tool.index
            continue
        fix = None
        if entry is not None and entry.kind == "sequence" and ctx.fixes:
            fix = Fix(
                f"Remove the repeated '{tool.name}'",
                (edits.remove_list_value(ctx.document, "tools", tool.index),),
            )
        yield duplicate_tool.diagnostic(
            tool.span, f"'{tool.name}' is already in the tools list", fix=fix
        )


@rule(
    "PS204",
    "unverified-tool",
    Severity.INFO,
    GROUP,
    "An MCP server or extension tool that cannot be checked offline.",
    """Names such as github, server/* or microsoft.docs.mcp come from MCP servers and extensions
    installed on the user's machine. They are fine when the server is installed; the studio
    cannot know, so it says so instead of calling them unknown.""",
)
def unverified_tool(ctx: LintContext) -> Iterator[Diagnostic]:
    if not _validates(ctx):
        return
    for tool in tool_names(ctx):
        if ctx.target.classify_tool(tool.name).kind == "unverified":
            yield unverified_tool.diagnostic(
                tool.span,
                f"'{tool.name}' is an MCP server or extension tool; it works only where "
                "that server or extension is installed",
            )
