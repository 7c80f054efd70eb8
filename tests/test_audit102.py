"""Audit 102 (40 trials of the whole corpus, drawn with random.Random(102), the 40 of audit 100 left out): wrong decided
verdicts it found, each pinned in both worlds, through `screen` and the Screener (which must agree). Every `test_F*`
here fails on the library as audited; the `test_check_*` beside them, which pass, keep the mends from going too far."""

import pytest
from _screening import doc_statuses, statuses, text_statuses

# F1. NCT02807636 (line 252) 'Participants with treated asymptomatic central nervous system (CNS) metastases are
# eligible, provided they meet all of the following criteria: * Evaluable or measurable disease outside the CNS * No
# metastases to midbrain, … * No history of intracranial or spinal cord hemorrhage * …', in the EXCLUSION section: the
# inline '*' bullets become criteria of their own, and the first, a requirement the permission puts on patients with
# treated CNS metastases, is read as an exclusion (finding evaluable_disease AND 'outside the CNS'). A patient with
# treated brain metastases and no disease outside the CNS fails the permission's condition, yet the item MATCHES
# ("evaluable disease: no" → not excluded). (The 'No …' bullets beside it stay text: an exclusion 'No X' is refused.)
_NCT02807636_CNS = (
    "Exclusion Criteria:\n: \n\n"
    " Active or untreated CNS metastases as determined by computed tomography (CT) or magnetic resonance imaging "
    "evaluation during screening and prior radiographic assessments \n\n"
    " Participants with treated asymptomatic central nervous system (CNS) metastases are eligible, provided they meet "
    "all of the following criteria: * Evaluable or measurable disease outside the CNS * No metastases to midbrain, pons, "
    "medulla, or within 10 mm of the optic apparatus (optic nerves and chiasm) * No history of intracranial or spinal "
    "cord hemorrhage * No ongoing requirement for corticosteroid as therapy for CNS disease; anti-convulsants at a stable "
    "dose are allowed * No evidence of significant vasogenic edema \n\n"
    " Leptomeningeal disease \n")
_EVALUABLE = "Evaluable or measurable disease outside the CNS"
_TREATED_CNS_ONLY = {"conditions": [{"name": "urothelial carcinoma", "status": "metastatic"},
                                    {"name": "brain metastases", "status": "treated, stable, asymptomatic"}],
                     "evaluable disease": "negative", "measurable disease": "negative"}


def test_F1_a_requirement_of_the_cns_permission_is_no_exclusion_it_lets_pass():
    assert "match" not in text_statuses(_NCT02807636_CNS, _TREATED_CNS_ONLY, _EVALUABLE)


def test_F1_the_same_requirement_as_a_list_under_its_lead():
    doc = ("Exclusion Criteria:\n\n Participants with treated asymptomatic central nervous system (CNS) metastases are "
           "eligible, provided they meet all of the following criteria:\n\n * Evaluable or measurable disease outside the "
           "CNS\n * No history of intracranial hemorrhage\n\n Leptomeningeal disease \n")
    assert "match" not in text_statuses(doc, _TREATED_CNS_ONLY, _EVALUABLE)


# F2. NCT01704287 (line 262) 'Chronic systemic steroid therapy within 2 weeks before the planned date for first dose
# randomized treatment or on any other form of immunosuppressive medication': read any_of(chronic systemic
# corticosteroid within 2 weeks, current immunosuppressant). The vocabulary's immunosuppressants hold corticosteroids,
# so a steroid course the text's 'chronic' does not reach (dexamethasone begun four days ago for brain oedema, a 5-day
# prednisone burst) fails through the second branch; 'any OTHER form of immunosuppressive medication' means other than
# the steroids just named. Written 'or any other immunosuppressive medication' (no 'form of') the same record is
# already `unknown`: the 'other' is kept there and lost only after 'form of' (interpret._OTHER_FORM).
_NCT01704287_E6 = ("Chronic systemic steroid therapy within 2 weeks before the planned date for first dose randomized "
                   "treatment or on any other form of immunosuppressive medication")


@pytest.mark.parametrize("course", [
    {"name": "dexamethasone", "start": "2026-10-28", "status": "for brain edema"},
    {"name": "prednisone", "start": "2026-10-29", "status": "5-day course for gout flare"},
])
def test_F2_a_short_steroid_course_is_not_any_other_form_of_immunosuppression(course):
    assert "fail" not in statuses(_NCT01704287_E6, "exclusion", {"therapies": [course]})


def test_F2_in_a_shorter_sentence():
    patient = {"therapies": [{"name": "dexamethasone", "start": "2026-10-28", "status": "for brain edema"}]}
    assert "fail" not in statuses("Chronic systemic steroid therapy or any other form of immunosuppressive medication",
                                  "exclusion", patient)


# F3. NCT00005852 (line 100) '… Cardiovascular: Aplastic anemia patients: Left ventricular ejection fraction at least
# 45% by MUGA or echocardiography No myocardial infarction within the past 6 months No uncontrolled arrhythmias
# Pulmonary: Aplastic anemia patients: …': the run-on paragraph is cut into sentences and the group label binds only
# the first (LVEF: any_of(limit, 'Aplastic anemia')); 'No myocardial infarction within the past 6 months', under the same
# 'Aplastic anemia patients:' label of the same 'Cardiovascular:' heading (graft-failure patients, the trial's other
# group, are named only where their limits differ, 'Graft failure patients: Karnofsky 20-100%'), is applied to everyone,
# and a graft-failure patient with an infarction two months ago fails it. The text does not say the item binds him.
_NCT00005852 = (
    "        PATIENT CHARACTERISTICS: Age: 15 to 55 Performance status: Aplastic anemia patients:\n"
    "        Karnofsky 80-100% Graft failure patients: Karnofsky 20-100% Life expectancy: Not specified\n"
    "        Hematopoietic: See Disease Characteristics Hepatic: Aplastic anemia patients: Bilirubin no\n"
    "        greater than 2.0 mg/dL SGOT/SGPT no greater than 3 times normal PT/PTT normal (except when\n"
    "        aplastic anemia secondary to viral hepatitis) Graft failure patients: Mild to severe\n"
    "        venoocclusive disease allowed Renal: Aplastic anemia patients: Creatinine no greater than\n"
    "        2.0 mg/dL Creatinine clearance at least 60 mL/min Cardiovascular: Aplastic anemia patients:\n"
    "        Left ventricular ejection fraction at least 45% by MUGA or echocardiography No myocardial\n"
    "        infarction within the past 6 months No uncontrolled arrhythmias Pulmonary: Aplastic anemia\n"
    "        patients: FEV1 and DLCO at least 50% predicted\n")
_GRAFT_FAILURE = {"conditions": [{"name": "graft failure", "date": "2026-06-01"},
                                 {"name": "aplastic anemia", "present": False},
                                 {"name": "myocardial infarction", "date": "2026-09-01"}], "LVEF": 35}


def test_F3_an_item_under_a_disease_group_label_in_a_run_on_paragraph_binds_that_group_only():
    # (the criterion that holds 'No myocardial infarction within the past 6 months', as a sentence of its own or kept
    # with the label's run-on text)
    import eligibility
    for cw in (False, True):
        report = eligibility.screen(_NCT00005852, _GRAFT_FAILURE, as_of="2026-11-01", closed_world=cw)
        stack, held = list(report.results), []
        while stack:
            r = stack.pop()
            stack.extend(r.children)
            if "No myocardial infarction within the past 6 months" in r.text:
                held.append(r.status.value)
        assert held and "fail" not in held


# F4. The same label as a list heading ('Aplastic anemia patients:' over its items, as the record's PDQ lists set it):
# 'X patients:' is read as a requirement, history(X) AND the items, so a patient of the trial's other group fails the
# heading even when every item under it is met (a graft-failure patient, aplastic anaemia recorded absent, LVEF 60%, no
# infarction: 'aplastic anemia: recorded as absent' → fail). 'Patients with aplastic anemia:' over the same items
# binds only that group and is met (match) by the same patient; 'Multiple myeloma patients:', 'Graft failure patients:'
# fail as 'Aplastic anemia patients:' does. (criteria/interpret: a '<disease> patients:' heading.)
@pytest.mark.parametrize("heading, items, patient", [
    ("Aplastic anemia patients:",
     ["Left ventricular ejection fraction at least 45% by MUGA or echocardiography",
      "No myocardial infarction within the past 6 months"],
     {"conditions": [{"name": "graft failure", "date": "2026-06-01"}, {"name": "aplastic anemia", "present": False},
                     {"name": "myocardial infarction", "present": False}], "LVEF": 60}),
    ("Multiple myeloma patients:", ["Serum M-protein at least 1.0 g/dL"],
     {"conditions": ["follicular lymphoma", {"name": "multiple myeloma", "present": False}], "serum M-protein": "0 g/dL"}),
    ("Graft failure patients:", ["Karnofsky 20-100%"],
     {"conditions": ["aplastic anemia", {"name": "graft failure", "present": False}], "Karnofsky": 10}),
])
def test_F4_a_disease_group_heading_binds_its_group_and_requires_no_one_to_have_the_disease(heading, items, patient):
    doc = "Inclusion Criteria:\n* " + heading + "\n" + "".join(f"   * {i}\n" for i in items)
    assert "fail" not in doc_statuses(doc, patient)


def test_F4_the_trial_s_own_section():
    doc = ("PATIENT CHARACTERISTICS:\n\nCardiovascular:\n\n  -  Aplastic anemia patients:\n\n"
           "       -  Left ventricular ejection fraction at least 45% by MUGA or echocardiography\n\n"
           "       -  No myocardial infarction within the past 6 months\n")
    patient = {"conditions": [{"name": "graft failure", "date": "2026-06-01"}, {"name": "aplastic anemia", "present": False},
                              {"name": "myocardial infarction", "present": False}], "LVEF": 60}
    assert "fail" not in doc_statuses(doc, patient)


# F5. NCT00004072 (line 75, a multiple myeloma trial) 'Corrected DLCO at least 60% predicted': 'corrected DLCO' is a
# synonym of the vocabulary's one `dlco`, so the record's DLCO, not said to be corrected for haemoglobin, fails the
# limit. Corrected for an anaemic patient's haemoglobin a DLCO rises (8.5 g/dL: about a quarter), so 55% measured does
# not say the corrected value is below 60%. The library already keeps 'DLCO (corrected for hemoglobin) at least 50%'
# from deciding on the same record; 'Corrected DLCO' and 'DLCO adjusted for hemoglobin' (a listed synonym) decide.
_ANAEMIC_DLCO = {"DLCO": 55, "hemoglobin": "8.5 g/dL"}


@pytest.mark.parametrize("text", ["Corrected DLCO at least 60% predicted", "DLCO adjusted for hemoglobin ≥ 60%"])
def test_F5_a_dlco_not_said_to_be_corrected_does_not_fail_a_corrected_dlco_limit(text):
    assert "fail" not in statuses(text, "inclusion", _ANAEMIC_DLCO)


# Checks around the findings: what the mends must leave as it was.
def test_check_other_immunosuppressants_and_a_chronic_steroid_still_exclude():
    for course in ({"name": "tacrolimus", "start": "2026-01-01"},
                   {"name": "prednisone", "start": "2024-01-01", "status": "chronic, for rheumatoid arthritis"}):
        assert statuses(_NCT01704287_E6, "exclusion", {"therapies": [course]}) == ["fail", "fail"]


def test_check_the_group_s_own_patient_is_still_held_by_its_limits():
    doc = ("PATIENT CHARACTERISTICS:\n\nCardiovascular:\n\n  -  Aplastic anemia patients:\n\n"
           "       -  Left ventricular ejection fraction at least 45% by MUGA or echocardiography\n")
    patient = {"conditions": ["aplastic anemia"], "LVEF": 35}
    assert doc_statuses(doc, patient) == ["fail", "fail"]
    assert doc_statuses("Inclusion Criteria:\n* Patients with aplastic anemia:\n   * Left ventricular ejection fraction "
                        "at least 45%\n", {"conditions": [{"name": "aplastic anemia", "present": False}], "LVEF": 35}) \
        == ["match", "match"]


def test_check_a_plain_dlco_and_the_cns_trial_s_other_exclusions_still_decide():
    assert statuses("DLCO at least 60% predicted", "inclusion", {"DLCO": 55}) == ["fail", "fail"]
    lepto = {"conditions": [{"name": "leptomeningeal disease", "date": "2026-10-01"}]}
    assert text_statuses(_NCT02807636_CNS, lepto, "Leptomeningeal disease") == ["fail", "fail"]
