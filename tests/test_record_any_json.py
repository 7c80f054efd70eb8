"""Any JSON value in any element of a patient record: it is read, or raises PatientDataError naming the field; never
another exception, and screening what was read never raises."""

import json
from pathlib import Path

from _any_json import JSON, paths, replaced
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eligibility

ROOT = Path(__file__).resolve().parents[1]
RECORD = json.loads((ROOT / "examples" / "patients" / "all_decidable_match.json").read_text(encoding="utf-8"))
TRIALS = [eligibility.parse((ROOT / "examples" / "trials" / f"{n}.txt").read_text(encoding="utf-8"))
          for n in ("NCT06279026", "NCT07139509")]


PATHS = [p for p in paths(RECORD) if p]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), JSON, st.booleans())
def test_any_json_in_any_field_is_read_or_named_in_a_patient_data_error(path, value, closed):
    record = replaced(RECORD, path, value)
    try:
        patient = eligibility.Patient.from_mapping(record)
    except eligibility.PatientDataError:
        return
    for trial in TRIALS:
        full = eligibility.screen(trial, patient, closed_world=closed)
        fast = eligibility.Screener(trial).statuses(patient, as_of=full.as_of, closed_world=closed)
        assert fast == [r.status.value for r in full.results]
