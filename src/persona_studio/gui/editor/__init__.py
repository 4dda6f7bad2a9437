"""The editing of one persona: its session (the one text, its snapshot and undo), the Source
view with its highlighter, gutter and find bar, and the live preview."""
