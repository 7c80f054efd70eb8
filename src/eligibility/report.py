"""Screening: criteria + patient → a Report of per-criterion results, the outcome and what to test next."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from . import ir
from .criteria import Criteria
from .evaluate import Evaluator, Outcome
from .logic import Status, Tri, and3, or3, status_of, truth_of
from .patient import Patient, exact_date
from .vocab import vocabulary

__all__ = ["CriterionResult", "MissingItem", "Report", "screen", "screen_many"]


class CriterionResult(BaseModel):
    """The verdict on one criterion (and its sub-items, same shape)."""

    model_config = ConfigDict(frozen=True)

    id: str
    section: str
    text: str
    status: Status
    condition: str
    reason: str
    missing: list[str] = Field(default_factory=list)
    children: list[CriterionResult] = Field(default_factory=list)
    slug: str = ""
    """Why an unknown is unknown: missing_data, not_understood, needs_judgement, consent, ..."""
    rule_kind: str = ""


class MissingItem(BaseModel):
    """A datum that would decide unknown criteria, with the criteria it would decide."""

    model_config = ConfigDict(frozen=True)

    name: str
    loinc: str | None = None
    criteria: list[str] = Field(default_factory=list)
    could_exclude: bool = False
    """True when a value of it could make the patient ineligible."""


class Report(BaseModel):
    """The result of screening one patient against one trial's criteria."""

    model_config = ConfigDict(frozen=True)

    outcome: str
    results: list[CriterionResult]
    missing: list[str]
    """Data that would decide the unknowns, most decisive first."""
    missing_detail: list[MissingItem] = Field(default_factory=list)
    unused: list[str] = Field(default_factory=list)
    as_of: date
    nct_id: str | None = None
    closed_world: bool = False
    _criteria: Criteria | None = PrivateAttr(default=None)

    def __iter__(self) -> Iterator[CriterionResult]:  # type: ignore[override]
        return iter(self.results)

    def __getitem__(self, key: str) -> CriterionResult:
        for r in _walk(self.results):
            if r.id == key:
                return r
        raise KeyError(key)

    @property
    def counts(self) -> dict[str, int]:
        out = {"match": 0, "fail": 0, "unknown": 0}
        for r in self.results:
            out[r.status.value] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    def to_dataframe(self) -> Any:
        """One row per criterion and sub-criterion (needs pandas: `pip install eligibility[pandas]`)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'eligibility[pandas]'") from exc
        rows = []
        for r, depth, parent in _walk_rows(self.results):
            rows.append({"id": r.id, "parent": parent, "depth": depth, "section": r.section, "status": r.status.value,
                         "condition": r.condition, "reason": r.reason, "missing": list(r.missing), "text": r.text,
                         "slug": r.slug, "rule_kind": r.rule_kind})
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        from .html import report_html

        return report_html(self, self._criteria)

    def __str__(self) -> str:
        from .render import report_text

        return report_text(self)


def _walk(results: Iterable[CriterionResult]) -> Iterator[CriterionResult]:
    for r in results:
        yield r
        yield from _walk(r.children)


def _walk_rows(results: Iterable[CriterionResult], depth: int = 0, parent: str | None = None
               ) -> Iterator[tuple[CriterionResult, int, str | None]]:
    for r in results:
        yield r, depth, parent
        yield from _walk_rows(r.children, depth + 1, r.id)


@lru_cache(maxsize=64)
def _screening_day(text: str) -> date:
    return exact_date(text, "as_of")  # (a screening of many patients passes the same day each time)


def _as_of(as_of: Any, patient: Patient) -> date:
    if isinstance(as_of, str):
        return _screening_day(as_of)
    if as_of is not None:
        return exact_date(as_of, "as_of")
    if patient.as_of is not None:
        return patient.as_of
    return date.today()


def _eval_criterion(ev: Evaluator, c: ir.Criterion) -> tuple[CriterionResult, Outcome]:
    own = ev.evaluate(c.rule, c.section)
    kids = [_eval_criterion(ev, ch) for ch in c.children]
    # a sub-item that is only a heading is neutral in the combination
    counted = [(r, o) for (r, o), ch in zip(kids, c.children) if not (isinstance(ch.rule, ir.NoRequirement) and not ch.children)]
    if kids and counted:
        vals = [o.value for _, o in counted]
        if c.combine == "all":
            comb: Tri = True
            for v in vals:
                comb = and3(comb, v)
        else:
            n = c.n if c.combine == "at_least" else 1
            t = sum(v is True for v in vals)
            u = sum(v is None for v in vals)
            comb = True if t >= n else (False if t + u < n else None)
        if isinstance(c.rule, ir.NoRequirement):
            value = comb
        else:
            value = (or3(own.value, comb) if c.join == "or" else and3(own.value, comb) if c.join == "and"
                     else own.value if own.value is comb else None)  # ('either': decided where 'and' and 'or' agree)
        deciding = [own] if own.value is not True and not isinstance(c.rule, ir.NoRequirement) else []
        if value is None:
            deciding += [o for _, o in counted if o.value is None]
        elif value is False:
            deciding += [o for _, o in counted if o.value is False] if comb is False else []
        else:
            deciding += [o for _, o in counted if o.value is True]
        label = {"all": "all of", "any": "any of", "at_least": f"at least {c.n} of"}[c.combine]
        reason = f"{label} {len(kids)} sub-items: " + "; ".join(o.reason for o in deciding if o.reason)
        missing: list[str] = []
        for o in ([own] + [o for _, o in counted]) if value is None else []:
            for m in o.missing:
                if m not in missing:
                    missing.append(m)
        out = Outcome(value, reason, tuple(missing), next((o.slug for o in deciding if o.slug), ""))
    else:
        out = own
    if c.alternative and out.value is False:
        out = Outcome(None, f"{out.reason}; {c.alternative} may be met instead" if out.reason
                      else f"{c.alternative} may be met instead", out.missing, out.slug)
    result = CriterionResult(
        id=c.id, section=c.section, text=c.text, status=status_of(c.section, out.value), condition=truth_of(out.value).value,
        reason=out.reason, missing=list(out.missing), children=[r for r, _ in kids], slug=out.slug, rule_kind=c.rule.kind,
    )
    return result, out


def _rank_missing(results: list[CriterionResult]) -> list[MissingItem]:
    vocab = vocabulary()
    table: dict[str, MissingItem] = {}
    order: list[str] = []
    for r in results:
        if r.status != Status.UNKNOWN:
            continue
        for m in r.missing:
            if m not in table:
                concept = vocab.concept_for_key(m)
                table[m] = MissingItem(name=m, loinc=concept.loinc[0] if concept and concept.loinc else None)
                order.append(m)
            item = table[m]
            table[m] = item.model_copy(update={"criteria": item.criteria + [r.id],
                                               "could_exclude": item.could_exclude or r.slug == "missing_data"})
    items = [table[m] for m in order]
    items.sort(key=lambda i: (not i.could_exclude, -len(i.criteria), order.index(i.name)))
    return items


def screen(
    criteria: Criteria | str,
    patient: Mapping[str, Any] | Patient,
    as_of: str | date | None = None,
    closed_world: bool = False,
) -> Report:
    """Screen one patient against a trial's criteria.

    >>> r = screen("Inclusion Criteria:\\n* Platelets ≥ 50 ×10^9/L", {"platelets": "40 x10^9/L"}, as_of="2026-11-01")
    >>> r.outcome, r.results[0].status, r.results[0].reason
    ('ineligible', <Status.FAIL: 'fail'>, 'platelets 40 x10^9/L (= 40 ×10⁹/L) < 50 ×10⁹/L')
    """
    crit = criteria if isinstance(criteria, Criteria) else Criteria.parse(criteria)
    p = patient if isinstance(patient, Patient) else Patient.from_mapping(patient)
    when = _as_of(as_of, p)
    ev = Evaluator(p, when, closed_world=closed_world, trial_conditions=tuple(crit.conditions))
    results = [_eval_criterion(ev, c)[0] for c in crit.criteria]
    statuses = [r.status for r in results]
    if any(s == Status.FAIL for s in statuses):
        outcome = "ineligible"
    elif all(s == Status.MATCH for s in statuses):
        outcome = "eligible"
    else:
        outcome = "undetermined"
    ranked = _rank_missing(results)
    report = Report(outcome=outcome, results=results, missing=[m.name for m in ranked], missing_detail=ranked,
                    unused=list(p.unused), as_of=when, nct_id=crit.nct_id, closed_world=closed_world)
    report._criteria = crit
    return report


def screen_many(
    criteria: Criteria | str,
    patients: Iterable[Mapping[str, Any] | Patient],
    as_of: str | date | None = None,
    closed_world: bool = False,
) -> Iterator[Report]:
    """Screen many patients against one trial, parsing the criteria once."""
    crit = criteria if isinstance(criteria, Criteria) else Criteria.parse(criteria)
    for p in patients:
        yield screen(crit, p, as_of=as_of, closed_world=closed_world)


def report_json(r: Report) -> str:  # pragma: no cover - convenience
    return json.dumps(r.to_dict(), indent=2, ensure_ascii=False)
