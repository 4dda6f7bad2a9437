"""`persona-studio edit FILE...`: batch edits from the shell through the core's edit functions."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable

from persona_studio.cli import setkeys
from persona_studio.cli.common import add_max_size, load, not_written, write_bytes
from persona_studio.cli.terminal import escape_line
from persona_studio.core import edits
from persona_studio.core.document import Document
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.disk import SaveConflictError
from persona_studio.core.files.opened import OpenedFile
from persona_studio.core.readers import toollist


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "edit",
        help="change front matter fields and tools of persona files",
        description="Apply edits in the order given. "
        "Bytes the edits do not touch stay as they are.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="set_")
    parser.add_argument("--add-tool", action="append", default=[], metavar="NAME")
    parser.add_argument("--remove-tool", action="append", default=[], metavar="NAME")
    parser.add_argument("--rename-tool", action="append", default=[], metavar="OLD=NEW")
    add_max_size(parser)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="save the files (atomically)")
    mode.add_argument("--stdout", action="store_true", help="print the edited files")
    mode.add_argument("--check", action="store_true", help="exit 1 when a file would change")


def _operations(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """The requested operations in command-line order of kind (set, add, remove, rename).

    A `set` carries the key as it is to be written (plain, or quoted as given)."""
    ops: list[tuple[str, str, str]] = []
    for item in args.set_:
        _require_utf8("--set", item)
        key_text, value = setkeys.split_setting(item)
        ops.append(("set", key_text, value))
    for option, names in (("--add-tool", args.add_tool), ("--remove-tool", args.remove_tool)):
        for name in names:
            _require_utf8(option, name)
    ops.extend(("add", name, "") for name in args.add_tool)
    ops.extend(("remove", name, "") for name in args.remove_tool)
    for item in args.rename_tool:
        _require_utf8("--rename-tool", item)
        old, sep, new = item.partition("=")
        if not sep or not old or not new:
            raise PersonaStudioError(f"--rename-tool needs OLD=NEW, got {item!r}")
        ops.append(("rename", old, new))
    return ops


def _require_utf8(option: str, text: str) -> None:
    """Arguments that were not UTF-8 reach Python as lone surrogates: refuse them rather than
    write them into a file as escapes of bytes nobody meant."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start]
        code = ord(bad)
        shown = f"byte 0x{code - 0xDC00:02X}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
        raise PersonaStudioError(
            f"{option}: the argument is not valid UTF-8 ({shown} at character "
            f"{error.start + 1}); give the text in UTF-8"
        ) from None


def apply_operations(
    document: Document,
    ops: list[tuple[str, str, str]],
    say: Callable[[str], None] | None = None,
) -> Document:
    """Apply the operations in order; ``say`` hears of an operation that changes nothing."""
    for kind, first, second in ops:
        if kind == "set":
            # The words change; a block scalar keeps its style and its final line break.
            key = setkeys.key_of(first)
            edit = edits.set_field(document, key, second, keep_ending=True, key_text=first)
            if edit.note and say is not None:
                say(edit.note)
        elif kind == "add":
            if first in (toollist.tool_names(document) or ()):
                if say is not None:
                    say(f"'{first}' is already in the tools list; nothing added")
                continue
            edit = edits.add_tool(document, first)
        elif kind == "remove":
            edit = edits.remove_tool(document, first)
        else:
            edit = edits.rename_tool(document, first, second)
        document = edit.apply_to(document)
    return document


def run(args: argparse.Namespace) -> int:
    ops = _operations(args)
    changed = 0
    failed = 0
    conflicts = 0  # files changed on disk since they were read: not written, exit 1
    for path in args.files:
        try:
            loaded, document = load(path, args.max_size)
            edited = apply_operations(document, ops, functools.partial(_warn, path))
        except PersonaStudioError as error:
            message = str(error) if error.path else f"{path}: {error}"
            print(f"persona-studio: {escape_line(message)}", file=sys.stderr)
            failed += 1
            continue
        new_bytes = loaded.encode(edited.text)
        differs = edited.text != document.text
        changed += differs
        if args.stdout:
            write_bytes(new_bytes)
        elif args.check:
            if differs:
                print(f"would change: {escape_line(path)}")
        elif differs:
            # Written only if the file is still the one read: an edit made meanwhile is kept.
            try:
                OpenedFile(path, loaded).save(edited.text, missing_ok=False, keep_newlines=True)
            except SaveConflictError as error:
                print(not_written(path, error, "edited"), file=sys.stderr)
                conflicts += 1
                continue
            except PersonaStudioError as error:  # the file keeps its bytes; the others go on
                print(f"persona-studio: {escape_line(error)}", file=sys.stderr)
                failed += 1
                continue
            print(f"changed: {escape_line(path)}")
    if failed:
        return 2
    return 1 if conflicts or (args.check and changed) else 0


def _warn(path: str, message: str) -> None:
    print(escape_line(f"{path}: {message}"), file=sys.stderr)
