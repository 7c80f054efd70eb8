"""Review 80 (of the twentieth part's changes): wrong answers it found, each pinned in both worlds, through `screen`
and the Screener (which must agree)."""

import pytest

import eligibility
from _screening import never, statuses
from eligibility.fhir import bundle_to_record


def _bundle(*resources):
    entries = [{"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1960-01-01", "gender": "female"}}]
    for i, res in enumerate(resources):
        entries.append({"resource": {"id": f"r{i}", "subject": {"reference": "Patient/p1"}, **res}})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _fhir(*resources):
    return bundle_to_record(_bundle(*resources))[0]


# 1. a radiotherapy Procedure of status 'unknown' (perhaps in progress) is no course over
@pytest.mark.parametrize("when", [{"performedPeriod": {"start": "2026-10-20"}}, {"performedDateTime": "2026-10-30"}])
def test_a_radiotherapy_of_unknown_status_may_go_on(when):
    record = _fhir({"resourceType": "Procedure", "code": {"text": "Radiotherapy"}, "status": "unknown", **when})
    never("Concurrent radiotherapy", "exclusion", record, "match")
    never("Currently receiving radiation therapy", "exclusion", record, "match")
    never("No concurrent radiotherapy", "inclusion", record, "match")
    # (one completed is over: not current, whatever a modifier extension says of it)
    done = _fhir({"resourceType": "Procedure", "code": {"text": "Radiotherapy"}, "status": "completed",
                  "performedDateTime": "2026-10-20"})
    assert statuses("Concurrent radiotherapy", "exclusion", done) == ["match", "match"]


# 2. a Procedure or MedicationAdministration without its (required) status is not read as done or given
def test_a_procedure_or_administration_without_a_status_is_not_read_as_done_or_given():
    transplant = _fhir({"resourceType": "Procedure", "code": {"text": "Allogeneic stem cell transplant"},
                        "performedDateTime": "2026-10-25"})
    assert transplant["procedures"][0]["status"] == "unknown whether done"
    assert statuses("Prior allogeneic stem cell transplant", "inclusion", transplant) == ["unknown", "unknown"]
    assert statuses("Prior allogeneic stem cell transplant", "exclusion", transplant) == ["unknown", "unknown"]
    given = _fhir({"resourceType": "MedicationAdministration", "medicationCodeableConcept": {"text": "teclistamab"},
                   "effectiveDateTime": "2026-10-25"})
    assert statuses("Prior teclistamab", "inclusion", given) == ["unknown", "unknown"]
    assert statuses("Prior BCMA-directed therapy", "exclusion", given) == ["unknown", "unknown"]


def test_a_status_unknown_and_a_modifier_extension_do_not_double_the_doubt():
    negated = [{"url": "http://example.org/negated", "valueBoolean": True}]
    record = _fhir({"resourceType": "MedicationStatement", "medicationCodeableConcept": {"text": "teclistamab"},
                    "status": "unknown", "modifierExtension": negated},
                   {"resourceType": "MedicationRequest", "medicationCodeableConcept": {"text": "dexamethasone"},
                    "status": "active", "intent": "directive", "modifierExtension": negated})
    assert [t["status"] for t in record["therapies"]] == ["unknown whether given", "active; unknown whether given"]


# 3. an absence named 'other than' the patient's own, anywhere in its name, denies only 'other' kinds; 7. not a
# disease whose own name opens with such a word
@pytest.mark.parametrize("name", ["malignancy (other than myeloma)", "cancer other than myeloma",
                                  "malignancies besides myeloma"])
def test_an_absence_of_cancer_other_than_the_patients_own_denies_no_myeloma(name):
    record = {"conditions": [{"name": name, "present": False}]}
    assert statuses("Diagnosis of multiple myeloma", "inclusion", record)[0] == "unknown"
    assert statuses("Other malignancy within 5 years", "exclusion", record) == ["match", "match"]


def test_secondary_amyloidosis_recorded_absent_denies_it():
    record = {"conditions": [{"name": "secondary amyloidosis", "present": False}]}
    assert statuses("Secondary amyloidosis", "exclusion", record) == ["match", "match"]
    assert statuses("History of AA amyloidosis", "exclusion", record) == ["match", "match"]


# 4. a partial start that holds the screening date: begun that day, or after it
@pytest.mark.parametrize("item", [{"name": "bortezomib", "start": "2026-11"}, {"name": "bortezomib", "start": "2026"},
                                  {"name": "bortezomib", "date": "2026-11"}])
def test_a_course_begun_in_the_screening_month_may_not_have_begun_by_the_screening_date(item):
    record = {"therapies": [item]}
    assert statuses("Prior bortezomib", "inclusion", record) == ["unknown", "unknown"]
    assert statuses("Prior proteasome inhibitor", "exclusion", record) == ["unknown", "unknown"]
    # (an end before the screening date says it had begun)
    ended = {"therapies": [{"name": "bortezomib", "start": "2026", "end": "2026-06-01"}]}
    assert statuses("Prior bortezomib", "inclusion", ended) == ["match", "match"]


def test_a_diagnosis_in_the_screening_month_may_be_after_the_screening_date():
    record = {"conditions": [{"name": "multiple myeloma", "date": "2026-11"}]}
    assert statuses("History of multiple myeloma", "inclusion", record) == ["unknown", "unknown"]


# 5. an indication in brackets is read as one
def test_an_indication_in_brackets_is_read():
    record = {"therapies": [{"name": "cyclophosphamide (for lupus nephritis)", "start": "2019"}]}
    assert statuses("Prior chemotherapy", "exclusion", record) == ["unknown", "unknown"]
    record = {"therapies": [{"name": "cyclophosphamide", "start": "2019", "status": "completed (for lupus nephritis)"}]}
    assert statuses("Prior chemotherapy", "exclusion", record) == ["unknown", "unknown"]


# 9. von Willebrand disease is perhaps a coagulation factor deficiency
def test_von_willebrand_disease_is_perhaps_a_coagulation_factor_deficiency():
    record = {"conditions": [{"name": "von Willebrand disease"}]}
    assert statuses("Known coagulation factor deficiency", "exclusion", record) == ["unknown", "unknown"]


# 10. corticotropin-releasing hormone is no corticotropin
def test_corticotropin_releasing_hormone_is_no_acth():
    crit = eligibility.parse("Exclusion Criteria:\n* Prior corticotropin-releasing hormone stimulation test")
    assert "acth" not in crit.criteria[0].rule.model_dump_json()
    record = {"therapies": [{"name": "corticotropin", "start": "2026-10-01"}]}
    assert statuses("Prior adrenocorticotropic hormone therapy", "exclusion", record) == ["fail", "fail"]
