"""Audit 85: wrong verdicts it found, each pinned in both worlds, through `screen` and the Screener (which must agree)."""

import pytest
from _screening import hbsag_bundle, never, statuses

import eligibility


# F1. a condition 'unless on' a therapy: the therapy is no kind of the condition set apart (no condition on record ever
# is one, and every patient with the condition was excluded); 'unless treated with' it is not read
def test_a_condition_unless_on_a_therapy_lets_in_those_on_it():
    text = "Known HIV infection unless on antiretroviral therapy"
    on = {"conditions": ["HIV infection"], "therapies": [{"name": "antiretroviral therapy", "start": "2019-01-01"}]}
    assert statuses(text, "exclusion", on) == ["match", "match"]
    assert statuses(text, "exclusion", {"conditions": ["HIV infection"]}) == ["unknown", "fail"]
    assert statuses(text, "exclusion", {"conditions": [{"name": "HIV infection", "present": False}]}) == ["match", "match"]
    dvt = {"conditions": [{"name": "deep vein thrombosis", "date": "2026-08-01"}],
           "therapies": [{"name": "apixaban", "start": "2026-08-01"}]}
    assert statuses("Deep vein thrombosis within 6 months unless on anticoagulation", "exclusion", dvt) == ["match", "match"]


@pytest.mark.parametrize("text, section, record", [
    ("Known CNS metastases unless treated with radiotherapy", "exclusion",
     {"conditions": ["brain metastases"], "therapies": [{"name": "radiotherapy", "start": "2020-01-01", "end": "2020-02-01"}]}),
    ("Other malignancy within 3 years, except those treated with curative radiotherapy", "exclusion",
     {"conditions": [{"name": "breast cancer", "date": "2024-01-01"}],
      "therapies": [{"name": "radiotherapy", "start": "2024-02-01", "end": "2024-03-01"}]}),
    ("No other malignancy within 5 years unless treated with curative surgery alone", "inclusion",
     {"conditions": [{"name": "multiple myeloma"}, {"name": "breast cancer", "date": "2024-01-01", "status": "treated with curative surgery"}],
      "procedures": [{"name": "mastectomy", "date": "2024-02-01"}]}),
])
def test_a_condition_unless_treated_with_is_not_failed_for_the_treated(text, section, record):
    never(text, section, record, "fail")
    # (the treatment need not be of that condition: not read as letting in either)
    assert "match" not in statuses(text, section, record)


# F2. the closed world's line count: a procedure's line counts, and a course with no line number begun after the last
# numbered line began may be another line
LINES = [{"name": "VRd", "line": 1, "start": "2020-01-01", "end": "2020-08-01"},
         {"name": "DKd", "line": 2, "start": "2021-01-01", "end": "2022-01-01"}]


def test_an_unnumbered_course_after_the_last_line_may_be_another_line():
    record = {"therapies": [*LINES, {"name": "pomalidomide", "start": "2024-01-01", "end": "2025-01-01"}]}
    assert statuses("At least 3 prior lines of therapy", "inclusion", record) == ["unknown", "unknown"]
    assert statuses("More than 2 prior lines of therapy", "exclusion", record) == ["unknown", "unknown"]
    # (numbered alone, the closed world's count is exact)
    assert statuses("At least 3 prior lines of therapy", "inclusion", {"therapies": LINES}) == ["unknown", "fail"]


def test_a_procedures_line_counts():
    record = {"therapies": LINES, "procedures": [{"name": "allogeneic stem cell transplant", "line": 3, "date": "2023-01-01"}]}
    assert statuses("At least 3 prior lines of therapy", "inclusion", record) == ["match", "match"]
    report = eligibility.screen("Inclusion Criteria:\n* At least 3 prior lines of therapy\n", record, as_of="2026-11-01")
    assert not any("line" in u for u in report.unused)


# ---- review 85 (of the fixes of reviews 84 and audit 85)

# 1. a test's status after a colon or a dash ('HIV test: not done') is no HIV infection; 2. nor is a contact of one
@pytest.mark.parametrize("name", ["HIV test: not done", "HIV screen: declined", "HIV status: never tested", "HIV test: query",
                                  "HIV test: no", "HIV status - no", "HIV status: not infected", "HIV status: not known",
                                  "HIV status unknown", "HIV contact 2019", "HIV contact tracing", "HIV contact (partner)",
                                  "HIV contact - tested negative", "HIV contact.", "HIV-contact"])
def test_a_test_status_or_a_contact_is_no_hiv_infection(name):
    never("Known HIV infection", "exclusion", {"conditions": [name]}, "fail")


@pytest.mark.parametrize("text, name", [
    ("History of hepatitis B", "hepatitis B surface antigen negative"), ("History of hepatitis B", "hepatitis B core antibody: negative"),
    ("History of hepatitis B", "hepatitis B status: immune"), ("History of hepatitis B", "hepatitis B screen: refused"),
    ("Hepatitis C infection", "HCV RNA: undetected"), ("History of stroke", "stroke work up negative"),
    ("History of stroke", "stroke\u2010like episodes"), ("History of stroke", "stroke -like"),
    ("Tuberculosis", "tuberculosis contact 2019"), ("Tuberculosis", "TB contact (household)"), ("Tuberculosis", "TB: contact"),
    ("Tuberculosis", "tuberculosis (contact)"),
])
def test_a_negative_test_or_a_likeness_is_not_the_condition(text, name):
    never(text, "exclusion", {"conditions": [name]}, "fail")


def test_an_immune_status_leaves_a_complete_record_open():
    # (immune by a vaccine, or by a past infection: not said)
    assert statuses("History of hepatitis B", "exclusion", {"conditions": ["hepatitis B status: immune"]}) == ["unknown", "unknown"]


# 3. a procedure's line counts only where it is a line's kind
def test_a_leukapheresis_of_a_line_never_given_is_no_line():
    record = {"therapies": [*LINES, {"name": "KPd", "line": 3, "start": "2022-03-01", "end": "2023-01-01"},
                            {"name": "ciltacabtagene autoleucel", "line": 4, "status": "not infused"}],
              "procedures": [{"name": "leukapheresis", "line": 4, "date": "2023-03-01", "status": "completed"}]}
    never("No more than 3 prior lines of therapy", "inclusion", record, "fail")
    never("At least 4 prior lines of therapy", "inclusion", record, "match")


# 4. 'except those on' a therapy asks of one going on
@pytest.mark.parametrize("text", ["Known HIV infection except those on antiretroviral therapy",
                                  "Known HIV infection unless those receiving antiretroviral therapy",
                                  "Known HIV infection, except patients who are on antiretroviral therapy"])
def test_except_those_on_a_therapy_asks_of_a_current_one(text):
    ended = {"conditions": ["HIV infection"],
             "therapies": [{"name": "antiretroviral therapy", "start": "2019-01-01", "end": "2021-01-01"}]}
    never(text, "exclusion", ended, "match")


# 5. the last line began with its earliest course given: a steroid added later, a course planned, is no later start
@pytest.mark.parametrize("extra", [{"name": "dexamethasone", "line": 2, "start": "2024-06-01"},
                                   {"name": "daratumumab", "line": 2, "start": "2027-01-01", "status": "planned"}])
def test_an_unnumbered_course_after_the_last_line_began_may_be_another_line(extra):
    record = {"therapies": [*LINES, extra, {"name": "pomalidomide", "start": "2023-01-01"}]}
    never("At least 3 prior lines of therapy", "inclusion", record, "fail")


def test_an_unnumbered_transplant_after_the_last_line_may_be_another_line():
    record = {"therapies": LINES, "procedures": [{"name": "allogeneic stem cell transplant", "date": "2023-01-01"}]}
    never("At least 3 prior lines of therapy", "inclusion", record, "fail")


# 6. a transplant numbered after the last line of therapy may be the last line
def test_a_later_numbered_transplant_leaves_the_last_line_open():
    record = {"therapies": [LINES[0], {**LINES[1], "status": "refractory"}],
              "procedures": [{"name": "allogeneic stem cell transplant", "line": 3, "date": "2023-01-01"}]}
    assert statuses("Refractory to the last line of therapy", "inclusion", record) == ["unknown", "unknown"]


# 7. FHIR pointer words with a recollection note are set aside, not the whole bundle refused
@pytest.mark.parametrize("said", ["QNS - recollect", "specimen haemolysed - repeat", "haemolysed, please repeat",
                                  "insufficient sample; recollect", "clotted specimen", "refer to report below",
                                  "lost in transit", "comment", "rejected", "specimen rejected"])
def test_a_fhir_pointer_with_a_note_is_set_aside(said):
    from eligibility.fhir import bundle_to_record
    record, skipped = bundle_to_record(hbsag_bundle((said, None)))
    eligibility.Patient.from_mapping(record)  # (no PatientDataError)
    assert skipped


# 8. nulls as values, lists of them, entries of history lists
@pytest.mark.parametrize("record", [{"sex": {"value": None}}, {"birth_date": {"value": None}}, {"prior_lines": {"value": None}},
                                    {"dates": {"first_dose": {"value": None}}}, {"prior_lines": [None]}, {"sex": [None]},
                                    {"conditions": [None, "stroke"]}])
def test_nulls_anywhere_are_no_value_and_reported(record):
    report = eligibility.screen("Inclusion Criteria:\n* Hemoglobin ≥ 9 g/dL\n", record, as_of="2026-11-01")
    assert any("null" in u for u in report.unused)


def test_a_null_identifier_is_not_reported():
    report = eligibility.screen("Inclusion Criteria:\n* Hemoglobin ≥ 9 g/dL\n", {"id": None}, as_of="2026-11-01")
    assert report.unused == []


@pytest.mark.parametrize("text, name", [("History of hepatitis C", "HCV RNA undetectable after treatment"),
                                        ("History of hepatitis B", "hepatitis B surface antigen negative")])
def test_one_marker_negative_does_not_deny_a_past_infection(text, name):
    # (a cured or resolved infection shows it too: a complete record stays open, not 'no history of it')
    assert statuses(text, "exclusion", {"conditions": [name]}) == ["unknown", "unknown"]
