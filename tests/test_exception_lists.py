"""A heading 'No … except:' whose items are its exceptions: the items require nothing."""

import eligibility

NESTED = """PATIENT CHARACTERISTICS:
Other:
  -  No prior malignancy within the past 5 years except the following:
       -  Adequately treated basal cell or squamous cell skin cancer
       -  Carcinoma in situ of the cervix
  -  Not pregnant or nursing
"""

FLAT = """PATIENT CHARACTERISTICS:
Other:
  -  No second malignancy within 5 years except:
  -  Adequately treated nonmelanomatous skin cancer
  -  In situ cervical cancer
  -  Not pregnant or nursing
"""

NO_CANCER = {"conditions": [{"name": "malignancy", "present": False}], "pregnant": False, "lactating": False,
             "sex": "female"}


def test_nested_exception_items_require_nothing():
    report = eligibility.screen(NESTED, NO_CANCER, as_of="2026-11-01")
    assert [r.status.value for r in report.results] == ["match", "match"]


def test_nested_exception_items_become_the_exceptions():
    # (in a myeloma trial: a prior malignancy barred is one other than the trial's own disease, which a record of
    # ductal carcinoma in situ might be were the trial's disease not known)
    crit = eligibility.Criteria.parse(NESTED, conditions=["multiple_myeloma"])

    def status(condition: dict) -> str:
        report = eligibility.screen(crit, {"conditions": [condition]}, as_of="2026-11-01", closed_world=True)
        return report.results[0].status.value

    assert status({"name": "carcinoma in situ of the cervix", "date": "2024-01-01"}) == "match"
    assert status({"name": "basal cell carcinoma", "date": "2024-01-01"}) == "unknown"  # 'adequately treated' unsaid
    assert status({"name": "basal cell carcinoma", "date": "2024-01-01", "status": "adequately treated"}) == "match"
    assert status({"name": "ductal carcinoma in situ", "date": "2024-01-01"}) == "fail"
    assert status({"name": "colon cancer", "date": "2024-01-01"}) == "fail"


def test_exception_items_at_the_lead_s_own_level_are_adopted():
    crit = eligibility.parse(FLAT)
    lead = crit.criteria[0]
    assert [c.text for c in lead.children] == ["Adequately treated nonmelanomatous skin cancer", "In situ cervical cancer"]
    report = eligibility.screen(crit, NO_CANCER, as_of="2026-11-01")
    assert [r.status.value for r in report.results] == ["match", "match"]


TIMED_FLAT = """Exclusion Criteria:

- Any of the following within 6 months prior to the first dose:
- Myocardial infarction
- Unstable angina
"""


def test_a_timed_lead_s_window_holds_for_the_items_at_its_own_level():
    crit = eligibility.parse(TIMED_FLAT)
    assert [c.text for c in crit.criteria[0].children] == ["Myocardial infarction", "Unstable angina"]
    old_mi = {"conditions": [{"name": "myocardial infarction", "date": "2019-01-01"},
                             {"name": "unstable angina", "present": False}]}
    report = eligibility.screen(crit, old_mi, as_of="2026-11-01")
    # (read alone, 'Myocardial infarction' excluded her; the items were left unread, 'unknown', until the heading's window
    # was read in them: an infarction of 2019 is long before the 6 months)
    assert report.results[0].status.value == "match"


DIAGNOSES = """Inclusion Criteria:
- Histologically confirmed diagnosis of:
    - Acute myelogenous leukemia
    - Acute lymphocytic leukemia (ALL)
    - Multiple myeloma
"""


def test_a_list_of_diagnoses_asks_for_one_of_them():
    report = eligibility.screen(DIAGNOSES, {"conditions": ["multiple myeloma"]}, as_of="2026-11-01")
    assert report.results[0].status.value == "match"  # (all of them were required: everyone failed)
    report = eligibility.screen(DIAGNOSES, {"conditions": [{"name": "leukemia", "present": False},
                                                          {"name": "multiple myeloma", "present": False}]},
                                as_of="2026-11-01")
    assert report.results[0].status.value == "fail"


SUBTYPES = """Inclusion Criteria:
- Myelodysplastic syndromes
    - Refractory anemia with excess blasts
    - Chronic myelomonocytic leukemia
"""


def test_diseases_listed_under_a_heading_do_not_all_have_to_be_there():
    patient = {"conditions": ["myelodysplastic syndrome", "refractory anemia with excess blasts",
                              {"name": "chronic myelomonocytic leukemia", "present": False}]}
    report = eligibility.screen(SUBTYPES, patient, as_of="2026-11-01")
    assert report.results[0].status.value == "unknown"  # (both were required: it failed)
    patient = {"conditions": ["myelodysplastic syndrome", "refractory anemia with excess blasts",
                              "chronic myelomonocytic leukemia"]}
    assert eligibility.screen(SUBTYPES, patient, as_of="2026-11-01").results[0].status.value == "match"


def test_a_bulleted_eligibility_for_line_is_an_item_not_a_section_header():
    text = ("Inclusion Criteria:\n\n  - Age 18 or older\n\nExclusion Criteria\n\n"
            "  - Eligibility for other transplant types:\n      - Patient has family donor.\n\n"
            "  - Active uncontrolled infection\n")
    crit = eligibility.parse(text)
    assert [c.section for c in crit.criteria] == ["inclusion", "exclusion", "exclusion"]


def test_items_after_a_semicolon_go_on_a_negated_list():
    text = ("Inclusion Criteria:\n- No history of alcoholism, psychiatric or neurological illness; "
            "hypertension or other cardiovascular disorder; cancer\n")
    report = eligibility.screen(text, {"conditions": [{"name": "malignancy", "present": False}]}, as_of="2026-11-01")
    assert report.results[0].status.value == "unknown"  # ('cancer' after ';' was required: it failed)


RUN = """Inclusion Criteria:
- Histologically or cytologically-documented, advanced solid tumor of one of the following types:
- Anal Squamous Cell Carcinoma
- Mesothelioma
- Thyroid Carcinoma
"""


def test_a_run_of_diseases_as_items_does_not_ask_for_all_of_them():
    patient = {"conditions": ["mesothelioma", {"name": "anal squamous cell carcinoma", "present": False},
                              {"name": "thyroid cancer", "present": False}]}
    report = eligibility.screen(RUN, patient, as_of="2026-11-01")
    assert "fail" not in [r.status.value for r in report.results]  # (each disease was required: two failed)


def test_items_under_a_negated_lead_are_not_required():
    text = ("Inclusion Criteria:\n- No uncontrolled medical illness including, but not limited to, any of the following:\n"
            "    - Thyroid disease\n    - Severe valvular heart disease\n")
    patient = {"conditions": [{"name": "thyroid disease", "present": False},
                              {"name": "valvular heart disease", "present": False}]}
    assert eligibility.screen(text, patient, as_of="2026-11-01").results[0].status.value != "fail"  # (one was required)


def test_none_of_the_following_asks_each_to_be_absent():
    text = "Inclusion Criteria:\n- None of the following:\n    - Myocardial infarction\n    - Unstable angina\n"
    patient = {"conditions": [{"name": "myocardial infarction", "present": False}, "unstable angina"]}
    assert eligibility.screen(text, patient, as_of="2026-11-01").results[0].status.value == "fail"
    patient = {"conditions": [{"name": "myocardial infarction", "present": False},
                              {"name": "unstable angina", "present": False}]}
    assert eligibility.screen(text, patient, as_of="2026-11-01").results[0].status.value == "match"


def test_items_under_a_conditional_permission_bind_only_those_it_permits():
    text = ("Inclusion Criteria:\n- Smoldering myeloma allowed if there is evidence of progressive disease requiring therapy\n"
            "    - Hemoglobin no greater than 10.5 g/dL\n    - Hypercalcemia\n")
    patient = {"conditions": [{"name": "smoldering myeloma", "present": False}, {"name": "hypercalcemia", "present": False}],
               "hemoglobin": "12 g/dL"}
    assert eligibility.screen(text, patient, as_of="2026-11-01").results[0].status.value == "match"  # (was fail)
