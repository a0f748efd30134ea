"""Times GET URL one request at a time on one kept-alive connection (stats-latency.sh).

usage: stats_latency.py URL WARMUP ROUNDS SERVER_PID PGDATA
Prints the latency percentiles of the measured rounds and the CPU per request of the server
process and of the PostgreSQL cluster in PGDATA (its processes, from /proc, user + system).
"""
import glob
import http.client
import os
import sys
import time
import urllib.parse

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def postgres_ticks(pgdata):
    """CPU of the cluster's postmaster and its children (the backends serving the server's pool)."""
    with open(os.path.join(pgdata, "postmaster.pid")) as f:
        postmaster = f.readline().strip()
    total = cpu_ticks(postmaster)
    for path in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(path) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if fields[1] == postmaster:
                total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def main():
    url, warmup, rounds, server_pid, pgdata = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port)

    def get():
        conn.request("GET", parts.path)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"GET {url} answered {response.status}: {body[:300]!r}")
        return body

    for _ in range(warmup):
        get()
    server_before, db_before = cpu_ticks(server_pid), postgres_ticks(pgdata)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        body = get()
        times.append((time.perf_counter() - started) * 1000)
    server_ms = (cpu_ticks(server_pid) - server_before) * 1000 / TICKS / rounds
    db_ms = (postgres_ticks(pgdata) - db_before) * 1000 / TICKS / rounds
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, int(p / 100 * len(times)))]

    print(f"GET {parts.path} computed, {rounds} requests one at a time after {warmup} of warm-up, {len(body)} bytes")
    print(f"p50 {pct(50):.2f} ms  p90 {pct(90):.2f} ms  p99 {pct(99):.2f} ms  max {times[-1]:.2f} ms  (target < 20 ms)")
    print(f"CPU per request: server {server_ms:.2f} ms, PostgreSQL {db_ms:.2f} ms")


if __name__ == "__main__":
    main()
