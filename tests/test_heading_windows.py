"""A list heading's window on its items ('Any of the following within 6 months prior to the first dose:' over
'Myocardial infarction'): each item is asked within the window, as if written after it. Before, every item under such a
heading was left unread. Each case in both worlds, through `screen` and the Screener (which must agree)."""

import pytest
from _screening import doc_statuses, never

EXCLUDED_6M = ("Exclusion Criteria:\n\n- Any of the following within 6 months prior to the first dose of study drug:\n\n"
               "  - Myocardial infarction\n\n  - Unstable angina\n")
NONE_6M = ("Inclusion Criteria:\n\n- None of the following within the past 6 months:\n\n"
           "  - Myocardial infarction\n\n  - Unstable angina\n")
EXCLUDED_4W = ("Exclusion Criteria:\n\nExcluded within 4 weeks prior to study entry:\n\n  - Interferons.\n\n"
               "  - Antineoplastic drugs.\n")


def _item(doc, patient, k=0):
    """The statuses (open world, closed world) of the heading's k-th item, through `screen`."""
    import eligibility

    out = []
    for cw in (False, True):
        report = eligibility.screen(doc, patient, as_of="2026-11-01", closed_world=cw)
        out.append(report.results[0].children[k].status.value)
    return out


@pytest.mark.parametrize("doc", [EXCLUDED_6M, NONE_6M])
@pytest.mark.parametrize(("date", "item", "whole"), [("2026-10-01", ["fail", "fail"], ["fail", "fail"]),
                                                      # (the unstable angina, not on record, is open in the open world)
                                                      ("2023-10-01", ["match", "match"], ["unknown", "match"])])
def test_a_condition_under_a_timed_list_heading_is_asked_within_its_window(doc, date, item, whole):
    patient = {"age": 60, "conditions": [{"name": "myocardial infarction", "date": date}], "dates": {"first_dose": "2026-11-05"}}
    assert _item(doc, patient) == item
    assert doc_statuses(doc, patient) == whole


@pytest.mark.parametrize("doc", [EXCLUDED_6M, NONE_6M])
def test_a_condition_not_on_record_is_open_unless_the_record_is_complete(doc):
    assert doc_statuses(doc, {"age": 60, "conditions": ["hypertension"]}) == ["unknown", "match"]


@pytest.mark.parametrize(("end", "expected"), [("2026-10-25", ["fail", "fail"]), ("2025-06-01", ["match", "match"])])
def test_a_therapy_under_excluded_within_weeks_is_asked_within_them(end, expected):
    patient = {"age": 40, "therapies": [{"name": "interferon alfa", "start": "2025-01-01", "end": end}],
               "dates": {"enrollment": "2026-11-02"}}
    assert _item(EXCLUDED_4W, patient) == expected


def test_a_heading_that_says_more_than_its_window_leaves_its_items_unread():
    doc = ("Exclusion Criteria:\n\n- Any of the following within 6 months, if clinically significant:\n\n"
           "  - Myocardial infarction\n")
    patient = {"age": 60, "conditions": [{"name": "myocardial infarction", "date": "2026-10-01"}]}
    assert doc_statuses(doc, patient) == ["unknown", "unknown"]


@pytest.mark.parametrize(("section", "lead"), [("Exclusion", "Any of the following within 6 months prior to enrollment:"),
                                               ("Inclusion", "None of the following within the past 6 months:")])
def test_a_value_under_a_timed_list_is_not_decided_by_the_latest_alone(section, lead):
    # an LVEF of 35% four months ago is in the window, whatever the latest says
    doc = f"{section} Criteria:\n\n- {lead}\n\n  - LVEF < 40%\n\n  - Myocardial infarction\n"
    patient = {"age": 60, "conditions": ["hypertension"],
               "LVEF": [{"value": 35, "unit": "%", "date": "2026-07-01"}, {"value": 55, "unit": "%", "date": "2026-10-20"}]}
    assert "match" not in doc_statuses(doc, patient)
    assert _item(doc, patient) == ["unknown", "unknown"]


@pytest.mark.parametrize("text", ["Myocardial infarction", "Unstable angina"])
def test_the_same_items_without_the_heading_still_read_as_ever(text):
    never(text, "exclusion", {"age": 60, "conditions": [{"name": "myocardial infarction", "date": "2010-01-01"}]}, "match"
          if text == "Myocardial infarction" else "fail")


@pytest.mark.parametrize("lead", ["Any of the following within 6 months prior to Cycle 1, Day 1:",
                                  "Any of the following within 6 months prior to the first dose (Cycle 1 Day 1):"])
def test_a_window_to_cycle_1_day_1_is_read_with_its_comma_or_bracket(lead):
    # (review 96, doubtful list: the comma or bracket of 'Cycle 1, Day 1' had left the items unread)
    doc = f"Exclusion Criteria:\n\n- {lead}\n\n  - Myocardial infarction\n"
    patient = {"age": 60, "conditions": [{"name": "myocardial infarction", "date": "2026-10-01"}], "dates": {"first_dose": "2026-11-05"}}
    assert _item(doc, patient) == ["fail", "fail"]
    lead_more = lead.replace(":", ", or a history of:")
    assert _item(f"Exclusion Criteria:\n\n- {lead_more}\n\n  - Myocardial infarction\n", patient) == ["unknown", "unknown"]
