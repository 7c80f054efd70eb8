"""Review 103 of the changes 0dbee97~1..HEAD (audit 100 F1/F2/F4, HTLV/HIV 1-2, review 101, audit 102): wrong decided
answers the changes introduce, or that they were meant to mend and did not. Each test asserts the right answer (usually
that a wrong status is absent) and fails on the code reviewed; see /tmp/review103/FINDINGS.md."""

import pytest
from _screening import statuses, text_statuses

_CAR_T = {"hemoglobin": "8 g/dL", "platelets": "150 x10^9/L", "therapies": ["CAR-T"], "sex": "male"}


# R103-1 (introduced). A markdown part heading over markdown section headers of the same level ('## Part A' over
# '## Inclusion Criteria', '## Exclusion Criteria') no longer binds them: the review 101 reset ('a markdown header as
# high as it') ends the part's group at the very header it heads, so Part A's criteria bind everyone and Part B's
# patient fails Part A's hemoglobin limit and is excluded by Part A's CAR-T exclusion (before: `match`, 'none of Part A').
# segment.py: `level <= md_level` resets `md_group` for the header right under the heading.
_MD_SAME_LEVEL = ("## Part A\n## Inclusion Criteria\n- Hemoglobin >= 9 g/dL\n## Exclusion Criteria\n- Prior CAR-T therapy\n\n"
                  "## Part B\n## Inclusion Criteria\n- Platelets >= 100 x10^9/L\n")


@pytest.mark.parametrize("text", ["Hemoglobin >= 9 g/dL", "Prior CAR-T therapy"])
def test_R103_1_a_part_heading_binds_the_markdown_headers_of_its_own_level_under_it(text):
    assert "fail" not in text_statuses(_MD_SAME_LEVEL, {**_CAR_T, "cohort": "Part B"}, text)


# R103-2 (introduced). `_EVERYONE_HEADER` takes any 'all'/'both'/'each' in a header's words as 'for everyone': a part's
# own header that says 'all of the following must be met' or 'for both sexes' loses the part's group ('## Part B' above
# it), so Part A's patient fails Part B's platelet limit (before: `match`, 'none of Part B').
@pytest.mark.parametrize("header", ["Inclusion Criteria (all of the following must be met):",
                                    "Inclusion Criteria - participants must meet all of the following:",
                                    "Inclusion Criteria for both sexes:"])
def test_R103_2_all_of_the_following_in_a_part_s_header_does_not_make_it_everyone_s(header):
    doc = (f"## Part A\nInclusion Criteria:\n- Hemoglobin >= 9 g/dL\n\n## Part B\n{header}\n- Platelets >= 100 x10^9/L\n")
    patient = {"cohort": "Part A", "hemoglobin": "10 g/dL", "platelets": "50 x10^9/L"}
    assert "fail" not in text_statuses(doc, patient, "Platelets >= 100 x10^9/L")


# R103-3 (introduced / not mended). `_ELIGIBLE_PROVIDED` wraps every item of an exclusion's permission lead as
# all(group, not(item)), whatever the lead's quantifier: with 'if they meet ANY of the following', a patient of the group
# who meets one alternative (bilirubin) and not the other (ALT) is excluded by the item he need not meet, and the lead
# itself fails ('any of 2 sub-items: liver metastases; ALT … > 5 × ULN').
_ANY_PERMISSION = ("Exclusion Criteria:\n\n Participants with liver metastases are eligible if they meet any of the following "
                   "criteria:\n\n * Total bilirubin <= 3 mg/dL\n * ALT <= 5 x ULN\n\n Pregnancy\n")
_LIVER_METS = {"conditions": ["liver metastases"], "bilirubin": "1.0 mg/dL", "ALT": {"value": 400, "unit": "U/L", "uln": 40}}


@pytest.mark.parametrize("text", ["ALT <= 5 x ULN",
                                  "Participants with liver metastases are eligible if they meet any of the following criteria:"])
def test_R103_3_one_alternative_of_an_any_permission_met_does_not_exclude(text):
    assert "fail" not in text_statuses(_ANY_PERMISSION, _LIVER_METS, text)


# R103-4 (introduced). The permission's items are read as inclusions and negated, so a misreading that was harmless as
# an exclusion now excludes: 'HIV viral load undetectable' reads as all(HIV antibody negative, 'viral load'), and under
# 'Patients with HIV are eligible if they meet all of the following:' every HIV patient (antibody positive) is excluded
# by it, undetectable viral load or not (before: `match`).
def test_R103_4_an_undetectable_viral_load_item_does_not_exclude_every_hiv_patient():
    doc = ("Exclusion Criteria:\n\n Patients with HIV are eligible if they meet all of the following:\n\n"
           " * On stable antiretroviral therapy for at least 4 weeks\n * HIV viral load undetectable\n\n Pregnancy\n")
    patient = {"conditions": ["HIV infection"], "HIV antibody": "positive",
               "therapies": [{"name": "antiretroviral therapy", "start": "2020-01-01"}]}
    assert "fail" not in text_statuses(doc, patient, "HIV viral load undetectable")


# R103-5 (not mended). Audit 102 F5: a DLCO not said to be corrected does not decide a corrected DLCO limit. The mend
# reads the correction only before or right after 'DLCO'; written after the value, the common way ('DLCO ≥ 60%
# (corrected for hemoglobin)'), the limit is still `dlco` and the anaemic patient's uncorrected 55% fails it.
@pytest.mark.parametrize("text", ["DLCO >= 60% (corrected for hemoglobin)",
                                  "DLCO >= 60% predicted, corrected for hemoglobin",
                                  "DLCO >= 60% (adjusted for hemoglobin)",
                                  "DLCO >= 60% after correction for hemoglobin"])
def test_R103_5_a_correction_written_after_the_value_is_still_a_corrected_dlco(text):
    assert "fail" not in statuses(text, "inclusion", {"DLCO": 55, "hemoglobin": "8.5 g/dL"})


# R103-6 (not mended). Audit 102 F2: the class after 'any other form of' is the class but the kinds named before it.
# `_other_than_before` looks only at the top `any_of`'s own items; when the first alternative carries unread words ('in
# the metastatic setting') the alternatives sit one level down and the 'other' class still takes in the kind named
# before: adjuvant pembrolizumab (an anti-PD-1 antibody, not in the metastatic setting) fails as 'immunotherapy'.
def test_R103_6_any_other_form_of_immunotherapy_is_not_the_anti_pd1_named_before():
    text = ("Prior treatment with an anti-PD-1 antibody in the metastatic setting, or any other form of immunotherapy")
    patient = {"therapies": [{"name": "pembrolizumab", "start": "2023-01-01", "end": "2023-06-01", "status": "adjuvant"}]}
    assert "fail" not in statuses(text, "exclusion", patient)


# R103-7 (introduced). `_ELIGIBLE_PROVIDED` does not look at what the lead says of its items: 'eligible if they do not
# have any of the following:' / 'eligible provided none of the following apply:' lists reasons that still exclude, yet
# each is read as a condition to meet and negated, all(group, not(item)): a heart-failure patient with neither an
# infarction nor a low LVEF is excluded by both items (before: `match`, the items read as the exclusions they are).
@pytest.mark.parametrize("lead", [("Participants with a history of heart failure are eligible if they do not have any of "
                                  "the following:"),
                                  ("Participants with a history of heart failure are eligible provided none of the following "
                                  "apply:")])
@pytest.mark.parametrize("text", ["Myocardial infarction within 6 months", "LVEF < 40%"])
def test_R103_7_a_negated_permission_lead_s_items_are_reasons_not_conditions(lead, text):
    doc = f"Exclusion Criteria:\n\n {lead}\n\n * Myocardial infarction within 6 months\n * LVEF < 40%\n\n Pregnancy\n"
    patient = {"conditions": ["congestive heart failure", {"name": "myocardial infarction", "present": False}],
               "LVEF": 55, "sex": "male"}
    assert "fail" not in text_statuses(doc, patient, text)
