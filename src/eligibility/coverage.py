"""Coverage report: how much of a corpus of eligibility texts the grammar reads.

    python -m eligibility.coverage trials.jsonl [--field eligibility_criteria] [--top 25] [--json]

Reads any JSON-lines file whose records hold eligibility text (field `eligibility_criteria`,
or the ClinicalTrials.gov v2 path protocolSection.eligibilityModule.eligibilityCriteria).
Counts every criterion and sub-criterion, except list headings:

- fully structured: no free-text leaf in its rule;
- partly structured: structured leaves and free-text leaves;
- free text: nothing structured (split into 'not understood' and 'not decidable from data':
  consent, willingness, investigator judgement, unsupported).

It also reports the share fully structured among criteria that contain a number with a
unit or a comparator, the most frequent openings of unread text (to drive grammar work),
and any exception (there should be none).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import ir
from .criteria import Criteria

__all__ = ["coverage", "main"]

_NUMERIC = re.compile(
    r"[≥≤<>=]|\d\s*(?:%|mg|g/|µ|u[mg]|mmol|mL|ml|/mm|/µL|/uL|x\s*10|×\s*10|10\^|U/L|IU|years?|months?|weeks?|days?)"
    r"|\b(?:at\s+least|no\s+(?:more|greater|less)\s+than|greater\s+than|less\s+than|more\s+than|times|ULN)\b",
    re.IGNORECASE,
)
_NOT_DECIDABLE = {"consent", "willingness", "needs_judgement", "unsupported"}


def _leaves(rule: ir.Rule) -> Iterator[ir.Rule]:
    yield from ir.leaves(rule)


def _walk(cs: list[ir.Criterion]) -> Iterator[ir.Criterion]:
    for c in cs:
        yield c
        yield from _walk(c.children)


def _text_of(record: dict[str, Any], field: str) -> str | None:
    if isinstance(record.get(field), str):
        return record[field]
    proto = record.get("protocolSection")
    if isinstance(proto, dict):
        t = (proto.get("eligibilityModule") or {}).get("eligibilityCriteria")
        if isinstance(t, str):
            return t
    return None


def _opening(text: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return " ".join(w.lower() for w in words[:3])


def coverage(texts: list[str], top: int = 25) -> dict[str, Any]:
    """Coverage figures for a list of eligibility texts."""
    counts: Counter[str] = Counter()
    numeric: Counter[str] = Counter()
    openings: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    errors: list[str] = []
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        try:
            crit = Criteria.parse(text)
        except Exception:  # noqa: BLE001 - the report lists every exception
            errors.append(f"text {i}: {traceback.format_exc(limit=3)}")
            continue
        for c in _walk(crit.criteria):
            if isinstance(c.rule, ir.NoRequirement) and c.rule.why == "heading":
                counts["headings"] += 1
                continue
            leaves = list(_leaves(c.rule))
            free = [x for x in leaves if isinstance(x, ir.FreeText)]
            structured = [x for x in leaves if not isinstance(x, (ir.FreeText, ir.NoRequirement))]
            if not free:
                kind = "full"
            elif structured:
                kind = "partial"
            elif all(x.reason in _NOT_DECIDABLE for x in free):
                kind = "not_decidable"
            else:
                kind = "free"
            counts[kind] += 1
            counts["criteria"] += 1
            if _NUMERIC.search(c.text):
                numeric["criteria"] += 1
                numeric[kind] += 1
            for x in free:
                reasons[x.reason] += 1
                if x.reason == "not_understood":
                    openings[_opening(x.text)] += 1
    elapsed = time.perf_counter() - t0
    n = counts["criteria"] or 1
    m = numeric["criteria"] or 1
    return {
        "texts": len(texts),
        "criteria": counts["criteria"],
        "headings": counts["headings"],
        "fully_structured": counts["full"] / n,
        "partly_structured": counts["partial"] / n,
        "free_text_not_understood": counts["free"] / n,
        "free_text_not_decidable": counts["not_decidable"] / n,
        "numeric_criteria": numeric["criteria"],
        "numeric_fully_structured": numeric["full"] / m,
        "numeric_partly_structured": numeric["partial"] / m,
        "free_text_reasons": dict(reasons.most_common()),
        "top_free_text_openings": openings.most_common(top),
        "exceptions": errors,
        "seconds": round(elapsed, 2),
        "criteria_per_second": round((counts["criteria"] + counts["headings"]) / elapsed) if elapsed else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eligibility.coverage", description=__doc__.split("\n\n")[0])
    ap.add_argument("file", help="JSON lines with an eligibility_criteria field (or CT.gov v2 records)")
    ap.add_argument("--field", default="eligibility_criteria")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    texts = []
    for line in Path(args.file).read_text(encoding="utf-8").splitlines():
        if line.strip():
            t = _text_of(json.loads(line), args.field)
            if t is not None:
                texts.append(t)
    r = coverage(texts, args.top)
    if args.json:
        print(json.dumps(r, indent=2))
        return 1 if r["exceptions"] else 0
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    print(f"texts: {r['texts']}   criteria: {r['criteria']} (+{r['headings']} list headings)   "
          f"{r['seconds']} s, {r['criteria_per_second']} criteria/s")
    print(f"fully structured: {pct(r['fully_structured'])}   partly: {pct(r['partly_structured'])}   "
          f"free text: {pct(r['free_text_not_understood'])} not understood + {pct(r['free_text_not_decidable'])} "
          "not decidable from data (consent, willingness, judgement)")
    print(f"criteria with a number/unit/comparator: {r['numeric_criteria']}, fully structured "
          f"{pct(r['numeric_fully_structured'])}, partly {pct(r['numeric_partly_structured'])}")
    print("free-text reasons: " + ", ".join(f"{k} {v}" for k, v in r["free_text_reasons"].items()))
    print("most frequent openings of unread text:")
    for opening, count in r["top_free_text_openings"]:
        print(f"  {count:5d}  {opening}")
    print(f"exceptions: {len(r['exceptions'])}")
    for e in r["exceptions"]:
        print(e, file=sys.stderr)
    return 1 if r["exceptions"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
