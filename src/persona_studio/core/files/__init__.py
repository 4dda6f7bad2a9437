"""Files on disk: bytes to text and back with an atomic save (``fileio``), and the recovery
journal with the checks for files changed on disk (``journal``)."""
