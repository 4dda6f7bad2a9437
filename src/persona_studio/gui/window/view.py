"""The View and Edit commands that act on the open tabs: which view shows, the preview, zoom, the
theme, Find and Go to Line. They read the settings and the questions from the context and keep
the user's choices in the settings; the menu items that show their state are in actions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout

from persona_studio.gui.theme import Theme
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.documents.tabs import Documents

if TYPE_CHECKING:
    from persona_studio.gui.editor.find_bar import FindBar


class ViewCommands:
    def __init__(self, context: AppContext, documents: Documents, find_place: QBoxLayout) -> None:
        """`find_place`: the layout the Find bar goes at the end of, once it is asked for."""
        self.context = context
        self.documents = documents
        self._find_place = find_place
        self._find_bar: FindBar | None = None

    # -- the Find bar: made the first time Find (or Replace) is asked for ------------------------
    @property
    def find_bar(self) -> FindBar:
        if self._find_bar is None:
            from persona_studio.gui.editor.find_bar import FindBar

            bar = FindBar(self._find_place.parentWidget())
            bar.hide()
            self._find_place.addWidget(bar)
            tab = self.documents.tab()
            bar.set_editor(tab.source if tab else None)
            self._find_bar = bar
        return self._find_bar

    def follow_current_tab(self) -> None:
        """The Find bar (if there is one) searches the current tab's Source view."""
        if self._find_bar is not None:
            tab = self.documents.tab()
            self._find_bar.set_editor(tab.source if tab else None)

    def find_next(self) -> bool:
        """F3: the next match of what the Find bar holds (nothing before Find was asked for)."""
        return self._find_bar is not None and self._find_bar.find_next()

    def find_previous(self) -> bool:
        return self._find_bar is not None and self._find_bar.find_previous()

    def show_structured(self) -> None:
        if tab := self.documents.tab():
            tab.show_structured()

    def show_source(self) -> None:
        if tab := self.documents.tab():
            tab.show_source()

    def show_preview(self, shown: bool) -> None:
        self.context.settings.set_preview_shown(shown)
        for tab in self.documents.all_tabs():
            tab.set_preview_shown(shown)

    def set_preview_engine(self, engine: str) -> None:
        """Every preview renders with this Markdown engine (from Preferences)."""
        for tab in self.documents.all_tabs():
            tab.preview.set_engine(engine)

    def zoom(self, step: int) -> None:
        """One step in (1) or out (-1), or back to the normal size (0), in every tab."""
        settings = self.context.settings
        settings.set_zoom(0 if step == 0 else settings.zoom() + step)
        for tab in self.documents.all_tabs():
            if step > 0:
                tab.source.zoom_in()
            elif step < 0:
                tab.source.zoom_out()
            else:
                tab.source.zoom_reset()

    def set_theme(self, preference: str) -> None:
        self.context.settings.set_theme(preference)
        self.context.themes.set_preference(preference)

    def apply_theme(self, theme: Theme) -> None:
        for tab in self.documents.all_tabs():
            tab.apply_theme(theme)

    def show_find(self, replace: bool) -> None:
        tab = self.documents.tab()
        if tab is None:
            return
        tab.show_source()
        self.find_bar.set_editor(tab.source)
        self.find_bar.show_bar(replace)

    def go_to_line(self) -> None:
        tab = self.documents.tab()
        if tab is None:
            return
        count = tab.session.text_document.blockCount()
        current = tab.source.textCursor().blockNumber() + 1
        line = self.context.interaction.line_number(current, count)
        if line is not None:
            tab.show_source()
            tab.source.go_to_line(line)
            tab.source.setFocus()
