"""Any JSON value in any element of a FHIR bundle: the converter reads it, or raises PatientDataError naming the
element; never another exception (a status written as an object raised TypeError: unhashable type)."""

import json
from pathlib import Path

from _any_json import JSON, paths, replaced
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import eligibility
from eligibility.fhir import bundle_to_record

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = json.loads((ROOT / "examples" / "fhir" / "rrmm_patient_bundle.json").read_text(encoding="utf-8"))


PATHS = [p for p in paths(BUNDLE) if len(p) >= 4 and p[0] == "entry" and p[2] == "resource"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), JSON)
@example(("entry", 1, "resource", "status"), {"coding": []})
@example(("entry", 1, "resource", "status"), ["final"])
def test_any_json_in_any_element_is_read_or_named_in_a_patient_data_error(path, value):
    b = replaced(BUNDLE, path, value)
    try:
        bundle_to_record(b)
        patient = eligibility.Patient.from_fhir(b)
    except eligibility.PatientDataError:
        return
    eligibility.screen((ROOT / "examples" / "trials" / "NCT06279026.txt").read_text(encoding="utf-8"), patient,
                       as_of="2026-11-01")


def test_a_status_of_the_wrong_type_is_named():
    for i, entry in enumerate(BUNDLE["entry"]):
        if "status" in entry["resource"] and entry["resource"]["resourceType"] != "Patient":
            b = replaced(BUNDLE, ("entry", i, "resource", "status"), {"code": "final"})
            try:
                bundle_to_record(b)
            except eligibility.PatientDataError as e:
                assert ".status" in str(e) and "expected a string" in str(e)
            else:
                raise AssertionError(f"entry {i}: a status written as an object was read")
