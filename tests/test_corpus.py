"""Robustness and precision on real ClinicalTrials.gov texts (tests/fixtures)."""

import json
from pathlib import Path

import pytest

import eligibility
from eligibility import ir

FIX = Path(__file__).parent / "fixtures"


def test_whole_corpus_parses_and_round_trips():
    rows = [json.loads(l) for l in (FIX / "corpus" / "trials.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(rows) == 334
    total = 0
    errors = []
    for row in rows:
        crit = eligibility.parse(row["eligibility_criteria"])
        total += len(crit.criteria)
        assert eligibility.Criteria.from_json(crit.to_json()) == crit
        stack = list(crit.criteria)
        while stack:
            c = stack.pop()
            stack.extend(c.children)
            # (parse never raises: a bug degrades to free text marked so, which must not happen on real texts)
            errors += [(row["nct_id"], c.id, x.text[-60:]) for x in ir.leaves(c.rule)
                       if isinstance(x, ir.FreeText) and "[internal error" in x.text]
    assert total > 3000
    assert not errors


@pytest.mark.parametrize("sample", ["corpus_sample.jsonl", "heldout_sample.jsonl", "third_sample.jsonl", "fourth_sample.jsonl",
                                    "fifth_sample.jsonl", "sixth_sample.jsonl",
                                    "seventh_sample.jsonl", "eighth_sample.jsonl", "ninth_sample.jsonl",
                                    "eleventh_sample.jsonl", "twelfth_sample.jsonl", "thirteenth_sample.jsonl",
                                    "fourteenth_sample.jsonl", "fifteenth_sample.jsonl",
                                    "sixteenth_sample.jsonl", "seventeenth_sample.jsonl",
                                    "eighteenth_sample.jsonl", "nineteenth_sample.jsonl", "twentieth_sample.jsonl",
                                    "twentysixth_sample.jsonl"])
def test_precision_on_hand_labelled_criteria(sample):
    """A decided verdict (true/false) must agree with the hand label in at least 98% of cases."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from precision import condition_of

    path = FIX / "labelled" / sample
    if not path.exists():
        pytest.skip(f"{sample} not present")
    items = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    decided = correct = 0
    wrong = []
    for it in items:
        for case in it["cases"]:
            got = condition_of(it, case)
            if got != "unknown":
                decided += 1
                if got == case["condition"]:
                    correct += 1
                else:
                    wrong.append((it["id"], it["text"][:80], case["condition"], got))
    assert decided > 100
    assert correct / decided >= 0.98, wrong


# Labels the library disagrees with, each explained in its sample's .md ("First measurement"): (item id, condition
# labelled). Every other decided case of the sample must agree with its label.
DISAGREEMENTS = {
    "tenth_sample.jsonl": {
        ("X036", "unknown"): "a therapy recorded as ended is read as not concurrent (as samples 3-7 label it)",
        ("X048", "unknown"): "the same",
        ("X079", "unknown"): "the same (first unknown case); aspirin is not an NSAID in the vocabulary (second)",
        ("X099", "unknown"): "a sub-item labelled with its list lead's window, which the item alone does not say",
    },
    "twentyfirst_sample.jsonl": {
        ("C002", "unknown"): "'AST/ALT ≤ 2 × ULN' read as each (as five earlier samples label it), not 'both or either'",
    },
    "twentysecond_sample.jsonl": {
        ("D004", "unknown"): "'no greater than 1000 U/L or less than 4 × ULN' read as written: either limit passes",
        ("D083", "true"): "an exclusion-list requirement read as the reason to exclude: same verdict, other polarity",
        ("D108", "unknown"): "hypogammaglobulinemia counted as an immunodeficiency (vocabulary)",
        ("D110", "unknown"): "'organ transplantation' read as a solid organ transplant (vocabulary)",
        ("D119", "true"): "as D083",
    },
    "twentythird_sample.jsonl": {
        ("U102", "true"): "an exclusion-list permission with a proviso read as the reason to exclude: same verdict",
    },
    "twentyfourth_sample.jsonl": {
        ("A102", "unknown"): "'ASAT, ALAT > 2.5 x ULN' (excluded) read as each excluding, as 'AST/ALT ≤ X' is read as each",
    },
    "twentyfifth_sample.jsonl": {
        ("O046", "unknown"): "'A ≤ 5 × ULN OR B … OR C …' read as written: any one limit passes",
    },
    "twentyseventh_sample.jsonl": {},
    "twentyeighth_sample.jsonl": {
        ("AB119", "unknown"): "no ULN given: every laboratory ULN in the vocabulary's span (100-150 U/L) decides 250 < 3 × ULN",
    },
    "twentyninth_sample.jsonl": {},  # (60 items: every decided case must agree)
    "thirtieth_sample.jsonl": {
        ("AD021", "unknown"): "label error: any day of November 2024 is within 2 years of 2026-11-01 (the window opens "
                              "2024-11-01, which the item's own boundary case counts as within): no straddle",
    },
    "thirtyfirst_sample.jsonl": {},
    "thirtysecond_sample.jsonl": {
        # (AF052 'true': a myeloma record against 'No … plasma cell dyscrasia' read alone is now unknown: the dyscrasia is
        # another one than the trial's disease, which the item alone does not name)
        ("AF052", "unknown"): "myeloma with AL amyloidosis: the amyloidosis is a plasma cell dyscrasia other than myeloma, "
                              "decided as such; the label leaves open whether the item bars only dyscrasias without myeloma",
    },
    "thirtythird_sample.jsonl": {
        ("AG006", "unknown"): "a recorded diagnosis counts as confirmed unless the record says it is not (a record seldom says "
                              "how a diagnosis was made; the label leaves 'histologically or cytologically proven' open)",
        ("AG042", "unknown"): "'Ejection fraction at least 50% by MUGA scan' with no procedure on record: the value is compared "
                              "(only a record naming another method leaves it open); the label wants the method recorded",
    },
    "thirtyfifth_sample.jsonl": {},  # (80 long criteria, 331-700 characters, both sections)
    "thirtyfourth_sample.jsonl": {
        ("AH012", "unknown"): "'No history of grade 2 peripheral neuropathy' read as grade 2 or worse (a worse grade barred a "
                              "fortiori); the label leaves a grade 3 history open",
    },
}


@pytest.mark.parametrize("sample", sorted(DISAGREEMENTS))
def test_sample_agrees_with_every_label_but_its_listed_disagreements(sample):
    """Stricter than 98%: every decided case agrees with its label, except the listed ones, which must still be
    decided against their label (a listed case that comes to agree, or goes unknown, is taken off the list)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from precision import condition_of

    items = [json.loads(l) for l in (FIX / "labelled" / sample).read_text(encoding="utf-8").splitlines() if l.strip()]
    listed = DISAGREEMENTS[sample]
    wrong, seen = [], set()
    for it in items:
        for case in it["cases"]:
            got = condition_of(it, case)
            if got != "unknown" and got != case["condition"]:
                key = (it["id"], case["condition"])
                seen.add(key)
                if key not in listed:
                    wrong.append((it["id"], it["text"][:80], case["condition"], got))
    assert not wrong
    assert seen == set(listed)


def test_coverage_report_runs_on_any_jsonl(tmp_path, capsys):
    from eligibility.coverage import main

    f = tmp_path / "t.jsonl"
    f.write_text("\n".join([
        json.dumps({"eligibility_criteria": "Inclusion Criteria:\n* ANC ≥ 1.5 x10^9/L\n* Must sign consent"}),
        json.dumps({"protocolSection": {"eligibilityModule": {"eligibilityCriteria": "PATIENT CHARACTERISTICS: Age: 18 and over Hepatic: Not specified"}}}),
        json.dumps({"other": "no text here"}),
    ]))
    assert main([str(f)]) == 0
    out = capsys.readouterr().out
    assert "texts: 2" in out and "criteria: 3" in out and "exceptions: 0" in out


def test_not_specified_is_no_criterion():
    crit = eligibility.parse("PATIENT CHARACTERISTICS: Age: 18 and over Hematopoietic: Not specified Hepatic: Bilirubin no greater than 2.0 mg/dL")
    assert [c.text for c in crit] == ["Age: 18 and over", "Hepatic: Bilirubin no greater than 2.0 mg/dL"]
    assert [c.rule.kind for c in crit] == ["comparison", "comparison"]


def test_heading_names_the_topic_of_its_items():
    crit = eligibility.parse("PATIENT CHARACTERISTICS:\n\nAge:\n\n  -  18 and over\n\nLife expectancy:\n\n  -  At least 12 weeks\n")
    kids = [ch for c in crit for ch in c.children]
    assert [(k.rule.kind, k.rule.concept) for k in kids] == [("comparison", "age"), ("comparison", "life_expectancy")]
