"""Review 97: wrong decided answers that the change eb89b65..HEAD introduces, each pinned in both worlds, through `screen`
and the Screener, which must agree. Every test here fails on the library as reviewed (f71cea3); on the base (eb89b65) each
gave the answer asked for here.

U1 and U4 come from the everyone's-line reading of `criteria._GROUP_CRITERIA_LINE` / `_EVERYONE_WORDS`, U2 from the topic
cleared at each section header (`_cohort_topics(out, header_of)`), U3 from the new `_AGE_GROUP` alternative
('… years or older:')."""

import pytest
from _screening import text_statuses


# ------------------------------------------------------------------ U1: everyone's words under a group's heading end it
# 'Cohort A (NSCLC):' heads Cohort A's items; the line under it, 'Disease-specific inclusion criteria' ('Specific
# inclusion criteria', 'The following inclusion criteria'), is read as everyone's and pops the topic, so Cohort A's own
# 'Hemoglobin >= 9 g/dL' fails a Cohort B patient (before: unknown, or match).
@pytest.mark.parametrize("line", ["Disease-specific inclusion criteria", "Specific inclusion criteria",
                                  "The following inclusion criteria"])
def test_u1_an_everyone_line_under_a_group_heading_does_not_end_the_group(line):
    doc = ("Inclusion Criteria:\n\n- Age >= 18 years\n\nCohort A (NSCLC):\n\n" + line + "\n\n- Hemoglobin >= 9 g/dL\n\n"
           "Cohort B (CRC):\n\n" + line + "\n\n- Platelets >= 100,000/mm3\n\nExclusion Criteria:\n\n- Leptomeningeal disease\n")
    patient = {"age": 60, "hemoglobin": "8 g/dL", "platelets": "200000/mm3", "cohort": "Cohort B"}
    assert "fail" not in text_statuses(doc, patient, "Hemoglobin >= 9 g/dL")


# ------------------------------------------------------------------ U2: a group heading above its section headers is lost
# Phase 1 studies often put the group over its own 'Inclusion Criteria:' / 'Exclusion Criteria:' headers ('Healthy
# Volunteers:' then 'Patients with Hepatic Impairment:'; 'Part A (Dose Escalation):' then 'Part B …'). The topic is now
# cleared at every section header, so the healthy volunteers' BMI and hemoglobin limits fail a hepatic-impairment patient
# (before: unknown; with the record's cohort, Part A's limit failed a Part B patient, before: match).
def test_u2_a_group_heading_over_its_own_section_headers_still_binds_its_items():
    doc = ("Healthy Volunteers:\n\nInclusion Criteria:\n\n- Body mass index 18 to 30 kg/m2\n\n- Hemoglobin >= 13 g/dL\n\n"
           "Exclusion Criteria:\n\n- Any chronic disease\n\n"
           "Patients with Hepatic Impairment:\n\nInclusion Criteria:\n\n- Child-Pugh class B\n\n"
           "Exclusion Criteria:\n\n- Hepatic encephalopathy\n")
    patient = {"age": 60, "hemoglobin": "10 g/dL", "bmi": 33, "conditions": ["cirrhosis"]}
    assert "fail" not in text_statuses(doc, patient, "Body mass index 18 to 30 kg/m2")
    assert "fail" not in text_statuses(doc, patient, "Hemoglobin >= 13 g/dL")


def test_u2_a_part_heading_over_its_own_section_headers_still_binds_its_items():
    doc = ("Part A (Dose Escalation):\n\nInclusion Criteria:\n\n- Hemoglobin >= 9 g/dL\n\nExclusion Criteria:\n\n"
           "- Leptomeningeal disease\n\nPart B (Dose Expansion):\n\nInclusion Criteria:\n\n- Platelets >= 100,000/mm3\n\n"
           "Exclusion Criteria:\n\n- Prior chemotherapy\n")
    patient = {"age": 60, "hemoglobin": "8 g/dL", "platelets": "200000/mm3", "cohort": "Part B"}
    assert "fail" not in text_statuses(doc, patient, "Hemoglobin >= 9 g/dL")


# ------------------------------------------------------------------ U3: the trial's own age limit read as an age group
# 'Patients 18 years of age or older:' over the whole inclusion list, no other age group anywhere: the adult trial's age
# requirement, with its items. The new `_AGE_GROUP` alternative reads it as a group the items bind only, and the heading
# itself as no requirement, so a 16-year-old without the disease and with ECOG 3 meets the whole block (before: fail).
@pytest.mark.parametrize("heading", ["Patients 18 years of age or older:", "Patients aged 18 years or older:"])
def test_u3_an_adult_trial_s_age_heading_is_not_a_group_that_lets_a_minor_pass(heading):
    doc = (f"Inclusion Criteria:\n\n{heading}\n\n- Histologically confirmed non-small cell lung cancer\n\n"
           "- ECOG performance status 0-1\n\nExclusion Criteria:\n\n- Pregnancy\n")
    patient = {"age": 16, "sex": "male", "conditions": ["breast cancer"], "ecog": 3}
    assert "match" not in text_statuses(doc, patient, heading)


# ------------------------------------------------------------------ U4: one group's line read as everyone's
# 'Patient inclusion criteria' after 'Healthy volunteer inclusion criteria' heads the patients' items, but 'patient' is
# one of `_EVERYONE_WORDS`: a healthy volunteer then fails the patients' hemoglobin limit, and in the closed world their
# 'Histologically confirmed solid tumor' (before: unknown).
@pytest.mark.parametrize("words", ["", "specific "])
def test_u4_the_patients_line_beside_the_volunteers_line_is_one_group(words):
    doc = (f"Inclusion Criteria:\n\n- Age 18 to 65 years\n\nHealthy volunteer {words}inclusion criteria\n\n"
           f"- Body mass index 18 to 30 kg/m2\n\nPatient {words}inclusion criteria\n\n- Hemoglobin >= 9 g/dL\n\n"
           "- Histologically confirmed solid tumor\n\nExclusion Criteria:\n\n- Pregnancy\n")
    volunteer = {"age": 30, "sex": "male", "bmi": 24, "hemoglobin": "8.5 g/dL", "conditions": []}
    assert "fail" not in text_statuses(doc, volunteer, "Hemoglobin >= 9 g/dL")
    assert "fail" not in text_statuses(doc, volunteer, "Histologically confirmed solid tumor")
