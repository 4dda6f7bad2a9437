"""The window's actions and menus: File, Edit, View, Go, Compare and Help.

`WindowActions` makes each action and connects it to the part that does the work (the documents,
saving, the view commands, the find bar, the Problems panel, the Compare commands); the actions
that depend on an open document are enabled by `update()`. The check marks of the preview and
the theme are kept here, with the settings behind them.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from persona_studio.gui.compare.actions import CompareActions
from persona_studio.gui.structured.undo import commit_focused_field
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.documents.saving import Saving
from persona_studio.gui.window.documents.tabs import Documents
from persona_studio.gui.window.validator_panel import ValidatorPanel
from persona_studio.gui.window.view import ViewCommands

THEMES = (("system", "Follow the System"), ("light", "Light"), ("dark", "Dark"))


class WindowActions:
    def __init__(
        self,
        context: AppContext,
        window: QMainWindow,
        *,
        documents: Documents,
        saving: Saving,
        view: ViewCommands,
        validator: ValidatorPanel,
        compare: CompareActions,
        docks: list[QDockWidget],
        library_selection: Callable[[], list[str]],
        undo_rename: QAction,
    ) -> None:
        self.context = context
        self.window = window
        self.documents = documents
        self.view = view
        self.compare = compare
        self.undo_rename_action = undo_rename
        keys = QKeySequence.StandardKey
        action = self._action
        # File
        self.new_action = action(
            "&New Persona",
            documents.new_document,
            keys.New,
            "A blank persona with every section of the schema",
        )
        self.new_from_action = action(
            "New from &Library Persona…",
            lambda: documents.new_from_library(library_selection()),
            tip="A copy of a persona from the library",
        )
        self.open_action = action("&Open…", documents.open_dialog, keys.Open)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_action = action("&Save", lambda: saving.save(), keys.Save)
        self.save_as_action = action("Save &As…", lambda: saving.save_as(), keys.SaveAs)
        self.close_action = action(
            "&Close", lambda: documents.close_tab(documents.tabs.currentIndex()), keys.Close
        )
        self.quit_action = action("&Quit", window.close, keys.Quit)
        # Edit
        self.undo_action = action("&Undo", lambda: self._session_call("undo"), keys.Undo)
        self.redo_action = action("&Redo", lambda: self._session_call("redo"), keys.Redo)
        self.find_action = action("&Find…", lambda: view.show_find(False), keys.Find)
        self.replace_action = action(
            "Find and &Replace…", lambda: view.show_find(True), keys.Replace
        )
        self.find_next_action = action("Find &Next", view.find_next, keys.FindNext)
        self.find_previous_action = action("Find Pre&vious", view.find_previous, keys.FindPrevious)
        self.goto_action = action("&Go to Line…", view.go_to_line, "Ctrl+G")
        self.preferences_action = action("&Preferences…", self.show_preferences, keys.Preferences)
        # View
        self.structured_action = action(
            "S&tructured View", view.show_structured, "Ctrl+1", "Edit through the form"
        )
        self.source_action = action(
            "&Source View", view.show_source, "Ctrl+2", "Edit the Markdown text"
        )
        self.preview_action = action(
            "Show &Preview",
            self.toggle_preview,
            "Ctrl+Shift+P",
            "Show or hide the live preview",
            checkable=True,
        )
        self.preview_action.setChecked(context.settings.preview_shown())
        self.zoom_in_action = action("Zoom &In", lambda: view.zoom(1), keys.ZoomIn)
        self.zoom_out_action = action("Zoom &Out", lambda: view.zoom(-1), keys.ZoomOut)
        self.zoom_reset_action = action("&Reset Zoom", lambda: view.zoom(0), "Ctrl+0")
        self.theme_menu = QMenu("&Theme", window)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in THEMES:
            themed = action(label, lambda _=False, k=key: self.set_theme(k), checkable=True)
            themed.setChecked(context.themes.preference == key)
            self.theme_actions[key] = themed
            self.theme_menu.addAction(themed)
        # Go
        self.next_problem_action = action("&Next Problem", validator.next_problem, "F8")
        self.previous_problem_action = action(
            "&Previous Problem", validator.previous_problem, "Shift+F8"
        )
        self.next_document_action = action(
            "Ne&xt Document",
            lambda: documents.step(1),
            "Ctrl+PgDown",
            "Show the next document tab (Ctrl+PgDown or Ctrl+Tab)",
        )
        self.next_document_action.setShortcuts(
            [QKeySequence("Ctrl+PgDown"), QKeySequence("Ctrl+Tab")]
        )
        self.previous_document_action = action(
            "Pre&vious Document",
            lambda: documents.step(-1),
            "Ctrl+PgUp",
            "Show the previous document tab (Ctrl+PgUp or Ctrl+Shift+Tab)",
        )
        self.previous_document_action.setShortcuts(
            [QKeySequence("Ctrl+PgUp"), QKeySequence("Ctrl+Shift+Tab")]
        )
        self.about_action = action("&About Persona Studio", context_call(context, "show_about"))
        self._build_menus(docks)

    def _action(
        self, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.setStatusTip(action.toolTip())
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        return action

    def _build_menus(self, docks: list[QDockWidget]) -> None:
        bar = self.window.menuBar()
        menus = {
            "&File": (
                self.new_action,
                self.new_from_action,
                None,
                self.open_action,
                self.recent_menu,
                None,
                self.save_action,
                self.save_as_action,
                None,
                self.compare.export,
                self.compare.export_library,
                None,
                self.close_action,
                None,
                self.quit_action,
            ),
            "&Edit": (
                self.undo_action,
                self.redo_action,
                self.undo_rename_action,
                None,
                self.find_action,
                self.replace_action,
                self.find_next_action,
                self.find_previous_action,
                self.goto_action,
                None,
                self.preferences_action,
            ),
            "&View": (
                self.structured_action,
                self.source_action,
                self.preview_action,
                None,
                self.zoom_in_action,
                self.zoom_out_action,
                self.zoom_reset_action,
                None,
                self.theme_menu,
                None,
                *(dock.toggleViewAction() for dock in docks),
            ),
            "&Go": (
                self.next_problem_action,
                self.previous_problem_action,
                None,
                self.next_document_action,
                self.previous_document_action,
            ),
        }
        for title, items in menus.items():
            menu = bar.addMenu(title)
            for item in items:
                _add(menu, item)
        bar.addMenu(self.compare.menu())
        bar.addMenu("&Help").addAction(self.about_action)

    def update(self) -> None:
        """Enable what needs an open document."""
        has = self.context.session() is not None
        for action in (
            self.save_action,
            self.save_as_action,
            self.close_action,
            self.undo_action,
            self.redo_action,
            self.find_action,
            self.replace_action,
            self.goto_action,
            self.structured_action,
            self.source_action,
            self.next_problem_action,
            self.previous_problem_action,
        ):
            action.setEnabled(has)
        several = self.documents.tabs.count() > 1
        self.next_document_action.setEnabled(several)
        self.previous_document_action.setEnabled(several)
        self.compare.update()

    # -- the commands with a check mark ---------------------------------------------------------
    def toggle_preview(self, shown: bool | None = None) -> None:
        if shown is None or not isinstance(shown, bool):
            shown = self.preview_action.isChecked()
        self.preview_action.setChecked(shown)
        self.view.show_preview(shown)

    def set_theme(self, preference: str) -> None:
        for key, action in self.theme_actions.items():
            action.setChecked(key == preference)
        self.view.set_theme(preference)

    def show_preferences(self) -> None:
        if self.context.interaction.preferences(self.context.settings):
            self.set_theme(self.context.settings.theme())
            self.view.set_preview_engine(self.context.settings.preview_engine())

    # -- helpers --------------------------------------------------------------------------------
    def _session_call(self, name: str) -> None:
        session = self.context.session()
        if session is not None:
            commit_focused_field()  # a form field's typing first, so Undo takes back just that
            getattr(session, name)()

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        settings = self.context.settings
        recent = settings.recent_files()
        for path in recent:
            opener = menu.addAction(os.path.basename(path))
            opener.setToolTip(path)
            opener.triggered.connect(lambda _=False, p=path: self.documents.open_file(p))
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("Clear Recent Files", settings.clear_recent_files)


def context_call(context: AppContext, name: str) -> Callable[[], None]:
    """A slot that calls the context's current `Interaction` (swapped in tests) by name."""
    return lambda: getattr(context.interaction, name)()


def _add(menu: QMenu, item: QAction | QMenu | None) -> None:
    if item is None:
        menu.addSeparator()
    elif isinstance(item, QMenu):
        menu.addMenu(item)
    else:
        menu.addAction(item)
