"""Widgets: they show core state and forward input, nothing more."""
