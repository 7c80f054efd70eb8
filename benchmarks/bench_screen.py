"""Screening speed: one realistic patient against NCT06279026 (µs per patient and patient-trials/s).

Run:  python benchmarks/bench_screen.py
Measures (a) screen() from a plain dict (parsing the record each time), (b) screen() of a
prepared Patient, both against criteria parsed once.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench(fn, n: int) -> float:
    fn()
    samples = []
    for _ in range(7):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - t) / n)
    return statistics.median(samples)


def main() -> None:
    import eligibility
    from eligibility.patient import Patient

    crit = eligibility.parse((ROOT / "examples" / "trials" / "NCT06279026.txt").read_text(encoding="utf-8"))
    for name in ("low_platelets", "all_decidable_match"):
        record = json.loads((ROOT / "examples" / "patients" / f"{name}.json").read_text(encoding="utf-8"))
        patient = Patient.from_mapping(record)
        d = bench(lambda: eligibility.screen(crit, record), 300)
        p = bench(lambda: eligibility.screen(crit, patient), 300)
        print(f"{name}: from dict {d * 1e6:,.0f} µs/patient ({1 / d:,.0f}/s); prepared Patient {p * 1e6:,.0f} µs "
              f"({1 / p:,.0f} patient-trials/s)")


if __name__ == "__main__":
    main()


def compiled() -> None:
    import eligibility
    from eligibility.patient import Patient

    crit = eligibility.parse((ROOT / "examples" / "trials" / "NCT06279026.txt").read_text(encoding="utf-8"))
    screener = eligibility.Screener(crit)
    for name in ("low_platelets", "all_decidable_match"):
        record = json.loads((ROOT / "examples" / "patients" / f"{name}.json").read_text(encoding="utf-8"))
        patient = Patient.from_mapping(record)
        p = bench(lambda: screener.statuses(patient, as_of="2026-11-01"), 2000)
        d = bench(lambda: screener.statuses(record, as_of="2026-11-01"), 500)
        # a cohort: each prepared Patient screened once, so nothing a Patient remembers of itself (its event index, its
        # latest values) is reused from an earlier round
        # (held in memory all at once, 14,000 patients would make the garbage collector scan them over and over, which
        # a cohort streamed from a table does not: frozen out of its reach)
        cohort = [Patient.from_mapping(record) for _ in range(7 * 2000 + 1)]
        gc.freeze()
        it = iter(cohort)
        c = bench(lambda: screener.statuses(next(it), as_of="2026-11-01"), 2000)
        del cohort, it
        gc.unfreeze()
        print(f"{name}: compiled Screener, prepared Patient {p * 1e6:,.1f} µs ({1 / p:,.0f} patient-trials/s); "
              f"each Patient once {c * 1e6:,.1f} µs ({1 / c:,.0f}/s); from dict {d * 1e6:,.0f} µs ({1 / d:,.0f}/s)")


if __name__ == "__main__":
    compiled()
