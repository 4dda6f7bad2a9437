"""What the Structured view (``gui.structured``) shows, read off a document snapshot: the
sections with the editor kind each gets (``sections``), and the tools with their catalog status
(``tools``). Plain data; the widgets only display it and send core edits."""
