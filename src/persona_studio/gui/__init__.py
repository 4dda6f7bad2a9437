"""The desktop program: PySide6 widgets that show core objects and send core edits."""
