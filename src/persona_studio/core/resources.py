"""Where the data shipped with the program lives.

In an installed wheel, `resources/` and `personas/` sit inside the package; in a source checkout
they are top-level folders beside `src/`. Both are found through importlib.resources first.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parents[3]


def _locate(name: str) -> Path:
    packaged = resources.files("persona_studio") / name
    if packaged.is_dir():
        return Path(str(packaged))
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
    return (resources.files("persona_studio") / "personas").is_dir()


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
