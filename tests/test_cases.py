"""Case files: criterion + patient → expected status (tests/cases/*.jsonl)."""

import datetime
import json
from pathlib import Path

import pytest

import eligibility
from eligibility.evaluate import Evaluator
from eligibility.patient import Patient
from eligibility.report import _eval_criterion

CASES = Path(__file__).parent / "cases"


def load():
    for f in sorted(CASES.glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield pytest.param(json.loads(line), id=f"{f.stem}:{n}")


def run(case):
    section = case.get("section", "inclusion")
    header = "Inclusion Criteria:" if section == "inclusion" else "Exclusion Criteria:"
    crit = eligibility.parse(f"{header}\n* {case['criterion']}")
    assert len(crit.criteria) == 1
    as_of = datetime.date.fromisoformat(case.get("as_of", "2026-11-01"))
    conditions = tuple(case.get("trial_conditions", crit.conditions))
    ev = Evaluator(Patient.from_mapping(case["patient"]), as_of, closed_world=case.get("closed_world", False),
                   trial_conditions=conditions)
    return _eval_criterion(ev, crit.criteria[0])[0]


@pytest.mark.parametrize("case", list(load()))
def test_case(case):
    result = run(case)
    assert result.status == case["status"], f"{case.get('note', '')}: {result.reason}"
    if "reason_contains" in case:
        assert case["reason_contains"] in result.reason


@pytest.mark.parametrize("case", list(load()))
def test_case_through_the_public_api(case):
    """The same case via eligibility.screen, for cases that need no trial context."""
    if "trial_conditions" in case:
        pytest.skip("needs the trial's own conditions, which a one-line text does not state")
    section = case.get("section", "inclusion")
    header = "Inclusion Criteria:" if section == "inclusion" else "Exclusion Criteria:"
    report = eligibility.screen(f"{header}\n* {case['criterion']}", case["patient"], as_of=case.get("as_of", "2026-11-01"),
                                closed_world=case.get("closed_world", False))
    assert report.results[0].status == case["status"]
