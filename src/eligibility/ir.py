"""The rule tree: a closed set of frozen pydantic models, each a `kind` with its source span.

The tree is plain data: it holds no callables and no parser objects, and it round-trips
through JSON losslessly (`Criteria.to_json` / `Criteria.from_json`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "qualifier_phrase",
    "Op",
    "Window",
    "Comparison",
    "Range",
    "RelativeLimit",
    "NormalLimits",
    "OneOf",
    "Finding",
    "Category",
    "History",
    "Refractory",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Not",
    "Except",
    "FreeText",
    "NoRequirement",
    "Rule",
    "Criterion",
    "children",
    "leaves",
    "map_children",
]

Op = Literal[">", ">=", "<", "<=", "==", "!="]
Span = tuple[int, int]


class _LazyPattern:
    """A module-level pattern compiled on first use, which then takes its place in the module:
    a process that never meets a rare phrasing never pays for compiling it."""

    __slots__ = ("_args", "_name", "_namespace")

    def __init__(self, name: str, namespace: dict[str, object], *args: object) -> None:
        self._name, self._namespace, self._args = name, namespace, args

    def __getattr__(self, attr: str) -> object:
        compiled = re.compile(*self._args)  # type: ignore[call-overload]
        self._namespace[self._name] = compiled
        return getattr(compiled, attr)


def lazy_pattern(name: str, *args: object) -> re.Pattern[str]:
    """`name = lazy_pattern("name", pattern, flags)` at module level, in any module of the package: compiled on first use."""
    return _LazyPattern(name, sys._getframe(1).f_globals, *args)  # type: ignore[return-value]


class _Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    span: Span | None = None
    """Start and end offsets of the node's text within its criterion's text."""


DAYS_IN: dict[str, float] = {"week": 7.0, "day": 1.0, "hour": 1 / 24, "month": 365.25 / 12, "year": 365.25}
"""Days in each unit a window is written in (a month and a year on average; calendar arithmetic is the evaluator's)."""


class Window(BaseModel):
    """A time window: `within` N units before the reference event, or at `least` N units before it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    relation: Literal["within", "less_than", "at_least"] = "within"
    """within: the event is at most N before the reference (inclusive); less_than: strictly less than N
    before it ('at least 14 days since X' allows exactly 14 days); at_least: N or more before it."""
    amount: float
    unit: Literal["day", "week", "month", "year", "hour"]
    reference: str = "screening"
    """The event the window counts back from: screening, enrollment, consent, first dose, infusion, ..."""
    of: Literal["event", "diagnosis"] = "event"
    """The day of the event that counts: its last (it happened, or went on, within the window), or the day it was
    diagnosed ('No other malignancy diagnosed within the past 5 years': a cancer of 2015 treated until 2023 was not)."""


class Comparison(_Node):
    """`concept op value`: a lab, score, age or count against a threshold."""

    kind: Literal["comparison"] = "comparison"
    concept: str
    op: Op
    value: float
    """The threshold as written (in `unit`)."""
    unit: str = ""
    """The unit as written ('' for counts and scores)."""
    canonical_value: float
    """The threshold in the concept's canonical unit, compiled at parse time."""
    canonical_unit: str = ""
    method: str = ""
    """The formula the criterion names for a derived value: cockcroft_gault, ckd_epi_2021, mdrd,
    corrected_calcium_0025 (Ca[mmol/L] − 0.025 × albumin[g/L] + 1.0), payne; or the ways of measuring an ejection
    fraction it names, joined by '|': echocardiography, radionuclide_ventriculography, cardiac_mri (a value whose
    record names procedures of another way is undecided); or measured_or_calculated ('Measured or calculated creatinine
    clearance'): a calculated value that fails leaves a measured one open."""
    assessed_within: Window | None = None
    """The value must be dated within this window ('ECOG 0 or 1 within 7 days of starting treatment'): an older
    value decides nothing (the rule is unknown); an undated value counts as current. The same field is on every
    rule on a measured value (`MEASURED`)."""


class Range(_Node):
    """`low <= concept <= high` (bounds may be exclusive)."""

    kind: Literal["range"] = "range"
    concept: str
    low: float
    high: float
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit: str = ""
    canonical_low: float
    canonical_high: float
    canonical_unit: str = ""
    assessed_within: Window | None = None
    """When the value must have been measured: see `MEASURED`."""


class RelativeLimit(_Node):
    """`concept op factor × ULN` (or × LLN), against the patient's own reference range."""

    kind: Literal["relative_limit"] = "relative_limit"
    concept: str
    op: Op
    factor: float
    reference: Literal["uln", "lln"] = "uln"
    offset: float = 0.0
    """Added to `factor` × the reference, in the concept's canonical unit: 'hemoglobin < lower limit of normal by
    20 g/L' is `hemoglobin < 1 × LLN − 2 g/dL`."""
    assessed_within: Window | None = None
    """When the value must have been measured: see `MEASURED`."""


class NormalLimits(_Node):
    """`concept` within (or outside) the normal reference range."""

    kind: Literal["normal_limits"] = "normal_limits"
    concept: str
    within: bool = True
    assessed_within: Window | None = None
    """When the value must have been measured: see `MEASURED`."""


class OneOf(_Node):
    """A score that must be one of listed values: 'ECOG 0 or 1', 'NYHA III or IV'."""

    kind: Literal["one_of"] = "one_of"
    concept: str
    values: list[float]
    assessed_within: Window | None = None
    """When the value must have been measured: see `MEASURED`."""


class Finding(_Node):
    """A qualitative result or flag: 'HBsAg positive', 'negative pregnancy test', 'pregnant'."""

    kind: Literal["finding"] = "finding"
    concept: str
    value: Literal["positive", "negative"]
    assessed_within: Window | None = None
    """When the value must have been measured: see `MEASURED`."""
    variant: str | None = None
    """The one type of the virus the criterion names, where the concept holds two ('HTLV-1 negative': '1'): a result
    recorded under a key naming the other type ('HTLV-2') says nothing of it."""


class Category(_Node):
    """A category such as sex: true when the patient's value is among `values`."""

    kind: Literal["category"] = "category"
    concept: str
    values: list[str]


EVER_ACTIVE = "active at some time"
"""The qualifier of 'history of active tuberculosis': a record says it if it calls the episode active, now or before
('previously active, treated, now inactive'); 'latent' or 'never active' denies it."""


class History(_Node):
    """An event in the patient's history: a condition, therapy or procedure, optionally in a window."""

    kind: Literal["history"] = "history"
    category: Literal["condition", "therapy", "procedure", "any"]
    concepts: list[str]
    """Names or classes (vocabulary ids) any of which matches."""
    window: Window | None = None
    excluding: list[str] = Field(default_factory=list)
    """Names or classes that do not count (for 'other malignancy except carcinoma in situ')."""
    excluding_qualifiers: dict[str, list[str]] = Field(default_factory=dict)
    """What an excepted kind must be to not count ('except adequately treated basal cell carcinoma'), by kind: an
    event of that kind whose `status` does not say so is unknown."""
    min_grade: int | None = None
    status: Literal["active", "any"] = "any"
    untimed: bool = False
    """A condition named with nothing saying when ('No congestive heart failure'): a present one counts, one the record
    says is over leaves it open (the text may ask about now only). With `status` 'active', an 'active' that may not reach
    it ('Known active CNS metastases and/or carcinomatous meningitis'): one over leaves it open too."""
    other: bool = False
    """'Other'/'another'/'second' malignancy: the trial's own disease does not count."""
    qualifiers: list[str] = Field(default_factory=list)
    """Words that narrow the term to a subset ('uncontrolled', 'clinically significant', 'local'):
    a recorded event counts only when its `status` says so, else it is unknown; an absent term
    still decides."""


def qualifier_phrase(qualifiers: list[str], name: str) -> str:
    """The name with its narrowing words in reading order: 'uncontrolled hypertension',
    'chemotherapy for metastatic disease', 'acute myeloid leukemia in first relapse'."""
    after = [q for q in qualifiers if q.split(" ", 1)[0] in ("for", "to", "in", "on", "beyond", "requiring") or " or " in q]
    before = [q for q in qualifiers if q not in after]
    return " ".join([*before, name, *after])


class Refractory(_Node):
    """Refractory to the last line of therapy (`scope` "last_line"), or to a named therapy or class in any line (`scope`
    "therapy": 'refractory to lenalidomide'), from the status the record gives the therapy."""

    kind: Literal["refractory"] = "refractory"
    scope: Literal["last_line", "therapy"] = "last_line"
    concepts: list[str] = Field(default_factory=list)
    """The therapies or classes the refractoriness must be to (scope "therapy"; empty for the last line)."""
    excluding: list[str] = Field(default_factory=list)
    """Kinds of those classes that do not count ('refractory to an IMiD other than lenalidomide': lenalidomide)."""


class AllOf(_Node):
    kind: Literal["all_of"] = "all_of"
    items: list[Rule]


class AnyOf(_Node):
    kind: Literal["any_of"] = "any_of"
    items: list[Rule]


class AtLeast(_Node):
    kind: Literal["at_least"] = "at_least"
    n: int
    items: list[Rule]


class Not(_Node):
    kind: Literal["not"] = "not"
    item: Rule


class Except(_Node):
    """`rule`, except when `exception` holds, where `alternative` (if any) applies instead.

    Truth: (rule ∧ ¬exception) ∨ (exception ∧ alternative) ∨ (rule ∧ alternative); the last
    term is redundant in two-valued logic but lets Kleene logic decide when the exception
    is unknown and both branches agree.
    """

    kind: Literal["except"] = "except"
    rule: Rule
    exception: Rule
    alternative: Rule | None = None
    otherwise: bool = True
    """The condition's value when the exception holds and no alternative is given: an
    inclusion requirement is waived (True); an exclusion condition no longer applies (False)."""


class FreeText(_Node):
    """Text the library does not decide: always `unknown`, with the reason why."""

    kind: Literal["free_text"] = "free_text"
    text: str
    reason: str = "not_understood"
    """Slug: not_understood, needs_judgement, consent, willingness, definition, unsupported."""


class NoRequirement(_Node):
    """A heading or preamble that imposes nothing by itself ('must meet all of the following:')."""

    kind: Literal["no_requirement"] = "no_requirement"
    text: str = ""
    why: Literal["heading", "permission"] = "heading"
    """heading: a list heading or preamble; permission: 'Prior radiotherapy allowed' permits, requires nothing."""


class Cohort(_Node):
    """Whether the patient is screened for one of the trial's groups a label names ('Parts A, B and C:' over the
    criteria that bind only them), by the record's `cohort` ('Part B'). A label the library does not read stays free
    text ('only for …')."""

    kind: Literal["cohort"] = "cohort"
    label: str
    """As written: 'Parts A, B and C', 'Expansion phase Arm H'."""
    group: str
    """The kind of group, normalised: 'part', 'expansion phase arm'."""
    names: list[str]
    """The groups it names, normalised: ['A', 'B', 'C'] (a phase's or part's Roman numeral as a number: 'Phase II' is
    '2')."""
    lettered: bool | None = None
    """True where the trial names these groups by letter ('Arm A' … 'Arm J'), so that 'I', 'V' or 'X' among them is a
    letter, no Roman numeral; None where the trial does not say."""


_GROUP_NAME = r"(?:\d{1,2}\s*(?:-|–|to|through)\s*\d{1,2}|[a-z0-9]{1,3})"
_GROUP_NAMES = rf"{_GROUP_NAME}(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s*/\s*|\s+or\s+){_GROUP_NAME})*"
_GROUP_LABEL = lazy_pattern("_GROUP_LABEL", 
    r"(?i)\s*(?P<group>(?:[a-z][a-z-]*\s+){0,3}?(?:parts?|cohorts?|arms?|phases?|groups?|strat(?:um|a)|modules?))\s+"
    rf"(?P<names>{_GROUP_NAMES})\s*(?:\([^()]*\)\s*)?")
_GROUP_MENTION = lazy_pattern("_GROUP_MENTION", rf"(?i)\b(?:parts?|cohorts?|arms?|phases?|groups?)\s+{_GROUP_NAMES}\b")
_OTHER_GROUP_WORDS = lazy_pattern("_OTHER_GROUP_WORDS", 
    r"(?i)\b(?:escalation|expansion|extension|run-?in|back-?fill|randomi[sz]ed|stages?|modules?|sub-?stud\w*|levels?|"
    r"volunteers?|not|except|other|excluding|non|cohorts?|parts?|arms?|phases?|groups?)\b")
_SECTION_WORDS = frozenset({
    "additional", "specific", "disease", "diseases", "characteristics", "and", "prior", "previous", "treatment", "treatments",
    "therapy", "therapies", "for", "patients", "participants", "subjects", "in", "into", "the", "of", "to", "a", "an",
    "criteria", "criterion", "inclusion", "exclusion", "eligibility", "eligible", "only", "enrolled", "enrolling", "enrolment",
    "enrollment", "requirements", "requirement", "portion", "study", "trial", "following", "must", "meet", "be", "met", "will",
    "apply", "applies", "also", "all", "are", "is", "as", "per", "section", "specifically"})
"""The words a heading that names one group may hold beside it ('Disease characteristics and prior treatments for patients
in Part 2', 'In the Phase II portion of the study the following eligibility criteria must be met')."""
_NAME_OR_RANGE = lazy_pattern("_NAME_OR_RANGE", r"(\d{1,2})\s*(?:-|–|to|through)\s*(\d{1,2})|([A-Za-z0-9]+)")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8", "IX": "9", "X": "10"}
_ROMAN_LETTERED = lazy_pattern("_ROMAN_LETTERED", r"(IV|IX|VI{0,3}|I{1,3}|X)([A-Z]?)")  # (the longer numerals first: 'IV' is 4, not 1 and a 'V')
_NOT_GROUP_WORD = lazy_pattern("_NOT_GROUP_WORD", r"(?i)\b(?:all|every|each|any|both|other|not|no|non|except|than|and|or|of|the|for|in|only|to)\b")
_NOT_TRIAL_GROUP = lazy_pattern("_NOT_TRIAL_GROUP", 
    r"(?i)\b(?:grade|gleason|isup|who|blood|abo|risk|nccn|prognostic|age|ethnic|racial|stage|class|performance|"
    r"hypertension|diagnostic|histologic|molecular|mutation|genotype|subtype|serotype)\b")
"""Words before 'group' that make it a class of patients or disease, no group of the trial ('ISUP grade group 2',
'WHO group 3', 'Blood group O')."""


def group_label(text: str) -> tuple[str, list[str]] | None:
    """The kind of group and the groups a label names ('Parts A, B and C' → ('part', ['A', 'B', 'C']); 'Expansion phase
    Arm H' → ('expansion phase arm', ['H']); 'Phase II' → ('phase', ['2'])), or None for any other text ('Dose escalation',
    'All cohorts', 'Part A or B patients')."""
    m = _GROUP_LABEL.fullmatch(text)
    if m is None or _NOT_GROUP_WORD.search(m.group("group")) or _NOT_TRIAL_GROUP.search(m.group("group")):
        return None
    words = m.group("group").lower().split()
    last = words[-1]
    words[-1] = "stratum" if last == "strata" else last[:-1] if last.endswith("s") and last != "s" else last
    roman = _ROMAN if words[-1] in ("phase", "part") else {}  # ('Arm I' of Arms A to L is the letter)
    names: list[str] = []
    for lo, hi, n in _NAME_OR_RANGE.findall(m.group("names")):
        if lo:
            if not int(lo) < int(hi) <= int(lo) + 20:
                return None  # ('Cohorts 5-3': no range read)
            names += [str(k) for k in range(int(lo), int(hi) + 1)]  # ('Cohorts 3 to 5': 3, 4 and 5)
        elif n.lower() not in ("and", "or", "to", "through"):
            up = n.upper()
            rm = _ROMAN_LETTERED.fullmatch(up) if roman else None  # ('Phase Ib' is 'Phase 1b')
            names.append(roman[rm.group(1)] + rm.group(2) if rm is not None else up.lstrip("0") or "0")
    return " ".join(words), list(dict.fromkeys(names))


def heading_group(heading: str) -> str | None:
    """The one group label a heading's words name, where they name nothing else of the trial's groups ('Disease
    characteristics for patients in Part 2' → 'Part 2', 'In the Phase II portion of the study the following eligibility
    criteria must be met' → 'Phase II'); None where they name none, several, or more ('For the Phase 1 dose escalation':
    a part of Phase 1; 'Patients not in Cohort 2')."""
    found = list(_GROUP_MENTION.finditer(heading))
    if len(found) != 1 or group_label(found[0].group()) is None:
        return None
    rest = heading[: found[0].start()] + " " + heading[found[0].end() :]
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", rest)}
    # (only words that name the section, not whom among the group it binds: 'Patients in Part 2 with brain metastases:',
    # 'Participants who completed Part 1:', 'Crossover eligibility (Arm B patients only):', review 95)
    return None if _OTHER_GROUP_WORDS.search(rest) or not words <= _SECTION_WORDS else found[0].group()


def only_for(label: str, section: str, span: Span | None) -> Cohort | Not | FreeText:
    """What stands beside a rule that binds only the groups a label names: among the inclusions, joined with 'any', that
    the patient is in none of them (`not(cohort)`: met outside them); among the exclusions, joined with 'all', that he is
    in one (`cohort`). Free text, 'only for …', where the label is not one `group_label` reads."""
    read = group_label(label)
    if (read is None and label.startswith("those under '") and len(label[13:-1]) < 80
            and (named := heading_group(label[13:-1])) is not None):
        # ('those under 'Disease characteristics for patients in Part 2'': Part 2; not a heading cut at 80 characters,
        # whose last label may be cut short, 'Cohorts 1, 2' of 'Cohorts 1, 2 and 3')
        label, read = named, group_label(named)
    if read is None:
        return FreeText(text=f"only for {label}", reason="unsupported", span=span)
    cohort = Cohort(label=label, group=read[0], names=read[1], span=span)
    return Not(item=cohort, span=span) if section == "inclusion" else cohort


Rule = Annotated[
    Union[
        Comparison,
        Range,
        RelativeLimit,
        NormalLimits,
        OneOf,
        Finding,
        Category,
        History,
        Refractory,
        AllOf,
        AnyOf,
        AtLeast,
        Not,
        Except,
        FreeText,
        NoRequirement,
        Cohort,
    ],
    Field(discriminator="kind"),
]

for _m in (AllOf, AnyOf, AtLeast, Not, Except):
    _m.model_rebuild()


class Criterion(BaseModel):
    """One criterion of a trial: its text, its rule, and its sub-items.

    The criterion's condition is its own `rule` combined with its children by `combine`
    (`all`, `any` or `at_least` `n`); a criterion with no children is just its rule.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    section: Literal["inclusion", "exclusion"]
    text: str
    rule: Rule
    combine: Literal["all", "any", "at_least"] = "all"
    n: int = 1
    join: Literal["and", "or", "either"] = "and"
    """How the criterion's own rule joins its children's combination. `either`: the text does not say whether 'and' or
    'or', so the criterion is decided only where both agree (both met, or neither)."""
    children: list[Criterion] = Field(default_factory=list)
    alternative: str = ""
    """What may be met instead of the criterion, when the text says something may ('the next item': an 'OR' ending its
    last sub-item; 'another disease group of the list': one of a heading's disease groups): unmet, it decides nothing.
    Empty when nothing is."""
    span: Span | None = None
    """Offsets of the criterion's own text in the source document (after unescaping)."""


Criterion.model_rebuild()


MEASURED = (Comparison, Range, RelativeLimit, NormalLimits, OneOf, Finding)
"""The rules on a measured value (they may ask when it was measured: `assessed_within`)."""


def children(rule: Rule) -> list[Rule]:
    """The direct sub-rules of a rule (empty for leaves)."""
    if isinstance(rule, (AllOf, AnyOf, AtLeast)):
        return list(rule.items)
    if isinstance(rule, Not):
        return [rule.item]
    if isinstance(rule, Except):
        return [r for r in (rule.rule, rule.exception, rule.alternative) if r is not None]
    return []


def map_children(rule: Rule, fn: Callable[[Rule], Rule]) -> Rule:
    """The rule with `fn` applied to each direct sub-rule (the rule itself when it has none)."""
    if isinstance(rule, (AllOf, AnyOf, AtLeast)):
        return rule.model_copy(update={"items": [fn(i) for i in rule.items]})
    if isinstance(rule, Not):
        return rule.model_copy(update={"item": fn(rule.item)})
    if isinstance(rule, Except):
        alt = fn(rule.alternative) if rule.alternative is not None else None
        return rule.model_copy(update={"rule": fn(rule.rule), "exception": fn(rule.exception), "alternative": alt})
    return rule


def map_leaves(rule: Rule, fn: Callable[[Rule], Rule]) -> Rule:
    """The rule with `fn` applied to each leaf rule (the rule itself when it is one)."""
    if not children(rule):
        return fn(rule)
    return map_children(rule, lambda r: map_leaves(r, fn))


def leaves(rule: Rule) -> list[Rule]:
    """The leaf rules of a tree, left to right."""
    kids = children(rule)
    if not kids:
        return [rule]
    return [leaf for k in kids for leaf in leaves(k)]
