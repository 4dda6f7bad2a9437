"""The workspace commands: graph, log, uses, rename-agent (see core/workspace/)."""
