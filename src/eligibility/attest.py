"""Site confirmations: criteria a screening site settles, not the medical record.

"Signed informed consent", "Willing and able to comply with the protocol", "Men must agree
to use contraception", "Any other condition that in the investigator's opinion would make
the patient unsuitable": no lab or diagnosis decides these, but the site records them. Each
topic is a flag concept of the vocabulary (`informed consent`, `protocol compliance`,
`contraception`, `investigator approval`), so a patient record can carry
`"attestations": {"informed consent": true}` and the criterion is decided.

A text is read this way only when every one of its words belongs to the topic's reading
(lists in `data/lexicon.toml`), so "Signed consent and age ≥ 18" is never taken for consent
alone. Polarity must be plain: an inclusion with no negative word, an exclusion with
exactly one ("unable to give consent"). Texts of the form "No <X> that would preclude
compliance" only give a one-way reading: confirmed compliance proves there is no such X,
while unconfirmed compliance leaves X undecided, so the rule keeps X as free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import ir
from .vocab import data_file

__all__ = ["attestation"]

_WORD = re.compile(r"[a-z][a-z'’/-]*")
_COMPARATOR = re.compile(r"[<>≤≥=]")
_TO_GRADE = re.compile(r"(?i)(?<=\bto\s)\s*(?:≤|<=|=<)\s*(?=(?:CTCAE\s+)?grade\s*[0-2]\b)")
"""'recovered … to ≤ Grade 1 or baseline': the grade recovered to, no limit of a value (read as one, the sentence was
unread)."""


@dataclass(frozen=True)
class _Topic:
    concept: str
    regex: re.Pattern[str]
    words: frozenset[str]
    consequence: re.Pattern[str] | None
    keys: tuple[str, ...] = ()
    """Lower-case words one of which everything the regex matches contains (a cheap first test)."""


@dataclass(frozen=True)
class _Readings:
    common: frozenset[str]
    negative: frozenset[str]
    topics: tuple[_Topic, ...]
    keys: tuple[str, ...]
    """Words one of which every topic's pattern needs (lexicon.toml `keys`): a cheap first test."""
    any_key: re.Pattern[str]
    """The keys as one pattern (substrings of the lower-cased text)."""


@lru_cache(maxsize=1)
def _readings() -> _Readings:
    raw = data_file("lexicon.toml")
    head = raw["attestations"]
    return _Readings(
        common=frozenset(head["common"]),
        negative=frozenset(head["negative"]),
        topics=tuple(
            _Topic(
                concept=t["concept"],
                regex=re.compile(t["pattern"]),
                words=frozenset(t["words"]),
                consequence=re.compile(t["consequence"]) if "consequence" in t else None,
                keys=tuple(t["keys"]),
            )
            for t in raw["attestation"]
        ),
        keys=tuple(k for t in raw["attestation"] for k in t["keys"]),
        any_key=re.compile("|".join(sorted({re.escape(k) for t in raw["attestation"] for k in t["keys"]}, key=len, reverse=True))),
    )


def _words(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        w = w.strip("-/'")
        if w.endswith("'s") and w not in ("investigator's", "patient's", "participant's", "subject's", "physician's"):
            w = w[:-2]
        if w:
            out.append(w)
    return out


def _negations(words: list[str], negative: frozenset[str]) -> int:
    """Negative words, a run joined by and/or counting once ('unwilling or unable' is one)."""
    n, prev_neg, joined = 0, False, False
    for w in words:
        if w in negative:
            if not (prev_neg and joined):
                n += 1
            prev_neg, joined = True, False
        elif w in ("or", "and", "and/or") and prev_neg:
            joined = True
        else:
            prev_neg, joined = False, False
    return n


def _flag(concept: str, positive: bool, span: tuple[int, int]) -> ir.Finding:
    return ir.Finding(concept=concept, value="positive" if positive else "negative", span=span)


_NCI_LEAD = re.compile(
    r"(?i)\s*(?:[A-Za-z][\w /-]{0,30}:\s*)(?:see\s+(?:disease\s+characteristics|general\s+eligibility(?:\s+criteria)?)\s*\.?\s*)?"
)
_PRECLUDE_KEYS = ("preclud", "prevent", "prohibit", "interfer", "compromis")
_TOPIC_NAMES = {
    "informed consent": "informed_consent",
    "consent": "informed_consent",
    "compliance": "protocol_compliance",
    "study compliance": "protocol_compliance",
    "cooperation": "protocol_compliance",
}
_TOPIC = r"(?:informed\s+consent|consent|compliance|cooperation)"
_PRECLUDE = re.compile(
    r"(?i)\s*,?\s*\b(?:(?:that|which)\s+(?:would\s+|may\s+|might\s+|could\s+|will\s+)?"
    r"(?:preclude|prevent|prohibit|interfere\s+with|compromise)s?|precluding|preventing|prohibiting|interfering\s+with)\s+"
    r"(?:(?:the|study|patient's|chemotherapy|appropriate|adequate|protocol)\s+)*"
    rf"(?P<a>{_TOPIC})(?:\s+or\s+(?:(?:study|protocol)\s+)?(?P<b>{_TOPIC}))?"
    r"(?:\s+(?:with|of|to)\s+(?:the\s+)?(?:study\s+|protocol\s+|treatment\s+)?(?:requirements|procedures|protocol|treatment|study)"
    r"(?:\s+of\s+the\s+(?:study|protocol|trial))?)?\s*[.;]?\s*$"
)


def _one_way(text: str, section: str, offset: int) -> ir.Rule | None:
    """'No <X> that would preclude compliance' (inclusion) / '<X> that would interfere with consent' (exclusion)."""
    low = text.lower()
    m = _PRECLUDE.search(text) if any(w in low for w in _PRECLUDE_KEYS) else None
    if m is None:
        return None
    head = text[: m.start()].strip()
    if not head or _COMPARATOR.search(head):
        return None
    negated = re.match(r"(?i)no\s+", head)
    if (section == "inclusion") != bool(negated):
        return None
    topics = [_TOPIC_NAMES[re.sub(r"\s+", " ", t.lower())] for t in (m.group("a"), m.group("b")) if t]
    span = (offset + m.start("a"), offset + m.end())
    free = ir.FreeText(text=head[negated.end():] if negated else head, reason="not_understood",
                       span=(offset, offset + m.start()))
    if section == "inclusion":
        confirmed = [_flag(c, True, span) for c in topics]
        proof: ir.Rule = confirmed[0] if len(confirmed) == 1 else ir.AllOf(items=list(confirmed), span=span)
        # confirmed consent/compliance proves no X precludes it; otherwise X is undecided
        return ir.AnyOf(items=[proof, free], span=(offset, offset + len(text)))
    refused = [_flag(c, False, span) for c in topics]
    cause: ir.Rule = refused[0] if len(refused) == 1 else ir.AnyOf(items=list(refused), span=span)
    return ir.AllOf(items=[cause, free], span=(offset, offset + len(text)))


def attestation(text: str, section: str, offset: int = 0) -> ir.Rule | None:
    """The site-confirmation reading of a whole criterion text, or None when it is not one.

    >>> attestation("Signed informed consent form", "inclusion").model_dump(exclude={"span", "assessed_within", "variant"})
    {'kind': 'finding', 'concept': 'informed_consent', 'value': 'positive'}
    >>> attestation("Patients who cannot give informed consent", "exclusion").value
    'negative'
    >>> attestation("Signed informed consent and age over 18 years", "inclusion") is None
    True
    """
    stripped = text.strip()
    if "rade" in stripped and "ecover" in stripped:
        # (blanks of the same length: the spans stay true)
        stripped = _TO_GRADE.sub(lambda m: " " * len(m.group()), stripped)
        text = text.replace(text.strip(), stripped, 1)
    if not stripped or _COMPARATOR.search(stripped) or stripped.endswith(":"):
        return None
    head = _NCI_LEAD.match(stripped)  # 'Surgery: See Disease Characteristics Recovered from prior surgery'
    if head and head.end() < len(stripped):
        offset += len(text) - len(text.lstrip()) + head.end()
        text = stripped = stripped[head.end():]
    offset += len(text) - len(text.lstrip())
    r = _readings()
    low = stripped.lower()
    # (each topic's own keys first: the patterns are slow)
    hits = [t for t in r.topics if any(k in low for k in t.keys) and t.regex.search(stripped)] if r.any_key.search(low) else []
    if not hits:
        return _one_way(stripped, section, offset)
    span = (offset, offset + len(stripped))
    words = _words(stripped)
    for topic in hits:
        allowed = topic.words | r.common | r.negative
        if any(w not in allowed for w in words):
            continue
        if topic.consequence is not None:
            # investigator judgement: only the exclusion "any condition that, in the
            # investigator's opinion, would <harm>" reads as "the investigator does not approve"
            cons = topic.consequence.search(stripped)
            if section != "exclusion" or cons is None:
                continue
            rest = _words(stripped[: cons.start()] + " " + stripped[cons.end():])
            if any(w in r.negative for w in rest):
                continue
            refused = _flag(topic.concept, False, span)
            if "any" in words[:8] or "other" in words[:8]:
                return refused  # a catch-all: unsuitable in the investigator's opinion is the condition itself
            free = ir.FreeText(text=stripped, reason="needs_judgement", span=span)
            return ir.AllOf(items=[refused, free], span=span)
        negs = _negations(words, r.negative)
        if section == "inclusion" and negs == 0:
            return _flag(topic.concept, True, span)
        if section == "exclusion" and negs == 1:
            return _flag(topic.concept, False, span)
        return None
    return _one_way(stripped, section, offset)
