"""Review 95: wrong decided answers (and two lesser defects) that the change 9dba22f..HEAD introduces or leaves, each
pinned in both worlds, through `screen` and the Screener, which must agree. Every test here fails on the library as
reviewed (72335c5).

R1-R3 come from the trial-group labels (`ir.heading_group`, `criteria._GROUP_LINE`), R4-R5 from a list heading's window
on its items (`_criterion`'s `below_window`, `_heading_window_text`), R6 from a lasting condition joined to its kind by
`class` (evaluate.py), R7 from the exclusion join of a lead that asks more (`_LEAD_THEN_MORE`), R8 from the Roman
numerals with a letter (`ir._ROMAN_LETTERED`)."""

import pytest
from _screening import AS_OF, doc_statuses, statuses

import eligibility
from eligibility import ir


def _by_text(doc, patient, text):
    """The statuses (open world, closed world) of the criterion whose text is `text`, through `screen` and the Screener."""
    out = []
    for cw in (False, True):
        report = eligibility.screen(doc, patient, as_of=AS_OF, closed_world=cw)
        got = [r.status.value for r in report.results]
        assert eligibility.Screener(doc).statuses(patient, as_of=AS_OF, closed_world=cw) == got
        out.append(next(r.status.value for r in report.results if r.text.strip().rstrip(":") == text.rstrip(":")))
    return out


# ------------------------------------------------------------------ R1: a heading's narrowing words dropped
# `ir.heading_group` takes 'Part 2' out of 'Patients in Part 2 with brain metastases' (nothing else of the trial's groups
# is named) and binds the items to every Part 2 patient: one recorded without brain metastases, on dexamethasone for
# another reason, fails the corticosteroid limit that binds only those with brain metastases (before the change: unknown).
_STEROIDS = {"age": 60, "sex": "male", "ECOG": 1, "cohort": "Part 2",
             "conditions": [{"name": "brain metastases", "present": False}],
             "therapies": [{"name": "dexamethasone", "start": "2026-10-20"}], "dates": {"first_dose": "2026-11-05"}}


@pytest.mark.parametrize("heading", ["Patients in Part 2 with brain metastases:",
                                     "For participants in Part 2 with treated brain metastases:"])
def test_r1_a_heading_that_narrows_its_group_does_not_bind_the_whole_group(heading):
    doc = (f"Inclusion Criteria:\n\n- ECOG 0-1\n\n{heading}\n\n"
           "- No systemic corticosteroids within 14 days prior to the first dose\n")
    assert "fail" not in _by_text(doc, _STEROIDS, heading)


# ------------------------------------------------------------------ R2: a group named as the patient's past, or a later step
# 'Participants who completed Part 1:' is about patients (now in Part 2, say) who were in Part 1: the record's 'Part 2'
# says which group is screened for, not whether the patient was in Part 1, yet the items are waived as 'none of Part 1'.
# 'Crossover eligibility (Arm B patients only):' binds the step after randomisation, not Arm B's screening.
def test_r2_a_group_the_patient_came_from_is_not_the_group_screened_for():
    doc = "Inclusion Criteria:\n\n- ECOG 0-1\n\nParticipants who completed Part 1:\n\n- Hemoglobin ≥ 9 g/dL\n"
    patient = {"ECOG": 1, "hemoglobin": 8, "cohort": "Part 2"}
    assert "match" not in _by_text(doc, patient, "Participants who completed Part 1:")


def test_r2_crossover_criteria_do_not_bind_the_arm_s_screening():
    doc = ("Inclusion Criteria:\n\n- ECOG 0-1\n\nCrossover eligibility (Arm B patients only):\n\n"
           "- Hemoglobin ≥ 9 g/dL\n")
    patient = {"ECOG": 1, "hemoglobin": 8, "cohort": "Arm B"}
    assert "fail" not in _by_text(doc, patient, "Crossover eligibility (Arm B patients only):")


# ------------------------------------------------------------------ R3: a classification's 'group' read as a trial group
# `_GROUP_LINE` takes any line of up to three words, a 'group' and a short name as a trial-group label: 'ISUP Grade
# Group 2 or 3' (prostate), 'Gleason grade group 4 or 5', 'Pulmonary hypertension WHO group 2 or 3' become headings
# (an inclusion met, an exclusion that excludes no one) and the items after them are bound to a group no record names.
@pytest.mark.parametrize(("section", "text"), [("inclusion", "ISUP Grade Group 2 or 3"),
                                               ("exclusion", "Gleason grade group 4 or 5"),
                                               ("exclusion", "Pulmonary hypertension WHO group 2 or 3")])
def test_r3_a_classification_group_is_a_requirement_not_a_trial_group_label(section, text):
    patient = {"age": 70, "sex": "male", "conditions": ["prostate cancer", {"name": "pulmonary hypertension",
                                                                            "status": "WHO group 3", "date": "2020-01-01"}]}
    assert "match" not in statuses(text, section, patient)


# ------------------------------------------------------------------ R4: a sub-heading's own window in other words
# Review 94 S6 is mended for a sub-heading whose window says 'within'; one that says 'in the past 12 months' (or
# 'during the past 12 months', 'in the last year') still gets the heading's 6 months on its items: a stroke 9 months ago
# passes, which the sub-heading excludes.
_STROKE_9_MONTHS = {"conditions": [{"name": "stroke", "date": "2026-02-01"}, {"name": "myocardial infarction", "present": False},
                                   {"name": "tia", "present": False}], "dates": {"first_dose": "2026-11-05"}}


@pytest.mark.parametrize("sub", ["Cerebrovascular events in the past 12 months, including:",
                                 "Cerebrovascular events during the past 12 months, including:",
                                 "Cerebrovascular events in the last year, including:"])
def test_r4_a_sub_heading_s_own_window_in_other_words_holds_for_its_items(sub):
    doc = ("Exclusion Criteria:\n\n- Any of the following within 6 months prior to the first dose:\n\n  - Myocardial infarction\n\n"
           f"  - {sub}\n\n    - Stroke\n\n    - Transient ischemic attack\n")
    assert "match" not in doc_statuses(doc, _STROKE_9_MONTHS)


# ------------------------------------------------------------------ R5: words after the heading's window dropped
# The heading's window is read again after each item ('Myocardial infarction within 6 months prior to the first dose, or a
# history of'), and the reading drops the words that widen it: an infarction of 2025 passes what excludes any history.
@pytest.mark.parametrize("lead", ["Any of the following within 6 months prior to the first dose, or a history of:",
                                  "Any of the following within 6 months prior to the first dose and/or a history of:"])
def test_r5_words_after_the_window_that_widen_it_are_not_dropped(lead):
    doc = f"Exclusion Criteria:\n\n- {lead}\n\n  - Myocardial infarction\n\n  - Stroke\n"
    patient = {"conditions": [{"name": "myocardial infarction", "date": "2025-01-01"}, {"name": "stroke", "present": False}],
               "dates": {"first_dose": "2026-11-05"}}
    assert "match" not in doc_statuses(doc, patient)


# ------------------------------------------------------------------ R6: the entry joined by `class`, in the other branches
# Review 94 S7 moved one branch to `e.classes`; its siblings still ask `e.term.ancestors`, so an entry named in the
# record's own words and joined to its kind by `class` is read otherwise than the same entry named as the vocabulary names
# it: an NSTEMI of 2019 still 'active' on a problem list is an infarction 'ongoing, within 6 months' (the vocabulary's
# 'myocardial infarction' so recorded is unknown), a breast cancer of 2018 'in remission' was over in 2018 (the
# vocabulary's 'breast cancer' so recorded was over some day between then and now: unknown).
@pytest.mark.parametrize(("text", "entry", "wrong"), [
    ("Myocardial infarction within the past 6 months",
     {"name": "NSTEMI", "class": "myocardial infarction", "status": "active", "date": "2019-01-01"}, "fail"),
    ("History of breast cancer within the past 5 years",
     {"name": "Left breast IDC", "class": "breast cancer", "status": "in remission", "date": "2018-01-01"}, "match")])
def test_r6_an_entry_joined_by_class_is_read_as_its_vocabulary_twin(text, entry, wrong):
    assert wrong not in statuses(text, "exclusion", {"conditions": [entry]})


# ------------------------------------------------------------------ R7: a lead read as a class that does not hold its items
# Review 94 S8 joins an exclusion lead that asks more of its items with 'and'. Where the lead is read as a class
# ('History of the following thromboembolic events with onset in the past 6 months': thromboembolism within 6 months),
# items outside the vocabulary's class (an ischemic stroke, a TIA) exclude no one in the closed world: the lead is false.
def test_r7_a_lead_read_as_a_class_does_not_keep_its_listed_items_from_excluding():
    doc = ("Exclusion Criteria:\n\n- History of the following thromboembolic events with onset in the past 6 months:\n\n"
           "  - Deep vein thrombosis\n\n  - Pulmonary embolism\n\n  - Ischemic stroke\n\n  - Transient ischemic attack\n")
    patient = {"conditions": [{"name": "transient ischemic attack", "date": "2026-09-01"}]}
    assert "match" not in doc_statuses(doc, patient)


# ------------------------------------------------------------------ R8: 'Phase IV' read as '1V'
# `_ROMAN_LETTERED` tries 'I{1,3}' before 'IV' and 'IX', so 'IV' is 'I' with the letter 'V': 'Phase IV' names '1V', and a
# record's 'Phase 4' (or 'Part 9' against 'Part IX') is 'not named the way the label names its groups'. The docs set a
# phase's or part's Roman numerals aside, as the base did ('Phase 4' was one of 'Phase IV').
def test_r8_phase_iv_is_phase_4():
    assert ir.group_label("Phase IV") == ("phase", ["4"])
    assert ir.group_label("Part IX") == ("part", ["9"])
    assert doc_statuses("Inclusion Criteria:\n\nPhase IV:\n\n- ECOG 0-1\n", {"ECOG": 3, "cohort": "Phase 4"}) == ["fail", "fail"]
