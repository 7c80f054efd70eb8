"""FHIR R4 input layer: turns a JSON-decoded FHIR R4 Bundle into the library's plain patient-record mapping."""

# This module deliberately imports nothing from the rest of the package, so it can
# be loaded on its own (tests and benchmarks load it by file path).  It works on
# plain dicts, so it needs no FHIR model library; benchmarks/bench_fhir.py measures it.

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date as _date_cls
from decimal import Decimal
from typing import Any, NoReturn

__all__ = ["bundle_to_record"]


def _bad(field: str, value: Any, expected: str) -> NoReturn:
    """Raise the library's error for malformed input, naming the field, the value and the expectation."""
    from .errors import PatientDataError

    raise PatientDataError(field, value, expected)


class _Skip(Exception):
    """Internal: the resource (or part of it) cannot be placed; the message is the reason."""


# --------------------------------------------------------------------------- constants

_LOINC_SYSTEMS = frozenset({"http://loinc.org", "urn:oid:2.16.840.1.113883.6.1"})
_SNOMED = "http://snomed.info/sct"
_V3_INTERPRETATION = frozenset({
    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
    "http://hl7.org/fhir/v3/ObservationInterpretation",  # (the DSTU2 / STU3 address)
    "urn:oid:2.16.840.1.113883.5.83",
})
_UCUM = "http://unitsofmeasure.org"

# Keys the record uses for itself; an Observation key may not overwrite them.
_RESERVED_KEYS = frozenset({"birth_date", "sex", "conditions", "therapies", "procedures", "as_of"})

# Statuses meaning "this did not happen / is not a valid record", across resource types.
_VOID_STATUSES = frozenset({"entered-in-error", "cancelled", "not-done", "not-taken"})

# Condition.verificationStatus codes meaning the condition is not (validly) present.
_VOID_VERIFICATION = frozenset({"entered-in-error", "refuted"})

# Condition.verificationStatus codes meaning the diagnosis is not established.
_TENTATIVE_VERIFICATION = frozenset({"unconfirmed", "provisional", "differential"})

# Condition.verificationStatus as other codes or words say it: SNOMED CT's 'Known absent', 'Confirmed present',
# 'Suspected', and text alone ('ruled out').  A value none of these reads is not taken as a confirmed diagnosis.
_VERIFICATION_CODES = frozenset({*_VOID_VERIFICATION, *_TENTATIVE_VERIFICATION, "confirmed"})
_VERIFICATION_SNOMED = {"410516002": "refuted", "410605003": "confirmed", "415684004": "unconfirmed"}
_VERIFICATION_WORDS = {"ruled out": "refuted", "ruled-out": "refuted", "known absent": "refuted", "absent": "refuted",
                       "confirmed present": "confirmed", "suspected": "unconfirmed", "entered in error": "entered-in-error"}

# MedicationRequest intents that are not an order for the patient to receive the drug ('option': one choice among
# alternatives in a protocol, not the one chosen).
_NON_ORDER_INTENTS = frozenset({"proposal", "plan", "option"})
# The intents of an order (R4's RequestIntent for MedicationRequest). Any other, or none (required in R4), is not read:
# an order the patient received, or a plan, is not said ('directive', of other request types).
_ORDER_INTENTS = frozenset({"order", "original-order", "reflex-order", "filler-order", "instance-order"})

_THERAPY_TYPES = ("MedicationStatement", "MedicationAdministration", "MedicationRequest")
_PLACED_TYPES = frozenset({"Observation", "Condition", "Procedure", *_THERAPY_TYPES})

# ECOG performance status answer codes -> grade (LOINC answer list LL529-9 and SNOMED CT).
_ECOG_GRADES: dict[tuple[str, str], int] = {
    ("loinc", "LA9622-7"): 0,
    ("loinc", "LA9623-5"): 1,
    ("loinc", "LA9624-3"): 2,
    ("loinc", "LA9625-0"): 3,
    ("loinc", "LA9626-8"): 4,
    ("loinc", "LA9627-6"): 5,
    ("snomed", "425389002"): 0,
    ("snomed", "422512005"): 1,
    ("snomed", "422894000"): 2,
    ("snomed", "423053003"): 3,
    ("snomed", "423237006"): 4,
    ("snomed", "423409001"): 5,
}

# Qualitative result codes, used only when a value concept has neither text nor display.  The HL7 v3 interpretation
# codes only where they name a result ('POS', 'NEG'); not 'A' / 'N' (abnormal, normal), which say how a value compares
# with a range, not whether the thing tested for was found.
_QUALIFIER_WORDS: dict[tuple[str, str], str] = {
    ("v3-interpretation", "POS"): "positive",
    ("v3-interpretation", "NEG"): "negative",
    ("v3-interpretation", "DET"): "detected",
    ("v3-interpretation", "ND"): "not detected",
    ("v3-interpretation", "IND"): "indeterminate",
    ("snomed", "260385009"): "negative",
    ("snomed", "10828004"): "positive",
    ("snomed", "260373001"): "detected",
    ("snomed", "260415000"): "not detected",
    ("snomed", "11214006"): "reactive",
    ("snomed", "131194007"): "non-reactive",
    ("loinc", "LA6577-6"): "negative",
    ("loinc", "LA6576-8"): "positive",
    ("loinc", "LA11882-0"): "detected",
    ("loinc", "LA11883-8"): "not detected",
}

# value[x] choices of Observation / Observation.component, in lookup order.
_VALUE_KEYS = (
    "valueQuantity",
    "valueCodeableConcept",
    "valueString",
    "valueBoolean",
    "valueInteger",
    "valueRange",
    "valueRatio",
    "valueSampledData",
    "valueTime",
    "valueDateTime",
    "valuePeriod",
)
_COMPARATORS = frozenset({"<", "<=", ">=", ">"})

# A result written as words that open by saying there is none yet, or none at all ('Pending', 'not done - haemolysed',
# 'cancelled'): no value, set aside; the record reader would refuse the word, and the whole bundle with it.
_NO_RESULT = re.compile(
    r"(?i)\s*(?:(?:results?\s+)?(?:pending|awaited|to\s+follow)|awaiting\s+(?:the\s+)?results?|in\s+progress|"
    r"not\s+(?:done|tested|performed|reported|available|received)|test\s+not\s+(?:done|performed)|cancel+ed)"
    r"(?:\W.*)?|"  # (and what follows: 'pending confirmation', 'not done due to haemolysis')
    # ('see comment', 'refer to report below', 'specimen haemolysed - repeat', 'QNS - recollect', 'lost in transit': the
    # result, if any, is elsewhere or none was had; with nothing after them that reads as a result: 'Comment: REACTIVE',
    # 'see comment: reactive' are results, and are read or refused as such)
    r"\s*(?:(?:please\s+)?(?:see|refer\s+to)\s+(?:the\s+)?(?:comments?|notes?|report|below|attached|interpretation|narrative)|"
    r"comments?|(?:specimen\s+|sample\s+)?(?:ha?emolys[ei][dz]|clotted|insufficient|unsuitable|lost|leaked|rejected)|"
    r"(?:clotted|ha?emolys[ei][dz]|rejected|insufficient|unsuitable)\s+(?:specimen|sample)|"
    r"QNS|quantity\s+not\s+sufficient|insufficient\s+(?:sample|specimen|quantity))"
    # (and after them only a request for another sample or where the rest is: 'QNS - recollect', 'haemolysed, please
    # repeat', 'lost in transit'; any other word may be a result, 'see comment: critical high', 'Comment: seropositive')
    r"(?:[\s,;:.\-\u2013()]+(?:please|repeat|repeated|recollect|recollected|recollection|redraw|redrawn|re-?draw|resend|sample|"
    r"specimen|requested|request|new|to|follow|will|be|sent|send|received|in|transit|below|above|attached|report|reports|"
    r"see|and|the|a|for|lab|laboratory|note|notes|comments?|rejected|haemolysed|hemolyzed|hemolysed|clotted|insufficient|"
    r"lost|leaked|unsuitable|no\s+results?|mislabel+ed|unlabel+ed|exceeded|age|stability|expired)\b)*[\s.]*",
    re.DOTALL,
)

# FHIR date / dateTime / instant, leniently: seconds, fraction and zone are optional,
# and a space is accepted in place of "T".
_DATE_RE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
# An abatementString that says the condition is over ('resolved', 'abated after treatment', 'resolved in 2019'); any
# other ('not resolved', 'ongoing', 'unknown', 'partially resolved', 'resolved?') does not end it.
_ABATED_WORDS = re.compile(
    r"(?i)\s*(?:(?:fully|completely|now)\s+)?(?:resolved|abated|cured|healed|cleared)"
    r"(?:\s+(?:in|on|since|by|after|with|following)\b(?![^?]*\b(?:recur\w*|relaps\w*|reactivat\w*|returned|back|again|"
    r"flare\w*|progress\w*|not|but)\b)[^?]*)?\s*\.?\s*"
)

_DATE_EXPECTED = "a FHIR date or dateTime such as '2026-10-28', '2025-03', '2025' or '2026-10-28T08:30:00+01:00'"


# --------------------------------------------------------------------------- small helpers


def _system_kind(system: Any) -> str | None:
    if system in _LOINC_SYSTEMS:
        return "loinc"
    if system == _SNOMED:
        return "snomed"
    if system in _V3_INTERPRETATION:
        return "v3-interpretation"
    return None


def _parse_date(value: str) -> str | None:
    """Return the date part of a FHIR date/dateTime ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'), or None."""
    m = _DATE_RE.fullmatch(value.strip())
    if m is None:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    if year == "0000":
        return None
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{month}"
    try:
        _date_cls(int(year), int(month), int(day))
    except ValueError:
        return None
    if hour is not None:
        if int(hour) > 23 or int(minute) > 59 or (second is not None and int(second) > 60):
            return None
        if zone is not None and zone != "Z":
            digits = zone[1:].replace(":", "")
            if int(digits[:2]) > 14 or int(digits[2:]) > 59:
                return None
    return f"{year}-{month}-{day}"


def _date(value: Any, field: str) -> str | None:
    """Date part of a FHIR date/dateTime element; None if absent; raises if unparseable."""
    if value is None:
        return None
    if not isinstance(value, str):
        _bad(field, value, _DATE_EXPECTED)
    parsed = _parse_date(value)
    if parsed is None:
        _bad(field, value, _DATE_EXPECTED)
    return parsed


def _soft_date(value: Any) -> str | None:
    """Like _date, for free-text elements (onsetString, ...): a non-date gives None, not an error."""
    if isinstance(value, str):
        return _parse_date(value)
    return None


def _obj(container: Mapping[str, Any], key: str, field: str) -> Mapping[str, Any] | None:
    value = container.get(key)
    if value is None or type(value) is dict or isinstance(value, Mapping):
        return value
    _bad(f"{field}.{key}", value, "a JSON object")


def _list(container: Mapping[str, Any], key: str, field: str) -> list[Any]:
    value = container.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _bad(f"{field}.{key}", value, "a JSON array")
    return value


def _str(container: Mapping[str, Any], key: str, field: str) -> str | None:
    value = container.get(key)
    if value is None or isinstance(value, str):
        return value
    _bad(f"{field}.{key}", value, "a string")


def _number(value: Any, field: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        _bad(field, value, "a number")
    if isinstance(value, int):
        return value
    number = float(value)
    if not math.isfinite(number):
        _bad(field, value, "a finite number")
    return number


def _codings(concept: Mapping[str, Any] | None, field: str) -> list[Mapping[str, Any]]:
    if concept is None:
        return []
    codings = _list(concept, "coding", field)
    for i, coding in enumerate(codings):
        if type(coding) is not dict and not isinstance(coding, Mapping):
            _bad(f"{field}.coding[{i}]", coding, "a Coding object")
        for key in ("system", "code", "display"):
            value = coding.get(key)
            if value is not None and not isinstance(value, str):
                _bad(f"{field}.coding[{i}].{key}", value, "a string")
    return codings


def _concept_name(concept: Mapping[str, Any] | None, codings: list[Mapping[str, Any]], field: str) -> str | None:
    """CodeableConcept.text, else the first Coding.display."""
    if concept is None:
        return None
    text = _str(concept, "text", field)
    if text and text.strip():
        return text.strip()
    for coding in codings:
        display = coding.get("display")
        if display and display.strip():
            return display.strip()
    return None


def _code_list(codings: list[Mapping[str, Any]]) -> list[str]:
    """['system|code', ...] for every (already validated) coding that has a code."""
    out = []
    for coding in codings:
        code = coding.get("code")
        if not code:
            continue
        system = coding.get("system")
        out.append(f"{system}|{code}" if system else code)
    return out


def _unit(quantity: Mapping[str, Any], field: str) -> str | None:
    """Quantity.code (the UCUM code) when present, else Quantity.unit.

    A code from a system other than UCUM is only used when there is no human unit.
    """
    code = _str(quantity, "code", field)
    unit = _str(quantity, "unit", field)
    system = quantity.get("system")
    if code and (system is None or system == _UCUM or not unit):
        return _from_ucum(code)
    return unit or None


_UCUM_SPECIAL = (("{1.73_m2}", "1.73m2"), ("[lb_av]", "lb"), ("[in_i]", "in"), ("[iU]", "IU"), ("(24.h)", "24h"))


def _from_ucum(code: str) -> str | None:
    """A UCUM code as the unit parser reads it: 'mL/min/{1.73_m2}' → 'mL/min/1.73m2', '[lb_av]' → 'lb', 'mg/(24.h)' →
    'mg/24h'; an annotation alone ('{INR}', '{ratio}', '{score}') is no unit."""
    for ucum, plain in _UCUM_SPECIAL:
        code = code.replace(ucum, plain)
    code = re.sub(r"\{[^{}]*\}", "", code).strip()
    return code or None


def _reason_text(concept: Any, field: str) -> str:
    if not isinstance(concept, Mapping):
        _bad(field, concept, "a CodeableConcept object")
    codings = _codings(concept, field)
    name = _concept_name(concept, codings, field)
    codes = _code_list(codings)
    if name and codes:
        return f"{name} ({codes[0]})"
    return name or (codes[0] if codes else "no detail given")


def _status_code(concept: Mapping[str, Any] | None, field: str) -> str | None:
    """First coding code of a status CodeableConcept (e.g. clinicalStatus), else its text."""
    if concept is None:
        return None
    for coding in _codings(concept, field):
        code = coding.get("code")
        if code:
            return code
    text = _str(concept, "text", field)
    return text.strip().lower() if text and text.strip() else None


def _modifier_extension(value: Mapping[str, Any], depth: int = 0) -> str | None:
    """The url of the first modifierExtension of a resource, else None: on the resource, its backbone elements
    (a component, a reference range, a dosage), theirs (a dosage's timing) and its contained resources, where FHIR
    allows one. Deeper sit only data types (a coding, a quantity), which have none: not walked, that doubled the time.

    A modifier extension changes what the element holding it means ('negated', 'not given'); FHIR forbids a reader that
    does not know it to process that element, and none is known here, so a resource with one is set aside whole, or,
    a condition, procedure or drug, kept only as an entry that is not certain (`_modified`)."""
    found = value.get("modifierExtension")
    if found:
        first = found[0] if isinstance(found, list) else found
        url = first.get("url") if isinstance(first, Mapping) else None
        return url if isinstance(url, str) and url else "without a url"
    if depth == 2:
        return None
    for child in value.values():
        kind = type(child)
        if kind is str:
            continue
        for element in child if kind is list else (child,):
            if type(element) is dict or isinstance(element, Mapping):
                url = _modifier_extension(element, depth + 1)
                if url is not None:
                    return url
    return None


def _verification(concept: Mapping[str, Any] | None, field: str) -> tuple[str | None, bool]:
    """(Condition.verificationStatus as an HL7 code when it can be read so, else as given; whether it was read)."""
    if concept is None:
        return None, True
    codings = _codings(concept, field)
    for coding in codings:
        code, system = coding.get("code"), coding.get("system")
        if isinstance(code, str) and code.strip().lower() in _VERIFICATION_CODES:
            # (the R4 system, STU3's http://hl7.org/fhir/condition-ver-status, or none; 'Confirmed' as some write it)
            return code.strip().lower(), True
        if system == _SNOMED and code in _VERIFICATION_SNOMED:
            return _VERIFICATION_SNOMED[code], True
    for words in (_str(concept, "text", field), *(c.get("display") for c in codings)):
        said = words.strip().lower() if words else ""
        if said in _VERIFICATION_CODES:
            return said, True
        if said in _VERIFICATION_WORDS:
            return _VERIFICATION_WORDS[said], True
        if re.match(r"confirmed\b(?!\s*\?)", said) and not re.search(r"\b(?:not|un|no|pending|awaiting|to\s+be)\b", said):
            return "confirmed", True  # ('confirmed by biopsy')
    given = _status_code(concept, field)
    return given, given is None


def _ref_key(reference: str) -> str:
    """'Type/id' for relative or absolute RESTful references (history dropped); else as is."""
    parts = reference.split("/")
    if "_history" in parts:
        parts = parts[: parts.index("_history")]
    if len(parts) >= 2 and parts[-2] and parts[-1]:
        return f"{parts[-2]}/{parts[-1]}"
    return reference


# --------------------------------------------------------------------------- Observation


def _observation_key(concept: Mapping[str, Any] | None, field: str) -> str | None:
    """First LOINC code; else the concept text / first display; else 'system|code' of the first coding."""
    codings = _codings(concept, field)
    for coding in codings:
        code = coding.get("code")
        if code and code.strip() and coding.get("system") in _LOINC_SYSTEMS:
            return code.strip()
    name = _concept_name(concept, codings, field)
    if name:
        return name
    codes = _code_list(codings)
    return codes[0] if codes else None


def _loinc_code(concept: Mapping[str, Any] | None, field: str) -> str | None:
    for coding in _codings(concept, field):
        code = coding.get("code")
        if code and code.strip() and coding.get("system") in _LOINC_SYSTEMS:
            return code.strip()
    return None


def _observation_date(res: Mapping[str, Any], label: str) -> tuple[str | None, str]:
    """(date, sort key): effectiveDateTime, effectivePeriod.start (or .end), effectiveInstant, issued."""
    for key in ("effectiveDateTime", "effectiveInstant"):
        raw = res.get(key)
        if raw is not None:
            return _date(raw, f"{label}.{key}"), raw.strip()
    period = _obj(res, "effectivePeriod", label)
    if period is not None:
        for key in ("start", "end"):
            raw = period.get(key)
            if raw is not None:
                return _date(raw, f"{label}.effectivePeriod.{key}"), raw.strip()
    raw = res.get("issued")
    if raw is not None:
        return _date(raw, f"{label}.issued"), raw.strip()
    return None, ""


def _value_key(element: Mapping[str, Any]) -> str | None:
    for key in _VALUE_KEYS:
        if element.get(key) is not None:
            return key
    return None


_Who = tuple[str | None, str | None]  # the Patient's gender and birth date, as in the record


def _reference_range(item: dict[str, Any], element: Mapping[str, Any], field: str, who: _Who, notes: list[str]) -> None:
    """Add uln / lln (and range_unit if it differs) from the range that is the patient's normal range.

    A range is hers when its type is absent or 'normal' (not a therapeutic INR of 2-3, not a critical range) and what
    its appliesTo and age say is known to fit her; one for her sex or age group goes before a general one, and of two
    that fit her none is chosen. When none is hers, none is taken (the value is read against the library's ranges, or
    is undecided) and why is added to `notes`.
    """
    ranges = _list(element, "referenceRange", field)
    general: list[tuple[int, Mapping[str, Any]]] = []
    own: list[tuple[int, Mapping[str, Any]]] = []
    why_not: list[str] = []
    for i, rng in enumerate(ranges):
        where = f"{field}.referenceRange[{i}]"
        if type(rng) is not dict and not isinstance(rng, Mapping):
            _bad(where, rng, "a JSON object")
        if not any((q := _obj(rng, bound, where)) is not None and q.get("value") is not None for bound in ("high", "low")):
            continue  # (text alone, 'see report': nothing to take)
        kind = _range_type(rng, where)
        if kind != "normal":
            why_not.append(f"[{i}] is a {kind} range")
            continue
        fits = _range_fits(rng, where, who, item.get("date"))
        if fits is not True:
            why_not.append(f"[{i}] is for another group than the patient's" if fits is False else
                           f"[{i}]: whether it is for the patient's group is not told")
            continue
        (own if rng.get("appliesTo") or rng.get("age") else general).append((i, rng))
    if len(own) > 1:
        notes.append(f"referenceRange not used: {', '.join(f'[{i}]' for i, _ in own)} all fit the patient")
        return
    chosen = own[0] if own else general[0] if general else None
    if chosen is None:
        if why_not:
            notes.append(f"referenceRange not used: {'; '.join(why_not)}")
        return
    i, rng = chosen
    range_unit = None
    for bound, out_key in (("high", "uln"), ("low", "lln")):
        quantity = _obj(rng, bound, f"{field}.referenceRange[{i}]")
        if quantity is None or quantity.get("value") is None:
            continue
        where = f"{field}.referenceRange[{i}].{bound}"
        item[out_key] = _number(quantity["value"], f"{where}.value")
        if range_unit is None:
            range_unit = _unit(quantity, where)
    if range_unit is not None and range_unit != item.get("unit") and ("uln" in item or "lln" in item):
        item["range_unit"] = range_unit


_RANGE_MEANING = "http://terminology.hl7.org/CodeSystem/referencerange-meaning"


def _range_type(rng: Mapping[str, Any], where: str) -> str:
    """'normal' for a range of no type or of the type normal; else what its type says, quoted ("'therapeutic'")."""
    concept = _obj(rng, "type", where)
    if concept is None:
        return "normal"  # (FHIR: without a type, the normal range)
    codings = _codings(concept, f"{where}.type")
    if any(c.get("code") == "normal" and c.get("system") in (None, _RANGE_MEANING) for c in codings):
        return "normal"
    text = _str(concept, "text", f"{where}.type")
    if text and text.strip().lower() in ("normal", "normal range"):
        return "normal"
    said = next((c.get("code") for c in codings if c.get("code")), None) or (text.strip() if text else None)
    return repr(said) if said else "typed"


_SEX_CODES: dict[tuple[str | None, str], str] = {
    ("http://hl7.org/fhir/administrative-gender", "male"): "male",
    ("http://hl7.org/fhir/administrative-gender", "female"): "female",
    ("http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", "M"): "male",
    ("http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender", "F"): "female",
    (_SNOMED, "248153007"): "male",
    (_SNOMED, "248152002"): "female",
}
_SEX_WORDS = {"male": "male", "males": "male", "man": "male", "men": "male",
              "female": "female", "females": "female", "woman": "female", "women": "female"}


def _range_fits(rng: Mapping[str, Any], where: str, who: _Who, when: str | None) -> bool | None:
    """Whether a range's appliesTo (all of them: FHIR reads several as 'and') and age fit the patient; None when that is
    not told (a group other than a sex, 'pregnant'; a patient of no recorded sex or birth date)."""
    sex, birth = who
    verdicts: list[bool | None] = []
    for j, concept in enumerate(_list(rng, "appliesTo", where)):
        field = f"{where}.appliesTo[{j}]"
        if type(concept) is not dict and not isinstance(concept, Mapping):
            _bad(field, concept, "a CodeableConcept object")
        codings = _codings(concept, field)
        named = next((_SEX_CODES[key] for c in codings if (key := (c.get("system"), c.get("code") or "")) in _SEX_CODES), None)
        if named is None:
            words = [_str(concept, "text", field), *(c.get("display") for c in codings)]
            named = next((_SEX_WORDS[w.strip().lower()] for w in words if w and w.strip().lower() in _SEX_WORDS), None)
        verdicts.append(None if named is None or sex not in ("male", "female") else named == sex)
    age = _obj(rng, "age", where)
    if age is not None:
        verdicts.append(_age_fits(age, f"{where}.age", birth, when))
    if False in verdicts:
        return False
    return None if None in verdicts else True


_AGE_UNITS = {"a": "a", "yr": "a", "y": "a", "year": "a", "years": "a", "mo": "mo", "month": "mo", "months": "mo",
              "wk": "wk", "week": "wk", "weeks": "wk", "d": "d", "day": "d", "days": "d"}


def _age_fits(age: Mapping[str, Any], where: str, birth: str | None, when: str | None) -> bool | None:
    """Whether the patient's age on the value's day is within an age Range, in completed years (months, weeks, days);
    None when it cannot be told (no birth date or day, a unit not known, a bound crossed within a partial date)."""
    born, on = _day_span(birth), _day_span(when)
    verdicts: list[bool | None] = []
    for bound in ("low", "high"):
        quantity = _obj(age, bound, where)
        if quantity is None or quantity.get("value") is None:
            continue
        limit = _number(quantity["value"], f"{where}.{bound}.value")
        unit = _AGE_UNITS.get((_unit(quantity, f"{where}.{bound}") or "").strip().lower())
        if unit is None or born is None or on is None:
            verdicts.append(None)
            continue
        youngest, oldest = _completed(unit, born[1], on[0]), _completed(unit, born[0], on[1])
        if bound == "low":
            verdicts.append(True if youngest >= limit else False if oldest < limit else None)
        else:
            verdicts.append(True if oldest <= limit else False if youngest > limit else None)
    if False in verdicts:
        return False
    return None if None in verdicts else True


def _day_span(value: str | None) -> tuple[_date_cls, _date_cls] | None:
    """The first and last day a record date ('2026', '2026-10', '2026-10-28', with a time or not) may be."""
    if not value:
        return None
    parts = [int(x) for x in value[:10].split("-")]
    if len(parts) == 3:
        day = _date_cls(*parts)
        return day, day
    if len(parts) == 2:
        first = _date_cls(parts[0], parts[1], 1)
        after = _date_cls(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, _date_cls.fromordinal(after.toordinal() - 1)
    return _date_cls(parts[0], 1, 1), _date_cls(parts[0], 12, 31)


def _completed(unit: str, born: _date_cls, on: _date_cls) -> int:
    """Completed years ('a'), months, weeks or days of age on a day."""
    if unit == "d":
        return (on - born).days
    if unit == "wk":
        return (on - born).days // 7
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return months if unit == "mo" else months // 12


def _concept_value(concept: Any, field: str) -> str | int:
    if not isinstance(concept, Mapping):
        _bad(field, concept, "a CodeableConcept object")
    codings = _codings(concept, field)
    for coding in codings:
        kind = _system_kind(coding.get("system"))
        if kind is not None:
            grade = _ECOG_GRADES.get((kind, coding.get("code")))
            if grade is not None:
                return grade
    name = _concept_name(concept, codings, field)
    if name:
        return name.lower()
    for coding in codings:
        kind = _system_kind(coding.get("system"))
        word = _QUALIFIER_WORDS.get((kind, coding.get("code"))) if kind else None
        if word:
            return word
    codes = _code_list(codings)
    if codes:
        return codes[0]
    raise _Skip(f"{field.rsplit('.', 1)[-1]} has no text, display or code")


def _value_item(
    element: Mapping[str, Any], vkey: str, when: str | None, field: str, who: _Who, notes: list[str]
) -> dict[str, Any]:
    """The record mapping for one value[x] of an Observation or component; what of it is not used goes to `notes`."""
    raw = element[vkey]
    where = f"{field}.{vkey}"
    if vkey == "valueQuantity":
        if type(raw) is not dict and not isinstance(raw, Mapping):
            _bad(where, raw, "a Quantity object")
        if raw.get("value") is None:
            raise _Skip("valueQuantity has no value")
        item: dict[str, Any] = {
            "value": _number(raw["value"], f"{where}.value"),
            "unit": _unit(raw, where),
            "date": when,
        }
        comparator = raw.get("comparator")
        if comparator is not None:
            if comparator not in _COMPARATORS:
                _bad(f"{where}.comparator", comparator, "one of '<', '<=', '>=', '>'")
            item["comparator"] = comparator
        _reference_range(item, element, field, who, notes)
        return item
    if vkey == "valueCodeableConcept":
        value = _concept_value(raw, where)
        if isinstance(value, str) and _NO_RESULT.fullmatch(value):
            raise _Skip(f"valueCodeableConcept {value!r}: no result")
        return {"value": value, "date": when}
    if vkey == "valueString":
        if not isinstance(raw, str):
            _bad(where, raw, "a string")
        if not raw.strip():
            raise _Skip("valueString is empty")
        if _NO_RESULT.fullmatch(raw):
            raise _Skip(f"valueString {raw.strip()!r}: no result")
        # (as written: '150 G/L' is a unit's case; a word's case the record reader ignores)
        item = {"value": raw.strip(), "date": when}
        _reference_range(item, element, field, who, notes)
        return item
    if vkey == "valueBoolean":
        if not isinstance(raw, bool):
            _bad(where, raw, "true or false")
        return {"value": raw, "date": when}
    if vkey == "valueInteger":
        if isinstance(raw, bool) or not isinstance(raw, int):
            _bad(where, raw, "an integer")
        return {"value": raw, "date": when}
    raise _Skip(f"unsupported value type {vkey}")


def _observation(
    res: Mapping[str, Any], label: str, skipped: list[dict[str, Any]], who: _Who
) -> list[tuple[str, str, dict[str, Any]]]:
    """[(key, sort key, item), ...] for one Observation; raises _Skip if nothing can be placed.

    Components that cannot be placed while other parts can are reported in `skipped` directly.
    """
    status = _str(res, "status", label)
    if status in _VOID_STATUSES:
        raise _Skip(f"status is {status!r}")
    if status == "registered":
        raise _Skip("status is 'registered': no result yet")  # (whatever value it holds is not yet the result)
    key = _observation_key(_obj(res, "code", label), f"{label}.code")
    if key is None:
        raise _Skip("Observation.code has no LOINC code, text, display or code")
    if key in _RESERVED_KEYS:
        raise _Skip(f"Observation key {key!r} collides with a reserved record key")
    when, sort_key = _observation_date(res, label)
    if when is not None and len(when) == 10 and "T" in sort_key:
        # (the time of day kept: two results of one day are told apart by it, as in a plain record)
        when = sort_key

    placed: list[tuple[str, str, dict[str, Any]]] = []
    problems: list[str] = []
    notes: list[str] = []  # (parts not used of what is placed: a reference range not the patient's)

    vkey = _value_key(res)
    absent = res.get("dataAbsentReason")
    if absent is not None:
        problems.append(f"dataAbsentReason: {_reason_text(absent, f'{label}.dataAbsentReason')}")
    elif vkey is not None:
        try:
            placed.append((key, sort_key, _value_item(res, vkey, when, label, who, notes)))
        except _Skip as why:
            problems.append(str(why))

    for i, comp in enumerate(_list(res, "component", label)):
        where = f"{label}.component[{i}]"
        if type(comp) is not dict and not isinstance(comp, Mapping):
            _bad(where, comp, "a JSON object")
        code_concept = _obj(comp, "code", where)
        ckey = _loinc_code(code_concept, f"{where}.code")
        shown = ckey or _observation_key(code_concept, f"{where}.code") or "no code"
        if ckey is None:
            problems.append(f"component[{i}] ({shown}) has no LOINC code")
            continue
        if comp.get("dataAbsentReason") is not None:
            reason = _reason_text(comp["dataAbsentReason"], f"{where}.dataAbsentReason")
            problems.append(f"component[{i}] ({shown}) dataAbsentReason: {reason}")
            continue
        ckind = _value_key(comp)
        if ckind is None:
            problems.append(f"component[{i}] ({shown}) has no value")
            continue
        try:
            found: list[str] = []
            placed.append((ckey, sort_key, _value_item(comp, ckind, when, where, who, found)))
            notes.extend(f"component[{i}] ({shown}): {note}" for note in found)
        except _Skip as why:
            problems.append(f"component[{i}] ({shown}): {why}")

    if not placed:
        if not problems:
            if res.get("hasMember"):
                raise _Skip("no value (a panel: its results are the Observations in hasMember)")
            raise _Skip("no value[x], component or dataAbsentReason")
        raise _Skip("; ".join(problems))
    for problem in (*problems, *notes):
        skipped.append({"resource": label, "reason": problem})
    return placed


# --------------------------------------------------------------------------- Condition / Procedure


def _named_concept(concept: Mapping[str, Any] | None, field: str) -> tuple[str | None, list[str]]:
    codings = _codings(concept, field)
    codes = _code_list(codings)
    name = _concept_name(concept, codings, field)
    return (name or (codes[0] if codes else None)), codes


def _condition(res: Mapping[str, Any], label: str) -> dict[str, Any]:
    concept = _obj(res, "verificationStatus", label)
    verification, read = _verification(concept, f"{label}.verificationStatus")
    if verification in _VOID_VERIFICATION:
        given = _status_code(concept, f"{label}.verificationStatus")
        raise _Skip(f"verificationStatus is {verification!r}" + (f" ({given!r})" if given != verification else ""))
    name, codes = _named_concept(_obj(res, "code", label), f"{label}.code")
    if name is None:
        raise _Skip("Condition.code has no text, display or code")

    onset = _date(res.get("onsetDateTime"), f"{label}.onsetDateTime")
    if onset is None:
        period = _obj(res, "onsetPeriod", label)
        if period is not None:
            onset = _date(period.get("start"), f"{label}.onsetPeriod.start")
    if onset is None:
        onset = _soft_date(res.get("onsetString"))

    abatement = _date(res.get("abatementDateTime"), f"{label}.abatementDateTime")
    if abatement is None:
        period = _obj(res, "abatementPeriod", label)
        if period is not None:
            abatement = _date(period.get("end"), f"{label}.abatementPeriod.end") or _date(
                period.get("start"), f"{label}.abatementPeriod.start"
            )
    said_abated = False
    abatement_text = _str(res, "abatementString", label)
    if abatement is None and abatement_text and abatement_text.strip():
        abatement = _soft_date(abatement_text)
        # (a date, or words that say it is over; 'not resolved', 'ongoing', 'unknown' were read as resolved, and an active
        # CNS involvement as over)
        said_abated = abatement is None and _ABATED_WORDS.fullmatch(abatement_text) is not None

    status = _status_code(_obj(res, "clinicalStatus", label), f"{label}.clinicalStatus")
    abated = abatement is not None or res.get("abatementBoolean") is True or said_abated
    if abated and not status:
        status = "resolved"  # (abated, its day not given)
    elif abated and status in ("active", "recurrence", "relapse"):
        # (FHIR requires an abated condition to be inactive, resolved or in remission: a record that says both is not
        # taken as going on, nor as over)
        status = f"{status}, abated"
    if verification in _TENTATIVE_VERIFICATION:
        status = ", ".join(x for x in (status, "suspected") if x)  # ('provisional': not an established diagnosis)
    elif not read:
        # (a verification not read may deny the diagnosis or doubt it: not taken as established; it is kept in the item)
        status = ", ".join(x for x in (status, "not confirmed") if x)
    status = _with_details(status, res, label)
    grade = re.search(r"(?i)\bCTCAE\s*(?:v\s*\d+(?:\.\d+)?\s*)?grade\s*([0-5])\b", status or "")
    item: dict[str, Any] = {"name": name, "codes": codes, "date": onset, "status": status}
    if grade is not None:
        item["grade"] = int(grade.group(1))  # ('stage: CTCAE grade 3')
    if abatement is not None and onset is not None and abatement[: min(len(abatement), len(onset))] < onset[: min(len(abatement), len(onset))]:
        # (on the precision both give: 'abated 2021' after an onset of 2026-09 is before it)
        _bad(f"{label}.abatementDateTime", abatement, f"a date on or after the onset {onset}")
    if abatement is None and abatement_text and abatement_text.strip():
        item["abatement"] = abatement_text.strip()  # (kept as written, 'not resolved', 'ongoing': it ends nothing)
    if abatement is not None:
        item["abatement"] = abatement
        if onset is not None:
            item["start"], item["end"] = onset, abatement  # (a condition that ended: its period, not a day)
        else:
            item["end"] = abatement  # (ended on that day; begun on one not given)
        del item["date"]
    elif onset is not None and status and re.match(r"(?i)\s*(?:resolved|inactive|remission)\b", status):
        # (over, on a day not given: the onset begins it, no one-day event of that day; read as one, a heart failure of
        # 2024 'resolved' was out of 'within 6 months')
        item["start"] = onset
        del item["date"]
    if verification is not None:
        item["verification"] = verification
    return item


def _with_details(status: Any, res: Mapping[str, Any], label: str) -> str | None:
    """The status with what the resource says of the site, the reason, the severity or the stage ('completed; site:
    lung', 'active; severity: severe; stage: CTCAE grade 3'), which criteria narrow by ('Prior lung radiotherapy')."""
    parts = [str(status)] if status else []
    for key, word in (("bodySite", "site"), ("reasonCode", "for"), ("severity", "severity"), ("stage", "stage")):
        values = res.get(key)
        for v in (values if isinstance(values, list) else [values] if values is not None else []):
            concept = v.get("summary") if key == "stage" and isinstance(v, Mapping) else v
            if concept is None:
                continue
            text = _reason_text(concept, f"{label}.{key}")
            parts.append(f"{word} {text}" if word == "for" else f"{word}: {text}")
    return "; ".join(parts) or None


# Procedure statuses of one begun, perhaps, and not done to its end, as the record reader says so (read as done, an
# allogeneic transplant stopped in its conditioning counted as a transplant).
_UNFINISHED_PROCEDURE = {"on-hold": "on-hold, not completed", "stopped": "stopped before completion",
                         # ('unknown': one of the other statuses applies, not known which, 'not-done' and 'preparation'
                         # among them; read as done, an allogeneic transplant of unknown status counted as one)
                         "unknown": "unknown whether done"}


def _procedure(res: Mapping[str, Any], label: str) -> dict[str, Any]:
    status = _str(res, "status", label)
    if status in _VOID_STATUSES:
        raise _Skip(f"status is {status!r}")
    # (required in R4: a status missing says no more than 'unknown')
    status = _UNFINISHED_PROCEDURE.get(status or "unknown", status)
    name, codes = _named_concept(_obj(res, "code", label), f"{label}.code")
    if name is None:
        raise _Skip("Procedure.code has no text, display or code")
    when = _date(res.get("performedDateTime"), f"{label}.performedDateTime")
    if when is None:
        period = _obj(res, "performedPeriod", label)
        if period is not None:
            start = _date(period.get("start"), f"{label}.performedPeriod.start")
            end = _date(period.get("end"), f"{label}.performedPeriod.end")
            if start is not None or end is not None:
                # (a course or a long operation: its period, not its first day; one with only a start goes on, or ended on
                # a day not given: read as a day, a radiotherapy course begun 2026-09-01 passed 'within 14 days')
                period_item = {"name": name, "codes": codes, "start": start, "end": end, "status": _with_details(status, res, label)}
                return {k: v for k, v in period_item.items() if v is not None or k not in ("start", "end")}
    if when is None:
        when = _soft_date(res.get("performedString"))
    return {"name": name, "codes": codes, "date": when, "status": _with_details(status, res, label)}


# --------------------------------------------------------------------------- therapies


class _Index:
    """Bundle-wide lookups: Medication resources by reference, and which were used."""

    def __init__(self) -> None:
        self.medications: dict[str, tuple[str, Mapping[str, Any]]] = {}  # ref -> (label, resource)
        self.used_medications: set[str] = set()  # labels

    def add_medication(self, label: str, res: Mapping[str, Any], rid: str | None, full_url: str | None) -> None:
        if rid:
            self.medications.setdefault(f"Medication/{rid}", (label, res))
        if full_url:
            self.medications.setdefault(full_url, (label, res))
            self.medications.setdefault(_ref_key(full_url), (label, res))


def _medication(res: Mapping[str, Any], label: str, index: _Index) -> tuple[str | None, list[str]]:
    concept = _obj(res, "medicationCodeableConcept", label)
    if concept is not None:
        return _named_concept(concept, f"{label}.medicationCodeableConcept")
    ref = _obj(res, "medicationReference", label)
    if ref is None:
        return None, []
    target = _str(ref, "reference", f"{label}.medicationReference")
    display = _str(ref, "display", f"{label}.medicationReference")
    med: Mapping[str, Any] | None = None
    where = ""
    if target and target.startswith("#"):
        for i, contained in enumerate(_list(res, "contained", label)):
            if isinstance(contained, Mapping) and contained.get("id") == target[1:]:
                med, where = contained, f"{label}.contained[{i}]"
                break
    elif target:
        found = index.medications.get(target) or index.medications.get(_ref_key(target))
        if found is not None:
            where, med = found
            index.used_medications.add(where)
    if med is not None:
        name, codes = _named_concept(_obj(med, "code", where), f"{where}.code")
        if name is not None:
            return name, codes
    if display and display.strip():
        return display.strip(), []
    return None, []


def _therapy(res: Mapping[str, Any], rtype: str, label: str, index: _Index) -> dict[str, Any]:
    status = _str(res, "status", label)
    if status in _VOID_STATUSES:
        raise _Skip(f"status is {status!r}")
    if status == "unknown" or not status:
        # ('unknown': one of the other statuses applies, not known which, 'not-taken', 'intended' or 'draft' among them;
        # required in R4, a status missing says no more. Read as given, the drug failed 'Prior teclistamab')
        status = "unknown whether given"
    if rtype == "MedicationRequest":
        intent = _str(res, "intent", label)
        if intent in _NON_ORDER_INTENTS:
            raise _Skip(f"intent is {intent!r}: not an order the patient received")
        if intent not in _ORDER_INTENTS and "unknown whether given" not in status:
            status = f"{status}; unknown whether given"  # (read as an order, it was given)
    name, codes = _medication(res, label, index)
    if name is None:
        raise _Skip("no medication code, display or resolvable Medication")

    start = end = None
    if rtype == "MedicationRequest":
        dosages = _list(res, "dosageInstruction", label)
        if dosages and not isinstance(dosages[0], Mapping):
            _bad(f"{label}.dosageInstruction[0]", dosages[0], "a Dosage object")
        if dosages:
            timing = _obj(dosages[0], "timing", f"{label}.dosageInstruction[0]")
            repeat = _obj(timing, "repeat", f"{label}.dosageInstruction[0].timing") if timing else None
            bounds = _obj(repeat, "boundsPeriod", f"{label}.dosageInstruction[0].timing.repeat") if repeat else None
            if bounds is not None:
                where = f"{label}.dosageInstruction[0].timing.repeat.boundsPeriod"
                start = _date(bounds.get("start"), f"{where}.start")
                end = _date(bounds.get("end"), f"{where}.end")
        if start is None:
            start = _date(res.get("authoredOn"), f"{label}.authoredOn")
    else:
        period = _obj(res, "effectivePeriod", label)
        if period is not None:
            start = _date(period.get("start"), f"{label}.effectivePeriod.start")
            end = _date(period.get("end"), f"{label}.effectivePeriod.end")
        else:
            start = _date(res.get("effectiveDateTime"), f"{label}.effectiveDateTime")
            if rtype == "MedicationAdministration" and status != "on-hold":
                end = start  # a single administration: it ended when it was given
                # (not one on hold: halted, to go on later; the course is paused, not over, as a statement on hold)
    item = {"name": name, "codes": codes, "start": start, "end": end, "status": _with_details(status, res, label)}
    route = _route(res, rtype, label)
    if route:
        item["route"] = route  # ('Intravesical route': given locally; see the record's `route`)
    return item


def _route(res: Mapping[str, Any], rtype: str, label: str) -> str | None:
    """The routes the resource's dosages name (`dosage.route` of a MedicationAdministration, of each `dosage` of a
    MedicationStatement, of each `dosageInstruction` of a MedicationRequest), by their text or display, joined with
    'and'; None where none is named (a route coded with no text or display is not read)."""
    if rtype == "MedicationAdministration":
        one = _obj(res, "dosage", label)
        dosages: list[tuple[Any, str]] = [(one, f"{label}.dosage")] if one is not None else []
    else:
        key = "dosageInstruction" if rtype == "MedicationRequest" else "dosage"
        dosages = [(d, f"{label}.{key}[{i}]") for i, d in enumerate(_list(res, key, label))]
    names: list[str] = []
    for dosage, where in dosages:
        if not isinstance(dosage, Mapping):
            _bad(where, dosage, "a Dosage object")
        concept = _obj(dosage, "route", where)
        if concept is None:
            continue
        name = _concept_name(concept, _codings(concept, f"{where}.route"), f"{where}.route")
        if name and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return " and ".join(names) or None


# --------------------------------------------------------------------------- modifier extensions

_HISTORY_TYPES = frozenset({"Condition", "Procedure", *_THERAPY_TYPES})

# What an entry whose meaning a modifierExtension changes says, in the record's words: not that the condition is
# established, nor that the drug was given or the procedure done.
_MODIFIED_STATUS = {"Condition": "not confirmed", "Procedure": "unknown whether done"}


def _modified(item: dict[str, Any], rtype: str, label: str, modifier: str | None,
              skipped: list[dict[str, Any]]) -> dict[str, Any]:
    """A history entry with a modifierExtension not understood ('negated', 'not given', 'family member'): FHIR forbids
    reading it as if the extension were not there, and set aside, a complete (closed-world) record read its condition,
    drug or procedure as absent. Kept as an entry that is not certain (a criterion on its kind is unknown either way),
    and reported."""
    if modifier is None:
        return item
    doubt = _MODIFIED_STATUS.get(rtype, "unknown whether given")
    if doubt not in (item.get("status") or ""):  # ('unknown whether given' already, of a status 'unknown')
        item["status"] = "; ".join(x for x in (item.get("status"), doubt) if x)
    skipped.append({"resource": label, "reason": f"modifierExtension {modifier} not understood: kept only as an entry "
                                                 f"whose meaning is not certain ({doubt})"})
    return item


# --------------------------------------------------------------------------- Bundle


def bundle_to_record(bundle: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return (record, skipped) for a JSON-decoded FHIR R4 Bundle.

    `record` is the library's patient record:

    * ``birth_date`` / ``sex``: Patient.birthDate / Patient.gender (only when given).
    * one key per Observation code (the first LOINC code; else code.text, else the first
      coding's display): ``{"value", "unit", "date"}`` for quantities, plus ``uln`` /
      ``lln`` from the reference range that is the patient's normal range, when one is
      (``range_unit`` if its unit differs), and
      ``comparator`` when the quantity has one; ``{"value", "date"}`` for coded, string,
      boolean and integer results (text lower-cased; ECOG answer codes become 0-5).
      Several Observations with one key become a list sorted by date (undated first).
      Components with their own LOINC code and value go under that code.
    * ``conditions``: ``{"name", "codes", "date", "status"}`` (``start`` and ``end`` instead of
      ``date`` when the condition abated) plus ``abatement`` and ``verification`` when given.
    * ``therapies``: ``{"name", "codes", "start", "end", "status"}`` (and ``route`` when a dosage names one) from
      MedicationStatement / MedicationAdministration / MedicationRequest.
    * ``procedures``: ``{"name", "codes", "date", "status"}`` (``start`` and ``end`` for a
      performedPeriod).

    Dates are "YYYY-MM-DD" (partial dates stay "YYYY" / "YYYY-MM"; unknown ones are None);
    codes are "system|code".  ``as_of`` is not set.

    `skipped` lists what could not be placed, each ``{"resource": "Type/id", "reason": ...}``
    ("Type/entry[i]" when the resource has no id, "entry[i]" when the entry has no
    resource).  Every entry either lands in the record or in `skipped`; an Observation
    whose components land only in part has the rest listed there too, and so has one whose
    reference ranges are none of them the patient's normal range.

    Raises ValueError for malformed input: not a Bundle, a non-numeric quantity value,
    an unparseable date, or an element of the wrong JSON type.
    """
    if not isinstance(bundle, Mapping):
        _bad("bundle", bundle, "a FHIR Bundle as a JSON object (dict)")
    if bundle.get("resourceType") != "Bundle":
        _bad("bundle.resourceType", bundle.get("resourceType"), "'Bundle'")
    entries = _list(bundle, "entry", "bundle")

    skipped: list[dict[str, Any]] = []
    index = _Index()
    patients: list[tuple[str, Mapping[str, Any], str | None, str | None]] = []  # label, res, id, fullUrl
    work: list[tuple[str, str, Mapping[str, Any]]] = []  # rtype, label, resource
    medications: list[str] = []  # labels, in order
    first_seen: dict[tuple[str, str], int] = {}
    entry_types: dict[str, str] = {}  # fullUrl / Type/id -> resourceType

    # Pass 1: validate entries, index Patients and Medications, find duplicates.
    for i, entry in enumerate(entries):
        where = f"bundle.entry[{i}]"
        if type(entry) is not dict and not isinstance(entry, Mapping):
            _bad(where, entry, "a Bundle.entry object")
        res = entry.get("resource")
        if res is None:
            request = entry.get("request")
            method = request.get("method") if isinstance(request, Mapping) else None
            reason = "entry has no resource" + (f" (request {method})" if method else "")
            skipped.append({"resource": f"entry[{i}]", "reason": reason})
            continue
        if type(res) is not dict and not isinstance(res, Mapping):
            _bad(f"{where}.resource", res, "a FHIR resource object")
        rtype = res.get("resourceType")
        if not isinstance(rtype, str) or not rtype:
            _bad(f"{where}.resource.resourceType", rtype, "a FHIR resource type name")
        rid = res.get("id")
        if rid is not None and not isinstance(rid, str):
            _bad(f"{where}.resource.id", rid, "a string")
        full_url = entry.get("fullUrl")
        if full_url is not None and not isinstance(full_url, str):
            _bad(f"{where}.fullUrl", full_url, "a string")
        label = f"{rtype}/{rid}" if rid else f"{rtype}/entry[{i}]"

        if rid:
            previous = first_seen.setdefault((rtype, rid), i)
            if previous != i:
                skipped.append({"resource": label, "reason": f"duplicate of entry[{previous}]"})
                continue
            entry_types[f"{rtype}/{rid}"] = rtype
        if full_url:
            entry_types[full_url] = rtype
            if not (rid and full_url.endswith(f"/{rtype}/{rid}")):  # else 'Type/id' is already in
                entry_types[_ref_key(full_url)] = rtype

        if rtype == "Patient":
            patients.append((label, res, rid, full_url))
        elif rtype == "Medication":
            modifier = _modifier_extension(res)
            if modifier is not None:
                # (not indexed: a therapy that refers to it falls back on the reference's display, or is skipped)
                skipped.append({"resource": label, "reason": f"modifierExtension {modifier} not understood"})
                continue
            index.add_medication(label, res, rid, full_url)
            medications.append(label)
        else:
            work.append((rtype, label, res))

    record: dict[str, Any] = {}

    # The record's patient: the first Patient resource (others are skipped).
    anchor: set[str] | None = None
    anchor_label = ""
    for n, (label, res, rid, full_url) in enumerate(patients):
        if n > 0:
            skipped.append(
                {"resource": label, "reason": f"another Patient resource; the record is for {patients[0][0]}"}
            )
            continue
        keys = {f"Patient/{rid}"} if rid else set()
        if full_url:
            keys.update((full_url, _ref_key(full_url)))
        if keys:  # a Patient nothing can refer to does not decide whose data the bundle holds
            anchor, anchor_label = keys, label
        modifier = _modifier_extension(res)
        if modifier is not None:
            # (still whose record it is, by its id; what it says of the patient is not read)
            skipped.append({"resource": label,
                            "reason": f"modifierExtension {modifier} not understood: birthDate and gender not read"})
            continue
        birth = _date(res.get("birthDate"), f"{label}.birthDate")
        if birth is not None:
            record["birth_date"] = birth
        gender = _str(res, "gender", label)
        if gender is not None:
            record["sex"] = gender

    who: _Who = (record.get("sex"), record.get("birth_date"))  # (whose reference ranges are hers)
    observations: dict[str, list[tuple[str, int, dict[str, Any]]]] = {}
    conditions: list[dict[str, Any]] = []
    therapies: list[dict[str, Any]] = []
    procedures: list[dict[str, Any]] = []
    seq = 0

    # Pass 2: place every other resource.
    for rtype, label, res in work:
        try:
            if rtype not in _PLACED_TYPES:
                raise _Skip(f"unsupported resource type {rtype}")

            subject = _obj(res, "subject", label)
            ref = _str(subject, "reference", f"{label}.subject") if subject is not None else None
            if ref and (anchor is None or ref not in anchor):
                key = _ref_key(ref)
                if anchor is None:
                    target_type = entry_types.get(ref) or entry_types.get(key)
                    if target_type is None and "/" in key:
                        target_type = key.split("/", 1)[0]
                    if target_type == "Patient":
                        anchor, anchor_label = {ref, key}, ref
                if anchor is not None and ref not in anchor and key not in anchor:
                    target_type = entry_types.get(ref) or entry_types.get(key)
                    if target_type is None and "/" in key:
                        target_type = key.split("/", 1)[0]
                    if target_type == "Patient":
                        raise _Skip(f"subject {ref} is another patient than the record's ({anchor_label})")
                    if target_type is not None:
                        raise _Skip(f"subject {ref} is not a Patient")

            modifier = _modifier_extension(res)
            if modifier is not None and rtype not in _HISTORY_TYPES:
                raise _Skip(f"modifierExtension {modifier} not understood")
            not_to_do = res.get("doNotPerform")
            if not_to_do is not None and not isinstance(not_to_do, bool):
                _bad(f"{label}.doNotPerform", not_to_do, "true or false")
            if not_to_do:
                # (an order not to give it, or not to do it: read as an order, the drug counted as given)
                raise _Skip("doNotPerform is true: an order that it not be given or done")

            if rtype == "Observation":
                for key, sort_key, item in _observation(res, label, skipped, who):
                    observations.setdefault(key, []).append((sort_key, seq, item))
                    seq += 1
            elif rtype == "Condition":
                conditions.append(_modified(_condition(res, label), rtype, label, modifier, skipped))
            elif rtype == "Procedure":
                procedures.append(_modified(_procedure(res, label), rtype, label, modifier, skipped))
            else:
                therapies.append(_modified(_therapy(res, rtype, label, index), rtype, label, modifier, skipped))
        except _Skip as why:
            skipped.append({"resource": label, "reason": str(why)})

    for label in medications:
        if label not in index.used_medications:
            skipped.append({"resource": label, "reason": "Medication not used by any therapy placed in the record"})

    for key, items in observations.items():
        if len(items) == 1:
            record[key] = items[0][2]
        else:
            items.sort(key=lambda t: (t[2]["date"] is not None, t[0], t[1]))
            record[key] = [t[2] for t in items]
    record["conditions"] = conditions
    record["therapies"] = therapies
    record["procedures"] = procedures
    return record, skipped
