"""The View and Edit commands that act on the open tabs: which view shows, the preview, zoom, the
theme, Find and Go to Line. They read the settings and the questions from the context and keep
the user's choices in the settings; the menu items that show their state are in actions.py."""

from __future__ import annotations

from persona_studio.gui.editor.find_bar import FindBar
from persona_studio.gui.theme import Theme
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.documents.tabs import Documents


class ViewCommands:
    def __init__(self, context: AppContext, documents: Documents, find_bar: FindBar) -> None:
        self.context = context
        self.documents = documents
        self.find_bar = find_bar

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
