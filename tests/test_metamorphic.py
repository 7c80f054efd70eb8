"""Metamorphic properties over the seed trials and a sample of the corpus: a record and the screening date moved 28
years on (the calendar repeats) get the same verdicts; a criterion read alike in either section is met in one exactly
where it rules out in the other; what the open world decides, the closed world decides the same way."""

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eligibility
from eligibility import ir

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [json.loads(line)["eligibility_criteria"]
          for line in (ROOT / "tests" / "fixtures" / "corpus" / "trials.jsonl").read_text(encoding="utf-8").splitlines()
          if line.strip()]
SEEDS = [(ROOT / "examples" / "trials" / f"{n}.txt").read_text(encoding="utf-8") for n in ("NCT06279026", "NCT07139509")]
# (texts that name no calendar year: 'after January 1, 2020' does not move with the record)
TRIALS = [eligibility.parse(t) for t in SEEDS + CORPUS[::23] if not re.search(r"\b(?:19|20)\d\d\b", t)]

VALUES = {"ANC": ["0.5 x10^9/L", "2.0 x10^9/L", {"value": 1.6, "unit": "10^9/L", "date": "2026-10-30"}],
          "platelets": [40, 150, {"value": 90, "unit": "10^9/L", "date": "2026-11"}], "hemoglobin": ["7 g/dL", "12 g/dL"],
          "creatinine": ["0.9 mg/dL", "3.0 mg/dL"], "total bilirubin": ["0.5 mg/dL", "3 mg/dL"], "ALT": ["30 U/L", "300 U/L"],
          "ECOG": [0, 1, 2, 3], "birth_date": ["1950-01-01", "1990-06-01", "2008-11-15", "1960"], "sex": ["female", "male"],
          "life expectancy": ["2 months", "12 months"], "pregnant": [True, False], "HIV antibody": ["negative", "positive"],
          "HBsAg": ["negative", "positive"], "LVEF": ["40%", "60%"], "weight": ["70 kg"], "height": ["170 cm"]}
CONDITIONS = [{"name": "multiple myeloma", "date": "2020-01-01"}, {"name": "breast cancer", "date": "2018-01-01"},
              {"name": "stroke", "date": "2026-09-01"}, {"name": "stroke", "present": False},
              {"name": "other malignancy", "present": False}, {"name": "brain metastases", "status": "treated, stable"},
              {"name": "hepatitis B", "status": "resolved"}, {"name": "congestive heart failure", "date": "2025-01-01"},
              {"name": "non-small cell lung cancer", "date": "2025-06", "status": "metastatic"},
              {"name": "deep vein thrombosis", "start": "2026-10-01", "end": "2026-10-20"},
              {"name": "basal cell carcinoma", "date": "2023-01-01", "status": "excised"}]
THERAPIES = [{"name": "bortezomib", "start": "2020-02-01", "end": "2020-08-01", "line": 1},
             {"name": "lenalidomide", "start": "2026-10-01", "status": "ongoing"},
             {"name": "cisplatin", "start": "2025-07-01", "end": "2025-12-01"},
             {"name": "pembrolizumab", "start": "2026-01", "end": "2026-09-01"}, {"name": "radiotherapy", "date": "2026-10-20"},
             {"name": "dexamethasone", "start": "2026-10-25", "status": "ongoing"}, {"name": "CAR-T", "present": False},
             {"name": "tamoxifen", "start": "2018-03-01", "end": "2023-03-01"}, {"name": "daratumumab", "start": "2026-11"}]
PROCEDURES = [{"name": "autologous stem cell transplant", "date": "2021-01-01"}, {"name": "major surgery", "date": "2026-10-25"},
              {"name": "allogeneic stem cell transplant", "present": False}]


@st.composite
def records(draw):
    record = {k: draw(st.sampled_from(v)) for k, v in VALUES.items() if draw(st.booleans())}
    for key, pool in (("conditions", CONDITIONS), ("therapies", THERAPIES), ("procedures", PROCEDURES)):
        record[key] = draw(st.lists(st.sampled_from(pool), max_size=3, unique_by=lambda x: x["name"]))
    return record


_DATE = re.compile(r"^(\d{4})(-\d{2}(?:-\d{2})?)?$")


def _moved(x, years=28):
    if isinstance(x, dict):
        return {k: _moved(v, years) for k, v in x.items()}
    if isinstance(x, list):
        return [_moved(v, years) for v in x]
    if isinstance(x, str) and (m := _DATE.match(x)):
        return f"{int(m.group(1)) + years}{m.group(2) or ''}"
    return x


def _statuses(trial, record, as_of, closed):
    try:
        return [r.status.value for r in eligibility.screen(trial, record, as_of=as_of, closed_world=closed).results]
    except eligibility.PatientDataError as e:
        return ("refused", e.field)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TRIALS), records(), st.sampled_from(["2026-11-01", "2026-12-31", "2026-03-01", "2027-02-28"]),
       st.booleans())
def test_a_record_moved_28_years_on_gets_the_same_verdicts(trial, record, as_of, closed):
    assert _statuses(trial, record, as_of, closed) == _statuses(trial, _moved(record), _moved(as_of), closed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TRIALS), records())
def test_what_the_open_world_decides_the_closed_world_decides_alike(trial, record):
    open_, closed = _statuses(trial, record, "2026-11-01", False), _statuses(trial, record, "2026-11-01", True)
    if open_[0] != "refused":
        for a, b in zip(open_, closed):
            assert a == "unknown" or a == b


TEXTS = sorted({c.text for t in TRIALS for c in t.criteria if not c.children and len(c.text) < 200})
_OPPOSITE = {"match": "fail", "fail": "match", "unknown": "unknown"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), records(), st.booleans())
def test_a_criterion_read_alike_in_either_section_is_met_in_one_where_it_rules_out_in_the_other(text, record, closed):
    inc = eligibility.parse(f"Inclusion Criteria:\n* {text}")
    exc = eligibility.parse(f"Exclusion Criteria:\n* {text}")
    if (not inc.criteria or not exc.criteria or inc.criteria[0].rule != exc.criteria[0].rule
            or isinstance(inc.criteria[0].rule, ir.NoRequirement)):
        return  # (read otherwise in the other section, or no requirement: nothing to compare)
    a, b = _statuses(inc, record, "2026-11-01", closed), _statuses(exc, record, "2026-11-01", closed)
    if a[0] != "refused":
        assert b[0] == _OPPOSITE[a[0]]
