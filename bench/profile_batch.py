"""Profile newsmill's in-process batch path (no Prefect, no warehouse) on a bench corpus.

    .venv/bin/python bench/profile_batch.py --corpus /tmp/newsmill-bench/corpus-10000-seed0 --sample 2000

Reads the first --sample inputs of the corpus the way a run does (flows.sources), then
profiles flows.batch.build_rows (decode, clean, extract) and flows.quality.validate_batch
(DataFrames + Pandera) with cProfile. Prints wall time per stage, the share of time in
each newsmill/flows stage function, and the top functions by own time and by
cumulative time. --out saves the raw profile for snakeviz/pstats.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing
sys.path.insert(0, str(HERE))

# Functions whose cumulative time says which stage costs what (file suffix, function name).
STAGES = (
    ("newsmill/core.py", "decode_document", "decode (bytes, gzip, HTML → text)"),
    ("newsmill/decode.py", "html_to_page", "  of which HTML → text (BeautifulSoup)"),
    ("newsmill/boilerplate.py", "detect_boilerplate", "boilerplate detectors"),
    ("newsmill/metadata.py", "find_title", "title"),
    ("newsmill/layout.py", "uncovered_segments", "uncovered segments"),
    ("newsmill/layout.py", "build_paragraphs", "paragraphs"),
    ("flows/batch.py", "_accounting_problem", "accounting invariant"),
    ("flows/quality.py", "frame", "rows → DataFrames"),
    ("flows/quality.py", "_validate", "Pandera validation"),
)


def stage_times(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    found: dict[str, tuple[float, int]] = {}
    for (filename, _, name), (_, ncalls, _, cumtime, _) in stats.stats.items():
        for suffix, func, label in STAGES:
            if name == func and filename.replace("\\", "/").endswith(suffix):
                t, n = found.get(label, (0.0, 0))
                found[label] = (t + cumtime, n + ncalls)
    return [(label, *found[label]) for _, _, label in STAGES if label in found]


def extra_stages(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    """newsmill functions called from process_text (dates, outlets, language ...), by cumulative time."""
    rows = []
    for (filename, _, name), (_, ncalls, _, cumtime, callers) in stats.stats.items():
        if filename.replace("\\", "/").endswith("newsmill/core.py") and name == "process_text":
            continue
        if any(c[0].replace("\\", "/").endswith("newsmill/core.py") and c[2] == "process_text" for c in callers):
            rows.append((f"{Path(filename).parent.name}/{Path(filename).name}:{name}", cumtime, ncalls))
    return sorted(rows, key=lambda r: -r[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="a folder written by bench/generate_corpus.py")
    parser.add_argument("--sample", type=int, default=2000, help="inputs to profile (one default batch)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", help="write the raw cProfile data here")
    args = parser.parse_args(argv)

    from flows.batch import build_rows
    from flows.quality import validate_batch
    from flows.sources import discover, read_inputs

    t0 = time.perf_counter()
    items = list(read_inputs(discover([args.corpus])))  # all inputs, then an even spread of them:
    step = max(1, len(items) // args.sample)            # the corpus is sorted by outlet folder
    items = items[::step][: args.sample]
    t1 = time.perf_counter()
    profiler = cProfile.Profile()
    profiler.enable()
    rows = build_rows(items, set(), "profile")
    t2 = time.perf_counter()
    validate_batch(rows, "profile")
    t3 = time.perf_counter()
    profiler.disable()
    if args.out:
        profiler.dump_stats(args.out)

    n = len(items)
    total = t3 - t1
    print(f"## profile of {n} inputs (every {step}th) from {args.corpus}\n")
    print(f"discover + read all inputs (not profiled): {t1 - t0:.2f} s; build_rows: {t2 - t1:.2f} s; "
          f"validate_batch: {t3 - t2:.2f} s; profiled total {total:.2f} s = {n / total:,.0f} docs/s "
          "in-process under cProfile (which slows pure-Python code, often ~1.5-2×)\n")
    stats = pstats.Stats(profiler)
    print("| stage | cumulative s | share | calls |\n|---|---:|---:|---:|")
    for label, seconds, calls in stage_times(stats):
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} | {calls:,} |")
    print("\nnewsmill functions called by process_text:\n\n| function | cumulative s | share | calls |\n|---|---:|---:|---:|")
    for label, seconds, calls in extra_stages(stats)[:12]:
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} | {calls:,} |")
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats(key).print_stats(args.top)
        body = buffer.getvalue()
        print(f"\n### top {args.top} by {title}\n\n```\n{body[body.index('ncalls'):].rstrip()}\n```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
