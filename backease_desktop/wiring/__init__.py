"""The composition root's helpers: each builds one feature's platform objects and widgets
and connects them (the reminders with their tray, the player with its page). Only app.py
imports them; ui/ holds widgets only."""
