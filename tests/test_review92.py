"""Review 92: wrong decided answers the change 3d8a897..HEAD introduced (each gave `unknown` at 3d8a897).

U1-U3 come from `evaluate._given_systemically` (3061587/e9213cf): a local therapy whose name (with the record's `route`
written after it) holds a word `_SYSTEMIC_ROUTE` reads anywhere is counted as systemic. U4 comes from the past-list
heading (66272bd/e9213cf): `_NOW_WORD` misses headings that ask for toxicities still present."""

import json
from pathlib import Path

from _screening import AS_OF, doc_statuses, never

import eligibility
from eligibility.patient import Patient

ROOT = Path(__file__).resolve().parents[1]

# ------------------------------------------------------------------ U1: 'PO' of a mouthwash
SWISH = "Systemic corticosteroids within 14 days"


def test_u1_mouthwash_with_route_po_is_not_systemic():
    # (the SWISH regimen against everolimus stomatitis: a medication list writes its route 'PO')
    patient = {"therapies": [{"name": "dexamethasone mouthwash", "route": "PO", "start": "2026-09-01"}]}
    never(SWISH, "exclusion", patient, "fail")


def test_u1_mouthwash_sig_with_po_in_the_name_is_not_systemic():
    patient = {"therapies": [{"name": "dexamethasone mouthwash 0.5 mg/5 mL, 10 mL PO swish and spit QID", "start": "2026-09-01"}]}
    never(SWISH, "exclusion", patient, "fail")
    patient = {"therapies": [{"name": "dexamethasone mouthwash (p.o., swish and spit)", "start": "2026-09-01"}]}
    never("No systemic corticosteroids", "inclusion", patient, "fail")


def test_u1_fhir_mouthwash_with_route_text_po_is_not_systemic():
    bundle = json.loads((ROOT / "examples/fhir/rrmm_patient_bundle.json").read_text())
    pid = next(e["resource"]["id"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    bundle["entry"].append({"resource": {
        "resourceType": "MedicationStatement", "id": "mw1", "status": "active", "subject": {"reference": f"Patient/{pid}"},
        "medicationCodeableConcept": {"text": "Dexamethasone 0.5 mg/5 mL mouthwash"}, "effectivePeriod": {"start": "2026-09-01"},
        "dosage": [{"text": "10 mL swish and spit QID", "route": {"text": "PO"}}]}})
    p = Patient.from_fhir(bundle)
    doc = f"Exclusion Criteria:\n* {SWISH}"
    for cw in (False, True):
        got = eligibility.screen(doc, p, as_of=AS_OF, closed_world=cw).results[0].status.value
        assert eligibility.Screener(doc).statuses(p, as_of=AS_OF, closed_world=cw) == [got]
        assert got != "fail"


# ------------------------------------------------------------------ U2: a stage 'IV' read as the route IV
def test_u2_stage_iv_in_a_local_therapys_name_is_no_iv_route():
    patient = {"therapies": [{"name": "mitomycin C (HIPEC), stage IV colorectal cancer", "start": "2025-01-01", "end": "2025-01-01"}]}
    never("No prior systemic chemotherapy", "inclusion", patient, "fail")
    never("Prior systemic chemotherapy", "inclusion", patient, "match")
    patient = {"therapies": [{"name": "cisplatin (HIPEC) - stage IV", "start": "2025-01-01", "end": "2025-01-01"}]}
    never("No prior systemic chemotherapy", "inclusion", patient, "fail")


# ------------------------------------------------------------------ U3: 'oral' as the mouth, where it was given
def test_u3_oral_as_the_site_of_a_local_injection_is_no_oral_route():
    for name in ("dexamethasone (intralesional, oral lichen planus)", "dexamethasone injection into oral ulcer (intralesional)",
                 "dexamethasone intralesional injection for oral submucous fibrosis"):
        patient = {"therapies": [{"name": name, "start": "2026-10-20", "end": "2026-10-25"}]}
        never("Systemic corticosteroids within 14 days", "exclusion", patient, "fail")


# ------------------------------------------------------------------ U4: a prior-events heading that asks of now
_NEURO = {"conditions": [{"name": "peripheral neuropathy", "grade": 2, "start": "2024-01-01", "end": "2025-01-01", "status": "resolved"}]}
_PNEUMO = {"conditions": [{"name": "pneumonitis", "grade": 2, "start": "2024-01-01", "end": "2024-03-01", "status": "resolved"}]}




def test_u4_toxicities_not_returned_to_baseline_are_asked_of_now():
    doc = ("Exclusion Criteria:\n* Prior treatment-related toxicities that have not returned to Grade ≤1 or baseline, such as:\n"
           "  * Grade 2 or higher peripheral neuropathy\n  * Grade 2 or higher diarrhea\n* Known HIV infection")
    assert "fail" not in doc_statuses(doc, _NEURO)


def test_u4_toxicities_unless_resolved_are_asked_of_now():
    doc = ("Exclusion Criteria:\n* Prior anticancer therapy toxicities unless resolved to Grade 1 or baseline, including:\n"
           "  * Grade 2 or higher peripheral neuropathy\n  * Grade 2 or higher pneumonitis\n* Known HIV infection")
    assert "fail" not in doc_statuses(doc, _PNEUMO)


def test_u4_toxicities_still_present_or_not_improved_are_asked_of_now():
    doc = ("Exclusion Criteria:\n* Prior therapy-related adverse events still greater than Grade 1, such as:\n"
           "  * Grade 2 or higher peripheral neuropathy\n  * Grade 2 or higher pneumonitis")
    assert "fail" not in doc_statuses(doc, _PNEUMO)
    doc = ("Exclusion Criteria:\n* Prior toxicities from anticancer therapy that have not improved to Grade ≤1, such as:\n"
           "  * Grade ≥2 peripheral neuropathy\n  * Grade ≥2 fatigue")
    assert "fail" not in doc_statuses(doc, {"conditions": [{"name": "peripheral neuropathy", "grade": 2, "start": "2023-01-01", "end": "2024-03-01"}]})


# (review 92, smaller) 'HTLV I-II', 'HTLV 1-2' name both types; a route on a condition is reported, not dropped
def test_htlv_types_joined_by_a_hyphen_name_both():
    from _screening import statuses
    assert statuses("HTLV I-II negative", "inclusion", {"HTLV-2": "positive"}) == ["fail", "fail"]
    assert "match" not in statuses("HTLV 1-2 negative", "inclusion", {"HTLV-2": "positive"})  # (not read, as before)


def test_a_route_on_a_condition_is_reported():
    p = eligibility.Patient.from_mapping({"conditions": [{"name": "stroke", "route": "oral"}]})
    assert "conditions[0].route" in p.unused
