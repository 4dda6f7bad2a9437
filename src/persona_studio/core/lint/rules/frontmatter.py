"""Rules about the YAML front matter: syntax, keys and value types, per target."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from persona_studio.core import edits
from persona_studio.core import frontmatter as fm
from persona_studio.core.catalog import KeySpec
from persona_studio.core.lint.context import LintContext
from persona_studio.core.lint.define import rule
from persona_studio.core.lint.model import Diagnostic, Fix, Rule, Severity
from persona_studio.core.text.spans import Span

GROUP = "front matter"


ANCHOR = re.compile(r"[&*][^\s,\[\]{}]+")


def _header_error(ctx: LintContext, kinds: tuple[str, ...], made: Rule) -> Iterator[Diagnostic]:
    front = ctx.document.front_matter
    if front is not None and front.error is not None and front.error.kind in kinds:
        yield made.diagnostic(_exact(ctx, front, front.error.span), front.error.message)


def _exact(ctx: LintContext, front: fm.FrontMatter, span: Span) -> Span:
    """The error's span without the line breaks a YAML node's end takes in (`- a\n- b\n` is
    `- a\n- b`), and an anchor or alias's whole name (`&name`, not just `&`)."""
    start, end = span.start, span.end
    anchor = ANCHOR.match(ctx.text, start, front.content_span.end)
    if anchor is not None:
        end = max(end, anchor.end())
    while end > start and ctx.text[end - 1] in " \t\r\n":
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return ctx.document.span(start, end)


def _key_span(ctx: LintContext, entry: fm.Entry) -> Span:
    """The key's name: `title` inside `'title'` (a key written with escapes keeps its quotes)."""
    span = entry.key_span
    for quote in ("'", '"'):
        if ctx.text[span.start : span.end] == f"{quote}{entry.key}{quote}":
            return ctx.document.span(span.start + 1, span.end - 1)
    return span


@rule(
    "PS101",
    "yaml-syntax",
    Severity.ERROR,
    GROUP,
    "The front matter is not valid YAML.",
    """VS Code reads the header with a YAML parser and ignores a header it cannot read: the
    description, tools and model then silently fall back to defaults. The diagnostic sits where
    the parser gave up.""",
)
def yaml_syntax(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from _header_error(ctx, (fm.YAML_SYNTAX, fm.TOO_DEEP), yaml_syntax)


@rule(
    "PS102",
    "front-matter-unterminated",
    Severity.ERROR,
    GROUP,
    "The front matter has no closing '---' line.",
    """A header starts when line 1 is '---' and ends at the next '---' line. Without that line
    VS Code reads the whole file as the header and the persona has no body at all.""",
)
def unterminated(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from _header_error(ctx, (fm.UNTERMINATED,), unterminated)


@rule(
    "PS103",
    "front-matter-not-mapping",
    Severity.ERROR,
    GROUP,
    "The front matter is not a set of 'key: value' pairs.",
    """The header must be a YAML mapping. A list or a lone value gives VS Code's error
    "Invalid header, expecting <key: value> pairs" and none of its settings apply.""",
)
def not_mapping(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from _header_error(ctx, (fm.NOT_MAPPING,), not_mapping)


@rule(
    "PS104",
    "duplicate-key",
    Severity.ERROR,
    GROUP,
    "A key appears twice in the front matter.",
    """YAML keeps only the last of two equal keys, silently: the first value is lost, which is
    rarely what the author meant. Keep one.""",
)
def duplicate_key(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.document.front_matter
    if front is None or front.error is not None:
        return
    first_line: dict[str, int] = {}
    for entry in front.entries:
        first_line.setdefault(entry.key, entry.key_span.line)
    for entry in front.duplicates:
        yield duplicate_key.diagnostic(
            _key_span(ctx, entry),
            f"'{entry.key}' is already set on line {first_line[entry.key]}; "
            "YAML keeps only this later value",
        )


@rule(
    "PS105",
    "yaml-alias",
    Severity.ERROR,
    GROUP,
    "The front matter uses a YAML anchor or alias.",
    """Anchors (&name) and aliases (*name) have no use in a persona header and are the way YAML
    'billion laughs' bombs blow up a reader. They are refused before the header is read.""",
)
def yaml_alias(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from _header_error(ctx, (fm.YAML_ALIAS,), yaml_alias)


@rule(
    "PS106",
    "unknown-key",
    Severity.WARNING,
    GROUP,
    "A front matter key that the target does not support.",
    """Each target reads its own set of keys; VS Code warns "Attribute '...' is not supported"
    and ignores the rest. The message lists the keys the target supports.""",
)
def unknown_key(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.header
    if front is None:
        return
    target = ctx.target
    # Hidden keys are accepted but never suggested, as in VS Code's list.
    shown = [name for name, spec in target.keys.items() if not spec.hidden]
    supported = ", ".join(shown)
    for entry in front.entries:
        if target.key(entry.key) is None:
            span = _key_span(ctx, entry)
            from persona_studio.core.lint.near import nearest  # here: an unknown key is rare

            near = nearest(entry.key, shown)
            fix = None
            hint = ""
            if near is not None and ctx.entry(near) is None:
                hint = f" Did you mean '{near}'?"
            if near is not None and hint and ctx.fixes:
                fix = Fix(
                    f"Write '{near}'",
                    (edits.Edit(span.start, span.end, near, "rename key"),),
                    safe=False,
                )
            yield unknown_key.diagnostic(
                span,
                f"Attribute '{entry.key}' is not supported in {target.label} files.{hint} "
                f"Supported: {supported}.",
                fix=fix,
            )


@rule(
    "PS110",
    "ignored-key",
    Severity.INFO,
    GROUP,
    "A key that is accepted but has no effect, or is deprecated, for the target.",
    """Some keys are read by one environment only (mcp-servers works on GitHub, not in VS Code),
    and some are deprecated (infer). They do no harm, but they do not do what they seem to.""",
)
def ignored_key(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.header
    if front is None:
        return
    for entry in front.entries:
        spec = ctx.target.key(entry.key)
        if spec is None or spec.removed:
            continue
        note = spec.ignored or spec.deprecated
        if note:
            yield ignored_key.diagnostic(_key_span(ctx, entry), f"'{entry.key}': {note}")
        elif spec.name != entry.key:
            yield ignored_key.diagnostic(
                _key_span(ctx, entry), f"'{entry.key}' is an older spelling of '{spec.name}'"
            )


@rule(
    "PS112",
    "removed-key",
    Severity.ERROR,
    GROUP,
    "A key the reader no longer accepts.",
    """Some keys were retired: VS Code now reports `infer` as an error and asks for
    `user-invocable` and `disable-model-invocation` instead. The message says what replaces
    the key.""",
)
def removed_key(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.header
    if front is None:
        return
    for entry in front.entries:
        spec = ctx.target.key(entry.key)
        if spec is not None and spec.removed:
            yield removed_key.diagnostic(_key_span(ctx, entry), f"'{entry.key}': {spec.removed}")


# YAML 1.2's spellings of true and false; VS Code's reader takes no other (`yes`, `on`, `1`).
STRICT_BOOLEANS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})

_TYPE_WORDS = {
    "string": "a string",
    "boolean": "true or false",
    "strict-boolean": "true or false",
    "claude-model": "a string",
    "skill-name": "a string",
    "hooks": "a mapping of events to lists of commands",
    "github": "a mapping (permissions: ...)",
    "integer": "a whole number",
    "string-or-string-list": "a string or a list of strings",
    "string-list": "a list of strings",
    "string-list-or-comma-string": "a list of strings or a comma-separated string",
    "object": "a mapping of keys to values",
    "handoffs": "a list of handoffs (each with label, agent and prompt)",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _type_problems(spec: KeySpec, value: Any, raw: str = "") -> list[tuple[int | None, str]]:
    """(item index or None, problem) pairs; an empty list when the value fits the spec. ``raw``
    is the value as written (a strict boolean must be spelt true or false)."""
    kind = spec.type
    if value is None or kind == "any":
        return []
    if kind in ("string", "claude-model", "skill-name"):
        return [] if isinstance(value, str) else [(None, "")]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [(None, "")]
    if kind == "strict-boolean":
        if isinstance(value, bool) and raw.strip() in STRICT_BOOLEANS:
            return []
        if isinstance(value, bool):
            return [(None, f"must be written true or false, not '{raw.strip()}'")]
        return [(None, "")]
    if kind == "hooks":
        return _hook_problems(value)
    if kind == "github":
        return _github_problems(value)
    if kind == "integer":
        return [] if isinstance(value, int) and not isinstance(value, bool) else [(None, "")]
    if kind == "object":
        return [] if isinstance(value, dict) else [(None, "")]
    if kind == "enum":
        if isinstance(value, str) and value in spec.values:
            return []
        return [(None, f"must be one of: {', '.join(spec.values)}")]
    if kind in ("string-list", "string-or-string-list", "string-list-or-comma-string"):
        if isinstance(value, str):
            return [] if kind != "string-list" else [(None, "")]
        if not isinstance(value, list):
            return [(None, "")]
        return [
            (index, f"item {index + 1} is {_describe(item)}, not a string")
            for index, item in enumerate(value)
            if not isinstance(item, str)
        ]
    if kind == "handoffs":
        if not isinstance(value, list):
            return [(None, "")]
        problems: list[tuple[int | None, str]] = []
        for index, handoff in enumerate(value):
            if not isinstance(handoff, dict):
                problems.append((index, f"handoff {index + 1} is {_describe(handoff)}"))
                continue
            missing = [key for key in ("label", "agent", "prompt") if key not in handoff]
            if missing:
                problems.append((index, f"handoff {index + 1} has no {', '.join(missing)}"))
            for key in ("label", "agent", "prompt"):
                value_of = handoff.get(key)
                if key in handoff and not (isinstance(value_of, str) and value_of.strip()):
                    if key == "prompt" and isinstance(value_of, str):
                        continue  # an empty prompt is allowed: the button only switches agents
                    problems.append(
                        (index, f"handoff {index + 1}: '{key}' must be a non-empty string")
                    )
            if "model" in handoff and not isinstance(handoff["model"], str):
                problems.append((index, f"handoff {index + 1}: 'model' must be a string"))
            for key in ("send", "showContinueOn"):
                if key in handoff and not isinstance(handoff[key], bool):
                    problems.append((index, f"handoff {index + 1}: '{key}' must be true or false"))
        return problems
    return []


def _hook_problems(value: Any) -> list[tuple[int | None, str]]:
    """VS Code's hooks: event name -> a list of commands, each `{type: command, command: ...}`."""
    if not isinstance(value, dict):
        return [(None, "")]
    problems: list[tuple[int | None, str]] = []
    for event, commands in value.items():
        if not isinstance(commands, list):
            problems.append((None, f"hooks.{event} must be a list of commands"))
            continue
        for number, command in enumerate(commands, 1):
            if not isinstance(command, dict):
                problems.append((None, f"hooks.{event} item {number} must be a mapping"))
                continue
            if command.get("type", "command") != "command":
                problems.append((None, f"hooks.{event} item {number}: 'type' must be command"))
            if not isinstance(command.get("command"), str) or not command["command"].strip():
                problems.append((None, f"hooks.{event} item {number} needs a 'command' string"))
    return problems


_PERMISSION_LEVELS = ("read", "write", "none")


def _github_problems(value: Any) -> list[tuple[int | None, str]]:
    """`github: {permissions: {scope: read | write | none}}`."""
    if not isinstance(value, dict):
        return [(None, "")]
    problems: list[tuple[int | None, str]] = []
    for key, setting in value.items():
        if key != "permissions":
            problems.append((None, f"github.{key} is not a known setting (known: permissions)"))
            continue
        if not isinstance(setting, dict):
            problems.append((None, "github.permissions must be a mapping of scope to level"))
            continue
        for scope, level in setting.items():
            if level not in _PERMISSION_LEVELS:
                problems.append(
                    (
                        None,
                        f"github.permissions.{scope} must be one of: "
                        f"{', '.join(_PERMISSION_LEVELS)}",
                    )
                )
    return problems


@rule(
    "PS107",
    "invalid-type",
    Severity.ERROR,
    GROUP,
    "A front matter value of the wrong type.",
    """VS Code's readers ignore a value of the wrong type (a description that is a number, tools
    that are not a list of strings, a target that is not one of its values) and report an error.
    YAML 1.1 readings are a common cause: an unquoted yes, on or 012 is not a string.""",
)
def invalid_type(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.header
    if front is None:
        return
    surprises = {(s.key, s.span.start): s for s in front.surprises}
    for entry in front.entries:
        spec = ctx.target.key(entry.key)
        if spec is None:
            continue
        raw = ctx.text[entry.value_span.start : entry.value_span.end]
        for index, problem in _type_problems(spec, entry.value, raw):
            span = (
                entry.items[index].span if index is not None and entry.items else entry.value_span
            )
            if problem:
                message = f"'{entry.key}': {problem}"
            else:
                wanted = _TYPE_WORDS.get(spec.type, spec.type)
                message = f"'{entry.key}' must be {wanted}, not {_describe(entry.value)}"
            surprise = surprises.get((entry.key, span.start))
            if surprise is not None:
                message += f" ({surprise.message})"
            yield invalid_type.diagnostic(span, message)


@rule(
    "PS108",
    "empty-value",
    Severity.ERROR,
    GROUP,
    "A front matter key with an empty value.",
    """An empty description, name or model is an error in VS Code: the key is there but says
    nothing. Fill it in or remove the key. An empty tools list ([]) is allowed: it means no
    tools.""",
)
def empty_value(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.header
    if front is None:
        return
    for entry in front.entries:
        spec = ctx.target.key(entry.key)
        if spec is None or spec.base_type in ("any", "boolean", "integer"):
            continue
        value = entry.value
        empty = value is None or (isinstance(value, str) and not value.strip())
        if isinstance(value, list) and not value and entry.key != "tools":
            empty = spec.type in ("string-or-string-list",)
        if empty:
            yield empty_value.diagnostic(
                entry.value_span
                if entry.value_span.end > entry.value_span.start
                else _key_span(ctx, entry),
                f"'{entry.key}' is empty",
                severity=Severity.parse(spec.empty_severity) if spec.empty_severity else None,
            )


@rule(
    "PS109",
    "missing-description",
    Severity.WARNING,
    GROUP,
    "The front matter has no description.",
    """The description is what users see when they pick the persona (the chat input's
    placeholder in VS Code), and GitHub's agents require it: an error for the github-copilot and
    claude-code targets, a warning elsewhere.""",
)
def missing_description(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.document.front_matter
    if front is not None and front.error is not None:
        return
    if front is not None and front.entry("description") is not None:
        return
    spec = ctx.target.key("description")
    severity = Severity.ERROR if spec is not None and spec.required else None
    yield missing_description.diagnostic(
        ctx.file_start(),
        "The persona has no description: add 'description:' to the front matter",
        severity=severity,
    )


@rule(
    "PS111",
    "missing-key",
    Severity.ERROR,
    GROUP,
    "A key the target requires is missing.",
    """Some targets require keys besides the description: a Claude Code subagent needs a name,
    for example. Without it the tool does not load the file.""",
)
def missing_key(ctx: LintContext) -> Iterator[Diagnostic]:
    front = ctx.document.front_matter
    if front is not None and front.error is not None:
        return
    present = set(front.keys()) if front is not None else set()
    for name, spec in ctx.target.keys.items():
        if spec.required and name != "description" and name not in present:
            if any(alias in present for alias in spec.aliases):
                continue
            yield missing_key.diagnostic(
                ctx.file_start(), f"{ctx.target.label} files need '{name}' in the front matter"
            )
