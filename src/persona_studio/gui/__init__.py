"""The desktop program: PySide6 widgets that show core objects and send core edits."""

from __future__ import annotations

import shiboken6  # noqa: F401 - loads shibokensupport, whose import hook is tuned below


def _skip_feature_source_scan() -> None:
    """Stop PySide's `__feature__` import hook from reading the source of every module.

    After PySide6 is imported, its import hook asks of each newly imported module whether it
    "uses PySide" by reading the whole source file (`inspect.getsource`, through linecache) and
    looking for the word. At start that is some 220 modules: about 25 ms, and 2.7 MB of source
    lines kept in linecache for the life of the process. The answer only matters to a program
    that selects a feature (`from __feature__ import snake_case`), which sets its own modules'
    flag in that import; for every other module the flag 0 means what it means to PySide with
    no feature selected: Qt's plain names. This program selects none, so every module gets 0
    without its source being read.
    """
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:  # another PySide6 layout: keep its own behaviour
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False


_skip_feature_source_scan()
