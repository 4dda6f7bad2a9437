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
