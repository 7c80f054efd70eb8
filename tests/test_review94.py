"""Review 94: wrong decided answers the change 5375823..HEAD introduces or leaves (each pinned in both worlds, through
`screen` and the Screener, which must agree). Every test here fails on the library as reviewed.

S1-S3 come from the new trial-group labels (`ir.Cohort`, decided by the record's `cohort`), S4-S6 from a list heading's
window put on its items (`criteria._with_heading_window`), S7 from a lasting condition recorded with only a `date`
(evaluate.py), S8 from a list lead that asks more of its items (`criteria._LEAD_THEN_MORE`)."""

import json
from pathlib import Path

import pytest
from _screening import doc_statuses, statuses, text_statuses

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "trials.jsonl"




# ------------------------------------------------------------------ S1: a label's scope runs past the next group's line
# NCT03564691 (corpus line 326) lists 'Expansion phase Arm I participants:' then, without a colon, 'Expansion phase Arm J
# participants' and Arm J's own items ('Has received prior systemic therapy', …). The Arm I label binds them all: a
# patient recorded in Arm J is 'none of Expansion phase Arm I', so Arm J's requirements are met without being looked at.
_ARMS = ("Inclusion Criteria:\n\n Has a performance status of 0 or 1 on the ECOG Performance Scale \n\n"
         " Arm A participants: \n\n Has histologically confirmed metastatic pancreatic adenocarcinoma \n\n"
         " Arm B participants \n\n Has received prior systemic therapy \n\n Is a candidate for paclitaxel chemotherapy \n\n"
         "Exclusion Criteria:\n\n Has a known history of HIV \n")


def test_s1_an_arm_s_requirement_listed_after_its_uncoloned_label_is_not_waived_for_that_arm():
    patient = {"cohort": "Arm B", "therapies": [], "conditions": [{"name": "HIV", "present": False}]}
    assert "match" not in text_statuses(_ARMS, patient, "Has received prior systemic therapy")


def test_s1_nct03564691_arm_j_is_not_exempt_from_arm_j_s_own_items():
    doc = next(json.loads(line)["eligibility_criteria"] for line in CORPUS.open()
               if json.loads(line)["nct_id"] == "NCT03564691")
    patient = {"cohort": "Expansion phase Arm J", "conditions": ["breast cancer"], "therapies": []}
    assert "match" not in text_statuses(doc, patient, "Has received prior systemic therapy")


# ------------------------------------------------------------------ S2: the same group written another way
# 'Cohort II', 'Arm II', 'Group II', 'Phase Ib' and 'Cohort One' are read as groups other than the record's 'Cohort 2',
# 'Arm 2', 'Group 2', 'Phase 1b', 'Cohort 1': the ECOG limit that binds that very group is waived (the docs say only a
# phase's or part's Roman numerals are set aside; a group named another way should stay open).
@pytest.mark.parametrize(("label", "cohort"), [("Cohort II", "Cohort 2"), ("Arm II", "Arm 2"), ("Group II", "Group 2"),
                                               ("Phase Ib", "Phase 1b"), ("Cohort 1", "Cohort One")])
def test_s2_a_group_written_another_way_is_not_another_group(label, cohort):
    doc = f"Inclusion Criteria:\n\n{label}:\n\n- ECOG 0-1\n"
    assert "match" not in doc_statuses(doc, {"ECOG": 3, "cohort": cohort})


def test_s2_an_exclusion_for_arm_ii_still_excludes_arm_2():
    doc = "Exclusion Criteria:\n\n- Arm II: Prior CAR-T therapy\n"
    patient = {"cohort": "Arm 2", "therapies": [{"name": "ciltacabtagene autoleucel", "date": "2025-01-01"}]}
    assert "match" not in doc_statuses(doc, patient)


# ------------------------------------------------------------------ S3: a sub-group read as another group
# A record's 'Cohort 2A', 'Phase 1b', 'Part 1A' may well be in the label's 'Cohort 2', 'Phase 1', 'Part 1' (sub-cohorts,
# the expansion of phase 1); read as 'none of' them, the limit that binds the group is waived.
@pytest.mark.parametrize(("label", "cohort"), [("Cohort 2", "Cohort 2A"), ("Phase 1", "Phase 1b"), ("Part 1", "Part 1A")])
def test_s3_a_sub_group_is_not_outside_its_group(label, cohort):
    doc = f"Inclusion Criteria:\n\n{label}:\n\n- ECOG 0-1\n"
    assert "match" not in doc_statuses(doc, {"ECOG": 3, "cohort": cohort})


# ------------------------------------------------------------------ S4: the heading's own words before its window are dropped
_ITEMS = "\n\n  - Major surgery\n\n  - Radiotherapy\n\n  - Chemotherapy\n"
_NONE_GIVEN = {"age": 60, "procedures": [{"name": "major surgery", "present": False}],
               "therapies": [{"name": "radiotherapy", "present": False}, {"name": "chemotherapy", "present": False}]}
_SURGERY_12_DAYS = {"age": 60, "procedures": [{"name": "major surgery", "date": "2026-10-20"}],
                    "therapies": [{"name": "radiotherapy", "present": False}, {"name": "chemotherapy", "present": False}],
                    "dates": {"enrollment": "2026-11-02", "first_dose": "2026-11-03", "registration": "2026-11-02"}}


def test_s4_recovered_from_any_of_the_following_within_is_not_had_one_of_them():
    doc = ("Inclusion Criteria:\n\n- Patients must have recovered from the effects of any of the following within 4 weeks "
           "prior to registration:" + _ITEMS)
    assert "fail" not in doc_statuses(doc, _NONE_GIVEN)       # (nothing to recover from)
    assert "match" not in doc_statuses(doc, _SURGERY_12_DAYS)  # (whether she recovered is not recorded)


@pytest.mark.parametrize("lead", ["Unresolved toxicities from any of the following within 4 weeks prior to the first dose:",
                                  "Any of the following planned within 4 weeks of starting study treatment:"])
def test_s4_an_exclusion_lead_that_says_more_than_its_window_does_not_exclude_on_the_item_alone(lead):
    doc = f"Exclusion Criteria:\n\n- {lead}" + _ITEMS
    assert "fail" not in doc_statuses(doc, _SURGERY_12_DAYS)


# ------------------------------------------------------------------ S5: an item's own 'at any time' overridden
_STROKE_2020 = {"conditions": [{"name": "stroke", "date": "2020-02-01"}, {"name": "myocardial infarction", "present": False}],
                "dates": {"first_dose": "2026-11-05"}}


@pytest.mark.parametrize("item", ["Stroke at any time", "Stroke (at any time)", "Prior stroke regardless of timing"])
def test_s5_an_item_at_any_time_is_not_asked_within_the_heading_s_window(item):
    excl = ("Exclusion Criteria:\n\n- Any of the following within 6 months prior to the first dose:\n\n"
            f"  - Myocardial infarction\n\n  - {item}\n")
    incl = f"Inclusion Criteria:\n\n- None of the following within the past 6 months:\n\n  - Myocardial infarction\n\n  - {item}\n"
    assert "match" not in doc_statuses(excl, _STROKE_2020)
    assert "match" not in doc_statuses(incl, _STROKE_2020)


# ------------------------------------------------------------------ S6: a sub-heading's own window overridden
def test_s6_a_sub_heading_s_own_window_holds_for_its_items():
    doc = ("Exclusion Criteria:\n\n- Any of the following within 6 months prior to the first dose:\n\n  - Myocardial infarction\n\n"
           "  - Cerebrovascular events within the past 12 months, including:\n\n    - Stroke\n\n    - Transient ischemic attack\n")
    patient = {"conditions": [{"name": "stroke", "date": "2026-02-01"}, {"name": "myocardial infarction", "present": False},
                              {"name": "tia", "present": False}], "dates": {"first_dose": "2026-11-05"}}
    assert "match" not in doc_statuses(doc, patient)  # (a stroke 9 months ago is within the 12 months)


# ------------------------------------------------------------------ S7: a lasting condition joined by `class`
# Audit 87 F4 is mended for an entry named as the vocabulary names it; one whose name is the record's own and which joins
# the class by `class` ('HFrEF', class 'congestive heart failure', diagnosed 2020) is still read as over the day it was found.
_HFREF = {"conditions": [{"name": "HFrEF", "class": "congestive heart failure", "date": "2020-01-01"}]}


def test_s7_a_heart_failure_joined_by_class_is_not_out_of_a_recent_window():
    assert "match" not in statuses("Congestive heart failure within the past 6 months", "exclusion", _HFREF)
    assert "match" not in statuses("No congestive heart failure within the past 6 months", "inclusion", _HFREF)


# ------------------------------------------------------------------ S8: an exclusion lead that asks more, joined by 'or'
# The change keeps a lead such as '… requiring hospitalization:' from being a bare heading, but among the exclusions its
# unread words are joined to the items by 'or': a pneumonia nobody says was hospitalized still excludes.
@pytest.mark.parametrize("lead", ["Any of the following requiring hospitalization:",
                                  "Diagnosis of one of the following cancers and undergoing active treatment:"])
def test_s8_an_exclusion_lead_that_asks_more_of_its_items_does_not_exclude_on_an_item_alone(lead):
    doc = f"Exclusion Criteria:\n\n- {lead}\n\n  - Pneumonia\n\n  - Breast cancer\n\n- Known HIV infection\n"
    patient = {"conditions": [{"name": "pneumonia", "start": "2026-10-20"}, {"name": "breast cancer", "start": "2026-09-01"},
                              {"name": "HIV infection", "present": False}]}
    assert "fail" not in doc_statuses(doc, patient)
