"""The workspace room: a folder's personas by kind with their problems, the agent graph, a
persona's history by meaning, and renaming an agent with its references. Qt-free logic lives in
core/workspace/; this room imports the editor room (its background jobs) only."""
