"""The user's settings, kept with QSettings (tests point QSettings at a temporary folder)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRect, QSettings

from persona_studio.core.catalog import load_catalog

MAX_RECENT = 10


MIN_WIDTH, MIN_HEIGHT = 800, 560  # a restored window is never smaller (unless the screen is)


@dataclass(frozen=True)
class Placement:
    """A window's frame as fractions of its screen's available area, and whether maximized."""

    x: float
    y: float
    width: float
    height: float
    maximized: bool = False

    @classmethod
    def of(cls, frame: QRect, area: QRect, maximized: bool) -> Placement:
        def share(value: int, start: int, extent: int) -> float:
            return min(1.0, max(0.0, (value - start) / max(1, extent)))

        return cls(
            share(frame.x(), area.x(), area.width()),
            share(frame.y(), area.y(), area.height()),
            share(frame.x() + frame.width(), area.x(), area.width())
            - share(frame.x(), area.x(), area.width()),
            share(frame.y() + frame.height(), area.y(), area.height())
            - share(frame.y(), area.y(), area.height()),
            maximized,
        )

    def on(self, area: QRect) -> QRect:
        """The frame on a screen's available `area`: as large a share of it as before, at least
        MIN_WIDTH × MIN_HEIGHT where the screen has room, and wholly on it."""
        width = min(area.width(), max(round(self.width * area.width()), MIN_WIDTH))
        height = min(area.height(), max(round(self.height * area.height()), MIN_HEIGHT))
        x = area.x() + min(round(self.x * area.width()), area.width() - width)
        y = area.y() + min(round(self.y * area.height()), area.height() - height)
        return QRect(x, y, width, height)


# A restored dock takes at most this share of the window (the documents keep the rest).
MAX_DOCK_SHARE = {"library": 0.4, "problems": 0.45}


def dock_extent(share: float | None, current: int, window: int, least: int, name: str) -> int:
    """A dock's width (or height) in a window `window` pixels across: the `share` of the window
    it had when the program closed (the layout's pixels are those of the last session's scale),
    else its `current` extent; never more than `MAX_DOCK_SHARE`, never less than `least`."""
    wanted = round(share * window) if share is not None else current
    most = max(least, int(MAX_DOCK_SHARE[name] * window))
    return max(least, min(wanted, most))


class Settings:
    """Typed access to the few settings the program keeps."""

    def __init__(self) -> None:
        self._qs = QSettings()

    def _get(self, key: str, default: object) -> object:
        value = self._qs.value(key, default)
        return default if value is None else value

    # window
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)

    def placement(self) -> Placement | None:
        """Where the window was, in fractions of its screen's available area (so a session at
        2× scale and the next at 1× give the same share of the screen), or None."""
        value = self._qs.value("window/placement")
        if not isinstance(value, str):
            return None
        try:
            parts = [float(part) for part in value.split(",")]
        except ValueError:
            return None
        if len(parts) != 5 or not all(0.0 <= part <= 1.0 for part in parts[:4]):
            return None
        x, y, width, height, maximized = parts
        return Placement(x, y, width, height, bool(maximized))

    def set_placement(self, placement: Placement) -> None:
        p = placement
        fields = (p.x, p.y, p.width, p.height, 1.0 if p.maximized else 0.0)
        self._qs.setValue("window/placement", ",".join(f"{f:.4f}" for f in fields))

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, state: QByteArray) -> None:
        self._qs.setValue("window/state", state)

    def dock_shares(self) -> dict[str, float]:
        """Each dock's share of the window's width (library) or height (problems) at the last
        close; a session at another scale restores the same shares, not the same pixels."""
        value = self._qs.value("window/dock_shares")
        shares: dict[str, float] = {}
        for part in value.split(",") if isinstance(value, str) else ():
            name, _, number = part.partition("=")
            try:
                share = float(number)
            except ValueError:
                continue
            if name in MAX_DOCK_SHARE and 0.0 < share < 1.0:
                shares[name] = share
        return shares

    def set_dock_shares(self, shares: dict[str, float]) -> None:
        text = ",".join(f"{name}={share:.4f}" for name, share in shares.items())
        self._qs.setValue("window/dock_shares", text)

    # appearance
    def theme(self) -> str:
        value = str(self._get("appearance/theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, theme: str) -> None:
        self._qs.setValue("appearance/theme", theme)

    def preview_engine(self) -> str:
        """The preview's Markdown engine: "commonmark" (the default) or "python-markdown"."""
        from persona_studio.core.render.engines import DEFAULT_ENGINE, ENGINES

        value = str(self._get("view/preview_engine", DEFAULT_ENGINE))
        return value if value in ENGINES else DEFAULT_ENGINE

    def set_preview_engine(self, engine: str) -> None:
        self._qs.setValue("view/preview_engine", engine)

    def preview_shown(self) -> bool:
        return str(self._get("view/preview", "true")).lower() == "true"

    def set_preview_shown(self, shown: bool) -> None:
        self._qs.setValue("view/preview", "true" if shown else "false")

    def zoom(self) -> int:
        try:
            return int(self._get("view/zoom", 0))
        except (TypeError, ValueError):
            return 0

    def set_zoom(self, steps: int) -> None:
        self._qs.setValue("view/zoom", steps)

    # editing
    def default_target(self) -> str:
        fallback = load_catalog().fallback_profile
        value = str(self._get("editing/default_target", fallback))
        return value if value in load_catalog().targets else fallback

    def set_default_target(self, target: str) -> None:
        self._qs.setValue("editing/default_target", target)

    # files
    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(path) for path in (value or []) if path]

    def add_recent_file(self, path: str) -> list[str]:
        path = os.path.abspath(path)
        recent = [p for p in self.recent_files() if p != path]
        recent.insert(0, path)
        recent = recent[:MAX_RECENT]
        self._qs.setValue("files/recent", recent)
        return recent

    def clear_recent_files(self) -> None:
        self._qs.setValue("files/recent", [])

    def last_folder(self) -> str:
        return str(self._get("files/last_folder", os.path.expanduser("~")))

    def set_last_folder(self, folder: str) -> None:
        self._qs.setValue("files/last_folder", folder)
