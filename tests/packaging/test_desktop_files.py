"""Desktop integration and packaging files: the .desktop entry, the AppStream metainfo, the MIME
types, the application icon, the pre-commit hooks, the GUI launcher entry point, and the
packaging scripts' syntax.

The freedesktop tools (desktop-file-validate, appstreamcli, update-mime-database) check the
files where they are installed; the same files are also parsed here, so the checks that tie them
to each other and to pyproject.toml run everywhere.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

import persona_studio
from persona_studio.core.lint.runner import is_persona_file

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.personastudio.PersonaStudio"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / "persona-studio-mime.xml"
ICON = ROOT / "resources" / "icons" / "persona-studio.svg"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
MIME_TYPES = {"text/x-persona-chatmode": "*.chatmode.md", "text/x-persona-agent": "*.agent.md"}

if not (ROOT / "packaging").is_dir():
    pytest.skip("not a source checkout", allow_module_level=True)


@pytest.fixture(scope="module")
def pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)


def _tool(name: str) -> str | None:
    return shutil.which(name)


# -- .desktop ------------------------------------------------------------------------------


def _desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections()[0] == "Desktop Entry"
    return parser["Desktop Entry"]


@pytest.mark.skipif(_tool("desktop-file-validate") is None, reason="desktop-file-utils missing")
def test_desktop_file_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout + result.stderr


def test_desktop_file_starts_the_gui_script_with_the_icon_and_file_types(pyproject) -> None:
    entry = _desktop_entry()
    for key in ("Type", "Name", "Exec", "Icon", "Comment", "Categories", "MimeType"):
        assert entry.get(key), key
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    program, *args = entry["Exec"].split()
    assert program in pyproject["project"]["gui-scripts"]
    assert entry["TryExec"] == program
    assert args == ["%F"]  # files from a file manager, any number
    assert entry["Icon"] == APP_ID  # installed as hicolor/scalable/apps/<id>.svg
    assert entry["Categories"].endswith(";") and entry["MimeType"].endswith(";")
    assert set(entry["MimeType"].rstrip(";").split(";")) == set(MIME_TYPES)


# -- AppStream -----------------------------------------------------------------------------


@pytest.mark.skipif(_tool("appstreamcli") is None, reason="appstream missing")
def test_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_matches_the_desktop_file_the_mime_types_and_the_project(pyproject) -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    for tag in ("name", "summary", "metadata_license", "description"):
        assert root.find(tag) is not None, tag
    assert root.findtext("project_license") == pyproject["project"]["license"]
    assert root.findtext("name") == _desktop_entry()["Name"]
    launchable = root.find("launchable")
    assert launchable.get("type") == "desktop-id" and launchable.text == DESKTOP.name
    provides = root.find("provides")
    binaries = {b.text for b in provides.findall("binary")}
    project = pyproject["project"]
    assert binaries == set(project["scripts"]) | set(project["gui-scripts"])
    assert {m.text for m in provides.findall("mediatype")} == set(MIME_TYPES)
    releases = [r.get("version") for r in root.find("releases").findall("release")]
    assert releases[0] == persona_studio.__version__ == project["version"]


# -- MIME types ----------------------------------------------------------------------------


def test_mime_types_glob_the_persona_files_as_markdown() -> None:
    root = ET.parse(MIME).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    found = {}
    for mime_type in root.findall(f"{MIME_NS}mime-type"):
        name = mime_type.get("type")
        globs = [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")]
        parents = [s.get("type") for s in mime_type.findall(f"{MIME_NS}sub-class-of")]
        assert mime_type.findtext(f"{MIME_NS}comment"), name
        assert parents == ["text/markdown"], name
        found[name] = globs
    assert found == {name: [pattern] for name, pattern in MIME_TYPES.items()}


@pytest.mark.skipif(_tool("update-mime-database") is None, reason="shared-mime-info missing")
def test_mime_database_accepts_the_types(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / MIME.name)
    result = subprocess.run(
        ["update-mime-database", str(tmp_path / "mime")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
    subclasses = (tmp_path / "mime" / "subclasses").read_text(encoding="utf-8").splitlines()
    for name, pattern in MIME_TYPES.items():
        assert f":{name}:{pattern}" in globs
        assert f"{name} text/markdown" in subclasses


# -- the application icon ------------------------------------------------------------------


def test_icon_is_a_square_svg() -> None:
    root = ET.parse(ICON).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    assert (x, y) == (0, 0) and width == height
    # Nothing Qt's SVG Tiny renderer would skip or a desktop would refuse to load.
    text = ICON.read_text(encoding="utf-8")
    for unsupported in ("<filter", "<image", "<script", "<foreignObject", 'href="http'):
        assert unsupported not in text, unsupported


def test_icon_renders_with_qt(qapp) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICON))
    assert renderer.isValid()
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 64, 64))
    painter.end()
    assert image.pixelColor(32, 32).alpha() == 255  # the tile's middle
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corners stay transparent


# -- pre-commit hooks ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict]:
    loaded = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return {hook["id"]: hook for hook in loaded}


def test_pre_commit_hooks_run_lint_and_lint_fix(hooks, pyproject) -> None:
    assert set(hooks) == {"persona-studio-lint", "persona-studio-lint-fix"}
    assert hooks["persona-studio-lint"]["entry"] == "persona-studio lint"
    assert hooks["persona-studio-lint-fix"]["entry"] == "persona-studio lint --fix"
    for hook in hooks.values():
        assert hook["language"] == "python"  # pre-commit installs this repository with pip
        assert hook["name"] and hook["description"]
        assert hook["entry"].split()[0] in pyproject["project"]["scripts"]
        assert hook.get("pass_filenames", True)


@pytest.mark.parametrize(
    "path",
    [
        "backend.chatmode.md",
        "docs/personas/qa.chatmode.md",
        "x.agent.md",
        ".github/agents/reviewer.md",
        "app/.github/agents/team/reviewer.md",  # VS Code reads no subfolder of agents/
        "app/.github/agents/reviewer.md",
        ".github/agents/README.md",
        ".claude/agents/helper.md",
        ".github/skills/pdf/SKILL.md",
        "skills/pdf/SKILL.md",
        ".github/skills/pdf/reference.md",
        ".github/chatmodes/notes.md",
        "README.md",
        "docs/agents/notes.md",
        "chatmode.md.txt",
        ".github/agents/notes.txt",
        ".github/chatmodes/old.chatmode.md",
    ],
)
def test_pre_commit_hooks_pick_the_files_that_lint_picks(hooks, path: str) -> None:
    for hook in hooks.values():
        selected = re.search(hook["files"], path) is not None  # pre-commit uses re.search
        assert selected == is_persona_file(path), (hook["id"], path)


# -- the launcher entry point --------------------------------------------------------------


def test_gui_script_is_the_gui_main_entry_point(pyproject) -> None:
    from persona_studio import gui_main

    assert pyproject["project"]["gui-scripts"] == {
        "persona-studio-gui": "persona_studio.gui_main:main"
    }
    assert f"{gui_main.DESKTOP_FILE_NAME}.desktop" == DESKTOP.name


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["gui", "--library"]),
        (["a.chatmode.md"], ["gui", "a.chatmode.md"]),
        (["--screenshot", "out.png"], ["gui", "--screenshot", "out.png"]),
    ],
)
def test_gui_main_opens_the_window_like_the_gui_subcommand(monkeypatch, argv, expected) -> None:
    import persona_studio.cli
    from persona_studio import gui_main

    calls = []
    monkeypatch.setattr(persona_studio.cli, "main", lambda a: calls.append(a) or 0)
    assert gui_main.main(argv) == 0
    assert calls == [expected]


# -- packaging scripts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        "packaging/build-bundle.sh",
        "packaging/smoke-test.sh",
        "packaging/linux/install-desktop-files.sh",
    ],
)
def test_packaging_scripts_are_executable_bash(script: str) -> None:
    path = ROOT / script
    assert path.stat().st_mode & 0o111, f"{script} is not executable"
    assert path.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_spec_and_launcher_compile() -> None:
    for name in ("persona-studio.spec", "launcher.py"):
        path = ROOT / "packaging" / name
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


@pytest.mark.skipif(sys.platform != "linux", reason="Linux desktop files")
def test_install_desktop_files_writes_a_valid_entry_for_any_program_path(tmp_path: Path) -> None:
    program = tmp_path / "my apps" / 'odd "name"' / "persona-studio-gui"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    data = tmp_path / "share"
    script = LINUX / "install-desktop-files.sh"
    result = subprocess.run(
        ["bash", str(script), "--data-dir", str(data), "--exec", str(program)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    installed = data / "applications" / DESKTOP.name
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (data / "mime" / "packages" / MIME.name).read_bytes() == MIME.read_bytes()
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert icon.read_bytes() == ICON.read_bytes()
    entry = _desktop_entry(installed)
    # String escapes first (\\ -> \), then the Exec quoting rules (\" -> ").
    exec_value = entry["Exec"].replace("\\\\", "\\")
    assert exec_value == '"' + str(program).replace('"', '\\"') + '" %F'
    assert entry["TryExec"] == str(program)
    if _tool("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(installed)], capture_output=True, text=True, timeout=60
        )
        assert check.returncode == 0, check.stdout
    result = subprocess.run(
        ["bash", str(script), "--data-dir", str(data), "--uninstall"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not installed.exists() and not icon.exists()
