"""Audit 85: wrong verdicts it found, each pinned in both worlds, through `screen` and the Screener (which must agree)."""

import pytest
from _screening import never, statuses

import eligibility


# F1. a condition 'unless on' a therapy: the therapy is no kind of the condition set apart (no condition on record ever
# is one, and every patient with the condition was excluded); 'unless treated with' it is not read
def test_a_condition_unless_on_a_therapy_lets_in_those_on_it():
    text = "Known HIV infection unless on antiretroviral therapy"
    on = {"conditions": ["HIV infection"], "therapies": [{"name": "antiretroviral therapy", "start": "2019-01-01"}]}
    assert statuses(text, "exclusion", on) == ["match", "match"]
    assert statuses(text, "exclusion", {"conditions": ["HIV infection"]}) == ["unknown", "fail"]
    assert statuses(text, "exclusion", {"conditions": [{"name": "HIV infection", "present": False}]}) == ["match", "match"]
    dvt = {"conditions": [{"name": "deep vein thrombosis", "date": "2026-08-01"}],
           "therapies": [{"name": "apixaban", "start": "2026-08-01"}]}
    assert statuses("Deep vein thrombosis within 6 months unless on anticoagulation", "exclusion", dvt) == ["match", "match"]


@pytest.mark.parametrize("text, section, record", [
    ("Known CNS metastases unless treated with radiotherapy", "exclusion",
     {"conditions": ["brain metastases"], "therapies": [{"name": "radiotherapy", "start": "2020-01-01", "end": "2020-02-01"}]}),
    ("Other malignancy within 3 years, except those treated with curative radiotherapy", "exclusion",
     {"conditions": [{"name": "breast cancer", "date": "2024-01-01"}],
      "therapies": [{"name": "radiotherapy", "start": "2024-02-01", "end": "2024-03-01"}]}),
    ("No other malignancy within 5 years unless treated with curative surgery alone", "inclusion",
     {"conditions": [{"name": "multiple myeloma"}, {"name": "breast cancer", "date": "2024-01-01", "status": "treated with curative surgery"}],
      "procedures": [{"name": "mastectomy", "date": "2024-02-01"}]}),
])
def test_a_condition_unless_treated_with_is_not_failed_for_the_treated(text, section, record):
    never(text, section, record, "fail")
    # (the treatment need not be of that condition: not read as letting in either)
    assert "match" not in statuses(text, section, record)


# F2. the closed world's line count: a procedure's line counts, and a course with no line number begun after the last
# numbered line began may be another line
LINES = [{"name": "VRd", "line": 1, "start": "2020-01-01", "end": "2020-08-01"},
         {"name": "DKd", "line": 2, "start": "2021-01-01", "end": "2022-01-01"}]


def test_an_unnumbered_course_after_the_last_line_may_be_another_line():
    record = {"therapies": [*LINES, {"name": "pomalidomide", "start": "2024-01-01", "end": "2025-01-01"}]}
    assert statuses("At least 3 prior lines of therapy", "inclusion", record) == ["unknown", "unknown"]
    assert statuses("More than 2 prior lines of therapy", "exclusion", record) == ["unknown", "unknown"]
    # (numbered alone, the closed world's count is exact)
    assert statuses("At least 3 prior lines of therapy", "inclusion", {"therapies": LINES}) == ["unknown", "fail"]


def test_a_procedures_line_counts():
    record = {"therapies": LINES, "procedures": [{"name": "allogeneic stem cell transplant", "line": 3, "date": "2023-01-01"}]}
    assert statuses("At least 3 prior lines of therapy", "inclusion", record) == ["match", "match"]
    report = eligibility.screen("Inclusion Criteria:\n* At least 3 prior lines of therapy\n", record, as_of="2026-11-01")
    assert not any("line" in u for u in report.unused)
