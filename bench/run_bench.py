"""End-to-end benchmark of `newsmill run` against a raw DuckDB I/O baseline.

    .venv/bin/python bench/run_bench.py                       # 1k, 10k and 100k documents
    .venv/bin/python bench/run_bench.py --sizes 1k,10k --append   # and add the results to BENCHMARKS.md

For each size it generates (or reuses) a synthetic corpus (bench/generate_corpus.py)
under --workdir and measures, each in its own wrapper process:

  (a) baseline  DuckDB read_blob over the corpus's files → one zstd Parquet file
  (b) full      `newsmill run CORPUS --warehouse WH` into a new warehouse
  (c) rerun     the same command again at once (nothing new: a no-op)
  (d) empty     `newsmill run EMPTY_DIR` into a new warehouse (fixed start-up cost)

(c) and (d) take turns, --short-repeats times each (default 5), and each is reported as
the median of its turns: they last seconds, and one slow Prefect start-up would otherwise
decide the no-op target.

Every newsmill run is `<python> -m flows.cli run ...` with PYTHONPATH=<repo root> and one
fresh PREFECT_HOME for the whole benchmark (warmed up by one unreported run first, so
the database migrations of a brand-new PREFECT_HOME are not charged to a measurement).

Peak RSS is reported two ways: "proc" is the largest single process of the run (the
wrapper's getrusage(RUSAGE_CHILDREN).ru_maxrss: exact, and since each run has its own
wrapper, the max covers that run only); "tree" is the sum over the whole process tree,
sampled from /proc every 0.1 s (Linux; a lower bound between samples).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate_corpus  # noqa: E402  (sibling script, not a package)

GIB = 1024 ** 3

# Targets from issue 8 (this 2-core machine).
TARGET_DOCS_PER_S = 2000  # end to end at 100k documents
TARGET_BASELINE_RATIO = 3.0  # full run at most 3x the raw I/O baseline
TARGET_RSS = 1 * GIB
TARGET_RSS_GROWTH = 1.2  # "flat": 100k peak at most 20 % above the 10k peak
TARGET_NOOP_SHARE = 0.02  # (rerun - empty) / full

# Runs a command, then reports its wall time and the max RSS over it and its descendants.
WRAPPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": proc.returncode, "wall": wall, "maxrss_kb": usage.ru_maxrss,
                  "user": usage.ru_utime, "sys": usage.ru_stime,
                  "stdout": proc.stdout.decode("utf-8", "replace")[-4000:],
                  "stderr": proc.stderr.decode("utf-8", "replace")[-4000:]}))
"""

# The raw I/O baseline: read every input file's bytes and write them to Parquet.
# Small row groups: with DuckDB's default (122,880 rows) a group of 100k page-sized
# blobs takes the Parquet writer 5x longer (measured: 47 s vs 8.5 s for 33k pages).
BASELINE = r"""
import sys, duckdb
root, out = sys.argv[1], sys.argv[2]
globs = [f"{root}/**/*{ext}" for ext in (".txt", ".txt.gz", ".html", ".htm", ".jsonl", ".jsonl.gz")]
con = duckdb.connect()
con.execute("COPY (SELECT filename, content FROM read_blob(?)) TO '" + out.replace("'", "''")
            + "' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048)", [globs])
print(con.execute("SELECT count(*) FROM read_parquet(?)", [out]).fetchone()[0])
"""


@dataclass
class Measure:
    step: str
    wall: float | None = None
    maxrss: int | None = None  # bytes, largest single process
    tree_rss: int | None = None  # bytes, sampled sum over the process tree
    cpu: float | None = None
    rc: int | None = None
    note: str = ""
    stdout: str = ""
    stderr: str = ""


@dataclass
class SizeResult:
    docs: int
    corpus_bytes: int
    files: int
    steps: dict[str, Measure] = field(default_factory=dict)


# --- measuring ------------------------------------------------------------------

def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants right now (0 without /proc)."""
    if not os.path.isdir("/proc"):
        return 0
    kids = _children_map()
    total, stack, page = 0, [root], os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        stack.extend(kids.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


def measure(step: str, cmd: list[str], env: dict[str, str], timeout: float, cwd: Path | None = None) -> Measure:
    """Run `cmd` in its own wrapper process; wall time, peak RSS (exact and tree-sampled)."""
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, *cmd], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True, cwd=cwd)
    peak, deadline = 0, time.monotonic() + timeout
    while wrapper.poll() is None:
        peak = max(peak, tree_rss(wrapper.pid))
        if time.monotonic() > deadline:
            os.killpg(wrapper.pid, signal.SIGKILL)  # our own session: the wrapper and what it started
            wrapper.wait()
            return Measure(step, tree_rss=peak or None, note=f"timed out after {timeout:.0f} s")
        time.sleep(0.1)
    out, err = wrapper.communicate()
    try:
        info = json.loads(out.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        return Measure(step, note=f"wrapper failed: {err.decode()[-300:]}")
    m = Measure(step, info["wall"], info["maxrss_kb"] * 1024, peak or None, info["user"] + info["sys"],
                info["rc"], stdout=info["stdout"], stderr=info["stderr"])
    if m.rc != 0:
        m.note = f"exit {m.rc}: {(info['stderr'].strip().splitlines() or [''])[-1][:200]}"
    return m


def newsmill_env(prefect_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(prefect_home), PYTHONPATH=str(REPO), DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return env


def newsmill_cmd(python: str, source: Path, warehouse: Path, batch_size: int | None,
                 runner: list[str] | None = None) -> list[str]:
    """`newsmill run` with the options under test (`runner`: e.g. --task-runner process --workers 2)."""
    cmd = [python, "-m", "flows.cli", "run", str(source), "--warehouse", str(warehouse)]
    return cmd + (["--batch-size", str(batch_size)] if batch_size else []) + (runner or [])


def summary_counts(stdout: str) -> dict[str, int]:
    """Counters from newsmill's summary line ('... 2000 seen, 1951 new, ...')."""
    return {k: int(v) for v, k in re.findall(r"(\d+) (seen|new|loaded|duplicate|rejected)", stdout)}


def corpus(workdir: Path, docs: int, seed: int) -> tuple[Path, dict]:
    """The cached corpus for (docs, seed), generated when missing or from another generator version."""
    root = workdir / f"corpus-{docs}-seed{seed}"
    manifest_path = root / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text("utf-8"))
        if (manifest.get("generator_version") == generate_corpus.GENERATOR_VERSION
                and manifest.get("seed") == seed and manifest["counts"]["documents"] == docs):
            return root, manifest
    started = time.perf_counter()
    print(f"bench: generating {docs} documents into {root} ...", file=sys.stderr, flush=True)
    manifest = generate_corpus.generate(docs, root, seed, jobs=os.cpu_count() or 1)
    print(f"bench: generated {manifest['bytes'] / 1e6:.0f} MB in {time.perf_counter() - started:.0f} s",
          file=sys.stderr, flush=True)
    return root, manifest


def bench_size(docs: int, args, workdir: Path, prefect_home: Path) -> SizeResult:
    root, manifest = corpus(workdir, docs, args.seed)
    result = SizeResult(docs, manifest["bytes"], manifest["files"])
    env = newsmill_env(prefect_home)
    say = lambda m: print(f"bench: {docs:>7} docs  {m.step:<9} {m.wall or 0:8.1f} s  "  # noqa: E731
                          f"rss {(m.maxrss or 0) / 2**20:6.0f} MiB  {m.note}", file=sys.stderr, flush=True)

    parquet = workdir / f"baseline-{docs}.parquet"
    parquet.unlink(missing_ok=True)
    # cwd: DuckDB spills to ./.tmp when it runs short of memory; keep that out of the checkout
    m = measure("baseline", [args.python, "-c", BASELINE, str(root), str(parquet)], env, args.timeout, workdir)
    parquet.unlink(missing_ok=True)
    result.steps["baseline"] = m
    say(m)

    warehouse = workdir / f"wh-{docs}"
    shutil.rmtree(warehouse, ignore_errors=True)
    empty, empty_wh = workdir / "empty", workdir / f"wh-empty-{docs}"
    empty.mkdir(exist_ok=True)
    runs: dict[str, list[Measure]] = {"rerun": [], "empty": []}
    # (b) once, then (c) and (d) in turns: both are a few seconds, where one slow start-up
    # moves the (c) - (d) difference by a whole percent, so each is the median of its turns
    steps = ["full"] + ["rerun", "empty"] * max(1, args.short_repeats)
    for step in steps:
        if step == "empty":
            shutil.rmtree(empty_wh, ignore_errors=True)
            m = measure("empty", newsmill_cmd(args.python, empty, empty_wh, None, runner_options(args)), env, args.timeout)
        else:
            m = measure(step, newsmill_cmd(args.python, root, warehouse, args.batch_size, runner_options(args)), env, args.timeout)
        counts = summary_counts(m.stdout)
        if counts and step == "full" and counts.get("seen") != docs:
            m.note += f" (newsmill saw {counts.get('seen')} documents, expected {docs})"
        if counts:
            m.note = (m.note + " " + ", ".join(f"{v} {k}" for k, v in counts.items())).strip()
        say(m)
        if step == "full":
            result.steps["full"] = m
        else:
            runs[step].append(m)
        if m.rc != 0:
            break
    for step, measured in runs.items():
        if measured:
            result.steps[step] = median_measure(measured)
    if not args.keep:
        shutil.rmtree(warehouse, ignore_errors=True)
        shutil.rmtree(empty_wh, ignore_errors=True)
    return result


def median_measure(measured: list[Measure]) -> Measure:
    """The run with the median wall time (a failed run wins: it must show), its note listing every turn."""
    failed = [m for m in measured if not _ok(m)]
    if failed or len(measured) == 1:
        return failed[0] if failed else measured[0]
    chosen = sorted(measured, key=lambda m: m.wall)[len(measured) // 2]
    turns = ", ".join(f"{m.wall:.1f}" for m in measured)
    chosen.note = (f"median of {len(measured)} turns ({turns} s); " + chosen.note).strip()
    return chosen


# --- reporting ------------------------------------------------------------------

def _ok(m: Measure | None) -> bool:
    return m is not None and m.wall is not None and m.rc == 0


def _mib(value: int | None) -> str:
    return f"{value / 2**20:,.0f}" if value else "—"


def results_table(results: list[SizeResult]) -> str:
    lines = ["| docs | corpus | step | wall s | docs/s | MB/s | × baseline | peak RSS proc MiB | peak RSS tree MiB | CPU s | notes |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    labels = {"baseline": "(a) DuckDB baseline", "full": "(b) newsmill run", "rerun": "(c) no-op rerun",
              "empty": "(d) empty folder"}
    for r in results:
        base = r.steps.get("baseline")
        for step, m in r.steps.items():
            per_doc = step in ("baseline", "full") and _ok(m)
            ratio = f"{m.wall / base.wall:.1f}" if _ok(m) and _ok(base) and step != "baseline" else "—"
            wall = f"{m.wall:.1f}" if m.wall is not None else "—"
            rates = (f"{r.docs / m.wall:,.0f} | {r.corpus_bytes / 1e6 / m.wall:.1f}" if per_doc else "— | —")
            cpu = f"{m.cpu:.0f}" if m.cpu is not None else "—"
            lines.append(f"| {r.docs:,} | {r.corpus_bytes / 1e6:,.0f} MB | {labels[step]} | {wall} | {rates} | "
                         f"{ratio} | {_mib(m.maxrss)} | {_mib(m.tree_rss)} | {cpu} | {m.note.replace('|', '/')} |")
    return "\n".join(lines)


def targets_table(results: list[SizeResult]) -> str:
    by_size = {r.docs: r for r in results}
    rows: list[tuple[str, str, str]] = []

    full = {n: r.steps.get("full") for n, r in by_size.items()}
    if 100_000 in by_size and _ok(full[100_000]):
        rate = 100_000 / full[100_000].wall
        rows.append((f"≥ {TARGET_DOCS_PER_S:,} docs/s end to end at 100k", f"{rate:,.0f} docs/s",
                     "PASS" if rate >= TARGET_DOCS_PER_S else "FAIL"))
    else:
        measured = [f"{n:,}: {n / m.wall:,.0f}" for n, m in full.items() if _ok(m)]
        rows.append((f"≥ {TARGET_DOCS_PER_S:,} docs/s end to end at 100k",
                     "100k not measured" + (" (measured " + "; ".join(measured) + " docs/s)" if measured else ""),
                     "n/a"))
    for n, r in by_size.items():  # for reading the above: the rate once Prefect's fixed start-up is paid
        b, d = r.steps.get("full"), r.steps.get("empty")
        if _ok(b) and _ok(d) and b.wall > d.wall:
            rows.append((f"(info) processing rate at {n:,} excluding start-up: docs / ((b) − (d))",
                         f"{n / (b.wall - d.wall):,.0f} docs/s", "—"))

    for n, r in by_size.items():
        base, m = r.steps.get("baseline"), full[n]
        if _ok(base) and _ok(m):
            ratio = m.wall / base.wall
            rows.append((f"within {TARGET_BASELINE_RATIO:g}× of the baseline at {n:,}", f"{ratio:.1f}×",
                         "PASS" if ratio <= TARGET_BASELINE_RATIO else "FAIL"))

    for n, m in full.items():
        if _ok(m) and m.maxrss:
            rows.append((f"peak RSS < 1 GiB at {n:,} (largest process)", f"{m.maxrss / 2**20:,.0f} MiB",
                         "PASS" if m.maxrss < TARGET_RSS else "FAIL"))
    if all(n in full and _ok(full[n]) and full[n].maxrss for n in (10_000, 100_000)):
        growth = full[100_000].maxrss / full[10_000].maxrss
        rows.append((f"peak RSS flat 10k → 100k (≤ {TARGET_RSS_GROWTH:g}×)", f"{growth:.2f}×",
                     "PASS" if growth <= TARGET_RSS_GROWTH else "FAIL"))
    else:
        rows.append((f"peak RSS flat 10k → 100k (≤ {TARGET_RSS_GROWTH:g}×)", "needs both 10k and 100k", "n/a"))

    for n, r in by_size.items():
        b, c, d = r.steps.get("full"), r.steps.get("rerun"), r.steps.get("empty")
        if _ok(b) and _ok(c) and _ok(d):
            share = (c.wall - d.wall) / b.wall
            rows.append((f"(c − d) < {TARGET_NOOP_SHARE:.0%} of (b) at {n:,}",
                         f"({c.wall:.1f} − {d.wall:.1f}) / {b.wall:.1f} = {share:.1%}",
                         "FAIL" if share >= TARGET_NOOP_SHARE else "PASS" if share >= 0
                         else "inconclusive: (d) > (c), start-up noise"))
    lines = ["| target | measured | result |", "|---|---|---|"]
    lines += [f"| {t} | {v} | {s} |" for t, v, s in rows]
    return "\n".join(lines)


def machine_details(python: str) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    probe = ("import importlib.metadata as m, json, sys; print(json.dumps({'python': sys.version.split()[0], "
             "**{p: m.version(p) for p in ('newsmill','prefect','duckdb','pandas','pandera','pyarrow',"
             "'beautifulsoup4','lxml')}}))")
    try:
        versions = json.loads(subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout)
    except (subprocess.CalledProcessError, ValueError):
        versions = {"python": "?"}
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip() or "?"
    except OSError:
        commit = "?"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    packages = ", ".join(f"{k} {v}" for k, v in versions.items() if k != "python")
    return (f"- machine: {os.cpu_count()} CPUs ({cpu}), {ram / GIB:.1f} GiB RAM, {platform.platform()}\n"
            f"- Python {versions.get('python')}; {packages}\n"
            f"- newsmill commit {commit}; load average at the end of the benchmark: {load}")


def runner_options(args) -> list[str]:
    return ((["--task-runner", args.task_runner] if args.task_runner else [])
            + (["--workers", str(args.workers)] if args.workers else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark newsmill against a raw DuckDB I/O baseline.")
    parser.add_argument("--sizes", default="1k,10k,100k", help="comma-separated document counts (1k = 1000)")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "newsmill-bench"),
                        help="corpora (cached between runs), warehouses and PREFECT_HOME")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs newsmill")
    parser.add_argument("--batch-size", type=int, default=None, help="passed to newsmill run")
    parser.add_argument("--task-runner", default=None, help="passed to newsmill run (auto, default, process, dask; newsmill run's default: auto)")
    parser.add_argument("--workers", type=int, default=None, help="passed to newsmill run with --task-runner")
    parser.add_argument("--timeout", type=float, default=3 * 3600, help="seconds per measured run")
    parser.add_argument("--short-repeats", type=int, default=5,
                        help="turns of (c) rerun and (d) empty run per size; each is reported as its median")
    parser.add_argument("--keep", action="store_true", help="keep the warehouses")
    parser.add_argument("--append", action="store_true", help="append the results to BENCHMARKS.md")
    parser.add_argument("--label", default="", help="a note for the BENCHMARKS.md entry (e.g. machine load)")
    args = parser.parse_args(argv)
    sizes = [int(float(s[:-1]) * 1000) if s.lower().endswith("k") else int(s)
             for s in args.sizes.replace(" ", "").split(",") if s]

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    prefect_home = Path(tempfile.mkdtemp(prefix="prefect-home-", dir=workdir))
    try:
        empty = workdir / "empty"
        empty.mkdir(exist_ok=True)
        warm = measure("warm-up", newsmill_cmd(args.python, empty, workdir / "wh-warmup", None),
                       newsmill_env(prefect_home), args.timeout)
        shutil.rmtree(workdir / "wh-warmup", ignore_errors=True)
        print(f"bench: warm-up (first run on a fresh PREFECT_HOME) {warm.wall or 0:.1f} s {warm.note}",
              file=sys.stderr, flush=True)
        results = [bench_size(n, args, workdir, prefect_home) for n in sizes]
    finally:
        shutil.rmtree(prefect_home, ignore_errors=True)

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    report = (f"### {stamp}{' — ' + args.label if args.label else ''}\n\n{machine_details(args.python)}\n"
              f"- newsmill run options: {' '.join(runner_options(args)) or '(defaults)'}"
              f"{'; --batch-size ' + str(args.batch_size) if args.batch_size else ''}\n"
              f"- seed {args.seed}; warm-up run on a fresh PREFECT_HOME (not in the table): "
              f"{warm.wall or 0:.1f} s\n\n{results_table(results)}\n\n{targets_table(results)}\n")
    print(report)
    if args.append:
        target = REPO / "BENCHMARKS.md"
        with target.open("a", encoding="utf-8") as handle:
            handle.write("\n" + report)
        print(f"bench: appended to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
