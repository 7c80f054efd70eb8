"""Hypothesis properties: parse is total; units never change verdicts; more data never flips match and fail."""

import datetime
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eligibility
from eligibility.units import conversion_factor

ROOT = Path(__file__).resolve().parents[1]
TRIAL = eligibility.parse((ROOT / "examples" / "trials" / "NCT06279026.txt").read_text(encoding="utf-8"))
TRIAL_B = eligibility.parse((ROOT / "examples" / "trials" / "NCT07139509.txt").read_text(encoding="utf-8"))
FULL = json.loads((ROOT / "examples" / "patients" / "all_decidable_match.json").read_text(encoding="utf-8"))

FRAGMENTS = ["Inclusion Criteria:", "Exclusion Criteria:", "\n", "* ", "  1. ", "- ", "•", "ANC", "≥", ">", "\\>", "<=",
             "1.5", "0.75×10^9/L", "x ULN", "× ULN", "mg/dL", "µmol/L", "/mm³", "within", "6 months", "before", "no",
             "not", "except", "unless", "(", ")", "[", ";", ":", "or", "and", "ECOG", "0 or 1", "18-70", "between",
             "history of", "stroke", "CAR-T", "at least", "3 prior lines", "Grade 4", "HBsAg", "positive", "Gilbert",
             "if", "patients with", "any of the following", "\\^", "10\\^9", "%", "NYHA", "III", "DISEASE CHARACTERISTICS:",
             "Hepatic:", "Age: 18 and over"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_parse_never_raises_on_arbitrary_text(text):
    crit = eligibility.parse(text)
    eligibility.Criteria.from_json(crit.to_json())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40).map(" ".join))
def test_parse_never_raises_on_criteria_like_text(text):
    crit = eligibility.parse(text)
    assert eligibility.Criteria.from_json(crit.to_json()) == crit
    report = eligibility.screen(crit, {"platelets": 80, "ECOG": 1}, as_of="2026-11-01")
    assert report.outcome in ("eligible", "ineligible", "undetermined")


# re-expressing a value in another unit: (key, canonical unit, alternative units)
UNITS = [
    ("platelets", "10^9/L", ["/uL", "/mm3", "10^3/uL", "G/L", "10*9/L", "cells/mm³"]),
    ("ANC", "10^9/L", ["/uL", "x10^9/L", "10^3/uL"]),
    ("hemoglobin", "g/dL", ["g/L", "mg/dL"]),
    ("creatinine", "mg/dL", ["umol/L", "µmol/L", "mmol/L", "mg/L"]),
    ("total bilirubin", "mg/dL", ["umol/L", "mg/L"]),
    ("fibrinogen", "g/L", ["mg/dL", "g/dL"]),
    ("aPTT", "s", ["ms", "min"]),
    ("weight", "kg", ["g", "lb"]),
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(UNITS), st.floats(min_value=0.01, max_value=1000), st.data())
def test_other_units_never_change_a_verdict(spec, value, data):
    key, canonical, alternatives = spec
    unit = data.draw(st.sampled_from(alternatives))
    mm = {"creatinine": 113.12, "total bilirubin": 584.66}.get(key)
    other = value * conversion_factor(canonical, unit, mm)
    base = {**FULL, key: {"value": value, "unit": canonical, "uln": 2.0 if key in ("creatinine", "total bilirubin") else None}}
    alt = {**FULL, key: {"value": other, "unit": unit,
                         "uln": 2.0 * conversion_factor(canonical, unit, mm) if key in ("creatinine", "total bilirubin") else None}}
    for d in (base, alt):
        if d[key]["uln"] is None:
            del d[key]["uln"]
    for trial in (TRIAL, TRIAL_B):
        outcomes = []
        for d in (base, alt):
            try:
                outcomes.append([r.status for r in eligibility.screen(trial, d).results])
            except eligibility.PatientDataError as exc:
                # (a value past what the body can have, 31 g/dL of hemoglobin, is refused in every unit alike)
                outcomes.append(("refused", exc.field.split(".")[0]))
        assert outcomes[0] == outcomes[1]


DATA_KEYS = ["ANC", "ALC", "platelets", "hemoglobin", "ALT", "AST", "total bilirubin", "direct bilirubin", "creatinine",
             "fibrinogen", "aPTT", "PT", "SpO2", "LVEF", "ECOG", "life expectancy", "BCMA expression", "HBsAg",
             "bone marrow plasma cells", "serum M-protein", "prior_lines", "weight", "sex", "birth_date", "conditions",
             "therapies", "procedures", "lactating", "HIV antibody"]


@settings(max_examples=150, deadline=None)
@given(st.sets(st.sampled_from(DATA_KEYS)), st.sampled_from(DATA_KEYS))
def test_adding_data_never_flips_match_and_fail(present, extra):
    """A patient with more data may turn unknowns into verdicts, never a match into a fail or back."""
    small = {k: v for k, v in FULL.items() if k in present or k in ("as_of", "id")}
    large = {k: v for k, v in FULL.items() if k in present | {extra} or k in ("as_of", "id")}
    for trial in (TRIAL, TRIAL_B):
        for a, b in zip(eligibility.screen(trial, small).results, eligibility.screen(trial, large).results):
            if a.status != "unknown":
                assert a.status == b.status, (a.id, a.reason, b.reason)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=3000))
def test_moving_an_event_into_the_past_never_makes_a_within_exclusion_fire(days):
    """If a stroke N days ago does not exclude, a stroke N+k days ago does not either."""
    crit = eligibility.parse("Exclusion Criteria:\n* Cerebrovascular accident within 6 months before screening")
    as_of = datetime.date(2026, 11, 1)
    when = [as_of - datetime.timedelta(days=d) for d in (days, days + 30, days + 400)]
    statuses = [eligibility.screen(crit, {"conditions": [{"name": "stroke", "date": w.isoformat()}]}, as_of=as_of).results[0].status
                for w in when]
    for earlier, later in zip(statuses, statuses[1:]):
        if earlier == "match":
            assert later == "match"


PATIENT_VARIANTS = st.fixed_dictionaries({}, optional={
    "platelets": st.sampled_from(["40 x10^9/L", "50000 /uL", 120, {"value": 49.99, "unit": "10^9/L"}]),
    "ANC": st.sampled_from(["0.75 x10^9/L", "760 /uL", 2.0]),
    "ALT": st.sampled_from([{"value": 100, "unit": "U/L", "uln": 40}, {"value": 101, "unit": "U/L"}, "30 U/L"]),
    "total bilirubin": st.sampled_from([{"value": 30, "unit": "umol/L", "uln": 21}, {"value": 2.0, "unit": "mg/dL"}]),
    "creatinine": st.sampled_from([{"value": 250, "unit": "umol/L", "uln": 100}, "1.0 mg/dL"]),
    "ECOG": st.integers(0, 4),
    "sex": st.sampled_from(["female", "male"]),
    "birth_date": st.sampled_from(["1950-01-01", "2008-11", "1990"]),
    "weight": st.sampled_from(["60 kg", "90 kg"]),
    "LVEF": st.sampled_from(["44%", "50%", "60%"]),
    "HBsAg": st.booleans(),
    "lactating": st.booleans(),
    "conditions": st.sampled_from([[], ["Gilbert syndrome"], [{"name": "stroke", "date": "2026-06-01"}],
                                   [{"name": "stroke", "present": False}, {"name": "other malignancy", "present": False}]]),
    "therapies": st.sampled_from([[], [{"name": "CAR-T", "present": False}], [{"name": "radiotherapy", "date": "2026-10-01"}]]),
})


@settings(max_examples=200, deadline=None)
@given(PATIENT_VARIANTS, st.booleans())
def test_compiled_screener_agrees_with_screen(patient, closed):
    for trial in (TRIAL, TRIAL_B):
        fast = eligibility.Screener(trial).statuses(patient, as_of="2026-11-01", closed_world=closed)
        full = eligibility.screen(trial, patient, as_of="2026-11-01", closed_world=closed)
        assert fast == [r.status.value for r in full.results]
