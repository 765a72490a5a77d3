"""BackEase Desktop: gentle help for back spasms and desk-bound backs."""

__version__ = "0.1.0"
APP_NAME = "BackEase"
APP_ID = "io.github.backease.BackEase"
