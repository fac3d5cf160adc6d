"""The run's data-quality report: one self-contained HTML file plus a Markdown summary.

The HTML has no external assets (inline CSS and SVG) so it can be mailed,
archived or opened offline; every value from the data is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from flows.warehouse import Warehouse

DRIFT_METRICS = ("headline_fill", "date_fill", "authors_fill", "dateline_fill", "boilerplate_share")


@dataclass
class ReportData:
    run: dict
    checks: list[dict]
    rejects: list[dict]
    removed: list[dict]
    drift: list[dict]

    @property
    def failed_checks(self) -> list[dict]:
        return [c for c in self.checks if not c["passed"]]


def _rows(store: Warehouse, sql: str, params: list) -> list[dict]:
    columns, rows = store.query(sql, params)
    return [dict(zip(columns, r)) for r in rows]


def latest_run_id(store: Warehouse) -> str | None:
    rows = _rows(store, "select run_id from runs order by started_at desc limit 1", [])
    return rows[0]["run_id"] if rows else None


def collect(store: Warehouse, run_id: str) -> ReportData:
    """Everything the report shows for `run_id`, read from the warehouse."""
    run = _rows(store, "select * from runs where run_id = ?", [run_id])
    if not run:
        raise LookupError(f"no run {run_id!r} in {store.db_path}")
    checks = _rows(store, 'select table_name, "check", passed, failures, sample from dq_results '
                          "where run_id = ? order by passed, table_name, \"check\"", [run_id])
    rejects = _rows(store, 'select stage, "check", count(*) as documents, min(reason) as example_reason, '
                           "list(source_uri order by source_uri)[1:3] as examples from rejects "
                           'where run_id = ? group by stage, "check" order by documents desc, "check"', [run_id])
    removed = _rows(store, 'select kind, count(*) as spans, sum("end" - "start") as chars, '
                           "count(distinct doc_id) as documents from boilerplate join documents using (doc_id) "
                           "where first_seen_run = ? group by kind order by chars desc", [run_id])
    drift = _rows(store, "select * from v_outlet_drift order by outlet, run_id", [])
    return ReportData(run[0], checks, rejects, removed, drift)


# --- Markdown (Prefect artifact, terminal) --------------------------------------------


def markdown(data: ReportData) -> str:
    r = data.run
    lines = [
        f"# newsmill run {r['run_id']}",
        "",
        f"Status **{r['status']}**: {r['docs_seen']} seen, {r['docs_new']} new, {r['docs_loaded']} loaded, "
        f"{r['docs_duplicate']} duplicate, {r['docs_rejected']} rejected.",
        "",
        f"## Failed checks ({len(data.failed_checks)} of {len(data.checks)})",
    ]
    lines += [f"- `{c['table_name']}.{c['check']}`: {c['failures']} failures" for c in data.failed_checks] or ["- none"]
    lines += ["", "## Rejects by reason"]
    lines += [f"- `{j['stage']}:{j['check']}`: {j['documents']} ({j['example_reason']})" for j in data.rejects] or ["- none"]
    lines += ["", "## Boilerplate removed by kind"]
    lines += [f"- {b['kind']}: {b['spans']} spans, {b['chars']} chars" for b in data.removed] or ["- none"]
    warned = [d for d in data.drift if d["drift_warning"] and d["run_id"] == r["run_id"]]
    lines += ["", "## Outlet drift warnings"]
    lines += [f"- {d['outlet']}" for d in warned] or ["- none"]
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.fail{color:#b00020;font-weight:600}.pass{color:#1b7f3b}.num{text-align:right}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em}
.card b{display:block;font-size:1.6em}.outlet{display:inline-block;margin:0 1em 1em 0;vertical-align:top}
code{background:#f4f4f4;padding:0 3px}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _table(rows: list[dict], columns: list[str], classes: dict | None = None) -> str:
    if not rows:
        return "<p>none</p>"
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c)
            css = (classes or {}).get(c, lambda v: "")(value)
            cells.append(f'<td class="{css}">{_e(json.dumps(value) if isinstance(value, list) else value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _sparkline(values: list[float | None], width: int = 160, height: int = 40) -> str:
    """An inline SVG line of values in [0, 1] (None gaps are skipped)."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if not points:
        return '<svg width="160" height="40"></svg>'
    step = width / max(len(values) - 1, 1)
    coords = " ".join(f"{i * step:.1f},{height - 2 - min(max(v, 0.0), 1.0) * (height - 4):.1f}" for i, v in points)
    dots = "".join(f'<circle cx="{i * step:.1f}" cy="{height - 2 - min(max(v, 0.0), 1.0) * (height - 4):.1f}" r="2"/>'
                   for i, v in points)
    return (f'<svg width="{width}" height="{height}" viewBox="-3 -3 {width + 6} {height + 6}" role="img">'
            f'<rect x="-3" y="-3" width="{width + 6}" height="{height + 6}" fill="#fafafa"/>'
            f'<polyline fill="none" stroke="#3366cc" stroke-width="1.5" points="{coords}"/>{dots}</svg>')


def _drift_section(drift: list[dict]) -> str:
    outlets: dict[str, list[dict]] = {}
    for row in drift:
        outlets.setdefault(row["outlet"], []).append(row)
    blocks = []
    for outlet, rows in outlets.items():
        warn = any(r["drift_warning"] for r in rows)
        charts = "".join(
            f"<tr><td>{_e(m)}</td><td>{_sparkline([r[m] for r in rows])}</td>"
            f"<td class=\"num\">{_e(round(rows[-1][m], 3) if rows[-1][m] is not None else None)}</td></tr>"
            for m in DRIFT_METRICS
        )
        flag = ' <span class="fail">drift warning</span>' if warn else ""
        blocks.append(f'<div class="outlet"><h3>{_e(outlet)}{flag}</h3><p>{len(rows)} runs, '
                      f'{sum(r["articles"] for r in rows)} articles</p><table>{charts}</table></div>')
    return "".join(blocks) or "<p>no articles yet</p>"


def render_html(data: ReportData) -> str:
    r = data.run
    cards = "".join(f'<div class="card">{_e(k.replace("docs_", ""))}<b>{_e(r[k])}</b></div>'
                    for k in ("docs_seen", "docs_new", "docs_loaded", "docs_duplicate", "docs_rejected"))
    status = lambda v: "pass" if v else "fail"  # noqa: E731
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsmill run {_e(r['run_id'])}</title>
<style>{_CSS}</style></head><body>
<h1>newsmill data-quality report: run <code>{_e(r['run_id'])}</code></h1>
<p>Status <b class="{status(r['status'] == 'completed')}">{_e(r['status'])}</b>,
started {_e(r['started_at'])}, finished {_e(r['finished_at'])}; Prefect flow run {_e(r['flow_run_id'])}.</p>
<div class="cards">{cards}</div>
<h2>Failed checks ({len(data.failed_checks)} of {len(data.checks)})</h2>
{_table(data.failed_checks, ["table_name", "check", "failures", "sample"])}
<h2>Rejects by reason</h2>
{_table(data.rejects, ["stage", "check", "documents", "example_reason", "examples"])}
<h2>Boilerplate removed by kind</h2>
{_table(data.removed, ["kind", "spans", "chars", "documents"])}
<h2>Outlets over runs</h2>
<p>Fill rates and boilerplate share per run (0–1); a warning marks a sharp move from the outlet's own history.</p>
{_drift_section(data.drift)}
<h2>All checks</h2>
{_table(data.checks, ["table_name", "check", "passed", "failures"], {"passed": status})}
</body></html>
"""


def write_report(store: Warehouse, run_id: str) -> tuple[Path, str]:
    """Write warehouse/reports/<run_id>.html atomically; return its path and the Markdown summary."""
    data = collect(store, run_id)
    folder = store.root / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run_id}.html"
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(render_html(data), "utf-8")
    tmp.replace(path)
    return path, markdown(data)
