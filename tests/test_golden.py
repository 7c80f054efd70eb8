"""Golden rule trees of the two seed trials: any change in what the grammar reads shows up here.

Regenerate with `python tests/golden/update.py` and review the diff by hand.
"""

from pathlib import Path

import pytest

import eligibility
from eligibility.render import criteria_text

ROOT = Path(__file__).resolve().parents[1]
TRIALS = sorted((ROOT / "examples" / "trials").glob("*.txt"))


@pytest.mark.parametrize("trial", TRIALS, ids=[t.stem for t in TRIALS])
def test_seed_trees_match_golden(trial):
    golden = (ROOT / "tests" / "golden" / f"{trial.stem}.txt").read_text(encoding="utf-8")
    got = criteria_text(eligibility.parse(trial.read_text(encoding="utf-8"))) + "\n"
    assert got == golden
