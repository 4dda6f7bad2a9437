"""Where the data shipped with the program lives.

In an installed wheel, `resources/` and `personas/` sit inside the package; in a source checkout
they are top-level folders beside `src/`. The package's own folder is looked in first.

The package's folder is the one this module was imported from (what importlib.resources'
`files("persona_studio")` gives for a package on disk), found without importing
importlib.resources and its readers (0.15 MB kept for nothing by the window).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent.parent  # persona_studio/, as imported (core/resources.py)
_CHECKOUT_ROOT = Path(__file__).resolve().parents[3]


def _locate(name: str) -> Path:
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    candidate = _CHECKOUT_ROOT / name
    if candidate.is_dir():
        return candidate
    raise FileNotFoundError(
        f"persona_studio: the data folder {name!r} is missing from this install"
    )


def resources_dir() -> Path:
    """The folder holding the catalog, the schema, templates, styles and icons."""
    return _locate("resources")


def personas_dir() -> Path:
    """The persona library shipped with the program."""
    return _locate("personas")


def personas_dir_is_installed() -> bool:
    """True when the library is the copy installed with the package (never to be overwritten);
    False in a source checkout, where personas/ is an ordinary folder contributors edit."""
    return (_PACKAGE / "personas").is_dir()


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
