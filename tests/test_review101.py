"""Review 101 of the changes d0bbabc..HEAD (part 24 and audit 100): wrong decided answers the changes introduce, or
that they were meant to mend and did not. Each test asserts the right answer (usually that a wrong status is absent) and
fails on the code reviewed; see /tmp/review101/FINDINGS.md."""

import pytest
from _screening import doc_statuses, statuses, text_statuses

_CAR_T = {"hemoglobin": "8 g/dL", "platelets": "50 x10^9/L", "therapies": ["CAR-T"], "sex": "male"}


# R1. A markdown heading over list items, not over section headers ('### Cohort A' / '### Cohort B' inside the
# inclusions), still sets the group of every later section header: the plain 'Exclusion Criteria:' after them binds only
# Cohort B, so Cohort A's patient with prior CAR-T is not excluded (before the change: excluded). segment.py: `md_group`
# is set whenever `_GROUP_ALONE` reads the markdown line, even when the next line is no section header.
def test_R1_a_markdown_heading_over_items_does_not_bind_a_later_exclusion_header():
    doc = ("Inclusion Criteria:\n\n### Cohort A\n\n- Hemoglobin >= 9 g/dL\n\n### Cohort B\n\n- Platelets >= 100 x10^9/L\n\n"
           "Exclusion Criteria:\n\n- Prior CAR-T therapy\n")
    assert "match" not in text_statuses(doc, {**_CAR_T, "cohort": "Cohort A"}, "Prior CAR-T therapy")


# R2. The group of a markdown heading ('## Part B') is carried to every later section header until another markdown
# line that is no header: a header that names everyone ('Exclusion Criteria for All Parts:', 'General Exclusion
# Criteria:', '(all participants)'), or a markdown header at the level of '## Part B' or above, binds only Part B, and
# Part A's patient with prior CAR-T is not excluded (before the change: excluded). segment.py: `group or md_group`, and
# a '#' line with 'clusion' in it never resets `md_group`.
@pytest.mark.parametrize("header", ["Exclusion Criteria for All Parts:", "General Exclusion Criteria:",
                                    "Exclusion Criteria (all participants):", "Exclusion Criteria (both parts):",
                                    "## Exclusion Criteria for all parts", "# Exclusion Criteria"])
def test_R2_a_markdown_part_heading_does_not_reach_a_header_for_everyone(header):
    doc = ("## Part A\n\nInclusion Criteria:\n\n- Hemoglobin >= 9 g/dL\n\n## Part B\n\nInclusion Criteria:\n\n"
           f"- Platelets >= 100 x10^9/L\n\n{header}\n\n- Prior CAR-T therapy\n")
    assert "match" not in text_statuses(doc, {**_CAR_T, "cohort": "Part A"}, "Prior CAR-T therapy")


# R3. An age heading that may name a group ('Patients aged 65 years or older:') decides only its direct items inside the
# age; an item under it that is itself a heading over a list ('Adequate organ function:' over 'Albumin ≥ 3 g/dL', 'At
# least one of the following:' over …) is not wrapped, so a 50-year-old fails the older patients' albumin limit (the very
# case the change was to mend, one level down), and among the exclusions is excluded by it. criteria.py
# `_for_maybe_group` is applied to `ch.rule` of the direct children only (a heading child's rule is NoRequirement,
# returned as is, and its own children are left bare).
@pytest.mark.parametrize("sub", ["- Adequate organ function:\n   - Albumin >= 3 g/dL\n   - Bilirubin <= 1.5 mg/dL\n",
                                 "- At least one of the following:\n   - Albumin >= 3 g/dL\n   - ECOG 0\n"])
def test_R3_a_nested_list_under_an_age_heading_does_not_fail_outside_the_age(sub):
    doc = f"Inclusion Criteria:\n\nPatients aged 65 years or older:\n\n{sub}\nExclusion Criteria:\n\n- Pregnancy\n"
    younger = {"age": 50, "albumin": "2.5 g/dL", "bilirubin": "1 mg/dL", "ECOG": 2}
    assert "fail" not in doc_statuses(doc, younger)


def test_R3_a_nested_list_under_an_age_heading_does_not_exclude_outside_the_age():
    doc = ("Inclusion Criteria:\n\n- ECOG 0-1\n\nExclusion Criteria:\n\nPatients aged 65 years or older:\n\n"
           "- Any of the following:\n   - Albumin < 3 g/dL\n   - ECOG >= 2\n")
    younger = {"age": 50, "albumin": "2.5 g/dL", "ECOG": 0}
    assert "fail" not in text_statuses(doc, younger, "Patients aged 65 years or older:")


# R4. '… and either:' over its alternatives among the exclusions: the placeholder is dropped ('combined below') but the
# item's own rule and its items are joined by 'any' there, so a patient with lung cancer and no brain metastasis is
# excluded by 'Brain metastasis and either: breast cancer / lung cancer'. criteria.py, the `ALTERNATIVES_FOLLOW`
# removal when children exist (audit 100 F5), combined as any other exclusion heading with a rule of its own.
def test_R4_and_either_among_the_exclusions_asks_both():
    doc = "Exclusion Criteria:\n\n- Brain metastasis and either:\n   - Breast cancer\n   - Lung cancer\n"
    patient = {"age": 60, "conditions": ["lung cancer", {"name": "brain metastases", "present": False}]}
    assert "fail" not in doc_statuses(doc, patient)


# R5. '… and one of the following:' (which `_AND_EITHER` names as the same case as '… and either') over its items is read
# as a bare heading (NoRequirement): the requirement before 'and' is dropped, so a patient with breast cancer whose
# record says no brain metastasis matches 'Brain metastasis and one of the following: breast / lung cancer' (and, among
# the exclusions, 'Brain metastasis with any of the following:' excludes one with lung cancer and no brain metastasis).
# The F5 mend covers only an item whose lead is read as a rule ('… and either:').
@pytest.mark.parametrize("lead", ["Brain metastasis and one of the following:",
                                  "Participant must have brain metastasis and at least one of the following:",
                                  "Brain metastasis plus at least one of:"])
def test_R5_and_one_of_the_following_keeps_its_own_requirement(lead):
    doc = f"Inclusion Criteria:\n\n- {lead}\n   - Breast cancer\n   - Lung cancer\n"
    patient = {"age": 60, "conditions": ["breast cancer", {"name": "brain metastases", "present": False}]}
    assert "match" not in doc_statuses(doc, patient)


def test_R5_with_any_of_the_following_among_the_exclusions_keeps_its_own_requirement():
    doc = "Exclusion Criteria:\n\n- Brain metastasis with any of the following:\n   - Breast cancer\n   - Lung cancer\n"
    patient = {"age": 60, "conditions": ["lung cancer", {"name": "brain metastases", "present": False}]}
    assert "fail" not in doc_statuses(doc, patient)


# R6. An inline lead that joins its clauses otherwise than the section, written with 'these' instead of 'the following'
# ('At least 1 of these: ANC ≥ 1.0 x 10^9/L; platelets ≥ 75 x 10^9/L'), is still read as all among the inclusions: a
# patient meeting the ANC limit fails on platelets. interpret.py `_FOLLOWING_LEAD` needs 'following'.
@pytest.mark.parametrize("text", ["At least 1 of these: ANC ≥ 1.0 x 10^9/L; platelets ≥ 75 x 10^9/L",
                                  "One of these criteria: ANC ≥ 1.0 x 10^9/L; platelets ≥ 75 x 10^9/L"])
def test_R6_an_inline_lead_with_these_is_not_read_as_all(text):
    assert "fail" not in statuses(text, "inclusion", {"anc": "2.0 x10^9/L", "platelets": "50 x10^9/L"})
