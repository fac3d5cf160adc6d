"""The DuckDB warehouse and its Parquet mirror.

A run stages each batch as Parquet, then `load` moves everything into DuckDB in
one transaction (a failed run loads nothing) and `export_parquet` rewrites the
Parquet folders, swapping each one into place only once it is complete.
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import date
from collections.abc import Iterable
from pathlib import Path

import duckdb

from flows.faults import checkpoint

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
DB_FILE = "newsmill.duckdb"

# Contract tables in load order; identifiers in SQL come only from this tuple.
TABLES = (
    "documents", "sources", "articles", "paragraphs", "boilerplate", "rejects", "runs", "dq_results",
    "quotes", "entities", "mentions", "stories",
)
# partitioned tables: the date column of year=/month=, and an estimate of a row's size
PARTITIONED = {"articles": ("published_date", "strlen(body)")}
WRITE_MEMORY_LIMIT = "256MB"  # loads and exports spill beyond this: peak RSS stays flat with corpus size
PARTITION_GROUP_BYTES = 64 * 2**20  # text per partitioned COPY (see Warehouse._export_partitioned)
PARQUET_OPTIONS = "format parquet, compression zstd, row_group_size 2048"  # small groups: page-sized text
DIRTY_MARK = ".incomplete"  # in parquet/: a run changed DuckDB but has not finished its export
# Bookkeeping tables: loaded in the run's transaction, not part of the analytical model,
# not mirrored to Parquet (file_index, file_records: the stat cache; story_signatures:
# clustering state; outlet_docs, outlet_lines: site-template line counts, flows/learning.py;
# docs before lines).
INTERNAL_TABLES = ("file_index", "file_records", "story_signatures", "outlet_docs", "outlet_lines")
COUNT_TABLES = ("outlet_docs", "outlet_lines")
RUN_COLUMNS = ("run_id", "flow_run_id", "started_at", "finished_at", "status",
               "docs_seen", "docs_new", "docs_loaded", "docs_duplicate", "docs_rejected")
# Never fetch or load extensions because of what a file looks like (a SQLite file
# would otherwise make DuckDB try to download its sqlite scanner).
CONNECT_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written (locked, corrupt, unwritable)."""


def _migrated_columns() -> dict[str, set[str]]:
    """table → columns that sql/migrations/ adds (`alter table T add column if not exists C`)."""
    import re

    added: dict[str, set[str]] = {}
    for path in sorted((SQL_DIR / "migrations").glob("*.sql")):
        for table, column in re.findall(r"alter table (\w+) add column if not exists (\w+)", path.read_text("utf-8"), re.I):
            added.setdefault(table, set()).add(column)
    return added


def _path_literal(path: Path) -> str:
    """A file path as a SQL string literal (COPY takes no bound parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def _quote(identifier: str) -> str:
    if identifier not in TABLES + INTERNAL_TABLES:
        raise ValueError(f"unknown table {identifier!r}")
    return f'"{identifier}"'


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    rows = con.execute("select table_name, column_name from information_schema.columns "
                       "where table_schema = 'main'").fetchall()
    out: dict[str, set[str]] = {}
    for table, column in rows:
        out.setdefault(table, set()).add(column)
    return out


DUCKDB_HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers, before the blocks


def is_truncated(size: int, block_size: int, used_blocks: int) -> bool:
    """True when a DuckDB file of `size` bytes cannot hold the blocks its header says are in use.

    Compare with the blocks in use, not all blocks: DuckDB cuts free blocks off the end of
    the file, so a healthy file can be shorter than total_blocks × block_size.
    """
    return size < DUCKDB_HEADER_BYTES + block_size * used_blocks


class Warehouse:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.db_path = self.root / DB_FILE
        self.parquet_dir = self.root / "parquet"
        self.staging_dir = self.root / ".staging"

    def connect(self, read_only: bool = False, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
        """Open the DuckDB file, waiting out another process's brief hold on it.

        A writer holds DuckDB's file lock only for the seconds a load takes; a
        reader (or the next writer step) retries instead of failing.
        """
        deadline = time.monotonic() + wait_seconds
        delay = 0.05
        while True:
            try:
                return duckdb.connect(str(self.db_path), read_only=read_only, config=CONNECT_CONFIG)
            except duckdb.Error as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise WarehouseError(self._open_failure(exc)) from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)

    def _open_failure(self, exc: Exception) -> str:
        """One line saying why the file cannot be opened and how to fix it."""
        detail = " ".join(str(exc).split())[:200]
        if "lock" in detail.lower():
            return f"cannot open {self.db_path}: it is in use by another process ({detail}); wait for it or stop it"
        return f"cannot open {self.db_path}: {detail}. {self.damage_fix()}"

    def damage_fix(self) -> str:
        return (f"The file is damaged or not a newsmill warehouse. Fix: `newsmill reprocess --from-parquet "
                f"--warehouse {self.root}` rebuilds it from {self.parquet_dir} (the old file is kept beside it), "
                f"or move it away to start a new warehouse")

    def check(self) -> None:
        """Raise WarehouseError (one line, with the fix) when the DuckDB file cannot serve a run.

        Opens it read-only and compares the contract tables it holds with sql/ddl:
        a truncated file fails to open; a foreign DuckDB file lacks our columns.
        """
        if not self.exists():
            return
        with self.connect(read_only=True) as con:
            try:
                actual = _columns(con)
                block_size, blocks = con.execute("select block_size, used_blocks from pragma_database_size()").fetchone()
            except duckdb.Error as exc:
                raise WarehouseError(self._open_failure(exc)) from None
        size = self.db_path.stat().st_size
        if is_truncated(size, block_size, blocks):  # the catalog opens, but data blocks it uses are gone
            raise WarehouseError(f"{self.db_path} is truncated: {size:,} bytes where its header lists {blocks} blocks "
                                 f"in use of {block_size:,}. {self.damage_fix()}")
        with duckdb.connect(config=CONNECT_CONFIG) as scratch:
            for path in sorted((SQL_DIR / "ddl").glob("*.sql")):
                scratch.execute(path.read_text("utf-8"))
            expected = _columns(scratch)
        added = _migrated_columns()  # columns a migration adds to older warehouses: not required yet
        for table, columns in expected.items():
            missing = columns - actual.get(table, columns) - added.get(table, set())
            if missing:
                raise WarehouseError(f"{self.db_path} is not a newsmill warehouse: table {table} lacks "
                                     f"{', '.join(sorted(missing))}. {self.damage_fix()}")

    def exists(self) -> bool:
        return self.db_path.exists()

    def ensure_schema(self) -> None:
        """Create missing tables and (re)create the views; safe to run every time."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            for path in sorted((SQL_DIR / "ddl").glob("*.sql")):
                con.execute(path.read_text("utf-8"))
            for path in sorted((SQL_DIR / "migrations").glob("*.sql")):  # idempotent: add ... if not exists
                con.execute(path.read_text("utf-8"))
            self._create_views(con)

    @staticmethod
    def _create_views(con: duckdb.DuckDBPyConnection) -> None:
        for path in sorted((SQL_DIR / "views").glob("*.sql")):
            con.execute(path.read_text("utf-8"))

    def known_doc_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of `doc_ids` are already in `documents` (loaded or rejected)."""
        ids = list(doc_ids)
        if not ids or not self.exists():
            return set()
        with self.connect(read_only=True) as con:
            rows = con.execute(
                "select doc_id from documents where doc_id in (select unnest(?::varchar[]))", [ids]
            ).fetchall()
        return {r[0] for r in rows}

    def file_index(self) -> dict[str, tuple[int, int, str]]:
        """path → (size, mtime_ns, doc_id) for indexed files whose document is still here."""
        if not self.exists():
            return {}
        with self.connect(read_only=True) as con:
            rows = con.execute(
                "select f.path, f.size, f.mtime_ns, f.doc_id from file_index f "
                "join documents d on d.doc_id = f.doc_id"
            ).fetchall()
        return {path: (size, mtime, doc_id) for path, size, mtime, doc_id in rows}

    def file_records(self, paths: Iterable[str]) -> dict[str, tuple[int, int, list[tuple[int, str | None, str]]]]:
        """path → (size, mtime_ns, [(line, url, doc_id)]) for those of `paths` (JSONL files found by
        this run) that are indexed and whose documents are all still here."""
        wanted = sorted(set(paths))
        if not wanted or not self.exists():
            return {}
        with self.connect(read_only=True) as con:
            rows = con.execute(
                "select r.path, r.size, r.mtime_ns, r.line, r.url, r.doc_id from file_records r "
                "where r.path in (select unnest($paths::varchar[])) "
                "and r.path not in (select f.path from file_records f anti join documents d on d.doc_id = f.doc_id "
                "where f.path in (select unnest($paths::varchar[]))) "
                "order by r.path, r.line", {"paths": wanted}
            ).fetchall()
        found: dict[str, tuple[int, int, list[tuple[int, str | None, str]]]] = {}
        for path, size, mtime, line, url, doc_id in rows:
            found.setdefault(path, (size, mtime, []))[2].append((line, url, doc_id))
        return found

    def stage_rows(self, run_id: str, table: str, rows: list[dict], batch_no: int = 0) -> None:
        """Stage rows the flow itself produced (run-level tables such as dq_results)."""
        if rows:
            import pyarrow as pa
            import pyarrow.parquet as pq

            path = self.stage_path(run_id, table, batch_no)
            part = path.with_suffix(".part")  # a concurrent batch reads staged counts: never half a file
            pq.write_table(pa.Table.from_pylist(rows), part)
            os.replace(part, path)

    def stage_path(self, run_id: str, table: str, batch_no: int) -> Path:
        path = self.staging_dir / run_id / table / f"batch-{batch_no:06d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _staged_batches(self, run_id: str, table: str, before_batch: int | None) -> list[str]:
        """The run's staged files of `table` (stage_path's names), only batches below `before_batch` when given."""
        files = sorted((self.staging_dir / run_id / table).glob("batch-*.parquet"))
        return [str(f) for f in files if before_batch is None or int(f.stem.split("-")[1]) < before_batch]

    def load(self, run_id: str) -> dict[str, int]:
        """Insert the run's staged Parquet into DuckDB in one transaction.

        Documents already present are skipped (and so are their child rows), so
        a repeated load is harmless; quarantine rows for unreadable locations are
        not repeated either. Returns rows inserted per table.
        """
        staged = self.staging_dir / run_id
        inserted: dict[str, int] = {}
        with self.connect() as con:
            self._bound_memory(con, staged / "duckdb-tmp")
            con.execute("begin transaction")
            try:
                for table in TABLES + INTERNAL_TABLES:
                    # one staged batch at a time: memory stays flat however large the run
                    for path in sorted((staged / table).glob("*.parquet")):
                        inserted[table] = inserted.get(table, 0) + self._insert(con, table, [str(path)])
                    if table in inserted:
                        checkpoint("mid_load")
                if "outlet_lines" in inserted:
                    self._prune_outlet_lines(con)
                con.execute("commit")
            except Exception:
                con.execute("rollback")
                raise
        self.discard_staged(run_id)
        return inserted

    @staticmethod
    def _bound_memory(con: duckdb.DuckDBPyConnection, spill: Path) -> None:
        """Cap DuckDB's memory for writes and let it spill to the run's staging folder instead."""
        spill.mkdir(parents=True, exist_ok=True)
        con.execute(f"set memory_limit = '{WRITE_MEMORY_LIMIT}'")
        con.execute("set preserve_insertion_order = false")
        con.execute(f"set temp_directory = {_path_literal(spill)}")

    def recover(self) -> None:
        """Undo what a killed run left behind; call while holding the writer lock.

        Staged batches never reached DuckDB (the load is one transaction), so they
        are dropped; a Parquet table caught between its two renames gets its
        previous folder back (the run's export rewrites everything anyway).
        """
        shutil.rmtree(self.staging_dir, ignore_errors=True)
        if self.parquet_dir.exists():
            for old in self.parquet_dir.glob(".old-*"):
                final = self.parquet_dir / old.name[len(".old-"):]
                if final.exists():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(old, final)
            shutil.rmtree(self.parquet_dir / ".tmp", ignore_errors=True)

    def discard_staged(self, run_id: str) -> None:
        """Remove a run's staged batches (after loading, or when the run failed)."""
        shutil.rmtree(self.staging_dir / run_id, ignore_errors=True)
        if self.staging_dir.exists() and not any(self.staging_dir.iterdir()):
            self.staging_dir.rmdir()

    def insert_staged(self, con: duckdb.DuckDBPyConnection, table: str, files: list[str]) -> int:
        """Insert staged Parquet files into `table` inside the caller's transaction, by the load's rules."""
        return self._insert(con, table, files) if files else 0

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, files: list[str]) -> int:
        name = _quote(table)
        con.execute("create or replace temp table _stage as select * from read_parquet(?, union_by_name = true)", [files])
        if table in ("documents", "articles", "paragraphs", "boilerplate", "quotes", "mentions"):
            # rows of a document already in the warehouse are never added twice. Look up only
            # the batch's doc_ids (a hash of the small side), never all doc_ids of a table that
            # grows with the corpus (a NOT IN over millions of mention rows per batch).
            con.execute(f"delete from _stage where doc_id in "
                        f"(select doc_id from {name} where doc_id in (select doc_id from _stage))")
            where = ""
        elif table == "entities":
            return self._merge_entities(con)
        elif table in ("stories", "story_signatures"):
            # a story grows across runs: its row is replaced by the recomputed one
            key = "story_id" if table == "stories" else "doc_id"
            con.execute(f"delete from {name} where {key} in (select {key} from _stage)")
            where = ""
        elif table in COUNT_TABLES:  # counts add up; nothing is keyed by document
            before = con.execute(f"select coalesce(sum(doc_count), 0) from {name}").fetchone()[0]
            con.execute((SQL_DIR / "load" / f"merge_{table}.sql").read_text("utf-8"))
            con.execute("drop table _stage")
            return con.execute(f"select coalesce(sum(doc_count), 0) from {name}").fetchone()[0] - before
        elif table == "file_index":
            con.execute("delete from file_index where path in (select path from _stage)")
            where = ""
        elif table == "file_records":
            # a file read again replaces what earlier runs indexed (this run's records of it
            # arrive over several staged batches: those stay); a file that failed part-way
            # (a row without doc_id) is dropped altogether, so the next run reads it again
            con.execute("delete from file_records where path in (select path from _stage) "
                        "and (run_id not in (select run_id from _stage) "
                        "or path in (select path from _stage where doc_id is null))")
            where = "where doc_id is not null and path not in (select path from _stage where doc_id is null)"
        elif table == "rejects":
            where = (
                "where not exists (select 1 from rejects r where r.scope = _stage.scope "
                "and r.doc_id is not distinct from _stage.doc_id "
                "and r.source_uri is not distinct from _stage.source_uri and r.\"check\" = _stage.\"check\")"
            )
        else:
            where = ""
        before = con.execute(f"select count(*) from {name}").fetchone()[0]
        con.execute(f"insert into {name} by name select * from _stage {where}")
        after = con.execute(f"select count(*) from {name}").fetchone()[0]
        con.execute("drop table _stage")
        return after - before

    def _merge_entities(self, con: duckdb.DuckDBPyConnection) -> int:
        before = con.execute("select count(*) from entities").fetchone()[0]
        con.execute((SQL_DIR / "load" / "merge_entities.sql").read_text("utf-8"))
        con.execute("drop table _stage")
        return con.execute("select count(*) from entities").fetchone()[0] - before

    @staticmethod
    def _prune_outlet_lines(con: duckdb.DuckDBPyConnection) -> None:
        from newsmill.recurring import load_rules

        con.execute((SQL_DIR / "load" / "prune_outlet_lines.sql").read_text("utf-8"), [load_rules().error])

    def outlet_counts(self, outlets: Iterable[str] | None = None, run_id: str | None = None,
                      before_batch: int | None = None
                      ) -> tuple[list[tuple[str, int]], list[tuple[str, str, int, int, str]]]:
        """Site-template counts for `outlets` (None: all): what earlier runs loaded plus what
        the run `run_id`'s batches staged so far, only batches numbered below `before_batch`
        when given. Rows of (outlet, doc_count) and (outlet, line_key, doc_count, delta, text)."""
        wanted = None if outlets is None else sorted(outlets)
        if wanted == []:
            return [], []
        staged = {t: self._staged_batches(run_id, t, before_batch) if run_id else [] for t in COUNT_TABLES}
        where = "where outlet in (select unnest(?::varchar[]))" if wanted is not None else ""

        def fetch(con, table: str, columns: str, group: str) -> list[tuple]:
            parts = ([f"select * from {table}"] if self.exists() else []) + (
                ["select * from read_parquet(?, union_by_name = true)"] if staged[table] else [])
            if not parts:
                return []
            params = ([staged[table]] if staged[table] else []) + ([wanted] if wanted is not None else [])
            return con.execute(f"select {columns} from ({' union all '.join(parts)}) {where} group by {group}",
                               params).fetchall()

        con = self.connect(read_only=True) if self.exists() else duckdb.connect(config=CONNECT_CONFIG)
        with con:
            docs = fetch(con, "outlet_docs", "outlet, sum(doc_count)", "outlet")
            lines = fetch(con, "outlet_lines", "outlet, line_key, sum(doc_count), min(delta), any_value(text)",
                          "outlet, line_key")
        return docs, lines

    def known_persons(self) -> list[tuple[str, str, list[str]]]:
        """(entity_id, name, aliases) of the PERSON entities already loaded."""
        if not self.exists():
            return []
        with self.connect(read_only=True) as con:
            return con.execute(
                "select entity_id, name, coalesce(aliases, []) from entities where type = 'PERSON' order by entity_id"
            ).fetchall()

    @staticmethod
    def insert_new_entities(con: duckdb.DuckDBPyConnection, files: list[str]) -> None:
        """Add staged entities not yet known (one row per id); known ones are left as they are."""
        if files:
            con.execute("insert into entities by name select * from read_parquet(?, union_by_name = true) "
                        "where entity_id not in (select entity_id from entities) "
                        "qualify row_number() over (partition by entity_id) = 1", [files])

    @staticmethod
    def insert_run_results(con: duckdb.DuckDBPyConnection, run_row: dict, dq: list[dict]) -> None:
        """A maintenance run's `runs` row and its `dq_results`, inside the caller's transaction."""
        for row in dq:
            con.execute('insert into dq_results (run_id, table_name, "check", passed, failures, sample) '
                        "values (?, ?, ?, ?, ?, ?)",
                        [row[c] for c in ("run_id", "table_name", "check", "passed", "failures", "sample")])
        con.execute(f"insert into runs ({', '.join(RUN_COLUMNS)}) values ({', '.join('?' for _ in RUN_COLUMNS)})",
                    [run_row[c] for c in RUN_COLUMNS])

    def record_run(self, run_row: dict) -> None:
        """Insert or update the run's row (a run is recorded even when it fails)."""
        columns = list(run_row)
        unknown = set(columns) - set(RUN_COLUMNS)
        if unknown:  # identifiers only ever come from the fixed list
            raise ValueError(f"unknown runs columns {sorted(unknown)}")
        with self.connect() as con:
            con.execute("delete from runs where run_id = ?", [run_row["run_id"]])
            con.execute(
                f"insert into runs ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})",
                [run_row[c] for c in columns],
            )

    def mark_parquet_dirty(self) -> bool:
        """Note that DuckDB is about to change; True when an earlier export never finished."""
        self.parquet_dir.mkdir(parents=True, exist_ok=True)
        mark = self.parquet_dir / DIRTY_MARK
        was_dirty = mark.exists() or not (self.parquet_dir / "documents").exists()
        mark.touch()
        return was_dirty

    def export_parquet(self, tables: Iterable[str] | None = None) -> None:
        """Rewrite warehouse/parquet/<table>/ from DuckDB (zstd); each folder swapped in whole.

        `tables` limits the export to the tables a run changed (None: all), so a
        run that loads nothing new does not rewrite gigabytes of text.
        """
        chosen = [t for t in TABLES if tables is None or t in set(tables)]
        tmp_root = self.parquet_dir / ".tmp"
        shutil.rmtree(tmp_root, ignore_errors=True)
        tmp_root.mkdir(parents=True)
        with self.connect(read_only=True) as con:
            self._bound_memory(con, tmp_root / "duckdb-tmp")
            for table in chosen:
                target = tmp_root / table
                if table in PARTITIONED:
                    self._export_partitioned(con, table, *PARTITIONED[table], target)
                    target.mkdir(exist_ok=True)  # an empty table still gets its folder
                else:
                    target.mkdir()
                    con.execute(f"copy {_quote(table)} to {_path_literal(target / (table + '.parquet'))} "
                                f"({PARQUET_OPTIONS})")
        for table in chosen:
            final, old = self.parquet_dir / table, self.parquet_dir / f".old-{table}"
            if final.exists():
                os.replace(final, old)
            os.replace(tmp_root / table, final)
            shutil.rmtree(old, ignore_errors=True)
            checkpoint("mid_export")
        shutil.rmtree(tmp_root, ignore_errors=True)
        (self.parquet_dir / DIRTY_MARK).unlink(missing_ok=True)

    @staticmethod
    def _export_partitioned(con: duckdb.DuckDBPyConnection, table: str, col: str, size: str, target: Path) -> None:
        """year=/month= partitions of `table`, written a few months' worth of text at a time.

        DuckDB keeps a buffer open for every partition one COPY writes, and cannot spill
        them: at 100k articles one COPY over ~130 months ran out of the memory cap. Months
        are grouped (in date order; undated rows on their own) so that each COPY buffers
        at most PARTITION_GROUP_BYTES of text.
        """
        sizes = con.execute(
            f"select year({col}) as y, month({col}) as m, sum({size}) "
            f"from {_quote(table)} group by all order by y nulls first, m").fetchall()
        groups: list[list[tuple]] = []
        held = 0  # bytes of text in the last group
        for y, m, size in sizes:
            size = size or 0
            if groups and y is not None and groups[-1][0][0] is not None and held + size <= PARTITION_GROUP_BYTES:
                groups[-1].append((y, m, size))
                held += size
            else:
                groups.append([(y, m, size)])
                held = size
        name = _quote(table)
        for n, group in enumerate(groups):
            (y0, m0, _), (y1, m1, _) = group[0], group[-1]
            if y0 is None:
                where, params = f"{col} is null", []
            else:
                where, params = f"{col} >= ? and {col} < ?", [date(y0, m0, 1), date(y1 + m1 // 12, m1 % 12 + 1, 1)]
            con.execute(
                f"copy (select *, year({col}) as year, month({col}) as month from {name} where {where}) "
                f"to {_path_literal(target)} ({PARQUET_OPTIONS}, partition_by (year, month), "
                f"filename_pattern 'part_{n}_{{i}}', overwrite_or_ignore true)", params)

    def query(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        """Run read-only SQL; returns column names and rows."""
        with self.connect(read_only=True) as con:
            cursor = con.execute(sql, params or [])
            columns = [d[0] for d in cursor.description] if cursor.description else []
            return columns, cursor.fetchall()
