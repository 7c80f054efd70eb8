"""Criteria that bind only some of a trial's groups ('Parts D and E:' over 'ECOG 0-1', 'Cohort 2: Prior CAR-T therapy'),
decided by the record's `cohort`: in the group, the rule decides; in another group the label names the same way, the
criterion binds nothing; not recorded, or named another way ('Arm D' against 'Parts D and E'), it stays open. Before,
the record could not say the group, and every such criterion was open unless its rule was met."""

import pytest
from _screening import doc_statuses

import eligibility
from eligibility import PatientDataError, ir

PARTS = """Inclusion Criteria:

Parts A, B and C:

- Histologically confirmed multiple myeloma

Parts D and E:

- ECOG 0-1
"""
COHORT_2 = "Exclusion Criteria:\n\n- Cohort 2: Prior CAR-T therapy\n"


def _second(doc, patient):
    """The statuses (open world, closed world) of the document's second criterion, through `screen` and the Screener."""
    out = []
    for cw in (False, True):
        report = eligibility.screen(doc, patient, as_of="2026-11-01", closed_world=cw)
        got = [r.status.value for r in report.results]
        assert eligibility.Screener(doc).statuses(patient, as_of="2026-11-01", closed_world=cw) == got
        out.append(got[1])
    return out


@pytest.mark.parametrize(("label", "read"), [
    ("Parts A, B and C", ("part", ["A", "B", "C"])), ("Parts A, B, and C", ("part", ["A", "B", "C"])),
    ("Expansion phase Arms E and F", ("expansion phase arm", ["E", "F"])), ("Cohort 2 or 3", ("cohort", ["2", "3"])),
    ("Cohorts 1, 2, & 3", ("cohort", ["1", "2", "3"])), ("Phase II", ("phase", ["2"])), ("phases I/II", ("phase", ["1", "2"])),
    ("Expansion phase Arm I", ("expansion phase arm", ["I"])), ("Arm 01", ("arm", ["1"])),
    ("Cohorts 3 to 5", ("cohort", ["3", "4", "5"])), ("Cohorts 1-4", ("cohort", ["1", "2", "3", "4"])),
    ("Cohort A (Melanoma)", ("cohort", ["A"])), ("Cohorts 5-3", None),
    ("Dose escalation", None), ("All cohorts", None), ("Cohort C only", None), ("Phase 2 Expansion Cohorts", None),
    ("Phase 2 Cohorts 1 and 2", None)])
def test_a_label_names_its_kind_of_group_and_the_groups(label, read):
    assert ir.group_label(label) == (None if read is None else (read[0], read[1]))


@pytest.mark.parametrize(("cohort", "ecog", "expected"), [
    ("Part D", 2, "fail"), ("part e", 2, "fail"), ("Part D", 1, "match"),
    ("Part A", 2, "match"),        # (another part: the limit binds Parts D and E only)
    (None, 2, "unknown"), (None, 0, "match"),
    ("Arm D", 2, "unknown"),       # (named another way than the label: in Part D or not is not said)
    ("Parts A and D", 2, "unknown")])
def test_an_inclusion_for_some_parts_is_decided_by_the_record_s_cohort(cohort, ecog, expected):
    patient = {"age": 60, "ECOG": ecog, "conditions": ["multiple myeloma"]}
    if cohort is not None:
        patient["cohort"] = cohort
    assert _second(PARTS, patient) == [expected, expected]


@pytest.mark.parametrize(("key", "cohort", "expected"), [
    ("cohort", "Cohort 2", ["fail", "fail"]), ("arm", "cohort 2", ["fail", "fail"]), ("cohort", "Cohort 1", ["match", "match"]),
    ("cohort", "Part B", ["unknown", "unknown"]), (None, None, ["unknown", "unknown"])])
def test_an_exclusion_for_one_cohort_excludes_only_in_it(key, cohort, expected):
    patient = {"age": 60, "therapies": [{"name": "ciltacabtagene autoleucel", "date": "2025-01-01"}]}
    if key is not None:
        patient[key] = cohort
    assert doc_statuses(COHORT_2, patient) == expected


def test_a_phase_in_roman_numerals_is_the_same_phase():
    doc = "Inclusion Criteria:\n\nPhase II:\n\n- ECOG 0-1\n"
    assert doc_statuses(doc, {"age": 60, "ECOG": 3, "cohort": "Phase 2"}) == ["fail", "fail"]
    assert doc_statuses(doc, {"age": 60, "ECOG": 3, "cohort": "Phase I"}) == ["match", "match"]


def test_the_cohort_is_read_not_reported_unused_and_a_bad_one_is_refused():
    report = eligibility.screen(COHORT_2, {"age": 60, "cohort": "Cohort 1"}, as_of="2026-11-01")
    assert "cohort" not in " ".join(report.unused)
    for bad in (2, "", ["Cohort 1"]):
        with pytest.raises(PatientDataError, match="cohort"):
            eligibility.screen(COHORT_2, {"age": 60, "cohort": bad}, as_of="2026-11-01")


def test_without_the_cohort_the_reason_says_what_would_decide():
    report = eligibility.screen(COHORT_2, {"age": 60, "therapies": [{"name": "ciltacabtagene autoleucel", "date": "2025-01-01"}]},
                                as_of="2026-11-01")
    assert report.results[0].status.value == "unknown"
    assert "cohort" in report.results[0].missing and "cohort" in report.missing


def test_the_label_survives_a_json_round_trip():
    crit = eligibility.parse(PARTS)
    again = eligibility.Criteria.from_json(crit.to_json())
    assert again.to_dict() == crit.to_dict()
    assert any(isinstance(x, ir.Cohort) for c in again.criteria for ch in c.children for x in ir.leaves(ch.rule))


@pytest.mark.parametrize(("heading", "label"), [
    ("Disease characteristics and prior treatments for patients in Part 2", "Part 2"),
    ("Participants in Cohort 2", "Cohort 2"), ("inclusion criteria only for phase III", "phase III"),
    ("For the Phase 1 dose escalation, must have", None),     # (a part of Phase 1, not all of it)
    ("Patients not in Cohort 2", None), ("Phase II (cohort expansion phase), including 3 cohorts", None),
    ("For Phase 2: As for phase 1 with the following modifications", None), ("NORMAL VOLUNTEERS", None)])
def test_a_heading_names_one_group_only_where_it_names_nothing_else_of_the_groups(heading, label):
    assert ir.heading_group(heading) == label


def test_a_group_named_in_a_heading_s_words_is_decided_by_the_cohort():
    doc = ("Inclusion Criteria:\n\nDisease characteristics for patients in Part 2:\n\n- ECOG 0-1\n\n"
           "Disease characteristics for patients in Part 1:\n\n- ECOG 0-2\n")
    assert _second(doc, {"age": 60, "ECOG": 2, "cohort": "Part 2"}) == ["match", "match"]
    report = eligibility.screen(doc, {"age": 60, "ECOG": 2, "cohort": "Part 2"}, as_of="2026-11-01")
    assert [r.status.value for r in report.results] == ["fail", "match"]


def test_a_long_heading_cut_short_names_no_group():
    # (the label keeps the heading's first 80 characters: its last group, cut short, would name too few)
    heading = "Further eligibility requirements for the participants enrolled into Cohorts 1, 2 and 3"
    doc = f"Inclusion Criteria:\n\n{heading}:\n\n- ECOG 0-1\n"
    report = eligibility.screen(doc, {"age": 60, "ECOG": 2, "cohort": "Cohort 3"}, as_of="2026-11-01")
    assert report.results[0].status.value == "unknown"


def test_the_command_line_screens_for_a_cohort(tmp_path, capsys):
    from eligibility.cli import main

    crit = tmp_path / "trial.txt"
    crit.write_text(PARTS, encoding="utf-8")
    patient = tmp_path / "p.json"
    patient.write_text('{"age": 60, "ECOG": 2, "conditions": ["multiple myeloma"]}', encoding="utf-8")
    own = tmp_path / "own.json"
    own.write_text('{"age": 60, "ECOG": 2, "conditions": ["multiple myeloma"], "cohort": "Part A"}', encoding="utf-8")

    def statuses(*argv):
        assert main(["screen", str(crit), *argv, "--json"]) == 0
        import json

        return [r["status"] for r in json.loads(capsys.readouterr().out)["results"]]

    assert statuses(str(patient)) == ["match", "unknown"]
    assert statuses(str(patient), "--cohort", "Part D") == ["match", "fail"]
    assert statuses(str(own), "--cohort", "Part D") == ["match", "match"]  # (the record's own holds)
    assert main(["screen", str(crit), str(patient), "--cohort", " "]) == 2


GROUP_LINES = """Inclusion Criteria:

Age ≥ 18 years

HER2-Positive Solid Tumor Specific inclusion criteria

HER2-positive tumor (primary tumor or metastasis) as assessed by local laboratory testing

Gastric/GEJ Cancer-Specific inclusion criteria

Adenocarcinoma of the stomach or GEJ with metastatic disease

Cohort 1-Specific inclusion criteria

ECOG 0-1
"""


def test_a_line_heading_one_group_s_criteria_binds_its_items_to_that_group():
    # (read as requirements of everyone, the lines and their items failed a complete record of another cancer)
    patient = {"age": 60, "ECOG": 2, "conditions": [{"name": "breast cancer", "status": "HER2 negative"}], "cohort": "Cohort 2"}
    for cw in (False, True):
        report = eligibility.screen(GROUP_LINES, patient, as_of="2026-11-01", closed_world=cw)
        assert eligibility.Screener(GROUP_LINES).statuses(patient, as_of="2026-11-01", closed_world=cw) == [
            r.status.value for r in report.results]
        assert "fail" not in [r.status.value for r in report.results]
    report = eligibility.screen(GROUP_LINES, {**patient, "cohort": "Cohort 1"}, as_of="2026-11-01")
    assert report.results[-1].status.value == "fail"  # (the ECOG limit binds Cohort 1)


def test_a_line_of_everyone_s_criteria_is_no_group():
    doc = "Inclusion Criteria:\n\nThe following inclusion criteria\n\nECOG 0-1\n"
    report = eligibility.screen(doc, {"ECOG": 2}, as_of="2026-11-01")
    assert report.results[-1].status.value == "fail"
