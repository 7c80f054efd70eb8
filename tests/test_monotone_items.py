"""Adding data never flips match and fail, item by item: a record that holds a subset of another's values and history
entries (open world) decides nothing the other decides otherwise."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eligibility

ROOT = Path(__file__).resolve().parents[1]
TRIALS = [eligibility.parse((ROOT / "examples" / "trials" / f"{n}.txt").read_text(encoding="utf-8"))
          for n in ("NCT06279026", "NCT07139509")]
FULL = json.loads((ROOT / "examples" / "patients" / "all_decidable_match.json").read_text(encoding="utf-8"))
LOW = json.loads((ROOT / "examples" / "patients" / "low_platelets.json").read_text(encoding="utf-8"))
LISTS = ("conditions", "therapies", "procedures")

# entries another record might hold beside the example's: over, ongoing, absent, recent, graded, doubtful
MORE = {
    "conditions": [{"name": "stroke", "date": "2026-08-01"}, {"name": "stroke", "date": "2019-01-01", "status": "resolved"},
                   {"name": "hepatitis B", "status": "resolved"}, {"name": "breast cancer", "date": "2015-03-01",
                                                                   "status": "in remission"},
                   {"name": "basal cell carcinoma", "date": "2024-01-01"}, {"name": "CNS involvement", "present": False},
                   {"name": "peripheral neuropathy", "grade": 2}, {"name": "atrial fibrillation", "status": "controlled"},
                   {"name": "plasma cell leukemia", "present": False}, {"name": "HIV infection", "present": False}],
    "therapies": [{"name": "teclistamab", "start": "2025-01-01", "end": "2025-06-01"},
                  {"name": "dexamethasone", "start": "2026-10-20", "status": "ongoing"},
                  {"name": "ide-cel", "status": "not infused"}, {"name": "radiotherapy", "date": "2026-10-15"},
                  {"name": "cyclophosphamide", "start": "2026-09-01", "end": "2026-09-05", "line": 4},
                  {"name": "investigational agent", "start": "2026-10-01"}, {"name": "live vaccine", "date": "2026-10-25"}],
    "procedures": [{"name": "major surgery", "date": "2026-10-20"}, {"name": "allogeneic stem cell transplant",
                                                                     "date": "2020-01-01"},
                   {"name": "kyphoplasty", "date": "2026-09-01"}],
}


def _reading(x, key):
    """(present, the term id, the classes) of an entry as the record reader reads it."""
    e = eligibility.Patient.from_mapping({key: [x]}).events[0]
    return e.present, (e.term.id if e.term is not None else None), e.classes


def _contradicts(x, entries, key):
    """Whether an entry says the opposite of one already there ('stroke' beside 'neurological disorder': absent), or
    adds one of a kind already listed ('stroke' of 2026-08 beside 'stroke' of 2019): the record is read as saying all
    of a kind it lists (docs/status-semantics.md, open and closed world), so either is no more data, but other data."""
    present, term, classes = _reading(x, key)
    for y in entries:
        y_present, y_term, y_classes = _reading(y, key)
        if (present or y_present) and ((y_term is not None and y_term in classes) or (term is not None and term in y_classes)):
            return True
    return False


@st.composite
def nested_records(draw):
    """(small, large): large holds every key and history entry of small, and one key or entry more."""
    base = draw(st.sampled_from([FULL, LOW]))
    keys = [k for k in base if k not in ("id", "as_of", *LISTS)]
    chosen = draw(st.sets(st.sampled_from(keys)))
    small = {k: base[k] for k in base if k in chosen or k in ("id", "as_of")}
    for name in LISTS:
        pool = list(base.get(name, [])) + MORE[name]
        small[name] = []
        for x in pool:
            if draw(st.booleans()) and not _contradicts(x, small[name], name):
                small[name].append(x)
    large = {k: (list(v) if isinstance(v, list) else v) for k, v in small.items()}
    if draw(st.booleans()) and len(chosen) < len(keys):
        extra = draw(st.sampled_from([k for k in keys if k not in chosen]))
        large[extra] = base[extra]
    else:
        name = draw(st.sampled_from(LISTS))
        left = [x for x in list(base.get(name, [])) + MORE[name] if x not in small[name]
                and not _contradicts(x, small[name], name)]
        if left:
            large[name].append(draw(st.sampled_from(left)))
    return small, large


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nested_records())
def test_one_more_value_or_history_entry_never_flips_match_and_fail(pair):
    small, large = pair
    for trial in TRIALS:
        for a, b in zip(eligibility.screen(trial, small).results, eligibility.screen(trial, large).results):
            # (an entry the vocabulary does not name may undo a decision, 'kyphoplasty' within a window on transplants:
            # unknown then, never the other verdict)
            if a.status != "unknown" and b.status != "unknown":
                assert a.status == b.status, (a.id, a.reason, b.reason)


def test_other_malignancy_recorded_absent_denies_no_cancer_but_another():
    # ('other malignancy': absent, of a myeloma patient whose myeloma the record does not list: read as no malignancy at
    # all, it denied the myeloma and failed 'Diagnosis of multiple myeloma', while the record with the myeloma matched)
    text = ("Inclusion Criteria:\n* Diagnosis of multiple myeloma\nExclusion Criteria:\n* Other malignancy within 5 years\n"
            "* History of breast cancer\n")
    for cw in (False, True):
        for name in ("other malignancy", "another malignancy", "second primary malignancy", "prior malignancy"):
            record = {"conditions": [{"name": name, "present": False}]}
            got = [r.status.value for r in eligibility.screen(text, record, as_of="2026-11-01", closed_world=cw).results]
            fast = eligibility.Screener(text).statuses(record, as_of="2026-11-01", closed_world=cw)
            assert got == fast
            assert got[0] == ("fail" if cw else "unknown")  # (closed world: no myeloma listed)
            assert got[1] == "match"  # (no malignancy besides the patient's own)
            assert got[2] == ("match" if cw else "unknown")  # (the patient's own may be a breast cancer)
    # (a plain 'malignancy': absent still denies every cancer)
    got = [r.status.value for r in eligibility.screen(text, {"conditions": [{"name": "malignancy", "present": False}]},
                                                      as_of="2026-11-01").results]
    assert got == ["fail", "match", "match"]
