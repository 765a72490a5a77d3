"""The Progress page, its pain chart, the clinician summary (PDF or print) and the history
menu actions. Nothing here is imported at start-up: the page is built on first visit."""
