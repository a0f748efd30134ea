#!/usr/bin/env python3
"""Steady writes during a read load: RATE writes per second, in turn a game patch, a new
playthrough and a list entry added (or, every other time, the one added before removed), on
games picked at random from the benchmark's own request files (the games and lists the reads
ask for), so that the reads see their answers change.

    writer.py BASE_URL TOKEN DATASET_DIR [--rate 2] [--seconds 0 (until killed)] [--report FILE]

Prints (and writes to --report) one line at the end: writes per kind, non-2xx answers, and the
write latency p50/p99 in ms. Standard library only.
"""
import argparse
import json
import random
import signal
import sys
import time
import urllib.error
import urllib.request


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    return status, (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("token")
    parser.add_argument("dataset")
    parser.add_argument("--rate", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--report")
    args = parser.parse_args()
    slugs = [s for s in open(f"{args.dataset}/slugs.txt").read().split() if s]
    lists = [s for s in open(f"{args.dataset}/list-slugs.txt").read().split() if s]
    rng = random.Random(15)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))

    counts = {"game_patch": 0, "playthrough": 0, "list_entry": 0}
    failures = []
    latencies = []
    added = None
    started = time.monotonic()
    n = 0
    fields = ["summary", "cover_url", "original_release_year"]
    while not stop and (args.seconds <= 0 or time.monotonic() - started < args.seconds):
        due = started + n / args.rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
            if stop:
                break
        kind = n % 3
        game = rng.choice(slugs)
        if kind == 0:
            field = fields[(n // 3) % len(fields)]
            value = {"summary": f"Revised summary {n}.", "cover_url": f"https://example.org/covers/{game}-{n}.jpg",
                     "original_release_year": 1980 + n % 40}[field]
            status, ms = call(args.base, args.token, "PATCH", f"/api/games/{game}", {field: value})
            counts["game_patch"] += 1
        elif kind == 1:
            status, ms = call(args.base, args.token, "POST", f"/api/games/{game}/playthroughs",
                              {"status": "completed", "completed_at": f"2026-{1 + n % 12:02d}-15", "rating": 1 + n % 10,
                               "playtime_minutes": 60 + n % 900, "platform": "pc"})
            counts["playthrough"] += 1
        else:
            if added is None:
                target = rng.choice(lists)
                status, ms = call(args.base, args.token, "POST", f"/api/lists/{target}/entries", {"game": game})
                if status == 201:
                    added = (target, game)
                elif status == 409:
                    status = 201   # already in that list: a write that changed nothing, not a failure
            else:
                status, ms = call(args.base, args.token, "DELETE", f"/api/lists/{added[0]}/entries/{added[1]}")
                added = None
            counts["list_entry"] += 1
        latencies.append(ms)
        if status >= 300:
            failures.append(status)
        n += 1
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else 0

    elapsed = time.monotonic() - started
    line = (f"writes {n} in {elapsed:.1f} s ({n / elapsed if elapsed else 0:.2f}/s): {counts}; "
            f"non-2xx {len(failures)} {sorted(set(failures))}; latency p50 {pct(0.5):.1f} ms p99 {pct(0.99):.1f} ms")
    print(line, flush=True)
    if args.report:
        with open(args.report, "w") as out:
            out.write(line + "\n")


if __name__ == "__main__":
    sys.exit(main())
