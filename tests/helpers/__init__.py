"""Helpers several test files share (imported as tests.helpers.*); fixtures live in the
conftest.py files."""
