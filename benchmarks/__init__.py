"""The benchmark harness: `make bench` (full) and `make bench-smoke` (each figure once).

Run as `python -m benchmarks`; see benchmarks/README.md for what is measured and how."""
