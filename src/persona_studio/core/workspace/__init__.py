"""The workspace: every persona of a folder, how they refer to each other (graph, layout,
rendering), where a name is used, renaming that follows references, and a file's history by
meaning. Standard library and core only; never Qt."""
