"""Rules that look beyond the file: its name and folder, the files it links to, and the agents
and skills of the workspace it lives in (``core.workspace``). A file outside any workspace (no
``.github/`` or ``.claude/`` above it and no linted folder around it) is not checked against
one: nothing can be said about names that may live elsewhere."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cached_property
from pathlib import PurePath

from persona_studio.core.catalog import KindSpec
from persona_studio.core.edits import Edit
from persona_studio.core.edits.handoffs import handoffs
from persona_studio.core.lint.context import LintContext
from persona_studio.core.lint.define import rule
from persona_studio.core.lint.model import Diagnostic, Fix, Severity
from persona_studio.core.readers import filekind, links, workspace
from persona_studio.core.text.spans import Span
from persona_studio.core.text.yamlscalar import quote

GROUP = "references"

_SKILL_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Place:
    """Where the linted file is, and its workspace, computed once per lint run."""

    def __init__(self, ctx: LintContext) -> None:
        self.path = os.path.abspath(ctx.path) if ctx.path else None
        self.roots = ctx.roots
        self.catalog = ctx.catalog

    @cached_property
    def root(self) -> str | None:
        if self.path is None:
            return None
        return filekind.workspace_root(self.path, self.roots)

    @cached_property
    def index(self) -> workspace.Index | None:
        return workspace.index(self.root, self.catalog) if self.root is not None else None


def _place(ctx: LintContext) -> _Place:
    return ctx.memo("place", lambda: _Place(ctx))


# -- the file itself ------------------------------------------------------------------------------


@rule(
    "PS701",
    "kind-renamed",
    Severity.WARNING,
    GROUP,
    "A kind of file its reader has renamed (chat modes are now custom agents).",
    """VS Code 1.106 renamed chat modes to custom agents. It still reads a .chatmode.md, as an
    agent, and warns on line 1: "Chat modes have been renamed to agents. Please move this file".
    The fix renames the file to .agent.md (and moves it from .github/chatmodes to .github/agents).
    Lint with the legacy profile (profiles = { chatmode = "vscode-chatmode" }) to read chat
    modes as VS Code 1.101 to 1.105 did.""",
    fix="unsafe",
)
def kind_renamed(ctx: LintContext) -> Iterator[Diagnostic]:
    kind = ctx.kind.spec
    if kind is None or kind.renamed_to is None or ctx.target.reader.legacy:
        return
    new_kind = ctx.catalog.kinds[kind.renamed_to]
    fix = None
    destination = None
    if ctx.path is not None and new_kind.suffix:
        destination = _renamed_path(ctx.path, kind, new_kind, ctx)
    if destination is not None and ctx.fixes:
        fix = Fix(
            f"Rename the file to {destination}",
            (),
            safe=False,
            rename_to=destination,
        )
    where = f" to {destination}" if destination else ""
    yield kind_renamed.diagnostic(
        ctx.file_start(),
        f"{kind.label.capitalize()}s have been renamed to {new_kind.label}s. "
        f"Please move this file{where}.",
        fix=fix,
    )


def _renamed_path(path: str, old: KindSpec, new: KindSpec, ctx: LintContext) -> str:
    """The new path, relative to the file's folder: the new suffix, and the new kind's folder
    when the file sits in the old kind's folder (``.github/chatmodes`` -> ``.github/agents``)."""
    stem = filekind.persona_stem(path, ctx.catalog)
    name = f"{stem}{new.suffix}"
    parents = tuple(part.lower() for part in PurePath(os.path.abspath(path)).parent.parts)
    for folder in old.folders:
        parts = PurePath(folder).parts
        tail = tuple(part.lower() for part in parts)
        if "*" not in tail and parents[-len(tail) :] == tail and new.folders:
            up = "/".join([".."] * len(parts))
            return f"{up}/{new.folders[0]}/{name}"
    return name


@rule(
    "PS702",
    "skill-name",
    Severity.ERROR,
    GROUP,
    "A skill name that is not its folder's name, or has characters other than a-z, 0-9 and -.",
    """A skill is found by its folder: VS Code and the Agent Skills format require the name to be
    the folder's name, in lower-case letters, digits and hyphens (pdf-tools, not PDF Tools).
    Otherwise the skill is not loaded.""",
    kinds=("skill",),
)
def skill_name(ctx: LintContext) -> Iterator[Diagnostic]:
    entry = ctx.entry("name")
    if entry is None or not isinstance(entry.value, str) or not entry.value.strip():
        return
    name = entry.value.strip()
    if not _SKILL_NAME.match(name):
        yield skill_name.diagnostic(
            entry.value_span,
            f"The skill name '{name}' may hold only lower-case letters, digits and hyphens",
        )
    if ctx.path is not None:
        folder = PurePath(os.path.abspath(ctx.path)).parent.name
        if folder and name != folder:
            yield skill_name.diagnostic(
                entry.value_span,
                f"The skill name '{name}' differs from its folder '{folder}'; they must match",
            )


# -- links in the body ----------------------------------------------------------------------------


@rule(
    "PS703",
    "missing-file-reference",
    Severity.WARNING,
    GROUP,
    "A link or #file: reference to a file that does not exist.",
    """VS Code attaches the files a persona links to ([text](path) and #file:path) and warns
    "File not found" when one is missing: the agent then runs without it. Paths are relative to
    the persona's folder; a path starting with / is relative to the workspace.""",
)
def missing_file_reference(ctx: LintContext) -> Iterator[Diagnostic]:
    place = _place(ctx)
    if place.path is None:
        return
    for link in links.body_links(ctx.document):
        root = place.root if link.relative.startswith("/") else None
        resolved = links.resolve(link, place.path, root)
        if resolved is not None and not os.path.exists(resolved):
            yield missing_file_reference.diagnostic(
                ctx.document.span(link.start, link.end), f"File '{link.relative}' not found"
            )


# -- names of other agents and skills -------------------------------------------------------------


def _known_agent(name: str, ctx: LintContext, index: workspace.Index) -> bool:
    builtin = {agent.casefold() for agent in ctx.target.builtin_agents}
    return name in index.agents or name.casefold() in builtin


def _agent_message(name: str, ctx: LintContext, index: workspace.Index) -> str:
    names = [*ctx.target.builtin_agents, *index.agent_names()]
    close = [agent for agent in index.agents if agent.casefold() == name.casefold()]
    hint = f" (names are matched exactly: did you mean '{close[0]}'?)" if close else ""
    if not close:
        meant = _meant_agent(name, ctx, index)
        hint = f" (did you mean '{meant}'?)" if meant else ""
    return f"Unknown agent '{name}'{hint}. Available agents: {', '.join(names)}."


def _meant_agent(name: str, ctx: LintContext, index: workspace.Index) -> str | None:
    """The display name a handoff or `agents:` entry most likely meant: the same name in other
    case, the agent whose file is called `name` (its display name differs), or a near name."""
    close = [agent for agent in index.agents if agent.casefold() == name.casefold()]
    if len(close) == 1:
        return close[0]
    by_stem = [
        agent
        for agent, path in index.agents.items()
        if filekind.persona_stem(path, ctx.catalog).casefold() == name.casefold()
    ]
    if len(by_stem) == 1:
        return by_stem[0]
    from persona_studio.core.lint.near import nearest  # here: most files name no unknown agent

    return nearest(name, [*index.agents, *ctx.target.builtin_agents])


def _agent_fix(ctx: LintContext, start: int, end: int, meant: str | None) -> Fix | None:
    """Write the display name in place of the name at text[start:end] (its quotes kept)."""
    if meant is None:
        return None
    written = ctx.text[start:end]
    style = written[:1] if written[:1] in ("'", '"') else None
    edit = Edit(start, end, quote(meant, style, flow=True), "correct agent name")
    return Fix(f"Write '{meant}'", (edit,), safe=False)


@rule(
    "PS704",
    "unknown-handoff-agent",
    Severity.WARNING,
    GROUP,
    "A handoff to an agent the workspace does not have.",
    """A handoff names the agent it hands over to by its display name (the name: key, else the
    file name). VS Code warns when no agent of the workspace has that name: the button then does
    nothing. Renaming an agent breaks the handoffs that name it.""",
)
def unknown_handoff_agent(ctx: LintContext) -> Iterator[Diagnostic]:
    if ctx.target.key("handoffs") is None:
        return
    entry = ctx.entry("handoffs")
    if entry is None or not isinstance(entry.value, list):
        return
    index = _place(ctx).index
    if index is None:
        return
    for number, handoff in enumerate(entry.value):
        if not isinstance(handoff, dict):
            continue
        name = handoff.get("agent")
        if not isinstance(name, str) or not name.strip():
            continue
        if not _known_agent(name.strip(), ctx, index):
            span = entry.items[number].span if number < len(entry.items) else entry.value_span
            fix = None
            placed = handoffs(ctx.document) if ctx.fixes else []
            written = placed[number].properties.get("agent") if number < len(placed) else None
            if written is not None:
                meant = _meant_agent(name.strip(), ctx, index)
                fix = _agent_fix(ctx, written.value_start, written.value_end, meant)
            yield unknown_handoff_agent.diagnostic(
                span, _agent_message(name.strip(), ctx, index), fix=fix
            )


@rule(
    "PS705",
    "unknown-subagent",
    Severity.INFO,
    GROUP,
    "An `agents:` entry that names no agent of the workspace.",
    """The agents: list says which agents this one may call as subagents, by display name ("*"
    for all). VS Code marks a name it cannot find as a hint: that subagent is never called.""",
)
def unknown_subagent(ctx: LintContext) -> Iterator[Diagnostic]:
    for name, span, index in _listed_names(ctx, "agents"):
        if name != "*" and not _known_agent(name, ctx, index):
            fix = (
                _agent_fix(ctx, span.start, span.end, _meant_agent(name, ctx, index))
                if ctx.fixes
                else None
            )
            yield unknown_subagent.diagnostic(span, _agent_message(name, ctx, index), fix=fix)


@rule(
    "PS706",
    "unknown-skill",
    Severity.WARNING,
    GROUP,
    "A `skills:` entry that names no skill folder of the workspace.",
    """A Claude Code subagent preloads the skills its skills: list names, by the skill's folder
    name (.claude/skills/NAME/SKILL.md). A name with no such folder loads nothing.""",
)
def unknown_skill(ctx: LintContext) -> Iterator[Diagnostic]:
    for name, span, index in _listed_names(ctx, "skills"):
        if name not in index.skills:
            known = ", ".join(sorted(index.skills)) or "none"
            yield unknown_skill.diagnostic(
                span, f"No skill folder is named '{name}'. Skills here: {known}."
            )


def _listed_names(ctx: LintContext, key: str) -> Iterator[tuple[str, Span, workspace.Index]]:
    """The names of a list key the profile reads (`agents:`, `skills:`), with their spans and
    the workspace to look them up in; nothing outside a workspace."""
    if ctx.target.key(key) is None:
        return
    entry = ctx.entry(key)
    if entry is None or entry.kind != "sequence":
        return
    index = _place(ctx).index
    if index is None:
        return
    for item in entry.items:
        if isinstance(item.value, str) and item.value.strip():
            yield item.value.strip(), item.span, index
