"""newsmill: the pure text-processing core (no Prefect, DuckDB or pandas here)."""

__version__ = "0.1.0"
