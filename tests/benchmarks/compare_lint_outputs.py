"""`persona-studio lint` from two source trees, output against output: a speed-up of batch lint
must leave every report byte for byte as it was (issue 20). For each folder: the text, JSON,
SARIF and GitHub reports with the default jobs and with one job (stdout, stderr and the exit
code), and `--fix` on two copies of the folder (the report, and every file's bytes after it).

Not a test. Make the old tree with `git worktree add /tmp/old COMMIT` (its `src`, beside its
`resources`), then:

    python compare_lint_outputs.py /tmp/old/src src FOLDER [FOLDER...]

Prints one line per comparison ("same" or "DIFFERENT") and exits 1 if any differs. Use a folder
of 200 files or more too (the 1,000-file bench set; the corpus copied three times): below that,
lint runs in one process.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

FORMATS = ("text", "json", "sarif", "github")
JOBS = ((), ("--jobs", "1"))


def lint(src: str, args: list[str], cwd: str) -> tuple[int, bytes, bytes]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.path.abspath(src)
    code = "import sys; from persona_studio.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", code, "lint", *args], cwd=cwd, env=env, capture_output=True
    )
    return done.returncode, done.stdout, done.stderr


def same_tree(left: str, right: str) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(
        same_tree(os.path.join(left, name), os.path.join(right, name))
        for name in compared.common_dirs
    )


def main(old: str, new: str, folders: list[str]) -> int:
    different = 0
    for folder in folders:
        folder = os.path.abspath(folder)
        for form in FORMATS:
            for jobs in JOBS:
                args = ["--format", form, *jobs, folder]
                before, after = lint(old, args, folder), lint(new, args, folder)
                verdict = "same" if before == after else "DIFFERENT"
                different += before != after
                print(f"{verdict}: {' '.join(args)} ({len(after[1]):,} bytes, exit {after[0]})")
        with tempfile.TemporaryDirectory() as work:
            reports = []
            for side, src in (("old", old), ("new", new)):
                os.mkdir(os.path.join(work, side))
                copy = os.path.join(work, side, "fix")  # the same relative name on both sides
                shutil.copytree(folder, copy)
                reports.append(lint(src, ["--fix", "fix"], os.path.join(work, side)))
            fixed_alike = same_tree(
                os.path.join(work, "old", "fix"), os.path.join(work, "new", "fix")
            )
            alike = reports[0] == reports[1] and fixed_alike
            different += not alike
            print(f"{'same' if alike else 'DIFFERENT'}: --fix {folder} (report and files)")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
