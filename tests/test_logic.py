"""Truth tables of Kleene's three-valued logic and of the status mapping (names encode inputs: T, F, U)."""

import itertools

import pytest

from eligibility.logic import Status, all3, and3, any3, not3, or3, status_of

T, F, U = True, False, None
NAME = {True: "T", False: "F", None: "U"}

AND = {(T, T): T, (T, F): F, (T, U): U, (F, T): F, (F, F): F, (F, U): F, (U, T): U, (U, F): F, (U, U): U}
OR = {(T, T): T, (T, F): T, (T, U): T, (F, T): T, (F, F): F, (F, U): U, (U, T): T, (U, F): U, (U, U): U}
NOT = {T: F, F: T, U: U}


@pytest.mark.parametrize("a,b", list(AND), ids=[f"{NAME[a]}and{NAME[b]}" for a, b in AND])
def test_and(a, b):
    assert and3(a, b) is AND[(a, b)]


@pytest.mark.parametrize("a,b", list(OR), ids=[f"{NAME[a]}or{NAME[b]}" for a, b in OR])
def test_or(a, b):
    assert or3(a, b) is OR[(a, b)]


@pytest.mark.parametrize("a", [T, F, U], ids=["notT", "notF", "notU"])
def test_not(a):
    assert not3(a) is NOT[a]


@pytest.mark.parametrize("values", list(itertools.product([T, F, U], repeat=3)))
def test_all_any_fold_the_binary_tables(values):
    a, b, c = values
    assert all3(values) is and3(and3(a, b), c)
    assert any3(values) is or3(or3(a, b), c)


def test_empty_folds():
    assert all3([]) is True
    assert any3([]) is False


STATUS = {
    ("inclusion", T): Status.MATCH,
    ("inclusion", F): Status.FAIL,
    ("inclusion", U): Status.UNKNOWN,
    ("exclusion", T): Status.FAIL,
    ("exclusion", F): Status.MATCH,
    ("exclusion", U): Status.UNKNOWN,
}


@pytest.mark.parametrize("section,value", list(STATUS), ids=[f"{s}-{NAME[v]}" for s, v in STATUS])
def test_status_mapping(section, value):
    assert status_of(section, value) == STATUS[(section, value)]


def test_status_is_a_str_enum():
    assert Status.MATCH == "match" and Status.FAIL == "fail" and Status.UNKNOWN == "unknown"


def test_except_truth_table():
    """Except: (rule ∧ ¬exc) ∨ (exc ∧ alt) ∨ (rule ∧ alt), for all 27 inputs, evaluated for real:
    each input is a finding whose patient value is positive (T), negative (F) or missing (U)."""
    import datetime

    from eligibility import ir
    from eligibility.evaluate import Evaluator
    from eligibility.patient import Patient

    word = {T: "positive", F: "negative"}
    for r, e, a in itertools.product([T, F, U], repeat=3):
        record = {k: word[v] for k, v in (("HBsAg", r), ("HIV antibody", e), ("syphilis", a)) if v is not None}
        node = ir.Except(rule=ir.Finding(concept="hbsag", value="positive"),
                         exception=ir.Finding(concept="hiv_antibody", value="positive"),
                         alternative=ir.Finding(concept="syphilis", value="positive"))
        got = Evaluator(Patient.from_mapping(record), datetime.date(2026, 11, 1)).evaluate(node).value
        assert got is or3(or3(and3(r, not3(e)), and3(e, a)), and3(r, a)), (r, e, a)
    # when rule and alternative agree, an unknown exception does not matter
    assert or3(or3(and3(T, not3(U)), and3(U, T)), and3(T, T)) is T
