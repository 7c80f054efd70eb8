"""Fuzz the parser and the evaluator with the corpus's own text, cut and spoiled: `parse` must never raise, and no
criterion may come back as an internal error.

Run:  python benchmarks/fuzz_parse.py [SEED] [SECONDS]

Each case is a random slice of a corpus text (up to 600 characters) with up to five junk strings (NUL, zero-width
space, BOM, tabs, brackets, comparators, connectors) put in at random places, sometimes behind a section header; it
is parsed, serialised and screened against a small patient. Prints the number of cases and of failures (the first
five shown), and the slowest parse (a pattern that backtracks badly shows here; a pause of the garbage collector
may too, some 100 ms). Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import eligibility

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "trials.jsonl"
JUNK = ["\x00", "\u200b", "\t", "\r", "(", ")", "[", "]", ":", ";", "*", "-", "•", "≥", "≤", "×", "^", "/", "%", "\\",
        "\ufeff", "\u00a0", "  ", "\n\n", "OR", "or", "and", "no", "not", "except", "if", "unless"]
HEADERS = ["Inclusion Criteria:\n* ", "Exclusion Criteria:\n* ", "", "DISEASE CHARACTERISTICS: "]
PATIENT = {"platelets": 80, "ECOG": 1, "conditions": ["multiple myeloma"]}


def main(seed: int = 1, seconds: float = 60.0) -> int:
    texts = [json.loads(line)["eligibility_criteria"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    for text in texts:
        eligibility.parse(text)  # (the patterns compiled on first use are compiled before any parse is timed)
    start, cases, failures = time.perf_counter(), 0, 0
    slowest, slowest_text = 0.0, ""
    while time.perf_counter() - start < seconds:
        text = rng.choice(texts)
        a = rng.randrange(len(text))
        piece = text[a : min(len(text), a + rng.randrange(1, 600))]
        for _ in range(rng.randrange(6)):
            k = rng.randrange(len(piece) + 1)
            piece = piece[:k] + rng.choice(JUNK) + piece[k:]
        if rng.random() < 0.5:
            piece = rng.choice(HEADERS) + piece
        cases += 1
        try:
            t = time.perf_counter()
            crit = eligibility.parse(piece)
            if (took := time.perf_counter() - t) > slowest:
                slowest, slowest_text = took, piece
            if "internal error" in crit.to_json():
                raise RuntimeError("internal error in a criterion")
            eligibility.screen(crit, PATIENT, as_of="2026-11-01")
        except Exception as exc:  # noqa: BLE001 (every failure is reported, whatever it is)
            failures += 1
            if failures <= 5:
                print(f"{type(exc).__name__}: {exc}: {piece[:200]!r}")
    print(f"{cases} cases, {failures} failures; slowest parse {slowest * 1000:.0f} ms: {slowest_text[:80]!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1, float(sys.argv[2]) if len(sys.argv) > 2 else 60.0))
