"""The public contract: parse, screen, JSON round-trips, report shape, CLI, rendering."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import eligibility
from eligibility.cli import main

ROOT = Path(__file__).resolve().parents[1]
TRIAL = ROOT / "examples" / "trials" / "NCT06279026.txt"
LOW = ROOT / "examples" / "patients" / "low_platelets.json"


def test_public_names():
    for name in ("parse", "screen", "screen_many", "Criteria", "Patient", "Report", "PatientDataError"):
        assert hasattr(eligibility, name)


def test_screen_accepts_text_or_criteria():
    text = TRIAL.read_text(encoding="utf-8")
    patient = json.loads(LOW.read_text())
    a = eligibility.screen(text, patient)
    b = eligibility.screen(eligibility.parse(text), patient)
    assert a.to_dict() == b.to_dict()


def test_as_of_precedence():
    crit = "Exclusion Criteria:\n* Stroke within 6 months before screening"
    patient = {"as_of": "2026-11-01", "conditions": [{"name": "stroke", "date": "2026-06-01"}]}
    assert eligibility.screen(crit, patient).results[0].status == "fail"
    assert eligibility.screen(crit, patient, as_of="2027-06-01").results[0].status == "match"
    assert str(eligibility.screen(crit, patient, as_of="2027-06-01").as_of) == "2027-06-01"


def test_criteria_json_round_trip_is_lossless():
    for trial in (ROOT / "examples" / "trials").glob("*.txt"):
        c = eligibility.parse(trial.read_text(encoding="utf-8"))
        again = eligibility.Criteria.from_json(c.to_json())
        assert again == c
        assert again.to_dict() == c.to_dict()


def test_report_shape_and_round_trip():
    r = eligibility.screen(TRIAL.read_text(encoding="utf-8"), json.loads(LOW.read_text()))
    d = json.loads(r.to_json())
    assert d["outcome"] == "ineligible"
    assert [x["id"] for x in d["results"]][:3] == ["I1", "I2", "I3"]
    first = d["results"][8]
    assert set(first) >= {"id", "section", "text", "status", "condition", "reason", "missing", "children"}
    assert eligibility.Report.model_validate_json(r.to_json()).to_dict() == r.to_dict()


def test_report_ids_and_sections():
    r = eligibility.screen(TRIAL.read_text(encoding="utf-8"), {})
    ids = [x.id for x in r.results]
    assert ids == [f"I{i}" for i in range(1, 11)] + [f"E{i}" for i in range(1, 12)]
    assert [c.id for c in r["I3"].children] == ["I3.1", "I3.2", "I3.3", "I3.4", "I3.5"]
    assert {x.section for x in r.results} == {"inclusion", "exclusion"}


def test_missing_is_ranked_most_decisive_first():
    r = eligibility.screen(TRIAL.read_text(encoding="utf-8"), {})
    detail = r.missing_detail
    counts = [len(m.criteria) for m in detail if m.could_exclude]
    assert counts == sorted(counts, reverse=True)
    assert r.missing == [m.name for m in detail]


def test_dataframe_has_a_row_per_criterion_and_sub_criterion():
    pd = pytest.importorskip("pandas")
    r = eligibility.screen(TRIAL.read_text(encoding="utf-8"), json.loads(LOW.read_text()))
    df = r.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 21 + 5 + 5
    assert set(df.columns) >= {"id", "status", "reason", "missing", "text", "parent"}


def test_html_repr():
    crit = eligibility.parse(TRIAL.read_text(encoding="utf-8"))
    r = eligibility.screen(crit, json.loads(LOW.read_text()))
    html = r._repr_html_()
    assert "<table" in html and 'class="fail"' in html and "<mark>" in html and "ineligible" in html
    assert "<table" in crit._repr_html_()


def test_cli_screen_table(capsys):
    assert main(["screen", str(TRIAL), str(LOW)]) == 0
    out = capsys.readouterr().out
    assert "ineligible" in out and "I9" in out and "fail" in out and "platelets 40" in out


def test_cli_screen_json(capsys):
    assert main(["screen", str(TRIAL), str(LOW), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "ineligible"


def test_cli_parse(capsys):
    assert main(["parse", str(TRIAL)]) == 0
    out = capsys.readouterr().out
    assert "platelets ≥ 50 10^9/L" in out


def test_cli_many_patients_summary(tmp_path, capsys):
    lines = [json.dumps({"id": i, "platelets": p, "as_of": "2026-11-01"}) for i, p in enumerate([40, 80, 120])]
    f = tmp_path / "patients.jsonl"
    f.write_text("\n".join(lines))
    assert main(["screen", str(TRIAL), str(f)]) == 0
    out = capsys.readouterr().out
    assert "3 patients" in out and "ineligible: 1" in out and "undetermined: 2" in out


def test_cli_bad_patient_data_exits_2(tmp_path, capsys):
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"ANC": "5 mg"}))
    assert main(["screen", str(TRIAL), str(f)]) == 2
    assert "ANC" in capsys.readouterr().err


def test_cli_runs_as_a_module():
    out = subprocess.run([sys.executable, "-m", "eligibility", "screen", str(TRIAL), str(LOW)], capture_output=True,
                         text=True, check=True).stdout
    assert "ineligible" in out


def test_screen_many():
    reports = list(eligibility.screen_many(TRIAL.read_text(encoding="utf-8"), [{"platelets": 40}, {"platelets": 80}],
                                           as_of="2026-11-01"))
    assert [r["I9.1"].status for r in reports] == ["fail", "unknown"]  # the other blood counts are missing
