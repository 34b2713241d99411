"""A synthetic corpus for the benchmark: the seed articles replicated with small, deterministic changes.

Document ``i`` is seed ``i % 3`` with a numbered headline, one of its years shifted, and one inserted
sentence that quotes an analyst drawn from a list of names, so every document is distinct (no duplicate
is skipped) and the graph grows with the corpus as real news does, with new people and repeated ones.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FIRST = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Irina", "Jonas", "Katya", "Lars",
         "Marta", "Nikolai", "Olga", "Pavel", "Rosa", "Stefan", "Tamara", "Viktor", "Wanda", "Yusuf", "Zofia", "Igor"]
LAST = ["Abramova", "Baranov", "Castellano", "Dvorak", "Eriksen", "Fedorov", "Gallagher", "Horvat", "Ivanova",
        "Jankowski", "Kowalczyk", "Lindqvist", "Morozov", "Novak", "Okafor", "Petrenko", "Quintero", "Rasmussen",
        "Sokolova", "Tkachenko", "Underwood", "Volkova", "Whitfield", "Yamamoto", "Zielinski", "Bergstrom",
        "Cardenas", "Delacroix", "Esposito", "Fitzgerald", "Grigoryan", "Hakimi", "Ishikawa", "Jovanovic"]
OUTLETS = ["the Baltic Monitor", "the Eurasia Desk", "Radio Danube", "the Caspian Review", "the Northern Ledger"]
CUES = ["said", "told reporters", "wrote", "argued", "noted"]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def variant(text: str, i: int) -> str:
    """Seed text with document ``i``'s changes."""
    rnd = random.Random(i)
    lines = text.split("\n")
    lines[0] = f"{lines[0]} ({i})"
    person = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    sentence = (f"{person}, an analyst at {rnd.choice(OUTLETS)}, {rnd.choice(CUES)} that the claim about "
                f"Donald Trump could not be verified in report {i}.")
    body = [n for n, line in enumerate(lines) if n > 0 and line.strip()]
    at = rnd.choice(body) if body else len(lines)
    lines.insert(at, sentence)
    out = "\n".join(lines)
    years = sorted(set(re.findall(r"\b(19[5-9]\d)\b", out)))
    if years:
        year = rnd.choice(years)
        out = out.replace(year, str(int(year) + rnd.choice((-1, 1))), 1)
    return out


def make_corpus(folder: Path, n: int) -> tuple[Path, int]:
    """Write ``n`` documents into ``folder``; return it and the number of words."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = seed_texts()
    words = 0
    for i in range(n):
        text = variant(seeds[i % len(seeds)], i)
        words += len(text.split())
        (folder / f"doc{i:05}.txt").write_text(text, encoding="utf-8")
    return folder, words
