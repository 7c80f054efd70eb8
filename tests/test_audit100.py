"""Audit 100 (40 modern-format trials of the corpus, drawn with random.Random(100)): wrong decided verdicts it found, each
pinned in both worlds, through `screen` and the Screener (which must agree). Every `test_F*` here fails on the library as
audited; the `test_check_*` beside them, which pass, keep the mends from going too far."""

import pytest
from _screening import doc_statuses, statuses, text_statuses

# F1. NCT04570956 (corpus line 293) 'Clinically suspicious mass/lesions Breast cancer in the past 5 years.' is read
# all(breast cancer within 5 years, free('Clinically suspicious mass/lesions')): the unread words are taken as narrowing
# the breast cancer, so a record that denies breast cancer matches the exclusion. A clinically suspicious mass is by
# definition not (yet) a diagnosed cancer; whether the text lists two exclusions (a line break lost) or one, a recorded
# absence of breast cancer says nothing of a suspicious mass.
_MASS = "Clinically suspicious mass/lesions Breast cancer in the past 5 years."


def test_F1_no_breast_cancer_does_not_rule_out_a_clinically_suspicious_mass():
    patient = {"sex": "female", "conditions": ["atypical ductal hyperplasia", {"name": "breast cancer", "present": False}]}
    assert "match" not in statuses(_MASS, "exclusion", patient)


# F2. NCT00096278 (line 185) 'At the time of randomization, the postoperative platelet count must be >= 100,000/mm^3':
# 'postoperative' is left as unread words joined by 'and', so a platelet count taken BEFORE the (recorded) colectomy
# fails the criterion. The text asks for the count after surgery; a preoperative one does not decide it.


@pytest.mark.parametrize("surgery", ["colectomy", "hemicolectomy"])
def test_F2_a_preoperative_count_does_not_fail_a_postoperative_limit(surgery):
    patient = {"procedures": [{"name": surgery, "date": "2026-10-01"}],
               "platelets": {"value": 80, "unit": "10^9/L", "date": "2026-09-20"}}
    assert "fail" not in statuses(_POSTOP, "inclusion", patient)


# F3. NCT00461045 (line 133) 'The following laboratory results, within 7 days prior to NPI-0052 administration (…):'
# over '- Creatinine clearance ≥40 mL/min': the heading's assessment window is dropped (the heading becomes a bare
# `heading`), so a creatinine clearance measured three months ago fails the item. Written in the item itself
# ('Creatinine clearance >=40 mL/min within 7 days prior to first dose') the same value is `unknown` ("older than the 7
# days … the criterion asks for"); a history window on a list heading is already carried to its items
# (test_heading_windows.py), a measurement window is not.
_LABS_HEADINGS = [
    ("The following laboratory results, within 7 days prior to NPI-0052 administration (transfusions and/or growth factor "
    "support may be used with discretion by the Investigator during Screening):"),
    "The following laboratory results within 7 days prior to first dose:",
    "Laboratory values within 14 days prior to registration:",
]


@pytest.mark.parametrize("heading", _LABS_HEADINGS)
def test_F3_a_list_heading_s_lab_window_reaches_its_items(heading):
    doc = f"Inclusion Criteria:\n- {heading}\n   - Hemoglobin >= 8 g/dL\n   - Creatinine clearance >=40 mL/min\n"
    patient = {"creatinine clearance": {"value": 30, "unit": "mL/min", "date": "2026-08-01"},
               "hemoglobin": {"value": 11, "unit": "g/dL", "date": "2026-08-01"}}
    assert "fail" not in doc_statuses(doc, patient)


def test_F3_the_trial_text_itself():
    doc = ("Inclusion Criteria:\n\n  -  The following laboratory results, within 7 days prior to NPI-0052 administration\n"
           "     (transfusions and/or growth factor support may be used with discretion by the\n"
           "     Investigator during Screening):\n\n       -  Absolute neutrophil count 0.5 × 109/L\n\n"
           "       -  Creatinine clearance ≥40 mL/min\n\n  -  Signed informed consent.\n")
    patient = {"birth_date": "1950-01-01", "sex": "male", "weight": "70 kg",
               "creatinine": {"value": 2.0, "unit": "mg/dL", "date": "2026-08-01"}}
    assert "fail" not in doc_statuses(doc, patient)


# F4. NCT05700721 (line 281) 'Patients with prostate cancer are excluded from this trial.' (a trial for brain metastases
# of BRCA/HRR cancers, lung cancer and TNBC, whose next-but-one item lets in a second malignancy treated curatively with
# no evidence of disease for 2 years): a man whose prostate cancer was removed and recorded 'cured' in 2010 fails it,
# in both worlds. The sentence names the patients the trial is not for — those with prostate cancer now — and a cancer
# cured sixteen years ago is at least not clearly that; read on any other condition ('Patients with congestive heart
# failure are excluded', one 'resolved') the library leaves it open. (interpret: a malignancy is never `untimed`.)


@pytest.mark.parametrize("prostate", [
    {"name": "prostate cancer", "start": "2010-01-01", "end": "2010-06-01", "status": "cured"},
    {"name": "prostate cancer", "date": "2010-01-01", "status": "in remission"},
])
def test_F4_a_prostate_cancer_cured_in_2010_is_not_surely_a_patient_with_prostate_cancer(prostate):
    patient = {"sex": "male", "conditions": [{"name": "non-small cell lung cancer", "status": "metastatic"},
                                             "brain metastases", prostate],
               "procedures": [{"name": "radical prostatectomy", "date": "2010-03-01"}]}
    got = text_statuses(_NCT05700721, patient, "Patients with prostate cancer are excluded from this trial.")
    assert "fail" not in got


# F5. NCT05700721 (line 281) '1. Age ≥ 18 years old. 2. Participant must have brain metastasis and either' (the list of
# cancers it opens follows in the next paragraph): the dangling 'and either' is dropped as a filler word and the item
# matches any patient with brain metastases, of whatever cancer (here a hepatocellular carcinoma, on no list). An unread
# 'and …' adds a requirement: it can keep a passing limit from deciding, never let it match.
_BRAIN = {"age": 60, "conditions": [{"name": "hepatocellular carcinoma", "status": "metastatic"}, "brain metastases"]}


@pytest.mark.parametrize("text", ["Participant must have brain metastasis and either",
                                  "Participant must have brain metastasis and either:",
                                  "Age ≥ 18 years old. 2. Participant must have brain metastasis and either"])
def test_F5_a_dangling_and_either_keeps_the_item_from_matching(text):
    assert "match" not in statuses(text, "inclusion", _BRAIN)


def test_F5_the_trial_text_itself():
    doc = ("Inclusion Criteria:\ninclusion criteria: \n\n 1. Age ≥ 18 years old. 2. Participant must have brain metastasis "
           "and either \n\n 1. Advanced BRCA1/2m cancer 2. Advanced HRR-aberrant, non-BRCA1/2m cancer 3. Advanced small "
           "cell lung cancer 4. Advanced non-small cell lung cancer 5. Advanced Triple Negative Breast Cancer \n\n"
           " 5. Patients must have had at least one prior line of systemic therapy directed at their malignancy. \n")
    got = text_statuses(doc, _BRAIN, "Age ≥ 18 years old. 2. Participant must have brain metastasis and either")
    assert "match" not in got


# F6. NCT01876511 (line 189) 'Patients on home oxygen': 'home oxygen' is a synonym of the vocabulary's general
# `oxygen_therapy` (supplemental oxygen of any kind), so oxygen given in hospital during an admission for pneumonia
# excludes the patient. Home (long-term) oxygen is a chronic need; a course of inpatient oxygen is not it, and the
# record says it is inpatient.
@pytest.mark.parametrize("oxygen", [
    {"name": "oxygen therapy", "start": "2026-10-28", "status": "inpatient, during admission for pneumonia"},
    {"name": "supplemental oxygen", "start": "2026-10-30", "status": "in hospital, post-operative"},
])
def test_F6_oxygen_in_hospital_is_not_home_oxygen(oxygen):
    assert "fail" not in statuses("Patients on home oxygen", "exclusion", {"therapies": [oxygen]})


# F7. NCT00109070 (line 183) 'Prior chemotherapy other than adjuvant fluoropyrimidines in combination with leucovorin
# and/or levamisole': read therapy(chemotherapy except adjuvant fluoropyrimidine | combination leucovorin | combination
# levamisole): 'in combination with leucovorin and/or levamisole', which narrows the allowed fluoropyrimidine regimen,
# becomes two more excepted kinds, so adjuvant capecitabine alone (no leucovorin, no levamisole) is excepted and a
# complete record matches. The text allows only the fluoropyrimidine/leucovorin (or levamisole) regimen.
@pytest.mark.parametrize("drug", ["capecitabine", "fluorouracil"])
def test_F7_an_adjuvant_fluoropyrimidine_alone_is_not_the_excepted_combination(drug):
    patient = {"therapies": [{"name": drug, "start": "2020-01-01", "end": "2020-06-01", "status": "adjuvant"}]}
    assert "match" not in statuses("Prior chemotherapy other than adjuvant fluoropyrimidines in combination with "
                                   "leucovorin and/or levamisole", "exclusion", patient)


# Checks around the findings: what the mends must leave as it was.
_POSTOP = "At the time of randomization, the postoperative platelet count must be >= 100,000/mm^3"
_NCT05700721 = ("Exclusion Criteria:\n\n"
                " Participant has a history of a second malignancy, unless potentially curative treatment has been "
                "completed with no evidence of malignancy for 2 years. \n\n"
                " Patients with prostate cancer are excluded from this trial. \n\n"
                " Patients with prior diagnosis of MDS or AML. \n")


def test_check_a_postoperative_count_still_decides_and_an_inline_lab_window_stays_open():
    fresh = {"procedures": [{"name": "colectomy", "date": "2026-09-01"}],
             "platelets": {"value": 80, "unit": "10^9/L", "date": "2026-10-28"}}
    assert "match" not in statuses(_POSTOP, "inclusion", fresh)
    old = {"creatinine clearance": {"value": 30, "unit": "mL/min", "date": "2026-08-01"}}
    assert statuses("Creatinine clearance >=40 mL/min within 7 days prior to first dose", "inclusion", old) == \
        ["unknown", "unknown"]


def test_check_an_ongoing_prostate_cancer_and_a_second_line_chemotherapy_still_exclude():
    patient = {"sex": "male", "conditions": [{"name": "prostate cancer", "status": "metastatic"}]}
    assert text_statuses(_NCT05700721, patient, "Patients with prostate cancer are excluded from this trial.") == \
        ["fail", "fail"]
    irinotecan = {"therapies": [{"name": "irinotecan", "start": "2020-01-01", "end": "2020-06-01"}]}
    assert statuses("Prior chemotherapy other than adjuvant fluoropyrimidines in combination with leucovorin and/or "
                    "levamisole", "exclusion", irinotecan) == ["fail", "fail"]
