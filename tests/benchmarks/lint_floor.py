"""The floor of batch lint (issue 20): a process that does the least any linter of these files
must do (read every persona file under a folder, parse its front matter with PyYAML's C loader,
scan its body for headings) and prints how many files and headings it saw.

Used by test_lint_bench.py, which runs it and `persona-studio lint` in turn, pair by pair, and
judges the ratio of their walls; not a test.

    python lint_floor.py FOLDER
"""

from __future__ import annotations

import os
import re
import sys

import yaml

HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.MULTILINE)
SUFFIXES = (".agent.md", ".chatmode.md", ".md")


def main(folder: str) -> int:
    files = headings = 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for place, _, names in os.walk(folder):
        for name in names:
            if not name.endswith(SUFFIXES):
                continue
            with open(os.path.join(place, name), encoding="utf-8") as handle:
                text = handle.read()
            body = text
            if text.startswith("---"):
                end = text.find("\n---", 3)
                if end > 0:
                    yaml.load(text[3:end], Loader=loader)
                    body = text[end + 4 :]
            headings += len(HEADING.findall(body))
            files += 1
    print(f"{files} files, {headings} headings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
