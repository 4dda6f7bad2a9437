"""What every export shares: the conversion steps (the result, its notes and the write are in
``formats.result``).

Contract: core only, never Qt. An export reads one document snapshot and produces the text of the
target's file. Every change is a span edit from ``core.edits`` applied to the front matter, so the
keys that stay keep their bytes (order, quoting, comments) and the body is carried byte for byte.
The result is linted under its target; errors block writing it unless the caller forces. The
steps edit one key at a time through ``Conversion.edit`` (``formats.conversion``), which applies
the edits together, on one parse of the front matter.

The conversion is a fixed sequence of steps (``Exporter.convert``): drop the keys the target does
not support, rewrite the tools list, map the model, then a target's own step (``finish``). A
target module overrides the hooks it needs; tool names and models come from the catalog only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from persona_studio.core import edits
from persona_studio.core.catalog import Target
from persona_studio.core.document import Document
from persona_studio.core.edits import Edit, replace_value
from persona_studio.core.errors import EditError, PersonaStudioError
from persona_studio.core.formats.access import (
    ALL,
    DEFAULT,
    NAMED,
    NONE,
    STAR,
    ToolAccess,
    ToolFate,
    ToolReport,
    read_access,
)
from persona_studio.core.formats.alignment import align, plan_items
from persona_studio.core.formats.conversion import Conversion
from persona_studio.core.frontmatter import Entry
from persona_studio.core.text.yamlscalar import flow_list


class Exporter:
    """Converts a document of any format into one target's file. Subclasses override the hooks;
    the steps run in ``convert``'s order. The catalog names the exporter of each target (its
    ``exporter``), and ``formats.FORMATS`` makes one per target with the target's id."""

    def __init__(self, target_id: str) -> None:
        self.target_id = target_id

    def convert(self, conv: Conversion) -> None:
        self.drop_unsupported(conv)
        self.convert_tools(conv)
        self.denied_tools(conv)
        self.convert_model(conv)
        self.finish(conv)

    # -- hooks ----------------------------------------------------------------------------------

    def foreign_keys(self, conv: Conversion) -> dict[str, str]:
        """Keys both formats know but write differently: key -> reason. By the catalog: a key
        that is a mapping in both, of different layouts (VS Code's hooks and Claude Code's)."""
        if conv.same_target:
            return {}
        source = conv.catalog.target(conv.source)
        foreign = {}
        for key, spec in conv.target.keys.items():
            theirs = source.key(key)
            if theirs is None or theirs.type == spec.type:
                continue
            if theirs.base_type == spec.base_type == "object":
                foreign[key] = (
                    f"{source.label} files write '{key}' differently from {conv.target.label} files"
                )
        return foreign

    def drop_reason(self, key: str, conv: Conversion) -> str:
        return f"not supported in {conv.target.label} files"

    def same_target_tools(self, conv: Conversion, names: list[Any]) -> list[list[Any]]:
        """What each tool becomes when the source already is in this target's format: itself.
        (Names a rename brings in that the list already has are not repeated.)"""
        return [[name] for name in names]

    def finish(self, conv: Conversion) -> None:
        """The target's own step (name, required keys)."""

    # -- steps ----------------------------------------------------------------------------------

    def drop_unsupported(self, conv: Conversion) -> None:
        foreign = self.foreign_keys(conv)
        for key in conv.present_keys():
            if conv.target.key(key) is not None and key not in foreign:
                continue
            entry = conv.entry(key)
            shown = _preview(entry.value) if entry is not None else ""
            reason = foreign.get(key) or self.drop_reason(key, conv)
            conv.edit(key, edits.remove_field, key)
            conv.note("dropped", f"'{key}'{shown}: {reason}")

    def convert_tools(self, conv: Conversion) -> None:
        """State what the source grants (``access.read_access``), then write what grants the
        same in the target; the report says what each tool became."""
        entry = conv.entry("tools")
        source = conv.catalog.target(conv.source)
        target = conv.target
        access = read_access(entry.value if entry else None, entry is not None, source)
        if access is None or entry is None or conv.same_target:
            if access is not None:
                shown = access.describe(source)
                conv.tools = ToolReport(shown, shown)
            if entry is not None and conv.same_target:
                self._same_target_tools(conv, entry)
            if entry is None and access is not None and not conv.same_target:
                self._omitted_access(conv, access, source)
            return
        if access.kind == ALL:
            self._all_access(conv, entry, access, source)
            return
        if access.kind == NONE:
            self.write_tools(conv, entry, _items(entry), [])
            conv.tools = ToolReport(access.describe(source), access.describe(target))
            return
        old = _items(entry)
        catalog = conv.catalog
        per_item = [
            catalog.map_tools([name], source.id, target.id) if isinstance(name, str) else []
            for name in old
        ]
        plan: list[list[Any]] | None = plan_items(old, per_item, dedupe_all=True)
        names = [name for name in old if isinstance(name, str)]
        final: list[Any] = catalog.map_tools(names, source.id, target.id)
        fates = [self._fate(conv, name) for name in names]
        self._note_tool_mapping(conv, fates, per_item, final)
        if plan is not None and [name for names in plan for name in names] != final:
            plan = None  # names merged (an old tool set): align the lists instead
        self.write_tools(conv, entry, old, final, plan)
        written = ToolAccess(NAMED, tuple(final)) if final else ToolAccess(NONE)
        conv.tools = ToolReport(
            access.describe(source),
            written.describe(target),
            fates,
            same=all(fate.status == "kept" and not fate.widened for fate in fates),
        )

    def denied_tools(self, conv: Conversion) -> None:
        """Tools the source takes away (Claude Code's ``disallowedTools``) where the target has
        no way to: each is reported lost, for the result grants it."""
        key = "disallowedTools"
        front = conv.original.front_matter
        entry = front.entry(key) if front is not None else None
        if entry is None or conv.same_target or conv.target.key(key) is not None:
            return
        denied = _items(entry)
        names = [name for name in denied if isinstance(name, str)]
        if not names or conv.tools is None:
            return
        conv.tools.source += " minus " + ", ".join(names) + f" ('{key}')"
        conv.tools.same = False
        reason = f"{conv.target.label} cannot take a tool away: the new file grants it"
        for name in names:
            conv.tools.fates.append(ToolFate(f"{key}: {name}", "lost", reason=reason))
            conv.note("unmapped", f"'{key}' {name}: {reason}")

    def _same_target_tools(self, conv: Conversion, entry: Entry) -> None:
        if entry.kind != "sequence" and not isinstance(entry.value, str):
            return  # not a list: the lint of the result reports it
        old = _items(entry)
        per_item = self.same_target_tools(conv, old)
        plan = plan_items(old, per_item, dedupe_all=False)
        final: list[Any] = [name for names in plan for name in names]
        self.write_tools(conv, entry, old, final, plan)

    def _omitted_access(self, conv: Conversion, access: ToolAccess, source: Target) -> None:
        """No ``tools`` key in the source: none in the result either; say so where the two
        readers give different tools for a missing key."""
        target = conv.target
        written = ToolAccess(ALL if target.access.omitted == ALL else DEFAULT, omitted=True)
        same = written.kind == access.kind
        conv.tools = ToolReport(access.describe(source), written.describe(target), same=same)
        if not same:
            conv.note(
                "changed",
                f"no 'tools' key: {source.label} gives {access.describe(source)}, "
                f"{target.label} gives {written.describe(target)}",
            )

    def _all_access(
        self, conv: Conversion, entry: Entry, access: ToolAccess, source: Target
    ) -> None:
        target = conv.target
        others = [name for name in access.names if name != STAR]
        if target.access.all == "star":
            if not (entry.kind == "sequence" and _items(entry) == [STAR]):
                conv.apply(edits.set_tools(conv.document, [STAR]))
            written = ToolAccess(ALL, (STAR,))
        else:
            conv.apply(edits.remove_field(conv.document, "tools"))
            written = ToolAccess(ALL if target.access.omitted == ALL else DEFAULT, omitted=True)
            conv.note(
                "changed",
                f"'tools': all tools ('*') written as no 'tools' key, which gives "
                f"{written.describe(target)}",
            )
        if others:
            conv.note(
                "changed",
                "'tools': " + ", ".join(others) + " left out: '*' already grants every tool",
            )
        same = written.kind == ALL
        conv.tools = ToolReport(access.describe(source), written.describe(target), same=same)

    def _fate(self, conv: Conversion, name: str) -> ToolFate:
        target = conv.target
        trace = conv.catalog.trace_tool(name, conv.source, target.id)
        status = trace.status
        if status == "kept":
            return ToolFate(name, status, trace.written, widened=trace.widened)
        reason = _lost_reasons(conv, trace.lost)
        if status == "lost" and not reason:
            reason = f"no {target.label} tool does this"
        if status == "lost" and not trace.parts[0][0]:
            reason = "an empty tool name"
        lost = trace.lost if status == "partly" else ()
        return ToolFate(name, status, trace.written, lost, reason)

    def write_tools(
        self,
        conv: Conversion,
        entry: Entry,
        old: list[Any],
        final: list[Any],
        plan: list[list[Any]] | None = None,
    ) -> None:
        """Write ``final`` in the target's form, touching as little of the old value as it can:
        ``plan`` (what each old item becomes), when given, keeps every item's place and quoting."""
        if conv.target.tools_form == "comma-string" and not conv.same_target:
            if not final:
                if entry.kind != "sequence":
                    conv.edit("tools", _replace_value, "tools", "[]", "set tools")
                    _note_empty(conv)
                elif old:
                    conv.edit("tools", edits.set_tools, [])
                    _note_empty(conv)
                return
            text = ", ".join(final)
            if entry.kind == "scalar" and entry.value == text:
                return
            if entry.kind == "scalar":
                conv.edit("tools", edits.set_tools, final)
            else:
                conv.edit("tools", edits.set_field, "tools", text)
                conv.note(
                    "changed",
                    f"'tools' written as the comma-separated string {conv.target.label} expects",
                )
            return
        if entry.kind != "sequence":
            if conv.target.tools_form == "list" and isinstance(entry.value, str):
                conv.edit("tools", _replace_value, "tools", flow_list(final), "set tools")
                conv.note("changed", f"'tools' written as the YAML list {conv.target.label} reads")
                if not final:
                    _note_empty(conv)
            elif final != old:
                conv.edit("tools", edits.set_tools, final)
            return
        if final == old:
            return
        if not final:
            conv.apply(edits.set_tools(conv.document, []))
            _note_empty(conv)
            return
        before = conv.document
        try:
            changes = align(old, final) if plan is None else dict(enumerate(plan))
            for index in sorted(changes, reverse=True):
                values = changes[index]
                if values != [old[index]]:
                    conv.apply(edits.replace_list_value(conv.document, "tools", index, values))
        except PersonaStudioError:
            conv.document = before
        if list(conv.document.data.get("tools") or ()) != list(final):
            # Belt and braces: should the item-wise edits not give the list, write it whole.
            conv.document = before
            conv.apply(edits.set_tools(conv.document, [str(name) for name in final]))

    def convert_model(self, conv: Conversion) -> None:
        entry = conv.entry("model")
        if entry is None:
            return
        target = conv.target
        value = entry.value
        spec = target.key("model")
        single = spec is not None and spec.base_type == "string"
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            values = list(value)
        else:
            return  # a wrong type: the lint of the result reports it
        if conv.same_target:
            # The names are the target's own; only a list where one model is read changes.
            if not (single and isinstance(value, list)):
                return
            mapped = list(dict.fromkeys(v for v in values if v.strip()))
        else:
            mapped = list(
                dict.fromkeys(
                    m
                    for m in (conv.catalog.map_model(v, target.id, conv.source) for v in values)
                    if m is not None
                )
            )
        lost = (
            []
            if conv.same_target
            else [v for v in values if conv.catalog.map_model(v, target.id, conv.source) is None]
        )
        if not mapped:
            conv.edit("model", edits.remove_field, "model")
            listed = ", ".join(f"'{v}'" for v in values)
            conv.note("dropped", f"'model' {listed}: no equivalent in {target.label}")
            return
        if single or isinstance(value, str):
            chosen = mapped[0]
            if chosen != value:
                conv.edit("model", edits.set_field, "model", chosen)
                if isinstance(value, list) and len(value) > 1:
                    conv.note(
                        "changed",
                        f"'model': {target.label} takes one model; kept '{chosen}' of "
                        + ", ".join(f"'{v}'" for v in values),
                    )
                elif isinstance(value, list):
                    conv.note("changed", f"'model': the list of one written as '{chosen}'")
                else:
                    conv.note("changed", f"'model': '{values[0]}' -> '{chosen}'")
            return
        if mapped != values:
            conv.edit("model", edits.set_list, "model", mapped)
            conv.note(
                "changed",
                "'model': " + ", ".join(values) + " -> " + ", ".join(mapped),
            )
        for name in lost:
            conv.note("unmapped", f"model '{name}' has no equivalent in {target.label}; left out")

    # -- helpers --------------------------------------------------------------------------------

    def _note_tool_mapping(
        self,
        conv: Conversion,
        fates: list[ToolFate],
        per_item: list[list[Any]],
        final: list[str],
    ) -> None:
        target = conv.target
        renames = [
            f"{fate.tool} -> {' + '.join(fate.written)}"
            for fate in fates
            if fate.status == "kept" and list(fate.written) != [fate.tool]
        ]
        for fate in fates:
            if fate.status == "lost":
                conv.note("unmapped", f"tool '{fate.tool}' left out: {fate.reason}")
            elif fate.status == "partly":
                conv.note(
                    "unmapped",
                    f"tool '{fate.tool}' kept only in part, as {' + '.join(fate.written)}: "
                    f"{', '.join(fate.lost)} {'has' if len(fate.lost) == 1 else 'have'} no "
                    f"equivalent in {target.label}",
                )
        if renames:
            conv.note("changed", f"tools renamed for {target.label}: " + ", ".join(renames))
        widened = [part for fate in fates for part in fate.widened]
        if widened:
            conv.note(
                "changed",
                f"{target.label} names whole tool sets only: "
                + ", ".join(widened)
                + " written as the set each belongs to, which grants the set's other tools too",
            )
        expected = list(dict.fromkeys(name for names in per_item for name in names))
        gone = [name for name in expected if name not in final]
        new = [name for name in final if name not in expected]
        if gone and new:
            conv.note(
                "changed",
                f"tools {', '.join(gone)} written as {', '.join(new)} ({target.label} names "
                "them together)",
            )


def _replace_value(document: Document, key: str, value_text: str, label: str) -> Edit:
    """``edits.replace_value`` of ``key``'s entry in ``document`` (for ``Conversion.edit``)."""
    front = document.front_matter
    entry = front.entry(key) if front is not None else None
    if entry is None:
        raise EditError(f"The front matter has no '{key}' key")
    return replace_value(document, entry, value_text, label)


def _items(entry: Entry) -> list[Any]:
    """The items of a ``tools`` value: a sequence's values, a comma string's names."""
    if entry.kind == "sequence":
        return [item.value for item in entry.items]
    if isinstance(entry.value, str):
        return [part.strip() for part in entry.value.split(",") if part.strip()]
    return []


def _lost_reasons(conv: Conversion, parts: Sequence[str]) -> str:
    """Why tools have no equivalent in the target: a reader's own word on a name when the catalog
    has one (the target's first), that no reader knows it, else that the target has no such
    tool."""
    target = conv.target
    catalog = conv.catalog
    reasons: list[str] = []
    plain: list[str] = []
    readers = [target, *(t for t in catalog.targets.values() if t.id != target.id)]
    for part in parts:
        gone = next((t.gone_note(part) for t in readers if t.gone_note(part)), "")
        if gone:
            reasons.append(gone)
        elif all(t.classify_tool(part).kind == "unknown" for t in readers):
            reasons.append(f"'{part}' is not a tool any reader knows")
        else:
            plain.append(part)
    if plain:
        listed = ", ".join(f"'{part}'" for part in plain)
        verb = "does" if len(plain) == 1 else "do"
        reasons.insert(0, f"no {target.label} tool does what {listed} {verb}")
    return "; ".join(dict.fromkeys(reasons))


def _note_empty(conv: Conversion) -> None:
    conv.note(
        "changed",
        f"no tool has an equivalent in {conv.target.label}: 'tools' is now empty (no tools); "
        "remove the key to give the persona the default tools",
    )


def _preview(value: Any) -> str:
    if isinstance(value, bool):
        return f" ({str(value).lower()})"
    if isinstance(value, (str, int, float)):
        text = " ".join(str(value).split())
        return f" ('{text[:40]}…')" if len(text) > 40 else f" ('{text}')"
    return ""
