#!/usr/bin/env python3
"""Writes a gist-shaped Markdown file of N list items (default 1000), the same for a given seed:
series headings with completed games (some with platform notes, some with nested expansions),
an abandoned/on-hold section, replays of games listed earlier, and a numbered "Top 100" ranking
of games listed earlier. Used by app/bench/gist-import.sh.

  python3 app/bench/gist-gen.py --items 1000 > gist.md
"""
import argparse
import random

PLATFORMS = ["SNES", "PS1", "PS2", "PS4", "PS5", "Switch", "PC", "Vita", "DS", "3DS", "GBA", "Xbox 360"]
WORDS = ["Chronicles", "Legend", "Tales", "Saga", "Quest", "Fantasy", "Dawn", "Echoes", "Shadow", "Crystal",
         "Star", "Ocean", "Wild", "Arms", "Breath", "Fire", "Souls", "Blade", "Heart", "Kingdom", "Xeno", "Ys",
         "Trails", "Sky", "Cold", "Steel", "Dragon", "Night", "Drifter", "Ōkami", "Pokémon", "NieR", "Persona"]
NOTES = ["NG+", "100%", "all endings", "with the DLC", "hard mode", "the remake", "replayed later", "2018"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    out = ["# Completed RPGs", "", "Generated for the gist import benchmark.", ""]
    games = []
    count = 0
    ranking = min(100, args.items // 10)
    replays = args.items // 20
    abandoned = args.items // 20
    series_items = args.items - ranking - replays - abandoned
    series = 0
    while count < series_items:
        series += 1
        name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {series}"
        out += [f"## {name}", ""]
        for n in range(1, rnd.randint(6, 18)):
            if count >= series_items:
                break
            title = f"{name}: {rnd.choice(WORDS)} {n}"
            games.append(title)
            note = ""
            r = rnd.random()
            if r < 0.4:
                note = f" ({rnd.choice(PLATFORMS)}, {rnd.choice(NOTES)})"
            elif r < 0.6:
                note = f" — {rnd.choice(PLATFORMS)}"
            out.append(f"- {title}{note}")
            count += 1
            if count < series_items and rnd.random() < 0.1:
                out.append(f"  - {title} {rnd.choice(WORDS)} Expansion")
                count += 1
        out.append("")
    out += ["## Replays", ""]
    for title in rnd.sample(games, replays):
        out.append(f"- {title} ({rnd.choice(PLATFORMS)}, replay)")
    out += ["", "## Abandoned or on hold", ""]
    for n in range(abandoned):
        out.append(f"- {rnd.choice(WORDS)} Unfinished {n} ({rnd.choice(PLATFORMS)})")
    out += ["", f"## Top {ranking}", ""]
    for i, title in enumerate(rnd.sample(games, ranking), 1):
        out.append(f"{i}. {title}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
