"""Parse throughput over the whole corpus (criteria per second, one process) and cold-start latency.

Run:  python benchmarks/bench_parse.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "trials.jsonl"
SEEDS = sorted((ROOT / "examples" / "trials").glob("*.txt"))


def count(criteria) -> int:
    n = 0
    stack = list(criteria.criteria)
    while stack:
        c = stack.pop()
        n += 1
        stack.extend(c.children)
    return n


def main() -> None:
    import eligibility

    texts = [json.loads(l)["eligibility_criteria"] for l in CORPUS.read_text(encoding="utf-8").splitlines() if l.strip()]
    eligibility.parse("warm up: ANC ≥ 1.5 x10^9/L")
    from eligibility.interpret import forget

    def one_pass(per_trial: bool) -> tuple[int, float]:
        forget()  # nothing read in an earlier pass is remembered
        t = time.perf_counter()
        n = 0
        for x in texts:
            if per_trial:
                forget()  # every trial read cold: no criterion text remembered from another trial
            n += count(eligibility.parse(x))
        return n, time.perf_counter() - t

    for per_trial, label in ((False, "criteria repeated across trials read once (as over the registry)"),
                             (True, "every trial read cold")):
        runs = [one_pass(per_trial) for _ in range(3)]
        n, best = runs[0][0], min(r[1] for r in runs)
        print(f"corpus: {len(texts)} trials, {n} criteria, {label}; best of 3: {best:.2f} s = {n / best:,.0f} criteria/s")
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        times = []
        for _ in range(20):
            forget()  # timed cold: the same text parsed again would be remembered
            t = time.perf_counter()
            c = eligibility.parse(text)
            times.append(time.perf_counter() - t)
        print(f"{seed.stem}: {count(c)} criteria, parse median {statistics.median(times) * 1000:.1f} ms")
    code = "import time; t=time.perf_counter(); import eligibility; eligibility.parse('ANC ≥ 1.5 x10^9/L'); print(time.perf_counter()-t)"
    # As installed: pip compiles a wheel's bytecode at install time. A checkout run where PYTHONDONTWRITEBYTECODE=1
    # (as some containers set) would compile the package from source in every process (~70 ms more), which no
    # installed user pays. The bytecode goes to a temporary PYTHONPYCACHEPREFIX, written by a first run: nothing is
    # written into the checkout. (That prefix holds the standard library's and dependencies' bytecode too.)
    with tempfile.TemporaryDirectory() as prefix:
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPYCACHEPREFIX": prefix}
        subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)  # writes the bytecode
        cold = []
        for _ in range(9):
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
            cold.append(float(out))
    print(f"import eligibility + first parse, fresh process (bytecode compiled, as installed): median {statistics.median(cold) * 1000:.0f} ms, "
          f"range {min(cold) * 1000:.0f}-{max(cold) * 1000:.0f} ms")

if __name__ == "__main__":
    main()
