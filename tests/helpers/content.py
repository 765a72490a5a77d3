"""Reading bundled content as plain text, for the tests that check its wording."""

from __future__ import annotations


def strings_in(value: object) -> list[str]:
    """Every text value in a loaded YAML document, in document order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []
