"""Robustness and precision on real ClinicalTrials.gov texts (tests/fixtures)."""

import json
from pathlib import Path

import pytest

import eligibility

FIX = Path(__file__).parent / "fixtures"


def test_whole_corpus_parses_and_round_trips():
    rows = [json.loads(l) for l in (FIX / "corpus" / "trials.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(rows) == 334
    total = 0
    for row in rows:
        crit = eligibility.parse(row["eligibility_criteria"])
        total += len(crit.criteria)
        assert eligibility.Criteria.from_json(crit.to_json()) == crit
    assert total > 3000


@pytest.mark.parametrize("sample", ["corpus_sample.jsonl", "heldout_sample.jsonl"])
def test_precision_on_hand_labelled_criteria(sample):
    """A decided verdict (true/false) must agree with the hand label in at least 98% of cases."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from precision import condition_of

    path = FIX / "labelled" / sample
    if not path.exists():
        pytest.skip(f"{sample} not present")
    items = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    decided = correct = 0
    wrong = []
    for it in items:
        for case in it["cases"]:
            got = condition_of(it, case)
            if got != "unknown":
                decided += 1
                if got == case["condition"]:
                    correct += 1
                else:
                    wrong.append((it["id"], it["text"][:80], case["condition"], got))
    assert decided > 100
    assert correct / decided >= 0.98, wrong
