"""Audit 72: how a history entry's status words, `present`, dates and grade are read (one test or table per finding)."""

import pytest
from _screening import AS_OF
from _screening import never as _never
from _screening import statuses as _statuses

import eligibility
from eligibility import PatientDataError


def _reason(text, section, patient, closed_world=False):
    doc = f"{section.title()} Criteria:\n* {text}"
    return eligibility.screen(doc, patient, as_of=AS_OF, closed_world=closed_world).results[0].reason


# ---- B4: a grade written 'unknown' is no grade, not an error

@pytest.mark.parametrize("grade", ["unknown", "Unknown", "not graded", "n/a", "?"])
def test_a_grade_written_unknown_is_no_grade(grade):
    p = {"conditions": [{"name": "CRS", "grade": grade}]}
    assert eligibility.Patient.from_mapping(p).events[0].grade is None
    assert _statuses("History of grade ≥3 cytokine release syndrome", "exclusion", p) == ["unknown", "unknown"]
    with pytest.raises(PatientDataError):  # (a word that is no grade is still an error)
        eligibility.Patient.from_mapping({"conditions": [{"name": "CRS", "grade": "severe"}]})


# ---- A8: a 'date' before the 'start' of the same entry

@pytest.mark.parametrize("record", [
    {"therapies": [{"name": "cyclophosphamide", "date": "2020-10-25", "start": "2026-10-20"}]},
    {"procedures": [{"name": "major surgery", "date": "2020-01-01", "start": "2026-10-01"}]},
])
def test_a_date_before_the_start_is_an_error(record):
    with pytest.raises(PatientDataError) as e:
        eligibility.Patient.from_mapping(record)
    assert e.value.field.endswith(".date")
    # (a date on or after the start is read as before: the course's last day)
    p = {"therapies": [{"name": "cyclophosphamide", "date": "2026-10-25", "start": "2026-10-20"}]}
    assert _statuses("Chemotherapy within 14 days before screening", "exclusion", p) == ["fail", "fail"]


# ---- A9: words that doubt a diagnosis leave it unconfirmed

@pytest.mark.parametrize("said", [
    "likely", "most likely", "suspicion of", "cannot be excluded", "not excluded", "versus TIA", "vs migraine",
    "under investigation", "being evaluated", "uncertain", "unclear", "possibly", "maybe", "perhaps", "to be ruled out",
    "concern for", "working diagnosis", "tentative", "preliminary", "in question", "not certain", "query stroke",
    "low probability", "high suspicion", "not verified", "unverified", "not known", "n/a"])
def test_a_doubted_stroke_is_not_a_history_of_stroke(said):
    assert _statuses("History of stroke", "exclusion", {"conditions": [{"name": "stroke", "status": said}]}) == ["unknown", "unknown"]


@pytest.mark.parametrize("said", ["likely", "pending bone marrow", "awaiting bone marrow", "work-up in progress", "versus MGUS"])
def test_a_doubted_myeloma_is_not_a_diagnosis(said):
    _never("Diagnosed with multiple myeloma", "inclusion", {"conditions": [{"name": "multiple myeloma", "status": said}]}, "match")


# ---- A10, C2: words that deny or withdraw a diagnosis

@pytest.mark.parametrize("said", [
    "denied", "absent", "none", "no", "ruled out", "ruled-out", "refuted", "never had", "never", "did not occur", "no hx",
    "workup negative", "MRI negative", "no stroke on MRI", "not a stroke", "mimic", "not true", "false"])
def test_a_denied_stroke_is_recorded_as_absent(said):
    p = {"conditions": [{"name": "stroke", "status": said}]}
    assert _statuses("History of stroke", "exclusion", p) == ["match", "match"]
    assert _reason("History of stroke", "exclusion", p) == "stroke: recorded as absent"


@pytest.mark.parametrize("said", ["misdiagnosed", "diagnosis withdrawn", "wrong patient", "error - wrong chart",
                                  "duplicate", "deleted", "retracted", "invalid", "erroneous", "incorrect"])
def test_a_withdrawn_or_void_entry_is_no_history(said):
    # (void, it says nothing of the patient: no history in a complete record, undecided in an open one)
    assert _statuses("History of stroke", "exclusion", {"conditions": [{"name": "stroke", "status": said}]}) == ["unknown", "match"]


def test_a_negative_biopsy_is_no_myeloma():
    _never("Diagnosed with multiple myeloma", "inclusion",
           {"conditions": [{"name": "multiple myeloma", "status": "biopsy negative"}]}, "match")


def test_not_a_narrower_kind_is_still_the_entry():
    # ('not an ischemic stroke': a stroke of another kind; the denial is of the entry's own term only) — with a denial beside
    assert _statuses("History of stroke", "exclusion", {"conditions": [
        {"name": "stroke", "status": "not an ischemic stroke"}, {"name": "seizure", "status": "not a seizure"}]}) == ["fail", "fail"]
    assert _statuses("History of seizure", "exclusion", {"conditions": [{"name": "seizure", "status": "not a seizure"}]}) == [
        "match", "match"]


# ---- A14: 'present': false beside a status that says it is there

@pytest.mark.parametrize("said", ["active", "ongoing", "confirmed", "currently active"])
def test_absent_beside_a_status_that_says_it_is_there_is_an_error(said):
    with pytest.raises(PatientDataError) as e:
        eligibility.Patient.from_mapping({"conditions": [{"name": "stroke", "present": False, "status": said}]})
    assert e.value.field == "conditions[0].present"
    # (a status that agrees with false is read as before; so is a doubt or an end, which agree with an absence now —
    # review 73: 'suspected', 'resolved 2024' were errors)
    for agrees in ("ruled out, previously suspected", "family history (mother)", "not confirmed", "normal audiogram",
                   "suspected", "resolved 2024",
                   # (review 75: words of how the absence was found, 'confirmed on MRI', 'received HBV vaccine series',
                   # were errors; deliberately changed: only a whole status that says it is there is one)
                   "confirmed on MRI", "received HBV vaccine series", "current MRI clear"):
        assert not eligibility.Patient.from_mapping({"conditions": [{"name": "stroke", "present": False, "status": agrees}]}).events[0].present


# ---- A15: a question not answered says nothing of the condition

@pytest.mark.parametrize("said", ["declined to answer", "pt declined to answer", "refused to answer", "prefers not to say"])
def test_a_question_declined_is_undecided(said):
    assert _statuses("History of stroke", "exclusion", {"conditions": [{"name": "stroke", "status": said}]}) == ["unknown", "unknown"]


# ---- A11: plans, referrals and therapies not given

@pytest.mark.parametrize("said", [
    "considered", "being considered", "under consideration", "offered", "discussed", "candidate", "to be infused", "will receive",
    "scheduled for infusion 2026-11-20", "insurance pending", "waitlisted", "never", "was not given", "did not get",
    "denied by insurance", "unclear if received", "possibly received", "?", "declined to answer", "error", "wrong patient"])
def test_a_therapy_not_said_to_be_given_is_no_prior_therapy(said):
    _never("Prior BCMA-directed therapy", "exclusion", {"therapies": [{"name": "teclistamab", "status": said}]}, "fail")


@pytest.mark.parametrize("said", ["apheresis done", "cells collected", "in manufacturing", "product released", "slot reserved",
                                  "bridging therapy", "screen failed", "consented"])
def test_a_car_t_before_its_infusion_is_no_prior_car_t(said):
    _never("Have received prior treatment with chimeric antigen receptor T (CAR-T) therapy", "exclusion",
           {"therapies": [{"name": "ciltacabtagene autoleucel", "status": said}]}, "fail")


def test_bridging_of_another_therapy_was_given():
    # (the words of a CAR-T's steps are a plan only of a cell therapy: carfilzomib 'bridging therapy' was given) — and the
    # CAR-T it bridged to is not
    p = {"therapies": [{"name": "carfilzomib", "status": "bridging therapy"}, {"name": "cilta-cel", "status": "bridging therapy"}]}
    assert _statuses("Prior proteasome inhibitor", "inclusion", p) == ["match", "match"]
    assert _statuses("Prior CAR-T therapy", "exclusion", p) == ["unknown", "match"]


@pytest.mark.parametrize("procedure", [
    {"status": "donor search"}, {"status": "in workup"}, {"status": "consult only"}, {"status": "not eligible"},
    {"status": "deemed ineligible"}, {"status": "patient was the donor"}, {"status": "HLA typing done"}, {"status": "donor identified"},
    {"status": "candidate"}, {"status": "eligible"}, {"name": "allogeneic stem cell transplant (donor for sister)"}])
def test_a_transplant_not_received_is_no_history_of_one(procedure):
    _never("History of allogeneic stem cell transplantation.", "exclusion",
           {"procedures": [{"name": "allogeneic stem cell transplant", **procedure}]}, "fail")


@pytest.mark.parametrize("said", ["rescheduled to 2027-01-10", "booked for 2026-12-01", "rescheduled", "moved to 2027-01-10",
                                  "waitlisted", "on waiting list", "consent signed", "pre-op", "cleared for surgery"])
def test_a_surgery_still_to_come_is_not_within_the_window(said):
    _never("Major surgery within 4 weeks before enrollment", "exclusion",
           {"procedures": [{"name": "major surgery", "date": "2026-10-20", "status": said}], "dates": {"enrollment": "2026-11-01"}}, "fail")


def test_a_line_to_be_infused_is_not_counted():
    p = {"therapies": [{"name": "bortezomib", "line": 1}, {"name": "lenalidomide", "line": 2},
                       {"name": "pomalidomide", "line": 3, "status": "to be infused"}]}
    _never("At least 3 prior lines of therapy", "inclusion", p, "match")


# ---- A12: words that stop or pause a course

@pytest.mark.parametrize("said", ["course complete", "done", "switched to pomalidomide", "replaced by pomalidomide", "weaned",
                                  "ran out", "drug holiday", "treatment break", "on break", "between cycles", "expired", "lapsed"])
def test_a_course_stopped_or_paused_is_not_ongoing(said):
    _never("Ongoing treatment with lenalidomide", "exclusion",
           {"therapies": [{"name": "lenalidomide", "start": "2026-01-01", "status": said}]}, "fail")


def test_a_switch_to_a_drug_of_the_kind_asked_is_undecided():
    # (prednisone 'switched to dexamethasone': a steroid still, perhaps; 'changed to oral' is the same course going on)
    p = {"therapies": [{"name": "prednisone", "start": "2026-01-01", "status": "switched to dexamethasone"}]}
    assert _statuses("Current treatment with systemic corticosteroids", "exclusion", p) == ["unknown", "unknown"]
    p = {"therapies": [{"name": "lenalidomide", "start": "2026-01-01", "status": "changed to oral"},
                       {"name": "prednisone", "start": "2026-01-01", "status": "switched to rituximab"}]}
    assert _statuses("Ongoing treatment with lenalidomide", "exclusion", p) == ["fail", "fail"]
    assert _statuses("Current treatment with systemic corticosteroids", "exclusion", p) == ["match", "match"]


# ---- C4: a course over with no end did not end on its start day

def test_a_course_stopped_without_an_end_says_the_day_is_not_recorded():
    p = {"therapies": [{"name": "dexamethasone", "start": "2026-09-01", "status": "stopped"}],
         "conditions": [{"name": "CNS involvement", "start": "2026-09-20", "status": "resolved"}]}
    assert _reason("Current treatment with systemic corticosteroids", "exclusion", p) == (
        "systemic corticosteroids: dexamethasone ended on a day not recorded, between its start 2026-09-01 and 2026-11-01")
    assert "CNS involvement ended on a day not recorded, between its start 2026-09-20" in _reason(
        "Active CNS involvement", "exclusion", p)


# ---- A5: a course that begins after the screening date is not 'ongoing' on it

@pytest.mark.parametrize("start", ["2026-12-01", "2026-11"])
def test_a_course_begun_after_the_screening_date_is_not_current(start):
    p = {"therapies": [{"name": "dexamethasone", "start": start}]}
    # ('current' and 'concurrent' read alike: a course to come may be concurrent with the study; undecided)
    assert _statuses("Current treatment with systemic corticosteroids", "exclusion", p) == ["unknown", "unknown"]
    assert "begins" in _reason("Current treatment with systemic corticosteroids", "exclusion", p)
    # (the partial month may hold the screening day: a window reaching it is undecided too)
    assert _statuses("Systemic corticosteroids within 14 days before screening", "exclusion", p) == (
        ["match", "match"] if start == "2026-12-01" else ["unknown", "unknown"])


# ---- A6: a course restarted after its recorded end

@pytest.mark.parametrize("said", ["restarted 2026-10-28", "resumed", "restarted", "back on it"])
def test_a_course_restarted_after_its_end_may_go_on(said):
    p = {"therapies": [{"name": "dexamethasone", "start": "2026-09-01", "end": "2026-09-10", "status": said}]}
    _never("Current treatment with systemic corticosteroids", "exclusion", p, "match")
    _never("Systemic corticosteroids within 14 days before screening", "exclusion", p, "match")
    if said == "restarted 2026-10-28":
        assert _statuses("Systemic corticosteroids within 14 days before screening", "exclusion", p) == ["fail", "fail"]
    # (a restart denied, asked, or before the end is none after it)
    for other in ("not yet restarted", "resumed?", "restarted 2026-09-05"):
        q = {"therapies": [{**p["therapies"][0], "status": other}]}
        assert _statuses("Current treatment with systemic corticosteroids", "exclusion", q) == ["match", "match"]


# ---- A7: a course stopped, its planned end kept

@pytest.mark.parametrize("said", ["discontinued", "stopped"])
def test_a_course_stopped_before_its_recorded_end_is_not_read_by_the_end(said):
    for therapy in ({"name": "dexamethasone", "start": "2026-09-01", "end": "2027-03-01", "status": said},
                    {"name": "dexamethasone", "end": "2027-03-01", "status": said}):
        p = {"therapies": [therapy]}
        assert _statuses("Current treatment with systemic corticosteroids", "exclusion", p) == ["unknown", "unknown"]
        assert _statuses("Systemic corticosteroids within 14 days before screening", "exclusion", p) == ["unknown", "unknown"]


# ---- A13: a worse grade written in the status

@pytest.mark.parametrize("said, want", [
    ("max grade 3 on day 2, grade 2 at discharge", ["fail", "fail"]), ("worst grade 4", ["fail", "fail"]),
    ("grade 3 initially", ["unknown", "unknown"]), ("grade III at peak", ["unknown", "unknown"])])
def test_a_worse_grade_in_the_status_counts_for_a_history_of_it(said, want):
    p = {"conditions": [{"name": "CRS", "grade": 2, "status": said}]}
    assert _statuses("History of grade ≥3 cytokine release syndrome", "exclusion", p) == want
    # (a worst grade below the limit leaves the recorded grade to decide)
    q = {"conditions": [{"name": "CRS", "grade": 2, "status": "worst grade 2"}]}
    assert _statuses("History of grade ≥3 cytokine release syndrome", "exclusion", q) == ["match", "match"]


# ---- C3: 'not refractory' on the last line

def test_a_last_line_not_refractory_is_not_refractory():
    p = {"therapies": [{"name": "bortezomib", "line": 1, "start": "2024-01-01", "end": "2024-06-01"},
                       {"name": "carfilzomib", "line": 2, "start": "2025-01-01", "end": "2025-06-01", "status": "not refractory"}]}
    assert _statuses("Must be refractory to the last therapeutic regimen", "inclusion", p) == ["unknown", "fail"]
    assert _reason("Must be refractory to the last therapeutic regimen", "inclusion", p, closed_world=True) == (
        "last line (carfilzomib): not refractory")
