"""Tests of eligibility.fhir.bundle_to_record (FHIR R4 Bundle -> patient record)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

import eligibility

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "fhir" / "rrmm_patient_bundle.json"

from eligibility.fhir import bundle_to_record

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SCT = "http://snomed.info/sct"


# --------------------------------------------------------------------------- builders


def bundle(*resources, **extra):
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources], **extra}


def loinc(code, display=None, text=None):
    coding = {"system": LOINC, "code": code}
    if display:
        coding["display"] = display
    concept = {"coding": [coding]}
    if text:
        concept["text"] = text
    return concept


def qty(value, code=None, unit=None, system=UCUM):
    q = {"value": value}
    if unit is not None:
        q["unit"] = unit
    if code is not None:
        q["code"] = code
        q["system"] = system
    return q


def obs(id_, code="751-8", when="2026-10-28", value=None, **fields):
    res = {
        "resourceType": "Observation",
        "id": id_,
        "status": "final",
        "code": loinc(code) if isinstance(code, str) else code,
    }
    if when is not None:
        res["effectiveDateTime"] = when
    if value is not None:
        res["valueQuantity"] = value
    res.update(fields)
    return res


def convert(*resources):
    return bundle_to_record(bundle(*resources))


def reasons(skipped):
    return {s["resource"]: s["reason"] for s in skipped}


# --------------------------------------------------------------------------- malformed input


@pytest.mark.parametrize("value", [None, [], "Bundle", 42])
def test_rejects_non_mapping(value):
    with pytest.raises(ValueError, match=r"^bundle: got .*; expected a FHIR Bundle"):
        bundle_to_record(value)


@pytest.mark.parametrize("rtype", [None, "Patient", "bundle"])
def test_rejects_wrong_resource_type(rtype):
    with pytest.raises(ValueError, match=r"bundle.resourceType: got .*; expected 'Bundle'"):
        bundle_to_record({"resourceType": rtype, "entry": []})


def test_rejects_entry_that_is_not_a_list():
    with pytest.raises(ValueError, match=r"bundle.entry: got \{"):
        bundle_to_record({"resourceType": "Bundle", "entry": {"resource": {}}})


def test_rejects_resource_without_resource_type():
    with pytest.raises(ValueError, match=r"bundle.entry\[1\].resource.resourceType: got None"):
        bundle_to_record(
            {"resourceType": "Bundle", "entry": [{"resource": obs("a", value=qty(1))}, {"resource": {"id": "x"}}]}
        )


@pytest.mark.parametrize("bad", ["1.6", None, True, [1.6], float("nan")])
def test_rejects_non_numeric_quantity_value(bad):
    resource = obs("anc", value={"value": bad, "code": "10*9/L", "system": UCUM})
    if bad is None:  # absent value is not malformed: it is skipped (tested below)
        record, skipped = convert(resource)
        assert reasons(skipped) == {"Observation/anc": "valueQuantity has no value"}
        return
    with pytest.raises(ValueError, match=r"Observation/anc.valueQuantity.value: got .*; expected a (finite )?number"):
        convert(resource)


@pytest.mark.parametrize(
    "when",
    [
        "28/10/2026",
        "2026-13-01",
        "2026-02-30",
        "2026-10-28T25:00:00Z",
        "20261028",
        "2026-1-5",
        "",
        "yesterday",
        20261028,
    ],
)
def test_rejects_unparseable_effective_date(when):
    with pytest.raises(ValueError, match=r"Observation/anc.effectiveDateTime: got .*; expected a FHIR date"):
        convert(obs("anc", when=when, value=qty(1.6, "10*9/L")))


def test_rejects_unparseable_dates_elsewhere():
    patient = {"resourceType": "Patient", "id": "p", "birthDate": "12.04.1958"}
    with pytest.raises(ValueError, match=r"Patient/p.birthDate: got '12.04.1958'"):
        convert(patient)
    condition = {"resourceType": "Condition", "id": "c", "code": {"text": "x"}, "onsetDateTime": "March 2021"}
    with pytest.raises(ValueError, match=r"Condition/c.onsetDateTime"):
        convert(condition)
    statement = {
        "resourceType": "MedicationStatement",
        "id": "m",
        "status": "completed",
        "medicationCodeableConcept": {"text": "x"},
        "effectivePeriod": {"start": "2021-04-06", "end": "2021-04-31"},
    }
    with pytest.raises(ValueError, match=r"MedicationStatement/m.effectivePeriod.end: got '2021-04-31'"):
        convert(statement)


def test_rejects_mistyped_coding():
    with pytest.raises(ValueError, match=r"Observation/a.code.coding\[0\].code: got 7518"):
        convert(obs("a", code={"coding": [{"system": LOINC, "code": 7518}]}, value=qty(1)))


def test_rejects_reference_range_bound_that_is_not_a_number():
    resource = obs("a", value=qty(52, "U/L"), referenceRange=[{"high": {"value": "35"}}])
    with pytest.raises(ValueError, match=r"Observation/a.referenceRange\[0\].high.value: got '35'"):
        convert(resource)


def test_input_is_not_modified():
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    before = copy.deepcopy(data)
    bundle_to_record(data)
    assert data == before


# --------------------------------------------------------------------------- bundle shape


def test_bundle_without_entry():
    record, skipped = bundle_to_record({"resourceType": "Bundle", "type": "collection"})
    assert record == {"conditions": [], "therapies": [], "procedures": []}
    assert skipped == []


def test_entry_without_resource_is_reported():
    data = {
        "resourceType": "Bundle",
        "entry": [{"request": {"method": "DELETE", "url": "Observation/1"}}, {"fullUrl": "x"}],
    }
    record, skipped = bundle_to_record(data)
    assert skipped == [
        {"resource": "entry[0]", "reason": "entry has no resource (request DELETE)"},
        {"resource": "entry[1]", "reason": "entry has no resource"},
    ]


def test_unsupported_resource_types_are_reported():
    record, skipped = convert(
        {"resourceType": "Practitioner", "id": "dr"},
        {"resourceType": "Encounter"},
        {"resourceType": "Bundle", "id": "inner"},
    )
    assert skipped == [
        {"resource": "Practitioner/dr", "reason": "unsupported resource type Practitioner"},
        {"resource": "Encounter/entry[1]", "reason": "unsupported resource type Encounter"},
        {"resource": "Bundle/inner", "reason": "unsupported resource type Bundle"},
    ]


def test_duplicate_resources_are_counted_once():
    first = obs("plt", code="777-3", value=qty(78, "10*9/L"))
    record, skipped = convert(first, copy.deepcopy(first))
    assert record["777-3"] == {"value": 78, "unit": "10*9/L", "date": "2026-10-28"}
    assert skipped == [{"resource": "Observation/plt", "reason": "duplicate of entry[0]"}]


# --------------------------------------------------------------------------- Patient


def test_patient_fields():
    record, skipped = convert({"resourceType": "Patient", "id": "p", "gender": "other", "birthDate": "1958-04"})
    assert record["birth_date"] == "1958-04"
    assert record["sex"] == "other"
    assert skipped == []


def test_patient_without_birth_date_or_gender_sets_nothing():
    record, skipped = convert({"resourceType": "Patient", "id": "p"})
    assert "birth_date" not in record and "sex" not in record
    assert skipped == []


def test_second_patient_and_its_data_are_skipped():
    record, skipped = bundle_to_record(
        {
            "resourceType": "Bundle",
            "entry": [
                {"fullUrl": "urn:uuid:aaa", "resource": {"resourceType": "Patient", "id": "p1", "gender": "female"}},
                {"fullUrl": "urn:uuid:bbb", "resource": {"resourceType": "Patient", "id": "p2", "gender": "male"}},
                {"resource": obs("mine", value=qty(1.6, "10*9/L"), subject={"reference": "urn:uuid:aaa"})},
                {"resource": obs("theirs", value=qty(0.4, "10*9/L"), subject={"reference": "urn:uuid:bbb"})},
                {
                    "resource": obs(
                        "abs",
                        code="777-3",
                        value=qty(9, "10*9/L"),
                        subject={"reference": "https://x.org/fhir/Patient/p2/_history/3"},
                    )
                },
                {"resource": obs("grp", code="718-7", value=qty(9, "g/dL"), subject={"reference": "Group/g1"})},
                {
                    "resource": obs(
                        "rel",
                        code="1742-6",
                        value=qty(30, "U/L"),
                        subject={"reference": "https://x.org/fhir/Patient/p1"},
                    )
                },
            ],
        }
    )
    assert record["sex"] == "female"
    assert record["751-8"]["value"] == 1.6
    assert record["1742-6"]["value"] == 30
    assert "777-3" not in record and "718-7" not in record
    got = reasons(skipped)
    assert got["Patient/p2"] == "another Patient resource; the record is for Patient/p1"
    assert got["Observation/theirs"].startswith("subject urn:uuid:bbb is another patient")
    assert got["Observation/abs"].startswith("subject https://x.org/fhir/Patient/p2/_history/3 is another patient")
    assert got["Observation/grp"] == "subject Group/g1 is not a Patient"
    assert len(skipped) == 4


def test_without_patient_resource_the_first_subject_decides():
    record, skipped = convert(
        obs("a", value=qty(1.6, "10*9/L"), subject={"reference": "Patient/p1"}),
        obs("b", code="777-3", value=qty(80, "10*9/L"), subject={"reference": "Patient/p9"}),
        obs("c", code="718-7", value=qty(9.4, "g/dL")),  # no subject: accepted
    )
    assert set(record) >= {"751-8", "718-7"} and "777-3" not in record
    assert reasons(skipped) == {"Observation/b": "subject Patient/p9 is another patient than the record's (Patient/p1)"}


# --------------------------------------------------------------------------- Observation values


def test_quantity_with_reference_range_and_timezone():
    resource = obs(
        "anc",
        when="2026-10-28T08:30:00+01:00",
        value={"value": 1.2, "unit": "10^9/L", "system": UCUM, "code": "10*9/L"},
        referenceRange=[{"low": qty(1.8, "10*9/L"), "high": qty(7.7, "10*9/L")}, {"low": qty(99), "high": qty(100)}],
    )
    record, skipped = convert(resource)
    assert record["751-8"] == {"value": 1.2, "unit": "10*9/L", "date": "2026-10-28T08:30:00+01:00", "uln": 7.7, "lln": 1.8}
    assert skipped == []


def test_unit_falls_back_to_unit_text_and_non_ucum_codes_lose_to_it():
    record, _ = convert(
        obs("a", value={"value": 40, "unit": "U/L"}),
        obs("b", code="777-3", value={"value": 80, "unit": "K/uL", "system": "http://lab.local/units", "code": "KUL"}),
        obs("c", code="718-7", value={"value": 9.4, "system": "http://lab.local/units", "code": "GDL"}),
        obs("d", code="1920-8", value={"value": 30}),
    )
    assert record["751-8"]["unit"] == "U/L"
    assert record["777-3"]["unit"] == "K/uL"
    assert record["718-7"]["unit"] == "GDL"
    assert record["1920-8"] == {"value": 30, "unit": None, "date": "2026-10-28"}


def test_range_unit_only_when_it_differs():
    record, _ = convert(
        obs(
            "fib",
            code="3255-7",
            value=qty(3.1, "g/L"),
            referenceRange=[{"low": qty(200, "mg/dL"), "high": qty(400, "mg/dL")}],
        ),
        obs("cr", code="2160-0", value=qty(132, "umol/L", unit="µmol/L"), referenceRange=[{"high": {"value": 84}}]),
    )
    assert record["3255-7"] == {
        "value": 3.1,
        "unit": "g/L",
        "date": "2026-10-28",
        "uln": 400,
        "lln": 200,
        "range_unit": "mg/dL",
    }
    assert record["2160-0"] == {"value": 132, "unit": "umol/L", "date": "2026-10-28", "uln": 84}


def test_reference_range_with_text_only_adds_nothing():
    record, _ = convert(obs("a", value=qty(5, "%"), referenceRange=[{"text": "see report"}]))
    assert record["751-8"] == {"value": 5, "unit": "%", "date": "2026-10-28"}


def test_comparator_is_kept():
    record, _ = convert(
        obs(
            "hbv",
            code="29615-2",
            value={"value": 10, "comparator": "<", "unit": "IU/mL", "code": "[IU]/mL", "system": UCUM},
        )
    )
    assert record["29615-2"] == {"value": 10, "unit": "[IU]/mL", "date": "2026-10-28", "comparator": "<"}


def test_decimal_values_from_json_become_floats():
    text = json.dumps(bundle(obs("a", value=qty(1.25, "10*9/L"), referenceRange=[{"high": {"value": 7.7}}])))
    record, _ = bundle_to_record(json.loads(text, parse_float=Decimal))
    assert record["751-8"]["value"] == 1.25 and isinstance(record["751-8"]["value"], float)
    assert record["751-8"]["uln"] == 7.7


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"effectiveDateTime": "2026-10-28T23:30:00-05:00"}, "2026-10-28T23:30:00-05:00"),  # (its time kept)
        ({"effectiveDateTime": "2026-10-28T08:30:00.123Z"}, "2026-10-28T08:30:00.123Z"),
        ({"effectiveDateTime": "2025"}, "2025"),
        ({"effectiveDateTime": "2025-03"}, "2025-03"),
        ({"effectivePeriod": {"start": "2026-10-01T10:00:00+02:00", "end": "2026-10-02"}}, "2026-10-01T10:00:00+02:00"),
        ({"effectiveInstant": "2026-10-03T10:00:00.000+02:00"}, "2026-10-03T10:00:00.000+02:00"),
        ({"issued": "2026-10-04T10:00:00Z"}, "2026-10-04T10:00:00Z"),
        ({"effectiveDateTime": "2026-10-05", "issued": "2026-10-07T10:00:00Z"}, "2026-10-05"),
        ({}, None),
    ],
)
def test_observation_date_sources(fields, expected):
    record, _ = convert(obs("a", when=None, value=qty(1, "10*9/L"), **fields))
    assert record["751-8"]["date"] == expected


def test_series_sorted_by_date_ascending_with_undated_first():
    record, skipped = convert(
        obs("p3", code="777-3", when="2026-10-28T08:30:00+01:00", value=qty(78, "10*9/L")),
        obs("p1", code="777-3", when="2026-10-14", value=qty(92, "10*9/L")),
        obs("p0", code="777-3", when=None, value=qty(150, "10*9/L")),
        obs("p2", code="777-3", when="2026-10-21", value=qty(85, "10*9/L")),
    )
    series = record["777-3"]
    assert [p["value"] for p in series] == [150, 92, 85, 78]
    assert [p["date"] for p in series] == [None, "2026-10-14", "2026-10-21", "2026-10-28T08:30:00+01:00"]
    assert skipped == []


def test_series_same_day_keeps_time_order():
    record, _ = convert(
        obs("late", code="777-3", when="2026-10-28T18:00:00+01:00", value=qty(60, "10*9/L")),
        obs("early", code="777-3", when="2026-10-28T08:00:00+01:00", value=qty(78, "10*9/L")),
    )
    assert [p["value"] for p in record["777-3"]] == [78, 60]


def test_key_is_first_loinc_coding_even_when_not_first():
    code = {
        "coding": [
            {"system": "http://lab.local", "code": "ANC"},
            {"system": LOINC, "code": "751-8"},
            {"system": LOINC, "code": "26499-4"},
        ]
    }
    record, _ = convert(obs("a", code=code, value=qty(1.6, "10*9/L")))
    assert "751-8" in record and "26499-4" not in record and "ANC" not in record


def test_key_without_loinc_uses_text_then_display_then_code():
    record, skipped = convert(
        obs(
            "t",
            code={
                "coding": [{"system": "http://lab.local", "code": "FLC", "display": "FLC ratio"}],
                "text": "Kappa/lambda ratio",
            },
            value=qty(24.6),
        ),
        obs(
            "d",
            code={"coding": [{"system": "http://lab.local", "code": "BJP", "display": "Bence Jones protein"}]},
            value=qty(0.2, "g/(24.h)"),
        ),
        obs("c", code={"coding": [{"system": "http://lab.local", "code": "X1"}]}, value=qty(3)),
        obs("n", code={"text": "   "}, value=qty(3)),
    )
    assert record["Kappa/lambda ratio"]["value"] == 24.6
    assert record["Bence Jones protein"]["value"] == 0.2
    assert record["http://lab.local|X1"]["value"] == 3
    assert reasons(skipped) == {"Observation/n": "Observation.code has no LOINC code, text, display or code"}


def test_reserved_key_collision_is_skipped():
    record, skipped = convert(
        obs("s", code={"text": "sex"}, value={"value": 1}), {"resourceType": "Patient", "id": "p", "gender": "male"}
    )
    assert record["sex"] == "male"
    assert reasons(skipped) == {"Observation/s": "Observation key 'sex' collides with a reserved record key"}


def test_coded_string_boolean_integer_values():
    record, skipped = convert(
        obs(
            "hbsag",
            code="5196-1",
            valueCodeableConcept={
                "coding": [{"system": SCT, "code": "260385009", "display": "Negative (qualifier value)"}],
                "text": "Negative",
            },
        ),
        obs(
            "hiv",
            code="56888-1",
            valueCodeableConcept={"coding": [{"system": SCT, "code": "131194007", "display": "Non-Reactive"}]},
        ),
        obs("hcv", code="13955-0", valueCodeableConcept={"coding": [{"system": SCT, "code": "260415000"}]}),
        obs("loc", code="99999-9", valueCodeableConcept={"coding": [{"system": "http://lab.local", "code": "NEG"}]}),
        obs("str", code="5195-3", valueString="  POSITIVE "),
        obs("bool", code="11111-1", valueBoolean=False),
        obs("int", code="22222-2", valueInteger=0),
    )
    assert record["5196-1"] == {"value": "negative", "date": "2026-10-28"}
    assert record["56888-1"] == {"value": "non-reactive", "date": "2026-10-28"}
    assert record["13955-0"] == {"value": "not detected", "date": "2026-10-28"}
    assert record["99999-9"] == {"value": "http://lab.local|NEG", "date": "2026-10-28"}
    assert record["5195-3"] == {"value": "POSITIVE", "date": "2026-10-28"}   # (as written: the record reader ignores a word's case)
    assert record["11111-1"] == {"value": False, "date": "2026-10-28"}
    assert record["22222-2"] == {"value": 0, "date": "2026-10-28"}
    assert skipped == []


@pytest.mark.parametrize(
    "value, expected",
    [
        ({"valueInteger": 2}, 2),
        ({"valueCodeableConcept": {"coding": [{"system": LOINC, "code": "LA9622-7", "display": "Fully active"}]}}, 0),
        ({"valueCodeableConcept": {"coding": [{"system": LOINC, "code": "LA9623-5"}], "text": "ECOG 1"}}, 1),
        ({"valueCodeableConcept": {"coding": [{"system": SCT, "code": "423053003"}]}}, 3),
        ({"valueCodeableConcept": {"coding": [{"system": LOINC, "code": "LA9627-6"}]}}, 5),
    ],
)
def test_ecog_codes_become_grades(value, expected):
    record, _ = convert(obs("ecog", code="89247-1", **value))
    assert record["89247-1"] == {"value": expected, "date": "2026-10-28"}


@pytest.mark.parametrize(
    "field, bad",
    [
        ("valueInteger", 1.0),
        ("valueInteger", True),
        ("valueBoolean", "false"),
        ("valueString", 5),
        ("valueCodeableConcept", "negative"),
    ],
)
def test_mistyped_values_raise(field, bad):
    with pytest.raises(ValueError, match=rf"Observation/x.{field}: got "):
        convert(obs("x", **{field: bad}))


def test_skipped_observations():
    record, skipped = convert(
        obs("eie", value=qty(0.1, "10*9/L"), status="entered-in-error"),
        obs("cancel", code="777-3", value=qty(5, "10*9/L"), status="cancelled"),
        obs(
            "dar",
            code="2823-3",
            dataAbsentReason={
                "coding": [{"system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "error"}],
                "text": "Specimen haemolysed",
            },
        ),
        obs("none", code="718-7"),
        obs("panel", code="58410-2", hasMember=[{"reference": "Observation/eie"}]),
        obs("range", code="1742-6", valueRange={"low": {"value": 1}, "high": {"value": 2}}),
        obs("novalue", code="1920-8", value={"unit": "U/L"}),
        obs("empty", code="5196-1", valueString="  "),
        obs("nocode", code="56888-1", valueCodeableConcept={"coding": [{"system": SCT}]}),
    )
    assert {k for k in record if "-" in k} == set()
    assert reasons(skipped) == {
        "Observation/eie": "status is 'entered-in-error'",
        "Observation/cancel": "status is 'cancelled'",
        "Observation/dar": "dataAbsentReason: Specimen haemolysed (http://terminology.hl7.org/CodeSystem/data-absent-reason|error)",
        "Observation/none": "no value[x], component or dataAbsentReason",
        "Observation/panel": "no value (a panel: its results are the Observations in hasMember)",
        "Observation/range": "unsupported value type valueRange",
        "Observation/novalue": "valueQuantity has no value",
        "Observation/empty": "valueString is empty",
        "Observation/nocode": "valueCodeableConcept has no text, display or code",
    }


def test_entered_in_error_does_not_join_a_series():
    record, skipped = convert(
        obs("good", code="718-7", value=qty(9.4, "g/dL")),
        obs("bad", code="718-7", when="2026-10-29", value=qty(4.9, "g/dL"), status="entered-in-error"),
    )
    assert record["718-7"] == {"value": 9.4, "unit": "g/dL", "date": "2026-10-28"}
    assert [s["resource"] for s in skipped] == ["Observation/bad"]


def test_blood_pressure_components_go_under_their_own_codes():
    bp = obs(
        "bp",
        code="85354-9",
        when="2026-10-28T09:35:00+01:00",
        component=[
            {
                "code": loinc("8480-6"),
                "valueQuantity": qty(128, "mm[Hg]"),
                "referenceRange": [{"high": qty(140, "mm[Hg]")}],
            },
            {"code": loinc("8462-4"), "valueQuantity": qty(78, "mm[Hg]")},
        ],
    )
    record, skipped = convert(bp)
    assert record["8480-6"] == {"value": 128, "unit": "mm[Hg]", "date": "2026-10-28T09:35:00+01:00", "uln": 140}
    assert record["8462-4"] == {"value": 78, "unit": "mm[Hg]", "date": "2026-10-28T09:35:00+01:00"}
    assert "85354-9" not in record
    assert skipped == []


def test_components_that_cannot_be_placed_are_reported():
    partly = obs(
        "bp",
        code="85354-9",
        component=[
            {"code": loinc("8480-6"), "valueQuantity": qty(128, "mm[Hg]")},
            {
                "code": {"coding": [{"system": "http://lab.local", "code": "DIA"}], "text": "Diastolic"},
                "valueQuantity": qty(78, "mm[Hg]"),
            },
            {"code": loinc("8867-4"), "dataAbsentReason": {"text": "not measured"}},
        ],
    )
    nothing = obs(
        "bp2",
        code="85354-9",
        component=[{"code": {"text": "Systolic"}, "valueQuantity": qty(120, "mm[Hg]")}, {"code": loinc("8462-4")}],
    )
    record, skipped = convert(partly, nothing)
    assert record["8480-6"]["value"] == 128
    assert skipped == [
        {"resource": "Observation/bp", "reason": "component[1] (Diastolic) has no LOINC code"},
        {"resource": "Observation/bp", "reason": "component[2] (8867-4) dataAbsentReason: not measured"},
        {
            "resource": "Observation/bp2",
            "reason": "component[0] (Systolic) has no LOINC code; component[1] (8462-4) has no value",
        },
    ]


def test_observation_with_value_and_components_places_both():
    record, skipped = convert(
        obs("x", code="11111-1", value=qty(3, "g/dL"), component=[{"code": loinc("22222-2"), "valueInteger": 4}])
    )
    assert record["11111-1"]["value"] == 3 and record["22222-2"]["value"] == 4
    assert skipped == []


# --------------------------------------------------------------------------- Condition


def test_conditions():
    mm = {
        "resourceType": "Condition",
        "id": "mm",
        "clinicalStatus": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]
        },
        "verificationStatus": {"coding": [{"code": "confirmed"}]},
        "code": {
            "coding": [
                {"system": SCT, "code": "109989006", "display": "Multiple myeloma (disorder)"},
                {"code": "C90.0"},
            ]
        },
        "onsetDateTime": "2021-03-15T10:00:00+01:00",
    }
    dvt = {
        "resourceType": "Condition",
        "id": "dvt",
        "clinicalStatus": {"coding": [{"code": "resolved"}]},
        "code": {"text": "DVT"},
        "onsetPeriod": {"start": "2022-06"},
        "abatementDateTime": "2022-12-01",
    }
    childhood = {
        "resourceType": "Condition",
        "id": "asthma",
        "code": {"text": "Asthma"},
        "onsetString": "childhood",
        "abatementString": "2001",
    }
    dated = {
        "resourceType": "Condition",
        "id": "htn",
        "code": {"text": "Hypertension"},
        "onsetString": "2019-05-02",
        "abatementPeriod": {"start": "2020-01-01", "end": "2020-02-01"},
        "clinicalStatus": {"text": "Remission"},
    }
    refuted = {
        "resourceType": "Condition",
        "id": "al",
        "code": {"text": "AL amyloidosis"},
        "verificationStatus": {"coding": [{"code": "refuted"}]},
    }
    error = {
        "resourceType": "Condition",
        "id": "err",
        "code": {"text": "x"},
        "verificationStatus": {"coding": [{"code": "entered-in-error"}]},
    }
    uncoded = {"resourceType": "Condition", "id": "blank", "code": {"coding": []}}
    record, skipped = convert(mm, dvt, childhood, dated, refuted, error, uncoded)
    assert record["conditions"] == [
        {
            "name": "Multiple myeloma (disorder)",
            "codes": ["http://snomed.info/sct|109989006", "C90.0"],
            "date": "2021-03-15",
            "status": "active",
            "verification": "confirmed",
        },
        # (onset and abatement: the condition's period, so a window sees it last into 2022-12)
        {"name": "DVT", "codes": [], "status": "resolved", "abatement": "2022-12-01", "start": "2022-06", "end": "2022-12-01"},
        # (abated in 2001, no status or onset given: over, on that day)
        {"name": "Asthma", "codes": [], "status": "resolved", "abatement": "2001", "end": "2001"},
        {"name": "Hypertension", "codes": [], "status": "remission", "abatement": "2020-02-01", "start": "2019-05-02",
         "end": "2020-02-01"},
    ]
    assert reasons(skipped) == {
        "Condition/al": "verificationStatus is 'refuted'",
        "Condition/err": "verificationStatus is 'entered-in-error'",
        "Condition/blank": "Condition.code has no text, display or code",
    }


# --------------------------------------------------------------------------- therapies


def test_therapies_from_all_three_resource_types():
    statement = {
        "resourceType": "MedicationStatement",
        "id": "bor",
        "status": "completed",
        "medicationCodeableConcept": {
            "coding": [{"system": "http://www.whocc.no/atc", "code": "L01XG01", "display": "bortezomib"}]
        },
        "effectivePeriod": {"start": "2021-04-06T09:00:00+02:00", "end": "2021-08-10"},
    }
    contained = {
        "resourceType": "MedicationStatement",
        "id": "dex",
        "status": "active",
        "contained": [{"resourceType": "Medication", "id": "m1", "code": {"text": "Dexamethasone 40 mg"}}],
        "medicationReference": {"reference": "#m1"},
        "effectiveDateTime": "2026-10-01",
    }
    admin = {
        "resourceType": "MedicationAdministration",
        "id": "dara",
        "status": "completed",
        "medicationReference": {"reference": "Medication/med-dara"},
        "effectiveDateTime": "2026-09-22T10:15:00+02:00",
    }
    admin_period = {
        "resourceType": "MedicationAdministration",
        "id": "ivig",
        "status": "completed",
        "medicationReference": {"reference": "https://x.org/fhir/Medication/unknown", "display": "IVIG"},
        "effectivePeriod": {"start": "2026-09-01T10:00:00Z", "end": "2026-09-01T14:00:00Z"},
    }
    request = {
        "resourceType": "MedicationRequest",
        "id": "acv",
        "status": "active",
        "intent": "order",
        "medicationCodeableConcept": {"text": "Aciclovir 400 mg"},
        "authoredOn": "2023-06-01T09:00:00+02:00",
    }
    request_bounds = {
        "resourceType": "MedicationRequest",
        "id": "len",
        "status": "completed",
        "intent": "order",
        "medicationCodeableConcept": {"text": "Lenalidomide"},
        "authoredOn": "2021-11-01",
        "dosageInstruction": [{"timing": {"repeat": {"boundsPeriod": {"start": "2021-11-15", "end": "2023-05-20"}}}}],
    }
    medication = {
        "resourceType": "Medication",
        "id": "med-dara",
        "code": {"coding": [{"system": "http://www.whocc.no/atc", "code": "L01FC01", "display": "daratumumab"}]},
    }
    record, skipped = convert(statement, contained, admin, admin_period, medication, request, request_bounds)
    assert record["therapies"] == [
        {
            "name": "bortezomib",
            "codes": ["http://www.whocc.no/atc|L01XG01"],
            "start": "2021-04-06",
            "end": "2021-08-10",
            "status": "completed",
        },
        {"name": "Dexamethasone 40 mg", "codes": [], "start": "2026-10-01", "end": None, "status": "active"},
        {
            "name": "daratumumab",
            "codes": ["http://www.whocc.no/atc|L01FC01"],
            "start": "2026-09-22",
            "end": "2026-09-22",
            "status": "completed",
        },
        {"name": "IVIG", "codes": [], "start": "2026-09-01", "end": "2026-09-01", "status": "completed"},
        {"name": "Aciclovir 400 mg", "codes": [], "start": "2023-06-01", "end": None, "status": "active"},
        {"name": "Lenalidomide", "codes": [], "start": "2021-11-15", "end": "2023-05-20", "status": "completed"},
    ]
    assert skipped == []  # the Medication is used, so it is not reported


def test_medication_resolved_through_full_url():
    data = {
        "resourceType": "Bundle",
        "entry": [
            {"fullUrl": "urn:uuid:m-1", "resource": {"resourceType": "Medication", "code": {"text": "Carfilzomib"}}},
            {
                "resource": {
                    "resourceType": "MedicationStatement",
                    "id": "s",
                    "status": "completed",
                    "medicationReference": {"reference": "urn:uuid:m-1"},
                }
            },
        ],
    }
    record, skipped = bundle_to_record(data)
    assert record["therapies"][0]["name"] == "Carfilzomib"
    assert skipped == []


def test_skipped_therapies_and_unused_medication():
    record, skipped = convert(
        {
            "resourceType": "MedicationStatement",
            "id": "nt",
            "status": "not-taken",
            "medicationCodeableConcept": {"text": "Selinexor"},
        },
        {
            "resourceType": "MedicationAdministration",
            "id": "nd",
            "status": "not-done",
            "medicationReference": {"reference": "Medication/m"},
        },
        {
            "resourceType": "MedicationRequest",
            "id": "cx",
            "status": "cancelled",
            "intent": "order",
            "medicationCodeableConcept": {"text": "x"},
        },
        {
            "resourceType": "MedicationRequest",
            "id": "plan",
            "status": "active",
            "intent": "plan",
            "medicationCodeableConcept": {"text": "Teclistamab"},
        },
        {
            "resourceType": "MedicationStatement",
            "id": "anon",
            "status": "completed",
            "medicationReference": {"reference": "Medication/missing"},
        },
        {"resourceType": "Medication", "id": "m", "code": {"text": "Pomalidomide"}},
    )
    assert record["therapies"] == []
    assert reasons(skipped) == {
        "MedicationStatement/nt": "status is 'not-taken'",
        "MedicationAdministration/nd": "status is 'not-done'",
        "MedicationRequest/cx": "status is 'cancelled'",
        "MedicationRequest/plan": "intent is 'plan': not an order the patient received",
        "MedicationStatement/anon": "no medication code, display or resolvable Medication",
        "Medication/m": "Medication not used by any therapy placed in the record",
    }


# --------------------------------------------------------------------------- Procedure


def test_procedures():
    asct = {
        "resourceType": "Procedure",
        "id": "asct",
        "status": "completed",
        "code": {
            "coding": [
                {"system": SCT, "code": "425983008", "display": "Autologous peripheral blood stem cell transplant"}
            ]
        },
        "performedDateTime": "2021-09-14T13:00:00+02:00",
    }
    period = {
        "resourceType": "Procedure",
        "id": "rt",
        "status": "completed",
        "code": {"text": "Radiotherapy T8"},
        "performedPeriod": {"start": "2026-08-01", "end": "2026-08-05"},
    }
    not_done = {"resourceType": "Procedure", "id": "nd", "status": "not-done", "code": {"text": "Bone marrow biopsy"}}
    record, skipped = convert(asct, period, not_done)
    assert record["procedures"] == [
        {
            "name": "Autologous peripheral blood stem cell transplant",
            "codes": ["http://snomed.info/sct|425983008"],
            "date": "2021-09-14",
            "status": "completed",
        },
        # (a performedPeriod is the course's period: judged on its start alone, a course ending within a window was outside it)
        {"name": "Radiotherapy T8", "codes": [], "start": "2026-08-01", "end": "2026-08-05", "status": "completed"},
    ]
    assert reasons(skipped) == {"Procedure/nd": "status is 'not-done'"}


# --------------------------------------------------------------------------- the example bundle


@pytest.fixture(scope="module")
def example():
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    record, skipped = bundle_to_record(data)
    return data, record, skipped


def test_example_skipped_exactly(example):
    _, _, skipped = example
    assert reasons(skipped) == {
        "Practitioner/prac-hem-07": "unsupported resource type Practitioner",
        "Observation/obs-hgb-20261028-b": "status is 'entered-in-error'",
        "Observation/obs-k-20261028": "dataAbsentReason: Specimen haemolysed (http://terminology.hl7.org/CodeSystem/data-absent-reason|error)",
        "Observation/obs-cbc-20261028": "no value (a panel: its results are the Observations in hasMember)",
        "Condition/cond-al-amyloid": "verificationStatus is 'refuted'",
    }
    assert len(skipped) == 5


def test_example_observations(example):
    _, record, _ = example
    expected = {
        "751-8": {"value": 1.6, "unit": "10*9/L", "date": "2026-10-28T08:30:00+01:00", "uln": 7.7, "lln": 1.8},
        "777-3": [
            {"value": 92, "unit": "10*9/L", "date": "2026-10-14T09:05:00+02:00", "uln": 400, "lln": 150},
            {"value": 78, "unit": "10*9/L", "date": "2026-10-28T08:30:00+01:00", "uln": 400, "lln": 150},
        ],
        "718-7": {"value": 9.4, "unit": "g/dL", "date": "2026-10-28T08:30:00+01:00", "uln": 16.0, "lln": 12.0},
        "1742-6": {"value": 52, "unit": "U/L", "date": "2026-10-28T08:30:00+01:00", "uln": 35, "lln": 7},
        "1920-8": {"value": 38, "unit": "U/L", "date": "2026-10-28T08:30:00+01:00", "uln": 35, "lln": 10},
        "1975-2": {"value": 0.9, "unit": "mg/dL", "date": "2026-10-28T08:30:00+01:00", "uln": 1.2, "lln": 0.2},
        "2160-0": {"value": 132, "unit": "umol/L", "date": "2026-10-28T08:30:00+01:00", "uln": 84, "lln": 45},
        "3255-7": {"value": 3.1, "unit": "g/L", "date": "2026-10-28T08:30:00+01:00", "uln": 400, "lln": 200, "range_unit": "mg/dL"},
        "14979-9": {"value": 31.5, "unit": "s", "date": "2026-10-28T08:30:00+01:00", "uln": 37, "lln": 25},
        "5902-2": {"value": 12.8, "unit": "s", "date": "2026-10-28T08:30:00+01:00", "uln": 13.5, "lln": 11.0},
        "59408-5": {"value": 97, "unit": "%", "date": "2026-10-28T09:35:00+01:00"},
        "10230-1": {"value": 55, "unit": "%", "date": "2026-10-20"},
        "89247-1": {"value": 1, "date": "2026-10-28T09:40:00+01:00"},
        "5196-1": {"value": "negative", "date": "2026-10-21T08:15:00+02:00"},
        "56888-1": {"value": "non-reactive", "date": "2026-10-21T08:15:00+02:00"},
        "33358-3": {"value": 1.8, "unit": "g/dL", "date": "2026-10-21T08:15:00+02:00"},
        "Free light chain kappa/lambda ratio": {
            "value": 24.6,
            "unit": None,  # (a UCUM annotation alone, '{ratio}', is no unit)
            "date": "2026-10-21T08:15:00+02:00",
            "uln": 1.65,
            "lln": 0.26,
        },
        "8480-6": {"value": 128, "unit": "mm[Hg]", "date": "2026-10-28T09:35:00+01:00"},
        "8462-4": {"value": 78, "unit": "mm[Hg]", "date": "2026-10-28T09:35:00+01:00"},
        "29463-7": {"value": 68.5, "unit": "kg", "date": "2026-10-28T09:35:00+01:00"},
    }
    observation_keys = set(record) - {"birth_date", "sex", "conditions", "therapies", "procedures"}
    assert observation_keys == set(expected)
    for key, value in expected.items():
        assert record[key] == value, key


def test_example_patient_conditions_therapies_procedures(example):
    _, record, _ = example
    assert record["birth_date"] == "1958-04-12" and record["sex"] == "female"
    assert "as_of" not in record
    mm = record["conditions"][0]
    assert mm["codes"][0] == "http://snomed.info/sct|109989006"
    assert (mm["date"], mm["status"]) == ("2021-03-15", "active; stage: R-ISS stage II at diagnosis")  # (its stage kept)
    dvt = record["conditions"][1]
    assert (dvt["status"], dvt["abatement"]) == ("resolved", "2022-12-01")
    assert record["conditions"][2]["date"] == "2021-07"
    assert [(t["codes"][0].split("|")[1], t["start"], t["end"], t["status"]) for t in record["therapies"]] == [
        ("L01XG01", "2021-04-06", "2021-08-10", "completed"),
        ("L04AX04", "2021-04-06", "2021-08-10", "completed"),
        ("H02AB02", "2021-04-06", "2021-08-10", "completed"),
        ("L04AX04", "2021-11-15", "2023-05-20", "stopped"),
        ("L01FC01", "2023-06-01", "2026-09-22", "stopped"),
        ("L01XG01", "2023-06-01", "2024-02-15", "completed"),
        ("L01FC01", "2026-09-22", "2026-09-22", "completed"),
        ("J05AB01", "2023-06-01", None, "active"),
    ]
    assert record["procedures"] == [
        {
            "name": "Autologous stem cell transplant (melphalan 200 mg/m2 conditioning)",
            "codes": ["http://snomed.info/sct|425983008", "http://www.ama-assn.org/go/cpt|38241"],
            "date": "2021-09-14",
            "status": "completed",
        }
    ]


def test_example_every_entry_is_accounted_for(example):
    """Each entry is either placed (counted by where it lands) or in skipped."""
    data, record, skipped = example
    types = [e["resource"]["resourceType"] for e in data["entry"]]
    skipped_types = [s["resource"].split("/")[0] for s in skipped]
    observation_points = sum(
        len(v) if isinstance(v, list) else 1
        for k, v in record.items()
        if k not in {"birth_date", "sex", "conditions", "therapies", "procedures"}
    )
    # the blood-pressure Observation yields two points (its components)
    assert types.count("Observation") - skipped_types.count("Observation") == observation_points - 1
    assert types.count("Condition") - skipped_types.count("Condition") == len(record["conditions"])
    therapy_resources = sum(
        types.count(t) for t in ("MedicationStatement", "MedicationAdministration", "MedicationRequest")
    )
    assert therapy_resources == len(record["therapies"])
    assert types.count("Procedure") == len(record["procedures"])
    assert types.count("Patient") == 1 and types.count("Medication") == 1 and "Medication" not in skipped_types
    assert len(types) == 39


# --------------------------------------------------------------------------- found by an adversarial review

def _screen(text, *resources, **kw):
    import eligibility

    record, _ = convert(*resources)
    return [r.status.value for r in eligibility.screen(text, record, as_of="2026-11-01", **kw).results]


def _condition(code_text, **fields):
    return {"resourceType": "Condition", "code": {"text": code_text}, **fields}


def test_radiotherapy_as_a_procedure_is_radiotherapy():
    rt = {"resourceType": "Procedure", "status": "completed", "code": {"text": "Radiotherapy"}, "performedDateTime": "2026-10-20"}
    assert _screen("Exclusion Criteria:\n* Radiotherapy within 4 weeks\n", rt, closed_world=True) == ["fail"]


def test_a_procedure_period_is_judged_on_its_whole_course():
    surgery = {"resourceType": "Procedure", "status": "completed", "code": {"text": "Major surgery"},
               "performedPeriod": {"start": "2026-09-20", "end": "2026-10-10"}}
    assert _screen("Exclusion Criteria:\n* Major surgery within 4 weeks\n", surgery) == ["fail"]


@pytest.mark.parametrize("verification", ["provisional", "unconfirmed", "differential"])
def test_a_tentative_diagnosis_is_no_established_one(verification):
    hbv = _condition("Hepatitis B", clinicalStatus={"coding": [{"code": "active"}]},
                     verificationStatus={"coding": [{"code": verification}]})
    assert _screen("Exclusion Criteria:\n* Active hepatitis B\n", hbv) == ["unknown"]


def test_an_abated_condition_is_over_and_lasted_until_it_abated():
    chf = _condition("Congestive heart failure", onsetDateTime="2018-01-01", abatementDateTime="2019-01-01")
    assert _screen("Exclusion Criteria:\n* Congestive heart failure\n", chf) != ["fail"]
    pneumonia = _condition("Pneumonia", onsetDateTime="2026-09-20", abatementDateTime="2026-10-25")
    assert _screen("Exclusion Criteria:\n* Infection within 4 weeks\n", pneumonia) != ["match"]


def test_sex_specific_reference_ranges_are_not_taken_for_the_patient():
    ast = obs("ast", code="1920-8", value=qty(100, "U/L", "U/L"),
              referenceRange=[{"high": qty(50, "U/L", "U/L"), "appliesTo": [{"text": "Male"}]},
                              {"high": qty(35, "U/L", "U/L"), "appliesTo": [{"text": "Female"}]}])
    patient = {"resourceType": "Patient", "gender": "female", "birthDate": "1970-05-02"}
    assert _screen("Inclusion Criteria:\n* AST ≤ 2.5 × ULN\n", patient, ast) != ["match"]


def test_a_value_dated_after_the_screening_date_is_not_yet_known():
    early = obs("p1", code="777-3", when="2026-10-01", value=qty(150, "10*9/L", "10*9/L"))
    late = obs("p2", code="777-3", when="2026-12-01", value=qty(50, "10*9/L", "10*9/L"))
    assert _screen("Inclusion Criteria:\n* Platelets ≥ 100 × 10^9/L\n", early, late) == ["match"]
    assert _screen("Inclusion Criteria:\n* Platelets ≥ 100 × 10^9/L\n", late) == ["unknown"]


def test_a_draft_order_is_no_therapy_given():
    draft = {"resourceType": "MedicationRequest", "status": "draft", "intent": "order", "authoredOn": "2026-10-30",
             "medicationCodeableConcept": {"text": "Cyclophosphamide"}}
    assert _screen("Exclusion Criteria:\n* Prior chemotherapy\n", draft) != ["fail"]


@pytest.mark.parametrize(("born", "text", "want"), [("2026-10-03", "Age ≥ 28 days", "match"),
                                                    ("2026-10-22", "Age ≥ 1 day", "match"),
                                                    ("2026-09-06", "Age ≤ 6 weeks", "fail")])
def test_ages_in_days_and_weeks(born, text, want):
    patient = {"resourceType": "Patient", "birthDate": born}
    assert _screen(f"Inclusion Criteria:\n* {text}\n", patient) == [want]


# ---- found by audit J (2026-12-06): FHIR against the plain record

def test_ucum_annotations_and_special_units_are_read():
    b = bundle(obs("egfr", code="98979-8", value=qty(65, code="mL/min/{1.73_m2}")),
               obs("w", code="29463-7", value=qty(154, code="[lb_av]")))
    p = eligibility.Patient.from_fhir(b)
    r = eligibility.screen("Inclusion Criteria:\n* eGFR ≥ 60 mL/min/1.73m2\n", p, as_of="2026-11-01")
    assert r.results[0].status == "match"   # (the UCUM code had made the whole bundle raise)


@pytest.mark.parametrize("high", [-41])   # (an upper limit of 0 is one: no M-protein expected)
def test_an_impossible_reference_range_is_an_error(high):
    b = bundle(obs("alt", code="1742-6", value=qty(35, code="U/L"),
                   referenceRange=[{"high": qty(high, code="U/L")}]))
    with pytest.raises(eligibility.PatientDataError):
        eligibility.Patient.from_fhir(b)


def test_an_abatement_before_the_onset_is_an_error():
    cond = {"resourceType": "Condition", "id": "c", "code": {"text": "stroke"}, "onsetDateTime": "2026-01-01",
            "abatementDateTime": "2020-01-01"}
    with pytest.raises(eligibility.PatientDataError):
        eligibility.Patient.from_fhir(bundle(cond))


def test_a_procedures_body_site_and_a_conditions_stage_are_kept():
    rt = {"resourceType": "Procedure", "id": "rt", "status": "completed", "code": {"text": "radiotherapy"},
          "performedDateTime": "2024-01-01", "bodySite": [{"text": "lung"}]}
    neuro = {"resourceType": "Condition", "id": "n", "code": {"text": "peripheral neuropathy"}, "onsetDateTime": "2025-01-01",
             "clinicalStatus": {"coding": [{"code": "active"}]}, "stage": [{"summary": {"text": "CTCAE grade 3"}}]}
    p = eligibility.Patient.from_fhir(bundle(rt, neuro))
    assert eligibility.screen("Exclusion Criteria:\n* Prior lung radiotherapy\n", p, as_of="2026-11-01").results[0].status == "fail"
    r = eligibility.screen("Exclusion Criteria:\n* Grade 3 or higher peripheral neuropathy\n", p, as_of="2026-11-01")
    assert r.results[0].status == "fail"   # (the grade had not been read: 'grade not recorded')


@pytest.mark.parametrize("status", ["draft"])   # ('on-hold' is paused after being given: it was given)
def test_an_order_not_given_is_no_therapy_within_a_window(status):
    req = {"resourceType": "MedicationRequest", "id": "m", "status": status, "intent": "order",
           "medicationCodeableConcept": {"text": "daratumumab"}, "authoredOn": "2026-10-30"}
    p = eligibility.Patient.from_fhir(bundle(req))
    r = eligibility.screen("Exclusion Criteria:\n* Daratumumab within 14 days prior to screening\n", p, as_of="2026-11-01",
                           closed_world=True)
    assert r.results[0].status == "match"   # (had failed: 'ongoing, within 14 days')


def test_a_value_string_keeps_its_units_case_and_its_reference_range():
    b = bundle(obs("plt", code="777-3", valueString="150 G/L"),
               obs("alt", code="1742-6", valueString="110 U/L", referenceRange=[{"high": qty(41, code="U/L")}]))
    p = eligibility.Patient.from_fhir(b)
    assert eligibility.screen("Inclusion Criteria:\n* Platelets ≥ 100 × 10^9/L\n", p, as_of="2026-11-01").results[0].status == "match"
    r = eligibility.screen("Inclusion Criteria:\n* ALT ≤ 2.5 × ULN\n", p, as_of="2026-11-01")
    assert r.results[0].status == "fail"   # (2.68 × the range's ULN; had lost the range: unknown)


def test_prior_lines_as_an_observation():
    lines = {"resourceType": "Observation", "id": "l", "status": "final", "code": {"text": "prior lines"},
             "valueInteger": 3, "effectiveDateTime": "2026-10-01"}
    p = eligibility.Patient.from_fhir(bundle(lines))   # (had raised: 'expected a whole number')
    r = eligibility.screen("Inclusion Criteria:\n* At least 3 prior lines of therapy\n", p, as_of="2026-11-01")
    assert r.results[0].status == "match"


@pytest.mark.parametrize("status,expected", [
    ("unknown", "unknown"),   # (read as ongoing since its one date, it had failed 'within 14 days')
    (None, "unknown"),        # (status missing: the same)
    ("active", "fail"),       # (taken now)
    ("completed", "unknown"),  # (over on a day between its date and screening)
])
def test_a_medication_statement_of_one_date_whose_course_is_not_said_is_not_ongoing(status, expected):
    ms = {"resourceType": "MedicationStatement", "id": "m1", "medicationCodeableConcept": {"text": "dexamethasone"},
          "effectiveDateTime": "2026-01-05", "subject": {"reference": "Patient/p"}}
    if status is not None:
        ms["status"] = status
    p = eligibility.Patient.from_fhir(bundle({"resourceType": "Patient", "id": "p", "birthDate": "1960-01-01"}, ms))
    crit = "Exclusion Criteria:\n* Systemic corticosteroids within 14 days before screening"
    assert eligibility.screen(crit, p, as_of="2026-11-01").results[0].status.value == expected
    assert eligibility.screen("Exclusion Criteria:\n* Ongoing treatment with systemic corticosteroids", p,
                              as_of="2026-11-01").results[0].status.value == {"active": "fail", "completed": "match"}.get(status, "unknown")
