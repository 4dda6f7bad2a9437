"""A generated workspace for the graph benchmarks: persona files made from the library's and the
corpus's bodies (read in place, never copied into the repository), in teams of 100, each team a
workspace with custom agents in `.github/agents/` (handing off to each other, with subagent
lists, a broken handoff now and then, and links), Claude Code subagents with `skills:` lists, and
skills."""

from __future__ import annotations

from pathlib import Path

from bench_env import source_personas

from persona_studio.core.document import parse

TEAM = 100


def make_workspace(root: Path, count: int) -> Path:
    sources = source_personas()  # skipped with the reason without ../shared/corpus
    bodies = []
    for path in sources:
        document = parse(path.read_text(encoding="utf-8"))
        bodies.append(document.text[document.body_start :])
    for number in range(count):
        team, member = divmod(number, TEAM)
        folder = root / f"team-{team:03d}"
        body = bodies[number % len(bodies)]
        kind = member % 10
        if kind < 7:  # a custom agent
            after, other = (member + 1) % 7, (member + 3) % 7
            wanted = f"agent-{after}" if member % 13 else "agent-gone"
            text = (
                f"---\nname: agent-{member % 7}-{member}\ndescription: Agent {member}\n"
                f"tools: ['agent', 'search/codebase', 'edit']\nagents: ['agent-{other}', 'Plan']\n"
                f"handoffs:\n  - label: Next\n    agent: {wanted}\n    prompt: Go on.\n"
                f"  - label: Back\n    agent: agent-{other}\n    prompt: Again.\n---\n"
                f"See [the guide](../../docs/guide.md) and #file:../../docs/missing-{member}.md.\n"
                f"{body}"
            )
            path = folder / ".github" / "agents" / f"agent-{member}.agent.md"
        elif kind < 9:  # a Claude subagent
            text = (
                f"---\nname: sub-{member}\ndescription: Subagent {member}\ntools: Read, Grep\n"
                f"skills:\n  - skill-{(member + 1) % 10}\n  - skill-none\n---\n{body}"
            )
            path = folder / ".claude" / "agents" / f"sub-{member}.md"
        else:  # a skill
            text = f"---\nname: skill-{member}\ndescription: Skill {member}\n---\n{body}"
            path = folder / ".claude" / "skills" / f"skill-{member}" / "SKILL.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for team in range((count + TEAM - 1) // TEAM):
        guide = root / f"team-{team:03d}" / "docs" / "guide.md"
        guide.parent.mkdir(parents=True, exist_ok=True)
        guide.write_text("# Guide\n", encoding="utf-8")
    return root
