"""Where the tests find their files: the repository's own, and the ones beside it in ../shared.

The repository's files (the seed persona `personas/backend.chatmode.md`, the library) are always
there. The corpus of real persona files and the format reference live in `../shared`, beside the
checkout, and a clone may not have them. Every test that needs one goes through
`shared_path` (or `shared_params` for a parametrization): when the file or folder is missing the
test is skipped with the reason `needs ../shared/...: <what is missing>`, and under `CI=true`
it fails with that message instead, so that CI never passes by skipping.

Imported by the conftest files and the test modules as `_shared` (tests/ is on sys.path because
tests/conftest.py is not inside a package).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The checkout: the folder that holds src/, tests/ and personas/."""

LIBRARY = ROOT / "personas"
SEED = LIBRARY / "backend.chatmode.md"
"""The seed persona, from the repository (the same bytes as the seed kept in ../shared)."""

SHARED = ROOT.parent / "shared"
"""../shared: the corpus and the format reference, beside the checkout (not in it)."""

MISSING_MARK = "needs_shared"
"""The mark `shared_params` puts, under CI=true, on a case whose file or folder is missing."""


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def missing_shared(reason: str) -> NoReturn:
    """Skip the test with `reason`; under CI=true fail it with `reason` instead."""
    __tracebackhide__ = True  # the skip is reported at the test's line, not here
    if on_ci():
        pytest.fail(f"{reason} (CI=true: ../shared must be beside the checkout)", pytrace=False)
    pytest.skip(reason)


def _relative(parts: tuple[str, ...]) -> str:
    return "/".join(("..", "shared", *parts))


def _missing_reason(parts: tuple[str, ...]) -> str | None:
    """Why ../shared/<parts> cannot be used, or None when it is there."""
    path = SHARED.joinpath(*parts)
    if path.exists():
        return None
    # Name the first missing step: "../shared is missing" says more than a long path.
    missing = SHARED
    for part in parts:
        if not missing.exists():
            break
        missing = missing / part
    return f"needs {_relative(parts)}: {missing} is missing"


def shared_path(*parts: str) -> Path:
    """../shared/<parts> when it exists; else skip the test (fail it under CI=true).

    Call it in a test or a fixture, never at import time.
    """
    __tracebackhide__ = True
    reason = _missing_reason(parts)
    if reason is not None:
        missing_shared(reason)
    return SHARED.joinpath(*parts)


def _corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name != "SOURCES.md")


def corpus_files(*sub: str) -> list[Path]:
    """The persona files of ../shared/corpus (or a sub-folder of it), read in place.

    Skips (fails under CI=true) when the folder is missing or holds no persona file.
    """
    __tracebackhide__ = True
    folder = shared_path("corpus", *sub)
    files = _corpus_files(folder)
    if not files:
        missing_shared(f"needs {_relative(('corpus', *sub))}: {folder} holds no persona file")
    return files


def _missing_mark(reason: str) -> pytest.MarkDecorator:
    """A plain skip (reported at the test) or, under CI=true, the mark the conftest fails."""
    if on_ci():
        return getattr(pytest.mark, MISSING_MARK)(reason)
    return pytest.mark.skip(reason=reason)


def shared_params(*parts: str, files: tuple[str, ...] | None = None, id_prefix: str = "") -> list:
    """Parameters for `pytest.mark.parametrize` over files of ../shared/<parts>, safe to build at
    import time.

    With `files`, one case per named file in that folder; without, one per persona file of the
    folder (*.md but SOURCES.md). Each case's value is the file's Path and its id is the file
    name (after `id_prefix`). When the folder (or a named file) is missing, one case stands in
    its place, skipped with the reason; under CI=true it has the mark `needs_shared` instead,
    which tests/conftest.py fails with the reason. Collection never breaks, and the skip says why.
    """
    reason = _missing_reason(parts)
    folder = SHARED.joinpath(*parts)
    if reason is None and files is None:
        found = _corpus_files(folder)
        if found:
            return [pytest.param(path, id=id_prefix + path.name) for path in found]
        reason = f"needs {_relative(parts)}: {folder} holds no persona file"
    if reason is not None:
        name = parts[-1] if parts else "shared"
        missing_id = f"{id_prefix}{name}-missing"
        return [pytest.param(folder, id=missing_id, marks=_missing_mark(reason))]
    params = []
    for name in files or ():
        path = folder / name
        marks = ()
        if not path.exists():
            wanted = _relative((*parts, name))
            marks = (_missing_mark(f"needs {wanted}: {path} is missing"),)
        params.append(pytest.param(path, id=id_prefix + name, marks=marks))
    return params
