"""Throughput of eligibility.fhir.bundle_to_record on a synthetic 5,000-resource FHIR R4 Bundle.

Run:  python benchmarks/bench_fhir.py [--resources 5000] [--seconds 3]

Prints bundles/second and resources/second.  The bundle is built here (deterministic,
shaped like an EHR $everything export: labs with UCUM units and reference ranges, vitals
with components, coded results, conditions, medication statements / administrations /
requests, procedures and a few unsupported resources).  JSON decoding is not part of the
measured work (the function takes an already decoded dict); its cost is printed apart.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from eligibility.fhir import bundle_to_record

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SCT = "http://snomed.info/sct"
ATC = "http://www.whocc.no/atc"
BASE = "https://ehr.example.org/fhir"
SUBJECT = {"reference": "Patient/bench-1"}

# (LOINC, display, unit, low, high, typical value)
LABS = [
    ("751-8", "Neutrophils [#/volume] in Blood", "10*9/L", 1.8, 7.7, 3.5),
    ("777-3", "Platelets [#/volume] in Blood", "10*9/L", 150, 400, 210),
    ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 16.0, 11.5),
    ("6690-2", "Leukocytes [#/volume] in Blood", "10*9/L", 4.0, 10.0, 5.2),
    ("1742-6", "Alanine aminotransferase", "U/L", 7, 35, 30),
    ("1920-8", "Aspartate aminotransferase", "U/L", 10, 35, 28),
    ("1975-2", "Bilirubin.total", "mg/dL", 0.2, 1.2, 0.8),
    ("2160-0", "Creatinine", "umol/L", 45, 84, 90),
    ("17861-6", "Calcium", "mg/dL", 8.6, 10.3, 9.4),
    ("2823-3", "Potassium", "mmol/L", 3.5, 5.1, 4.2),
    ("2951-2", "Sodium", "mmol/L", 136, 145, 140),
    ("3255-7", "Fibrinogen", "g/L", 2.0, 4.0, 3.1),
    ("14979-9", "aPTT", "s", 25, 37, 31),
    ("5902-2", "Prothrombin time (PT)", "s", 11, 13.5, 12.5),
    ("33358-3", "Protein.monoclonal [Mass/volume] in Serum or Plasma", "g/dL", None, None, 1.2),
    ("2532-0", "Lactate dehydrogenase", "U/L", 135, 214, 190),
]
SEROLOGY = [
    ("5196-1", "Negative", "260385009"),
    ("56888-1", "Non-reactive", "131194007"),
    ("16128-1", "Negative", "260385009"),
]
CONDITIONS = [
    ("109989006", "Multiple myeloma"),
    ("128053003", "Deep venous thrombosis"),
    ("38341003", "Hypertensive disorder"),
    ("44054006", "Diabetes mellitus type 2"),
    ("195967001", "Asthma"),
]
DRUGS = [
    ("L01XG01", "bortezomib"),
    ("L04AX04", "lenalidomide"),
    ("H02AB02", "dexamethasone"),
    ("L01FC01", "daratumumab"),
    ("L04AX06", "pomalidomide"),
    ("L01XG02", "carfilzomib"),
    ("J05AB01", "aciclovir"),
]


def _day(rng: random.Random) -> str:
    return f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _instant(rng: random.Random) -> str:
    return f"{_day(rng)}T{rng.randint(6, 18):02d}:{rng.randint(0, 59):02d}:00+0{rng.randint(1, 2)}:00"


def _q(value, unit):
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def _observation(i: int, rng: random.Random) -> dict:
    when = _instant(rng)
    res = {
        "resourceType": "Observation",
        "id": f"obs-{i}",
        "meta": {"lastUpdated": when},
        "status": "entered-in-error" if i % 97 == 0 else "final",
        "category": [
            {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}
        ],
        "subject": SUBJECT,
        "effectiveDateTime": when,
        "issued": when,
        "performer": [{"reference": "Practitioner/lab"}],
    }
    kind = i % 20
    if kind == 0:  # blood pressure with components
        res["code"] = {"coding": [{"system": LOINC, "code": "85354-9", "display": "Blood pressure panel"}]}
        res["component"] = [
            {
                "code": {"coding": [{"system": LOINC, "code": "8480-6"}]},
                "valueQuantity": _q(rng.randint(100, 160), "mm[Hg]"),
            },
            {
                "code": {"coding": [{"system": LOINC, "code": "8462-4"}]},
                "valueQuantity": _q(rng.randint(60, 95), "mm[Hg]"),
            },
        ]
    elif kind == 1:  # coded serology
        code, text, sct = SEROLOGY[i % len(SEROLOGY)]
        res["code"] = {"coding": [{"system": LOINC, "code": code}]}
        res["valueCodeableConcept"] = {"coding": [{"system": SCT, "code": sct, "display": text}], "text": text}
    elif kind == 2:  # ECOG
        res["code"] = {"coding": [{"system": LOINC, "code": "89247-1"}]}
        res["valueInteger"] = rng.randint(0, 2)
    elif kind == 3:  # local code, no LOINC
        res["code"] = {
            "coding": [{"system": "https://lab.example.org/codes", "code": "FLCKLR", "display": "FLC ratio"}],
            "text": "FLC ratio",
        }
        res["valueQuantity"] = _q(round(rng.uniform(0.2, 30), 2), "{ratio}")
    else:
        code, display, unit, low, high, typical = LABS[i % len(LABS)]
        res["code"] = {"coding": [{"system": LOINC, "code": code, "display": display}], "text": display}
        res["valueQuantity"] = _q(round(typical * rng.uniform(0.6, 1.4), 2), unit)
        if low is not None:
            res["referenceRange"] = [{"low": _q(low, unit), "high": _q(high, unit)}]
            res["interpretation"] = [
                {
                    "coding": [
                        {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "N"}
                    ]
                }
            ]
    return res


def build_bundle(n_resources: int = 5000, seed: int = 7) -> dict:
    rng = random.Random(seed)
    resources: list[dict] = [
        {"resourceType": "Patient", "id": "bench-1", "gender": "female", "birthDate": "1958-04-12"}
    ]
    n = n_resources - 1
    shares = {
        "Observation": 0.80,
        "Condition": 0.08,
        "MedicationStatement": 0.08,
        "MedicationAdministration": 0.02,
        "MedicationRequest": 0.01,
    }
    counts = {k: int(n * v) for k, v in shares.items()}
    n_meds = len(DRUGS)
    n_other = n - sum(counts.values()) - n_meds
    counts["Procedure"] = n_other // 2
    counts["Practitioner"] = n_other - counts["Procedure"]

    for i in range(counts["Observation"]):
        resources.append(_observation(i, rng))
    for i in range(counts["Condition"]):
        code, name = CONDITIONS[i % len(CONDITIONS)]
        resources.append(
            {
                "resourceType": "Condition",
                "id": f"cond-{i}",
                "subject": SUBJECT,
                "clinicalStatus": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                            "code": "active" if i % 3 else "resolved",
                        }
                    ]
                },
                "verificationStatus": {"coding": [{"code": "confirmed"}]},
                "code": {"coding": [{"system": SCT, "code": code, "display": name}], "text": name},
                # (an abatement on or after its onset: one before it is a PatientDataError)
                **dict(zip(("onsetDateTime", "abatementDateTime"), sorted([_day(rng), _day(rng)])[: 2 if i % 3 == 0 else 1])),
            }
        )
    for i, (atc, name) in enumerate(DRUGS):
        resources.append(
            {
                "resourceType": "Medication",
                "id": f"med-{i}",
                "code": {"coding": [{"system": ATC, "code": atc, "display": name}]},
            }
        )
    for i in range(counts["MedicationStatement"]):
        atc, name = DRUGS[i % len(DRUGS)]
        start = _day(rng)
        resources.append(
            {
                "resourceType": "MedicationStatement",
                "id": f"ms-{i}",
                "status": "completed",
                "subject": SUBJECT,
                "medicationCodeableConcept": {
                    "coding": [{"system": ATC, "code": atc, "display": name}],
                    "text": name.title(),
                },
                "effectivePeriod": {"start": start, "end": start[:8] + "28"},
            }
        )
    for i in range(counts["MedicationAdministration"]):
        resources.append(
            {
                "resourceType": "MedicationAdministration",
                "id": f"ma-{i}",
                "status": "completed",
                "subject": SUBJECT,
                "medicationReference": {"reference": f"Medication/med-{i % n_meds}"},
                "effectiveDateTime": _instant(rng),
            }
        )
    for i in range(counts["MedicationRequest"]):
        atc, name = DRUGS[i % len(DRUGS)]
        resources.append(
            {
                "resourceType": "MedicationRequest",
                "id": f"mr-{i}",
                "status": "active",
                "intent": "order",
                "subject": SUBJECT,
                "medicationCodeableConcept": {"coding": [{"system": ATC, "code": atc, "display": name}]},
                "authoredOn": _instant(rng),
            }
        )
    for i in range(counts["Procedure"]):
        resources.append(
            {
                "resourceType": "Procedure",
                "id": f"proc-{i}",
                "status": "completed",
                "subject": SUBJECT,
                "code": {
                    "coding": [
                        {
                            "system": SCT,
                            "code": "425983008",
                            "display": "Autologous peripheral blood stem cell transplant",
                        }
                    ]
                },
                "performedDateTime": _instant(rng),
            }
        )
    for i in range(counts["Practitioner"]):
        resources.append({"resourceType": "Practitioner", "id": f"prac-{i}", "name": [{"family": f"Doe{i}"}]})

    assert len(resources) == n_resources, len(resources)
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [
            {"fullUrl": f"{BASE}/{r['resourceType']}/{r['id']}", "resource": r, "search": {"mode": "match"}}
            for r in resources
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=5000, help="resources in the synthetic bundle (default 5000)")
    parser.add_argument("--seconds", type=float, default=3.0, help="minimum measuring time (default 3)")
    args = parser.parse_args(argv)

    bundle = build_bundle(args.resources)
    n = len(bundle["entry"])
    record, skipped = bundle_to_record(bundle)  # warm-up, and a sanity check
    points = sum(
        len(v) if isinstance(v, list) else 1
        for k, v in record.items()
        if k not in {"birth_date", "sex", "conditions", "therapies", "procedures"}
    )
    print(
        f"bundle: {n} resources -> {points} observation points, {len(record['conditions'])} conditions, "
        f"{len(record['therapies'])} therapies, {len(record['procedures'])} procedures, {len(skipped)} skipped"
    )

    times: list[float] = []
    deadline = time.perf_counter() + args.seconds
    while time.perf_counter() < deadline or len(times) < 5:
        t0 = time.perf_counter()
        bundle_to_record(bundle)
        times.append(time.perf_counter() - t0)
    total = sum(times)
    median = statistics.median(times)
    print(
        f"runs: {len(times)}  mean {1000 * total / len(times):.2f} ms  median {1000 * median:.2f} ms  "
        f"best {1000 * min(times):.2f} ms per bundle"
    )
    print(
        f"throughput: {len(times) / total:,.1f} bundles/s  {n * len(times) / total:,.0f} resources/s  "
        f"(median-based: {n / median:,.0f} resources/s)"
    )

    text = json.dumps(bundle)
    t0 = time.perf_counter()
    reps = 20
    for _ in range(reps):
        json.loads(text)
    parse = (time.perf_counter() - t0) / reps
    print(
        f"for reference, json.loads of the same bundle ({len(text) / 1e6:.1f} MB): {1000 * parse:.2f} ms "
        f"({n / parse:,.0f} resources/s); not included above"
    )
    print(f"python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
