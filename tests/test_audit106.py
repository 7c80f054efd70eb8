"""Audit 106 (35 solid-tumour trials of the corpus's modern-format ones, drawn with random.Random(106), the 40 of audit 100
left out): wrong decided verdicts it found, each pinned in both worlds, through `screen` and the Screener (which must
agree). Every `test_F*` here fails on the library as audited; the `test_check_*` beside them, which pass, keep the mends
from going too far. Details in FINDINGS.md."""

import json
from pathlib import Path

import pytest
from _screening import doc_statuses, statuses, text_statuses

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "trials.jsonl"


def _trial(nct_id):
    return next(json.loads(line)["eligibility_criteria"] for line in CORPUS.open()
                if json.loads(line)["nct_id"] == nct_id)


# F1. NCT03547973 (corpus line 248), exclusion: 'For Cohort 5: Alopecia, sensory neuropathy Grade ≤2 is acceptable, or
# other Grade < 2 adverse events not constituting a safety risk based on the investigator's judgment are acceptable.'
# A permission (it relaxes the 'not recovered to ≤ Grade 1' exclusions before it). The 'Grade ≤2' is read as a cap,
# Not(sensory neuropathy grade ≥ 3), and in the exclusion section that cap becomes a bar: every patient WITHOUT grade ≥ 3
# sensory neuropathy is excluded (fail), in any cohort, even one with no neuropathy recorded at all. The same holds for
# the sentence alone ('Sensory neuropathy Grade ≤2 is acceptable.', 'Grade ≤2 neuropathy is acceptable').
_F1_TEXT = ("For Cohort 5: Alopecia, sensory neuropathy Grade ≤2 is acceptable, or other Grade < 2 adverse events not "
            "constituting a safety risk based on the investigator's judgment are acceptable.")


@pytest.mark.parametrize("patient", [
    {"cohort": "Cohort 4", "conditions": [{"name": "peripheral sensory neuropathy", "grade": 1}]},
    {"cohort": "Cohort 1", "conditions": [{"name": "sensory neuropathy", "present": False}]},
    {"cohort": "Cohort 5", "conditions": [{"name": "peripheral sensory neuropathy", "grade": 2}]},
])
def test_F1_nct03547973_an_acceptable_grade_excludes_no_one(patient):
    assert "fail" not in text_statuses(_trial("NCT03547973"), patient, _F1_TEXT)


@pytest.mark.parametrize("text", ["Sensory neuropathy Grade ≤2 is acceptable.", "Grade ≤2 neuropathy is acceptable"])
def test_F1_a_grade_permission_in_the_exclusions_is_no_bar(text):
    patient = {"conditions": [{"name": "peripheral sensory neuropathy", "grade": 1}]}
    assert "fail" not in statuses(text, "exclusion", patient)


# F2. NCT03564691 (corpus line 327), exclusions: '… Expansion phase Arm L participants: * hypersensitivity … * medication
# prohibited … * All Participants (Arms A through N) * Has symptomatic pleural effusion … * Has had an allogenic
# tissue/solid organ transplant.' The line 'All Participants (Arms A through N)' (no colon) ends Arm L's items; the two
# after it bind every arm. The library reads it as one more Arm L item and binds what follows to Arm L too, so a patient
# of Arm A with a kidney transplant, or a symptomatic pleural effusion, is 'none of Expansion phase Arm L' → MATCH.
@pytest.mark.parametrize("text, patient", [
    ("Has had an allogenic tissue/solid organ transplant.",
     {"cohort": "Expansion phase Arm A", "procedures": [{"name": "kidney transplant", "date": "2015-01-01"}]}),
    ("Has symptomatic pleural effusion (eg, cough, dyspnea, pleuritic chest pain)",
     {"cohort": "Expansion phase Arm A", "conditions": [{"name": "pleural effusion", "start": "2026-10-01",
                                                         "status": "symptomatic"}]}),
])
def test_F2_nct03564691_items_after_all_participants_bind_every_arm(text, patient):
    assert "match" not in text_statuses(_trial("NCT03564691"), patient, text)


def test_F2_the_same_in_a_short_list():
    doc = ("Exclusion Criteria:\n\n Arm L participants: \n\n Has a known history of hypersensitivity to the study "
           "chemotherapies \n\n All Participants (Arms A through N) \n\n Has had an allogenic tissue/solid organ transplant. \n")
    patient = {"cohort": "Arm A", "procedures": [{"name": "kidney transplant", "date": "2015-01-01"}]}
    assert "match" not in text_statuses(doc, patient, "Has had an allogenic tissue/solid organ transplant.")


# F3. NCT05142592 (corpus line 321), exclusions: 'Presence of hepatitis B surface antigen (HBsAg) or positive hepatitis C
# antibody test result at screening or within 3 months prior to the first dose of study treatment. History of known HIV
# infection.' then 'Note:' and 'Subjects with positive Hepatitis C antibody due to prior resolved disease can be enrolled
# only if a confirmatory negative Hepatitis C RNA polymerase chain reaction (PCR) is obtained.' The let-in is not tied to
# the bar before it (its 'only' keeps it out of criteria._let_in's linking, `_RESTRICTS`), so a patient whose HCV
# antibody is positive from a resolved infection, HCV RNA negative, is excluded outright by the first item (FAIL). The
# same let-in written '… can be enrolled if …' is linked and leaves the bar undecided.
_F3_BAR = ("Presence of hepatitis B surface antigen (HBsAg) or positive hepatitis C antibody test result at screening or "
           "within 3 months prior to the first dose of study treatment. History of known HIV infection.")
_RESOLVED_HCV = {"HCV antibody": "positive", "HCV RNA": "negative", "HBsAg": "negative",
                 "conditions": [{"name": "HIV infection", "present": False},
                                {"name": "hepatitis C", "start": "2015-01-01", "end": "2016-01-01", "status": "resolved"}]}


def test_F3_nct05142592_a_resolved_hcv_let_in_by_the_note_is_not_excluded():
    assert "fail" not in text_statuses(_trial("NCT05142592"), _RESOLVED_HCV, _F3_BAR)


@pytest.mark.parametrize("tail", ["can be enrolled only if HCV RNA is negative.", "are eligible only if HCV RNA is negative."])
def test_F3_a_let_in_on_an_only_if_proviso_relaxes_the_bar_before_it(tail):
    doc = ("Exclusion Criteria:\n\n Positive hepatitis C antibody. \n\n Subjects with positive Hepatitis C antibody due to "
           f"prior resolved disease {tail} \n")
    assert "fail" not in doc_statuses(doc, {"HCV antibody": "positive", "HCV RNA": "negative"})


# F4. NCT00112918 (corpus line 181), exclusion: 'Serum creatinine > 1.5 x ULN or creatinine clearance ≤ 50 mL/min (e.g.
# Cockcroft-Gault formula).' The 'e.g.' makes the formula an example of how the clearance may be had, yet it is read as
# the one method (method 'cockcroft_gault'): a measured (24-hour urine) clearance of 70 mL/min is passed over and the
# Cockcroft-Gault estimate from the record (35 mL/min) decides, FAIL. A clearance measured at 70 mL/min is a creatinine
# clearance above 50 by any reading; the library's own rule (docs/patient-record.md, Derived values) is that a
# criterion accepting a measured value as well as a calculated one is not failed by a calculated value.
# (interpret._with_method sets the method on the formula's name alone.)
_MEASURED_70 = {"birth_date": "1946-01-01", "sex": "female", "weight": "55 kg",
                "creatinine": {"value": 1.1, "unit": "mg/dL", "uln": 1.1}, "measured creatinine clearance": "70 mL/min"}


def test_F4_nct00112918_a_formula_given_as_an_example_does_not_overrule_a_measured_clearance():
    text = "Serum creatinine > 1.5 x ULN or creatinine clearance ≤ 50 mL/min (e.g. Cockcroft-Gault formula)."
    assert "fail" not in text_statuses(_trial("NCT00112918"), _MEASURED_70, text)


@pytest.mark.parametrize("text, section", [
    ("Creatinine clearance ≥ 50 mL/min (e.g. Cockcroft-Gault formula)", "inclusion"),
    ("Creatinine clearance ≥ 50 mL/min (e.g., by Cockcroft-Gault)", "inclusion"),
    ("Creatinine clearance ≤ 50 mL/min (e.g. Cockcroft-Gault formula)", "exclusion"),
])
def test_F4_e_g_cockcroft_gault_in_short(text, section):
    assert "fail" not in statuses(text, section, _MEASURED_70)


# Checks around the findings: what the mends must leave as it was.
def test_check_a_real_neuropathy_bar_still_excludes():
    assert statuses("Peripheral sensory neuropathy grade ≥ 3", "exclusion",
                    {"conditions": [{"name": "peripheral sensory neuropathy", "grade": 3}]}) == ["fail", "fail"]


def test_check_arm_l_s_own_patient_and_a_plain_hcv_bar_still_decide():
    patient = {"cohort": "Expansion phase Arm L", "procedures": [{"name": "kidney transplant", "date": "2015-01-01"}]}
    assert text_statuses(_trial("NCT03564691"), patient, "Has had an allogenic tissue/solid organ transplant.") \
        == ["fail", "fail"]
    assert doc_statuses("Exclusion Criteria:\n\n Positive hepatitis C antibody. \n",
                        {"HCV antibody": "positive", "HCV RNA": "negative"}) == ["fail", "fail"]


def test_check_a_cockcroft_gault_estimate_alone_still_decides():
    record = {"birth_date": "1946-01-01", "sex": "female", "weight": "55 kg", "creatinine": "1.1 mg/dL"}
    assert statuses("Creatinine clearance ≥ 50 mL/min (Cockcroft-Gault formula)", "inclusion", record) == ["fail", "fail"]
    # (with the formula as an example, another way of working the clearance out may meet the limit: as for 'measured or
    # calculated', a calculated value below it fails nothing, docs/patient-record.md 'Derived values'; one above meets it)
    assert statuses("Creatinine clearance ≥ 50 mL/min (e.g. Cockcroft-Gault formula)", "inclusion", record) \
        == ["unknown", "unknown"]
    assert statuses("Creatinine clearance ≥ 30 mL/min (e.g. Cockcroft-Gault formula)", "inclusion", record) \
        == ["match", "match"]
