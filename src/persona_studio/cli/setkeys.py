"""`edit --set KEY=VALUE`: which keys the command line may name.

A key is written into the header as given, so it must read back as exactly that one key: a plain
YAML key (`description`, `x-team`), or one quoted the way YAML allows (`'a: b'=value`,
`"say \\"hi\\""=value`). Anything else (`a: b`, a line break, `#x`, a key YAML reads as a number
or a boolean) would write another key, a comment or broken YAML, so it is a usage error.
"""

from __future__ import annotations

import yaml

from persona_studio.core.errors import PersonaStudioError

_HELP = (
    "give a plain key (letters, digits, '-', '_', '.') or quote it as YAML does, "
    "e.g. --set \"'my: key'=value\""
)


def split_setting(item: str) -> tuple[str, str]:
    """(the key as it is to be written, the value) of one `--set KEY=VALUE`."""
    if item[:1] in ("'", '"'):
        end = _closing_quote(item)
        if end is None or item[end + 1 : end + 2] != "=":
            raise PersonaStudioError(
                f"--set {item!r}: a quoted key needs its closing quote and then '=VALUE'"
            )
        key_text, value = item[: end + 1], item[end + 2 :]
    else:
        key_text, sep, value = item.partition("=")
        key_text = key_text.strip()
        if not sep or not key_text:
            raise PersonaStudioError(f"--set needs KEY=VALUE, got {item!r}")
    key_of(key_text)  # refuses what YAML would not read as this one key
    return key_text, value


def key_of(key_text: str) -> str:
    """The key that `key_text` names when written as `key_text: value`, refusing any text that
    would not read back as exactly one string key."""
    quoted = key_text[:1] in ("'", '"')
    if not key_text or not key_text.isprintable() or key_text != key_text.strip():
        _refuse(key_text)
    try:
        loaded = yaml.safe_load(f"{key_text}: v\n")
    except yaml.YAMLError:
        _refuse(key_text)
    if not isinstance(loaded, dict) or len(loaded) != 1:
        _refuse(key_text)
    (key,) = loaded
    if not isinstance(key, str) or not key or (not quoted and key != key_text):
        _refuse(key_text)
    if loaded[key] != "v":
        _refuse(key_text)
    return key


def _closing_quote(item: str) -> int | None:
    quote = item[0]
    index = 1
    while index < len(item):
        char = item[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and item[index + 1 : index + 2] == "'":
                index += 2  # '' is a quote inside single quotes
                continue
            return index
        index += 1
    return None


def _refuse(key_text: str) -> None:
    raise PersonaStudioError(f"--set: {key_text!r} is not a key YAML reads as written; {_HELP}")
