"""The command line: `eligibility parse CRITERIA` and `eligibility screen CRITERIA PATIENT[S]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .criteria import Criteria
from .errors import EligibilityError, PatientDataError
from .patient import Patient
from .render import criteria_text
from .report import Report, screen

__all__ = ["main", "load_criteria"]


def load_criteria(path: str) -> Criteria:
    """A criteria text file, or a ClinicalTrials.gov API v2 study JSON."""
    raw = Path(path).read_text(encoding="utf-8")
    stripped = raw.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            return Criteria.from_ctgov(data)
    return Criteria.parse(raw)


def _patients(path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    raw = Path(path).read_text(encoding="utf-8")
    def named(rec: Any, i: int) -> tuple[str, Any]:
        # (a line or element that is no object is handed on as it is: reading it raises PatientDataError naming it)
        return (str(rec.get("id", rec.get("patient_id", i + 1))) if isinstance(rec, dict) else str(i + 1)), rec

    if path.endswith(".jsonl") or path.endswith(".ndjson"):
        for i, line in enumerate(raw.splitlines()):
            if line.strip():
                yield named(json.loads(line), i)
        return
    data = json.loads(raw)
    if isinstance(data, list):
        for i, rec in enumerate(data):
            yield named(rec, i)
    elif isinstance(data, dict) and data.get("resourceType") == "Bundle":
        yield "fhir", Patient.from_fhir(data)  # type: ignore[misc]
    else:
        yield str(data.get("id", Path(path).stem)), data


def _use_rich(stream: Any) -> bool:
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


_COLOURS = {"match": "green", "fail": "red", "unknown": "yellow", "eligible": "bold green",
            "ineligible": "bold red", "undetermined": "bold yellow"}


def _print_report(report: Report, out: Any) -> None:
    if _use_rich(out):
        from rich.console import Console
        from rich.table import Table

        from rich.markup import escape

        console = Console(file=out, force_terminal=out.isatty() if hasattr(out, "isatty") else False,
                          no_color=not (hasattr(out, "isatty") and out.isatty()), width=160 if not getattr(out, "isatty", lambda: False)() else None)
        title = escape(f"{report.nct_id + ': ' if report.nct_id else ''}{report.outcome} (as of {report.as_of.isoformat()})")
        table = Table(title=title, show_lines=False)
        table.add_column("id", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("reason")
        from rich.markup import escape

        for r in report.results:
            table.add_row(r.id, f"[{_COLOURS[r.status.value]}]{r.status.value}[/]", escape(r.reason))
        console.print(table)
        if report.missing:
            console.print(escape("to decide the unknowns: " + ", ".join(report.missing)))
        if report.unused:
            console.print(escape("not used (unknown to the vocabulary): " + ", ".join(report.unused)))
        return
    out.write(str(report) + "\n")  # pragma: no cover - without rich


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `eligibility` command."""
    ap = argparse.ArgumentParser(prog="eligibility", description="Read trial eligibility criteria and screen patients.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p_parse = sub.add_parser("parse", help="print the rule tree of each criterion")
    p_parse.add_argument("criteria", help="criteria text file or ClinicalTrials.gov study JSON")
    p_parse.add_argument("--json", action="store_true", help="print the rule trees as JSON")
    p_screen = sub.add_parser("screen", help="screen a patient (JSON) or many (JSONL) against the criteria")
    p_screen.add_argument("criteria", help="criteria text file or ClinicalTrials.gov study JSON")
    p_screen.add_argument("patient", help="patient JSON, a JSON list, a JSONL file, or a FHIR Bundle JSON")
    p_screen.add_argument("--json", action="store_true", help="print the report(s) as JSON")
    p_screen.add_argument("--as-of", default=None, help="screening date (default: the patient's as_of, else today)")
    p_screen.add_argument("--closed-world", action="store_true", help="take the record's history lists as complete")
    p_screen.add_argument("--cohort", default=None, metavar="GROUP",
                          help="the trial group the patients are screened for, as the trial names it ('Part B', 'Cohort 2'); "
                               "a record's own 'cohort' holds")
    args = ap.parse_args(argv)
    out = sys.stdout
    try:
        crit = load_criteria(args.criteria)
        if args.cmd == "parse":
            out.write((crit.to_json(indent=2) if args.json else criteria_text(crit)) + "\n")
            return 0
        patients = list(_patients(args.patient))
        if len(patients) == 1 and not args.patient.endswith((".jsonl", ".ndjson")):
            report = screen(crit, _with_cohort(patients[0][1], args.cohort), as_of=args.as_of, closed_world=args.closed_world)
            if args.json:
                out.write(report.to_json(indent=2) + "\n")
            else:
                _print_report(report, out)
            return 0
        return _screen_many(crit, patients, args, out)
    except (EligibilityError, OSError, json.JSONDecodeError) as exc:
        sys.stderr.write(f"eligibility: {exc}\n")
        return 2


def _with_cohort(record: Any, cohort: str | None) -> Any:
    """The record, read, with the trial group it is screened for where it names none (`--cohort`)."""
    if cohort is None:
        return record
    patient = Patient.from_mapping(record)
    if patient.cohort is None:
        if not cohort.strip():
            raise PatientDataError("--cohort", cohort, "the trial group the patients are screened for ('Part B', 'Cohort 2')")
        patient.cohort = " ".join(cohort.split())
    return patient


def _screen_many(crit: Criteria, patients: list[tuple[str, Any]], args: argparse.Namespace, out: Any) -> int:
    outcomes: Counter[str] = Counter()
    fails: Counter[str] = Counter()
    progress = None
    if sys.stderr.isatty() and not args.json:
        try:
            from rich.progress import Progress

            progress = Progress(transient=True)
        except ImportError:  # pragma: no cover
            progress = None
    task = progress.add_task("screening", total=len(patients)) if progress else None
    if progress:
        progress.start()
    try:
        for pid, rec in patients:
            try:
                report = screen(crit, _with_cohort(rec, args.cohort), as_of=args.as_of, closed_world=args.closed_world)
            except EligibilityError as exc:
                outcomes["error"] += 1
                if args.json:
                    out.write(json.dumps({"id": pid, "error": str(exc)}) + "\n")
                continue
            outcomes[report.outcome] += 1
            for r in report.results:
                if r.status == "fail":
                    fails[r.id] += 1
            if args.json:
                d = report.to_dict()
                d["id"] = pid
                out.write(json.dumps(d, default=str) + "\n")
            if progress and task is not None:
                progress.advance(task)
    finally:
        if progress:
            progress.stop()
    summary = ", ".join(f"{k}: {outcomes[k]}" for k in ("eligible", "ineligible", "undetermined", "error") if outcomes[k])
    target = sys.stderr if args.json else out
    target.write(f"{len(patients)} patients — {summary}\n")
    if fails:
        target.write("criteria failed most: " + ", ".join(f"{k} ({v})" for k, v in fails.most_common(5)) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
