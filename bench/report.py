"""Tables, targets and plots from a run of :mod:`bench.scale`.

``write`` turns the run's JSON into ``scale.md`` (machine and versions, engines, p50/p95 per query with
the row counts that disagree flagged, throughput, the issue's targets as measured ratios) and draws two
plots into ``docs/``: the fixed mix's total p50 by scale and engine, and throughput at 8 clients by query.

    python -m bench.report [bench/results/scale.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
#: The engine each ratio is taken against: Oxigraph's server as the issue measured it (union option).
OXIGRAPH = "oxigraph-union-option"
REFERENCE = "pyoxigraph"


def _ms(value: object) -> str:
    return "–" if not isinstance(value, int | float) else f"{value:.2f}" if value < 10 else f"{value:.0f}"


def _ratio(a: object, b: object) -> float | None:
    if isinstance(a, int | float) and isinstance(b, int | float) and b:
        return a / b
    return None


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def disagreements(engines: dict[str, dict]) -> dict[str, dict[str, object]]:
    """Query → {engine: rows} for every query whose row count is not the in-process engine's."""
    reference = engines.get(REFERENCE, {}).get("queries", {})
    found: dict[str, dict[str, object]] = {}
    for name, figures in engines.items():
        for query, result in figures.get("queries", {}).items():
            expected = reference.get(query, {}).get("rows")
            rows = result.get("rows")
            if rows is not None and expected is not None and rows != expected:
                found.setdefault(query, {REFERENCE: expected})[name] = rows
    return found


def targets(run: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each of the issue's targets that this run measured."""
    rows: list[tuple[str, str, str]] = []
    for scale, entry in run["scales"].items():
        engines = entry["engines"]
        amkg, oxi = engines.get("amkg", {}), engines.get(OXIGRAPH, {})
        for scenario in ("lookup", "describe"):
            mine = amkg.get("throughput", {}).get(scenario, {}).get("8", {}).get("rps")
            theirs = oxi.get("throughput", {}).get(scenario, {}).get("8", {}).get("rps")
            ratio = _ratio(mine, theirs)
            if ratio is not None:
                rows.append(
                    (
                        f"{scale}: uncached {scenario} at 8 clients ≥ 75 % of Oxigraph's server",
                        _pct(ratio),
                        "met" if ratio >= 0.75 else "missed",
                    )
                )
        mine_q, theirs_q = amkg.get("queries", {}), oxi.get("queries", {})
        cached_q = amkg.get("queries (cached)", {})
        ratios = {
            q: _ratio(r.get("p50_ms"), theirs_q.get(q, {}).get("p50_ms"))
            for q, r in mine_q.items()
            if q[:2].isdigit()
        }
        measured = {q: r for q, r in ratios.items() if r is not None}
        if measured:
            worst = max(measured, key=lambda q: measured[q])
            met = sum(r <= 1.25 for r in measured.values())
            rows.append(
                (
                    f"{scale}: every catalogue query's p50 ≤ 1.25 × Oxigraph's server's",
                    f"{met}/{len(measured)}; worst {worst} {measured[worst]:.2f}×",
                    "met" if met == len(measured) else "missed",
                )
            )
            cached = {
                q: _ratio(cached_q.get(q, {}).get("p50_ms"), theirs_q.get(q, {}).get("p50_ms"))
                for q in measured
            }
            fine = [r for r in cached.values() if r is not None]
            if fine:
                rows.append(
                    (
                        f"{scale}: cached answers at least as fast as Oxigraph's server (p50)",
                        f"{sum(r <= 1 for r in fine)}/{len(fine)}; worst {max(fine):.2f}×",
                        "met" if all(r <= 1 for r in fine) else "missed",
                    )
                )
        rdflib = (
            engines.get("rdflib-endpoint", {}).get("throughput", {}).get("mix", {}).get("8", {}).get("rps")
        )
        ratio = _ratio(amkg.get("throughput", {}).get("mix", {}).get("8", {}).get("rps"), rdflib)
        if ratio is not None:
            rows.append(
                (
                    f"{scale}: the mix ≥ 10 × rdflib-endpoint's throughput (8 clients)",
                    f"{ratio:.1f}×",
                    "met" if ratio >= 10 else "missed",
                )
            )
        virtuoso = engines.get("virtuoso", {}).get("queries", {})
        for name, how in (("amkg", ""), ("amkg-disk", " (RocksDB)")):
            mine_q = engines.get(name, {}).get("queries", {})
            both = [q for q, r in mine_q.items() if r.get("p50_ms") and virtuoso.get(q, {}).get("p50_ms")]
            if not both or scale not in ("1m", "5m"):
                continue
            mine_total = sum(mine_q[q]["p50_ms"] for q in both)
            theirs_total = sum(virtuoso[q]["p50_ms"] for q in both)
            rows.append(
                (
                    f"{scale}: total time of the mix and catalogue (sum of p50) below Virtuoso's{how}",
                    f"{mine_total:.0f} ms vs {theirs_total:.0f} ms ({len(both)} queries)",
                    "met" if mine_total < theirs_total else "missed",
                )
            )
            slow = sorted((mine_q[q]["p50_ms"] / virtuoso[q]["p50_ms"], q) for q in both)
            over = [f"{q} {r:.1f}×" for r, q in slow if r > 2]
            rows.append(
                (
                    f"{scale}: no query more than 2 × Virtuoso's p50{how}",
                    ", ".join(over[-8:]) or "none",
                    "met" if not over else f"missed ({len(over)})",
                )
            )
        limit_start = 2.0 if scale == "ours" else 10.0 if scale == "1m" else None
        for name, how in (("amkg", ""), ("amkg-disk", " (RocksDB, opened as it was left)")):
            figures = engines.get(name, {})
            if limit_start and isinstance(figures.get("ready_s"), float):
                rows.append(
                    (
                        f"{scale}: start ≤ {limit_start:g} s{how}",
                        f"{figures['ready_s']:.1f} s",
                        "met" if figures["ready_s"] <= limit_start else "missed",
                    )
                )
            if scale == "1m" and isinstance(figures.get("memory_mb"), float):
                workers = figures.get("workers") or 1
                each = figures["memory_mb"] / workers
                rows.append(
                    (
                        f"1m: memory ≤ 500 MB per worker{how} (PSS of all AMKG processes / web workers)",
                        f"{each:.0f} MB ({figures['memory_mb']:.0f} MB / {workers})",
                        "met" if each <= 500 else "missed",
                    )
                )
    ours = next((b for b in run.get("build", []) if b.get("copies") == 0 and "seconds" in b), None)
    if ours:
        rows.append(
            (
                "`amkg build` of our graph ≤ 15 s",
                f"{ours['seconds']:.1f} s",
                "met" if ours["seconds"] <= 15 else "missed",
            )
        )
    return rows


BUILD_STEPS = ("read", "validated", "reasoned", "inferred", "linked", "wrote")


def build_table(builds: list[dict]) -> list[str]:
    """The build by input size: statements in and out, seconds in all and by step, the largest process."""
    out = ["", "## `amkg build` as its input grows", ""]
    out += [
        "Our sources plus synthetic copies of each (`bench/build_growth.py`); seconds by step as the build "
        "prints them; memory is the largest process's peak RSS (the build or HermiT's JVM).",
        "",
        "| copies | input | output | seconds | "
        + " | ".join(BUILD_STEPS)
        + " | s per 1,000 input | peak RSS (MB) |",
        "|---" * (len(BUILD_STEPS) + 6) + "|",
    ]
    for b in builds:
        if "error" in b:
            out.append(
                f"| {b['copies']} | +{b.get('added', 0):,} | | {b['error'][:80]} |"
                + " |" * (len(BUILD_STEPS) + 2)
            )
            continue
        steps = " | ".join(_ms(b["steps"].get(s)) for s in BUILD_STEPS)
        per = 1000 * b["seconds"] / b["input"] if b.get("input") else None
        out.append(
            f"| {b['copies']} | {b['input']:,} | {b['output']:,} | {_ms(b['seconds'])} | {steps} "
            f"| {_ms(per)} | {_ms(b['peak_rss_mb'])} |"
        )
    return out


def markdown(run: dict, catalogue: bool = True) -> str:
    """The whole report; without ``catalogue`` the per-query tables hold the fixed mix only (for docs/)."""
    out = ["# AMKG at scale: one run of `make bench`", ""]
    out += [
        f"Started {run['started']}, {run.get('total_s', 0):.0f} s in all. Machine: "
        + ", ".join(f"{k} {v}" for k, v in run["machine"].items())
        + ".",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in run["versions"].items()) + ".",
        "",
        f"Up to {run['runs']} timed runs per query after a warm-up, within a budget of seconds per query "
        f"and engine {run['budget_s']} (at least 3 runs, 1 when a run takes longer than the budget); "
        f"queries stopped at {run.get('timeout_s', {'ours': 30, '100k': 15, '1m': 8})} s; each engine has "
        "a budget of seconds for all its queries (what is left says skipped); every request unique "
        "(a comment) unless marked cached.",
        "",
    ]
    out += ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    out += [f"| {t} | {m} | {v} |" for t, m, v in targets(run)]
    for scale, entry in run["scales"].items():
        engines = entry["engines"]
        names = list(engines)
        out += ["", f"## {scale}: {entry['statements']:,} statements", ""]
        out += ["| engine | ready (s) | memory (MB) | wall (s) | note |", "|---|---|---|---|---|"]
        for name, figures in engines.items():
            memory = figures.get("memory_mb")
            notes = [figures.get("error", "")[:200]]
            if figures.get("workers"):
                notes.append(f"{figures['workers']} web workers")
            if isinstance(figures.get("first_start_s"), float):
                notes.append(f"first start, loading RocksDB: {figures['first_start_s']:.1f} s")
            out.append(
                f"| {name} | {_ms(figures.get('ready_s'))} | {_ms(memory)} | {_ms(figures.get('wall_s'))} "
                f"| {'; '.join(n for n in notes if n)} |"
            )
        columns = [n for n in names if engines[n].get("queries")]
        if "amkg" in columns:
            columns.insert(columns.index("amkg") + 1, "amkg (cached)")
        wrong = disagreements(engines)
        out += ["", "p50 / p95 in ms (rows); ⚠ marks a row count other than pyoxigraph's.", ""]
        out += ["| query | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
        every = list(engines.get(REFERENCE, {}).get("queries", {})) or list(
            engines.get("amkg", {}).get("queries", {})
        )
        for query in every:
            if not catalogue and query[:2].isdigit():
                continue
            cells = []
            for column in columns:
                key, name = ("queries (cached)", "amkg") if column == "amkg (cached)" else ("queries", column)
                r = engines[name].get(key, {}).get(query)
                if not r:
                    cells.append("")
                elif r.get("p50_ms") is None:
                    cells.append(r.get("status", "")[:40])
                else:
                    flag = " ⚠" if name in wrong.get(query, {}) and key == "queries" else ""
                    cells.append(f"{_ms(r['p50_ms'])} / {_ms(r['p95_ms'])} ({r['rows']}){flag}")
            out.append(f"| {query} | " + " | ".join(cells) + " |")
        out += ["", "Throughput (requests/s, wrk, uncached unless said; 1 / 8 connections):", ""]
        scenarios = sorted({s for f in engines.values() for s in f.get("throughput", {})})
        out += ["| engine | " + " | ".join(scenarios) + " |", "|---" * (len(scenarios) + 1) + "|"]
        for name, figures in engines.items():
            if "throughput" not in figures:
                continue
            cells = []
            for s in scenarios:
                t = figures["throughput"].get(s, {})
                cells.append(" / ".join(f"{t[c]['rps']:.0f}" for c in ("1", "8") if c in t))
            out.append(f"| {name} | " + " | ".join(cells) + " |")
        if wrong:
            out += ["", "Row counts that differ from pyoxigraph's:", ""]
            out += [f"- {q}: " + ", ".join(f"{n} {r}" for n, r in v.items()) for q, v in wrong.items()]
    if run.get("build"):
        out += build_table(run["build"])
    return "\n".join(out) + "\n"


def plots(run: dict, folder: Path = DOCS) -> list[Path]:
    """``perf-latency.png`` and ``perf-throughput.png`` in ``folder``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scales = list(run["scales"])
    mix = None
    names: list[str] = []
    for entry in run["scales"].values():
        for name in entry["engines"]:
            if name not in names:
                names.append(name)
    fig, ax = plt.subplots(figsize=(8, 5))
    for name in names:
        xs, ys = [], []
        for scale in scales:
            entry = run["scales"][scale]
            qs = entry["engines"].get(name, {}).get("queries", {})
            mix = [q for q in qs if not q[:2].isdigit()]
            values = [qs[q].get("p50_ms") for q in mix]
            if values and all(isinstance(v, int | float) for v in values):
                xs.append(entry["statements"])
                ys.append(sum(values))  # type: ignore[arg-type]
        if xs:
            ax.plot(xs, ys, marker="o", label=name)
    ax.set(
        xscale="log",
        yscale="log",
        xlabel="statements",
        ylabel="sum of p50 over the fixed mix (ms)",
        title="Latency of the fixed mix by scale and engine (lower is better)",
    )
    ax.grid(True, which="both", alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    latency = folder / "perf-latency.png"
    fig.tight_layout()
    fig.savefig(latency, dpi=110)
    plt.close(fig)
    fig, axes = plt.subplots(1, len(scales), figsize=(5 * len(scales), 5), sharey=True, squeeze=False)
    for ax, scale in zip(axes[0], scales, strict=True):
        engines = run["scales"][scale]["engines"]
        scenarios = ["lookup", "describe", "mix"]
        shown = [n for n in names if engines.get(n, {}).get("throughput")]
        width = 0.8 / max(1, len(shown))
        for i, name in enumerate(shown):
            t = engines[name]["throughput"]
            values = [t.get(s, {}).get("8", {}).get("rps", 0) for s in scenarios]
            ax.bar([x + i * width for x in range(len(scenarios))], values, width, label=name)
        ax.set_xticks([x + 0.4 - width / 2 for x in range(len(scenarios))], scenarios)
        ax.set(yscale="log", title=f"{scale}: {run['scales'][scale]['statements']:,} statements")
        ax.grid(True, axis="y", alpha=0.3)
    axes[0][0].set_ylabel("requests/s at 8 clients (uncached)")
    axes[0][-1].legend(fontsize=7)
    fig.tight_layout()
    through = folder / "perf-throughput.png"
    fig.savefig(through, dpi=110)
    plt.close(fig)
    return [latency, through]


def write(run: dict, path: Path) -> None:
    path.write_text(markdown(run), encoding="utf-8")
    path.with_suffix(".targets.json").write_text(json.dumps(targets(run), indent=1) + "\n", encoding="utf-8")
    try:
        plots(run)
    except ImportError:
        print("matplotlib is not installed: no plots (make bench installs it)")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--mix-only"]
    source = Path(args[0]) if args else ROOT / "bench" / "results" / "scale.json"
    run = json.loads(source.read_text(encoding="utf-8"))
    write(run, source.with_suffix(".md"))
    print(markdown(run, catalogue="--mix-only" not in sys.argv))
