"""Sentences of the registry's common templates, read whole (each was left unread): a bilirubin limit whose alternative is
for everyone the first limit keeps out, and recovery 'to ≤ Grade 1 or baseline'. Each case in both worlds, through
`screen` and the Screener (which must agree)."""

import pytest
from _screening import statuses

BILIRUBIN = ("Total bilirubin ≤1.5 × ULN OR direct bilirubin ≤ ULN for participants with total bilirubin levels >1.5 × ULN")
BILIRUBIN_NCI = ("Serum total bilirubin =< 1.5 x upper limit of normal (ULN) OR direct bilirubin =< ULN for patients with total "
                 "bilirubin levels > 1.5 x ULN")


def _bili(total, direct):
    return {"total bilirubin": {"value": total, "unit": "mg/dL", "uln": 1.2},
            "direct bilirubin": {"value": direct, "unit": "mg/dL", "uln": 0.3}}


@pytest.mark.parametrize("text", [BILIRUBIN, BILIRUBIN_NCI])
@pytest.mark.parametrize(("total", "direct", "expected"), [
    (1.0, 0.2, "match"), (1.8, 0.9, "match"),   # (1.5 × ULN is 1.8 mg/dL: at the limit)
    (2.4, 0.2, "match"),                        # (above it, the direct bilirubin is normal)
    (2.4, 0.5, "fail")])
def test_a_direct_limit_for_those_the_total_limit_keeps_out_is_its_alternative(text, total, direct, expected):
    assert statuses(text, "inclusion", _bili(total, direct)) == [expected, expected]


@pytest.mark.parametrize("text", [
    # (a group that is not everyone the first limit keeps out: between 1.5 and 2 × ULN, neither limit is said to bind)
    "Total bilirubin ≤1.5 × ULN OR direct bilirubin ≤ ULN for participants with total bilirubin levels >2 × ULN",
    # (exactly 1.5 × ULN is in neither)
    "Total bilirubin < 1.5 × ULN OR direct bilirubin ≤ ULN for participants with total bilirubin levels >1.5 × ULN"])
def test_a_group_that_is_not_the_complement_stays_unread(text):
    assert statuses(text, "inclusion", _bili(2.0, 0.2)) == ["unknown", "unknown"]


@pytest.mark.parametrize("text", [
    "Has recovered from all AEs due to previous therapies to ≤Grade 1 or baseline",
    "Patients must have recovered from all AEs due to previous therapies to ≤ Grade 1 or baseline"])
def test_recovery_to_grade_1_is_the_site_s_confirmation(text):
    assert statuses(text, "inclusion", {"age": 60}) == ["unknown", "unknown"]
    assert statuses(text, "inclusion", {"attestations": {"recovered from prior therapy": True}}) == ["match", "match"]
    assert statuses(text, "inclusion", {"attestations": {"recovered from prior therapy": False}}) == ["fail", "fail"]


def test_a_grade_limit_that_is_not_recovery_is_no_confirmation():
    assert statuses("Recovered to ≤ grade 3", "inclusion", {"attestations": {"recovered from prior therapy": True}}) == [
        "unknown", "unknown"]


CREATININE = ("Serum creatinine ≤ 1.5 × ULN or creatinine clearance ≥ 60 mL/min for participants with creatinine levels > 1.5 × "
              "institutional ULN")


@pytest.mark.parametrize(("creatinine", "clearance", "expected"), [
    (1.0, None, "match"), (2.0, 70, "match"), (2.0, 40, "fail"), (2.0, None, "unknown")])
def test_a_clearance_for_those_the_creatinine_limit_keeps_out_is_its_alternative(creatinine, clearance, expected):
    patient = {"creatinine": {"value": creatinine, "unit": "mg/dL", "uln": 1.2}}
    if clearance is not None:
        patient["creatinine clearance"] = f"{clearance} mL/min"
    assert statuses(CREATININE, "inclusion", patient) == [expected, expected]


def test_a_group_named_by_another_value_than_the_first_limit_s_stays_unread():
    text = "Total bilirubin ≤1.5 × ULN OR direct bilirubin ≤ ULN for participants with creatinine levels >1.5 × ULN"
    assert statuses(text, "inclusion", _bili(2.4, 0.2)) == ["unknown", "unknown"]


@pytest.mark.parametrize(("text", "patient", "expected"), [
    ("Prior exposure to a proteasome inhibitor", {"therapies": [{"name": "bortezomib", "start": "2020-01-01", "end": "2020-06-01"}]},
     ["match", "match"]),
    ("Prior exposure to a proteasome inhibitor", {"therapies": [{"name": "lenalidomide", "start": "2020-01-01", "end": "2020-06-01"}]},
     ["unknown", "fail"]),
    ("Prior exposure to at least 3 lines of therapy", {"prior_lines": 4}, ["match", "match"]),
    ("Prior exposure to at least 3 lines of therapy", {"prior_lines": 2}, ["fail", "fail"])])
def test_exposure_to_a_therapy_is_having_been_given_it(text, patient, expected):
    assert statuses(text, "inclusion", patient) == expected


def test_exposure_to_an_infection_is_not_the_infection():
    # ('Known exposure to HIV': a contact, not an infection; the word stays unread beside it)
    assert "fail" not in statuses("Known exposure to HIV", "exclusion", {"conditions": [{"name": "HIV infection", "present": False}]})
    assert statuses("Known exposure to HIV", "exclusion", {"conditions": ["HIV infection"]}) == ["unknown", "unknown"]


@pytest.mark.parametrize("text", ["HER2-positive breast cancer", "Locally advanced or metastatic HER2-positive breast cancer"])
@pytest.mark.parametrize("record", ["HER2-positive breast cancer", {"name": "breast cancer", "status": "HER2-negative"},
                                    {"name": "breast cancer", "status": "locally advanced, HER2 negative"}, "breast cancer"])
def test_a_receptor_status_is_not_read_and_decides_nothing_wrongly(text, record):
    # (read as a qualifier, the receptor status joined the stage words' run, and 'locally advanced or metastatic
    # HER2-positive' was met by a locally advanced HER2-negative cancer: review 96 T1; taken back, it stays unread)
    got = statuses(text, "inclusion", {"conditions": [record]})
    assert "fail" not in got and "match" not in got


def test_receipt_of_a_therapy_is_having_been_given_it():
    text = "Receipt of live attenuated vaccine within 30 days prior to the first dose of study drug"
    recent = {"therapies": [{"name": "live vaccine", "date": "2026-10-20"}], "dates": {"first_dose": "2026-11-02"}}
    assert statuses(text, "exclusion", recent) == ["fail", "fail"]
    old = {"therapies": [{"name": "live vaccine", "date": "2025-10-20"}], "dates": {"first_dose": "2026-11-02"}}
    assert statuses(text, "exclusion", old) == ["match", "match"]


@pytest.mark.parametrize("lead", ["Adequate organ function as defined below:", "Adequate normal organ and marrow function as follows:"])
def test_a_lead_that_says_the_values_follow_asks_them(lead):
    text = f"{lead} Haemoglobin ≥9.0 g/dL; Absolute neutrophil count (ANC) ≥1.5 × 10^9/L; Platelet count ≥100 × 10^9/L"
    good = {"hemoglobin": "10 g/dL", "ANC": "2.0 x10^9/L", "platelets": "150 x10^9/L"}
    assert statuses(text, "inclusion", good) == ["match", "match"]
    assert statuses(text, "inclusion", {**good, "hemoglobin": "8 g/dL"}) == ["fail", "fail"]


def test_a_lead_that_ends_the_text_leads_the_list_below_it():
    # ('Creatinine within normal limits for age as follows:' over a table of ages and limits: the table says what the
    # limits are; read as the creatinine's own normal limits, a 14-year-old at 1.5 mg/dL failed the table's 1.8)
    doc = ("Inclusion Criteria:\n\nCreatinine within normal limits for age as follows:\n\n  - Younger than 5 -- no greater than "
           "1.2\n\n  - 10-15 -- no greater than 1.8\n")
    from _screening import doc_statuses

    assert "fail" not in doc_statuses(doc, {"age": 14, "creatinine": {"value": 1.5, "unit": "mg/dL", "uln": 1.0}})


@pytest.mark.parametrize(("text", "section", "patient", "expected"), [
    ("Participants with active, known or suspected autoimmune disease", "exclusion",
     {"conditions": [{"name": "rheumatoid arthritis", "status": "active"}]}, ["fail", "fail"]),
    ("Participants with active, known or suspected autoimmune disease", "exclusion",
     {"conditions": [{"name": "autoimmune disease", "present": False}]}, ["unknown", "unknown"]),   # (a suspicion is not recorded)
    ("No known or suspected brain metastases", "inclusion", {"conditions": ["brain metastases"]}, ["fail", "fail"]),
    ("No known or suspected brain metastases", "inclusion", {"conditions": [{"name": "brain metastases", "present": False}]},
     ["unknown", "unknown"])])
def test_what_is_known_decides_and_a_suspicion_stays_open(text, section, patient, expected):
    assert statuses(text, section, patient) == expected


@pytest.mark.parametrize(("text", "section", "patient", "expected"), [
    ("Current or prior use of immunosuppressive medication within 14 days before the first dose",
     "exclusion", {"therapies": [{"name": "tacrolimus", "start": "2026-01-01"}], "dates": {"first_dose": "2026-11-05"}},
     ["fail", "fail"]),
    (("Negative hepatitis C virus (HCV) antibody test at screening, or positive HCV antibody test followed by a negative HCV "
      "RNA test at screening"), "inclusion", {"HCV antibody": "positive", "HCV RNA": "negative"}, ["match", "match"]),
    ("Mean resting QTc > 470 msec", "exclusion", {"QTc": "480 ms"}, ["fail", "fail"]),
    ("History of allogeneic organ transplant", "exclusion", {"procedures": ["kidney transplant"]}, ["fail", "fail"])])
def test_template_words_that_add_nothing(text, section, patient, expected):
    assert statuses(text, section, patient) == expected


def test_pulmonary_arterial_hypertension_is_no_systemic_hypertension():
    # (review 95, seen in passing: read as hypertension, an essential hypertension met it)
    assert statuses("Pulmonary arterial hypertension", "inclusion", {"conditions": ["essential hypertension"]}) == [
        "unknown", "fail"]
    assert statuses("Pulmonary arterial hypertension", "inclusion", {"conditions": ["pulmonary arterial hypertension"]}) == [
        "match", "match"]
    # (one kind of pulmonary hypertension: another kind, or one not said, is no pulmonary arterial hypertension, review 96 T2)
    assert statuses("Pulmonary arterial hypertension", "inclusion", {"conditions": ["pulmonary hypertension"]}) == [
        "unknown", "unknown"]


@pytest.mark.parametrize(("record", "expected"), [
    ({"name": "fungal infection", "status": "active, superficial"}, ["unknown", "unknown"]),  # (no invasive one, perhaps)
    ({"name": "aspergillosis", "status": "invasive, active"}, ["fail", "fail"]),
    ({"name": "fungal infection", "present": False}, ["match", "match"])])
def test_an_invasive_fungal_infection_is_one_the_record_says_is_invasive(record, expected):
    # (review 96, doubtful list: 'invasive fungal infection' was a synonym of any fungal infection, so a superficial one
    # failed 'No documented or suspected invasive fungal infection')
    assert statuses("No invasive fungal infection", "inclusion", {"conditions": [record]}) == expected
