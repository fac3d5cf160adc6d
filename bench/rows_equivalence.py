"""Old vs new `flows.batch.build_rows`: identical warehouse rows, and the speed of each.

    .venv/bin/python bench/rows_equivalence.py [--ref 4b36aa4] [--docs 600] [--rounds 5]
        [--corpus /tmp/newsmill-bench/corpus-10000-seed0]

The reference is the whole checkout (newsmill/ and flows/, rules included) at git commit
`--ref` (default: the merge-base of HEAD with main), checked out into a temporary
`git worktree` that is removed at exit, so any change to the row-building path can be
checked against the code it replaced. Each side runs in its own subprocess (PYTHONPATH
= its checkout, working directory = this checkout, so source URIs are the same;
PYTHONHASHSEED=0 in both) and
builds rows for three batches: an even spread of `--docs` inputs of the benchmark corpus
(every k-th of `read_inputs(discover([corpus]))`; bench/generate_corpus.py writes it), the
seeds (seeds/), and every input file of the annotated test documents (tests/docs/**,
tests/gold/**: .txt, .html, .jsonl, as a run's folder walk finds them).

Every table of every batch is compared row by row (rows matched by their natural key,
e.g. doc_id + para_no), as are the batch's warnings, warning samples, template-line
counts (`counts`) and counters; each difference is printed as table, key, column, old
vs new, and any difference makes the exit status 1. Left out of the comparison, as
they differ between runs or checkouts by design: `sources.seen_at` (the run's clock)
and `pipeline_version` (a fingerprint of the code), also inside `rejects.payload`.

Then both sides build `--rounds` more corpus batches of `--docs` inputs, interleaved
(A, B, A, B ...), in process CPU time, and the median and minimum ms/doc of each are
printed (the minimum is the least disturbed by other work on a shared machine), with
the median of the rounds' old/new ratios (both sides build the same inputs in a round). Round r
takes the inputs next to the compared ones (every k-th from offset r), so no round
repeats a document either side has seen: a per-line or per-page cache is timed as in a
run, not on a replay.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = "/tmp/newsmill-bench/corpus-10000-seed0"
IGNORED_COLUMNS = {"seen_at", "pipeline_version"}  # the run's clock; the code fingerprint
KEYS = {  # natural keys, for matching rows and naming them in the report
    "sources": ("source_uri",), "documents": ("doc_id",), "articles": ("doc_id",),
    "paragraphs": ("doc_id", "para_no"), "boilerplate": ("doc_id", "start"),
    "rejects": ("doc_id", "source_uri", "stage", "check"), "quotes": ("doc_id", "quote_no"),
    "mentions": ("doc_id", "start", "end"), "entities": ("entity_id",),
    "outlet_docs": ("outlet",), "outlet_lines": ("outlet", "line_key"),
    "warnings": ("kind",), "warning_samples": ("kind", "n"), "counters": ("name",),
}
SHOWN = 60  # differences printed in full


# --- child: one side, in its own process -------------------------------------------------


def child(args: argparse.Namespace) -> int:
    """Build the rows of one checkout (the PYTHONPATH one), pickle them, then time on request."""
    proto = os.fdopen(os.dup(1), "w")  # the protocol channel; anything printed goes to stderr
    os.dup2(2, 1)
    import time

    import flows.batch
    from flows.batch import build_rows
    from flows.sources import discover, read_inputs

    expected = Path(os.environ["PYTHONPATH"].split(os.pathsep)[0]).resolve()
    for module in (flows.batch, sys.modules["newsmill"]):
        if not Path(module.__file__).resolve().is_relative_to(expected):
            raise SystemExit(f"{module.__name__} imported from {module.__file__}, not from {expected}")
    spreads = spread(args.corpus, args.docs, 1 + args.rounds, discover, read_inputs)
    batches = {
        "corpus": spreads[0],
        "seeds": list(read_inputs(discover([str(ROOT / "seeds")]))),
        "tests": list(read_inputs(discover([str(ROOT / "tests" / "docs"), str(ROOT / "tests" / "gold")]))),
    }
    out = {name: comparable(build_rows(items, set(), "equivalence")) for name, items in batches.items()}
    out["_sizes"] = {name: len(items) for name, items in batches.items()}
    with open(args.out, "wb") as handle:
        pickle.dump(out, handle)
    print("ready", file=proto, flush=True)
    timing = spreads[1:] or spreads[:1]  # a corpus too small for more: the compared inputs again
    for command in sys.stdin:
        if not command.startswith("time "):
            break
        items = timing[int(command.split()[1]) % len(timing)]
        started = time.process_time()  # CPU time: less noise than wall time on a shared machine
        build_rows(items, set(), "timing")
        print((time.process_time() - started) / len(items) * 1000, file=proto, flush=True)
    return 0


def spread(corpus: str, docs: int, sets: int, discover, read_inputs) -> list[list]:
    """`sets` disjoint even spreads of `docs` corpus inputs: every k-th from offset 0, 1, ...
    (fewer when the corpus has fewer than docs * sets inputs; two passes: not all inputs are kept)."""
    files = discover([corpus])
    total = sum(1 for _ in read_inputs(files))
    step = max(1, total // docs)
    out: list[list] = [[] for _ in range(min(sets, step))]
    for n, item in enumerate(read_inputs(files)):
        if n % step < len(out) and len(out[n % step]) < docs:
            out[n % step].append(item)
    return out


def comparable(rows) -> dict[str, list[dict]]:
    """A batch's rows per table, plus its warnings, template-line counts and counters as tables."""
    tables = {name: [clean(name, row) for row in table] for name, table in rows.tables.items()}
    tables.update({name: list(table) for name, table in rows.counts.items()})
    tables["warnings"] = [{"kind": kind, "doc_ids": docs} for kind, docs in sorted(rows.warnings.items())]
    tables["warning_samples"] = [{"kind": kind, "n": n, **sample} for kind, samples in sorted(rows.warning_samples.items())
                                 for n, sample in enumerate(samples)]
    tables["counters"] = [{"name": name, "value": getattr(rows, name)}
                          for name in ("seen", "new", "duplicate", "new_doc_ids")]
    return tables


def clean(table: str, row: dict) -> dict:
    """The row without the columns that differ between runs by design."""
    row = {k: v for k, v in row.items() if k not in IGNORED_COLUMNS}
    if table == "rejects" and row.get("payload"):
        payload = json.loads(row["payload"])
        payload.pop("pipeline_version", None)
        row["payload"] = payload
    return row


# --- parent: check out the reference, run both sides, compare, time ------------------------


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout.strip()


def checkout(ref: str) -> Path:
    """The reference in a temporary worktree, removed at exit."""
    where = Path(tempfile.mkdtemp(prefix="newsmill-ref-"))
    path = where / "ref"
    git("worktree", "add", "--detach", str(path), ref)

    def remove() -> None:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], capture_output=True)
        shutil.rmtree(where, ignore_errors=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)

    atexit.register(remove)
    return path


def start(side: str, checkout_root: Path, args: argparse.Namespace, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(checkout_root), "PYTHONHASHSEED": "0"}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "--out", str(out),
               "--docs", str(args.docs), "--corpus", args.corpus]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def ask(process: subprocess.Popen, side: str, command: str | None = None) -> str:
    if command is not None:
        process.stdin.write(command + "\n")
        process.stdin.flush()
    line = process.stdout.readline()
    if not line:
        raise SystemExit(f"the {side} side stopped (exit status {process.wait()}); see its errors above")
    return line.strip()


def keyed(table: str, rows: list[dict]) -> dict[tuple, dict]:
    """Rows by natural key (the row number when the table has none); repeats get an occurrence number."""
    out: dict[tuple, dict] = {}
    for n, row in enumerate(rows):
        names = KEYS.get(table)
        key = tuple(row.get(k) for k in names) if names else (n,)
        while key in out:
            key = (*key, "again")
        out[key] = row
    return out


def compare(old: dict, new: dict) -> int:
    """Print every differing cell (table, key, column, old vs new); the number of differences."""
    differences = 0

    def report(text: str) -> None:
        nonlocal differences
        differences += 1
        if differences <= SHOWN:
            print("  " + text)

    for batch in ("corpus", "seeds", "tests"):
        for table in sorted(set(old[batch]) | set(new[batch])):
            a, b = keyed(table, old[batch].get(table, [])), keyed(table, new[batch].get(table, []))
            where = f"{batch}/{table}"
            for key in sorted(a.keys() - b.keys(), key=repr):
                report(f"{where} {key}: only in old")
            for key in sorted(b.keys() - a.keys(), key=repr):
                report(f"{where} {key}: only in new")
            for key in sorted(a.keys() & b.keys(), key=repr):
                for column in sorted(a[key].keys() | b[key].keys()):
                    x, y = a[key].get(column, "<missing>"), b[key].get(column, "<missing>")
                    if x != y:
                        report(f"{where} {key} {column}: old {short(x)} vs new {short(y)}")
    if differences > SHOWN:
        print(f"  ... and {differences - SHOWN} more")
    return differences


def short(value: object, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", help="git commit of the reference (default: the merge-base with main)")
    parser.add_argument("--docs", type=int, default=600, help="corpus inputs to compare and time on")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="a corpus written by bench/generate_corpus.py")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds (0: compare only)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    if not Path(args.corpus).is_dir():
        print(f"no corpus at {args.corpus}; generate one with\n"
              f"    .venv/bin/python bench/generate_corpus.py --docs 10000 --seed 0 --out {args.corpus}",
              file=sys.stderr)
        return 2
    ref = args.ref or git("merge-base", "HEAD", "main")
    ref_root = checkout(ref)
    scratch = Path(tempfile.mkdtemp(prefix="newsmill-rows-"))
    atexit.register(shutil.rmtree, scratch, True)
    sides = {"old": start("old", ref_root, args, scratch / "old.pickle"),
             "new": start("new", ROOT, args, scratch / "new.pickle")}
    try:
        for side, process in sides.items():
            ask(process, side)  # "ready": rows built and pickled
        rows = {side: pickle.loads((scratch / f"{side}.pickle").read_bytes()) for side in sides}
        sizes = rows["new"]["_sizes"]
        print(f"reference {ref} ({git('rev-parse', '--short', ref)}) vs this checkout "
              f"({git('rev-parse', '--short', 'HEAD')}{', with uncommitted changes' if git('status', '--porcelain', '--', 'newsmill', 'flows') else ''}); "
              f"inputs: {sizes['corpus']} corpus, {sizes['seeds']} seeds, {sizes['tests']} test documents")
        differences = compare(rows["old"], rows["new"])
        counts = {batch: sum(len(t) for t in rows["new"][batch].values()) for batch in ("corpus", "seeds", "tests")}
        print(f"{differences} differences in {sum(counts.values())} rows "
              f"({', '.join(f'{b} {n}' for b, n in counts.items())})")
        times: dict[str, list[float]] = {side: [] for side in sides}
        for r in range(args.rounds):
            for side, process in sides.items():
                times[side].append(float(ask(process, side, f"time {r}")))
        if args.rounds:
            med = {side: statistics.median(v) for side, v in times.items()}
            low = {side: min(v) for side, v in times.items()}
            print(f"build_rows on {args.rounds} interleaved rounds of {sizes['corpus']} other corpus inputs, CPU ms/doc, "
                  f"median (min): old {med['old']:.3f} ({low['old']:.3f}), new {med['new']:.3f} ({low['new']:.3f}), "
                  f"× {med['old'] / med['new']:.2f} (× {low['old'] / low['new']:.2f}); "
                  f"median of the rounds' old/new: × {statistics.median(a / b for a, b in zip(times['old'], times['new'])):.2f}")
    finally:
        for process in sides.values():
            if process.poll() is None:
                process.stdin.write("quit\n")
                process.stdin.close()
                process.wait()
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
