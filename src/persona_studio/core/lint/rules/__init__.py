"""Every lint rule, in one table: `RULES`, in id order (the order `persona-studio rules` lists
them and the runner runs them). A rule module defines its rules with `@rule(...)` or
`declare(...)` (core/lint/define.py); a rule is known only once it is listed here."""

from __future__ import annotations

from persona_studio.core.lint.model import Rule
from persona_studio.core.lint.rules import (
    agents,
    body,
    files,
    frontmatter,
    persona,
    references,
    suppression,
    tools,
)

RULES: tuple[Rule, ...] = (
    # front matter
    frontmatter.yaml_syntax,  # PS101
    frontmatter.unterminated,  # PS102
    frontmatter.not_mapping,  # PS103
    frontmatter.duplicate_key,  # PS104
    frontmatter.yaml_alias,  # PS105
    frontmatter.unknown_key,  # PS106
    frontmatter.invalid_type,  # PS107
    frontmatter.empty_value,  # PS108
    frontmatter.missing_description,  # PS109
    frontmatter.ignored_key,  # PS110
    frontmatter.missing_key,  # PS111
    frontmatter.removed_key,  # PS112
    # tools
    tools.unknown_tool,  # PS201
    tools.renamed_tool,  # PS202
    tools.duplicate_tool,  # PS203
    tools.unverified_tool,  # PS204
    # body
    body.tool_reference_unknown,  # PS301
    body.tool_reference_disabled,  # PS302
    body.body_too_long,  # PS303
    body.heading_increment,  # PS304
    # persona
    persona.missing_title,  # PS401
    persona.missing_section,  # PS402
    persona.empty_section,  # PS403
    persona.duplicate_section,  # PS404
    persona.section_order,  # PS405
    persona.primary_question_form,  # PS406
    persona.decision_pattern_form,  # PS407
    # files
    files.NOT_UTF8,  # PS501
    files.BINARY_FILE,  # PS502
    files.FILE_TOO_LARGE,  # PS503
    files.UNREADABLE_FILE,  # PS504
    # agents
    agents.handoff_label,  # PS601
    agents.unknown_handoff_property,  # PS602
    agents.agents_need_agent_tool,  # PS603
    agents.malformed_model,  # PS604
    agents.unknown_model,  # PS605
    # references
    references.kind_renamed,  # PS701
    references.skill_name,  # PS702
    references.missing_file_reference,  # PS703
    references.unknown_handoff_agent,  # PS704
    references.unknown_subagent,  # PS705
    references.unknown_skill,  # PS706
    # suppression
    suppression.UNUSED_DISABLE,  # PS901
)


def _index(rules: tuple[Rule, ...]) -> tuple[dict[str, Rule], dict[str, Rule]]:
    by_id: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for made in rules:
        if made.id in by_id or made.name in by_name:
            raise ValueError(f"rule {made.id} {made.name} is listed twice")
        by_id[made.id] = made
        by_name[made.name] = made
    return by_id, by_name


_BY_ID, _BY_NAME = _index(RULES)


def find(key: str) -> Rule | None:
    """A rule by id (`PS201`, any case) or by name (`unknown-tool`)."""
    key = key.strip()
    return _BY_ID.get(key.upper()) or _BY_NAME.get(key.lower())


def all_rules() -> list[Rule]:
    """Every rule, in id order."""
    return list(RULES)


__all__ = ["RULES", "all_rules", "find"]
