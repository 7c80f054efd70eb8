"""Any JSON value in any element of a FHIR bundle: the converter reads it, or raises PatientDataError naming the
element; never another exception (a status written as an object raised TypeError: unhashable type)."""

import copy
import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import eligibility
from eligibility.fhir import bundle_to_record

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = json.loads((ROOT / "examples" / "fhir" / "rrmm_patient_bundle.json").read_text(encoding="utf-8"))


def _paths(node, path=()):
    """Every element's path in the bundle's resources (keys and list indexes)."""
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


PATHS = [p for p in _paths(BUNDLE) if len(p) >= 4 and p[0] == "entry" and p[2] == "resource"]
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=6)


def _replaced(path, value):
    b = copy.deepcopy(BUNDLE)
    node = b
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return b


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), JSON)
@example(("entry", 1, "resource", "status"), {"coding": []})
@example(("entry", 1, "resource", "status"), ["final"])
def test_any_json_in_any_element_is_read_or_named_in_a_patient_data_error(path, value):
    b = _replaced(path, value)
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
            b = _replaced(("entry", i, "resource", "status"), {"code": "final"})
            try:
                bundle_to_record(b)
            except eligibility.PatientDataError as e:
                assert ".status" in str(e) and "expected a string" in str(e)
            else:
                raise AssertionError(f"entry {i}: a status written as an object was read")
