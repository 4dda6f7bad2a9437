"""`persona-studio gui [FILE...]`: the desktop program (also with no subcommand)."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("gui", help="open the editor window (the default)")
    parser.add_argument("files", nargs="*", metavar="FILE")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="open the window at 1400x900, save a picture of it once the preview and the "
        "problems are complete, and exit (works without a display)",
    )
    parser.add_argument("--library", action="store_true", help="start on the persona library")


def plain_arguments(argv: list[str]) -> argparse.Namespace | None:
    """What the parser makes of `gui` ARGV when ARGV is options first (``--screenshot OUT``,
    ``--library``), then files, none of them starting with "-"; None for any other form (help,
    abbreviations, ``--screenshot=OUT``, ``--``, a file named "-x"...), left to argparse."""
    screenshot: str | None = None
    library = False
    rest = list(argv)
    while rest and rest[0].startswith("-"):
        if rest[0] == "--library":
            library, rest = True, rest[1:]
        elif rest[0] == "--screenshot" and len(rest) > 1 and not rest[1].startswith("-"):
            screenshot, rest = rest[1], rest[2:]
        else:
            return None
    if any(name.startswith("-") for name in rest):
        return None
    return argparse.Namespace(command="gui", files=rest, screenshot=screenshot, library=library)


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, vnc, ... chosen on purpose
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(args: argparse.Namespace) -> int:
    if args.screenshot and not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not has_display():
        print(
            "persona-studio: there is no display to open a window on (DISPLAY and "
            "WAYLAND_DISPLAY are not set). Run it in a desktop session, under a virtual screen "
            "(xvfb-run persona-studio), or take a picture of the window with "
            "'persona-studio gui --screenshot window.png'.",
            file=sys.stderr,
        )
        return 2
    for path in args.files:
        if not os.path.exists(path):
            print(f"persona-studio: {path}: no such file", file=sys.stderr)
            return 2
    from persona_studio.gui.app import run as run_gui

    return run_gui(args.files, screenshot=args.screenshot, library=args.library)
