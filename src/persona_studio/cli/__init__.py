"""The `persona-studio` command: an argparse front end over the core.

Each subcommand lives in its own module with `add_parser(subparsers)` and `run(args) -> int`.
Exit codes everywhere: 0 success, 1 findings or "would change", 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

from persona_studio import __version__
from persona_studio.cli.terminal import escape_line
from persona_studio.core.errors import PersonaStudioError

# Subcommand name -> module under persona_studio.cli.
COMMANDS = {
    "show": "show",
    "edit": "edit",
    "lint": "lint",
    "rules": "rules",
    "diff": "diff",
    "compare": "compare",
    "export": "export",
    "render": "render",
    "graph": "workspace.graph",
    "log": "workspace.log",
    "uses": "workspace.uses",
    "rename-agent": "workspace.rename_agent",
    "gui": "gui",
}


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (its default also exits 2)."""

    def error(self, message: str) -> NoReturn:  # pragma: no cover - argparse contract
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of `only` that one: a command imports only its own
    module (the editor does not load diff, compare and export to start)."""
    parser = _Parser(
        prog="persona-studio",
        description="Write, check, compare and export AI-assistant persona files.",
    )
    parser.add_argument("--version", action="version", version=f"persona-studio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(f"persona_studio.cli.{module}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command. Called with no arguments, as the program itself (the installed command,
    ``python -m persona_studio``): once a window's event loop has ended, the process ends at
    once (gui.app.leave) rather than tearing its objects down one by one."""
    code = _main(argv)
    if argv is None:
        leave_after_window(code)
        leave_after_batch(code)
    return code


def leave_after_batch(code: int) -> None:
    """End the process with `code` now if it ran a batch (``lint``), whose results the system
    frees at once rather than the interpreter object by object (a fifth of the time it took to
    start)."""
    lint = sys.modules.get("persona_studio.cli.lint")
    if lint is not None and getattr(lint, "batch_ended", False):
        lint.leave(code)


def leave_after_window(code: int) -> None:
    """End the process with `code` now if this process showed a window that is closed by now."""
    app = sys.modules.get("persona_studio.gui.app")
    if app is not None and getattr(app, "event_loop_ended", False):
        app.leave(code)


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        # No subcommand, or files only: the GUI.
        return _start_gui(argv)
    args = _plain_gui_arguments(argv)
    if args is None:
        parser = build_parser(argv[0] if argv[0] in COMMANDS else None)
        args = parser.parse_args(argv)
    module = importlib.import_module(f"persona_studio.cli.{COMMANDS[args.command]}")
    try:
        return module.run(args)
    except PersonaStudioError as error:
        # One line, whatever the file name or content quoted in the message holds.
        print(f"persona-studio: {escape_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: one line for the user, the traceback on request
        if os.environ.get("PERSONA_STUDIO_DEBUG"):
            raise
        print(
            f"persona-studio: internal error ({type(error).__name__}:"
            f" {escape_line(error)}); "
            "run again with PERSONA_STUDIO_DEBUG=1 to see where, and please report it",
            file=sys.stderr,
        )
        return 2


def _plain_gui_arguments(argv: list[str]) -> argparse.Namespace | None:
    """`gui` with its arguments in a plain form (what a desktop entry or a screenshot run
    passes), read without building the parser; None for anything else, which argparse reads.
    Building a parser looks up translations of its help texts, which loads the locale module's
    tables (0.4 MB that the window keeps for nothing)."""
    if argv[0] != "gui":
        return None
    from persona_studio.cli.gui import plain_arguments

    return plain_arguments(argv[1:])


def _start_gui(files: list[str]) -> int:
    if "gui" in COMMANDS:
        return _main(["gui", *files])
    print(
        "persona-studio: the window is not part of this version yet; "
        "use a subcommand (persona-studio --help)",
        file=sys.stderr,
    )
    return 2
