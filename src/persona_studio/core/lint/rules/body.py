"""Rules about the Markdown body: tool references, length and heading levels."""

from __future__ import annotations

from collections.abc import Iterator

from persona_studio.core.lint.context import LintContext
from persona_studio.core.lint.define import rule
from persona_studio.core.lint.model import Diagnostic, Severity
from persona_studio.core.lint.rules.tools import tool_names, tool_references

GROUP = "body"


@rule(
    "PS301",
    "tool-reference-unknown",
    Severity.WARNING,
    GROUP,
    "A #tool: reference to a tool the target does not know.",
    """The body can point the model at a tool with #tool:name. VS Code warns when the name is
    unknown: the reference then means nothing to the model.""",
)
def tool_reference_unknown(ctx: LintContext) -> Iterator[Diagnostic]:
    if not ctx.target.tool_validation:
        return
    # Renamed references are reported by renamed-tool, with the tools list's old names.
    for name, start, end in tool_references(ctx):
        if ctx.target.classify_tool(name).kind == "unknown":
            yield tool_reference_unknown.diagnostic(
                ctx.document.span(start, end), f"Unknown tool '{name}'."
            )


def _enabled(ctx: LintContext) -> set[str] | None:
    """Every name the tools list enables (tool sets expand to their members), or None when the
    file has no tools list (the default tools are all enabled)."""
    names = tool_names(ctx)
    entry = ctx.entry("tools")
    if entry is None or (entry.kind != "sequence" and not names):
        return None
    enabled: set[str] = set()
    for tool in names:
        for current in _current(ctx, tool.name):
            enabled.add(current)
            enabled.update(ctx.target.tool_sets.get(current, ()))
    return enabled


def _server_enables(name: str, enabled: set[str]) -> bool:
    """``server/*`` in the header enables every ``server/tool`` (and deeper names) of the body."""
    parts = name.split("/")
    return any("/".join(parts[:cut]) + "/*" in enabled for cut in range(1, len(parts)))


def _current(ctx: LintContext, name: str) -> tuple[str, ...]:
    status = ctx.target.classify_tool(name)
    if status.kind == "renamed" and status.replacements:
        return status.replacements
    return (name,)


@rule(
    "PS302",
    "tool-reference-disabled",
    Severity.WARNING,
    GROUP,
    "A #tool: reference to a tool the tools list does not enable.",
    """When the header lists tools, only those tools are available. A body that tells the model
    to use #tool:x while x is not enabled asks for something the model cannot do; VS Code warns
    that the tool "also needs to be enabled in the header".""",
)
def tool_reference_disabled(ctx: LintContext) -> Iterator[Diagnostic]:
    if not ctx.target.tool_validation:
        return  # VS Code does not check the body of an agent for GitHub (target: github-copilot)
    enabled = _enabled(ctx)
    if enabled is None:
        return
    for name, start, end in tool_references(ctx):
        status = ctx.target.classify_tool(name)
        if status.kind == "unknown":
            continue
        wanted = _current(ctx, name)
        if any(current in enabled for current in wanted):
            continue
        if status.tool_set and status.tool_set in enabled:
            continue
        if any(_server_enables(current, enabled) for current in wanted):
            continue
        yield tool_reference_disabled.diagnostic(
            ctx.document.span(start, end),
            f"The body uses #tool:{name}, which also needs to be enabled in the header's tools",
        )


@rule(
    "PS303",
    "body-too-long",
    Severity.WARNING,
    GROUP,
    "The body is longer than the target accepts.",
    """GitHub's custom agents take at most 30,000 characters of instructions; the rest is cut.""",
)
def body_too_long(ctx: LintContext) -> Iterator[Diagnostic]:
    limit = ctx.target.body_limit
    body = ctx.document.body
    if limit is None or len(body) <= limit:
        return
    start = ctx.document.body_start + limit
    yield body_too_long.diagnostic(
        ctx.document.span(start, len(ctx.text)),
        f"The body has {len(body):,} characters; {ctx.target.label} reads at most {limit:,}",
    )


@rule(
    "PS304",
    "heading-increment",
    Severity.INFO,
    GROUP,
    "A heading that skips a level.",
    """Headings should go down one level at a time (# then ##, not # then ###): outlines, the
    preview and screen readers rely on the levels to show structure.""",
)
def heading_increment(ctx: LintContext) -> Iterator[Diagnostic]:
    previous = None
    for section in ctx.document.sections:
        if previous is not None and section.level > previous + 1:
            yield heading_increment.diagnostic(
                section.heading_span,
                f"Heading level {section.level} follows level {previous}; expected {previous + 1}",
            )
        previous = section.level
