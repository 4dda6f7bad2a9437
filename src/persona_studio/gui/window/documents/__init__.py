"""The window's documents: the tabs (open, new, close), saving, files changed on disk, recovering
unsaved work after a crash, and files dropped on the window."""
