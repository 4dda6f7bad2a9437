"""Reading the catalog's ``kinds:``: what a file is, which profile reads it, and the export
targets that copy a kind's whole folder."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from persona_studio.core.catalog.checks import fail, mapping, strings, text
from persona_studio.core.catalog.specs import KindExport, KindSpec, freeze
from persona_studio.core.catalog.target import Target


def build_kind(kid: str, raw: Any, targets: Mapping[str, Target]) -> KindSpec:
    where = f"kinds.{kid}"
    data = mapping(raw, where)
    profiles = {}
    for key in ("profile", "legacy_profile"):
        value = data.get(key)
        if value is not None and value not in targets:
            raise fail(f"{where}.{key}", f"unknown target {value!r}")
        profiles[key] = value
    if profiles["profile"] is None:
        raise fail(where, "a kind needs a profile (the target its reader applies)")
    declared = {
        str(value): text(tid, f"{where}.declared_profiles.{value}")
        for value, tid in mapping(
            data.get("declared_profiles"), f"{where}.declared_profiles"
        ).items()
    }
    for value, tid in declared.items():
        if tid not in targets:
            raise fail(f"{where}.declared_profiles.{value}", f"unknown target {tid!r}")
    suffix = text(data.get("suffix"), f"{where}.suffix", optional=True) or None
    file_name = text(data.get("file_name"), f"{where}.file_name", optional=True) or None
    folders = strings(data.get("folders"), f"{where}.folders")
    if not (suffix or file_name or folders):
        raise fail(where, "a kind needs a suffix, a file_name or folders to be recognised by")
    return KindSpec(
        id=kid,
        label=text(data.get("label"), f"{where}.label"),
        profile=profiles["profile"],
        suffix=suffix,
        file_name=file_name,
        folders=folders,
        exclude=strings(data.get("exclude"), f"{where}.exclude"),
        legacy_profile=profiles["legacy_profile"],
        renamed_to=text(data.get("renamed_to"), f"{where}.renamed_to", optional=True) or None,
        declared_profiles=freeze(declared),
        persona_rules=bool(data.get("persona_rules", True)),
        md_in_folders=bool(data.get("md_in_folders", True)),
        exports=_build_exports(data.get("exports"), f"{where}.exports"),
    )


def _build_exports(raw: Any, where: str) -> Mapping[str, KindExport]:
    exports = {}
    for tid, entry in mapping(raw, where).items():
        place = f"{where}.{tid}"
        fields = mapping(entry, place)
        exports[str(tid)] = KindExport(
            folder=text(fields.get("folder"), f"{place}.folder"),
            label=text(fields.get("label"), f"{place}.label"),
        )
    return freeze(exports)
