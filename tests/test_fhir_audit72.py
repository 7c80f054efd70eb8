"""Audit 72, FHIR input: resources that say something was not done, not yet reported or not for this patient are not
read as done, reported, or the patient's own; each is reported where it is set aside."""

from __future__ import annotations

import pytest

import eligibility
from eligibility.fhir import bundle_to_record

AS_OF = "2026-11-01"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
MEANING = "http://terminology.hl7.org/CodeSystem/referencerange-meaning"
V3 = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"


def bundle(*resources, gender="female", birth="1960-01-01"):
    patient = {"resourceType": "Patient", "id": "p1", "birthDate": birth, "gender": gender}
    entries = [{"fullUrl": "urn:uuid:p1", "resource": patient}]
    for i, res in enumerate(resources):
        res = {"id": f"r{i}", "subject": {"reference": "Patient/p1"}, **res}
        entries.append({"resource": res})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def med(name, rtype="MedicationStatement", **fields):
    return {"resourceType": rtype, "medicationCodeableConcept": {"text": name}, **fields}


def cond(name, **fields):
    return {"resourceType": "Condition", "code": {"text": name}, **fields}


def obs(code, **fields):
    return {"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": LOINC, "code": code}]},
            "effectiveDateTime": "2026-10-28", **fields}


def proc(name, **fields):
    return {"resourceType": "Procedure", "code": {"text": name}, **fields}


def statuses(section, text, b, closed_world=False):
    """The criterion's status from screen() and from Screener.statuses(), which must agree."""
    criteria = eligibility.parse(f"{'Inclusion' if section == 'I' else 'Exclusion'} Criteria:\n* {text}\n")
    patient = eligibility.Patient.from_fhir(b)
    result = eligibility.screen(criteria, patient, as_of=AS_OF, closed_world=closed_world).results[0]
    fast = eligibility.Screener(criteria).statuses(patient, as_of=AS_OF, closed_world=closed_world)[0]
    assert fast == result.status.value, (fast, result.status.value, result.reason)
    return result.status.value


def both_worlds(section, text, b):
    return {statuses(section, text, b, closed_world=cw) for cw in (False, True)}


def reasons(b):
    return {s["resource"]: s["reason"] for s in bundle_to_record(b)[1]}


# --------------------------------------------------------------------------- A19: intent 'option'


def test_a_request_that_is_one_option_among_others_is_no_order():
    b = bundle(med("teclistamab", "MedicationRequest", status="active", intent="option", authoredOn="2026-09-01"))
    assert reasons(b) == {"MedicationRequest/r0": "intent is 'option': not an order the patient received"}
    assert statuses("E", "Prior BCMA-directed therapy", b) == "unknown"
    assert bundle_to_record(b)[0]["therapies"] == []


# --------------------------------------------------------------------------- B2: HL7 interpretation codes


@pytest.mark.parametrize("code,word,status", [("NEG", "negative", "match"), ("POS", "positive", "fail"),
                                              ("DET", "detected", "fail"), ("ND", "not detected", "match"),
                                              ("IND", "indeterminate", "unknown")])
def test_an_hl7_interpretation_code_alone_is_read_as_its_result(code, word, status):
    b = bundle(obs("5196-1", valueCodeableConcept={"coding": [{"system": V3, "code": code}]}))
    assert bundle_to_record(b)[0]["5196-1"] == {"value": word, "date": "2026-10-28"}
    assert both_worlds("E", "Hepatitis B surface antigen (HBsAg) positive", b) == {status}
    # ('A', abnormal: how a value compares with a range, not whether HBsAg was found; refused as before)
    b = bundle(obs("5196-1", valueCodeableConcept={"coding": [{"system": V3, "code": "A"}]}))
    with pytest.raises(eligibility.PatientDataError, match="5196-1"):
        eligibility.Patient.from_fhir(b)


# --------------------------------------------------------------------------- A16: doNotPerform


def test_an_order_not_to_give_a_drug_is_not_the_drug_given():
    b = bundle(med("teclistamab", "MedicationRequest", status="active", intent="order", doNotPerform=True,
                   authoredOn="2026-09-01"))
    assert reasons(b) == {"MedicationRequest/r0": "doNotPerform is true: an order that it not be given or done"}
    assert bundle_to_record(b)[0]["therapies"] == []
    assert statuses("E", "Prior BCMA-directed therapy", b) == "unknown"
    assert "MedicationRequest/r0 (doNotPerform is true: an order that it not be given or done)" in (
        eligibility.Patient.from_fhir(b).unused)
    # (false is an ordinary order; a value that is no boolean is refused, naming it)
    b = bundle(med("teclistamab", "MedicationRequest", status="active", intent="order", doNotPerform=False,
                   authoredOn="2026-09-01"))
    assert both_worlds("E", "Prior BCMA-directed therapy", b) == {"fail"}
    b = bundle(med("teclistamab", "MedicationRequest", status="active", intent="order", doNotPerform="yes"))
    with pytest.raises(eligibility.PatientDataError, match=r"MedicationRequest/r0\.doNotPerform: got 'yes'"):
        bundle_to_record(b)


# --------------------------------------------------------------------------- A20: modifierExtension

NEGATED = [{"url": "http://example.org/fhir/StructureDefinition/negated", "valueBoolean": True}]


def test_a_history_resource_with_a_modifier_extension_is_kept_as_an_uncertain_entry_and_reported():
    # (set aside, as before: a complete record read the stroke as absent, and 'History of stroke' matched in the closed
    # world; the negation may be of something else)
    b = bundle(cond("Stroke", modifierExtension=NEGATED))
    assert reasons(b) == {"Condition/r0": "modifierExtension http://example.org/fhir/StructureDefinition/negated not "
                                          "understood: kept only as an entry whose meaning is not certain (not confirmed)"}
    assert bundle_to_record(b)[0]["conditions"][0]["status"] == "not confirmed"
    assert both_worlds("E", "History of stroke", b) == {"unknown"}
    # (one on an element read, a dosage or a component, makes the resource uncertain too)
    b = bundle(med("teclistamab", "MedicationRequest", status="active", intent="order", authoredOn="2026-09-01",
                   dosageInstruction=[{"modifierExtension": NEGATED, "text": "weekly"}]))
    assert set(reasons(b)) == {"MedicationRequest/r0"}
    assert bundle_to_record(b)[0]["therapies"][0]["status"] == "active; unknown whether given"
    assert both_worlds("E", "Prior BCMA-directed therapy", b) == {"unknown"}
    assert both_worlds("I", "Prior BCMA-directed therapy", b) == {"unknown"}
    b = bundle(proc("Allogeneic stem cell transplant", status="completed", performedDateTime="2024-01-01",
                    modifierExtension=NEGATED))
    assert both_worlds("E", "Prior allogeneic stem cell transplant", b) == {"unknown"}
    # (an Observation with one is still set aside: a value missing is unknown in either world)
    b = bundle(obs("777-3", valueQuantity={"value": 40, "unit": "10*9/L"}, modifierExtension=NEGATED))
    assert reasons(b) == {"Observation/r0": "modifierExtension http://example.org/fhir/StructureDefinition/negated not understood"}
    # (an empty list is none)
    assert bundle_to_record(bundle(cond("Stroke", modifierExtension=[])))[0]["conditions"][0]["status"] is None


def test_a_patient_or_medication_with_a_modifier_extension_is_not_read():
    b = bundle(cond("Stroke"))
    b["entry"][0]["resource"]["modifierExtension"] = NEGATED
    record, skipped = bundle_to_record(b)
    assert "birth_date" not in record and "sex" not in record and len(record["conditions"]) == 1
    assert [s["resource"] for s in skipped] == ["Patient/p1"]
    medication = {"resourceType": "Medication", "id": "m1", "code": {"text": "teclistamab"}, "modifierExtension": NEGATED}
    b = bundle(medication, {"resourceType": "MedicationStatement", "status": "completed",
                            "medicationReference": {"reference": "Medication/m1"}})
    assert reasons(b) == {"Medication/m1": "modifierExtension http://example.org/fhir/StructureDefinition/negated not understood",
                          "MedicationStatement/r1": "no medication code, display or resolvable Medication"}


# --------------------------------------------------------------------------- A22: an administration on hold


def test_an_administration_on_hold_is_paused_not_over():
    text = "Current treatment with systemic corticosteroids"
    held = bundle(med("dexamethasone", "MedicationAdministration", status="on-hold", effectiveDateTime="2026-10-30"))
    assert bundle_to_record(held)[0]["therapies"] == [
        {"name": "dexamethasone", "codes": [], "start": "2026-10-30", "end": None, "status": "on-hold"}]
    assert both_worlds("E", text, held) == {"unknown"}
    # (as a statement on hold; one completed ended when it was given, and it was given)
    statement = bundle(med("dexamethasone", status="on-hold", effectivePeriod={"start": "2026-10-01"}))
    assert both_worlds("E", text, statement) == {"unknown"}
    given = bundle(med("dexamethasone", "MedicationAdministration", status="completed", effectiveDateTime="2026-10-30"))
    assert both_worlds("E", text, given) == {"match"}
    assert both_worlds("E", "Systemic corticosteroids within 14 days before screening", held) == {"fail"}


# --------------------------------------------------------------------------- B1: a result not yet reported

HBSAG = "Hepatitis B surface antigen (HBsAg) positive"


def test_a_registered_observation_is_no_result_and_does_not_refuse_the_bundle():
    b = bundle(obs("5196-1", status="registered", valueString="Pending"), cond("Stroke"))
    record, skipped = bundle_to_record(b)
    assert "5196-1" not in record and len(record["conditions"]) == 1
    assert skipped == [{"resource": "Observation/r0", "reason": "status is 'registered': no result yet"}]
    assert both_worlds("E", HBSAG, b) == {"unknown"}
    assert both_worlds("E", "History of stroke", b) == {"fail"}  # (the rest of the bundle is read)


@pytest.mark.parametrize("words", ["Pending", "not done", "Not tested", "cancelled", "Not done - sample haemolysed",
                                   "result to follow"])
def test_a_result_written_as_none_yet_is_no_value(words):
    for status, value in (("final", {"valueString": words}), ("preliminary", {"valueString": words}),
                          ("final", {"valueCodeableConcept": {"text": words}})):
        b = bundle(obs("5196-1", status=status, **value))
        record, skipped = bundle_to_record(b)
        assert "5196-1" not in record
        assert [s["resource"] for s in skipped] == ["Observation/r0"] and "no result" in skipped[0]["reason"]
        assert both_worlds("E", HBSAG, b) == {"unknown"}
    # (a preliminary result without a value is set aside too, as before)
    assert set(reasons(bundle(obs("5196-1", status="preliminary")))) == {"Observation/r0"}
    # (a component written so: that component only)
    panel = obs("55284-4", component=[
        {"code": {"coding": [{"system": LOINC, "code": "8480-6"}]}, "valueQuantity": {"value": 120, "unit": "mm[Hg]"}},
        {"code": {"coding": [{"system": LOINC, "code": "8462-4"}]}, "valueString": words}])
    record, skipped = bundle_to_record(bundle(panel))
    assert "8480-6" in record and "8462-4" not in record
    assert [s["resource"] for s in skipped] == ["Observation/r0"] and "no result" in skipped[0]["reason"]
    # (words that are a result are read as before)
    assert both_worlds("E", HBSAG, bundle(obs("5196-1", valueString="not detected"))) == {"match"}



# --------------------------------------------------------------------------- A17: abatementString


@pytest.mark.parametrize("words", ["not resolved", "ongoing", "unknown", "resolved?", "partially resolved"])
def test_an_abatement_string_that_says_no_end_ends_nothing(words):
    b = bundle(cond("CNS involvement", onsetDateTime="2026-09-20", abatementString=words))
    assert bundle_to_record(b)[0]["conditions"] == [
        {"name": "CNS involvement", "codes": [], "date": "2026-09-20", "status": None, "abatement": words}]
    assert both_worlds("E", "Known active CNS involvement", b) != {"match"}
    b = bundle(cond("rheumatoid arthritis", onsetDateTime="2020-01-01", abatementString=words))
    assert "match" not in both_worlds("E", "Active autoimmune disease", b)


def test_an_abatement_string_that_says_it_is_over_ends_it():
    for words, end in (("resolved", None), ("Resolved after treatment", None), ("2021-05", "2021-05")):
        item = bundle_to_record(bundle(cond("rheumatoid arthritis", onsetDateTime="2020-01-01",
                                            abatementString=words)))[0]["conditions"][0]
        assert item["status"] == "resolved" and item["start"] == "2020-01-01" and item.get("end") == end
        assert item["abatement"] == words
    b = bundle(cond("rheumatoid arthritis", onsetDateTime="2020-01-01", abatementString="resolved"))
    assert both_worlds("E", "Active autoimmune disease", b) == {"match"}
    # (and 'not resolved' beside it, as above, does not: the test that fails on the old reading)
    b = bundle(cond("rheumatoid arthritis", onsetDateTime="2020-01-01", abatementString="not resolved"))
    assert "match" not in both_worlds("E", "Active autoimmune disease", b)


# --------------------------------------------------------------------------- A18: whose reference range


def qty(value, code):
    return {"value": value, "unit": code, "system": UCUM, "code": code}


def meaning(code):
    return {"coding": [{"system": MEANING, "code": code}]}


MALE = [{"coding": [{"system": "http://hl7.org/fhir/administrative-gender", "code": "male"}]}]
FEMALE = [{"coding": [{"system": "http://snomed.info/sct", "code": "248152002", "display": "Female"}]}]


def alt(*ranges):
    return obs("1742-6", valueQuantity=qty(95, "U/L"), referenceRange=list(ranges))


def test_a_therapeutic_range_is_not_the_normal_one():
    inr = obs("6301-6", valueQuantity=qty(2.5, "{INR}"),
              referenceRange=[{"low": {"value": 2.0}, "high": {"value": 3.0}, "type": meaning("therapeutic")}])
    b = bundle(inr)
    record, skipped = bundle_to_record(b)
    assert "uln" not in record["6301-6"] and "lln" not in record["6301-6"]
    assert skipped == [{"resource": "Observation/r0", "reason": "referenceRange not used: [0] is a 'therapeutic' range"}]
    assert both_worlds("I", "INR ≤ 1.5 × ULN", b) == {"fail"}  # (2.5 is over 1.5 × any laboratory's normal ULN)
    # (a range typed normal, by code or by its text alone, is used)
    for kind in (meaning("normal"), {"text": "Normal range"}):
        inr["referenceRange"][0]["type"] = kind
        assert bundle_to_record(bundle(inr))[0]["6301-6"]["uln"] == 3.0


def test_a_range_for_the_other_sex_is_not_the_patients():
    b = bundle(alt({"high": qty(56, "U/L"), "appliesTo": MALE}))
    record, skipped = bundle_to_record(b)
    assert "uln" not in record["1742-6"]
    assert skipped == [{"resource": "Observation/r0",
                        "reason": "referenceRange not used: [0] is for another group than the patient's"}]
    assert both_worlds("I", "ALT ≤2.5 × ULN", b) != {"match"}
    # (for her sex: used, before a general one; for a patient of no recorded sex: not told, not used)
    b = bundle(alt({"high": qty(40, "U/L")}, {"high": qty(56, "U/L"), "appliesTo": MALE},
                   {"high": qty(35, "U/L"), "appliesTo": FEMALE}))
    assert bundle_to_record(b)[0]["1742-6"]["uln"] == 35
    assert both_worlds("I", "ALT ≤2.5 × ULN", b) == {"fail"}
    assert bundle_to_record(bundle(alt({"high": qty(56, "U/L"), "appliesTo": MALE}), gender="male"))[0]["1742-6"]["uln"] == 56
    b = bundle(alt({"high": qty(56, "U/L"), "appliesTo": MALE}), gender="unknown")
    assert "uln" not in bundle_to_record(b)[0]["1742-6"]
    # (a group that is not a sex, 'pregnant': whether it is hers is not told)
    b = bundle(alt({"high": qty(30, "U/L"), "appliesTo": [{"text": "pregnant"}]}))
    record, skipped = bundle_to_record(b)
    assert "uln" not in record["1742-6"] and "not told" in skipped[0]["reason"]


def test_a_range_for_another_age_group_is_not_the_patients():
    def age(low=None, high=None, unit="a"):
        out = {}
        if low is not None:
            out["low"] = qty(low, unit)
        if high is not None:
            out["high"] = qty(high, unit)
        return out
    # (born 1960-01-01, the value of 2026-10-28: 66 years old)
    children = {"high": qty(30, "U/L"), "age": age(0, 17)}
    adults = {"high": qty(35, "U/L"), "age": age(18)}
    record, skipped = bundle_to_record(bundle(alt(children)))
    assert "uln" not in record["1742-6"] and skipped[0]["reason"] == (
        "referenceRange not used: [0] is for another group than the patient's")
    assert bundle_to_record(bundle(alt(children, adults)))[0]["1742-6"]["uln"] == 35
    assert bundle_to_record(bundle(alt({"high": qty(35, "U/L"), "age": age(low=700, unit="mo")})))[0]["1742-6"]["uln"] == 35
    assert "uln" not in bundle_to_record(bundle(alt({"high": qty(35, "U/L"), "age": age(low=900, unit="mo")})))[0]["1742-6"]
    # (born in 1960, a range of 0-65 years: 65 or 66 on that day, not told; with no birth date, not told)
    assert "uln" not in bundle_to_record(bundle(alt({"high": qty(35, "U/L"), "age": age(0, 65)}), birth="1960"))[0]["1742-6"]
    assert bundle_to_record(bundle(alt({"high": qty(35, "U/L"), "age": age(18)}), birth="1960"))[0]["1742-6"]["uln"] == 35
    b = bundle(alt(adults))
    del b["entry"][0]["resource"]["birthDate"]
    assert "uln" not in bundle_to_record(b)[0]["1742-6"]
    # (two that fit her, for her sex and for her age: which is meant is not chosen)
    record, skipped = bundle_to_record(bundle(alt(adults, {"high": qty(33, "U/L"), "appliesTo": FEMALE})))
    assert "uln" not in record["1742-6"]
    assert skipped[0]["reason"] == "referenceRange not used: [0], [1] all fit the patient"


# --------------------------------------------------------------------------- A21: a procedure on hold or stopped

ALLO = "History of allogeneic stem cell transplantation."


@pytest.mark.parametrize("status,said", [("on-hold", "on-hold, not completed"), ("stopped", "stopped before completion")])
def test_a_procedure_on_hold_or_stopped_is_not_said_to_be_done(status, said):
    b = bundle(proc("allogeneic stem cell transplant", status=status, performedDateTime="2026-06-01"))
    assert bundle_to_record(b)[0]["procedures"][0]["status"] == said
    assert both_worlds("E", ALLO, b) == {"unknown"}


@pytest.mark.parametrize("said", ["on-hold, not completed", "stopped before completion", "not completed"])
def test_a_plain_procedure_not_completed_is_not_said_to_be_done(said):
    record = {"procedures": [{"name": "allogeneic stem cell transplant", "status": said}]}
    for cw in (False, True):
        assert eligibility.screen(f"Exclusion Criteria:\n* {ALLO}\n", record, as_of=AS_OF,
                                  closed_world=cw).results[0].status.value == "unknown"
        assert eligibility.Screener(f"Exclusion Criteria:\n* {ALLO}\n").statuses(record, as_of=AS_OF,
                                                                                   closed_world=cw) == ["unknown"]


@pytest.mark.parametrize("status", ["completed", "in-progress"])
def test_a_procedure_done_or_under_way_still_counts(status):
    # (with one on hold beside it: the one done decides)
    b = bundle(proc("allogeneic stem cell transplant", status=status, performedDateTime="2026-06-01"),
               proc("allogeneic stem cell transplant", status="on-hold", performedDateTime="2026-09-01"))
    assert both_worlds("E", ALLO, b) == {"fail"}
    b = bundle(proc("allogeneic stem cell transplant", status="stopped"))
    assert both_worlds("E", ALLO, b) == {"unknown"}


# --------------------------------------------------------------------------- C6: verificationStatus in other words

SCT = "http://snomed.info/sct"


@pytest.mark.parametrize("verification,given", [
    ({"text": "ruled out"}, "ruled out"), ({"text": "Known absent"}, "known absent"),
    ({"coding": [{"system": SCT, "code": "410516002", "display": "Known absent"}]}, "410516002")])
def test_a_verification_that_refutes_in_other_words_sets_the_condition_aside(verification, given):
    b = bundle(cond("Stroke", verificationStatus=verification))
    assert reasons(b) == {"Condition/r0": f"verificationStatus is 'refuted' ('{given}')"}
    assert statuses("E", "History of stroke", b) == "unknown"


def test_a_verification_not_read_is_kept_and_leaves_the_diagnosis_unconfirmed():
    b = bundle(cond("Stroke", verificationStatus={"coding": [{"system": "http://lab.local/ver", "code": "X7"}]}))
    item = bundle_to_record(b)[0]["conditions"][0]
    assert item["verification"] == "X7" and item["status"] == "not confirmed"
    assert both_worlds("E", "History of stroke", b) == {"unknown"}
    assert "conditions[0].verification" in eligibility.Patient.from_fhir(b).unused
    # (SNOMED CT's 'Confirmed present' and 'Suspected' are read as the HL7 codes)
    b = bundle(cond("Stroke", verificationStatus={"coding": [{"system": SCT, "code": "410605003"}]}))
    assert bundle_to_record(b)[0]["conditions"][0]["verification"] == "confirmed"
    assert both_worlds("E", "History of stroke", b) == {"fail"}
    b = bundle(cond("Stroke", verificationStatus={"coding": [{"system": SCT, "code": "415684004"}]}))
    assert bundle_to_record(b)[0]["conditions"][0]["status"] == "suspected"


def test_a_modifier_extension_on_a_dosage_timing_or_a_contained_resource_is_seen():
    timing = {"repeat": {"frequency": 1}, "modifierExtension": NEGATED}
    b = bundle(med("teclistamab", "MedicationRequest", status="active", intent="order", authoredOn="2026-09-01",
                   dosageInstruction=[{"timing": timing}]))
    assert set(reasons(b)) == {"MedicationRequest/r0"}
    assert bundle_to_record(b)[0]["therapies"][0]["status"] == "active; unknown whether given"
    contained = {"resourceType": "Medication", "id": "m1", "code": {"text": "teclistamab"}, "modifierExtension": NEGATED}
    b = bundle({"resourceType": "MedicationStatement", "status": "completed", "contained": [contained],
                "medicationReference": {"reference": "#m1"}})
    assert set(reasons(b)) == {"MedicationStatement/r0"}
    assert bundle_to_record(b)[0]["therapies"][0]["status"] == "completed; unknown whether given"
    assert both_worlds("E", "Prior BCMA-directed therapy", b) == {"unknown"}


def test_the_hl7_verification_codes_are_read_under_the_stu3_system_too():
    stu3 = "http://hl7.org/fhir/condition-ver-status"
    b = bundle(cond("Stroke", verificationStatus={"coding": [{"system": stu3, "code": "confirmed"}]}))
    assert bundle_to_record(b)[0]["conditions"][0]["status"] is None
    # (a local code beside the text 'Known absent': the text is read)
    b = bundle(cond("Stroke", verificationStatus={"coding": [{"system": "http://lab.local/ver", "code": "KA"}],
                                                  "text": "Known absent"}))
    assert reasons(b) == {"Condition/r0": "verificationStatus is 'refuted' ('KA')"}


# --------------------------------------------------------------------------- a status 'unknown'


@pytest.mark.parametrize("rtype,status", [("MedicationStatement", "unknown"), ("MedicationStatement", None),
                                          ("MedicationRequest", "unknown"), ("MedicationAdministration", "unknown")])
def test_a_medication_of_unknown_status_is_not_read_as_given(rtype, status):
    # ('unknown': one of the other statuses applies, 'not-taken', 'intended' or 'draft' among them; read as given, the
    # drug failed 'Prior BCMA-directed therapy' and met it as a requirement)
    when = {"authoredOn": "2024-01-01", "intent": "order"} if rtype == "MedicationRequest" else {"effectiveDateTime": "2024-01-01"}
    b = bundle(med("teclistamab", rtype, **when, **({"status": status} if status else {})))
    assert bundle_to_record(b)[0]["therapies"][0]["status"] == "unknown whether given"
    assert both_worlds("E", "Prior BCMA-directed therapy", b) == {"unknown"}
    assert both_worlds("I", "Prior BCMA-directed therapy", b) == {"unknown"}


def test_a_procedure_of_unknown_status_is_not_read_as_done():
    b = bundle(proc("Allogeneic stem cell transplant", status="unknown", performedDateTime="2024-01-01"))
    assert bundle_to_record(b)[0]["procedures"][0]["status"] == "unknown whether done"
    assert both_worlds("E", "Prior allogeneic stem cell transplant", b) == {"unknown"}
    # (one completed is done; one in preparation is not yet, in a complete record not done)
    done = bundle(proc("Allogeneic stem cell transplant", status="completed", performedDateTime="2024-01-01"))
    assert both_worlds("E", "Prior allogeneic stem cell transplant", done) == {"fail"}
    planned = bundle(proc("Allogeneic stem cell transplant", status="preparation", performedDateTime="2024-01-01"))
    assert statuses("E", "Prior allogeneic stem cell transplant", planned, closed_world=True) == "match"


@pytest.mark.parametrize("intent,given", [("order", True), ("instance-order", True), ("directive", False), (None, False)])
def test_a_medication_request_whose_intent_is_no_order_is_not_read_as_given(intent, given):
    b = bundle(med("teclistamab", "MedicationRequest", status="active", authoredOn="2024-01-01",
                   **({"intent": intent} if intent else {})))
    assert both_worlds("E", "Prior BCMA-directed therapy", b) == ({"fail"} if given else {"unknown"})
