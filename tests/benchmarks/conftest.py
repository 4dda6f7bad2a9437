"""Benchmark fixtures: generated personas, a 1,000-file library, isolated settings, and the
environment for the program run as a subprocess.

The benchmarks are outside the default run (pyproject's norecursedirs skips this folder); run
them with ``pytest tests/benchmarks --benchmark-enable --benchmark-only -p no:cacheprovider``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bench_env import LINT_FILE_SIZE, LINT_FILES, SEED, SRC, source_personas
from persona_factory import make_persona, pad_persona


@pytest.fixture
def qt_settings(tmp_path, monkeypatch):
    """QSettings (and the data folder) in a temporary folder, never the user's."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("PersonaStudioBenchmarks")
    QCoreApplication.setApplicationName("persona-studio-benchmarks")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    monkeypatch.setenv("PERSONA_STUDIO_DATA_DIR", str(tmp_path / "data"))
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def program_env(tmp_path) -> dict[str, str]:
    """The environment of `persona-studio` run as a subprocess: offscreen Qt, the source tree on
    the path, and a home of its own so that no user setting or cache takes part."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "QT_LOGGING_RULES": "qt.qpa.*=false",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")])),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "PERSONA_STUDIO_DATA_DIR": str(home / "data"),
        }
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@pytest.fixture(scope="session")
def generated_personas(tmp_path_factory) -> dict[str, Path]:
    """The seed persona and generated 40 KB and 400 KB personas in its schema, as files."""
    folder = tmp_path_factory.mktemp("personas")
    paths = {"seed": folder / "backend.chatmode.md"}
    shutil.copyfile(SEED, paths["seed"])
    for label, size, seed in (("40kb", 40_000, 7), ("400kb", 400_000, 8)):
        path = folder / f"platform-backend-{label}.chatmode.md"
        text = make_persona(size, seed=seed)
        assert 0.97 * size <= len(text.encode()) <= 1.05 * size
        path.write_text(text, encoding="utf-8")
        paths[label] = path
    return paths


@pytest.fixture(scope="session")
def lint_library(tmp_path_factory) -> Path:
    """1,000 persona files of about 12 KB (12 MB) made from the library and the corpus: each a
    copy padded with realistic extra sections, under varied names: chat modes, agents, and
    Markdown files in `.github/agents/` folders."""
    sources = source_personas()  # skipped with the reason without ../shared/corpus
    assert len(sources) >= 10, sources
    texts = [path.read_text(encoding="utf-8") for path in sources]
    root = tmp_path_factory.mktemp("lint-library")
    for number in range(LINT_FILES):
        index = number % len(sources)
        stem = sources[index].name.split(".", 1)[0].lower()
        text = pad_persona(texts[index], LINT_FILE_SIZE, seed=number)
        team = root / f"team-{number % 10:02d}"
        kind = number % 4
        if kind == 0:
            path = team / f"{stem}-{number:04d}.chatmode.md"
        elif kind in (1, 2):
            path = team / f"{stem}-v{number:04d}.agent.md"
        else:
            path = team / ".github" / "agents" / f"{stem}-{number:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
