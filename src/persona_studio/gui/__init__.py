"""The desktop program: PySide6 widgets that show core objects and send core edits."""

from __future__ import annotations

import linecache

_SOURCES_BEFORE = set(linecache.cache)

import shiboken6  # noqa: E402, F401 - loads shibokensupport, whose import hook is tuned below


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
    # The hook already ran while shiboken6 was imported: the sources it read then (enum.py,
    # 2,000 lines: 0.2 MB) are let go. A traceback reads its lines again when it needs them.
    for name in set(linecache.cache) - _SOURCES_BEFORE:
        linecache.cache.pop(name, None)


_skip_feature_source_scan()
