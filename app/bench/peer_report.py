#!/usr/bin/env python3
"""The tables of app/bench/peer.sh from its run directory (one TARGET.txt per part)."""
import os
import sys

ENDPOINTS = ["games-list", "game-detail", "list-detail", "stats"]


def read(run, part):
    path = os.path.join(run, part + ".txt")
    rows = {}
    if not os.path.exists(path):
        return rows
    for line in open(path):
        f = line.split()
        if f and f[0] in ENDPOINTS and len(f) >= 8 and f[1] != "-":
            def num(x):
                try:
                    return float(x.rstrip("%"))
                except ValueError:
                    return None
            rows[f[0]] = {"rps": num(f[1]), "p50": num(f[2]), "p99": num(f[3]), "errors": int(f[4]),
                          "srv": num(f[5]), "db": num(f[6]), "other": f[7]}
    return rows


def cpu(row):
    return None if row.get("srv") is None or row.get("db") is None else row["srv"] + row["db"]


def fmt(x, digits=0):
    return "–" if x is None else f"{x:,.{digits}f}"


def main(run):
    peer, computed, cached, writes, ceiling, own = (read(run, p) for p in
                                                    ["peer", "computed", "cached", "writes", "ceiling", "ceiling-own"])
    print(open(os.path.join(run, "machine.txt")).read())
    if os.path.exists(os.path.join(run, "metrics.env")):
        print("```\n" + open(os.path.join(run, "metrics.env")).read() + "```\n")
    if peer and computed:
        print("Computed path (cache off) against the Django peer (target: ≥ 15× on games list, game detail, list detail; stats < 20 ms)\n")
        print("| endpoint | peer req/s | ours req/s | throughput ratio | peer CPU ms/req (app + db) | ours CPU ms/req | CPU ratio | ours p50 / p99 ms | errors |")
        print("|---|---|---|---|---|---|---|---|---|")
        for ep in ENDPOINTS:
            p, c = peer.get(ep, {}), computed.get(ep, {})
            ratio = c["rps"] / p["rps"] if p.get("rps") and c.get("rps") else None
            pc, cc = cpu(p), cpu(c)
            cratio = pc / cc if pc and cc else None
            print(f"| {ep} | {fmt(p.get('rps'))} | {fmt(c.get('rps'))} | {fmt(ratio, 1)}× | "
                  f"{fmt(p.get('srv'), 1)} + {fmt(p.get('db'), 1)} | {fmt(c.get('srv'), 2)} + {fmt(c.get('db'), 2)} | "
                  f"{fmt(cratio, 1)}× | {fmt(c.get('p50'), 2)} / {fmt(c.get('p99'), 2)} | {c.get('errors', '–')} |")
        print()
    if cached and writes:
        print("Reads under 2 writes/s (target: ≥ 50 % of the no-write throughput, p99 ≤ 50 ms)\n")
        print("| endpoint | no writes req/s | with writes req/s | kept | p99 no writes / with writes ms | errors |")
        print("|---|---|---|---|---|---|")
        for ep in ENDPOINTS:
            a, b = cached.get(ep, {}), writes.get(ep, {})
            kept = b["rps"] / a["rps"] * 100 if a.get("rps") and b.get("rps") else None
            print(f"| {ep} | {fmt(a.get('rps'))} | {fmt(b.get('rps'))} | {fmt(kept)} % | "
                  f"{fmt(a.get('p99'), 2)} / {fmt(b.get('p99'), 2)} | {b.get('errors', '–')} |")
        writer = os.path.join(run, "writer.txt")
        if os.path.exists(writer):
            print("\nWriter: " + open(writer).read().strip())
        print()
    for bodies, nginx in [("the peer's bodies", ceiling), ("this server's own bodies (the same bytes)", own)]:
        if not (cached and nginx):
            continue
        print(f"As shipped, no writes, against nginx serving {bodies} (target: ≥ 50 %, p99 ≤ 20 ms)\n")
        print("| endpoint | ours req/s | nginx req/s | ratio | ours p99 ms |")
        print("|---|---|---|---|---|")
        for ep in ENDPOINTS:
            a, n = cached.get(ep, {}), nginx.get(ep, {})
            ratio = a["rps"] / n["rps"] * 100 if a.get("rps") and n.get("rps") else None
            print(f"| {ep} | {fmt(a.get('rps'))} | {fmt(n.get('rps'))} | {fmt(ratio)} % | {fmt(a.get('p99'), 2)} |")
        print()

if __name__ == "__main__":
    main(sys.argv[1])
