"""`newsmill` command line: parses arguments, runs the flow or a query, reports.

Exit codes: 0 the command completed (rejected documents are data, not errors);
1 the run itself failed; 2 bad arguments (missing source, unwritable warehouse).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

DEFAULT_SOURCE = "seeds"
DEFAULT_WAREHOUSE = "warehouse"

# Embedded Prefect, offline and quiet: no telemetry attempts, no API log shipping.
PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "CRITICAL",  # failures are reported by newsmill in one line
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmill", description="Scraped news text → DuckDB/Parquet warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest → clean → validate → load")
    run.add_argument("sources", nargs="*", metavar="SOURCE",
                     help=f"file, folder (recursive) or glob; default {DEFAULT_SOURCE}/")
    run.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR",
                     help=f"warehouse folder (default {DEFAULT_WAREHOUSE}/)")
    run.add_argument("--batch-size", type=int, default=None, metavar="N",
                     help="documents per processing batch (default 2000)")
    run.add_argument("--verbose", action="store_true", help="show Prefect's task logs")
    run.add_argument("--max-file-bytes", default=None, metavar="SIZE",
                     help="reject .txt/.html files larger than SIZE (e.g. 50M; default $NEWSMILL_MAX_FILE_BYTES or 50M)")

    rep = sub.add_parser("reprocess", help="rebuild a damaged newsmill.duckdb from the Parquet copy")
    rep.add_argument("--from-parquet", action="store_true", required=True,
                     help="re-run clean/extract/validate over parquet/documents into a new DuckDB file")
    rep.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    rep.add_argument("--batch-size", type=int, default=2000, metavar="N")

    sql = sub.add_parser("sql", help="ad-hoc SQL against the warehouse (read-only)")
    sql.add_argument("query", help='e.g. "select outlet, count(*) from articles group by 1"')
    sql.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return cmd_run(args)
    if args.command == "reprocess":
        return cmd_reprocess(args)
    return cmd_sql(args)


def fail(message: str, code: int) -> int:
    print(f"newsmill: error: {message}", file=sys.stderr)
    return code


def cmd_run(args: argparse.Namespace) -> int:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if args.verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    else:
        _show_progress()
    from flows.sources import SourceError, discover, ensure_writable, max_file_bytes, parse_size
    from flows.warehouse import Warehouse, WarehouseError

    sources = args.sources or [DEFAULT_SOURCE]
    try:  # fail fast, before Prefect starts, on arguments that cannot work
        discover(sources)
        ensure_writable(args.warehouse)
        limit = max_file_bytes(parse_size(args.max_file_bytes) if args.max_file_bytes is not None else None)
    except (SourceError, ValueError) as exc:
        return fail(str(exc), 2)
    if args.batch_size is not None and args.batch_size < 1:
        return fail("--batch-size must be at least 1", 2)
    try:  # a damaged or foreign newsmill.duckdb: one line with the fix, before any work
        Warehouse(args.warehouse).check()
    except WarehouseError as exc:
        return fail(str(exc), 1)

    from flows.pipeline import DEFAULT_BATCH_SIZE, newsmill_run

    print(f"newsmill: processing {', '.join(sources)} → {args.warehouse}/ (starting Prefect, a few seconds)",
          file=sys.stderr)
    try:
        summary = newsmill_run(sources, args.warehouse, args.batch_size or DEFAULT_BATCH_SIZE, limit)
    except Exception as exc:  # the run could not complete: one line, non-zero
        return fail(f"run failed: {type(exc).__name__}: {exc}".splitlines()[0], 1)
    print(summary.line())
    if summary.reject_checks:
        print("rejects by check:", *summary.histogram(), sep="\n")
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    from flows.reprocess import reprocess_from_parquet
    from flows.sources import SourceError, ensure_writable
    from flows.warehouse import WarehouseError

    if args.batch_size < 1:
        return fail("--batch-size must be at least 1", 2)
    try:
        ensure_writable(args.warehouse)
        summary = reprocess_from_parquet(args.warehouse, args.batch_size)
    except SourceError as exc:
        return fail(str(exc), 2)
    except WarehouseError as exc:
        return fail(str(exc), 1)
    except Exception as exc:  # one line, never a traceback
        return fail(f"reprocess failed: {type(exc).__name__}: {exc}".splitlines()[0], 1)
    print(summary.line())
    return 0


def _show_progress() -> None:
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("newsmill: %(message)s"))
    logger = logging.getLogger("newsmill")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # Prefect's root console handler would print it a second time


def cmd_sql(args: argparse.Namespace) -> int:
    from flows.warehouse import Warehouse, WarehouseError

    store = Warehouse(args.warehouse)
    if not store.exists():
        return fail(f"no warehouse at {store.db_path}; run `newsmill run` first", 2)
    import duckdb

    try:
        columns, rows = store.query(args.query)
    except (duckdb.Error, WarehouseError) as exc:
        return fail(str(exc).splitlines()[0], 1)
    print(render(columns, rows, args.format))
    return 0


def render(columns: list[str], rows: list[tuple], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, default=str, indent=1)
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    cells = [[_cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _cell(value: object, limit: int = 80) -> str:
    text = "NULL" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


if __name__ == "__main__":
    raise SystemExit(main())
