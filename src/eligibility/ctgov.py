"""ClinicalTrials.gov API v2 study records → Criteria (criteria text, ages, sex, ids)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import ir
from .criteria import Criteria, trial_condition_ids
from .errors import CriteriaInputError

__all__ = ["criteria_from_ctgov", "parse_age"]

_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(year|month|week|day|hour|minute)s?\s*$", re.IGNORECASE)
_PER_YEAR = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25, "hour": 1 / 8766, "minute": 1 / 525960}


def parse_age(text: str) -> float | None:
    """'18 Years' → 18.0, '30 Months' → 2.5; None for 'N/A' or anything else.

    >>> parse_age("18 Years"), parse_age("30 Months"), parse_age("N/A")
    (18.0, 2.5, None)
    """
    m = _AGE.match(text or "")
    if not m:
        return None
    return float(m.group(1)) * _PER_YEAR[m.group(2).lower()]


def criteria_from_ctgov(record: Mapping[str, Any]) -> Criteria:
    """Criteria of a ClinicalTrials.gov API v2 study record.

    Reads `protocolSection.eligibilityModule` (criteria text, `minimumAge`/`maximumAge`,
    `sex`), the NCT id and title from `identificationModule`, and the trial's conditions
    from `conditionsModule`. The ages and sex become criteria `A1`, `A2`, `S1`.
    """
    if not isinstance(record, Mapping):
        raise CriteriaInputError(f"a ClinicalTrials.gov study record must be a mapping, got {type(record).__name__}")
    proto = record.get("protocolSection", record)
    if not isinstance(proto, Mapping):
        raise CriteriaInputError("protocolSection must be a mapping")
    elig = proto.get("eligibilityModule") or {}
    ident = proto.get("identificationModule") or {}
    conds = (proto.get("conditionsModule") or {}).get("conditions") or []
    text = elig.get("eligibilityCriteria") or ""
    if not isinstance(text, str):
        raise CriteriaInputError("eligibilityModule.eligibilityCriteria must be a string")
    extra: list[ir.Criterion] = []
    lo, hi = parse_age(str(elig.get("minimumAge") or "")), parse_age(str(elig.get("maximumAge") or ""))
    if lo is not None:
        t = f"Minimum age: {elig['minimumAge']}"
        extra.append(ir.Criterion(id="A1", section="inclusion", text=t,
                                  rule=ir.Comparison(concept="age", op=">=", value=lo, unit="year", canonical_value=lo,
                                                     canonical_unit="year", span=(13, len(t)))))
    if hi is not None:
        t = f"Maximum age: {elig['maximumAge']}"
        extra.append(ir.Criterion(id="A2", section="inclusion", text=t,
                                  rule=ir.Comparison(concept="age", op="<=", value=hi, unit="year", canonical_value=hi,
                                                     canonical_unit="year", span=(13, len(t)))))
    sex = str(elig.get("sex") or "").upper()
    if sex in ("FEMALE", "MALE"):
        t = f"Sex: {sex.title()}"
        extra.append(ir.Criterion(id="S1", section="inclusion", text=t,
                                  rule=ir.Category(concept="sex", values=[sex.lower()], span=(5, len(t)))))
    cond_ids = trial_condition_ids(conds if isinstance(conds, list) else [])
    crit = Criteria.parse(text, nct_id=ident.get("nctId"), title=ident.get("briefTitle") or ident.get("officialTitle"),
                          extra=extra, conditions=cond_ids or None)
    return crit
