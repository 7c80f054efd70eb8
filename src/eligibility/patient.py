"""The patient record: a plain mapping read into typed values in canonical units, with history events."""

from __future__ import annotations

import calendar
import contextlib
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .errors import PatientDataError
from .units import UnitError, conversion_factor, format_number, normalise_unit, split_quantity
from .vocab import Concept, Term, Vocabulary, data_file, norm_key, vocabulary

__all__ = ["Patient", "Obs", "Event", "DateRange", "parse_date"]

_GROUPS = ("labs", "vitals", "findings", "scores", "observations", "attestations", "confirmations")
_HISTORY = {"conditions": "condition", "therapies": "therapy", "procedures": "procedure"}
_NO_ROUTE = re.compile(r"(?i)\b(?:unknown|unk|n/?a|none|not|no|other|nk|unspecified)\b")
"""A therapy's `route` that says none ('unknown', 'Not applicable'; '-', '?' have no letters): nothing after its name."""
_HISTORY_WORDS = re.compile(r"history|\bhx\b|medication|\bmeds?\b|diagnos|problem|comorbid|treatment|therap|surger|procedure|"
                            r"condition|disease|illness|\bdrugs?\b|operation|transplant|malignan|cancer|infection|notes?\b|"
                            r"summary|\bpmh\b|\bpsh\b")
"""Words of a key that may hold the patient's history ('medications', 'problem_list', 'past medical history', 'hx',
'oncology treatments', 'notes'): unread, it keeps a complete record open."""
_FAMILY_KEY = re.compile(r"(?:patient\s+)?(?:family|fam)\s+(?:medical\s+)?(?:history|hx)|fhx?|family")
"""A key, whole, that holds a family's history ('family history', 'FHx'): none of the patient's own."""
_OTHER_KEY = re.compile(r"(?:patient\s+)?(?:(?:drug\s+|medication\s+)?allerg(?:y|ies)(?:\s+list)?|demographics?|address|"
                        r"contact(?:\s+info(?:rmation)?)?|insurance|payer|ethnicity|race|language|marital\s+status|occupation)")
"""A key, whole, that holds no history unless its text names some ('allergies': 'bortezomib (rash, 2022)' says it was given)."""
_SAYS_NONE = {"", "none", "nil", "n/a", "na", "none known", "nkda", "nka", "not applicable"}
"""A key's value that holds nothing ('problem_list': 'none')."""

_POSITIVE = {"positive", "pos", "+", "+ve", "ve+", "detected", "detectable", "yes", "y", "present", "true", "reactive",
             "abnormal", "seropositive", "confirmed"}
_NEGATIVE = {"negative", "neg", "-", "-ve", "not detected", "undetectable", "not detectable", "no", "n", "absent", "false",
             "non-reactive", "nonreactive", "non reactive", "not reactive", "normal", "seronegative", "none", "target not detected",
             "tnd", "not found"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date that may be partial: '2025' is 2025-01-01 … 2025-12-31."""

    earliest: date
    latest: date
    text: str
    moment: float | None = None
    """The time of day written with it, in seconds (at UTC where a zone offset is written): it orders the values of one
    day ('2026-10-28T16:00' after '2026-10-28T08:00'); None where no time is written."""

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def __str__(self) -> str:
        return self.text


_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"
                   # (a time of day, perhaps with seconds and a zone: not '2021 - present', a range read as its first day)
                   r"(?:(?<=\d)[T ]\d{1,2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:[AaPp][Mm])?\s*"
                   r"(?:Z|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5}|[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)?"
                   r"(?:\[[\w/+-]+\])?)?\s*$")


def parse_date(value: Any, field_name: str) -> DateRange:
    """Read a date, a partial date ('2025', '2025-03') or a datetime; raise PatientDataError otherwise."""
    if isinstance(value, datetime):
        d = value.date()
        off = value.utcoffset()
        moment = value.hour * 3600 + value.minute * 60 + value.second - (off.total_seconds() if off is not None else 0)
        return DateRange(d, d, d.isoformat(), moment)
    if isinstance(value, date):
        return DateRange(value, value, value.isoformat())
    if isinstance(value, str):
        m = _DATE.match(value)
        if m:
            y = int(m.group(1))
            try:
                if m.group(3):
                    d = date(y, int(m.group(2)), int(m.group(3)))
                    return DateRange(d, d, d.isoformat(), _moment(value))
                if m.group(2):
                    mo = int(m.group(2))
                    last = calendar.monthrange(y, mo)[1]
                    return DateRange(date(y, mo, 1), date(y, mo, last), f"{y:04d}-{mo:02d}")
                return DateRange(date(y, 1, 1), date(y, 12, 31), f"{y:04d}")
            except ValueError:
                pass
    raise PatientDataError(field_name, value, "a date such as '2026-11-01' (or a partial date '2025-03', '2025')")


_CLOCK = re.compile(r"(?<=\d)[T ](\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?(?:[.,]\d+)?\s*([AaPp][Mm])?\s*(Z|(?:UTC|GMT)?([+-])(\d{1,2})"
                    r"(?::?(\d{2}))?)?")


def _moment(text: str) -> float | None:
    """The time of day in a datetime string, in seconds (at UTC where 'Z' or an offset is written)."""
    m = _CLOCK.search(text)
    if m is None:
        return None
    h, mi, sec = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if m.group(4):
        h = h % 12 + (12 if m.group(4).lower() == "pm" else 0)
    if h > 24 or mi > 59 or sec > 60:
        return None
    out = float(h * 3600 + mi * 60 + sec)
    if m.group(6):
        out -= (1 if m.group(6) == "+" else -1) * (int(m.group(7)) * 3600 + int(m.group(8) or 0) * 60)
    return out


def latest_of(obs: list[Obs], concept: str) -> Obs | None:
    """The latest of a series sorted by `_by_day_then_time`: an undated value counts as current (the last undated one
    wins); a finding given twice, differently, with nothing to tell which is the later ('HBsAg' positive and '5196-1'
    negative, two results of one day) is indeterminate (read by the record's order, one decided)."""
    if not obs:
        return None
    found = obs[-1]
    for o in reversed(obs):
        if o.date is None:
            found = o
            break
    if len(obs) > 1:
        tied = [o for o in obs if _same_moment(o.date, found.date)]
        if len({o.value for o in tied}) > 1:
            keyed = len({o.key or concept for o in tied}) > 1  # ('HBsAg' and '5196-1': which key said which)
            raw = " and ".join(dict.fromkeys(
                f"{o.key or concept} {_said(o)}" if keyed else _said(o) for o in tied)) + " (conflicting)"
            if isinstance(found.value, str):
                found = replace(found, value="indeterminate", raw=raw)
            elif all(isinstance(o.value, float) and o.convertible and not o.comparator and o.unit == found.unit
                     and (o.uln, o.lln) == (found.uln, found.lln) for o in tied):
                # (two amounts of one day, one without a time: which is the latest is not said; read as at least the
                # lower, a limit both meet is met, and one they fall on both sides of is not decided)
                found = replace(found, value=min(o.value for o in tied), comparator=">=", raw=raw,  # type: ignore[type-var]
                                conventional=None, step=None, banded=False)
            else:
                # (two amounts of one day against different reference ranges, or in units read apart: not combined)
                found = replace(found, convertible=False, raw=raw, step=None, banded=False)
    return found


def _said(o: Obs) -> str:
    """A value as the record wrote it (a bare number, which keeps no text, with its unit)."""
    if o.raw:
        return o.raw
    return f"{format_number(o.value)} {o.unit}".strip() if isinstance(o.value, float) else str(o.value)


def _same_moment(a: DateRange | None, b: DateRange | None) -> bool:
    """Whether two values' dates leave their order open: both undated; a partial date overlapping the other's days; the
    same day with no times that differ (at UTC
    where a time and zone are written); or a day without a time, which has no zone, and a time on that day as written
    or at UTC."""
    if a is None or b is None:
        return a is None and b is None
    if a.earliest != a.latest or b.earliest != b.latest:
        # ('2026' beside '2026-10-15': the value of 2026 may be of January or of December)
        return a.earliest <= b.latest and b.earliest <= a.latest
    if a.moment is None or b.moment is None:
        timed, day = (b, a.latest.toordinal()) if a.moment is None else (a, b.latest.toordinal())
        return timed.moment is None and timed.latest.toordinal() == day or day in (timed.latest.toordinal(), _day_of(timed))
    return _day_of(a) == _day_of(b) and a.moment % 86400 == b.moment % 86400


def _day_of(d: DateRange) -> int:
    """The day a value was taken on: the written day, or, with a time written with a zone, its day at UTC."""
    if d.moment is None:
        return d.latest.toordinal()
    return d.latest.toordinal() + math.floor(d.moment / 86400)


def _when(o: Obs) -> tuple[float, int, float]:
    """A value's place in time for ordering: its day (at UTC where a time and zone are written, so
    '2026-10-28T23:30-05:00' is on the 29th, after '2026-10-29T01:00Z'), then its time; on a day, one without a time
    before those with one (which is the later is not said: `latest_of` sees them tied); the undated first."""
    if o.date is None:
        return (-math.inf, 0, 0.0)
    return (float(_day_of(o.date)), 0 if o.date.moment is None else 1, (o.date.moment or 0.0) % 86400)


def exact_date(value: Any, field_name: str) -> date:
    """A day that windows count from (the screening date, a reference event's date): to the day, or PatientDataError
    (a partial one, '2026-11', read as its last day, had decided windows it leaves open)."""
    d = parse_date(value, field_name)
    if d.earliest != d.latest:
        raise PatientDataError(field_name, value, "an exact date such as '2026-11-01' (a day windows count from)")
    return d.latest


@dataclass(frozen=True, slots=True)
class Obs:
    """One observed value of a concept, in the concept's canonical unit where it has one."""

    concept: str
    value: float | str | bool
    unit: str = ""
    """Canonical unit of `value` ('' for findings, scores, counts)."""
    raw: str = ""
    """The value as the record wrote it, for reasons ('97 umol/L')."""
    date: DateRange | None = None
    uln: float | None = None
    lln: float | None = None
    key: str = ""
    convertible: bool = True
    comparator: str = ""
    """'<', '<=', '>', '>=' when the lab reported a censored value such as '<50'."""
    """False when the value's unit has no defined conversion to the canonical one (eGFR in plain mL/min)."""
    conventional: float | None = None
    """The value converted at the analyte's conventional factor instead of its molar mass, when the record's unit is
    on the other side of mass/substance from the canonical one (85.5 µmol/L of bilirubin: 5.0 mg/dL, not 4.9988)."""
    uln_conventional: float | None = None
    """The patient's upper limit converted at the conventional factor, when its unit is on the other side of
    mass/substance from the canonical one (an ULN of 20.52 µmol/L of bilirubin: 1.2 mg/dL)."""
    lln_conventional: float | None = None
    step: float | None = None
    """Half the last printed digit of the value as written, in the canonical unit (177 µmol/L of creatinine: 0.5 µmol/L,
    0.00566 mg/dL); None where the record's number says no precision (a float in exponent form, a censored value)."""
    factor: float = 1.0
    """What the value as written was multiplied by to give `value` (µmol/L to mg/dL of creatinine: 1/88.42)."""
    banded: bool = False
    """Whether `factor` is no power of ten (µmol/L of creatinine, pounds): the value as printed has a rounding in the
    canonical unit that a limit may fall within."""


_COHORT_KEYS = frozenset({"cohort", "arm", "study arm", "trial arm", "study cohort", "trial cohort", "trial group",
                          "study group"})
"""Keys (normalised) of the trial group the patient is screened for."""


@dataclass(frozen=True, slots=True)
class Event:
    """A condition, therapy or procedure of the patient's history."""

    category: str
    name: str
    term: Term | None
    classes: frozenset[str]
    """Vocabulary ids this event counts as: its term, its classes, and those named in `class`."""
    start: DateRange | None = None
    end: DateRange | None = None
    line: int | None = None
    grade: int | None = None
    status: str = ""
    response: str = ""
    present: bool = True
    ongoing: bool = False
    end_recorded: bool = False
    """Whether the record gives an end ('end'), not only the day it happened ('date')."""
    by_indication: frozenset[str] = frozenset()
    """Classes the event belongs to only if given for a cancer (its term's `by_indication`, less any class the record
    names)."""
    unnamed: bool = False
    """The vocabulary names nothing the entry could be ('squamous cell carcinoma of the lung' while no term says it): in a
    complete record, it may still be what a criterion asks about. Not so for an entry that names a term and says it is
    not the patient's ('HIV negative', 'breast cancer in mother')."""
    said: str = ""
    """The record's own status words, without the qualifiers its name adds to `status` ('recurrent pericarditis',
    'resolved': said 'resolved')."""
    doubtful: frozenset[str] = frozenset()
    """Classes a regimen's name says may not have been given ('VRd (lenalidomide omitted)': an immunomodulator; 'DRd -
    daratumumab declined', 'VRd, R omitted'): a criterion on them alone is undecided."""
    besides_own: bool = False
    """Recorded absent as one besides the patient's own ('other malignancy', 'second primary malignancy'): it denies
    only what a criterion asks as 'other' (`Patient.denials`)."""
    besides_named: frozenset[str] = frozenset()
    """Recorded absent but for the kinds it names ('malignancy other than myeloma', 'cardiac disease excluding
    hypertension'): the term ids named ('?' where none is read); it denies what is none of them (`Patient.named_denials`)."""


@dataclass
class Patient:
    """A patient record read against the vocabulary.

    >>> p = Patient.from_mapping({"ANC": "1.2 x10^9/L", "platelets": 85, "colour": "blue"})
    >>> p.latest("anc").value, p.latest("platelets").value, p.unused
    (1.2, 85.0, ['colour'])
    """

    values: dict[str, list[Obs]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    as_of: date | None = None
    birth_date: DateRange | None = None
    sex: str | None = None
    prior_lines: int | None = None
    dates: dict[str, DateRange] = field(default_factory=dict)
    cohort: str | None = None
    """The trial group the patient is screened for, as the trial names it ('Part B', 'Cohort 2'): it decides the
    criteria that bind only some groups (`ir.Cohort`)."""
    unused: list[str] = field(default_factory=list)
    history_unread: list[str] = field(default_factory=list)
    """Keys not read that may hold the patient's history (`medications`, `problem_list`, `{"history": {…}}`, `hiv_status`):
    the record's lists are not taken as complete, whatever `closed_world` says (in `unused` too)."""
    source: dict[str, Any] = field(default_factory=dict)
    _sex_key: str = field(default="", repr=False, compare=False)  # (the key the sex was read from)

    # -- construction ----------------------------------------------------------------
    @classmethod
    def from_mapping(cls, record: Mapping[str, Any], vocab: Vocabulary | None = None) -> Patient:
        """Read a plain record (see the contract); raise PatientDataError on bad values."""
        if isinstance(record, Patient):
            return record
        if not isinstance(record, Mapping):
            raise PatientDataError("patient", record, "a mapping of patient data")
        if "resourceType" in record:
            # (a FHIR Bundle handed over as the record: read as one, not as a plain record with no key it knows)
            if record.get("resourceType") == "Bundle":
                return cls.from_fhir(record)
            raise PatientDataError("patient.resourceType", record.get("resourceType"),
                                   "a plain record or a FHIR Bundle (see Patient.from_fhir)")
        v = vocab or vocabulary()
        p = cls(source=dict(record))
        for key, value in record.items():
            p._read(str(key), value, v)
        p.__dict__.pop("_latest", None)
        for obs in p.values.values():
            # (same-day values with their times: '…T16:00' after '…T08:00' whatever the order of the list)
            obs.sort(key=_when)
        return p

    @classmethod
    def from_fhir(cls, bundle: Mapping[str, Any]) -> Patient:
        """Build a patient from a FHIR R4 Bundle (dict); see `eligibility.fhir`."""
        from .fhir import bundle_to_record

        record, skipped = bundle_to_record(bundle)
        p = cls.from_mapping(record)
        p.unused.extend(f"{s['resource']} ({s['reason']})" for s in skipped)
        return p

    def _read(self, key: str, value: Any, v: Vocabulary) -> None:
        k = norm_key(key)
        if value is None or (isinstance(value, Mapping) and "value" in value and value["value"] is None) or (
                isinstance(value, list) and value and all(x is None for x in value) and k not in _HISTORY):
            # (a JSON null, at the top or under a grouping key, as a value or a list of them: no value recorded, as if the
            # key were not there; reported, not dropped, but for an identifier. A NaN is refused: a number that is none,
            # from a computation perhaps)
            if k not in _IDENTIFIER_KEYS:
                self.unused.append(f"{key}: null (no value)")
            return
        if k in ("as of", "asof", "screening date"):
            self.as_of = exact_date(value, key)
            return
        if k in ("birth date", "birthdate", "date of birth", "dob"):
            self.birth_date = parse_date(value, key)
            return
        if k in _GROUPS and isinstance(value, Mapping):
            for sub_key, sub_value in value.items():
                self._read(str(sub_key), sub_value, v)
            return
        if k in _HISTORY:
            self._read_history(key, _HISTORY[k], value, v)
            return
        if k == "dates" and isinstance(value, Mapping):
            for ev, d in value.items():
                if d is None or (isinstance(d, Mapping) and "value" in d and d["value"] is None):
                    self.unused.append(f"{key}.{ev}: null (no value)")
                    continue
                slug = _date_slug(str(ev))
                if slug is None:
                    # ('dates': {'visit 3': …, 'diagnosis': '2019-05'}: a day no criterion names; kept under its own
                    # name, and reported)
                    self.unused.append(f"{key}.{ev} (no reference event criteria name: {', '.join(sorted(_reference_slugs()))})")
                    self.dates[norm_key(str(ev)).replace(" ", "_")] = parse_date(d, f"{key}.{ev}")
                    continue
                day = exact_date(d, f"{key}.{ev}")
                self.dates[slug] = DateRange(day, day, day.isoformat())
            return
        if k in _IDENTIFIER_KEYS:
            return  # identifiers: kept in `source`, not data to screen on
        if k in _COHORT_KEYS:
            if not isinstance(value, str) or not value.strip():
                raise PatientDataError(key, value, "the trial group the patient is screened for, as the trial names it "
                                                   "('Part B', 'Cohort 2')")
            self.cohort = " ".join(value.split())
            return
        if k in ("prior lines", "prior lines of therapy", "lines of therapy", "number of prior lines"):
            # (a count, or an observation of it: {"value": 3, "date": …}, as a FHIR Observation gives it)
            raw = value.get("value") if isinstance(value, Mapping) else value
            at_least = isinstance(raw, str) and (m := _AT_LEAST_COUNT.fullmatch(raw)) is not None
            n = _count((m.group(1) or m.group(2)) if at_least and m is not None else raw, key)
            when = parse_date(value["date"], f"{key}.date") if isinstance(value, Mapping) and value.get("date") else None
            self.prior_lines = n
            # ('3+', '≥3', 'at least 3': a least count, as a censored value)
            said = value.get("comparator") if isinstance(value, Mapping) else None
            said = {"≥": ">=", "≤": "<=", "": None}.get(said, said) if isinstance(said, str) else said  # (an empty cell: none)
            if said is not None and said not in ("<", "<=", ">", ">="):
                raise PatientDataError(f"{key}.comparator", said, "one of '<', '<=', '>', '>='")
            if said == "<" and n == 0:
                raise PatientDataError(key, value, "a count of lines: below 0 is none")
            self.values.setdefault("prior_lines", []).append(Obs("prior_lines", float(n), "1", str(raw), when, key=key,
                                                                 comparator=">=" if at_least else said or ""))
            return
        concept = v.concept_for_key(key)
        if concept is None or concept.kind == "group":  # a group ('transaminases') is not one value
            self.unused.append(key)
            if concept is None and _may_hold_history(key, value, v):
                self.history_unread.append(key)
            return
        if concept.id == "sex":
            sex = _sex(value, key)
            if sex in ("other", "unknown") and self.sex is not None:
                return  # ('gender': 'unknown' beside 'sex': 'female': says nothing against it)
            if self.sex is not None and sex != self.sex and self.sex not in ("other", "unknown"):
                # ('sex': 'female' beside 'gender': 'male': a gender identity may differ from the sex a criterion asks of;
                # the record's 'sex' holds, the other key is reported)
                if k == "sex":
                    self.unused.append(f"{self._sex_key} (beside '{key}')")
                    self.sex, self._sex_key = sex, key
                else:
                    self.unused.append(f"{key} (beside '{self._sex_key}')")
                return
            self.sex, self._sex_key = sex, key
            return
        items = value if isinstance(value, list) else [value]
        for at, item in enumerate(items):
            where = f"{key}[{at}]" if len(items) > 1 else key
            said_value = item.get("value") if isinstance(item, Mapping) else item
            if item is None or (isinstance(item, Mapping) and "value" in item and item["value"] is None):
                # (a JSON null in a series, or as a value: no value recorded, reported; a mapping with no value at all
                # is refused)
                self.unused.append(f"{where}: null (no value)")
                continue
            if (isinstance(said_value, str) and concept.kind in ("score", "category")
                    and re.sub(r"\s+", " ", said_value.strip().lower()).rstrip(".") in NO_RESULT):
                # ('ECOG': 'not assessed'): no result, not a wrong one (a finding or a state so written is undecided, see
                # `_finding`: a later 'unknown' does not let an earlier 'no' stand)
                self.unused.append(f"{where} ({said_value.strip()}: no result)")
                continue
            if isinstance(item, Mapping):
                extra = [f for f in item if str(f) not in _VALUE_FIELDS and not _empty_cell(item[f])]
                # (a field the library does not read is reported, not dropped: a value's 'status' it reads)
                self.unused.extend(f"{where}.{f}" for f in extra)
                said = item.get("status")
                if said is not None and not _empty_cell(said) and not _FINAL_RESULT.fullmatch(str(said).strip()):
                    if not _NO_RESULT_STATUS.fullmatch(str(said).strip()):
                        raise PatientDataError(f"{where}.status", said, "a result's status: final, amended, corrected, "
                                                                         "preliminary; or cancelled, entered in error, pending")
                    # ('cancelled', 'entered in error', 'registered': no result to screen on; read as one, a cancelled
                    # platelet count decided)
                    self.unused.append(f"{where} (status: {said}; not read as a result)")
                    continue
            self.values.setdefault(concept.id, []).append(_observation(concept, key, item))

    def _item_fields(self, item: Mapping[str, Any], where: str) -> dict[str, Any]:
        """A history item's fields under their own names: 'end_date', 'stop' → 'end'; 'start_date' → 'start'; a field
        the library does not read is reported in `unused` (dropped silently, a course's 'end_date' left it ongoing)."""
        out: dict[str, Any] = {}
        aliased: list[tuple[str, str, Any]] = []
        for k, val in item.items():
            field_name = norm_key(str(k)).replace(" ", "_")
            name = _ITEM_FIELD.get(field_name)
            if _empty_cell(val):
                continue  # (an empty cell of a table, NaN or NaT, is no value)
            if name is None:
                self.unused.append(f"{where}.{k}")
            elif name == field_name or name not in ("start", "end", "date", "codes"):
                out[name] = val
            else:
                aliased.append((str(k), name, val))
        for k, name, val in aliased:
            if out.get(name) is not None:
                self.unused.append(f"{where}.{k} ('{name}' given too)")
                continue
            if name != "codes":
                try:
                    parse_date(val, f"{where}.{k}")
                except PatientDataError:
                    if name == "end" and (val is True or _STOP_WORD.fullmatch(str(val))) and not _NOT_BEGUN.search(
                            str(out.get("status") or "")):  # (not beside 'cancelled', 'not given', 'planned')
                        # ('stopped': true, 'stop': 'progression': it stopped, on a day not said; dropped, the course
                        # went on)
                        out["status"] = ", ".join(x for x in (str(out.get("status") or "").strip(), "stopped") if x)
                    self.unused.append(f"{where}.{k} (no date)")
                    continue
            out[name] = val
        return out

    def _read_history(self, key: str, category: str, value: Any, v: Vocabulary) -> None:
        if not isinstance(value, list):
            raise PatientDataError(key, value, f"a list of {key} (names or mappings with 'name')")
        for i, item in enumerate(value):
            where = f"{key}[{i}]"
            if item is None:
                # (an entry with nothing in it: reported; kept as one the vocabulary names nothing of, so a complete record
                # stays open — read as no entry, a complete list holding a null passed 'History of stroke')
                self.unused.append(f"{where}: null (an entry with no name)")
                item = {"name": "(an entry with no name: null)"}
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, Mapping) or not isinstance(item.get("name"), str) or not item.get("name"):
                raise PatientDataError(where, item, "a name, or a mapping with a 'name'")
            item = self._item_fields(item, where)
            if category != "therapy" and item.get("route") is not None:
                self.unused.append(f"{where}.route")  # (a route is read of a therapy only)
            if (category == "therapy" and isinstance(route := item.get("route"), str) and re.search(r"[^\W\d_]{2}", route)
                    and not _NO_ROUTE.search(route)):
                # ('mitomycin', 'route': 'intravesical'): how it was given is read as written after its name, 'mitomycin
                # (intravesical)', given locally (unread, it was a systemic chemotherapy and failed 'No prior systemic
                # chemotherapy')
                route = "intrathecal" if route.strip().lower() == "it" else route.strip()  # (a route field's 'it' is no pronoun)
                item = {**item, "name": f"{item['name']} ({route})"}
            for name, term, narrowed in _resolved(v, item["name"], category):
                for code in _as_list(item.get("codes")):
                    term = term or v.term_for_code(code)
                classes: set[str] = set(term.ancestors) if term else set()
                if term is not None and category == "condition" and _IN_SITU.search(name) and "carcinoma_in_situ" in v.terms:
                    # ('bladder carcinoma in situ': a bladder cancer, and a carcinoma in situ, which criteria except)
                    classes |= v.terms["carcinoma_in_situ"].ancestors
                by_indication = set(term.by_indication) if term else set()
                for cls_name in _as_list(item.get("class")) + _as_list(item.get("classes")):
                    t = v.term_for_name(cls_name)
                    if t is not None:
                        classes |= t.ancestors
                        if term is None or t.id not in term.ancestors - term.by_indication - term.maybe:
                            # ('class': 'hormonal therapy' of raloxifene says what it was given as; 'anti-CD20 antibody'
                            # of rituximab, a class it always has, says nothing of what it was given for)
                            by_indication -= t.ancestors
                if not classes:
                    self.unused.append(f"{where}: {name}")
                start = end = None
                if item.get("date") is not None:
                    start = end = parse_date(item["date"], f"{where}.date")
                if item.get("start") is not None:
                    start = parse_date(item["start"], f"{where}.start")
                    if end is not None and end.latest < start.earliest:
                        if category == "condition":
                            # (a stroke's 'onset' 2019-03-01 beside its 'start' 2019-03-05, hypertension 'diagnosed' 2015 and
                            # 'start' 2016: the onset comes first, the natural order; from the one day to the other)
                            start, end = end, start
                        else:
                            # ('date' 2020-10-25 beside 'start' 2026-10-20: a one-off day before the course began; read as its
                            # end, the old day decided 'within 14 days')
                            raise PatientDataError(f"{where}.date", item["date"], f"a date on or after the start {start} (or one of them)")
                if item.get("end") is not None:
                    end = parse_date(item["end"], f"{where}.end")
                    if start is not None and end.latest < start.earliest:
                        raise PatientDataError(f"{where}.end", item["end"], f"a date on or after the start {start}")
                said = str(item.get("status") or "").lower()
                status = " ".join(x for x in (said, narrowed) if x)
                line = item.get("line")
                if line is not None:
                    line = _count(line, f"{where}.line")
                grade = item.get("grade")
                if grade is not None:
                    grade = _grade(grade, f"{where}.grade")
                present = item.get("present", True)
                if not isinstance(present, bool):
                    raise PatientDataError(f"{where}.present", present, "true or false")
                # ('present': false with a date: the day it was found absent, 'ESR1 mutation' not detected on 2026-10-12)
                if present is False and _SAYS_THERE.fullmatch(said.strip()) and not _SAYS_NOT_THERE.search(said):
                    # ('present': false beside 'active' or 'ongoing': the entry says two things; read as absent, it passed
                    # 'History of stroke')
                    raise PatientDataError(f"{where}.present", present, f"true for a status that says it is there or may be "
                                                                       f"({said!r}), or a status that agrees with false")
                if present and category == "condition" and ((_CONDITION_DENIED.match(said) and not (
                        classes & RESPONSE_CLASSES and TEST_NEGATIVE.match(said))) or not_a(v, said, classes) is True
                        or _denied_on_test(v, said, term)):
                    # ('denied', 'absent', 'ruled out', 'never had': recorded as absent, as `present: false` says it; read as
                    # no entry, the open world said 'not mentioned in the record'; not a myeloma's 'bone marrow negative', a
                    # response perhaps, and the myeloma was screened out of a myeloma trial)
                    present = False
                parts = [x.strip() for x in re.split(r"[,;]", said) if x.strip()]
                unsure_given = False
                never = [x for x in parts if _NEVER_GIVEN.match(x) or _NEVER_GIVEN_PART.fullmatch(x)]
                awaited = [x for x in parts if _AWAITING_ITSELF.match(x) or _FIRST_DOSE_SCHEDULED.match(x)]
                # (the other parts say only what came before the first dose: 'prescribed 2026-03-01', 'leukapheresis
                # completed', 'T cells collected')
                before_only = all(x in never or x in awaited or _BEFORE_GIVING.match(x) for x in parts)
                cell_steps = bool(parts and classes & _CELL_CLASSES and all(
                    x in never or x in awaited or _BEFORE_GIVING.match(x) or _CELL_STEPS.fullmatch(x) for x in parts))
                if cell_steps and not never and not awaited and (
                        item.get("date") is not None or item.get("start") is not None or item.get("end") is not None
                        or item.get("response")):
                    # (a cilta-cel dated 2024-05-01, 'enrolled', 'product received', 'bridging': the day of a step, or of
                    # the infusion after it? With a response recorded, infused perhaps. Read as a plan, 'Prior CAR-T' was
                    # passed; as given, failed)
                    cell_steps = False
                    unsure_given = True
                elif cell_steps:
                    # ('apheresis done', 'in manufacturing', 'bridging therapy' of a CAR-T: its steps before the infusion,
                    # and no more; read as given, 'Prior CAR-T' excluded)
                    before_only = True
                    awaited = awaited or [x for x in parts if not _BEFORE_GIVING.match(x) and x not in never] or parts
                if any(_GIVEN_THEN.match(x) and not any(t in v.terms and v.terms[t].category == "therapy" for _, _, t in v.find_terms(x))
                       for x in parts):
                    # ('cancelled, then given 2025-03 at outside hospital': given after all; not 'then given salvage
                    # chemotherapy', another therapy given)
                    never, awaited = [], []
                # ('considered', '?', 'unclear if received'; a plan's word, 'candidate', 'eligible for ASCT', only as the
                # whole status: '4 cycles, eligible for ASCT' was given, and 'candidate for second transplant' of an ASCT
                # is its next one)
                unsure_given = unsure_given or (category != "condition" and (
                    any(_GIVING_UNSAID.fullmatch(x) for x in parts)
                    or (bool(parts) and all(_PLAN_UNSAID.fullmatch(x) for x in parts))))
                if category != "condition" and present and (_NEVER_GIVEN.search(said) or (
                        _DECLINED.search(said) and item.get("start") is None and item.get("end") is None) or (
                        # ('apheresed; product out of specification, not infused', 'prescribed, never started', 'manufacturing
                        # failure', 'never given, awaiting infusion': never given, and nothing else said)
                        never and before_only and not (item.get("start") is not None and item.get("end") is not None))):
                    # ('cilta-cel', status 'not infused': manufactured, never given; 'patient declined' with a course's days
                    # recorded was given)
                    present = False
                elif category != "condition" and present and (never or awaited) and not PLANNED_STATUS.match(said) and not (
                        awaited and before_only and item.get("end") is None):
                    # ('not infused; progressed', 'awaiting infusion; lymphodepletion given', 'leukapheresis 2026-03-01 …
                    # not infused' with its days recorded: a part says it was not given, or is awaited, beside others that
                    # may say it was: whether it was given is not said)
                    unsure_given = True
                if category == "procedure" and present and not PLANNED_STATUS.match(said) and any(
                        _UNFINISHED_PART.fullmatch(x) for x in parts):
                    # ('stopped before completion', FHIR's 'stopped': begun, not done to its end; an allogeneic transplant
                    # stopped in its conditioning gave no graft: whether it was performed is not said)
                    unsure_given = True
                # (a day to come said of a course whose start or end is recorded is its next dose, unless it is the start:
                # daratumumab from 2025-06-01, 'rescheduled to 2026-11-05', was given)
                begun = (item.get("start") is not None or item.get("end") is not None) and not (
                    start is not None and start.earliest.isoformat() in re.findall(r"\d{4}-\d{2}-\d{2}", said))
                if (category != "condition" and present and not unsure_given and not PLANNED_STATUS.match(said) and (
                        (_NOT_YET_GIVEN.match(said) and start is None and end is None)
                        or ((_PLANNED_MORE.match(said) or _PLANNED_ON_DAY.match(said)) and not begun)
                        or (category == "procedure" and not (term is not None and term.category == "therapy")
                            and _PRE_OP.match(said))
                        or (awaited and before_only and item.get("end") is None))):
                    # (dated, it was under way, 'awaiting PET', 'referred for ASCT'; unless what is awaited is the thing
                    # itself, 'awaiting infusion')
                    said = f"planned ({said})"  # ('pending insurance approval': not given yet)
                    status = " ".join(x for x in (said, narrowed) if x)
                # (a therapy listed among the procedures, 'radiotherapy' from a FHIR Procedure, is a therapy: a course
                # with a start, not a one-day event)
                kind = "therapy" if term is not None and term.category == "therapy" and category == "procedure" else category
                if kind != category and not said and start is not None and item.get("end") is None and item.get("date") is None:
                    # ('radiotherapy' or a transfusion among the procedures with a start alone: a course or one day? When
                    # it ended is not said)
                    said = "unknown (listed among procedures; its end not recorded)"
                    status = " ".join(x for x in (said, narrowed) if x)
                ongoing = (any(part.strip() in ("active", "ongoing", "current", "in-progress", "recurrence", "relapse", "uncontrolled")
                               for part in re.split(r"[,;]", said)) and not any(_RESOLVED.match(part) for part in re.split(r"[,;]", said))) or (
                    # ('uncontrolled, resolved after PCI': what it was, then that it ended)
                    # ('prostate cancer' of 2022, 'metastatic'; 'breast cancer', 'on adjuvant letrozole': present now)
                    category == "condition" and item.get("end") is None and term is not None and "malignancy" in term.ancestors
                    and any(_STILL_THERE.fullmatch(part.strip()) for part in re.split(r"[,;]", said))
                    and not _OVER.search(said) and not _NOT_NOW.search(said)) or (
                    # ('active pulmonary tuberculosis' ended in 2011, 'treated, resolved': the name says which kind, not
                    # that it goes on)
                    "active" in narrowed.split() and item.get("end") is None and not _OVER.search(said)) or (
                    kind == "therapy" and start is not None and item.get("end") is None and item.get("date") is None
                    and kind == category  # (among the procedures, a start alone says no course goes on)
                    and not stopped(said)  # ('stopped; date not recorded': over, on a day not said)
                    and not course_unsaid(said)  # ('unknown', 'last dose 2026-10-28': over or not, not said)
                    and not PLANNED_STATUS.match(said)  # ('draft', 'intended': not being given; 'on-hold' was)
                )
                unnamed = not classes and not _names_a_term_not_had(v, name, category)
                self.events.append(
                    Event(kind, name, term, frozenset(classes), start, end, line, grade, status,
                          str(item.get("response") or "").lower(), present, ongoing, item.get("end") is not None,
                          frozenset(by_indication), unnamed, said,
                          frozenset(classes) if unsure_given else _doubtful_parts(v, name, term),
                          not present and term is not None and _besides_own(v, name, term),
                          _besides_named(v, name, term) if not present and term is not None else frozenset())
                )
        self.unused.extend([])

    # -- access ------------------------------------------------------------------------
    def latest(self, concept: str) -> Obs | None:
        """The latest value of a concept (by date; undated values count as current)."""
        cache = self.__dict__.get("_latest")
        if cache is None:
            cache = self.__dict__["_latest"] = {}
        elif concept in cache:
            return cache[concept]  # type: ignore[no-any-return]
        found = latest_of(self.values.get(concept) or [], concept)
        cache[concept] = found
        return found

    def latest_known(self) -> dict[str, Obs | None]:
        """The cache `latest` answers from, by concept (what is not in it yet, `latest` finds): for a loop that looks
        a concept up many times, one dictionary lookup instead of a call."""
        cache = self.__dict__.get("_latest")
        if cache is None:
            cache = self.__dict__["_latest"] = {}
        return cache  # type: ignore[no-any-return]

    def denials(self, other: bool) -> frozenset[str]:
        """The term ids recorded as absent that deny what a criterion asks: for one on 'other' kinds ('No other
        malignancy'), those recorded absent besides the patient's own too (cached)."""
        cached = self.__dict__.get("_denials_besides_own") if other else None
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        denied = self.event_index()[1]
        if not other or not denied or not any(e.besides_own for e in self.events if not e.present):
            return denied
        if cached is None:
            cached = self.__dict__["_denials_besides_own"] = denied | {
                t[len(BESIDES_OWN):] for t in denied if t.startswith(BESIDES_OWN)}
        return cached  # type: ignore[no-any-return]

    def named_denials(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """The absences recorded but for the kinds they name, undated: (term id, the kinds named) (cached; most records
        have none). A dated one, found absent on a day, is not read (whether it happened since is not said)."""
        cached = self.__dict__.get("_named_denials")
        if cached is None:
            cached = self.__dict__["_named_denials"] = tuple(
                (e.term.id, e.besides_named) for e in self.events
                if not e.present and e.besides_named and e.term is not None and e.start is None and e.end is None)
        return cached  # type: ignore[no-any-return]

    def unnamed_events(self) -> tuple[Event, ...]:
        """Present events the vocabulary names nothing of (cached; most records have none)."""
        cached = self.__dict__.get("_unnamed_events")
        if cached is None:
            cached = self.__dict__["_unnamed_events"] = tuple(e for e in self.events if e.present and e.unnamed)
        return cached

    def events_of(self, category: str) -> list[Event]:
        return [e for e in self.events if category == "any" or e.category == category]

    def event_index(self) -> tuple[dict[str, list[Event]], frozenset[str]]:
        """Present events by every class they count as, and the term ids recorded as absent (cached). An absence of
        'other malignancy' ('another', 'second', 'prior' …) is of one besides the patient's own: it stands as
        `BESIDES_OWN` + the term id, which denies nothing but what a criterion asks as 'other' (`denials`)."""
        cached = self.__dict__.get("_event_index")
        if cached is None:
            by_class: dict[str, list[Event]] = {}
            denied: set[str] = set()
            for e in self.events:
                if not e.present:
                    # ('other malignancy: absent' of a myeloma patient: no cancer besides the myeloma; read as no
                    # malignancy at all, it denied the myeloma and failed 'Diagnosis of multiple myeloma'; one naming
                    # what it sets apart denies what is none of those kinds: `named_denials`)
                    if e.term is not None and not e.besides_named:
                        denied.add(BESIDES_OWN + e.term.id if e.besides_own else e.term.id)
                    elif e.term is not None and e.start is None and e.end is None:
                        denied.add(NAMED_DENIALS)  # (a mark, no term: the quick paths hand the record to the evaluator)
                    continue
                for c in e.classes:
                    by_class.setdefault(c, []).append(e)
            cached = (by_class, frozenset(denied))
            self.__dict__["_event_index"] = cached
        return cached


_STOP_WORD = re.compile(r"(?i)\s*(?:yes|y|true|stopped|discontinued|completed|ended|finished|progression|"
                        r"(?:disease\s+)?progression|toxicity|intolerance)\s*\.?\s*")
"""An end field's word that says the course stopped ('stopped': 'yes', 'stop': 'progression'); 'ongoing', 'N/A', 'TBD'
do not."""


_NOT_BEGUN = re.compile(r"(?i)\b(?:cancel+ed|not\s+(?:yet\s+)?(?:given|started|done|received|infused|administered)|never|planned|"
                        r"declined|refused|pending|awaiting|ordered|draft|intended)\b")


_IDENTIFIER_KEYS = frozenset({"id", "patient id", "name", "mrn", "source"})
"""Keys that identify the patient: kept in `source`, not screened on, not reported."""


def _empty_cell(val: Any) -> bool:
    """None, NaN or NaT: a table's empty cell (NaN and NaT are not equal to themselves)."""
    if val is None:
        return True
    try:
        return bool(val != val)  # noqa: PLR0124 - NaN and NaT are the values unequal to themselves
    except Exception:  # noqa: BLE001 - an object that cannot compare is no empty cell
        return False


_ITEM_FIELD = {**{f: f for f in ("name", "codes", "class", "classes", "date", "start", "end", "status", "line", "grade",
                                   "present", "response", "id", "note", "notes", "dose", "indication", "source", "route")},
               "code": "codes",
               "end_date": "end", "stop": "end", "stop_date": "end", "stopped": "end", "enddate": "end", "end_time": "end",
               "start_date": "start", "started": "start", "startdate": "start", "start_time": "start",
               "onset": "date", "onset_date": "date", "diagnosis_date": "date", "diagnosed": "date", "date_of_diagnosis": "date"}
"""A history item's fields, and the other names records give them; 'note', 'dose', 'indication' … are known and not read."""


@lru_cache(maxsize=1)
def _lexicon_raw() -> dict[str, Any]:
    """The lexicon's data file, read once."""
    return data_file("lexicon.toml")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _reference_phrases() -> dict[str, str]:
    raw = _lexicon_raw()
    return {" ".join(k.lower().split()): v for k, v in raw["reference_events"].items()}


@lru_cache(maxsize=1)
def _reference_slugs() -> frozenset[str]:
    return frozenset(_reference_phrases().values()) | {"screening", "lab_test"}


@lru_cache(maxsize=256)
def _date_slug(name: str) -> str | None:
    """A `dates` key as the reference event it names: 'consent', 'informed consent', 'first dose date', 'C1D1' →
    'consent', 'consent', 'first_dose', 'first_dose'; None for a day no criterion names."""
    slug = norm_key(name).replace(" ", "_")
    if slug in _reference_slugs():
        return slug
    words = " ".join(re.sub(r"[_\-]", " ", name).lower().split())
    for candidate in (words, re.sub(r"\s+(?:date|day)$", "", words), re.sub(r"^(?:date|day)\s+of\s+", "", words)):
        if candidate in _reference_phrases():
            return _reference_phrases()[candidate]
        if candidate.replace(" ", "_") in _reference_slugs():
            return candidate.replace(" ", "_")
    return None


@lru_cache(maxsize=1)
def _qualifier_prefix() -> re.Pattern[str]:
    raw = _lexicon_raw()
    words = sorted([*raw["history_qualifiers"], "active"], key=len, reverse=True)
    one = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    stage = r"stage\s+(?:[IV]{1,4}|[0-4])[ABC]?\b"  # ('stage I multiple myeloma': the stage kept as a status)
    return re.compile(rf"(?i)^\s*((?:(?:{one}|{stage})(?:\s*,\s*|\s+and\s+|\s+))+)(?=\S)")


@lru_cache(maxsize=1)
def _organ_prefix() -> re.Pattern[str]:
    raw = _lexicon_raw()
    one = "|".join(re.escape(w) for w in sorted(raw["organs"], key=len, reverse=True))
    return re.compile(rf"(?i)^\s*((?:{one})\s+)(?=\S)")


_DAY_SAID = (r"(?:\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
             r"\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?|"
             r"next\s+(?:week|month|cycle)|tomorrow)")
"""A day written in a status ('2027-01-10', 'Dec 3', 'next week')."""
_PLANNED_OPENING = r"(?i)^\s*(?:planned|scheduled|deferred|postponed|intended|draft|proposal|(?:in\s+)?preparation)\b"
_PLANNED_TAIL = (r"(?:\s*[,;]?\s*(?:not\s+yet\s+\w+|no\s+dose\s+(?:given|received)(?:\s+yet)?|C\d+\s+not\s+given|first\s+dose\s+on\b[^;,]*|"
                 r"to\s+be\s+(?:started|given)\b[^;,]*)|\s+(?:due\s+to|until|because(?:\s+of)?|pending|awaiting|after)\b[^;,]*|\s*\([^)]*\))*"
                 r"\s*\.?\s*$")
_ON_DAY = (r"(?:\s+(?:(?:for|to|on)\s+)?(?:(?:infusion|surgery|administration|treatment|dosing|transplant|the\s+procedure)\s+)?"
           r"(?:on\s+)?" + _DAY_SAID + r")")
PLANNED_STATUS = re.compile(_PLANNED_OPENING + _PLANNED_TAIL)
"""A status that opens by saying a therapy or procedure is not given yet ('deferred due to neutropenia'); not 'scheduled,
completed', 'planned dose reduction' (given), nor 'on-hold' (paused after being given)."""
_PLANNED_ON_DAY = re.compile(_PLANNED_OPENING + _ON_DAY + _PLANNED_TAIL)
"""'scheduled for infusion 2026-11-20': planned, where no day of a course begun is recorded (a daratumumab begun in 2025,
'scheduled 2026-11-05', was given: the day is its next dose's); read as planned at reading (`said` then opens 'planned')."""
_PLANNED_MORE = re.compile(
    r"(?i)^\s*(?:re-?scheduled|booked|wait-?listed|on\s+(?:the\s+)?wait(?:ing)?[\s-]*list|moved(?=\s+to\s+" + _DAY_SAID + r")|"
    r"to\s+be\s+(?:infused|administered|given|started|dosed|performed|done)|will\s+(?:receive|undergo|get|start|begin|"
    r"be\s+(?:given|infused|started|treated|performed|done))|"
    r"cleared\s+for\s+(?:surgery|the\s+procedure|transplant|infusion)|consent\s+signed)\b"
    r"" + _ON_DAY + r"?\s*\.?\s*$")
"""A therapy's or procedure's whole status that says it is still to come ('rescheduled to 2027-01-10', 'waitlisted', 'to
be infused', 'will receive'): read as planned (read as given, its day counted in a window and 'Prior …'), on its one day
recorded or none; not where a course's start or end is recorded and the day said is not its start (begun in 2025,
'rescheduled to 2026-11-05' is its next dose). Not for a condition ('waitlisted' for a transplant says nothing of the
disease)."""
_PRE_OP = re.compile(r"(?i)^\s*pre-?\s*op(?:erative)?(?:\s+(?:work-?up|assessment|evaluation|clearance|visit))?\b"
                     r"" + _ON_DAY + r"?\s*\.?\s*$")
"""A procedure's status 'pre-op': not done yet. Of a therapy it says when the course was given, before the surgery
(neoadjuvant): given."""
_RESOLVED = re.compile(r"(?i)^\s*(?:now\s+|fully\s+|completely\s+|since\s+)?(?:resolved|cured|cleared|healed|"
                       r"in\s+(?:complete\s+)?remission|no\s+longer\s+active|abated)\b(?!\s+for\b)"
                       r"(?![^,;]*\b(?:but|again|recurr\w*|relaps\w*|active|progress\w*|except)\b)[^,;]*$")
"""A status part that says the condition ended ('uncontrolled, resolved after PCI'); not 'not yet resolved', 'partially
resolved', 'fever resolved on antibiotics', 'no longer in remission', 'cleared for surgery'."""
_OVER = re.compile(r"(?i)\b(?:resolved|cured|cleared|healed|treated|completed)\b")
SWITCHED = (r"(?:(?:switched|changed|converted|transitioned)\s+(?:over\s+)?to|replaced\s+(?:by|with))"
            r"(?!\s+(?:\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|ml|units?|iu|%|x|times|days?|weeks?|weekly|hours?|h|/|tabs?|tablets?|"
            r"caps?|capsules?|pills?|doses?)(?![A-Za-z])(?=\s*(?:$|[,;.)(]|(?:daily|weekly|bid|tid|qid|qd|once|twice|every|per|a\s+day|"
            r"orally|po|days?|d\d|q\d|on|x|for|by|iv|sc|and|with|plus|due|because|after|per|following)\b))|(?:oral|po|p\.o\.|iv|i\.v\.|intravenous\w*|sc|s\.c\.|subcut\w*|tablets?|capsules?|liquid|weekly|daily|"
            r"biweekly|monthly|every|q\d|(?:a\s+)?(?:lower|higher|reduced|increased|full|maintenance)\b|dose|maintenance|generic|"
            r"biosimilar|home|alternat\w*|days?|once|twice|bid|tid|qid|qd|qod|outpatient|inpatient|(?:a\s+)?(?:new\s+)?schedule)\b))")
"""Words that say a course gave way to another ('switched to pomalidomide'); not a change of route, dose or schedule
('changed to oral', 'switched to weekly', 'switched to 4 mg', 'changed to alternate days', 'transitioned to outpatient'),
which is the same course going on."""
STOPPED = re.compile(r"(?i)(?<!\?\s)\b(?:stopped|discontinued|completed|finished|ceased|held|withdrawn|ended|"
                     r"off|paused|on[\s-]+hold|suspended|interrupted|"
                     # (audit 72: 'course complete', 'done', 'switched to pomalidomide', 'weaned'; a break, 'drug holiday',
                     # 'ran out', 'between cycles', read as `_PAUSED` too)
                     # (not 'cycle 3 done', 'cycle 3 complete, C4 due': one cycle over, the course under way; nor 'weaned to 5 mg',
                     # 'being weaned': the dose coming down, still taken)
                     r"(?:course|treatment|therapy|regimen|taper|all\s+cycles|(?:all\s+)?(?:planned|scheduled)\s+cycles)"
                     r"\s+(?:complete|completed|done|finished)|(?<=^)\s*(?:complete|done|all\s+done)"
                     r"(?=\s*\.?\s*$)|(?:fully\s+|completely\s+)?weaned\s+off|(?<=^)\s*(?:fully\s+|completely\s+)?weaned(?=\s*(?:[,;.]|$))|"
                     + SWITCHED + r"|drug\s+holiday|treatment\s+(?:break|holiday|pause)|on\s+(?:a\s+)?break|"
                     r"ran\s+out|run\s+out|between\s+cycles|expired|lapsed|"
                     r"not\s+(?:currently\s+)?(?:receiving|taking|on\s+it)(?!\s+(?:any\s+)?other\b)|no\s+longer\s+(?:receiving|taking|given)|"
                     r"no\s+further\s+(?:treatment|cycles?|doses?|infusions?)|no\s+next\s+(?:dose|cycle|infusion)(?!\s+(?:until|till|before)\b)|"
                     r"none\s+scheduled)\b(?!\s*\?)(?!\s*[:=]\s*(?:no|false)\s*(?:[;,.)]|$))(?!\s*[:=/-]\s*\?)(?!\s*\(\s*\?)"
                     r"(?!.*(?<!\bnot\s)(?<!\bnever\s)(?<!n't\s)(?<!\bno\s)(?<!\byet\s)(?<!\bbe\s)\b(?:resumed|restarted|re-?started|re-?initiated|"
                     r"will\s+(?:resume|restart))\b(?!\s*(?:\?|[:=-]\s*(?:no|false)\b)))"
                     r"(?!.*[;,]\s*(?:(?:(?:cycle|course|c)\s*\d+|treatment|therapy|dosing)\s+)?ongoing\s*(?:[;,.]|$))")
"""A stop word in a therapy's status, its end date unrecorded; read it through `stopped`, which sets aside one negated a
few words before it ('not stopped', 'has not been discontinued')."""
_NEGATED_BEFORE = re.compile(r"(?i)(?:\b(?:not|never)|n't)(?:\s+(?:yet|been|be|have|has|had|ever|once))*\s+$")
_STOP_QUERIED = re.compile(r"(?i)\b(?:stopped|discontinued|completed|held|on[\s-]+hold|paused|not\s+(?:currently\s+)?receiving)\s*"
                           r"(?:\?|\(\s*\?|[-/:=]\s*\?|[-/]\s*no\s*(?:[;,.)]|$))|\?\s*(?:stopped|discontinued)\b|\bongoing\s*\?|"
                           r"\bno\s+(?:next|further)\s+(?:dose|doses|cycle|infusion)s?\s+(?:until|till|before)\b|\bnot\s+(?:yet\s+)?completed\b|"
                           r"\btemporar\w*\s+(?:stopped|discontinued|held)\b|\b(?:stopped|discontinued|held)\s+(?:temporar\w*|until|pending)\b|"
                           r"\b(?:stopped|discontinued)\b[^;,]*[;,]\s*continu(?:ing|es|ed)\s*(?:[;,.]|$)|\b(?:resumed|restarted)\s*\?|"
                           r"\b(?:stopped|discontinued)\b[^;,]*[;,]\s*(?:restarting|resuming)\b(?!\s+(?:next|on|in|from|after|at)\b)|"
                           r"[;,]\s*maintenance\s+ongoing\b")
_STOP_THEN_ONGOING = re.compile(
    r"(?i)\b(?:stopped|discontinued|completed|held|paused)\b[^;,]*[;,][^;,]*\b(?:cycles?|courses?|treatment|therapy|dosing|doses?|"
    r"infusions?|maintenance)\b[^;,]*(?<!\bnot\s)(?<!\bno\s)(?<!\blonger\s)\bongoing\b")
"""A stop, then a later part that may say the course goes on in other words ('stopped; treatment still ongoing',
'maintenance pembrolizumab ongoing'): whether it goes on is not clear."""
"""A stop asked about, or a hold until something ('stopped?', 'no next dose until counts recover', 'not completed'): the
course is not said."""


def stopped(status: str) -> bool:
    """Whether a therapy's status says it is over: a stop word not negated ('has not been discontinued', 'not yet
    stopped') and not undone by a resumption said later ('stopped; restarted 2026-10')."""
    return any(not _NEGATED_BEFORE.search(status, 0, m.start()) for m in STOPPED.finditer(status))


COURSE_UNSAID = re.compile(r"(?i)^\s*(?:status\s+)?(?:unknown|not\s+(?:known|recorded|documented|stated)|unclear|uncertain|unk|"
                           r"n/?a|\?+)(?:\s+(?:status|if\s+ongoing|whether\s+(?:ongoing|given|done|taken)))?\s*(?:[;,(.]|$)")
"""A therapy's status that opens by saying nothing of whether it goes on (FHIR's 'unknown', then perhaps '; for multiple
myeloma'): begun on its start, perhaps over since, perhaps not. ('unknown whether given', as the FHIR reader writes
FHIR's 'unknown', which may be 'in-progress': whether it was given, and whether it goes on.)"""
_LAST_DOSE = re.compile(r"(?i)\b(?:last|final)\s+(?:dose|cycle|infusion|administration|given)\b")
_GOES_ON_PART = re.compile(r"(?i)^\s*(?:(?:still\s+)?(?:continuing|ongoing|active|in\s+progress|current(?:ly\s+(?:on|receiving)\s+it)?|"
                           r"resumed|restarted)|next\s+(?:dose|cycle|infusion)\b(?![^,;]*\b(?:no|not|none|cancel+ed)\b)[^,;]*)\s*\.?\s*$")
"""A part of a therapy's status that says, and only says, that it goes on ('continuing', 'next dose due 2026-11-05')."""


def course_unsaid(status: str) -> bool:
    """Whether a therapy's status leaves open whether it goes on: it opens with 'unknown' ('unknown; for myeloma'), or
    it gives a last dose and says neither that it stopped nor, in a part of its own, that it goes on ('last dose
    2026-10-28': the last so far, or the last of all? not 'continuing; last dose …', 'completed; last dose …')."""
    if COURSE_UNSAID.match(status) or _STOP_QUERIED.search(status) or (_STOP_THEN_ONGOING.search(status) and stopped(status)):
        return True
    if _CYCLES_DONE.search(status) and not stopped(status):
        return True  # ('6 cycles complete', '4 cycles given, C5 due': the course over, or a part of it?)
    return (bool(_LAST_DOSE.search(status)) and not stopped(status) and not _LAST_TO_COME.search(status)
            and not any(_GOES_ON_PART.match(part) for part in re.split(r"[,;]", status)))


_CYCLES_DONE = re.compile(r"(?i)\b\d+\s+(?:cycles?|courses?|doses?|infusions?)\s+(?:complete|completed|done|given|finished|received)\b")
"""A count of cycles given ('6 cycles complete', '4 cycles given'): whether more follow is not said."""
_LAST_TO_COME = re.compile(r"(?i)\blast\s+(?:dose|cycle|infusion|administration)\s+(?:[\w-]+\s+)?(?:pending|scheduled|due|planned|"
                           r"not\s+yet)\b")
"""A last dose still to come ('last cycle pending', 'last infusion scheduled 2026-12-01'): the therapy goes on."""


def _split_qualifier(name: str, organs: bool = False) -> tuple[str, str]:
    """('chronic', 'hepatitis B') for 'Chronic hepatitis B'; ('', name) when no qualifier opens it. With `organs`,
    ('cardiac', 'amyloidosis') for 'Cardiac amyloidosis'."""
    m = (_organ_prefix() if organs else _qualifier_prefix()).match(name)
    if m is None:
        return "", name
    return re.sub(r"\s+", " ", m.group(1).replace(",", " ").replace(" and ", " ")).strip().lower(), name[m.end():]


_REGIMEN_SPLIT = re.compile(r"\s*(?:[,;+&]|\band\b|\bplus\b)\s*", re.IGNORECASE)
_STILL_THERE = re.compile(r"(?i)(?:metastatic|progressing|progressive(?:\s+disease)?|on\s+(?:active\s+)?(?:treatment|therapy|"
                          r"surveillance|maintenance)|on\s+adjuvant(?:\s+[\w-]+){0,2}|under\s+treatment|receiving\s+[\w-]+(?:\s+[\w-]+)?|"
                          r"persistent(?:\s+disease)?|residual\s+disease|watch(?:ful)?\s+(?:and\s+)?wait(?:ing)?)")
"""A cancer's status, one of its comma-separated parts whole, that says it is there now, whenever it was found
('metastatic', 'on adjuvant letrozole')."""
_NOT_NOW = re.compile(r"(?i)\b(?:no|non|not|never|was|previously|formerly|former|no\s+longer|remission|NED|history|past|"
                      r"at\s+diagnosis|until|ended|stopped|discontinued|\d{4})\b")
"""Words in a status that put what it says in the past or deny it ('metastatic at diagnosis, now in remission')."""
_NEVER_GIVEN = re.compile(r"(?i)^\s*(?:(?:(?:was|were|is|has|had|have)\s+(?:been\s+)?)?(?:not|never)\s+(?:yet\s+)?(?:been\s+)?"
                         r"(?:infused|administered|given|received|started|performed|done)|never|"
                         r"did\s+not\s+(?:receive|start|undergo|get|have)(?:\s+it)?|"
                         r"(?:consult(?:ation)?|evaluation|referral|discussion)\s+only|withdrawn\s+before\s+(?:infusion|treatment|dosing)|"
                         r"cancel+ed(?:\s+before\s+(?:infusion|treatment|start|dosing))?|"
                         # ('manufactured, not infused', 'infusion cancelled', 'died before infusion')
                         r"(?:manufactured|apheresed|collected|produced|made)\s*[,;]?\s*(?:but\s+)?not\s+(?:infused|given|administered)|"
                         r"infusion\s+cancel+ed|died\s+before\s+(?:infusion|treatment|dosing|surgery))"
                         r"(?:\s+(?:due\s+to|because\s+of|because|owing\s+to)\s+[^,;]*)?\s*\.?\s*$")
"""A therapy's or procedure's status that says it was never given ('not infused', 'did not receive', 'cancelled')."""
DRUG_EFFECT_REASON = (
    r"(?![^,;]*\b(?:fear\w*|concerns?|worr\w*|afraid|risks?|possible|potential|anticipated|expected|anxi\w*)\b)"
    r"[^,;]*\b(?:CRS|ICANS|toxicit\w*|side[\s-]effects?|adverse|reactions?|intoleran\w*|neuropath\w*|fatigue|nausea|vomiting|"
    r"rash|diarrh\w*|cytopeni\w*|neutropeni\w*|thrombocytopeni\w*|anemi\w*|grade|infections?|infusion[\s-]related)\b")
"""A reason after 'declined/refused due to …' that is the drug's own effect ('… due to CRS', '… because of neuropathy'):
it was given. Not one feared ('due to fear of side effects', '… concerns about toxicity'): never given."""
_DECLINED = re.compile(r"(?i)^\s*(?:(?:(?:the\s+)?(?:patient|pt\.?)\s+|offered\s*[,;]?\s*(?:but\s+)?)(?:declined|refused)|"
                       r"(?:declined|refused)\s+(?:treatment|therapy|it)|"
                       r"(?:insurance|coverage|authori[sz]ation)\s+(?:denied|declined|refused)|not\s+(?:a\s+)?candidate|"
                       r"(?:denied|declined|refused)\s+by\s+(?:the\s+)?(?:insurance|insurer|payer|coverage)|"
                       r"(?:(?:deemed|found|judged)\s+)?(?:not\s+eligible|ineligible)|screen(?:ing)?\s+fail(?:ed|ure)|"
                       r"failed\s+screening)"
                       # (a reason, not a course or the drug's own effects: 'declined due to neuropathy after 6 cycles', '…
                       # due to CRS' were given)
                       r"(?:\s+(?:due\s+to|because\s+of|because|owing\s+to)\s+(?![^,;]*\b(?:after|cycles?|doses?|courses?|"
                       r"following|since|then|progression)\b)(?!" + DRUG_EFFECT_REASON + r")[^,;]*)?\s*\.?\s*$")
"""A therapy declined or refused by the patient, or by the payer ('patient declined', 'insurance denied'): never given,
where no day of a course is recorded."""
_NOT_YET_GIVEN = re.compile(
    # (the word alone, or with what says it is the thing itself not yet begun; not 'awaiting PET', 'pending labs', 'referred
    # to cardiology', 'recommended to continue', 'to start cycle 3', which are about another task or a course under way)
    r"(?i)^\s*(?:(?:pending|awaiting|ordered|recommended|referred|to\s+(?:start|begin|be\s+given))\s*\.?\s*$|"
    r"(?:ordered|recommended)\s*[,;]?\s*not\s+yet\s+(?:started|given|begun)|recommended\s+by\s+(?:the\s+)?(?:tumou?r\s+board|"
    r"oncolog\w+|physician|team|MDT)\b|referred\s+for\s+[\w\s/-]*\bevaluation\b|"
    r"to\s+(?:start|begin)\s+(?:after|once|when|following)\b|"
    r"(?:pending|awaiting)\s*[-:]?\s*(?:insurance|approval|authori[sz]ation)\b|pending\s+approval\s+from\b|"
    r"(?:insurance|approval|authori[sz]ation|prior\s+auth\w*)\s+(?:pending|awaited|requested|submitted)\b|"
    r"(?:in|under)\s+(?:work-?up|evaluation)\b|(?:transplant\s+)?work-?up\b|donor\s+(?:search\w*|identified|found|"
    r"pending)\b|search(?:ing)?\s+for\s+(?:a\s+)?donor\b|HLA[\s-]+typ\w*\b|"
    r"cleared\s+for\s+(?:surgery|transplant|infusion|treatment)\b|consent\s+signed\b)"
    # (not a renewal: 'pending insurance re-authorization', '… for continuation', '… for refill' was given)
    r"(?![^;]*\b(?:re-?(?:authori|approv)|continu\w*|renew\w*|refill))[^;]*$")
"""A therapy's or procedure's status that says it is not given yet ('pending insurance approval', 'ordered', 'awaiting
infusion'): read as planned."""
_AWAITING_ITSELF = re.compile(r"(?i)^\s*(?:awaiting|pending)\s+(?:insurance\s+)?(?:infusion|administration|start|first\s+dose|"
                              r"(?<!re-)approval|(?<!re-)authori[sz]ation|insurance|manufactur\w*|leukapheresis|apheresis|slot|"
                              r"scheduling)\b(?![^;]*\bre-?authori)|"
                              r"^\s*(?:insurance|approval|authori[sz]ation|prior\s+auth\w*)\s+(?:pending|awaited)\b"
                              r"(?![^;]*\b(?:re-?authori|continu\w*|renew\w*|refill))")
"""Awaiting the therapy itself, or leave to give it ('awaiting infusion', 'pending approval'): not given, even on a day recorded."""
_AT_LEAST_COUNT = re.compile(r"(?i)\s*(?:(?:>=|≥|at\s+least|min(?:imum)?\.?)\s*(\d+)|(\d+)\s*\+)\s*")
_GIVEN_THEN = re.compile(r"(?i)(?:then|later|eventually|finally|subsequently|but)\s+(?:re-?)?(?:given|infused|received|"
                         r"administered|started|dosed)\b")
"""A part that says it was given after all ('cancelled, then given 2025-03'), when it names no other therapy."""
_NEVER_GIVEN_PART = re.compile(r"(?i)(?:not|never)\s+(?:yet\s+)?(?:taken|dosed|infused|given|started|received|administered|begun)"
                               r"(?:\s+yet)?\.?|manufactur\w*\s+failure|failed\s+manufactur\w*|(?:apheresis|apheresed|"
                               r"leukapheresis|collection|collected)\s+only|withdrawn\s+before\s+(?:the\s+)?first\s+dose")
"""A part of a status that says the therapy was never given ('never started', 'not yet dosed', 'manufacturing failure',
'apheresis only')."""
_UNFINISHED_PART = re.compile(r"(?i)not\s+(?:yet\s+)?completed|(?:stopped|terminated|interrupted|aborted|abandoned|"
                              r"on[\s-]+hold)\s+before\s+(?:its\s+)?completion")
"""A part of a procedure's status that says it was not done to its end ('not completed', 'stopped before completion')."""
_BEFORE_GIVING = re.compile(r"(?i)(?:approved|prescribed|consented|consent\s+signed|ordered|planned|enrolled|registered|insurance\s+approved|"
                            r"(?:leuk)?apheresis(?:\s+(?:completed|done))?|(?:leuk)?apheresed|manufactured|collected|"
                            r"(?:t[\s-]+)?cells\s+collected|product\s+out\s+of\s+specification|out\s+of\s+specification|oos)\b"
                            r"(?![^,;]*\b(?:given|infused|administered|received|started|progress\w*|died|bridging|treated|dosed|"
                            r"completed|cycles?|c\d+|c\d+d\d+|doses?|next|re-?treat\w*|retreat\w*|maintenance)\b)")
"""A part of a status that says only what came before the first dose ('prescribed 2026-03-01', 'leukapheresis completed'): with a
part that says it was never given or is awaited, it says nothing given (not 'cycle 6 given', 'ongoing', 'held for
neutropenia')."""
_CELL_STEPS = re.compile(r"(?i)(?:(?:in|under(?:going)?|awaiting|pending)\s+)?manufactur\w*(?:\s+(?:started|ongoing|in\s+progress))?|"
                         r"being\s+manufactured|product\s+(?:released|shipped|received|available|ready|on\s+site)|"
                         r"slot\s+(?:reserved|booked|confirmed|allocated)|(?:on\s+)?bridging(?:\s+(?:therapy|chemo\w*|treatment|"
                         r"radiotherapy))?|(?:t[\s-]+)?cells?\s+collected|(?:leuk)?apheresis(?:\s+(?:done|completed|performed))?|"
                         r"(?:leuk)?apheresed|collected|consented|consent\s+signed|enrolled|registered")
"""A cell therapy's steps before its infusion ('apheresis done', 'in manufacturing', 'bridging therapy'): a status of these
alone says it is not given yet (of any other therapy, 'bridging therapy' says it was given, as the bridge)."""
_CELL_CLASSES = frozenset({"car_t", "cell_therapy"})
_PLAN_UNSAID = re.compile(
    r"(?i)(?:considered|being\s+considered|under\s+consideration|offered|discussed(?:\s+(?:at|with|in)\b[^,;]*)?|proposed|"
    r"suggested|(?:candidate|eligible)(?:\s+for\b(?!\s+(?:an?\s+)?(?:second|2nd|third|3rd|another|further|repeat|tandem|next|"
    r"salvage|more)\b)[^,;]*)?)\s*\.?\s*")
"""A therapy's or procedure's whole status of a plan's words ('considered', 'offered', 'candidate', 'eligible for
transplant'): whether it was given is open (read as given, an unread word of a plan decided 'Prior …'); not beside words
that say more ('4 cycles, eligible for ASCT'), nor a candidate for another ('candidate for second transplant')."""
_GIVING_UNSAID = re.compile(
    r"(?i)(?:(?:(?:served|acted|was|is)\s+)?as\s+(?:the\s+|a\s+)?donor|(?:was|is)\s+(?:the\s+|a\s+)?donor|"
    # ('served as donor', 'was a donor' with no subject: the patient's donation, or the donor of an autologous graft?)
    r"(?:unclear|uncertain|unknown|not\s+(?:sure|known|documented|recorded|clear))\s+(?:if|whether)\b[^,;]*|"
    r"(?:possibly|perhaps|maybe|probably|likely|may\s+have\s+been|might\s+have\s+been)\s+(?:received|given|infused|administered|"
    r"done|performed|taken|started)\b[^,;]*|\?+|(?:received|given|infused|done|performed)\s*\?|"
    r"(?:declined|refused|unable|unwilling)\s+to\s+(?:answer|respond|disclose|say)|prefers?\s+not\s+to\s+(?:say|answer)|"
    r"not\s+answered|unanswered)\s*\.?\s*")
"""A part of a therapy's or procedure's status that leaves open whether it was given ('unclear if received', '?', 'declined
to answer'): read as given, an unread word decided 'Prior …'."""
_FIRST_DOSE_SCHEDULED = re.compile(r"(?i)^(?:cycle\s*1|c1d1|first\s+dose|day\s*1|infusion)\s+(?:is\s+)?(?:scheduled|planned|booked)\b")
"""'cycle 1 scheduled 2026-11-10': not begun."""
_WITH = re.compile(r"(?i)\s+with\s+(?:(?:known|documented|active|secondary)\s+)?")
_IN_SITU = re.compile(r"(?i)\bcarcinoma\s+in[\s-]+situ\b(?![^,;]*\b(?:T[1-4]|invasive|invading|progressed|metasta\w*)\b)")
_JOINED = re.compile(r"(?i)(?:\s|[-/,+&]|\band\b|\bwith\b|\bplus\b|\bconcurrent\b|\bconcomitant\b|\bbased\b|\bcombined\b|"
                     r"\bcombination\b|\bfollowed\s+by\b|\bthen\b)*")
"""Words that join therapies given together ('cisplatin-based chemoradiation', 'radiotherapy with concurrent cisplatin')."""
_NOT_GIVEN = re.compile(r"(?i)\b(?:without|no|not|never|refused|declined|deferred|omitted|contraindicated|instead|rather|"
                        r"substituted|switched|replaced|vs\.?|versus|alone|monotherapy|-free|free)\b")
"""Words that say some therapy named was not given, or given in place of another."""
_NOT_YET = re.compile(r"(?i)\b(?:to\s+(?:start|begin|be\s+given)|pending|consider\w*|recommend\w*|if|await\w*|candidate|"
                      r"planned|scheduled|proposed|will|would|intended|future)\b")
"""Words by which a part of a regimen's name says the drug was not (yet) given ('daratumumab to start next cycle')."""
_GIVEN_HOW = re.compile(r"(?i)\bfor\b|\(|\bintra|topical|HIPEC|TACE|arterial|instillation|cream|drops|ointment|inhal|planned|regimen")


def _resolved(v: Vocabulary, name: str, category: str) -> tuple[tuple[str, Term | None, str], ...]:
    """A record's name read in its list: (part, term, qualifier its name adds) for each item it holds (names repeat
    from record to record: remembered, for a vocabulary that can be a key)."""
    try:
        return _resolved_cached(v, name, category)
    except TypeError:  # (a Vocabulary subclass that defines __eq__ without __hash__)
        return _resolve(v, name, category)


@lru_cache(maxsize=8192)
def _resolved_cached(v: Vocabulary, name: str, category: str) -> tuple[tuple[str, Term | None, str], ...]:
    return _resolve(v, name, category)


def _resolve(v: Vocabulary, name: str, category: str) -> tuple[tuple[str, Term | None, str], ...]:
    out = []
    for part in _regimen_parts(v, name, category) or [name]:
        term = _named(v, part, category) or _term_in(v, part, category)
        narrowed = ""
        if term is None:  # 'chronic hepatitis B': the term, with its qualifier kept as a status
            narrowed, bare = _split_qualifier(part)
            if narrowed:
                term = _named(v, bare, category) or _term_in(v, bare, category)
                narrowed = narrowed if term is not None else ""
        if term is None:  # 'cardiac amyloidosis': the term, narrowed to an organ
            narrowed, bare = _split_qualifier(part, organs=True)
            if narrowed:
                term = _named(v, bare, category) or _term_in(v, bare, category)
                narrowed = narrowed if term is not None else ""
        out.append((part, term, narrowed))
    return tuple(out)


def _named(v: Vocabulary, name: str, category: str) -> Term | None:
    """The term a record's name is, if it is of the list's kind ('DKD' among the conditions is no daratumumab regimen)."""
    if _MINUS_AFTER.search(name):
        return None  # ('HIV-', 'HIV (-)': the test's result, not the disease; the words after the term say so)
    t = v.term_for_name(name)
    # (a therapy given as a procedure, 'Radiotherapy' among a FHIR record's procedures, is the therapy; a full name in
    # another list, 'autologous stem cell transplant' among the conditions, is the thing it names; only a short
    # abbreviation is taken in its own list's sense)
    return t if t is not None and (t.category == category or {t.category, category} <= {"therapy", "procedure"}
                                   or len(name.strip()) > 4) else None


_MINUS_AFTER = re.compile(r"\w\s*(?:-|\(\s*-\s*\))\s*$")
"""A name that ends in a minus ('HIV-', 'HBsAg (-)'): a negative result."""


_DISEASE_NOUN = re.compile(
    r"(?i)\b(?:\w+(?:pathy|pathies|itis|osis|oses|emia|aemia|omas?|plegia|algia|ectasis|penia|cytosis)|disease|failure|"
    r"insufficiency|syndrome|disorder|infection|metastas[ie]s|involvement|lesions?|ulcers?|thrombosis|embolism|effusion|"
    r"fibrosis|dysfunction|impairment|damage|complications?)\b")
"""Words that name a condition ('nephropathy', 'renal impairment'), not a description of one ('IgG kappa')."""


_LEFT_OUT = re.compile(r"(?i)\b(?:without|minus|no|not|never|omit\w*|held|hold|dropped|excluded|declined|refused|deferred|"
                       r"contraindicated|substituted|replaced|to\s+(?:start|begin)|pending|planned)\b|\bw/o\b|-free\b")


def _doubtful_parts(v: Vocabulary, name: str, term: Term | None) -> frozenset[str]:
    """The classes a regimen's own drugs give that its name says may not have been given: those of a drug named beside
    words that leave it out ('VRd (lenalidomide omitted due to renal failure)'), less what the other drugs give; with such
    words and no drug of it named ('VRd, R omitted', 'DRd (dara deferred)'), every class its drugs give."""
    if term is None or term.category != "therapy" or not _LEFT_OUT.search(name):
        return frozenset()
    parts = [p for p in term.parents if p in v.terms and v.terms[p].category == "therapy"]
    if len(parts) < 2:
        return frozenset()  # (no regimen of several drugs)
    named = [t for _, _, t in v.find_terms(name) if t in parts]
    if not named:
        return frozenset().union(*(v.terms[p].ancestors for p in parts)) - {term.id}
    kept = frozenset().union(*(v.terms[p].ancestors for p in parts if p not in named))
    return frozenset().union(*(v.terms[p].ancestors for p in named)) - kept - {term.id}


def _regimen_parts(v: Vocabulary, name: str, category: str) -> list[str]:
    """'bortezomib, lenalidomide, dexamethasone', 'gemcitabine/cisplatin', 'hypertension, diabetes, atrial fibrillation':
    an item written as several is each of them (read as its first, a lenalidomide patient had 'no lenalidomide'). The
    whole name stays the first item, read as before; each later part that is exactly a term of the list's kind is one
    more. Not where the name says how or why it was given ('cisplatin/doxorubicin HIPEC', '… for vasculitis': the words
    would be lost to the later parts), nor a slash between conditions ('TIA/stroke': one event of uncertain kind)."""
    if v.term_for_name(name) is not None:
        return []
    if category != "condition" and ("," in name or ";" in name):
        # ('daratumumab SC, lenalidomide, dexamethasone', 'cyclophosphamide, oral etoposide': how one was given is said
        # in its own part, the parts separated by commas; read as the first drug alone, a complete record had 'no
        # lenalidomide'. Not 'cisplatin/doxorubicin HIPEC': words after a slash list may be said of all of it)
        parts = [p.strip() for p in re.split(r"\s*[,;]\s*", name) if p.strip()]
        # (a part that names a drug after other words, 'oral etoposide', is one more entry: unnamed perhaps, it keeps a
        # complete record open)
        drugs = [p for p in parts[1:] if any(t in v.terms and v.terms[t].category == category for _, _, t in v.find_terms(p))
                 and not _NOT_GIVEN.search(p) and not _NOT_YET.search(p)]
        first = v.find_terms(parts[0]) if parts else []
        if drugs and first and first[0][0] == 0 and not _NOT_GIVEN.search(parts[0]):
            return [name, *dict.fromkeys(drugs)]
    if _GIVEN_HOW.search(name):
        return []
    if category != "condition":
        # ('cisplatin-based chemoradiation', 'radiotherapy with concurrent cisplatin', 'carboplatin/paclitaxel with
        # radiation': every therapy named in it was given; only in a name that opens with one, not 'partial splenectomy')
        found = [(st, en, t) for st, en, t in v.find_terms(name) if t in v.terms and v.terms[t].category == category]
        if not found or found[0][0] != 0 or _NOT_GIVEN.search(name) or _NOT_YET.search(name):
            return []  # ('DPd, daratumumab to start next cycle': not each of them given)
        more: list[str] = []
        prev_end = found[0][1]
        for st, en, _ in found[1:]:
            if not _JOINED.fullmatch(name[prev_end:st]):
                break  # ('pembrolizumab without chemotherapy', 'carboplatin instead of cisplatin': not given with it)
            more.append(name[st:en])
            prev_end = en
        more = list(dict.fromkeys(more))
        return [name, *more] if more else []
    parts = [p.strip() for p in _REGIMEN_SPLIT.split(name) if p and p.strip()]
    more = [p for p in parts[1:] if (t := v.term_for_name(p)) is not None and t.category == category] if len(parts) >= 2 else []
    # ('myeloma with CNS involvement', 'breast cancer with brain metastases': the second is had too)
    found = [(st, en, t) for st, en, t in v.find_terms(name) if t in v.terms and v.terms[t].category == category]
    if found and found[0][0] == 0:
        # (the second named with the whole it is of: 'CNS involvement (myeloma with CNS involvement)' is of the myeloma)
        more += [f"{name[st:en]} ({name.strip()})" for (_, pe, _), (st, en, _) in zip(found, found[1:])
                 if _WITH.fullmatch(name[pe:st]) and re.fullmatch(r"\s*(?:[,;.]|$).*", name[en:])]  # (not '… ruled out', '… risk')
        w = _WITH.search(name, found[-1][1])
        if (w is not None and not name[found[-1][1] : w.start()].strip() and (rest := name[w.end() :].strip(" .;,"))
                and _DISEASE_NOUN.search(rest) and not any(st >= w.end() for st, _, _ in found)
                and not _NOT_THE_TERM.search(rest) and not _ABOUT_THE_CONDITION.search(rest)):
            # ('diabetes with nephropathy': a second condition the vocabulary does not name is had too, and unnamed it
            # keeps a complete record open; read as the diabetes alone, 'No renal disease' passed)
            more.append(rest)
    more = list(dict.fromkeys(more))
    return [name, *more] if more else []


def _term_in(v: Vocabulary, name: str, category: str) -> Term | None:
    """'Bortezomib 1.3 mg/m2 SC', 'Multiple myeloma, IgG kappa': the term a longer name opens with,
    if it is of the list's own kind ('Bortezomib-induced neuropathy' is not the drug)."""
    found = v.find_terms(name)
    if found and found[0][0] == 0 and v.terms[found[0][2]].category == category:
        term = v.terms[found[0][2]]
        rest = name[found[0][1] :]
        if not re.match(r"\s*-?\s*(?:induced|related|associated|caused|toxicity|neuropathy)", rest, re.IGNORECASE) and not (
                _NOT_THE_TERM.search(rest)) and not (category == "condition" and _ABOUT_THE_CONDITION.search(rest)) and not (
                _WHOSE_UNSAID.match(rest)) and not (category == "condition" and _UNSAID_OF_IT.search(rest)) and not (
                _NOT_THEN_MORE.match(rest)) and not (category == "condition" and _about_the_condition(term, rest)):
            return term
    return None


def _about_the_condition(term: Term, rest: str) -> bool:
    """Whether the words after a condition's name make the entry about it rather than it: a prevention, an exposure or
    an alarm, with more words; a clear test of an infection, a thrombosis or a stroke; a load of the virus under a limit;
    an antibody to viral hepatitis; a cancer's prevention, or a clear screening for it (a cancer keeps its markers)."""
    if _LOAD_BELOW.match(rest) or ("viral_hepatitis" in term.ancestors and _HEPATITIS_ANTIBODY.match(rest)):
        return True
    if _MARKED_KINDS & term.ancestors:
        return _PREVENTED_OR_SCREENED_CLEAR.match(rest) is not None
    return bool(_ABOUT_IT_AND_MORE.match(rest) or (_TESTED_CLEAR.match(rest) and _RULED_OUT_BY_TEST & term.ancestors))


def _names_a_term_not_had(v: Vocabulary, name: str, category: str) -> bool:
    """'HIV negative', 'stroke ruled out': a name opening with a term of the list's kind, then words saying the patient
    does not have it."""
    found = v.find_terms(name)
    rest = name[found[0][1] :] if found else ""
    return bool(found) and found[0][0] == 0 and v.terms[found[0][2]].category == category and not (
        category == "condition" and _UNSAID_OF_IT.search(rest)) and not _NOT_THEN_MORE.match(rest) and bool(
        _NOT_THE_TERM.search(rest) or (category == "condition" and _ABOUT_THE_CONDITION.search(rest)))


_WHOSE_UNSAID = re.compile(r"(?i)\s*(?:[,;(\[—–-]?\s*(?:(?:her|his|fhx?\s*:?)\s+)?|\([^)]*?\b)(?:husband|wife|spouse|partner)s?(?:'s)?\b")
"""A spouse right after a name, or in its bracket ('hepatitis B (husband)', 'stroke (husband deceased)', 'HIV (brother,
wife)'): the spouse's, or the patient's with a note? Not said: the entry names nothing the vocabulary reads, and a complete
record stays open."""
BLOOD_RELATIVES = (r"(?:mother|father|sister|brother|sibling|parent|grandmother|grandfather|grandparent|aunt|uncle|son|daughter|"
                   r"cousin|relative|niece|nephew|mom|dad)s?|family|first[\s-]+degree\s+relatives?|fdrs?")
RELATIVES = BLOOD_RELATIVES + r"|(?:husband|wife|spouse)s?"
"""Words for a relative (one list for record names here and for statuses in the evaluator; a spouse only in statuses,
since '(husband deceased)' after a name may be said of the patient's own condition)."""
_GAVE_TO = (r"(?:(?:the\s+)?(?:patient|pt)\s+(?:was|is|as)\s+(?:the\s+|a\s+)?donor\b|(?:the\s+)?(?:patient|pt)\s+donated\b|"

            r"(?:(?:was|is|as)\s+(?:the\s+|a\s+)?)?(?:donor|donated)\s+(?:for|to)\s+(?:(?:his|her|their|a|the)\s+)?(?:"
            + RELATIVES + r")(?:'s)?\b)")
PATIENT_DONOR = re.compile(r"(?i)\b" + _GAVE_TO + r"|^\s*donor\s*\.?\s*$")
"""A transplant's status that says the patient gave it ('patient was the donor', 'donor for sister', 'donated to her
brother'): not the patient's transplant. The subject must be the patient: 'brother was the donor', 'sister as donor',
'donated by sister', 'donor to recipient sex mismatch' say who gave the patient's own."""
DENIAL_TAIL = (r"(?:\s*[-–:(,]?\s*(?:(?:per|by)\s+(?:the\s+)?(?:patient|pt|history|report|family)|(?:on|by|after)\s+(?:repeat\s+)?"
               r"(?:imaging|exam|examination|MRI|CT|PET|testing|tests?|workup|work-up|evaluation|biopsy)|known|reported|to\s+date|"
               r"\(\s*(?:MRI|CT|PET|biopsy|imaging)(?:\s+\d{4}(?:-\d{2})?)?\s*)\s*\)?)*\s*\.?\s*$")
"""What may follow a denial and leave it one: who said it or how it was found ('denied per patient', 'ruled out after
MRI', 'none known', '(MRI 2024)'); not a finding ('none (old infarct on MRI)', 'no - resolved')."""
_TEST_NEGATIVE = (
    r"(?:(?:negative|neg|normal|unremarkable)\s+(?:work-?up|evaluation|imaging|MRI|CT|PET|biopsy|testing|tests?|bone\s+marrow|marrow)|"
    r"(?:work-?up|evaluation|imaging|MRI|CT|PET|biopsy|testing|tests?|bone\s+marrow(?:\s+biopsy)?|marrow)\s+(?:negative|neg|normal|"
    r"unremarkable))")
CONDITION_DENIED = (
    r"(?:absent|none|no|nil|not\s+present|denied|denies|refuted|ruled[\s-]+out|no\s+history|no\s+hx|patient\s+denies|none\s+known|"
    r"none\s+reported|negative|neg|never(?:\s+(?:had|diagnosed|occurred|happened)(?:\s+(?:it|one|any))?)?|"
    r"did\s+not\s+(?:occur|happen|have\s+(?:it|one|any))|not\s+true|false|(?:a\s+)?mimic|"
    # ('workup negative', 'MRI negative', 'negative biopsy': what was found is that it is not there)
    + _TEST_NEGATIVE + r")" + DENIAL_TAIL)
"""A condition's whole status that denies it ('absent', 'denied per patient', 'never had', 'workup negative'): recorded as
absent, as `present: false` is ('no stroke on MRI': see `_denied_on_test`)."""
_CONDITION_DENIED = re.compile(r"(?i)^\s*" + CONDITION_DENIED)
TEST_NEGATIVE = re.compile(r"(?i)^\s*" + _TEST_NEGATIVE + DENIAL_TAIL)
"""A whole status that a test found nothing ('bone marrow negative', 'PET negative', 'negative biopsy'): of a cancer or its
spread, the response to treatment, perhaps, not the absence of the diagnosis (see `RESPONSE_CLASSES`)."""
RESPONSE_CLASSES = frozenset({"malignancy", "distant_metastases", "cns_involvement", "peritoneal_metastases", "leptomeningeal_disease",
                              "bone_marrow_metastases"})
"""A cancer and its spread: a negative test of one recorded may be its remission after treatment."""
_NO_THEN = re.compile(r"(?i)^\s*no\s+(?:evidence\s+of\s+)?(?:an?\s+)?(?=\w)")
_ON_TEST = re.compile(r"(?i)\s+(?:on|by|per)\s+(?:repeat\s+)?(?:MRI|CT|PET|imaging|biopsy|exam|examination|work-?up|evaluation|testing)"
                      + DENIAL_TAIL)


def _denied_on_test(v: Vocabulary, said: str, term: Term | None) -> bool:
    """Whether a condition's status denies it by a test, naming the entry's own term right after 'no' ('no stroke on MRI');
    not what a test found of a disease that is there ('no recurrence on CT', 'no new stroke on MRI', 'no residual disease
    on PET', 'no active bleeding on CT', 'no progression on MRI')."""
    m = _NO_THEN.match(said)
    if m is None or term is None:
        return False
    rest = said[m.end():]
    found = v.find_terms(rest)
    return bool(found) and found[0][0] == 0 and found[0][2] == term.id and _ON_TEST.fullmatch(rest[found[0][1]:]) is not None


_NOT_A = re.compile(r"(?i)^\s*(?:(?:it\s+)?(?:was|is)\s+)?not\s+(?:an?\s+)?(?:(?:true|real|actual|confirmed)\s+)?(?=\w)")


def not_a(v: Vocabulary, said: str, classes: set[str] | frozenset[str]) -> bool | None:
    """Whether a condition's status says it is not what the entry names ('stroke', 'not a stroke'; 'not a cerebrovascular
    event'): a denial (True); not of a narrower kind ('not an ischemic stroke': perhaps another stroke) nor of something
    else, nor with a tail that says what kind it was ('not ischemic stroke - hemorrhagic': a stroke all the same) (False);
    None where the tail names another condition ('not a stroke, TIA': what it was instead, perhaps what is asked)."""
    m = _NOT_A.match(said)
    if m is None:
        return False
    rest = said[m.end():]
    found = v.find_terms(rest)
    if not (found and found[0][0] == 0 and found[0][2] in classes):
        return False
    tail = rest[found[0][1]:]
    if re.fullmatch(DENIAL_TAIL, tail, re.IGNORECASE):
        return True
    # ('- hemorrhagic': with the term, 'hemorrhagic stroke', a kind of it; ', TIA', '- migraine': something else)
    said_kind = " ".join(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", tail))
    words = rest[: found[0][1]].split()
    for i in range(len(words)):
        head = " ".join(words[i:])
        of_head = v.find_terms(head)
        if not (of_head and of_head[0][0] == 0 and of_head[0][1] == len(head)):
            continue
        kind = f"{said_kind} {head}"
        named = v.find_terms(kind)
        if (named and named[0][0] == 0 and named[0][1] == len(kind) and named[0][2] in v.terms
                and of_head[0][2] in v.terms[named[0][2]].ancestors):
            return False
    return None


NAMED_DENIALS = "named-denials:"
"""A mark among the denied term ids: the record holds an absence that names what it sets apart (`named_denials`)."""
BESIDES_OWN = "besides-own:"
"""The prefix of a term id recorded absent as one besides the patient's own ('other malignancy': absent)."""
_BESIDES_OWN = re.compile(r"(?i)\s*(?:any\s+)?(?:other|another|second(?:ary)?|additional|prior|previous)\b")
_BESIDES_NAMED = re.compile(r"(?i)\b(?:other\s+than|besides|apart\s+from|except(?:\s+for)?|excluding|aside\s+from)\b")


def _besides_named(v: Vocabulary, name: str, term: Term) -> frozenset[str]:
    """The kinds an entry recorded absent sets apart ('malignancy other than myeloma': multiple myeloma), '?' where the
    words after the marker name none the vocabulary knows; none without such a marker."""
    m = _BESIDES_NAMED.search(name)
    if m is None:
        return frozenset()
    named = frozenset(t for _, _, t in v.find_terms(name[m.end():]) if t != term.id)
    return named or frozenset({"?"})


def _besides_own(v: Vocabulary, name: str, term: Term) -> bool:
    """Whether an entry recorded absent names one besides the patient's own: 'other malignancy', 'second primary
    malignancy'; not 'secondary amyloidosis', whose first word is of the name of the term it names (AA amyloidosis;
    'amyloidosis' alone names another). ('malignancy other than myeloma' names what it sets apart: `_besides_named`.)"""
    if _BESIDES_NAMED.search(name):
        return False
    m = _BESIDES_OWN.match(name)
    return m is not None and any(t == term.id for _, _, t in v.find_terms(name[m.end():]))

_SAYS_THERE = re.compile(r"(?i)(?:(?:still|currently|now)\s+)?(?:active|ongoing|current|recurr\w*|relaps\w*|uncontrolled|confirmed|"
                         r"given|received|infused|administered|started|present)(?:\s*[,;/]\s*(?:active|ongoing|current|"
                         r"uncontrolled|confirmed|present))*\s*\.?")
_SAYS_NOT_THERE = re.compile(r"(?i)\b(?:ruled[\s-]+out|denied|denies|negative|absent|excluded|refuted|none|never|no|not|without|"
                             r"cancel+ed|declined|refused|planned|family|fhx?|" + RELATIVES + r")\b|n't\b")
"""Beside `present: false`, a whole status that says the item is there now, or was given ('active', 'ongoing', 'confirmed',
'infused'; not 'received HBV vaccine series', 'confirmed by 4th-gen test', which may say how its absence was found),
and the words that agree with `false` ('ruled out', 'family history', 'not confirmed'). Not a doubt or an end, which agree
with an absence now ('suspected; biopsy benign', 'presumed TIA', 'currently asymptomatic', 'resolved', 'discontinued')."""


_NOT_THE_TERM = re.compile(
    r"(?i)^\s*[,:;(\[\u2013\u2014-]?\s*(?:(?:(?:test|tests|tested|testing|screen|screening|screened|serology|PCR|antibody|status)\s+)?"
    r"(?:negative|neg|ruled\s+out|excluded|declined|refused|not|no|never|suspected|query)\b|\?|"
    # ('stroke: denied', 'CVA - none': the rest says only that; not 'stroke, none since 2020', 'stroke: nil deficits'),
    # ('HIV-', 'HIV (-)', 'stroke = no')
    r"(?:denied|denies|none|absent|nil|refuted)" + DENIAL_TAIL + r"|\(?\s*-\s*\)?\s*$|=\s*(?:no|none|negative|neg|absent)\s*\.?\s*$|"
    r"in\s+(?:his\s+|her\s+|the\s+)?(?:mother|father|sister|brother|sibling|parent|grandmother|grandfather|aunt|uncle|son|daughter|family)\b|"
    r"[(\[—–-]?\s*(?:(?:family\s+history|family\s+hx|fam\s+hx|fhx?)\s*[)\]]?\s*\.?\s*$|(?:(?:family\s+history|family\s+hx|fam\s+hx|fhx?)\s*:?\s*|"
    r"(?:her|his|both|two|older|younger|deceased|maternal|paternal|patient's|\d+)\s+)*(?:" + BLOOD_RELATIVES + r")(?:'s)?\b"
    r"(?:[\s,/&:'-]+(?:and|age|at|deceased|only|her|his|both|two|older|younger|maternal|paternal|patient's|family\s+history|"
    r"\d+|" + BLOOD_RELATIVES + r")(?:'s)?\b)*\s*[)\]]?\s*\.?\s*$)|"
    # ('CAR-T planned', 'radiotherapy simulation', 'transplant evaluation': a plan, not the thing; only as the name's last
    # words: 'paclitaxel (planned 6 cycles, received 4)', 'myocardial infarction, referred to cardiology' are the thing)
    r"(?:planned|scheduled|proposed|simulation|planning|evaluation|work-?up|referral|candidate|consult(?:ation)?)\s*\)?\s*$|"
    # ('allogeneic stem cell transplant (donor for sister)', '… (patient was the donor)': given, not received; not
    # 'SCT (brother donor)', the patient's from a brother)
    r"[(\[]?\s*" + _GAVE_TO + r"[^)\]]*[)\]]?\s*\.?\s*$)")
"""Words right after a term that make a longer name something else than the patient having it ('HIV negative', 'breast
cancer in mother', 'stroke ruled out', 'chemotherapy declined'; not 'breast cancer, HER2 negative'): such a name is not
read as the term."""
_ABOUT_THE_CONDITION = re.compile(
    r"(?i)^\s*[,:;(-]?\s*(?:screen|screening|testing|test|exposure|exposed|pre-?exposure(?:\s+prophylaxis)?|PrEP|prophylaxis|"
    r"prophylactic|prevention|preventive|risk|gene\s+carrier|mutation\s+carrier|vaccination|vaccine)\b[^,;:]{0,25}$"
    r"(?<!positive)(?<!\bpos)(?<!reactive)(?<!detected)(?<!confirmed)")
"""For a condition, words right after it that make the name about it, not it ('HIV pre-exposure prophylaxis', 'DVT
prophylaxis', 'breast cancer screening'); for a therapy they say what it was given for ('acyclovir prophylaxis')."""
_UNSAID_OF_IT = re.compile(
    # ('HIV status unknown', 'HIV status: not known / not disclosed / not assessed', 'HIV test: not done', 'HIV screen:
    # declined', 'hepatitis B status: immune' (by a vaccine, or a past infection?)): whether the patient has it is not said
    r"(?i)^\s*[,:;(-]?\s*(?:(?:test|tests|testing|screen|screening|serology|status|PCR)(?:\s*[:=]\s*|\s*[-\u2013]\s+|\s+))"
    r"(?:unknown|not\s+(?:known|disclosed|documented|assessed|available|recorded|done|tested|performed)|unclear|pending|immune|"
    r"non-?immune|indeterminate|equivocal|declined|refused|never\s+tested|query|\?|no(?=\s*(?:$|[.;,)]))|"
    r"not\s+(?:infected|detected|reactive|present))|"
    # ('HIV: unknown (not tested)', 'HIV - unclear if infected', 'hepatitis C: pending confirmation', 'stroke - pending MRI')
    r"^\s*[,:;(-]?\s*(?:unknown|not\s+known|unclear|pending|indeterminate|equivocal|not\s+(?:ruled\s+out|excluded))\b|"
    # ('Hepatitis B immune (vaccinated)', 'Hepatitis B - immune by vaccination', 'Hepatitis B: not immune', 'TB - not
    # vaccinated (BCG)': immunity, by a vaccine or a past infection, or none)
    r"^[^,;]{0,20}?\b(?:immune|immunity|vaccinated|vaccination|vaccine|immuni[sz]ed|immuni[sz]ation|BCG)\b|"
    # ('hepatitis B screen: negative', 'stroke work up negative', 'HIV test: no': a test of it, whose result a cured or
    # resolved one may show too, and a screening result says nothing of before; 'hepatitis B surface antigen negative',
    # 'HCV RNA undetectable after treatment', 'HIV viral load undetectable': one marker negative now)
    r"^\s*[,:;(-]?\s*(?:(?:carrier\s+(?:test|tests|testing|screen|screening|serology)|work[\s-]?up|evaluation|"
    r"(?:surface\s+|core\s+|e\s+)?(?:antigen|antibody|antibodies|Ag|Ab)|(?:-?\d\s+)?(?:DNA|RNA)|viral\s+load)"
    r"(?:\s*[:=]\s*|\s*[-\u2013]\s+|\s+)|(?:test|tests|tested|testing|screen|screening|screened|serology|PCR|status)"
    r"(?:\s*[:=]\s*|\s*[-\u2013]\s+))(?:negative|neg|non-?reactive|not\s+detected|undetected|undetectable|ruled\s+out|"
    r"excluded)\b|"
    # ('hepatitis B contact', 'TB household contact 2019', 'HIV contact (partner)', 'TB: contact', 'HIV contact tracing': a
    # contact of someone with it, or the case? Not 'hepatitis B, contact dermatitis', 'hepatitis B: contact precautions')
    r"^\s*(?:[-(]\s*)?(?:household\s+|close\s+|sexual\s+)?contacts?\b(?!\s*(?:dermatitis|precautions|isolation))|"
    r"^\s*[:(]\s*(?:household\s+|close\s+)?contacts?\s*\)?\s*\.?\s*$|"
    # ('stroke-like episodes', 'stroke like symptoms': like it, not it; not 'stroke, like before')
    r"^(?:\s*[-\u2010\u2011\u2013]\s*|\s+)like\b|"
    # ('HIV nonreactive', 'HIV seronegative', 'TB IGRA negative', 'Tuberculosis - PPD negative', 'DVT: Doppler negative',
    # 'stroke - MRI negative': a test's result after the name; read as the condition, a wrong fail)
    r"^\s*[,:;(\[-]?\s*(?:non-?reactive|sero-?negative)\b|"
    r"^\s*[,:;(\[-]?\s*(?:[\w/]+\s+){0,3}?(?:IGRA|QuantiFERON|QFT|PPD|TST|skin\s+test|Doppler|US|ultrasound|duplex|CT|CTA|CTPA|"
    r"MRI|MRA|V/Q|troponin|culture|HBsAg|sAg|HBcAb|Ag|Ab|antibody|screen)(?:\s+(?:head|brain|chest|scan|leg|legs|test))?"
    r"\s*(?:[:=]\s*|-\s*|\s+)?(?:negative|neg|non-?reactive|not\s+detected|"
    r"normal|unremarkable)\b")
"""Words right after a condition's name that leave open whether the patient has it, has had it, or it is another's (a test
and its result, one marker negative, a contact, a likeness, a vaccination, a status not said): the entry names nothing the
vocabulary reads, and a complete record stays open (read as a denial, a cured hepatitis C 'HCV RNA undetectable after
treatment' passed 'History of hepatitis C' in the closed world; read as the term, 'HIV test: not done' failed 'Known HIV
infection')."""
_ABOUT_IT_AND_MORE = re.compile(
    # ('HIV post-exposure prophylaxis', 'HIV PEP 2019', 'DVT prophylaxis: enoxaparin 40 mg', 'HIV pre-exposure
    # prophylaxis, tenofovir/emtricitabine daily', 'stroke alert 2025, MRI negative', 'code stroke', 'stroke risk
    # assessment'): the words open on what the entry is about (a prevention, an exposure, an alarm raised), and go on past
    # what `_ABOUT_THE_CONDITION` reads as a denial. Read as the condition, a wrong fail ('Known HIV infection' for a
    # nurse's post-exposure prophylaxis); what the rest says is not read, so the entry names nothing: open in both worlds
    r"(?i)^\s*[,:;(\[-]?\s*(?:post[\s-]?exposure|pre[\s-]?exposure|PEP|PrEP|prophylaxis|prophylactic|prevention|preventive|"
    r"exposure|exposed|risk|screening|alert|code(?!\s*[:=]?\s*(?:[A-Z]\d|(?!(?:19|20)\d\d\b)\d))|activation|vaccination|vaccine)\b"
    # (not where a positive result follows in the same part, 'HIV screening positive': read as before; after a comma it
    # may be another's, 'HIV post-exposure prophylaxis, source patient positive', or the patient's, 'HIV screening,
    # confirmed positive by western blot': not said)
    r"(?![^,;]*\b(?:positive|pos|reactive|detected|confirmed|seroconver\w*)\b)")
"""A condition's name followed by words on what it is about, whatever follows them (see `_ABOUT_THE_CONDITION` for the
short ones read as not had)."""
_TESTED_CLEAR = re.compile(
    # ('HIV rapid test negative', 'HIV Ab/Ag combo negative', 'HIV RNA PCR not detected', 'HIV 4th generation test
    # negative', 'TB chest x-ray negative', 'stroke - MRI brain unremarkable', 'Hepatitis B panel negative'): words of a
    # test, then a clear result, in the name's first part. The test of it is clear, which the patient's own condition
    # (treated, resolved, or not shown by that test) may show too: read as the condition it was a wrong fail, and as a
    # denial it would go beyond what the words say. Not after a positive word ('HIV positive CD4 normal': of the CD4), a
    # year or words of its course ('stroke 2019 with normal recovery', 'HIV on ART viral load undetectable': it was had)
    r"(?i)^\s*[,:;(\[\u2013\u2014-]?\s*(?:(?!(?:positive|pos|reactive|detected|confirmed|on|with|after|since|post|following|"
    r"treated|cured|controlled|suppressed|resolved|recovered|CD4|(?:19|20)\d\d)\b)[\w/+.<>-]+\s*[:=]?\s*){0,6}?"
    r"(?:negative|neg|non-?reactive|not\s+detected|undetected|undetectable|unremarkable|normal|clear|"
    r"within\s+normal\s+limits|WNL)\b")
"""A condition's name followed, in its first part, by words and a clear result: a test of it was clear."""
_RULED_OUT_BY_TEST = frozenset({"infection", "venous_thromboembolism", "cerebrovascular_disease"})
"""Kinds a clear test after the name rules out or leaves open (an infection, a thrombosis, a stroke: 'HIV rapid test
negative', 'DVT: Doppler negative'); after another kind's name the result is of its course ('type 2 diabetes HbA1c
normal', 'hypothyroidism: TSH normal', 'MI echo normal': it is had)."""
_LOAD_BELOW = re.compile(
    # ('HBV DNA < 20 IU/mL', 'HIV viral load <50 copies', 'HCV RNA below the limit of quantification'): a measure of it
    # under a limit, which a treated or cleared infection shows too (read as the infection, a wrong fail)
    r"(?i)^\s*[,:;(\[-]?\s*(?:(?:-?\d\s+)?(?:DNA|RNA)|viral\s+load|VL|PCR)\s*[:=]?\s*(?:<|≤|less\s+than|below|under|lower\s+than|"
    r"0(?:\.0+)?\s*(?:IU|copies|cp|c/mL)\b)"
    # (not where the rest says it is had: 'HIV viral load <50 copies on ART', 'HBV DNA < 20 IU/mL, HBsAg positive'; a
    # positive antibody is not it, 'HBV DNA < 20 IU/mL, HBsAg negative, anti-HBc positive')
    r"(?!.*\b(?:on|ART|HAART|cART|antiretroviral|antivirals?|treated|treatment|therapy|entecavir|tenofovir|chronic|known)\b)"
    r"(?!.*\b(?:HBsAg|sAg|HBeAg|surface\s+antigen|antigen|DNA|RNA|viral\s+load|PCR)\s*[:=]?\s*(?:positive|pos|detected|detectable|"
    r"reactive|\+))")
"""A condition's name followed by a measure of it under a limit."""
_HEPATITIS_ANTIBODY = re.compile(
    # ('hepatitis B surface antibody positive (vaccinated)', 'Hepatitis B core antibody positive, surface antigen negative',
    # 'HCV antibody positive', 'hepatitis B: anti-HBs positive'): an antibody to viral hepatitis, left by a vaccine or an
    # infection that cleared; whether the patient has (or had) it is not said (read as the infection, a wrong fail of
    # 'Known hepatitis B infection' for a vaccinated patient). (Not HIV: its antibody is the infection.)
    r"(?i)(?:^\s*[,:;(\[-]?\s*(?:(?:surface|core|s|c|e|HB[sce])[\s-]*)?(?:antibody|antibodies|Ab|IgG|total\s+antibody)\b|"
    r"^\s*[,:;(\[-]?\s*(?:anti[\s-]*HB[sce]|HB[sce][\s-]*Ab|anti[\s-]*HCV)\b)"
    # (not where an antigen or the virus is said found too: 'core antibody positive, HBsAg positive')
    r"(?!.*\b(?:HBsAg|sAg|HBeAg|surface\s+antigen|antigen|DNA|RNA|viral\s+load|PCR)\s*[:=]?\s*(?:positive|pos|detected|detectable|"
    r"reactive|\+|(?!0(?:\.0+)?\b)\d))")
"""A viral hepatitis's name followed by one of its antibodies."""
_PREVENTED_OR_SCREENED_CLEAR = re.compile(
    # ('breast cancer prophylaxis: bilateral mastectomy (BRCA1)', 'breast cancer screening: mammogram normal'): a cancer's
    # prevention, or its screening that was clear, whatever follows (not 'breast cancer (screening mammogram), stage I',
    # found by screening; nor 'Multiple myeloma, risk: high', its risk group)
    r"(?i)^\s*[,:;(\[-]?\s*(?:prophylaxis|prophylactic|prevention|preventive|risk[\s-]+reducing|chemoprevention)\b|"
    r"^\s*[,:;(\[-]?\s*screening\b(?![^,;]*\b(?:positive|pos|detected|confirmed|found|diagnosed|stage|grade|carcinoma|biopsy)\b)"
    r"[^,;]*?\b(?:negative|neg|normal|unremarkable|clear|benign)\b")
"""A malignancy's name followed by words of its prevention, or of a screening for it that was clear."""
_MARKED_KINDS = frozenset({"malignancy"})
"""Kinds whose name a clear result or words of what it is about may follow and the entry still be one ('breast cancer ER
negative', 'myeloma, FISH normal', 'lung adenocarcinoma EGFR negative': a marker of the disease, which is had; 'Multiple
myeloma, risk: high', 'breast cancer (screening mammogram), stage I': its risk group, how it was found)."""
_NOT_THEN_MORE = re.compile(
    # ('HIV - not suppressed', 'stroke - no residual deficit', 'hepatitis C - not cured', 'breast cancer - no evidence of
    # disease', 'bortezomib - no response', 'HIV - never started ART': a bare 'not', 'no' or 'never' after the name that
    # goes on to something else than denying it; read as a denial, a complete record took the patient's own HIV for none.
    # A denial ('HIV: no', 'stroke (not confirmed)', 'HIV: no known history', 'CAR-T: not eligible', 'bortezomib: not
    # given') is read as before)
    r"(?i)^\s*[,:;(\[\u2013\u2014-]?\s*(?:not|no|never)\b(?!\s*(?:$|[.;,)\]]|(?:"
    # (a denial says only that, and stops: 'CAR-T: not eligible', 'Stroke - no prior', 'HIV: no known history',
    # 'bortezomib (not yet started)', 'bortezomib - not given due to insurance'; not 'multiple myeloma - not eligible for
    # transplant', 'HIV - not detected on ART', 'lenalidomide - not taken as prescribed', which are it)
    r"(?:known|prior|previous|personal)\s+(?:history|hx)|yet\s+(?:started|given|done|received|performed|infused|administered)|"
    r"suitable\s+donor|donor\s+found|be(?:en)?\s+(?:given|received|infused|done|performed|diagnosed)|"
    r"(?:given|received|infused|administered|started|done|performed)\s+(?:due\s+to|because)\b.*|"
    r"confirmed|present|diagnosed|found|detected|infected|reactive|had|known|hx|history|prior|previous|personal|tested|"
    r"screened|eligible|a\s+candidate|candidate|pursued|indicated|recommended|offered|prescribed|available|approved|covered|"
    r"referred|yet|donor|suitable|applicable|immun\w*|vaccinated|BCG|given|received|infused|administered|started|done|"
    r"performed|taken|used)\s*(?:$|[.;,)\]])))")
"""A bare 'not', 'no' or 'never' right after a name (of any kind) that goes on to something else than a denial: whether the
patient has (or had) it is not said; the entry names nothing read, and a complete record stays open."""


def _may_hold_history(key: str, value: Any, v: Vocabulary) -> bool:
    """Whether a key not read may hold the patient's own history: a name that says so ('medications', 'problem list',
    'notes'), or names a condition, therapy or procedure ('prior transplant', 'hiv status'); a list or a grouping
    ('labs' as a list may show a hepatitis); or text that names one ('notes': 'h/o stroke 2020'). Not a family's history,
    a value that holds nothing ('none', []), nor allergies, demographics and the like unless their text names one."""
    k = norm_key(key)
    if value is None or (isinstance(value, (Mapping, list, str)) and not value) or (
            isinstance(value, str) and value.strip().lower().rstrip(".") in _SAYS_NONE) or _FAMILY_KEY.fullmatch(k):
        return False
    text = "; ".join(_leaf_texts(value))
    if _OTHER_KEY.fullmatch(k) or (_observation_shaped(value) and not _HISTORY_WORDS.search(k)):
        # (a FHIR Observation the vocabulary does not know, '8310-5': {"value": 37.0, "unit": "Cel"}: one value, no history
        # unless its text names some)
        return _names_a_term(v, text) or _names_a_term(v, re.sub(r"[_-]+", " ", key))
    # (a key in capitals: abbreviations are read only so, and a key is often written in lower case, "hiv_status")
    return (isinstance(value, (Mapping, list)) or bool(_HISTORY_WORDS.search(k))
            or _names_a_term(v, re.sub(r"[_-]+", " ", key)) or _names_a_term(v, text))


def _names_a_term(v: Vocabulary, text: str) -> bool:
    """Whether the text names a condition, therapy or procedure, as written or in capitals ('s/p cva 2019': CVA)."""
    return bool(text.strip()) and bool(v.find_terms(text) or v.find_terms(text.upper()))


def _observation_shaped(value: Any) -> bool:
    """A value as a FHIR Observation becomes, `{"value": …, "unit": …, "date": …}` with no `name`, or a list of them."""
    if isinstance(value, list):
        return bool(value) and all(_observation_shaped(x) for x in value)
    return isinstance(value, Mapping) and "value" in value and "name" not in value


def _leaf_texts(value: Any) -> list[str]:
    """The strings a value holds, at any depth, keys of groupings included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [t for k, x in value.items() for t in (str(k), *_leaf_texts(x))]
    if isinstance(value, list):
        return [t for x in value for t in _leaf_texts(x)]
    return []


def _as_list(x: Any) -> list[str]:
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    if isinstance(x, list):
        return [str(i) for i in x]
    return [str(x)]


def _count(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):  # (numpy's numbers too)
        raise PatientDataError(key, value, "a whole number ≥ 0")
    try:
        n = float(value)
    except ValueError:
        raise PatientDataError(key, value, "a whole number ≥ 0") from None
    if not math.isfinite(n) or n < 0 or n != int(n):
        raise PatientDataError(key, value, "a whole number ≥ 0")
    return int(n)


_GRADE_UNSAID = re.compile(r"(?i)\s*(?:unknown|unk|not\s+(?:known|graded|recorded|documented|available|assessed)|ungraded|"
                           r"n/?a|\?+)\s*\.?\s*")
"""A `grade` that says none is known ('unknown', 'not graded'): no grade, as an empty cell."""


def _grade(value: Any, key: str) -> int | None:
    if isinstance(value, str):
        m = re.fullmatch(r"(?i)\s*(?:grade\s*)?([0-5])\s*", value)
        if m:
            return int(m.group(1))
        if _GRADE_UNSAID.fullmatch(value):
            return None  # ('unknown': no grade recorded, not a wrong one)
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):  # (numpy's numbers too)
        g = float(value)
        if math.isfinite(g) and g == int(g) and 0 <= g <= 5:
            return int(g)
    raise PatientDataError(key, value, "a CTCAE grade 0–5")


def _sex(value: Any, key: str) -> str:
    if isinstance(value, str):
        s = value.strip().lower()
        if s in ("f", "female", "woman", "w"):
            return "female"
        if s in ("m", "male", "man"):
            return "male"
        if s in ("other", "unknown", "intersex"):
            return s
        if s in _SEX_UNKNOWN or s in NO_RESULT:
            return "unknown"  # ('U', as HL7 writes it, 'not stated')
        if s in _SEX_OTHER or s.startswith(("trans ", "transgender")):
            return "other"  # (which limits of one sex apply is not said)
    raise PatientDataError(key, value, "'female' or 'male' (or 'other', 'intersex', 'unknown')")


_SEX_UNKNOWN = {"u", "unk", "not known", "not stated", "undisclosed", "prefer not to say", "declined", "unspecified"}
_SEX_OTHER = {"x", "nonbinary", "non-binary", "non binary", "gender diverse", "genderqueer"}
NO_RESULT = frozenset({"unknown", "not known", "n/a", "na", "n.a.", "not applicable", "not done", "not performed", "not tested",
                       "not assessed", "not measured", "not available", "unavailable", "pending", "awaiting", "awaiting result",
                       "awaiting results", "to follow", "result to follow", "results to follow", "cancelled", "canceled",
                       "missing", "?", "none recorded", "not recorded", "unk"})
"""Words a record writes in place of a result ('not done', 'pending', 'N/A'): no value, reported, not an error."""


def _finding(value: Any, key: str, c: Concept | None = None, censored: bool = False) -> str:
    if isinstance(value, bool):
        return "positive" if value else "negative"
    if isinstance(value, str):
        s = re.sub(r"\s+", " ", value.strip().lower()).rstrip(".").strip()  # ('Negative.', 'neg.')
        s = re.sub(r"\s*\((?:qualifier value|finding)\)$", "", s).rstrip(".").strip()  # (SNOMED's 'Negative (qualifier value)')
        s = re.sub(r"\s*[(,]\s*(?:urine|serum|blood|plasma|qualitative|quantitative)\s*\)?$", "", s)  # ('negative (urine)')
        if c is not None and c.id in _VIRUS_AB and s in _SUPPRESSED:
            # ('HIV': 'undetectable' is a viral load kept down in one who has HIV, not a negative antibody test)
            return "indeterminate"
        if s in _POSITIVE:
            return "positive"
        if s in _NEGATIVE:
            return "negative"
        if s in _NEITHER:
            return "indeterminate"  # (a result that says neither: the criterion stays open)
        if c is not None and c.kind == "flag" and _NOT_IN_STATE.fullmatch(s):
            return "negative"  # ('pregnant': 'not pregnant')
        if s in NO_RESULT:
            return "indeterminate"  # ('pregnant': 'unknown', 'HBsAg': 'pending': no result, and no earlier one stands for it)
        if c is not None and c.kind == "flag" and s in _UNSURE_STATE:
            return "indeterminate"  # ('pregnant': 'possibly'; a lab result 'maybe' is no result word, an error)
    amount = _amount(value)
    if amount is not None and c is not None:
        number, written_censored = amount
        censored = censored or written_censored  # ('<20 IU/mL', or {"value": 20, "comparator": "<"})
        if not c.quantified:
            # (an amount for a result read as positive or negative, 'hCG 3 mIU/mL': which it is, is not said here)
            return "indeterminate"
        if censored:
            return "indeterminate"  # ('<20 IU/mL': below what is counted, detected or not)
        return "positive" if number > 0 else "negative"
    raise PatientDataError(key, value, "true/false or a word such as 'positive', 'negative', 'detected', 'not detected'")


_ONE_HTLV = re.compile(r"(?i)htlv[\s_-]*(?:1|2|i|ii)(?:[\s_-]*(?:antibody|ab|serology))?")
"""A record key naming one of the two HTLV types."""


def htlv_type(key: str) -> str | None:
    """'1' or '2' for a record key naming one HTLV type ('HTLV-1', 'htlv ii antibody'), else None.

    >>> htlv_type("HTLV-II"), htlv_type("HTLV-1 antibody"), htlv_type("HTLV")
    ('2', '1', None)
    """
    if not _ONE_HTLV.fullmatch(key.strip()):
        return None
    return "2" if re.match(r"(?i)htlv[\s_-]*(?:2|ii)", key.strip()) else "1"


_NEITHER = {"indeterminate", "equivocal", "inconclusive", "borderline", "invalid", "undetermined", "ind", "weakly reactive",
            "weakly positive", "weak positive", "low positive", "<lloq", "< lloq", "below lloq", "detected <lloq",
            "detected, <lloq", "detected below lloq", "detected, not quantifiable", "detected not quantifiable"}
_UNSURE_STATE = {"possibly", "possible", "maybe", "uncertain", "unsure", "suspected", "probable", "questionable"}
_NOT_IN_STATE = re.compile(r"(?:not|no longer|never)\s+(?:currently\s+)?(?:pregnant|lactating|breast-?\s?feeding|nursing)")
_VIRUS_AB = frozenset({"hiv_antibody", "htlv_antibody", "hcv_antibody"})
_SUPPRESSED = {"undetectable", "not detectable", "suppressed", "undetectable viral load"}
_AMOUNT = re.compile(r"(?i)^\s*(<=|>=|≤|≥|<|>)?\s*(\d+(?:[.,]\d+)*)\s*(?:(?:iu|copies|cp|mu|miu|u)\s*/\s*m?l|iu|copies|cp|"
                     r"(?P<log>log\s*(?:10)?(?:\s*(?:iu|copies|cp)\s*/\s*m?l)?))?\s*$")


def _amount(value: Any) -> tuple[float, bool] | None:
    """A finding given as an amount ('1500 IU/mL', 1500, '<20 IU/mL'): the number, and whether it is censored."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        x = float(value)
        return (x, False) if math.isfinite(x) and x >= 0 else None
    if isinstance(value, str):
        m = _AMOUNT.match(value)
        if m is not None:
            number = m.group(2)
            if m.group("log") and re.fullmatch(r"\d+,\d{1,2}", number):
                number = number.replace(",", ".")  # ('2,5 log': a decimal comma, as logs are written in much of Europe)
            try:
                x = float(number.replace(",", ""))
            except ValueError:
                return None
            if m.group("log"):
                if x > 15:
                    return None  # (no viral load is 10^15 IU/mL: not read as one)
                if x == 0:
                    return 0.0, True  # ('0 log', 1 IU/mL, is no count a laboratory reports as found: neither)
                x = 10.0 ** x  # ('2.5 log10 IU/mL' detected; '<1.3 log' below what is counted)
            return x, bool(m.group(1))
    return None


def _score(c: Concept, value: Any, key: str) -> float:
    n: float | None = None
    if isinstance(value, bool):
        n = None
    elif isinstance(value, (int, float)):
        n = float(value)
    elif isinstance(value, str):
        s = value.strip().lower()
        s = re.sub(r"^(?:class|grade|nyha|ecog|kps|karnofsky)\s*", "", s).strip().rstrip("%").strip()
        if s in _ROMAN and c.id == "nyha":
            n = float(_ROMAN[s])
        else:
            try:
                n = float(s)
            except ValueError:
                n = None
    lo, hi = c.scale or (0, math.inf)
    if n is None or not (lo <= n <= hi) or (c.id != "karnofsky" and c.id != "lansky" and n != int(n)):
        scale = f"{format_number(lo)}–{format_number(hi)}" if c.scale else "a number"
        raise PatientDataError(key, value, f"a {c.name} score {scale}")
    if c.id in ("karnofsky", "lansky") and (0 < n < 10 or n % 5):
        # (0.8 or 8 for 80: a fraction or tenths, read as written it failed every limit; the scale goes in tens)
        raise PatientDataError(key, value, f"a {c.name} score in tens, 0–100 (such as 80)")
    return n


_VALUE_FIELDS = frozenset({"value", "unit", "date", "uln", "lln", "comparator", "range_unit", "status"})
"""The fields of a value given as a mapping."""
_FINAL_RESULT = re.compile(r"(?i)(?:final|amended|corrected|appended|verified|validated|authori[sz]ed|reported|complete(?:d)?|"
                           r"confirmed|released|signed(?:\s+off)?|"
                           r"resulted|available|preliminary|partial|[fcap])\s*\.?")
"""A value's status that says it is a result, final or not yet ('preliminary': a result all the same; HL7's F, C, A, P)."""
_NO_RESULT_STATUS = re.compile(r"(?i)(?:cancel+ed|entered[\s-]+in[\s-]+error|error|not[\s-]+done|void|invalid|withdrawn|deleted|"
                               r"registered|pending|ordered|requested|scheduled|in[\s-]+progress|[xd])\s*\.?")
"""A value's status that says it is no result ('cancelled', 'entered in error', 'registered', 'pending')."""


def _observation(c: Concept, key: str, item: Any) -> Obs:
    """One value of a concept; mappings carry date, uln, lln."""
    date_ = None
    uln = lln = None
    raw_value: Any = item
    unit: str | None = None
    comparator = ""
    range_unit = None
    if isinstance(item, Mapping):
        if "value" not in item:
            raise PatientDataError(key, item, "a mapping with a 'value'")
        raw_value = item["value"]
        unit = item.get("unit")
        if item.get("date") is not None:
            date_ = parse_date(item["date"], f"{key}.date")
        uln, lln = item.get("uln"), item.get("lln")
        if unit is not None and not isinstance(unit, str):
            # (a DataFrame's empty cell, NaN, or a list: no unit to read)
            raise PatientDataError(f"{key}.unit", unit, "a unit as text, such as '" + _example(c).split(" ", 1)[-1] + "'")
        for bound, name in ((uln, "uln"), (lln, "lln")):
            if not isinstance(bound, numbers.Real) or isinstance(bound, bool):
                continue
            if not math.isfinite(bound):
                raise PatientDataError(f"{key}.{name}", bound, "a finite number in the value's unit (leave it out if unknown)")
            if c.min is not None and c.min >= 0 and bound < 0:
                # (an ALT range up to -41 U/L: a value that cannot be negative has no negative limit)
                raise PatientDataError(f"{key}.{name}", bound, f"a limit ≥ 0 for {c.name}")
            if name == "uln" and bound == 0 and (c.range or {}).get("high", 0) > 0:
                # (an ALT range up to 0 U/L: no multiple of it is a limit; an M-protein's upper limit of 0 is one)
                raise PatientDataError(f"{key}.uln", bound, f"an upper limit above 0 for {c.name}")
        comparator = item.get("comparator") or ""
        if comparator not in ("", "<", "<=", ">", ">="):
            raise PatientDataError(f"{key}.comparator", comparator, "one of '<', '<=', '>', '>='")
        range_unit = item.get("range_unit")
    if c.kind in ("finding", "flag"):
        found = _finding(raw_value, key, c, censored=bool(comparator) if isinstance(item, Mapping) else False)
        if found == "negative" and c.id == "htlv_antibody" and _ONE_HTLV.fullmatch(key.strip()):
            # ('HTLV-1': negative says nothing of HTLV-2, which 'HTLV-I and HTLV-II negative' asks too; a positive one is
            # positive all the same)
            found = "indeterminate"
        return Obs(c.id, found, "", str(raw_value), date_, key=key)
    if c.kind == "score":
        return Obs(c.id, _score(c, raw_value, key), "", str(raw_value), date_, key=key)
    if c.kind == "category":
        return Obs(c.id, str(raw_value).lower(), "", str(raw_value), date_, key=key)
    # quantities and counts
    if isinstance(raw_value, bool):
        raise PatientDataError(key, raw_value, f"a quantity in {c.unit or 'a unit'}")
    key_unit = c.loinc_units.get(key.strip(), c.unit)  # ('2000-8': calcium reported in mmol/L)
    written_unit_said = False
    if isinstance(raw_value, numbers.Real):
        number = float(raw_value)
        written_unit = unit if unit is not None else key_unit
    elif isinstance(raw_value, str):
        m = re.match(r"\s*(<=|>=|≤|≥|<|>)\s*(.*)$", raw_value)
        if m and not comparator:
            comparator = {"≤": "<=", "≥": ">="}.get(m.group(1), m.group(1))
            raw_value = m.group(2)
        try:
            number, written = split_quantity(raw_value)
        except UnitError:
            raise PatientDataError(key, raw_value, f"a number with a unit, such as '{_example(c)}'") from None
        if written and unit is not None:
            raise PatientDataError(key, item, "a unit in the value or in 'unit', not both")
        written_unit = written or unit or key_unit
        written_unit_said = bool(written)
        if _THOUSANDS_POINT.match(raw_value) and c.unit.startswith("10^") and _per_microlitre(c, written_unit, key, raw_value):
            # ('150.000/µl' of platelets, '2.000/µl' of neutrophils: a thousands point, as written in much of Europe, or
            # a decimal one? Read as 150.0/µL, it failed every limit)
            raise PatientDataError(key, raw_value, "a count without a thousands point ('150000/µL' or '150 x10^9/L'): "
                                                   f"'{raw_value.strip()}' may be thousands or a decimal")
    else:
        raise PatientDataError(key, raw_value, f"a quantity such as '{_example(c)}'")
    if not math.isfinite(number):
        raise PatientDataError(key, raw_value, "a finite number")
    factor, convertible = _factor(c, written_unit, key, raw_value)
    value = number * factor if convertible else number
    bare = unit is None and key_unit == c.unit and (isinstance(raw_value, numbers.Real) or not written_unit or written_unit == c.unit)
    if bare and c.unit == "%" and c.range and c.range.get("low") and 0 < value < c.range["low"] / 20:
        # ('HbA1c': 0.079, 'LVEF': 0.55: a fraction where a percentage is read)
        raise PatientDataError(key, raw_value, f"a percentage (a bare number is read in %; this one looks like a fraction: "
                                               f"write it as '{format_number(value * 100)}%')")
    # (a number written as a string with no unit is as bare: '1200' for an ANC as much as 1200)
    bare_number = isinstance(raw_value, numbers.Real) or (isinstance(raw_value, str) and not written_unit_said)
    # (only where another unit is commonly written bare, a factor of 50 or more away: counts per µL for counts per nL, µmol/L
    # for an analyte with a molar mass; an ALT of 2500 U/L or a kappa light chain of 5000 mg/L is no other unit's number)
    counted = c.unit.startswith("10^")
    if (unit is None and key_unit == c.unit and bare_number and c.range and c.range.get("high")
            and (counted or c.molar_mass)
            and c.unit not in ("1", "")):  # (a ratio has no unit to mistake: a kappa/lambda ratio of 500 is one)
        if value > (c.bare_max if c.bare_max is not None else 50 * c.range["high"]):
            raise PatientDataError(key, raw_value, f"a value in {c.unit} (a bare number is read in {c.unit}; "
                                   f"this one looks like another unit: write it with its unit, e.g. '{_example(c)}')")
    if c.min is not None and value < c.min:
        raise PatientDataError(key, raw_value, f"a value ≥ {format_number(c.min)} {c.unit}".rstrip())
    if c.max is not None and convertible and value > c.max:
        raise PatientDataError(key, raw_value, f"a value ≤ {format_number(c.max)} {c.unit}".rstrip())
    ref_factor = factor
    if range_unit:
        ref_factor, ok = _factor(c, range_unit, f"{key}.range_unit", range_unit)
        if not ok:
            ref_factor = factor
    u_canon = lambda x: None if x is None else _ref_value(x, ref_factor, key)  # noqa: E731
    _check_range(c, key, convertible, u_canon(uln), u_canon(lln), uln, lln)
    raw = raw_value if isinstance(raw_value, str) else (f"{format_number(number)} {unit}" if unit else "")
    if comparator:
        raw = f"{comparator}{raw or (format_number(number) + ' ' + (written_unit or '')).strip()}"
    conventional = uln_c = lln_c = None
    if convertible and c.conventional_molar_mass and c.molar_mass:
        with contextlib.suppress(UnitError):  # (the conversion at the molar mass succeeded; so does this one)
            alt = number * conversion_factor(written_unit or "1", c.unit or "1", c.conventional_molar_mass, c.valence)
            conventional = alt if not math.isclose(alt, value, rel_tol=1e-9) else None
        if uln is not None or lln is not None:
            with contextlib.suppress(UnitError):
                ref_c = conversion_factor((range_unit if range_unit and ref_factor != factor else written_unit) or "1",
                                          c.unit or "1", c.conventional_molar_mass, c.valence)
                if not math.isclose(ref_c, ref_factor, rel_tol=1e-9):
                    uln_c, lln_c = _ref_value(uln, ref_c, key) if uln is not None else None, (
                        _ref_value(lln, ref_c, key) if lln is not None else None)
    half = _half_digit(raw_value) if convertible and not comparator else None
    banded = half is not None and (factor <= 0 or abs(math.log10(factor) - round(math.log10(factor))) >= 1e-9)
    return Obs(c.id, value, c.unit if convertible else written_unit, raw, date_, u_canon(uln), u_canon(lln), key,
               convertible, comparator, conventional, uln_c, lln_c, None if half is None else half * factor, factor, banded)


def _check_range(c: Concept, key: str, convertible: bool, uln: float | None, lln: float | None, uln_said: Any,
                 lln_said: Any) -> None:
    """A reference range the value can be read against: its lower limit not above its upper one, and its upper limit
    within a factor of 20 of the usual one (a newborn's bilirubin limit is 12 times an adult's; a creatinine in mg/dL
    with 'uln': 106, its limit in µmol/L: read as written, a creatinine of 5 mg/dL was 0.05 × ULN)."""
    if uln is not None and lln is not None and lln > uln:
        raise PatientDataError(f"{key}.lln", lln_said, f"a lower limit of normal not above the upper one ({uln_said})")
    if uln is None or not convertible:
        return
    high = (c.range or {}).get("high") or 0
    if (c.max is not None and uln > c.max) or (high > 0 and uln > 0 and not high / 20 <= uln <= high * 20):
        usual = f"{format_number(high)} {c.unit}".strip() if high else "the usual one"
        raise PatientDataError(f"{key}.uln", uln_said, f"an upper limit of normal in the value's unit (or 'range_unit'), near "
                                                       f"{usual}; this one looks like another unit's")


_THOUSANDS_POINT = re.compile(r"\s*\d{1,3}(?:\.\d{3})+(?![\d.,])")
"""'150.000', '1.500': a number whose points group thousands, or a decimal written to three places."""


def _per_microlitre(c: Any, written_unit: str, key: str, raw_value: Any) -> bool:
    """Whether a count's unit is per microlitre or smaller (/µL, /mm³, cells/µL), where a count runs to thousands."""
    factor, convertible = _factor(c, written_unit, key, raw_value)
    return convertible and factor <= 1.0001e-3


_PRINTED_NUMBER = re.compile(r"\s*[-+]?\d[\d,]*(?:\.(\d*))?(?![\d.eE])")


def _half_digit(raw_value: Any) -> float | None:
    """Half a unit of the last digit of a number as the record wrote it: '177 umol/L' 0.5, '6.2 mmol/L' 0.05, 1.25 0.005,
    177.0 (a whole float, as a table's column holds it) 0.5; None for a number in exponent form (1e3)."""
    if isinstance(raw_value, numbers.Real) and not isinstance(raw_value, bool):
        x = float(raw_value)
        if x.is_integer() and abs(x) < 1e15:
            raw_value = int(x)  # (26.0 from a table's float column: printed as 26, or as 26.0? the wider of the two)
        elif type(raw_value) is not float and _PRINTED_NUMBER.fullmatch(str(raw_value)):
            raw_value = str(raw_value)  # (a numpy float prints as written, 'np.float32(5.6)' as 5.6; its float is 5.5999999)
        else:
            raw_value = x
    text = raw_value if isinstance(raw_value, str) else repr(raw_value) if isinstance(raw_value, float) else str(raw_value)
    m = _PRINTED_NUMBER.match(text)
    if m is None:
        return None
    return 0.5 * 10.0 ** -len(m.group(1) or "")


def _ref_value(x: Any, factor: float, key: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise PatientDataError(f"{key}.uln/lln", x, "a number in the value's unit")
    return float(x) * factor


def _factor(c: Concept, unit: str, key: str, raw: Any) -> tuple[float, bool]:
    if c.other_scales and unit:
        with contextlib.suppress(UnitError):
            if normalise_unit(unit) in {normalise_unit(u) for u in c.other_scales}:
                return 1.0, False  # ('HbA1c 60 mmol/mol': 7.6%, not the 6% pint would make of it)
    if not c.unit or c.unit == "1":
        if unit in ("", "1", "ratio", None):
            return 1.0, True
    try:
        return conversion_factor(unit or "1", c.unit or "1", c.molar_mass, c.valence), True
    except UnitError:
        pass
    except Exception:  # pint raises several kinds on odd input; one boundary
        pass
    try:
        written = normalise_unit(unit)
    except UnitError:
        raise PatientDataError(key, raw, f"a unit pint can read, convertible to {c.unit}") from None
    clearance = {"mL/min", "mL_min_173m2"}
    if written in clearance and normalise_unit(c.unit) in clearance:
        return 1.0, False  # BSA-normalised vs plain clearance: no defined conversion
    raise PatientDataError(key, raw, f"a value in units convertible to {c.unit} (e.g. '{_example(c)}')")


def _example(c: Concept) -> str:
    return {"10^9/L": "1.2 x10^9/L", "g/dL": "9.5 g/dL", "mg/dL": "1.1 mg/dL", "U/L": "40 U/L", "%": "55%",
            "year": "64 years", "week": "12 weeks", "mL/min": "60 mL/min", "s": "30 s", "g/L": "2.5 g/L"}.get(
        c.unit, f"1 {c.unit}".strip())


def iter_keys(record: Mapping[str, Any]) -> Iterable[str]:  # pragma: no cover - helper for tools
    for k, v in record.items():
        if norm_key(str(k)) in _GROUPS and isinstance(v, Mapping):
            yield from iter_keys(v)
        else:
            yield str(k)
