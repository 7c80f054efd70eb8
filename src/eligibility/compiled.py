"""Compiled screening: rule trees → closures over canonical floats, for cohort-scale verdicts without reasons.

`screen()` builds a full Report with a reason for every criterion. For many patients,
`Screener` gives the same statuses faster: thresholds are already numbers in canonical
units (compiled at parse time); each rule becomes a closure; only what the fast path
cannot decide cheaply (history windows, derived values, partial dates) goes through the
reference evaluator. A property test checks that both paths always agree.

>>> import eligibility
>>> s = eligibility.Screener(eligibility.parse("Inclusion Criteria:\\n* Platelets ≥ 50 ×10^9/L\\n* ECOG 0 or 1"))
>>> s.statuses({"platelets": "40 x10^9/L", "ECOG": 1}, as_of="2026-11-01")
['fail', 'match']
>>> s.outcome({"platelets": 80, "ECOG": 1}, as_of="2026-11-01")
'eligible'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from math import isclose
from typing import Any

from . import ir
from .criteria import Criteria
from .evaluate import (
    _CALENDAR,
    _NOT_OF_MEN,
    _READ_WITH_THE_RECORD,
    _UNSEEN,
    Evaluator,
    _criterion_factor,
    _decimal,
    _floor_age,
    _measuring,
    begun_by,
    calendar_truth,
    current_for,
    plain_history,
)
from .logic import Tri
from .patient import NAMED_DENIALS, Obs, Patient
from .report import _as_of
from .units import REL_TOL
from .vocab import vocabulary

__all__ = ["Screener"]

Fn = Callable[[Evaluator], Tri]


_ABSENT = float("nan")
"""`_num` of a value neither measured nor derivable: unknown, as the evaluator would say, without asking it."""


_SLACK = 2 * REL_TOL
"""How far past half a printed digit a limit may sit and still be reached by it under the comparisons' tolerance."""
_READ_BY_VALUE = frozenset({"age", "qtc", "prior_lines"})
"""Concepts whose recorded value the evaluator reads against the rest of the record (`Evaluator.value`)."""


def _num(ev: Evaluator, concept: str) -> float | None:
    """The patient's canonical value, measured or derived; `_ABSENT` when there is none; None when one is recorded
    but is no plain number to compare (censored, unconvertible): the reference evaluator decides those."""
    obs = ev.known.get(concept, _UNSEEN)
    if obs is _UNSEEN:
        obs = ev.p.latest(concept)
    if obs is None or concept in _READ_BY_VALUE or (obs.date is not None and obs.date.earliest > ev.as_of):
        obs = ev.value(concept)[0]  # (measured, else derived; the derivation is cached per patient)
    if obs is None:
        return _ABSENT
    if not obs.convertible or not isinstance(obs.value, float) or obs.comparator:
        return None
    return obs.value


def _num_obs(ev: Evaluator, concept: str) -> tuple[float | None, Obs | None]:
    """`_num`, with the observation it comes from (the latest one known on the screening date)."""
    obs = ev.known.get(concept, _UNSEEN)
    if obs is _UNSEEN:
        obs = ev.p.latest(concept)
    if obs is None or concept in _READ_BY_VALUE or (obs.date is not None and obs.date.earliest > ev.as_of):
        obs = ev.value(concept)[0]  # (measured, else derived; the derivation is cached per patient)
    if obs is None:
        return _ABSENT, None
    if not obs.convertible or not isinstance(obs.value, float) or obs.comparator:
        return None, obs
    return obs.value, obs


def _ge(v: float, t: float) -> bool:
    return v >= t or isclose(v, t, rel_tol=REL_TOL, abs_tol=1e-12)


def _le(v: float, t: float) -> bool:
    return v <= t or isclose(v, t, rel_tol=REL_TOL, abs_tol=1e-12)


def _gt(v: float, t: float) -> bool:
    return v > t and not isclose(v, t, rel_tol=REL_TOL, abs_tol=1e-12)


def _lt(v: float, t: float) -> bool:
    return v < t and not isclose(v, t, rel_tol=REL_TOL, abs_tol=1e-12)


def _eq(v: float, t: float) -> bool:
    return isclose(v, t, rel_tol=REL_TOL, abs_tol=1e-12)


_CMP = {">=": _ge, "<=": _le, ">": _gt, "<": _lt, "==": _eq, "!=": lambda v, t: not _eq(v, t)}


_TIMES = frozenset({"hour", "day", "week", "month", "year"})
_NO_OBS = Obs("", 0.0)


def _conventional(concept: str) -> bool:
    c = vocabulary().concepts.get(concept)
    return c is not None and c.conventional_molar_mass is not None


def _compile(rule: ir.Rule, section: str) -> Fn:
    if getattr(rule, "assessed_within", None) is not None:
        return _fallback(rule, section)  # (the date of the value is checked by the evaluator)
    days = current_for(vocabulary(), rule)
    if days is None:
        return _compile_rule(rule, section)
    # (a pregnancy test, a life expectancy: a value older than the days it says something of now is the evaluator's)
    fast, slow, c = _compile_rule(rule, section), _fallback(rule, section), rule.concept  # type: ignore[union-attr]
    not_of_men = c in _NOT_OF_MEN

    def recent(ev: Evaluator) -> Tri:
        o = ev.latest(c)  # (the latest known on the screening date)
        if o is not None and o.date is not None and ((ev.as_of - o.date.earliest).days > days or o.date.latest > ev.as_of) and not (
                not_of_men and ev.p.sex == "male"):
            return slow(ev)  # (older than it says something of now, or a month that holds the screening date: partly after it)
        return fast(ev)

    return recent


def _compile_rule(rule: ir.Rule, section: str) -> Fn:
    if (isinstance(rule, ir.Comparison) and rule.concept not in ("age", "qtc") and (not rule.method or _measuring(rule.method))
            and not _conventional(rule.concept)):
        # (an analyte with a conventional factor, bilirubin: whether a value is at the limit is the evaluator's)
        c, cmp, t, how = rule.concept, _CMP[rule.op], rule.canonical_value, rule.method
        slow = _fallback(rule, section)
        # (a time in calendar months against one in weeks, or the other way: whether they meet at the limit is the
        # evaluator's; counted the same way on both sides, it is a plain comparison)
        calendar = bool(_CALENDAR.search(rule.unit)) if rule.canonical_unit in _TIMES else None
        seen: dict[tuple[str, float], tuple[bool, Tri]] = {}  # (a record's way of writing the time: counted otherwise, and the
        # answer then; bounded below)
        g = _criterion_factor(rule.unit, c)
        printed = calendar is None and g is not None  # (a time is counted, not printed)
        odd = g is not None and calendar is None and not _decimal(g)  # (a limit no power of ten from the canonical unit: µmol/L of creatinine)

        by_value = c in _READ_BY_VALUE

        def comparison(ev: Evaluator) -> Tri:
            # (`_num_obs`, written out: the one closure every limit on a value runs)
            o = ev.known.get(c, _UNSEEN)
            if o is _UNSEEN:
                o = ev.p.latest(c)
            if o is None or by_value or (o.date is not None and o.date.earliest > ev.as_of):
                o = ev.value(c)[0]
                if o is None:
                    return None
            v = o.value
            if not o.convertible or type(v) is not float or o.comparator:
                return slow(ev)  # censored or unconvertible: the reference evaluator decides
            if calendar is not None:
                raw = (ev.value(c)[0] or _NO_OBS).raw
                if (got := seen.get((raw, v))) is None:
                    if len(seen) > 512:
                        seen.clear()
                    mixed = bool(_CALENDAR.search(raw)) != calendar
                    got = seen[(raw, v)] = (mixed, calendar_truth(v, raw, rule) if mixed else None)  # type: ignore[arg-type]
                if got[0]:
                    return got[1]
            if how and ev._other_method(how) is not None:
                return None  # ('LVEF ≥ 50% by echocardiogram', a MUGA scan on record)
            if (printed and o is not None and (odd or o.banded) and o.step is not None and abs(v - t) <= o.step + _SLACK * abs(t)
                    and cmp(v - o.step, t) != cmp(v + o.step, t) and not isclose(v, t, rel_tol=REL_TOL, abs_tol=1e-12)):
                # (the limit within the rounding of the value as printed, in another unit: the evaluator's)
                return slow(ev)
            return cmp(v, t)

        return comparison
    if isinstance(rule, ir.Comparison) and rule.concept == "age" and not rule.method:
        cmp_a, t_a, op_a = _CMP[rule.op], rule.canonical_value, rule.op
        slow_a = _fallback(rule, section)

        def age(ev: Evaluator) -> Tri:
            # the age from an exact birth date, in completed years against a whole-year limit; anything else (an age given
            # as a number, a partial birth date, an exact age on either side of a strict limit) is the evaluator's
            if ev.latest("age") is not None or ev.p.birth_date is None or not ev.p.birth_date.exact:
                return slow_a(ev)
            a = ev._age()
            if a is None:
                return slow_a(ev)
            floored = _floor_age(a[0], t_a)
            ok = cmp_a(floored, t_a)
            if op_a in (">", "<") and floored != a[0] and ok != cmp_a(a[0], t_a):
                return slow_a(ev)
            return ok

        return age
    if isinstance(rule, ir.Range):
        c, lo, hi = rule.concept, rule.canonical_low, rule.canonical_high
        lo_cmp = _ge if rule.low_inclusive else _gt
        hi_cmp = _le if rule.high_inclusive else _lt
        if c == "age" or _conventional(c):
            return _fallback(rule, section)  # (an age, or an analyte with a conventional factor: the evaluator's)

        slow_r = _fallback(rule, section)
        g_r = _criterion_factor(rule.unit, c)
        odd_r = g_r is not None and not _decimal(g_r)

        def range_(ev: Evaluator) -> Tri:
            v, o = _num_obs(ev, c)
            if v is None:
                return slow_r(ev)
            if v is _ABSENT:
                return None
            if (g_r is not None and o is not None and (odd_r or o.banded) and o.step is not None and o.value == v
                    and (abs(v - lo) <= o.step + _SLACK * abs(lo) or abs(v - hi) <= o.step + _SLACK * abs(hi))
                    and ((lo_cmp(v - o.step, lo) != lo_cmp(v + o.step, lo) and not isclose(v, lo, rel_tol=REL_TOL, abs_tol=1e-12))
                         or (hi_cmp(v - o.step, hi) != hi_cmp(v + o.step, hi) and not isclose(v, hi, rel_tol=REL_TOL, abs_tol=1e-12)))
                    ):
                return slow_r(ev)  # (an end within the rounding of the value as printed, in another unit: the evaluator's)
            return lo_cmp(v, lo) and hi_cmp(v, hi)

        return range_
    if isinstance(rule, ir.RelativeLimit) and rule.offset and _conventional(rule.concept):
        return _fallback(rule, section)  # (at the limit within the conversion's rounding: the evaluator's)
    if isinstance(rule, ir.RelativeLimit):
        c, cmp, f, upper, off = rule.concept, _CMP[rule.op], rule.factor, rule.reference == "uln", rule.offset
        rng = vocabulary().concepts[c].range or {}
        ev_default = rng.get("high") if upper else rng.get("low")
        spread = bool(rng.get("high_between" if upper else "low_between"))

        slow_rel = _fallback(rule, section)

        def relative(ev: Evaluator) -> Tri:
            obs = ev.known.get(c, _UNSEEN)
            if obs is _UNSEEN or (obs is not None and obs.date is not None and obs.date.earliest > ev.as_of):
                obs = ev.latest(c)  # (the latest known on the screening date)
            if obs is None:
                return None if ev.value(c)[0] is None else slow_rel(ev)  # (none at all is unknown; a derived one, the evaluator's)
            ref_c = obs.uln_conventional if upper else obs.lln_conventional
            own_range = obs.uln is not None or obs.lln is not None
            if (not obs.convertible or not isinstance(obs.value, float) or obs.comparator
                    or ((obs.conventional is None) != (ref_c is None) if own_range else obs.conventional is not None)):
                # (a value and its limit written on different sides of mass and substance: the evaluator's; both on one
                # side convert alike, and the ratio is exact)
                return slow_rel(ev)
            if obs.uln is None and obs.lln is None:
                if spread or ev.child():
                    return slow_rel(ev)  # laboratories differ, or the default range is an adult's: the evaluator decides
                ref = ev_default
            else:
                ref = obs.uln if upper else obs.lln
            return None if ref is None else cmp(obs.value, f * ref + off)

        return relative
    if isinstance(rule, ir.OneOf):
        c, values = rule.concept, tuple(rule.values)

        slow_o = _fallback(rule, section)

        def one_of(ev: Evaluator) -> Tri:
            v = _num(ev, c)
            return slow_o(ev) if v is None else None if v is _ABSENT else any(_eq(v, x) for x in values)

        return one_of
    if isinstance(rule, ir.Finding) and rule.variant is not None:
        return _fallback(rule, section)  # (which virus's result the record holds is the evaluator's to check)
    if isinstance(rule, ir.Finding):
        c, want = rule.concept, rule.value
        concept = vocabulary().concepts.get(c)
        # (`Evaluator.value`, written out for the usual case: a value on record, dated by the screening date, that is
        # read as it stands; anything else is the evaluator's)
        as_recorded = c not in _READ_WITH_THE_RECORD and c != "age" and concept is not None
        lasting = concept is None or concept.lasting

        def finding(ev: Evaluator) -> Tri:
            obs = ev.known.get(c, _UNSEEN)
            if obs is _UNSEEN:
                obs = ev.p.latest(c)
            if not (as_recorded and obs is not None and (obs.date is None or obs.date.earliest <= ev.as_of)
                    and not (lasting and obs.value == "negative")):
                obs = ev.value(c)[0]
            return None if obs is None or obs.value == "indeterminate" or not isinstance(obs.value, str) else obs.value == want

        return finding
    if isinstance(rule, ir.AllOf):
        parts = [_compile(i, section) for i in rule.items]

        def all_of(ev: Evaluator) -> Tri:
            result: Tri = True
            for p in parts:
                v = p(ev)
                if v is False:
                    return False
                if v is None:
                    result = None
            return result

        return all_of
    if isinstance(rule, ir.AnyOf):
        parts = [_compile(i, section) for i in rule.items]

        def any_of(ev: Evaluator) -> Tri:
            result: Tri = False
            for p in parts:
                v = p(ev)
                if v is True:
                    return True
                if v is None:
                    result = None
            return result

        return any_of
    if isinstance(rule, ir.Not):
        inner = _compile(rule.item, section)

        def not_(ev: Evaluator) -> Tri:
            v = inner(ev)
            return None if v is None else not v

        return not_
    if isinstance(rule, ir.Except):
        r_fn, e_fn = _compile(rule.rule, section), _compile(rule.exception, section)
        a_fn = _compile(rule.alternative, section) if rule.alternative is not None else (lambda ev, o=rule.otherwise: o)

        def except_(ev: Evaluator) -> Tri:
            r, e, a = r_fn(ev), e_fn(ev), a_fn(ev)
            ne = None if e is None else not e
            return _or(_or(_and(r, ne), _and(e, a)), _and(r, a))

        return except_
    if isinstance(rule, ir.History):
        return _history(rule)
    if isinstance(rule, ir.FreeText):
        return lambda ev: None
    if isinstance(rule, ir.NoRequirement):
        neutral = section != "exclusion"
        return lambda ev: neutral
    return _fallback(rule, section)


def _history(r: ir.History) -> Fn:
    """A history rule. In the open world, a record holding no event of the asked classes is said here, as the evaluator
    would say it after all its checks for events: unknown, unless every asked kind is recorded absent (through a
    certain kind of it: 'no stroke' for stroke); then false, unless the record's values show one ('HBsAg positive' for
    hepatitis B: unknown). Everything else goes to the evaluator."""
    wanted = tuple(dict.fromkeys(r.concepts))
    asked = frozenset(wanted)
    shows = r.category in ("condition", "any")
    # (on first use: each asked term's certain kinds, None if a term is not in the vocabulary; and whether any value
    # could show a condition of the asked classes: for most classes none can)
    known: list[tuple[tuple[frozenset[str], ...] | None, bool]] = []
    plain, any_category, other = plain_history(r), r.category == "any", r.other

    def history(ev: Evaluator) -> Tri:
        if wanted and not ev.closed:
            index = ev.index
            if index is None:
                index = ev.index = ev.p.event_index()
            by_class, denied = index
            if by_class.keys().isdisjoint(asked):
                if not denied:
                    return None
                if NAMED_DENIALS in denied:
                    return ev.history_truth(r)  # ('malignancy other than myeloma': absent; the evaluator weighs it)
                if other:
                    denied = ev.p.denials(other=True)
                if not known:
                    terms, shown = ev.v.terms, ev.v.shown_by_class
                    known.append((None if any(c not in terms for c in wanted) else tuple(terms[c].certain for c in wanted),
                                  shows and any(c in shown for c in wanted)))
                each, could_show = known[0]
                if each is None or (each[0].isdisjoint(denied) if len(each) == 1  # (one asked kind: the usual case)
                                    else any(kinds.isdisjoint(denied) for kinds in each)):
                    return None
                if could_show and ev._shown_by_findings(list(wanted)):
                    return None
                if ev._absent_since(r, denied):  # (in the open world, for any window or none)
                    return None  # (found absent in 2023: whether it happened within the window since is not said)
                return False
        if plain:
            # (a course given by the screening date, with no words of the record's own to weigh: met, as the evaluator
            # would say after all its checks)
            given = ev.plainly_given()
            if given:
                index = ev.index
                if index is None:
                    index = ev.index = ev.p.event_index()
                by_class = index[0]
                for c in wanted:
                    for e in by_class.get(c, ()):
                        if id(e) in given and (any_category or e.category == r.category) and begun_by(e, ev.as_of):
                            return True
        return ev.history_truth(r)

    return history


def _and(a: Tri, b: Tri) -> Tri:
    return False if (a is False or b is False) else (None if (a is None or b is None) else True)


def _or(a: Tri, b: Tri) -> Tri:
    return True if (a is True or b is True) else (None if (a is None or b is None) else False)


def _fallback(rule: ir.Rule, section: str) -> Fn:
    def slow(ev: Evaluator) -> Tri:
        return ev.evaluate(rule, section).value

    return slow


def _compile_criterion(c: ir.Criterion) -> Fn:
    if c.alternative:
        inner = _compile_criterion(c.model_copy(update={"alternative": ""}))

        def or_next(ev: Evaluator) -> Tri:
            v = inner(ev)
            return None if v is False else v  # (the alternative that follows may be met)

        return or_next
    own = _compile(c.rule, c.section)
    if not c.children:
        return own
    kids = [_compile_criterion(k) for k in c.children if not (isinstance(k.rule, ir.NoRequirement) and not k.children)]
    heading = isinstance(c.rule, ir.NoRequirement)
    combine, n, join = c.combine, (c.n if c.combine == "at_least" else 1), c.join

    def criterion(ev: Evaluator) -> Tri:
        if not kids:
            return own(ev)
        vals = [k(ev) for k in kids]
        if combine == "all":
            comb: Tri = False if False in vals else (None if None in vals else True)
        else:
            t = sum(v is True for v in vals)
            u = sum(v is None for v in vals)
            comb = True if t >= n else (False if t + u < n else None)
        if heading:
            return comb
        o = own(ev)
        if join == "or":
            return True if (o is True or comb is True) else (None if (o is None or comb is None) else False)
        if join == "either":
            return o if o is comb else None  # (decided where 'and' and 'or' agree: both met, or neither)
        return False if (o is False or comb is False) else (None if (o is None or comb is None) else True)

    return criterion


class Screener:
    """Criteria compiled once for fast verdicts over many patients (statuses only, no reasons)."""

    def __init__(self, criteria: Criteria | str) -> None:
        self.criteria = criteria if isinstance(criteria, Criteria) else Criteria.parse(criteria)
        self._fns = [(c.section, _compile_criterion(c)) for c in self.criteria.criteria]
        self._conditions = tuple(self.criteria.conditions)

    def conditions(self, patient: Mapping[str, Any] | Patient, as_of: str | date | None = None,
                   closed_world: bool = False) -> list[Tri]:
        """The truth (True/False/None) of each top-level criterion's condition."""
        p = patient if isinstance(patient, Patient) else Patient.from_mapping(patient)
        ev = Evaluator(p, _as_of(as_of, p), closed_world=closed_world, trial_conditions=self._conditions)
        return [fn(ev) for _, fn in self._fns]

    def statuses(self, patient: Mapping[str, Any] | Patient, as_of: str | date | None = None,
                 closed_world: bool = False) -> list[str]:
        """'match' / 'fail' / 'unknown' for each top-level criterion, as `screen()` would give."""
        out = []
        for (section, _), v in zip(self._fns, self.conditions(patient, as_of, closed_world)):
            out.append("unknown" if v is None else ("match" if v is (section != "exclusion") else "fail"))
        return out

    def outcome(self, patient: Mapping[str, Any] | Patient, as_of: str | date | None = None,
                closed_world: bool = False) -> str:
        s = self.statuses(patient, as_of, closed_world)
        return "ineligible" if "fail" in s else ("eligible" if all(x == "match" for x in s) else "undetermined")

    def outcomes(self, patients: Iterable[Mapping[str, Any] | Patient], as_of: str | date | None = None,
                 closed_world: bool = False) -> list[str]:
        return [self.outcome(p, as_of, closed_world) for p in patients]
