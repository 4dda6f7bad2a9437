"""The wheel built from the checkout installs and runs outside the checkout.

Builds the wheel with `pip wheel`, installs it into a fresh virtual environment (its
dependencies come from the package registry, or pip's cache), and runs the installed
`persona-studio` from a folder outside the checkout: `lint` on the installed persona library,
`lint --fix`, `rules`, and `gui --screenshot` offscreen (also through `persona-studio-gui`).

About 15 s with pip's cache warm (most of it installing PySide6), so it runs in the default
suite; PERSONA_STUDIO_PACKAGING_TESTS=0 skips it (for example on a machine without network).
The build and the install go through pip in a subprocess: the test process itself opens no
connection.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("PERSONA_STUDIO_PACKAGING_TESTS") == "0",
        reason="PERSONA_STUDIO_PACKAGING_TESTS=0",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checked on Linux"),
]


def _run(
    argv: list[str | os.PathLike[str]], *, timeout: float, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def _explain(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "pyproject.toml").is_file() or not (ROOT / "resources").is_dir():
        pytest.skip("not a source checkout")
    out = tmp_path_factory.mktemp("wheel")
    result = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
         "-q", "-w", out, ROOT],
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, _explain(result)
    (built,) = out.glob("persona_studio-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory):
    """A fresh virtual environment with only the wheel and its dependencies."""
    folder = tmp_path_factory.mktemp("venv")
    result = _run([sys.executable, "-m", "venv", folder], timeout=300)
    assert result.returncode == 0, _explain(result)
    python = folder / "bin" / "python"
    result = _run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel],
        timeout=900,
    )
    assert result.returncode == 0, _explain(result)
    yield folder
    # A venv with PySide6 is about 400 MB: do not leave it for pytest's last three runs.
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def outside(tmp_path: Path, venv: Path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the checkout, and an environment that knows nothing of it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    }
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        PERSONA_STUDIO_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONNOUSERSITE="1",
    )
    work = tmp_path / "work"
    work.mkdir()
    return work, env


def _installed(venv: Path, outside: tuple[Path, dict[str, str]], code: str) -> str:
    work, env = outside
    result = _run([venv / "bin" / "python", "-c", code], cwd=work, env=env, timeout=120)
    assert result.returncode == 0, _explain(result)
    return result.stdout.strip()


# -- the wheel's contents ------------------------------------------------------------------


def _checkout_files(folder: str) -> set[str]:
    base = ROOT / folder
    return {
        f"persona_studio/{folder}/{p.relative_to(base).as_posix()}"
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    }


def test_wheel_holds_the_data_and_both_entry_points(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entries = archive.read(entry_points).decode()
    # Everything under resources/ (catalog, schema, icons, styles, ...) and personas/.
    for folder in ("resources", "personas"):
        expected = _checkout_files(folder)
        assert expected, folder
        assert expected <= names, sorted(expected - names)
    assert "persona_studio/resources/icons/persona-studio.svg" in names
    assert "persona_studio/gui_main.py" in names
    assert not any(n.startswith(("tests/", "packaging/")) for n in names)
    sections = dict(re.findall(r"\[(\w+)\]\n([^\[]*)", entries))
    assert "persona-studio = persona_studio.cli:main" in sections["console_scripts"]
    assert "persona-studio-gui = persona_studio.gui_main:main" in sections["gui_scripts"]


# -- the installed program, outside the checkout -------------------------------------------


def test_installed_data_is_found_inside_the_environment(venv: Path, outside) -> None:
    out = _installed(
        venv,
        outside,
        "from persona_studio.core.resources import personas_dir, resources_dir, "
        "personas_dir_is_installed\n"
        "print(resources_dir()); print(personas_dir()); print(personas_dir_is_installed())",
    )
    resources, personas, installed = out.splitlines()
    for folder in (resources, personas):
        assert Path(folder).resolve().is_relative_to(venv.resolve()), folder
        assert not Path(folder).resolve().is_relative_to(ROOT), folder
    assert installed == "True"


def test_installed_lint_checks_the_installed_library(venv: Path, outside) -> None:
    work, env = outside
    library = _installed(
        venv, outside, "from persona_studio.core.resources import personas_dir; "
        "print(personas_dir())"
    )  # fmt: skip
    count = len(list(Path(library).glob("*.md")))
    assert count == len(list((ROOT / "personas").glob("*.md")))
    result = _run(["persona-studio", "lint", library], cwd=work, env=env, timeout=120)
    assert result.returncode == 0, _explain(result)
    assert re.fullmatch(rf"0 errors, \d+ warnings?, \d+ infos? in {count} files",
                        result.stdout.splitlines()[-1]), _explain(result)  # fmt: skip

    # The pre-commit "fix" hook's command: a renamed tool is rewritten in place.
    persona = work / "fix.agent.md"
    persona.write_text("---\ndescription: x\ntools: ['codebase']\n---\nBody.\n", encoding="utf-8")
    result = _run(["persona-studio", "lint", "--fix", persona], cwd=work, env=env, timeout=120)
    assert result.returncode == 0, _explain(result)
    assert "tools: ['search/codebase']" in persona.read_text(encoding="utf-8")

    broken = work / "broken.chatmode.md"
    broken.write_text("---\ndescription: x\ntools: [a\n", encoding="utf-8")
    result = _run(["persona-studio", "lint", broken], cwd=work, env=env, timeout=120)
    assert result.returncode == 1, _explain(result)


def test_installed_rules(venv: Path, outside) -> None:
    work, env = outside
    result = _run(["persona-studio", "rules"], cwd=work, env=env, timeout=120)
    assert result.returncode == 0, _explain(result)
    assert "renamed-tool" in result.stdout and "yaml-syntax" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [["persona-studio", "gui", "--screenshot"], ["persona-studio-gui", "--screenshot"]],
    ids=["persona-studio-gui-subcommand", "persona-studio-gui-script"],
)
def test_installed_gui_takes_a_screenshot_offscreen(venv: Path, outside, argv) -> None:
    work, env = outside
    png = work / "window.png"
    result = _run([*argv, png], cwd=work, env=env, timeout=180)
    assert result.returncode == 0, _explain(result)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000, len(data)


def test_installed_window_icon_loads(venv: Path, outside) -> None:
    """The SVG icon loads (Qt's SVG icon engine and image plugin ship with PySide6-Essentials)."""
    out = _installed(
        venv,
        outside,
        "from persona_studio.gui.app import application\n"
        "app = application()\n"
        "icon = app.windowIcon()\n"
        "image = icon.pixmap(64, 64).toImage()\n"
        "print(icon.isNull(), image.width(), image.pixelColor(32, 32).alpha())",
    )
    assert out.splitlines()[-1] == "False 64 255"


# -- the PyInstaller bundle (opt-in) -------------------------------------------------------


@pytest.mark.skipif(
    os.environ.get("PERSONA_STUDIO_PACKAGING_TESTS") != "1",
    reason="about a minute: set PERSONA_STUDIO_PACKAGING_TESTS=1 to build the bundle",
)
def test_bundle_builds_and_passes_its_smoke_test(tmp_path: Path) -> None:
    """packaging/build-bundle.sh (PyInstaller in build/bundle-venv), then smoke-test.sh on the
    .tar.gz: lint, rules and a screenshot from the unpacked bundle, in a bare environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PERSONA_STUDIO_BUNDLE_DIST"] = str(tmp_path / "dist")
    result = _run(["bash", ROOT / "packaging" / "build-bundle.sh"], env=env, timeout=1800)
    assert result.returncode == 0, _explain(result)
    assert "all " in result.stderr and " checks passed" in result.stderr, _explain(result)
    (archive,) = (tmp_path / "dist").glob("persona-studio-*-linux-*.tar.gz")
    assert archive.stat().st_size < 120 * 1024 * 1024
