"""The capacity model: what a platform of a given size needs, computed from the figures
the benchmarks record (docs/capacity/figures.json) and a stated activity model."""
