#!/usr/bin/env python3
"""The search benchmark's two Python steps (run by search.sh; standard library only).

  search.py queries DATASET_JSON TITLES_FILE OUT_TSV [--count 200] [--seed 20261206]
      Writes COUNT queries as people type them, one per line: "query<TAB>intended name<TAB>how".
      Each is made from one game's name (three quarters from the generated dataset, the rest
      from the real titles of TITLES_FILE) by a few of: punctuation dropped or added, words cut
      short, accents dropped, words swapped, the leading article dropped, case changed.
      Deterministic: the same inputs, seed and count give the same file.

  search.py titles BASE_URL TITLES_FILE
      Adds each title as a game through POST /api/games (token in $QUESTLOG_TOKEN).

  search.py http BASE_URL QUERIES_TSV OUT_DIR [--rounds 3]
      Asks GET BASE_URL/api/games?q=...&limit=5 for every query, once to warm up, then ROUNDS
      more times measured, one request at a time on one kept-alive connection; after each, the
      same request without q (the cost of any page of 5 at that moment, for comparison). Writes
      OUT_DIR/http.json (recall in the top 5, p50/p99/max latency in ms, with and without q),
      OUT_DIR/latencies.tsv (each query's median and max ms, slowest first) and
      OUT_DIR/misses.tsv (the queries whose intended game was not in the top 5, with what came
      instead).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import sys
import time
import unicodedata
import urllib.parse
from pathlib import Path

ARTICLES = ("the ", "a ", "an ")
PUNCTUATION = re.compile(r"[^\w\s]")


def words(text: str) -> list[str]:
    return text.split()


def drop_punctuation(name: str, rng: random.Random) -> str:
    # Apostrophes vanish ("Baldur's" -> "Baldurs"); other marks become a space or vanish, as
    # people type "nier automata" or "nierautomata".
    text = re.sub(r"['’]", "", name)
    glue = rng.choice([" ", ""])
    text = re.sub(r"(?<=\w)[^\w\s]+(?=\w)", glue, text)
    return " ".join(PUNCTUATION.sub(" ", text).split())


def add_punctuation(name: str, rng: random.Random) -> str:
    parts = words(name)
    if len(parts) < 2:
        return name + rng.choice(["!", "?", "..."])
    i = rng.randrange(len(parts) - 1)
    mark = rng.choice([":", " -", ",", "-"])
    parts[i] = parts[i] + mark
    text = " ".join(parts)
    return text.replace("- ", "-") if mark == "-" else text


def cut_words(name: str, rng: random.Random) -> str:
    # Words cut short, as when typing is not finished: one or two long words, or the last one.
    parts = words(name)
    # only plain words: cutting "Tides:-Nightfall" short would drop a whole word
    long_ones = [i for i, w in enumerate(parts) if len(w) >= 5 and w.isalnum()]
    if not long_ones:
        return name
    chosen = rng.sample(long_ones, min(len(long_ones), rng.choice([1, 2])))
    for i in chosen:
        parts[i] = parts[i][: rng.randint(3, len(parts[i]) - 1)]
    return " ".join(parts)


def drop_accents(name: str, rng: random.Random) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("Æ", "Ae").replace("æ", "ae")


def swap_words(name: str, rng: random.Random) -> str:
    parts = words(drop_punctuation(name, rng))
    if len(parts) < 2:
        return name
    if rng.random() < 0.5:
        i = rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    else:
        parts = parts[-1:] + parts[:-1]
    return " ".join(parts)


def drop_article(name: str, rng: random.Random) -> str:
    lowered = name.lower()
    for article in ARTICLES:
        if lowered.startswith(article):
            return name[len(article):]
    return name


def change_case(name: str, rng: random.Random) -> str:
    return name.upper() if rng.random() < 0.15 else name.lower()


def has_accents(name: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", name)) or "Æ" in name


def has_article(name: str) -> bool:
    return name.lower().startswith(ARTICLES)


def applicable(name: str) -> list[tuple[str, object]]:
    kinds = [("punctuation-dropped", drop_punctuation), ("punctuation-added", add_punctuation),
             ("words-cut", cut_words), ("words-swapped", swap_words)]
    if PUNCTUATION.search(name):
        kinds.append(("punctuation-dropped", drop_punctuation))
    return kinds


def make_query(name: str, rng: random.Random) -> tuple[str, str]:
    kinds = applicable(name)
    chosen = []
    # Most people leave accents and leading articles out when the name has them.
    if has_accents(name) and rng.random() < 0.75:
        chosen.append(("accents-dropped", drop_accents))
    if has_article(name) and rng.random() < 0.5:
        chosen.append(("article-dropped", drop_article))
    for kind in rng.sample(kinds, min(len(kinds), rng.choice([1, 2, 2, 3]))):
        if kind[0] not in [c[0] for c in chosen]:
            chosen.append(kind)
    # A fixed order, so that e.g. words are cut after punctuation is dropped, not in between.
    order = ["article-dropped", "accents-dropped", "punctuation-dropped", "words-swapped", "punctuation-added",
             "words-cut"]
    chosen.sort(key=lambda k: order.index(k[0]))
    query = name
    for _, transform in chosen:
        query = transform(query, rng)
    if rng.random() < 0.8:
        query = change_case(query, rng)
    labels = [k for k, _ in chosen]
    return " ".join(query.split()), "+".join(labels) or "as-is"


def queries(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    dataset = json.loads(Path(args.dataset).read_text(encoding="utf-8"))
    generated = sorted(g["name"] for g in dataset["games"])
    titles = [line.strip() for line in Path(args.titles).read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    from_titles = min(len(titles), args.count // 4)
    targets = rng.sample(generated, args.count - from_titles) + rng.sample(titles, from_titles)
    rng.shuffle(targets)
    with open(args.out, "w", encoding="utf-8") as out:
        for name in targets:
            query, how = make_query(name, rng)
            out.write(f"{query}\t{name}\t{how}\n")


def add_titles(args: argparse.Namespace) -> None:
    """POST /api/games for each title of the file (the token is in $QUESTLOG_TOKEN)."""
    import os
    url = urllib.parse.urlsplit(args.base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["QUESTLOG_TOKEN"]}
    count = 0
    for line in Path(args.titles).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        conn.request("POST", "/api/games", body=json.dumps({"name": line.strip()}).encode(), headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 201:
            sys.exit(f"POST /api/games {line!r} answered {response.status}: {body[:300]!r}")
        count += 1
    conn.close()
    print(count)


def percentile(sorted_values: list[float], p: float) -> float:
    # nearest rank
    rank = max(1, int(-(-p * len(sorted_values) // 100)))
    return sorted_values[rank - 1]


def measure(args: argparse.Namespace) -> None:
    url = urllib.parse.urlsplit(args.base)
    rows = [line.rstrip("\n").split("\t") for line in open(args.queries, encoding="utf-8") if line.strip()]
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)

    def ask(query: str | None) -> tuple[float, list[str]]:
        params = {"limit": 5} if query is None else {"q": query, "limit": 5}
        path = "/api/games?" + urllib.parse.urlencode(params)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            sys.exit(f"GET {path} answered {response.status}: {body[:300]!r}")
        return elapsed, [item["name"] for item in json.loads(body)["items"]]

    for query, _, _ in rows:
        ask(query)
        ask(None)
    latencies = []
    baseline = []
    per_query: dict[int, list[float]] = {}
    found = {}
    for _ in range(args.rounds):
        for i, (query, target, how) in enumerate(rows):
            elapsed, names = ask(query)
            latencies.append(elapsed)
            per_query.setdefault(i, []).append(elapsed)
            found[i] = (query, target, how, names)
            # the same request without q, right after: what any page of 5 costs at that moment
            baseline.append(ask(None)[0])
    conn.close()
    latencies.sort()
    baseline.sort()
    hits = sum(1 for _, target, _, names in found.values() if target in names)
    by_kind: dict[str, list[int]] = {}
    for _, target, how, names in found.values():
        for kind in how.split("+"):
            by_kind.setdefault(kind, [0, 0])
            by_kind[kind][0] += target in names
            by_kind[kind][1] += 1
    result = {
        "queries": len(found), "found_in_top5": hits, "recall_top5": hits / len(found),
        "requests_measured": len(latencies), "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99), "max_ms": latencies[-1],
        "without_q": {"p50_ms": percentile(baseline, 50), "p99_ms": percentile(baseline, 99),
                      "max_ms": baseline[-1]},
        "recall_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
    }
    out = Path(args.out)
    (out / "http.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    with open(out / "latencies.tsv", "w", encoding="utf-8") as slowest:
        for i in sorted(per_query, key=lambda i: -sorted(per_query[i])[len(per_query[i]) // 2]):
            times = sorted(per_query[i])
            slowest.write(f"{times[len(times) // 2]:.2f}\t{times[-1]:.2f}\t{rows[i][0]}\n")
    with open(out / "misses.tsv", "w", encoding="utf-8") as misses:
        for query, target, how, names in found.values():
            if target not in names:
                misses.write(f"{query}\t{target}\t{how}\t{' | '.join(names)}\n")
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    q = sub.add_parser("queries")
    q.add_argument("dataset")
    q.add_argument("titles")
    q.add_argument("out")
    q.add_argument("--count", type=int, default=200)
    q.add_argument("--seed", type=int, default=20261206)
    t = sub.add_parser("titles")
    t.add_argument("base")
    t.add_argument("titles")
    h = sub.add_parser("http")
    h.add_argument("base")
    h.add_argument("queries")
    h.add_argument("out")
    h.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    {"queries": queries, "titles": add_titles, "http": measure}[args.command](args)


if __name__ == "__main__":
    main()
