"""Review 113 of the change HEAD~2..HEAD ('Review 111: a wait to inclusion turned round among the exclusions is any time
counted from a treatment given …; "non corrected for hemoglobin" is no corrected DLCO, "corrected for hemoglobin or
uncorrected" takes either value …'): wrong decided answers the change introduces. Each test asserts the right answer
(that the wrong status is absent), in both worlds, through `screen` and the Screener (the helpers check they agree), and
fails on the code reviewed; see /tmp/review113/FINDINGS.md."""

import pytest
from _screening import statuses

# (screening date: _screening.AS_OF, 2026-11-01)
_CHEMO_22_DAYS_BEFORE_SCREENING = {"therapies": [{"name": "carboplatin", "date": "2026-10-10"}],
                                   "dates": {"enrollment": "2026-11-10"}}


# R113-1 (introduced by `_INCLUDED_UNTIL` built on the wider `_TIME_WAIT`). A second clause with a wait to enrolment
# worded '4 weeks or more after', 'more than 4 weeks after', '2 wks after' now moves EVERY window of the criterion to
# the enrollment date, the one the text counts back from the screening date too ('within 4 weeks before screening',
# 'within 4 weeks prior to screening'). Carboplatin 22 days before screening (31 days before the recorded enrollment of
# 2026-11-10) is then out of the window: the exclusion MATCHES and 'No chemotherapy within 4 weeks prior to screening'
# MATCHES, in both worlds. Before: unknown. The first clause is broken by a chemotherapy 22 days before screening.
@pytest.mark.parametrize("text, section", [
    ("Chemotherapy within 4 weeks before screening, i.e. not enrolled until 4 weeks or more after the last chemotherapy",
     "exclusion"),
    ("Chemotherapy within 4 weeks before screening, i.e. not enrolled until more than 4 weeks after the last chemotherapy",
     "exclusion"),
    ("No chemotherapy within 4 weeks prior to screening (subjects may not be enrolled until 2 wks after chemotherapy)",
     "inclusion"),
])
def test_R113_1_a_window_counted_to_screening_stays_counted_to_screening(text, section):
    assert "match" not in statuses(text, section, _CHEMO_22_DAYS_BEFORE_SCREENING)


# R113-2 (introduced by the wider `_TIME_WAIT` in `_NOT_INCLUDED_UNTIL`). 'Patients who received a live vaccine
# [within 30 days before screening] will not be eligible until 30 days or more / more than 30 days after the
# vaccination' is now turned round to Not(its inclusion reading), and that reading is all(live vaccine [within 30 days],
# not(vaccine < 30 days)), not any(not(live vaccine), …): a patient with no vaccine on record FAILS in the closed world,
# and one vaccinated in October 2025 FAILS in both worlds where the window is also stated. Before: match. (The 'at
# least 30 days after' wording, turned round before the change, already did so: the inclusion reading is the fault.)
_NO_VACCINE = {"therapies": [{"name": "carboplatin", "date": "2025-01-01"}], "conditions": [], "procedures": []}
_VACCINE_A_YEAR_AGO = {"therapies": [{"name": "live attenuated vaccine", "date": "2025-10-20"}]}


@pytest.mark.parametrize("text", [
    "Patients who received a live vaccine will not be eligible until more than 30 days after the vaccination",
    "Patients who received a live vaccine will not be eligible until 30 days or more after the vaccination",
    ("Patients who received a live vaccine within 30 days before screening will not be eligible until 30 days or more "
    "after the vaccination"),
])
def test_R113_2_no_vaccine_is_not_excluded_by_a_turned_round_wait(text):
    assert "fail" not in statuses(text, "exclusion", _NO_VACCINE)


def test_R113_2_a_vaccine_a_year_ago_is_not_excluded():
    text = ("Patients who received a live vaccine within 30 days before screening will not be eligible until 30 days or "
            "more after the vaccination")
    assert "fail" not in statuses(text, "exclusion", _VACCINE_A_YEAR_AGO)


# R113-3 (introduced by `_NEGATED_BEFORE` / `_OR_UNCORRECTED` replacing `_NOT_CORRECTED`: a word on uncorrected values
# after 'corrected for hemoglobin' now counts only as 'or un…/or not…' right after it). 'DLCO ≥ 50% predicted
# (corrected for hemoglobin, or the uncorrected value)', '(… or DLCO uncorrected)', '(…/uncorrected)', '(…, uncorrected
# is acceptable)', '… (uncorrected values acceptable)': either value may meet the limit, yet the limit is put on the
# corrected DLCO alone: a patient whose uncorrected DLCO is 55% (corrected 45%) FAILS the inclusion and MATCHES the
# same words among the exclusions, in both worlds. Before: unknown.
@pytest.mark.parametrize("text", [
    "DLCO ≥ 50% predicted (corrected for hemoglobin, or the uncorrected value)",
    "DLCO ≥ 50% predicted (corrected for hemoglobin or the uncorrected DLCO)",
    "DLCO ≥ 50% predicted (corrected for hemoglobin or DLCO uncorrected)",
    "DLCO ≥ 50% predicted (corrected for hemoglobin/uncorrected)",
    "DLCO ≥ 50% predicted (corrected for hemoglobin, uncorrected is acceptable)",
    "DLCO ≥ 50% predicted, corrected for hemoglobin (uncorrected values acceptable)",
    "DLCO ≥ 50% predicted corrected for hemoglobin, uncorrected DLCO also accepted",
])
def test_R113_3_either_value_worded_otherwise_accepts_the_uncorrected_value(text):
    patient = {"DLCO": 55, "DLCO corrected": 45, "hemoglobin": "17 g/dL"}
    assert "fail" not in statuses(text, "inclusion", patient)
    assert "match" not in statuses(text, "exclusion", patient)


# R113-4 (introduced by the same: 'uncorrected' after 'corrected for hemoglobin' no longer stops the corrected reading,
# and every DLCO limit of the criterion is then moved to the corrected DLCO). 'DLCO ≥ 50% predicted (adjusted for
# hemoglobin, and uncorrected DLCO ≥ 40%)': the second limit, on the uncorrected DLCO by name, is read on the corrected
# one: a patient whose uncorrected DLCO is 35% (corrected 55%) MATCHES the inclusion, in both worlds. Before: fail.
def test_R113_4_a_limit_on_the_uncorrected_dlco_stays_on_the_uncorrected_dlco():
    text = "DLCO ≥ 50% predicted (adjusted for hemoglobin, and uncorrected DLCO ≥ 40%)"
    patient = {"DLCO": 35, "DLCO corrected": 55, "hemoglobin": "9 g/dL"}
    assert "match" not in statuses(text, "inclusion", patient)
    assert "fail" not in statuses(text, "exclusion", patient)
