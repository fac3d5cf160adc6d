"""`newsmill` command line: parses arguments, runs the flow or a query, reports.

Exit codes: 0 the command completed (rejected documents are data, not errors);
1 the run itself failed; 2 bad arguments (missing source, unwritable warehouse);
3 another run is writing the warehouse (use --wait to queue behind it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from flows.runners import MAX_DEFAULT_WORKERS, RUNNERS

DEFAULT_SOURCE = "seeds"
DEFAULT_WAREHOUSE = "warehouse"

# Embedded Prefect, offline and quiet: no telemetry attempts, no API log shipping.
PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "CRITICAL",  # failures are reported by newsmill in one line
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    # Prefect waits 20 s for its temporary server; a brand-new PREFECT_HOME takes about 17 s to
    # migrate on an idle 2-core machine, and more under load ("Timed out while attempting to
    # connect to ephemeral Prefect API server" seen in the CLI test while other jobs ran).
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}


def _at_least_one(value: str) -> int:
    """argparse type of --batch-size and --workers: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmill", description="Scraped news text → DuckDB/Parquet warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest → clean → validate → load")
    run.add_argument("sources", nargs="*", metavar="SOURCE",
                     help=f"file, folder (recursive) or glob; default {DEFAULT_SOURCE}/")
    run.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR",
                     help=f"warehouse folder (default {DEFAULT_WAREHOUSE}/)")
    run.add_argument("--batch-size", type=_at_least_one, default=None, metavar="N",
                     help="documents per processing batch (default 1000)")
    run.add_argument("--task-runner", choices=RUNNERS, default="auto",
                     help="where batches run: auto (the default: a pool of 2 local processes when this machine "
                          "has the cores and the memory, else in this process), default (in this process), process "
                          "(a pool of local processes, nothing to install) or dask (needs newsmill[dask]); "
                          "the tables are the same with up to 2 workers")
    run.add_argument("--dask-address", metavar="ADDR",
                     help="scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    run.add_argument("--workers", "--dask-workers", dest="workers", type=_at_least_one, default=None, metavar="N",
                     help="worker processes of the process pool or the local Dask cluster "
                          f"(default: this machine's cores, at most {MAX_DEFAULT_WORKERS}; auto: also within "
                          "the available memory, 1 GiB a process, and at most 2)")
    run.add_argument("--wait", action="store_true",
                     help="if another run is writing the warehouse, wait for it instead of failing")
    run.add_argument("--verbose", action="store_true", help="show Prefect's task logs")
    run.add_argument("--max-file-bytes", default=None, metavar="SIZE",
                     help="reject .txt/.html files larger than SIZE (e.g. 50M; default $NEWSMILL_MAX_FILE_BYTES or 50M)")

    repro = sub.add_parser("reprocess", help="re-derive tables from stored documents with the current rules")
    repro.add_argument("--since", metavar="RUN_ID",
                       help="only documents first seen in this run or later (default: all)")
    repro.add_argument("--from-parquet", action="store_true",
                       help="rebuild a damaged newsmill.duckdb from parquet/documents into a new DuckDB file")
    repro.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    repro.add_argument("--batch-size", type=_at_least_one, default=1000, metavar="N")

    rep_ = sub.add_parser("replay", help="re-run quarantined documents with the current code; load those that now pass")
    rep_.add_argument("--check", metavar="NAME", help="only documents rejected by this check (e.g. not_article)")
    rep_.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    rep_.add_argument("--batch-size", type=_at_least_one, default=1000, metavar="N")

    serve = sub.add_parser("serve", help="serve the run as a scheduled Prefect deployment")
    serve.add_argument("sources", nargs="*", metavar="SOURCE", help=f"as for run; default {DEFAULT_SOURCE}/")
    serve.add_argument("--cron", default=None, metavar="EXPR",
                       help='cron schedule, e.g. "*/15 * * * *" (default hourly: "0 * * * *")')
    serve.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    serve.add_argument("--start-server", action="store_true",
                       help="start a local Prefect server (UI on http://127.0.0.1:4200) for the schedule")
    serve.add_argument("--task-runner", choices=RUNNERS, default="auto",
                       help="where each scheduled run's batches run, chosen on the machine the run starts on "
                            "(as for run; default auto)")
    serve.add_argument("--workers", "--dask-workers", dest="workers", type=_at_least_one, default=None, metavar="N",
                       help="as for run")
    serve.add_argument("--dask-address", metavar="ADDR", help="as for run")

    rep = sub.add_parser("report", help="data-quality report of the latest run (or --run ID)")
    rep.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    rep.add_argument("--run", metavar="RUN_ID", help="a run id from the runs table (default: the latest)")

    rej = sub.add_parser("rejects", help="quarantined documents grouped by reason")
    rej.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    rej.add_argument("--run", metavar="RUN_ID", help="only this run (default: all runs)")

    sql = sub.add_parser("sql", help="ad-hoc SQL against the warehouse (read-only)")
    sql.add_argument("query", help='e.g. "select outlet, count(*) from articles group by 1"')
    sql.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, metavar="DIR")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {"run": cmd_run, "serve": cmd_serve, "report": cmd_report, "rejects": cmd_rejects,
                "reprocess": cmd_reprocess, "replay": cmd_replay, "sql": cmd_sql}
    return commands[args.command](args)


def fail(message: str, code: int) -> int:
    print(f"newsmill: error: {message}", file=sys.stderr)
    return code


def _prefect_env() -> None:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def cmd_run(args: argparse.Namespace) -> int:
    _prefect_env()
    if args.verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    else:
        _show_progress()
    from flows.sources import SourceError, check_sources, ensure_writable, max_file_bytes, parse_size
    from flows.warehouse import Warehouse, WarehouseError

    sources = args.sources or [DEFAULT_SOURCE]
    try:  # fail fast, before Prefect starts, on arguments that cannot work (no folder walk yet)
        check_sources(sources)
        ensure_writable(args.warehouse)
        limit = max_file_bytes(parse_size(args.max_file_bytes) if args.max_file_bytes is not None else None)
    except (SourceError, ValueError) as exc:
        return fail(str(exc), 2)

    from flows.locking import WarehouseLocked, writer_lock
    from flows.pipeline import DEFAULT_BATCH_SIZE, newsmill_run
    from flows.runners import make_runner

    try:
        choice = make_runner(args.task_runner, address=args.dask_address, workers=args.workers)
    except (ImportError, ValueError) as exc:
        return fail(str(exc), 2)
    flow = newsmill_run.with_options(task_runner=choice.runner) if choice.runner else newsmill_run

    try:
        # Taken here, before Prefect starts, so a second writer fails in a second, not after start-up.
        with writer_lock(args.warehouse, wait=args.wait,
                         on_wait=lambda holder: print(f"newsmill: waiting for {holder}", file=sys.stderr)):
            # A damaged or foreign newsmill.duckdb: one line with the fix, before any work.
            Warehouse(args.warehouse).check()
            print(f"newsmill: processing {', '.join(sources)} → {args.warehouse}/ (starting Prefect, a few seconds)",
                  file=sys.stderr)
            summary = flow(sources, args.warehouse, batch_size=args.batch_size or DEFAULT_BATCH_SIZE,
                           in_flight=choice.in_flight, max_file_bytes=limit)
    except WarehouseLocked as exc:
        return fail(str(exc), 3)
    except WarehouseError as exc:
        return fail(str(exc), 1)
    except Exception as exc:  # the run could not complete: one line, non-zero
        return fail(f"run failed: {type(exc).__name__}: {exc}".splitlines()[0], 1)
    print(summary.line())
    if summary.reject_checks:
        print("rejects by check:", *summary.histogram(), sep="\n")
    return 0


def _maintenance(name: str, action) -> int:
    """Run a maintenance command's `action` (returns lines to print); errors become one line."""
    from flows.locking import WarehouseLocked
    from flows.sources import SourceError
    from flows.warehouse import WarehouseError

    try:
        lines = action()
    except WarehouseLocked as exc:
        return fail(str(exc), 3)
    except SourceError as exc:
        return fail(str(exc), 2)
    except WarehouseError as exc:
        return fail(str(exc), 1)
    except Exception as exc:  # one line, never a traceback
        return fail(f"{name} failed: {type(exc).__name__}: {exc}".splitlines()[0], 1)
    print(*lines, sep="\n")
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    if args.from_parquet and args.since:
        return fail("--since and --from-parquet cannot be combined: a rebuild re-derives everything", 2)

    def action() -> list[str]:
        from flows.sources import ensure_writable

        ensure_writable(args.warehouse)
        if args.from_parquet:
            from flows.locking import writer_lock
            from flows.reprocess import reprocess_from_parquet

            with writer_lock(args.warehouse, run="reprocess"):
                return [reprocess_from_parquet(args.warehouse, args.batch_size).line()]
        from flows.rederive import reprocess_in_place

        return [reprocess_in_place(args.warehouse, args.since, args.batch_size).line()]

    return _maintenance("reprocess", action)


def cmd_replay(args: argparse.Namespace) -> int:
    if _open_existing(args.warehouse) is None:
        return fail(f"no warehouse at {args.warehouse}; run `newsmill run` first", 2)
    from flows.replay import replay

    return _maintenance("replay", lambda: replay(args.warehouse, args.check, args.batch_size).lines())


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the flow on a cron schedule until interrupted (Ctrl-C)."""
    _prefect_env()
    _show_progress()
    from flows.sources import SourceError, check_sources, ensure_writable

    sources = args.sources or [DEFAULT_SOURCE]
    try:
        check_sources(sources)
        ensure_writable(args.warehouse)
    except SourceError as exc:
        return fail(str(exc), 2)
    from flows.deployment import DEFAULT_CRON, build_deployment

    try:  # the runner is checked there too (argparse already limits --task-runner to RUNNERS)
        deployment = build_deployment(sources, args.warehouse, args.cron or DEFAULT_CRON, task_runner=args.task_runner,
                                      workers=args.workers, dask_address=args.dask_address)
    except ImportError as exc:  # --task-runner dask without newsmill[dask]
        return fail(str(exc), 2)
    except ValueError as exc:
        return fail(f"invalid --cron {args.cron!r}: {str(exc).splitlines()[0]}", 2)
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        if not args.start_server:
            # Prefect's embedded server does not run the scheduler: nothing would ever start.
            return fail("a schedule needs a Prefect server: run `prefect server start` and "
                        "`export PREFECT_API_URL=http://127.0.0.1:4200/api`, or pass --start-server", 2)
        from flows.prefect_server import start_local_server

        try:
            server = start_local_server()
        except RuntimeError as exc:
            return fail(str(exc), 1)
        print(f"newsmill: Prefect server and UI at {server.ui_url}", file=sys.stderr)
    from prefect import serve

    print(f"newsmill: serving {deployment.name} on cron {args.cron or DEFAULT_CRON!r} "
          f"for {', '.join(sources)} → {args.warehouse}/ (Ctrl-C to stop)", file=sys.stderr)
    from contextlib import nullcontext

    from prefect.settings import PREFECT_API_URL, temporary_settings

    # Prefect reads its settings at import: point the already-imported client at the new server.
    target = temporary_settings(updates={PREFECT_API_URL: server.api_url}) if server else nullcontext()
    try:
        with target:
            serve(deployment, print_starting_message=False)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.stop()
    return 0


def _show_progress() -> None:
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("newsmill: %(message)s"))
    logger = logging.getLogger("newsmill")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # Prefect's root console handler would print it a second time


def _open_existing(directory: str):
    from flows.warehouse import Warehouse

    store = Warehouse(directory)
    return store if store.exists() else None


def cmd_report(args: argparse.Namespace) -> int:
    """Print the run's summary and failed checks; (re)write and name its HTML report."""
    from flows.report import latest_run_id, write_report
    from flows.warehouse import WarehouseError

    store = _open_existing(args.warehouse)
    if store is None:
        return fail(f"no warehouse at {args.warehouse}; run `newsmill run` first", 2)
    try:
        run_id = args.run or latest_run_id(store)
        if run_id is None:
            return fail("the warehouse has no runs yet", 2)
        path, summary = write_report(store, run_id)
    except LookupError as exc:
        return fail(str(exc), 2)
    except WarehouseError as exc:
        return fail(str(exc), 1)
    print(summary)
    print(f"HTML report: {path}")
    return 0


def cmd_rejects(args: argparse.Namespace) -> int:
    store = _open_existing(args.warehouse)
    if store is None:
        return fail(f"no warehouse at {args.warehouse}; run `newsmill run` first", 2)
    where, params = ("where run_id = ?", [args.run]) if args.run else ("", [])
    columns, rows = store.query(
        'select stage, "check", scope, count(*) as documents, min(reason) as example_reason, '
        "list(source_uri order by source_uri)[1:3] as examples "
        f'from rejects {where} group by stage, "check", scope order by documents desc, "check"', params)
    print(render(columns, rows, "table"))
    return 0


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
