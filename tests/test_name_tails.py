"""What follows a condition's name in a record's list: a test of it that was clear, a prevention or an exposure, an antibody
to viral hepatitis, a measure under a limit. Each of these names read as the condition gave a wrong fail; the entry names
nothing the vocabulary reads (open in both worlds). The names after them are the condition, and stay read as it."""

import pytest
from _screening import statuses

import eligibility

EXCL = "exclusion"

NOT_THE_CONDITION = [
    ("Known HIV infection", "HIV post-exposure prophylaxis"),
    ("Known HIV infection", "HIV post exposure prophylaxis 2019"),
    ("Known HIV infection", "HIV PEP"),
    ("Known HIV infection", "HIV pre-exposure prophylaxis, tenofovir/emtricitabine daily"),
    ("Known HIV infection", "HIV Ab/Ag combo negative"),
    ("Known HIV infection", "HIV RNA PCR not detected"),
    ("Known HIV infection", "HIV rapid test negative"),
    ("Known HIV infection", "HIV ELISA negative"),
    ("Known HIV infection", "HIV Western blot negative"),
    ("Known HIV infection", "HIV 4th generation test negative"),
    ("Known HIV infection", "HIV viral load <50 copies/mL"),
    ("Known hepatitis B infection", "hepatitis B surface antibody positive (vaccinated)"),
    ("Known hepatitis B infection", "Hepatitis B core antibody positive, surface antigen negative"),
    ("Known hepatitis B infection", "hepatitis B: anti-HBs positive"),
    ("Known hepatitis B infection", "HBV DNA < 20 IU/mL"),
    ("Known hepatitis B infection", "Hepatitis B panel negative"),
    ("Active hepatitis C", "HCV antibody positive"),
    ("History of stroke", "stroke alert 2025, MRI negative"),
    ("History of stroke", "stroke code 2024 - final diagnosis migraine"),
    ("History of stroke", "stroke - MRI brain unremarkable"),
    ("History of deep vein thrombosis", "DVT prophylaxis: enoxaparin 40mg"),
    ("History of deep vein thrombosis", "DVT prophylaxis, enoxaparin 40 mg daily during admission"),
    ("Active tuberculosis", "TB chest x-ray negative"),
]


@pytest.mark.parametrize("text,name", NOT_THE_CONDITION)
def test_a_name_about_the_condition_is_not_it(text, name):
    assert statuses(text, EXCL, {"conditions": [name]}) == ["unknown", "unknown"]


THE_CONDITION = [
    ("Known HIV infection", "HIV positive, CD4 normal", "fail"),
    ("Known HIV infection", "HIV on ART, viral load undetectable", "fail"),
    ("Known HIV infection", "HIV on ART viral load undetectable", "fail"),
    ("Known HIV infection", "HIV (ICD-10 code B20)", "fail"),
    ("Known HIV infection", "HIV code B20", "fail"),
    ("Known HIV infection", "HIV, CD4 > 350", "fail"),
    ("History of hepatitis C", "hepatitis C, treated, RNA undetectable", "fail"),
    ("History of stroke", "stroke 2019 with normal recovery", "fail"),
    ("History of stroke", "stroke 2019, residual weakness", "fail"),
]


@pytest.mark.parametrize("text,name,status", THE_CONDITION)
def test_a_name_with_more_said_of_the_condition_is_it(text, name, status):
    assert statuses(text, EXCL, {"conditions": [name]}) == [status, status]


@pytest.mark.parametrize("name", ["breast cancer ER negative", "breast cancer ER/PR negative HER2 normal",
                                  "breast cancer (screening mammogram), stage I", "breast cancer risk group: high"])
def test_a_malignancy_keeps_its_markers_and_how_it_was_found(name):
    assert statuses("Diagnosis of breast cancer", "inclusion", {"conditions": [name]}) == ["match", "match"]


@pytest.mark.parametrize("name", ["breast cancer screening: mammogram normal", "breast cancer prophylaxis: bilateral mastectomy (BRCA1)"])
def test_a_cancer_prevented_or_screened_clear_is_not_it(name):
    assert statuses("History of breast cancer", EXCL, {"conditions": [name]}) == ["unknown", "unknown"]


# A key not read that may hold the patient's history keeps a complete record open (read without it, the closed world
# passed 'Prior bortezomib' for a bortezomib under 'medications', and 'History of stroke' for one under 'history'); a
# key that holds none does not ('allergies', a family's history, 'none')
@pytest.mark.parametrize("record,text,expected", [
    ({"medications": ["bortezomib"]}, "Prior bortezomib", ["unknown", "unknown"]),
    ({"treatment_history": [{"name": "bortezomib", "start": "2020-01-01", "end": "2020-06-01"}]}, "Prior bortezomib",
     ["unknown", "unknown"]),
    ({"problem_list": ["stroke"]}, "History of stroke", ["unknown", "unknown"]),
    ({"past medical history": ["stroke"]}, "History of stroke", ["unknown", "unknown"]),
    ({"surgeries": ["allogeneic stem cell transplant"]}, "Prior allogeneic stem cell transplant", ["unknown", "unknown"]),
    ({"history": {"conditions": ["stroke"]}}, "History of stroke", ["unknown", "unknown"]),
    ({"oncology": [{"drug": "bortezomib"}]}, "Prior bortezomib", ["unknown", "unknown"]),
    ({"comorbidities": "stroke"}, "History of stroke", ["unknown", "unknown"]),
    ({"prior_transplant": "yes"}, "Prior autologous stem cell transplant", ["unknown", "unknown"]),
    ({"notes": "h/o stroke 2020"}, "History of stroke", ["unknown", "unknown"]),
    ({"family history": ["stroke"]}, "History of stroke", ["unknown", "match"]),
    ({"allergies": ["penicillin"]}, "History of stroke", ["unknown", "match"]),
    ({"problem_list": "none"}, "History of stroke", ["unknown", "match"]),
    ({"ethnicity": "Hispanic"}, "History of stroke", ["unknown", "match"]),
])
def test_keys_not_read_that_may_hold_history(record, text, expected):
    assert statuses(text, EXCL, record) == expected


def test_an_unknown_observation_keeps_a_record_complete():
    # (a FHIR Observation the vocabulary does not know, body temperature or smoking status, is one value under its code:
    # no history; read as a key that may hold some, it turned the closed world off for nearly every bundle)
    def obs(i, code, display, value):
        return {"resource": {"resourceType": "Observation", "id": f"o{i}", "status": "final", "subject": {"reference": "Patient/p"},
                             "code": {"coding": [{"system": "http://loinc.org", "code": code, "display": display}]},
                             "effectiveDateTime": "2026-10-01", **value}}
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Patient", "id": "p", "birthDate": "1960-01-01", "gender": "male"}},
        obs(1, "8310-5", "Body temperature", {"valueQuantity": {"value": 37.0, "unit": "Cel"}}),
        obs(2, "72166-2", "Tobacco smoking status", {"valueCodeableConcept": {"text": "Former smoker"}})]}
    p = eligibility.Patient.from_fhir(bundle)
    assert p.history_unread == [] and {"8310-5", "72166-2"} <= set(p.unused)
    text = "Exclusion Criteria:\n* History of stroke"
    assert eligibility.screen(text, p, as_of="2026-11-01", closed_world=True).results[0].status.value == "match"
