"""The desktop program: PySide6 widgets that show core objects and send core edits."""

from __future__ import annotations

import linecache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea

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


def keep_viewport(area: QAbstractScrollArea) -> None:
    """Meet a scroll area's viewport once, the way that costs PySide no guessing.

    The viewport is a widget Qt makes itself, of the plain QWidget class. When Python first
    gets it from ``area.viewport()`` (or as the widget a style draws on), PySide looks for the
    most derived class it might be: its type discovery visits every subclass of QWidget and
    makes each Python class it has not made yet (QCalendarWidget, QWizard, QMdiArea and some
    forty more this program never shows: about 0.6 MB more at the peak of the first window).
    Found among the scroll area's children by its name, the same widget is wrapped as what it
    is at once (a child is typed QObject, and its exact class, QWidget, differs). The wrapper
    stays with the scroll area: every later ``viewport()`` returns it, with no search.

    Call it right after making a scroll area whose viewport Python will see (a ``viewport()``
    call, an event filter on it, a proxy style drawing on it).
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    area.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
