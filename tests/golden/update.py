"""Regenerate the golden rule trees of the seed trials: python tests/golden/update.py

Review the diff by hand before committing: the golden files pin what the grammar reads.
"""

from pathlib import Path

import eligibility
from eligibility.render import criteria_text

ROOT = Path(__file__).resolve().parents[2]
for trial in sorted((ROOT / "examples" / "trials").glob("*.txt")):
    crit = eligibility.parse(trial.read_text(encoding="utf-8"))
    (Path(__file__).parent / f"{trial.stem}.txt").write_text(criteria_text(crit) + "\n", encoding="utf-8")
    print("wrote", trial.stem)
