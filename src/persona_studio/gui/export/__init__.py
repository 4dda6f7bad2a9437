"""The export dialog: the table of what each source becomes (``model``), the details of one row,
and the worker that plans and writes a batch off the GUI thread. The plan itself, with no Qt, is
``core.export.plan``."""
