"""Review 86 (of the fixes of review 85): a condition's name followed by words about a test, a marker, a contact or a
status is read as leaving open whether the patient has it (both worlds unknown), never as a denial a complete record
turns into an absence, and never as the condition when the words deny it."""

import pytest
from _screening import never, statuses

import eligibility

HIV = "Known HIV infection"


# 1. one marker negative: a treated, suppressed or resolved disease is still one
@pytest.mark.parametrize("text, name", [
    (HIV, "HIV viral load undetectable"), (HIV, "HIV RNA undetectable"), (HIV, "HIV-1 RNA undetectable"),
    (HIV, "HIV RNA: not detected on ART"),
    ("History of hepatitis C", "HCV RNA undetectable after treatment"), ("History of hepatitis C", "hepatitis C viral load undetectable"),
    ("History of hepatitis B", "hepatitis B surface antigen negative, core antibody positive"),
    ("History of hepatitis B", "hepatitis B DNA undetectable on tenofovir"),
    ("History of hepatitis B", "hepatitis B e antigen negative chronic infection"),
])
def test_one_marker_negative_is_no_denial_in_a_complete_record(text, name):
    never(text, "exclusion", {"conditions": [name]}, "match")


# 2. a status with words after it that do not deny the condition is the condition
@pytest.mark.parametrize("text, name", [
    (HIV, "HIV status: never treated"), (HIV, "HIV status - no ART"), (HIV, "HIV status: not virally suppressed"),
    # (a bare 'not/no/never' going on to something else: open, since the twenty-first part's end; a denial, before)
    (HIV, "HIV - not suppressed"), (HIV, "HIV - no viral load detected on ART"),
    ("History of hepatitis B", "hepatitis B status - no treatment required"),
    ("History of stroke", "stroke status: no deficits"), ("History of stroke", "stroke - no residual deficit"),
    ("History of stroke", "stroke, not disabling"), ("History of hepatitis C", "hepatitis C - not cured"),
    ("History of hepatitis C", "hepatitis C, not yet treated"), ("History of breast cancer", "Breast cancer - no evidence of disease"),
    (HIV, "HIV - never started ART"), ("History of hepatitis B", "Hepatitis B - not diagnosed until 2019"),
])
def test_words_after_a_status_that_do_not_deny_it_leave_it_had(text, name):
    never(text, "exclusion", {"conditions": [name]}, "match")


@pytest.mark.parametrize("name", ["bortezomib - no response", "bortezomib, not refractory", "daratumumab - never progressed",
                                  "bortezomib - not given since cycle 4 due to neuropathy", "bortezomib - not received since 2023"])
def test_a_course_with_words_after_it_was_given(name):
    drug = name.split()[0].rstrip(",")
    never(f"Prior treatment with {drug}", "exclusion", {"therapies": [name]}, "match")


@pytest.mark.parametrize("name", ["bortezomib: not given", "bortezomib never started", "chemotherapy declined"])
def test_a_course_denied_is_not_given(name):
    drug = name.split()[0].rstrip(":")
    never(f"Prior treatment with {drug}", "exclusion", {"therapies": [name]}, "fail")


# 3. a contact, a likeness: open, not a denial and not the disease
@pytest.mark.parametrize("text, name", [
    ("History of tuberculosis", "TB contact, latent TB treated"),
    ("History of tuberculosis", "tuberculosis contact - developed active TB 2020"),
    ("History of tuberculosis", "tuberculosis - contact/airborne precautions"),
    ("History of hepatitis C", "hepatitis C contact (needle-stick), seroconverted 2019"),
    ("History of stroke", "stroke\u2013like episodes"),
])
def test_a_contact_or_likeness_is_undecided(text, name):
    assert statuses(text, "exclusion", {"conditions": [name]}) == ["unknown", "unknown"]


# 4. a status not recorded is no absence
@pytest.mark.parametrize("name", ["HIV status: not disclosed", "HIV status: not documented", "HIV status: not assessed",
                                  "HIV test: not done", "HIV test: declined", "HIV - not known"])
def test_a_status_not_recorded_is_undecided(name):
    assert statuses(HIV, "exclusion", {"conditions": [name]}) == ["unknown", "unknown"]


# (the plain denials still deny)
@pytest.mark.parametrize("name", ["HIV negative", "HIV test negative", "HIV: no", "stroke (not confirmed)", "HIV not detected"])
def test_a_plain_denial_still_denies(name):
    text = HIV if name.startswith("HIV") else "History of stroke"
    assert statuses(text, "exclusion", {"conditions": [name]}) == ["unknown", "match"]


# 5. FHIR: a pointer word with a result after it is no empty result (an older one would decide)
@pytest.mark.parametrize("said", ["Comment: seropositive", "Comment: HBsAg confirmed by neutralization", "see comment: +ve",
                                  "Comment: R", "see comment - HIGH", "Comments: elevated", "see comment: above the reference range"])
def test_a_fhir_pointer_with_a_result_after_it_is_not_set_aside(said):
    from eligibility.fhir import _NO_RESULT
    assert not _NO_RESULT.fullmatch(said)


# 6. a procedure the vocabulary does not name, numbered or after the last line, may be a line
def test_an_unnamed_procedure_with_a_line_keeps_the_count_open():
    lines = [{"name": "VRd", "line": 1, "start": "2021-01-01", "end": "2021-08-01"},
             {"name": "KPd", "line": 2, "start": "2023-01-01", "end": "2024-01-01", "status": "refractory"}]
    for procedure in ({"name": "auto-HCT", "line": 3, "date": "2024-06-01"}, {"name": "second ASCT", "date": "2024-06-01"}):
        record = {"therapies": lines, "procedures": [procedure]}
        never("At least 3 prior lines of therapy", "inclusion", record, "fail")
        never("No more than 2 prior lines of therapy", "inclusion", record, "match")
        never("Refractory to the last line of therapy", "inclusion", record, "match")


# 7. a null entry of a history list keeps a complete record open
@pytest.mark.parametrize("record", [{"conditions": [None, "hypertension"]}, {"conditions": [None]}])
def test_a_null_history_entry_keeps_a_complete_record_open(record):
    never("History of stroke", "exclusion", record, "match")
    report = eligibility.screen("Exclusion Criteria:\n* History of stroke\n", record, as_of="2026-11-01")
    assert any("null" in u for u in report.unused)


# ---- review 87: real denials and plans after the name are not the thing; words that leave it open leave it open
@pytest.mark.parametrize("text, name, category", [
    ("Prior CAR-T cell therapy", "CAR-T: not eligible", "therapies"), ("Prior CAR-T cell therapy", "CAR-T - not a candidate", "therapies"),
    ("Prior autologous stem cell transplant", "ASCT: not eligible", "procedures"),
    ("Prior autologous stem cell transplant", "ASCT - not yet", "procedures"),
    ("Prior radiotherapy", "Radiotherapy: not indicated", "therapies"),
    ("Prior treatment with bortezomib", "Bortezomib - not offered", "therapies"),
    ("Prior treatment with bortezomib", "bortezomib (not yet started)", "therapies"),
    (HIV, "HIV: not tested", "conditions"), (HIV, "HIV: no known history", "conditions"), (HIV, "HIV: no hx", "conditions"),
    ("History of stroke", "Stroke - no prior", "conditions"),
])
def test_a_denial_or_a_plan_after_the_name_is_not_the_thing(text, name, category):
    never(text, "exclusion", {category: [name]}, "fail")


@pytest.mark.parametrize("text, name", [
    (HIV, "HIV: unknown (not tested)"), (HIV, "HIV unknown status"), (HIV, "HIV - unclear if infected"), (HIV, "HIV, not ruled out"),
    ("History of hepatitis B", "Hepatitis B immune (vaccinated)"), ("History of hepatitis B", "Hepatitis B - immune by vaccination"),
    ("History of hepatitis B", "Hepatitis B: not immune"), ("History of hepatitis B", "Hepatitis B vaccination"),
    ("History of hepatitis C", "Hepatitis C: pending confirmation"), ("History of stroke", "stroke - pending MRI"),
])
def test_words_that_leave_it_open_leave_it_open(text, name):
    assert statuses(text, "exclusion", {"conditions": [name]}) == ["unknown", "unknown"]


@pytest.mark.parametrize("procedure", [{"name": "cataract surgery"}, {"name": "colonoscopy", "date": "2025-03-01"},
                                       {"name": "kyphoplasty", "line": 4, "status": "planned"}])
def test_an_unnamed_procedure_that_is_no_transplant_leaves_the_line_count_alone(procedure):
    lines = [{"name": "VRd", "line": 1, "start": "2020-01-01", "end": "2020-08-01"},
             {"name": "DKd", "line": 2, "start": "2021-01-01", "end": "2022-01-01"},
             {"name": "KPd", "line": 3, "start": "2022-03-01", "end": "2023-01-01"}]
    record = {"therapies": lines, "procedures": [procedure]}
    assert statuses("No more than 3 prior lines of therapy", "inclusion", record) == ["unknown", "match"]
    assert statuses("At least 3 prior lines of therapy", "inclusion", record) == ["match", "match"]


# ---- review 88: a denial stops after its word; one that goes on is no denial; brackets and dashes deny alike
@pytest.mark.parametrize("text, section, name, category", [
    ("Diagnosis of multiple myeloma", "inclusion", "multiple myeloma - not eligible for transplant", "conditions"),
    ("Diagnosis of multiple myeloma", "inclusion", "multiple myeloma - not a candidate for ASCT", "conditions"),
    (HIV, "exclusion", "HIV - not detected on ART", "conditions"), (HIV, "exclusion", "HIV - no prior treatment", "conditions"),
    ("Prior treatment with lenalidomide", "exclusion", "lenalidomide - not taken as prescribed", "therapies"),
    ("Prior CAR-T cell therapy", "exclusion", "CAR-T - not eligible for second infusion", "therapies"),
])
def test_a_not_that_goes_on_is_no_denial(text, section, name, category):
    never(text, section, {category: [name]}, "fail" if section == "inclusion" else "match")


@pytest.mark.parametrize("text, name, category", [
    (HIV, "HIV [no]", "conditions"), (HIV, "HIV \u2014 no", "conditions"), ("History of stroke", "stroke [ruled out]", "conditions"),
    ("Prior treatment with bortezomib", "bortezomib - not given due to insurance", "therapies"),
    ("Prior allogeneic stem cell transplant", "Allo-SCT - no suitable donor", "procedures"),
])
def test_a_denial_in_brackets_or_after_a_dash_denies(text, name, category):
    assert statuses(text, "exclusion", {category: [name]}) == ["unknown", "match"]


# a test's result after the name, in words the denial pattern does not know: open, not the condition (it was a wrong fail)
@pytest.mark.parametrize("text, name", [
    (HIV, "HIV nonreactive"), (HIV, "HIV: non-reactive"), (HIV, "HIV 1/2 Ab: non-reactive"), (HIV, "HIV seronegative"),
    ("History of hepatitis B", "Hepatitis B sAg negative"), ("History of hepatitis B", "Hepatitis B (HBsAg negative)"),
    ("History of hepatitis C", "Hepatitis C antibody screen: negative"), ("History of tuberculosis", "TB IGRA negative"),
    ("History of tuberculosis", "TB skin test negative"), ("History of tuberculosis", "TB: QuantiFERON negative"),
    ("History of tuberculosis", "Tuberculosis - PPD negative"), ("History of stroke", "Stroke: CT head negative"),
    ("History of stroke", "stroke - MRI negative"), ("Deep vein thrombosis", "DVT: Doppler negative"),
    ("Pulmonary embolism", "PE: CTPA negative"),
])
def test_a_result_after_the_name_is_no_condition(text, name):
    assert statuses(text, "exclusion", {"conditions": [name]}) == ["unknown", "unknown"]


def test_a_fhir_pointer_then_a_bare_no_is_not_set_aside():
    # ('see comment - no' may be the result, a 'no': not set aside, where an older result would decide)
    from eligibility.fhir import _NO_RESULT
    assert not _NO_RESULT.fullmatch("see comment - no")
    assert _NO_RESULT.fullmatch("QNS, no result")
