"""What the readers of persona files make of them: a file's kind and profile (``filekind``), its
tool list in every shape (``toollist``), and the workspace it lives in (``workspace``)."""
