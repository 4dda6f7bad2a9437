"""Persona Studio: write, check, compare and export AI-assistant persona files."""

__version__ = "0.1.0"
