"""The core never imports Qt: the command line and CI run without a display or PySide6."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import persona_studio

SRC = Path(persona_studio.__file__).resolve().parent.parent

CHECK = textwrap.dedent(
    """
    import importlib
    import pkgutil
    import sys

    import persona_studio.core
    import persona_studio.core.document
    import persona_studio.core.edits
    import persona_studio.core.files.fileio

    names = ["persona_studio.core"]
    for info in pkgutil.walk_packages(persona_studio.core.__path__, "persona_studio.core."):
        importlib.import_module(info.name)
        names.append(info.name)
    qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
    assert not qt, f"persona_studio.core imports Qt: {qt}"
    print("\\n".join(names))
    """
)


def test_core_imports_no_qt() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = set(result.stdout.split())
    # The walk really found the modules (a walk that finds nothing would pass vacuously).
    assert {
        "persona_studio.core.document",
        "persona_studio.core.edits",
        "persona_studio.core.files.fileio",
        "persona_studio.core.frontmatter",
        "persona_studio.core.outline",
        "persona_studio.core.text.spans",
        "persona_studio.core.text.yamlscalar",
        "persona_studio.core.diffview.layout",
        "persona_studio.core.export.plan",
        "persona_studio.core.git.revision",
        "persona_studio.core.structured.sections",
        "persona_studio.core.text.offsets",
    } <= imported
