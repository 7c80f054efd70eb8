"""Screen the example patients against the two seed trials and print each report.

Run from the repository root:  python examples/screen_patient.py
"""

from __future__ import annotations

import json
from pathlib import Path

import eligibility

HERE = Path(__file__).parent

for trial in sorted((HERE / "trials").glob("*.txt")):
    criteria = eligibility.parse(trial.read_text(encoding="utf-8"))
    for patient_file in sorted((HERE / "patients").glob("*.json")):
        patient = json.loads(patient_file.read_text(encoding="utf-8"))
        report = eligibility.screen(criteria, patient)
        print(f"== {trial.stem} × {patient_file.stem}: {report.outcome}")
        for result in report.results:
            print(f"  {result.id:<5} {result.status.value:<8} {result.reason[:110]}")
        if report.missing:
            print("  to decide the unknowns:", ", ".join(report.missing[:8]))
        print()
