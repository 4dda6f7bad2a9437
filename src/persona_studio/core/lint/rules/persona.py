"""Rules of the persona schema: only for persona documents (a `# Persona: ...` title, or a path
the config assigns the schema to)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_studio.core.edits import EditError, add_section
from persona_studio.core.lint.context import LintContext
from persona_studio.core.lint.define import rule
from persona_studio.core.lint.model import Diagnostic, Fix, Severity
from persona_studio.core.outline import Section
from persona_studio.core.structured.sections import insertion_anchor
from persona_studio.core.text.spans import Span

GROUP = "persona"
EMPTY_ITEM = re.compile(r"(?m)^[ \t]*(?:[-*+]|\d+[.)])[ \t]*$")


def _schema_sections(ctx: LintContext) -> list[tuple[Section, int]]:
    """The document's sections that the schema knows, with their index in the schema."""
    found = []
    titles = [spec.title.casefold() for spec in ctx.schema.sections]
    for section in ctx.document.sections:
        key = section.title.strip().casefold()
        if section.level == ctx.schema.section_level and key in titles:
            found.append((section, titles.index(key)))
    return found


def _anchor(ctx: LintContext) -> Span:
    title = ctx.document.title
    return title.heading_span if title is not None else ctx.file_start()


@rule(
    "PS401",
    "missing-title",
    Severity.WARNING,
    GROUP,
    "A persona without a '# Persona: Name' title.",
    """The title names the persona for people and marks the file as a persona; it is the first
    level-1 heading, written '# Persona: Name'.""",
    persona_only=True,
)
def missing_title(ctx: LintContext) -> Iterator[Diagnostic]:
    title = ctx.document.title
    if title is None:
        yield missing_title.diagnostic(
            ctx.file_start(), f"The persona has no title: add '# {ctx.schema.title_example}'"
        )
    elif not ctx.schema.is_persona_title(title.title):
        yield missing_title.diagnostic(
            title.heading_span,
            f"The title should read '{ctx.schema.title_prefix} Name' "
            f"(for example '# {ctx.schema.title_example}')",
        )


@rule(
    "PS402",
    "missing-section",
    Severity.WARNING,
    GROUP,
    "A section the persona schema requires is missing.",
    """The persona schema lists the sections a complete persona has (Core Belief, Primary
    Question, Decision Pattern, ...). A missing one leaves the assistant without that guidance.""",
    persona_only=True,
)
def missing_section(ctx: LintContext) -> Iterator[Diagnostic]:
    present = {section.title.strip().casefold() for section in ctx.document.sections}
    for spec in ctx.schema.sections:
        if spec.required and spec.title.casefold() not in present:
            yield missing_section.diagnostic(
                _anchor(ctx),
                f"The persona has no '{spec.title}' section ({spec.help})",
                fix=_insert_section_fix(ctx, spec.title) if ctx.fixes else None,
            )


def _insert_section_fix(ctx: LintContext, title: str) -> Fix | None:
    """Add the section's heading where the schema's order puts it: before the next schema
    section the persona has, else at the end. Unsafe: the new section is empty until written."""
    try:
        before = insertion_anchor(ctx.document, ctx.schema, title)
        edit = add_section(ctx.document, title, level=ctx.schema.section_level, before=before)
    except EditError:
        return None
    return Fix(f"Insert a '{title}' section", (edit,), safe=False)


@rule(
    "PS403",
    "empty-section",
    Severity.WARNING,
    GROUP,
    "A persona section with nothing in it.",
    """A heading with no text under it tells the assistant nothing; write the section or remove
    the heading.""",
    persona_only=True,
)
def empty_section(ctx: LintContext) -> Iterator[Diagnostic]:
    for section, _ in _schema_sections(ctx):
        # Everything under the heading, subsections included: `### Part` under a section is
        # content of that section.
        content = EMPTY_ITEM.sub("", ctx.text[section.content_span.start : section.span.end])
        if not content.strip():
            yield empty_section.diagnostic(section.heading_span, f"'{section.title}' is empty")


@rule(
    "PS404",
    "duplicate-section",
    Severity.WARNING,
    GROUP,
    "A persona section that appears twice.",
    """Two sections with the same title split one idea in two places, and tools that read the
    persona by section take only one of them. Merge them.""",
    persona_only=True,
)
def duplicate_section(ctx: LintContext) -> Iterator[Diagnostic]:
    seen: dict[str, Section] = {}
    for section, _ in _schema_sections(ctx):
        key = section.title.strip().casefold()
        if key in seen:
            yield duplicate_section.diagnostic(
                section.heading_span,
                f"'{section.title}' already appears on line {seen[key].line}",
            )
        else:
            seen[key] = section


@rule(
    "PS405",
    "section-order",
    Severity.INFO,
    GROUP,
    "Persona sections out of the schema's order.",
    """Personas that follow one order read alike and compare well side by side. The schema's
    order goes from belief to practice: Core Belief, Primary Question, Decision Pattern, ...""",
    persona_only=True,
)
def section_order(ctx: LintContext) -> Iterator[Diagnostic]:
    highest = -1
    highest_title = ""
    for section, position in _schema_sections(ctx):
        if position < highest:
            yield section_order.diagnostic(
                section.heading_span,
                f"'{section.title}' comes before '{highest_title}' in the persona schema",
            )
        elif position > highest:
            highest, highest_title = position, section.title


def _kind_sections(ctx: LintContext, kind: str) -> Iterator[Section]:
    for section, position in _schema_sections(ctx):
        if ctx.schema.sections[position].kind == kind:
            yield section


@rule(
    "PS406",
    "primary-question-form",
    Severity.INFO,
    GROUP,
    "The Primary Question is not a question.",
    """The Primary Question is the one question the persona asks of every piece of work; written
    as a question ("Will this handle 10x the load?") it reads as a test the answer must pass.""",
    persona_only=True,
)
def primary_question_form(ctx: LintContext) -> Iterator[Diagnostic]:
    for section in _kind_sections(ctx, "question"):
        content = section.content(ctx.text).strip()
        if not content:
            continue
        text = content.strip("\"'“”‘’ *_")
        if not text.endswith("?"):
            start = section.content_span.start + section.content(ctx.text).index(content[0])
            span = ctx.document.span(start, start + len(content.splitlines()[0]))
            yield primary_question_form.diagnostic(
                span, f"'{section.title}' should be a question ending with '?'"
            )


RANKING = re.compile(r"\S.*?\s*>\s*\S")


@rule(
    "PS407",
    "decision-pattern-form",
    Severity.INFO,
    GROUP,
    "A Decision Pattern item that is not a ranking.",
    """Decision Pattern items settle trade-offs by ranking choices, written 'A > B > C'. An item
    without a ranking states a value but does not say what it wins over.""",
    persona_only=True,
)
def decision_pattern_form(ctx: LintContext) -> Iterator[Diagnostic]:
    for section in _kind_sections(ctx, "priority-list"):
        for item in section.items:
            if item.text.strip() and not RANKING.search(item.text):
                yield decision_pattern_form.diagnostic(
                    item.text_span,
                    f"'{item.text.strip()}' is not a ranking such as 'A > B > C'",
                )
