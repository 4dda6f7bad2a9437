"""Fixtures of the lint tests: the shared corpus and the persona library (the seed persona's
fixture, `seed_path`, is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _shared import LIBRARY
from _shared import corpus_files as _corpus_files


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    """The real-world files of ../shared/corpus (read in place, never copied); skipped with the
    reason when ../shared is not there (failed under CI=true)."""
    return _corpus_files()


@pytest.fixture(scope="session")
def library_files() -> list[Path]:
    files = sorted(LIBRARY.glob("*.chatmode.md"))
    assert files, "the persona library is empty"
    return files
