"""`persona-studio rules [NAME]`: list the lint rules, or explain one."""

from __future__ import annotations

import argparse
import textwrap

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.lint import all_rules, find_rule
from persona_studio.core.lint.profiles import readings


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rules", help="list the lint rules, or explain one")
    parser.add_argument("name", nargs="?", help="a rule name or id")


def run(args: argparse.Namespace) -> int:
    if args.name:
        made = find_rule(args.name)
        if made is None:
            raise PersonaStudioError(f"no rule named '{args.name}' (see: persona-studio rules)")
        print(f"{made.id} {made.name} ({made.severity.label}, {made.group})")
        print()
        print(textwrap.fill(made.summary, 88))
        print()
        print(textwrap.fill(made.explanation, 88))
        if made.fix:
            print()
            print(
                f"Fix: {made.fix} (applied by lint --fix)"
                if made.fix == "safe"
                else f"Fix: {made.fix}"
            )
        if made.persona_only:
            print()
            print("Only for persona documents (a '# Persona: ...' title, or assigned by config).")
        if made.kinds is not None:
            print()
            print(f"Only for these kinds of file: {', '.join(sorted(str(k) for k in made.kinds))}.")
        print()
        print("Reader profiles (severity there, and the source the rule follows):")
        for reading in readings(made):
            legacy = " [legacy, opt-in]" if reading.legacy else ""
            print(f"  {reading.label}{legacy}: {reading.severity.label}")
            print(
                textwrap.fill(
                    f"{reading.reader}. Source: {reading.source}",
                    88,
                    initial_indent="    ",
                    subsequent_indent="    ",
                )
            )
        print()
        print(f"Disable: <!-- persona-studio-disable {made.name} --> before the line or section,")
        print(f'or ignore = ["{made.name}"] in [tool.persona-studio].')
        return 0
    group = None
    for made in all_rules():
        if made.group != group:
            group = made.group
            print(f"{group}:")
        fix = f" [fix: {made.fix}]" if made.fix else ""
        print(f"  {made.id}  {made.name:<26} {made.severity.label:<8} {made.summary}{fix}")
    return 0
