"""Adapters to things outside the app: the display, the desktop, settings files, D-Bus."""
