"""Audit 74 (how criteria combine): list quantifiers, flattened lists, scopes, continuations, permissions."""

import pytest

import eligibility

AS_OF = "2026-11-01"


def statuses(text, patient, closed=False):
    """The statuses by both paths, which must agree."""
    crit = eligibility.parse(text)
    report = eligibility.screen(crit, patient, as_of=AS_OF, closed_world=closed)
    got = {r.id: r.status.value for r in report.results}
    assert list(got.values()) == eligibility.Screener(crit).statuses(patient, as_of=AS_OF, closed_world=closed)
    return got


# -- F2: counts other than 'at least N of the following' -------------------------------------------------------------

PRIOR_CLASSES = "  * Prior proteasome inhibitor\n  * Prior IMiD\n  * Prior anti-CD38 antibody\n"


@pytest.mark.parametrize("lead", [
    "Must meet ≥ 2 of the following:", "Must meet 2 of the following:", "Two or more of the following:",
    "Meets at least two (2) of the following criteria:", "Any 2 of the following:", "Must have ≥2 of the following:",
    "Must meet two or more of the following:", "Two of the following:", "At least two of:", "Two or more of:",
])
def test_a_count_of_the_items_is_not_all_of_them(lead):
    text = f"Inclusion Criteria:\n* {lead}\n{PRIOR_CLASSES}"
    crit = eligibility.parse(text)
    assert (crit["I1"].combine, crit["I1"].n) == ("at_least", 2)
    assert statuses(text, {"therapies": ["bortezomib", "lenalidomide"]}, closed=True)["I1"] == "match"


def test_three_or_more_and_more_than_two_count_three():
    for lead in ("3 or more of the following:", "More than 2 of the following:"):
        crit = eligibility.parse(f"Inclusion Criteria:\n* {lead}\n{PRIOR_CLASSES}")
        assert (crit["I1"].combine, crit["I1"].n) == ("at_least", 3)
    # (a cap is no count of at least that many)
    crit = eligibility.parse(f"Inclusion Criteria:\n* No more than 2 of the following:\n{PRIOR_CLASSES}")
    assert crit["I1"].combine != "at_least"


# -- F3: 'both', and a heading joined to its list by 'with'/'and' ----------------------------------------------------

HBV = {"HBcAb": "positive", "HBV DNA": "undetectable"}


@pytest.mark.parametrize("lead", ["Both of the following:", "HBV infection, defined as both of the following:",
                                  "Must have both:", "Presence of both:", "Both:"])
def test_an_exclusion_that_asks_for_both_is_not_either(lead):
    text = f"Exclusion Criteria:\n* {lead}\n  * HBcAb positive\n  * HBV DNA detectable\n"
    assert eligibility.parse(text)["E1"].combine == "all"
    assert statuses(text, HBV)["E1"] == "match"
    # ('one or both' is either)
    assert statuses(text.replace(lead, "One or both of the following:"), HBV)["E1"] == "fail"


@pytest.mark.parametrize("lead", ["HBcAb positive with any of the following:", "HBcAb positive, and any of the following:"])
def test_an_exclusion_heading_with_its_list_needs_both(lead):
    text = f"Exclusion Criteria:\n* {lead}\n  * HBV DNA detectable\n  * HBsAg positive\n"
    assert eligibility.parse(text)["E1"].join == "and"
    assert statuses(text, {**HBV, "HBsAg": "negative"})["E1"] == "match"
    assert statuses(text, {**HBV, "HBsAg": "positive"})["E1"] == "fail"
    # ('… or any of the following:' stays either)
    assert statuses(text.replace(lead, "HBcAb positive or any of the following:"), {**HBV, "HBsAg": "negative"})["E1"] == "fail"


# -- F1: a flattened list after a lead of alternatives ---------------------------------------------------------------

@pytest.mark.parametrize("lead", [
    "Participants must meet at least one of these criteria:", "Must have one or more of the following:",
    "Must meet at least 2 of the following:", "Must meet one of the criteria below:", "Patients must have either:",
])
def test_items_after_a_flattened_lead_of_alternatives_are_not_each_required(lead):
    text = f"Inclusion Criteria:\n* {lead}\n* Age 65 years or older\n* Creatinine clearance < 60 mL/min\n"
    got = statuses(text, {"age": 70, "creatinine clearance": "80 mL/min"})
    assert got["I3"] == "unknown"


def test_either_names_two_alternatives_not_the_requirement_after_them():
    text = ("Inclusion Criteria:\n* Patients must have either:\n* Age 65 years or older\n* Creatinine clearance < 60 mL/min\n"
            "* ECOG 0-1\n")
    got = statuses(text, {"age": 70, "creatinine clearance": "80 mL/min", "ECOG": 3})
    assert (got["I3"], got["I4"]) == ("unknown", "fail")


# -- F17: a flattened bar lead among the inclusions ------------------------------------------------------------------

@pytest.mark.parametrize("lead", ["The following patients are not eligible:", "Patients must NOT have:", "Exclusions:",
                                  "Reasons for exclusion:", "Not eligible:", "Contraindications:"])
def test_items_after_a_flattened_bar_lead_are_not_required(lead):
    text = f"Inclusion Criteria:\n* Age ≥ 18 years\n* {lead}\n* HIV positive\n* HBsAg positive\n"
    got = statuses(text, {"HIV": "negative", "HBsAg": "negative", "age": 50})
    assert "fail" not in got.values()


def test_a_bar_lead_lasts_to_a_heading_that_asks_again():
    text = ("Inclusion Criteria:\n* Patients must NOT have:\n* HIV positive\n* Patients must have:\n* ECOG 0-1\n")
    got = statuses(text, {"HIV": "negative", "ECOG": 3})
    assert (got["I2"], got["I4"]) == ("unknown", "fail")


def test_items_nested_under_contraindications_are_not_required():
    text = "Inclusion Criteria:\n* Age ≥ 18 years\n* Contraindications:\n  * HIV positive\n  * HBsAg positive\n"
    got = statuses(text, {"HIV": "negative", "HBsAg": "negative", "age": 50})
    assert got["I2"] != "fail"


# -- F4: headings of a cohort, part, phase or group in words the label does not read ---------------------------------

@pytest.mark.parametrize("lead", [
    "For the Phase 1 dose escalation, must have:", "Patients in dose expansion stage must meet the following conditions:",
    "In the Phase II portion of the study the following eligibility criteria must be met:", "Study 3 only:", "Japan only:",
    "Randomized phase:", "Additional criteria for Cohort B:", "Specific inclusion criteria for Arm 2:",
    "Participants in Cohort 2:", "For patients enrolled in the expansion cohort:", "Substudy A:", "Sub-study B:", "Stage 2:",
    "Module 3:", "Patients enrolling on the combination arm:", "Safety run-in:", "Dose level 2:", "For the randomized portion:",
    "Extension cohort:", "Backfill cohort:", "Dose escalation:", "Healthy volunteers:", "inclusion criteria only for phase III:",
])
@pytest.mark.parametrize("nested", [True, False])
def test_a_group_heading_binds_only_that_group(lead, nested):
    text = f"Inclusion Criteria:\n* Age ≥ 18 years\n* {lead}\n{'  ' if nested else ''}* Platelets ≥ 75 × 10^9/L\n"
    got = statuses(text, {"age": 50, "platelets": "60 x10^9/L"})
    assert "fail" not in got.values()


def test_unbulleted_group_headings_bind_their_items():
    text = "Inclusion Criteria:\n\nDose escalation:\n\n  * Platelets ≥ 100 × 10^9/L\n\nDose expansion:\n\n  * Platelets ≥ 50 × 10^9/L\n"
    assert statuses(text, {"platelets": "70 x10^9/L"}) == {"I1": "unknown", "I2": "match"}


def test_patients_after_healthy_volunteers_are_a_group_too():
    text = ("Inclusion Criteria:\n\n  * Age ≥ 18 years\n\nHealthy volunteers:\n\n  * Age 18 to 40 years\n\nPatients:\n\n"
            "  * Age 50 to 90 years\n")
    assert statuses(text, {"age": 70})["I2"] == "unknown"
    assert statuses(text, {"age": 30})["I3"] == "unknown"
    # (without volunteers, 'Patients:' is everyone, and 'For all cohorts:' is every cohort)
    assert statuses("Inclusion Criteria:\n\nPatients:\n\n  * Age 50 to 90 years\n", {"age": 30})["I1"] == "fail"
    text = "Inclusion Criteria:\n* For all cohorts:\n* Platelets ≥ 75 × 10^9/L\n"
    assert statuses(text, {"platelets": "60 x10^9/L"})["I2"] == "fail"


# -- F13: an item that opens with 'Or', or a line 'OR' between two -----------------------------------------------------

@pytest.mark.parametrize("second", ["Or Karnofsky ≥ 70%", "OR Karnofsky ≥ 70%", "or Karnofsky ≥ 70%", "Or: Karnofsky ≥ 70%",
                                    "Alternatively, Karnofsky ≥ 70%", "OR\n* Karnofsky ≥ 70%"])
def test_an_item_opening_with_or_is_the_alternative_of_the_one_before(second):
    text = f"Inclusion Criteria:\n* ECOG 0-1\n* {second}\n"
    got = statuses(text, {"ECOG": 2, "karnofsky": 80})
    assert set(got.values()) == {"match"}


def test_or_opening_a_numbered_item_joins_it_to_the_one_before():
    text = "Inclusion Criteria:\n1. Serum creatinine ≤ 1.5 mg/dL\n2. OR creatinine clearance ≥ 60 mL/min\n"
    assert statuses(text, {"creatinine": "2.0 mg/dL", "creatinine clearance": "80 mL/min"})["I1"] == "match"
    assert statuses(text, {"creatinine": "2.0 mg/dL", "creatinine clearance": "40 mL/min"})["I1"] == "fail"


# -- F12, F22, F14: an item that carries on the one above it -----------------------------------------------------------

def test_an_unless_item_carries_on_the_requirement_above():
    text = "Inclusion Criteria:\n* ANC ≥ 1.0 × 10^9/L\n* unless due to bone marrow involvement\n"
    got = statuses(text, {"ANC": "0.8 x10^9/L", "conditions": ["bone marrow involvement"]})
    assert got == {"I1": "unknown"}


def test_a_lower_case_or_item_carries_on_the_limit_above():
    text = "Inclusion Criteria:\n* Platelets ≥ 75 × 10^9/L\n* or ≥ 50 × 10^9/L in patients with bone marrow involvement\n"
    assert len(eligibility.parse(text)) == 1
    assert "fail" not in statuses(text, {"platelets": 60, "conditions": ["bone marrow involvement"]}).values()


@pytest.mark.parametrize("second", ["unless fully recovered", "except patients who have fully recovered"])
def test_an_exception_item_carries_on_the_exclusion_above(second):
    text = f"Exclusion Criteria:\n* Stroke within 6 months\n* {second}\n"
    got = statuses(text, {"conditions": [{"name": "stroke", "date": "2026-08-01", "status": "fully recovered"}]})
    assert got == {"E1": "unknown"}


def test_a_bracket_split_across_two_items_is_one_criterion():
    text = "Inclusion Criteria:\n* ANC ≥ 1.0 × 10^9/L (unless due to\n* bone marrow involvement)\n"
    crit = eligibility.parse(text)
    assert len(crit) == 1 and crit["I1"].text == "ANC ≥ 1.0 × 10^9/L (unless due to bone marrow involvement)"
    assert statuses(text, {"ANC": 1.5, "conditions": [{"name": "bone marrow involvement", "present": False}]}) == {"I1": "match"}


def test_exclusion_items_joined_by_with_are_one_reason():
    text = "Exclusion Criteria:\n* HBcAb positive with\n* detectable HBV DNA\n"
    assert statuses(text, {"HBcAb": "positive", "HBV DNA": "undetectable"}) == {"E1": "match"}
    assert statuses(text, {"HBcAb": "positive", "HBV DNA": "detectable"}) == {"E1": "fail"}


@pytest.mark.parametrize("items", ["HBcAb positive, and\n* HBV DNA detectable", "HBcAb positive\n* and HBV DNA detectable",
                                   "HBcAb positive\n* AND HBV DNA detectable"])
def test_exclusion_items_joined_by_and_exclude_no_one_on_one_half(items):
    # (review 74: 'and' between items is one reason in two halves, or a list whose items each exclude; merged into one
    # 'and', 'Myocardial infarction within 6 months, and' / 'Uncontrolled hypertension' let an MI through: deliberately
    # changed from one merged item to items that decide only where both readings agree)
    text = f"Exclusion Criteria:\n* {items}\n"
    assert "fail" not in statuses(text, {"HBcAb": "positive", "HBV DNA": "undetectable"}).values()
    assert "fail" in statuses(text, {"HBcAb": "positive", "HBV DNA": "detectable"}).values()


def test_a_list_closing_and_among_inclusions_keeps_the_items_apart():
    text = "Inclusion Criteria:\n* Hemoglobin ≥ 10 g/dL, and\n* Platelets ≥ 75 × 10^9/L\n* unless due to marrow involvement\n"
    crit = eligibility.parse(text)
    assert [c.text for c in crit] == ["Hemoglobin ≥ 10 g/dL, and", "Platelets ≥ 75 × 10^9/L unless due to marrow involvement"]


# -- F12, F11: a permission after, or under, the requirement it relaxes ------------------------------------------------

@pytest.mark.parametrize("second", ["(ECOG 2 allowed if due to myeloma bone disease)", "ECOG 2 is allowed if due to bone pain",
                                    "Note: ECOG 2 permitted if due to bone pain"])
def test_a_permission_after_a_limit_leaves_it_undecided(second):
    text = f"Inclusion Criteria:\n* ECOG 0-1\n* {second}\n"
    assert statuses(text, {"ECOG": 2})["I1"] == "unknown"
    assert statuses(text, {"ECOG": 0})["I1"] == "match"


def test_also_acceptable_is_another_way_to_meet_the_item_before():
    text = "Inclusion Criteria:\n* ECOG 0-1\n* Karnofsky ≥ 70% is also acceptable\n"
    assert statuses(text, {"ECOG": 2, "karnofsky": 80})["I1"] == "unknown"


@pytest.mark.parametrize("second", ["Adequately treated basal cell carcinoma of the skin is allowed",
                                    "Except adequately treated basal cell carcinoma of the skin",
                                    "with the exception of adequately treated basal cell carcinoma of the skin"])
def test_an_allowed_kind_after_a_malignancy_bar_is_no_reason_to_exclude(second):
    text = f"Inclusion Criteria:\n* Multiple myeloma\nExclusion Criteria:\n* Other malignancy within 3 years\n* {second}\n"
    patient = {"conditions": ["multiple myeloma", {"name": "basal cell carcinoma", "date": "2025-01-01",
                                                   "status": "adequately treated"}]}
    assert statuses(text, patient)["E1"] != "fail"


@pytest.mark.parametrize("sub", ["ECOG 2 allowed if due to bone pain",
                                 "Note: patients with ECOG 2 due to myeloma bone disease are eligible"])
def test_a_permission_under_a_limit_does_not_fail_those_it_lets_in(sub):
    text = f"Inclusion Criteria:\n* ECOG performance status 0-1\n  * {sub}\n"
    assert statuses(text, {"ECOG": 2})["I1"] == "unknown"
    assert statuses(text, {"ECOG": 1})["I1"] == "match"


def test_a_group_s_own_limit_under_a_limit_holds_for_the_group():
    text = "Inclusion Criteria:\n* Total bilirubin ≤ 1.5 × ULN\n  * Patients with Gilbert syndrome: total bilirubin ≤ 3 × ULN\n"
    gilbert = {"total bilirubin": {"value": 2.5, "unit": "mg/dL", "uln": 1.2}, "conditions": ["Gilbert syndrome"]}
    assert statuses(text, gilbert)["I1"] != "fail"
    assert statuses(text, {**gilbert, "total bilirubin": {"value": 4, "unit": "mg/dL", "uln": 1.2}})["I1"] == "fail"
    text = "Inclusion Criteria:\n* Platelets ≥ 75 × 10^9/L\n  * Patients with bone marrow involvement may have platelets ≥ 50 × 10^9/L\n"
    assert statuses(text, {"platelets": 60, "conditions": ["bone marrow involvement"]})["I1"] != "fail"


# -- F15: an 'Exceptions: …' sub-item under an exclusion ----------------------------------------------------------------

@pytest.mark.parametrize("sub", ["Exceptions: adequately treated basal cell carcinoma of the skin or carcinoma in situ of the cervix",
                                 "Exceptions: adequately treated basal cell carcinoma of the skin"])
def test_an_exceptions_sub_item_excepts_its_kinds(sub):
    text = f"Inclusion Criteria:\n* Multiple myeloma\nExclusion Criteria:\n* Other malignancy within 3 years\n  * {sub}\n"
    bcc = {"conditions": ["multiple myeloma", {"name": "basal cell carcinoma", "date": "2025-01-01", "status": "adequately treated"}]}
    assert statuses(text, bcc)["E1"] != "fail"
    assert statuses(text, {"conditions": ["multiple myeloma", {"name": "breast cancer", "date": "2025-01-01"}]})["E1"] == "fail"


# -- F16: '… are not excluded', '… is not an exclusion criterion' -------------------------------------------------------

BAR = "Has a known additional malignancy that is progressing or has required active treatment within the past 5 years."


def test_a_not_excluded_note_reaches_the_malignancy_bar_above():
    text = (f"Inclusion Criteria:\n* Multiple myeloma\nExclusion Criteria:\n* {BAR}\n* Note: Patients with basal cell carcinoma "
            "of the skin, squamous cell carcinoma of the skin, or carcinoma in situ (e.g., breast carcinoma, cervical cancer in "
            "situ) that have undergone potentially curative therapy are not excluded.\n")
    bcc = {"conditions": ["multiple myeloma", {"name": "basal cell carcinoma", "date": "2025-03-01",
                                               "status": "requiring active treatment within the past 5 years"}]}
    assert statuses(text, bcc)["E1"] == "unknown"
    # (the note reaches only the kinds it names: a melanoma, with no basal cell carcinoma on a complete record, is excluded)
    melanoma = {"conditions": ["multiple myeloma", {"name": "melanoma", "date": "2025-03-01", "status": "progressing"}]}
    assert statuses(text, melanoma, closed=True)["E1"] == "fail"


def test_a_not_an_exclusion_note_excludes_no_one_and_relaxes_the_bar():
    text = ("Exclusion Criteria:\n* Known hepatitis B infection\n* Note: a fully resolved acute hepatitis B infection is not an "
            "exclusion criterion\n")
    got = statuses(text, {"conditions": [{"name": "hepatitis B", "status": "resolved"}]})
    assert got == {"E1": "unknown", "E2": "match"}


# -- F18: a heading of examples -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lead", ["Measurable disease, such as:", "Measurable disease per IMWG criteria, e.g.:",
                                  "Have measurable disease, including:", "Measurable disease, which includes:"])
def test_examples_under_a_heading_are_not_all_asked(lead):
    text = f"Inclusion Criteria:\n* {lead}\n  * Serum M-protein ≥ 0.5 g/dL\n  * Urine M-protein ≥ 200 mg/24 hours\n"
    assert statuses(text, {"serum M-protein": "1.2 g/dL", "urine M-protein": "50 mg/24h"})["I1"] != "fail"
    # (values a heading asks for, 'including:', are all asked)
    text = text.replace(lead, "Adequate organ function, including:")
    assert statuses(text, {"serum M-protein": "1.2 g/dL", "urine M-protein": "50 mg/24h"})["I1"] == "fail"


# -- F19: a list lead's window over measured items ---------------------------------------------------------------------

@pytest.mark.parametrize("indent", ["  ", ""])
def test_a_lead_s_window_over_values_is_not_judged_on_the_latest(indent):
    text = ("Exclusion Criteria:\n* Any of the following within 6 months prior to the first dose:\n"
            f"{indent}* New York Heart Association Class III or IV heart failure\n{indent}* LVEF < 40%\n")
    patient = {"NYHA": [{"value": 3, "date": "2026-07-01"}, {"value": 2, "date": "2026-10-20"}],
               "LVEF": [{"value": 35, "unit": "%", "date": "2026-07-01"}, {"value": 55, "unit": "%", "date": "2026-10-20"}]}
    assert "match" not in statuses(text, patient).values()


# -- F20, F21: group headings between bullets ---------------------------------------------------------------------------

def test_an_unbulleted_label_after_a_bullet_heads_the_items_after_it():
    text = ("Inclusion Criteria:\nNORMAL VOLUNTEERS:\n* Age between 18 and 40 years.\n* No history of stroke.\n"
            "PATIENTS WITH ALZHEIMER DISEASE:\n* Age between 50 and 90 years.\n* Diagnosis of Alzheimer disease.\n")
    crit = eligibility.parse(text)
    assert [c.text for c in crit] == ["NORMAL VOLUNTEERS:", "PATIENTS WITH ALZHEIMER DISEASE:"]
    got = statuses(text, {"age": 70, "conditions": ["Alzheimer disease", {"name": "stroke", "present": False}]})
    assert "fail" not in got.values()
    text = "Inclusion Criteria:\nDose escalation:\n* Platelets ≥ 100 × 10^9/L\nDose expansion:\n* Platelets ≥ 50 × 10^9/L\n"
    assert statuses(text, {"platelets": 70}) == {"I1": "unknown", "I2": "match"}


def test_an_item_after_a_bulleted_section_header_does_not_nest_under_the_item_before_it():
    text = "Inclusion Criteria:\n* Age ≥ 18 years\n* Additional inclusion criteria for Part 2:\n  * Platelets ≥ 75 × 10^9/L\n"
    crit = eligibility.parse(text)
    assert [c.text for c in crit] == ["Age ≥ 18 years", "Platelets ≥ 75 × 10^9/L"] and not crit["I1"].children
    assert statuses(text, {"platelets": "60 x10^9/L", "age": 50}) == {"I1": "match", "I2": "unknown"}
