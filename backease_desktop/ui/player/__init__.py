"""The routine player: red-flag check, the running routine with its breathing pacer and
controls, and the summary afterwards (page.py); host.py puts it into the main window.

Nothing is imported here, so that importing host.py at start-up stays cheap."""
