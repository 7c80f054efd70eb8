"""Audit 104 (the library's first domain: CAR-T and bispecific trials for relapsed/refractory multiple myeloma — the two
seed trials in examples/trials/ and the corpus trials that mention myeloma in modern format): wrong decided verdicts it
found, each pinned in both worlds, through `screen` and the Screener (which must agree). Every `test_F*` here fails on
the library as audited; the `test_check_*` beside them, which pass, keep the mends from going too far."""

import json
from pathlib import Path

import pytest
from _screening import statuses, text_statuses

_ROOT = Path(__file__).resolve().parent.parent


def _corpus(nct_id):
    for line in (_ROOT / "tests" / "fixtures" / "corpus" / "trials.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d.get("nct_id") == nct_id:
            return d["eligibility_criteria"]
    raise LookupError(nct_id)


def _seed(nct_id):
    return (_ROOT / "examples" / "trials" / f"{nct_id}.txt").read_text(encoding="utf-8")


# F1. NCT00461045 (corpus line 133; marizomib for 'relapsed or relapsed/refractory' myeloma). Under 'Relapsed and
# Refractory are defined as:' (and again as top-level items I4/I5 of the Amendment 13 criteria) the trial defines its two
# admitted disease states side by side: 'Relapsed Disease: Must have progressive disease after having achieved at least
# stable disease …' and 'Refractory Disease: Must have documented evidence of progressive disease during or within 60
# days … of completing the most recently received anti-myeloma drug regimen …'. The second is read as a plain
# requirement, refractory(last_line), its label 'Refractory Disease:' dropped: a relapsed patient whose last line is
# recorded as sensitive (not refractory) FAILS it, and with it the heading I1, though the trial admits relapsed disease
# ('Evidence of relapsed or relapsed/refractory disease'). The label binds the definition to refractory patients only.
_NCT00461045 = _corpus("NCT00461045")
_REFRACTORY_DEF = ("Refractory Disease: Must have documented evidence of progressive disease during or within 60 days "
                   "(measured from the end of the last cycle) of completing the most recently received anti-myeloma drug "
                   "regimen prior to study entry")
_RELAPSED_NOT_REFRACTORY = {
    "conditions": [{"name": "multiple myeloma", "date": "2019-11-04", "status": "relapsed"}],
    "prior_lines": 3,
    "therapies": [
        {"name": "bortezomib, lenalidomide, dexamethasone", "start": "2020-01-01", "end": "2021-01-01", "line": 1},
        {"name": "carfilzomib, dexamethasone", "start": "2021-06-01", "end": "2022-06-01", "line": 2},
        {"name": "daratumumab, pomalidomide, dexamethasone", "start": "2023-01-01", "end": "2025-06-01", "line": 3,
         "status": "sensitive", "response": "VGPR"},
    ],
}


@pytest.mark.parametrize("text", [_REFRACTORY_DEF, _REFRACTORY_DEF + "."])  # (the sub-item I1.3.2.5; the top-level I5)
def test_F1_a_refractory_disease_definition_does_not_fail_a_relapsed_patient(text):
    assert "fail" not in text_statuses(_NCT00461045, _RELAPSED_NOT_REFRACTORY, text)


def test_F1_the_same_definition_under_its_heading_in_a_short_text():
    doc = ("Inclusion Criteria:\n"
           "* Evidence of relapsed or relapsed/refractory multiple myeloma. Relapsed and Refractory are defined as:\n"
           "   * Relapsed Disease: Must have progressive disease after having achieved at least stable disease for at "
           "least one cycle of treatment during at least one prior regimen.\n"
           "   * Refractory Disease: Must have documented evidence of progressive disease during or within 60 days of "
           "completing the most recently received anti-myeloma drug regimen.\n")
    assert "fail" not in text_statuses(doc, _RELAPSED_NOT_REFRACTORY, "Refractory Disease: Must have documented evidence "
                                       "of progressive disease during or within 60 days of completing the most recently "
                                       "received anti-myeloma drug regimen.")


# F2. NCT06279026 (seed trial, I6) 'Patients who have previously received CAR T cell therapy should not be included until
# at least 3 months after the last CAR T cell infusion and no previously used CAR T cells are detectable …': the wait is
# counted back from the screening date ('CAR-T within 3 months … before screening'), not from inclusion. A patient
# infused on 2026-08-20 and screened on 2026-11-01 FAILS even when the record gives his enrollment on 2026-11-25, more
# than 3 months after the infusion — the very wait the text asks for; and with no enrollment recorded the inclusion day
# is not known (it may be from 2026-11-20 on), as the library itself holds for 'within 3 months before enrollment'.
_NCT06279026 = _seed("NCT06279026")
_CART_WAIT = ("Patients who have previously received CAR T cell therapy should not be included until at least 3 months "
              "after the last CAR T cell infusion and no previously used CAR T cells are detectable in peripheral blood or "
              "bone marrow.")
_CART_AUG = [{"name": "ciltacabtagene autoleucel", "date": "2026-08-20", "line": 4, "response": "PR"}]


@pytest.mark.parametrize("dates", [{"enrollment": "2026-11-25"}, None])
def test_F2_the_cart_wait_counts_to_inclusion_not_to_screening(dates):
    patient = {"therapies": _CART_AUG}
    if dates:
        patient["dates"] = dates
    assert "fail" not in text_statuses(_NCT06279026, patient, _CART_WAIT)


# F3. Measurable disease 'at screening' decided by a serum M-protein of 2023, measured before a later line that reached a
# VGPR: NCT06279026 I3 'The presence of measurable lesions at the time of screening …: Serum monoclonal protein
# (M-protein) level ≥10 g/L', NCT03548207 I2 'Have measurable disease at Screening as defined by any of the following
# a) Serum monoclonal paraprotein (M-protein) level >= 1.0 g/dL …' and NCT04181827 I1 'Measurable disease at screening as
# defined by any of the following …' all MATCH on it. The text asks for the disease at screening; a value almost four
# years old, before a response of ≥90% M-protein reduction, does not show it (the library already keeps 'Serum M-protein
# ≥ 1.0 g/dL within 28 days prior to enrollment' undecided on the same value; 'at screening' is dropped).
_OLD_M_PROTEIN = {
    "serum M-protein": {"value": 2.0, "unit": "g/dL", "date": "2023-01-10"},
    "therapies": [{"name": "daratumumab, pomalidomide, dexamethasone", "start": "2024-03-01", "end": "2026-09-01",
                   "line": 3, "response": "VGPR"}],
}


@pytest.mark.parametrize("doc, text", [
    (_NCT06279026, ("The presence of measurable lesions at the time of screening will be determined according to any of "
                   "the following criteria:")),
    (_corpus("NCT03548207"), None),
    (_corpus("NCT04181827"), None),
])
def test_F3_an_m_protein_of_2023_does_not_show_measurable_disease_at_screening(doc, text):
    import eligibility
    for cw in (False, True):
        report = eligibility.screen(doc, _OLD_M_PROTEIN, as_of="2026-11-01", closed_world=cw)
        assert eligibility.Screener(doc).statuses(_OLD_M_PROTEIN, as_of="2026-11-01", closed_world=cw) == \
            [r.status.value for r in report.results]
        held = [r.status.value for r in report.results
                if (r.text.strip() == text if text else "measurable disease at screening" in r.text.lower())]
        assert held and "match" not in held


def test_F3_in_a_short_text():
    assert "match" not in statuses("Serum M-protein ≥ 1.0 g/dL at screening", "inclusion", _OLD_M_PROTEIN)


# F4. NCT07139509 (seed trial, I5.1) 'Creatinine clearance rate ≥60 mL/min (calculated according to the Cockcroft-Gault
# formula)': a record's `creatinine clearance`, method not said, wins over the formula the criterion names ('measured
# value used'), even where the record's own creatinine, weight, age and sex of the same day give a Cockcroft-Gault
# estimate on the other side of the limit. 75 mL/min on record, Cockcroft-Gault 44 mL/min: MATCH; 45 mL/min on record,
# Cockcroft-Gault 69 mL/min: FAIL. The criterion asks for the estimate; a value that cannot be the estimate of the
# record's own numbers does not decide it (the library already computes the estimate when the record's value is under
# `measured creatinine clearance`: evaluate._derive_by).
_NCT07139509 = _seed("NCT07139509")
_CG_TEXT = "Creatinine clearance rate ≥60 mL/min (calculated according to the Cockcroft-Gault formula);"


def _renal(creatinine, clearance):
    day = "2026-10-28"
    return {"birth_date": "1950-01-01", "sex": "male", "weight": {"value": 70, "unit": "kg", "date": day},
            "creatinine": {"value": creatinine, "unit": "mg/dL", "date": day},
            "creatinine clearance": {"value": clearance, "unit": "mL/min", "date": day}}


@pytest.mark.parametrize("creatinine, clearance, wrong", [(1.4, 75, "match"), (0.9, 45, "fail")])
def test_F4_a_clearance_that_is_not_the_cockcroft_gault_estimate_does_not_decide_it(creatinine, clearance, wrong):
    assert wrong not in text_statuses(_NCT07139509, _renal(creatinine, clearance), _CG_TEXT)
    assert wrong not in statuses("Calculated creatinine clearance (Cockcroft-Gault) ≥ 60 mL/min", "inclusion",
                                 _renal(creatinine, clearance))


# Checks around the findings: what the mends must leave as it was.
def test_check_refractory_to_the_last_line_as_a_plain_requirement_still_fails_a_sensitive_line():
    assert statuses("Must be refractory to the last treatment regimen.", "inclusion", _RELAPSED_NOT_REFRACTORY)[1] == "fail"


def test_check_a_cart_infusion_three_weeks_ago_still_fails_the_wait():
    patient = {"therapies": [{"name": "ciltacabtagene autoleucel", "date": "2026-10-10", "line": 4}],
               "dates": {"enrollment": "2026-11-10"}}
    assert text_statuses(_NCT06279026, patient, _CART_WAIT) == ["fail", "fail"]


def test_check_a_current_m_protein_and_a_plain_clearance_still_decide():
    current = {"serum M-protein": {"value": 2.0, "unit": "g/dL", "date": "2026-10-25"}}
    assert statuses("Serum M-protein ≥ 1.0 g/dL at screening", "inclusion", current) == ["match", "match"]
    assert text_statuses(_NCT06279026, current, "Serum monoclonal protein (M-protein) level ≥10 g/L.") == ["match", "match"]
    assert statuses("Creatinine clearance ≥ 60 mL/min", "inclusion", {"creatinine clearance": "55 mL/min"}) == \
        ["fail", "fail"]
    cg_only = {"birth_date": "1950-01-01", "sex": "male", "weight": "70 kg", "creatinine": "1.4 mg/dL"}
    assert text_statuses(_NCT07139509, cg_only, _CG_TEXT) == ["fail", "fail"]
