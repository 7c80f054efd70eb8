"""Criteria: a parsed eligibility document (segmentation + interpretation), with JSON and CT.gov input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import ir
from .errors import CriteriaInputError
from .interpret import (
    ALTERNATIVE_FOLLOWS,
    ALTERNATIVES_FOLLOW,
    _folded,
    _lazy,
    _lines_bounded,
    _may_say,
    ends_in_or,
    excepting,
    group_of_patients,
    interpret,
    lexicon,
    list_quantifier,
)
from .segment import NCI_SUBHEADING_NAMES, Item, segment
from .vocab import data_file, vocabulary

# (`vocabulary` and `lexicon` are imported above, not in the functions that use them: a relative import run in a
# function costs ~2 µs each time, and some run for every criterion; `interpret` has loaded `vocab` already)

__all__ = ["Criteria", "parse"]

_LEADING_NUMBER = _lazy("_LEADING_NUMBER", r"^\s*(?:\d{1,2}[.)]\s*|[a-zA-Z][.)]\s+)")
_NOTHING = re.compile(
    r"(?i)^(?:\s*(?:[A-Z][\w /-]{0,40}:\s*)?(?:not\s+specified|any\s+age|any|see\s+(?:disease\s+characteristics|general\s+eligibility(?:\s+criteria)?|above|below)|none|n/?a|"
    r"(?:males?|men|females?|women)(?:\s+(?:patients|subjects|participants))?\s+(?:or|and|and/or)\s+(?:males?|men|females?|women)"
    r"(?:\s+(?:patients|subjects|participants))?|pre-?\s*(?:or|and|and/or)\s+post-?\s*menopausal|either\s+sex|both\s+sexes)\s*\.?)+\s*$"
)
"""'Not specified', 'Age: Any age', 'Age: Any', 'Sex: Male or female', 'Menopausal status: Pre- or postmenopausal',
'Hepatic: See Disease Characteristics', and run-on repeats ('Performance status: Not specified
Life expectancy: Not specified')."""
_DIAGNOSED = _lazy("_DIAGNOSED", r"(?i)\b(?:diagnosed\s+with|diagnosis\s+of|confirmed\s+(?:diagnosis\s+of\s+)?)\s*")
_OR_LIST = _lazy("_OR_LIST", r"(?i)\bor\s+(?:(?:patients?|subjects?|participants?|those)\s+)?(?:with\s+|has\s+|have\s+)?"
                      r"(?:any|one|either|at\s+least\s+one)\s+of\s+the\s+following")
_LEAD_ONLY = _lazy("_LEAD_ONLY", r"(?i)\W*(?:(?:patients?|subjects?|participants?|those|individuals)(?:\s+(?:must\s+)?(?:have|has|with|who\s+have))?|"
                                r"(?:must\s+)?(?:have|has)|presence|evidence|diagnosis|documented|history)?[\s,]*")
"""The words before 'with any of the following:' that ask nothing of their own ('Patients with', 'Must have')."""
_AND_LIST = _lazy("_AND_LIST", r"(?i)\b(?:with|and|plus|along\s+with|accompanied\s+by)\s+(?:(?:the\s+)?(?:presence|evidence)\s+of\s+)?"
                       r"(?:(?:at\s+least\s+)?(?:any|one|1|either|all|both|two|2)\s+(?:or\s+more\s+)?of\s*(?:(?:the\s+following|these)\b|:)"
                       r"|either\s*:?\s*$)")
"""'HBcAb positive with any of the following:', 'Brain metastasis and either:', '… plus at least one of:': the heading's own
rule holds together with the items (not 'or')."""


class Criteria(BaseModel):
    """The parsed criteria of one trial: top-level criteria in document order.

    >>> c = parse("Inclusion Criteria:\\n* Platelets ≥ 50 ×10^9/L\\nExclusion Criteria:\\n* HIV positive")
    >>> [(x.id, x.rule.kind) for x in c]
    [('I1', 'comparison'), ('E1', 'finding')]
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    criteria: list[ir.Criterion] = Field(default_factory=list)
    nct_id: str | None = None
    title: str | None = None
    conditions: list[str] = Field(default_factory=list)
    """Vocabulary ids of the trial's own diseases (from the record, or inferred from the inclusion text)."""
    source: str = ""
    """The eligibility text as given."""

    # -- construction ------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str, *, nct_id: str | None = None, title: str | None = None,
              extra: list[ir.Criterion] | None = None, conditions: list[str] | None = None) -> Criteria:
        """Parse an eligibility block. Never raises on a `str` (only ImportError, in an environment without pint, lark
        or the shipped grammar).

        `conditions` are the trial's own diseases, as vocabulary ids or as names ('Multiple Myeloma', as CT.gov lists
        them); they tell the trial's cancer from another one ('No other malignancy'). A name that names no cancer the
        vocabulary knows is left out; without any, they are inferred from the inclusion text.
        """
        if not isinstance(text, str):
            raise CriteriaInputError(f"criteria text must be a str, got {type(text).__name__}")
        _require_dependencies()
        doc, items = segment(text)
        items = _adopt_exceptions(doc, items)
        counters = {"inclusion": 0, "exclusion": 0}
        out: list[ir.Criterion] = []
        # (where the section header each criterion stands under starts, its words, and the group it binds its items to)
        header_of: dict[str, tuple[int, str, str]] = {}
        for it in items:
            if _nothing(doc, it):
                continue  # 'Hepatic: Not specified', 'See Disease Characteristics': no criterion
            counters[it.section] += 1
            prefix = "I" if it.section == "inclusion" else "E"
            c = _criterion(doc, it, f"{prefix}{counters[it.section]}", under="donor" if it.donor else "")
            header_of[c.id] = (it.header_at, it.header, it.group)
            out.append(_for_cohort(c, it.group) if it.group else c)
        out = _concurrent_topics(out)
        out = _lettered_groups(_cohort_topics(out, header_of))
        out = _barred_topics(out)
        out = _prior_malignancy_is_other(_disease_groups(_rival_diseases(_disease_runs(_join_or_runs(_scoped_headings(
            _permission_items(_exception_items(out))))))))
        out = _age_populations(_specific_washouts(_flattened_alternatives(out)))
        out = _shared_exceptions(_lab_subheadings(out))
        if extra:
            out.extend(extra)
        conds = trial_condition_ids(conditions or [])
        # (the cancers a diagnosis or cohort criterion names are the trial's too: 'ovarian cancer (cohort 1), endometrial
        # cancer (cohort 2), or breast cancer (cohort 3)' in a trial registered for the first two)
        conds = list(dict.fromkeys(conds + _cohort_cancers(out))) if conds else _infer_conditions(out)
        return cls(criteria=out, nct_id=nct_id, title=title, conditions=conds, source=text)

    @classmethod
    def from_ctgov(cls, record: Mapping[str, Any]) -> Criteria:
        """Read a ClinicalTrials.gov API v2 study record (see `eligibility.ctgov`)."""
        from .ctgov import criteria_from_ctgov

        return criteria_from_ctgov(record)

    @classmethod
    def from_json(cls, s: str | bytes) -> Criteria:
        """Rebuild criteria from `to_json()` output."""
        return cls.model_validate_json(s)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Criteria:
        return cls.model_validate(d)

    # -- output --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    # -- access --------------------------------------------------------------------------
    def __iter__(self) -> Iterator[ir.Criterion]:  # type: ignore[override]
        return iter(self.criteria)

    def __len__(self) -> int:
        return len(self.criteria)

    def __getitem__(self, key: int | str) -> ir.Criterion:
        if isinstance(key, int):
            return self.criteria[key]
        for c in _walk(self.criteria):
            if c.id == key:
                return c
        raise KeyError(key)

    @property
    def inclusion(self) -> list[ir.Criterion]:
        return [c for c in self.criteria if c.section == "inclusion"]

    @property
    def exclusion(self) -> list[ir.Criterion]:
        return [c for c in self.criteria if c.section == "exclusion"]

    def _repr_html_(self) -> str:
        from .html import criteria_html

        return criteria_html(self)


def trial_condition_ids(names: Iterable[str]) -> list[str]:
    """The vocabulary ids of a trial's own cancers, from ids or names ('Multiple Myeloma', 'Breast Cancer')."""
    v = vocabulary()
    out: list[str] = []
    for name in names:
        if str(name) in v.terms:  # (an id is taken as given)
            out.extend([str(name)] if str(name) not in out else [])
            continue
        out.extend(t for _, _, t in v.find_terms(str(name)) if t not in out and "malignancy" in v.terms[t].ancestors)
    return out


@lru_cache(maxsize=1)
def _require_dependencies() -> None:
    """Raise ImportError, once, when pint or lark is not installed.

    Both are imported lazily (for a fast `import eligibility`), and a reading that fails inside parse degrades to
    free text; without this check a broken environment read every criterion as 'not understood', silently.
    """
    import importlib.util

    missing = [name for name in ("lark", "pint") if importlib.util.find_spec(name) is None]
    if missing:
        raise ImportError(f"eligibility needs {' and '.join(missing)}, not installed here: pip install eligibility "
                          f"(or pip install {' '.join(missing)})")
    from .parser import grammar_text

    try:
        grammar_text()
    except OSError as exc:
        raise ImportError(f"eligibility's grammar (grammars/criterion.lark) is missing from this installation: {exc}") from exc


def parse(text: str) -> Criteria:
    """Parse ClinicalTrials.gov eligibility text into `Criteria`. Never raises on a `str` (only ImportError, in an
    environment without pint, lark or the shipped grammar).

    >>> crit = parse("Inclusion Criteria:\\n* ECOG 0 or 1\\n* Age ≥ 18 years")
    >>> [c.rule.kind for c in crit]
    ['one_of', 'comparison']
    """
    return Criteria.parse(text)


def _walk(items: list[ir.Criterion]) -> Iterator[ir.Criterion]:
    for c in items:
        yield c
        yield from _walk(c.children)


def _clean(doc: str, it: Item) -> tuple[str, int]:
    raw = doc[it.start : it.end]
    lead = len(raw) - len(raw.lstrip())
    return " ".join(raw.split()), it.start + lead  # every whitespace run made one space


_DONOR = _lazy("_DONOR", r"(?i)\s*(?:donors?\s*:|donors?\s+(?:must|should|will|with|who)\b|for\s+(?:the\s+)?donors?\b)\s*")
_DONOR_HEADING = _lazy("_DONOR_HEADING", r"(?i)\bdonors?\b|\bcord\s+blood\b")
_TIMED = _lazy("_TIMED", r"(?i)\bwithin\s+(?:the\s+)?(?:past\s+|last\s+)?\d|\b\d+\s*(?:hours?|days?|weeks?|months?)\b")
_BARE_SUBHEADING = _lazy("_BARE_SUBHEADING", rf"\s*(?:{NCI_SUBHEADING_NAMES})\s*:?\s*")
_PERMITS = re.compile(r"(?i)\s*(?:the\s+following\s+(?:are|is)\s+|(?:(?!(?:not|no|never)\b)[\w/-]+\s+){0,4})?"
                      r"(?:allowed|permitted|acceptable|not\s+excluded|not\s+prohibited)\s*:\s*")
"""'Allowed:', 'Concurrent therapy permitted:': a heading whose items are permissions."""
_PROVISO = _lazy("_PROVISO", r"(?i)\b(?:provided|if|only|unless|except|not\s+(?:be\s+)?(?:permitted|allowed)|as\s+long\s+as)\b")
_EXCEPT_LEAD = _lazy("_EXCEPT_LEAD", 
    r"(?i)\b(?:except(?:\s+for)?|with\s+the\s+exception\s+of|other\s+than|excluding)"
    r"(?:\s+(?:any\s+(?:one\s+)?of\s+)?(?:the\s+)?following)?\s*:\s*$")
_CANCER_WORD = _lazy("_CANCER_WORD",
    r"(?i)cancer|carcinoma|malignan|tumou?r|melanoma|lymphoma|leuka?emia|in\s+situ|neoplas|sarcoma|myeloma")
"""'No other malignancy within the past 5 years except:': a heading whose items are its exceptions."""
_NEGATED_ITEM = _lazy("_NEGATED_ITEM", r"(?i)\s*(?:no|not|none|without|must|should)\b")
"""('Tumor greater than 2 cm …, except:' over 'No metastatic disease': items that restrict are no exceptions.)"""
_DIAGNOSIS_LEAD = _lazy("_DIAGNOSIS_LEAD", r"(?i)\b(?:diagnos\w*|histolog\w*|cytolog\w*|patholog\w*|confirmed|proven|documented)\b[^:]*:\s*$")


def _names_diseases(rule: ir.Rule) -> bool:
    """Whether a rule asks for one or more diseases and nothing else it reads ('Acute myeloid leukemia in first …')."""
    read = [x for x in ir.leaves(rule) if not isinstance(x, (ir.FreeText, ir.NoRequirement))]
    return bool(read) and all(isinstance(x, ir.History) and x.category == "condition" for x in read) and not any(
        isinstance(x, ir.Not) for x in _nodes(rule))


def _nodes(rule: ir.Rule) -> Iterator[ir.Rule]:
    yield rule
    for k in ir.children(rule):
        yield from _nodes(k)


_BARRED_LEAD = _lazy("_BARRED_LEAD",
    r"(?i)^(?=[^:]*:)[^:]*?\b(?:prohibited|forbidden|disallowed|excluded|excludes?|exclusions?|ineligible|banned|unacceptable|"
    r"(?:not|never)\s+(?:be\s+)?(?:allowed|permitted|acceptable|eligible|enrolled|included)|"
    r"cannot\s+(?:be\s+enrolled|be\s+included|participate|enroll))\b")
"""A heading that names what is barred ('Prohibited medications:', 'The following are not allowed:', 'Patients excluded if
they meet any of the following:', 'Exclusions:', 'Patients with the following are ineligible:'): read as they stand, its
items were required. Not 'Not excluded:', a permission (`_PERMITS`, tried first). (Some such headings are requirements,
'Ineligible for transplant due to any of the following:': their items stay text all the same, never decided the wrong
way. 'Exclusions:' as the one sub-heading under a requirement lists its exceptions: `_EXCEPTIONS_HEADING`.)"""
_CONTRAINDICATIONS = _lazy("_CONTRAINDICATIONS",
    r"(?i)\s*(?:(?:any|known|absolute|relative)\s+)?contra-?indications?(?:\s+(?:to|for|against)\s+[^:]{1,80})?\s*:\s*")
"""'Contraindications:', 'Contraindications to study drug:' heading a list in the inclusions: its items are barred (read
as the sub-heading's own unread requirement over the items required, a patient with none of them failed)."""
_EXCEPTIONS_HEADING = _lazy("_EXCEPTIONS_HEADING", r"(?i)\s*(?:exclusions?|exceptions?|excludes?)(?:\s+(?:to|from|for)\s+[^:]{1,60})?\s*:\s*")
"""A sub-heading under a requirement listing its exceptions ('Exclusions:', 'Exceptions to the bilirubin limit:')."""
_NEGATED_LEAD = _lazy("_NEGATED_LEAD",
    r"(?i)\s*(?:no|none\s+of|without|absence\s+of|free\s+of|"
    r"(?:(?:patients?|subjects?|participants?|individuals?|persons?)\s+)?(?:(?:must|should|shall)\s+)?have\s+none\s+of|"
    r"(?:(?:patients?|subjects?|participants?|individuals?|persons?)\s+)?(?:(?:must|should|may|shall|can)\s*not|cannot)\s+have|"
    r"(?:(?:patients?|subjects?|participants?|individuals?|persons?)\s+)?(?:must|should)\s+be\s+free\s+of)\b")
"""'None of the following:', 'Patients must not have:': read as they stand, their items were required."""
_NONE_OF_PLAIN = _lazy("_NONE_OF_PLAIN",
    r"(?i)\s*(?:(?:patients?|subjects?|participants?|individuals?|persons?)\s+)?(?:(?:must|should|shall)\s+)?(?:have\s+)?"
    r"none\s+of\s+the\s+following(?:\s+[\w-]+){0,3}?\s*:\s*$")
"""'None of the following:', 'Patients must have none of the following conditions:' and nothing more."""
_PERMISSION_LEAD = _lazy("_PERMISSION_LEAD", r"(?i)\b(?:allowed|permitted|acceptable|eligible)\b[^:]*\b(?:if|provided|when|in\s+the\s+presence\s+of)\b")
_NCI_DOC = _lazy("_NCI_DOC", r"PRIOR CONCURRENT THERAPY|PATIENT CHARACTERISTICS|DISEASE CHARACTERISTICS")


_EXCEPTIONS_ITEM = _lazy("_EXCEPTIONS_ITEM", r"(?i)\s*(?:exceptions?\s+(?:include|includes|are|is|to\s+this\s+(?:criterion|rule)\s+(?:include|are))\b|exceptions?\s*:)")


def _exception_items(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Has a known additional malignancy … within the past 5 years.' then, as an item of its own, 'Exceptions include
    basal cell carcinoma of the skin …': the second carves out of the first (read alone, a basal cell carcinoma
    excluded under the first); the carve-out is not read, so the first is decided only where it does not apply."""
    out = list(items)
    for k in range(1, len(out)):
        c, prev = out[k], out[k - 1]
        if (c.children or prev.children or c.section != prev.section or not _EXCEPTIONS_ITEM.match(c.text)
                or isinstance(prev.rule, (ir.FreeText, ir.NoRequirement))):
            continue
        carve = ir.FreeText(text=c.text.strip(), reason="not_understood", span=c.rule.span)
        joined = ir.AllOf if c.section == "exclusion" else ir.AnyOf
        out[k - 1] = prev.model_copy(update={"rule": joined(items=[prev.rule, carve], span=prev.rule.span)})
        out[k] = c.model_copy(update={"rule": ir.NoRequirement(text=c.text.strip(), span=c.rule.span)})
    return out


_LET_IN_ITEM = re.compile(
    r"(?i)^\s*(?:notes?\s*:\s*)?(?:however,?\s+)?(?:participants?|patients?|subjects?|individuals?|persons?|those)\b"
    r"(?:(?!\b(?:but|however|except|participants?|patients?|subjects?|individuals?|persons?|those)\b)(?:\(e\.g\.[^()]*\)|[^.;]))*?"
    r"\b(?:(?:are|is)\s+(?:also\s+)?(?:eligible|permitted|allowed|not\s+excluded)|may\s+(?:enter|participate|enroll|be\s+(?:enrolled|included|"
    r"considered|eligible|allowed|permitted))|(?:can|will)\s+be\s+(?:enrolled|included|allowed|permitted|eligible))\b")
"""An item that lets a group in: 'Note: Participants with asymptomatic brain metastases … are permitted', 'Participants
with implanted pacemakers may enter the study without meeting QTc criteria …', 'Note: Patients with basal cell carcinoma of
the skin … (e.g., …) that have undergone potentially curative therapy are not excluded' (its examples in brackets; not a
sentence after a full stop)."""


def _let_in_item(text: str) -> re.Match[str] | None:
    """`_LET_IN_ITEM.match(text)`, tried only where the text holds one of the words every match ends with (a cheap first
    test: most items hold none)."""
    low = _folded(text)
    if ("eligible" in low or "permitted" in low or "allowed" in low or "excluded" in low or "enter" in low
            or "participate" in low or "enroll" in low or "included" in low or "considered" in low):
        return _LET_IN_ITEM.match(text)
    return None


_NOT_EXCLUDED_VERB = _lazy("_NOT_EXCLUDED_VERB", r"(?i)\b(?:are|is)\s+not\s+excluded\s*$")
_NOT_EXCLUDING_ITEM = _lazy("_NOT_EXCLUDING_ITEM", 
    r"(?i)^\s*(?:notes?\s*:\s*)?(?!(?:no|not|none|without)\b)(?!(?:[^.;(]*?\b(?:in\s+whom|whom|where|until|unless|if|when)\b))"
    r"(?P<subject>(?:\([^()]*\)|[^.;(]){3,300}?)\s+(?:is|are)\s+not\s+(?:an?\s+)?(?:exclusion(?:ary)?(?:\s+criteri(?:on|a))?|"
    r"excluded|reasons?\s+for\s+exclusion)(?:\s+for\s+(?:this|the)\s+(?:study|trial))?\s*\.?\s*$")
"""'Note: a positive hepatitis B serology indicative of previous immunization … is not an exclusion criterion': what it
names excludes no one (read as a bar, it excluded the immunized), and the bar before it does not reach it."""
_RESTRICTS = _lazy("_RESTRICTS", r"(?i)\bonly\b|\bmust\b|\bnot\s+(?:be\s+)?(?:eligible|permitted|allowed)\b")
_ONLY_IF = _lazy("_ONLY_IF", r"(?i)\s+only\s+(?=if|when|provided|after)\b")
_ALLOWS_ITEM = re.compile(r"(?i)\b(?:(?:is|are)\s+)?(?:also\s+)?(?:allowed|permitted|acceptable)\b|^\W*(?:except(?:ing)?|with\s+the\s+exception\s+of)\b")
"""An item that allows what the item before it bars, on a proviso it may not say in words `_LET_IN_ITEM` reads: 'ECOG 2
allowed if due to bone pain', '(ECOG 2 allowed if due to myeloma bone disease)', 'Adequately treated basal cell carcinoma
of the skin is allowed', 'Except adequately treated …'."""


def _allows(c: ir.Criterion) -> bool:
    """Whether an item, not read, allows something (`_ALLOWS_ITEM`) as its main clause: not 'No other concurrent 5-HT3
    receptor antagonists Other concurrent antiemetics allowed' nor 'At least 30 days since prior bisphosphonate (single
    exposure allowed …)', which restrict, nor 'Prior chemotherapy is allowed, however, …', read as it is."""
    low = c.text.lower()
    if not ("allowed" in low or "permitted" in low or "acceptable" in low or "xcept" in low):
        return False  # (a cheap first test: every text `_ALLOWS_ITEM` finds says one of those)
    text = c.text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    rule = c.rule
    if isinstance(rule, ir.AnyOf) and len(rule.items) == 2 and isinstance(rule.items[0], ir.Not):
        rule = rule.items[1]  # ('Prior brain metastases allowed if definitively treated …': any(not(brain metastases), …))
    plain = _BRACKETED.sub(" ", text)
    m = _ALLOWS_ITEM.search(plain)
    # (its first clause: not 'Patients with primary CNS tumors …, but the following patients are allowed to enroll:', '…
    # In addition, no concurrent investigational therapy is permitted', which bar)
    return (m is not None and not _NEGATED_ITEM.match(text) and not _ALLOWS_BEFORE_STOP.search(plain, 0, m.start())
            and all(isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(rule)))


_ALLOWS_BEFORE_STOP = _lazy("_ALLOWS_BEFORE_STOP", r"(?i)\b(?:no|not|nor|but|however|whereas|although|who|which)\b|[.;]\s")


_BRACKETED = _lazy("_BRACKETED", r"\([^()]*\)|\[[^\[\]]*\]")
_ALSO_ALLOWED = _lazy("_ALSO_ALLOWED", r"(?i)\b(?:is|are)\s+also\s+(?:allowed|permitted|acceptable|eligible)\b")
"""'Karnofsky ≥ 70% is also acceptable': an alternative to the item right before it, whatever it measures."""


_PAST_LIST_LEAD = _lazy("_PAST_LIST_LEAD", r"(?i)\s*(?:(?:any|a)\s+)?(?:(?:known\s+)?(?:prior|previous)(?!\s+to\b)|(?:known\s+)?history\s+of)\b"
                                            r".*\b(?:such\s+as|including|the\s+following)\s*:\s*$")
"""A heading of an exclusion that opens on prior events and lists them ('Any prior severe AE according to CTCAE … such
as:'; not 'Toxicities from prior therapy, such as:', whose events are the toxicities)."""
_NOW_WORD = _lazy("_NOW_WORD", r"(?i)\b(?:active|current|currently|ongoing|persist\w*|unresolved|resol\w*|recover\w*|returned|"
                               r"improved|revert\w*|baseline|still|residual|present|now|at\s+screening|at\s+the\s+time\s+of|"
                               r"at\s+(?:study\s+)?(?:entry|enrollment|enrolment|registration|randomi[sz]ation))\b")
"""Words of now in a heading or its item ('not resolved', 'have not returned to Grade ≤1 or baseline', 'still greater than
Grade 1', 'at the time of enrollment'): the listed events are asked of now."""
_WHATEVER_AFTER = _lazy("_WHATEVER_AFTER",
    r"(?i)\b(?:regardless|irrespective)\s+of\b[^,;)]*|\bwhether\b[^,;)]*|\beven\s+(?:if|when|though)\b[^,;)]*|"
    r"\bincluding\s+(?:those|ones|any|events?)\b[^,;)]*|\b\w+\s+or\s+not\b|\b(?:that|which)\s+(?:since\s+)?(?:resolved|improved|"
    r"recovered)\b[^,;)]*|\bsince\s+resolved\b")
"""Words that take in whatever came after the events ('regardless of whether it resolved', '(resolved or not)', 'even if
improved with steroids', 'including those since resolved'): no words of now."""


def _says_now(text: str) -> bool:
    """Whether a heading or its item asks of now (`_NOW_WORD`), once the words that take in whatever came after are set
    aside ('Any prior severe AE, regardless of whether it resolved, such as:' lists past events)."""
    return _NOW_WORD.search(_WHATEVER_AFTER.sub(" ", text)) is not None


def _relaxed(rule: ir.Rule, concepts: set[str], exception: ir.Rule, otherwise: bool) -> ir.Rule:
    """The rule with each limit on one of `concepts` relaxed by `exception` (an `Except` of that limit alone)."""
    return ir.map_leaves(rule, lambda x: ir.Except(rule=x, exception=exception, otherwise=otherwise, span=x.span)
                         if isinstance(x, ir.MEASURED) and x.concept in concepts else x)


def _graded_as_past(rule: ir.Rule) -> ir.Rule:
    """The rule with a graded condition asked of now ('Grade 2 or higher pneumonitis', read as a grade now) asked of any
    time."""
    return ir.map_leaves(rule, lambda x: x.model_copy(update={"status": "any"}) if isinstance(x, ir.History)
                         and x.category == "condition" and x.min_grade is not None and x.status == "active" else x)


def _permission_items(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Known active central nervous system metastases' then, as an item of its own, 'Note: Participants with asymptomatic
    brain metastases … are permitted'; 'At least 4 weeks since prior chemotherapy' then 'Prior fluorouracil allowed';
    'QTcF > 470 msec' then 'Participants with implanted pacemakers may enter the study without meeting QTc criteria':
    a permission that names what the item before it bars (the same kind or one of its kinds; the same measurement) lets
    some in whom that item alone would keep out (an active, asymptomatic brain metastasis excluded). How far it reaches
    is not read: the item before is decided only where the permission cannot apply (nobody of the kind it names is on
    record; a value the bar does not reach).

    Among the exclusions, a let-in sentence excludes no one outside the group it names (see below)."""
    v = vocabulary()
    # (conditions that raise a laboratory value by themselves: lexicon `raises_values`, Gilbert syndrome and bilirubin)
    raises: dict[str, list[str]] = data_file("lexicon.toml").get("raises_values", {})
    out = list(items)
    lets_in: set[int] = set()  # the permissions and let-in sentences met
    for k in range(len(out)):
        c = out[k]
        m = _let_in_item(c.text)
        # (every match of _NOT_EXCLUDING_ITEM holds 'exclu')
        n = _NOT_EXCLUDING_ITEM.match(c.text) if (m is None and c.section == "exclusion" and not c.children
                                                  and "exclu" in _folded(c.text)) else None
        if n is not None:
            c = out[k] = c.model_copy(update={"rule": ir.NoRequirement(text=c.text.strip(), why="permission", span=c.rule.span)})
        permission = isinstance(c.rule, ir.NoRequirement) and c.rule.why == "permission"
        allows = m is None and not permission and _allows(c)
        # ('… due to prior resolved disease can be enrolled only if a confirmatory negative HCV RNA test is obtained': among
        # the exclusions a let-in on a proviso, as '… if …'; skipped, the antibody bar before it excluded those it lets in,
        # audit 106 F3)
        said = (_ONLY_IF.sub(" ", c.text) if m is not None and c.section == "exclusion" and "only" in c.text
                and any(isinstance(x, ir.FreeText) for x in ir.leaves(c.rule)) else c.text)  # (one read whole stands)
        if c.children or not (permission or m is not None or allows) or _RESTRICTS.search(said):
            continue
        # (a sub-heading before a permission, 'Endocrine therapy: Concurrent topical steroids allowed', names no kind let in)
        subject = c.text[: m.end()] if m is not None else n.group("subject") if n is not None else _SUBHEADING_LEAD.sub("", c.text)
        # (its examples name no group it lets in: 'Patients receiving prophylactic antibiotics (e.g., for prevention of a
        # urinary tract infection …) are eligible' lets in no infection)
        subject = _BRACKETED.sub(lambda b: " " * len(b.group()), subject) if "(" in subject else subject
        found = [(fs, fe, t) for fs, fe, t in v.find_terms(subject) if t in v.terms]
        group = [t for _, _, t in found]
        if said is not c.text:
            pass  # (a let-in 'only if' read on its own: its reading stands, it relaxes the bar before it below)
        elif (m is not None and c.section == "exclusion" and group and not _TURNS.search(c.text, m.end())
                and not _re_words(subject, found) - _PLAIN_LET_IN and not _re_words(c.text[m.end():], []) - _PLAIN_LET_IN_TAIL):
            # 'Patients with plasma cell leukemia are also eligible for enrollment': the group let in, nothing asked of it
            out[k] = c.model_copy(update={"rule": ir.NoRequirement(text=c.text.strip(), why="permission", span=c.rule.span)})
        elif m is not None and c.section == "exclusion" and group:
            # 'Note: Participants with asymptomatic brain metastases … are permitted', 'Participants with past HBV infection …
            # are eligible if HBV DNA is negative', 'Patients with HIV are eligible with CD4 count > 350', 'Patients without
            # brain metastases are eligible': among the exclusions, such a sentence excludes no one outside what it names
            # (read alone as an unread exclusion it left every patient undecided, and read as a bar it excluded the group it
            # lets in); within it, what the sentence asks (a proviso, a qualifier, an approval) is not read. (Among the
            # inclusions it may say whom the trial takes: its own reading stands.)
            unread = ir.FreeText(text=c.text.strip(), reason="not_understood", span=c.rule.span)
            named = _history_of(v, group, c.rule.span)
            if not _TURNS.search(c.text, m.end()):
                out[k] = c.model_copy(update={"rule": ir.AllOf(items=[named, unread], span=c.rule.span)})
            else:
                # 'Patients with brain metastases are eligible, but those with leptomeningeal disease are excluded', '…;
                # however, patients with AIDS are excluded', '…, while leptomeningeal disease is an exclusion': whom it bars is
                # among what it names (its own reading, a bar on the group let in or on both at once, is not trusted); one
                # with none of it is not barred. With a measured value named ('platelets below 50'), anyone may be: text
                every = [t for _, _, t in v.find_terms(c.text) if t in v.terms]
                if [x for _, _, x in v.find_concepts(c.text) if v.concepts[x].kind in ("quantity", "score", "group")]:
                    out[k] = c.model_copy(update={"rule": unread})
                else:
                    named = _history_of(v, every, c.rule.span)
                    out[k] = c.model_copy(update={"rule": ir.AllOf(items=[named, unread], span=c.rule.span)})
        elif m is not None and c.section == "exclusion" and not isinstance(c.rule, (ir.FreeText, ir.NoRequirement)) and not (
                isinstance(c.rule, ir.AllOf) and any(isinstance(x, ir.FreeText) for x in c.rule.items)):
            # ('Patients with platelets between 50 and 75 x 10^9/L are eligible; …', 'Patients with ECOG 2 are eligible': no
            # group the vocabulary names; read as a bar, it excluded the group it lets in)
            out[k] = c.model_copy(update={"rule": ir.FreeText(text=c.text.strip(), reason="not_understood", span=c.rule.span)})
        if not allows or all(isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(c.rule)):
            lets_in.add(k)  # (not 'Prior chemotherapy is allowed, however, …', read: a bar for a let-in after it)
        # the bar it relaxes: the nearest item before it, among the few before, that bars what it names (not another
        # permission; 'Presence of HBsAg or positive hepatitis C antibody' two items before 'Patients with a positive HCV
        # antibody may enrol if HCV RNA is negative')
        for j in range(k - 1, max(-1, k - 5), -1):
            bar = out[j]
            if bar.section != c.section or bar.children:
                break
            if j in lets_in or isinstance(bar.rule, (ir.FreeText, ir.NoRequirement)):
                continue
            kinds = {x for leaf in ir.leaves(bar.rule) if isinstance(leaf, ir.History) for x in leaf.concepts}
            measured = {leaf.concept for leaf in ir.leaves(bar.rule) if isinstance(leaf, (ir.Comparison, ir.Range, ir.OneOf, ir.Finding))}
            # (the kind barred, or one of its kinds: 'Prior fluorouracil allowed' after a washout of chemotherapy)
            same = [t for t in group if any(t == x or x in v.terms[t].ancestors for x in kinds)]
            alike = [x for _, _, x in v.find_concepts(c.text)
                     if any(x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x))) for y in measured)]
            # (a condition that raises the value barred by itself: 'Gilbert's syndrome allowed' after 'Bilirubin normal')
            limited = measured | {leaf.concept for leaf in ir.leaves(bar.rule) if isinstance(leaf, (ir.NormalLimits, ir.RelativeLimit))}
            raising = [t for t in group if limited & set(raises.get(t, ()))]
            if not same and not alike and not raising:
                continue
            unread = ir.FreeText(text=f"unless let in by an item after it: '{c.text.strip()}'", reason="not_understood",
                                 span=bar.rule.span)
            exception: ir.Rule = unread
            if raising and not same and not alike:
                if _NEGATED_GROUP.search(_NOT_EXCLUDED_VERB.sub("", subject)):
                    break  # ('No Gilbert's syndrome allowed': lets no one in)
                # (only the limits on the value the condition raises: 'Bilirubin ≤ 1.5 × ULN, AST ≤ 2.5 × ULN' then
                # 'Gilbert's syndrome allowed' leaves the AST limit as it stands)
                raised = {x for t in raising for x in raises.get(t, ())}
                exception = ir.AllOf(items=[_history_of(v, raising, bar.rule.span), unread], span=bar.rule.span)
                out[j] = bar.model_copy(update={"rule": _relaxed(bar.rule, raised, exception, bar.section == "inclusion")})
                break
            if (same and not alike and len({v.terms[t].category for t in same}) == 1
                    and not _NEGATED_GROUP.search(_NOT_EXCLUDED_VERB.sub("", subject))):
                # (who is let in, when the permission names the kind: one with none of it on record is not)
                exception = ir.AllOf(items=[_history_of(v, same, bar.rule.span), unread], span=bar.rule.span)
            out[j] = bar.model_copy(update={"rule": ir.Except(
                rule=bar.rule, exception=exception, otherwise=bar.section == "inclusion", span=bar.rule.span)})
            break
        else:
            bar = out[k - 1] if k else c
            if (allows and k and _ALSO_ALLOWED.search(c.text) and re.search(r"\d", c.text) and bar.section == c.section
                    and not bar.children
                    and k - 1 not in lets_in and not isinstance(bar.rule, (ir.FreeText, ir.NoRequirement))):
                # 'ECOG 0-1' then 'Karnofsky ≥ 70% is also acceptable': another way to meet the item before, not read
                unread = ir.FreeText(text=f"unless let in by an item after it: '{c.text.strip()}'", reason="not_understood",
                                     span=bar.rule.span)
                out[k - 1] = bar.model_copy(update={"rule": ir.Except(
                    rule=bar.rule, exception=unread, otherwise=bar.section == "inclusion", span=bar.rule.span)})
    return out


_PLAIN_LET_IN = frozenset({"note", "notes", "however", "participant", "participants", "patient", "patients", "subject", "subjects",
                           "individual", "individuals", "person", "persons", "those", "with", "who", "have", "has", "had", "a",
                           "an", "the", "known", "history", "of", "prior", "previous", "also", "are", "is", "eligible",
                           "permitted", "allowed", "may", "can", "will", "be", "enter", "participate", "enroll", "enrolled",
                           "included", "considered", "or", "and"})
"""The words of a let-in sentence's subject that ask nothing of the group ('Patients with a history of X are also eligible')."""
_PLAIN_LET_IN_TAIL = frozenset({"for", "in", "to", "the", "this", "study", "trial", "enrollment", "enrolment", "participate",
                                "participation", "protocol", "entry", "be", "enrolled"})
"""What may follow the let-in verb and ask nothing ('… for enrollment', '… to participate in this study')."""


def _re_words(text: str, spans: list[tuple[int, int, str]]) -> set[str]:
    """The lower-case words of `text` outside `spans`."""
    for fs, fe, _ in sorted(spans, reverse=True):
        text = text[:fs] + " " + text[fe:]
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _history_of(v: Any, terms: list[str], span: tuple[int, int] | None) -> ir.History:
    """A history of any of the terms, of their category (or of any, when they are of several)."""
    cats = {v.terms[t].category for t in terms}
    return ir.History(category=cats.pop() if len(cats) == 1 else "any", concepts=list(dict.fromkeys(terms)), span=span)


_SUBHEADING_LEAD = _lazy("_SUBHEADING_LEAD", r"^\s*(?!notes?\s*:)[A-Za-z][\w /-]{2,40}:\s*")
_NEGATED_GROUP = _lazy("_NEGATED_GROUP", r"(?i)\b(?:without|no|not|non|never|free\s+of|absence)\b")
_TURNS = _lazy("_TURNS", r"(?i)\b(?:but|however|although|though|whereas|while|unlike|except|excluded|exclusion|ineligible|"
                    r"not\s+(?:be\s+)?(?:eligible|allowed|permitted))\b|;|"
                    r"\.\s+\S")
"""What turns a let-in sentence into more than one ('…, but patients with leptomeningeal disease are excluded',
'…; those with …', '… eligible. Patients with symptomatic … are excluded.')."""


_STATEMENT_WORD = _lazy("_STATEMENT_WORD", r"(?i)\b(?:must|should|shall|is|are|has|have|had|no|not|enhanc\w*|show\w*|on|at|after|before|"
                             r"following|within|since|prior|by|positive|negative|mutat\w*|amplif\w*|express\w*|wild-?type|"
                             r"wildtype)\b|\d")
"""Words of a statement, not of a disease's name ('Must have visible tumor on postoperative MRI')."""


def _disease_runs(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Rare Tumor Eligibility List' followed by 'Pancreatic neuroendocrine tumor', 'Paraganglioma', …, each its own
    inclusion item: a run of items that each only name diseases lists alternatives as often as requirements; one
    missing decides nothing (as under a heading)."""
    out = list(items)
    runs: list[list[int]] = [[]]
    for k, c in enumerate(out):
        if c.section == "inclusion" and not c.children and len(c.text.split()) <= 12 and not _STATEMENT_WORD.search(c.text) and (
                _names_diseases(c.rule) or (_not_understood(c.rule) and _CANCER_WORD.search(c.text))):
            # ('Pheochromocytoma, malignant', unread, then 'Paraganglioma' then 'Carcinomas of pituitary gland …': an unread
            # item that names a tumour goes on the list)
            runs[-1].append(k)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        named = sum(_names_diseases(out[k].rule) for k in run)
        if len(run) >= 2 and named >= 1 and (named >= 2 or len(run) - named >= 2):
            for k in run:
                if _names_diseases(out[k].rule):
                    out[k] = _listed_disease(out[k])
    return out


_DIAGNOSIS_DEFINED = _lazy("_DIAGNOSIS_DEFINED", 
    r"(?i)\bdiagnos\w*\b(?:(?!\b(?:measurable|adequate|function|laborator\w*|requirements?|relapsed|refractory|progressive|values?|"
    r"levels?)\b)[^:])*?\b(?:based\s+on|defined\s+(?:by|as)|confirmed\s+by|established\s+by|documented\s+by|by\s+the\s+presence\s+of|"
    r"in\s+accordance\s+with|according\s+to|as\s+per|per|by|meeting|meets?|fulfilling|evidenced\s+by)\b"
    r"(?:(?!\b(?:measurable|adequate|function|laborator\w*|requirements?|values?|levels?)\b)[^:])*:\s*$")
"""A heading that defines a diagnosis and nothing else ('Diagnosis of multiple myeloma based on at least two of the
following:'); not one that asks for more of it ('… with measurable disease defined by …', '… and adequate bone marrow
function as defined below:', '… meeting the following laboratory criteria:')."""
_NOT_AT_DIAGNOSIS = frozenset({"age", "weight", "height", "bmi"})


def _at_diagnosis(c: ir.Criterion) -> ir.Criterion:
    """An item of a diagnosis's definition, and its sub-items: a value met counts; one not met now may have been met at
    diagnosis."""
    concepts = vocabulary().concepts
    rule = c.rule
    if any(isinstance(x, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits)) and x.concept in concepts
           and concepts[x.concept].kind == "quantity" and x.concept not in _NOT_AT_DIAGNOSIS for x in ir.leaves(rule)):
        rule = ir.AnyOf(items=[rule, ir.FreeText(text="whether a value at diagnosis met it (the record's latest may be later)",
                                                 reason="not_understood", span=rule.span)], span=rule.span)
    return c.model_copy(update={"rule": rule, "children": [_at_diagnosis(ch) for ch in c.children]})


def _covers_listed(rule: ir.Rule, children: list[ir.Criterion]) -> bool:
    """Whether the heading's diseases are a class of every disease its items name (every named kind under one of them)."""
    v = vocabulary()
    heads = {c for x in ir.leaves(rule) if isinstance(x, ir.History) for c in x.concepts}
    for ch in children:
        for x in ir.leaves(ch.rule):
            if isinstance(x, ir.History) and x.category == "condition":
                for c in x.concepts:
                    if c not in heads and not (c in v.terms and v.terms[c].ancestors & heads):
                        return False
    return True


_PERMITTED_WORD = _lazy("_PERMITTED_WORD", r"(?i)\b(?:allowed|eligible|permitted|acceptable|included)\b")


def _lets_another_in(child: ir.Rule, heads: set[str], permits: bool = False) -> bool:
    """Whether an item reads 'a disease the heading does not name, on a condition' ('any(not(smoldering myeloma), …)')."""
    if not (isinstance(child, ir.AnyOf) and len(child.items) >= 2 and isinstance(child.items[0], ir.Not)
            and isinstance(child.items[0].item, ir.History) and child.items[0].item.category == "condition"):
        return False
    return _another_disease(child.items[0].item.concepts, heads, permits)


_GROUP_BOUND = _lazy("_GROUP_BOUND", r"(?i)^\s*(?P<name>[^():;,]{3,60}?)\s*(?:\([^()]*\)\s*)?(?:must|should|allowed|eligible|permitted|may)\b")


def _group_named_first(ch: ir.Criterion, heads: set[str]) -> ir.Rule | None:
    """'Smoldering myeloma (Durie-Salmon stage I) must have a 25% or greater increase …' under 'Newly diagnosed, active
    multiple myeloma': an unread item that names another disease first and binds it, which lets that disease in on the
    unread condition; None for any other item."""
    if not isinstance(ch.rule, ir.FreeText) or (m := _GROUP_BOUND.match(ch.text)) is None:
        return None
    v = vocabulary()
    found = v.find_terms(m.group("name"))
    if len(found) != 1 or found[0][0] > 0 or found[0][1] < len(m.group("name").rstrip()):
        return None
    tid = found[0][2]
    if v.terms[tid].category != "condition" or not _another_disease([tid], heads, _PERMITTED_WORD.search(ch.text) is not None):
        return None
    named = ir.History(category="condition", concepts=[tid], span=ch.rule.span)
    return ir.AllOf(items=[named, ch.rule], span=ch.rule.span)


_GENERIC_CLASSES = frozenset({"malignancy", "solid_tumor", "hematologic_malignancy", "distant_metastases"})


def _another_disease(concepts: list[str], heads: set[str], permits: bool = False) -> bool:
    """Whether the named diseases are other kinds of the heading's own, of one narrow class with it ('smoldering myeloma'
    beside 'multiple myeloma': plasma cell neoplasms); not a complication or metastasis of it ('brain metastases'), nor a
    disease of another kind ('hepatitis B'), whose items bind a subgroup of the heading's patients. An item that says it
    permits ('Primary peritoneal carcinoma allowed if the histology is serous' under epithelial ovarian cancer) lets in
    any other cancer it names."""
    v = vocabulary()
    if not concepts or any(c not in v.terms or c in heads for c in concepts):
        return False
    for c in concepts:
        anc = v.terms[c].ancestors
        if "distant_metastases" in anc or anc & heads:
            return False
        if permits and anc & {"malignancy", "plasma_cell_neoplasm"}:
            continue
        if not any(h in v.terms and (anc & v.terms[h].ancestors) - _GENERIC_CLASSES for h in heads):
            return False
    return True


def _join_rest(r: ir.AnyOf) -> ir.Rule:
    rest = r.items[1:]
    return rest[0] if len(rest) == 1 else ir.AnyOf(items=list(rest), span=r.span)


def _listed_disease(c: ir.Criterion, lead: str = "") -> ir.Criterion:
    """An inclusion item that only names diseases, listed with others: each may be enough, so one missing decides
    nothing; one that names only comorbidities ('Myocardial infarction', 'Angina', 'Congestive heart failure'), the
    flattened items of a 'No history of …, including:' as likely as requirements, is not read (read as alternatives,
    an MI passed)."""
    named = [x for x in ir.leaves(c.rule) if isinstance(x, ir.History)]
    if named and not _REQUIRING_LEAD.search(lead) and all(_is_comorbidity(x, _comorbidity_classes()) for x in named):
        return c.model_copy(update={"rule": ir.FreeText(
            text=f"whether '{c.text.strip()[:60]}' is required or barred (a bare name in a flattened list)",
            reason="not_understood", span=c.rule.span)})
    return c.model_copy(update={"rule": _one_of_the_diseases(c.rule)})


_REQUIRING_LEAD = _lazy("_REQUIRING_LEAD", r"(?i)\b(?:must|should|required?|requires|have|has|with|diagnos\w*|documented|confirmed)\b")
"""A heading that says its items are required ('Patients must have:'): a comorbidity under it is one."""


@lru_cache(maxsize=1)
def _comorbidity_classes() -> frozenset[str]:
    return lexicon().comorbidity_classes


def _is_comorbidity(h: ir.History, classes: frozenset[str]) -> bool:
    v = vocabulary()
    return bool(h.concepts) and all(c in v.terms and v.terms[c].ancestors & classes for c in h.concepts)


_GROUP_WORDS = re.compile(r"(?i)\b(?:patients?|participants?|subjects?|with|for|cohort|arm|group|-|–|or|and|&|/)\b|[-–/&+]")
_ALL_PATIENTS = _lazy("_ALL_PATIENTS", r"(?i)\s*(?:all\s+)?(?:patients|participants|subjects)\s+with\b|\s*all\s+(?:patients|participants|subjects)\b")


def _group_heading(c: ir.Criterion) -> list[str] | None:
    """The diseases a heading names, when it is nothing but their name ('Hodgkin lymphoma:', 'Triple negative breast
    cancer (TNBC):', 'PATIENTS WITH ALZHEIMER DISEASE:'): the items under it bind only patients with one of them."""
    text = c.text.strip()
    if not text.endswith(":") or len(text.split()) > 10:
        return None
    # (not 'Has one of the following solid tumor indications:', 'defined by:', 'Other Malignancies:')
    name = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text[:-1])
    # ('Head and neck squamous cell carcinoma (HNSCC) HPV+ or -:', 'Non-small cell lung cancer (NSCLC) - squamous or
    # non-squamous:': both subtypes of it, the disease all the same)
    # (every match of _EITHER_SUBTYPE holds 'or' or '/', and 'non' or '-')
    bare = _EITHER_SUBTYPE.sub("", name) if ("or" in (low := _folded(name)) or "/" in name) and ("non" in low or "-" in name) else name
    # (the name read again only where the tail was taken off: the same name gives the same None)
    found = group_of_patients(name, _GROUP_WORDS) or (group_of_patients(bare, _GROUP_WORDS) if bare != name else None)
    if found and c.section == "exclusion":
        # among the exclusions only a cohort's cancer ('Hodgkin lymphoma:' over 'Prior brentuximab vedotin'); a
        # comorbidity heading ('Cardiovascular disease:' over 'LVEF < 40%') names the class its items are kinds of
        v = vocabulary()
        if not all(d in v.terms and "malignancy" in v.terms[d].ancestors and d != "malignancy" for d in found):
            return None
    return found


_EITHER_SUBTYPE = _lazy("_EITHER_SUBTYPE", r"(?i)\s*[-–]?\s*(?P<a>[a-z][\w/]*)\s*\+?\s*(?:or|and/or|/)\s*(?:non-?\s*(?P=a)|-)\s*$")
"""A heading's tail that names a subtype and its opposite ('HPV+ or -', 'squamous or non-squamous'): every patient of
the disease."""


_FIRST_WORDS = _lazy("_FIRST_WORDS", r"\s*(?P<head>[^,;:.()]{3,60}?)\s+(?:-\s+|–\s+)?(?:must|should|need|needs|is|are|has|have|with)\b")


def _names_a_disease_first(text: str) -> bool:
    """An item that opens by naming a disease of its own ('Multiple myeloma must have measurable disease', 'Renal cell
    carcinoma - must have …'): it starts a group of its own, under no earlier heading."""
    m = _FIRST_WORDS.match(text)
    return m is not None and group_of_patients(m.group("head"), _GROUP_WORDS) is not None


_GROUP_ITEM = _lazy("_GROUP_ITEM", r"(?i)\s*must\b")


def _dedupe_list(xs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(xs))


def _disease_groups(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """A basket trial's 'Hodgkin lymphoma:' then 'Must have received at least 3 prior systemic therapies': the items
    under a heading that only names a disease (its sub-items, or the items after it at its own level up to the next
    heading, or one that speaks of all patients or names a disease of its own) bind only patients with that disease;
    read for everyone, a breast cancer patient failed the lymphoma group's line count."""
    out = list(items)
    scope: ir.Rule | None = None
    section = "inclusion"

    def scoped(rule: ir.Rule, nested: bool = True) -> ir.Rule:
        assert scope is not None
        if isinstance(rule, ir.NoRequirement):
            return rule
        if section == "exclusion":
            # ('Hodgkin lymphoma:' over 'Prior brentuximab vedotin' among the exclusions: it excludes those patients;
            # an item after it at its own level may be everyone's, 'Pregnant or breastfeeding': decided where both agree)
            if nested:
                return ir.AllOf(items=[scope, rule], span=rule.span)
            which = ir.FreeText(text="whether the item binds only the patients of the heading above", span=rule.span)
            return ir.AllOf(items=[rule, ir.AnyOf(items=[scope, which], span=rule.span)], span=rule.span)
        return ir.AnyOf(items=[ir.Not(item=scope, span=None), rule], span=rule.span)

    for k, c in enumerate(out):
        diseases = _group_heading(c)
        if diseases is not None:
            section = c.section
            scope = ir.History(category="condition", concepts=diseases, span=None)
            if c.children:
                out[k] = c.model_copy(update={"children": [ch.model_copy(update={"rule": scoped(ch.rule)}) for ch in c.children]})
                scope = None
            continue
        if scope is None:
            continue
        if (c.section == "inclusion" and not c.children and _names_diseases(c.rule) and k + 1 < len(out)
                and out[k + 1].section == "inclusion" and _GROUP_ITEM.match(out[k + 1].text)):
            # 'Histologically confirmed diffuse large B cell lymphoma (DLBCL)' (no colon) then 'Must have received at
            # least 2 prior lines …', among disease headings: the next group's heading (read as the end of the groups,
            # an NSCLC patient failed the lymphoma group's line count)
            scope = ir.History(category="condition", concepts=_dedupe_list(
                x for h in ir.leaves(c.rule) if isinstance(h, ir.History) for x in h.concepts), span=None)
            continue
        if (c.section != section or c.text.rstrip().endswith(":") or _ALL_PATIENTS.match(c.text)
                or _names_diseases(c.rule) or _names_a_disease_first(c.text)):
            scope = None
            continue
        out[k] = c.model_copy(update={"rule": scoped(c.rule, nested=False)})
    return out


def _limits_age(rule: ir.Rule) -> bool:
    """Whether a rule sets an age limit (outside any negation)."""
    if isinstance(rule, (ir.Comparison, ir.Range)):
        return rule.concept == "age"
    if isinstance(rule, ir.Not):
        return False
    return any(_limits_age(k) for k in ir.children(rule))


def _required_cancers(rule: ir.Rule) -> set[str]:
    """The kinds of cancer a rule requires (outside any negation): 'Chronic Lymphocytic Leukemia, Age 18-75' → {cll}."""
    v = vocabulary()
    if isinstance(rule, ir.Not):
        return set()
    if isinstance(rule, ir.History):
        return {c for c in rule.concepts if rule.category == "condition" and not rule.other and c != "malignancy"
                and c in v.terms and "malignancy" in v.terms[c].ancestors}
    return {c for k in ir.children(rule) for c in _required_cancers(k)}


def _rival_diseases(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Chronic Lymphocytic Leukemia, Age 18-75', 'Acute Myelogenous Leukemia, Age 18-75', 'Multiple Myeloma, …' as
    inclusion items of their own (a list whose lead the record flattened): two items that each require a different
    cancer are alternatives, for a patient has one; read as all required, every patient failed one of them."""
    v = vocabulary()
    found = [(k, _required_cancers(c.rule)) for k, c in enumerate(items) if c.section == "inclusion" and not c.children]
    found = [(k, cs) for k, cs in found if cs and not any(isinstance(x, ir.FreeText) and x.text.startswith("whether one of the listed")
                                                          for x in ir.leaves(items[k].rule))]

    def related(a: str, b: str) -> bool:
        return a == b or a in v.terms[b].ancestors or b in v.terms[a].ancestors

    # ('Chronic myelogenous leukemia, any of these categories: …' unread beside 'Myeloproliferative disorders … in
    # transformation to acute leukemia': an unread item that opens by naming a cancer is a rival all the same)
    if not found:
        return items
    named = [(k, {t}) for k, c in enumerate(items) if c.section == "inclusion" and not c.children and k not in dict(found)
             and (t := _opening_cancer(c.text)) is not None]
    rivals = {k for k, cs in found for j, other in found + named if j != k and not any(related(a, b) for a in cs for b in other)}
    if not rivals:
        return items
    out = list(items)
    for k in rivals:
        out[k] = out[k].model_copy(update={"rule": _one_of_the_diseases(out[k].rule)})
    return out


def _opening_cancer(text: str) -> str | None:
    """The cancer an item's text opens with ('Chronic myelogenous leukemia, any of these categories: …')."""
    v = vocabulary()
    lead = len(text) - len(text.lstrip())
    first = [t for s, _, t in v.find_terms(text[: lead + 80]) if s == lead]
    return next((t for t in first if t != "malignancy" and "malignancy" in v.terms[t].ancestors), None)


def _one_of_the_diseases(rule: ir.Rule) -> ir.Rule:
    return ir.AnyOf(items=[rule, ir.FreeText(text="whether one of the listed diseases is enough", reason="not_understood",
                                             span=rule.span)], span=rule.span)


def _adopt_exceptions(doc: str, items: list[Item]) -> list[Item]:
    """'No second malignancy within 5 years except:' followed, at its own level, by 'Adequately treated nonmelanomatous
    skin cancer', 'In situ cervical cancer': the items after such a lead are its exceptions, up to the first that
    restricts ('Not pregnant or nursing'), opens a list or stands under another heading. Read alone, each would
    require the cancer it excepts."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        it = items[i]
        if it.children:
            it = replace(it, children=_adopt_exceptions(doc, it.children))
        j = i + 1
        lead = _clean(doc, it)[0]
        if (not it.children and it.section == "exclusion" and lead.rstrip().endswith(":") and _TIMED.search(lead)
                and list_quantifier(lead) is not None and list_quantifier(lead)[0] == "any"):  # type: ignore[index]
            # 'Any of the following within 6 months prior to the first dose:' then 'Myocardial infarction' at its own
            # level: the window is the lead's (an item taken in by mistake is still a reason to exclude, read
            # without a window it did not say)
            while (j < len(items) and j - i <= 8 and not items[j].children and items[j].section == it.section
                   and items[j].heading == it.heading):
                body = _clean(doc, items[j])[0]
                if body.rstrip().endswith(":") or _BARE_SUBHEADING.match(body):
                    break
                j += 1
            if j > i + 1:
                it = replace(it, children=list(items[i + 1 : j]))
        elif not it.children and lead.rstrip().endswith(":") and _NOT_REQUIRED_UNLESS.search(lead):
            # 'Hepatitis B and C screening tests are not required unless:' then 'Known history of HBV or HCV infection' at
            # its own level: the items say when the tests are needed (read alone, each a requirement or a reason to
            # exclude: a patient without hepatitis failed)
            # (the usual two: a known history of what is tested for, a local mandate; an item about anything else is the
            # next requirement)
            v = vocabulary()
            tested = {t for _, _, t in v.find_terms(lead) if t in v.terms}
            while (j < len(items) and j - i <= 2 and not items[j].children and items[j].section == it.section
                   and items[j].heading == it.heading and not _clean(doc, items[j])[0].rstrip().endswith(":")):
                body = _clean(doc, items[j])[0]
                if not (_MANDATED.search(body) or any(tested & v.terms[t].ancestors for _, _, t in v.find_terms(body) if t in v.terms)):
                    break
                j += 1
            if j > i + 1:
                it = replace(it, children=list(items[i + 1 : j]))
        elif (not it.children and it.section == "exclusion" and ":" in lead and _EXCEPT_LEAD.search(lead)
              and _CANCER_WORD.search(lead)):
            # 'Active known second malignancy with the exception of any of the following:' then 'Adequately treated basal
            # cell carcinoma …' at its own level: read alone, each excepted cancer was a reason to exclude. The list
            # ends at the first item that is not about a cancer ('Infection with HIV-1 or HIV-2')
            while (j < len(items) and j - i <= 6 and not items[j].children and items[j].section == it.section
                   and items[j].heading == it.heading):
                body = _clean(doc, items[j])[0]
                if (not _CANCER_WORD.search(body) or _NEGATED_ITEM.match(body) or body.rstrip().endswith(":")
                        or _BARE_SUBHEADING.match(body)):
                    break
                j += 1
            if j > i + 1:
                it = replace(it, children=list(items[i + 1 : j]))
        elif (not it.children and it.section == "inclusion" and _NEGATED_ITEM.match(lead) and ":" in lead
              and _EXCEPT_LEAD.search(lead)):
            # (only under a 'No …' lead in the inclusions, whose list ends at the next 'No'/'Not' requirement; in an
            # exclusion list nothing marks where the exceptions end)
            while (j < len(items) and j - i <= 6 and not items[j].children and items[j].section == it.section
                   and items[j].heading == it.heading):
                body = _clean(doc, items[j])[0]
                if _NEGATED_ITEM.match(body) or body.rstrip().endswith(":") or _BARE_SUBHEADING.match(body):
                    break
                j += 1
            if j > i + 1:
                it = replace(it, children=list(items[i + 1 : j]))
        out.append(it)
        i = j
    return out


_CONCURRENT_TOPIC = _lazy("_CONCURRENT_TOPIC",
    r"(?i)\s*concurrent\s+(?:medications?|treatments?|therap(?:y|ies)|drugs?|medical\s+therapy)\s*:?\s*")
_LIST_LEAD = _lazy("_LIST_LEAD", r"(?i)\s*(?:allowed|permitted|excluded|required|not\s+(?:allowed|permitted)|prohibited)\b[^:]*:\s*")


def _concurrent_topics(criteria: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Concurrent Medication:' over 'Excluded:' over 'Aspirin.' (an old record's topic heading, its lists following it
    as siblings): the therapies listed are the ones taken now, not ever. Read as they stand, any aspirin ever taken
    excluded. The topic lasts until a heading on another topic ('Prior Medication:', 'Patients must have:')."""
    out: list[ir.Criterion] = []
    topic: dict[str, bool] = {}
    for c in criteria:
        heading = isinstance(c.rule, ir.NoRequirement) and c.rule.why == "heading"
        if heading and _CONCURRENT_TOPIC.fullmatch(c.text):
            if c.children:
                c = _now(c)
            else:
                topic[c.section] = True
        elif heading and not c.children and not _LIST_LEAD.fullmatch(c.text):
            topic[c.section] = False
        elif heading and c.children and not _LIST_LEAD.fullmatch(c.text):
            topic[c.section] = False  # 'Patients with the following prior conditions are excluded:'
        elif topic.get(c.section):
            c = _now(c)
        out.append(c)
    return out


_COHORT_HEADING = _lazy("_COHORT_HEADING",
    r"(?i)\s*(?:(?:for|in)\s+)?(?:all\s+)?(?P<label>(?:(?:dose\s+)?(?:expansion|escalation)\s+(?:phase\s+|stage\s+|cohorts?\s+)?|"
    r"phase\s+\d\w*\s+|part\s+)?(?:phase|parts?|cohorts?|arms?|groups?|(?<=expansion\s)stage|(?<=escalation\s)stage)\b"
    r"[^:;.]{0,40}?)"
    r"(?:\s+(?:participants|patients|subjects))?(?:\s+only)?(?:\s*\([^)]*\))?\s*:\s*")


_TRIAL_GROUP = _lazy("_TRIAL_GROUP",
    r"(?i)\b(?:cohorts?|sub-?stud(?:y|ies)|modules?\s+[A-Z0-9]{1,3}\b|parts?\s+[A-Z0-9]{1,3}\b|stud(?:y|ies)\s+\d{1,2}[a-z]?\b|"
    r"stages?\s+\d{1,2}[a-z]?(?=\s*(?:only\s*)?(?:(?:participants|patients|subjects)\s*)?(?:only\s*)?:)|"
    r"phases?\s+(?:\d{1,2}[a-z]?|i{1,3}[ab]?|iv)(?:\s*(?:/|-|and)\s*(?:\d{1,2}[a-z]?|i{1,3}[ab]?|iv))?\b|"
    r"(?:randomi[sz]ed|expansion|escalation|extension|maintenance|safety|pilot)\s+(?:phase|portion|part|stage|period)|"
    r"portion\s+of\s+the\s+(?:study|trial)|run-?in\b|dose\s+levels?\b|(?:dose\s+)?(?:escalation|expansion)\b|backfill|"
    r"arms?\s+[A-Z0-9]{1,3}\b|(?:combination|monotherapy|control|experimental|placebo|comparator|single-agent)\s+arm\b|"
    r"groups?\s+[A-Z0-9]{1,3}\b|(?:healthy|normal)\s+(?:volunteers?|subjects?|controls?|participants?)|volunteers?\b)")
"""The words of a heading that name a group of the trial's patients, where `_COHORT_HEADING` does not read the heading
whole ('For the Phase 1 dose escalation, must have:', 'Participants in Cohort 2:', 'Additional criteria for Cohort B:',
'Healthy volunteers:', 'Randomized phase:', 'Safety run-in:')."""
_ONLY_HEADING = _lazy("_ONLY_HEADING", r"(?i)\s*(?:for\s+)?(?:[\w/-]+\s+){1,4}only\s*:\s*")
"""'Japan only:', 'Study 3 only:': a heading that says whom its items are for."""
_EVERY_GROUP = _lazy("_EVERY_GROUP", r"(?i)\b(?:all|every|each|any)\s+(?:of\s+)?(?:the\s+)?(?:cohorts|parts|arms|groups|phases|stages|modules|"
                     r"sub-?studies|studies|dose\s+levels|portions)\b|\bboth\b|\b(?:escalation|expansion)\s+(?:and|&|/)\s+(?:dose\s+)?"
                     r"(?:escalation|expansion)\b|\bphases?\s+[\dIV]+[ab]?\s*(?:and|&|/|,|-)\s*(?:phase\s+)?[\dIV]+")
"""'For all cohorts:', 'Dose escalation and expansion:', '(Phase 1 and Phase 2):': every group, no one of them."""
_PATIENT_GROUP = _lazy("_PATIENT_GROUP", r"(?i)\s*(?:(?:all\s+)?(?:patients?|participants?|subjects?)(?:\s+(?:group|cohort|population))?)\s*:\s*")
"""'Patients:' after 'Healthy volunteers:': the other group, not everyone."""


def _trial_group(text: str) -> str | None:
    """The group of the trial a heading's items bind, in the heading's words; None for any other heading."""
    text = text.strip()
    if not text.endswith(":") or len(text.split()) > 20 or _EVERY_GROUP.search(text):
        return None
    if _TRIAL_GROUP.search(text) is None and _ONLY_HEADING.fullmatch(text) is None:
        return None
    return f"those under '{text[:-1].strip()[:80]}'"


_BARE_COHORT_LABEL = _lazy("_BARE_COHORT_LABEL", r"(?i)\s*(?P<label>(?:parts?|cohorts?|arms?)\s+[A-Z0-9]{1,3}(?:\s*(?:,|and|&|/|or)\s*[A-Z0-9]{1,3})*)\s*")
"""A line that is nothing but the parts or cohorts the lines after it bind ('Parts A, B and C')."""


_GROUP_CRITERIA_LINE = _lazy("_GROUP_CRITERIA_LINE",
    r"(?i)\s*(?P<who>(?:\S.{0,100}?[\s-]+)?)(?:specific\s+)?(?:inclusion|exclusion|eligibility)\s+criteria"
    r"(?P<rest>\s+(?:for|applicable\s+to|that\s+apply\s+to)\s+(?:all|every|each|both)\b[^:]{0,40})?\s*:?\s*")
"""A line that heads a list of criteria, one group's ('HER2-Positive Solid Tumor Specific inclusion criteria') or
everyone's (`_EVERYONE_WORDS`: 'General inclusion criteria', 'Inclusion criteria for all cohorts')."""
_EVERYONE_WORDS = _lazy("_EVERYONE_WORDS",
    r"(?i)(?:(?:the|following|general|common|other|additional|key|main|overall|all|study|protocol|trial|disease|patients?|"
    r"participants?|subjects?|specific|full|complete|detailed|list|of)[\s-]+)*")
"""The words before '(specific) inclusion criteria' that name no group ('Disease-specific', 'Study-specific'): such a line
leaves the group it stands under as it is ('Patient inclusion criteria' after the volunteers' criteria names the
patients, review 97 U4)."""
def _or_everyone(label: str, line: str) -> str:
    """A group's label after a line that may start everyone's criteria ('Other inclusion criteria'): whom the items after
    it bind is not said (a label no reading takes, `ir.group_label` nor `ir.heading_group`: 'only for …' text)."""
    return label if label.startswith("either ") else f"either {label} or everyone ('{line.strip()[:60]}')"


def _everyones(line: str) -> bool:
    """Whether a line or section header says its criteria are everyone's ('General inclusion criteria', 'Inclusion
    criteria for all cohorts'; not 'Cohort B general inclusion criteria', review 98 V3)."""
    return _EVERYONE_LINE.search(line) is not None and _NAMES_A_GROUP.search(line) is None


_NAMES_A_GROUP = _lazy("_NAMES_A_GROUP",
    r"(?i)\b(?:cohorts?|parts?|arms?|groups?|phases?|modules?)\s+[A-Z0-9]{1,3}\b|\bvolunteers?\b")
_ALL_OF_THEM_LINE = _lazy("_ALL_OF_THEM_LINE",
    r"(?i)\W*(?:for\s+)?all\s+(?:participants|patients|subjects|cohorts|arms|parts|groups)(?:\s+only)?"
    r"(?:\s*\((?P<which>[^()]{0,60})\))?\s*:?\s*")
"""A line that says the items after it are everyone's ('All Participants (Arms A through N)')."""
_ALL_OF_RANGE = _lazy("_ALL_OF_RANGE", r"(?i)\ball\b|\b[A-Z0-9]{1,3}\s*(?:through|to|-|–)\s*[A-Z0-9]{1,3}\b")
"""A bracket that names every group ('Arms A through N', 'all arms'), not some ('Arms B and C')."""
_EVERYONE_LINE = _lazy("_EVERYONE_LINE",
    r"(?i)^\W*(?:the\s+)?(?:general|common)\s+(?:inclusion|exclusion|eligibility)\s+criteria\b|"
    r"\b(?:for|to|of)\s+(?:all|every|each|both)\s+(?:the\s+)?(?:cohorts?|parts?|arms?|groups?|phases?|participants|patients|"
    r"subjects|stud(?:y|ies))\b|\ball\s+(?:cohorts|parts|arms|groups|phases)\b")
"""A line or section header that says its criteria are everyone's: it ends one group's items."""
_GROUP_LINE = _lazy("_GROUP_LINE",
    r"(?i)\s*(?P<label>(?:[a-z][a-z-]*\s+){0,3}?(?:parts?|cohorts?|arms?|groups?)\s+[a-z0-9]{1,3}(?:\s*(?:,|and|&|/|or)\s*[a-z0-9]{1,3})*)"
    r"(?:\s+(?:participants|patients|subjects))?(?:\s+only)?\s*")
"""A line that names a group of the trial and nothing more, in words `_BARE_COHORT_LABEL` does not take ('Expansion phase Arm
J participants', 'Cohort 2 patients'): a label, checked by `ir.group_label`."""


def _label_names(label: str) -> frozenset[str]:
    """The parts a label names ('Parts A, B and C': A, B, C)."""
    return frozenset(re.findall(r"\b[A-Z0-9]{1,3}\b", label.split(None, 1)[1] if " " in label else ""))


_USE_SET_APART = _lazy("_USE_SET_APART",
    r"(?i)\b(?:replacement|physiologic(?:al)?|topical|inhaled|intranasal|nasal|ophthalmic|low[- ]dose|prophyla\w*|"
    r"premedication|pre-?medication|antiemetic|intra-?articular)\b")


def _shared_exceptions(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'At least 3 weeks since prior corticosteroids' beside 'No concurrent systemic corticosteroids (other than
    replacement doses)': the therapy the neighbour sets apart, not read, may be set apart from the washout too (read
    without it, a patient on replacement hydrocortisone the trial allows failed the washout, audit 108 F2)."""
    out = list(items)
    for k, c in enumerate(items):
        if c.children or isinstance(c.rule, ir.Except):
            continue
        own = c.rule.item if isinstance(c.rule, ir.Not) else c.rule
        if not (isinstance(own, ir.History) and own.category == "therapy" and own.window is not None and not own.excluding):
            continue
        for j in (k - 1, k + 1):
            if not 0 <= j < len(items) or items[j].section != c.section or items[j].children:
                continue
            other = items[j].rule
            if not (isinstance(other, ir.Except) and isinstance(other.exception, ir.FreeText)
                    and _USE_SET_APART.search(other.exception.text)):
                continue  # (a way of using the therapy set apart, not a regimen the washout may be about)
            kinds = {x for leaf in ir.leaves(other.rule) if isinstance(leaf, ir.History) for x in leaf.concepts}
            if not set(own.concepts) & kinds:
                continue
            unread = ir.FreeText(text=f"unless set apart as the item beside it says: '{other.exception.text.strip()[:80]}'",
                                 reason="not_understood", span=c.rule.span)
            out[k] = c.model_copy(update={"rule": ir.Except(rule=c.rule, exception=unread, otherwise=c.section == "inclusion",
                                                            span=c.rule.span)})
            break
    return out


def _lettered_groups(criteria: list[ir.Criterion]) -> list[ir.Criterion]:
    """A trial whose groups of one kind are named by letters other than I, V and X ('Expansion phase Arm H') and never by
    a Roman numeral of two or more ('Arm II'): its 'Arm I' is the letter I (`ir.Cohort.lettered`), which a record's 'Arm
    H' is not (both ways, 'Arm A' against 'Arm I' of a trial of Roman numerals is not decided)."""
    names: dict[str, set[str]] = {}
    for c in _walk(criteria):
        for x in ir.leaves(c.rule):  # (a `not(cohort)`'s leaf is the cohort)
            if isinstance(x, ir.Cohort):
                names.setdefault(x.group, set()).update(x.names)
    lettered = {g for g, ns in names.items() if any(n.isalpha() and not re.fullmatch(r"[IVX]+", n) for n in ns)
                and not any(re.fullmatch(r"[IVX]{2,}", n) for n in ns) and ns & {"I", "V", "X"}}
    if not lettered:
        return criteria

    def mark(rule: ir.Rule) -> ir.Rule:
        if isinstance(rule, ir.Cohort):
            return rule.model_copy(update={"lettered": True}) if rule.group in lettered else rule
        return ir.map_children(rule, mark)

    def marked(c: ir.Criterion) -> ir.Criterion:
        return c.model_copy(update={"rule": mark(c.rule), "children": [marked(k) for k in c.children]})

    return [marked(c) for c in criteria]


def _cohort_topics(criteria: list[ir.Criterion], header_of: dict[str, tuple[int, str, str]] | None = None) -> list[ir.Criterion]:
    """'Expansion phase Arm A participants:' then its items at the same level, 'Phase 2:' over its items: they bind only
    that arm, which the record does not hold (read for everyone, a multi-arm trial asked every patient for every
    arm's disease). The topic lasts until the next heading, or a section header that says it is everyone's
    (`header_of`: each criterion's header; 'General inclusion criteria', 'Inclusion criteria for all cohorts' after one
    group's items, review 96 T3; not 'Inclusion Criteria:' under 'Healthy Volunteers:', review 97 U2)."""
    out: list[ir.Criterion] = []
    topic: dict[str, str] = {}
    header: tuple[int, str, str] | None = None
    # (the parts named anywhere in the trial, in either section, by bare labels or 'Part A:' headings)
    bare = [_label_names(m.group("label")) for c in criteria
            if (not c.children and isinstance(c.rule, ir.FreeText) and (m := _BARE_COHORT_LABEL.fullmatch(c.text)))
            or (isinstance(c.rule, ir.NoRequirement) and (m := _COHORT_HEADING.fullmatch(c.text)))]
    every = frozenset().union(*bare) if bare else frozenset()
    volunteers: set[str] = set()  # (the sections where a heading names healthy volunteers)
    for c in criteria:
        if header_of is not None and header_of.get(c.id, (-1, "", "")) != header:
            header = header_of.get(c.id, (-1, "", ""))
            if _everyones(header[1]) or header[2]:
                # ('General inclusion criteria', 'Exclusion Criteria for Cohort B only:' (whose group the header's own items
                # bind, `Item.group`): the group above is over, reviews 96 T3 and 98 V2. Not a header that names a group
                # its items are not bound to, 'Inclusion Criteria (Part A):', '… for Phase 1:': unread, as below, review 99)
                topic.clear()
            else:
                # ('Inclusion Criteria:' after 'Part A:' and its items, 'Other inclusion criteria'): the group above, or
                # everyone, or the next group's heading filed in the other section? Not said (review 97 U2, 98 V1): whom
                # the items bind is left unread
                topic = {k: _or_everyone(v, header[1]) for k, v in topic.items()}
        heading = isinstance(c.rule, ir.NoRequirement) and c.rule.why == "heading"
        m = _COHORT_HEADING.fullmatch(c.text) if heading else None
        if m is not None and _EVERY_GROUP.search(c.text):
            m = None  # ('For all cohorts:': everyone, a heading like any other; not 'All Expansion phase participants:')
        if m is None and heading and (group := _trial_group(c.text) or (
                "the patients (not the volunteers)" if c.section in volunteers and _PATIENT_GROUP.fullmatch(c.text) else None)):
            # 'Participants in Cohort 2:', 'Dose escalation:', 'Healthy volunteers:' (and 'Patients:' after it): the
            # heading of one group's items, in words the label above does not read
            if re.search(r"(?i)\bvolunteers?\b", c.text):
                volunteers.add(c.section)
            if c.children:
                c = _for_cohort(c, group)
            else:
                topic[c.section] = group
            out.append(c)
            continue
        if (m is None and not c.children and isinstance(c.rule, (ir.FreeText, ir.NoRequirement))
                and (every_line := _ALL_OF_THEM_LINE.fullmatch(c.text)) is not None):
            # ('All Participants (Arms A through N)' after Arm L's items: everyone's from here; read as one more of Arm L's,
            # the transplant and effusion exclusions after it bound Arm L alone, audit 106 F2). A bracket that names some
            # groups only, 'All participants (Arms B and C)', heads theirs (review 107 R5)
            some = every_line.group("which") and not _ALL_OF_RANGE.search(every_line.group("which"))
            if some:
                topic[c.section] = f"those under '{c.text.strip().rstrip(':').strip()[:80]}'"
            else:
                topic.pop(c.section, None)
            out.append(c.model_copy(update={"rule": ir.NoRequirement(text=c.text, why="heading", span=c.rule.span)}))
            continue
        if m is None and not c.children and not heading and (gl := _GROUP_CRITERIA_LINE.fullmatch(c.text)) is not None:
            c = c.model_copy(update={"rule": ir.NoRequirement(text=c.text, why="heading", span=c.rule.span)})
            who = gl.group("who")
            if _everyones(c.text):
                # ('General inclusion criteria', 'Inclusion criteria for all cohorts': everyone's, which ends one group's
                # items, review 96 T3)
                topic.pop(c.section, None)
            elif _EVERYONE_WORDS.fullmatch(who) and not (
                    c.section in volunteers and re.fullmatch(r"(?i)\s*(?:patients?|participants?|subjects?)[\s-]+", who)):
                # ('Disease-specific inclusion criteria', 'Other inclusion criteria': no group named; under one group's
                # heading, that group's own items or everyone's? Not said (review 97 U1, review 96 T3): the group the items
                # after it bind is left unread (review 96 T7: no group of its own)
                if c.section in topic:
                    topic[c.section] = _or_everyone(topic[c.section], c.text)
            else:
                # 'HER2-Positive Solid Tumor Specific inclusion criteria', 'Cohort 1-Specific inclusion criteria' on a line
                # of its own: the heading of one group's items (read as a requirement, 'HER2-positive solid tumor' failed a
                # complete record with another cancer)
                topic[c.section] = f"those under '{c.text.strip().rstrip(':').strip()[:80]}'"
                if re.search(r"(?i)\bvolunteers?\b", c.text):
                    volunteers.add(c.section)
            out.append(c)
            continue
        if m is None and not c.children and isinstance(c.rule, ir.FreeText) and (
                (m := _BARE_COHORT_LABEL.fullmatch(c.text))
                or ((m := _GROUP_LINE.fullmatch(c.text)) is not None and ir.group_label(m.group("label")) is not None)):
            # 'Parts A, B and C' on a line of its own, no colon: a label as much as 'Parts A, B and C:'; so 'Expansion phase
            # Arm J participants' after the items of 'Expansion phase Arm I participants:' (read as more of Arm I's items,
            # Arm J's own were no one's once the record's cohort decides the label, review 94 S1)
            c = c.model_copy(update={"rule": ir.NoRequirement(text=c.text, why="heading", span=c.rule.span)})
            names = _label_names(m.group("label"))
            if len(bare) >= 2 and len(every) >= 2 and every <= names:
                # ('Parts A, B, C, D and E' after 'Parts A, B and C': every part named, everyone)
                topic.pop(c.section, None)
                out.append(c)
                continue
        if m is not None:
            label = " ".join(m.group("label").split())
            if c.children:
                c = _for_cohort(c, label)
            else:
                topic[c.section] = label
        elif heading and not c.children:
            topic.pop(c.section, None)
        elif topic.get(c.section):
            c = _for_cohort(c, topic[c.section])
        out.append(c)
    return out


_REQUIRED_AGAIN = _lazy("_REQUIRED_AGAIN", r"(?i)\b(?:must|should|shall|required?|requirements?|eligible|eligibility|inclusion|include[sd]?|"
                             r"need|needs|have|has)\b")
"""A heading after a flattened bar lead that asks for its items again ('Patients must have:', 'Inclusion:')."""


def _barred_lead(c: ir.Criterion) -> bool:
    """An inclusion heading without items of its own that names what is barred ('Patients must NOT have:', 'Exclusions:',
    'The following patients are not eligible:', 'Contraindications:')."""
    text = c.text.strip()
    return (c.section == "inclusion" and not c.children and text.endswith(":") and isinstance(c.rule, ir.NoRequirement)
            and c.rule.why == "heading" and not _PERMITS.fullmatch(text)
            and (_BARRED_LEAD.match(text) is not None or _NEGATED_LEAD.match(text) is not None
                 or _CONTRAINDICATIONS.fullmatch(text) is not None))


def _barred_topics(criteria: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Patients must NOT have:', 'Exclusions:', 'Contraindications:' in the inclusions, then its items at its own level
    (the record flattened the list): each item names what is barred, and read as it stands it was required (a patient
    without HIV failed 'HIV positive'). As under such a heading (`_criterion`), the items, and all under them, stay text;
    the run lasts to a heading that asks for something again ('Patients must have:') or the end of the section (where
    it ends is not said: an item taken in by mistake is only left undecided)."""
    out: list[ir.Criterion] = []
    barring = False
    for c in criteria:
        if c.section != "inclusion":
            barring = False
        elif _barred_lead(c):
            barring = True
        elif barring and c.text.rstrip().endswith(":") and isinstance(c.rule, ir.NoRequirement) and (
                _REQUIRED_AGAIN.search(c.text) and not _BARRED_LEAD.match(c.text) and not _NEGATED_LEAD.match(c.text)):
            barring = False
        elif barring and not isinstance(c.rule, ir.NoRequirement):
            c = _unread(c)
        out.append(c)
    return out


def _for_cohort(c: ir.Criterion, label: str) -> ir.Criterion:
    """The criterion (and its items) with every rule bound to one cohort."""

    def bind(rule: ir.Rule) -> ir.Rule:
        if isinstance(rule, ir.NoRequirement):
            return rule
        items = [ir.only_for(label, c.section, rule.span), rule]
        return ir.AnyOf(items=items, span=rule.span) if c.section == "inclusion" else ir.AllOf(items=items, span=rule.span)

    return c.model_copy(update={"rule": bind(c.rule), "children": [_for_cohort(ch, label) for ch in c.children]})


def _now(c: ir.Criterion) -> ir.Criterion:
    """The criterion with its therapies, named without a time, read as current ones."""

    def fix(rule: ir.Rule) -> ir.Rule:
        if isinstance(rule, ir.History):
            if rule.category == "therapy" and rule.status == "any" and rule.window is None:
                return rule.model_copy(update={"status": "active"})
            return rule
        return ir.map_children(rule, fix)

    return c.model_copy(update={"rule": fix(c.rule), "children": [_now(ch) for ch in c.children]})


_AGE_GROUP = _lazy("_AGE_GROUP",
    r"(?i)\s*(?:(?:patients?|subjects?|participants?)\s+)?(?:age[sd]?\s+)?(?:under|over|below|above|less\s+than|greater\s+than|"
    r"younger\s+than|older\s+than|at\s+least|\d+\s*(?:-|to)\s*\d+|\d+\s+(?:and|or)\s+(?:over|older|under|younger))\b"
    r"[^:]{0,20}?\byears?\b(?:\s+(?:old|of\s+age))?\s*:\s*")
_MAYBE_AGE_GROUP = _lazy("_MAYBE_AGE_GROUP",
    r"(?i)\s*(?:(?:patients?|subjects?|participants?)\s+)?(?:age[sd]?\s+)?\d+\s*years?(?:\s+(?:old|of\s+age))?\s+(?:or|and)\s+"
    r"(?:older|over|above|younger|under|below)\s*:\s*")
"""'Patients aged 65 years or older:', 'Patients 18 years of age or older:' over a list: the heading of one age group's
rules (beside another's) or the trial's own age requirement with the rest of the list under it; the text does not say
which (review 95: read as no group, a 50-year-old failed the older patients' albumin limit; review 97: read as a group,
a minor passed an adult trial's list)."""


_GROUP_LEAD = _lazy("_GROUP_LEAD",
    r"(?i)\s*(?:for\s+|in\s+)?(?:all\s+)?(?:patients?|subjects?|participants?|those|women|men)\s+"
    r"(?P<w>with|without|who\s+(?:have|had|are|received|underwent))\s+(?P<what>[^:;.]{2,120}?)\s*:\s*")


_ELIGIBLE_PROVIDED = _lazy("_ELIGIBLE_PROVIDED",
    r"(?i)\b(?:are|is|will\s+be|may\s+be|would\s+be)\s+(?:eligible|allowed|permitted)\b[^:]*\b(?:provided|if|as\s+long\s+as|only\s+if|when)\b[^:]*:\s*$")
"""An exclusion list's lead that lets a group in on conditions its items say ('… are eligible, provided they meet all
of the following criteria:')."""
_NEGATED_CONDITIONS = _lazy("_NEGATED_CONDITIONS",
    r"(?i)\b(?:(?:do|does|did)\s+not|don't|doesn't)\s+(?:have|meet|show|fulfil+|satisfy)(?:\s+(?:any\s+)?(?:of\s+)?(?:the\s+following|these)|\s*:)|"
    r"\b(?:none|neither)\s+of\s+(?:the\s+following|these)|\b(?:without|free\s+of|no)\s+(?:evidence\s+of\s+)?(?:any\s+)?(?:of\s+)?"
    r"(?:the\s+following|these)")
"""A permission lead whose items are what the group must not have ('… eligible if they do not have any of the
following:'; not '… provided they are not receiving corticosteroids and meet all of the following', review 105 R1)."""
_PLAIN_PROVISO = _lazy("_PLAIN_PROVISO",
    r"(?i)\s*(?:are|is|will\s+be|may\s+be|would\s+be)\s+(?:eligible|allowed|permitted)\s*,?\s*(?:provided|if|as\s+long\s+as|only\s+if|when)\s+"
    r"(?:that\s+)?(?:they|the\s+(?:patients?|participants?|subjects?))?\s*(?:meet|fulfil+|satisfy|have)\s+(?:all\s+)?(?:of\s+)?"
    r"the\s+following(?:\s+(?:criteria|conditions|requirements))?\s*:\s*")
"""The words of a permission lead that say nothing more than its items ('… are eligible, provided they meet all of the
following criteria:')."""
_DISEASE_PATIENTS = _lazy("_DISEASE_PATIENTS",
    r"(?i)\s*(?:for\s+|in\s+)?(?P<what>(?!(?:all|eligible|other|these|such|most|some|adult|pediatric|female|male|the)\b)"
    r"[a-z][\w'-]*(?:[ -][\w'-]+){0,4}?)\s+(?:patients|subjects|participants)(?:\s+only)?\s*:\s*")
"""'Aplastic anemia patients:', 'Multiple myeloma patients:': the patients of one disease, a group heading."""
_AGE_WORD_SCOPE = _lazy("_AGE_WORD_SCOPE", r"(?i)(?:\s|,|\()(?:for|in)\s+(?P<who>adults?|adult\s+patients|children|pediatric\s+patients|"
                             r"paediatric\s+patients)\s*\)?\s*[.;]?\s*$")
"""'… for adults', '… (for children)' ending a criterion: the group its rule binds."""
_AGE_GROUP_WORD = _lazy("_AGE_GROUP_WORD", r"(?i)\b(?:adults?|children|child|pediatric|paediatric|lansky|infants?|adolescents?)\b")


def _adult(m: re.Match[str], offset: int) -> ir.Rule:
    """Being an adult, or a child ('for children'), as a scope: decided from 21 years on and under 16; in between, where
    trials put the line differently, not decided."""
    span = (offset + m.start("who"), offset + m.end("who"))

    def age(op: Literal[">=", "<"], years: float) -> ir.Rule:
        return ir.Comparison(concept="age", op=op, value=years, unit="years", canonical_value=years, canonical_unit="year",
                             span=span)

    between = ir.FreeText(text=f"whether '{m.group('who')}' counts from 18 years or another age", reason="not_understood",
                          span=span)
    adult: ir.Rule = ir.AnyOf(items=[age(">=", 21.0), ir.AllOf(items=[age(">=", 16.0), between], span=span)], span=span)
    return adult if m.group("who").lower().startswith("adult") else ir.Not(item=adult, span=span)


def _for_group(scope: ir.Rule, rule: ir.Rule, section: str) -> ir.Rule:
    """A rule that binds only those in an age group: met by everyone else (a reason to exclude only them)."""
    if isinstance(rule, ir.NoRequirement):
        return rule
    if section == "inclusion":
        outside = scope.item if isinstance(scope, ir.Not) else ir.Not(item=scope, span=scope.span)
        return ir.AnyOf(items=[outside, rule], span=rule.span)
    return ir.AllOf(items=[scope, rule], span=rule.span)


def _through(c: ir.Criterion, fn: Callable[[ir.Rule], ir.Rule]) -> ir.Criterion:
    """The criterion with `fn` put on its rule and on every rule under it ('Patients aged 65 years or older:' over
    'Adequate organ function:' over 'Albumin ≥ 3 g/dL': the age group binds the items two levels down too, review 101
    R3)."""
    return c.model_copy(update={"rule": fn(c.rule), "children": [_through(k, fn) for k in c.children]})


def _for_maybe_group(scope: ir.Rule, rule: ir.Rule, section: str, heading: str, own: bool = False) -> ir.Rule:
    """A rule under a heading that may name an age group or be everyone's age requirement (`_MAYBE_AGE_GROUP`): in the
    age group, the rule decides; outside it, a requirement met is met and a reason absent is absent either way, but a
    requirement failed or a reason present is not decided (the heading may not bind the patient). The heading's `own`
    rule: the age met, or, outside it, not decided (a requirement of everyone, or only a group's name); among the
    exclusions, outside the age not excluded, in it not decided."""
    which = ir.FreeText(text=f"whether '{heading.strip()[:80]}' heads the rules of that age group only or is the trial's "
                             "own age requirement", reason="not_understood", span=rule.span)
    if own:
        return ir.AnyOf(items=[scope, which], span=rule.span) if section == "inclusion" else ir.AllOf(
            items=[scope, which], span=rule.span)
    if isinstance(rule, ir.NoRequirement):
        return rule
    if section == "inclusion":
        outside = ir.Not(item=scope, span=scope.span)
        return ir.AnyOf(items=[rule, ir.AllOf(items=[outside, which], span=rule.span)], span=rule.span)
    return ir.AllOf(items=[rule, ir.AnyOf(items=[scope, which], span=rule.span)], span=rule.span)


_THERAPY_HEADING = _lazy("_THERAPY_HEADING", 
    r"(?i)\s*(?P<kind>chemotherapy|biologic(?:al)?\s+therapy|immunotherapy|endocrine\s+therapy|hormonal\s+therapy|"
    r"hormone\s+therapy|radiotherapy|radiation\s+therapy)\s*:\s*")
"""An old record's prior-therapy sub-heading ('Chemotherapy:'): the regimens counted under it are of that kind."""
_KIND_NOTES = ("whether more of the prior lines were", "whether enough of the prior lines were")


def _lines_of_heading(rule: ir.Rule, kind: str) -> ir.Rule:
    """'Chemotherapy:' over 'No more than 2 prior regimens': a count of the lines of that kind, which all lines bound
    (read as all lines, two chemotherapy regimens and one endocrine failed it)."""
    if any(isinstance(x, ir.FreeText) and x.text.startswith(_KIND_NOTES) for x in ir.leaves(rule)):
        return rule  # (the item names its kind itself)

    def swap(r: ir.Rule) -> ir.Rule:
        if isinstance(r, (ir.Comparison, ir.Range)) and r.concept == "prior_lines":
            return _lines_bounded(r, kind) or r
        return ir.map_children(r, swap)

    return swap(rule)


def _negatable(rule: ir.Rule) -> bool:
    """Whether an item under 'None of the following:' may be read as its negation: not one that states a normal result
    ('Hepatitis B (HBsAg negative)': negated, a patient negative for it failed) nor one with an exception of its own
    (read in the inclusions, its exception waives it, which under the negation bars those it was to let in)."""
    if isinstance(rule, ir.Except) or (isinstance(rule, ir.Finding) and rule.value != "positive"):
        return False
    if isinstance(rule, (ir.Comparison, ir.RelativeLimit, ir.NormalLimits, ir.Range)):
        return _past_normal(rule)
    return all(_negatable(k) for k in ir.children(rule))


def _past_normal(rule: ir.Rule) -> bool:
    """Whether a limit points away from the normal range ('Hemoglobin < 8 g/dL', 'ALT > 3 × ULN'), or the way a value
    with no range gets worse ('ECOG ≥ 2'), so that 'none of' it is a plain requirement; not 'LVEF ≥ 50%' or 'QTcF ≤
    470 ms' (negated, a normal value failed), nor a value the vocabulary says neither of."""
    if isinstance(rule, ir.NormalLimits):
        return not rule.within
    if isinstance(rule, ir.RelativeLimit):
        return (rule.reference == "uln" and rule.op in (">", ">=") and rule.factor >= 1) or (
            rule.reference == "lln" and rule.op in ("<", "<=") and rule.factor <= 1)
    if not isinstance(rule, ir.Comparison) or rule.concept not in vocabulary().concepts:
        return False
    c = vocabulary().concepts[rule.concept]
    down = rule.op in ("<", "<=")
    if not c.range:
        # ('ECOG ≥ 2': a score with no range, worse as it rises)
        return c.worse == ("lower" if down else "higher")
    low = (c.range.get("low_between") or [None, c.range.get("low")])[1]
    high = (c.range.get("high_between") or [c.range.get("high"), None])[0]
    v = rule.canonical_value
    if v is None:
        return False
    return (low is not None and v <= low) if down else (high is not None and v >= high)


def _unread(c: ir.Criterion) -> ir.Criterion:
    """A criterion and all under it as unread text."""
    return c.model_copy(update={"rule": ir.FreeText(text=c.text, reason="not_understood", span=c.rule.span),
                                "children": [_unread(k) for k in c.children]})


_MEASURED = (ir.Comparison, ir.Range, ir.OneOf, ir.RelativeLimit, ir.NormalLimits, ir.Finding)
"""Rules on a value the record holds over time, read from its latest."""


def _criterion(doc: str, it: Item, cid: str, inherit: tuple[str, ...] = (), under: str = "", kind: str = "",
               window: str = "") -> ir.Criterion:
    """One criterion; `under` is what an enclosing heading says of it: 'donor' (about the donor,
    not the patient), 'timed' (a time window its items do not repeat; 'timed-list' when the heading is a list lead,
    whose window holds for conditions too), 'permitted' or 'excepted' (its items permit, or are its exceptions).
    `window` is a 'timed-list' heading's window as written ('within 6 months prior to the first dose')."""
    text, start = _clean(doc, it)
    body = _LEADING_NUMBER.sub("", text) if it.marker in ("bullet-number",) else text
    offset = len(text) - len(body)
    try:
        rule = interpret(body, it.section, offset=offset, inherit=inherit)
    except Exception as exc:  # noqa: BLE001 - parse never raises; a bug here degrades to free text
        rule = ir.FreeText(text=body, reason="not_understood", span=(offset, len(text)))
        rule = rule.model_copy(update={"text": f"{body} [internal error: {type(exc).__name__}]"})
    own_kind = _THERAPY_HEADING.match(body) or _THERAPY_HEADING.fullmatch(f"{it.heading}:")
    kind = own_kind.group("kind").lower() if own_kind is not None else kind
    if kind:
        rule = _lines_of_heading(rule, kind)
    if under == "excepted":
        # 'No other malignancy within the past 5 years except:' over 'Adequately treated basal cell skin cancer': an
        # item names what the heading does not count; it requires nothing
        rule = ir.NoRequirement(text=body, why="permission", span=(offset, len(text)))
    elif under == "permitted":
        # 'Allowed:' over 'Erythropoietin.': each item is allowed, none required (an item with a proviso restricts
        # those who use it, on a condition not read: 'AZT … provided at least 2 weeks of this therapy')
        rule = (ir.FreeText(text=body, reason="not_understood", span=(offset, len(text))) if _PROVISO.search(body)
                else ir.NoRequirement(text=body, why="permission", span=(offset, len(text))))
    elif under == "donor" or _DONOR.match(body) or (it.children and _DONOR_HEADING.search(body)):
        # ('Fully matched or one HLA antigen mismatched sibling donor' over 'HIV negative', 'No older than 65 years':
        # a heading that names a donor speaks of the donor in its items)
        # 'DONOR: Age < 75': a requirement on the donor; the patient record says nothing of it
        rule = ir.FreeText(text=body, reason="unsupported", span=(offset, len(text)))
        under = "donor"
    elif under in ("timed", "timed-list") and any(
            (isinstance(x, ir.History) and x.window is None and (under == "timed-list" or x.category in ("therapy", "procedure")))
            or (under == "timed-list" and isinstance(x, _MEASURED)) for x in ir.leaves(rule)):
        # 'Excluded within 4 weeks prior to study entry:' over 'Interferons.', 'Any of the following within 6 months
        # prior to the first dose' over 'Myocardial infarction': the window is the heading's. So it is over a value among the
        # exclusions ('LVEF < 40%', 'NYHA class III or IV'): any value in the window excludes, not the latest alone (read as
        # the latest, an LVEF of 35% four months ago, 55% now, was not excluded). (Among the inclusions, 'The following
        # laboratory results, within 7 days prior to …:' asks for recent values: the latest within the window, as when it
        # is written after the value, or, where the heading's window is not carried, not read; read as the latest ever, a
        # value of three months ago failed, audit 100 F3)
        windowed = _with_heading_window(body, rule, it.section, window, offset, inherit) if under == "timed-list" else None
        rule = windowed if windowed is not None else ir.FreeText(text=body, reason="not_understood", span=(offset, len(text)))
    elif (not it.children and _may_say(body, "adult", "children", "ediatric")
          and (grp := _AGE_WORD_SCOPE.search(body)) is not None
          and not isinstance(rule, (ir.FreeText, ir.NoRequirement, ir.AnyOf, ir.AllOf))
          and not re.search(r"[(;]", body[: grp.start()]) and len(_AGE_GROUP_WORD.findall(body)) == 1
          and not any(isinstance(x, (ir.Comparison, ir.Range)) and x.concept == "age" for x in ir.leaves(rule))):
        # (only where the group binds the whole criterion, a single requirement: not 'Hemoglobin ≥ 9 g/dL (≥ 8 g/dL for
        # children)', 'Karnofsky ≥ 50% for adults; Lansky ≥ 50% for children' or 'ECOG 0-2 or Karnofsky ≥ 60% (for
        # adults)', whose group binds its own part)
        # 'DLCO at least 60% of predicted for adults' in a trial of all ages: the limit binds adults only (read for
        # everyone, a 10-year-old with 55% failed)
        rule = _for_group(_adult(grp, offset), rule, it.section)
    if under == "past-list" and not _says_now(body):
        # 'Any prior severe AE …, such as:' over 'Grade 2 or higher pneumonitis' (excluded): the item is one of the prior
        # events the heading lists, not one asked of now (read as a grade now, a pneumonitis of grade 3 that had resolved
        # let the patient in)
        rule = _graded_as_past(rule)
    if it.section == "inclusion" and _CONTRAINDICATIONS.fullmatch(body):
        rule = ir.NoRequirement(text=body, span=(offset, len(text)))  # (what it bars follows: see `_barred_topics`)
    kept = [ch for ch in it.children if not _nothing(doc, ch)]
    exceptions_below = (not under and len(kept) == 1 and bool(kept[0].children) and not isinstance(rule, (ir.NoRequirement, ir.FreeText))
                        and _EXCEPTIONS_HEADING.fullmatch(_clean(doc, kept[0])[0]) is not None)
    listed_here = (not under and len(kept) == 1 and not kept[0].children and not isinstance(rule, (ir.NoRequirement, ir.FreeText))
                   and (ex := _EXCEPTIONS_ITEM.match(_clean(doc, kept[0])[0])) is not None)
    if listed_here:
        # 'Other malignancy within 3 years' over 'Exceptions: adequately treated basal cell carcinoma of the skin …': the
        # item lists the exceptions on its own line (read as it stands, the kinds it excepts were one more reason to
        # exclude, or a requirement). The kinds become the rule's exceptions where every one reads as a kind; otherwise
        # they stay unread, as under an 'Exceptions:' sub-heading
        sub = _clean(doc, kept[0])[0]
        unread = ir.FreeText(text=sub.strip(), reason="not_understood", span=rule.span)
        if it.section == "exclusion":
            kinds_read = interpret(sub[ex.end():].strip(" :"), it.section, inherit=())  # type: ignore[union-attr]
            rule = excepting(ir.Except(rule=rule, exception=unread, otherwise=False, span=rule.span), [kinds_read])
        else:
            rule = ir.AllOf(items=[ir.AnyOf(items=[rule, unread], span=rule.span), unread], span=rule.span)
        exceptions_below = True
    elif exceptions_below:
        # 'Total bilirubin ≤ 1.5 × ULN' over 'Exclusions:' over 'Gilbert syndrome': the requirement's exceptions, not
        # read (the sub-heading as a bar of its own left the limit to fail a Gilbert patient; in an exclusion, it excluded
        # him)
        listed = _clean(doc, kept[0])[0].strip().rstrip(":")
        unread = ir.FreeText(text=f"{listed}: the items below", reason="not_understood", span=rule.span)
        if it.section == "exclusion":
            # (a reason to exclude, but not for those: 'History of malignancy' over 'Exceptions: basal cell carcinoma')
            rule = ir.Except(rule=rule, exception=unread, otherwise=False, span=rule.span)
        else:
            # (a requirement the items waive, 'Total bilirubin ≤ 1.5 × ULN' over Gilbert syndrome, or narrow,
            # 'Histologically confirmed solid tumor' over 'Primary brain tumors': with the items unread, the two never
            # agree, so the criterion is not decided; its rule is kept to show what it asks)
            rule = ir.AllOf(items=[ir.AnyOf(items=[rule, unread], span=rule.span), unread], span=rule.span)
    # 'Age:' over '18 and over': the heading names what its items measure
    topic = _topic(body) if kept else ()
    below = "excepted" if exceptions_below else under or ("permitted" if kept and _PERMITS.fullmatch(body)
                      else "excepted" if kept and ":" in body and _EXCEPT_LEAD.search(body) and not any(
                          _NEGATED_ITEM.match(_clean(doc, ch)[0]) for ch in kept)
                      else ("timed-list" if body.rstrip().endswith(":") else "timed") if kept and _TIMED.search(body)
                      # (last: a heading with a window, 'within 6 months prior to …, including:', or exceptions, 'Prior
                      # malignancy, with the exception of the following:', is read as such)
                      else "past-list" if kept and it.section == "exclusion" and _PAST_LIST_LEAD.match(body)
                      and not _says_now(body) and not _EXCEPT_LEAD.search(body) else "")
    if below == "excepted" and under != "excepted":
        # the items' kinds (and what they must be: 'adequately treated') become the heading's exceptions, when every
        # item reads as one or more kinds and nothing else; otherwise the heading's rule keeps its unread exception
        items = [interpret(_clean(doc, ch)[0], it.section, inherit=topic) for ch in kept]
        rule = excepting(rule, items)
    heading_kind = _THERAPY_HEADING.fullmatch(body) if kept else None
    # (an item under a donor section's header is the donor's, even nested under the patient's last item: 'Accelerated
    # Phase CML' over the donor list's 'Age 18 to 60 years')
    # (a sub-heading with a window of its own, 'Cerebrovascular events within the past 12 months, including:', or other words
    # of when, '… in the past 12 months, including:', puts its own on its items, where it reads as a lead, or none; not the
    # heading's above it, reviews 94 S6 and 95 R4)
    below_window = ((_heading_window_text(body) if _OWN_TIME.search(body) else window) if under
                    else _heading_window_text(body) if below == "timed-list" else "")
    children = _permission_items(_join_or_runs([_criterion(doc, ch, f"{cid}.{k + 1}", topic, "donor" if ch.donor and not it.donor else below,
                                         heading_kind.group("kind").lower() if heading_kind is not None else kind,
                                         below_window)
                              for k, ch in enumerate(kept)]))
    if topic and len(children) > 1 and not under:
        children = _open_to_unread_siblings(children, set(topic))
    if exceptions_below:
        # (the sub-heading and its items are the exception above: one permission, no list of their own to combine)
        children = [ch.model_copy(update={"children": [], "rule": ir.NoRequirement(
            text="; ".join([ch.text.strip(), *(k.text.strip() for k in _walk(ch.children))]), why="permission",
            span=ch.rule.span)}) for ch in children]
    if (children and it.section == "exclusion" and (ep := _ELIGIBLE_PROVIDED.search(body)) is not None
            and (list_quantifier(body) or ("all", 1))[0] != "all" and not _NEGATED_CONDITIONS.search(body, ep.start())):
        # ('… are eligible if they meet any of the following criteria:': one met lets the patient in, which the items read
        # one by one cannot say: unread, review 103 R3)
        children = [_unread(ch) for ch in children]
        rule = ir.NoRequirement(text=body, why="permission", span=(offset, len(text)))
    elif (children and it.section == "exclusion" and (ep := _ELIGIBLE_PROVIDED.search(body)) is not None
            and not _NEGATED_CONDITIONS.search(body, ep.start())):
        # (not '… eligible if they do not have any of the following:', whose items are reasons to exclude still, review
        # 103 R7)
        # 'Participants with treated asymptomatic CNS metastases are eligible, provided they meet all of the following
        # criteria:' over 'Evaluable or measurable disease outside the CNS', 'No history of intracranial hemorrhage':
        # what the group let in must meet, which rules out those of the group who miss it (read as reasons of their own,
        # a patient without disease outside the CNS met the exclusion's absence, audit 102 F1)
        groups = [x for x in ir.leaves(rule) if isinstance(x, ir.History) and x.category == "condition"]
        scope: ir.Rule = groups[0] if len(groups) == 1 else ir.FreeText(
            text=f"only for those '{body.strip()[:80]}' lets in", reason="not_understood", span=rule.span)
        children = [ch.model_copy(update={"rule": ir.AllOf(items=[scope, ir.Not(
            item=interpret(ch.text, "inclusion", offset=ch.rule.span[0] if ch.rule.span else 0), span=ch.rule.span)],
            span=ch.rule.span)}) if not ch.children and not isinstance(ch.rule, ir.NoRequirement) else _unread(ch)
            for ch in children]
        # (a lead with a condition of its own, '… provided they are not receiving corticosteroids and meet all of …', or
        # more words: that condition not read, for the group only, review 105 R1)
        rule = (ir.NoRequirement(text=body, why="permission", span=(offset, len(text))) if _PLAIN_PROVISO.fullmatch(body, ep.start())
                else ir.AllOf(items=[scope, ir.FreeText(text=f"the lead's own conditions: '{body.strip()[:100]}'",
                                                        reason="not_understood", span=(offset, len(text)))],
                              span=(offset, len(text))))
    if children and isinstance(rule, ir.AllOf) and any(
            isinstance(x, ir.FreeText) and x.text == ALTERNATIVES_FOLLOW for x in rule.items):
        # ('… brain metastasis and either:' over its alternatives: they follow as its items, combined below)
        own = [x for x in rule.items if not (isinstance(x, ir.FreeText) and x.text == ALTERNATIVES_FOLLOW)]
        rule = own[0] if len(own) == 1 else ir.AllOf(items=own, span=rule.span)
    if children and _AGE_GROUP.fullmatch(body):
        # 'Renal:' over 'Age 65-70 years:' over 'Creatinine clearance > 60 mL/min' and 'Under 65 years:' over
        # 'Creatinine < 2 mg/dL': an age group heads the rules that bind it, it requires no age of everyone
        scope = interpret(body.rstrip(" :"), it.section, offset=offset, inherit=("age",))
        if isinstance(scope, (ir.Comparison, ir.Range)) and scope.concept == "age":
            children = [_through(ch, lambda r: _for_group(scope, r, it.section)) for ch in children]
            rule = ir.NoRequirement(text=body, span=(offset, len(text)))
    elif children and _MAYBE_AGE_GROUP.fullmatch(body):
        scope = interpret(body.rstrip(" :"), it.section, offset=offset, inherit=("age",))
        if isinstance(scope, (ir.Comparison, ir.Range)) and scope.concept == "age":
            children = [_through(ch, lambda r: _for_maybe_group(scope, r, it.section, body)) for ch in children]
            # (the heading itself: the age is met, or the patient is outside a group it may only name; among the
            # exclusions, outside the age nothing is said, in it, whether it excludes by itself is not)
            rule = _for_maybe_group(scope, ir.NoRequirement(text=body, span=(offset, len(text))), it.section, body,
                                    own=True)
    elif children and (gm := _GROUP_LEAD.fullmatch(body)) is not None and not re.search(
            r"(?i)\bfollowing\b|\b(?:are|is|must|should|will|may|can)\b", gm.group("what")):  # (not a list lead)
        # 'Patients without leukemia or myeloma:' over 'WBC at least 2,500/mm^3': the group the rules below bind,
        # no requirement of everyone to be in it (a patient with leukemia failed)
        what = interpret(gm.group("what"), "exclusion", offset=offset + gm.start("what"))
        scope = ir.Not(item=what, span=what.span) if gm.group("w").lower() == "without" else what
        children = [_through(ch, lambda r: _for_group(scope, r, it.section)) for ch in children]
        rule = ir.NoRequirement(text=body, span=(offset, len(text)))
    elif children and (dm := _DISEASE_PATIENTS.fullmatch(body)) is not None and isinstance(
            what := interpret(dm.group("what"), "exclusion", offset=offset + dm.start("what")), ir.History) and (
            what.category == "condition" and not what.qualifiers and what.window is None):
        # 'Aplastic anemia patients:' over 'Left ventricular ejection fraction at least 45%': the group the rules below
        # bind, as 'Patients with aplastic anemia:' (read as a requirement, the trial's graft-failure patient failed it,
        # audit 102 F4)
        children = [_through(ch, lambda r: _for_group(what, r, it.section)) for ch in children]
        rule = ir.NoRequirement(text=body, span=(offset, len(text)))
    combine, n, join = "all", 1, "and"
    if children and isinstance(rule, ir.AllOf) and any(
            isinstance(x, ir.FreeText) and _LEADS_THE_LIST.search(x.text) for x in rule.items):
        # 'Bone marrow plasma cells ≥ 10% and/or plasmacytoma; and presence of at least one of the following SLiM CRAB
        # features:' over its items: the clause that opens the list is the items' (combined below), no requirement of its
        # own (kept as text, the criterion could never be met)
        own_items: list[ir.Rule] = [x for x in rule.items if not (isinstance(x, ir.FreeText) and _LEADS_THE_LIST.search(x.text))]
        rule = (own_items[0] if len(own_items) == 1 else ir.AllOf(items=own_items, span=rule.span) if own_items
                else ir.NoRequirement(text=body, span=(offset, len(text))))  # (only the lead: a heading)
    if children:
        q = list_quantifier(body)
        if (q is not None and q[0] == "any" and it.section == "exclusion" and isinstance(rule, ir.History)
                and (cm := _CLASS_THEN_QUANTIFIER.fullmatch(body)) is not None and not _NARROWED_CLASS.search(cm.group("x"))):
            # 'Cardiac disease, any of:' over 'Myocardial infarction within 6 months', 'NYHA III or IV heart failure': the
            # items say which of the class exclude (read as one more reason, a myocardial infarction of 2020 excluded).
            # Not 'Cardiac disease including:', whose items are examples of a class that excludes whole. Over unread items
            # ('within 6 months', 'requiring treatment') they narrow the class: undecided, not the class whole
            rule = ir.NoRequirement(text=body, span=(offset, len(text)))
        rc = _RANGED_COUNT.search(body) if q is None and " of" in body else None
        graded = None
        if rc is not None and re.search(r"(?i)\b(?:grades?|stages?|class|level|type|cycle|phase|part|cohort|arm|tier)\s*[:\-–]?\s*$",
                                        body[: rc.start()]):
            graded, rc = rc, None  # ('Grade: 3 or 4 of the following', 'Grade-3 or 4 of …': a grade, no count)
        if graded is not None:
            # ('Grade: 3 or 4 of the following:' over 'Pneumonitis', 'Hepatitis'): the grade the items must have, not read;
            # read without it, a grade 1 pneumonitis excluded. Any item may be one, none is none
            combine = "any"
            grade = ir.FreeText(text=f"the grade (or stage) the items must have: '{body[max(0, graded.start() - 12) : graded.end()].strip()}'",
                                reason="not_understood", span=(offset, len(text)))
            children = [ch if ch.children or isinstance(ch.rule, (ir.FreeText, ir.NoRequirement)) else ch.model_copy(
                update={"rule": ir.AllOf(items=[ch.rule, grade], span=ch.rule.span)}) for ch in children]
        elif rc is not None:
            # ('2 - 3 of the following', 'one or two of the following', '≤ 2 of the following'): a count within a range;
            # excluded, at least the lower count excludes (more, all the more); required, the upper bound is not read:
            # none met fails, any met is undecided
            low = _COUNT_WORDS.get(rc.group("low").lower(), 0) if rc.group("low") else 0
            if it.section == "exclusion" and low >= 1:
                combine, n = ("at_least", low) if low > 1 else ("any", 1)
            else:
                combine = "any"
                rule = ir.FreeText(text=f"whether the number of the items met is within '{rc.group().strip()}'",
                                   reason="not_understood", span=(offset, len(text)))
        elif q is not None:
            combine, n = q
        elif it.section == "exclusion":
            combine = "any"
        elif (it.section == "inclusion" and len(children) >= 2 and _names_diseases(rule) and all(
                ch.children and len(ch.text.split()) <= 4 and not ch.text.rstrip().endswith(":")
                and not _BARE_SUBHEADING.fullmatch(ch.text) and isinstance(ch.rule, (ir.FreeText, ir.NoRequirement))
                for ch in children)):
            # 'Acute leukemia' over 'Standard risk' and 'High risk', each with its own items: the disease's groups are
            # alternatives (read as all required, a high-risk patient failed the standard-risk age limit)
            combine = "any"
        elif (it.section == "inclusion" and len(children) >= 2 and _DIAGNOSIS_LEAD.search(body)
              and all(_names_diseases(ch.rule) for ch in children)):
            # 'Histologically diagnosed:' over 'Acute myeloid leukemia …', 'Acute lymphoblastic leukemia …': one of the
            # diseases, not all of them
            combine = "any"
        if combine == "all" and q is None and len(children) >= 2 and all(_limits_age(ch.rule) for ch in children):
            # 'Age:' over '10 to 66' and '66 to 70 if in excellent physical condition': one age, so the age groups are
            # alternatives (read as all required, a 68-year-old failed the first)
            combine = "any"
        barred = (it.section == "inclusion" and below not in ("excepted", "permitted") and body.rstrip().endswith(":")
                  and (_BARRED_LEAD.match(body) is not None or _CONTRAINDICATIONS.fullmatch(body) is not None))
        negated_lead = (it.section == "inclusion" and below != "excepted" and body.rstrip().endswith(":")
                        and bool(_NEGATED_LEAD.match(body))) or barred
        if (it.section == "inclusion" and combine == "all" and q is None and not negated_lead
                and sum(_names_diseases(ch.rule) for ch in children) >= 2):
            # 'Myelodysplastic syndromes' over 'Refractory anemia with excess blasts', 'Chronic myelomonocytic
            # leukemia': diseases listed under a heading are most often alternatives ('Patients must have: HIV
            # infection; Cutaneous Kaposi's sarcoma' asks for both); each may be enough, so one missing decides nothing
            children = [(_listed_disease(ch, body).model_copy(update={"alternative": "another disease group of the list"})
                         if ch.children else _listed_disease(ch, body)) if _names_diseases(ch.rule) else ch for ch in children]
            if _names_diseases(rule) and join == "and" and not _covers_listed(rule, children):
                # 'Histologically proven myeloma' over 'Multiple myeloma', 'Smoldering myeloma …', 'Solitary myeloma': the
                # heading's disease, as read, is not the class of what it lists (read with 'and', a smoldering myeloma
                # failed for want of a multiple myeloma); decided where the heading and its items agree
                join = "either"
        if it.section == "inclusion" and _names_diseases(rule):
            heads = {c for x in ir.leaves(rule) if isinstance(x, ir.History) for c in x.concepts}
            # 'Histologically proven stage I-III multiple myeloma' over 'Smoldering myeloma allowed if there is evidence of
            # progressive disease requiring therapy (…)', or 'Smoldering myeloma (Durie-Salmon stage I) must have …': an
            # item that binds another disease on a condition lets that disease in as well (read with the heading's alone,
            # the smoldering patient it lets in failed)
            let_in: list[ir.Rule] = [ir.AllOf(items=[ch.rule.items[0].item, _join_rest(ch.rule)], span=ch.rule.span)  # type: ignore[union-attr,arg-type]
                                     for ch in children if _lets_another_in(ch.rule, heads, _PERMITTED_WORD.search(ch.text) is not None)]
            let_in += [x for ch in children if (x := _group_named_first(ch, heads)) is not None]
            if let_in:
                rule = ir.AnyOf(items=[rule, *let_in], span=rule.span)
        lq = _LEAD_QUALIFIER_WORD.match(body) if it.section == "exclusion" and body.rstrip().endswith(":") else None
        if lq is not None and isinstance(rule, (ir.NoRequirement, ir.FreeText)):
            # 'Active immune-mediated diseases including:' over 'Uveitis': the heading's qualifier holds for each item
            # (read without it, a uveitis that resolved in 2012 excluded)
            children = [ch.model_copy(update={"rule": _qualified(ch.rule, lq.group("q").lower())}) for ch in children]
        if it.section == "inclusion" and _DIAGNOSIS_DEFINED.search(body):
            # 'Diagnosis of multiple myeloma based on at least two of the following:' over 'Greater than 10% plasma cells
            # in bone marrow': a value at diagnosis, which the record's latest, after treatment, need not show (read as
            # the latest, a patient diagnosed at 40% and at 3% now failed)
            children = [_at_diagnosis(ch) for ch in children]
        if _COUNTED_LIST.match(body):
            # 'Major criteria:' over 'Bone marrow plasmacytosis with greater than 30% plasma cells', counted elsewhere ('a
            # minimum of 1 major criterion and 1 minor criterion'): each item is one option, none required (read as all
            # required, with 'Minor criteria: 10%-30% bone marrow plasmacytosis' beside it, every patient failed one)
            children = [_counted_option(ch, _COUNTED_LIST.match(body).group(1).lower()) for ch in children]  # type: ignore[union-attr]
        if _NOT_REQUIRED_UNLESS.search(body):
            # 'Hepatitis B and C screening tests are not required unless:' over 'Known history of HBV or HCV infection': when
            # a test is done is the site's procedure, no requirement of the patient
            children = [ch.model_copy(update={"rule": ir.NoRequirement(text=ch.text, why="permission", span=ch.rule.span)})
                        for ch in children]
        elif _CONDITION_LEAD.search(body):
            # 'Normal cardiac stress test required if any of the following are present:' over 'Over age 50', 'History of
            # cardiac disease': the items say when the heading's test is needed, none is required (read as one, a
            # patient without heart disease failed)
            why = "to be treated first" if re.search(r"(?i)\bbe\s+(?:treated|managed|controlled|corrected)\b", body) else (
                "when the item above applies")
            children = [ch.model_copy(update={"rule": ir.FreeText(text=f"{why}: {ch.text}", reason="not_understood",
                                                                  span=ch.rule.span)}) for ch in children]
        if negated_lead:
            # 'None of the following:': each item must be absent. 'No nonmeasurable disease, defined as:' over 'Ascites',
            # 'No equivocal myelomatosis, defined by the following criteria:' over 'Hemoglobin > 10 g/dL', 'No
            # uncontrolled medical illness including …:' over 'Thyroid disease': the items say what is not wanted, one
            # by one or together, and how narrowly is not read; either way, read as they stand they were required
            none_of = bool(re.match(r"(?i)\s*(?:(?:patients?|subjects?|participants?|individuals?|persons?)\s+)?"
                                    r"(?:(?:must|should|shall)\s+)?(?:have\s+)?none\s+of\b", body))
            # ('None of the following within the past 6 months:': its window is on its items' conditions and therapies,
            # read in each; a value, 'LVEF < 40%', any in the window bars, which the latest does not say: text)
            timed = below_window if below == "timed-list" and not under else ""
            if none_of and not _NONE_OF_PLAIN.match(body.replace(timed, "", 1) if timed else body):
                # ('Must have none of the following, unless approved by the sponsor:', '… except grade 1 neuropathy:': the
                # heading says more than 'none of them', which is not read: every item, and all under it, stays text)
                barred = True
            if barred:
                # ('Prohibited medications:' over 'Warfarin': used now, or during the study? 'Excluded conditions:' over
                # 'Hemoglobin < 8 g/dL': to be absent, as under 'None of the following:'? Not always: 'Patients who do
                # not meet the following are excluded:', 'Excluded if uncontrolled:', 'Transfusion to achieve the
                # following is not allowed:', 'Patients are not excluded for:', '… unless …' say otherwise, in words too
                # many to list (the review rounds found each). Every item, and all under it, stays text)
                children = [_unread(ch) for ch in children]
            else:
                # ('None of the following:' over 'No live vaccines': negated twice it was required; text)
                # (an item with sub-items under it, 'Cardiac disease:' over its kinds, had stayed a requirement: text)
                children = [_unread(ch) if ch.children else ch if isinstance(ch.rule, (ir.FreeText, ir.NoRequirement))
                            else ch.model_copy(update={"rule": ir.FreeText(text=ch.text, reason="not_understood",
                                                                          span=ch.rule.span)}) if none_of and (
                                isinstance(ch.rule, ir.Not) or not _negatable(ch.rule)
                                or (timed and any(isinstance(x, _MEASURED) for x in ir.leaves(ch.rule))))
                            else ch.model_copy(update={"rule": ir.Not(item=ch.rule, span=ch.rule.span)}) if none_of
                            else ch.model_copy(update={"rule": ir.FreeText(text=ch.text, reason="not_understood",
                                                                          span=ch.rule.span)})
                            for ch in children]
            combine, n = "all", 1
        if it.section == "exclusion" and body.rstrip().endswith(":") and _LEAD_THEN_MORE.search(body) and not _OR_LIST.search(body):
            # 'Any of the following requiring hospitalization:', 'History of the following thromboembolic events with onset
            # in the past 6 months:', 'Any of the following infections requiring intravenous antibiotics:': the lead's words
            # ask more of each item, or name a class beside items it may not cover; read with 'and', a listed TIA the class
            # leaves out passed; with 'or', a pneumonia on oral antibiotics was excluded (reviews 94 S8, 95 R7, 96 T5):
            # decided only where both agree
            join = "either"
        elif _OR_LIST.search(body) or (it.section == "exclusion" and body.rstrip().endswith(":") and not _AND_LIST.search(body)):
            # 'uncontrolled heart disease, or any of the following:'; 'Known active infections:' over its examples. Not
            # 'HBcAb positive with any of the following:', '…, and any of the following:': the heading and one of its items
            # (read with 'or', a HBcAb-positive patient with none of the items was excluded)
            join = "or"
        elif it.section == "inclusion" and _PERMISSION_LEAD.search(body) and isinstance(rule, ir.AnyOf) and any(
                isinstance(x, ir.Not) for x in rule.items):
            # 'Smoldering myeloma allowed if there is evidence of progressive disease requiring therapy' over the
            # evidence: the items bind only those the permission is about
            join = "or"
        if (it.section == "inclusion" and isinstance(rule, ir.FreeText) and (lead := _NOT_LIMITED_TO.search(body)) is not None
                and sum(w.lower() not in _LEAD_FILLER for w in re.findall(r"[A-Za-z][\w-]*", body[: lead.start()])) >= 3):
            # 'Histologically proven relapsed or refractory hematologic malignancy … for which there is no standard curative
            # therapy, including, but not limited to:' over 'Chronic lymphocytic leukemia', …: the lead is a requirement
            # not read, its items examples of it, not all of them (read as a heading, a newly diagnosed CLL matched; read
            # as the whole list, a refractory PNH failed)
            children = [_hedged_example(ch) for ch in children]
            combine, n = "any", 1
        elif (it.section == "inclusion" and (lead := _INCLUDING_LEAD.search(body)) is not None
              and _CANCER_WORD.search(body[: lead.start()]) and not _NOT_A_DISEASE_LEAD.search(body[: lead.start()])
              and all(_names_diseases(ch.rule) or _not_understood(ch.rule) for ch in children)):
            # 'Histologically proven malignant solid tumor, including any of the following:' over 'Rhabdomyosarcoma',
            # 'Neuroblastoma': the items are kinds of the lead's disease, examples of it, and the lead is the requirement
            # (read as the whole list, an osteosarcoma failed). Not after a count or a therapy ('at least 3 prior lines
            # of therapy, including:' over the classes all required)
            children = [_hedged_example(ch) for ch in children]
            combine, n = "any", 1
            if isinstance(rule, (ir.NoRequirement, ir.FreeText)):
                lead_rule = interpret(body[: lead.start()], it.section, offset=offset)
                rule = lead_rule if not isinstance(lead_rule, ir.NoRequirement) else rule
        elif (_not_understood(rule) and (al := _AND_LIST.search(body)) is not None
              and re.search(r"[A-Za-z]{3}", body[: al.start()]) and not _LEAD_ONLY.fullmatch(body[: al.start()])):
            # 'Brain metastasis and one of the following:', '… with any of the following:' over its items: the words
            # before the lead are a requirement of their own, with the items (read as a bare heading, they were dropped
            # and a patient without brain metastasis matched, review 101 R5); read where they read alone
            lead_rule = interpret(body[: al.start()], it.section, offset=offset)
            if not isinstance(lead_rule, ir.NoRequirement):
                rule = lead_rule
        elif (_is_heading(rule, body, q) or (under == "donor" and _DONOR.fullmatch(body.rstrip())) or _defined_below(rule, q)
                or (it.section == "exclusion" and not negated_lead and _DEFINED_AS.search(body))
                or _DEFINITION_TITLE.fullmatch(body)):
            # ('Significant cardiac disease defined as:' over its kinds, in the exclusions: the list says what counts; the
            # heading's own words, read beside it, excluded a significant heart disease the list leaves out. Not in the
            # inclusions: 'Diagnosed active multiple myeloma defined by:' over 'Anemia', 'Hypercalcemia' still asks for
            # the myeloma)
            rule = ir.NoRequirement(text=body, span=(offset, len(text)))
        if (it.section == "inclusion" and combine == "all" and q is None and not negated_lead and below == ""
                and (ex_lead := _EXAMPLES_LEAD.search(body)) is not None and not _LISTS_REQUIREMENTS.search(body, 0, ex_lead.start())
                and not _CANCER_WORD.search(body, 0, ex_lead.start())):
            # 'Measurable disease, such as:', '…, e.g.:', 'Have measurable disease, including:' over 'Serum M-protein ≥ 0.5
            # g/dL', 'Urine M-protein ≥ 200 mg/24 hours': examples, alternatives as often as all asked (read as all, a
            # patient with the serum protein failed on the urine's); an item not met decides nothing, all met do. Not over
            # 'Adequate organ function, including:', whose values are all asked
            children = [_hedged_example(ch) for ch in children]
        if (it.section == "exclusion" and join == "and" and q is None and not isinstance(rule, ir.NoRequirement)
                and any(any(not isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(ch.rule)) or ch.children
                        for ch in children if not isinstance(ch.rule, ir.NoRequirement))):
            # 'Active hepatitis B infection;' over 'HIV infection', 'Hepatitis C infection': more reasons to exclude, or
            # what narrows the item? Not said (read as narrowing, an HIV patient without hepatitis B was not excluded):
            # decided only where both readings agree. Not over items none of which is read ('within 6 months of
            # enrollment', 'with active graft-versus-host disease'): those narrow it, as most unread words after a rule do
            join = "either"
        if (it.section == "inclusion" and combine == "all" and join == "and" and not negated_lead and below == ""
                and not isinstance(rule, (ir.NoRequirement, ir.FreeText))):
            rule, children = _carve_outs(rule, children)
    elif _BARE_SUBHEADING.fullmatch(body) and _NCI_DOC.search(doc):
        # 'Chemotherapy' alone on its line in an old NCI record: a sub-heading without its colon
        rule = ir.NoRequirement(text=body, span=(offset, len(text)))
    elif (_not_understood(rule) and body.rstrip().endswith(":") and not re.search(r"[.;]\s", body.rstrip()[:-1])
          and (len(body.split()) <= 12 or _pure_lead(body))):
        # a heading whose list was not found under it imposes nothing by itself (a longer text that names
        # something says something of its own: 'A female participant is eligible if she is not pregnant,
        # not breastfeeding, and at least one of the following applies:' stays unread)
        rule = ir.NoRequirement(text=body, span=(offset, len(text)))
    if combine == "any" and children:
        # 'Age:' over '10 to 66' and '66 to 70 if in excellent physical condition': among alternatives, an item on a
        # condition is met only with its condition (read as 'met, or the condition fails', every 68-year-old passed)
        children = [ch.model_copy(update={"rule": _on_condition(ch.rule)}) for ch in children]
    return ir.Criterion(id=cid, section=it.section, text=text, rule=rule, combine=combine, n=n,  # type: ignore[arg-type]
                        join=join, children=children, span=(start, start + len(doc[it.start : it.end].strip())))  # type: ignore[arg-type]




_WINDOW_WORD = _lazy("_WINDOW_WORD", r"(?i)\bwithin\b")
_CYCLE_DAY = _lazy("_CYCLE_DAY", r"(?i)\s*\(?\s*\bC(?:ycle)?\s*1\s*,?\s*D(?:ay)?\s*1\b\s*\)?")
_WINDOW_MORE = _lazy("_WINDOW_MORE", r"(?i)[,;(]|\b(?:or|and|and/or|unless|except|if|excluding|including|history|ever|but)\b")
"""Words in a heading's window that say more than when ('…, or a history of')."""
_BARE_TIMED_LEAD = _lazy("_BARE_TIMED_LEAD", 
    r"(?i)\s*(?:(?:patients?|participants?|subjects?)\s+(?:with|who\s+have(?:\s+had)?)\s+)?(?:(?:a\s+)?(?:known\s+)?history\s+of\s+)?"
    r"(?:(?:any|none|one)\s+(?:or\s+more\s+)?of\s+the\s+following(?:\s+(?:cardiac|cardiovascular|cerebrovascular|"
    r"thromboembolic|conditions?|events?|diseases?|disorders?|illnesses|medications?|drugs?|therapies|treatments?|"
    r"procedures?|agents?))*|excluded|prohibited|"
    # ('The following laboratory results, within 7 days prior to …:', 'Laboratory values within 14 days prior to
    # registration:', audit 100 F3)
    r"(?:the\s+following\s+)?(?:screening\s+)?(?:laboratory|lab)\s+(?:results?|values?|parameters?|tests?)"
    r"(?:\s+(?:obtained|performed|done|drawn))?)\s*,?\s*")
"""The words before a list heading's window that say nothing more than a list lead ('Any of the following', 'None of the
following', 'History of any of the following cardiac conditions', 'Excluded')."""
_OWN_TIME = _lazy("_OWN_TIME", 
    r"(?i)\b(?:at\s+any\s+time|any\s+time|regardless|irrespective|lifetime|ever|history|prior|previous(?:ly)?|past|ago|since|"
    r"before|after|during|within|until|years?|months?|weeks?|days?)\b")
"""An item's own words of when ('Stroke at any time', 'Prior stroke regardless of timing'): the heading's window is not
put on it (read with it, a stroke of 2020 passed, review 94 S5)."""
_LIST_TAIL = _lazy("_LIST_TAIL", r"(?i)[\s,;:]*(?:(?:including|such\s+as|as\s+follows|e\.g\.?)[\s:]*)?$")


def _heading_window_text(body: str) -> str:
    """The window a list heading puts on its items, as written: from its 'within' to its end ('Any of the following
    within 6 months prior to the first dose:' → 'within 6 months prior to the first dose'); '' where it has none, or where
    its words before the window say more than a list lead ('Patients must have recovered from the effects of any of the
    following within 4 weeks …:', 'Any of the following planned within 4 weeks …:', '…, excluding those within …:': read
    as the items within the window, the items alone decided, review 94 S4)."""
    m = _WINDOW_WORD.search(body)
    if m is None or _BARE_TIMED_LEAD.fullmatch(body, 0, m.start()) is None:
        return ""
    tail = body[m.start() :]
    tail = tail[: _LIST_TAIL.search(tail).start()].strip()  # type: ignore[union-attr]
    # (nor words after the window that widen or narrow it, '…, or a history of:', '… and/or prior:', '…, unless resolved:':
    # read again with the item, they were dropped, review 95 R5)
    # ('… prior to Cycle 1, Day 1', '… first dose (Cycle 1 Day 1)': the day named, its comma and bracket saying no more)
    return "" if _WINDOW_MORE.search(_CYCLE_DAY.sub(" ", tail)) else tail


def _with_heading_window(body: str, rule: ir.Rule, section: Literal["inclusion", "exclusion"], window: str, offset: int,
                         inherit: tuple[str, ...]) -> ir.Rule | None:
    """An item of a list heading with a window ('Any of the following within 6 months prior to the first dose:' over
    'Myocardial infarction'), read with the heading's window: the item's conditions and therapies asked within it. The item
    is read again with the window written after it, and taken only where that reading is the item's own with the window
    on every condition, therapy and procedure and nothing else changed (a heading that says more, 'within 6 months, if
    clinically significant', or an item the words would bind otherwise, is left unread); None where not. Not over a value
    among the exclusions ('LVEF < 40%'), which any value in the window would decide, not the latest."""
    if not window or (section == "exclusion" and any(isinstance(x, _MEASURED) for x in ir.leaves(rule))) or _OWN_TIME.search(body):
        return None
    histories = [x for x in ir.leaves(rule) if isinstance(x, ir.History)]
    measured = [x for x in ir.leaves(rule) if isinstance(x, _MEASURED)]
    if not histories and measured and section == "inclusion" and all(x.assessed_within is None for x in measured):
        # ('The following laboratory results within 7 days prior to first dose:' over 'Creatinine clearance ≥ 40 mL/min':
        # the value measured within the window, as when the window is written after it; read without, a value of three
        # months ago failed, audit 100 F3)
        reread = interpret(f"{body.rstrip(' .;,')} {window}", section, offset=offset, inherit=inherit)
        seen = [x for x in ir.leaves(reread) if isinstance(x, _MEASURED)]
        aw = seen[0].assessed_within if seen else None
        if aw is None or any(x.assessed_within != aw for x in seen):
            return None

        def unassessed(x: ir.Rule) -> ir.Rule:
            return x.model_copy(update={"assessed_within": None}) if isinstance(x, _MEASURED) else x

        if _unspanned(ir.map_leaves(reread, unassessed)) != _unspanned(rule):
            return None
        return ir.map_leaves(rule, lambda x: x.model_copy(update={"assessed_within": aw}) if isinstance(x, _MEASURED) else x)
    if not histories or any(h.window is not None for h in histories):
        return None
    reread = interpret(f"{body.rstrip(' .;,')} {window}", section, offset=offset, inherit=inherit)
    windows = [x.window for x in ir.leaves(reread) if isinstance(x, ir.History)]
    w = windows[0] if windows else None
    if w is None or any(x != w for x in windows):
        return None

    def untimed(x: ir.Rule) -> ir.Rule:
        return x.model_copy(update={"window": None, "untimed": False}) if isinstance(x, ir.History) else x

    if _unspanned(ir.map_leaves(reread, untimed)) != _unspanned(ir.map_leaves(rule, untimed)):
        return None
    return ir.map_leaves(rule, lambda x: x.model_copy(update={"window": w, "untimed": False}) if isinstance(x, ir.History) else x)


def _carve_outs(rule: ir.Rule, children: list[ir.Criterion]) -> tuple[ir.Rule, list[ir.Criterion]]:
    """'ECOG 0-1' over 'ECOG 2 allowed if due to bone pain', 'Note: patients with ECOG 2 … are eligible'; 'Total
    bilirubin ≤ 1.5 × ULN' over 'Patients with Gilbert syndrome: total bilirubin ≤ 3 × ULN': a sub-item that lets some
    in whom the requirement above keeps out, or sets its own limit of what it limits for a group (read beside it, with
    'and', the requirement failed those it lets in). A group's own limit of the same value holds for the group instead
    (the requirement, or the group and its limit; the sub-item still holds the group to it); a permission, not read, leaves
    the requirement undecided where it is not met, and requires nothing itself."""
    measured = _limited_concepts(rule)
    alternatives: list[ir.Rule] = []
    permissions: list[ir.Rule] = []
    out: list[ir.Criterion] = []
    for ch in children:
        r = ch.rule
        if ch.children:
            out.append(ch)
        elif (isinstance(r, ir.AnyOf) and len(r.items) == 2 and isinstance(r.items[0], ir.Not)
              and not isinstance(r.items[0].item, ir.NoRequirement) and measured & _limited_concepts(r.items[1])):
            # 'Patients with Gilbert syndrome: total bilirubin ≤ 3 × ULN': any(not(Gilbert), bilirubin ≤ 3 × ULN) (the
            # group read or not); the requirement's other limits still hold the group ('… and ALT ≤ 2.5 × ULN')
            rest = _without_limits_on(rule, _limited_concepts(r.items[1]))
            if rest is None:
                permissions.append(ir.FreeText(text=f"unless let in by an item under it: '{ch.text.strip()[:80]}'",
                                               reason="not_understood", span=rule.span))
            else:
                alternatives.append(ir.AllOf(items=[_unspanned(r.items[0].item), _unspanned(r.items[1]),
                                                    *([] if isinstance(rest, ir.NoRequirement) else [rest])], span=None))
            out.append(ch)
        elif ((isinstance(r, ir.NoRequirement) and r.why == "permission") or _let_in_item(ch.text) or _allows(ch)) and not (
                _RESTRICTS.search(ch.text)) and (let_in := _who_it_lets_in(rule, ch.text)) is not None:
            permissions.append(let_in)
            out.append(ch.model_copy(update={"rule": ir.NoRequirement(text=ch.text.strip(), why="permission", span=r.span)}))
        else:
            out.append(ch)
    if alternatives:
        rule = ir.AnyOf(items=[rule, *alternatives], span=rule.span)
    if permissions:
        exception = permissions[0] if len(permissions) == 1 else ir.AnyOf(items=permissions, span=rule.span)
        rule = ir.Except(rule=rule, exception=exception, otherwise=True, span=rule.span)
    return rule, out


def _without_limits_on(rule: ir.Rule, concepts: set[str]) -> ir.Rule | None:
    """The requirement without its limits of `concepts` ('AST and ALT ≤ 2.5 × ULN and total bilirubin ≤ 1.5 × ULN'
    without AST and ALT: the bilirubin limit), a NoRequirement when nothing else is asked; None where the limits are not
    parts of an 'and' that can be taken out ('ALT ≤ 2.5 × ULN or …')."""
    if isinstance(rule, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits, ir.OneOf)) and rule.concept in concepts:
        return ir.NoRequirement(text="", span=rule.span)
    if isinstance(rule, ir.AllOf):
        kept: list[ir.Rule] = []
        for x in rule.items:
            y = _without_limits_on(x, concepts)
            if y is None:
                return None
            if not isinstance(y, ir.NoRequirement):
                kept.append(_unspanned(y))
        if not kept:
            return ir.NoRequirement(text="", span=rule.span)
        return kept[0] if len(kept) == 1 else ir.AllOf(items=kept, span=None)
    if _limited_concepts(rule) & concepts:
        return None
    return rule


def _who_it_lets_in(rule: ir.Rule, text: str) -> ir.Rule | None:
    """Whom a permission lets in past a rule, when it names what the rule asks or bars: those of one of its kinds or a
    kind of one ('Brainstem gliomas allowed …' under a solid tumour; one with none of it on record is not let in), or,
    when it names a value the rule measures ('ECOG 2 allowed …' under 'ECOG 0-1'), anyone (not read); None when it names
    neither."""
    v = vocabulary()
    kinds = {x for leaf in ir.leaves(rule) if isinstance(leaf, ir.History) for x in leaf.concepts}
    measured = {leaf.concept for leaf in ir.leaves(rule) if isinstance(leaf, (ir.Comparison, ir.Range, ir.OneOf, ir.Finding,
                                                                              ir.RelativeLimit))}
    unread = ir.FreeText(text=f"unless let in by an item under it: '{text.strip()[:80]}'", reason="not_understood",
                         span=rule.span)
    if measured and any(x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)))
                        for _, _, x in v.find_concepts(text) for y in measured):
        return unread
    same = [t for _, _, t in v.find_terms(text) if t in v.terms and (t in kinds or kinds & v.terms[t].ancestors)]
    if not same:
        return None
    if len({v.terms[t].category for t in same}) > 1 or _NEGATED_GROUP.search(text):
        return unread
    return ir.AllOf(items=[_history_of(v, same, rule.span), unread], span=rule.span)


def _limited_concepts(rule: ir.Rule) -> set[str]:
    """The values a rule limits (comparisons, ranges, limits relative to normal, lists of values), anywhere in it."""
    return {x.concept for x in ir.leaves(rule) if isinstance(x, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.OneOf))}


def _scoped_headings(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Patients with prior autologous stem cell transplant must have:' over 'Platelets ≥ 50 × 10^9/L': the heading's
    scope binds its items (read beside them, a patient without a transplant failed the platelet count)."""
    out = []
    for c in items:
        r = c.rule
        if (c.children and isinstance(r, ir.AnyOf) and len(r.items) == 2 and isinstance(r.items[0], ir.Not)
                and isinstance(r.items[1], ir.NoRequirement)):
            c = c.model_copy(update={"rule": r.items[1], "children": [_within(ch, r.items[0]) for ch in c.children]})
        else:
            c = c.model_copy(update={"children": _scoped_headings(c.children)}) if c.children else c
        out.append(c)
    return out


def _within(c: ir.Criterion, outside: ir.Rule) -> ir.Criterion:
    """A sub-item of a scoped heading, and its own sub-items: each holds, or the patient is outside the scope."""
    rule = c.rule if isinstance(c.rule, ir.NoRequirement) else ir.AnyOf(items=[outside, c.rule], span=c.rule.span)
    return c.model_copy(update={"rule": rule, "children": [_within(ch, outside) for ch in c.children]})


def _or_before(c: ir.Criterion, before: ir.FreeText) -> ir.Criterion:
    """A sub-item of an alternative, and its own sub-items: each holds, or the alternative before is met."""
    rule = c.rule if isinstance(c.rule, ir.NoRequirement) else ir.AnyOf(items=[c.rule, before], span=c.rule.span)
    return c.model_copy(update={"rule": rule, "children": [_or_before(ch, before) for ch in c.children]})


def _core(c: ir.Criterion) -> ir.Rule:
    """An 'X OR' item's own rule, without the placeholder for the alternative that follows it."""
    r = c.rule
    if isinstance(r, ir.AnyOf) and isinstance(r.items[-1], ir.FreeText) and r.items[-1].text == ALTERNATIVE_FOLLOWS:
        rest = r.items[:-1]
        return rest[0] if len(rest) == 1 else ir.AnyOf(items=rest, span=r.span)
    return r


def _unspanned(rule: ir.Rule) -> ir.Rule:
    return ir.map_children(rule, _unspanned).model_copy(update={"span": None})


def _last_text(c: ir.Criterion) -> str:
    """The text of an item's last sub-item, at the deepest level."""
    while c.children:
        c = c.children[-1]
    return c.text


_CLASS_THEN_QUANTIFIER = _lazy("_CLASS_THEN_QUANTIFIER", r"(?is)\s*(?P<x>[^:;]+?)\s*[,-]?\s*(?:any|one|either|one\s+or\s+more|all)\s+of(?:\s+the\s+following)?"
                                    r"(?:\s+(?:conditions?|diseases?|disorders?|criteria))?\s*:\s*")
_NARROWED_CLASS = _lazy("_NARROWED_CLASS", r"(?i)\b(?:with|without|in|who|which|that|requiring|if|unless|and|or|including|defined)\b")
_LEADS_THE_LIST = _lazy("_LEADS_THE_LIST", r"(?i)^\s*(?:and\s+|or\s+)?(?:the\s+)?(?:presence\s+of\s+|evidence\s+of\s+|meeting\s+|meets\s+|with\s+)?"
                             r"(?:at\s+least\s+(?:one|1|two|2)|one\s+or\s+more|any|all|each)\s+of\s+the\s+following\b[^;.]*:?\s*$")
"""A clause that opens the list under it: 'and presence of at least one of the following SLiM CRAB features: …'."""


_LEADING_OR = _lazy("_LEADING_OR", r"(?i)\s*(?:or|alternatively)\b(?![-/])")
"""An item that opens with 'Or', 'OR', 'Alternatively,': an alternative to the item before it."""
_BARE_OR = _lazy("_BARE_OR", r"(?i)\s*or\s*[:;,.]?\s*")


_AND_OPENS = _lazy("_AND_OPENS", r"\s*(?:and|AND|And)\b(?![-/])")
_IF_BUT_OPENS = _lazy("_IF_BUT_OPENS", r"\s*(?:if|but)\b")


def _concepts_named(text: str) -> set[str]:
    return {c for _, _, c in vocabulary().find_concepts(text)}
_NO_ACTIVE_MALIGNANCY = _lazy("_NO_ACTIVE_MALIGNANCY", r"(?i)\s*(?:no|without|free\s+of)\s+(?:(?:known|evidence\s+of|concurrent|other)\s+)*"
                                   r"(?:active|current|concurrent|concomitant|coexisting)\s+(?:malignanc(?:y|ies)|cancers?)\b")
_OWN_CANCER_WORDS = _lazy("_OWN_CANCER_WORDS", r"(?i)\b(?:residual|recurren\w*|their|the\s+(?:primary|index|study)|progress\w*|worse)\b")
_ENDS_IN_AND = _lazy("_ENDS_IN_AND", r"(?<![;])(?:\s+AND|,\s*and)\s*:?\s*$")
_COUNT_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_RANGED_COUNT = _lazy("_RANGED_COUNT", r"(?i)(?:(?<![\w.])(?<!grade\s)(?<!grades\s)(?<!stage\s)(?<!stages\s)(?<!class\s)(?<!level\s)(?<!type\s)"
                           r"(?<!cycle\s)(?<!phase\s)(?<!part\s)(?<!cohort\s)(?<!arm\s)(?<!tier\s)"
                           r"(?P<low>[1-5]|one|two|three|four|five)\s*(?:or|to|-|–)\s*(?:[2-9]|two|three|four|five|six)"
                           r"|(?:[≤<⩽]\s*=?|no\s+more\s+than|at\s+most|up\s+to)\s*(?:[1-9]|one|two|three|four|five))\s+of\s+"
                           r"(?:the\s+following|these|those|the\s+criteria\s+below)")
"""A count within a range ('2 - 3 of the following', 'one or two of the following') or under a cap ('≤ 2 of …')."""


def _join_or_runs(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Creatinine ≤ 2.0 mg/dL OR' / 'Creatinine clearance ≥ 60 mL/min': consecutive items joined by a
    trailing OR are alternatives. Each item of the run keeps its text and id, and its rule becomes
    'this one, or any of the others' (read alone, the last item would fail a patient the first admits). An exclusion
    before one that opens with 'and' ('HBcAb positive' / 'and HBV DNA detectable') may be one reason with it: alone, it
    excludes no one (the item after it is read on its own)."""
    out = list(items)
    for k in range(len(out) - 1):
        c, nxt = out[k], out[k + 1]
        if c.section == nxt.section and not c.children and not nxt.children and _IF_BUT_OPENS.match(nxt.text):
            # ('AST and ALT ≤ 2.5 × ULN' then 'if liver metastases are present, AST and ALT ≤ 5 × ULN', 'History of other
            # malignancy' then 'but not basal cell carcinoma', 'Age ≥ 18 years' then 'if female, negative pregnancy test'): a
            # carve-out of the item above, or a criterion of its own? Neither is read: the item above stands where nothing
            # after it may apply, and the item itself is text (joined to it, 'if female' made the age a woman's; apart, the
            # item above failed those the next lets in, and 'but not basal cell carcinoma' excluded everyone without one)
            if not isinstance(c.rule, (ir.FreeText, ir.NoRequirement)):
                unread = ir.FreeText(text=f"unless let in by the item after it: '{nxt.text.strip()[:80]}'",
                                     reason="not_understood", span=c.rule.span)
                out[k] = c.model_copy(update={"rule": ir.Except(rule=c.rule, exception=unread, otherwise=c.section == "inclusion",
                                                                  span=c.rule.span)})
            if not isinstance(nxt.rule, (ir.FreeText, ir.NoRequirement)):
                out[k + 1] = nxt.model_copy(update={"rule": ir.FreeText(text=nxt.text.strip(), reason="not_understood",
                                                                        span=nxt.rule.span)})
            continue
        leading = _AND_OPENS.match(nxt.text) is not None
        if not (c.section == "exclusion" == nxt.section and not c.children and not nxt.children
                and (leading or _ENDS_IN_AND.search(c.text))):
            continue
        # ('HBcAb positive, and' / 'HBV DNA detectable', 'HBcAb positive' / 'and HBV DNA detectable'): one reason in two
        # halves, or two reasons each of which excludes; decided where both readings agree. The first alone decides
        # nothing; the second excludes with the first, and is undecided without it
        first = c.rule
        if isinstance(first, ir.AllOf) and first.items and isinstance(first.items[-1], ir.FreeText) and (
                first.items[-1].text == "the item that follows this one"):
            first = first.items[0] if len(first.items) == 2 else ir.AllOf(items=first.items[:-1], span=first.span)
        if isinstance(first, (ir.FreeText, ir.NoRequirement)) or isinstance(nxt.rule, (ir.FreeText, ir.NoRequirement)):
            continue
        other = ir.FreeText(text="the item that follows this one", reason="not_understood", span=first.span)
        out[k] = c.model_copy(update={"rule": ir.AllOf(items=[first, other], span=first.span)})
        before = ir.FreeText(text="whether it excludes without the item before it", reason="not_understood", span=nxt.rule.span)
        out[k + 1] = nxt.model_copy(update={"rule": ir.AllOf(items=[nxt.rule, ir.AnyOf(items=[_unspanned(first), before],
                                                                                          span=nxt.rule.span)], span=nxt.rule.span)})
    for k in range(len(out) - 1):
        if out[k].children and out[k].section == out[k + 1].section and ends_in_or(_last_text(out[k])) and not (
                isinstance(out[k + 1].rule, ir.NoRequirement)):
            # 'Acute myeloid leukemia … Myelofibrosis on marrow biopsy OR' (the OR ends the item's last sub-item) then
            # 'Severe aplastic anemia': the next item is an alternative to this one, not a requirement of its own
            before = ir.FreeText(text="the alternative before this item", reason="not_understood", span=out[k + 1].rule.span)
            update: dict[str, Any] = {"rule": ir.AnyOf(items=[out[k + 1].rule, before], span=out[k + 1].rule.span)}
            if out[k + 1].children:
                # ('Histologically proven acquired severe aplastic anemia …' then 'SAA defined by at least 2 of the
                # following:'): the sub-items define this alternative and bind no one who meets the one before (read
                # as binding everyone, a leukemia patient failed the aplastic anemia's counts)
                update["children"] = [_or_before(ch, before) for ch in out[k + 1].children]
            out[k + 1] = out[k + 1].model_copy(update=update)
            # (and this item unmet decides nothing: the patient may meet the next one instead; read alone, a Hodgkin
            # patient failed 'Histologically confirmed NHL, CLL, or multiple myeloma – … OR')
            out[k] = out[k].model_copy(update={"alternative": "the next item"})
    i = 0
    while i < len(out):
        j = i
        # ('ECOG 0-1' then 'Or Karnofsky ≥ 70%', 'OR creatinine clearance …', 'Alternatively, …', or a line 'OR' between
        # them: the 'or' opens the next item as well as it ends this one)
        while (j + 1 < len(out) and not out[j].children and not out[j + 1].children and out[j].section == out[j + 1].section
               and (ends_in_or(out[j].text) or _LEADING_OR.match(out[j + 1].text) is not None)):
            j += 1
        if j > i and not ends_in_or(out[j].text):
            for k in range(i, j + 1):
                if _BARE_OR.fullmatch(out[k].text):
                    # (the line 'OR' itself: no requirement, only the join)
                    out[k] = out[k].model_copy(update={"rule": ir.NoRequirement(text=out[k].text.strip(), span=out[k].rule.span)})
            cores = [_core(c) for c in out[i : j + 1]]
            strict = _group_limits(cores)
            for k in range(i, j + 1):
                own = cores[k - i]
                others = [r for m, r in enumerate(cores) if m != k - i and not isinstance(r, ir.NoRequirement)]
                if isinstance(own, ir.NoRequirement) or not others:
                    continue
                # the others' spans point into their own items' texts, not this one's: they are dropped
                rule: ir.Rule = ir.AnyOf(items=[own, *(_unspanned(r) for r in others)], span=out[k].rule.span)
                if strict is not None:
                    # 'FEV_1 and FVC at least 40% of predicted OR' / '… at least 60% in patients who have received prior
                    # thoracic radiotherapy': either limit, or the group's own? Decided only where both readings agree
                    which = ir.FreeText(text="whether the limit for that group replaces the other one", reason="not_understood",
                                        span=out[k].rule.span)
                    rule = ir.AnyOf(items=[strict, ir.AllOf(items=[rule, which], span=rule.span)], span=rule.span)
                out[k] = out[k].model_copy(update={"rule": rule})
        i = j + 1
    return out


def _group_limits(cores: list[ir.Rule]) -> ir.Rule | None:
    """Every limit of an OR run at once, when one item is a limit for a group ('… in patients who have received prior
    thoracic radiotherapy': any(not(group), limit)) on what another item limits for everyone; else None."""
    scoped = [r.items[1] for r in cores if isinstance(r, ir.AnyOf) and len(r.items) == 2 and isinstance(r.items[0], ir.Not)
              and _limited(r.items[1])]
    plain = [r for r in cores if _limited(r)]
    if not scoped or not plain or not any(_limited(a) & _limited(b) for a in scoped for b in plain):
        return None
    return ir.AllOf(items=[_unspanned(r) for r in plain + scoped], span=None)


def _limited(rule: ir.Rule) -> set[str]:
    """The concepts a rule of limits only (comparisons and ranges, all of them) limits; empty for any other rule."""
    if isinstance(rule, (ir.Comparison, ir.Range, ir.RelativeLimit)):
        return {rule.concept}
    if isinstance(rule, ir.AllOf) and all(_limited(i) for i in rule.items):
        return set().union(*(_limited(i) for i in rule.items))
    return set()


def _topic(body: str) -> tuple[str, ...]:
    """The concept a heading-only text names ('Age:', 'Life expectancy:'), if it names exactly one."""
    m = re.fullmatch(r"\s*([A-Za-z][\w /-]{0,40}?)\s*:\s*", body)
    if not m:
        return ()
    c = vocabulary().concept_for_heading(m.group(1))
    return (c.id,) if c is not None else ()


_LEAD_QUALIFIER_WORD = _lazy("_LEAD_QUALIFIER_WORD", 
    r"(?i)\s*(?:(?:any|known|history\s+of)\s+)?(?P<q>active|current|ongoing|uncontrolled|symptomatic|severe|serious|unstable|"
    r"clinically\s+significant)\b")


def _qualified(rule: ir.Rule, q: str) -> ir.Rule:
    """The rule with its conditions narrowed by a heading's qualifier ('active': a present one; others: the record must
    say so)."""
    if isinstance(rule, ir.History):
        if rule.category != "condition":
            return rule
        if q in ("active", "current", "ongoing"):
            return rule.model_copy(update={"status": "active", "untimed": False})
        words = " ".join(q.split())
        return rule if words in rule.qualifiers else rule.model_copy(update={"qualifiers": [*rule.qualifiers, words]})
    return ir.map_children(rule, lambda r: _qualified(r, q))


_IF_WORDS = _lazy("_IF_WORDS", r"(?i)\s*(?:if|provided|when|only\s+if)\b")


def _on_condition(rule: ir.Rule) -> ir.Rule:
    """'any(not(if …), X)' → 'all(if …, X)': an alternative allowed on a condition holds only with it."""
    if (isinstance(rule, ir.AnyOf) and len(rule.items) == 2 and isinstance(rule.items[0], ir.Not)
            and isinstance(rule.items[0].item, ir.FreeText) and _IF_WORDS.match(rule.items[0].item.text)):
        return ir.AllOf(items=[rule.items[0].item, rule.items[1]], span=rule.span)
    return rule


_ONE_OF_LEAD = _lazy("_ONE_OF_LEAD", 
    r"(?i)(?:\b(?:(?:at\s+least|any)\s+|[≥⩾]\s*)?(?:one|1|any|either|two|2|three|3)(?:\s*\(\s*\d\s*\))?(?:\s+or\s+more)?\s+of\s+"
    r"(?:the\s+following|these(?:\s+(?:criteria|conditions))?|the\s+(?:criteria|conditions)\s+below)\b[^.:;]{0,40}[:;]?"
    r"|\beither\s*:)\s*$")
"""A lead of alternatives, or of a count of them: 'one of the following', 'one or more of the following', 'at least one
of these criteria', 'one of the criteria below:', 'at least 2 of the following', 'either:'."""
_LIST_STOP = _lazy("_LIST_STOP", r"(?i)\s*(?:no|not|none)\b|.*:\s*$|\s*(?:patients?|participants?|subjects?)\s+(?:must|should|may)\s+not\b")
"""An item that ends a flattened list of alternatives: a prohibition ('Patients must not have been previously treated …')
or a list lead of its own."""
_CONSTITUTE_LEAD = _lazy("_CONSTITUTE_LEAD", r"(?i)\bthe\s+following\s+(?:will\s+|shall\s+|may\s+)?(?:constitutes?|qualify\s+as)\b")
"""'Patients must have measurable disease; the following will constitute measurable disease; tests used …': the
ways of having it follow, flattened, each one enough."""


def _flattened_alternatives(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Women aged ≥18 years and ≤75 years meeting one of the following conditions;' followed, at its own level, by
    'Those previously receiving ovariectomy, or aged ≥60 years', 'Those aged < 60 years who have had 12 consecutive
    months of amenorrhoea …': the record flattened the list, whose items are alternatives; where it ends is not said.
    The items after such a lead (up to six, to the first that opens a list or says 'No …') may each be one of them:
    read as required, a 54-year-old postmenopausal woman failed the first."""
    out = list(items)
    for k, c in enumerate(items):
        if c.section != "inclusion" or c.children:
            continue  # (an exclusion's flattened items each exclude all the same)
        lead = (_ONE_OF_LEAD.search(c.text) or _CONSTITUTE_LEAD.search(c.text)) if _may_say(
            c.text, "following", "these", "below", "either") else None
        if lead is None:  # (every lead says one of those)
            continue
        if re.search(r"(?i)(?:\b(?:no|not|at\s+most|up\s+to|fewer\s+than|less\s+than|maximum\s+of|exactly)\s+(?:more\s+than\s+)?|"
                     r"[≤<⩽]\s*=?\s*)$", c.text[: lead.start()]):
            continue  # ('no more than 2 of the following:': a cap on the items, no alternatives)
        said = c.text[: lead.end()].strip()[-60:]
        # ('…, either:' names two: a third item after them is the next requirement)
        for j in range(k + 1, min(k + (3 if re.search(r"(?i)\beither\s*:\s*$", c.text) else 7), len(out))):
            nxt = out[j]
            if _BARE_OR.fullmatch(nxt.text):
                continue  # (a line 'OR' between two of them)
            if nxt.section != c.section or nxt.children or _LIST_STOP.match(nxt.text) or isinstance(nxt.rule, ir.NoRequirement):
                break
            why = ir.FreeText(text=f"whether this is one of the alternatives after '{said}'", reason="not_understood",
                              span=nxt.rule.span)
            out[j] = nxt.model_copy(update={"rule": ir.AnyOf(items=[nxt.rule, why], span=nxt.rule.span)})
    return out


def _washouts(rule: ir.Rule) -> list[ir.History]:
    """The therapy washouts a rule sets ('At least 4 weeks since prior chemotherapy': not(therapy within 4 weeks))."""
    if isinstance(rule, ir.Not) and isinstance(rule.item, ir.History) and rule.item.window is not None and (
            rule.item.category in ("therapy", "any")):
        return [rule.item]
    if isinstance(rule, ir.AllOf):
        return [h for k in rule.items for h in _washouts(k)]
    return []


_POPULATION_AGE = _lazy("_POPULATION_AGE", 
    r"(?i)^\W*(?:patients|subjects|participants)\s+(?:aged\s+|age\s+)?(?P<age>(?:[<>≤≥]|(?:older|younger|greater|less)\s+than|over|"
    r"under|between|\d{1,3}\s*(?:-|–|to)\s*\d{1,3})[^.;:]{0,40}?\b(?:years?|yrs?)\b)(?:\s+of\s+age)?[^.;:]{0,20}?\s+with\b")


def _age_populations(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Patients aged > 49 years and < 66 years with NHL …', 'Patients < 50 years of age with NHL …', 'Patients < 66
    years of age with other diseases …': inclusion items that each describe a group of patients by its age and disease
    are the trial's alternative groups, not requirements of everyone (read as one, a 70-year-old with NHL failed the
    age of the group with other diseases). Which group a patient belongs to is not read: text."""
    groups = [k for k, c in enumerate(items) if c.section == "inclusion" and _POPULATION_AGE.match(c.text) is not None]
    ages = {" ".join(_POPULATION_AGE.match(items[k].text).group("age").lower().split()) for k in groups}  # type: ignore[union-attr]
    if len(groups) < 2 or len(ages) < 2:
        return items
    def unread(c: ir.Criterion) -> ir.Criterion:  # (its items too: what the group must have, not everyone)
        which = ir.FreeText(text=f"one of the patient groups the trial lists, each with its own age: {c.text}",
                            reason="not_understood", span=c.rule.span)
        return c.model_copy(update={"rule": which, "children": [unread(ch) for ch in c.children]})

    out = list(items)
    for k in groups:
        out[k] = unread(out[k])
    return out


_LAB_SUBHEADING = _lazy("_LAB_SUBHEADING",
    r"(?i)\s*(?:ha?ematolog(?:y|ic|ical)|ha?ematopoietic|hepatic|renal|coagulation)\s*")
"""'Hematologic', 'Renal', 'Hepatic', 'Coagulation' alone on a line: the organ a run of laboratory limits is about."""
_ADEQUATE_AS_FOLLOWS = _lazy("_ADEQUATE_AS_FOLLOWS",
    r"(?i)\s*(?:(?:subjects?|patients?|participants?)\s+(?:must|should)\s+have\s+|(?:must\s+)?(?:have|has)\s+)?adequate\s+"
    r"(?:(?:hematologic|haematologic|hematological|haematological|bone\s+marrow|marrow|organ|end[\s-]organ|hepatic|renal|liver|kidney)"
    r"(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*/\s*)?)+\s*functions?\s+as\s+(?:defined|indicated|shown|described)\s+(?:by|in)\s+the\s+"
    r"following\s+(?:laboratory\s+)?(?:values|results|tests|parameters)\s*\.?\s*")
"""'Subjects must have adequate hematologic and organ function as indicated by the following laboratory values' with no
colon, its values at its own level: a heading, as with the colon (the values say what is adequate). Not with a window
('… laboratory results obtained within 14 days prior to the first study treatment'), which asks more of the values."""
_LAB_LIMITS = (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits)
_LIMIT_WORD = _lazy("_LIMIT_WORD", r"(?i)[≤≥<>]|=<|>=|\bULN\b|\b(?:at\s+least|no\s+(?:more|greater|less)\s+than|less\s+than|greater\s+than)\b")


def _lab_subheadings(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'Hematologic', then 'ANC ≥ 1.5 × 10⁹/L' at its own level; 'Renal', then 'Creatinine ≤ 1.5 × ULN': a modern record
    that lost the colon of its laboratory table's sub-headings (an old NCI record's are read in `_criterion`). The label
    asks nothing; the limits after it do (read as text, a patient who met them all was undecided). Only in the
    inclusions, an item with no items of its own and nothing else read, and only where the next item sets a laboratory
    limit or opens with a laboratory value's name ('Total bilirubin ≤ 1.5 × ULN OR direct bilirubin ≤ ULN for …', unread
    for its proviso): not 'Renal' in a list of organs a disease involves. The same holds for the lead of such a table
    that lost its colon ('Have adequate organ function as defined by the following laboratory results'), the lead's
    words asking nothing the values below do not."""
    v = vocabulary()

    def sets_a_limit(c: ir.Criterion) -> bool:
        if any(isinstance(x, _LAB_LIMITS) for x in ir.leaves(c.rule)):
            return True
        lead = len(c.text) - len(c.text.lstrip())
        first = min(v.find_concepts(c.text[: lead + 60]), default=None)
        return (first is not None and first[0] <= lead + len("serum ") and v.concepts[first[2]].kind == "quantity"
                and _LIMIT_WORD.search(c.text) is not None)

    # (within an item's own list only where each of its items is required: in 'at least one of the following: Hepatic,
    # Renal, Alkaline phosphatase > 1.5 × ULN', 'Hepatic' is an option, no label)
    out = [c.model_copy(update={"children": _lab_subheadings(c.children)}) if c.children and c.combine == "all" else c
           for c in items]
    for k, c in enumerate(out[:-1]):
        nxt = out[k + 1]
        if (c.section == "inclusion" and not c.children and isinstance(c.rule, ir.FreeText)
                and (_LAB_SUBHEADING.fullmatch(c.text) or _ADEQUATE_AS_FOLLOWS.fullmatch(c.text))
                and nxt.section == c.section and (sets_a_limit(nxt) or (
                    _LAB_SUBHEADING.fullmatch(nxt.text) and k + 2 < len(out) and sets_a_limit(out[k + 2])))):
            out[k] = c.model_copy(update={"rule": ir.NoRequirement(text=c.text.strip(), why="heading", span=c.rule.span)})
    return out


def _specific_washouts(items: list[ir.Criterion]) -> list[ir.Criterion]:
    """'At least 4 weeks since prior chemotherapy' beside 'At least 3 days since prior hydroxyurea': the item that
    names one drug sets its washout; the general one does not count it (read as both, hydroxyurea stopped 6 days ago
    failed)."""
    v = vocabulary()
    out = [c.model_copy(update={"children": _specific_washouts(c.children)}) if c.children else c for c in items]
    own = [(k, h) for k, c in enumerate(out) if not c.children for h in _washouts(c.rule)]
    def span(h: ir.History) -> float:
        assert h.window is not None
        return h.window.amount * ir.DAYS_IN.get(h.window.unit, 1.0)

    for k, c in enumerate(out):
        if c.children:
            continue
        general = [h for j, h in own if j == k]
        # (only a shorter washout of its own: 'At least 4 weeks since prior chemotherapy' beside 'At least 2 weeks since
        # prior systemic anticancer therapy' is stricter, and both hold: chemotherapy 7 days ago fails the second too)
        special = [x for j, h in own if j != k for x in h.concepts
                   if x in v.terms and any(x != g and g in v.terms[x].ancestors and span(h) < span(gh)
                                           for gh in general for g in gh.concepts)]
        if special:
            out[k] = c.model_copy(update={"rule": _replace_washout_exclusions(c.rule, special)})
    return out


def _replace_washout_exclusions(rule: ir.Rule, kinds: list[str]) -> ir.Rule:
    if isinstance(rule, ir.Not) and isinstance(rule.item, ir.History) and rule.item.window is not None and not rule.item.qualifiers:
        h = rule.item  # (not 'other prior investigational anticancer drugs': the narrowing may hold for the named drug too)
        v = vocabulary()
        mine = [x for x in kinds if any(g in v.terms[x].ancestors for g in h.concepts if x in v.terms)]
        if mine:
            return rule.model_copy(update={"item": h.model_copy(update={"excluding": list(dict.fromkeys([*h.excluding, *mine]))})})
        return rule
    if isinstance(rule, ir.AllOf):
        return rule.model_copy(update={"items": [_replace_washout_exclusions(k, kinds) for k in rule.items]})
    return rule


_NOT_A_DISEASE_LEAD = _lazy("_NOT_A_DISEASE_LEAD", r"(?i)\b(?:received|therapy|therapies|treatment|treated|lines?|regimens?|function|refractory|"
                                 r"relapsed|exposed|agents?|drugs?|inhibitors?|antibod(?:y|ies))\b")
_INCLUDING_LEAD = _lazy("_INCLUDING_LEAD", r"(?i),?\s*(?:including|such\s+as)\s*(?:any\s+(?:one\s+)?of\s+)?(?:the\s+following)?\s*:\s*$")
"""'…, including any of the following:', '…, such as:': its items are examples."""
_EXAMPLES_LEAD = _lazy("_EXAMPLES_LEAD", r"(?i)(?:,|\b)\s*(?:such\s+as|e\.\s?g\.?|for\s+example|which\s+includes?|including)\s*(?:the\s+following\s*)?:\s*$")
"""'…, such as:', '…, e.g.:', '…, which includes:', '…, including:' ending a heading: its items are examples."""
_LISTS_REQUIREMENTS = _lazy("_LISTS_REQUIREMENTS", r"(?i)\b(?:function|tests?|values?|laborator\w*|requirements?|parameters|labs?|lines?|"
                                 r"regimens?|therap(?:y|ies)|treatments?|agents?|drugs?|received|must\s+have\s+all)\b")
"""What a heading names whose listed items are all asked ('Adequate organ function, including:', 'at least 3 prior lines of
therapy, including:')."""
_NOT_LIMITED_TO = _lazy("_NOT_LIMITED_TO", r"(?i),?\s*including\s*,?\s*(?:but|and)\s+not\s+limited\s+to\s*:?\s*$")
_LEAD_FILLER = frozenset({"patients", "with", "the", "following", "of", "a", "an", "or", "and", "any", "diagnosis", "diagnosed"})


def _hedged_example(c: ir.Criterion) -> ir.Criterion:
    """An item of a list that is 'not limited to' its items: one example, never the only way."""
    if isinstance(c.rule, ir.NoRequirement):
        return c
    other = ir.FreeText(text="another kind the list is not limited to", reason="not_understood", span=c.rule.span)
    return c.model_copy(update={"rule": ir.AnyOf(items=[c.rule, other], span=c.rule.span)})


def _counted_option(c: ir.Criterion, which: str) -> ir.Criterion:
    """An item of a 'Major criteria:' list, and its own items: an option the trial counts, not a requirement."""
    rule = ir.FreeText(text=f"one of the {which} criteria, counted as the trial says: {c.text}", reason="not_understood",
                       span=c.rule.span)
    return c.model_copy(update={"rule": rule, "children": [_counted_option(ch, which) for ch in c.children]})


_DEFINITION_TITLE = _lazy("_DEFINITION_TITLE", r"(?i)\s*(?:the\s+)?definitions?\s+of\b[^:;.]{0,120}:\s*")
"""'Definition of relapsed/refractory multiple myeloma:' over its items: a title, the items are what it asks."""
_DEFINED_AS = _lazy("_DEFINED_AS", r"(?i)\b(?:defined|characteri[sz]ed)\s+(?:as|by)\b[^:;.]*:\s*$")
_COUNTED_LIST = _lazy("_COUNTED_LIST", r"(?i)\s*(major|minor)\s+(?:diagnostic\s+)?criteri(?:a|on)\s*(?:\([^()]*\))?\s*:\s*$")
_MANDATED = _lazy("_MANDATED", r"(?i)\b(?:mandated|required\s+by|clinically\s+indicated|local\s+(?:health|regulations?|guidelines?|authorit)|"
                       r"per\s+local|as\s+indicated)\b")
_NOT_REQUIRED_UNLESS = _lazy("_NOT_REQUIRED_UNLESS", r"(?i)\bnot\s+(?:required|needed|necessary|mandatory)\s+(?:unless|except\s+(?:if|when))\s*:\s*$")
_CONDITION_LEAD = _lazy("_CONDITION_LEAD", 
    r"(?i)\b(?:required|needed|necessary|mandatory|recommended|must|should)\b[^:;]*?\b(?:if|when|whenever|in\s+case)\s+"
    r"(?:any|one|all|either|at\s+least\s+one)\s+(?:one\s+)?of\s+the\s+following\b"
    # 'If medically appropriate, the following conditions should be treated prior to registration:' over 'Pathologic
    # fractures': conditions to treat first, none required
    r"|\bthe\s+following\s+(?:conditions?|complications?|problems?)\s+(?:should|must|will|need\s+to)\s+be\s+(?:treated|managed|controlled|corrected)\b"
    # 'Hepatitis B and C screening tests are not required unless:' over 'Known history of HBV or HCV infection'
    r"|\bnot\s+(?:required|needed|necessary|mandatory)\s+(?:unless|except\s+(?:if|when))\s*:\s*$")
"""A list lead whose items say when something is needed, not what is ('… required if any of the following are present:')."""
_NOTHING_ENDS = ("specified", "age", "characteristics", "criteria", "eligibility", "above", "below", "none", "na", "n/a", "any",
                 "male", "males", "men", "female", "females", "women", "patients", "subjects", "participants", "menopausal",
                 "sex", "sexes")
"""How a text `_NOTHING` matches ends (a cheap first test)."""


def _nothing(doc: str, it: Item) -> bool:
    if it.children or not doc[it.start : it.end].rstrip(" \t\r\n.").lower().endswith(_NOTHING_ENDS):
        return False
    return bool(_NOTHING.match(_clean(doc, it)[0]))


_LEAD_WORDS = _lazy("_LEAD_WORDS", r"(?i)\b(?:following|below|as\s+follows)\b")


def _pure_lead(body: str) -> bool:
    """A list lead that names nothing itself ('Participants meeting any of the following criteria are not eligible:')."""
    v = vocabulary()
    return bool(_LEAD_WORDS.search(body)) and not v.find_concepts(body) and not v.find_terms(body)


def _open_to_unread_siblings(children: list[ir.Criterion], topic: set[str]) -> list[ir.Criterion]:
    """'Age:' over '65 to 74' and 'If under 65, higher priority is given to protocol … unless entry into this study would be
    more appropriate', or over 'Under 51' and 'Eligible for transplantation until age 52 if the donor is identified …': an
    item not read under a heading that names one measure speaks of that measure too, and may let in some the limits
    beside it keep out. A limit on it that is not met decides nothing then (read as one more requirement, the items
    failed a 60-year-old the second one lets in); one met still counts, the unread item beside it asking what it asks."""
    unread = [ch for ch in children if not ch.children and all(_not_understood(x) for x in ir.leaves(ch.rule))]
    if not unread:
        return children
    said = unread[0].text.strip()
    # (an age the unread item names a side of, 'If under 65', 'until age 52': those it may let in are on that side, and the
    # limit still decides for the others, a 76-year-old against '65 to 74')
    sides = [m for x in unread for m in _AGE_SIDE.finditer(x.text)] if topic == {"age"} else []
    out = []
    for ch in children:
        if ch.children or ch in unread or not any(isinstance(x, _LIMITS) and x.concept in topic for x in ir.leaves(ch.rule)):
            out.append(ch)
            continue
        exception: ir.Rule = ir.FreeText(text=f"unless let in by an item beside it: '{said}'", reason="not_understood",
                                         span=ch.rule.span)
        if len(unread) == 1 and len(sides) == 1:
            m = sides[0]
            years = float(m.group("n"))
            op: Literal["<", "<=", ">"] = "<" if m.group("below") else "<=" if m.group("until") else ">"
            group = ir.Comparison(concept="age", op=op, value=years, unit="year", canonical_value=years, canonical_unit="year",
                                  span=ch.rule.span)
            exception = ir.AllOf(items=[group, exception], span=ch.rule.span)
        out.append(ch.model_copy(update={"rule": ir.Except(rule=ch.rule, exception=exception, otherwise=ch.section == "inclusion",
                                                           span=ch.rule.span)}))
    return out


_LIMITS = (ir.Comparison, ir.Range, ir.OneOf)
_AGE_SIDE = _lazy("_AGE_SIDE",
    r"(?i)\b(?:(?P<below>under|younger\s+than|below|less\s+than)|(?P<until>until|up\s+to|through)(?:\s+(?:the\s+)?age(?:\s+of)?)?|"
    r"(?P<above>over|older\s+than|above|greater\s+than))\s+(?P<n>\d{1,3})\b(?!\s*(?:%|kg|cm|mg|months?|weeks?|days?))")
"""The side of an age an unread item under 'Age:' speaks of: 'If under 65', 'until age 52', 'over 70'."""


def _not_understood(rule: ir.Rule) -> bool:
    return isinstance(rule, ir.FreeText) and rule.reason == "not_understood"


def _defined_below(rule: ir.Rule, quantifier: tuple[str, int] | None) -> bool:
    """'The presence of measurable lesions … will be determined according to any of the following criteria:': a
    finding the list under it defines, no requirement besides it."""
    if quantifier is None or not isinstance(rule, ir.Finding):
        return False
    c = vocabulary().concepts.get(rule.concept)
    return c is not None and c.kind == "flag"


def _is_heading(rule: ir.Rule, body: str, quantifier: tuple[str, int] | None) -> bool:
    """A list heading whose own words carry no condition the library reads (`quantifier`: the
    body's `list_quantifier`)."""
    return (_not_understood(rule) and (quantifier is not None or body.rstrip().endswith(":"))
            and _LEAD_THEN_MORE.search(body) is None)


_LEAD_THEN_MORE = _lazy("_LEAD_THEN_MORE",
    r"(?i)\bthe\s+following(?:\s+(?!(?:with|and|plus|requiring|undergoing|receiving)\b)[\w-]+){0,2}\s*,?\s+"
    r"(?:and\s+)?(?:with|plus|requiring|undergoing|receiving)\s+(?!(?:is|are|must|should|will|may|can|apply|applies|"
    r"criteria|conditions)\b)\w")
"""A list lead that asks more of its items' patients after them ('one of the following types with transfusion-dependent
anemia or thrombocytopenia:', 'one of the following cancers and undergoing high dose chemotherapy …:'): no bare heading
(read as one, a myeloma patient with normal counts met it); its words stay, unread, beside the items. Not words that
say more of the items themselves ('the following malignancies and bone marrow failure syndromes:', 'the following
parameters that would preclude …:')."""


_PRIOR_CUE = _lazy("_PRIOR_CUE", r"(?i)\b(?:prior|previous(?:ly)?|past|history\s+of|within)\b")
_LEADS_WITH_MALIGNANCY = _lazy("_LEADS_WITH_MALIGNANCY", 
    r"(?i)\W*(?:(?:patients?|subjects?|participants?)\s+(?:with|who\s+have)\s+|(?:has|have|having)\s+(?:an?\s+)?)?"
    r"(?:(?:known|active|current|concurrent|concomitant|coexisting|co-existing|ongoing|any|untreated|uncontrolled|invasive|"
    r"clinically\s+significant|diagnosed|a|an)\s+(?:or\s+)?)*")
"""('Active malignancy', 'Current malignancy', 'Malignancy' excluded): a criterion that opens by barring a malignancy bars one
other than the trial's own (not 'Active CNS involvement by tumor' nor 'their cancer', where the tumour is the trial's)."""


_PRIOR_HISTORY = _lazy("_PRIOR_HISTORY", r"(?i)\b(?:prior|previous|past)\s+(?:history\s+of\s+)?(?:an?\s+)?(?:[\w-]+\s+)?$")


def _families() -> frozenset[str]:
    return vocabulary().families


@lru_cache(maxsize=1)
def _cancer_classes() -> frozenset[str]:
    """Condition classes other than 'malignancy' that hold kinds of cancer ('plasma cell neoplasm', 'hematologic
    malignancy'): a trial's own disease may be one of them."""
    v = vocabulary()
    # (by the classes each kind certainly belongs to: a kidney disease myeloma may cause makes no kidney disease a cancer)
    return frozenset(a for t in v.terms.values() if "malignancy" in t.certain and t.category == "condition"
                     for a in t.certain if a != t.id and a != "malignancy" and a in v.terms and v.terms[a].category == "condition")


def _prior_malignancy_is_other(criteria: list[ir.Criterion]) -> list[ir.Criterion]:
    """'No prior malignancy within 5 years', 'History of malignancy' (excluded): a malignancy barred as a past one is
    one other than the trial's own disease (read as any, every patient with the trial's disease, diagnosed within the
    window, failed). Only where it bars: 'Diagnosis of malignancy' still counts the trial's own."""

    classes = _cancer_classes()

    def fix(rule: ir.Rule, barring: bool, text: str, negated: bool = False) -> ir.Rule:
        if isinstance(rule, ir.History):
            if barring and not rule.other and rule.category == "condition" and len(rule.concepts) == 1 and rule.concepts[0] in classes and (
                    (negated and not rule.qualifiers and rule.window is None and rule.concepts[0] in _families())
                    # 'Prior history of invasive breast cancer' in a trial of newly diagnosed invasive breast cancer: a
                    # past one, not the trial's own (read as any, every patient of the trial was excluded)
                    or _PRIOR_HISTORY.search(text, max(0, (rule.span or (0, 0))[0] - 40), (rule.span or (0, 0))[0])):
                # (not 'No stage I myeloma': a form of the trial's own disease, barred as such)
                # 'No solitary extramedullary plasmacytoma or plasma cell dyscrasia' in a myeloma trial: a family of
                # diseases that holds the trial's own, barred in an inclusion, is another one of it (read as any, every
                # myeloma patient failed)
                return rule.model_copy(update={"other": True})
            if not (barring and not rule.other and rule.category == "condition" and list(rule.concepts) == ["malignancy"]):
                return rule
            span = rule.span if rule.span is not None and rule.span[1] <= len(text) else (0, len(text))
            if (rule.window is not None or _PRIOR_CUE.search(text, max(0, span[0] - 40), span[1])
                    or _LEADS_WITH_MALIGNANCY.fullmatch(text, 0, span[0])
                    or (negated and _NO_ACTIVE_MALIGNANCY.match(text) and not _OWN_CANCER_WORDS.search(text))):
                # ('No active malignancy', 'No current malignancy' among the inclusions: the trial's own disease is no bar to
                # it; read as any, a myeloma patient failed the myeloma trial's criterion. Not 'Free of any residual
                # tumor', 'No recurrent tumors', 'No malignancy': the trial's own, or any in a trial of healthy volunteers)
                return rule.model_copy(update={"other": True})
            return rule
        if isinstance(rule, ir.Not):
            item = fix(rule.item, not barring, text, negated=True)
            return rule if item is rule.item else rule.model_copy(update={"item": item})
        if isinstance(rule, ir.Except):
            main = fix(rule.rule, barring, text, negated)
            return rule if main is rule.rule else rule.model_copy(update={"rule": main})
        if isinstance(rule, (ir.AllOf, ir.AnyOf, ir.AtLeast)):
            # (a scope's negation, 'any(not(solid tumor), measurable disease)', bars nothing: its class is who it binds)
            items = [i if (isinstance(rule, ir.AnyOf) and k == 0 and isinstance(i, ir.Not) and len(rule.items) == 2)
                     else fix(i, barring, text, negated) for k, i in enumerate(rule.items)]
            return rule if all(a is b for a, b in zip(items, rule.items)) else rule.model_copy(update={"items": items})
        return rule  # (copied only where something changed: most rules hold no malignancy)

    def visit(c: ir.Criterion) -> ir.Criterion:
        rule = fix(c.rule, c.section == "exclusion", c.text)
        kids = [visit(k) for k in c.children]
        if rule is c.rule and all(a is b for a, b in zip(kids, c.children)):
            return c
        return c.model_copy(update={"rule": rule, "children": kids})

    return [visit(c) for c in criteria]


_NOT_THE_TRIALS = _lazy("_NOT_THE_TRIALS", r"(?i)\b(?:other\s+than|except|excluding|not\s+eligible|ineligible|not\s+allowed|history\s+of|"
                             r"prior|previous|eligible\s+if|allowed|permitted|disease-free|no\s+evidence)\b")
_COHORT_CUE = _lazy("_COHORT_CUE", r"(?i)\b(?:cohorts?|arms?|histologically|cytologically|pathologically)\b")


def _cohort_cancers(criteria: list[ir.Criterion]) -> list[str]:
    """Cancers named in an inclusion criterion that states a diagnosis or a cohort."""
    v = vocabulary()
    out: list[str] = []
    for c in _walk(criteria):
        if (c.section != "inclusion" or not _COHORT_CUE.search(c.text) or _NEGATED_ITEM.match(c.text)
                or _NOT_THE_TRIALS.search(c.text)):
            continue  # ('any cancer other than breast cancer …', '(… subtypes are not eligible)', 'prior breast cancer …')
        for _, _, t in v.find_terms(c.text):
            if (t in v.terms and t not in _WIDE_CANCER_CLASSES and "malignancy" in v.terms[t].ancestors
                    and t not in out):
                out.append(t)
    return out


_WIDE_CANCER_CLASSES = frozenset({"malignancy", "hematologic_malignancy", "solid_tumor", "lymphoid_malignancy", "b_cell_malignancy",
                                  "carcinoma_in_situ", "carcinoma", "adenocarcinoma", "sarcoma", "lymphoma", "leukemia", "nhl"})
"""Classes a cohort may name ('advanced solid cancer') that are no one disease of the trial's."""


_NEGATED_BEFORE = _lazy("_NEGATED_BEFORE", r"(?i)\b(?:no|not|without|never|none|nor|excluding|other\s+than)\b[^.;:]*$")
_LIST_ONLY_GAP = _lazy("_LIST_ONLY_GAP", r"(?i)\s*(?:,|;|/)?\s*(?:(?:or|and|and/or)\s+)?")
_BRACKETS = _lazy("_BRACKETS", r"\([^()]*\)")


def _infer_conditions(criteria: list[ir.Criterion]) -> list[str]:
    """The trial's own diseases: malignancies an inclusion criterion requires, or says the patient is
    'diagnosed with' (even when the rest of that criterion is left as text)."""
    v = vocabulary()
    found: list[str] = []

    def add(tid: str) -> None:
        if tid != "malignancy" and tid not in found:
            found.append(tid)

    def visit(rule: ir.Rule, negated: bool) -> None:
        if isinstance(rule, ir.History) and rule.category == "condition" and not negated and not rule.other:
            for c in rule.concepts:
                add(c)
        elif isinstance(rule, ir.Not):
            visit(rule.item, not negated)
        elif isinstance(rule, ir.Except):
            visit(rule.rule, negated)
        else:
            for k in ir.children(rule):
                visit(k, negated)

    for c in _walk(criteria):
        if c.section != "inclusion":
            continue
        visit(c.rule, False)
        for m in _DIAGNOSED.finditer(c.text) if _may_say(c.text, "diagnos", "confirmed") else ():
            if _NEGATED_BEFORE.search(c.text[max(0, m.start() - 40) : m.start()]):
                continue  # ('No prior diagnosis of breast cancer, colorectal cancer, or melanoma': barred, not the trial's)
            after = c.text[m.end() : m.end() + 240]
            mentions = v.find_terms(after)
            if mentions and mentions[0][0] <= 30:  # 'diagnosed with relapsed or refractory multiple myeloma'
                add(mentions[0][2])
                # ('Diagnosis of Non-Hodgkin's lymphoma, Hodgkin's disease, AML, …, or multiple myeloma': each disease of
                # the list; with the first alone, a myeloma patient failed 'No prior or concurrent second malignancy')
                prev_end = mentions[0][1]
                for s0, e0, tid in mentions[1:]:
                    if s0 < prev_end:
                        continue
                    if not _LIST_ONLY_GAP.fullmatch(_BRACKETS.sub("", after[prev_end:s0])):
                        break
                    add(tid)
                    prev_end = e0
    return [c for c in found if c in v.terms and "malignancy" in v.terms[c].ancestors]


def dumps(c: Criteria) -> str:  # pragma: no cover - convenience
    return json.dumps(c.to_dict(), indent=2, ensure_ascii=False)
