"""Allows `python -m backease_desktop`."""

import sys

from backease_desktop.cli import main

sys.exit(main())
