"""Plain-text rendering of reports and rule trees (the CLI and `str(report)`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import ir

if TYPE_CHECKING:
    from .criteria import Criteria
    from .report import Report

__all__ = ["report_text", "rule_text", "criteria_text"]

_OPS = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "==": "=", "!=": "≠"}


def rule_text(r: ir.Rule) -> str:
    """A compact one-line rendering of a rule tree: `all(anc > 0.75 10^9/L, ecog in {0, 1})`."""
    w = getattr(r, "assessed_within", None)
    if w is not None:
        return f"{_rule_text(r)} (assessed {w.relation} {w.amount:g} {w.unit} before {w.reference})"
    return _rule_text(r)


def _rule_text(r: ir.Rule) -> str:
    k = r.kind
    if isinstance(r, ir.Comparison):
        unit = f" {r.canonical_unit}" if r.canonical_unit and r.canonical_unit != "1" else ""
        method = f" [{r.method}]" if r.method else ""
        return f"{r.concept} {_OPS[r.op]} {r.canonical_value:g}{unit}{method}"
    if isinstance(r, ir.Range):
        unit = f" {r.canonical_unit}" if r.canonical_unit and r.canonical_unit != "1" else ""
        return f"{r.concept} in [{r.canonical_low:g}, {r.canonical_high:g}]{unit}"
    if isinstance(r, ir.RelativeLimit):
        by = ""
        if r.offset:
            from .vocab import vocabulary

            c = vocabulary().concepts.get(r.concept)
            unit = f" {c.unit}" if c is not None and c.unit and c.unit != "1" else ""
            by = f" {'+' if r.offset > 0 else '−'} {abs(r.offset):g}{unit}"
        return f"{r.concept} {_OPS[r.op]} {r.factor:g}×{r.reference.upper()}{by}"
    if isinstance(r, ir.NormalLimits):
        return f"{r.concept} {'within' if r.within else 'outside'} normal limits"
    if isinstance(r, ir.OneOf):
        return f"{r.concept} in {{{', '.join(f'{v:g}' for v in r.values)}}}"
    if isinstance(r, ir.Finding):
        return f"{r.concept} {r.value}"
    if isinstance(r, ir.Category):
        return f"{r.concept} in {{{', '.join(r.values)}}}"
    if isinstance(r, ir.History):
        s = f"{r.category}({('perhaps active ' if r.untimed else 'active ') if r.status == 'active' else ''}{'other ' if r.other else ''}"
        s += ir.qualifier_phrase(r.qualifiers, "|".join(r.concepts))
        if r.excluding:
            s += " except " + "|".join(" ".join([*r.excluding_qualifiers.get(x, []), x]) for x in r.excluding)
        if r.min_grade is not None:
            s += f", grade≥{r.min_grade}"
        if r.window is not None:
            w = r.window
            ref = f"'{w.reference[7:]}' (unread)" if w.reference.startswith("unread:") else w.reference
            s += f", {'diagnosed ' if w.of == 'diagnosis' else ''}{w.relation} {w.amount:g} {w.unit} before {ref}"
        return s + ")"
    if isinstance(r, ir.Refractory):
        if r.scope != "therapy":
            return "refractory(last line)"
        return f"refractory({'|'.join(r.concepts)}{' except ' + '|'.join(r.excluding) if r.excluding else ''})"
    if isinstance(r, (ir.AllOf, ir.AnyOf)):
        return f"{'all' if k == 'all_of' else 'any'}({', '.join(rule_text(i) for i in r.items)})"
    if isinstance(r, ir.AtLeast):
        return f"at_least({r.n}, {', '.join(rule_text(i) for i in r.items)})"
    if isinstance(r, ir.Not):
        return f"not({rule_text(r.item)})"
    if isinstance(r, ir.Except):
        alt = f", then {rule_text(r.alternative)}" if r.alternative is not None else ""
        return f"except({rule_text(r.rule)}, unless {rule_text(r.exception)}{alt})"
    if isinstance(r, ir.FreeText):
        t = r.text if len(r.text) <= 60 else r.text[:57] + "…"
        return f"free[{r.reason}]({t!r})"
    if isinstance(r, ir.NoRequirement):
        return "permission" if r.why == "permission" else "heading"
    if isinstance(r, ir.Cohort):
        return f"cohort({r.label})"
    return k  # pragma: no cover


def criteria_text(c: Criteria) -> str:
    lines = []

    def emit(cr: ir.Criterion, depth: int) -> None:
        comb = f" [{cr.combine}{' ' + str(cr.n) if cr.combine == 'at_least' else ''} of sub-items]" if cr.children else ""
        comb += f" [or {cr.alternative}]" if cr.alternative else ""
        lines.append(f"{'  ' * depth}{cr.id:<7} {rule_text(cr.rule)}{comb}")
        lines.append(f"{'  ' * depth}        “{cr.text if len(cr.text) < 110 else cr.text[:107] + '…'}”")
        for ch in cr.children:
            emit(ch, depth + 1)

    for cr in c.criteria:
        emit(cr, 0)
    return "\n".join(lines)


def report_text(r: Report) -> str:
    lines = [f"outcome: {r.outcome}  (as of {r.as_of.isoformat()})"]
    for res in r.results:
        lines.append(f"{res.id:<5} {res.status.value:<8} {res.reason}")
    if r.missing:
        lines.append("to decide the unknowns: " + ", ".join(r.missing))
    if r.unused:
        lines.append("not used (unknown to the vocabulary): " + ", ".join(r.unused))
    return "\n".join(lines)
