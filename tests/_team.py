"""A small team of personas in a temporary folder, for the workspace tests (graph, where used,
rename, the workspace panel): two custom agents that hand off to each other (one handoff to an
agent that was renamed away), a subagent list, a Claude subagent with skills (one missing), a
skill, and body links (one to a missing file)."""

from __future__ import annotations

from pathlib import Path

PLANNER = """\
---
name: Planner
description: Plans the work
tools: ['agent', 'search/codebase']
agents: ['coder', 'Plan']
handoffs:
  - label: Start coding
    agent: coder
    prompt: Implement the plan.
  - label: Review it
    agent: Reviewer
    prompt: Review the plan.
---
# Planner

Read [the guide](../../docs/guide.md) first, then #file:notes/missing.md and ask coder.
"""

CODER = """\
---
description: Writes the code
tools: ['edit', 'search/codebase']
handoffs:
  - label: Back to planning
    agent: Planner
    prompt: Plan again.
---
# Coder

Follow [the planner](planner.agent.md).
"""

TESTER = """\
---
name: tester
description: Runs the tests
tools: Read, Bash
skills:
  - testing
  - fuzzing
---
# Tester

Test what the coder wrote.
"""

TESTING = """\
---
name: testing
description: How to test this project
---
# Testing

Run the suite.
"""


def make_team(root: Path) -> Path:
    """Write the team into ``root`` (made if needed) and return it."""
    files = {
        ".github/agents/planner.agent.md": PLANNER,
        ".github/agents/coder.agent.md": CODER,
        ".claude/agents/tester.md": TESTER,
        ".claude/skills/testing/SKILL.md": TESTING,
        "docs/guide.md": "# Guide\n\nUse the tools.\n",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
