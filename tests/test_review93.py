"""Review 93: wrong decided answers the change 3450b80..HEAD introduced (each gave `fail` or `unknown` at 3450b80).

V1-V2 come from the wider `criteria._NOW_WORD` ('resol\\w*', 'recover\\w*', 'improved', 'returned', 'baseline', 'still'):
it reads words that say the listed prior events count *whatever* their course ('regardless of whether it resolved',
'even if improved', '(resolved or not)') as words of now, so the graded items under a prior-events heading are asked of
now and a grade 3 pneumonitis that ended in 2024 lets the patient in."""

from _screening import doc_statuses

# a grade 3 pneumonitis, over since 2024
_PNEUMO = {"conditions": [{"name": "pneumonitis", "grade": 3, "start": "2024-01-01", "end": "2024-09-01"}]}
_PNEUMO_RESOLVED = {"conditions": [{"name": "pneumonitis", "grade": 3, "start": "2024-01-01", "end": "2024-03-01",
                                    "status": "resolved"}]}




# ------------------------------------------------------------------ V1: a heading that counts events whatever their course
def test_v1_heading_regardless_of_resolution_is_not_asked_of_now():
    for head in ("Any prior severe AE according to CTCAE, regardless of whether it resolved, such as:",
                 "Any prior severe AE according to CTCAE (resolved or not), such as:",
                 "Any prior severe AE according to CTCAE (including those since resolved), such as:",
                 ("Any prior severe immune-related AE requiring permanent discontinuation of immunotherapy "
                 "(regardless of resolution), such as:"),
                 "Any prior severe immune-related AE, including those that resolved to baseline, such as:"):
        doc = f"Exclusion Criteria:\n* {head}\n  * Grade 3 or higher pneumonitis\n* Known HIV infection"
        for p in (_PNEUMO, _PNEUMO_RESOLVED):
            assert "match" not in doc_statuses(doc, p), head


def test_v1_heading_even_if_improved_is_not_asked_of_now():
    doc = ("Exclusion Criteria:\n* History of severe immune-related adverse events with prior immunotherapy, even if "
           "improved with steroids, including:\n  * Grade 3 or higher pneumonitis\n  * Grade 3 or higher myocarditis\n"
           "* Known HIV infection")
    assert "match" not in doc_statuses(doc, _PNEUMO)


# ------------------------------------------------------------------ V2: an item that counts the event whatever its course
def test_v2_item_resolved_or_not_is_not_asked_of_now():
    for item in ("Grade 3 or higher pneumonitis (resolved or not)", "Grade 3 or higher pneumonitis, even if resolved",
                 "Grade 3 or higher pneumonitis, regardless of recovery",
                 "Grade 3 or higher pneumonitis that improved only with steroids"):
        doc = (f"Exclusion Criteria:\n* Any prior severe immune-related AE on prior PD-1 therapy, such as:\n  * {item}\n"
               "* Known HIV infection")
        assert "match" not in doc_statuses(doc, _PNEUMO), item


def test_dexamethasone_oral_paste_is_local():
    from _screening import never
    never("Systemic corticosteroids within 14 days", "exclusion",
          {"therapies": [{"name": "dexamethasone oral paste", "start": "2026-10-25"}]}, "fail")
