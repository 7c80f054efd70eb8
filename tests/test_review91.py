"""Review 91: wrong decided answers the change e9213cf..3ff596f^ introduced or failed to prevent (each test failed then;
3ff596f mends them). The comments name the code as it stood: `_NOT_HISTORY_KEYS` is now `patient._FAMILY_KEY` and
`patient._OTHER_KEY`, matched against whole keys; `_unread_entries` gave way to `Patient.history_unread`, which the
evaluator also reads where the record's own entries decide."""

import pytest
from _screening import never

import eligibility

BORTEZOMIB_2019 = {"name": "bortezomib", "start": "2019-01-01", "end": "2019-06-01"}


# T1: an unread history key no longer leaves a decided answer open (the unnamed entries `_unread_entries` added are
# gone; `history_unread` only turns the closed world off): the known entry decides, in both worlds.
@pytest.mark.parametrize("text, section, patient, wrong", [
    ("Proteasome inhibitor therapy within 14 days before enrollment", "exclusion",
     {"therapies": [BORTEZOMIB_2019], "medications": [{"name": "carfilzomib", "start": "2026-10-25"}]}, "match"),
    ("Proteasome inhibitor therapy within 14 days before enrollment", "exclusion",
     {"therapies": [BORTEZOMIB_2019], "oncology_treatments": ["carfilzomib 2026-10-25"]}, "match"),
    ("Proteasome inhibitor therapy within 14 days before enrollment", "exclusion",
     {"therapies": [BORTEZOMIB_2019], "history": {"therapies": ["carfilzomib"]}}, "match"),
    ("Active hepatitis B infection", "exclusion",
     {"conditions": [{"name": "hepatitis B", "status": "resolved", "end": "2010-05-01"}],
      "problem_list": ["hepatitis B, active"]}, "match"),
    ("History of grade 3 or higher cytokine release syndrome", "exclusion",
     {"conditions": [{"name": "CRS", "grade": 1, "date": "2024-03-01"}], "problem_list": ["CRS grade 4 (2025-06)"]}, "match"),
    ("Systemic corticosteroids within 14 days", "exclusion",
     {"therapies": [{"name": "prednisone", "start": "2020-01-01", "end": "2020-02-01"}],
      "medication_list": ["dexamethasone 40 mg weekly, current"]}, "match"),
])
def test_t1_unread_history_key_leaves_known_entry_deciding(text, section, patient, wrong):
    never(text, section, patient, wrong)


# T2: a value that "says none" under a key that is itself a negation ('treatment_naive': 'no' = has been treated) is read
# as holding nothing, and the closed world stays on.
@pytest.mark.parametrize("text, section, patient", [
    ("No prior systemic therapy", "inclusion", {"treatment_naive": "no"}),
    ("No prior chemotherapy", "inclusion", {"chemotherapy_naive": "No"}),
])
def test_t2_no_under_negated_key_is_not_none(text, section, patient):
    never(text, section, patient, "match")


# T3: `_NOT_HISTORY_KEYS` drops 'labs' / 'findings' / 'observations' given as a list, though such a list may show the
# condition asked about (a positive HBsAg); the closed world then passes the patient.
@pytest.mark.parametrize("text, section, patient", [
    ("Known active hepatitis B infection", "exclusion", {"labs": [{"name": "HBsAg", "value": "positive"}]}),
    ("Known HIV infection", "exclusion", {"observations": [{"code": "HIV", "value": "positive"}]}),
    ("History of stroke", "exclusion", {"findings": [{"name": "MRI brain", "value": "chronic left MCA stroke"}]}),
])
def test_t3_result_lists_keep_closed_world_open(text, section, patient):
    never(text, section, patient, "match")


# T4: `_NOT_HISTORY_KEYS` is searched anywhere in the key: a combined key ('medications_and_allergies',
# 'past_medical_and_family_history') that holds the patient's own history is dropped.
@pytest.mark.parametrize("text, section, patient", [
    ("Current systemic corticosteroids", "exclusion", {"medications_and_allergies": "prednisone 10 mg daily; NKDA"}),
    ("History of stroke", "exclusion", {"past_medical_and_family_history": "stroke 2020; father MI"}),
])
def test_t4_combined_keys_keep_closed_world_open(text, section, patient):
    never(text, section, patient, "match")


# T5: 'famil' in `_NOT_HISTORY_KEYS` also drops a key naming the patient's own familial disease.
@pytest.mark.parametrize("text, section, patient", [
    ("History of familial adenomatous polyposis", "exclusion", {"familial_adenomatous_polyposis": "yes"}),
    ("Known Lynch syndrome", "exclusion", {"familial_cancer_syndrome": "Lynch syndrome"}),
])
def test_t5_familial_disease_key_keeps_closed_world_open(text, section, patient):
    never(text, section, patient, "match")


# T6: text under an unknown key is searched as written; an abbreviation in lower case ('cva', 'mi') is not found (the key
# is upper-cased for that reason, the value is not).
@pytest.mark.parametrize("text, section, patient", [
    ("History of stroke", "exclusion", {"comments": "s/p cva 2019"}),
    ("History of myocardial infarction", "exclusion", {"other": "hx mi 2018"}),
])
def test_t6_lower_case_abbreviation_in_text_keeps_closed_world_open(text, section, patient):
    never(text, section, patient, "match")


# T7: an allergies list naming a drug with a reaction (given, then reacted to) is now taken as holding no history.
def test_t7_drug_allergy_reaction_keeps_closed_world_open():
    never("Prior treatment with bortezomib", "inclusion", {"allergies": ["bortezomib (rash, 2022)"]}, "fail")


# T8: capitals clearance unit 'ML/MIN' is read, and the '/1.73 M2' after it is dropped: an indexed clearance is
# compared as an absolute one (in lower case the criterion is unknown).
@pytest.mark.parametrize("text", [
    "CREATININE CLEARANCE ≥ 50 ML/MIN/1.73 M2",
    "CREATININE CLEARANCE ≥ 50 ML/MIN PER 1.73 M2",
    "CALCULATED CREATININE CLEARANCE ≥ 50 ML/MIN/1.73 M2 (COCKCROFT-GAULT)",
])
def test_t8_indexed_clearance_in_capitals(text):
    patient = {"creatinine_clearance": {"value": 45, "unit": "mL/min"}}
    never(text, "inclusion", patient, "fail")
    never(text, "exclusion", patient, "match")


# T9: a FHIR dosage route 'Not applicable' is appended to the drug's name ('bortezomib (Not applicable)'), which is then
# read as a drug not had: the closed world fails 'Prior treatment with bortezomib' for a completed course.
def test_t9_fhir_route_not_applicable():
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1960-01-01", "gender": "female"}},
        {"resource": {"resourceType": "MedicationStatement", "id": "m1", "status": "completed",
                      "subject": {"reference": "Patient/p1"}, "medicationCodeableConcept": {"text": "bortezomib"},
                      "effectivePeriod": {"start": "2024-01-01", "end": "2024-06-01"},
                      "dosage": [{"route": {"text": "Not applicable"}}]}}]}
    p = eligibility.Patient.from_fhir(bundle)
    never("Prior treatment with bortezomib", "inclusion", p, "fail")
    never("No prior systemic therapy", "inclusion", p, "match")
