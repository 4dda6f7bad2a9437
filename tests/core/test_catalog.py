"""The tool catalog: what tool names and keys mean per target, and how they map between targets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from _shared import SEED, corpus_files
from persona_studio.core.catalog import (
    KEY_TYPES,
    Catalog,
    CatalogError,
    is_mcp_or_extension,
    load_catalog,
)
from persona_studio.core.readers.filekind import identify
from persona_studio.core.resources import resource_path

# The profiles the shipped catalog holds, in its order (literal: what the catalog must say).
TARGET_IDS = ("vscode-chatmode", "vscode-agent", "github-copilot", "claude-code", "agent-skill")

# The `tools` list of the user's example persona (names only).
SEED_TOOLS = [
    "changes",
    "codebase",
    "editFiles",
    "extensions",
    "fetch",
    "findTestFiles",
    "githubRepo",
    "new",
    "openSimpleBrowser",
    "problems",
    "runCommands",
    "runTasks",
    "runTests",
    "search",
    "searchResults",
    "terminalLastCommand",
    "terminalSelection",
    "testFailure",
    "usages",
    "vscodeAPI",
    "microsoft.docs.mcp",
    "github",
]
SEED_MCP = {"microsoft.docs.mcp", "github"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    header = text.split("\n---", 1)[0].removeprefix("---")
    return yaml.safe_load(header) or {}


def _catalog_data() -> dict:
    return yaml.safe_load(resource_path("catalog.yaml").read_text(encoding="utf-8"))


def _write_catalog(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# -- the seed persona -------------------------------------------------------------------------


def test_seed_tool_list_is_the_one_tested_here():
    assert _front_matter(SEED)["tools"] == SEED_TOOLS


def test_every_seed_tool_is_valid_for_a_chat_mode(catalog):
    target = catalog.target("vscode-chatmode")
    statuses = {name: target.classify_tool(name) for name in SEED_TOOLS}
    unverified = {name for name, status in statuses.items() if status.kind == "unverified"}
    assert unverified == SEED_MCP
    assert all(status.kind == "known" for name, status in statuses.items() if name not in SEED_MCP)


def test_seed_legacy_names_are_renamed_for_a_custom_agent(catalog):
    target = catalog.target("vscode-agent")
    assert target.classify_tool("runCommands").replacements == (
        "execute/runInTerminal",
        "execute/getTerminalOutput",
        "read/terminalLastCommand",
        "read/terminalSelection",
    )
    assert target.classify_tool("codebase").replacements == ("search/codebase",)
    assert target.classify_tool("editFiles").replacements == ("edit/editFiles",)
    assert target.classify_tool("fetch").replacements == ("web/fetch",)
    assert set(target.classify_tool("runTasks").replacements) == {
        "execute/runTask",
        "execute/createAndRunTask",
        "execute/getTaskOutput",
    }
    assert target.classify_tool("findTestFiles").kind == "unknown"
    assert target.classify_tool("findTestFiles").note  # says why
    assert target.classify_tool("search").kind == "known"
    kinds = {name: target.classify_tool(name).kind for name in SEED_TOOLS}
    assert {name for name, kind in kinds.items() if kind == "renamed"} == set(SEED_TOOLS) - {
        "findTestFiles",
        "search",
        *SEED_MCP,
    }


def test_rename_note_names_the_replacements(catalog):
    status = catalog.target("vscode-agent").classify_tool("runCommands")
    assert "execute/runInTerminal" in status.note
    assert "'codebase'" in catalog.target("vscode-agent").classify_tool("codebase").note


# -- classification rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "replacement"),
    [
        ("shell", "execute"),
        ("runSubagent", "agent"),
        ("custom-agent", "agent"),
        ("todos", "todo"),
        ("runCommands/terminalLastCommand", "read/terminalLastCommand"),
        ("search/readFile", "read/readFile"),
        ("readFile", "read/readFile"),
        ("viewImage", "read/viewImage"),
        ("runVscodeCommand", "vscode/runCommand"),
    ],
)
def test_agent_renames(catalog, name, replacement):
    status = catalog.target("vscode-agent").classify_tool(name)
    assert status.kind == "renamed"
    assert status.replacements == (replacement,)


@pytest.mark.parametrize("name", ["terminalCommand", "think", "Bash", "edit/fooBar", "new/foo"])
def test_agent_unknown_names(catalog, name):
    assert catalog.target("vscode-agent").classify_tool(name).kind == "unknown"


def test_known_member_reports_its_tool_set(catalog):
    status = catalog.target("vscode-agent").classify_tool("read/readFile")
    assert (status.kind, status.tool_set) == ("known", "read")
    chat = catalog.target("vscode-chatmode")
    assert chat.classify_tool("codebase").tool_set == "search"
    assert chat.classify_tool("search/codebase").kind == "known"  # 1.105 full reference name


@pytest.mark.parametrize("target_id", ["vscode-chatmode", "vscode-agent", "github-copilot"])
@pytest.mark.parametrize("name", ["myserver/*", "myserver/tool", "microsoft.docs.mcp"])
def test_mcp_names_are_unverified_for_slash_targets(catalog, target_id, name):
    assert catalog.target(target_id).classify_tool(name).kind == "unverified"


def test_mcp_alias_resolution_is_offered_for_agents(catalog):
    status = catalog.target("vscode-agent").classify_tool("github")
    assert status.kind == "unverified"
    assert status.replacements == ("github/*",)


def test_github_copilot_names_are_case_insensitive(catalog):
    target = catalog.target("github-copilot")
    assert target.case_insensitive_tools
    bash = target.classify_tool("Bash")
    assert (bash.kind, bash.alias_of) == ("known", "execute")
    assert target.classify_tool("bash").kind == "known"
    assert target.classify_tool("EXECUTE").name == "execute"
    assert target.classify_tool("*").kind == "known"
    assert target.classify_tool("GitHub/*").kind == "known"
    assert target.classify_tool("playwright/*").kind == "known"
    assert target.classify_tool("codebase").kind == "unknown"


def test_claude_code_names(catalog):
    target = catalog.target("claude-code")
    assert target.classify_tool("Read").kind == "known"
    assert target.classify_tool("read").kind == "unknown"  # Claude Code names are case-sensitive
    assert target.classify_tool("mcp__srv__tool").kind == "unverified"
    assert target.classify_tool("myserver/tool").kind == "unknown"
    assert catalog.target("vscode-agent").classify_tool("mcp__srv__tool").kind == "unknown"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("myserver/*", True),
        ("myserver/tool", True),
        ("microsoft.docs.mcp", True),
        ("ms-python.python/installPythonPackage", True),
        ("github", True),
        ("playwright", True),
        ("mcp__srv__tool", True),
        ("edit/fooBar", False),
        ("read/*", False),
        ("runCommands/foo", False),
        ("todo/x", False),
        ("codebase", False),
        ("Microsoft Docs", False),
        ("/tool", False),
        ("", False),
    ],
)
def test_is_mcp_or_extension(name, expected):
    assert is_mcp_or_extension(name) is expected


# -- picker groups --------------------------------------------------------------------------------


@pytest.mark.parametrize("target_id", TARGET_IDS)
def test_tool_groups_offer_only_current_canonical_names(catalog, target_id):
    target = catalog.target(target_id)
    groups = target.tool_groups()
    assert bool(groups) == (target_id != "agent-skill")  # a skill has no tools key
    for _, members in groups:
        for name in members:
            status = target.classify_tool(name)
            assert status.kind == "known", name
            assert status.alias_of is None, name
            assert name not in target.renamed_tools()


def test_tool_sets_expose_their_members(catalog):
    sets = catalog.target("vscode-chatmode").tool_sets
    assert "runInTerminal" in sets["runCommands"]
    assert "read/readFile" in catalog.target("vscode-agent").tool_sets.get("read", ())
    assert "Other" not in sets


def test_agent_picker_lists_sets_then_other(catalog):
    groups = catalog.target("vscode-agent").tool_groups()
    names = [name for name, _ in groups]
    assert names[-1] == "Other"
    assert {"read", "search", "edit", "execute", "web", "vscode", "agent"} <= set(names)
    offered = {tool for _, members in groups for tool in members}
    assert not offered & {"codebase", "runCommands", "findTestFiles", "fetch"}


# -- keys -----------------------------------------------------------------------------------------


def test_chatmode_keys_are_the_chat_mode_era_set(catalog):
    target = catalog.target("vscode-chatmode")
    assert {"description", "tools", "model"} <= set(target.keys)
    assert target.key("name") is None
    assert target.key("handoffs") is None
    assert target.key("title") is None
    assert target.key("model").type == "string"
    assert not target.required_keys()


def test_agent_key_aliases_and_notes(catalog):
    target = catalog.target("vscode-agent")
    assert target.key("user-invokable") is target.key("user-invocable")
    assert target.key("user-invocable").type == "strict-boolean"  # `yes` is an error
    assert target.key("user-invocable").base_type == "boolean"
    assert target.key("infer").removed  # an error in VS Code 1.140
    assert target.key("mcp-servers").ignored
    assert target.key("model").type == "string-or-string-list"
    assert target.key("target").values == ("vscode", "github-copilot")
    assert target.key("title") is None
    assert not target.required_keys()  # VS Code raises no missing-field diagnostic


def test_required_keys_carry_a_severity(catalog):
    github = catalog.target("github-copilot")
    assert [spec.name for spec in github.required_keys()] == ["description"]
    assert github.key("description").required_severity == "error"
    assert github.key("handoffs").ignored
    claude = catalog.target("claude-code")
    assert {spec.name for spec in claude.required_keys()} == {"name", "description"}


def test_claude_code_key_types(catalog):
    target = catalog.target("claude-code")
    assert target.tools_form == "comma-string"
    assert target.key("tools").type == "string-list-or-comma-string"
    assert target.key("maxTurns").type == "integer"
    assert "bypassPermissions" in target.key("permissionMode").values
    assert "inherit" in target.key("model").values


@pytest.mark.parametrize("target_id", TARGET_IDS)
def test_every_key_type_is_from_the_fixed_vocabulary(catalog, target_id):
    for spec in catalog.target(target_id).keys.values():
        assert spec.type in KEY_TYPES
        if spec.type == "enum":
            assert spec.values


def test_target_facts(catalog):
    assert catalog.target("github-copilot").body_limit == 30000
    assert catalog.target("vscode-agent").body_limit is None
    assert catalog.target("vscode-chatmode").suffix == ".chatmode.md"
    assert catalog.target("vscode-agent").default_folder == ".github/agents"
    assert catalog.target("claude-code").default_folder == ".claude/agents"
    assert catalog.target("vscode-agent").tool_validation
    assert not catalog.target("github-copilot").tool_validation


def test_unknown_target_error_lists_the_ids(catalog):
    with pytest.raises(KeyError) as info:
        catalog.target("cursor")
    message = str(info.value)
    assert all(tid in message for tid in TARGET_IDS)


# -- paths ----------------------------------------------------------------------------------------


# -- equivalents ----------------------------------------------------------------------------------


def test_one_to_one_names_round_trip_between_agent_and_chat_mode(catalog):
    agent = catalog.target("vscode-agent")
    checked = 0
    for name in agent.known_tools():
        back = catalog.equivalent(name, "vscode-agent", "vscode-chatmode")
        if len(back) != 1:
            continue
        assert catalog.target("vscode-chatmode").classify_tool(back[0]).kind == "known"
        assert catalog.equivalent(back[0], "vscode-chatmode", "vscode-agent") == (name,)
        checked += 1
    assert checked >= 25


def test_agent_names_map_back_to_the_chat_mode_picker_spelling(catalog):
    assert catalog.equivalent("search/codebase", "vscode-agent", "vscode-chatmode") == ("codebase",)
    assert catalog.equivalent("edit/editFiles", "vscode-agent", "vscode-chatmode") == ("editFiles",)
    assert catalog.equivalent("todo", "vscode-agent", "vscode-chatmode") == ("todos",)
    assert catalog.equivalent("vscode/memory", "vscode-agent", "vscode-chatmode") == ()


def test_orphaned_set_maps_back_as_a_whole(catalog):
    members = catalog.equivalent("runCommands", "vscode-chatmode", "vscode-agent")
    assert len(members) == 4
    assert catalog.map_tools([*members, "web/fetch"], "vscode-agent", "vscode-chatmode") == [
        "runCommands",
        "fetch",
    ]
    partial = catalog.map_tools(members[:2], "vscode-agent", "vscode-chatmode")
    assert partial == ["runInTerminal", "getTerminalOutput"]


def test_seed_migrates_to_an_agent_and_back(catalog):
    migrated = catalog.map_tools(SEED_TOOLS, "vscode-chatmode", "vscode-agent")
    agent = catalog.target("vscode-agent")
    assert all(agent.classify_tool(name).kind in ("known", "unverified") for name in migrated)
    assert "github/*" in migrated and "microsoft.docs.mcp/*" in migrated
    assert len(migrated) == len(set(migrated))
    back = catalog.map_tools(migrated, "vscode-agent", "vscode-chatmode")
    # findTestFiles is gone; terminalLastCommand and terminalSelection are already covered by the
    # runCommands set they were members of, so the group swallows them on the way back.
    gone_or_covered = {"findTestFiles", "terminalLastCommand", "terminalSelection"}
    assert set(back) == set(SEED_TOOLS) - gone_or_covered


@pytest.mark.parametrize(
    ("name", "from_target", "to_target", "expected"),
    [
        ("read/readFile", "vscode-agent", "claude-code", ("Read",)),
        ("execute/runInTerminal", "vscode-agent", "claude-code", ("Bash",)),
        ("search/textSearch", "vscode-agent", "claude-code", ("Grep",)),
        ("search/fileSearch", "vscode-agent", "claude-code", ("Glob",)),
        ("web/fetch", "vscode-agent", "claude-code", ("WebFetch",)),
        ("agent", "vscode-agent", "claude-code", ("Agent",)),
        ("todo", "vscode-agent", "claude-code", ("TodoWrite",)),
        ("readFile", "vscode-chatmode", "claude-code", ("Read",)),
        ("runInTerminal", "vscode-chatmode", "claude-code", ("Bash",)),
        ("codebase", "vscode-agent", "claude-code", ()),  # legacy input is modernised first
        (
            "Bash",  # the whole execute set, in the names of the chat-mode era
            "claude-code",
            "vscode-chatmode",
            (
                "runInTerminal",
                "getTerminalOutput",
                "createAndRunTask",
                "runTask",
                "getTaskOutput",
                "runTests",
                "testFailure",
                "runCell",
            ),
        ),
        (
            "Read",
            "claude-code",
            "vscode-agent",
            ("read/readFile", "read/getNotebookSummary", "read/readNotebookCellOutput"),
        ),
        ("Bash", "claude-code", "github-copilot", ("execute",)),
        ("bash", "github-copilot", "claude-code", ("Bash",)),
        ("edit/editFiles", "vscode-agent", "github-copilot", ("edit",)),
        ("editFiles", "vscode-chatmode", "github-copilot", ("edit",)),
        ("Shell", "github-copilot", "vscode-agent", ("execute",)),
        ("findTestFiles", "vscode-chatmode", "vscode-agent", ()),
        ("nonsense", "vscode-agent", "claude-code", ()),
        ("myserver/tool", "vscode-agent", "claude-code", ("mcp__myserver__tool",)),
        # A bare name is a server only where the reader says so (github, dotted names).
        ("mcp__myserver__*", "claude-code", "vscode-chatmode", ("myserver/*",)),
        ("mcp__github__*", "claude-code", "vscode-chatmode", ("github",)),
        ("microsoft.docs.mcp", "vscode-chatmode", "vscode-agent", ("microsoft.docs.mcp/*",)),
        ("Read", "vscode-agent", "claude-code", ("Read",)),  # a Claude Code name in an agent
        ("Task", "vscode-agent", "github-copilot", ("agent",)),
        ("myserver/tool", "vscode-chatmode", "vscode-agent", ("myserver/tool",)),
        ("github", "vscode-chatmode", "vscode-agent", ("github/*",)),
    ],
)
def test_equivalent(catalog, name, from_target, to_target, expected):
    assert catalog.equivalent(name, from_target, to_target) == expected


def test_map_tools_drops_names_without_equivalent_and_duplicates(catalog):
    mapped = catalog.map_tools(
        ["read/readFile", "findTestFiles", "readFile", "execute/runInTerminal"],
        "vscode-agent",
        "claude-code",
    )
    assert mapped == ["Read", "Bash"]


@pytest.mark.parametrize(
    ("model", "to_target", "expected"),
    [
        ("Claude Sonnet 4.5", "claude-code", "sonnet"),
        ("Claude Sonnet 4.5 (copilot)", "claude-code", "sonnet"),
        ("claude-3.5-sonnet", "claude-code", "sonnet"),
        ("Claude Opus 4.5", "claude-code", "opus"),
        ("inherit", "claude-code", "inherit"),
        ("GPT-5 (copilot)", "claude-code", None),
        ("GPT-4.1", "claude-code", None),
        ("", "claude-code", None),
        ("sonnet", "vscode-agent", "Claude Sonnet 4.5"),
        ("inherit", "vscode-agent", None),
        ("GPT-5 (copilot)", "vscode-agent", "GPT-5 (copilot)"),
    ],
)
def test_map_model(catalog, model, to_target, expected):
    assert catalog.map_model(model, to_target) == expected


# -- the data file --------------------------------------------------------------------------------


def test_catalog_file_is_versioned(catalog):
    data = _catalog_data()
    assert isinstance(data["version"], str) and data["version"]
    assert catalog.version == data["version"]
    assert tuple(catalog.targets) == TARGET_IDS


def test_default_catalog_is_loaded_once():
    assert load_catalog() is load_catalog()


def test_every_rename_replacement_is_a_current_agent_tool(catalog):
    agent = catalog.target("vscode-agent")
    for legacy, replacements in agent.renamed_tools().items():
        assert replacements, legacy
        for name in replacements:
            assert agent.classify_tool(name).kind == "known", (legacy, name)


@pytest.mark.parametrize("target_id", TARGET_IDS)
def test_no_name_is_both_known_and_renamed(catalog, target_id):
    target = catalog.target(target_id)
    assert not set(target.known_tools()) & set(target.renamed_tools())


def test_every_chat_mode_name_has_a_fate_in_agents(catalog):
    """Exporting a chat mode never meets a name the agent catalog says nothing about."""
    agent = catalog.target("vscode-agent")
    for name in catalog.target("vscode-chatmode").known_tools():
        status = agent.classify_tool(name)
        assert status.kind in ("known", "renamed") or status.note, name


def test_corpus_built_in_names_are_known_or_renamed(catalog):
    """Real agent files: every name under a built-in tool set resolves (known or renamed)."""
    files = [p for p in corpus_files() if p.name.endswith((".chatmode.md", ".agent.md"))]
    assert len(files) >= 50
    prefixes = set(catalog.target("vscode-agent").tool_sets) | set(
        catalog.target("vscode-chatmode").tool_sets
    )
    for path in files:
        target_id = identify(path).target
        target = catalog.target(target_id)
        for name in _front_matter(path).get("tools") or []:
            if name.partition("/")[0] in prefixes or name in prefixes:
                kind = target.classify_tool(name).kind
                assert kind in ("known", "renamed"), (path.name, name)


# -- loading errors -------------------------------------------------------------------------------


def test_missing_file_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="missing"):
        load_catalog(tmp_path / "nope.yaml")


def test_invalid_yaml_is_a_catalog_error(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text("targets: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid YAML"):
        load_catalog(path)


def test_a_custom_catalog_file_loads(tmp_path):
    data = _catalog_data()
    data["version"] = "test-1"
    assert load_catalog(_write_catalog(tmp_path, data)).version == "test-1"


def test_unknown_key_type_is_rejected(tmp_path):
    data = _catalog_data()
    data["targets"]["vscode-agent"]["keys"]["name"]["type"] = "text"
    with pytest.raises(CatalogError, match="unknown key type"):
        load_catalog(_write_catalog(tmp_path, data))


def test_rename_to_an_unknown_tool_is_rejected(tmp_path):
    data = _catalog_data()
    data["targets"]["vscode-agent"]["tools"]["renamed"]["fetch"] = ["web/fetchh"]
    with pytest.raises(CatalogError, match="web/fetchh"):
        load_catalog(_write_catalog(tmp_path, data))


def test_tool_access_forms_are_read_and_checked(tmp_path):
    catalog = load_catalog()
    github = catalog.target("github-copilot").access
    assert (github.omitted, github.all, github.none) == ("all", "star", "empty")
    claude = catalog.target("claude-code").access
    assert (claude.omitted, claude.all) == ("all", "omit")
    assert catalog.target("vscode-agent").access.omitted == "default"
    assert catalog.target("vscode-chatmode").access.mcp_server == "bare"
    data = _catalog_data()
    data["targets"]["github-copilot"]["tools"]["access"]["all"] = "everything"
    with pytest.raises(CatalogError, match=r"github-copilot\.tools\.access\.all"):
        load_catalog(_write_catalog(tmp_path, data))


def test_a_name_both_known_and_renamed_is_rejected(tmp_path):
    data = _catalog_data()
    data["targets"]["vscode-agent"]["tools"]["renamed"]["todo"] = ["browser"]
    with pytest.raises(CatalogError, match="both known and renamed"):
        load_catalog(_write_catalog(tmp_path, data))


def test_unsupported_format_is_rejected(tmp_path):
    data = _catalog_data()
    data["format"] = 99
    with pytest.raises(CatalogError, match="format"):
        load_catalog(_write_catalog(tmp_path, data))


def test_tool_answers_are_remembered_and_stay_the_callers(catalog):
    """map_tools and trace_tool remember their answers (issue 21 item 15: an export of 10,000
    files asks about the same names): the same answer again, and a caller that changes the list
    it got does not change the next one."""
    names = ["codebase", "fetch", "runCommands"]
    first = catalog.map_tools(names, "vscode-chatmode", "claude-code")
    first.append("changed by the caller")
    again = catalog.map_tools(iter(names), "vscode-chatmode", "claude-code")
    assert again == first[:-1] and "changed by the caller" not in again
    assert catalog.trace_tool("search", "vscode-agent", "claude-code") is catalog.trace_tool(
        "search", "vscode-agent", "claude-code"
    )
