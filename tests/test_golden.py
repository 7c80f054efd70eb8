"""Golden rule trees of the two seed trials: any change in what the grammar reads shows up here.

Regenerate with `python tests/golden/update.py` and review the diff by hand.
"""

import json
from pathlib import Path

import pytest

import eligibility
from eligibility.render import criteria_text, rule_text

ROOT = Path(__file__).resolve().parents[1]
TRIALS = sorted((ROOT / "examples" / "trials").glob("*.txt"))


@pytest.mark.parametrize("trial", TRIALS, ids=[t.stem for t in TRIALS])
def test_seed_trees_match_golden(trial):
    golden = (ROOT / "tests" / "golden" / f"{trial.stem}.txt").read_text(encoding="utf-8")
    got = criteria_text(eligibility.parse(trial.read_text(encoding="utf-8"))) + "\n"
    assert got == golden


def _readings():
    path = ROOT / "tests" / "golden" / "readings.jsonl"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield pytest.param(json.loads(line), id=f"readings:{n}")


@pytest.mark.parametrize("case", list(_readings()))
def test_single_criteria_read_as_golden(case):
    """tests/golden/readings.jsonl: one criterion's text → the rule it must read as (written by hand, not generated)."""
    header = "Inclusion Criteria:" if case.get("section", "inclusion") == "inclusion" else "Exclusion Criteria:"
    crit = eligibility.parse(f"{header}\n* {case['text']}")
    assert len(crit.criteria) == 1
    assert rule_text(crit.criteria[0].rule) == case["rule"], case.get("note", "")
