"""Review 107 of the changes HEAD~2..HEAD ('Review 105: …' and 'Audit 106 …'): wrong decided answers the changes
introduce. Each test asserts the right answer (that the wrong status is absent), in both worlds, through `screen` and the
Screener (the helpers check they agree), and fails on the code reviewed; see /tmp/review107/FINDINGS.md."""

import pytest
from _screening import statuses, text_statuses


# R107-1 (introduced by the narrowed `_NEGATED_CONDITIONS`, review 105 R1). A permission lead whose items are what the
# group must NOT have, in words other than '… not have (any of) the following' / 'none of the following' ('… eligible if
# they have none of these:', '… eligible if they do not have:'), now falls to the branch that reads the items as what the
# group MUST meet: 'ECOG 2 or more' becomes all(brain metastases, not(ECOG ≥ 2)), and a patient with brain metastases,
# ECOG 1 and hemoglobin 11 — who has none of the items, exactly whom the lead lets in — is EXCLUDED by each item (FAIL).
# Before the change: match.
@pytest.mark.parametrize("lead", [
    "Patients with brain metastases are eligible if they have none of these:",
    "Patients with brain metastases are eligible if they do not have:",
])
@pytest.mark.parametrize("text", ["ECOG 2 or more", "Hemoglobin < 9 g/dL"])
def test_R107_1_a_lead_naming_what_the_group_must_not_have_keeps_its_items_as_reasons(lead, text):
    doc = f"Exclusion Criteria:\n\n {lead}\n\n * ECOG 2 or more\n * Hemoglobin < 9 g/dL\n\n Pregnancy\n"
    patient = {"conditions": ["brain metastases"], "ECOG": 1, "hemoglobin": "11 g/dL"}
    assert "fail" not in text_statuses(doc, patient, text)


# R107-2 (introduced by `_NEGATED_GRADE_CAP` + `_ACCEPTABLE_TAIL`, audit 106 F1). An exclusion that says which grade is
# acceptable AND bars the grades above it ('Sensory neuropathy Grade ≤ 1 is acceptable; patients with Grade ≥ 2
# neuropathy are excluded') is turned whole into a permission (`_ACCEPTABLE_TAIL` is searched anywhere, and unlike
# `_PERMISSION_SENTENCE` nothing checks for 'excluded', 'not', 'but' after it): a patient with active grade 3 sensory
# neuropathy is not excluded (MATCH). Before: fail / unknown.
# ('Peripheral neuropathy Grade ≤ 2 is acceptable, Grade 3 or higher is excluded' also MATCHES now, but it matched before
# the changes too, read as not(grade ≥ 3): pre-existing, left out.)
def test_R107_2_an_acceptable_grade_with_a_bar_above_it_still_bars():
    text = "Sensory neuropathy Grade ≤ 1 is acceptable; patients with Grade ≥ 2 neuropathy are excluded"
    patient = {"conditions": [{"name": "peripheral sensory neuropathy", "grade": 3, "status": "active",
                               "start": "2026-06-01"}]}
    assert "match" not in statuses(text, "exclusion", patient)


# R107-3 (introduced by `_NOT_CORRECTED`, review 105 R3). `_NOT_CORRECTED` is searched over the whole text, so a criterion
# that asks for the corrected DLCO and says, elsewhere, what holds for values 'not corrected' loses the corrected DLCO:
# the limit is put on the plain DLCO, and an anaemic patient whose corrected DLCO (55%) meets 50% FAILS on the
# uncorrected 45% (which the text rules out, or holds to another limit). Before: unknown.
@pytest.mark.parametrize("text", [
    "DLCO ≥ 50% corrected for hemoglobin. Values not corrected for hemoglobin are not acceptable",
    "DLCO ≥ 50% predicted (corrected for hemoglobin; if not corrected, DLCO ≥ 60%)",
])
def test_R107_3_a_word_on_uncorrected_values_does_not_drop_the_corrected_dlco(text):
    assert "fail" not in statuses(text, "inclusion", {"DLCO": 45, "DLCO corrected": 55, "hemoglobin": "9 g/dL"})


# R107-4 (introduced by the narrowed `_INCLUDED_UNTIL`, review 105 R2). 'should not be included until at least 3 months
# have passed since …', '… until ≥ 3 months after …' no longer count the wait to inclusion; the window falls back to
# screening, where the library's reading of the sentence (all(CAR-T, not(CAR-T within 3 months)), see R107-P) lets in
# a patient infused two weeks before screening: MATCH, with no enrollment date on record. Before: unknown (the day of
# inclusion not known). An infusion two weeks before screening is within 3 months of any inclusion the text allows.
@pytest.mark.parametrize("text", [
    ("Patients who have previously received CAR T cell therapy should not be included until at least 3 months have "
     "passed since the last CAR T cell infusion"),
    "Patients who received CAR T cell therapy cannot be enrolled until ≥ 3 months after the last CAR T cell infusion",
])
def test_R107_4_a_recent_infusion_is_not_let_in_by_a_wait_to_inclusion(text):
    patient = {"therapies": [{"name": "ciltacabtagene autoleucel", "date": "2026-10-15", "line": 4, "response": "PR"}]}
    assert "match" not in statuses(text, "exclusion", patient)


# R107-5 (introduced by `_ALL_OF_THEM_LINE`, audit 106 F2). The line's bracket is skipped whatever it says: 'All
# participants (Arms B and C)' after Arm A's items is read as 'everyone's from here', so the transplant exclusion after
# it binds Arm D too, which the bracket leaves out: an Arm D patient with a kidney transplant FAILS. Before: match (the
# item bound another arm). The items bind Arms B and C only.
def test_R107_5_all_participants_with_a_bracket_naming_some_arms_binds_only_those():
    text = "Has had an allogenic tissue/solid organ transplant."
    doc = ("Exclusion Criteria:\n\n Arm A participants: \n\n Has a known history of hypersensitivity to the study "
           f"chemotherapies \n\n All participants (Arms B and C) \n\n {text} \n")
    patient = {"cohort": "Arm D", "procedures": [{"name": "kidney transplant", "date": "2015-01-01"}]}
    assert "fail" not in text_statuses(doc, patient, text)


# R107-P (pre-existing, NOT introduced: found while probing R107-4). 'should not be included until at least 3 months
# after the last CAR T cell infusion' is read all(CAR-T, not(CAR-T within 3 months)): it excludes a patient infused long
# ago and lets in one infused recently. A CAR-T infusion of January 2025 FAILS the exclusion (before the changes too);
# the audit 104 F2 test passes only because its text adds '… and no previously used CAR T cells are detectable …'.
def test_R107_P_a_wait_long_over_does_not_exclude():
    text = ("Patients who have previously received CAR T cell therapy should not be included until at least 3 months "
            "after the last CAR T cell infusion")
    patient = {"therapies": [{"name": "ciltacabtagene autoleucel", "date": "2025-01-01", "line": 4, "response": "PR"}],
               "dates": {"enrollment": "2026-11-10"}}
    assert "fail" not in statuses(text, "exclusion", patient)
