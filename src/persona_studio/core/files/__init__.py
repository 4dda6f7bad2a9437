"""Files on disk: bytes to text and back with an atomic save (``fileio``), how a file on disk
compares with the bytes a document read (``disk``), the file behind one open document with its
conflict-safe save and reload (``opened``), and the recovery journal (``journal``)."""
