"""Git, through the ``git`` command: a file's text at a revision, and the revisions that hold it."""
