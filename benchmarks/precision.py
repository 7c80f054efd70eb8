"""Precision of decided verdicts on the hand-labelled corpus sample (tests/fixtures/labelled).

A case is *decided* when the library's condition is true or false; it is *correct* when
that equals the label. Precision = correct / decided. Coverage = decided / decidable
(cases whose label is not unknown). Run:  python benchmarks/precision.py [-v] [SAMPLE.jsonl]
(the first sample by default), or  python benchmarks/precision.py --all  for a table of every sample.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import eligibility
from eligibility.report import _eval_criterion
from eligibility.evaluate import Evaluator
from eligibility.patient import Patient, parse_date

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "labelled" / (sys.argv[-1] if sys.argv[-1].endswith(".jsonl") else "corpus_sample.jsonl")


def condition_of(item: dict, case: dict) -> str:
    header = "Inclusion Criteria:" if item["section"] == "inclusion" else "Exclusion Criteria:"
    crit = eligibility.parse(f"{header}\n\n* {item['text']}")
    top = [c for c in crit.criteria if c.section == item["section"]]
    p = Patient.from_mapping(case["patient"])
    as_of = parse_date(case.get("as_of", "2026-11-01"), "as_of").latest
    ev = Evaluator(p, as_of, closed_world=case.get("closed_world", False), trial_conditions=tuple(crit.conditions))
    values = [_eval_criterion(ev, c)[0].condition for c in top]
    if not values:
        return "unknown"
    # several top-level items from one labelled text: all must hold (labels are for the whole text)
    if "false" in values:
        return "false"
    return "true" if all(v == "true" for v in values) else "unknown"


def main(verbose: bool = False, sample: Path = SAMPLE, quiet: bool = False) -> dict:
    items = [json.loads(l) for l in sample.read_text(encoding="utf-8").splitlines() if l.strip()]
    decided = correct = decidable = cases = 0
    wrong: list[str] = []
    structured_items = 0
    for it in items:
        any_decided = False
        for case in it["cases"]:
            cases += 1
            got = condition_of(it, case)
            want = case["condition"]
            if want != "unknown":
                decidable += 1
            if got != "unknown":
                decided += 1
                any_decided = True
                if got == want:
                    correct += 1
                else:
                    wrong.append(f"{it['id']} [{it['section']}] {it['text'][:110]!r}\n    want {want} got {got}: {case.get('why', '')}")
        structured_items += any_decided
    result = {
        "items": len(items), "cases": cases, "decided": decided, "correct": correct,
        "precision": correct / decided if decided else 1.0,
        "coverage": decided / decidable if decidable else 0.0,
        "items_with_a_decision": structured_items,
    }
    if verbose:
        for w in wrong:
            print(w)
    if not quiet:
        print(json.dumps(result, indent=2))
    return result


def table() -> None:
    """Every sample in tests/fixtures/labelled, one line each, and the total."""
    total_decided = total_correct = 0
    order = ["corpus", "heldout", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth"]
    rank = {name: k for k, name in enumerate(order)}
    for path in sorted(SAMPLE.parent.glob("*_sample.jsonl"), key=lambda p: (rank.get(p.stem[:-7], len(order)), p.stem)):
        r = main(sample=path, quiet=True)
        total_decided += r["decided"]
        total_correct += r["correct"]
        print(f"{path.stem:<18} {r['items']:>4} items {r['cases']:>4} cases  decided {r['decided']:>4}  "
              f"correct {r['correct']:>4}  precision {r['precision']:.1%}")
    print(f"{'all':<18} decided {total_decided}, correct {total_correct}, precision {total_correct / total_decided:.1%}")


if __name__ == "__main__":
    if "--all" in sys.argv:
        table()
    else:
        main("-v" in sys.argv)
