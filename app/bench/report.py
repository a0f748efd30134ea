#!/usr/bin/env python3
"""Summarises one benchmark run written by run.sh.

Reads, from the run directory given as the only argument:
  wrk/<target>-<load>.txt   wrk's output for each measured load; target is app, static or
                            nocache, load is list, detail or works; the last line starting with
                            BENCH_JSON (printed by wrk.lua) carries the numbers
  metrics.env               KEY=VALUE lines: import seconds, start-to-ready, RSS, checks
  machine.txt               a few lines describing the machine and versions

Prints the results table, and writes results.md (the same table in Markdown) and
results.json beside the inputs. Only the Python standard library is used.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LOADS = [
    # key, label, request, ratio target (app req/s as a share of static)
    ("list", "games list", "GET /api/games?limit=50", 0.35),
    ("detail", "game detail", "GET /api/games/{random slug}", 0.50),
    ("works", "works, big page", "GET /api/works?limit=2000", 0.35),
]
P99_TARGET_MS = 20.0
IMPORT_TARGET_S = 15.0
READY_TARGET_MS = 3000
RSS_TARGET_MB = 300


def read_wrk(path: Path) -> dict | None:
    if not path.is_file():
        return None
    data = None
    for line in path.read_text(errors="replace").splitlines():
        if line.startswith("BENCH_JSON "):
            data = json.loads(line[len("BENCH_JSON "):])
    if data is None:
        return None
    seconds = data["duration_us"] / 1e6
    data["rps"] = data["requests"] / seconds if seconds > 0 else 0.0
    data["mb_per_s"] = data["bytes"] / seconds / 1e6 if seconds > 0 else 0.0
    data["errors"] = sum(data[k] for k in data if k.startswith("errors_"))
    return data


def read_env(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def ms(us: int | None) -> str:
    return "–" if us is None else f"{us / 1000:.2f}"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "MISSED")


def build(run: Path) -> dict:
    wrk = {t: {k: read_wrk(run / "wrk" / f"{t}-{k}.txt") for k, *_ in LOADS} for t in ("app", "static", "nocache")}
    env = read_env(run / "metrics.env")
    machine = (run / "machine.txt").read_text().strip() if (run / "machine.txt").is_file() else ""
    return {"wrk": wrk, "metrics": env, "machine": machine}


def load_rows(results: dict) -> list[list[str]]:
    rows = []
    wrk = results["wrk"]
    for key, label, request, target in LOADS:
        app, static, nocache = wrk["app"][key], wrk["static"][key], wrk["nocache"][key]
        ratio = app["rps"] / static["rps"] if app and static and static["rps"] else None
        errors = sum(r["errors"] for r in (app, static, nocache) if r)
        rows.append([
            f"{label} (`{request}`)",
            f"{app['rps']:,.0f}" if app else "–",
            f"{static['rps']:,.0f}" if static else "–",
            f"{ratio:.0%} (≥ {target:.0%}, {verdict(ratio >= target)})" if ratio is not None else "–",
            f"{ms(app and app['p50_us'])} / {ms(app and app['p99_us'])}"
            + (f" ({verdict(app['p99_us'] / 1000 < P99_TARGET_MS)})" if app else ""),
            f"{ms(static and static['p50_us'])} / {ms(static and static['p99_us'])}",
            f"{nocache['rps']:,.0f}" if nocache else "–",
            f"{ms(nocache and nocache['p50_us'])} / {ms(nocache and nocache['p99_us'])}",
            str(errors),
        ])
    return rows


def scalar_rows(results: dict) -> list[list[str]]:
    m = results["metrics"]

    def num(key: str) -> float | None:
        try:
            return float(m[key])
        except (KeyError, ValueError):
            return None

    rows = []
    imp = num("IMPORT_SECONDS")
    rows.append(["import of the full dataset (`POST /api/import`)",
                 f"{imp:.2f} s" if imp is not None else "–", f"< {IMPORT_TARGET_S:.0f} s",
                 verdict(imp < IMPORT_TARGET_S if imp is not None else None)])
    ready = num("READY_MS_FIRST")
    rows.append(["start to ready, empty migrated database (after a priming start)",
                 f"{ready / 1000:.2f} s" if ready is not None else "–", f"< {READY_TARGET_MS / 1000:.0f} s",
                 verdict(ready < READY_TARGET_MS if ready is not None else None)])
    ready2 = num("READY_MS_RESTART")
    rows.append(["start to ready, restart on the loaded database",
                 f"{ready2 / 1000:.2f} s" if ready2 is not None else "–", f"< {READY_TARGET_MS / 1000:.0f} s",
                 verdict(ready2 < READY_TARGET_MS if ready2 is not None else None)])
    rss = num("RSS_KB_APP")
    rows.append(["server RSS after the cached-path loads (VmRSS)",
                 f"{rss / 1024:.0f} MB" if rss is not None else "–", f"< {RSS_TARGET_MB} MB",
                 verdict(rss / 1024 < RSS_TARGET_MB if rss is not None else None)])
    hwm = num("RSS_HWM_KB_APP")
    rows.append(["server peak RSS during that run (VmHWM, import included)",
                 f"{hwm / 1024:.0f} MB" if hwm is not None else "–", "–", "–"])
    rss2 = num("RSS_KB_NOCACHE")
    rows.append(["server RSS after the computed-path loads (VmRSS)",
                 f"{rss2 / 1024:.0f} MB" if rss2 is not None else "–", "–", "–"])
    for key, label in (("THREADS_APP", "cached-path"), ("THREADS_NOCACHE", "computed-path")):
        threads = num(key)
        rows.append([f"server threads after the {label} loads",
                     f"{threads:.0f}" if threads is not None else "–", "–", "–"])
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


LOAD_HEADER = ["load", "app req/s (cache on)", "static req/s (nginx)", "app / static",
               "app p50 / p99 ms", "static p50 / p99 ms", "app req/s (cache off)",
               "cache off p50 / p99 ms", "errors"]
SCALAR_HEADER = ["measure", "result", "target", "verdict"]


def markdown(results: dict) -> str:
    m = results["metrics"]
    notes = []
    for key in sorted(k for k in m if k.startswith("CHECK_")):
        notes.append(f"- {key[6:].lower().replace('_', ' ')}: {m[key]}")
    parts = []
    if results["machine"]:
        parts += ["```", results["machine"], "```", ""]
    parts += [table(LOAD_HEADER, load_rows(results)), "", table(SCALAR_HEADER, scalar_rows(results))]
    if notes:
        parts += ["", "Checks:", *notes]
    return "\n".join(parts)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    run = Path(sys.argv[1])
    results = build(run)
    md = markdown(results)
    (run / "results.md").write_text(md + "\n")
    (run / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
