"""HTML for notebooks: `Report._repr_html_` and `Criteria._repr_html_` (self-contained, no scripts)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from . import ir

if TYPE_CHECKING:
    from .criteria import Criteria
    from .report import CriterionResult, Report

__all__ = ["report_html", "criteria_html", "highlight"]

_STYLE = """<style>
.elig{font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:13px;border-collapse:collapse;margin:4px 0}
.elig th{background:#f3f4f6;text-align:left;padding:4px 8px;border-bottom:2px solid #d1d5db}
.elig td{padding:4px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
.elig .match{background:#dcfce7;color:#166534;font-weight:600}
.elig .fail{background:#fee2e2;color:#991b1b;font-weight:600}
.elig .unknown{background:#fef9c3;color:#854d0e;font-weight:600}
.elig mark{background:#dbeafe;color:inherit;border-radius:2px;padding:0 1px}
.elig .free{color:#6b7280}
.elig .sub td:first-child{padding-left:22px}
.elig-outcome{font-family:system-ui,sans-serif;font-size:14px;margin:6px 0}
.elig-outcome b.eligible{color:#166534}.elig-outcome b.ineligible{color:#991b1b}.elig-outcome b.undetermined{color:#854d0e}
</style>"""

_STRUCTURED = (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits, ir.OneOf, ir.Finding, ir.Category, ir.History,
               ir.Refractory)


def _spans(rule: ir.Rule) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if isinstance(rule, _STRUCTURED) and rule.span is not None:
        out.append(rule.span)
    for child in ir.children(rule):
        out.extend(_spans(child))
    return out


def highlight(text: str, rule: ir.Rule) -> str:
    """The criterion text, HTML-escaped, with the spans the grammar understood in <mark>."""
    spans = sorted(s for s in _spans(rule) if 0 <= s[0] < s[1] <= len(text))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    out, pos = [], 0
    for s, e in merged:
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def _row(r: CriterionResult, texts: dict[str, tuple[str, ir.Rule]], sub: bool) -> str:
    text, rule = texts.get(r.id, (r.text, None))  # type: ignore[arg-type]
    shown = highlight(text, rule) if rule is not None else escape(text)
    missing = escape(", ".join(r.missing)) if r.missing else ""
    cls = ' class="sub"' if sub else ""
    row = (f"<tr{cls}><td>{escape(r.id)}</td><td class=\"{r.status.value}\">{r.status.value}</td>"
           f"<td>{shown}</td><td>{escape(r.reason)}</td><td>{missing}</td></tr>")
    return row + "".join(_row(c, texts, True) for c in r.children)


def report_html(report: Report, criteria: Criteria | None = None) -> str:
    texts: dict[str, tuple[str, ir.Rule]] = {}
    if criteria is not None:
        def walk(cs: list[ir.Criterion]) -> None:
            for c in cs:
                texts[c.id] = (c.text, c.rule)
                walk(c.children)
        walk(criteria.criteria)
    counts = report.counts
    head = (f'<div class="elig-outcome">{escape(report.nct_id or "")} outcome: <b class="{report.outcome}">'
            f"{report.outcome}</b> — {counts['match']} match, {counts['fail']} fail, {counts['unknown']} unknown "
            f"(as of {report.as_of.isoformat()})</div>")
    rows = "".join(_row(r, texts, False) for r in report.results)
    table = ('<table class="elig"><thead><tr><th>id</th><th>status</th><th>criterion</th><th>reason</th>'
             f"<th>missing</th></tr></thead><tbody>{rows}</tbody></table>")
    extra = ""
    if report.missing:
        extra += f'<div class="elig-outcome">To decide the unknowns: {escape(", ".join(report.missing))}</div>'
    if report.unused:
        extra += f'<div class="elig-outcome">Not used (unknown keys): {escape(", ".join(report.unused))}</div>'
    return _STYLE + head + table + extra


def criteria_html(criteria: Criteria) -> str:
    from .render import rule_text

    rows = []

    def walk(cs: list[ir.Criterion], sub: bool) -> None:
        for c in cs:
            cls = ' class="sub"' if sub else ""
            tree = escape(rule_text(c.rule))
            rows.append(f"<tr{cls}><td>{escape(c.id)}</td><td>{c.section}</td><td>{highlight(c.text, c.rule)}</td>"
                        f"<td><code>{tree}</code></td></tr>")
            walk(c.children, True)

    walk(criteria.criteria, False)
    title = escape(criteria.nct_id or "criteria")
    return (_STYLE + f'<div class="elig-outcome"><b>{title}</b>: {len(criteria.criteria)} criteria</div>'
            '<table class="elig"><thead><tr><th>id</th><th>section</th><th>criterion (understood parts marked)</th>'
            f"<th>rule</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
