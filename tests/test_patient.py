"""The patient record: keys, values, errors that name field, value and expectation."""

import pytest

import eligibility
from eligibility import Patient, PatientDataError
from eligibility.vocab import vocabulary


@pytest.mark.parametrize("record,field", [
    ({"ANC": "5 mg"}, "ANC"),
    ({"platelets": "lots"}, "platelets"),
    ({"platelets": -5}, "platelets"),
    ({"LVEF": "150%"}, "LVEF"),
    ({"as_of": "2026-13-45"}, "as_of"),
    ({"birth_date": "yesterday"}, "birth_date"),
    ({"ECOG": 7}, "ECOG"),
    ({"NYHA class": "V"}, "NYHA class"),
    ({"HBsAg": "maybe"}, "HBsAg"),
    ({"prior_lines": -1}, "prior_lines"),
    ({"prior_lines": 2.5}, "prior_lines"),
    ({"conditions": "stroke"}, "conditions"),
    ({"conditions": [{"date": "2020-01-01"}]}, "conditions[0]"),
    ({"therapies": [{"name": "bortezomib", "start": "2020-02-31"}]}, "therapies[0].start"),
    ({"procedures": [{"name": "ASCT", "grade": 9}]}, "procedures[0].grade"),
    ({"creatinine": {"unit": "mg/dL"}}, "creatinine"),
    ({"sex": "unicorn"}, "sex"),
])
def test_bad_values_raise_patient_data_error(record, field):
    with pytest.raises(PatientDataError) as exc:
        eligibility.screen("Inclusion Criteria:\n* ANC ≥ 1.0 x10^9/L", record, as_of="2026-11-01")
    assert exc.value.field == field
    assert isinstance(exc.value, ValueError)
    assert str(exc.value).startswith(f"{field}: got ")
    assert "expected" in str(exc.value)


def test_unknown_keys_are_reported_not_dropped():
    r = eligibility.screen("Inclusion Criteria:\n* ANC ≥ 1.0 x10^9/L", {"ANC": 2, "favourite colour": "blue",
                                                                         "labs": {"mystery enzyme": "5 U/L"}})
    assert r.unused == ["favourite colour", "mystery enzyme"]


def test_unknown_history_names_are_reported():
    p = Patient.from_mapping({"conditions": ["multiple myeloma", "flibbertigibbet syndrome"]})
    assert p.unused == ["conditions[1]: flibbertigibbet syndrome"]


def test_keys_match_names_synonyms_abbreviations_case_insensitively():
    for key in ("ANC", "anc", "Absolute Neutrophil Count", "neutrophils", "751-8", "26499-4"):
        assert Patient.from_mapping({key: 1.5}).latest("anc").value == 1.5, key


def test_every_loinc_code_resolves_as_a_patient_key():
    v = vocabulary()
    for c in v.concepts.values():
        for code in c.loinc:
            assert v.concept_for_key(code) is c, (c.id, code)


def test_no_synonym_names_two_concepts():
    v = vocabulary()
    from eligibility.vocab import norm_key
    seen = {}
    for c in v.concepts.values():
        for k in (c.name, *c.synonyms, *c.abbrev, *c.loinc):
            seen.setdefault(norm_key(k), set()).add(c.id)
    clashes = {k: ids for k, ids in seen.items() if len(ids) > 1}
    assert not clashes


def test_no_synonym_names_two_history_terms():
    """A phrase that named two terms would be read as whichever the matcher met first."""
    v = vocabulary()
    from eligibility.vocab import norm_key
    seen = {}
    for t in v.terms.values():
        for k in (t.name, *t.synonyms, *t.abbrev):
            seen.setdefault(norm_key(k), set()).add(t.id)
    clashes = {k: ids for k, ids in seen.items() if len(ids) > 1}
    assert not clashes


def test_every_history_parent_is_a_term():
    v = vocabulary()
    missing = {(t.id, p) for t in v.terms.values() for p in t.parents if p not in v.terms}
    assert not missing


def test_series_latest_counts():
    p = Patient.from_mapping({"platelets": [{"value": 40, "date": "2026-10-01"}, {"value": 90, "date": "2026-10-28"},
                                            {"value": 60, "date": "2026-09-01"}]})
    assert p.latest("platelets").value == 90


def test_grouping_keys_are_flattened():
    p = Patient.from_mapping({"labs": {"AST": "30 U/L"}, "vitals": {"SpO2": "97%"}, "findings": {"HBsAg": False}})
    assert p.latest("ast").value == 30 and p.latest("spo2").value == 97 and p.latest("hbsag").value == "negative"


def test_quantity_forms():
    for v in (1.2, "1.2 x10^9/L", "1200/uL", {"value": 1.2, "unit": "10^9/L"}, {"value": 1200, "unit": "/mm3"}):
        assert Patient.from_mapping({"ANC": v}).latest("anc").value == pytest.approx(1.2), v


def test_findings_words():
    for word, want in [("positive", "positive"), ("Not detected", "negative"), ("yes", "positive"), (False, "negative"),
                       ("absent", "negative"), ("detected", "positive"), ("non-reactive", "negative")]:
        assert Patient.from_mapping({"HBsAg": word}).latest("hbsag").value == want


def test_scores():
    assert Patient.from_mapping({"NYHA class": "III"}).latest("nyha").value == 3
    assert Patient.from_mapping({"NYHA class": "class II"}).latest("nyha").value == 2
    assert Patient.from_mapping({"Karnofsky": "80%"}).latest("karnofsky").value == 80
