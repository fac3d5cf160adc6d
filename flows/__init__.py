"""Prefect orchestration, warehouse I/O and the CLI (the pure logic lives in `newsmill`)."""
