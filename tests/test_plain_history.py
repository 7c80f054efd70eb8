"""The Screener's shortcut for a history rule met by a plainly given course (`plain_history`, `plainly_given`) says
what the evaluator says: the same statuses for any mix of course names, statuses, dates and rules."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

import eligibility
from eligibility import ir
from eligibility.evaluate import plain_history

# rules the shortcut takes (asking only that a course was given) and rules it leaves alone (windows, 'other',
# qualifiers, exceptions, surgery, current use), in both sections
TEXT = """Inclusion Criteria:
* Prior treatment with a proteasome inhibitor
* Prior treatment with an immunomodulatory drug
* Received prior chemotherapy
* Prior anti-CD38 monoclonal antibody
* Prior monoclonal antibody therapy
* Prior autologous stem cell transplant
* Prior radiotherapy
Exclusion Criteria:
* Prior CAR-T cell therapy
* Prior anti-BCMA therapy
* Prior allogeneic stem cell transplantation
* Prior hormonal therapy
* Prior systemic corticosteroids
* Prior surgery
* Chemotherapy within 14 days before screening
* Current treatment with systemic corticosteroids
* Prior systemic chemotherapy for metastatic disease
* Prior radiotherapy except palliative radiotherapy to bone
* Prior interferon therapy
"""
TRIAL = eligibility.parse(TEXT)
SCREENER = eligibility.Screener(TRIAL)

NAMES = ["bortezomib", "carfilzomib", "lenalidomide", "VRd", "VRd (lenalidomide omitted)", "daratumumab", "melphalan",
         "cyclophosphamide", "cyclophosphamide for lupus nephritis", "megestrol", "megestrol for appetite", "tamoxifen",
         "tamoxifen for breast cancer", "dexamethasone", "prednisone", "intravesical mitomycin", "topical steroid cream", "prednisone cream",
         "radiotherapy", "palliative radiotherapy to bone", "autologous stem cell transplant",
         "allogeneic stem cell transplant", "ide-cel", "CAR-T", "teclistamab", "interferon alfa", "interferon beta",
         "hydroxyurea", "denosumab", "pembrolizumab", "thalidomide", "hysterectomy", "laparotomy", "coronary bypass surgery", "kyphoplasty"]
STATUSES = ["", "", "", "planned", "declined", "refused due to toxicity", "completed", "ongoing", "stopped", "for myeloma",
            "not infused; progressed", "given locally", "as antiemetic", "intravesical"]
DATES = ["2019-03-01", "2026-10-25", "2026-10-31", "2026-11-01", "2026-11-02", "2027-01-01", "2026-11", None]


@st.composite
def courses(draw):
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        name = draw(st.sampled_from(NAMES))
        key = "procedures" if name in ("autologous stem cell transplant", "allogeneic stem cell transplant", "hysterectomy",
                                       "laparotomy", "coronary bypass surgery", "kyphoplasty", "radiotherapy") and draw(
            st.booleans()) else "therapies"
        item: dict[str, object] = {"name": name}
        if (status := draw(st.sampled_from(STATUSES))):
            item["status"] = status
        if (start := draw(st.sampled_from(DATES))) is not None:
            item["start" if key == "therapies" else "date"] = start
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            item["present"] = False
            item.pop("status", None)  # (a status that says it is there beside 'present': false is a data error)
        out.append((key, item))
    record: dict[str, object] = {"therapies": [i for k, i in out if k == "therapies"],
                                 "procedures": [i for k, i in out if k == "procedures"]}
    if draw(st.booleans()):
        record["conditions"] = [{"name": draw(st.sampled_from(["multiple myeloma", "breast cancer", "lupus nephritis"]))}]
    return record


def test_the_trial_holds_rules_on_both_sides_of_the_shortcut():
    rules = [r for c in TRIAL.criteria for r in _histories(c.rule)]
    assert any(plain_history(r) for r in rules) and any(not plain_history(r) for r in rules)


def _histories(rule):
    if isinstance(rule, ir.History):
        yield rule
    for k in ir.children(rule):
        yield from _histories(k)


def _one(name, key="therapies", **more):
    return {"therapies": [], "procedures": [], key: [{"name": name, **more}]}


@settings(max_examples=400, deadline=None)
@given(courses(), st.booleans())
# (each a course the shortcut must leave to the evaluator, alone on record)
@example(_one("intravesical mitomycin", start="2019-03-01"), False)
@example(_one("prednisone cream", start="2019-03-01"), False)
@example(_one("megestrol", start="2019-03-01"), False)
@example(_one("denosumab", start="2019-03-01"), False)
@example(_one("pembrolizumab", start="2019-03-01"), False)
@example(_one("VRd (lenalidomide omitted)", start="2019-03-01"), False)
@example(_one("cyclophosphamide for lupus nephritis", start="2019-03-01"), True)
@example(_one("tamoxifen for breast cancer", start="2019-03-01"), False)
@example(_one("bortezomib", start="2026-11-02"), False)
@example(_one("bortezomib", start="2026-11"), False)
@example(_one("bortezomib", status="planned"), False)
@example(_one("allogeneic stem cell transplant", "procedures", date="2019-03-01"), False)
@example(_one("autologous stem cell transplant", start="2019-03-01"), False)  # (a therapy entry: no procedure asked)
@example(_one("coronary bypass surgery", "procedures", date="2019-03-01"), True)
def test_the_screener_says_what_screen_says_of_any_courses(record, closed):
    fast = SCREENER.statuses(record, as_of="2026-11-01", closed_world=closed)
    full = eligibility.screen(TRIAL, record, as_of="2026-11-01", closed_world=closed)
    assert fast == [r.status.value for r in full.results]


def test_a_plainly_given_course_meets_a_plain_rule_and_a_planned_one_does_not():
    given = {"therapies": [{"name": "bortezomib", "start": "2019-03-01"}]}
    planned = {"therapies": [{"name": "bortezomib", "start": "2026-12-01"}]}
    assert SCREENER.statuses(given, as_of="2026-11-01")[0] == "match"
    assert SCREENER.statuses(planned, as_of="2026-11-01")[0] != "match"
