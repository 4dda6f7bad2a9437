"""What the Source view offers and says at a position (core.assist), per reader profile."""

from __future__ import annotations

from persona_studio.core.assist import complete, hover
from persona_studio.core.catalog import load_catalog

TEXT = """---
name: a
us
tools: ['read', 'sea
model: Cl
handoffs:
  - label: x
    agent: Re
    pr
target: X
---
Use #tool:read/re now.
""".replace("target: X", "target: ")
CATALOG = load_catalog()
AGENT = CATALOG.target("vscode-agent")


def offer_after(probe: str, target=AGENT):
    offset = TEXT.index(probe) + len(probe)
    return complete(TEXT, offset, target, CATALOG, ["Reviewer", "Implementer"])


def labels(offer) -> list[str]:
    return [item.label for item in offer.items]


def test_keys_of_the_files_reader_not_yet_written() -> None:
    offer = offer_after("\nus")
    assert offer.prefix == "us" and offer.start == TEXT.index("\nus") + 1
    assert "user-invocable" in labels(offer) and "name" not in labels(offer)
    assert offer.items[labels(offer).index("user-invocable")].text == "user-invocable: "
    claude = offer_after("\nus", CATALOG.target("claude-code"))
    assert "user-invocable" not in labels(claude) and "permissionMode" in labels(claude)


def test_tools_models_agents_properties_and_values() -> None:
    tools = offer_after("'sea")
    assert tools.prefix == "sea" and "search/codebase" in labels(tools)
    codebase = tools.items[labels(tools).index("search/codebase")]
    assert codebase.kind == "tool" and "semantic search" in codebase.detail
    assert "Claude Sonnet 4.5" in labels(offer_after("model: Cl"))
    agents = offer_after("agent: Re")
    assert agents.prefix == "Re" and labels(agents)[:2] == ["Reviewer", "Implementer"]
    assert "Plan" in labels(agents)  # VS Code's own
    properties = offer_after("    pr")
    assert properties.prefix == "pr" and "prompt" in labels(properties)
    assert labels(offer_after("\ntarget: ")) == ["vscode", "github-copilot"]
    assert offer_after("#tool:read/re").prefix == "read/re"
    assert offer_after("Use ") is None


def test_hover_explains_keys_tools_and_handoff_properties() -> None:
    document = TEXT
    assert hover(document, TEXT.index("target") + 1, AGENT).startswith("target (enum)\nWhere")
    assert "Values: vscode, github-copilot" in hover(document, TEXT.index("target") + 1, AGENT)
    assert hover(document, TEXT.index("read'") + 1, AGENT).startswith("read (tool set)\nTool set")
    assert "does not know this tool" in hover(document, TEXT.index("read/re") + 2, AGENT)
    assert "handoff property" in hover(document, TEXT.index("agent:") + 1, AGENT)
    assert hover(document, TEXT.index("now"), AGENT) == ""
    chatmode = CATALOG.target("vscode-chatmode")
    assert "does not read this key" in hover(document, TEXT.index("target") + 1, chatmode)


def test_hover_over_an_agent_name_says_which_file_it_names() -> None:
    text = (
        "---\nagents: ['Code Reviewer', Plan, ghost]\nhandoffs:\n  - label: Go\n"
        "    agent: 'Code Reviewer'\n---\n"
    )
    files = {"Code Reviewer": "/w/.github/agents/reviewer.agent.md"}
    listed = hover(text, text.index("Code") + 2, AGENT, files)
    assert listed == "Code Reviewer\nWorkspace agent: reviewer.agent.md"
    handed = hover(text, text.index("agent: 'Code") + 10, AGENT, files)
    assert handed == listed
    assert hover(text, text.index("Plan") + 1, AGENT, files).endswith("built into VS Code.")
    assert "No agent of the workspace" in hover(text, text.index("ghost") + 1, AGENT, files)
    # Without the workspace's agents, nothing is said about names.
    assert hover(text, text.index("ghost") + 1, AGENT) == ""
