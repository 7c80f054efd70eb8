"""Input and output end to end: the ClinicalTrials.gov record, the FHIR bundle, the CLI table,
the example notebook, and the HTML report rendered in a real headless browser."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import eligibility
from eligibility import ir
from eligibility.cli import main
from eligibility.render import criteria_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CTGOV = EXAMPLES / "ctgov" / "NCT06279026.json"
TRIAL_TXT = EXAMPLES / "trials" / "NCT06279026.txt"
PATIENTS = EXAMPLES / "patients"
LOW = PATIENTS / "low_platelets.json"
BUNDLE = EXAMPLES / "fhir" / "rrmm_patient_bundle.json"
NOTEBOOK = EXAMPLES / "notebook.ipynb"

TITLE = ("Single-arm, Open-label, Early-stage Clinical Study of UTAA17 Injection in the Treatment of "
         "Relapsed/Refractory Multiple Myeloma")
UCUM = "http://unitsofmeasure.org"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def walk(results) -> Iterator:
    for r in results:
        yield r
        yield from walk(r.children)


@pytest.fixture(scope="module")
def ctgov_record() -> dict:
    return load(CTGOV)


@pytest.fixture(scope="module")
def trial(ctgov_record) -> eligibility.Criteria:
    return eligibility.Criteria.from_ctgov(ctgov_record)


# --------------------------------------------------------------------------- the CT.gov record


def test_ctgov_record_has_the_api_v2_shape(ctgov_record):
    proto = ctgov_record["protocolSection"]
    assert proto["identificationModule"]["nctId"] == "NCT06279026"
    assert proto["identificationModule"]["organization"]["fullName"] == "PersonGen BioTherapeutics (Suzhou) Co., Ltd."
    assert proto["conditionsModule"]["conditions"] == ["Relapsed/Refractory Multiple Myeloma"]
    elig = proto["eligibilityModule"]
    assert (elig["sex"], elig["minimumAge"], elig["healthyVolunteers"]) == ("ALL", "18 Years", False)
    assert "maximumAge" not in elig
    text = elig["eligibilityCriteria"]
    # the registry's markdown: escaped comparators and carets, '* ' bullets, numbered sub-items indented
    assert "\\>0.75×10\\^9 /L" in text and "\\> 92%" in text
    assert text.startswith("Inclusion Criteria:\n\n* ") and "\n\nExclusion Criteria:\n\n* " in text
    assert "\n\n  1. Monoclonal plasma cells" in text
    assert ctgov_record["hasResults"] is False


def test_from_ctgov_keeps_ids_and_counts_criteria(trial):
    assert trial.nct_id == "NCT06279026"
    assert trial.title == TITLE
    assert [c.id for c in trial.inclusion] == [f"I{i}" for i in range(1, 11)] + ["A1"]
    assert [c.id for c in trial.exclusion] == [f"E{i}" for i in range(1, 12)]
    assert len(trial) == 10 + 11 + 1
    a1 = trial["A1"]
    assert a1.section == "inclusion" and a1.text == "Minimum age: 18 Years"
    assert isinstance(a1.rule, ir.Comparison)
    assert (a1.rule.concept, a1.rule.op, a1.rule.value, a1.rule.unit) == ("age", ">=", 18.0, "year")
    # sex ALL and no maximumAge: no A2 and no S1
    for absent in ("A2", "S1"):
        with pytest.raises(KeyError):
            trial[absent]
    # the record's condition list names the trial's disease
    assert "multiple_myeloma" in trial.conditions


def test_cli_screens_the_ctgov_record(capsys):
    assert main(["screen", str(CTGOV), str(LOW)]) == 0
    out = capsys.readouterr().out
    assert "NCT06279026: ineligible" in out


# Expected statuses, worked out by hand from examples/patients/*.json (as_of 2026-11-01):
EXPECTED_I9_A1 = {
    # I9.1 all counts pass (ANC 1.9 > 0.75, ALC 0.9 ≥ 0.3, platelets 135000/µL = 135 ≥ 50, Hb 105 g/L > 60),
    # I9.2-I9.5 pass against the patient's own ULNs -> I9 match; born 1960-05-20 -> 66 years ≥ 18 -> A1 match
    "all_decidable_match": {"I9": "match", "I9.1": "match", "A1": "match"},
    # platelets 40 ×10^9/L < 50 -> I9.1 fails, so 'all of' I9 fails; born 1962-03-14 -> 64 years -> A1 match
    "low_platelets": {"I9": "fail", "I9.1": "fail", "A1": "match"},
    # ANC, platelets, Hb pass but ALC, liver, renal, coagulation and SpO2 are missing -> unknown; age 58 -> A1 match
    "sparse_unknowns": {"I9": "unknown", "I9.1": "unknown", "A1": "match"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_I9_A1))
def test_example_patients_against_the_ctgov_record(trial, name):
    report = eligibility.screen(trial, load(PATIENTS / f"{name}.json"))
    got = {cid: report[cid].status.value for cid in EXPECTED_I9_A1[name]}
    assert got == EXPECTED_I9_A1[name]
    assert report.nct_id == "NCT06279026"
    assert report.results[-1].id == "A1"


def test_ctgov_text_gives_the_same_rule_trees_as_the_text_file(trial):
    from_txt = eligibility.parse(TRIAL_TXT.read_text(encoding="utf-8"))
    from_record = [c for c in trial if c.id != "A1"]
    assert [c.id for c in from_record] == [c.id for c in from_txt]
    for a, b in zip(from_record, from_txt):
        assert a.rule == b.rule, a.id
        assert a.children == b.children, a.id
        assert a.text == b.text, a.id
    assert criteria_text(trial.model_copy(update={"criteria": from_record})) == criteria_text(from_txt)


def test_markdown_escapes_do_not_change_the_rule_trees():
    escaped = ("Inclusion Criteria:\n\n* Platelets \\> 50×10\\^9/L\n"
               "* Serum creatinine \\< 1.5 mg/dL \\[or creatinine clearance ≥ 60 mL/min\\]\n\n"
               "Exclusion Criteria:\n\n* HIV antibody positive")
    plain = ("Inclusion Criteria:\n* Platelets > 50×10^9/L\n"
             "* Serum creatinine < 1.5 mg/dL [or creatinine clearance ≥ 60 mL/min]\n"
             "Exclusion Criteria:\n* HIV antibody positive")
    record = {"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "briefTitle": "t"},
                                  "eligibilityModule": {"eligibilityCriteria": escaped, "sex": "ALL"}}}
    crit = eligibility.Criteria.from_ctgov(record)
    assert criteria_text(crit) == criteria_text(eligibility.parse(plain))
    assert "\\" not in crit["I2"].text and "[or creatinine clearance" in crit["I2"].text


# --------------------------------------------------------------------------- ages and sex from the record


def _child_record() -> dict:
    return {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT09999999", "briefTitle": "A paediatric study"},
            "eligibilityModule": {
                "eligibilityCriteria": ("Inclusion Criteria:\n\n* Hemoglobin ≥ 8 g/dL\n\n"
                                        "Exclusion Criteria:\n\n* HIV antibody positive"),
                "healthyVolunteers": False,
                "sex": "FEMALE",
                "minimumAge": "30 Months",
                "maximumAge": "17 Years",
                "stdAges": ["CHILD"],
            },
        }
    }


def test_ctgov_age_range_and_sex_become_criteria():
    crit = eligibility.Criteria.from_ctgov(_child_record())
    assert [c.id for c in crit] == ["I1", "E1", "A1", "A2", "S1"]
    a1, a2, s1 = crit["A1"].rule, crit["A2"].rule, crit["S1"].rule
    assert (a1.concept, a1.op, a1.value, a1.unit) == ("age", ">=", 2.5, "year")
    assert (a2.concept, a2.op, a2.value, a2.unit) == ("age", "<=", 17.0, "year")
    assert isinstance(s1, ir.Category) and (s1.concept, list(s1.values)) == ("sex", ["female"])
    assert all(crit[x].section == "inclusion" for x in ("A1", "A2", "S1"))


BASE = {"as_of": "2026-11-01", "hemoglobin": "10 g/dL", "HIV antibody": "negative"}


@pytest.mark.parametrize("patient,expected,outcome", [
    # 6.5 years old, female: inside 2.5-17 years and the right sex
    ({"birth_date": "2020-05-01", "sex": "female"}, ("match", "match", "match"), "eligible"),
    # exactly 30 months on the screening date (914 days = 2.502 years): the minimum is inclusive
    ({"birth_date": "2024-05-01", "sex": "female"}, ("match", "match", "match"), "eligible"),
    # 2 years old, in completed years: 24 to 35 months, either side of the 30-month minimum
    ({"age": 2, "sex": "female"}, ("unknown", "match", "match"), "undetermined"),
    # 2 years old by the birth date (2024-12-01): 23 months, under the minimum
    ({"birth_date": "2024-12-01", "sex": "female"}, ("fail", "match", "match"), "ineligible"),
    # 19 years old: over the maximum
    ({"age": 19, "sex": "female"}, ("match", "fail", "match"), "ineligible"),
    # a 16-year-old boy: the age fits, the sex does not
    ({"age": 16, "sex": "male"}, ("match", "match", "fail"), "ineligible"),
    # age known from the birth date (2.8 years), sex not recorded
    ({"birth_date": "2024-01-15"}, ("match", "match", "unknown"), "undetermined"),
    # nothing about age or sex
    ({}, ("unknown", "unknown", "unknown"), "undetermined"),
])
def test_ctgov_age_and_sex_are_decided(patient, expected, outcome):
    crit = eligibility.Criteria.from_ctgov(_child_record())
    report = eligibility.screen(crit, {**BASE, **patient})
    assert (report["I1"].status, report["E1"].status) == ("match", "match")
    assert tuple(report[x].status.value for x in ("A1", "A2", "S1")) == expected
    assert report.outcome == outcome


# --------------------------------------------------------------------------- the FHIR bundle end to end


@pytest.fixture(scope="module")
def fhir_report(trial):
    patient = eligibility.Patient.from_fhir(load(BUNDLE))
    return eligibility.screen(trial, patient, as_of="2026-11-01")


def test_fhir_bundle_screened_end_to_end(fhir_report):
    r = fhir_report
    expected = {
        # ECOG Observation (LOINC 89247-1) answers LA9623-5, which is grade 1: one of 0, 1 -> match
        "I7": "match",
        # ANC 1.6 > 0.75, platelets 78 (the latest of 92 and 78) ≥ 50, Hb 9.4 g/dL > 60 g/L (the entered-in-error
        # 4.9 g/dL is not used), but the bundle has no ALC -> unknown
        "I9.1": "unknown",
        # ALT 52 ≤ 2.5×35, AST 38 ≤ 2.5×35, total bilirubin 0.9 ≤ 1.5×1.2 mg/dL, but the Gilbert exception is open
        # (Gilbert not recorded, open world) and its alternative needs direct bilirubin, which is missing -> unknown
        "I9.2": "unknown",
        # creatinine 132 µmol/L against its own ULN 84 µmol/L = 1.57×ULN ≤ 2.5×ULN -> match
        "I9.3": "match",
        # fibrinogen 3.1 g/L ≥ 1.0 g/L; aPTT 31.5 ≤ 1.5×37 s; PT 12.8 ≤ 1.5×13.5 s -> match
        "I9.4": "match",
        # SpO2 (LOINC 59408-5) 97% > 92% -> match
        "I9.5": "match",
        # all of: two unknown, three match, none false -> unknown
        "I9": "unknown",
        # born 1958-04-12: 68 years on 2026-11-01 -> match
        "A1": "match",
    }
    assert {cid: r[cid].status.value for cid in expected} == expected
    assert r["I9.1"].missing == ["ALC"]
    assert set(r["I9.2"].missing) >= {"direct bilirubin"}
    assert "132" in r["I9.3"].reason
    # Nothing fails (every value in the bundle meets its threshold; HBsAg negative and HIV non-reactive), and
    # consent (I1) can never be decided from data -> undetermined
    assert not [x.id for x in r.results if x.status == "fail"]
    assert r["I1"].status == "unknown"
    assert r.outcome == "undetermined"


def test_fhir_bundle_uses_the_latest_value_and_ignores_entered_in_error():
    patient = eligibility.Patient.from_fhir(load(BUNDLE))
    text = ("Inclusion Criteria:\n* Platelets ≥ 80×10^9/L\n* Hemoglobin ≥ 8 g/dL\n"
            "Exclusion Criteria:\n* HIV antibody positive\n* HBsAg positive")
    r = eligibility.screen(text, patient, as_of="2026-11-01")
    # platelets 92 on 2026-10-14 but 78 on 2026-10-28: the latest, 78, is below 80
    assert r["I1"].status == "fail" and "78" in r["I1"].reason
    # haemoglobin 9.4 g/dL (the 4.9 g/dL result is entered-in-error)
    assert r["I2"].status == "match" and "9.4" in r["I2"].reason
    # HIV 'Non-reactive' and HBsAg 'Negative': the exclusions do not apply
    assert (r["E1"].status, r["E2"].status) == ("match", "match")


def test_fhir_skipped_entries_are_reported_in_unused(fhir_report):
    unused = fhir_report.unused
    for resource, why in [
        ("Practitioner/prac-hem-07", "unsupported resource type Practitioner"),
        ("Observation/obs-hgb-20261028-b", "entered-in-error"),
        ("Observation/obs-k-20261028", "dataAbsentReason"),
        ("Observation/obs-cbc-20261028", "panel"),
        ("Condition/cond-al-amyloid", "refuted"),
    ]:
        hits = [u for u in unused if u.startswith(resource)]
        assert len(hits) == 1, (resource, unused)
        assert why in hits[0]
    # the local-code free light chain ratio is not a vocabulary key: reported, not dropped
    assert "Free light chain kappa/lambda ratio" in unused


# --------------------------------------------------------------------------- FHIR creatinine = the plain record

RENAL_ULN = "Inclusion Criteria:\n* Renal function: serum creatinine ≤2.5×ULN"
RENAL_ABS = "Inclusion Criteria:\n* Serum creatinine ≤ 1.5 mg/dL"


def _creatinine_bundle(value: float, uln: float, quantity: dict) -> dict:
    q = lambda v: {"value": v, **quantity}  # noqa: E731
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1"}},
            {"resource": {
                "resourceType": "Observation", "id": "creat", "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "2160-0",
                                     "display": "Creatinine [Mass/volume] in Serum or Plasma"}]},
                "subject": {"reference": "Patient/p1"},
                "effectiveDateTime": "2026-10-28T08:30:00+01:00",
                "valueQuantity": q(value),
                "referenceRange": [{"high": q(uln)}],
            }},
        ],
    }


@pytest.mark.parametrize("quantity", [
    {"unit": "µmol/L", "system": UCUM, "code": "umol/L"},
    {"unit": "µmol/L"},
], ids=["ucum-code", "unit-text-only"])
@pytest.mark.parametrize("value,uln,expected", [
    # 132/84 = 1.57×ULN ≤ 2.5; 132 µmol/L = 1.49 mg/dL ≤ 1.5
    (132, 84, ("match", "match")),
    # 97/106 = 0.92×ULN; 1.10 mg/dL
    (97, 106, ("match", "match")),
    # 230/84 = 2.74×ULN > 2.5; 2.60 mg/dL > 1.5
    (230, 84, ("fail", "fail")),
    # 250/110 = 2.27×ULN ≤ 2.5, but 2.83 mg/dL > 1.5
    (250, 110, ("match", "fail")),
])
def test_fhir_creatinine_screens_like_the_plain_record(quantity, value, uln, expected):
    fhir = eligibility.Patient.from_fhir(_creatinine_bundle(value, uln, quantity))
    plain = {"creatinine": {"value": value, "unit": "umol/L", "uln": uln}}
    statuses = []
    for text in (RENAL_ULN, RENAL_ABS):
        a = eligibility.screen(text, fhir, as_of="2026-11-01")
        b = eligibility.screen(text, plain, as_of="2026-11-01")
        pairs_a = [(x.id, x.status, x.condition) for x in walk(a.results)]
        pairs_b = [(x.id, x.status, x.condition) for x in walk(b.results)]
        assert pairs_a == pairs_b, text
        assert a.outcome == b.outcome
        statuses.append(a["I1"].status.value)
    assert tuple(statuses) == expected


def test_fhir_reference_range_in_another_unit_is_converted():
    patient = eligibility.Patient.from_fhir(load(BUNDLE))
    # fibrinogen 3.1 g/L with a reference range of 200-400 mg/dL (= 2-4 g/L): within normal limits, ≥ 1×LLN
    text = "Inclusion Criteria:\n* Fibrinogen within normal limits\n* Fibrinogen ≥ 1.0 × LLN"
    r = eligibility.screen(text, patient, as_of="2026-11-01")
    assert (r["I1"].status, r["I2"].status) == ("match", "match")


def test_fhir_quantity_comparator_is_not_read_as_an_exact_value():
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
        "resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]},
        "valueQuantity": {"value": 50, "comparator": "<", "unit": "10^9/L", "system": UCUM, "code": "10*9/L"},
    }}]}
    r = eligibility.screen("Inclusion Criteria:\n* Platelets ≥ 50×10^9/L", eligibility.Patient.from_fhir(bundle),
                           as_of="2026-11-01")
    # platelets below 50 cannot be ≥ 50
    assert r["I1"].status == "fail"


# --------------------------------------------------------------------------- CLI table output


def test_cli_table_shows_ids_statuses_and_outcome(capsys):
    assert main(["screen", str(CTGOV), str(LOW)]) == 0
    out = capsys.readouterr().out
    assert "NCT06279026: ineligible (as of 2026-11-01)" in out
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃]", line)]
        if len(cells) >= 4 and re.fullmatch(r"[IEAS]\d+", cells[1]):
            rows[cells[1]] = cells[2]
    assert list(rows) == [f"I{i}" for i in range(1, 11)] + [f"E{i}" for i in range(1, 12)] + ["A1"]
    assert rows["I9"] == "fail" and rows["I7"] == "match" and rows["A1"] == "match" and rows["I1"] == "unknown"
    assert set(rows.values()) == {"match", "fail", "unknown"}
    assert "platelets 40" in out
    assert "to decide the unknowns:" in out


def test_cli_table_for_a_fhir_bundle(tmp_path, capsys):
    assert main(["screen", str(CTGOV), str(BUNDLE), "--as-of", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "NCT06279026: undetermined (as of 2026-11-01)" in out
    assert "Practitioner/prac-hem-07" in out


def test_cli_table_keeps_bracketed_reason_text(capsys):
    assert main(["screen", str(CTGOV), str(LOW)]) == 0
    out = capsys.readouterr().out
    assert "[age from birth date 1962-03-14]" in out


def test_record_id_is_not_reported_as_unused(trial):
    assert "id" not in eligibility.screen(trial, load(LOW)).unused


# --------------------------------------------------------------------------- the notebook


def test_notebook_is_stored_without_outputs():
    nb = load(NOTEBOOK)
    assert nb["nbformat"] == 4
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    source = "\n".join("".join(c["source"]) for c in code)
    for needed in ("eligibility.parse(", "to_dataframe()", ".missing", "missing_detail",
                   "Criteria.from_ctgov(", "Patient.from_fhir(", "eligibility.screen_many("):
        assert needed in source, needed


def test_notebook_executes():
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    nb = nbformat.read(NOTEBOOK, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    try:
        KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        pytest.skip(f"no Jupyter kernel named {kernel!r}")
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name=kernel,
                                     resources={"metadata": {"path": str(EXAMPLES)}})
    client.execute()  # raises CellExecutionError if a cell fails
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    shown = "".join(o.get("text", "") + str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "ineligible" in shown and "NCT06279026" in shown and 'class="elig"' in shown


# --------------------------------------------------------------------------- the HTML in a real browser


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_report_html_renders_in_headless_chromium(tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium or chromium-browser on this machine")
    crit = eligibility.parse(TRIAL_TXT.read_text(encoding="utf-8"))
    report = eligibility.screen(crit, load(LOW))
    page = tmp_path / "report.html"
    page.write_text("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                    f"{html.escape(report.nct_id or 'report')}</title></head><body>"
                    f"{report._repr_html_()}</body></html>", encoding="utf-8")
    png = tmp_path / "report.png"
    profile = tmp_path / "profile"
    profile.mkdir()
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1400,1800", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert png.exists(), f"no screenshot; chromium exited {proc.returncode}: {proc.stderr[-2000:]}"
    assert png.stat().st_size > 10_000
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as im:
        img = im.convert("RGB")
    assert img.size == (1400, 1800)
    colours = img.getcolors(maxcolors=img.size[0] * img.size[1])
    assert colours is not None and len(colours) > 1, "the screenshot is a single colour"

    def pixels_near(target: tuple[int, int, int], tol: int = 6) -> int:
        return sum(n for n, c in colours if all(abs(a - b) <= tol for a, b in zip(c, target)))

    # status cells: fail #fee2e2 on red, match #dcfce7 on green (see eligibility.html); each cell is ~60×20 px
    assert pixels_near((0xFE, 0xE2, 0xE2)) > 500, "no red 'fail' cell in the screenshot"
    assert pixels_near((0xDC, 0xFC, 0xE7)) > 500, "no green 'match' cell in the screenshot"
