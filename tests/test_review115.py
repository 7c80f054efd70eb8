"""Review 115 of the change HEAD~2..HEAD ('Review 113: a window moves to enrollment only inside the 'until' clause …; a
wait among the exclusions is turned round only where its inclusion reading is "not one of those, or the wait kept" …; a
DLCO limit is decided only where the DLCO and the corrected DLCO agree'): wrong decided answers the change introduces.
Each test asserts the right answer (that the wrong status is absent), in both worlds, through `screen` and the Screener
(the helpers check they agree), and fails on the code reviewed; see /tmp/review115/FINDINGS.md."""

import pytest
from _screening import statuses

# (screening date: _screening.AS_OF, 2026-11-01; enrollment recorded 2026-11-10)
_LONG_AGO = {"therapies": [{"name": "ciltacabtagene autoleucel", "date": "2025-01-01"}], "dates": {"enrollment": "2026-11-10"}}
_RECENT = {"therapies": [{"name": "ciltacabtagene autoleucel", "date": "2026-10-01"}], "dates": {"enrollment": "2026-11-10"}}
_WAIT_KEPT_TO_ENROLLMENT = {"therapies": [{"name": "ciltacabtagene autoleucel", "date": "2026-08-05"}],
                            "dates": {"enrollment": "2026-11-10"}}

# R115-1 (introduced by the new gate on the turn-round of `_NOT_INCLUDED_UNTIL`: only an inclusion reading shaped
# exactly any(not(History), X), two items, is turned round). Every other shape of the same sentence now falls back to the
# reason reading, all(CAR-T, not(CAR-T within 3 months)), the one review 107 found backwards: an infusion of January 2025
# (or one 3.2 months before the recorded enrollment) FAILS, and one of October 2026 MATCHES, in both worlds. Shapes seen:
# 'will not be eligible until' (inclusion reading all(CAR-T, not(…))), a subject without a relative clause
# ('Participants previously treated with CAR T cells', reading any(all(…), all(not(CAR-T), unread))), two treatments in
# the subject ('CAR T cell therapy or any BCMA-directed therapy', not(any(…)) first), a second clause after ';' (an
# all(…) round the any). Before the change: match for the old infusion, fail for the recent one (or unknown), the right
# way round.
_SHAPES = [
    ("Patients who have previously received CAR T cell therapy will not be eligible until at least 3 months after the last "
    "CAR T cell infusion"),
    ("Participants previously treated with CAR T cells should not be included until at least 3 months after the last CAR "
    "T cell infusion"),
    ("Participants previously treated with CAR T cells cannot be enrolled until at least 3 months following CAR T cell "
    "therapy"),
    ("Patients who have previously received CAR T cell therapy or any BCMA-directed therapy should not be included until "
    "at least 3 months after the last CAR T cell infusion"),
    ("Patients who have previously received CAR T cell therapy should not be included until at least 3 months after the "
    "last CAR T cell infusion; CAR T cells must be undetectable"),
]


@pytest.mark.parametrize("text", _SHAPES)
@pytest.mark.parametrize("patient", [_LONG_AGO, _WAIT_KEPT_TO_ENROLLMENT], ids=["jan2025", "3.2_months_before_enrollment"])
def test_R115_1_a_wait_long_kept_does_not_exclude(text, patient):
    assert "fail" not in statuses(text, "exclusion", patient)


@pytest.mark.parametrize("text", [
    _SHAPES[0],
    _SHAPES[1],
    _SHAPES[2],
    # (the seed trial NCT06279026's own sentence, 'will not be eligible' for 'should not be included')
    ("Patients who have previously received CAR T cell therapy will not be eligible until at least 3 months after the last "
    "CAR T cell infusion and no previously used CAR T cells are detectable in peripheral blood or bone marrow"),
])
def test_R115_1_a_recent_infusion_is_not_let_in(text):
    assert "match" not in statuses(text, "exclusion", _RECENT)


# R115-2 (introduced by the same gate). A condition on the subject, 'Patients who have previously received CAR T cell
# therapy and relapsed should not be included until at least 3 months after the last CAR T cell infusion': the inclusion
# reading's first item is not(all(CAR-T, unread 'relapsed')), not not(History), so the sentence is read as the reason
# all(CAR-T, not(CAR-T within 3 months), unread): an infusion 40 days before the recorded enrollment MATCHES, in both
# worlds, though a relapsed patient so treated is excluded (whether the patient relapsed is not read). Before: unknown.
@pytest.mark.parametrize("verb", ["should not be included", "cannot be enrolled"])
def test_R115_2_a_recent_infusion_with_a_condition_unread_is_not_let_in(verb):
    text = (f"Patients who have previously received CAR T cell therapy and relapsed {verb} until at least 3 months after "
            "the last CAR T cell infusion")
    assert "match" not in statuses(text, "exclusion", _RECENT)
