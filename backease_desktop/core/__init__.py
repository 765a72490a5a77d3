"""Plain-Python heart of BackEase: no Qt import anywhere below this package."""
