"""A command loads only its own module; with no command, `--help` lists them all."""

from __future__ import annotations

import subprocess
import sys

from persona_studio.cli import COMMANDS, build_parser


def test_a_command_imports_only_its_own_module():
    code = (
        "import sys\n"
        "from persona_studio.cli import build_parser\n"
        "build_parser('show').parse_args(['show', 'x.md'])\n"
        "print(' '.join(m for m in sys.modules if m.startswith('persona_studio.cli.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {name.rsplit(".", 1)[1] for name in done.stdout.split()}
    assert "show" in loaded
    assert loaded.isdisjoint(set(COMMANDS) - {"show"})  # no other command's module


def test_the_whole_parser_knows_every_command():
    help_text = build_parser().format_help()
    assert all(name in help_text for name in COMMANDS)


# The window's start reads `gui`'s plain forms without building the parser (cli/gui.py
# plain_arguments); it must read them exactly as the parser does, and leave the rest to it.
PLAIN_FORMS = [
    [],
    ["a.agent.md"],
    ["a.agent.md", "b c.chatmode.md"],
    ["--library"],
    ["--screenshot", "out.png", "a.agent.md"],
    ["--library", "--screenshot", "out.png", "a.md", "b.md"],
    ["--screenshot", "first.png", "--screenshot", "last.png"],
    ["--screenshot", "", "a.md"],
]
OTHER_FORMS = [
    ["--help"],
    ["-h"],
    ["--screenshot=out.png", "a.md"],
    ["--scr", "out.png"],
    ["--screenshot"],
    ["--screenshot", "-o.png"],
    ["a.md", "--library"],
    ["--", "-file.md"],
    ["-"],
    ["--version"],
]


def test_the_window_reads_its_plain_arguments_as_the_parser_does():
    from persona_studio.cli.gui import plain_arguments

    for argv in PLAIN_FORMS:
        quick = plain_arguments(argv)
        assert quick is not None, argv
        assert vars(quick) == vars(build_parser("gui").parse_args(["gui", *argv])), argv
    for argv in OTHER_FORMS:
        assert plain_arguments(argv) is None, argv


def test_starting_the_window_builds_no_parser(tmp_path):
    """Building a parser looks up translations of its texts, which loads the locale module's
    tables; `persona-studio gui FILE` reads its arguments without one (and still opens FILE)."""
    code = (
        "import sys\n"
        "from persona_studio.cli import _main\n"
        "import persona_studio.cli.gui as gui\n"
        "gui.run = lambda args: print(args.files, args.screenshot, args.library) or 0\n"
        "_main(['gui', '--screenshot', 'o.png', 'x.agent.md'])\n"
        "print('locale' in sys.modules, 'argparse' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["['x.agent.md'] o.png False", "False True"]
