"""Audit 72: how a history entry's status words, `present`, dates and grade are read (one test or table per finding)."""

import pytest

import eligibility
from eligibility import PatientDataError

AS_OF = "2026-11-01"


def _statuses(text, section, patient):
    """The criterion's status in both worlds, through `screen` and the Screener, which must agree."""
    doc = f"{section.title()} Criteria:\n* {text}"
    out = []
    for cw in (False, True):
        got = eligibility.screen(doc, patient, as_of=AS_OF, closed_world=cw).results[0].status.value
        assert eligibility.Screener(doc).statuses(patient, as_of=AS_OF, closed_world=cw)[0] == got
        out.append(got)
    return out


def _never(text, section, patient, wrong):
    """The criterion never gives `wrong` for the patient, open or closed world, through `screen` or the Screener."""
    assert wrong not in _statuses(text, section, patient)


def _reason(text, section, patient, closed_world=False):
    doc = f"{section.title()} Criteria:\n* {text}"
    return eligibility.screen(doc, patient, as_of=AS_OF, closed_world=closed_world).results[0].reason


# ---- B4: a grade written 'unknown' is no grade, not an error

@pytest.mark.parametrize("grade", ["unknown", "Unknown", "not graded", "n/a", "?"])
def test_a_grade_written_unknown_is_no_grade(grade):
    p = {"conditions": [{"name": "CRS", "grade": grade}]}
    assert eligibility.Patient.from_mapping(p).events[0].grade is None
    assert _statuses("History of grade ≥3 cytokine release syndrome", "exclusion", p) == ["unknown", "unknown"]
    with pytest.raises(PatientDataError):  # (a word that is no grade is still an error)
        eligibility.Patient.from_mapping({"conditions": [{"name": "CRS", "grade": "severe"}]})


# ---- A8: a 'date' before the 'start' of the same entry

@pytest.mark.parametrize("record", [
    {"therapies": [{"name": "cyclophosphamide", "date": "2020-10-25", "start": "2026-10-20"}]},
    {"procedures": [{"name": "major surgery", "date": "2020-01-01", "start": "2026-10-01"}]},
    {"conditions": [{"name": "stroke", "onset": "2019", "start": "2020-03"}]},
])
def test_a_date_before_the_start_is_an_error(record):
    with pytest.raises(PatientDataError) as e:
        eligibility.Patient.from_mapping(record)
    assert e.value.field.endswith(".date")
    # (a date on or after the start is read as before: the course's last day)
    p = {"therapies": [{"name": "cyclophosphamide", "date": "2026-10-25", "start": "2026-10-20"}]}
    assert _statuses("Chemotherapy within 14 days before screening", "exclusion", p) == ["fail", "fail"]
