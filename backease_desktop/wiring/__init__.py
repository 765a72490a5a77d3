"""The composition root's helpers: each builds one feature's platform objects and widgets
and connects them (the reminders with their tray, the player with its page, the plans with
their page, dialogs and folder watch). Only app.py imports them; ui/ holds widgets only."""
