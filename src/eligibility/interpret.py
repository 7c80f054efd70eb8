"""The interpreter: a criterion's text → a rule tree, from the grammar's elements and the vocabulary.

The grammar marks anchors (comparators with values, ranges, ×ULN, windows, findings); this
module picks each anchor's subject from the vocabulary mentions around it, joins the pieces
with the connectors between them, and checks what is left over. Words it did not account
for are never dropped: they become a free-text conjunct (or, after "or"/"unless", a
free-text alternative), so a partly understood criterion can only be *less* decided, never
wrongly decided.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any, Literal

from . import ir
from .attest import attestation
from .parser import El, lex_clause
from .segment import NCI_SUBHEADING_NAMES
from .units import UnitError, conversion_factor, normalise_unit, split_quantity
from .vocab import Concept, Term, Vocabulary, data_file, vocabulary

_lazy = ir.lazy_pattern
"""`name = _lazy("name", pattern, flags)`: a module-level pattern compiled on first use (`ir.lazy_pattern`)."""


_FOLDS_TO_ASCII = str.maketrans({"\u017f": "s", "\u0131": "i"})
"""The characters beyond ASCII that a case-insensitive regex matches to an ASCII letter and `str.lower` leaves as they
are: the long s ('ſ' matches 's') and the dotless i. (The other two, 'İ' and the Kelvin sign, lower-case to ASCII
letters already; no other character matches one.)"""


def _may_say(text: str, *words: str) -> bool:
    """Whether `text` may hold one of `words` (lower-case ASCII) in any case: a cheap first test before a
    case-insensitive regex every match of which holds one of them literally (most texts hold none, and a search
    is tried at every position). A text beyond ASCII is first folded as the regex folds case ('ſ' matches 's'): a
    criterion with '≥' in it was always let through, and the first one read compiled patterns it never needed."""
    low = text.lower() if text.isascii() else text.translate(_FOLDS_TO_ASCII).lower()
    for w in words:  # (a loop: `any` over a generator costs more than most of these tests)
        if w in low:
            return True
    return False


_FOLDS_ALL_TO_ASCII = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i"})


def _folded(text: str) -> str:
    """`text` lower-cased as a case-insensitive regex reads its letters: every character such a regex matches to an ASCII
    letter becomes that letter (the long s, the dotless i, and the dotted capital I, which `str.lower` makes two
    characters; the Kelvin sign lower-cases to 'k' already). A lower-case ASCII word that every match of a `(?i)`
    regex holds literally is in the folded text wherever the regex matches: a sound first test before a costly search."""
    return text.lower() if text.isascii() else text.translate(_FOLDS_ALL_TO_ASCII).lower()


__all__ = ["interpret", "list_quantifier", "lexicon"]

Section = Literal["inclusion", "exclusion"]

# ------------------------------------------------------------------------------ lexicon


@dataclass(frozen=True)
class _NotDecidable:
    regex: re.Pattern[str]
    reason: str
    explanation: str
    keys: tuple[str, ...] = ()
    """Lower-case words one of which every text the regex matches contains (a cheap first test)."""


@dataclass(frozen=True)
class Lexicon:
    filler: frozenset[str]
    filler_phrases: re.Pattern[str]
    filler_heads: frozenset[str]
    """The first word of every filler phrase, lower-cased."""
    escape_words: frozenset[str]
    permission_words: frozenset[str]
    comorbidity_classes: frozenset[str]
    polarity_words: frozenset[str]
    """Words that turn what they follow into a reason to exclude ('pregnant excluded'): unread, they leave the
    whole clause unread."""
    not_decidable: tuple[_NotDecidable, ...]
    not_decidable_keys: tuple[str, ...]
    """Words one of which every not-decidable text contains (all patterns' keys)."""
    any_not_decidable_key: re.Pattern[str]
    """The keys as one pattern (substrings of the lower-cased text): a cheap first test."""
    reference_events: tuple[tuple[re.Pattern[str], str], ...]
    quantifiers: tuple[tuple[re.Pattern[str], str], ...]
    qualifiers: re.Pattern[str]
    """A run of narrowing words ending right before a history term ('uncontrolled and symptomatic ')."""
    qualifier_ends: frozenset[str]
    """The last word of every narrowing word or phrase, and the words that may follow a run: a cheap first test."""
    organ_before: re.Pattern[str]
    """An organ word (lexicon `organs`) right before a position: 'cardiac ' in 'No cardiac amyloidosis'."""
    measuring_methods: tuple[tuple[str, re.Pattern[str]], ...]
    """Ways of measuring a value a criterion may name ('by echocardiogram', 'by MUGA'), with how they are written."""
    organ_near: re.Pattern[str]
    """An organ word one word or none before a position: 'cardiac bypass ' in 'No prior cardiac bypass surgery'."""
    shared_name_words: frozenset[str]
    """Narrowing words a list's first item may open its own name with that hold for the whole list ('non-healing' in
    'non-healing wound, ulcer, or bone fracture'; not 'acute' in 'acute leukemia or lymphoma')."""
    class_groups: dict[str, tuple[str, ...]] = field(hash=False)
    """The therapy classes a '<n>-class' phrase names ('triple' → PI, IMiD, anti-CD38)."""
    regimen_backbones: frozenset[str] = field(hash=False)
    """Therapy classes a 'chemotherapy regimen' is built on where none of it need be chemotherapy ('proteasome
    inhibitor-based chemotherapy regimen'), see `_based_not_chemo`."""
    regions: re.Pattern[str] = field(hash=False)
    """A country or region named as where a rule applies ('in Japan'): lexicon `regions`."""
    region_words: frozenset[str] = field(hash=False)
    """The first capitalised word of each region ('United' of 'the United States'): a cheap first test."""
    filler_by_head: dict[str, str] = field(hash=False)
    """`filler_phrases`' alternatives (the pattern's source, in its order) by head: see `_filler_match`. Empty when
    a head is beyond ASCII."""


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = data_file("lexicon.toml")
    phrases = sorted(raw["filler_phrases"], key=len, reverse=True)
    events = sorted(raw["reference_events"].items(), key=lambda kv: len(kv[0]), reverse=True)
    quants = [(p, k) for k, ps in raw["list_quantifiers"].items() for p in ps]
    quants.sort(key=lambda kv: len(kv[0]), reverse=True)
    organs = "|".join(sorted((re.escape(w) for w in raw["organs"]), key=len, reverse=True))
    by_head: dict[str, list[str]] = {}
    for p in phrases:
        by_head.setdefault(re.match(r"\w+", p).group().lower(), []).append(p)  # type: ignore[union-attr]
    return Lexicon(
        filler=frozenset(w.lower() for w in raw["filler"]),
        filler_phrases=re.compile(
            r"(?<![\w])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")(?![\w])",
            re.IGNORECASE,
        ),
        filler_heads=frozenset(re.match(r"\w+", p).group().lower() for p in raw["filler_phrases"]),  # type: ignore[union-attr]
        escape_words=frozenset(raw["escape_words"]),
        permission_words=frozenset(raw["permission_words"]),
        comorbidity_classes=frozenset(raw["comorbidity_classes"]),
        polarity_words=frozenset(raw["polarity_words"]),
        not_decidable=tuple(_NotDecidable(re.compile(d["pattern"]), d["reason"], d["explanation"], tuple(d["keys"]))
                            for d in raw["not_decidable"]),
        not_decidable_keys=tuple(k for d in raw["not_decidable"] for k in d["keys"]),
        any_not_decidable_key=re.compile(_by_first_letter(
            sorted({re.escape(k) for d in raw["not_decidable"] for k in d["keys"]}, key=len, reverse=True))),
        reference_events=tuple(
            (re.compile(r"(?<![\w])" + re.escape(k).replace(r"\ ", r"\s+") + r"(?![\w])", re.IGNORECASE), v)
            for k, v in events
        ) + tuple(
            # ('of starting study': the start may be entry or the first dose; not read)
            (re.compile(r"(?<![\w-])(?<!starting\s)(?<!start\sof\s)" + re.escape(k).replace(r"\ ", r"\s+") + r"\s*$", re.IGNORECASE), v)
            for k, v in sorted(raw["reference_events_at_end"].items(), key=lambda kv: len(kv[0]), reverse=True)
        ),
        quantifiers=tuple(
            (re.compile(r"(?<![\w])" + re.escape(p).replace(r"\ ", r"\s+") + r"(?![\w])", re.IGNORECASE), k)
            for p, k in quants
        ),
        class_groups={k: tuple(v) for k, v in raw.get("class_groups", {}).items()},
        regimen_backbones=frozenset(raw.get("regimen_backbones", ())),
        qualifiers=_qualifier_run(raw["history_qualifiers"]),
        qualifier_ends=frozenset(w.lower().replace("-", " ").split()[-1] for w in raw["history_qualifiers"])
        | frozenset(w.split("-")[-1].lower() for w in raw["history_qualifiers"])
        | frozenset(w.lower().split()[-1] for w in raw["history_qualifiers"])
        | frozenset({"other", "another", "known", "active", "prior", "previous", "or", "and", "and/or"}),
        organ_before=re.compile(rf"(?i)\b({organs})\s+$"),
        organ_near=re.compile(rf"(?i)\b({organs})\s+(?:[a-z-]+\s+)?$"),
        measuring_methods=tuple((m, re.compile(rx)) for m, rx in raw["measuring_methods"].items()),
        shared_name_words=frozenset(w.lower() for w in raw["shared_name_words"]),
        region_words=frozenset(next((w for w in r.split() if w[:1].isupper()), r) for r in raw["regions"]),
        regions=re.compile(r"(?<![\w.])(?:" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in raw["regions"]),
                                                             key=len, reverse=True)) + r")(?![\w])"),
        filler_by_head={h: r"(?<![\w])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ps) + r")(?![\w])"
                        for h, ps in by_head.items()} if all(h.isascii() for h in by_head) else {},
    )


def _by_first_letter(alternatives: list[str]) -> str:
    """`"|".join(alternatives)`, the alternatives gathered under their first letter in their own order:
    'a(?:cute|ctive)|c(?:hronic)'. The same matches: at a character of the text only those that open with it can
    match, tried in the same order. But an alternation is tried one alternative after another at every position (a
    case-insensitive one with no quick test of the first character), and this way one per letter is. Left as it is
    unless every alternative opens with an ASCII letter not followed by a quantifier, each letter in one case (an
    alternative is a regex with no '|' of its own outside brackets)."""
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[:1], []).append(a[1:])
    if (not all(k.isascii() and k.isalpha() for k in groups) or len({k.lower() for k in groups}) < len(groups)
            or any(a[1:2] in ("*", "+", "?", "{") for a in alternatives)):
        return "|".join(alternatives)
    return "|".join(f"{k}(?:{'|'.join(rest)})" for k, rest in groups.items())


def _qualifier_run(words: list[str]) -> re.Pattern[str]:
    one = _by_first_letter([re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]")
                            for w in sorted(words, key=len, reverse=True)])
    return re.compile(
        rf"(?i)(?<![\w-])(?P<run>(?:(?:{one})(?:\s*,\s*|\s+(?:and|or|and/or)\s+|\s+|\s*/\s*))+)"
        r"(?:(?:other|another|known|active|prior|previous)\s+)*$"
    )


_WINDOW_OF_OTHER = _lazy("_WINDOW_OF_OTHER", r"(?i)\b(?:requir\w*|need\w*|treat\w*|therap\w*|receiv\w*|given|us(?:e|ed|ing))\b")
_HEAD_NOUNS = frozenset({"therapy", "therapies", "treatment", "treatments", "agent", "agents", "drug", "drugs",
                         "inhibitor", "inhibitors", "antibody", "antibodies", "disease", "diseases"})
_AUXILIARIES = _lazy("_AUXILIARIES", r"(?i)\s*(?:(?:will|shall|should|must|can|could|would|may|might|is|are|was|were|be|been|being|has|have|had|do|does|did)\s+)*")
def _qualifier_before(ctx: _Ctx, start: int, s: int) -> re.Match[str] | None:
    """The run of narrowing words ending right before position s (absolute offsets), if any."""
    lex = lexicon()
    last = _last_word(ctx.text, max(start, s - 40), s)
    if last is None or last.lower() not in lex.qualifier_ends:
        return None
    return lex.qualifiers.search(ctx.text, max(start, s - 80), s)


def _qualifier_run_ending(window: str) -> re.Match[str] | None:
    """`lexicon().qualifiers.search(window)`, skipped where the window's last word could end no run."""
    lex = lexicon()
    last = _last_word(window, 0, len(window))
    if last is not None and "/" not in last and last.lower() not in lex.qualifier_ends:
        return None  # ('acute/chronic ': a slash joins qualifiers inside one 'word': asked of the regex)
    return lex.qualifiers.search(window)


def _last_word(text: str, lo: int, hi: int) -> str | None:
    """The last word before position `hi` (not before `lo`): the trailing run of word characters (and '/', '-')
    before any spaces and commas, from its first ASCII letter (as a regex search for a letter, word characters and
    then only spaces and commas to the end would find it)."""
    j = hi
    while j > lo and (text[j - 1].isspace() or text[j - 1] == ","):
        j -= 1
    i = j
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "_/-"):  # (\w is isalnum() or '_')
        i -= 1
    for k in range(i, j):
        if "a" <= text[k] <= "z" or "A" <= text[k] <= "Z":
            return text[k:j]
    return None

_POST_QUALIFIER = _lazy(
    "_POST_QUALIFIER",
    r"(?i)\b(?:in\s+(?:(?:first|second|third|subsequent|complete|partial|morphologic(?:al)?|hematologic(?:al)?|molecular|"
    r"cytogenetic)\s+)*(?:relapse|remission|CR\d?|PR|blast\s+(?:crisis|phase)|chronic\s+phase|accelerated\s+phase)|"
    r"beyond\s+(?:first\s+)?(?:complete\s+)?remission|"
    # 'No evidence of myocardial infarction or ischemia on EKG': what a test shows, not the history
    r"on\s+(?:an?\s+|the\s+)?(?:screening\s+|baseline\s+)?(?:EKG|ECG|electrocardiogram|echocardiogram|echo|MRI|CT|PET|"
    r"imaging|(?:chest\s+)?x-?ray|scans?|biopsy|physical\s+exam(?:ination)?))\b",
)
_THERAPY_FOR = _lazy(
    "_THERAPY_FOR",
    r"(?i)(?:\s+(?:treatment|therapy|therapies|regimens?))?\s+(?:for|to\s+treat|to)\s+(?:the\s+)?(?:(?:treatment|management)\s+of\s+)?(?:(?:their|the|his|her|any)\s+)?"
    r"(?P<what>(?!(?:example|instance|whom|which|any|reasons?|indications?|purposes?|causes?|patients?|subjects?|participants?|women|men|those|cohort|at|more|less|"
    r"longer|up|over|a|an|no|the|study|this|that|its?|all|each|one|two|three|four|five|six|several|weeks?|months?|days?|"
    r"years?|cycles?|courses?|doses?)\b)[^\W\d][\w'’/-]*(?:\s+(?!(?:and|or|but|with|within|unless|if|except|including|"
    r"allowed|permitted|is|are|was|were|must|should|may|will|at|more|less|over|for|prior|before|after|since|during|"
    r"in|on|of|to)\b)[^\W\d][\w'’/-]*){0,5})(?=\s*(?:[.,;:()]|$))",
)
"""'chemotherapy for metastatic disease', 'systemic therapy for HCC': the indication narrows the therapy,
to the end of its clause (a duration, 'for at least 6 months', is no indication)."""
_FOR_ANYTHING = _lazy("_FOR_ANYTHING",
    r"(?i)\s+(?:for|to\s+treat)\s+(?!(?:at\s+least|more|less|longer|up|over|a\s+(?:minimum|maximum)|\d|example|instance|whom|which)\b)"
    r"(?P<what>[^\W\d][^.;:()\d]{2,90}?)(?=\s*(?:[.;:()]|$))")
_ACTIVE_DISEASE = _lazy(
    "_ACTIVE_DISEASE",
    r"(?i)\s*,?\s*(?:that|which)\s+(?:is|are|has|have)\s+(?:been\s+)?(?:progressing|progressed)\s+or\s+(?:has\s+|have\s+)?"
    r"(?:required|requires|requiring|require)\s+active\s+treatment"
    r"(?:\s+(?:within|in)\s+the\s+(?:past|last|previous)\s+(?:X\s+)?(?P<n>\d+)\s+(?P<u>years?|months?))?",
)
_NEEDING = _lazy(
    "_NEEDING",
    r"(?i)\s*,?\s*(?:(?:that|which)\s+(?:has\s+|have\s+)?)?(?:requir(?:ing|es?|ed)|needing|necessitating)\s+(?:the\s+use\s+of\s+|a\s+)?"
    r"(?P<what>(?:[\w-]+\s+){0,3}?(?:therap(?:y|ies)|treatments?|antibiotics?(?:\s+(?:therapy|treatment))?|antivirals?|antifungals?|"
    r"nitrates|diuretics|steroids|corticosteroids|intervention|medications?|medicines?|dialysis|hospitali[sz]ation|"
    r"(?:supplemental\s+)?oxygen|anesthe(?:tic|sia)|anaesthe(?:tic|sia)|transfusions?|insulin)"
    r"(?:\s+(?:or|and|and/or)\s+(?:other\s+)?(?:[\w-]+\s+){0,2}?(?:therap(?:y|ies)|treatments?|medications?|agents?|drugs?|"
    r"antibiotics|blockers|steroids|corticosteroids|intervention))?"
    r"(?:\s+(?:in|within|during)\s+the\s+(?:past|last|previous|preceding)\s+(?:\d+|one|two|three|five)\s+(?:years?|months?|weeks?)"
    r"|\s+(?:in|within)\s+(?:past|last)\s+\d+\s+(?:years?|months?|weeks?)"
    # ('GvHD requiring systemic therapy within 4 weeks before UC503 cells infusion': when it was needed, part of the need)
    r"|\s+within\s+(?:\d+|one|two|three|four|six)\s+(?:years?|months?|weeks?|days?)\s+(?:before|prior\s+to)\s+[^;.,()]{1,40}?(?=\s*(?:[;.]|$)))?)"
    r"\b(?!\s*(?:-|/))",
)
"""'infection requiring IV antibiotics': what the condition needed, which narrows it."""
_FOR_WITHIN = _lazy("_FOR_WITHIN", r"(?i)[\s-]*(?:therapy|treatment|surgery|radiotherapy)?\s*(?:for|to\s+treat)\s+[^;.:()]{0,80}")
_INDICATION = _lazy("_INDICATION", r"(?i)\b(?:for|to\s+treat|against)\s+(?:the\s+|their\s+|his\s+|her\s+)?$")
_INDICATION_AFTER = _lazy("_INDICATION_AFTER",
    r"(?i)[\s,]*(?:(?:including|given|administered|used|even|also|only)\s+)*(?:for|to\s+treat|against)\s+"
    r"(?:the\s+|their\s+|his\s+|her\s+)?")
"""From a therapy to the condition it was for: 'chemotherapy for', 'chemoradiotherapy, including for'."""
_CONTEXT_ONLY = _lazy("_CONTEXT_ONLY",
    r"(?i)\b(?:recover(?:ed|y)\s+(?:adequately\s+|fully\s+|completely\s+)?from\s+(?:[\w-]+\s+){0,5}|may\s+(?:\w+\s+){0,3}|"
    r"(?:eligible|candidates?|suitable|fit|considered|planned|scheduled|referred|indicated|intended|intend(?:s|ing)?|awaiting|"
    r"waiting|going|plan(?:s|ning)?)\s+(?:for|to)\s+(?:(?:receive|undergo|have|an?|the|any|further)\s+)*(?:[\w-]+\s+){0,6}|"
    # 'Medical condition satisfactory for treatment with chemotherapy', 'adequate bone marrow reserve for chemotherapy'
    r"(?:satisfactory|adequate|appropriate|sufficient)\s+(?:[\w-]+\s+){0,3}?for\s+(?:(?:treatment|therapy)\s+with\s+)?(?:[\w-]+\s+){0,4}|"
    r"(?:will|would|to)\s+(?:receive|undergo|need|require)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}|"
    # 'Expected to require any other form of systemic or localized antineoplastic therapy while on study'
    r"(?:expected|anticipated|likely|predicted)\s+to\s+(?:require|need|receive|undergo)\s+(?:[\w-]+\s+){0,8}|"
    # 'A PEG is required prior to initiation of radiation': the therapy dates the requirement, no history is asked
    r"(?:prior\s+to|before|after|until|at)\s+(?:the\s+)?(?:initiation|start|beginning|completion|end)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}|"
    r"(?:contraindicat\w*|preclud\w*|prevent\w*|permit\w*|allow\w*|planned|anticipated)\s+(?:the\s+)?(?:use|administration)\s+of\s+"
    r"(?:[\w-]+\s+){0,4}|"
    r"(?:able|amenable|unable)\s+to\s+(?:be\s+)?(?:treated|cured|managed|controlled)\s+(?:with|by)\s+(?:[\w-]+\s+){0,6}|"
    # 'other diseases treatable by allogeneic bone marrow transplant': what could treat it, no history of it
    r"(?:treatable|curable|amenable)\s+(?:by|with|to)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}|"
    # 'Planned high-dose chemotherapy with autologous stem cell transplantation': a plan, no history
    r"\bplanned\s+(?:[\w-]+\s+){0,3}|"
    # 'after radiotherapy with or without chemotherapy': either way, no requirement of it
    r"with\s+or\s+without\s+(?:prior\s+|concurrent\s+|concomitant\s+|adjuvant\s+)?(?:[\w-]+\s+){0,2}|"
    # 'Eligibility is determined prior to leukapheresis': the event dates the assessment, no history is asked of it
    r"(?:determined|assessed|evaluated|confirmed|performed|obtained|done|measured|screened)\s+(?:\w+\s+){0,2}"
    r"(?:prior\s+to|before|at\s+the\s+time\s+of)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2})$"
)
"""Words that make a term context rather than history: 'recovered from prior surgery', 'eligible for stem cell
transplantation', 'candidates for curative surgery', 'planned to undergo radiotherapy' (a future procedure is no history),
'not able to be treated with surgery or radiation'."""
_CONTEXT_KEYS = ("recover", "may", "able", "initiation", "start of", "beginning", "completion", "end of", "contraindicat", "preclud", "prevent", "permit", "allow", "anticipated", "eligible", "candidate", "suitable", "fit", "considered", "planned", "scheduled",
                 "satisfactory", "adequate", "appropriate", "sufficient", "treatable", "curable", "amenable",
                 "referred", "indicated", "intend", "awaiting", "waiting", "going", "plan", "will", "would", "to ", "without",
                 "before", "time of")


def _context_only(prefix: str) -> bool:
    low = prefix.lower()
    for k in _CONTEXT_KEYS:  # (a loop: `any` over a generator costs more)
        if k in low:
            return bool(_CONTEXT_ONLY.search(prefix))
    return False
_FAR = _lazy("_FAR", r"[,;:]|(?:\S+\s+){6}")
_UNREAD_ITEM = _lazy("_UNREAD_ITEM", r",\s*[a-z][a-z -]{0,40}?\s*(?:,\s*(?:or|and)?|\bor|\band)")
_INFECTION_WORD = _lazy("_INFECTION_WORD", r"(?i)\s*(infections?)\b")
_INFECTION_WITH = _lazy("_INFECTION_WITH", r"(?i)\s*(?:with|by|due\s+to|caused\s+by)\b")
_REQUIRING = _lazy("_REQUIRING", r"(?i)\b(?:requir(?:e|es|ed|ing)|needs?|needing|necessitating)\s+(?:(?:the\s+)?(?:use\s+of\s+)?[\w-]+\s+){0,2}$")
_STATUS_WORDS = frozenset({"active", "clinically active", "ongoing", "current"})
_ACTIVE = _lazy("_ACTIVE", r"(?i)\b(?:" + _by_first_letter([
    "active", r"current(?:ly)?", "ongoing", r"clinically\s+active", "concomitant", "concurrent", "coexisting",
    "co-existing", "synchronous",
]) + r")\s+(?:(?:other|known|second)\s+)?$")


_ONE_OF = _lazy("_ONE_OF",
    r"(?i)\b(?:(?:any|at\s+least)\s+)?(?:one|1)\s+(?:or\s+more\s+)?of\s+(?:the\s+)?(?:following|these|those|below|criteria|conditions)\b"
    r"|\bany\s+(?:one\s+|1\s+)?of\s+(?:the\s+)?(?:following|these|those|below)\b|\beither\s*:\s*$"
    r"|\beither\s+of\s+(?:the\s+)?(?:following|these)\b")


def list_quantifier(text: str) -> tuple[str, int] | None:
    """How a list-introducing text combines its sub-items: ('any'|'all'|'at_least', n), or None."""
    if "of" in text.lower():
        # a count: 'at least 2 of the following', '≥ 2 of the following', 'two or more of:', 'at least two (2) of these
        # criteria', 'any 2 of the following', 'more than 2 of …' (read as all, a patient who met two of three failed)
        m = re.search(
            r"(?i)(?<![\w.,/-])(?:(?P<pre>at\s+least|a?\s*minimum\s+of|≥|⩾|>\s*=|=\s*>|more\s+than|greater\s+than|>|any)\s*)?"
            r"(?P<n>\d{1,2}|one|two|three|four|five|six)(?:\s*\(\s*\d{1,2}\s*\))?(?P<more>\s+or\s+more|\s*\+)?\s+of\s*"
            r"(?:(?:the\s+)?(?:following|these|those|below|criteria|conditions|features)\b|:)", text)
        before = text[: m.start()] if m else ""
        if m and re.search(r"(?i)\ball\s*$", before):
            return ("all", 1)  # 'all 3 of the following'
        if m and not re.search(r"(?i)(?:\b(?:no|not|at\s+most|up\s+to|fewer\s+than|less\s+than|maximum\s+of|exactly|only|grade|"
                               r"stage|part|phase|cohort|arm|level|class|type|step|group|day|cycle|(?:\d{1,2}|one|two|three|four|five)"
                               r"\s+(?:or|to|-))|[≤<⩽]\s*=?|<\s*=|=\s*<)\s*$", before):
            # (nor '≤ 2 of', 'one or two of': caps, or a count between two, which ask something else)
            # (not 'no more than 2 of …', 'exactly 2 of …', which ask something else, nor 'Stage 2 of the following')
            pre = "".join((m.group("pre") or "").lower().split())
            n = (_WORD_NUMBERS.get(m.group("n").lower()) or int(m.group("n"))) + (pre.startswith(("more", "greater", ">"))
                                                                                  and not pre.startswith(">="))
            if n >= 1:
                return ("any", 1) if n == 1 else ("at_least", n)
    if "both" in text.lower() and re.search(r"(?i)\bboth\b(?:\s+of)?(?:\s+the)?\s*(?:following|these|criteria|conditions|:)", text):
        # 'Both of the following:', 'Must have both:', 'HBV infection, defined as both of the following:': all (in an
        # exclusion a list lead defaults to any: one of the two excluded). Not 'one or both of …', 'either or both: …'
        return ("any", 1) if re.search(r"(?i)\b(?:one|either|any)\s+or\s+both\b", text) else ("all", 1)
    found = {kind for rx, kind in lexicon().quantifiers if rx.search(text)}
    if "any" in found or _ONE_OF.search(text):
        # ('at least one of the criteria below', '1 of the following', 'any 1 of the following', 'one of following
        # criteria', 'who have either:' as well as the lexicon's phrases)
        return ("any", 1)
    if "all" in found:
        return ("all", 1)
    return None


# ------------------------------------------------------------------------------ helpers

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60,
    "ninety": 90, "hundred": 100,
}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}

_OPS: tuple[tuple[re.Pattern[str], ir.Op], ...] = tuple(
    (re.compile(p, re.IGNORECASE), op)  # type: ignore[misc]
    for p, op in [
        (r"^(?:greater|more|higher|larger|superior)\s+(?:than\s+)?or\s+equal|^equal\s+(?:to\s+)?or\s+(?:greater|more|higher)|^=\s*or\s*(?:greater|more|higher)", ">="),
        (r"^(?:less|lower|smaller|fewer|inferior)\s+(?:than\s+)?or\s+equal|^equal\s+(?:to\s+)?or\s+(?:less|lower)|^=\s*or\s*(?:less|lower)", "<="),
        (r"^(?:no|not)\s+(?:greater|more|higher|larger|longer|older)\s+than|^within|^not\s+(?:to\s+)?exceed|^does\s+not\s+exceed|^not\s+above|^at\s+most|^(?:a\s+)?maximum\s+of|^up\s+to", "<="),
        (r"^(?:no|not)\s+(?:less|lower|fewer|smaller|shorter|younger)\s+than|^not\s+below|^(?:of\s+)?at\s+least|^(?:a\s+)?minimum\s+of", ">="),
        (r"^(?:greater|more|higher|larger|longer|older)\s+than|^in\s+excess\s+of|^exceed|^above|^over", ">"),
        (r"^(?:less|lower|fewer|smaller|shorter|younger)\s+than|^below|^under", "<"),
        (r"^equal\s+to", "=="),
        (r"^(?:≥|⩾|≧|>\s*/?\s*=|=\s*/?\s*>|>\s*or\s*=)", ">="),
        (r"^(?:≤|⩽|≦|<\s*/?\s*=|=\s*/?\s*<|<\s*or\s*=)", "<="),
        (r"^>", ">"),
        (r"^<", "<"),
        (r"^=", "=="),
    ]
)
_POSTCOMP: tuple[tuple[re.Pattern[str], ir.Op], ...] = tuple(
    (re.compile(p, re.IGNORECASE), op)  # type: ignore[misc]
    for p, op in [
        (r"(?:older|over|above|greater|more|higher|up)$", ">="),
        (r"(?:less|lower|below|fewer|under|younger)$", "<="),
    ]
)
_NEGATIVE_FINDING = _lazy("_NEGATIVE_FINDING", r"(?i)^(?:negativ|seronegativ|undetectable|not\s+detect|non-?reactive|\(\s*[−-]\s*\))")
_GRADE = _lazy("_GRADE",
    r"(?i)(?:(?:(?P<upto>≤|<=|=<|<|no\s+(?:greater|more|higher|worse)\s+than|not\s+(?:greater|more|higher|worse)\s+than|"
    r"less\s+than\s+or\s+equal\s+to|at\s+most|up\s+to|lower\s+than|less\s+than)|"
    r"(?P<pre>≥|>=|>|greater\s+than\s+or\s+equal\s+to|at\s+least|greater\s+than|more\s+than|higher\s+than|above))\s*)?"
    r"(?:CTCAE\s+)?grade\s*(?:(?P<post>≥|>=|>|≤|<=|<)\s*)?(?P<n>[0-5])(?:\s*(?:-|to|or|/)\s*(?P<hi>[1-5]))?"
    r"(?P<orhigher>\s*(?:or|and)\s*(?:higher|greater|above|more|worse))?(?P<orlower>\s*or\s*(?:less|lower|below|better))?"
)


def _graded(g: re.Match[str]) -> tuple[int, bool]:
    """The lowest grade a grade phrase names as the event, and whether the phrase caps it ('≤ grade 1',
    'no greater than grade 1', 'grade 0-1': what is barred is grade 2 or worse)."""
    n = int(g.group("n"))
    upto = g.group("upto") or (g.group("post") if g.group("post") in ("≤", "<=", "<") else None)
    if upto is not None:
        strict = upto.strip().lower() in ("<", "less than", "lower than")
        return (n if strict else n + 1), True
    if g.group("orlower"):
        return n + 1, True
    if n == 0 and g.group("hi"):
        return int(g.group("hi")) + 1, True  # 'grade 0-1 neuropathy allowed'
    strict = (g.group("pre") or g.group("post") or "").strip().lower() in (">", "greater than", "more than", "higher than", "above")
    return (n + 1 if strict else n), False
_HISTORY_CUES = _lazy("_HISTORY_CUES", r"(?i)\b(?:" + _by_first_letter([
    "history", "prior", r"previous(?:ly)?", "received", "receiving", "treated", r"treatment\s+with", "exposure",
    "exposed", "refractory", "concomitant", "taking", "using",
    "active", "known", r"diagnos(?:ed|is)", "presence", r"current(?:ly)?", "concurrent", "undergone", "underwent",
    "undergo", "had", r"have\s+had",
    "evidence", "documented", r"suffer(?:ing)?", "any", "other", "another", "second", "no", "not", "without",
    r"must\s+have", r"positive\s+for",
    "uncontrolled", "symptomatic", r"clinically\s+significant", "severe", "unstable", "chronic", "acute", "ongoing",
]) + r")\b")
_CONTEXT_PREPS = _lazy("_CONTEXT_PREPS", r"(?i)\b(?:" + _by_first_letter([
    "in", "from", "after", "following", "during", r"due\s+to", r"related\s+to", r"associated\s+with",
    r"secondary\s+to", r"caused\s+by", r"induced\s+by", "for", "of", "to",
]) + r")\s*(?:the\s+|a\s+|an\s+|any\s+|previous\s+|prior\s+)*$")
_OTHER_QUALIFIER = _lazy("_OTHER_QUALIFIER", r"(?i)\b(?:" + _by_first_letter([
    "other", "another", "second", "additional", "concurrent", "concomitant", "co-?existing", "synchronous", "prior",
]) + r")(?:\s+primary)?(?:\s+(?:diagnosis|history)\s+of)?\s*$")
_DEFINITION = _lazy("_DEFINITION",
    r"(?i)\b(?:in\s+which|where(?:in)?|which\s+is\s+defined|is\s+defined\s+as|are\s+defined\s+as|refers\s+to|i\.e\.|note:)"
)
_CONSENT_AS_TIME = _lazy("_CONSENT_AS_TIME",
    r"(?i)\b(?:before|prior\s+to|after|of|since|following|at\s+the\s+time\s+of)\s+(?:the\s+)?(?:signing|signature|obtaining)\s+"
    r"(?:of\s+)?(?:the\s+)?(?:written\s+)?(?:informed\s+)?consent(?:\s+form)?|\b(?:at\s+the\s+time\s+of|before|prior\s+to)\s+(?:the\s+)?consent\b"
)
_SCOPED = _lazy("_SCOPED",
    r"(?is)^\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?:all\s+|any\s+)?(?:patients?|subjects?|participants?|women|men|females?|males?|those|individuals?|persons?)"
    r"\s+(?P<scope>(?:who|that|with|without|having|of|receiving|currently|on|taking|undergoing|using|previously|treated)\b"
    r"(?:(?!\.\s+(?-i:[A-Z])).)*?)\s*(?:,\s*|:\s*(?=\S))?(?P<modal>(?<=:\s)\S.*|(?<=:)\S.*|"
    r"\b(?:should|must|need\s+to|needs\s+to|are\s+required|is\s+required|will\s+(?:need|be)|can\s+be|cannot|can\s+not|may\s+not|are\s+not|is\s+not|may\s+be\s+(?:enrolled|included|eligible)\s+(?:provided|if|only))\b.*)$"
)
_WORD = _lazy("_WORD", r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)?")
_SCOPED_HAVE = _lazy("_SCOPED_HAVE",
    r"(?is)^\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?:all\s+|any\s+)?(?:patients?|subjects?|participants?|women|men|individuals?)\s+"
    r"(?P<scope>with(?:out)?\b(?:(?!\.\s+(?-i:[A-Z]))[^:;])*?)\s+"
    r"(?P<modal>(?:have|has)\b(?!\s+(?:been|had|received|undergone|progressed|failed|relapsed|not|no)\b).*)$")
"""'Patients with solid tumors have measurable disease': 'have' as the verb of what binds those patients."""


_BARRED = _lazy("_BARRED",
    r"(?i)(?:are|is|will\s+be|shall\s+be)\s+(?:not\s+(?:be\s+)?(?:eligible|allowed|permitted)|(?:also\s+)?(?:excluded|ineligible))"
    r"(?:\s+(?:for|from|to)\s+(?:enrollment|enrolment|entry|participation|participate|(?:this|the)\s+(?:study|trial|protocol)))?\s*\.?\s*")


_LIMIT_OR_LIMIT = _lazy("_LIMIT_OR_LIMIT",
    # ('… or ≤ 5 × ULN for patients with …', '… OR FEV1 and FVC at least 60% in patients who have received …': the value
    # named again before the second limit)
    r"(?i)\bor\s+(?:[A-Za-z][\w/-]*\s+){0,4}?(?:<=|>=|=<|≤|≥|<|>|less\s+than|greater\s+than|no\s+(?:greater|more)\s+than|up\s+to|"
    r"at\s+least)\s*\d")
_GROUP_LIMIT = _lazy("_GROUP_LIMIT",
    r"(?is)^(?P<main>[^;]+?)\s*;\s*(?P<alt>(?:<=|>=|=<|≤|≥|<|>|less\s+than|greater\s+than|no\s+(?:greater|more)\s+than|up\s+to|at\s+least)"
    r"[^;]*?)\s+(?:(?:in|for)\s+(?:patients|subjects|participants|those)\s+with|if|in\s+(?:the\s+)?(?:case|presence)\s+of)\s+"
    r"(?P<who>[^;]+?)\s*\.?\s*$")
_REQUIRED_OF = _lazy("_REQUIRED_OF",
    r"(?is)^(?P<main>.+?)\s+(?:is\s+|are\s+|will\s+be\s+)?required\s+(?:of|for|in)\s+(?:all\s+)?"
    r"(?:patients|subjects|participants|those|women|men)\s+(?:aged\s+|who\s+are\s+)?(?P<who>[^;]+?)\s*\.?\s*$")
_ANOTHER_LIMIT_FIRST = _lazy("_ANOTHER_LIMIT_FIRST", r"(?i)\.\s+\S|\bnote\b|;|\(|(?:[<>≤≥]|\bat\s+least\b|\bno\s+(?:more|greater|less)\b)[^<>≤≥]*(?:[<>≤≥]|\bat\s+least\b)")
"""Before 'required for patients …': a sentence, a note or a bracket, or two limits: the requirement is not the whole
criterion's."""
_LIMIT_WORD = _lazy("_LIMIT_WORD", r"(?i)[<>≤≥]|\b(?:less|greater|more|fewer|lower|higher)\s+than\b|\bno\s+(?:more|greater|less)\b|"
                   r"\bup\s+to\b|\bat\s+least\b|\bnormal\s+limits?\b|\badequate\b|\b\d+(?:\.\d+)?\s*(?:x|×)\s*ULN\b")
"""Limits written in symbols or words ('less than 1.5 × ULN', 'within normal limits'): two before 'required for patients
…' are a limit for everyone and one for the group."""
_BARE_SECOND_LIMIT = _lazy("_BARE_SECOND_LIMIT",
    r"(?i)[,;]\s*(?:<=|>=|=<|≤|≥|<|>|less\s+than|greater\s+than|no\s+(?:greater|more)\s+than|up\s+to|at\s+least)\s*\d")
"""'AST ≤ 3 × ULN, ≤ 5 × ULN if liver metastases': a second limit on the same value, after a comma."""
_ENROLLED_IF = _lazy("_ENROLLED_IF",
    r"(?is)^\s*(?:(?:patients?|subjects?|participants?|those|individuals?)\s+(?:with|who\s+(?:have|are|had)|having)\s+)?"
    r"(?P<scope>(?:(?!\.\s+(?-i:[A-Z]))[^;])+?)\s*,?\s+(?:(?:can|may|will|could|would)\s+(?:only\s+)?be\s+|(?:are|is)\s+(?:only\s+)?)"
    r"(?:enrolled|included|eligible|allowed|permitted|considered\s+eligible)(?:\s+only)?\s+"
    r"(?:if|provided(?:\s+that)?|when|as\s+long\s+as)\b\s*(?P<cond>.+)$")


def _scoped(text: str) -> re.Match[str] | None:
    """'Patients who received CAR-T should not …', 'Patients with solid tumors have measurable disease': whom the rest
    binds ('have' as the verb only after 'with'/'without': 'Patients who have received …' is one requirement)."""
    m = _SCOPED.match(text)
    if m is not None and ";" in m.group("scope"):
        return None  # 'Patients with B-cell malignancies […]; HIV-associated lymphomas … are not eligible': two statements
    if m is not None and re.search(r"(?i)\b(?:who|that|which)\s*$", m.group("scope")):
        # 'Women having stage II-III breast cancer … who will be admitted …': the verb is the relative clause's, one
        # more requirement of them (read as whom the rest binds, a woman without cancer matched)
        return None
    if m is not None and m.group("scope").strip():
        return m
    m = _SCOPED_HAVE.match(text)
    if m is None or re.search(r"(?i)\b(?:who|that|which|whose|they|he|she|it|and|or|also)\b", m.group("scope")):
        # ('Patients with T4 tumors that have involved …', '… IF they have …': 'have' is not the rest's verb)
        return None
    return m


_DISEASE_SUBJECT = _lazy("_DISEASE_SUBJECT",
    r"(?is)^\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?P<scope>[^,;:.()]{3,80}?)\s+(?P<modal>(?:must|should|need\s+to|needs\s+to)\s+"
    r"(?:not\s+)?(?:have|be|undergo|receive|meet)\b.*)$")
_SUBGROUP_WORD = _lazy("_SUBGROUP_WORD", r"(?i)\bstages?\s+(?:[IV]{1,4}|[0-4])[ABC]?\b|\b(?:durie[\s-]*salmon|R?-?ISS)\b")
"""A stage that makes a disease named as a subject a group of the trial's patients ('Stage I multiple myeloma')."""
_STAGE_WORDS = _lazy("_STAGE_WORDS",
    r"(?i)\b(?:stages?|[IV]{1,4}[ABC]?|[0-4][ABC]?|durie[\s-]*salmon|ISS|R-ISS|with|and|or|any|patients?|subjects?|participants?)\b|[-/,]")


def _disease_subject(text: str) -> re.Match[str] | None:
    """A clause whose subject is a disease (and its stage) and whose verb is a modal: 'Stage I multiple myeloma must
    have had prior chemotherapy'."""
    m = _DISEASE_SUBJECT.match(text) if _may_say(text, "must", "should", "need") else None  # (its modals)
    if m is None or text.rstrip().endswith(":"):
        return None  # ('NHL patients must meet the following conditions:' leads a list)
    if not _SUBGROUP_WORD.search(m.group("scope")):
        return None  # ('Multiple myeloma must be measurable': the trial's own disease, no group of its patients)
    # ('Tumor must be at least 5 mm': the patient's own tumour, no group)
    return m if group_of_patients(m.group("scope"), _STAGE_WORDS) is not None else None


def group_of_patients(text: str, other_words: re.Pattern[str]) -> list[str] | None:
    """The diseases `text` names when it names nothing else (every other word matches `other_words`): a group of
    patients ('Stage I multiple myeloma', 'Hodgkin lymphoma'). None when it names none, names other things too, or names
    only 'malignancy' or 'tumor', which is the patient's own disease rather than a group."""
    v = vocabulary()
    found = [(s, e, t) for s, e, t in v.find_terms(text) if v.terms[t].category == "condition"]
    if not found or any(t == "malignancy" for *_, t in found):
        return None
    rest = text
    for s, e, _ in sorted(found, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    return None if other_words.sub(" ", rest).strip(" ,.:") else list(dict.fromkeys(t for *_, t in found))


def _op_of(comp: str) -> ir.Op | None:
    c = comp.strip()
    for rx, op in _OPS:
        if rx.search(c):
            return op
    if (neg := _NEGATED_COMP.match(c)) is not None and (inner := _op_of(c[neg.end() :])) is not None:
        return _INVERSE.get(inner)  # 'must not be > 1.5 mg/dL', 'not over 75': the other side of the limit
    return None


_NEGATED_COMP = _lazy("_NEGATED_COMP", r"(?i)(?:not|never)\s+(?:be\s+)?")
_INVERSE: dict[str, ir.Op] = {">": "<=", "<": ">=", ">=": "<", "<=": ">"}


def _number(text: str) -> float | None:
    t = text.strip()
    if t in _ROMAN:
        return float(_ROMAN[t])
    if t.lower() in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[t.lower()])
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _quantity(text: str) -> tuple[float, str] | None:
    """(value, unit as written) of a quantity anchor such as '0.75×10^9 /L' or 'three months'."""
    t = text.strip()
    m = re.match(r"(?i)^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety|hundred)\b\s*(.*)$", t)
    if m:
        return float(_WORD_NUMBERS[m.group(1).lower()]), m.group(2)
    try:
        return split_quantity(t)
    except UnitError:
        return None


_TIME_UNITS = {"year", "month", "week", "day", "hour"}


def _time_unit(unit: str) -> str | None:
    try:
        u = normalise_unit(unit)
    except UnitError:
        return None
    return u if u in _TIME_UNITS else None


# ------------------------------------------------------------------------------ state


@dataclass
class _Unit:
    """A piece of meaning: a rule, the span it covers, and the subject spans it used."""

    rule: ir.Rule
    start: int
    end: int
    subjects: list[tuple[int, int]] = field(default_factory=list)
    concepts: tuple[str, ...] = ()
    cover: list[tuple[int, int]] = field(default_factory=list)
    """Spans this unit accounts for (subjects and anchor); words between them are not covered."""
    grades: list[tuple[int, int]] = field(default_factory=list)
    """Spans of the grade phrases a graded history read ('grade 3 or grade 4')."""


@dataclass
class _Ctx:
    text: str
    offset: int
    section: Section
    vocab: Vocabulary
    inherit: tuple[str, ...] = ()
    hide: tuple[tuple[int, int], ...] = ()
    """Text ranges whose mentions belong to another part (a parenthesised exception)."""


def _span(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    return (ctx.offset + start, ctx.offset + end)


def _free(ctx: _Ctx, start: int, end: int, reason: str = "not_understood") -> ir.FreeText:
    return ir.FreeText(text=ctx.text[start:end].strip(), reason=reason, span=_span(ctx, start, end))


def _join(items: list[ir.Rule], kind: Literal["all", "any"], span: tuple[int, int] | None = None) -> ir.Rule:
    flat: list[ir.Rule] = []
    for it in items:
        if kind == "all" and isinstance(it, ir.AllOf) or kind == "any" and isinstance(it, ir.AnyOf):
            flat.extend(it.items)
        else:
            flat.append(it)
    flat = [i for i in flat if not isinstance(i, ir.NoRequirement)] or flat[:1]  # nothing to join from a heading
    unique: list[ir.Rule] = []
    for it in flat:
        if not any(_same(it, u) for u in unique):
            unique.append(it)
    if len(unique) == 1:
        return unique[0]
    return ir.AllOf(items=unique, span=span) if kind == "all" else ir.AnyOf(items=unique, span=span)


def _same(a: ir.Rule, b: ir.Rule) -> bool:
    """Same rule apart from where it was written."""
    return a.model_dump(exclude={"span"}) == b.model_dump(exclude={"span"}) if a.kind == b.kind else False


# ------------------------------------------------------------------------------ entry point


ALTERNATIVE_FOLLOWS = "the alternative that follows this item"
ALTERNATIVES_FOLLOW = "which of the alternatives that follow this item"
"""The text of the placeholder an item ending in 'OR' gets for the item after it (joined by `criteria`)."""


def interpret(text: str, section: Section, offset: int = 0, inherit: tuple[str, ...] = ()) -> ir.Rule:
    """The rule of one criterion's own text (its sub-items are separate criteria).

    >>> interpret("Platelets ≥50×10^9/L", "inclusion").kind
    'comparison'
    >>> interpret("Must sign informed consent", "inclusion").concept
    'informed_consent'
    >>> interpret("Must sign informed consent and live near the site", "inclusion").reason
    'consent'
    """
    low = _folded(text)
    if section == "exclusion" and "until" in low and (nu := _NOT_INCLUDED_UNTIL.match(text)) is not None and not re.search(
            r"(?i),\s*(?:who|which|that|and|or)\b", nu.group("who")):
        # 'Patients who have previously received CAR T cell therapy should not be included until at least 3 months after
        # the last infusion' among the exclusions: the requirement the sentence states, turned round (read as a reason as
        # it stands, an infusion of 2025 excluded and one of last month did not, review 107)
        as_required = interpret(text, "inclusion", offset, inherit)
        if (isinstance(as_required, ir.AnyOf) and len(as_required.items) == 2 and isinstance(as_required.items[0], ir.Not)
                and isinstance(as_required.items[0].item, ir.History)):
            # (only the reading 'not one of those, or the wait kept': any other was no requirement to turn round, review
            # 113 R2)
            return ir.Not(item=as_required, span=(offset, offset + len(text)))
        # (read otherwise, or as the reason as it stands, the wait came out backwards: not read, review 115)
        return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    rule = _remembered(text, section, offset, tuple(inherit))
    # (every match of _BEFORE_OR_AFTER holds 'after', 'during', 'following' or 'post'; few texts hold any)
    if ("after" in low or "during" in low or "following" in low or "post" in low) and _BEFORE_OR_AFTER.search(text) and any(
            isinstance(x, ir.History) and x.window is not None and x.window.reference == "screening" for x in ir.leaves(rule)):
        # 'No surgery within 2 weeks prior to or after registration', 'Chemotherapy within 4 weeks before or after
        # enrollment': a window on both sides of a day the words name, read as before the screening date (a surgery
        # booked 5 days after registration passed)
        return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    if "followed" in low and _FOLLOWED_WITHIN.search(text) and any(
            isinstance(x, ir.History) and x.window is not None for x in ir.leaves(rule)):
        # 'Platinum-based chemotherapy followed by disease progression within 6 months': the window is the next event's,
        # counted from the therapy (read on the therapy, a platinum-resistant patient treated in 2024 failed)
        return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    if "operative" in low and _PERIOPERATIVE_VALUE.search(text) and any(isinstance(x, _LIMITS) for x in ir.leaves(rule)):
        # 'the postoperative platelet count must be ≥ 100,000/mm^3': a value measured after (or before) the surgery, which
        # the record's latest value may not be (read as the latest, a count from before a colectomy failed, audit 100 F2)
        return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    if ("elapse" in low or "efractor" in low) and _STATE_DEFINITION.match(text) and not isinstance(rule, ir.FreeText):
        # 'Refractory Disease: Must have documented evidence of progressive disease during or within 60 days of … the most
        # recently received anti-myeloma regimen' beside 'Relapsed Disease: …': what the label's disease state is, for a
        # trial that admits either (read as everyone's requirement, a relapsed patient whose last line responded failed,
        # audit 104 F1)
        return ir.FreeText(text=text.strip(), reason="definition", span=(offset, offset + len(text)))
    if ("orrect" in low or "djust" in low) and "dlco" in low and (hb := _HB_CORRECTED.search(text)) is not None and not (
            _NEGATED_BEFORE.search(text, max(0, hb.start() - 8), hb.start())):
        # 'DLCO ≥ 60% (corrected for hemoglobin)', '…, corrected for hemoglobin': the corrected DLCO, as 'Corrected DLCO'
        # (read as the DLCO, an anaemic patient's uncorrected 55% failed, review 103 R5); the first correction named, not
        # a word on uncorrected values or on another correction after it (reviews 107 R3, 111 R5); not '(not / non
        # corrected for hemoglobin)' (reviews 105 R3, 111 R3); '… corrected for hemoglobin or uncorrected': either value
        # (reviews 109 R3, 111 R4)
        # (where the text speaks of uncorrected values too, '… or the uncorrected value', '…, and uncorrected DLCO ≥ 40%',
        # which limit binds which value is not read: decided where the DLCO and the corrected DLCO agree, review 113)
        either = (_UNCORRECTED_MENTION.search(text, hb.end()) is not None
                  or _UNCORRECTED_MENTION.search(text, 0, max(0, hb.start() - 8)) is not None)
        which = ir.FreeText(text="whether the limit is on the DLCO corrected for hemoglobin or on the uncorrected one",
                            reason="not_understood", span=(offset + hb.start(), offset + hb.end()))

        def corrected(x: ir.Rule) -> ir.Rule:
            if not (isinstance(x, (ir.Comparison, ir.Range)) and x.concept == "dlco"):
                return x
            fixed = x.model_copy(update={"concept": "dlco_corrected"})
            if not either:
                return fixed
            # (both met: met; both failed: failed; else not decided)
            return ir.AnyOf(items=[ir.AllOf(items=[x, fixed], span=x.span),
                                   ir.AllOf(items=[ir.AnyOf(items=[x, fixed], span=x.span), which], span=x.span)], span=x.span)

        rule = ir.map_leaves(rule, corrected)
        if isinstance(rule, ir.AllOf):
            kept = [x for x in rule.items if not (isinstance(x, ir.FreeText) and (
                _HB_CORRECTION_ONLY.fullmatch(x.text) or (either and _HB_EITHER_ONLY.fullmatch(x.text))))]
            rule = kept[0] if len(kept) == 1 else rule.model_copy(update={"items": kept})
    if "until" in low and (iu := _INCLUDED_UNTIL.search(text)) is not None:
        # (only the windows of the 'until' clause itself: not 'within 4 weeks before screening' beside it, review 113 R1)
        stop = re.compile(r"[.;)]").search(text, iu.end())
        lo, hi = offset + iu.start(), offset + (stop.start() if stop is not None else len(text))
        # 'Patients who have previously received CAR T cell therapy should not be included until at least 3 months after
        # the last CAR T cell infusion': the wait runs to the day of inclusion, not to screening (read to screening, an
        # infusion 3½ months before the recorded enrollment failed, audit 104 F2)
        rule = ir.map_leaves(rule, lambda x: x.model_copy(update={"window": x.window.model_copy(update={"reference": "enrollment"})})
                             if isinstance(x, ir.History) and x.window is not None and x.window.reference == "screening"
                             and x.span is not None and lo <= x.span[1] and x.span[0] <= hi else x)
    if "other" in low and not isinstance(rule, (ir.FreeText, ir.History)):
        rule = _other_than_before(text, offset, rule)
    if isinstance(rule, ir.AnyOf) and " or" in low:
        rule = _leftover_narrows_before(text, offset, rule)
    if section == "exclusion" and isinstance(rule, ir.AllOf) and _run_on_sentence(text, offset, rule):
        # 'Clinically suspicious mass/lesions Breast cancer in the past 5 years.': a capital after unread words, with no
        # stop between, may start a reason of its own (a line break lost); read as narrowing the reason after it, a
        # record without breast cancer met the exclusion's absence, audit 100 F1
        return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    if section == "exclusion" and ("ccept" in low or "llow" in low or "ermit" in low):
        if _is_negated_grade_cap(rule) and _ACCEPTABLE_TAIL.search(text) and not _BARS_TOO.search(text):
            # 'Sensory neuropathy Grade ≤2 is acceptable.' among the exclusions: a permission (read as a cap, not(grade ≥ 3
            # neuropathy), it excluded every patient without one, audit 106 F1)
            return ir.NoRequirement(text=text.strip(), why="permission", span=(offset, offset + len(text)))
        if not isinstance(rule, (ir.NoRequirement, ir.FreeText)) and (pm := _PERMISSION_SENTENCE.match(text)) is not None and not re.search(
                r"(?i)\b(?:not|no|excluded|unless|except|but|however|whereas|although|though|while)\b", pm.group()):
            # ('For Cohort 5: Alopecia, sensory neuropathy Grade ≤2 is acceptable, or other Grade < 2 adverse events …
            # are acceptable.': what the sentence lets in, read as reasons, excluded the alopecia it allows)
            return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    if "xpos" in low and _NOT_GIVEN_EXPOSURE.search(text) and any(
            isinstance(x, ir.History) and x.category in ("therapy", "any") for x in ir.leaves(rule)):
        # 'Occupational exposure to radiation within the past 12 months': a worker's dose, no radiotherapy (read as one,
        # an old radiotherapy met the exclusion's absence and a recent one excluded)
        return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    if "alcium" in text and _CORRECTED.search(text) and not _IONIZED.search(text):
        rule = _corrected_calcium(rule)
    if isinstance(rule, (ir.Except, ir.AllOf, ir.AnyOf)):
        rule = _condition_now(rule)
    if section == "inclusion" and isinstance(rule, ir.AllOf) and len(rule.items) > 1:
        # (an age group's looser limit read by the scope reading: 'Hemoglobin ≥ 10 g/dL; patients aged ≥ 65 years:
        # hemoglobin ≥ 9 g/dL')
        relaxed = _group_relaxations(list(rule.items))
        if relaxed != list(rule.items):
            rule = _join(relaxed, "all", rule.span) if len(relaxed) > 1 else relaxed[0]
    if section == "exclusion" and isinstance(rule, ir.AllOf):
        rule = _values_in_the_window(rule)
    if (section == "exclusion" and ";" in text and not isinstance(rule, (ir.FreeText, ir.NoRequirement))
            and (group := _GROUP_CLAUSE.search(text)) is not None):
        rule = _group_instead(rule, text, offset, group.start("who"))
    if isinstance(rule, ir.AnyOf) and " for " in text and not re.search(r",\s*(?:or|and/or)\b", text):
        rule = _purpose_for_each(rule)  # (not 'systemic corticosteroids, or antibiotics for an active infection': set apart)
    if section == "exclusion" and (_last_word_is(text, "AND", ":") or _last_word_is(text, "and", ":")) and _TRAILING_AND.search(
            text, max(0, len(text.rstrip()) - 16)) and not isinstance(
            rule, (ir.FreeText, ir.NoRequirement)):
        # 'HBsAg positive AND' then 'HBV DNA detectable': the item after it is part of the same reason to exclude
        other = ir.FreeText(text="the item that follows this one", reason="not_understood",
                            span=(offset + len(text.rstrip()), offset + len(text)))
        return ir.AllOf(items=[rule, other], span=(offset, offset + len(text)))
    if (_last_word_is(text, "either", ":", fold=True) or _last_word_is(text, "following", ":", fold=True)
            or _last_word_is(text, "of", ":", fold=True)) and _AND_EITHER.search(text, max(0, len(text.rstrip()) - 40)) and not isinstance(
            rule, (ir.FreeText, ir.NoRequirement)):
        # 'Participant must have brain metastasis and either' (the cancers it opens follow elsewhere): more is asked of
        # this item by what follows (read without it, any brain metastasis matched, audit 100 F5)
        other = ir.FreeText(text=ALTERNATIVES_FOLLOW, reason="not_understood",
                            span=(offset + len(text.rstrip()), offset + len(text)))
        return ir.AllOf(items=[rule, other], span=(offset, offset + len(text)))
    if ends_in_or(text) and not isinstance(rule, (ir.FreeText, ir.NoRequirement)):
        # 'Creatinine no greater than 1.5 mg/dL OR': the alternative is the next item, not read with this one
        other = ir.FreeText(text=ALTERNATIVE_FOLLOWS, reason="not_understood",
                            span=(offset + len(text.rstrip()), offset + len(text)))
        return ir.AnyOf(items=[rule, other], span=(offset, offset + len(text)))
    return rule


_BEFORE_OR_AFTER = _lazy("_BEFORE_OR_AFTER",
    r"(?i)\b(?:before|prior\s+to)\s*(?:or|and/or|and|/)\s*(?:after|during|following)\b|"
    r"\b(?:after|during|following)\s*(?:or|and/or|and|/)\s*(?:before|prior\s+to)\b|\bpre-?\s*(?:or|and|/)\s*post-?\b")
_FOLLOWED_WITHIN = _lazy("_FOLLOWED_WITHIN", r"(?i)\bfollowed\s+(?:by|with)\b[^;.]{1,80}?\b(?:within|in\s+the\s+(?:last|past))\b")
_STATE_DEFINITION = _lazy("_STATE_DEFINITION",
    r"(?i)\W*(?:primary\s+)?(?:relapsed|refractory|relapsed\s*(?:/|and|or)\s*refractory)\s+(?:disease|myeloma|multiple\s+myeloma|"
    r"MM|lymphoma|leukemia)?\s*(?:is\s+defined\s+as|defined\s+as|definition)?\s*[:\-–]\s*\S")
_HB_CORRECTED = _lazy("_HB_CORRECTED",
    r"(?i)\b(?:corrected|adjusted|correction|adjustment)\s+(?:for\s+)?(?:the\s+)?(?:patient'?s\s+)?(?:ha?emoglobin|hgb|hb)\b")
_NEGATED_BEFORE = _lazy("_NEGATED_BEFORE", r"(?i)\b(?:not|non|un)[\s-]*$")
_UNCORRECTED_MENTION = _lazy("_UNCORRECTED_MENTION",
    r"(?i)\b(?:un|non[\s-]?|not\s+)(?:corrected|adjusted)\b|\bor\s+not\b|\bwithout\s+(?:correction|adjustment)\b|/\s*uncorrected")
_HB_EITHER_ONLY = _lazy("_HB_EITHER_ONLY",
    r"(?i)[\s,(]*(?:after\s+|when\s+)?(?:corrected|adjusted|correction|adjustment)\s+(?:for\s+)?(?:the\s+)?(?:patient'?s\s+)?"
    r"(?:ha?emoglobin|hgb|hb)\s+or\s+(?:not|un-?corrected|non[\s-]?corrected|unadjusted|not\s+corrected)[\s.)]*")
_HB_CORRECTION_ONLY = _lazy("_HB_CORRECTION_ONLY",
    r"(?i)[\s,(]*(?:after\s+|when\s+)?(?:corrected|adjusted|correction|adjustment)\s+(?:for\s+)?(?:the\s+)?"
    r"(?:patient'?s\s+)?(?:ha?emoglobin|hgb|hb)[\s.)]*")
_TIME_WAIT = (r"[^.;]{0,20}?\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:-\s*)?"
              r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\b[^.;]{0,25}?\b(?:after|following|from|since)\b")
"""'until' then a time counted from an event ('at least 3 months after', 'more than 3 months have passed since', '3 months
or more after', 'at least ten weeks following', review 111 R1)."""
_NOT_INCLUDED_UNTIL = _lazy("_NOT_INCLUDED_UNTIL",
    r"(?i)\W*(?:patients?|participants?|subjects?|those|individuals)\b(?P<who>[^.;:]{0,120}?)\b"
    r"(?:(?:should|must|will|shall|may|can|could)\s*not|cannot|can't|won't)\s+be\s+(?:included|enrolled|registered|"
    r"randomi[sz]ed|entered|eligible|treated)\s+until\b" + _TIME_WAIT
    # (counted from a treatment given, whose wait the inclusion reading holds; not '… until at least 2 weeks after the
    # infection has resolved', which neither reading holds)
    + r"[^.;]{0,40}?\b(?:infusions?|doses?|therapy|therapies|treatments?|transplant\w*|surgery|administration|vaccin\w*|"
      r"radiotherapy|radiation|chemotherapy|procedures?|injections?|cycles?|courses?|regimens?)\b")
"""A sentence whose main clause is the requirement 'Patients who … should not be included until at least 3 months
after …' (not a reason with '… and cannot be enrolled until recovery', or '…, who cannot be enrolled until …', after it,
nor a wait for no time, '… will not be eligible until the infection is treated', review 109)."""
_INCLUDED_UNTIL = _lazy("_INCLUDED_UNTIL",
    r"(?i)\b(?:be\s+)?(?:included|enrolled|registered|randomi[sz]ed|entered|eligible|treated\s+on\s+(?:this\s+)?study)\s+until\b"
    + _TIME_WAIT)
"""'should not be included until at least 3 months after the last CAR T cell infusion': the wait, in the 'until' clause
itself, runs to inclusion (not 'within 4 weeks before screening and cannot be enrolled until recovery', review 105 R2)."""


def _other_than_before(text: str, offset: int, rule: ir.Rule) -> ir.Rule:
    """'Chronic systemic steroid therapy within 2 weeks … or on any other form of immunosuppressive medication': the class
    after 'other' is the class but the kinds named before it (read as the whole class, a short steroid course the first
    alternative's 'chronic' leaves out excluded through the second, audit 102 F2; at any depth, review 103 R6)."""
    v = vocabulary()
    leaves = [x for x in ir.leaves(rule) if isinstance(x, ir.History) and x.category == "therapy" and x.span is not None]

    def narrowed(x: ir.Rule) -> ir.Rule:
        if not (isinstance(x, ir.History) and x.category == "therapy" and x.span is not None and not x.excluding
                and _OTHER_JUST_BEFORE.search(text, 0, max(0, x.span[0] - offset))):
            return x
        before = [c for h in leaves if h.span[0] < x.span[0] for c in h.concepts  # type: ignore[index]
                  if c in v.terms and any(a in v.terms[c].ancestors for a in x.concepts)]
        return x.model_copy(update={"excluding": _dedupe(before)}) if before else x

    return ir.map_leaves(rule, narrowed) if len(leaves) > 1 else rule


def _leftover_narrows_before(text: str, offset: int, rule: ir.AnyOf) -> ir.Rule:
    """'Prior treatment with an anti-PD-1 antibody in the metastatic setting, or any other form of immunotherapy': unread
    words between one alternative and the 'or' of the next narrow the one before them (joined as one more alternative,
    an adjuvant pembrolizumab excluded, review 103 R6)."""
    free = [x for x in rule.items if isinstance(x, ir.FreeText) and x.span is not None]
    if len(free) != 1 or free[0].text == ALTERNATIVE_FOLLOWS:
        return rule
    f = free[0]
    fs, fe = f.span  # type: ignore[misc]
    hist = [x for x in ir.leaves(rule) if isinstance(x, ir.History) and x.span is not None]
    before = [h for h in hist if h.span[1] <= fs]  # type: ignore[index]
    after = [h for h in hist if h.span[0] >= fe]  # type: ignore[index]
    if not before or not after:
        return rule
    h1 = max(before, key=lambda h: h.span[1])  # type: ignore[index]
    gap_before = text[h1.span[1] - offset : fs - offset]  # type: ignore[index]
    gap_after = text[fe - offset : min(h.span[0] for h in after) - offset]  # type: ignore[index]
    if not re.fullmatch(r"(?i)[\s,]*(?:or|and/or)\b.*", gap_after, re.DOTALL) or re.search(r"(?i)\bor\b|[;,]", gap_before):
        return rule
    items = [x for x in rule.items if x is not f]
    out = ir.map_leaves(rule.model_copy(update={"items": items}),
                        lambda x: ir.AllOf(items=[x, f], span=x.span) if x is h1 else x)
    return out


_OTHER_JUST_BEFORE = _lazy("_OTHER_JUST_BEFORE",
    r"(?i)\b(?:any\s+)?other\s+(?:(?:forms?|types?|kinds?)\s+of\s+)?(?:systemic\s+)?\s*$")


def _run_on_sentence(text: str, offset: int, rule: ir.AllOf) -> bool:
    """Whether the rule's unread words open the text and end on a lower-case word right before a capitalised one
    ('… mass/lesions Breast cancer …'), with the rest read."""
    for x in rule.items:
        if isinstance(x, ir.FreeText) and x.span is not None and x.span[0] - offset <= 0:
            b = x.span[1] - offset
            return (0 < b < len(text) - 2 and text[b - 1].islower() and text[b] == " " and text[b + 1].isupper()
                    and text[b + 2].islower())
    return False


def _is_negated_grade_cap(rule: ir.Rule) -> bool:
    """Whether the rule is a grade cap read as the bar above it ('… Grade ≤2': not(grade ≥ 3 …)), alone or among
    alternatives."""
    items = rule.items if isinstance(rule, ir.AnyOf) else [rule]
    return any(isinstance(x, ir.Not) and isinstance(x.item, ir.History) and x.item.min_grade is not None for x in items)


_PERMISSION_SENTENCE = _lazy("_PERMISSION_SENTENCE",
    r"(?i)\s*(?:for\s+[^:()]{1,40}:\s*)?[^();.]{1,120}?\b(?:is|are)\s+"
    r"(?:acceptable|allowed|permitted)\b")
"""An exclusion's sentence whose main clause lets something in ('Alopecia, … Grade ≤2 is acceptable, or …'; not a bar with
a permission in brackets, 'Uncontrolled hypertension (controlled hypertension is acceptable)')."""
_BARS_TOO = _lazy("_BARS_TOO", r"(?i)\bexclu|\bineligible\b|\bnot\s+(?:be\s+)?(?:acceptable|allowed|permitted|eligible)\b|;|\bbut\b|\bhowever\b")
"""A permission sentence that bars something too ('… Grade ≤ 1 is acceptable; patients with Grade ≥ 2 neuropathy are
excluded', review 107 R2)."""
_ACCEPTABLE_TAIL = _lazy("_ACCEPTABLE_TAIL", r"(?i)\b(?:is|are|will\s+be|would\s+be)\s+(?:acceptable|allowed|permitted|eligible)\b")
_PERIOPERATIVE_VALUE = _lazy("_PERIOPERATIVE_VALUE", r"(?i)\b(?:post|pre|peri)-?\s?operative(?:ly)?\b")
_NOT_GIVEN_EXPOSURE = _lazy("_NOT_GIVEN_EXPOSURE",
    r"(?i)\b(?:occupational|environmental|accidental|workplace|industrial|household|chronic\s+environmental)\s+"
    r"(?:exposures?|exposed)\b")
_CORRECTED = _lazy("_CORRECTED", r"(?i)\b(?:albumin[- ]?)?(?:corrected|adjusted)\b")
_IONIZED = _lazy("_IONIZED", r"(?i)\bioni[sz]ed\b")
_CORRECTED_WORDS = _lazy("_CORRECTED_WORDS",
    r"(?i)\(?\s*(?:albumin[- ]?)?(?:corrected|adjusted)(?:\s+(?:for|by)\s+(?:serum\s+)?albumin)?\s*\)?")


def _corrected_calcium(rule: ir.Rule) -> ir.Rule:
    """'Serum calcium > 12 mg/dL (corrected for albumin)', 'Calcium (corrected) ≤ 11.5 mg/dL': the limit is on the corrected
    calcium, and the words that say so are read (read as the total calcium beside text, 11 mg/dL with an albumin of
    2 g/dL, 12.6 corrected, passed the exclusion). Not where a limit on corrected calcium is read already, beside one on
    calcium: which is which is not said."""
    leaves = ir.leaves(rule)
    if any(isinstance(x, ir.MEASURED) and x.concept == "corrected_calcium" for x in leaves):
        return rule
    calcium = [x for x in leaves if isinstance(x, ir.MEASURED) and x.concept == "calcium" and x.span is not None]
    words = [x for x in leaves if isinstance(x, ir.FreeText) and x.span is not None and _CORRECTED_WORDS.fullmatch(x.text.strip())]
    # (only where the words stand unread right beside the limit, before or after it: not 'Calcium ≤ 12 mg/dL and QTc
    # (corrected) ≤ 470 ms', nor '…; potassium, magnesium corrected to within normal limits')
    pairs = [(c, w) for c in calcium for w in words
             if 0 <= w.span[0] - c.span[1] <= 3 or 0 <= c.span[0] - w.span[1] <= 3]  # type: ignore[index]
    if len(pairs) != 1:
        return rule
    limit, said = pairs[0]

    def walk(r: ir.Rule) -> ir.Rule | None:
        if r is limit:
            return r.model_copy(update={"concept": "corrected_calcium"})
        if r is said:
            return None  # (the words read)
        if isinstance(r, (ir.AllOf, ir.AnyOf)):
            items = [y for y in (walk(x) for x in r.items) if y is not None]
            if not items:
                return None
            return items[0] if len(items) == 1 else r.model_copy(update={"items": items})
        if isinstance(r, ir.Not):
            inner = walk(r.item)
            return None if inner is None else r.model_copy(update={"item": inner})
        return r

    return walk(rule) or rule


def _condition_now(rule: ir.Rule) -> ir.Rule:
    """'ALT ≤ 2.5 × ULN (≤ 5 × ULN if liver metastases)': a condition that changes a limit on a value now is asked of now;
    one the record says is over leaves it open (read as any, liver metastases resected in 2021 let an ALT at 3.75 × ULN
    pass). A condition with no end recorded (Gilbert's syndrome) is read as before."""
    if isinstance(rule, ir.Except):
        exc = rule.exception
        if (isinstance(exc, ir.History) and exc.category == "condition" and exc.window is None and exc.status == "any"
                and not exc.untimed and isinstance(rule.rule, ir.MEASURED) and isinstance(rule.alternative, ir.MEASURED)):
            return rule.model_copy(update={"exception": exc.model_copy(update={"untimed": True})})
        return rule
    if isinstance(rule, (ir.AllOf, ir.AnyOf)):
        items = [_condition_now(x) for x in rule.items]
        return rule if all(a is b for a, b in zip(items, rule.items)) else rule.model_copy(update={"items": items})
    return rule


def _group_instead(rule: ir.Rule, text: str, offset: int, at: int) -> ir.Rule:
    """'Total bilirubin > 1.5 × ULN; patients with Gilbert's syndrome: total bilirubin > 3 × ULN' (excluded): the group's
    limit replaces the one before it for the group's members, as '(> 3 × ULN for patients with Gilbert's syndrome)' is
    read: `Except(the limit, the group, the group's limit)` (read as one more reason to exclude, the limit before it
    excluded a patient with Gilbert's syndrome at 1.7 × ULN). Read so only where the group's clause holds one limit, on a
    value the clause before limits the same way, beside nothing but the group's words; any other reading of such a
    clause is left as text: whom it excludes is not read."""
    whole = ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))
    start = offset + at
    items = list(rule.items) if isinstance(rule, ir.AnyOf) else [rule]
    before = [x for x in items if x.span is not None and x.span[1] <= start]
    after = [x for x in items if x not in before]
    if not any(isinstance(y, _LIMIT_LEAVES) and y.concept != "age" and y.span is not None and y.span[0] >= start
               for x in after for y in ir.leaves(x)):
        if any(isinstance(y, ir.FreeText) for x in after for y in ir.leaves(x)) and re.search(
                r"(?i)[<>≤≥]|\bULN\b|\bLLN\b|\bup\s+to\b|\b(?:upper|lower)\s+limit|\b(?:more|less|greater|higher|lower)\s+than\b",
                text[at:]):
            return whole  # ('…; patients with liver metastases: > 5 × ULN': a limit for the group, not read)
        return rule  # (no limit in the group's clause: 'patients with vitiligo will not be excluded' is read as it is)
    tail = [y for x in after for y in (x.items if isinstance(x, ir.AllOf) else [x])]
    limits = [x for x in tail if isinstance(x, (ir.Comparison, ir.RelativeLimit)) and x.concept != "age"]
    words = [x for x in tail if x not in limits]
    if (len(limits) != 1 or len(words) != 1 or any(x.span is None for x in after) or isinstance(words[0], ir.Not)
            or not all(isinstance(x, (ir.AllOf, *_LIMIT_LEAVES, ir.FreeText)) for x in after)
            or (len(after) == 2 and not all(isinstance(x, (*_LIMIT_LEAVES, ir.FreeText)) for x in after))):
        return whole
    relaxed, group = limits[0], words[0]
    if isinstance(group, ir.Comparison) and group.concept != "age" or not isinstance(group, (ir.Comparison, ir.FreeText, ir.History)):
        return whole
    same = [x for x in before if isinstance(x, (ir.Comparison, ir.RelativeLimit)) and x.concept == relaxed.concept
            and type(x) is type(relaxed) and x.op[0] == relaxed.op[0]]
    if len(same) != 1 or not before or relaxed.span is None:
        return whole
    if isinstance(group, ir.FreeText):
        # (the group's own words, all of them, as the exception: 'patients with liver metastases')
        said = text[at : relaxed.span[0] - offset]
        said = said[: said.find(":")] if ":" in said else said  # (up to the colon: not the value's name after it)
        lead = len(said) - len(said.lstrip())
        said = said.strip().rstrip(":,- ").strip()
        if not said:
            return whole
        group = ir.FreeText(text=said, reason="not_understood", span=(start + lead, start + lead + len(said)))
    instead = ir.Except(rule=same[0], exception=group, alternative=relaxed, otherwise=False,
                        span=(same[0].span[0], offset + len(text)) if same[0].span is not None else None)
    rest = [x for x in before if x is not same[0]]
    return _join([*rest, instead], "any", rule.span) if rest else instead


def _purpose_for_each(rule: ir.AnyOf) -> ir.AnyOf:
    """'Currently receiving antibiotics, antivirals or antifungals for an active infection': what the last therapy of a
    list is given for is what each is given for (read for the last alone, prophylactic acyclovir and co-trimoxazole
    excluded a patient with no infection). Only narrows: each therapy, with the condition beside it."""
    *head, last = rule.items
    if not (head and isinstance(last, ir.AllOf) and len(last.items) == 2 and isinstance(last.items[0], ir.History)
            and last.items[0].category == "therapy" and isinstance(last.items[1], ir.History)
            and last.items[1].category == "condition"
            and all(isinstance(x, ir.History) and x.category == "therapy" and x.status == last.items[0].status for x in head)):
        return rule
    purpose = last.items[1]
    items: list[ir.Rule] = [ir.AllOf(items=[x, purpose], span=x.span) for x in head]
    return rule.model_copy(update={"items": [*items, last]})


def _values_in_the_window(rule: ir.AllOf) -> ir.AllOf:
    """'NYHA class III or IV heart failure within 6 months' (excluded): the window is the event's, and the class is of
    that time; the latest value says nothing of one within the window (a class III four months ago, II now, was not
    excluded). A value beside a windowed event, with no window of its own, is left as text: whether one within the window
    met it is not read."""
    windowed = any(isinstance(x, ir.History) and x.window is not None and x.window.relation == "within" for x in rule.items)
    if not windowed or not any(isinstance(x, ir.MEASURED) and x.assessed_within is None for x in rule.items):
        return rule
    items: list[ir.Rule] = []
    for x in rule.items:
        if isinstance(x, ir.MEASURED) and x.assessed_within is None and x.concept != "age":
            items.append(ir.FreeText(text=f"whether a value of {x.concept} within the window met it", reason="not_understood",
                                     span=x.span))
        else:
            items.append(x)
    return rule.model_copy(update={"items": items})


@lru_cache(maxsize=16384)
def _remembered(text: str, section: Section, offset: int, inherit: tuple[str, ...]) -> ir.Rule:
    """Registry texts repeat criteria word for word ('Not pregnant or nursing'): a criterion is
    read once per process. Rules are frozen, so sharing one between trials is safe."""
    # Full-width punctuation is read as ASCII, and an abbreviation restated inside a phrase
    # ('human immunodeficiency virus (HIV) infection') is blanked so the phrase reads whole.
    # Both keep every character's place, so spans hold; unread text is shown as written.
    norm = text if text.isascii() else text.translate(_FULLWIDTH)
    if "(" in norm:  # (both blanked phrases open with a parenthesis)
        norm = _ABBREV_IN_PHRASE.sub(lambda m: " " * len(m.group()), norm)
        # 'urothelial cancer (UC).': initials ending a sentence that restate the words before them say
        # nothing more (read on their own they may name something else: UC is also ulcerative colitis)
        norm = _ABBR_AT_END.sub(lambda m: " " * len(m.group()) if _restated_initials(norm, m) or _restated_term(norm, m)
                                else m.group(), norm)
        # 'less than or equal to (</=) 2': the symbol restates the words
        # (each tried only where a bracket opens on what it needs: a scan that starts with a lookbehind is slow)
        if _OPENS_ON_COMPARATOR.search(norm):
            norm = _COMPARATOR_IN_PARENS.sub(lambda m: " " * len(m.group()), norm)
        if _OPENS_ON_UNIT.search(norm):
            norm = _UNIT_IN_PARENS.sub(lambda m: " " * len(m.group()), norm)  # 'gram per liter (g/L)': the same unit
        if "s)" in norm:
            norm = _PLURAL_MARK.sub(lambda m: " " * len(m.group()), norm)  # 'lesion(s)': one or more, the same noun
        if "test)" in norm and "regnan" in norm:
            # 'Pregnancy (positive pregnancy test) or lactation': the bracket says how the pregnancy is known, nothing
            # more is asked (read, its 'positive' took the pregnancy and 'pregnancy' was left over; blanked, same length)
            norm = _PREGNANCY_BY_TEST.sub(lambda m: " " * len(m.group()), norm)
        if "nfectious)" in norm:
            # 'Has a history of (non-infectious) pneumonitis that required steroids': the bracket holds the kind of
            # pneumonitis, read as written without it (the brackets blanked, same length; unread, nothing was)
            norm = _BRACKETED_NONINFECTIOUS.sub(lambda m: " " + m.group("w") + " ", norm)
    if ("≥" in norm or "≤" in norm or "=" in norm) and _WORDS_BEFORE_SYMBOL.search(norm):
        # 'at least ≥18 years': words and a symbol that say the same; the symbol is read
        norm = _WORDS_BEFORE_SYMBOL.sub(lambda m: " " * len(m.group("w")) + m.group("s") if _same_comparator(m) else m.group(), norm)
    if "not " in (folded := _folded(norm)):  # (the guards in folded text: 'NEITHER … NOR' in capitals is read too)
        # 'HIV antibody not positive': a negative result, said the other way (same length: the words are padded)
        norm = _NOT_RESULT.sub(lambda m: " " * (len(m.group()) - len(_OTHER_RESULT[m.group(1).lower()])) + _OTHER_RESULT[m.group(1).lower()], norm)
    if "either" in folded and "nor" in folded:
        # 'Neither pregnant nor nursing': not one and not the other ('Not pregnant or nursing', padded)
        norm = _NEITHER_NOR.sub(lambda m: "Not    " + m.group("x") + " or", norm)
    if " 000" in norm:
        # 'Platelets ≥100 000/μL': a space between groups of thousands (the same length with a comma)
        norm = _SPACED_THOUSANDS.sub(lambda m: m.group().replace(" ", ","), norm)
    if ("riteria" in norm or "uideline" in norm) and _GUIDELINE_REF.search(norm) is not None:
        # 'Diagnosed with multiple myeloma according to IMWG criteria', '… in accordance with the "Guidelines for the
        # Diagnosis and Treatment of Multiple Myeloma in China (2022 Revision)"': the standard the diagnosis or response
        # is made by, as a recorded one is (the same length, blanked)
        norm = _GUIDELINE_REF.sub(lambda m: " " * len(m.group()), norm)
    if "nduction" in norm and ("onsidered" in norm or "ount" in norm):
        # '(induction with or without transplant and maintenance is considered a single line)': how lines are counted,
        # as IMWG counts them and as a record's `prior_lines` is read (blanked, same length)
        norm = _LINE_COUNTING.sub(lambda m: " " * len(m.group()), norm)
    if (section == "inclusion" and "defined" in norm and "efractory" in norm and (rr := _RR_DEFINED.search(norm)) is not None
            and not _ALTERNATIVE_WORD.search(norm, max(norm.rfind(";", 0, rr.start()), norm.rfind(".", 0, rr.start()), 0),
                                             rr.start("before"))
            and not _ALTERNATIVE_WORD.search(norm, rr.end("lead"), min((x for x in (norm.find(";", rr.end()), norm.find(".", rr.end()))
                                                              if x >= 0), default=len(norm)))):
        # (not 'Newly diagnosed or relapsed or refractory …, where …': the lines are only one alternative's; nor a
        # definition with an alternative of its own, '… after at least 3 lines or has progressed within 60 days')
        # '… relapsed or refractory multiple myeloma …, where relapsed or refractory is defined as: Multiple myeloma that
        # has failed or relapsed after at least 3 lines of therapy (…)': the definition adds the lines to the disease read
        # before it (';', same length; read as one clause, nothing of it was read)
        norm = norm[: rr.start("lead")] + ";" + " " * (rr.end("lead") - rr.start("lead") - 1) + norm[rr.end("lead") :]
    if "-based" in norm and "hemotherapy" in norm:
        # '… immunomodulator-based chemotherapy regimen': a regimen built on that therapy, which need not be chemotherapy
        # (read as both, a regimen of lenalidomide and dexamethasone was no 'chemotherapy'; blanked, same length)
        norm = _BASED_CHEMO.sub(_based_not_chemo, norm)
    if ("efractory" in norm or "nclud" in norm) and ("one" in norm or "One" in norm):
        # (and 'at least 3 prior lines including at least one PI and one IMiD': one of each, as 'including a PI and an IMiD')
        norm = _refractory_counts(norm)  # 'refractory to at least one PI, one IMiD and one anti-CD38 antibody'
    if "hen" in _folded(norm):
        norm = _THEN_FOR_THAN.sub("than", norm)  # 'Creatinine less then 1.5 mg/dL': a typo (the same length)
    if "steroids" in norm and "with" in norm:
        # 'pneumonitis that required treatment with steroids', 'GVHD requiring treatment with corticosteroids': what it
        # required is the steroids, as 'that required steroids' says (read as 'requiring treatment' beside the word
        # 'steroids' unread; blanked, same length)
        norm = _TREATMENT_WITH_STEROIDS.sub(lambda m: " " * len(m.group()), norm)
    if "-" in norm and ("-neg" in (low_norm := norm.lower()) or "-pos" in low_norm or "-sero" in low_norm):
        # 'Patients must be HIV-negative', 'HBsAg-positive': a test's result joined to its name by a hyphen (one word, it
        # was not read; the same length)
        norm = _HYPHENED_RESULT.sub(lambda m: m.group("test") + " ", norm)
    if "xpectancy" in norm and (jm := _JUDGED_ESTIMATE.match(norm)) is not None:
        # 'Life expectancy ≥ 3 months, in the investigator's judgment': a life expectancy is the investigator's estimate,
        # and the record's value is that estimate; the words say who makes it, they ask nothing more
        norm = norm[: jm.start("judge")] + " " * (jm.end("judge") - jm.start("judge")) + norm[jm.end("judge") :]
    split = _LINE_SPLIT.search(norm) if ("ount" in norm or "onsider" in norm or "egard" in norm) and (
        "line" in norm or "egimen" in norm) else None
    if split is not None:
        rule = _counted_as_a_line(norm, split, section, offset, inherit)
    else:
        rule = _read(norm, section, offset, inherit)
    if "HTLV" in norm.upper() and (variant := _one_htlv_type(norm)) is not None:
        rule = _with_variant(rule, "htlv_antibody", variant)
    return rule if norm == text else _as_written(rule, norm, text)


_HTLV_NAMED = re.compile(r"(?i)\bHTLV(?:[\s-]*(?P<t>I{1,2}|[12])\b(?:\s*(?:/|,|&|\+|-|–|and|or)\s*-?\s*(?:HTLV[\s-]*)?(?P<u>I{1,2}|[12])\b)?)?")


def _one_htlv_type(text: str) -> str | None:
    """'1' or '2' where every mention of HTLV in the text names that one type ('HTLV-1 negative', 'HTLV-I antibody'); None
    where one names both or none ('HTLV-I/II', 'HTLV-1 and 2', 'HTLV')."""
    types: set[str] = set()
    for m in _HTLV_NAMED.finditer(text):
        if m.group("t") is None:
            return None
        types.update("2" if t.upper() in ("2", "II") else "1" for t in (m.group("t"), m.group("u")) if t)
    return types.pop() if len(types) == 1 else None


def _with_variant(rule: ir.Rule, concept: str, variant: str) -> ir.Rule:
    """The rule with its findings on `concept` marked as of that one type."""
    return ir.map_leaves(rule, lambda x: x.model_copy(update={"variant": variant})
                         if isinstance(x, ir.Finding) and x.concept == concept else x)


_LONG_BLANK = re.compile(r" {24,}")
_PREGNANCY_BY_TEST = _lazy("_PREGNANCY_BY_TEST",
    r"(?i)(?<=\bpregnancy\s)\(\s*(?:(?:as\s+)?(?:confirmed|documented|determined|shown|defined)\s+(?:by|as)\s+)?(?:an?\s+)?"
    r"positive\s+(?:serum\s+|urine\s+|urinary\s+)?pregnancy\s+test\s*\)")
_BRACKETED_NONINFECTIOUS = _lazy("_BRACKETED_NONINFECTIOUS", r"(?i)\((?P<w>non-?\s?infectious)\)(?=\s*pneumonitis\b)")
_TREATMENT_WITH_STEROIDS = _lazy("_TREATMENT_WITH_STEROIDS",
    r"(?i)(?<=\brequired\s)(?:treatment|therapy)\s+with\s+(?=(?:systemic\s+)?(?:cortico)?steroids\b)"
    r"|(?<=\brequiring\s)(?:treatment|therapy)\s+with\s+(?=(?:systemic\s+)?(?:cortico)?steroids\b)"
    r"|(?<=\brequires\s)(?:treatment|therapy)\s+with\s+(?=(?:systemic\s+)?(?:cortico)?steroids\b)")
_HYPHENED_RESULT = _lazy("_HYPHENED_RESULT",
    r"(?i)\b(?P<test>HIV|HIV-?1|HIV-?2|HBsAg|HBcAb|HBeAg|HCV|HBV|HTLV|HTLV-?1|HTLV-?I|CMV|EBV|antigen|antibody|antibodies|Ab|Ag)-"
    r"(?=(?:sero)?(?:negative|positive)\b)")


def _read(norm: str, section: Section, offset: int, inherit: tuple[str, ...]) -> ir.Rule:
    """`_interpret` of a text whose long blanks (the phrases blanked above, same length: a criterion's own whitespace is
    one space) are read as one space, with the rule's spans put back in the text's places. A run of a hundred spaces
    made some patterns with two whitespace parts in a row slow beyond use (a seed criterion took 0.6 s)."""
    if " " * 24 not in norm:
        return _interpret(norm, section, offset, inherit)
    where: list[int] = []  # (each place in the squeezed text: its place in `norm`)
    parts: list[str] = []
    last = 0
    for m in _LONG_BLANK.finditer(norm):
        parts.append(norm[last : m.start()] + " ")
        where.extend(range(last, m.start() + 1))
        last = m.end()
    parts.append(norm[last:])
    where.extend(range(last, len(norm) + 1))
    short = "".join(parts)

    def back(rule: ir.Rule) -> ir.Rule:
        rule = ir.map_children(rule, back)
        if rule.span is None:
            return rule
        a, b = rule.span
        update: dict[str, object] = {"span": (offset + where[a], offset + where[b])}
        if isinstance(rule, (ir.FreeText, ir.NoRequirement)) and rule.text and short[a:b].strip() == rule.text:
            update["text"] = norm[where[a] : where[b]].strip()  # (its words where they stand; shown as written below)
        return rule.model_copy(update=update)

    return back(_interpret(short, section, 0, inherit))


_LINE_SPLIT = _lazy("_LINE_SPLIT",
    r"(?i)(?:[,;]\s*|\(\s*|\.\s+|\b(?:and|where|with)\s+)(?:(?:a|an|any|each)\s+)?(?:prior\s+)?"
    r"(?P<what>(?:(?!\b(?:and|or|with|without|followed|plus|induction|maintenance|consolidation|not|never|no|does|do|did|should|shall|must|can|cannot|will|would|may|each)\b)[\w/-]+\s+){0,5}?"
    r"(?:(?!\b(?:and|or|with|without|followed|plus|induction|maintenance|consolidation|not|never|no|does|do|did|should|shall|must|can|cannot|will|would|may|each)\b)[\w/-]+))\s+"
    r"(?P<neg>(?:does|do|should|shall|will|is|are|must)\s+not\s+(?:be\s+)?|doesn't\s+|don't\s+|never\s+|cannot\s+(?:be\s+)?|"
    r"(?:is|are)\s+never\s+)?"
    r"(?:counts?\s+as|count\s+as|(?:(?:is|will\s+be)\s+)?(?:counted|considered|regarded)(?:\s+as)?)\s+"
    r"(?:a|an|one|1)\s+(?:separate\s+|additional\s+|distinct\s+|independent\s+)?(?:prior\s+)?(?:treatment\s+|therapy\s+)?"
    r"(?:line|regimen)\b(?:\s+of\s+(?:therapy|treatment))?\s*\)?\s*[.;]?\s*$")
"""'…; prior ASCT counts as one line', '(ASCT counts as a separate line)': one thing counted as a line of its own, at the
criterion's end."""


def _counted_as_a_line(norm: str, split: re.Match[str], section: Section, offset: int, inherit: tuple[str, ...]) -> ir.Rule:
    """'At least 3 prior lines; prior ASCT counts as one line': the count as a record gives it, or one less with the named
    thing had (whether the record's count holds it is not said); under a cap, the count as recorded without the thing
    had ('At most 3 prior lines; …': counted so, 4 lines on record are too many). Read so for one least or greatest
    number of lines and a named therapy or procedure; anything else stays text (read as a requirement, a patient
    without a transplant failed)."""
    a, b = split.start(), split.end()
    rule = _read(norm[:a] + " " * (b - a) + norm[b:], section, offset, inherit)
    what = _interpret(split.group("what"), "inclusion", offset + split.start("what"), ())
    note = ir.FreeText(text=norm[a:b].strip(" ,;.()"), reason="not_understood", span=(offset + a, offset + b))
    whole = (offset, offset + len(norm))
    lines = [x for x in _all_rules(rule) if isinstance(x, (ir.Comparison, ir.Range)) and x.concept == "prior_lines"]
    if (len(lines) == 1 and isinstance(lines[0], ir.Comparison) and lines[0].op in (">=", ">", "<=", "<")
            and not any(isinstance(x, ir.Not) for x in _all_rules(rule))
            and isinstance(what, ir.History) and what.category in ("therapy", "procedure") and not what.window
            and not what.qualifiers and not what.excluding):
        old = lines[0]
        if (old.op in (">=", ">")) == (split.group("neg") is None):  # (enough lines as recorded, or one short with the thing had)
            counted: ir.Rule = ir.AnyOf(items=[old, ir.AllOf(items=[what, note], span=note.span)], span=old.span)
        else:  # (within a cap as recorded, and without the thing had, or perhaps with it; 'ASCT does not count as a line'
            # beside a least number: the record's count may hold it)
            counted = ir.AllOf(items=[old, ir.AnyOf(items=[ir.Not(item=what, span=what.span), note], span=note.span)],
                               span=old.span)

        def swap(r: ir.Rule) -> ir.Rule:
            return counted if r is old else ir.map_children(r, swap)

        return swap(rule)
    return ir.FreeText(text=norm.strip(), reason="not_understood", span=whole)


_ALTERNATIVE_WORD = _lazy("_ALTERNATIVE_WORD", r"(?i)\b(?:or|and/or|either)\b")
_RR_DEFINED = _lazy("_RR_DEFINED",
    r"(?i)(?P<before>\brelapsed\s+(?:or|and|and/or)\s+refractory\s+(?:multiple\s+myeloma|myeloma|MM)\b[^;.]{0,120}?)"
    r"(?P<lead>\s*,?\s*(?:where|in\s+which|and)\s+"
    r"(?:relapsed\s+(?:or|and|and/or)\s+refractory|relapsed/refractory|R/R)\s+(?:disease\s+)?(?:is|are)\s+defined\s+as\s*:?\s*"
    r"(?:multiple\s+myeloma|myeloma|MM|disease)\s+that\s+(?:has\s+)?(?:failed|relapsed|progressed)(?:\s+(?:or|and|and/or)\s+"
    r"(?:failed|relapsed|progressed))?\s+(?:after|on|following)\s+)(?=(?:at\s+least|a\s+minimum\s+of|≥|>=|more\s+than)\s)")


_BASED_CHEMO = _lazy("_BASED_CHEMO", r"(?i)(?P<what>(?:[\w/]+[\s-]+){0,3}?[\w/]+)-based\s+(?P<chemo>chemotherapy)(?=\s+regimens?\b)")


def _backbone(v: Vocabulary, rule: ir.Rule) -> bool:
    """Whether a rule is the history of one of the lexicon's `regimen_backbones` (a proteasome inhibitor, bortezomib; a
    class broader than another listed one, 'immunomodulator', by its own name only)."""
    if not (isinstance(rule, ir.History) and rule.category == "therapy" and len(rule.concepts) == 1 and rule.concepts[0] in v.terms):
        return False
    backbones = lexicon().regimen_backbones
    broad = {b for b in backbones if any(b in v.terms[o].ancestors for o in backbones if o != b and o in v.terms)}
    term = v.terms[rule.concepts[0]]
    return term.id in backbones or bool(term.ancestors & (backbones - broad))


def _based_not_chemo(m: re.Match[str]) -> str:
    """'proteasome inhibitor-based chemotherapy regimen' → 'proteasome inhibitor-based              regimen', where the
    therapy named before '-based' is one of the lexicon's `regimen_backbones` (myeloma's: a bortezomib-lenalidomide-
    dexamethasone regimen holds no chemotherapy); others stay ('platinum-based', 'rituximab-based chemotherapy regimen')."""
    v = vocabulary()
    found = v.find_terms(m.group("what"))
    if not found or found[-1][1] != len(m.group("what")):
        return m.group()
    # (a listed class broader than another listed one, 'immunomodulator' over 'imid', counts by its own name only: its
    # kinds hold rituximab and pembrolizumab)
    if not _backbone(v, ir.History(category="therapy", concepts=[found[-1][2]])):
        return m.group()  # ('rituximab-based chemotherapy regimen': chemotherapy with rituximab, R-CHOP)
    return m.group()[: m.start("chemo") - m.start()] + " " * len(m.group("chemo"))


_REFRACTORY_ONE = _lazy("_REFRACTORY_ONE",
    r"(?i)\b(?:(?:double|triple|quad(?:ruple)?|penta)[-\s]+(?:class[-\s]+)?)?refractory\s+to\s+(?P<q>(?:at\s+least|a\s+minimum\s+of)\s+(?:one|1)|one)\s+")
_INCLUDING_ONE = _lazy("_INCLUDING_ONE", r"(?i)\b(?:including|included|includes?)\s+(?P<q>(?:at\s+least|a\s+minimum\s+of)\s+(?:one|1)|one)\s+")
_REFRACTORY_NEXT_ONE = _lazy("_REFRACTORY_NEXT_ONE",
    r"(?i)\s*(?:,\s*(?:and|or|and/or)?|and|or|and/or)\s+(?P<q>(?:at\s+least\s+)?(?:one|1))\s+")


_LINE_COUNTING = _lazy("_LINE_COUNTING",
    r"(?i)(?:\s*,?\s*(?:in\s+which|where|whereby)\s+|\s*[(\[]\s*(?:note\s*[:-]?\s*)?|\s*\.?\s*note\s*[:-]\s*"
    r"|\s*(?:[.;:,]|\s[-–—])\s*(?:note\s*[:-]?\s*)?)(?:the\s+)?induction\b"
    r"(?=[^.;()]{0,200}?\b(?:transplant|maintenance))"
    r"(?:(?!\b(?:each|separately|individually|independently|not|never|cannot|can't|don't|doesn't|nor)\b)[^.;()]){0,200}?"
    r"\b(?:(?:is|are)\s+(?:considered|counted)|counts?)\s+(?:as\s+)?(?:a\s+single|a|one|1|a\s+single)\s+(?:single\s+)?"
    r"(?:lines?(?:\s+of\s+(?:therapy|treatment))?|(?:treatment\s+|therapeutic\s+)?regimen)"
    r"(?:\s+if\s+no\s+(?:disease\s+)?progression\s+occurs(?:\s+during\s+(?:the\s+)?treatment)?)?\s*\)?")
"""'in which induction chemotherapy, stem cell transplantation, and maintenance therapy given consecutively are considered
a treatment regimen if no disease progression occurs during treatment', '(The induction and maintenance therapies
associated with hematopoietic stem cell transplantation, whether one or both were performed, are considered as one
therapeutic regimen)', 'Note: induction with or without hematopoietic stem cell transplant and with or without
maintenance therapy is considered a single regimen': the IMWG way of counting lines."""
_GUIDELINE_REF = _lazy("_GUIDELINE_REF",
    r"(?i)\b(?:according\s+to|in\s+accordance\s+with|as\s+defined\s+(?:by|in)|defined\s+(?:by|per)|per|based\s+on)\s+(?:the\s+)?"
    r"(?:(?:current|revised|updated|latest)\s+)?"
    r"(?:[\"“](?=[^\"”]*(?:guideline|criteria|consensus))[^\"”]{3,160}[\"”]"
    r"|(?-i:(?:IMWG|IWG|NCCN|ESMO|WHO|ELN|(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,6})(?:\s+\d{4})?)"
    r"(?:\s*\([^()]{1,40}\))?\s+(?:diagnostic\s+|consensus\s+|response\s+|uniform\s+)?(?:criteria|guidelines?)(?!\s+in\s+solid\b)"
    r"(?:\s+for\s+(?:the\s+)?(?:diagnosis\s+(?:and\s+treatment\s+)?of\s+)?(?:multiple\s+myeloma|myeloma|MM))?)"
    r"(?:\s*\([^()]{1,40}\))?")
"""'according to IMWG criteria', 'according to the Efficacy Evaluation Criteria for multiple myeloma (IMWG)', 'in
accordance with the "Guidelines for the Diagnosis and Treatment of Multiple Myeloma in China (2022 Revision)"'."""


def _refractory_counts(text: str) -> str:
    """'Refractory to at least one PI, one IMiD and one anti-CD38 antibody': refractory to a therapy of each class, as
    'refractory to a PI, an IMiD and an anti-CD38 antibody' says (the counts blanked, same length). Only where a therapy
    the vocabulary names follows each count."""
    v = vocabulary()

    def therapy_at(at: int) -> int | None:
        found = [t for t in v.find_terms_and_halves(text[at : at + 80])[0] if t[0] == 0]
        return at + found[0][1] if found and v.terms[found[0][2]].category == "therapy" else None

    out = list(text)
    for m in (*_REFRACTORY_ONE.finditer(text), *_INCLUDING_ONE.finditer(text)):
        end = therapy_at(m.end())
        if end is None:
            continue
        out[m.start("q") : m.end("q")] = " " * (m.end("q") - m.start("q"))
        while (n := _REFRACTORY_NEXT_ONE.match(text, end)) is not None and (nxt := therapy_at(n.end())) is not None:
            out[n.start("q") : n.end("q")] = " " * (n.end("q") - n.start("q"))
            end = nxt
    return "".join(out)


def forget() -> None:
    """Drop the criteria read so far (benchmarks time cold reads with it)."""
    _remembered.cache_clear()


def _as_written(rule: ir.Rule, norm: str, text: str) -> ir.Rule:
    """The rule with its free-text leaves' words taken from the original text."""
    if isinstance(rule, (ir.FreeText, ir.NoRequirement)) and rule.text:
        at = norm.find(rule.text)
        if at < 0:
            return rule
        end = at + len(rule.text)
        blank = len(norm) - len(norm[end:].lstrip(" ")) if norm[end:].startswith(" ") else end
        if blank > end and text[end:blank].strip().startswith("("):
            end = len(text[:blank].rstrip())  # the restated initials blanked at its end are shown as written
        return rule.model_copy(update={"text": text[at:end]})
    return ir.map_children(rule, lambda r: _as_written(r, norm, text))


def _unread(text: str, offset: int) -> ir.FreeText:
    """The whole criterion text, left unread."""
    return ir.FreeText(text=text.strip(), reason="not_understood", span=(offset, offset + len(text)))


def _interpret(text: str, section: Section, offset: int, inherit: tuple[str, ...], scopes: bool = True) -> ir.Rule:
    vocab = vocabulary()
    lex = lexicon()
    stripped = text.strip()
    if not stripped:
        return ir.NoRequirement(text=text, span=(offset, offset + len(text)))
    site = attestation(text, section, offset)
    if site is not None:
        return site
    if "*" in text and (fm := _FOOTNOTE_MARK.search(text)) is not None:
        # 'Alkaline phosphatase no greater than 2 times normal*': a footnote elsewhere in the record may carve out
        # of the rule (it can only turn a 'fail' into 'unknown', and a reason to exclude into 'unknown')
        rule = _interpret(text[: fm.start()] + " " * (fm.end() - fm.start()) + text[fm.end() :], section, offset, inherit)
        mark = ir.FreeText(text="a footnote ('*') the criterion points to", reason="not_understood",
                           span=(offset + fm.start(), offset + fm.end()))
        if isinstance(rule, (ir.FreeText, ir.NoRequirement)):
            return rule
        return _join([rule, mark], "any" if section == "inclusion" else "all", (offset, offset + len(text)))
    if ":" in text and " as " in text and (follows := _values_follow(text, section, offset, inherit, scopes)) is not None:
        return follows
    if "uspected" in text and (ks := _KNOWN_OR_SUSPECTED.search(text)) is not None and (
            (suspected := _known_or_suspected(text, ks, section, offset, inherit, scopes)) is not None):
        return suspected
    if "ULN" in text and " for " in text and (ft := _FOR_HIGH_TOTAL.search(text)) is not None and (
            (dropped := _without_the_complement(text, ft, section, offset, inherit)) is not None):
        return dropped
    if "a)" in text and ("ollowing" in text or "of:" in text) and (lettered := _lettered_list(text, section, offset, inherit)) is not None:
        return lettered
    if section == "exclusion" and "(" in text and (pb := _PERMIT_BRACKET.search(text)) is not None and _TEST_WORDS.search(pb.group(0)):
        # 'HBcAb positive (patients with positive HBcAb and negative HBV DNA may be enrolled)': the bracket lets some of
        # those the reason names in; read as more of the reason's words, it excluded exactly them. The reason without the
        # bracket, narrowed by it unread
        rule = _interpret(text[: pb.start()] + " " * (pb.end() - pb.start()) + text[pb.end() :], section, offset, inherit)
        carve = ir.FreeText(text=pb.group(0).strip(), reason="not_understood", span=(offset + pb.start(), offset + pb.end()))
        return _join([rule, carve], "all", (offset, offset + len(text)))
    if "ollowing" in text and ":" in text and (listed := _inline_any_list(text, section, offset, inherit)) is not None:
        return listed
    if "b)" in text and "a)" in text and _unjoined_letters(text):
        # ('Measurable disease: a) serum M-protein ≥ 1.0 g/dL b) urine M-protein ≥ 200 mg/24 h', 'a) ANC ≥ 1.0 b) platelets
        # ≥ 75'): a lettered list with nothing saying how its items join, all of them or any one; read as one clause, every
        # item was required (a patient meeting the definition by urine alone failed)
        return _unread(text, offset)
    if " not " in text and (nf := _NOT_FOR.search(text)) is not None:
        # 'Total bilirubin ≤ 1.5 × ULN (ULN; does not include patients with Gilbert's Disease)': the limit leaves
        # them out; what holds for them instead is not said
        who = _interpret(nf.group("who"), "exclusion", offset + nf.start("who"), inherit)
        unmarked = text[: nf.start()] + " " * (nf.end() - nf.start()) + text[nf.end() :]
        if isinstance(who, ir.History) and who.category == "condition":
            rule = _interpret(unmarked, section, offset, inherit)
            if any(not isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(rule)):
                other = ir.FreeText(text="what holds for them instead is not said", reason="not_understood",
                                    span=(offset + nf.start(), offset + nf.end()))
                return ir.Except(rule=rule, exception=who, alternative=other, otherwise=section == "inclusion",
                                 span=(offset, offset + len(text)))
        return _unread(text, offset)
    if "apply" in text and (na := _NOT_APPLY.search(text)) is not None and text[: na.start()].strip(" ."):
        # 'ECOG 0 or 1. This inclusion criterion does not apply to Expansion phase Arm B': a carve-out for a group the
        # record does not name (read as more words of the rule, an Arm B patient with ECOG 2 failed)
        rule = _interpret(text[: na.start() + 1], section, offset, inherit)
        carve = ir.FreeText(text=text[na.start() + 1 :].strip(), reason="not_understood",
                            span=(offset + na.start() + 1, offset + len(text)))
        return _join([rule, carve], "any" if section == "inclusion" else "all", (offset, offset + len(text)))
    if ("time of" in text or "diagnos" in text or "ge at" in text) and _AGE_AT_EVENT.search(text):
        # 'Under 18 years of age at time of transplantation': the age at a past event, not today's
        return _unread(text, offset)
    if "while" in text and _FUTURE_NEED.search(text):
        # 'Requires any other form of systemic or localized antineoplastic therapy while on study': what the patient
        # will need is in no record (a past therapy is not it)
        return _unread(text, offset)
    if section == "exclusion" and _MUST_NOT.match(text) and not _NO_X_ALLOWED.match(text):
        # 'Participant must not have evidence of leptomeningeal disease', 'No history of intracranial hemorrhage' in
        # the exclusion list: read as written it would exclude everyone without it; meant, it excludes those with
        # it. Which one is not ours to pick
        return _unread(text, offset)
    if (section == "exclusion" and "lso" in text and ";" not in text and (_ELIGIBLE_LEAD.match(text) or (
            (also := _ALSO_LET_IN.search(text)) is not None and not re.search(r"[.;]\s", text[: also.start()])))):
        # (not 'ECOG ≥ 2. Patients with ECOG 2 may also be enrolled.': a reason, then who is let in from it)
        # 'Also eligible: patients with prior autologous transplant' among the exclusions: who may take part, no reason
        # to exclude
        return ir.NoRequirement(text=stripped, why="permission", span=(offset, offset + len(text)))
    if section == "inclusion" and "lso" in text and (_ELIGIBLE_LEAD.match(text) or _ALSO_LET_IN.search(text)):
        # 'Also eligible: patients with plasma cell leukemia', 'Patients with plasma cell leukemia will also be included':
        # a group let in beside the others, which widens another criterion (read as a requirement, everyone without it
        # failed)
        return _unread(text, offset)
    if (section == "exclusion" and ("eligible" in text or "allowed" in text or "permitted" in text) and _WHO_ARE_ELIGIBLE.match(text)
            and not re.search(r"(?i)\b(?:and|but|only\s+if|provided)\b", re.sub(r"\([^()]*\)", " ", text))):
        # 'Patients with treated brain metastases are eligible.', 'Note: Participants with asymptomatic brain metastases
        # (…) are permitted.' in the exclusions: who may take part, no reason to exclude (read as one, it excluded them;
        # in the inclusions, the group let in or the group required is not said; not 'Participants who have a known
        # history of HIV positive and are on effective ART … are eligible': the others with it are excluded)
        return ir.NoRequirement(text=stripped, why="permission", span=(offset, offset + len(text)))
    if section == "inclusion" and (_GROUP_SCOPED.match(text) or _AGE_GROUP_LEAD.match(text)):
        # 'Patients aged 70 years or older must have ECOG 0-1', 'Male patients must have hemoglobin ≥ 13 g/dL': binds only
        # that age group or sex, and what holds for the others is not said here (read with the group as a requirement,
        # a 65-year-old and a woman failed)
        return _unread(text, offset)
    if scopes and section == "inclusion" and (sp := _scope_phrase(text)) is not None:
        # 'LVEF ≥ 50% in patients aged 60 or older', 'Age ≥ 18 years; in Japan, age ≥ 20 years', 'Platelets ≥ 75 × 10⁹/L
        # (Cohort A only)', 'ANC ≥ 1.0 × 10⁹/L where applicable': the rule binds only a group the record does not place the
        # patient in (read with the group's words as one more requirement, everyone outside it failed). Met, the rule
        # holds; unmet, it may not bind the patient
        a, b, kind = sp
        cut = max((e for s0, e in _split_top(text, ";") if e < a and text[e : e + 1] == ";"), default=None) if (
            kind in ("age", "region") and not re.search(r"(?i)\bor\b", text[:a] + " " * (b - a) + text[b:])) else None
        if cut is not None and text[:cut].strip():
            # ('Age ≥ 18 years; in Japan, age ≥ 20 years'): the clauses before the group's are everyone's
            first = _interpret(text[:cut], section, offset, inherit)
            second = _scoped_rule(text[cut + 1 :], section, offset + cut + 1, inherit, a - cut - 1, b - cut - 1, kind)
            if second is not None and not isinstance(first, (ir.FreeText, ir.NoRequirement)):
                return _join([first, second], "all", (offset, offset + len(text)))
        elif kind != "region" and (scoped := _scoped_rule(text, section, offset, inherit, a, b, kind)) is not None:
            return scoped  # (not a place alone: 'Age ≥ 18 years in the US' says nothing of elsewhere)
        if kind != "cohort":
            plain = _interpret(text, section, offset, inherit, scopes=False)
            if all(isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(plain)):
                return plain  # (text all the same, with its own reason: 'in the opinion of the investigator')
            if kind == "age" and not all(isinstance(x, (*ir.MEASURED, ir.FreeText, ir.NoRequirement)) for x in ir.leaves(plain)):
                return plain  # ('Diagnosis of AML in patients ≥ 60 years of age': the age is who is eligible, as read)
            return _unread(text, offset)  # ('Age ≥ 18 years in the US', 'In China, platelets ≥ 75': what holds elsewhere is not said)
    if section == "exclusion" and ((("eligible" in text or "allowed" in text or "permitted" in text) and _KIND_ARE_ELIGIBLE.match(text))
                                   or _ONLY_LEAD.match(text)):
        # 'HIV-negative patients are eligible', 'Only female patients are eligible' in the exclusions: the group let in,
        # or the only one? (read as its finding, it excluded the HIV-negative; as a permission, 'only' let everyone in)
        return _unread(text, offset)
    if (("allowed" in text or "permitted" in text or "acceptable" in text) and _PERMISSION.match(text) and not _RESTRICTS.search(text)
            and not (section == "exclusion" and (re.search(r",|;|\s[-–—]\s", text) or _REASON_THEN_COLON.match(text)))):
        # ('Prior allogeneic SCT, autologous SCT allowed', 'Prior BCMA-directed therapy - prior belantamab allowed': read below)
        # 'Prior radiotherapy allowed': permits, requires nothing (and is not a way to meet a list)
        return ir.NoRequirement(text=stripped, why="permission", span=(offset, offset + len(text)))
    probe = _CONSENT_AS_TIME.sub(" ", text) if "onsent" in text else text
    low = probe.lower()
    maybe = lex.any_not_decidable_key.search(low)
    for nd in lex.not_decidable if maybe else ():
        if any(k in low for k in nd.keys) and nd.regex.search(probe):  # (its own keys first: the regexes are slow)
            split = _set_aside_alternative(text, section, offset, inherit, nd)
            if split is not None:
                return split
            return ir.FreeText(text=stripped, reason=nd.reason, span=(offset, offset + len(text)))
    if section == "exclusion" and _MUST_HAVE.match(text):
        # 'Platelets must be ≥ 100 × 10^9/L', 'Patients must have creatinine ≤ 1.5 mg/dL' in the exclusion list: a
        # requirement listed there; read as written, it would exclude those who meet it
        return _unread(text, offset)
    ctx = _Ctx(text=text, offset=offset, section=section, vocab=vocab, inherit=inherit)
    if ";" in text and (gm := _GROUP_LIMIT.match(text)) is not None:
        # 'AST/ALT ≤ 3 × ULN; ≤ 5.0 × ULN in patients with liver metastases': the second limit replaces the first for
        # that group (read as one more requirement of the group, a liver-metastasis patient at 4 × ULN failed)
        main_rule = _clause(ctx, 0, gm.end("main"))
        who = _clause(replace(ctx, section="exclusion"), gm.start("who"), gm.end("who"))
        alt = ir.FreeText(text=text[gm.start("alt") : gm.end("who")].strip(), reason="not_understood",
                          span=(offset + gm.start("alt"), offset + gm.end("who")))
        if not isinstance(main_rule, (ir.FreeText, ir.NoRequirement)):
            return ir.Except(rule=main_rule, exception=who, alternative=alt, span=(offset, offset + len(text)))
        return _unread(text, offset)
    if section == "exclusion" and "if" in text and (em := _ENROLLED_IF.match(text)) is not None and not re.search(
            r"(?i)\b(?:which|that|who)\s*$", em.group("scope")):  # (not '… bone lesions, which is allowed if …')
        # 'Patients with positive HCV antibody can be enrolled only if HCV RNA is negative' (excluded): those in scope
        # are excluded unless the condition holds; the condition is not read, so only those out of scope are decided
        scope = _clause(ctx, em.start("scope"), em.end("scope"))
        cond = ir.FreeText(text=f"unless {text[em.start('cond') :].strip()}", reason="not_understood",
                           span=(offset + em.start("cond"), offset + len(text)))
        return ir.AllOf(items=[scope, cond], span=(offset, offset + len(text)))
    if section == "inclusion" and "equired" in text and (rq := _REQUIRED_OF.match(text)) is not None:
        # 'Durable power of attorney required of all patients 18-21 years of age': whom the requirement binds (read as
        # an age limit of everyone, a 46-year-old failed)
        who = _clause(replace(ctx, inherit=("age",)), rq.start("who"), rq.end("who"))
        what = ir.FreeText(text=text[: rq.end("main")].strip(), reason="not_understood", span=(offset, offset + rq.end("main")))
        if (isinstance(who, (ir.FreeText, ir.NoRequirement)) or _ANOTHER_LIMIT_FIRST.search(text, 0, rq.end("main"))
                or "," in text[: rq.end("main")] or len(_LIMIT_WORD.findall(text, 0, rq.end("main"))) >= 2):
            # ('Hemoglobin ≥ 8 g/dL. Note: hemoglobin ≥ 9 g/dL required for patients with cardiac disease', 'Bilirubin ≤ 1.5 ×
            # ULN (≤ 3 × ULN required for patients with Gilbert syndrome)': a limit for everyone, then one for the group,
            # stricter or looser; read as the group's requirement alone, the first limit was lost; not read)
            return _unread(text, offset)
        return ir.AnyOf(items=[ir.Not(item=who, span=who.span), what], span=(offset, offset + len(text)))
    if section == "inclusion":
        m = _scoped(text)
        if m:
            scope = _clause(ctx, m.start("scope"), m.end("scope"))
            as_read = scope  # ('previously treated with a PI, an IMiD and an anti-CD38 antibody': all three, as written)
            if isinstance(scope, ir.AllOf) and all(isinstance(x, ir.History) for x in scope.items):
                scope = ir.AnyOf(items=scope.items, span=scope.span)  # 'patients with NHL and CLL': either group
            if _BARRED.fullmatch(text, m.start("modal")):
                # 'Patients with brain metastases are not eligible': the group itself is barred (each of a list on
                # its own: read as a reason to exclude)
                barred = _clause(replace(ctx, section="exclusion"), m.start("scope"), m.end("scope"))
                return ir.Not(item=barred, span=(offset, offset + len(text)))
            cut = next((e for s0, e in _split_top(text, ";") if e > m.start("modal") and e < len(text)
                        and text[e + 1 :].strip(" .")), None)
            if cut is not None and _OWN_GROUP.search(text, cut):
                cut = None  # ('…; calcium ≤ 10.5 mg/dL in patients without bone metastases': the tail names its own group)
            rest = _clause(ctx, m.start("modal"), cut if cut is not None else len(text))
            # 'Patients who received CAR-T should not be included until 3 months after it':
            # it binds only those in scope, so it holds for everyone else.
            scoped = ir.AnyOf(items=[ir.Not(item=scope, span=scope.span), rest], span=(offset, offset + len(text)))
            if re.match(r"(?i)(?:previously|treated)\b", m.group("scope")):
                # ('Patients previously treated with a PI, an IMiD and an anti-CD38 antibody must have ECOG 0-1'): whom the
                # rest binds, or who is eligible? Decided where both readings agree (read as whom it binds, a patient with
                # none of them passed; as who is eligible, one without CAR-T failed 'Patients previously treated with CAR-T
                # must have platelets ≥ 75')
                which = ir.FreeText(text="whether the rest binds only the patients named, or names who is eligible",
                                    reason="not_understood", span=scope.span)
                scoped = ir.AnyOf(items=[ir.AllOf(items=[as_read, rest], span=(offset, offset + len(text))),
                                         ir.AllOf(items=[ir.Not(item=as_read, span=scope.span), which], span=scope.span)],
                                  span=(offset, offset + len(text)))
            if cut is None:
                return scoped
            # 'Patients with history of pulmonary disease must have FEV1 at least 50%; ECOG 0-2': what follows the
            # semicolon binds those in scope, or everyone; decided where both agree (read as binding those in scope
            # only, an ECOG 4 without lung disease passed)
            after = _interpret(text[cut + 1 :], section, offset + cut + 1, inherit)
            which = ir.FreeText(text="whether the rest binds only the patients named before", reason="not_understood",
                                span=(offset + cut + 1, offset + len(text)))
            return ir.AllOf(items=[scoped, ir.AnyOf(items=[after, ir.AllOf(items=[ir.Not(item=scope, span=scope.span), which],
                                                                              span=which.span)], span=after.span)],
                            span=(offset, offset + len(text)))
        if (dm := _disease_subject(text)) is not None:
            # 'Stage I multiple myeloma must have had prior chemotherapy before undergoing transplantation': a disease as
            # the subject binds the rest to those who have it (read for everyone, a stage II patient without
            # chemotherapy failed)
            scope = _clause(ctx, dm.start("scope"), dm.end("scope"))
            rest = _clause(ctx, dm.start("modal"), len(text))
            return ir.AnyOf(items=[ir.Not(item=scope, span=scope.span), rest], span=(offset, offset + len(text)))
    clauses = _inline_items(text, _split_top(text, ";"))
    if section == "inclusion" and "a)" in text and (lone := _lone_letter_item(text)) is not None:
        # '… is considered a single line of therapy a) Undergone at least 1 complete cycle of treatment for each line':
        # a lone lettered item run into the criterion adds a requirement of its own (read into the sentence before, the
        # whole stayed text). Not a list ('a) … b) …'), whose items may be alternatives
        clauses = [piece for c0, c1 in clauses for piece in ([(c0, lone.start()), (lone.end(), c1)] if c0 < lone.start() < c1 else [(c0, c1)])]
    if ":" in text:
        clauses = _at_subheadings(text, clauses)
    if section == "exclusion" and ("ust" in text or "hould" in text):
        clauses = _requirement_sentences(text, clauses)
    if section == "inclusion" and ". " in text and "may" in text and _MAY_SENTENCE.search(text):
        # 'Patients must be HIV-negative. … Patients may be Hepatitis B core antigen positive, but surface antigen negative
        # and without evidence of active infection. Patients must be Hepatitis C negative.': a sentence that permits
        # stands apart from the requirements around it (read with them, 'without active infection' was required of all)
        clauses = [piece for s, e in clauses for piece in _split_at(text, s, e, _PATIENT_SENTENCE)]
        # (and after it: 'Patients may have received prior radiotherapy. Platelets must be ≥ 100,000/mm3.' holds a
        # requirement of its own, which read inside the permission was lost)
        clauses = [piece for s, e in clauses for piece in (_split_at(text, s, e, _SENTENCE_END)
                                                           if _MAY_OPENS.match(text, s) else [(s, e)])]
    if (section == "inclusion" and ". " in text and ("ligible" in text or "llowed" in text or "ermitted" in text or "nclude" in text
                                                     or "nroll" in text or "ccepted" in text) and "xcept" not in text
            and _LET_IN_SENTENCE.search(text)):
        # 'ECOG performance status 0-2. Patients with ECOG 3 due to bone pain are eligible.': a group let in beside the
        # requirement before, which it widens (joined as one more requirement, ECOG 3 failed)
        clauses = [piece for s, e in clauses for piece in _split_at(text, s, e, _LET_IN_SENTENCE)]
    if section == "inclusion" and ". " in text and ("xclud" in text or "ligible" in text) and _BARRED_GROUP_SENTENCE.search(text):
        # 'Women must not be pregnant (confirmed by test). Breastfeeding women are excluded': a sentence barring a group is
        # a requirement of its own (read with the one before under its 'excluded', the pregnancy bar turned round)
        clauses = [piece for s, e in clauses for piece in _split_at(text, s, e, _BARRED_GROUP_SENTENCE)]
    if section == "exclusion" and ". " in text and ("not" in text or "xclud" in text):
        # 'Has had encephalopathy in the last 6 months. Participants on rifaximin or lactulose to control their
        # encephalopathy are not allowed.': a second reason to exclude, not a condition of the first
        clauses = [piece for s, e in clauses for piece in _split_at(text, s, e, _BARRED_SENTENCE)]
    if section == "exclusion" and ". " in text and ("ligible" in text or "llowed" in text or "ermitted" in text or "nclude" in text
                                                     or "nroll" in text):
        # 'Active hepatitis B infection (HBsAg positive). Patients with HBsAg positive and HBV DNA undetectable … are
        # eligible.': a second sentence that lets some in carves out of the first (read as more of its words, it made the
        # exclusion need an undetectable virus)
        clauses = [piece for s, e in clauses for piece in _split_at(text, s, e, _ELIGIBLE_SENTENCE)]
    clauses = [(s, e) for s, e in _merge_conditionals(text, clauses) if text[s:e].strip(" .,:")]
    if len(clauses) > 1 and text[clauses[-1][0] : clauses[-1][1]].strip(" .,:").lower() == "or":
        # '… ≥ 200 mg/24 hours; or' (the next item the alternative): the 'or' is the item's link to the next, which
        # `interpret` reads from the text's end; as a clause of its own it was one more unread requirement
        clauses = clauses[:-1]
    if len(clauses) > 1 and ("following" in text or "hese" in text) and (lead := _FOLLOWING_LEAD.search(text, clauses[0][0], clauses[0][1])) is not None and (
            _NEGATED_LEAD.search(lead.group()) or (q := list_quantifier(lead.group())) is not None
            and q[0] != ("all" if section == "inclusion" else "any")):
        # 'None of the following laboratory abnormalities: ANC < 1.0 x 10^9/L; platelets < 75 x 10^9/L', 'Any of the
        # following: …; …' among the inclusions: the lead says how the clauses after its colon join, which is not how a
        # criterion's clauses are joined (read so, platelets of 150 failed the first)
        return _unread(text, offset)
    if len(clauses) > 1 and ";" in text and _list_runs_on(text, clauses):
        # 'No history of alcoholism, psychiatric or neurological illness, …; hypertension or other cardiovascular
        # disorder; cancer; …', 'No concurrent medication … except NSAIDs; low doses of antihistamine; H2
        # antagonists': the items after ';' go on the first clause's list, under its 'No' or its 'except'; read
        # as requirements of their own they would ask for cancer, or for H2 antagonists
        return _unread(text, offset)
    note_at = _note_start(text) if "ote" in text or "OTE" in text or "ppl" in text or "nclude" in text else None
    if note_at is not None:
        # 'Hemoglobin ≥ 9 g/dL Note: Patients with Hb 7 to ≤ 9 g/dL (without bleeding) transfused prior to dosing':
        # a note comments on the rule; its numbers are not more limits
        clauses = [(s, min(e, note_at)) for s, e in clauses if s < note_at and text[s:min(e, note_at)].strip(" .,:(*")]
    rules: list[ir.Rule] = []
    or_led = [k > 0 and _OR_ITEM.match(text, s) is not None for k, (s, e) in enumerate(clauses)]
    and_led = [k > 0 and re.match(r"(?i)\s*and\s+", text[s:e]) is not None for k, (s, e) in enumerate(clauses)]
    # ('…; or HCV antibody with detectable HCV RNA': the 'or' joins the clause to the one before; read inside it, the
    # words after it became an alternative of their own)
    clauses = [((om.end() if (om := _OR_ITEM.match(text, s)) is not None and k > 0 and text[om.end() : e].strip() else s), e)
               for k, (s, e) in enumerate(clauses)]
    made: list[int] = []  # how many rules there were before each clause (a clause may carve out of the rule before)
    for s, e in clauses:
        made.append(len(rules))
        if section == "exclusion" and ("ust" in text or "hould" in text or "hall" in text or "equire" in text or "eed" in text) and (
                _GROUP_MUST.search(text, s, e)):
            # 'Patients who are HCV antibody positive must have negative HCV RNA', '…; HBcAb positive patients must have
            # undetectable HBV DNA' (excluded): a group's requirement, which excludes those of the group who miss it; read
            # as a reason of its own, it excluded those who meet it
            group = ir.FreeText(text=text[s:e].strip(), reason="not_understood", span=(offset + s, offset + e))
            if rules and _same_subject(rules[-1], _interpret(text[s:e], "inclusion", offset + s, inherit)):
                # ('Positive HCV antibody; patients with positive HCV antibody are required to have undetectable HCV RNA':
                # the group clause carves out of the reason before, on what it names; beside it, the antibody alone still
                # excluded. Not 'Pregnant or breast-feeding women. Female patients must be postmenopausal …': a reason of
                # its own, unread)
                prev = rules.pop()
                rules.append(_join([prev, group], "all", prev.span))
            else:
                rules.append(group)
            continue
        if rules and section == "exclusion" and _MODAL_START.match(text, s, e) and text[max(0, s - 2) : s].strip() == ".":
            # (an exclusion criterion's own requirement: unmet, it may exclude too; what it asks is not read)
            rules.append(ir.FreeText(text=text[s:e].strip(), reason="not_understood", span=(offset + s, offset + e)))
            continue
        if rules and _LETS_IN_LEAD.match(text, s, e) is not None:
            # '…; also those with plasma cell leukemia', '…; including those with ECOG 3': a group let in after the rule, not
            # read: it widens the rule (inclusion), or adds to what excludes ('Known CNS involvement; also patients with
            # leptomeningeal disease')
            carve = ir.FreeText(text=text[s:e].strip(), reason="not_understood", span=(offset + s, offset + e))
            prev = rules.pop()
            rules.append(_join([prev, carve], "any", prev.span))
            continue
        if (rules and (pm := _permits(text, s, e)) is not None and not _NEGATION_WORD.search(pm.group("what"))
                and (joined := _after_permission(ctx, rules[-1], s + pm.start("what") - pm.start(), s + pm.end("what") - pm.start(),
                                                 s + pm.start("cond") - pm.start() if pm.group("cond") else None, e, section)) is not None):
            # 'ECOG 0-2; ECOG 3 allowed', '…; platelets ≥ 50 × 10⁹/L allowed if marrow plasma cells ≥ 50%': let in too,
            # which widens the rule before (read as one more requirement, ECOG 3 failed). Excluded, '…; prior daratumumab
            # allowed' carves out of the reason. Not '…; no G-CSF allowed' (a restriction), nor a cap ('…; up to 3 prior
            # lines eligible') or another value ('Age ≥ 18; ECOG 0-2 eligible'), read as requirements of their own
            effect = _group_effect(ctx, rules[-1], s, e, section)
            if (isinstance(joined, (ir.AnyOf, ir.AllOf)) and len(joined.items) == 2 and joined.items[0] is rules[-1]
                    and isinstance(joined.items[1], ir.FreeText)):
                # (a group let in, not read: 'only with/if …' may restrict those the rule lets through, or let in more;
                # see `_group_effect`)
                joined = _joined_by_effect(effect, rules[-1], joined.items[1], joined, section, ctx, e)
            elif section == "exclusion" and effect in ("narrow", "text"):
                # ('Age > 75 years. Patients aged 70-75 years are eligible only with ECOG 0-1' (excluded): a group the rule
                # lets through, restricted, is barred more; read as a carve-out of the age limit, a 72-year-old with ECOG
                # 2 passed)
                carve = ir.FreeText(text=text[s:e].strip(), reason="not_understood", span=(offset + s, offset + e))
                joined = _joined_by_effect(effect, rules[-1], carve, joined, section, ctx, e)
            let_in = {c for *_, c in _concept_mentions(ctx, s + pm.start("what") - pm.start(), s + pm.end("what") - pm.start())}
            if section == "inclusion" and let_in and joined is not rules[-1]:
                # ('Hemoglobin ≥ 9.0 g/dL. Patients with hemoglobin < 8.5 g/dL are excluded. Patients with hemoglobin
                # 8.5-9.0 g/dL are eligible': the group let in widens the earlier limits on that value too, not read)
                for k, earlier in enumerate(rules[:-1]):
                    if let_in & {getattr(x, "concept", None) for x in ir.leaves(earlier)}:
                        rules[k] = ir.AnyOf(items=[earlier, ir.FreeText(text=text[s:e].strip(), reason="not_understood",
                                                                        span=(offset + s, offset + e))], span=earlier.span)
            rules[-1] = joined
            continue
        if rules and (lm := _LETS_IN.search(text, s, e)) and not _in_parens(text, s, lm.start()):
            # ('…; Platelets ≥ 100,000/mm3 Hemoglobin ≥ 10 g/dL (transfusion … is permitted …)': a bracket's
            # permission is about its own clause, which requires what it says)
            # 'Autoimmune disease within 2 years; subjects with vitiligo or psoriasis are eligible': the later
            # clause carves out of the one before (unread, it leaves it undecided where it might apply)
            carve = ir.FreeText(text=text[s:e].strip(), reason="not_understood", span=(offset + s, offset + e))
            prev = rules.pop()
            # ('… Patients older than 70 years are eligible only with ECOG 0 or 1': a group let in only on a condition
            # restricts it; read as widening, an 80-year-old with ECOG 2 matched)
            # (excluded, 'ECOG ≥ 3. Patients older than 70 years are eligible only with ECOG 0 or 1' bars more: those with ECOG 2)
            default = _join([prev, carve], "all" if section == "exclusion" else "any", prev.span)
            rules.append(_joined_by_effect(_group_effect(ctx, prev, s, e, section), prev, carve, default, section, ctx, e))
            continue
        if rules and (_EXCEPTS_CLAUSE.match(text, s, e) or (
                _EXCEPTION_LIST_OPEN.search(text, 0, s) and not any(
                    isinstance(x, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits, ir.OneOf))
                    for x in ir.leaves(_clause(ctx, s, e))))):
            # '…within 5 years; exceptions: basal cell carcinoma …', 'other malignancies, except: adequately treated basal
            # cell carcinoma; malignancy treated with curative intent …': the clause carves out of the one before, or
            # goes on its list of exceptions (read as one more reason to exclude, an excepted cancer excluded); a
            # clause with a limit ('…; ANC ≥ 1500/μL') ends the list. In the inclusions it widens a barred thing
            # ('No other malignancy …; except …') and narrows anything else
            carve = ir.FreeText(text=text[s:e].strip(), reason="not_understood", span=(offset + s, offset + e))
            prev = rules.pop()
            rules.append(_join([prev, carve], "any" if section == "inclusion" and isinstance(prev, ir.Not) else "all", prev.span))
            continue
        if rules and _DEFINES_CLAUSE.match(text, s, e):
            # '…; measurable disease is defined as at least one lesion ≥ 1 cm …': a definition narrows the rule before
            # it, it asks for nothing of its own (read as more, 'measurable or evaluable disease' needed both)
            prev = rules.pop()
            rules.append(_join([prev, ir.FreeText(text=text[s:e].strip(), reason="not_understood", span=(offset + s, offset + e))],
                               "all", prev.span))
            continue
        mh = _MAY_HAVE_RAISED.match(text, s, e) if section == "inclusion" and rules else None
        if mh is not None:
            # 'AST and ALT ≤ 2.5 × ULN; patients with liver metastases may have AST and ALT ≤ 5 × ULN': a raised limit for
            # those patients in place of the one before (read as one more requirement, their AST at 3.75 × ULN failed)
            scope = _clause(ctx, mh.start("scope"), mh.end("scope"))
            relaxed = _clause(ctx, mh.start("rest"), e)
            prev = rules[-1]
            if _beyond(prev, scope) and not isinstance(relaxed, (ir.FreeText, ir.NoRequirement)):
                # ('Creatinine ≤ 1.5 × ULN; patients with creatinine > 1.5 × ULN may have a creatinine clearance ≥ 50
                # mL/min': another way in for those beyond the limit)
                rules[-1] = ir.AnyOf(items=[prev, ir.AllOf(items=[scope, relaxed], span=(offset + s, offset + e))],
                                     span=(prev.span[0] if prev.span else offset + s, offset + e))
                continue
            if (not isinstance(scope, (ir.FreeText, ir.NoRequirement)) and _measures(relaxed) and set(_concepts_of(relaxed))
                    and set(_concepts_of(relaxed)) <= set(_concepts_of(prev)) and not _not_an_alternative(prev, relaxed)):
                rules[-1] = ir.Except(rule=prev, exception=scope, alternative=_with_the_rest(prev, relaxed), otherwise=True,
                                      span=(offset, offset + e))
                continue
        sm = _scoped(text[s:e]) if section == "inclusion" and rules else None
        if sm:
            # '…; patients with NHL and CLL must have failed an alkylating agent': binds only those in scope
            scope = _clause(ctx, s + sm.start("scope"), s + sm.end("scope"))
            if isinstance(scope, ir.AllOf) and all(isinstance(x, ir.History) for x in scope.items):
                scope = ir.AnyOf(items=scope.items, span=scope.span)  # 'patients with NHL and CLL': either group
            rest = _clause(ctx, s + sm.start("modal"), e)
            prev = rules[-1]
            if _beyond(prev, scope):
                # 'UPC ratio < 1.0; patients with a UPC ratio >= 1.0 must undergo a 24-hour urine collection …': those
                # beyond the limit have another way in (read as one more requirement, a ratio of 1.2 failed)
                rules[-1] = ir.AnyOf(items=[prev, ir.AllOf(items=[scope, rest], span=(offset + s, offset + e))],
                                     span=(prev.span[0] if prev.span else offset + s, offset + e))
                continue
            rules.append(ir.AnyOf(items=[ir.Not(item=scope, span=scope.span), rest], span=(offset + s, offset + e)))
            continue
        cm = _COHORT_LABEL.match(text, s, e)
        if cm and not text[s:e].rstrip().endswith(":"):  # ('For Phase 2: as for phase 1 with the following changes:' leads a list)
            # 'Cohort 2: Were ineligible for platinum-based therapy …': binds only that cohort, which the record
            # does not hold; read for it, the rule would decide wrongly for everyone in another cohort
            label = ir.only_for(cm.group("label").strip(), section, (offset + s + cm.start("label"), offset + s + cm.end("label")))
            body = _with_method(_clause(ctx, cm.end(), e), text[cm.end() : e])
            rules.append(_join([label, body], "any" if section == "inclusion" else "all", (offset + s, offset + e)))
            continue
        rules.append(_with_method(_clause(ctx, s, e), text[s:e]))
    made.append(len(rules))
    # each rule's clauses, and whether the first of them opens with 'or' ('…; ECOG 2 allowed; or Karnofsky ≥ 70': the
    # permission joins the rule before, the 'or' the one after)
    own = [k for k in range(len(clauses)) if made[k + 1] > made[k]]
    ends = [own[i + 1] if i + 1 < len(own) else len(clauses) for i in range(len(own))]
    rule_spans = [(clauses[k][0], clauses[j - 1][1]) for k, j in zip(own, ends)]
    rule_or = [or_led[k] for k in own]
    rule_and = [and_led[k] for k in own]
    if note_at is not None and rules:
        note = ir.FreeText(text=text[note_at:].strip(), reason="not_understood", span=(offset + note_at, offset + len(text)))
        restricts, relaxes = _RESTRICTING_NOTE.search(text, note_at), _RELAXING_NOTE.search(text, note_at)
        if restricts and not relaxes:
            # ('Note: for the abemaciclib arm, a 21-day washout is required'): one more requirement, not read
            rules.append(note)
        elif restricts and section == "exclusion":
            # ('Note: Participants must have recovered from all AEs … Participants with ≤ Grade 2 neuropathy may be
            # eligible'): a requirement of its own and a carve-out, neither read; read as a carve-out only, one who
            # had not recovered was not excluded
            prev = rules.pop()
            rules.append(_join([_join([prev, note], "all", prev.span), note], "any", prev.span))
        else:
            # ('Note: subjects with asymptomatic brain metastases are eligible'): it may carve out of the rule
            prev = rules.pop()
            rules.append(_join([prev, note], "all" if section == "exclusion" else "any", prev.span))
    if not rules:
        return ir.NoRequirement(text=stripped, span=(offset, offset + len(text)))
    if len(rules) > 1 and ":" in text and "ithin" in text and (heading := _heading_window(text, clauses[0], rules[0])) is not None:
        # 'Adequate liver function (assessed within 14 days of starting treatment): total bilirubin within normal limits;
        # AST and ALT ≤ 2.5 × ULN': the heading's window binds the values of every clause after it (read on the first
        # clause's alone, an AST of six months before failed)
        rules = [rules[0], *(_assessed_within(r, heading) for r in rules[1:])]
    if section == "inclusion" and "eligible" in text and _ARE_ELIGIBLE.search(text) and any(
            _asks_history(r) or any(isinstance(x, ir.Finding) for x in ir.leaves(r)) for r in rules):
        # 'Patients with treated brain metastases are eligible', 'HIV-infected patients … with undetectable viral
        # load are eligible': a subgroup let in, or the group required? Read as a requirement it would fail
        # everyone else; as a permission it would pass everyone
        return _unread(text, offset)
    if "whichever" in text and (wm := _WHICHEVER.search(text)) is not None:
        # '≥ 18 years of age or designated age of majority …, whichever is higher': the stricter of the limits, so
        # each must hold; read with 'or', the lower one would let in those the higher one keeps out
        stricter = [_whichever(r, wm.group(1).lower()) for r in rules]
        if any(r is None for r in stricter):
            return _unread(text, offset)
        rules = [r for r in stricter if r is not None]
    if (section == "inclusion" and _may_say(text, "allowed", "permitted", "acceptable") and _ALLOWED_WORD.search(text)
            and any(_asks_history(r) for r in rules)):
        # 'Concurrent colony stimulating factors (e.g., filgrastim) allowed only during …': a permission that was
        # read as a requirement of the therapy it allows; a permission asks for nothing
        return _unread(text, offset)
    if section == "inclusion" and len(rules) > 1:
        rules = _group_relaxations(rules)
    if len(rules) == 1:
        return rules[0]
    if section == "inclusion" and any(rule_or[1:]) and len(rule_or) in (len(rules), len(rules) - 1):
        # (a note read as one more requirement of its own stands beside the clauses: 'X; or Y. Note: …')
        note_rule = rules[-1] if len(rule_or) == len(rules) - 1 else None
        joined = _or_led(ctx, text, offset, rules[: len(rule_or)], rule_spans, rule_or, rule_and)
        return joined if note_rule is None else _join([joined, note_rule], "all", (offset, offset + len(text)))
    # Each clause of a list separated by ';' is its own requirement (inclusion) or its own
    # reason to exclude (exclusion).
    return _join(rules, "all" if section == "inclusion" else "any", (offset, offset + len(text)))


_VALUES_FOLLOW = _lazy("_VALUES_FOLLOW",
    r"(?i)[^:;]{3,80}?(?P<say>\s+(?:as\s+(?:defined|outlined|described|specified)\s+(?:below|in\s+the\s+(?:table\s+below|"
    r"following\s+table))|(?:as|defined\s+as)\s+follows))\s*:\s*(?=\S)")
"""A lead whose words say its values follow ('Adequate organ function as defined below: …', '… as follows: …')."""
_KNOWN_OR_SUSPECTED = _lazy("_KNOWN_OR_SUSPECTED",
    r"(?i)\b(?:known|documented|confirmed|diagnosed|proven)(?P<or>\s*,?\s*(?:and/)?or\s+(?:suspected|presumed|probable))\b")
"""'active, known or suspected autoimmune disease': a suspicion beside what is known."""


def _known_or_suspected(text: str, ks: re.Match[str], section: Section, offset: int, inherit: tuple[str, ...],
                        scopes: bool) -> ir.Rule | None:
    """'Participants with active, known or suspected autoimmune disease', 'No known or suspected brain metastases': what is
    known is read, a suspicion beside it is not (a record holds what is known): the known one decides where it is on
    record (excluded, or failing 'No …'), a suspicion keeps the rest open. Only where the rest reads as conditions alone."""
    a, b = ks.span("or")
    rule = _interpret(text[:a] + " " * (b - a) + text[b:], section, offset, inherit, scopes)
    negated = isinstance(rule, ir.Not)
    core = rule.item if isinstance(rule, ir.Not) else rule
    if not all(isinstance(x, ir.History) and x.category == "condition" for x in ir.leaves(core)):
        return None
    suspicion = ir.FreeText(text=f"whether it is suspected ('{ks.group().strip()}')", reason="not_understood",
                            span=(offset + a, offset + b))
    return _join([rule, suspicion], "all" if negated else "any", (offset, offset + len(text)))


def _values_follow(text: str, section: Section, offset: int, inherit: tuple[str, ...], scopes: bool) -> ir.Rule | None:
    """'Adequate organ function as defined below: Hemoglobin ≥ 9 g/dL; …': the lead says the values follow on the same
    line; read without its words, where the values are read whole. None otherwise (at the end of a text, 'Creatinine within
    normal limits for age as follows:' leads a table below, which says what the limits are)."""
    vf = _VALUES_FOLLOW.match(text)
    if vf is None:
        return None
    rule = _interpret(text[: vf.start("say")] + " " * (vf.end("say") - vf.start("say")) + text[vf.end("say") :], section,
                      offset, inherit, scopes)
    return None if any(isinstance(x, ir.FreeText) for x in ir.leaves(rule)) else rule


_FOR_HIGH_TOTAL = _lazy("_FOR_HIGH_TOTAL",
    r"(?i)\s+for\s+(?:participants|subjects|patients|those|individuals)\s+with\s+(?:a\s+)?(?P<what>[a-z][\w -]{1,40}?)"
    r"(?:\s+(?:levels?|values?))?\s*(?P<op>>=?|≥|greater\s+than(?:\s+or\s+equal\s+to)?|above)\s*(?P<n>\d+(?:\.\d+)?)\s*"
    r"(?:x|×|X|times)?\s*(?:the\s+)?(?:institutional\s+)?(?:ULN|upper\s+limit\s+of\s+(?:the\s+)?normal)")
"""'… OR direct bilirubin ≤ ULN for participants with total bilirubin levels > 1.5 × ULN', '… OR creatinine clearance ≥ 60
mL/min for participants with creatinine levels > 1.5 × institutional ULN': the group the second limit is for."""


def _without_the_complement(text: str, ft: re.Match[str], section: Section, offset: int, inherit: tuple[str, ...]) -> ir.Rule | None:
    """'Total bilirubin ≤ 1.5 × ULN OR direct bilirubin ≤ ULN for participants with total bilirubin levels > 1.5 × ULN',
    'Serum creatinine ≤ 1.5 × ULN OR creatinine clearance ≥ 60 mL/min for participants with creatinine levels > 1.5 ×
    institutional ULN': the group the second limit is for is everyone the first does not let in, so the words add nothing:
    `any(first, second)`. Only where the group's value is the first limit's, its factor the same and its side the other,
    and the sentence so read is those two alternatives and nothing more; None otherwise (a group of 'total > 2 × ULN'
    leaves out those between 1.5 and 2 × ULN)."""
    n = float(ft.group("n"))
    group = _interpret(f"{ft.group('what')} > {ft.group('n')} × ULN", "inclusion", 0, ())
    rule = _interpret(text[: ft.start()] + " " * (ft.end() - ft.start()) + text[ft.end() :], section, offset, inherit)
    alternatives = rule.items if isinstance(rule, ir.AnyOf) else []
    if not (isinstance(group, ir.RelativeLimit) and group.reference == "uln" and len(alternatives) == 2):
        return None
    first, second = alternatives
    if (not isinstance(first, ir.RelativeLimit) or first.concept != group.concept or first.op not in ("<=", "<")
            or first.factor != n or first.reference != "uln" or first.offset
            or not isinstance(second, ir.MEASURED) or getattr(second, "concept", None) == group.concept):
        return None
    if first.op == "<" and not (ft.group("op") in ("≥", ">=") or "equal" in ft.group("op")):
        return None  # ('< 1.5 × ULN' beside a group of '> 1.5 × ULN': exactly 1.5 × ULN is in neither)
    return rule


def _heading_window(text: str, first: tuple[int, int], rule: ir.Rule) -> ir.Window | None:
    """The window of when values are measured that a heading before the first clause's ':' says ('… (assessed within 14
    days of starting treatment):'), as the first clause's values were read with it; None where the heading says none,
    or its values were read with several windows or none."""
    colon = text.find(":", first[0], first[1])
    if colon < 0 or "within" not in text[first[0] : colon].lower():
        return None
    windows = [x.assessed_within for x in ir.leaves(rule) if isinstance(x, ir.MEASURED)]
    if not windows or windows[0] is None or any(w != windows[0] for w in windows):
        return None
    return windows[0]


def _assessed_within(rule: ir.Rule, window: ir.Window) -> ir.Rule:
    """The rule with every limit on a measured value it reads that has no window of its own asked within `window` (not a
    finding: a pregnancy test keeps the recency its own reading asks)."""
    return ir.map_leaves(rule, lambda x: x.model_copy(update={"assessed_within": window}) if isinstance(x, ir.MEASURED)
                         and not isinstance(x, ir.Finding) and x.assessed_within is None else x)


def _bare_name(text: str, s: int, e: int, rule: ir.Rule) -> bool:
    """Whether a clause only names a kind ('myocardial infarction', 'breastfeeding'): a list item, not a requirement of
    its own ('radiotherapy completed at least 4 weeks before', 'hemoglobin ≥ 8 g/dL', 'prior therapy with bortezomib')."""
    words = text[s:e].strip(" .;,").split()
    return (len(words) <= 5 and not re.search(r"\d", text[s:e]) and not _PAST_CUE.search(text, s, e)
            and not re.search(r"(?i)\b(?:under|without|after|not|no|previously|requiring|required|on|with|due|despite|"
                              r"except|unless|if|only|well|good)\b", text[s:e])
            and not re.search(r"(?i)\b(?:stable|controlled|treated|sensitive|resolved|asymptomatic|inactive|remission|cured|"
                              r"allowed|permitted|eligible)\b|-sensitive", text[s:e])
            and isinstance(rule, (ir.History, ir.Finding, ir.FreeText)) and not (isinstance(rule, ir.History) and rule.window is not None))


_NEGATED_OPENING = _lazy("_NEGATED_OPENING",
    r"(?i)\W*(?:(?:patients?|subjects?|participants?)\s+)?(?:(?:must|should)\s+)?(?:not|no|never|without|absence\s+of|free\s+of|"
    r"none\s+of|negative\s+for)\b")
_CONDITIONAL_WORD = _lazy("_CONDITIONAL_WORD", r"(?i)\b(?:if|when|unless|provided|only|where|whereas|in\s+case)\b")


def _or_led(ctx: _Ctx, text: str, offset: int, rules: list[ir.Rule], rule_spans: list[tuple[int, int]], rule_or: list[bool],
            rule_and: list[bool]) -> ir.Rule:
    """An inclusion's ';'-separated clauses some of which open with 'or' (each rule with its clauses' span, and whether
    its first clause opens with 'or' or 'and'): alternatives joined to the clause before, or text where the 'or' may go on
    another clause's list."""
    negated = [isinstance(r, ir.Not) or bool(_NEG_START.match(text, c0) or _NEGATED_OPENING.match(text, c0))
               for (c0, _), r in zip(rule_spans, rules)]
    tail = rule_or.index(True, 1)
    if any(rule_and):
        return _unread(text, offset)  # ('Platelets ≥ 75; and ANC ≥ 1.0; or hemoglobin ≥ 8': which clauses the 'or' joins?)
    washout = isinstance(rules[0], ir.Not) and isinstance(rules[0].item, ir.History) and rules[0].item.window is not None
    # (a washout's list names kinds of one class: 'since prior craniospinal radiotherapy; …; or mantle radiotherapy')
    first = set() if washout else {t for *_, t in _term_mentions(ctx, rule_spans[0][0], rule_spans[0][1])}
    terms = ctx.vocab.terms
    kin = first | {a for t in first if t in terms for a in terms[t].ancestors} | {
        t for t in terms if terms[t].ancestors & first}  # (the first clause's kinds, wider and narrower: 'brain metastases', 'CNS disease')
    if negated[0] and all(rule_or[tail:]) and not any(negated[1:]) and all(
            _bare_name(text, c0, c1, r) and not kin & {t for *_, t in _term_mentions(ctx, c0, c1)}
            # (a kind the vocabulary names, not a result or words it does not read: 'undetectable viral load', 'effusion
            # drained' may be a way in; a washout's list excepted)
            and (washout or isinstance(r, ir.History))
            for (c0, c1), r in zip(rule_spans[tail:], rules[tail:])):
        # (not the first clause's own kind again, 'No brain metastases; or stable brain metastases': a way in for some of
        # it, not one more barred kind)
        # 'No history of stroke; or myocardial infarction', 'Free of stroke; myocardial infarction; or unstable angina',
        # 'At least 6 months since prior A; B; or C': the later clauses go on the first one's negated list (read as
        # alternatives, a patient after an MI passed; on their own, 'total abdominal radiotherapy' was required)
        return _join([rules[0], *(ir.FreeText(text=text[c0:c1].strip(), reason="not_understood", span=(offset + c0, offset + c1))
                                  for c0, c1 in rule_spans[1:])], "all", (offset, offset + len(text)))
    if any(negated):
        return _unread(text, offset)  # ('ECOG 0-2; no history of stroke; or myocardial infarction': the same, mid-list)
    if len(rules) > 2 and all(rule_or[tail:]):
        if not all(isinstance(x, ir.FreeText) or (isinstance(x, ir.History) and x.category == "condition")
                   for r in rules for x in ir.leaves(r)):
            # ('Hemoglobin ≥ 8 g/dL; ANC ≥ 1.0 × 10^9/L; or platelets ≥ 75 × 10^9/L': all alternatives, or the last
            # one to the one before? Not said)
            return _unread(text, offset)
        # 'Diagnosis of platinum-resistant EOC …; gastric/GEJ cancer; HNSCC; …; or DLBCL', 'Multiple myeloma; AL
        # amyloidosis; or POEMS syndrome; or plasma cell leukemia': the list's last items open with 'or', its items are
        # alternatives (read as all required, an NSCLC patient failed for want of the rest)
        return _join(rules, "any", (offset, offset + len(text)))
    # 'ECOG 0-1; or Karnofsky ≥ 70', 'Platelets ≥ 75 × 10^9/L; or ANC ≥ 1.0 × 10^9/L; hemoglobin ≥ 8 g/dL': a clause
    # led by 'or' is an alternative to the one before (read as one more requirement, a creatinine of 2.0 with a
    # clearance of 70 failed 'Creatinine ≤ 1.5 mg/dL; or creatinine clearance ≥ 60 mL/min'). One not read whole
    # ('… ; or Karnofsky ≥ 70 if ECOG not available': an alternative under a condition) is an unread alternative
    groups: list[list[ir.Rule]] = []
    for k, ((s, e), r) in enumerate(zip(rule_spans, rules)):
        if rule_or[k] and groups:
            whole = not any(isinstance(x, ir.FreeText) for x in ir.leaves(r)) and not _CONDITIONAL_WORD.search(text, s, e)
            groups[-1].append(r if whole else ir.FreeText(text=text[s:e].strip(), reason="not_understood",
                                                          span=(offset + s, offset + e)))
        else:
            groups.append([r])
    return _join([_join(g, "any", (g[0].span[0] if g[0].span else offset, g[-1].span[1] if g[-1].span else offset + len(text)))
                  if len(g) > 1 else g[0] for g in groups], "all", (offset, offset + len(text)))


_OR_ITEM = _lazy("_OR_ITEM", r"(?i)\s*(?:or|and/or)\s+(?!if\b|in\b|for\b|when\b|with\b|unless\b)")


# Full-width punctuation as CJK-authored registry texts write it ('eGFR（ml/min）≥ 50'), read as ASCII.
_TRAILING_OR = _lazy("_TRAILING_OR", r"(?i)\b(?:or|and/or)\s*[:;,.]?\s*$")


def _last_word_is(text: str, word: str, puncts: str, fold: bool = False) -> bool:
    """Whether `text` ends with `word` (then perhaps one of `puncts`, spaces around it): a cheap first test for the
    patterns anchored at the end, which a search would try at every position."""
    t = text.rstrip()
    if t[-1:] and t[-1] in puncts:
        t = t[:-1].rstrip()
    return t[-len(word) :].lower() == word if fold else t.endswith(word)


def ends_in_or(text: str) -> bool:
    """'Creatinine no greater than 1.5 mg/dL OR': an item ending in 'or' (or 'and/or'), its alternative the next item."""
    # (searched from near the end: 'tumor', 'donor' end in 'or' too, and a search from the start tries every position)
    return _last_word_is(text, "or", ":;,.", fold=True) and _TRAILING_OR.search(text, max(0, len(text.rstrip()) - 16)) is not None


_AND_EITHER = _lazy("_AND_EITHER", r"(?i)\b(?:and|plus|with)\s+(?:either|(?:at\s+least\s+)?(?:one|any|1)\s+(?:or\s+more\s+)?of"
                                   r"(?:\s+the\s+following)?)\s*:?\s*$")
"""'… and either', '… and one of the following:' ending an item: alternatives that follow elsewhere are asked too."""
_TRAILING_AND = _lazy("_TRAILING_AND", r"(?<![;])(?:\s+AND|,\s*and)\s*:?\s*$")
"""A capitalised 'AND' ending an item, as 'OR' does ('HBsAg positive AND'), or ', and' ('HBcAb positive, and' then 'HBV
DNA detectable': one reason in two halves, or a list whose items each exclude: this one alone decides nothing, the next
is read on its own); not '…; and' closing a list."""
_FULLWIDTH = str.maketrans("（）［］：；，．＜＞＝％／＋－～、\u3000", "()[]:;,.<>=%/+-~, ")

_UNIT_IN_PARENS = _lazy("_UNIT_IN_PARENS",
    r"(?i)(?:(?<=liter)|(?<=litre)|(?<=minute)|(?<=gram)|(?<=grams)|(?<=second)|(?<=seconds)|(?<=square)|(?<=squared)|"
    r"(?<=24 hours)|(?<=24 hour))\s*"
    r"\(\s*(?:g/dL|g/L|mg|mg/dL|mL/min|msecs?|ms|[uµμ]mol/L|mmol/L|L|m\^?2|m²|m?g\s*/\s*(?:24\s*-?\s*h(?:rs?|ours?)?|day|d))\s*\)")
"""'25 gram per liter (g/L)', '470 milliseconds (msec)', '200 milligram per 24 hours (mg/24hr)', '200 milligram
(mg)/24 hours': a unit written out, restated in brackets."""
_PLURAL_MARK = _lazy("_PLURAL_MARK", r"(?<=[a-z])\((?:s|es|ies)\)")
_JUDGED_ESTIMATE = _lazy("_JUDGED_ESTIMATE",
    r"(?i)^\s*(?:(?:an?|estimated|expected|anticipated|predicted)\s+)?life\s+expectancy\b"
    r"(?:(?!\b(?:and|or|with|without|which|that|who|unless|except|if|due|because|not|no)\b)[^;:])*?[\w%]"
    r"(?P<judge>\s*[,(]?\s*(?:in\s+the\s+(?:opinion|judg(?:e)?ment)\s+of\s+the\s+(?:treating\s+)?(?:investigator|physician)s?"
    r"|in\s+the\s+(?:treating\s+)?(?:investigator|physician)(?:'s|s'|’s)?\s+(?:opinion|judg(?:e)?ment)"
    r"|as\s+(?:estimated|assessed|judged|determined)\s+by\s+the\s+(?:treating\s+)?(?:investigator|physician)s?"
    r"|(?:based\s+on|per)\s+(?:the\s+)?(?:investigator|physician)(?:'s|’s)?\s+(?:assessment|estimate|opinion|judg(?:e)?ment))"
    r"\s*\)?)\s*\.?\s*$")
"""'Life expectancy > 3 months in the opinion of the investigator': the estimate is the investigator's; nothing else."""
_WORDS_BEFORE_SYMBOL = _lazy("_WORDS_BEFORE_SYMBOL",
    r"(?i)\b(?P<w>(?P<ge>at\s+least|(?:greater|more)\s+than\s+or\s+equal\s+to|no\s+(?:less|fewer)\s+than)"
    r"|(?P<le>at\s+most|(?:less|fewer)\s+than\s+or\s+equal\s+to|no\s+(?:more|greater)\s+than))\s*"
    r"(?P<s>≥|≤|>\s*=|<\s*=)(?=\s*\d)")
"""'at least ≥18': a comparator said twice."""
_OTHER_RESULT = {"positive": "negative", "negative": "positive", "reactive": "non-reactive", "seropositive": "seronegative",
                 "seronegative": "seropositive"}
_NOT_RESULT = _lazy("_NOT_RESULT",
    r"(?i)(?<![\w-])not\s+(positive|negative|reactive|seropositive|seronegative)\b(?!\s+(?:for|to|of|with|on|in)\b)")
_NEITHER_NOR = _lazy("_NEITHER_NOR", r"(?i)\bneither\b(?P<x>(?:(?!\bnor\b)[^;:.])*?)\bnor\b")
_SPACED_THOUSANDS = _lazy("_SPACED_THOUSANDS", r"(?:(?<=[≥≤<>=])|(?<=[≥≤<>=] ))\d{1,3}(?: \d{3})+(?=\s*(?:/|per\b|cells\b))")
_THEN_FOR_THAN = _lazy("_THEN_FOR_THAN", r"(?i)(?<=\b(?:less|more) )then(?=\s+\d)|(?<=\bgreater )then(?=\s+\d)")


def _same_comparator(m: re.Match[str]) -> bool:
    """Whether the words and the symbol of a `_WORDS_BEFORE_SYMBOL` match say the same ('at least ≥', not 'at least ≤')."""
    up = m.group("s")[0] in "≥>"
    return up == (m.group("ge") is not None)


_COMPARATOR_IN_PARENS = _lazy("_COMPARATOR_IN_PARENS",
    r"(?i)(?:(?<=than)|(?<=to)|(?<=equal)|(?<=least)|(?<=most))\s*\(\s*(?:[<>≤≥]\s*/?\s*=?|=\s*/?\s*[<>]|[<>]\s*or\s*=)\s*\)")
_NOT_ALLOWED = _lazy("_NOT_ALLOWED",
    r"(?is)^(?P<body>.*?[\w)\]])\s*,?\s+(?:is\s+|are\s+|will\s+)?(?:not\s+(?:be\s+)?(?:allowed|permitted|eligible)|prohibited|forbidden|(?:be\s+)?excluded|ineligible)(?:\s+(?:for|to|from)\s+(?:enrollment|enrolment|entry|participation|participate|(?:this|the)\s+(?:study|trial)))?\s*\.?\s*$"
)
_PERMISSION_BEFORE = _lazy("_PERMISSION_BEFORE",
    r"(?i)\b(?:allowed|permitted|acceptable|eligible)[\s,]*$")
"""'… OR > 1.5 × ULN allowed if …': a limit let in on the condition that follows."""
_SCOPE_MARKER = _lazy("_SCOPE_MARKER",
    r"(?i)(?:if|in\s+(?:the\s+)?(?:case|presence|setting)\s+of|(?:in|for)\s+(?:patients|subjects|participants|those)\s+"
    r"(?:with|without|who\s+are(?!\s+(?:not\s+)?(?:pregnant|lactating|breast|nursing|of\s+child|women|female|male|post|pre|peri|"
    r"currently\s+(?:pregnant|lactating|breast|nursing)))|who\s+(?:have\s+|had\s+)?(?:received|undergone|had)))$"
)
_NEG_SCOPE = _lazy("_NEG_SCOPE", r"(?i)^\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?P<scope>(?:no|without)\s+[^:;]{1,60}?)\s*:\s*(?=\S)(?=.*\d)")
_PAREN_WASHOUT = _lazy("_PAREN_WASHOUT",
    r"(?i)\(\s*(?:at\s+least\s+)?(?P<n>\d+)\s*(?P<u>days?|weeks?|months?)\s+(?:for|since|after|from|with)\s+"
    r"(?:prior\s+|previous\s+)?(?P<what>[^()]+?)\s*\)"
)
_WASHOUT_LEAD = _lazy("_WASHOUT_LEAD",
    r"(?i)\b(?P<cmp>at\s+least|greater\s+than|more\s+than|over)\s+(?P<n>\d+)\s*(?P<u>days?|weeks?|months?)\s+(?:have\s+)?"
    r"(?:elapsed\s+|passed\s+)?since\b")


_WITHIN_LEAD = _lazy("_WITHIN_LEAD", r"(?i)\bwithin\s+(?:the\s+(?:past|last)\s+)?(?P<n>\d+)\s*(?P<u>days?|weeks?|months?)\b")


def _days(n: str, unit: str) -> float:
    """A washout's length in days ('6', 'weeks' → 42)."""
    return float(n) * {"d": 1, "w": 7, "m": 30.4}[unit.lower()[0]]


def _respan(rule: ir.Rule, span: tuple[int, int], text: str) -> ir.Rule:
    """The rule with every node's span set to `span`, and unread words shown as `text`
    (a reading of a paraphrase of that text)."""
    rule = ir.map_children(rule, lambda r: _respan(r, span, text))
    return rule.model_copy(update={"span": span, "text": text} if isinstance(rule, ir.FreeText) else {"span": span})


_SEX_SCOPE = _lazy("_SEX_SCOPE", r"(?i)\b(?:in|for)\s+(males?|men|females?|women)\b"
                   r"(?!\s+(?:and|or)\s+(?:(?:in|for)\s+)?(?:males?|men|females?|women)\b)(?!\s+as\s+well\b)(?!\s*/)")
def _limits_by_sex(ctx: _Ctx, sub: str, start: int, end: int) -> ir.Rule | None:
    """'QTcF ≥ 470 msec for women and ≥ 450 msec for men', 'Hemoglobin ≥ 13 g/dL in men, ≥ 12 g/dL in women': two limits
    on one value, each followed by the sex it binds, nothing after the second. In an inclusion each sex must meet its
    own limit; in an exclusion each sex is excluded by its own. None for any other shape ('> 470 ms in women, not in
    men', a scope before its limit, anything else beside them): left to the caller (text)."""
    scopes = list(_SEX_SCOPE.finditer(sub))
    if len(scopes) != 2 or any(_EXCEPT_BEFORE.search(sub, 0, m.start()) for m in scopes) or sub[scopes[1].end() :].strip(" .;,)"):
        return None
    sexes = ["female" if m.group(1).lower().startswith(("f", "w")) else "male" for m in scopes]
    if sexes[0] == sexes[1]:
        return None
    first = _clause(ctx, start, start + scopes[0].start())
    if not isinstance(first, (ir.Comparison, ir.Range, ir.RelativeLimit)):
        return None
    named = [(a, b) for a, b, c in _concept_mentions(ctx, start, start + scopes[0].start()) if c == first.concept]
    rest = re.sub(r"(?i)^[\s,;]*(?:and|or|while|but)?[\s,]*", "", sub[scopes[0].end() : scopes[1].start()]).rstrip(" ,;(")
    if len(named) != 1 or not rest or _concept_mentions(ctx, start + scopes[0].end(), start + scopes[1].start()):
        return None  # (the second limit must name no value of its own: it is the first one's)
    second = _interpret(f"{ctx.text[named[0][0] : named[0][1]]} {rest}", ctx.section, 0, ())
    if not (isinstance(second, type(first)) and second.concept == first.concept):
        return None
    span = _span(ctx, start, end)
    second = _respan(second, _span(ctx, start + scopes[0].end(), start + scopes[1].start()), rest)
    bound = [(limit, ir.Category(concept="sex", values=[sex], span=_span(ctx, start + m.start(), start + m.end())))
             for limit, sex, m in zip((first, second), sexes, scopes)]
    if ctx.section == "exclusion":
        return ir.AnyOf(items=[ir.AllOf(items=[who, limit], span=span) for limit, who in bound], span=span)
    return ir.AllOf(items=[ir.AnyOf(items=[ir.Not(item=who, span=who.span), limit], span=span) for limit, who in bound], span=span)


_EXCEPT_BEFORE = _lazy("_EXCEPT_BEFORE", r"(?i)\b(?:except|unless|other\s+than|excluding|but\s+not|"
                       r"not(?!\s+(?:be\s+)?(?:[<>≤≥=]|more|greater|less|higher|lower|above|below|over|under|exceed)))\b"
                       r"(?:\W+\w+){0,3}?\W*$")
"""A denial shortly before a sex scope ('except in women', 'not in women', 'does not apply in women'): the other sex."""
_QUALIFIED_SEX = _lazy("_QUALIFIED_SEX", r"(?i)\b(?:in|for)\s+(?:(?!(?:and|or|both|either|males?|men|females?|women)\b)[\w-]+\s+"
                       r"(?:,?\s*(?:and/or|or|and)\s+(?!(?:males?|men|females?|women)\b)[\w-]+\s+)?){1,2}"
                       r"(?:males?|men|females?|women)\b(?!\s+(?:and|or)\s+(?:males?|men|females?|women)\b)")
"""'in not pregnant women', 'for postmenopausal women', 'in pregnant or lactating women': a group of one sex, narrowed
by words the scope does not read."""
_STATE_WORD = (r"(?:non-?\s*)?(?:pregnan\w*|lactat\w*|breast-?\s*feeding|nursing(?!\s+(?:homes?|facilit\w*|care|staff))|"
               r"expectant(?=\s+(?:mothers?|women|or|and)\b))")
_STATE_ADJECTIVE = r"(?:non-?\s*)?(?:pregnant|lactating|breast-?\s*feeding|nursing|expectant)"
_GROUP_NOUN = r"(?:women|woman|mothers?|patients?|subjects?|participants?|females?)"
_FLAG_GROUP = _lazy("_FLAG_GROUP",
    r"(?i)\b(?:in|for|among|during)\s+(?:(?:the|all|those|patients?|subjects?|participants?|women|woman|men|females?|males?|"
    r"mothers?)\s+)?(?:(?:who|that)\s+(?:are|is)\s+)?(?:(?:currently|actively)\s+)?" + _STATE_WORD
    + r"\b(?P<more>[\s,/]*(?:(?:or|and|and/or|nor)\s+)?" + _STATE_WORD + r")?"
    r"|\(\s*(?P<incl>including\s+|incl\.?\s+)?" + _STATE_ADJECTIVE + r"(?P<more2>[\s,/]*(?:(?:or|and|and/or|nor)\s+)?"
    + _STATE_ADJECTIVE + r")?\s+" + _GROUP_NOUN + r"\s*\)")
"""'in pregnant patients', 'for patients who are lactating', '(pregnant or lactating women)', 'during pregnancy or
lactation': a group named by a state of the patient (groups 'more', 'more2': a second state listed; 'incl': the group is
included, '(including pregnant women)')."""
_STATE_GROUP_LEAD = _lazy("_STATE_GROUP_LEAD", r"(?i)^[\s*•-]*" + _STATE_WORD + r"\b(?:[\s,/]*(?:(?:or|and|and/or|nor)\s+)?" + _STATE_WORD
                          + r"\b)*\s*" + _GROUP_NOUN + r"?\s*(?:with\b|who\b|whose\b|:|,(?!\s*(?:(?:and/)?or\b|" + _STATE_WORD + r")))")
"""'Pregnant or lactating women with hemoglobin < 9 g/dL', 'Pregnant women: …', 'Pregnancy or lactation, hemoglobin < 9
g/dL': the group first, then its limit (or a list whose joins are not read)."""
_GROUP_GAP = _lazy("_GROUP_GAP", r"[^,;()]{0,40}")
_STATE_DISCONTINUED = _lazy("_STATE_DISCONTINUED",
    r"(?i)\b(?:breast-?\s*feeding|nursing|lactation)\s+(?:must|should|will|has\s+to|needs?\s+to)\s+(?:be\s+)?"
    r"(?:discontinued|stopped|ceased|interrupted|suspended)\b")
"""'Breastfeeding must be discontinued': an instruction, no requirement to be lactating."""
_COMPARATOR_WORD = _lazy("_COMPARATOR_WORD", r"(?i)[<>≤≥]|\b(?:less|greater|more|at\s+least|at\s+most|above|below|under|over|exceed(?:s|ing)?)\b")
_AND_RECOVERED = _lazy("_AND_RECOVERED", r"(?is)^(?P<body>.*?[\w)\]])\s*,?\s+and\s+(?P<tail>(?:has\s+|have\s+)?(?:fully\s+)?recovered\b.*?)\s*\.?\s*$")
"""'… and recovered', '… and recovered from toxicity': the tail a recovery the site confirms (`attestation`), or nothing
after 'recovered'."""
def _a_recovery(tail: str) -> bool:
    """Whether the words from 'recovered' on say only that the patient recovered from earlier treatment."""
    if re.fullmatch(r"(?i)(?:has\s+|have\s+)?(?:fully\s+)?recovered", tail.strip()):
        return True
    read = attestation(tail, "inclusion")
    return isinstance(read, ir.Finding) and read.concept == "recovered_from_prior_therapy" and read.value == "positive"


_NO_X_ALLOWED = _lazy("_NO_X_ALLOWED", r"(?is)^(?P<body>\s*no\b[^;]*?[\w)\]])\s+(?:is\s+|are\s+)?(?:allowed|permitted)\s*\.?\s*$")
_ALLOWED_IF = _lazy("_ALLOWED_IF",
    r"(?is)^(?P<body>.*?[\w)\]])\s*,?\s+(?:is\s+|are\s+|(?:will|would|may)\s+be\s+)?(?:allowed|permitted|acceptable)\b(?P<rest>.*)$")
_PERMITTED_TAIL = _lazy("_PERMITTED_TAIL",
    r"(?is)^(?P<main>.*?[\w)\]])\s*(?:\(\s*(?:(?:patients?|subjects?|participants?|those|individuals?)\s+"
    r"(?:with|who\s+have(?:\s+had)?|having)\s+)?(?P<exc>[^()]{2,120}?)\s+(?:is\s+|are\s+)?(?:also\s+)?"
    r"(?:allowed|permitted|acceptable|eligible)\s*\)"
    r"|(?:[,;]|\.(?=\s))\s*(?P<exc2>[^,;().]{2,80}?)\s+(?:is\s+|are\s+)?(?:allowed|permitted|acceptable|eligible))\s*\.?\s*$")
"""'Other malignancy within 3 years (basal cell carcinoma allowed)', 'Radiotherapy within 4 weeks, palliative
radiotherapy allowed': an exclusion with a kind of what it bars let in."""


def _permitted_kind(ctx: _Ctx, start: int, m: re.Match[str]) -> ir.Rule | None:
    """An exclusion whose permitted tail names kinds of the one history it bars, read as that history with the kinds
    excepted ('… (basal cell carcinoma allowed)', '(patients with basal cell carcinoma or carcinoma in situ of the cervix
    are eligible)'; a narrowed kind of its own, 'palliative radiotherapy allowed', is excepted only where the record
    says 'palliative'); an inclusion's 'No …' likewise, inside its negation. None when the tail is anything else."""
    main = _clause(ctx, start, start + m.end("main"))
    negated = isinstance(main, ir.Not) and ctx.section == "inclusion"
    if negated:
        assert isinstance(main, ir.Not)
        main = main.item
    elif ctx.section != "exclusion":
        return None
    group = "exc" if m.group("exc") is not None else "exc2"
    exc = _clause(ctx, start + m.start(group), start + m.end(group))
    items = exc.items if isinstance(exc, ir.AnyOf) and len(exc.items) <= 6 else [exc]
    if not (isinstance(main, ir.History) and not main.excluding and all(
            isinstance(x, ir.History) and not x.window and x.category == main.category and not x.other and x.min_grade is None
            for x in items)):
        return None
    span = _span(ctx, start, start + m.end())

    def done(r: ir.History) -> ir.Rule:
        return ir.Not(item=r, span=span) if negated else r

    v = ctx.vocab
    concepts = [c for x in items for c in x.concepts]  # type: ignore[union-attr]
    if concepts and all(c in v.terms and mc in v.terms and c not in v.terms[mc].ancestors and mc not in v.terms[c].ancestors
                        for c in concepts for mc in main.concepts):
        # 'Prior allogeneic SCT (autologous SCT allowed)': a thing of another kind let in changes nothing of what is
        # barred (read as a permission of it all, a patient after an allograft passed). After a bare comma, 'Prior
        # chemotherapy, radiotherapy allowed' may as well permit both: decided where both readings agree
        if (group == "exc2" and _BARE_COMMA.fullmatch(ctx.text, start + m.end("main"), start + m.start(group))
                and not re.match(r"(?i)\s*but\b", m.group(group))):  # ('…, but prior autologous SCT is permitted')
            which = ir.FreeText(text=f"whether '{ctx.text[start : start + m.end('main')].strip()}' is barred or allowed too",
                                reason="not_understood", span=span)
            return ir.AllOf(items=[done(main.model_copy(update={"span": span})), which], span=span)
        return done(main.model_copy(update={"span": span}))
    if main.qualifiers or (main.status == "active" and main.category == "condition"):
        # 'Active brain metastases (previously treated brain metastases allowed)': a treated one that is active again is
        # still barred; whether the permitted kind is in the barred state is not read (excepted, it passed)
        return None
    kinds: list[str] = []
    excepted: dict[str, list[str]] = {}
    for x in items:
        assert isinstance(x, ir.History)
        own = [c for c in x.concepts if c in v.terms and any(a in v.terms[c].ancestors for a in main.concepts)]
        if len(own) != len(x.concepts):
            return None  # (a permitted thing of another kind among them: no carve-out of this bar)
        quals = [q for q in x.qualifiers if q != "active"]
        if any(c in main.concepts for c in own) and not quals:
            return None  # ('Radiotherapy within 4 weeks (radiotherapy allowed)': the same kind, not narrowed)
        kinds += own
        if quals:
            excepted.update({c: quals for c in own})
    if excepted and len(excepted) != len(kinds):
        excepted.update({c: [] for c in kinds if c not in excepted})
    return done(main.model_copy(update={"excluding": kinds, "excluding_qualifiers": excepted, "span": span}))


_BARE_COMMA = _lazy("_BARE_COMMA", r"\s*[,;]\s*")
_NO_LEAD = _lazy("_NO_LEAD", r"(?i)\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?no\b")
_WHICH_IS_ALLOWED = _lazy("_WHICH_IS_ALLOWED", r"(?i)(?<=\S)\s*,?\s*(?:which|that|these|this|they)\s*$")
"""'… except basal cell carcinoma, which (is allowed)': what is allowed is the last thing named, not the clause."""
_FOOTNOTE_MARK = _lazy("_FOOTNOTE_MARK", r"(?<=[\w%)\]])\*{1,3}(?=\s*[.;,]?\s*$)")
_NOT_FOR = _lazy("_NOT_FOR",
    r"(?i)\((?:[^()]*?;\s*)?\s*(?:this\s+|the\s+limit\s+)?(?:does|do)\s+not\s+(?:include|apply\s+to)\s+(?:patients|subjects|participants|those)\s+"
    r"(?:with|who\s+have)\s+(?P<who>[^()]+?)\s*\)")
_AGE_AT_EVENT = _lazy("_AGE_AT_EVENT",
    r"(?i)\b(?:age|aged|years?\s+(?:of\s+age|old))\b[^.;]{0,40}?\b(?:at\s+(?:the\s+)?time\s+of\s+(?!(?:the\s+)?(?:screening|enrol|"
    r"registration|consent|signing|study\s+entry|entry|randomi[sz]ation|inclusion))|at\s+(?:(?:initial|first|original)\s+)?diagnosis|"
    r"when\s+(?:first\s+)?diagnosed)|\bage\s+at\s+(?:(?:the|first|initial|prior|last|his|her|their)\s+)?(?:transplant\w*|diagnosis|"
    r"onset|surgery|resection|relapse|progression|infusion|HSCT|SCT|ASCT|BMT)\b")
_ACUTE_INFECTIONS = frozenset({"infection", "sepsis"})
_CHRONIC_INFECTIONS = frozenset({"hiv_infection", "hepatitis", "viral_hepatitis", "hepatitis_a", "hepatitis_b", "hepatitis_c",
                                 "tuberculosis", "latent_tuberculosis", "htlv_infection"})
_PAST_CUE = _lazy("_PAST_CUE", r"(?i)\b(?:" + _by_first_letter(
    ["history", "prior", "previous", "past", "recent", "ever", "had", "within", "since", "last", r"at\s+any\s+(?:time|point)"]) + r")\b")
_EVENT_CUE = _lazy("_EVENT_CUE", r"(?i)\b(?:" + _by_first_letter([
    "experienced", "developed", "occurred", "occurring", "induced", "during", "after", "following", "previously",
    r"due\s+to", "caused", "related", "associated", "attributed", "resulting", "resulted", "led", "leading",
    "secondary", r"discontinu\w*", r"permanent\w*",
]) + r")\b")
_HISTORY_OF_ACTIVE = _lazy("_HISTORY_OF_ACTIVE", r"(?i)\bhistory\s+of\s+(?:an?\s+)?(?:active|current)\s+(?:[\w-]+\s+)?$")
_HISTORY_OF = _lazy("_HISTORY_OF", r"(?i)\bhistory\s+of\s*,?\s+(?:and/)?or\s+(?:any\s+)?(?:evidence|presence|signs?)\s+of\b")
"""'Known history of, or any evidence of …': the list after it may be asked of the past as well as the present."""
_FUTURE_NEED = _lazy("_FUTURE_NEED",
    r"(?i)\b(?:requires?|requiring|need(?:s|ing)?|expected\s+to\s+require|will\s+(?:require|need|receive))\b[^.;]*?"
    r"\bwhile\s+(?:on|participating\s+in|enrolled\s+(?:on|in))\s+(?:the\s+|this\s+)?(?:study|trial|protocol)")
_MODAL_BODY = _lazy("_MODAL_BODY", r"(?i)\s*(?:may|can|will|must|should|are|is|be)\b")
_PROVISO = _lazy("_PROVISO", r"(?i)\s*,?\s*(?:provided(?:\s+that)?|if|only\s+if|as\s+long\s+as)\s+")
_PROVIDED = _lazy("_PROVIDED", r"(?is)^(?P<body>.*?[\w)\]])\s*,?\s+(?=provided\b)(?P<rest>.*)$")
"""'Other cancer provided all evaluable lesions are documented RCC': a permission without its 'allowed'."""
_PERMISSION = _lazy("_PERMISSION",
    r"(?i)^\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?:any\s+)?(?:prior|previous|concurrent|concomitant)\b(?:(?!\.\s)[\w ,./()'-])*?\s+(?:(?:is|are)\s+)?(?:allowed|permitted|acceptable)"
    r"(?:\s*,\s*including\s+[\w ,/'-]+)?\s*\.?\s*$"
)
_REASON_THEN_COLON = _lazy("_REASON_THEN_COLON", r"(?i)\s*(?=[^:]*\b(?:prior|previous|history|active|known|any|concurrent|current)\b)[^:]{3,}:")
"""'Prior BCMA-directed therapy: prior belantamab allowed': a reason to exclude before the colon (not the topic label of
'Radiotherapy: Prior radiotherapy allowed')."""
_STUDY_WORDS = (r"(?:the\s+|this\s+)?(?:study|trial|protocol|enrol\w*|participat\w*|inclusion|part\s+[A-Z0-9]|cohort|dose[\s-]|"
                r"expansion|escalation|on\s+study)")
"""What a group let in is let into ('also eligible for this study', '… to participate', '… in Part B')."""
_ELIGIBLE_LEAD = _lazy("_ELIGIBLE_LEAD",
    r"(?i)^\s*(?:note\s*:\s*)?(?:also|additionally)\s+(?:eligible|allowed|permitted|included|enrolled|acceptable)\s*"
    r"(?:[:\-–—]|\s+(?:are|is|will\s+be)\b)")
"""'Also eligible: …', 'Also included: …': the group after it is let in (not 'Eligible: ECOG 0-2', a requirement)."""
_ALSO_LET_IN = _lazy("_ALSO_LET_IN",
    r"(?i)(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)\b(?:can|may|will|would|shall|are|is)\s+also\s+(?:be\s+)?(?:included|enrolled|eligible|"
    r"allowed|permitted|accepted|acceptable|participate|considered\s+eligible)\b(?!\s+(?:in|for|to|on|at|into)\s+(?!" + _STUDY_WORDS + r"))"
    r"|(?<!\bnot\s)(?<!\bwho\s)(?<!\bwho\sare\s)\balso\s+(?:eligible|allowed|permitted|included|acceptable)\b"
    r"(?!\s+(?:to|for|in|on|at|into)\s+(?!" + _STUDY_WORDS + r"))")
"""'Patients with plasma cell leukemia can also participate', '… will also be included': a group let in."""
_WHO_ARE_ELIGIBLE = _lazy("_WHO_ARE_ELIGIBLE",
    r"(?i)^\s*(?:note\s*:\s*)?(?:patients?|subjects?|participants?|those|women|men|individuals?)\s+(?:with|who)\b[^;]*?"
    r"\b(?:is|are)\s+(?:also\s+)?(?:eligible|allowed|permitted|acceptable)\s*\.?\s*$")
_ONLY_LEAD = _lazy("_ONLY_LEAD", r"(?i)\s*(?:note\s*:\s*)?only\b")
_GROUP_SCOPED = _lazy("_GROUP_SCOPED",
    r"(?i)^\s*(?:(?:(?:male|female)\s+(?:patients?|subjects?|participants?)|men|women|males|females)\s*(?:(?:must|should|shall)\s+"
    r"(?:have|be)\b(?!\s+(?:not\s+)?(?:pregnant|breast|lactating|nursing|willing|agree|surgically|post))|:)|"
    r"(?P<lead>(?:in|for)\s+)?(?:patients?|subjects?|participants?|those|individuals?)\s+(?:who\s+are\s+)?(?:aged\s+|age\s+|of\s+age\s+)?"
    r"(?:[<>≤≥]=?\s*\d|\d+\s*(?:-|to)\s*\d+\s*(?:years?|yrs?)|\d+\s*(?:years?|yrs?)|over\s+(?:the\s+age\s+of\s+)?\d|"
    r"under\s+(?:the\s+age\s+of\s+)?\d|older\s+than|younger\s+than)(?:\s*[\w.]+){0,5}?\s*(?:\b(?:must|should|shall|need\s+to|are\s+required\s+to)\b|:|"
    r"(?(lead),|,(?=[^;]*\b(?:must|should|shall|required|need|or)\b|.*;\s*(?:patients?|subjects?|participants?|those)\s+"
    r"(?:aged\s+)?(?:[<>≤≥]|\d|over|under|older|younger)))))")
"""'Patients aged 70 years or older must have ECOG 0-1', 'Male patients must have hemoglobin ≥ 13 g/dL', 'Patients ≥ 65 years old:
ECOG 0-1': a requirement of one age group or sex (read with the group as one more requirement, everyone else failed)."""
_AGE_SPEC = (r"(?:[<>≤≥]=?\s*\d+|(?:over|under|above|below)\s+(?:the\s+age\s+of\s+)?\d+|(?:older|younger|less|greater|more)\s+"
             r"than\s+\d+|\d+\s*(?:-|–|to)\s*\d+|\d+\s*(?:\+|years?|yrs?|y/o|y\b)|\d+\s+(?:or|and)\s+(?:older|over|above|younger|"
             r"under|less|more|greater|up|below))")
_WHO_NOUN = r"(?:patients?|subjects?|participants?|those|individuals?|people|persons?)"
_GROUP_CLAUSE = _lazy("_GROUP_CLAUSE",
    rf"(?i);\s*(?P<who>(?:(?:for|in|among)\s+)?{_WHO_NOUN}\s+(?:with|who|having|aged|age|of\s+age|over|under|older|younger|"
    r"[<>≤≥]|\d))")
"""'…; patients with Gilbert's syndrome: total bilirubin > 3 × ULN', '…; patients aged ≥ 65 years: hemoglobin < 8 g/dL':
a clause after a semicolon that opens on a group of patients."""


_YOUNG_NOUN = (r"(?:adolescents?|children|child|infants?|minors?|p(?:a)?ediatric\s+(?:patients?|subjects?|participants?)|"
               r"elderly(?:\s+(?:patients?|subjects?|participants?))?)")
_AGE_GROUP_AFTER = _lazy("_AGE_GROUP_AFTER",
    rf"(?i)\b(?:in|for|among)\s+{_WHO_NOUN}\s+(?:who\s+are\s+)?(?:aged\s+|age\s+|of\s+age\s+)?{_AGE_SPEC}(?:\s+(?:years?|yrs?))?"
    r"(?:\s+(?:of\s+age|old))?(?:\s+(?:or|and)\s+(?:older|over|above|younger|under))?|"
    rf"\(\s*(?:(?:in|for)\s+)?{_WHO_NOUN}\s+(?:who\s+are\s+)?(?:aged\s+|age\s+|of\s+age\s+)?{_AGE_SPEC}(?:\s+(?:years?|yrs?))?"
    r"(?:\s+(?:of\s+age|old))?(?:\s+(?:or|and)\s+(?:older|over|above|younger|under))?\s*\)|"
    rf"(?<=;)\s*{_WHO_NOUN}\s+(?:who\s+are\s+)?(?:aged\s+|age\s+|of\s+age\s+)?{_AGE_SPEC}"
    r"(?:\s+(?:years?|yrs?)(?:\s+(?:of\s+age|old))?)?(?:\s+(?:or|and)\s+(?:older|over|above|younger|under))?(?=\s*:|[^;]*\b(?:must|should|shall|"
    r"need\s+to|needs\s+to|are\s+required|is\s+required|required)\b)|"
    rf"(?<=;)\s*{_YOUNG_NOUN}(?=[^;]*\b(?:must|should|shall|need\s+to|needs\s+to|are\s+required|is\s+required|required)\b)")
"""'LVEF ≥ 50% in patients aged 60 or older', '(patients > 60 years)', '…; patients aged 70 or older must have ECOG 0-1':
the age group a limit binds."""
_AGE_GROUP_LEAD = _lazy("_AGE_GROUP_LEAD",
    rf"(?i)^\s*(?:(?:in|for)\s+)?{_WHO_NOUN}\s+(?:who\s+are\s+)?(?:aged\s+|age\s+|of\s+age\s+)?{_AGE_SPEC}(?:\s*[\w.%-]+){{0,4}}?\s*"
    r"(?:\b(?:must|should|shall|need\s+to|needs\s+to|are\s+required|is\s+required|required)\b|:)|"
    rf"^\s*{_YOUNG_NOUN}\b(?:\s*[\w.%-]+){{0,4}}?\s*"
    r"(?:\b(?:must|should|shall|need\s+to|needs\s+to|are\s+required|is\s+required|required)\b|:)")
"""'Patients aged 70 or older must have ECOG 0-1', 'Adolescents must weigh at least 40 kg', '…; patients aged ≥ 65 years
must have a Karnofsky ≥ 80%': a clause binding only an age group (read with the group as one more requirement, every
other age failed)."""
_COHORT_TAIL = _lazy("_COHORT_TAIL",
    r"(?i)[(\[]\s*(?:applies\s+(?:only\s+)?to\s+|for\s+|in\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:cohorts?|arms?|parts?|phases?|"
    r"portions?|escalation|expansion|run-in|sub-?stud(?:y|ies)|modules?|stages?\s+\d)\b[^)\]]*?\bonly\s*[)\]]|"
    r"^\s*(?:in|for|during)\s+(?:the\s+)?(?:[\w/-]+\s+){0,3}?(?:cohorts?|arms?|parts?|phases?|portions?|escalation|expansion|"
    r"run-in|sub-?stud(?:y|ies)|modules?)\b(?:\s+[\w/-]+){0,3}?\s*,|"
    rf"\b{_WHO_NOUN}\s+(?:enrolled\s+|enrolling\s+|treated\s+)?in\s+the\s+(?:[\w-]+\s+){{0,3}}?(?:cohorts?|arms?|parts?|phases?|portions?|"
    r"escalation|expansion|run-in)\b")
"""'Platelets ≥ 75 × 10⁹/L (Cohort A only)', 'In the expansion phase, …', 'Patients in the randomized portion must have
…': whom the rule binds, a cohort the record does not hold."""
_APPLICABLE = _lazy("_APPLICABLE", r"(?i)[,(]?\s*\b(?:where|as|when|if)\s+applicable\b\s*\)?")


def _scope_phrase(text: str) -> tuple[int, int, str] | None:
    """Where an inclusion criterion names a group, a place or a cohort that it binds only (an age group after the
    limit, 'in Japan', '(Cohort A only)', 'where applicable'): the span of those words and their kind ('applicable',
    'region', 'cohort', 'age'), else None. Read as one more requirement, the group's words made everyone outside it
    fail; the rule holds for those it binds, and is not decided for the others (see `_interpret`)."""
    if "pplicable" in text and (m := _APPLICABLE.search(text)) is not None:
        return m.start(), m.end(), "applicable"
    lex = lexicon()
    if not lex.region_words.isdisjoint(_CAPITALISED.findall(text)) and (
            m := lex.regions.search(text)) is not None:
        lead = re.search(r"(?i)(?:\b(?:in|for|from)\s+(?:(?:patients?|participants?|subjects?)\s+(?:enrolled|treated|recruited|"
                         r"randomi[sz]ed)\s+)?(?:(?:at\s+)?sites?\s+)?(?:in\s+)?(?:the\s+)?|\()\s*$", text[: m.start()])
        if lead is not None:
            tail = re.match(r"(?:\s+only)?\s*\)?", text[m.end() :])
            return lead.start(), m.end() + (tail.end() if tail else 0), "region"
        if not text[: m.start()].strip() and (tail := re.match(r"(?:\s+only)?\s*:", text[m.end() :])) is not None:
            return m.start(), m.end() + tail.end(), "region"  # ('Japan only: …')
    if _may_say(text, "cohort", "arm", "part", "phase", "portion", "escalation", "expansion", "run-in", "stud", "module",
                "stage") and _COHORT_WORD.search(text) and (m := _COHORT_TAIL.search(text)) is not None:
        return m.start(), m.end(), "cohort"
    if (_A_DIGIT.search(text) and _may_say(text, "patient", "subject", "particip", "those", "individual", "people",
                                           "person", "adolescent", "child", "infant", "minor", "ediatric", "elderly")
            and (m := _AGE_GROUP_AFTER.search(text)) is not None and text[: m.start()].strip(" ,;:-(")):
        return m.start(), m.end(), "age"
    return None


def _scoped_rule(text: str, section: Section, offset: int, inherit: tuple[str, ...], a: int, b: int, kind: str) -> ir.Rule | None:
    """`any(only for <the group>, the rule without the group's words)`, where that is sound: met without them, the
    criterion is met (the group's rule holds; for anyone else it binds nothing). None where it is not: an age group that
    names the disease's patients ('AML in patients ≥ 60 years': who is eligible, not whom a limit binds), a place with no
    rule for elsewhere beside it ('Age ≥ 18 in the US'), a group among alternatives ('ECOG 0-1 or Lansky ≥ 50 for patients
    < 16': the alternatives are the groups'), two groups."""
    blanked = text[:a] + " " * (b - a) + text[b:]
    if _scope_phrase(blanked) is not None or (kind in ("age", "region") and re.search(r"(?i)\bor\b", blanked)):
        return None
    rest = _interpret(blanked, section, offset, inherit)
    if isinstance(rest, (ir.FreeText, ir.NoRequirement)):
        return None
    if kind in ("age", "region") and not all(isinstance(x, (*ir.MEASURED, ir.FreeText, ir.NoRequirement))
                                            for x in ir.leaves(rest)):
        return None  # ('Acute myeloid leukemia (patients > 60 years)': the group is who is eligible)
    said = "where applicable" if kind == "applicable" else re.sub(
        r"(?i)^(?:in|for|during|among|from)\s+(?=\S)|\s+only$", "", text[a:b].strip(" ,;:()[]"))
    label = ir.FreeText(text=f"only {said}" if kind == "applicable" else f"only for {said}", reason="unsupported",
                        span=(offset + a, offset + b))
    return _join([label, rest], "any", (offset, offset + len(text)))


_CAPITALISED = _lazy("_CAPITALISED", r"\b[A-Z][A-Za-z.]*")
_A_DIGIT = _lazy("_A_DIGIT", r"\d")
_COHORT_WORD = _lazy("_COHORT_WORD", r"(?i)\b(?:cohorts?|arms?|parts?|phases?|portions?|escalation|expansion|run-in|sub-?stud|modules?|"
                                     r"stages?)\b")


_KIND_ARE_ELIGIBLE = _lazy("_KIND_ARE_ELIGIBLE",
    r"(?i)^\s*(?:note\s*:\s*)?(?:[\w/-]+\s+){1,4}(?:patients?|subjects?|participants?|women|men|individuals?)\s+"
    r"(?:is|are)\s+(?:also\s+)?(?:eligible|allowed|permitted|acceptable)\s*\.?\s*$")
_RESTRICTS = _lazy("_RESTRICTS",
    r"(?i)\d|\b(?:no|not|none|never|without|only|if|unless|except|excluding|provided|but|when|whether|as\s+long|up\s+to|"
    r"maximum|max|limit(?:ed)?|must|required?|after|within|before|prior\s+to|since|until|less|more|greater|fewer|"
    r"at\s+least|at\s+most|exceed\w*|total|cumulative|dose|doses|provided|case|cases|discretion|approval|approved|"
    r"considered|consult\w*|may|should|stable|stopped|discontinued|completed|recovered|resolved|controlled)\b"
)

_ABBREV_IN_PHRASE = _lazy("_ABBREV_IN_PHRASE", r"\((?<=[a-z] \()(?!QTc[FB]\))(?:[A-Z][A-Za-z0-9]{0,6}[A-Z0-9])\)(?=\s+[a-z])")
"""'human immunodeficiency virus (HIV) infection': initials restated inside a phrase (blanked, the phrase reads whole);
not '(QTcF)' after 'QT interval corrected', which names the correction."""
_OPENS_ON_COMPARATOR = _lazy("_OPENS_ON_COMPARATOR", r"\(\s*[<>≤≥=]")
_OPENS_ON_UNIT = _lazy("_OPENS_ON_UNIT", r"(?i)\(\s*[gmuµμl]")

_BARRED_LABEL = _lazy("_BARRED_LABEL", r"(?i)\s*(?:prohibited|forbidden|excluded|disallowed|banned|exclusions?|not\s+allowed)\b")
_LABEL = _lazy("_LABEL", r"\s*(?!(?:no|not|without|none|never)\b)(?:[A-Za-z][\w/-]*\s*){1,3}:(?!\s*(?:including|such\s+as|e\.g\.))", re.IGNORECASE)
_WITHOUT_PAREN = _lazy("_WITHOUT_PAREN", r"(?i)\s*(?:without|no|not)\b|[^()]*\bnot\s+(?:permitted|allowed)\b")
_PAREN_CONDITION = _lazy("_PAREN_CONDITION",
    r"(?i)\b(?:if|when|for|in|with|due\s+to|allowed|permitted|acceptable|eligible|accrued|case-by-case|provided|"
    r"presence|metastas[ie]s|involvement|gilbert)"
)
_CONDITIONAL_START = _lazy("_CONDITIONAL_START",
    r"(?i)^\s*(?:if|unless|except|excluding|however|but|in\s+(?:the\s+)?(?:case|presence)\s+of|(?:in|for)\s+(?:patients|subjects|participants|those)\s+(?:with|who))\b"
)


_OR_WORD_GAP = _lazy("_OR_WORD_GAP", r"\s+or\s+")


def _set_aside_alternative(text: str, section: Section, offset: int, inherit: tuple[str, ...], nd: _NotDecidable) -> ir.Rule | None:
    """'Pregnant or breastfeeding, or expecting to conceive …' (exclusion): the set-aside part is
    one alternative of its own after ', or'; the rest is read as usual. Either alternative
    excludes, so the part read can decide a fail, and the part set aside only keeps a match open."""
    if section != "exclusion":
        return None
    m = re.search(r",\s*or\s+", text)
    if m is None and (nm := nd.regex.search(text)) is not None:
        # 'Pregnant or breastfeeding or expecting to conceive …': the last 'or' before the words set aside
        m = next((o for o in reversed(list(_OR_WORD_GAP.finditer(text, 0, nm.start() + 1)))
                  if o.end() <= nm.start() and len(text[o.end() : nm.start()].split()) <= 2), None)
    if m is None or _split_top(text[: m.start()], "(") != [(0, m.start())]:
        return None
    head, tail = text[: m.start()], text[m.end() :]
    if nd.regex.search(_CONSENT_AS_TIME.sub(" ", head)) or not nd.regex.search(tail) or not head.strip():
        return None
    read = _interpret(head, section, offset, inherit)
    if not any(not isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(read)):
        return None
    pieces = _split_top(head, ",")
    if len(pieces) > 1:
        # 'Pregnant, breastfeeding, or expecting …': the head is the list's first items, each one more way to exclude
        items = [_interpret(head[a:b], section, offset + a, inherit) for a, b in pieces]
        if all(ir.leaves(r) and not any(isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(r)) for r in items):
            read = ir.AnyOf(items=items, span=(offset, offset + len(head)))
    aside = ir.FreeText(text=tail.strip(), reason=nd.reason, span=(offset + m.end(), offset + len(text)))
    return ir.AnyOf(items=[read, aside], span=(offset, offset + len(text)))


def _merge_conditionals(text: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in clauses:
        if out and _CONDITIONAL_START.match(text[s:e]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_COHORT_LABEL = _lazy("_COHORT_LABEL", 
    r"(?i)\s*(?:(?:for|in)\s+)?(?P<label>(?:phase|parts?|cohorts?|arms?|groups?|dose|expansion|escalation|back-?fill|"
    r"randomi[sz]ed\s+(?:phase|portion|part|cohort)|run-in|safety\s+run-in|sub-?stud(?:y|ies)|modules?)\b"
    r"[^:;.]{0,50}?)(?:\s+only)?\s*:(?=\s*\S)")
"""'Cohort 2:', 'Phase 2 Expansion Cohorts:', 'Dose escalation participants:', 'Group 1:': whom the rest is for."""
_MID_SUBHEADING = _lazy("_MID_SUBHEADING", rf"(?<=[\w.)%])\s+(?=(?:{NCI_SUBHEADING_NAMES})\s*:\s*\S)")
_NOTE = _lazy("_NOTE", r"[(*\s]*\b(?:NOTES?|Notes?)\s*:|(?<=[.;])\s+(?=(?:[Tt]his|[Tt]hese|[Tt]he\s+above)(?:\s+(?:criterion|criteria|requirement|"
                   r"requirements|limits?|values?))?\s+(?:only\s+)?(?:applies|apply|is\s+applicable|does\s+not\s+apply|do\s+not\s+apply|"
                   r"does\s+not\s+include|do\s+not\s+include)\b)")
_RESTRICTING_NOTE = _lazy("_RESTRICTING_NOTE", r"(?i)\b(?:must|required|requires?|should|only|not\s+(?:be\s+)?(?:eligible|allowed|permitted)|ineligible|excluded)\b")
_RELAXING_NOTE = _lazy("_RELAXING_NOTE", 
    r"(?i)\b(?:eligible|allowed|permitted|acceptable|may|can|exceptions?|unless|except|considered|not\s+(?:a\s+)?contraindicat\w*|"
    r"appl(?:y|ies)\s+only|(?:does|do)\s+not\s+(?:apply|include)|is\s+applicable)\b")


def _whichever(rule: ir.Rule, word: str) -> ir.Rule | None:
    """The rule with its 'or' of limits made 'and' when 'whichever is higher/lower' asks for the stricter one; None
    when that cannot be said (limits of other kinds, or the looser one asked for)."""
    if not isinstance(rule, ir.AnyOf):
        return rule if not any(isinstance(x, ir.AnyOf) for x in ir.children(rule)) else None
    limits = [x for x in rule.items if isinstance(x, ir.Comparison)]
    lower = all(x.op in (">", ">=") for x in limits)
    upper = all(x.op in ("<", "<=") for x in limits)
    stricter = word in ("higher", "greater", "older", "later", "more") and lower or word in (
        "lower", "less", "smaller", "younger", "shorter", "earlier") and upper
    if not limits or not stricter or not all(isinstance(x, (ir.Comparison, ir.FreeText)) for x in rule.items):
        return None
    return ir.AllOf(items=list(rule.items), span=rule.span)


def _list_runs_on(text: str, clauses: list[tuple[int, int]]) -> bool:
    """Whether a clause after a negated or excepting one only goes on with its list (starts in lower case, holds
    no number)."""
    for (ps, pe), (s, e) in zip(clauses, clauses[1:]):
        piece = text[s:e].strip()
        if (piece[:1].islower() and not re.search(r"\d", piece)
                and not re.match(r"(?i)(?:no|not|none|without|must|should|may|and|or|but|patients?|subjects?|at\s+least)\b", piece)
                and (
                _LIST_LEAD_NEG.match(text, ps, pe) or _EXCEPTING.search(text, ps, pe))):
            return True
    return False


_FOLLOWING_LEAD = _lazy("_FOLLOWING_LEAD", r"(?i)^[^:;]{0,120}?\b(?:of\s+the\s+following|the\s+following|following|(?:of\s+)?these)\b[^:;]{0,80}:(?=\s*\S)")
"""A lead over the clauses after its colon, in one criterion's text ('None of the following lab abnormalities: …')."""
_NEGATED_LEAD = _lazy("_NEGATED_LEAD", r"(?i)\b(?:no|none|not|without|absence|free\s+of|neither)\b")
_LIST_LEAD_NEG = _lazy("_LIST_LEAD_NEG", r"(?i)\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?:no|not|none|without)\b")
_EXCEPTING = _lazy("_EXCEPTING", r"(?i)\b(?:except|other\s+than|with\s+the\s+exception\s+of|excluding)\b")


def _at_subheadings(text: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'No concurrent cytotoxic chemotherapy Endocrine therapy: At least 1 week since prior hormone therapy': an old
    record's sub-heading inside a line starts a requirement of its own (read as a scope, 'X: …' would bind the
    rest to those with X)."""
    out: list[tuple[int, int]] = []
    for s, e in clauses:
        pos = s
        for m in _MID_SUBHEADING.finditer(text, s, e) if ":" in text[s:e] else ():  # (a sub-heading ends in a colon)
            if text[pos : m.start()].strip(" .,;:") and m.start() > pos:
                out.append((pos, m.start()))
                pos = m.start()
        out.append((pos, e))
    # ('… Endocrine therapy: Not specified'): a sub-heading that asks nothing
    return [(a, b) for a, b in out if not _UNSPECIFIED.fullmatch(text, a, b)] or clauses


_UNSPECIFIED = _lazy("_UNSPECIFIED", 
    r"(?i)\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?:not\s+specified|any\s+age|see\s+(?:disease\s+characteristics|general\s+eligibility(?:\s+criteria)?))"
    r"\s*\.?\s*")


def _note_start(text: str) -> int | None:
    """Where a note ('Note:', 'NOTE:', '(Note: …)') starts after some rule text, if one does."""
    m = _NOTE.search(text)
    while m is not None and not text[: m.start()].strip(" .,;:(*"):
        m = _NOTE.search(text, m.end())
    return m.start() if m is not None else None


_INLINE_ITEM = _lazy("_INLINE_ITEM", r"(?<=\.)\s+\d{1,2}\.\s+(?=[A-Z][a-z])")
"""'… requires systemic therapy. 6. Active autoimmune disease …': the next item of a list run into this one."""


_REQUIREMENT_SENTENCE = _lazy("_REQUIREMENT_SENTENCE", 
    r"(?<=\.)\s+(?=(?:(?:(?:All\s+)?(?:female|male)\s+)?(?:Patients|Subjects|Participants|Women|Men|Females|Males|WOCBP)"
    r"(?:\s+of\s+(?:child-?bearing|reproductive)\s+potential)?\s+)?(?:must|should)\b(?!\s+not\b)"
    # ('… within 3 weeks of first dose. Toxicities from radiotherapy must have resolved …': another subject)
    r"|(?-i:[A-Z])[\w-]*(?:\s+[\w-]+){0,5}\s+(?:must|should)\s+(?!not\b)(?:have\s+|be\s+)?(?:resolved|recovered|returned|been\s+resolved))",
    re.IGNORECASE)
"""'History of CAR-T therapy within 100 days. Must have evidence of B-cell recovery if prior CAR-T therapy': a
requirement of its own, after the sentence that names a reason to exclude."""


_MODAL_START = _lazy("_MODAL_START", 
    r"(?i)\s*(?:(?:patients|subjects|participants|women|men|females|males|wocbp)(?:\s+of\s+(?:child-?bearing|reproductive)\s+potential)?"
    r"\s+)?(?:must|should)\b(?!\s+not\b)")


def _split_at(text: str, s: int, e: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    out = []
    for m in pattern.finditer(text, s, e):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, e))
    return out


_MAY_OPENS = _lazy("_MAY_OPENS", r"\s*(?:Patients|Participants|Subjects)\s+may\s+(?:also\s+)?(?:be|have)\b")
_SENTENCE_END = _lazy("_SENTENCE_END", r"(?<=[a-z0-9)\]%])\.\s+(?=[A-Z])")
_MAY_SENTENCE = _lazy("_MAY_SENTENCE", r"(?<=\.)\s+(?:Patients|Participants|Subjects)\s+may\s+(?:also\s+)?(?:be|have)\b")
_PATIENT_SENTENCE = _lazy("_PATIENT_SENTENCE", r"(?<=\.)\s+(?=(?:Patients|Participants|Subjects)\s)")
_ELIGIBLE_SENTENCE = _lazy("_ELIGIBLE_SENTENCE",
    r"(?<=\.)\s+(?=(?:Patients|Participants|Subjects|Those)\b[^.]{0,200}?\b(?:(?:are|is)\s+(?:also\s+)?(?:eligible|allowed|permitted)|"
    r"(?:will|can|may)\s+(?:also\s+)?be\s+(?:included|enrolled|eligible|allowed|permitted))\b)")
_BARRED_GROUP_SENTENCE = _lazy("_BARRED_GROUP_SENTENCE",
    r"(?<=\.)\s+(?=(?:[A-Z][\w-]*\s+){0,3}(?i:patients|participants|subjects|women|men|females|males|individuals)\b(?:[^.]|\.(?=\d)){0,120}?\b"
    r"(?:are|is)\s+(?:not\s+(?:allowed|permitted|eligible)|excluded|ineligible)\b)")
_LET_IN_SENTENCE = _lazy("_LET_IN_SENTENCE",
    r"(?<=\.)\s+(?=(?:Patients|Participants|Subjects|Those)\b(?:[^.]|\.(?=\d)){0,200}?\b(?:are|is|(?:will|may|can)\s+(?:also\s+)?be)\s+(?:also\s+)?"
    r"(?:eligible|allowed|permitted|included|enrolled|accepted)\b)")
"""A sentence that lets a group in beside the requirement before it ('Patients with ECOG 3 due to bone pain are eligible'),
or restricts one ('Patients older than 70 years are eligible only with ECOG 0 or 1': joined as a narrowing, see
`_group_effect`)."""
_RESTRICTING_ONLY = _lazy("_RESTRICTING_ONLY",
    r"(?i)\b(?:eligible|allowed|permitted|acceptable|enrolled|included)\s*,?\s+only\s+(?:with|if|when|provided|in\s+case\s+of)\b")


def _limits(rule: ir.Rule) -> list[ir.Comparison | ir.RelativeLimit] | None:
    """The limits a rule is made of (all of them), or None when it holds anything else."""
    if isinstance(rule, (ir.Comparison, ir.RelativeLimit)) and rule.op in ("<", "<=", ">", ">="):
        return [rule]
    if isinstance(rule, ir.AllOf):
        out: list[ir.Comparison | ir.RelativeLimit] = []
        for x in rule.items:
            got = _limits(x)
            if got is None:
                return None
            out += got
        return out
    return None


def _looser(a: ir.Comparison | ir.RelativeLimit, b: ir.Comparison | ir.RelativeLimit) -> bool:
    """Whether limit `a` is the same kind of limit as `b` on the same value, and no stricter."""
    if type(a) is not type(b) or a.concept != b.concept or (a.op in ("<", "<=")) != (b.op in ("<", "<=")):
        return False
    if isinstance(a, ir.RelativeLimit) and isinstance(b, ir.RelativeLimit):
        if a.reference != b.reference or a.offset != b.offset:
            return False
        va, vb = a.factor, b.factor
    elif isinstance(a, ir.Comparison) and isinstance(b, ir.Comparison):
        if a.canonical_unit != b.canonical_unit or a.method != b.method:
            return False
        va, vb = a.canonical_value, b.canonical_value
    else:
        return False
    return va >= vb if a.op in ("<", "<=") else va <= vb


def _group_relaxations(rules: list[ir.Rule]) -> list[ir.Rule]:
    """'AST and ALT ≤ 3 × ULN; patients with liver metastases: AST and ALT ≤ 5 × ULN': the group's looser limits replace
    the same limits of the clause before for its members only (read as both binding everyone in the group, a patient with
    liver metastases at 3.75 × ULN failed). The other limits of the clause before still bind them."""
    out: list[ir.Rule] = []
    for r in rules:
        prev = out[-1] if out else None
        if prev is None or not isinstance(r, ir.AnyOf) or len(r.items) != 2:
            out.append(r)
            continue
        head = r.items[0]
        if isinstance(head, ir.Not):
            group: ir.Rule = head.item
        elif isinstance(head, ir.FreeText) and head.reason == "unsupported" and head.text.startswith("only for "):
            group = head  # ('…; patients aged ≥ 65 years: hemoglobin ≥ 9 g/dL': a group the record does not place them in)
        else:
            out.append(r)
            continue
        relaxed = r.items[1]
        group_limits = _limits(relaxed)
        if not group_limits:
            out.append(r)
            continue
        parts = prev.items if isinstance(prev, ir.AllOf) else [prev]
        concepts = {x.concept for x in group_limits}
        # (only the limits the group's are looser versions of move: a floor, a cap of another kind, still binds the group)
        same = [x for x in parts if (lim := _limits(x)) is not None and all(any(_looser(g, y) for g in group_limits) for y in lim)]
        rest = [x for x in parts if x not in same]
        same_limits = [y for x in same for y in (_limits(x) or [])]
        if not same or {y.concept for y in same_limits} != concepts or not all(
                any(_looser(g, y) for y in same_limits if y.concept == g.concept) for g in group_limits):
            out.append(r)
            continue
        span = prev.span
        held = _join([_join(same, "all", span), group], "any", span)
        out[-1] = _join([*rest, held, relaxed], "all", span)
    return out


def _joined_by_effect(effect: Literal["narrow", "widen", "text"] | None, prev: ir.Rule, carve: ir.Rule, joined: ir.Rule,
                      section: Section, ctx: _Ctx, end: int) -> ir.Rule:
    """The rule before a group let in, joined to the unread sentence `carve` as `_group_effect` says (`joined`: as
    usual, without such an 'only')."""
    if effect is None:
        return joined
    if effect == "text":
        start = (prev.span[0] - ctx.offset) if prev.span is not None else 0
        semi, stop = ctx.text.rfind(";", 0, start), ctx.text.rfind(". ", 0, start)
        start = max(semi + 1 if semi >= 0 else 0, stop + 2 if stop >= 0 else 0)  # (from its clause's start)
        return _free(ctx, start, end)
    narrows = effect == "narrow"
    return (ir.AllOf if narrows == (section == "inclusion") else ir.AnyOf)(items=[prev, carve], span=prev.span)


_LIMIT_LEAVES = (ir.Comparison, ir.Range, ir.OneOf, ir.RelativeLimit)
_GROUP_VERB_END = _lazy("_GROUP_VERB_END",
    r"(?i)[\s,]*(?:(?:are|is)|(?:will|may|can|would|could|shall)\s+(?:also\s+)?be)\s*(?:also\s*)?$")
_GROUP_LEAD_WORDS = _lazy("_GROUP_LEAD_WORDS",
    r"(?i)[\s.;,]*(?:(?:patients|participants|subjects|those|individuals)\s+(?:with|who\s+have|having)\s+)?")


def _admits(rule: Any, v: float) -> bool:  # (a limit: Comparison, Range, OneOf or RelativeLimit)
    if isinstance(rule, ir.OneOf):
        return v in rule.values
    if isinstance(rule, ir.Range):
        lo = v > rule.canonical_low or (rule.low_inclusive and v == rule.canonical_low)
        return lo and (v < rule.canonical_high or (rule.high_inclusive and v == rule.canonical_high))
    t = rule.factor if isinstance(rule, ir.RelativeLimit) else rule.canonical_value
    return {"<": v < t, "<=": v <= t, ">": v > t, ">=": v >= t}.get(rule.op, False)


def _limit_points(ctx: _Ctx, a: Any, b: Any) -> list[float] | None:  # (limits, as `_admits`)
    """Values that tell apart what two limits on one value admit, or None where they are not comparable."""
    if getattr(a, "concept", None) != getattr(b, "concept", None):
        return None
    rel = [isinstance(x, ir.RelativeLimit) for x in (a, b)]
    if any(rel) and not (all(rel) and a.reference == b.reference and a.offset == b.offset == 0):
        return None
    marks: list[float] = []
    for x in (a, b):
        if isinstance(x, ir.OneOf):
            marks += x.values
        elif isinstance(x, ir.Range):
            marks += [x.canonical_low, x.canonical_high]
        else:
            marks.append(x.factor if isinstance(x, ir.RelativeLimit) else x.canonical_value)
    c = ctx.vocab.concepts.get(a.concept)
    if c is not None and c.kind == "score":  # (whole values only: 'ECOG 0-1' and 'ECOG 0 or 1' are the same)
        return [float(v) for v in range(int(min(marks)) - 1, int(max(marks)) + 2)]
    eps = 1e-6 * max(1.0, *(abs(m) for m in marks))
    return [p for m in marks for p in (m - eps, m, m + eps)] + [min(marks) - 1e6, max(marks) + 1e6]


def _group_effect(ctx: _Ctx, prev: ir.Rule, s: int, e: int, section: Section) -> Literal["narrow", "widen", "text"] | None:
    """What a sentence letting a group in 'only with/if …', or one that says a group 'will/can be included/enrolled', does
    to the rule before it; None for any other sentence (a plain let-in: it widens an inclusion, carves out of an exclusion).

    'narrow': it restricts people the rule lets through ('ECOG 0-2. Patients older than 70 years are eligible only with
    ECOG 0 or 1'; 'Age ≥ 18. Patients ≥ 70 years are eligible only if ECOG 0-1'), so it narrows an inclusion and bars more
    in an exclusion. 'widen': it lets in people the rule keeps out, on a condition ('Total bilirubin ≤ 1.5 × ULN; patients
    with Gilbert's syndrome are eligible only if total bilirubin ≤ 3 × ULN'; '… ECOG 2 … only if …'; 'No brain metastases;
    treated brain metastases are eligible only if stable'). 'text' where it cannot be told ('Hemoglobin ≥ 9 g/dL; patients
    with MDS are eligible only if transfusion independent': a restriction of those it lets in, or a way in for those it
    keeps out?). A group that 'will be included' widens only when the rule keeps it out ('ECOG 0-1. Patients with ECOG 2
    will be enrolled in cohort B'); else it may say who the trial takes ('Relapsed myeloma; patients with measurable
    disease will be included'): text."""
    m = _RESTRICTING_ONLY.search(ctx.text, s, e)
    declared = _DECLARED_LET_IN.search(ctx.text, s, e) if m is None else None
    if m is None and declared is None:
        return None
    boundary = m.start() if m is not None else declared.start()  # type: ignore[union-attr]
    inc = replace(ctx, section="inclusion")
    limits = [x for x in ir.leaves(prev) if isinstance(x, _LIMIT_LEAVES)]

    def single(rule: ir.Rule) -> ir.Rule | None:
        leaves = [x for x in ir.leaves(rule) if not isinstance(x, ir.NoRequirement)]
        return leaves[0] if len(leaves) == 1 and isinstance(leaves[0], _LIMIT_LEAVES) else None

    def compare(x: ir.Rule) -> tuple[bool, bool] | None:
        """(x within what the rule lets through, x within what it keeps out), on the rule's one limit on x's value."""
        same = [y for y in limits if getattr(y, "concept", None) == getattr(x, "concept", None)]
        points = _limit_points(ctx, x, same[0]) if len(same) == 1 else None
        if points is None:
            return None
        through = (lambda v: not _admits(same[0], v)) if section == "exclusion" else (lambda v: _admits(same[0], v))
        inside = [through(v) for v in points if _admits(x, v)]
        return all(inside), not any(inside)

    restriction = single(_clause(inc, m.end(), e)) if m is not None else None
    if restriction is not None and (c := compare(restriction)) is not None:
        if c[0]:
            return "narrow"  # (only some of those let through)
        loose = next(y for y in limits if getattr(y, "concept", None) == getattr(restriction, "concept", None))
        points = _limit_points(ctx, restriction, loose) or []
        through = [(not _admits(loose, v)) if section == "exclusion" else _admits(loose, v) for v in points]
        return "widen" if all(_admits(restriction, v) for v, t in zip(points, through) if t) else "text"
    g_end = boundary - len(ctx.text[s:boundary]) + len(_GROUP_VERB_END.sub("", ctx.text[s:boundary]))
    g_start = _GROUP_LEAD_WORDS.match(ctx.text, s, g_end).end()  # type: ignore[union-attr]
    # (read on its own: inside the sentence, 'Patients ≥ 70 years' is no age)
    group = interpret(ctx.text[g_start:g_end], "inclusion") if g_start < g_end else None
    g = single(group) if group is not None else None
    if g is None and (sm := re.fullmatch(r"(?i)\s*(?P<name>[A-Za-z][\w -]*?)\s+(?P<n>[0-5])\s*", ctx.text[g_start:g_end])):
        # ('Patients with ECOG 2': one value of a score the rule limits)
        named = {c for *_, c in _concept_mentions(ctx, g_start + sm.start("name"), g_start + sm.end("name"))}
        scores = [x for x in limits if isinstance(x, (ir.OneOf, ir.Range)) and x.concept in named
                  and ctx.vocab.concepts[x.concept].kind == "score"]
        if scores:
            g = ir.OneOf(concept=scores[0].concept, values=[float(sm.group("n"))])
    if g is not None and (c := compare(g)) is not None:
        if declared is not None:
            return "widen" if c[1] else "text"
        return "narrow" if c[0] else "widen" if c[1] else "text"
    if group is not None and (gh := _histories(group)) and not any(isinstance(x, ir.FreeText) for x in ir.leaves(group)):
        said = {t for h in gh for t in h.concepts}
        barred = [h for h in _histories(prev) if (section == "exclusion") != _negated_in(prev, h)]
        if any(_overlap(ctx.vocab, t, b) for h in barred for b in h.concepts for t in said):
            return "widen"  # ('No brain metastases; patients with treated brain metastases are eligible only if stable')
    if declared is not None:
        return "text"
    if not limits and g is None:
        # ('History of HIV infection, active hepatitis B, or hepatitis C infection. … Patients positive for HCV antibody are
        # eligible only if PCR is negative for HCV RNA': no value to restrict, a group let in as usual)
        return None
    return "text"


_DECLARED_LET_IN = _lazy("_DECLARED_LET_IN",
    r"(?i)\b(?:will|can|shall|would)\s+(?:also\s+)?be\s+(?:included|enrolled)\b")
"""'Patients with ECOG 2 will be enrolled in cohort B': a group the trial takes, perhaps beside the rule, perhaps the
only one it takes."""


_BARRED_SENTENCE = _lazy("_BARRED_SENTENCE",
    r"(?<=\.)\s+(?=(?:Patients|Participants|Subjects)\b[^.]{0,200}?\b(?:are|is)\s+(?:not\s+(?:allowed|permitted|eligible)|excluded|"
    r"ineligible)\b)")


def _requirement_sentences(text: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in clauses:
        for m in _REQUIREMENT_SENTENCE.finditer(text, s, e):
            out.append((s, m.start()))
            s = m.end()
        out.append((s, e))
    return out


_LETTER_ITEM = _lazy("_LETTER_ITEM", r"(?<![\w(])\(?(?P<l>[a-z])\)\s+(?=[A-Za-z])")


_LETTERED_LEAD = _lazy("_LETTERED_LEAD",
    r"(?i)^(?P<lead>.*?)\b(?:(?P<q>any|either|one|all|each|both)\s+(?:\(\d\)\s+)?of(?:\s+the\s+following(?P<what>(?:\s+(?:cardiac|medical|"
    r"pulmonary|laboratory|clinical|conditions?|criteria|requirements?|features?|diseases?|disorders?|findings?|parameters?|"
    r"tests?|values?)){0,3}))?|(?:the\s+)?following(?P<what2>(?:\s+(?:cardiac|medical|pulmonary|laboratory|clinical|conditions?|"
    r"criteria|requirements?|features?|diseases?|disorders?|findings?)){0,3}))\s*:?\s*(?=\(?a\)\s)")
_DEFINED_LEAD = _lazy("_DEFINED_LEAD", r"(?i)\b(?:as\s+)?defined\s+(?:by|as)\s*$|"
                      r"^\s*(?:have|has|having|with|must\s+have|meet|meets|meeting)?\s*(?:received\s*)?$")
"""A lead that only introduces its list: a definition of what it names ('measurable disease as defined by'), or a bare
verb. Not 'confirmed by', 'documented by': the thing confirmed is asked for too."""
_ITEM_TAIL = _lazy("_ITEM_TAIL", r"(?i)[\s;,.]*(?:\b(?:or|and|and/or)\b)?[\s;,.]*$")


def _lettered_list(text: str, section: Section, offset: int, inherit: tuple[str, ...]) -> ir.Rule | None:
    """'Have measurable disease at Screening as defined by any of the following a) Serum M-protein ≥ 1.0 g/dL …; or b)
    Light chain multiple myeloma …', 'Have received either of the following: a) … b) …': a list run into one line, its
    items lettered in order after 'any/either/all of the following'; the lead says how they join, and a lead that only
    introduces them ('as defined by', 'Have received') requires nothing of its own. None for any other shape."""
    m = _LETTERED_LEAD.match(text)
    if m is None:
        return None
    if m.group("q") is not None and m.group("what") is None and not text[: m.end()].rstrip().endswith(":"):
        return None  # ('one of a) …': 'of' alone must end in a colon, 'one of:')
    if re.search(r"(?<![\w(])\(?(?:i|ii|iii|iv)\)\s", text, re.IGNORECASE):
        return _unread(text, offset)  # ('a) Prior therapy with i) Bortezomib ii) Carfilzomib b) …': a list in an item)
    # (not a letter inside brackets: 'hepatitis B (genotype a or c) with cirrhosis')
    marks = _top_level_letters(text, m.end())
    if len(marks) < 2 or [x.group("l") for x in marks] != [chr(ord("a") + k) for k in range(len(marks))]:
        # ('… any of the following: (a) …; (c) …', '(A) … (B) …': a list in a shape not read; read as one clause, its
        # items were all required)
        return _unread(text, offset) if m.group("q") is not None else None
    lead = re.sub(r"(?i)\bat\s+least\s*$", "", m.group("lead"))  # ('at least one of the following': one)
    if m.group("q") is None and section != "exclusion":
        return None  # ('Have the following: a) … b) …' in the inclusions: all of them, or one? Not said)
    if not _DEFINED_LEAD.search(lead.strip(" ,:")):
        # ('Multiple myeloma with any of the following a) …', 'Measurable disease, one of: a) … b) …': the lead may ask for
        # something too, or only name what the list defines; read as one clause, every item was required)
        return _unread(text, offset) if m.group("q") is not None else None
    named = re.sub(r"(?i)^\s*(?:have|has|having|with|must\s+have|meet|meets|meeting)?\s*(?:received\s*)?|"
                   r"\s*,?\s*(?:as\s+)?defined\s+(?:by|as)\s*$", "", lead.strip(" ,:"))
    if named.strip():
        said = [x for x in ir.leaves(_interpret(named, section, offset, inherit)) if not isinstance(x, ir.NoRequirement)]
        if len(said) > 1 or (said and not (isinstance(said[0], ir.Finding) and said[0].value == "positive")):
            # ('Documented multiple myeloma with measurable disease as defined by any of the following', 'Smoldering
            # myeloma or MGUS as defined by …'): the lead asks for more than the thing the list defines (dropped, a
            # patient without myeloma matched)
            return _unread(text, offset)
    items: list[ir.Rule] = []
    for k, mk in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        body = text[mk.end() : end]
        body = body[: _ITEM_TAIL.search(body).start()]  # type: ignore[union-attr]
        item = _interpret(body, section, offset + mk.end(), inherit)
        if ":" in body and any(isinstance(x, ir.FreeText) for x in ir.leaves(item)):
            # ('b) Light chain multiple myeloma without measurable M-protein …: Serum FLC ≥ 10 mg/dL and abnormal ratio': the
            # words before the colon say whom the values are for, which is not read; read beside them as an alternative,
            # the values alone met it)
            item = _unread(body, offset + mk.end())
        items.append(item)
    timed = [any(isinstance(x, ir.History) and x.window is not None for x in ir.leaves(r)) or bool(_TIME_WORDS.search(text, mk.end(),
             marks[k + 1].start() if k + 1 < len(marks) else len(text))) for k, (r, mk) in enumerate(zip(items, marks))]
    if timed[-1] and not any(timed[:-1]):
        # ('(a) myocardial infarction (b) unstable angina, all within 6 months': a window in the last item only may be
        # every item's; read for that one, an MI of 2015 excluded)
        return _unread(text, offset)
    if m.group("q") is None and not re.search(r"(?i)conditions?|diseases?|disorders?|findings?", m.group("what2") or "") and not all(
            isinstance(x, (ir.History, ir.FreeText)) for r in items for x in ir.leaves(r)):
        # ('Have the following: (a) HIV infection (b) hemoglobin < 8 g/dL' excluded: each, or all together? Not said of
        # values; 'Have following cardiac conditions:' names them conditions, each of which excludes)
        return _unread(text, offset)
    # ('Have following cardiac conditions: a) … b) …' in the exclusions: each one excludes)
    q = (m.group("q") or "any").lower()
    return _join(items, "all" if q in ("all", "each", "both") else "any", (offset, offset + len(text)))


_TIME_WORDS = _lazy("_TIME_WORDS", r"(?i)\b(?:within|prior\s+to|before|since|after|during|days?|weeks?|months?|years?)\b")


def _top_level_letters(text: str, start: int) -> list[re.Match[str]]:
    """The letter markers from `start` on that stand outside brackets ('(genotype a or c)', '(see appendix a)' hold
    none): a marker's own brackets are its own, any other closes what opened."""
    found = {x.start(): x for x in _LETTER_ITEM.finditer(text, start)}
    out: list[re.Match[str]] = []
    depth, i = text.count("(", 0, start) - text.count(")", 0, start), start
    while i < len(text):
        x = found.get(i)
        if x is not None and depth <= 0:
            out.append(x)
            i = x.end()
            continue
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
        i += 1
    return out


_INLINE_LIST_LEAD = _lazy("_INLINE_LIST_LEAD",
    r"(?i)^\s*(?:(?P<before>[^:;]+?),?\s+or\s+|(?:has|have|having|presence\s+of|(?:any\s+)?known)\s+)?(?:at\s+least\s+)?"
    r"(?:any|one|either)\s+(?:\(\d\)\s+)?of\s+the\s+following(?:\s+(?:cardiac|cardiovascular|pulmonary|medical|serious))?"
    r"(?:\s+(?:conditions?|diseases?|disorders?|events?))?\s*:\s*(?=\S)")
_TEST_WORDS = _lazy("_TEST_WORDS", r"(?i)\b(?:negative|undetectable|positive|detectable|viral\s+load|DNA|RNA|antibody|antigen|PCR)\b")
"""(A bracket that lets in by a test result: one that lets kinds of the reason's class in, 'patients with basal cell
carcinoma are eligible', is read as the reason's exceptions elsewhere.)"""
_PERMIT_BRACKET = _lazy("_PERMIT_BRACKET",
    r"(?i)\((?=[^()]*\b(?:may|can|could|will|would)\s+(?:also\s+)?be\s+(?:enrolled|included|eligible|allowed|permitted)\b|[^()]*\b(?:are|is)\s+"
    r"(?:also\s+)?(?:eligible|allowed|permitted|not\s+excluded)\b)[^()]*\)")
_ANY_OF_FOLLOWING = _lazy("_ANY_OF_FOLLOWING", r"(?i)\b(?:any|one|either)\s+(?:\(\d\)\s+)?of\s+the\s+following\b[^:]{0,40}:")
_SENTENCE_BREAK = _lazy("_SENTENCE_BREAK", r"\.\s+(?=[A-Z])")


def _inline_any_list(text: str, section: Section, offset: int, inherit: tuple[str, ...]) -> ir.Rule | None:
    """'Any of the following conditions: myocardial infarction, severe/unstable angina, symptomatic congestive heart
    failure', 'Any known uncontrolled cardiovascular disease within 6 months before enrollment, or any of the following
    conditions: A, B, C. Or LVEF < 45% …': a list run into one line after a lead that only introduces it (or is one more
    alternative), its items separated by commas; any one of them meets it (inclusion) or excludes. A window in the
    alternative before the list may date the items too: decided where both readings agree. None for any other shape."""
    m = _INLINE_LIST_LEAD.match(text) if _ANY_OF_FOLLOWING.search(text) else None
    if m is None or (m.group("before") and _NEGATION_WORD.search(m.group("before"))):
        return None  # ('No history of stroke, or any of the following: …': the 'No' may reach the list)
    body_end = len(text)
    tails: list[tuple[int, int]] = []
    breaks = [br for br in _SENTENCE_BREAK.finditer(text, m.end()) if not _in_parens(text, m.end(), br.start())]
    if breaks:
        body_end = breaks[0].start()
        for k, br in enumerate(breaks):
            end = breaks[k + 1].start() if k + 1 < len(breaks) else len(text)
            om = re.match(r"(?i)or\s+(?=\S)", text[br.end() : end])
            if om is None:
                return None  # ('… A history of radiation pneumonitis is allowed, …': a sentence that carves out, not read)
            tails.append((br.end() + om.end(), end))
    pieces: list[tuple[int, int]] = []
    depth, pos = 0, m.end()
    for i in range(m.end(), body_end):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            pieces.append((pos, i))
            pos = i + 1
    pieces.append((pos, body_end))
    items: list[tuple[int, int]] = []
    for a, b in pieces:
        j = re.match(r"(?i)\s*(?:(?:or|and|and/or)\s+)?", text[a:b])
        a += j.end() if j else 0
        b = a + len(text[a:b].rstrip(" .;,"))
        if b <= a:
            return None
        items.append((a, b))
    if len(items) < 2:
        return None
    timed = [bool(_TIME_WORDS.search(text, a, b)) for a, b in items]
    if any(timed[k] and not timed[k - 1] for k in range(1, len(timed))):
        # ('…: myocardial infarction, unstable angina or stroke within 6 months', '…, or cerebrovascular accident within 6
        # months prior to enrollment; NYHA class III or IV heart failure', '…: history of stroke, myocardial infarction
        # within 6 months': a window after untimed items may be theirs too, or not; read with it, a stroke of 2010 passed)
        return _unread(text, offset)
    rules = [_interpret(text[a:b], section, offset + a, inherit) for a, b in items]
    rules += [_interpret(text[a:b], section, offset + a, inherit) for a, b in tails]
    if m.group("before"):
        before = _interpret(m.group("before"), section, offset + m.start("before"), inherit)
        windows = [x.window for x in ir.leaves(before) if isinstance(x, ir.History) and x.window is not None]
        if len({repr(w) for w in windows}) > 1:
            return None
        if windows:
            rules = [_may_share_window(r, windows[0]) if not t else r for r, t in zip(rules, timed + [True] * len(tails))]
        rules.insert(0, before)
    return _join(rules, "any", (offset, offset + len(text)))


def _may_share_window(rule: ir.Rule, window: ir.Window) -> ir.Rule:
    """A rule whose histories may, or may not, be dated by a window said before it: decided where both readings agree."""
    def dated(r: ir.Rule) -> ir.Rule:
        if isinstance(r, ir.History):
            return r if r.window is not None else r.model_copy(update={"window": window})
        if isinstance(r, (ir.AllOf, ir.AnyOf, ir.Not)):
            return ir.map_children(r, dated)
        return r
    shared = dated(rule)
    if _same(shared, rule):
        return rule
    which = ir.FreeText(text="whether the window said before the list dates it too", reason="not_understood", span=rule.span)
    return ir.AnyOf(items=[ir.AllOf(items=[shared, rule], span=rule.span),
                           ir.AllOf(items=[ir.AnyOf(items=[shared, rule], span=rule.span), which], span=rule.span)], span=rule.span)


def _same_subject(a: ir.Rule, b: ir.Rule) -> bool:
    """Whether two rules name a value or a history kind in common."""
    def names(r: ir.Rule) -> set[str]:
        out: set[str] = set()
        for x in ir.leaves(r):
            if isinstance(x, ir.History):
                out.update(x.concepts)
            elif (c := getattr(x, "concept", None)) is not None:
                out.add(c)
        return out
    return bool(names(a) & names(b))


def _unjoined_letters(text: str) -> bool:
    """Whether the text holds a list lettered 'a) … b) …' outside brackets with no word joining its items ('and' or 'or'
    before the last one) and no 'other than' / 'except' it is the list of."""
    marks = _top_level_letters(text, 0)
    if len(marks) < 2 or marks[0].group("l") != "a" or marks[1].group("l") != "b":
        return False
    if re.search(r"(?i)\b(?:other\s+than|except|excluding|unless)\b", text[: marks[0].start()]):
        return False
    return not re.search(r"(?i)\b(?:and|or|and/or)[\s,;]*$", text[marks[-2].end() : marks[-1].start()])


def _lone_letter_item(text: str) -> re.Match[str] | None:
    """The one lettered item marker 'a)' run into a criterion's text after words of its own, when no other lettered
    item follows (then it is a list); None otherwise."""
    found = list(_LETTER_ITEM.finditer(text))
    if len(found) != 1 or found[0].group("l") != "a" or not text[: found[0].start()].strip(" .:;,"):
        return None
    if re.search(r"(?<![\w(])\(?b[).]\s", text) or re.search(r"(?i)\bfollowing\W*$", text[: found[0].start()]):
        return None  # ('… any of the following a) … b) urine …': a list, with its second letter in another shape)
    if text[: found[0].start()].rstrip().endswith(":"):
        return None  # ('… defined as: a) …': what the lead says, a definition, not a requirement beside it)
    return found[0]


def _inline_items(text: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if ". " not in text or not _INLINE_ITEM.search(text):
        return clauses
    out = []
    for s, e in clauses:
        split = False
        for m in _INLINE_ITEM.finditer(text, s, e):
            out.append((s, m.start()))
            s, split = m.end(), True
        if not (split and text[s:e].rstrip().endswith(":")):
            out.append((s, e))  # ('… lesions. 2. Definition of relapsed/refractory myeloma:': a heading, its items follow)
    return out


def _split_top(text: str, sep: str) -> list[tuple[int, int]]:
    if sep not in text:
        return [(0, len(text))]
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


# ------------------------------------------------------------------------------ clauses


def _same_reference(main: ir.Rule, extra: ir.Rule, before: str = "") -> ir.Rule:
    """'Chemotherapy within 4 weeks prior to the first dose (6 weeks for nitrosoureas)': the bracket's window counts back
    from the event the main rule's windows name (all one event), or the words before the bracket name, not from
    screening."""
    refs = {h.window.reference for h in _all_histories(main) if h.window is not None}
    if not refs and (ev := list(_EVENT_PHRASE.finditer(before))):
        slug = next((slug for rx, slug in lexicon().reference_events if rx.search(ev[-1].group("ev"))), None)
        refs = {slug} if slug is not None else set()
    if len(refs) != 1 or refs == {"screening"}:
        return extra
    ref = refs.pop()

    def fix(r: ir.Rule) -> ir.Rule:
        if isinstance(r, ir.History):
            if r.window is not None and r.window.reference == "screening":
                return r.model_copy(update={"window": r.window.model_copy(update={"reference": ref})})
            return r
        return ir.map_children(r, fix)

    return fix(extra)


_EVENT_PHRASE = _lazy("_EVENT_PHRASE", r"(?i)\b(?:prior\s+to|before|preceding)\s+(?P<ev>[^,;()]{3,60})")


def _all_histories(rule: ir.Rule) -> list[ir.History]:
    if isinstance(rule, ir.History):
        return [rule]
    return [h for c in ir.children(rule) for h in _all_histories(c)]


_DURING_STUDY = _lazy("_DURING_STUDY",
    r"(?i)(?:(?:,\s*)?\b(?P<or>or|and/or)\s+)?(?:(?:at\s+any\s+(?:time|point)|anytime)\s+)?(?P<d>"
    r"(?:during|throughout)\s+(?:the\s+|this\s+)?(?:(?:entire\s+)?(?:course|duration)\s+of\s+(?:the\s+|this\s+)?)?"
    r"(?:(?:study|trial)(?:\s+(?:treatment\s+)?(?:period|participation|treatment|intervention|drug\s+administration))?"
    r"|(?:study\s+)?treatment\s+period|participation\s+in\s+(?:the|this)\s+(?:study|trial))"
    r"|(?:while\s+)?on\s+(?:the\s+)?study(?:\s+(?:treatment|therapy))?)\s*[.;]?\s*$")
_OR_ALTERNATIVE = _lazy("_OR_ALTERNATIVE", r"(?i)(?:,\s*)?\b(?:or|and/or)\b")
_NOT_FUTURE_ONLY = _lazy("_NOT_FUTURE_ONLY",
    r"(?i)\b(?:prior\s+to|before|until)\s+(?:(?:and|or|and/or)\s+)?(?:(?:at\s+any\s+(?:time|point)|anytime)\s+)?$"
    r"|\b(?:permissible|permitted|allowed|acceptable|eligible)\b"
    r"|\b(?:enrol+(?:ment|ed)?|entry|registration|registered|randomi[sz](?:ation|ed)|placed|accrual|start(?:ing)?)\s+$")


def _during_study(ctx: _Ctx, start: int, end: int, sub: str) -> ir.Rule | None:
    """'Use of strong CYP3A4 inhibitors during the study', '… within 14 days before the first dose or at any time during
    the study': what the patient is to take or have during the study is not known at screening (its words were filler,
    and a use in 2015 excluded). A clause that is all of that stays text; one that says it as an alternative after
    'or' is read on its own before it, with the future part unread. None (read as before) when there is no such tail,
    when it is no history's, or when the reading already leaves it unread ('… or anticipation of need for surgery during
    the study'); also when it is a time before as well ('contraception prior to and during study') or a permission."""
    low = _folded(sub)
    # (every match of _DURING_STUDY holds 'during', 'throughout' or 'study'; most texts hold none)
    m = _DURING_STUDY.search(sub) if "during" in low or "throughout" in low or "study" in low else None
    if m is None or _NOT_FUTURE_ONLY.search(sub, 0, m.start("d")) or not sub[: m.start()].strip():
        return None
    full = _clause_body(ctx, start, end)
    last = re.search(r"\w\W*$", sub[: m.start()])  # (the last word before the tail: is it read?)
    a, b = _span(ctx, start + (last.start() if last else 0), start + (last.start() + 1 if last else 0))
    if not _holds_history(full) or any(isinstance(r, ir.FreeText) and (r.span is None or (r.span[0] < b and a < r.span[1]))
                                       for r in _all_rules(full)):
        return full  # (no history, or the words before the tail are unread already: 'or intend to receive a vaccine')
    # the study's time is the last alternative's ('… within 14 days before the first dose, or other anticancer therapy
    # during the study'), when what comes before it has a time of its own: 'Use of A or B during the study' is about both
    ors = [o for o in _OR_ALTERNATIVE.finditer(sub, 0, m.start("d"))
           if sub.count("(", 0, o.start()) == sub.count(")", 0, o.start())]
    if not ors:
        return _free(ctx, start, end)
    cut = start + ors[-1].start()
    head = _clause(ctx, start, cut)
    negated = isinstance(head, ir.Not)
    timed = all(h.window is not None for h in _all_histories(head))  # ('Had A or B during the
    # study': 'had' dates nothing)
    if (not _holds_history(head) or not timed or (_NEG_START.match(sub) and not negated)
            or (not negated and any(isinstance(r, ir.Not) for r in _all_rules(head)))):
        return _free(ctx, start, end)
    # ('No X within 14 days before the first dose or during the study': neither, the second not known)
    return _join([head, _free(ctx, cut, end)], "all" if negated else "any", _span(ctx, start, end))


def _all_rules(rule: ir.Rule) -> list[ir.Rule]:
    out, stack = [], [rule]
    while stack:
        r = stack.pop()
        out.append(r)
        stack.extend(ir.children(r))
    return out


def _holds_history(rule: ir.Rule) -> bool:
    return bool(_all_histories(rule))


def _clause(ctx: _Ctx, start: int, end: int) -> ir.Rule:
    sub = ctx.text[start:end]
    low = sub.lower()
    if ("study" in low or "trial" in low or "period" in low) and (during := _during_study(ctx, start, end, sub)) is not None:
        return during
    return _clause_body(ctx, start, end)


def _clause_body(ctx: _Ctx, start: int, end: int) -> ir.Rule:
    sub = ctx.text[start:end]
    low = sub.lower()
    if "consider" in low and (note := _LINE_NOTE.search(sub)) is not None:
        # '… at least 3 lines of therapy, in which induction chemotherapy, stem cell transplantation, and maintenance
        # therapy given consecutively are considered a treatment regimen if no disease progression occurs': how lines
        # are counted, which the record's line numbers already say (read as a condition, the seed trial's main
        # criterion was unread)
        a, b = start + note.start(), start + note.end()
        return _clause(replace(ctx, text=ctx.text[:a] + " " * (b - a) + ctx.text[b:]), start, end)
    nc = _NOT_COUNTING.search(sub) if (("line" in low or "regimen" in low) and _may_say(
        low, "not", "excluding", "other", "apart", "besides")) else None
    if nc is not None:
        return _lines_not_counting(ctx, start, start + nc.start("m"), start + nc.end("m"), end)
    pw = _PAREN_WASHOUT.search(sub) if "(" in sub and ("least" in low or "than" in low) else None
    lead = _WASHOUT_LEAD.search(sub[: pw.start()]) if pw else None
    if pw and lead and ctx.section == "inclusion" and _days(pw.group("n"), pw.group("u")) <= _days(lead.group("n"), lead.group("u")):
        # 'At least 4 weeks since prior radiotherapy (2 weeks for palliative radiotherapy)': a shorter washout for a
        # group is a carve-out (read as one more, palliative radiotherapy 3 weeks ago failed); which group is not read
        return _free(ctx, start, end)
    if ctx.section == "exclusion" and "(" in sub and "within" in low and (pw := _PAREN_WASHOUT.search(sub)) is not None and (
            (win := _WITHIN_LEAD.search(sub, 0, pw.start())) is not None):
        if _days(pw.group("n"), pw.group("u")) <= _days(win.group("n"), win.group("u")):
            return _free(ctx, start, end)  # 'Radiotherapy within 4 weeks (2 weeks for palliative radiotherapy)': a carve-out
        # 'Chemotherapy within 4 weeks (6 weeks for nitrosoureas)': the longer window excludes too (read as a carve-out, a
        # nitrosourea 5 weeks before did not exclude)
        a, b = start + pw.start(), start + pw.end()
        main = _clause(replace(ctx, text=ctx.text[:a] + " " * (b - a) + ctx.text[b:]), start, end)
        extra = _same_reference(main, _interpret(f"{pw.group('what')} within {pw.group('n')} {pw.group('u')}", "exclusion", 0, ()),
                                sub[: pw.start()])
        return _join([main, _respan(extra, _span(ctx, a, b), ctx.text[a:b])], "any", _span(ctx, start, end))
    if pw and lead and ctx.section == "inclusion":
        # 'At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas)', 'Greater than 4 weeks since …': both
        # washouts hold (read as a carve-out, a nitrosourea 37 days ago passed)
        a, b = start + pw.start(), start + pw.end()
        main = _clause(replace(ctx, text=ctx.text[:a] + " " * (b - a) + ctx.text[b:]), start, end)
        extra = _same_reference(main, _interpret(f"{lead.group('cmp')} {pw.group('n')} {pw.group('u')} since prior {pw.group('what')}",
                                                 "inclusion", 0, ()), sub[: pw.start()])
        return _join([main, _respan(extra, _span(ctx, a, b), ctx.text[a:b])], "all", _span(ctx, start, end))
    sx = _SEX_SCOPE.search(sub) if ("male" in low or " men" in low or "women" in low) else None
    if sx is None and ("male" in low or " men" in low or "women" in low) and _COMPARATOR_WORD.search(sub) and (
            _QUALIFIED_SEX.search(sub) is not None):
        # ('Hemoglobin ≥ 9 g/dL in not pregnant women': read without its group, a man below the limit failed)
        return _free(ctx, start, end)
    if _may_say(low, "dequate", "normal", "ufficient", "cceptable", "ppropriate", "atisfactory") and _undefined_adequacy(
            sub, max(((m.end() for m in (_AGE_GROUP_SCOPE.match(sub), _NEG_SCOPE.match(sub)) if m is not None)), default=0)):
        # 'ECOG 0-1 and adequate organ function': a requirement whose measure is not said here (its words are filler
        # before a definition; read without it, a patient with failing organs passed). How it joins the rest is not read
        # either ('Adequate organ function and ECOG 0-1', '… or ECOG 2 with normal labs'): the clause stays text
        return _free(ctx, start, end)
    if _may_say(low, "regardless", "irrespective", "independent", "whether", "even if", "including", "inclusive", "also",
                "excluding", "except", "other than", "but not") and any(
            (ctx.section == "inclusion" and re.match(r"(?i)\s*(?:including|inclusive|also|excluding|except|other|but)\b", sub[x:y]))
            or [m for m in _concept_mentions(ctx, start + x, start + y) if m[2] != "sex"] or _term_mentions(ctx, start + x, start + y)
            for x, y in _context_phrases(sub, ctx.section)):
        # 'Prior lenalidomide, regardless of prior bortezomib', 'Must have brain metastases, including those with HIV':
        # what the phrase names is no requirement, and where the phrase ends is not always clear ('… regardless of
        # response and prior lenalidomide'); read as requirements they decided wrongly, so the clause stays text ('regardless
        # of gender' names no requirement). So does a group let in or left out ('Breast cancer excluding those with brain
        # metastases' had read the metastases as a kind of breast cancer)
        return _free(ctx, start, end)
    if ctx.section == "inclusion" and _may_say(low, "allowed", "permitted", "acceptable") and (
            pa := _PERMISSION_AFTER.search(sub)) is not None and not _NEG_START.match(
            sub) and any(ctx.vocab.terms[t].category == "therapy" for *_, t in _term_mentions(ctx, start, start + pa.start())) and any(
            ctx.vocab.terms[t].category == "therapy" for *_, t in _term_mentions(ctx, start + pa.start(), start + pa.end())):
        # 'Prior bortezomib (prior lenalidomide allowed)': a permission beside a requirement (read as one rule under the
        # permission, a patient given neither passed)
        return _free(ctx, start, end)
    if "refractory" in low and "60" in low:
        for rm in _REFRACTORY_TO.finditer(sub):
            d = _REFRACTORY_DEFINED.match(sub, rm.end())
            close = _closing_paren(sub, d.start("open"), len(sub)) if d is not None else None
            if d is not None and close is not None:
                # '… refractory to lenalidomide (progression during or within 60 days of stopping lenalidomide)': the
                # bracket says what refractory is (read on its own, its 60 days became a window before screening)
                a, b = start + d.start("open"), start + close + 1
                return _clause(replace(ctx, text=ctx.text[:a] + " " * (b - a) + ctx.text[b:]), start, end)
            if _REFRACTORY_BRACKET_60.match(sub, rm.end()):
                # '… (progression on or within 60 days of completing therapy, unless intolerant)': a definition that says
                # more; neither it nor its 60 days (a window before screening?) is read
                return _free(ctx, start, end)
    if ("efractor" in low or "xpos" in low) and (whole := _named_refractoriness(ctx, sub, start, end)) is not None:
        return whole  # 'Lenalidomide-refractory disease', 'Triple-class refractory multiple myeloma', 'Triple-class exposed'
    if ctx.section == "inclusion" and ("feed" in low or "nurs" in low or "lact" in low) and _STATE_DISCONTINUED.search(sub):
        # 'Breastfeeding must be discontinued': an instruction, no requirement to be lactating (excluded, 'breastfeeding
        # should be discontinued' reads as breastfeeding and an unread proviso)
        return _free(ctx, start, end)
    if ("preg" in low or "lact" in low or "feed" in low or "nurs" in low or "expectant" in low) and (
            cw := _COMPARATOR_WORD.search(sub)) is not None:
        fg = _FLAG_GROUP.search(sub, cw.end())
        if fg is not None and not _GROUP_GAP.fullmatch(sub, cw.end(), fg.start()):
            fg = None  # ('Hemoglobin ≥ 10 g/dL (transfusion allowed, except during pregnancy)': no group of the limit)
        if fg is not None and (ctx.section == "inclusion" or fg.group("more") or fg.group("more2") or fg.group("incl")):
            # 'Hemoglobin < 9 g/dL in pregnant or lactating patients': a limit for a group (read with 'and' and 'or', a
            # lactating patient was excluded on any hemoglobin; an inclusion failed every patient not pregnant). An
            # excluded limit for one such group reads as both ('Hemoglobin < 9 g/dL in nursing mothers'; 'in non-pregnant
            # patients' leaves the group unread beside the limit).
            return _free(ctx, start, end)
        if (lead := _STATE_GROUP_LEAD.match(sub)) is not None and cw.start() >= lead.end() - 1:
            # 'Pregnant or lactating women with hemoglobin < 9 g/dL', 'Pregnant women: hemoglobin ≥ 10 g/dL': the limit
            # binds the group (read with 'or' bound looser, every pregnant patient was excluded)
            return _free(ctx, start, end)
    if sx and _COMPARATOR_WORD.search(sub) and len(_SEX_SCOPE.findall(sub)) > 1:
        paired = _limits_by_sex(ctx, sub, start, end)
        if paired is not None:
            return paired
        # 'QTcF > 470 ms in women, not in men': which sex each limit binds is not read (joined to the limit, a man with
        # a QTcF of 400 ms failed)
        return _free(ctx, start, end)
    if sx and _COMPARATOR_WORD.search(sub) and len(_SEX_SCOPE.findall(sub)) == 1:
        # 'Hemoglobin in males less than 11.5 g/dL; hemoglobin in females less than 10.0 g/dL': each limit binds one sex
        a, b = start + sx.start(), start + sx.end()
        rule = _clause(replace(ctx, text=ctx.text[:a] + " " * (b - a) + ctx.text[b:]), start, end)
        limits = [x for x in ir.leaves(rule) if isinstance(x, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits))]
        free_left = any(isinstance(x, ir.FreeText) for x in ir.leaves(rule))
        if len(limits) > 1 or _EXCEPT_BEFORE.search(sub, 0, sx.start()) or (free_left and ctx.section == "inclusion") or not all(
                isinstance(x, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits, ir.FreeText)) for x in ir.leaves(rule)):
            # ('Hemoglobin ≥ 9 g/dL in women of childbearing potential' (inclusion): the unread words may narrow the
            # group, not the limit; joined to the limit, a woman below it failed)
            # 'Platelets < 100,000/mm3 or hemoglobin < 12 g/dL in women': which limits the sex binds is not read;
            # 'Hemoglobin < 12 g/dL except in women': the other sex
            return _free(ctx, start, end)
        if limits:
            sex = "female" if sx.group(1).lower().startswith(("f", "w")) else "male"
            who = ir.Category(concept="sex", values=[sex], span=_span(ctx, a, b))
            if ctx.section == "exclusion":
                # ('Hemoglobin for men: hemoglobin < 13 g/dL' excluded: only men below it; joined by 'any' as in an
                # inclusion, every woman was excluded)
                return ir.AllOf(items=[who, rule], span=_span(ctx, start, end))
            return ir.AnyOf(items=[ir.Not(item=who, span=who.span), rule], span=_span(ctx, start, end))
    ag = _AGE_GROUP_SCOPE.match(sub) if ":" in sub else None
    if ag and sub[ag.end() :].strip():
        # 'Pulmonary: Age 8 and under: clinically normal pulmonary function': the requirement binds that age group
        scope = _clause(replace(ctx, inherit=("age",)), start + ag.start("scope"), start + ag.end("scope"))
        if (leaves := [x for x in ir.leaves(scope)]) and all(
                isinstance(x, (ir.Comparison, ir.Range)) and x.concept == "age" for x in leaves):
            rest = _clause(ctx, start + ag.end(), end)
            if ctx.section == "inclusion":
                return ir.AnyOf(items=[ir.Not(item=scope, span=scope.span), rest], span=_span(ctx, start, end))
            return ir.AllOf(items=[scope, rest], span=_span(ctx, start, end))
    sc = _NEG_SCOPE.match(sub) if ":" in sub else None
    if sc and _EXCEPT_END.search(sc.group("scope")):
        sc = None  # 'No second cancer except: …': the colon opens the exceptions, no scope
    if sc and re.search(r"(?i)\bor\b", sub[sc.end() :]) and any(
            ctx.vocab.terms[t].category == "condition" for _, _, t in _term_mentions(ctx, start + sc.end(), end)):
        # 'No evidence of overt multiple myeloma: Lytic bone disease or pathological fractures OR At least 30% plasma
        # cells': the findings after the colon say what the barred disease is, no limit for those without it
        return ir.Not(item=_clause(replace(ctx, section="exclusion"), start + sc.end(), end), span=_span(ctx, start, end))
    if sc:
        # 'No leukemia: WBC ≥ 2,500/mm³' (as 'Patients without leukemia: …'): the limit binds those without it
        scope = _clause(ctx, start + sc.start("scope"), start + sc.end("scope"))
        rest = _clause(ctx, start + sc.end(), end)
        if ctx.section == "inclusion":
            return ir.AnyOf(items=[ir.Not(item=scope, span=scope.span), rest], span=_span(ctx, start, end))
        return ir.AllOf(items=[scope, rest], span=_span(ctx, start, end))
    permissive = "allowed" in low or "permitted" in low or "prohibited" in low or "forbidden" in low or "eligible" in low or (
        "excluded" in low) or "acceptable" in low
    m = _NOT_ALLOWED.match(sub) if permissive else None
    if m and not re.match(r"(?i)\s*(?:no|not|none|never|without)\b", sub):
        # 'Prior chemotherapy is not allowed': an inclusion requires its absence; in the exclusion
        # list the body itself is the reason to exclude
        body = _clause(replace(ctx, section="exclusion"), start, start + m.end("body"))
        if isinstance(body, ir.AllOf) and any(_measures(x) or _findings(x) for x in body.items) and any(
                _histories(x) for x in body.items):
            # 'LVEF at least 50% Prior anthracyclines not allowed': an old record's lines run together; which of them
            # the 'not allowed' bars is not read (read as barring all, an LVEF of 30% passed)
            return _free(ctx, start, end)
        if ctx.section == "exclusion":
            return _clause(ctx, start, start + m.end("body"))
        # ('HIV-associated lymphomas and acute leukemias are not eligible': what is barred reads as a reason to
        # exclude, each of a list on its own, not as a requirement of all of them together)
        return ir.Not(item=body, span=_span(ctx, start, end))
    m = _AND_RECOVERED.match(sub) if "recovered" in low else None
    if m and ctx.section == "inclusion" and _a_recovery(m.group("tail")):
        # 'At least 4 weeks since prior chemotherapy and recovered', '… and recovered from all toxicities' (not '… and
        # recovered (patients with multiple tumors … may be admitted)': words the recovery reading does not hold)
        recovered = ir.Finding(concept="recovered_from_prior_therapy", value="positive",
                               span=_span(ctx, start + m.end("body"), end))
        return _join([_clause(ctx, start, start + m.end("body")), recovered], "all", _span(ctx, start, end))
    m = _NO_X_ALLOWED.match(sub) if permissive else None
    if m:  # 'No prior chemotherapy allowed' = no prior chemotherapy; excluded, it is the prior chemotherapy
        lead = re.match(r"(?i)\s*no\b\s*", sub)
        return _clause(ctx, start + (lead.end() if ctx.section == "exclusion" and lead else 0), start + m.end("body"))
    m = _PERMITTED_TAIL.match(sub) if permissive and (ctx.section == "exclusion" or _NO_LEAD.match(sub)) else None
    if m is not None and (carved := _permitted_kind(ctx, start, m)) is not None:
        return carved
    m = _ALLOWED_IF.match(sub) if permissive else (_PROVIDED.match(sub) if " provided " in low else None)
    if (m and permissive and "rest" in m.groupdict() and not m.group("rest").strip(" ,.;:")
            and (w := _WHICH_IS_ALLOWED.search(m.group("body"))) is not None
            and re.search(r"(?i)\b(?:except|excluding|other\s+than|apart\s+from|with\s+the\s+exception)\b", m.group("body"))):
        # 'Other malignancy within 3 years except adequately treated basal cell carcinoma, which is allowed': the
        # permission is the excepted kind's; the clause bars the rest (read as a permission, it barred no one)
        return _clause(ctx, start, start + w.start())
    if m and not _NEG_BEFORE.search(m.group("body")):
        body = _clause(ctx, start, start + m.end("body"))
        leaves = ir.leaves(body)
        if (sub[m.start("rest") :].strip(" ,.;:") and (isinstance(body, ir.History) or (isinstance(body, ir.AnyOf) and all(isinstance(x, ir.History) for x in body.items)))
                and ". " not in m.group("body") and any(isinstance(x, ir.History) and x.qualifiers for x in leaves)):
            # 'Concurrent palliative radiotherapy allowed if …': a narrowed permission may bar the rest of the
            # kind or not; either way one who had none of it is not held by it, and any other waits for
            # the condition
            body = _unqualified(body)
            leaves = ir.leaves(body)
        if (isinstance(body, (ir.History, ir.AnyOf, ir.AllOf)) and leaves and ". " not in m.group("body")
                and all(isinstance(x, ir.History) and not x.qualifiers for x in leaves)):
            # (a narrowed permission, 'Treated brain metastases allowed', bars the rest: not read here)
            # 'Prior thalidomide allowed if received less than 3 months of therapy': it restricts only those
            # who had it ('not X, or the condition'); 'Concurrent pamidronate allowed' restricts no one
            rest = sub[m.start("rest") :].strip(" ,.;:")
            span = _span(ctx, start, end)
            if m.group("body").count("(") > m.group("body").count(")"):
                # 'Multiple myeloma (brain metastases allowed)': the permission is the bracket's, beside a requirement
                # it may widen ('Measurable disease (evaluable disease allowed)'); read as a permission of all before it,
                # anyone without myeloma passed
                return _free(ctx, start, end)
            if ctx.section == "exclusion" and (
                    (sep := re.search(r"\s[-–—]\s", m.group("body"))) or (sep := _REASON_THEN_COLON.match(sub))):
                # 'Prior BCMA-directed therapy - prior belantamab allowed (if …)': a reason to exclude, then what it lets in
                # (read as a permission of it all, teclistamab passed), as after ';'
                dash = sep.group().strip() in ("-", "–", "—")
                cut_at, from_at = (sep.start(), sep.end()) if dash else (sep.end() - 1, sep.end())
                reason = _clause(ctx, start, start + cut_at)
                cond_at = start + m.start("rest") if rest else None
                carved = _after_permission(ctx, reason, start + from_at, start + m.end("body"), cond_at, end, "exclusion") if not isinstance(
                    reason, (ir.FreeText, ir.NoRequirement)) else None
                return carved if carved is not None else _free(ctx, start, end)
            if not rest:
                return ir.NoRequirement(text=sub.strip(), why="permission", span=span)
            tail: str = sub[m.start("rest") :]
            if tail.strip(" ,.;:")[:1].isupper() and not _PROVISO.match(tail.strip(" ,.;:")):
                # 'Prior surgery allowed Not pregnant', 'Prior interferon allowed At least 4 weeks since prior
                # chemotherapy': an old record's next line, a statement of its own (read as the permission's condition,
                # a pregnant patient without surgery passed)
                skip = len(tail) - len(tail.lstrip(" ,.;:"))
                after = _clause(ctx, start + m.start("rest") + skip, end)
                if any(not isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(after)):
                    return after
                # ('Prior mitotane therapy is allowed. A dose of 3 gm/day should have been tolerated …': unread, it may
                # be the permission's own condition)
            if _RUN_ON_WORD.search(tail):
                # 'MGUS or SMM allowed if documented within 12 months of study Serum or urinary M-protein confirmation
                # of diagnosis': a statement run on after the condition, which would be lost in it
                return _free(ctx, start, end)
            cond = ir.FreeText(text=rest, reason="not_understood", span=_span(ctx, start + m.start("rest"), end))
            if ctx.section == "inclusion":
                return ir.AnyOf(items=[ir.Not(item=body, span=body.span), cond], span=span)
            return ir.AllOf(items=[body, cond], span=span)
        proviso = _PROVISO.match(sub, m.start("rest"))
        if (ctx.section == "inclusion" and proviso and all(isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in leaves)
                and ". " not in m.group("body") and not _MODAL_BODY.match(m.group("body"))):
            # 'Bone scan abnormalities acceptable provided PSA at least 10 ng/mL': what is allowed is not read, the
            # proviso is; it binds only those with it (read as a requirement, a normal scan with PSA 3 failed)
            cond_rule = _clause(ctx, start + proviso.end(), end)
            if any(not isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(cond_rule)):
                allowed = ir.FreeText(text=f"whether the patient has what is allowed ('{m.group('body').strip()}')",
                                      reason="not_understood",
                                      span=_span(ctx, start, start + m.end("body")))
                return ir.AnyOf(items=[allowed, cond_rule], span=_span(ctx, start, end))
    els = lex_clause(sub, start)
    if els is None:  # pragma: no cover - the grammar accepts any text; kept as the honest fallback
        return _free(ctx, start, end)
    if "normal" in low and any(e.kind == "wnl" and _OUTSIDE_NORMAL.match(e.text) for e in els):
        els = _abnormal_as_word(ctx, els, start, end)
    fillers = _filler_spans(ctx.text, start, end)
    if fillers:
        els = [e for e in els if not (e.kind in _SOFT and any(s <= e.start and e.end <= t for s, t in fillers))]
    return _build(ctx, els, start, end)


def _abnormal_as_word(ctx: _Ctx, els: list[El], start: int, end: int) -> list[El]:
    """The clause's elements, with each 'abnormal' / 'outside normal limits' / 'not within normal limits' that is no
    limit on today's value made a plain word again. A bare 'abnormal' is a limit only right beside a value with a
    reference range ('abnormal serum FLC ratio', 'FLC ratio abnormal'), not 'abnormal cardiac function (LVEF < 45%)';
    none is in a bracket, beside a permission, or among words of another time or person."""
    mentions = _concept_mentions(ctx, start, end)
    lex = lexicon()
    # ('Bilirubin abnormal due to Gilbert's syndrome is allowed', '(abnormal bilirubin allowed for Gilbert's)': a
    # permission for some, no limit on everyone; 'History of abnormal potassium', 'Family history of …', 'Recurrent
    # abnormal potassium': a value once or elsewhere abnormal, not today's value)
    no_limit = any(w in lex.permission_words for w in re.findall(r"[a-z]+", ctx.text[start:end].lower()))
    no_limit = no_limit or _NOT_TODAYS.search(ctx.text, start, end) is not None

    def ranged(cid: str) -> bool:
        c = ctx.vocab.concepts[cid]
        return c.kind == "quantity" and bool(c.range)

    def named_after(e: El) -> bool:
        """'abnormal serum FLC ratio', 'abnormal potassium or magnesium': names of ranged values right after, then
        the clause's end (not 'abnormal platelet function', '… levels that cannot be corrected')."""
        at, named = e.end, False
        for s, t, cid in sorted(mentions):
            if s < at:
                continue
            if not ranged(cid) or not (_ABNORMAL_GAP.fullmatch(ctx.text, at, s) if not named else _NAME_JOIN.fullmatch(ctx.text, at, s)):
                break
            at, named = t, True
        return named and _NAME_TAIL.fullmatch(ctx.text, at, end) is not None

    def named_before(e: El) -> bool:
        """'FLC ratio abnormal', 'FLC ratio is abnormal;'."""
        return any(ranged(cid) and t <= e.start and not ctx.text[t : e.start].strip() for s, t, cid in mentions) and (
            _NAME_ENDS.match(ctx.text, e.end, end) is not None)

    depth = 1 if ctx.text.count("(", 0, start) > ctx.text.count(")", 0, start) else 0  # (a bracket read alone)
    out = []
    for e in els:
        depth += (e.kind == "lparen") - (e.kind == "rparen" and depth > 0)
        if e.kind == "wnl" and _OUTSIDE_NORMAL.match(e.text) and (
                no_limit or depth > 0 or (e.text.lower() == "abnormal" and not (named_after(e) or named_before(e)))):
            # (in a bracket, 'outside normal limits' may define a one-sided condition: 'Hyperkalemia (potassium outside
            # normal limits)')
            e = El("word", e.text, e.start, e.end)
        out.append(e)
    return out


_LINE_NOTE = _lazy("_LINE_NOTE",
    r"(?i)[,;]?\s*\b(?:in\s+which|where|whereby)\b(?:(?!\b(?:which|where|whereby|defined)\b)[^.;:])*?\b(?:is|are)\s+(?:to\s+be\s+)?"
    r"(?:considered|counted|regarded)\s+(?:as\s+)?"
    r"(?:a|one|1|a\s+single|one\s+single)\s+(?:treatment\s+|therapy\s+|therapeutic\s+)?(?:line|regimen)\b(?:\s+if\b[^.;,]*)?")
"""A note on how lines of therapy are counted ('in which induction, transplant and maintenance … are considered a
treatment regimen if …')."""
_SOFT = frozenset({"word", "neg", "prep_time", "punct", "and_", "or_"})
_RUN_ON_WORD = _lazy("_RUN_ON_WORD", r"(?<=[a-z0-9)])\s+(?-i:[A-Z][a-z]{2,})\b(?!['’]s)")
"""A capitalised word after lower-case text: an old record's next line run on ('… of study Serum or urinary …')."""
_AGE_GROUP_SCOPE = _lazy("_AGE_GROUP_SCOPE",
    r"(?i)^\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?P<scope>(?:ages?d?\s+|patients\s+(?:aged?\s+)?|children\s+(?:aged?\s+)?)"
    r"(?:\d+[^:;]{0,30}?|(?:under|over|older\s+than|younger\s+than|less\s+than|greater\s+than|at\s+least)\s+\d+[^:;]{0,20}?))"
    r"\s*:\s*(?=\S)")
_NOT_APPLY = _lazy("_NOT_APPLY",
    r"(?i)[.;]\s+(?:this|the|these)\s+(?:(?:inclusion|exclusion|eligibility)\s+)?(?:criterion|criteria|requirement|restriction|limit)s?"
    r"\s+(?:does|do|will|shall)\s+not\s+apply\b")
_EXCEPT_END = _lazy("_EXCEPT_END", r"(?i)\b(?:except|other\s+than|unless|excluding|but)\s*$")
_WORD_START = _lazy("_WORD_START", r"(?<!\w)\w+")


@lru_cache(maxsize=512)
def _filler_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of filler phrases in text[start:end]: what `filler_phrases.finditer` finds, tried only
    at words that open a phrase (every phrase opens with a word; same matches, far fewer tries).
    A clause asks twice (its elements, then its unread words): the answer is kept."""
    lex = lexicon()
    out: list[tuple[int, int]] = []
    reach = start
    heads = lex.filler_heads
    for w in _WORD_START.finditer(text, start, end):
        if w.start() < reach:
            continue
        head = w.group().lower()
        if head not in heads:
            continue
        m = _filler_match(head)(text, w.start(), end)
        if m is not None and m.end() > m.start():
            out.append((m.start(), m.end()))
            reach = m.end()
    return tuple(out)


@cache  # (one per head of a filler phrase: a fixed set)
def _filler_match(head: str) -> Callable[[str, int, int], re.Match[str] | None]:
    """`lexicon().filler_phrases.match` at a word that is `head` (lower-cased): the same match, as only the phrases
    that open with that word can match there (a phrase's first word, followed by a non-word character or its end, is
    a whole word of the text), tried in the same order. Compiled on first use."""
    lex = lexicon()
    source = lex.filler_by_head.get(head)
    return lex.filler_phrases.match if source is None else re.compile(source, re.IGNORECASE).match


def _build(ctx: _Ctx, els: list[El], start: int, end: int) -> ir.Rule:
    """Build the rule of a run of elements covering text[start:end]."""
    # 1. A top-level exception splits the run: main part, and the exception.
    top = _except_at(els, top_level=True)
    if top is not None:
        return _split_exception(ctx, els, top, start, end)
    # 2. A parenthesis that names a condition and a limit is an exception with an
    #    alternative limit: 'bilirubin ≤ 1.5 × ULN (≤ 3 × ULN for Gilbert's syndrome)'.
    for i, j in _paren_groups(els):
        inner = els[i + 1 : j]
        if i == 0 or not _anchors(inner) or not _anchors(els[:i]):
            continue
        terms = _term_mentions(ctx, els[i].end, els[j].start)
        inner_text = ctx.text[els[i].end : els[j].start]
        before_concepts = {c for *_, c in _concept_mentions(ctx, start, els[i].start)}
        inner_concepts = {c for *_, c in _concept_mentions(ctx, els[i].end, els[j].start)}
        conditional = bool(_PAREN_CONDITION.search(inner_text)) and not _ASSESSED_PAREN.match(inner_text) and not (
            _WITHOUT_PAREN.match(inner_text))  # ('(without transfusion within 7 days)' narrows the value: no exception)
        same = bool(before_concepts & inner_concepts) or not inner_concepts
        if any(ctx.vocab.terms[t].category == "condition" for *_, t in terms) or (conditional and same):
            main = els[:i] + els[j + 1 :]
            hidden = _Ctx(ctx.text, ctx.offset, ctx.section, ctx.vocab, ctx.inherit,
                          ctx.hide + ((els[i].start, els[j].end),))
            return _with_exception(hidden, main, inner, els[i], start, end)
    # 3. An exception inside a parenthesis that holds no limit.
    nested = _except_at(els, top_level=False)
    if nested is not None:
        return _split_exception(ctx, els, nested, start, end)
    # 4. A bracketed formula that defines a value ('[corrected calcium = Ca - 0.025 × albumin + 1.0]')
    for i, j in _paren_groups(els):
        inner_text = ctx.text[els[i].end : els[j].start]
        is_formula = "=" in inner_text and _concept_mentions(ctx, els[i].end, els[j].start) and _anchors(els[:i])
        is_definition = bool(re.match(r"(?i)\s*\w+(?:\s+\w+)?\s+(?:is|are)\s+defined\s+as\b", inner_text)) and i > 0
        if is_formula or is_definition:
            rest = els[:i] + els[j + 1 :]
            hidden = _Ctx(ctx.text, ctx.offset, ctx.section, ctx.vocab, ctx.inherit, ctx.hide + ((els[i].start, els[j].end),))
            rule = _build(hidden, rest, start, end)
            return _with_method(rule, inner_text)
    # 5. A definitional tail ("where X is defined as ...", "in which ...") is read on its own.
    definable = _may_say(ctx.text[start:end], "which", "where", "defined", "refers", "i.e.", "note:")  # (its words)
    m = next((d for d in (_DEFINITION.finditer(ctx.text, start, end) if definable else ())
              if not any(h0 <= d.start() < h1 for h0, h1 in ctx.hide) and not _closed_bracket_around(ctx.text, start, d.start(), end)),
             None)
    head = [e for e in els if m and e.end <= m.start()]
    if m and m.start() > start and not any(e.kind == "neg" for e in head):  # a negation reaches past 'i.e.'
        tail = [e for e in els if e.start >= m.end()]
        rules = [_plain(ctx, head, start, m.start())]
        if tail:
            said = _plain(ctx, tail, m.end(), end)
            kinds = {c for h in _histories(rules[0]) for c in h.concepts}
            named = [x for x in ir.leaves(said) if not isinstance(x, ir.NoRequirement)]
            if kinds and named and all(isinstance(x, ir.History) for x in named):
                # 'prior hormonal therapy (i.e., megestrol or tamoxifen)': the tail names what the head's history is
                # (its kinds), no history required besides; one it does not name as a kind stays unread
                if not all(c in kinds or ctx.vocab.terms[c].ancestors & kinds for x in named
                           for c in x.concepts if c in ctx.vocab.terms):  # type: ignore[union-attr]
                    rules.append(_free(ctx, m.end(), end))
            else:
                rules.append(said)
        return _join(rules, "all", _span(ctx, start, end))
    return _plain(ctx, els, start, end)


def _closed_bracket_around(text: str, start: int, at: int, end: int) -> bool:
    """Whether `at` sits in a bracket that closes before `end` with text after it: 'organizing pneumonia (i.e.,
    bronchiolitis obliterans), or evidence of active pneumonitis' (a gloss, not a definition of all that follows)."""
    depth = text.count("(", start, at) - text.count(")", start, at)
    if depth <= 0:
        return False
    d = 0
    for k in range(at, end):
        d += 1 if text[k] == "(" else -1 if text[k] == ")" else 0
        if d < 0:
            return bool(text[k + 1 : end].strip(" .;,"))
    return False


def _except_at(els: list[El], top_level: bool) -> int | None:
    kinds = {e.kind for e in els}
    if "except_" not in kinds:
        return None
    if "lparen" not in kinds:  # no brackets: every exception is at the top level
        return next(i for i, e in enumerate(els) if e.kind == "except_") if top_level else None
    depth = 0
    for i, e in enumerate(els):
        if e.kind == "lparen":
            depth += 1
        elif e.kind == "rparen":
            depth = max(0, depth - 1)
        elif e.kind == "except_" and (depth == 0) == top_level:
            return i
    return None


def _split_exception(ctx: _Ctx, els: list[El], i: int, start: int, end: int) -> ir.Rule:
    """Main part and exception: to the end, or to the closing parenthesis when the exception sits inside one."""
    depth = sum(1 if e.kind == "lparen" else -1 if e.kind == "rparen" else 0 for e in els[:i])
    depth = max(depth, 0)
    j = len(els)
    if depth > 0:
        d = depth
        for k in range(i + 1, len(els)):
            if els[k].kind == "lparen":
                d += 1
            elif els[k].kind == "rparen":
                d -= 1
                if d < depth:
                    j = k
                    break
    e = els[i]
    or_at = next((x for x in range(i - 1, 0, -1) if els[x].kind == "or_"), None) if e.text.lower() == "if" else None
    if or_at is not None and depth == 0 and not ctx.text[els[or_at].end : e.start].strip():
        # 'prior anti-PD-1 agents, or if the participant has previously participated in studies with pembrolizumab':
        # one more alternative, unread; no condition on what comes before
        return _join([_plain(ctx, els[:or_at], start, els[or_at].start), _free(ctx, els[or_at].start, end)], "any",
                     _span(ctx, start, end))
    if (e.text.lower() == "if" and depth == 0 and re.search(r"[.:]\s*$", ctx.text[start : e.start])
            and not re.search(r"[,;]|\bthen\b", ctx.text[e.end : end])):
        # 'Pulmonary embolism within 6 months. If receiving anticoagulant therapy;': a new sentence's
        # condition, on what it goes on to say (here nothing), not on the sentence before
        return _free(ctx, start, end)
    main = els[:i] + els[j + 1 :] if j < len(els) else els[:i]
    exc = els[i + 1 : j]
    exc_end = els[j].start if j < len(els) else end
    hidden = _Ctx(ctx.text, ctx.offset, ctx.section, ctx.vocab, ctx.inherit, ctx.hide + ((e.start, exc_end),))
    return _with_exception(hidden, main, exc, e, start, end)


_METHODS = (
    (re.compile(r"(?i)0[.,]025\s*[×x*]?\s*(?:serum\s+)?albumin"), "corrected_calcium", "corrected_calcium_0025"),
    (re.compile(r"(?i)cockcroft[\s-]*(?:and[\s-]+|&\s*)?gault"), "creatinine_clearance", "cockcroft_gault"),
    (re.compile(r"(?i)ckd[\s-]*epi"), "egfr", "ckd_epi_2021"),
    (re.compile(r"(?i)\bMDRD\b|modification\s+of\s+diet\s+in\s+renal\s+disease"), "egfr", "mdrd"),
    (re.compile(r"(?i)\bMDRD\b|modification\s+of\s+diet\s+in\s+renal\s+disease"), "creatinine_clearance", "mdrd"),
)




def _with_method(rule: ir.Rule, text: str) -> ir.Rule:
    """Record the formula a criterion names on its comparisons of the derived value, and the one way of measuring an
    ejection fraction it names ('Confirmed by echocardiogram: Ejection fraction at least 50%')."""
    low = text.lower()
    if "echo" in low or "muga" in low or "radionuclide" in low or "gated" in low or "mri" in low or "magnetic" in low:
        named = {m for m, rx in lexicon().measuring_methods if rx.search(text)}
        if named and not _EITHER_METHOD.search(text):
            rule = _set_method(rule, "lvef", "|".join(sorted(named)))  # ('by MUGA or ECHO': either, no other)
    if ("age" in low or "year" in low or "old" in low) and (at := _AGE_AT_REFERENCE.search(text)) is not None:
        event = _reference_event(at.group("event"))
        if event is not None:
            rule = _set_method(rule, "age", f"at:{event}")  # ('Age ≥ 18 years at the time of signing informed consent')
    either = "clearance" in low and (("measured" in low and _MEASURED_OR_CALCULATED.search(text) is not None) or (
        " or " in low and _FORMULA_OR_URINE.search(text) is not None) or (
        # ('creatinine clearance ≤ 50 mL/min (e.g. Cockcroft-Gault formula)': a way of working it out, one of others; read
        # as the formula asked, a measured clearance of 70 was passed over, audit 106 F4)
        "cockcroft" in low and _FORMULA_FOR_EXAMPLE.search(text) is not None))
    if either:
        # ('Measured or calculated creatinine clearance ≥ 40 mL/min', '… calculated by Cockcroft-Gault formula or
        # measured by 24-hour urine collection': either way meets it; read as the formula alone, a patient whose urine
        # collection may meet it failed)
        rule = _set_method(rule, "creatinine_clearance", "measured_or_calculated")
    if not ("albumin" in low or "cockcroft" in low or "ckd" in low or "mdrd" in low or "diet in renal" in low):
        return rule
    for rx, concept, method in _METHODS:
        if rx.search(text) and not (either and concept == "creatinine_clearance"):
            rule = _set_method(rule, concept, method)
    return rule


_FORMULA_FOR_EXAMPLE = _lazy("_FORMULA_FOR_EXAMPLE",
    r"(?i)\b(?:e\.?\s?g\.?|eg|for\s+example|such\s+as|for\s+instance)\s*[,:]?\s*(?:by\s+|using\s+|per\s+|with\s+)?(?:the\s+)?cockcroft")
_MEASURED_OR_CALCULATED = _lazy("_MEASURED_OR_CALCULATED",
    r"(?i)\bmeasured\s+(?:\(\S+\)\s+)?(?:or|and/or)\s+(?:calculated|estimated)\b|\b(?:calculated|estimated)\s+(?:\(\S+\)\s+)?(?:or|and/or)\s+measured\b")
_FORMULA_OR_URINE = _lazy("_FORMULA_OR_URINE",
    r"(?i)\b(?:cockcroft[- ]?(?:and[- ])?gault|calculated|estimated|formula)\b[^.;]{0,50}?\bor\b[^.;]{0,25}?"
    r"\b(?:measured|24[- ]?(?:h|hr|hour)s?\b|timed\s+urine|urine\s+collection)|"
    r"\b(?:measured|24[- ]?(?:h|hr|hour)s?\b|timed\s+urine|urine\s+collection)[^.;]{0,50}?\bor\b[^.;]{0,25}?"
    r"\b(?:cockcroft[- ]?(?:and[- ])?gault|calculated|estimated|formula)\b")
"""'calculated by Cockcroft-Gault formula or measured by 24-hour urine collection', 'by 24-hour urine collection or
Cockcroft-Gault': a clearance either way."""
_AGE_AT_REFERENCE = _lazy("_AGE_AT_REFERENCE",
    r"(?i)\bat\s+(?:the\s+)?(?:time\s+of\s+|day\s+of\s+)?(?P<event>(?:signing\s+(?:of\s+)?(?:the\s+)?)?(?:informed\s+)?consent|"
    r"enrol+ment|registration|randomi[sz]ation|study\s+entry|entry|(?:the\s+)?first\s+dose)\b")


def _reference_event(phrase: str) -> str | None:
    """The event slug of a reference phrase ('signing informed consent' → consent), from the lexicon."""
    for rx, slug in lexicon().reference_events:
        if rx.fullmatch(phrase.strip()):
            return slug
    return None


_EITHER_METHOD = _lazy("_EITHER_METHOD", r"(?i)\b(?:or\s+(?:by\s+)?(?:an?\s+)?other|any\s+(?:other\s+)?(?:method|modality)|equivalent)\b")


def _set_method(rule: ir.Rule, concept: str, method: str) -> ir.Rule:
    if isinstance(rule, ir.Comparison) and rule.concept == concept and not rule.method:
        return rule.model_copy(update={"method": method})
    if isinstance(rule, ir.Range) and rule.concept == concept and (
            (concept == "age" and method.startswith("at:")) or (concept == "creatinine_clearance" and method == "cockcroft_gault")):
        # 'Age 18-75 years at the time of signing informed consent': both ends on that day (a range holds no method:
        # read on the screening date, one 17 at consent passed)
        # ('Creatinine clearance between 30 and 59 mL/min (Cockcroft-Gault)': both ends by the formula, review 105 R5)
        ends: list[ir.Rule] = [ir.Comparison(concept=concept, op=">=" if rule.low_inclusive else ">", value=rule.low, unit=rule.unit,
                              canonical_value=rule.canonical_low, canonical_unit=rule.canonical_unit, method=method,
                              span=rule.span),
                ir.Comparison(concept=concept, op="<=" if rule.high_inclusive else "<", value=rule.high, unit=rule.unit,
                              canonical_value=rule.canonical_high, canonical_unit=rule.canonical_unit, method=method,
                              span=rule.span)]
        return ir.AllOf(items=ends, span=rule.span)
    if isinstance(rule, ir.NormalLimits) and rule.concept == concept and concept == "lvef":
        # 'Ejection fraction normal by MUGA': a normal range holds no method; the value of another way of measuring
        # may not be it (read without the method, a normal echocardiogram passed)
        return ir.FreeText(text=f"{concept} within normal limits as measured by {method.replace('|', ' or ')}",
                           reason="not_understood", span=rule.span)
    if isinstance(rule, (ir.AllOf, ir.AnyOf, ir.AtLeast)):
        return rule.model_copy(update={"items": [_set_method(i, concept, method) for i in rule.items]})
    if isinstance(rule, ir.Not):
        return rule.model_copy(update={"item": _set_method(rule.item, concept, method)})
    if isinstance(rule, ir.Except):
        return rule.model_copy(update={"rule": _set_method(rule.rule, concept, method)})
    return rule


def _paren_groups(els: list[El]) -> list[tuple[int, int]]:
    """Index pairs of top-level parentheses."""
    for e in els:  # (a loop: `any` over a generator costs more)
        if e.kind == "lparen":
            break
    else:
        return []
    out, depth, open_at = [], 0, -1
    for k, e in enumerate(els):
        if e.kind == "lparen":
            if depth == 0:
                open_at = k
            depth += 1
        elif e.kind == "rparen" and depth > 0:
            depth -= 1
            if depth == 0:
                out.append((open_at, k))
    return out


_NOT_COUNTING = _lazy("_NOT_COUNTING",
    r"(?i)\b(?:lines?|regimens?)(?:\s+of\s+(?:[\w-]+\s+){0,2}?(?:therapy|therapies|treatments?))?\s*,?\s*\(?\s*"
    r"(?P<m>not\s+including|excluding|not\s+counting|other\s+than|apart\s+from|besides)\b")
"""'2 prior lines of therapy not including bortezomib': the counted lines, with therapies set apart."""


def _lines_not_counting(ctx: _Ctx, start: int, m_start: int, m_end: int, end: int) -> ir.Rule:
    """'At least 2 prior lines of therapy not including bortezomib': no bortezomib at all, or lines of it not counted?
    Decided only where both readings agree: without the therapy the count is the count either way; with it, the second
    reading's count is not known (only a count below a lower bound fails either way). 'Not counting' has only the
    second reading (at most that many lines in all is then enough)."""
    span = _span(ctx, start, end)
    lines = _clause(ctx, start, m_start)
    if not (isinstance(lines, (ir.Comparison, ir.Range)) and lines.concept == "prior_lines"):
        return _free(ctx, start, end)
    tail = _span(ctx, m_start, end)
    lower = isinstance(lines, ir.Comparison) and lines.op in (">", ">=")
    if _OTHER_BRANCH.search(ctx.text, m_end, end):
        # 'At least 2 prior lines not including maintenance, or at least 1 prior line if refractory': an alternative
        # after the words set apart (read as them, one line with refractory disease failed)
        return _free(ctx, start, end)
    therapy = _clause(replace(ctx, section="inclusion"), m_end, end)
    if not (isinstance(therapy, ir.History) and therapy.category in ("therapy", "procedure") and therapy.window is None):
        # 'At least 2 prior lines of therapy, not including maintenance therapy': what is set apart is not read; too few
        # lines in all still fail
        return ir.AllOf(items=[lines, _free(ctx, m_start, end)], span=span) if lower else _free(ctx, start, end)
    which = ir.FreeText(text="whether lines of the therapies set apart count ('" + ctx.text[m_start:m_end] + "')",
                        reason="not_understood", span=tail)
    if isinstance(lines, ir.Comparison) and ctx.text[m_start:m_end].lower().startswith("not counting"):
        if lower:
            return ir.AllOf(items=[lines, ir.AnyOf(items=[ir.Not(item=therapy, span=therapy.span), which], span=tail)], span=span)
        return ir.AnyOf(items=[lines, ir.AllOf(items=[therapy, which], span=tail)], span=span)
    either = ir.AnyOf(items=[ir.AllOf(items=[lines, ir.Not(item=therapy, span=therapy.span)], span=span),
                             ir.AllOf(items=[therapy, which], span=tail)], span=span)
    if lower:
        return ir.AllOf(items=[lines, either], span=span)  # too few lines fail either way
    return either


_OTHER_BRANCH = _lazy("_OTHER_BRANCH", r"(?i)\b(?:unless|except|if|provided|however|but|when|where)\b|"
                      r"\bor\s+(?:at\s+least|at\s+most|more|fewer|less|no|one|two|three|four|five|patients?|subjects?|participants?|"
                      r"\d)")


def _with_exception(ctx: _Ctx, main: list[El], exc: list[El], marker: El, start: int, end: int) -> ir.Rule:
    # (from the clause's start when the main part comes first: words dropped as filler before its first element may
    # still name a subject, 'International Normalized Ratio (INR) or PT … ≤ 1.5 × ULN, unless …')
    main_start = start if (not main or main[0].start < marker.start) else main[0].start
    main_end = max((e.end for e in main), default=marker.start)
    main_rule = _plain(ctx, main, main_start, main_end) if main else _free(ctx, start, marker.start)
    exc_start = exc[0].start if exc else marker.end
    exc_end = exc[-1].end if exc else marker.end
    ctx = _Ctx(ctx.text, ctx.offset, ctx.section, ctx.vocab, ctx.inherit)
    exc_terms = _term_mentions(ctx, exc_start, exc_end)
    histories = _histories(main_rule)
    main_terms = {t for h in histories for t in h.concepts}
    if marker.text.lower().startswith(("except", "with the exception", "with exception", "other than", "apart from")) and (
            _STRICTER_RULE.search(ctx.text, marker.end, exc_end)):
        # '… within 1 week, with the exception of … a wide field of radiation, which must be completed at least 4 weeks
        # prior': the 'exception' is a stricter rule of its own, no waiver (read as one, a wide field 2 weeks before passed)
        return _free(ctx, start, end)
    if any(h.window is not None for h in histories) and (
            (marker.text == "(" and _OWN_WASHOUT_ASIDE.match(ctx.text, marker.start))
            or (marker.text != "(" and _longer_wait(ctx, histories, marker.start, end))):
        # 'off previous anti-cancer therapy for at least 3 weeks (6 weeks for BCNU and mitomycin C)': a longer wait for
        # some kinds, which can only hold more patients back (read as a waiver, a BCNU 4 weeks before passed); so with
        # 'except 6 weeks for nitrosoureas', 'unless nitrosoureas, in which case 6 weeks', ', 6 weeks if nitrosourea'
        # (read as a waiver, or as a condition on the nitrosourea alone, a lomustine 5 weeks before passed, and a
        # cisplatin of a week before when no nitrosourea was on record)
        aside = _free(ctx, marker.start, exc_end)
        return _join([main_rule, aside], "all" if ctx.section == "inclusion" else "any", _span(ctx, start, end))
    if (marker.text != "(" and not any(h.window is not None for h in histories)
            and len(_DURATIONS.findall(ctx.text, start, end)) >= 2
            and (last := list(_DURATIONS.finditer(ctx.text, start, marker.start)))
            and re.fullmatch(r"[\s,;]*", ctx.text[last[-1].end() : marker.start])):
        # 'At least 4 weeks since chemotherapy, 6 weeks if nitrosourea', 'Chemotherapy within 3 weeks …, or within 6
        # weeks if nitrosoureas': the condition binds the second wait, the first (not read) is everyone's (read as a
        # condition on the whole, a cisplatin of a week before passed wherever no nitrosourea was on record)
        return _free(ctx, start, end)
    if (marker.text.lower() == "if" and re.search(r"[;.]\s*$", ctx.text[max(start, marker.start - 3) : marker.start])
            and _OWN_CONSEQUENT.search(ctx.text, marker.end, exc_end)):
        # '…; if hypertension is present, it should be under control prior to study entry': a requirement of its own,
        # on those it names (read as a condition on what came before, uncontrolled hypertension passed)
        clause = _free(ctx, marker.start, exc_end)
        return _join([main_rule, clause], "all" if ctx.section == "inclusion" else "any", _span(ctx, start, end))
    if (ctx.section == "inclusion" and marker.text.lower() == "if" and ctx.text[:marker.start].rstrip().endswith("(")
            and isinstance(main_rule, ir.History) and main_rule.category == "condition"):
        # 'RAEB-T (if blasts are less than 10% in marrow and blood after induction chemotherapy)': the disease counts only
        # on that condition (read as waived by it, any RAEB-T passed)
        return _join([main_rule, _free(ctx, marker.start, exc_end)], "all", _span(ctx, start, end))
    if (_CONDITIONAL_EXCEPTION.match(marker.text) and _LIMIT_OR_LIMIT.search(ctx.text, start, marker.start)
            and _PERMISSION_BEFORE.search(ctx.text, start, marker.start)):
        # 'Total bilirubin < 1.5 × ULN OR > 1.5 × ULN allowed if direct bilirubin is within normal range': the second
        # limit is allowed on the condition, the first is everyone's (read as a waiver of both, any bilirubin passed)
        return _free(ctx, start, end)
    if (_SCOPE_MARKER.match(marker.text) and not _anchors(exc) and (
            _LIMIT_OR_LIMIT.search(ctx.text, start, marker.start) if marker.text.lower() != "if"
            else _second_limit_before(ctx.text, start, marker.start))):
        # 'AST and ALT ≤ 3 × ULN or ≤ 5 × ULN for patients with liver metastases', '… or ≤ 5 × ULN if liver metastases
        # are present': the second limit is the group's, the first everyone else's (read as both for the group, everyone
        # else passed on any value)
        return _free(ctx, start, end)
    if _SCOPE_MARKER.match(marker.text) and not _anchors(exc):
        # 'SpO2 > 88% in patients with a history of pulmonary disease', '… if history of stroke':
        # the requirement binds only those patients; it is not waived for them
        if (exc_terms and _only_terms(ctx, exc, exc_terms) and not main_terms & {t for *_, t in exc_terms}
                and not re.search(r"(?i)\b(?:without|are)$", marker.text)):
            # (not 'in patients without marrow involvement', 'in patients who are HBcAb positive': not read, the group)
            scope: ir.Rule = ir.History(category="any", concepts=_dedupe([tid for _, _, tid in exc_terms]),
                                        span=_span(ctx, exc_start, exc_end))
        else:
            scope = _free(ctx, marker.start, exc_end if exc else marker.end)
        if ctx.section == "inclusion":
            return ir.AnyOf(items=[ir.Not(item=scope, span=scope.span), main_rule], span=_span(ctx, start, end))
        return ir.AllOf(items=[scope, main_rule], span=_span(ctx, start, end))
    if _SCOPE_MARKER.match(marker.text) and marker.text.lower() != "if" and _anchors(exc):
        # 'AST or ALT ≥ 5 × ULN for subjects with liver metastases or > 2.5 × ULN for subjects without': each
        # limit binds its own group; read as a rule with an exception, the groups would be swapped
        return _free(ctx, start, end)
    if isinstance(main_rule, ir.FreeText):
        # 'No concurrent immunomodulating agents except steroids': with the rule unread, an exception
        # present could be a carve-out (steroids allowed, others still barred) as well as a waiver
        return _free(ctx, start, end)
    conditional = bool(_CONDITIONAL_EXCEPTION.match(ctx.text, marker.end))
    refractory = [x for x in ir.leaves(main_rule) if isinstance(x, ir.Refractory) and x.scope == "therapy"]
    if refractory and exc_terms and not _anchors(exc) and _NARROWING_MARKER.match(marker.text):
        v = ctx.vocab
        kinds = _dedupe([t for *_, t in exc_terms])
        below = [t for t in kinds if t in v.terms and v.terms[t].category == "therapy"
                 and any(c in v.terms[t].ancestors and c != t for x in refractory for c in x.concepts)]
        # 'Refractory to an IMiD other than lenalidomide': a kind of the class set apart, no waiver (read as one, a
        # patient refractory to lenalidomide alone passed the inclusion, and one refractory to pomalidomide who also had
        # lenalidomide was let through the exclusion). Only the kinds and their connectors after the marker: examples
        # ('(e.g., pomalidomide)', 'including carfilzomib'), a window or a setting say more, and a kind of another class
        # ('an IMiD other than bortezomib') makes no sense of it: text
        leftover = ctx.text[marker.end : end]
        for ts, te, _ in sorted(exc_terms, reverse=True):
            leftover = leftover[: ts - marker.end] + " " * (te - ts) + leftover[te - marker.end :]
        if (isinstance(main_rule, ir.Refractory) and below and len(below) == len(kinds) and not conditional
                and _BARE_LIST_LEFT.fullmatch(leftover)):
            return main_rule.model_copy(update={"excluding": below, "span": _span(ctx, start, end)})
        return _free(ctx, start, end)
    given = (histories and exc_terms and all(h.category == "condition" for h in histories)
             and any(ctx.vocab.terms[t].category in ("therapy", "procedure") for *_, t in exc_terms))
    # ('Known HIV infection unless on antiretroviral therapy', 'No other malignancy within 5 years unless treated with
    # curative surgery alone': what the patient is given or had done, no kind of the condition; read as a kind of it set
    # apart, which no condition on record ever is, every patient with HIV was excluded). Read below only as 'unless on'
    # a therapy, one going on; 'unless treated with radiotherapy' does not say the treatment was of that condition (a
    # pelvic radiotherapy would have let brain metastases in)
    if given and not (re.match(r"(?i)\s*(?:(?:the\s+)?(?:patients?|those|subjects?|participants?)\s+(?:who\s+are\s+)?)?"
                               r"(?:on|receiving|taking)\b", ctx.text[marker.end : exc_terms[0][0]])
                      and _RECEIVING.search(ctx.text, marker.start, exc_terms[0][0])):
        return ir.Except(rule=main_rule, exception=_free(ctx, marker.start, exc_end),
                         otherwise=_waived(ctx, main_rule, marker), span=_span(ctx, start, end))
    if (histories and exc_terms and not given and not _anchors(exc) and not main_terms & {t for *_, t in exc_terms} and not conditional
            and not _CIRCUMSTANCE.search(ctx.text, exc_start, exc_end) and not _STAGED.search(ctx.text, exc_start, exc_end)):
        # 'Other malignancy, except carcinoma in situ': the exception narrows the history (not 'except when used
        # concurrently with radiation therapy': a circumstance, no kind of the history)
        if any(_FINDING_AFTER.match(ctx.text, te) for _, te, _ in exc_terms):
            # 'except for nonmelanoma skin cancer HIV negative': a result after a term is a requirement of its own,
            # run into the exception; the clause is not read
            return _free(ctx, start, end)
        if len(exc_terms) > 1 and _COMBINED_WITH.search(ctx.text, exc_start, exc_end):
            # ('other than adjuvant fluoropyrimidines in combination with leucovorin and/or levamisole': one regimen
            # excepted, whose parts are no kinds excepted each; read so, adjuvant capecitabine alone was excepted, audit
            # 100 F7): a therapy of none of the kinds named bars; one of them, whether it was that regimen is not read
            span = _span(ctx, start, end)
            return ir.AnyOf(items=[_replace_histories(main_rule, _dedupe([t for *_, t in exc_terms])),
                                   ir.AllOf(items=[main_rule, _free(ctx, marker.start, exc_end)], span=span)], span=span)
        if _unread_item(ctx, exc_start, exc_end, exc_terms):
            # 'except … basal cell skin carcinoma or in situ cervical carcinoma' with one of them not in the
            # vocabulary: the kinds read are not all the kinds excepted
            return ir.Except(rule=main_rule, exception=_free(ctx, marker.start, exc_end),
                             otherwise=_waived(ctx, main_rule, marker), span=_span(ctx, start, end))
        quals = _excepted_as(ctx, exc_start, exc_terms)
        kept = list(exc_terms)
        for k in range(len(exc_terms) - 1, 0, -1):
            ts, te, tid = exc_terms[k]
            _, pe, ptid = exc_terms[k - 1]
            if (ctx.vocab.terms[tid].category == "condition" and ctx.vocab.terms[ptid].category == "therapy"
                    and (ind := _FOR_INDICATION.fullmatch(ctx.text, pe, ts)) is not None):
                # 'except trimethoprim-sulfamethoxazole for the prevention of Pneumocystis pneumonia': what the excepted
                # therapy is given for narrows it (no excepted kind of its own); the record must say so
                quals[ptid] = _dedupe([*quals.get(ptid, []), " ".join(ctx.text[ind.start("why") : te].lower().split())])
                quals.pop(tid, None)
                kept.pop(k)
        excluded = [tid for _, _, tid in kept]
        # ('except adequately treated basal cell carcinoma or carcinoma in situ': what the excepted kinds must be,
        # for each of them; a narrowing only ever turns a recorded event into 'unknown')
        return _replace_histories(main_rule, excluded, quals)
    guessed = _inherited_by_alternative(ctx, main_rule, marker)
    inherit = guessed if guessed is not None else ()  # (then only limits naming their own values are read)
    if exc_terms and _anchors(exc):
        # 'Bilirubin ≤ 1.5 × ULN, except Gilbert syndrome (≤ 3 × ULN)': an alternative limit.
        exc = _borrowed_comparator(ctx, main_rule, exc)
        cond_terms = [tid for _, _, tid in exc_terms if ctx.vocab.terms[tid].category == "condition"]
        if cond_terms:
            exception: ir.Rule = ir.History(category="condition", concepts=_dedupe(cond_terms), span=_span(ctx, exc_start, exc_end))
            if (cause := _CAUSED_BY.search(ctx.text, marker.start, exc_end)) is not None:
                # '(less than 5 times ULN if due to hepatic metastases)': the value must be caused by the condition,
                # which a record of the condition does not say (an alkaline phosphatase may be raised by bone)
                why = _free(ctx, cause.start(), max([cause.end()] + [te for _, te, t in exc_terms if t in cond_terms]))
                exception = ir.AllOf(items=[exception, why], span=exception.span)
            sub = _Ctx(ctx.text, ctx.offset, ctx.section, ctx.vocab, inherit)
            alt_units = _units(sub, [e for e in exc if not _inside_terms(e, exc_terms)], exc_start, exc_end, skip_terms=True)
            covered = [c for u in alt_units for c in (u.cover or [(u.start, u.end)]) + u.subjects]
            rest = [e for e in exc if not any(a <= e.start and e.end <= b for a, b in covered)
                    and not (e.kind in ("word", "prep_time") and e.text.lower() in _CONDITION_WORDS)]
            # (the condition is the terms alone: 'unless greater than 1/3 of liver is involved by tumor' is no
            # history of a tumour)
            if alt_units and _only_terms(ctx, rest, exc_terms) and not _unattached(exc, alt_units):
                alternative = _combine(sub, alt_units, exc, exc_start, exc_end)
                last_term = max(te for _, te, t in exc_terms if t in cond_terms)
                if not any(isinstance(x, _LIMITS) for x in ir.leaves(main_rule)) and not _NARROWED_BY_FIGURE.fullmatch(
                        ctx.text, last_term, min(u.start for u in alt_units)):
                    # 'Multiple myeloma, excluding patients with plasma cell leukemia or creatinine clearance < 30 mL/min':
                    # another group set apart, not read (read as narrowing the first, CrCl 20 passed)
                    return _free(ctx, start, end)
                if not any(isinstance(x, _LIMITS) for x in ir.leaves(main_rule)):
                    # 'Other malignancy, except prostate cancer with PSA < 1 ng/mL': no limit in the rule for the figure
                    # to stand in for; it narrows the kind excepted, not read (read as an alternative limit, excluded, a
                    # PSA of 0.5 excluded and 5 passed)
                    which = ir.FreeText(text="what the excepted kind must be ('" + ctx.text[marker.start : exc_end].strip() + "')",
                                        reason="not_understood", span=_span(ctx, marker.start, exc_end))
                    return ir.Except(rule=main_rule, exception=exception, alternative=which,
                                     otherwise=ctx.section == "inclusion", span=_span(ctx, start, end))
                if _not_an_alternative(main_rule, alternative):
                    return _free(ctx, start, end)
                alternative = _with_the_rest(main_rule, alternative)
                return ir.Except(rule=main_rule, exception=exception, alternative=alternative,
                                 otherwise=ctx.section == "inclusion", span=_span(ctx, start, end))
    if _anchors(exc) and (inherit or guessed is None) and any(isinstance(x, _LIMITS) for x in ir.leaves(main_rule)):
        # 'ALT ≤ 3 × ULN if liver metastases ≤ 5 × ULN': an alternative limit under a condition we cannot read
        sub = _Ctx(ctx.text, ctx.offset, ctx.section, ctx.vocab, inherit)
        alt_units = _units(sub, exc, exc_start, exc_end, skip_terms=True)
        first = min(alt_units, key=lambda u: u.start) if alt_units else None
        if (first is not None and first.subjects and marker.text.lower() in ("if", "when")
                and not ctx.text[marker.end : first.start].strip()):
            # 'Alkaline phosphatase < 2.5 × ULN if SGOT is > 1.5 × ULN': a limit under a condition on
            # another value, no alternative limit
            alt_units = []
        if alt_units and not _unattached(exc, alt_units):
            alternative = _combine(sub, alt_units, exc, exc_start, exc_end)
            if _not_an_alternative(main_rule, alternative):
                return _free(ctx, start, end)
            alternative = _with_the_rest(main_rule, alternative)
            cond_words = _uncovered_text(ctx, exc, alt_units)
            exception = ir.FreeText(text=cond_words or ctx.text[marker.start:exc_end].strip(), reason="not_understood",
                                    span=_span(ctx, marker.start, exc_end))
            return ir.Except(rule=main_rule, exception=exception, alternative=alternative,
                             otherwise=ctx.section == "inclusion", span=_span(ctx, start, end))
    if (exc_terms and not _anchors(exc) and _only_terms(ctx, exc, exc_terms) and not main_terms & {t for *_, t in exc_terms}
            and not _FOR_SOME.search(ctx.text, exc_start, exc_end)):
        cond_terms = [tid for _, _, tid in exc_terms]
        # ('unless the participant is receiving anticoagulant therapy': a current one, not warfarin stopped years ago)
        now: Literal["active", "any"] = "active" if _RECEIVING.search(ctx.text, marker.start, exc_end) else "any"
        exception = ir.History(category="any", concepts=_dedupe(cond_terms), status=now, span=_span(ctx, exc_start, exc_end))
        if ctx.section == "inclusion" and marker.text.lower() == "excluding" and _PEOPLE_AFTER.match(ctx.text, marker.end):
            # 'ECOG 0-2, excluding patients with brain metastases': those patients left out, or the limit waived for them?
            # Either is as likely: for them it is not decided (read as a waiver, brain metastases with ECOG 3 passed)
            which = ir.FreeText(text="whether those patients are left out or the rule is waived for them ('excluding')",
                                reason="not_understood", span=_span(ctx, marker.start, exc_end))
            return ir.Except(rule=main_rule, exception=exception, alternative=which, otherwise=True, span=_span(ctx, start, end))
        return _bound_waiver(ctx, main_rule, exception, marker, start, end)
    if _sets_a_limit(ctx, main_rule, exc):
        # 'FEV1 and FVC at least 50% predicted (75% predicted if received prior thoracic radiotherapy)': a limit of
        # its own the exception sets on the values the rule limits, not read; as a waiver the rule would pass
        # those it holds to more
        return _free(ctx, start, end)
    exception = _free(ctx, marker.start, exc_end if exc else marker.end)
    return ir.Except(rule=main_rule, exception=exception, otherwise=_waived(ctx, main_rule, marker), span=_span(ctx, start, end))


def _second_limit_before(text: str, start: int, at: int) -> bool:
    """'AST ≤ 3 × ULN or ≤ 5 × ULN if liver metastases', 'AST ≤ 3 × ULN, ≤ 5 × ULN if …': a second limit right before the
    'if', which it may bind alone (not '… AST or ALT less than 5 times normal PT and aPTT normal (consult … if abnormal)',
    whose 'if' sits in a bracket of its own)."""
    last = None
    for pattern in (_LIMIT_OR_LIMIT, _BARE_SECOND_LIMIT):
        for m in pattern.finditer(text, start, at):
            last = m if last is None or m.start() > last.start() else last
    return last is not None and not re.search(r"[()\[\];]|\.(?!\d)", text[last.end() : at])


WAIVES_THE_REST = "whether the exception waives the other limits too"
_NARROWED_BY_FIGURE = _lazy("_NARROWED_BY_FIGURE", r"(?i)\s*(?:with|and|having|who\s+(?:have|has)|whose|and\s+an?)?\s*(?:an?\s+)?")
"""'prostate cancer with PSA < 1 ng/mL': the figure narrows the kind before it."""
_PEOPLE_AFTER = _lazy("_PEOPLE_AFTER", r"(?i)\s*(?:those|patients|subjects|participants|individuals|persons|people|women|men)\b")


def _bound_waiver(ctx: _Ctx, main_rule: ir.Rule, exception: ir.Rule, marker: El, start: int, end: int) -> ir.Except:
    """A waiver among several limits binds the one it follows: 'Total bilirubin ≤ 1.5 × ULN (except Gilbert's
    syndrome), AST and ALT ≤ 3 × ULN' waives the bilirubin limit, not the transaminases (read as waiving all, a
    Gilbert's patient with AST at 10 × ULN passed). In brackets right after its limit it is that limit's; elsewhere
    whether it waives the others too is decided only where both readings agree."""
    span = _span(ctx, start, end)
    waiver = ir.Except(rule=main_rule, exception=exception, otherwise=ctx.section == "inclusion", span=span)
    if not isinstance(main_rule, (ir.AllOf, ir.AnyOf)) or len(main_rule.items) < 2:
        return waiver
    items = main_rule.items
    ends = [it.span[1] if it.span is not None else -1 for it in items]
    before = [e for e in ends if 0 <= e <= ctx.offset + marker.start]
    if min(ends) < 0 or not before or not all(_concepts_of(it) for it in items):
        return waiver  # (a part about no value, a history or a text: which parts the exception waives is not said)
    last = max(before)
    others = [it for it, e in zip(items, ends) if e != last]
    if not others:
        return waiver
    joiner: Literal["all", "any"] = "all" if isinstance(main_rule, ir.AllOf) else "any"
    rest = _join(others, joiner, span)
    if not (ctx.text[: marker.start].rstrip().endswith("(") and any(e > ctx.offset + marker.start for e in ends)):
        # (in brackets between limits it is the one before's; at the end it may be all of theirs)
        which = ir.FreeText(text=WAIVES_THE_REST, reason="not_understood", span=span)
        rest = _join([rest, which], "any" if joiner == "all" else "all", span)
    return ir.Except(rule=main_rule, exception=exception, alternative=rest, otherwise=ctx.section == "inclusion", span=span)


def _waived(ctx: _Ctx, main_rule: ir.Rule, marker: El) -> bool:
    """Whether an inclusion requirement is met when its exception holds: 'ANC ≥ 1.5 unless due to marrow involvement'
    waives it; 'any cancer other than breast cancer, multiple myeloma, or prostate cancer' narrows the kind required,
    so the exception fails it (read as waived, a breast-cancer patient passed)."""
    if ctx.section != "inclusion":
        return False
    return not (isinstance(main_rule, (ir.History, ir.Refractory)) and _NARROWING_MARKER.match(marker.text))


_BARE_LIST_LEFT = _lazy("_BARE_LIST_LEFT", r"(?i)[\s,;.]*(?:(?:or|and|and/or|nor|the|a|an)\b[\s,;.]*)*")
"""What may be left of an exception beside the kinds it names: their connectors, nothing else."""
_NARROWING_MARKER = _lazy("_NARROWING_MARKER", r"(?i)\s*(?:except(?:\s+for)?|excluding|other\s+than|apart\s+from|with(?:\s+the)?\s+exception\s+of)\s*$")
_OP_SIGN = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def _borrowed_comparator(ctx: _Ctx, main_rule: ir.Rule, exc: list[El]) -> list[El]:
    """'AST ≤ 3 × ULN (5 × ULN if liver metastases are present)': a bare × ULN figure that opens the alternative
    limit takes the comparator of the rule's own limits (all of them × ULN with one comparator); any other bare figure
    stays unread."""
    first = next((i for i, e in enumerate(exc) if e.kind not in ("word", "punct", "lparen", "rparen")), None)
    if first is None or exc[first].kind != "relative" or any(e.kind == "word" for e in exc[:first]):
        return exc
    leaves = [x for x in ir.leaves(main_rule) if not isinstance(x, ir.NoRequirement)]
    ops = {x.op for x in leaves if isinstance(x, ir.RelativeLimit) and x.reference == "uln"}
    if len(ops) != 1 or len(leaves) != sum(isinstance(x, ir.RelativeLimit) for x in leaves) or re.search(
            r"(?i)lower|LLN", exc[first].text):
        return exc
    a = exc[first]
    return exc[:first] + [El("bound", a.text, a.start, a.end, _OP_SIGN[ops.pop()], a.text, "relative")] + exc[first + 1 :]


_RELATIVE_CLAUSE = _lazy("_RELATIVE_CLAUSE", r"(?i)\b(?:for\s+which|in\s+which|whose|which\s+(?:is|are|has|have))\b")
_OWN_CONSEQUENT = _lazy("_OWN_CONSEQUENT",
    r"(?i),\s*(?:then\s+)?(?:it|they|this|these|he|she|the\s+\w+|patients?|subjects?)\s+(?:should|must|shall|needs?\s+to|has\s+to|have\s+to|will\s+need)\b")
_DAYS_IN = {"hour": 1 / 24, "day": 1, "week": 7, "wk": 7, "month": 30.4, "year": 365.25}


def _longer_wait(ctx: _Ctx, histories: list[ir.History], at: int, end: int) -> bool:
    """Whether the words from an exception's marker on give a longer wait than the rule's ('except 6 weeks for
    nitrosoureas' after 'within 4 weeks'): held more, not waived. Not a shorter one ('… allowed if completed 2 weeks
    before'), which relaxes, nor a mix."""
    if _WAIVER_SPAN.search(ctx.text, at, end):
        return False  # ('unless on a stable dose for at least 4 weeks', 'except if started at least 3 months prior': a waiver)
    windows = [h.window for h in histories if h.window is not None]
    longest = max(w.amount * _DAYS_IN.get(w.unit, 1) for w in windows)
    found = [float(m.group(1)) * _DAYS_IN[m.group(2).lower().rstrip("s")] for m in _DURATION_PARTS.finditer(ctx.text, at, end)]
    return bool(found) and all(d > longest for d in found)


_WAIVER_SPAN = _lazy("_WAIVER_SPAN",
    r"(?i)\b(?:stable|stabl[ey]|started|initiated|begun|began|unchanged|constant)\b|\bfor\s+(?:at\s+least|more\s+than|over|longer\s+than)\b")
_DURATION_PARTS = _lazy("_DURATION_PARTS", r"(?i)\b(\d+(?:\.\d+)?)\s*(hours?|days?|weeks?|wks?|months?|years?)\b")
_DURATIONS = _lazy("_DURATIONS", r"(?i)\b\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?(?:hours?|days?|weeks?|wks?|months?|years?)\b")
_OWN_WASHOUT_ASIDE = _lazy("_OWN_WASHOUT_ASIDE",
    r"(?i)\(\s*(?:at\s+least\s+)?\d+(?:\.\d+)?\s*(?:hours?|days?|weeks?|wks?|months?)\s+(?:for|after|since|from|following)\b")
"""'(6 weeks for BCNU and mitomycin C)', '(6 weeks for nitrosoureas)': a bracket that gives some kinds a wait of their own."""
_STRICTER_RULE = _lazy("_STRICTER_RULE",
    r"(?i)\b(?:which|that|who|these|this)\s+(?:must|should|shall|need\s+to|needs\s+to)\b|,\s*which\s+(?:is|are)\b(?!\s+(?:also\s+)?(?:allowed|permitted|acceptable|eligible))")
_RECEIVING = _lazy("_RECEIVING", r"(?i)\b(?:is|are)\s+(?:currently\s+)?(?:receiving|taking|on)\b|\bcurrently\b|\bongoing\b|"
                   # ('INR ≤ 1.5 unless on anticoagulation', '… unless receiving anticoagulant therapy': a current one; read
                   # as any, a warfarin stopped in 2019 let an INR of 2.5 pass)
                   r"\b(?:unless|except(?:\s+(?:if|when|for))?|if|when|while)\s+(?:(?:the\s+)?(?:patients?|subjects?|participants?|those)"
                   r"\s+(?:who\s+are\s+)?)?(?:on|receiving|taking|using|undergoing)\b")
_CAUSED_BY = _lazy("_CAUSED_BY",
    r"(?i)\b(?:due\s+to|attributable\s+to|attributed\s+to|secondary\s+to|caused\s+by|related\s+to|associated\s+with|because\s+of|as\s+a\s+result\s+of)\b")
_FINDING_AFTER = _lazy("_FINDING_AFTER", r"(?i)\s+(?:sero)?(?:negative|positive)\b")
_VERB_ALTERNATIVE = _lazy("_VERB_ALTERNATIVE",
    r"(?i)\bor\s+(?:has\s+|have\s+|had\s+)?(?:been\s+)?(?:used|received|participated|undergone|taken|treated|using|receiving|taking)\b")
_LIST_SEPARATOR = _lazy("_LIST_SEPARATOR", r"(?i)\s*(?:,\s*(?:or|and|and/or)?|;|\bor\b|\band/or\b|\band\b)\s*")


_RUN_ON_ITEM = _lazy("_RUN_ON_ITEM", r"(?<=[a-z0-9)])\s+(?=[A-Z][a-z])")


def _run_on_pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out, pos = [], a
    for m in _RUN_ON_ITEM.finditer(text, a, b):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, b))
    return out


def _unread_item(ctx: _Ctx, s: int, e: int, terms: list[tuple[int, int, str]]) -> bool:
    """Whether a list of exceptions holds an item no term of the vocabulary names ('completely resected basal cell
    skin carcinoma' while only 'in situ cervical carcinoma' is read)."""
    lex = lexicon()
    pos = s
    pieces = []
    for m in _LIST_SEPARATOR.finditer(ctx.text, s, e):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, e))
    # an old record's lines run on after 'except:' ('Nonmelanomatous skin tumors In situ carcinomas'): a capital after
    # a lower-case word opens the next item
    pieces = [(a2, b2) for a, b in pieces for a2, b2 in _run_on_pieces(ctx.text, a, b)]
    for a, b in pieces:
        words = [w.lower() for w in _WORD.findall(ctx.text[a:b])]
        if not words or all(w in lex.filler for w in words):
            continue
        if not any(ts < b and a < te for ts, te, _ in terms):
            return True
        rest = ctx.text[a:b]
        for ts, te, _ in sorted((t for t in terms if a <= t[0] and t[1] <= b), reverse=True):
            rest = rest[: ts - a] + " " + rest[te - a :]
        if _NEG_BEFORE.search(rest):
            return True  # 'other than that not curable without treatment of cancer': the words around the term turn it
    return False


def _sets_a_limit(ctx: _Ctx, main_rule: ir.Rule, exc: list[El]) -> bool:
    """Whether an exception sets a limit of its own on a value the rule limits ('(75% predicted if …)',
    '(19 years old for South Korea)', '(5 times ULN if liver metastases)'), not only a time ('unless clinically
    stable for at least 4 weeks', 'without G-CSF support within 2 weeks')."""
    concepts = _concepts_of(main_rule)
    if not concepts:
        return False
    timed = any(ctx.vocab.concepts[c].unit in ("year", "month", "week", "day") for c in concepts if c in ctx.vocab.concepts)
    for e in exc:
        if e.kind == "relative" or (e.kind == "bound" and e.value_kind == "relative"):
            return True
        if e.kind in ("bound", "range", "quantity"):
            value = e.value if e.kind == "bound" else e.text
            if _is_duration(value) and not timed:
                continue
            return True
    return False


def _unattached(els: list[El], units: list[_Unit]) -> bool:
    """Whether a limit among `els` belongs to no unit (its value was not said, nor could be inherited)."""
    return any(e.kind in ("bound", "relative", "range") and not any(u.start <= e.start and e.end <= u.end for u in units)
               for e in els)


_CONDITION_WORDS = frozenset({"associated", "with", "in", "case", "cases", "of", "the", "presence", "due", "to", "documented",
                              "known", "patients", "subjects", "participants", "who", "have", "has", "those", "for",
                              "is", "are", "present", "evidence"})
"""Words that only introduce the condition of an alternative limit ('if associated with liver metastases',
'in cases of liver metastasis')."""


_LIMITS = (ir.Comparison, ir.RelativeLimit, ir.Range, ir.OneOf, ir.NormalLimits)


def _not_an_alternative(main_rule: ir.Rule, alternative: ir.Rule) -> bool:
    """Whether what reads as an alternative limit is something else, and the clause is not read: two
    limits of one direction on one value are several requirements run together ('Bilirubin ≤ 1.5 times
    normal unless due to disease, then < 3.5 times normal Transaminases < 3 times ULN (< 5 times ULN if due
    to liver metastases)'); a limit pointing against the main rule's on the same value says whom a
    rule is for ('Total bilirubin ≤ 1.5 × ULN OR direct bilirubin ≤ ULN for participants with total
    bilirubin > 1.5 × ULN'), not what they may have instead."""
    def limits(rule: ir.Rule) -> list[tuple[str, str]]:
        return [(x.concept, x.op.strip("=")) for x in ir.leaves(rule) if isinstance(x, (ir.Comparison, ir.RelativeLimit))]

    alt = limits(alternative)
    if len(set(alt)) < len(alt):
        return True
    main = set(limits(main_rule))
    return any((c, "<" if op == ">" else ">") in main for c, op in alt)


STILL_BINDING = "whether the other limits of the rule still apply"


def _with_the_rest(main_rule: ir.Rule, alternative: ir.Rule) -> ir.Rule:
    """The alternative with the main rule's limits on other values, which it does not lift: under
    'Bilirubin ≤ 1.5 × ULN, AST ≤ 2.5 × ULN (≤ 5 × ULN if liver metastases)' bilirubin stays ≤ 1.5 × ULN, and
    under the excluded 'Platelets < 100 × 10⁹/L or bilirubin > 1.5 × ULN (> 3 × ULN for Gilbert's syndrome)' low
    platelets still exclude. The lifted limits keep the main rule's shape: the excluded 'AST or ALT > 3 × ULN (> 5 ×
    ULN for liver metastases)' raises each limit, either of them still excluding (read as both, an AST of 6 × ULN
    passed). Where the limits kept cannot be told apart from the ones the alternative replaces ('ECOG ≤ 3; if
    enrolled with a primary CNS tumor, KPS ≥ 50%'), whether they still bind is decided only where it does not matter."""
    lifted = set(_concepts_of(alternative))
    swapped = _swapped(main_rule, alternative)
    if set(_concepts_of(main_rule)) <= lifted:
        return swapped if swapped is not None else alternative
    undecided = ir.FreeText(text=STILL_BINDING, reason="not_understood", span=alternative.span)
    either = isinstance(main_rule, ir.AnyOf)
    if isinstance(main_rule, (ir.AllOf, ir.AnyOf)):
        kept: list[ir.Rule] = []
        replaced: list[ir.Rule] = []
        for it in main_rule.items:
            own = set(_concepts_of(it))
            if not own or (own & lifted and not own <= lifted):
                # a part about no value (a history, a text), or about lifted and kept values at once
                break
            (replaced if own & lifted else kept).append(it)
        else:
            part = _swapped(_join(replaced, "any" if either else "all", alternative.span), alternative) if replaced else None
            return _join([part if part is not None else alternative, *kept], "any" if either else "all", alternative.span)
    # (whether the other limits bind: where they do, they are met beside the alternative, or are more ways to fail
    # it; decided where both readings agree)
    rest = main_rule if not isinstance(main_rule, (ir.AllOf, ir.AnyOf)) else _join(
        [it for it in main_rule.items if not set(_concepts_of(it)) & lifted or not set(_concepts_of(it)) <= lifted],
        "any" if either else "all", main_rule.span)
    if either:
        return _join([alternative, _join([rest, undecided], "all", alternative.span)], "any", alternative.span)
    return _join([alternative, undecided], "all", alternative.span)


def _swapped(shape: ir.Rule, alternative: ir.Rule) -> ir.Rule | None:
    """`shape` with each limit replaced by the alternative's limit on the same value ('AST or ALT > 3 × ULN' read as
    either or both, with '> 5 × ULN'); None when the alternative is no plain list of one limit per value, or `shape`
    holds something else."""
    limits = (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits, ir.OneOf)
    items = [alternative] if isinstance(alternative, limits) else list(alternative.items) if isinstance(alternative, ir.AllOf) else []
    if not items or not all(isinstance(x, limits) for x in items):
        return None
    new = {x.concept: x for x in items if isinstance(x, limits)}
    if len(new) != len(items):
        return None

    def swap(rule: ir.Rule) -> ir.Rule | None:
        if isinstance(rule, limits):
            return new.get(rule.concept)
        if isinstance(rule, ir.FreeText) and rule.text.startswith("whether the limit binds"):
            return rule  # ('AST or ALT': one of them or each, as in the main rule)
        if isinstance(rule, (ir.AllOf, ir.AnyOf)):
            parts = [swap(i) for i in rule.items]
            if any(p is None for p in parts):
                return None
            return rule.model_copy(update={"items": parts})
        return None

    out = swap(shape)
    if out is None or set(_concepts_of(out)) != set(new):
        return None
    return out


def _inherited_by_alternative(ctx: _Ctx, main_rule: ir.Rule, marker: El) -> tuple[str, ...] | None:
    """The values an alternative limit without a subject of its own is about: those the main rule
    limits, or in '…, SGOT ≤ 2.5 × ULN (< 3 × ULN if liver metastases)' the ones limited right before the
    parenthesis (a word or two between: 'FEV1 > 50% predicted (> 75% if …)'). None where that is a guess: 'Bilirubin ≤ 1.5 × ULN and AST ≤ 3 × ULN unless liver
    metastases, then ≤ 5 × ULN' may raise both limits or the second."""
    concepts = _concepts_of(main_rule)
    limited = [x for x in ir.leaves(main_rule) if isinstance(x, (ir.Comparison, ir.RelativeLimit, ir.Range, ir.NormalLimits, ir.OneOf))
               and x.span is not None and x.span[1] <= ctx.offset + marker.start]
    if not limited:
        return concepts
    last_end = max(x.span[1] for x in limited if x.span is not None)
    last = tuple(dict.fromkeys(x.concept for x in limited if x.span is not None and x.span[1] == last_end))
    if set(concepts) <= set(last):
        return concepts
    between = ctx.text[last_end - ctx.offset : marker.start].strip()
    if (marker.kind == "lparen" and re.fullmatch(r"(?:[A-Za-z]+\s*){0,2}", between)) or (
            between[:1] in ("(", "[") and between.count("(") + between.count("[") > between.count(")") + between.count("]")):
        return last
    return None


_STAGED = _lazy("_STAGED", r"(?i)\bstages?\s+(?:[0IV]|\d)")
"""'except … stage I breast or bladder cancer': a stage narrows the exception, which a kind alone would widen."""
_FOR_SOME = _lazy("_FOR_SOME", r"(?i)\b(?:in|for)\s+(?:[\w-]+\s+){0,3}(?:patients|subjects|participants)\b")
"""'(except hydroxyurea for AML patients)': an exception for some patients only, not a condition of its own."""
_CIRCUMSTANCE = _lazy("_CIRCUMSTANCE",
    r"(?i)\b(?:undergoing|planned|scheduled|receiving|while|during|candidates?)\b|"
    r"\b(?:in|for)\s+(?:[\w-]+\s+){0,3}(?:patients|subjects|participants)\b")
"""'unless undergoing second transplant of a tandem transplant regimen': what the patient is doing now, no kind
of the history barred; '(except hydroxyurea for AML patients)': an exception for some patients only."""


def _uncovered_text(ctx: _Ctx, els: list[El], units: list[_Unit]) -> str:
    covered = [c for u in units for c in (u.cover or [(u.start, u.end)])] + [s for u in units for s in u.subjects]
    words = [e.text for e in els if not any(s <= e.start and e.end <= t for s, t in covered)
             and e.kind not in ("punct", "lparen", "rparen")]
    return " ".join(words).strip()


def _inside_terms(e: El, terms: list[tuple[int, int, str]]) -> bool:
    return any(s <= e.start and e.end <= t for s, t, _ in terms)


def _only_terms(ctx: _Ctx, els: list[El], terms: list[tuple[int, int, str]]) -> bool:
    """Whether the elements are all terms (and joining words); a bracket right after a condition that defines it by a
    value ('Plasma cell leukemia (circulating plasma cells > 20%), POEMS syndrome') is the condition's own."""
    skip_to = -1
    for k, e in enumerate(els):
        if k <= skip_to:
            continue
        if e.kind == "lparen" and any(te <= e.start and not ctx.text[te : e.start].strip()
                                      and ctx.vocab.terms[tid].category == "condition" for _, te, tid in terms):
            j = next((j for j in range(k + 1, len(els)) if els[j].kind in ("lparen", "rparen")), None)
            # (one limit only, which `_defined_conditions` joins to the condition: not '(hemoglobin < LLN by 20 g/L or
            # < 100 g/L)', whose condition would stand apart from its definition)
            if j is not None and els[j].kind == "rparen" and sum(x.kind in ("bound", "range", "comp", "postcomp")
                                                                  for x in els[k + 1 : j]) == 1 and not any(
                    x.kind in ("and_", "or_") for x in els[k + 1 : j]):
                skip_to = j
                continue
        if e.kind in ("and_", "or_", "punct", "lparen", "rparen", "except_"):
            continue
        if _inside_terms(e, terms):
            continue
        if e.kind == "word" and e.text.lower() in lexicon().filler:
            continue
        return False
    return True


def _anchors(els: list[El]) -> bool:
    return any(e.kind in ("bound", "relative", "range", "choice", "wnl", "window", "quantity", "postcomp") for e in els)


def _histories(rule: ir.Rule) -> list[ir.History]:
    if isinstance(rule, ir.History):
        return [rule]
    if isinstance(rule, (ir.AllOf, ir.AnyOf)):
        out = []
        for it in rule.items:
            out.extend(_histories(it))
        return out
    if isinstance(rule, ir.Not):  # 'No other malignancy, except basal cell carcinoma'
        return _histories(rule.item)
    return []


def _unqualified(rule: ir.Rule) -> ir.Rule:
    """The rule with its histories' narrowing words dropped: the whole kind ('palliative radiotherapy' → radiotherapy)."""
    if isinstance(rule, ir.History):
        return rule.model_copy(update={"qualifiers": []})
    return ir.map_children(rule, _unqualified)


def excepting(rule: ir.Rule, items: list[ir.Rule]) -> ir.Rule:
    """A heading's rule whose exceptions are listed below it ('No other malignancy … except:' over 'Adequately treated
    basal cell or squamous cell skin cancer', 'Carcinoma in situ of the cervix'): the kinds the items name, with the
    narrowing words they carry, do not count. Unless every item is such a kind and the heading's rule is a history
    waiting for them, the rule is returned as it is (its exception unread)."""
    if not (isinstance(rule, ir.Except) and isinstance(rule.exception, ir.FreeText) and rule.alternative is None
            and _histories(rule.rule)):
        return rule
    kinds: list[str] = []
    quals: dict[str, list[str]] = {}
    for item in items:
        parts = item.items if isinstance(item, ir.AnyOf) else [item]
        for h in parts:
            if not (isinstance(h, ir.History) and h.category == "condition" and h.window is None and not h.excluding
                    and h.min_grade is None and h.status == "any" and not h.other):
                return rule
            kinds.extend(h.concepts)
            for c in h.concepts:
                if h.qualifiers:
                    quals[c] = _dedupe(quals.get(c, []) + list(h.qualifiers))
    main = {t for h in _histories(rule.rule) for t in h.concepts}
    if not kinds or main & set(kinds):
        return rule
    return _replace_histories(rule.rule, _dedupe(kinds), quals or None)


_FOR_INDICATION = _lazy("_FOR_INDICATION",
    r"(?i)\s*(?P<why>(?:for|as)\s+(?:the\s+)?(?:prevention|prophylaxis|treatment|management|control)\s+of\s+(?:the\s+)?|for\s+(?:the\s+)?)")
_EXCEPT_WORDS = frozenset({"or", "and", "and/or", "nor", "except", "excepting", "excluding", "other", "than", "apart", "from",
                           "exception", "exceptions", "following", "for", "of", "the", "with"})


def _excepted_as(ctx: _Ctx, start: int, terms: list[tuple[int, int, str]]) -> dict[str, list[str]]:
    """The narrowing words of each excepted kind: its own, else those of the item before it in the list
    ('other than Kaposi sarcoma, with the exception of completely resected basal cell carcinoma or in situ
    cervical carcinoma': Kaposi sarcoma as it is, the other two resected)."""
    out: dict[str, list[str]] = {}
    carried: list[str] = []
    prev_end = None
    filler = lexicon().filler
    joined: list[str] = []  # the kinds just before, joined to this one by a bare 'or'/'and' ('basal cell or squamous cell …')
    for ts, te, tid in terms:
        if prev_end is not None and prev_end > ts:
            continue  # (inside the clause after the item before)
        if prev_end is None or not re.fullmatch(r"(?i)\s+(?:or|and|and/or)\s+", ctx.text[prev_end:ts]):
            joined = []
        qm = _qualifier_before(ctx, start if prev_end is None else prev_end, ts)
        own = [w.lower() for w in _WORD.findall(ctx.text[start if prev_end is None else prev_end : ts])
               if w.lower() not in filler and w.lower() not in _EXCEPT_WORDS]
        if qm is not None:
            carried = [w for w in _qualifier_words(qm.group("run")) if w not in _STATUS_WORDS]
        elif own:
            # 'except … nonmelanoma skin cancer, or indolent prostate cancer': a word the qualifier list does not know
            # still narrows its kind (dropped, every prostate cancer was excepted)
            carried = own
        elif prev_end is None or not _LIST_JOIN.fullmatch(ctx.text, prev_end, ts):
            carried = []
        if carried:
            out[tid] = _dedupe(out.get(tid, []) + carried)
        prev_end = te
        if (rel := _EXCEPTED_STATE_AFTER.match(ctx.text, te)) is not None:
            # 'except non-melanoma skin cancer that has been adequately treated', '… that has undergone potentially
            # curative therapy and in situ cervical carcinoma': the clause narrows the kind before it, not the next one
            # (dropped, an untreated progressing skin cancer was excepted)
            # (and it may narrow the kinds after it, as the words before the list's first kind do: '… skin cancer that
            # has been completely resected, or in situ cervical cancer')
            # ('basal cell or squamous cell skin cancer that has been completely resected': the kinds joined just before
            # may share it)
            state = " ".join(rel.group("state").lower().split())
            for k in [*joined, tid]:
                out[k] = _dedupe(out.get(k, []) + [state])
            carried, prev_end = _dedupe(carried + [state]), rel.end()
        joined.append(tid)
    return out


_COMBINED_WITH = _lazy("_COMBINED_WITH", r"(?i)\b(?:in\s+combination\s+with|combined\s+with|together\s+with|plus|followed\s+by)\b")
_EXCEPTED_STATE_AFTER = _lazy("_EXCEPTED_STATE_AFTER",
    r"(?i)\s*,?\s*(?:that|which|who)\s+(?:has|have|had|is|are|was|were)\s+(?:(?:been|being)\s+)?(?P<state>[^,;()]+?)"
    r"(?=\s*(?:[,;()]|\band\b|\bor\b|\.(?!\d)|$))")


def _replace_histories(rule: ir.Rule, excluded: list[str], quals: dict[str, list[str]] | None = None) -> ir.Rule:
    if isinstance(rule, ir.History):
        return rule.model_copy(update={"excluding": _dedupe(list(rule.excluding) + excluded),
                                       "excluding_qualifiers": {**rule.excluding_qualifiers, **(quals or {})}})
    if isinstance(rule, (ir.AllOf, ir.AnyOf, ir.Not)):
        return ir.map_children(rule, lambda r: _replace_histories(r, excluded, quals))
    return rule


def _concepts_of(rule: ir.Rule) -> tuple[str, ...]:
    if isinstance(rule, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.NormalLimits, ir.OneOf)):
        return (rule.concept,)
    if isinstance(rule, (ir.AllOf, ir.AnyOf)):
        out: list[str] = []
        for it in rule.items:
            out.extend(_concepts_of(it))
        return tuple(_dedupe(out))
    return ()


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)


def _visible(ctx: _Ctx, found: list[tuple[int, int, str]], start: int) -> list[tuple[int, int, str]]:
    out = [(s + start, e + start, t) for s, e, t in found]
    if ctx.hide:
        out = [m for m in out if not any(h0 <= m[0] and m[1] <= h1 for h0, h1 in ctx.hide)]
    return out


@lru_cache(maxsize=256)
def _all_mentions(text: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str], ...],
                                      frozenset[tuple[int, int]]]:
    """Concept and term mentions of a whole criterion text, found once, and which term mentions are halves
    of a coordination (see `_halves`)."""
    v = vocabulary()
    terms, halves = v.find_terms_and_halves(text)
    if "Cancer " in text:
        # 'grade 2 National Cancer Institute [NCI]-Common Terminology Criteria': an institution's name, no cancer
        names = [(m.start(), m.end()) for m in _INSTITUTION.finditer(text)]
        terms = [t for t in terms if not any(a <= t[0] < b for a, b in names)]
    if "na" in text and ("naive" in text.lower() or "naïve" in text.lower()):
        # 'lenalidomide-naive': never given it, no history of it (read as one, 'refractory to bortezomib and
        # lenalidomide-naive' asked for lenalidomide)
        terms = [t for t in terms if not _NAIVE_AFTER.match(text, t[1])]
    if "efractory" in text:
        # 'lenalidomide-refractory': refractory to it, no history of being given it ('Not lenalidomide-refractory' had
        # failed a patient sensitive to it)
        terms = [t for t in terms if not _REFRACTORY_AFTER.match(text, t[1])]
    if "efractory" in text:
        unread = [(m.start(), m.end()) for m in _NEGATED_REFRACTORY_TO.finditer(text)]
        terms = [t for t in terms if not any(a <= t[0] < b for a, b in unread)]
    concepts = v.find_concepts(text)
    if "QT" in text and any(c[2] == "qtc" for c in concepts):
        # 'QTc > 450 ms using Bazett's formula', 'corrected QT interval (using Fridericia's correction formula) (QTcF)':
        # the QTc the text names the correction of (a QTc alone is any corrected QT)
        fridericia, bazett = _FRIDERICIA.search(text) is not None, "azett" in text or "QTcB" in text
        if fridericia != bazett:
            concepts = [(a, b, ("qtcf" if fridericia else "qtcb") if k == "qtc" else k) for a, b, k in concepts]
    if "old" in text or "of age" in text:
        concepts = [c for c in concepts if not (c[2] == "age" and _specimen_age(text, c[0], c[1]))]
    if "ursing" in text:
        # 'residing in nursing homes', 'requiring skilled nursing': a place or care, no lactation
        concepts = [c for c in concepts if not (c[2] == "lactating" and text[c[0] : c[1]].lower().startswith("nursing") and (
            _NURSING_PLACE.match(text, c[1]) or _NURSING_KIND.search(text, max(0, c[0] - 20), c[0])))]
    if "regnan" in text:
        # 'hemoglobin < 9 g/dL in a previous pregnancy': no pregnancy now
        concepts = [c for c in concepts if not (c[2] == "pregnant" and _PAST_PREGNANCY.search(text, max(0, c[0] - 30), c[0]))]
    return tuple(concepts), tuple(terms), halves


_NAIVE_AFTER = _lazy("_NAIVE_AFTER", r"(?i)[\s\-‐–—]*na[iï]ve\b")
_REFRACTORY_AFTER = _lazy("_REFRACTORY_AFTER", r"(?i)[\-‐–—]\s*refractory\b")
_REGARDLESS_PHRASE = _lazy("_REGARDLESS_PHRASE",
    r"(?i)\b(?:(?:regardless|irrespective)\s+(?:of|whether)|independent(?:ly)?\s+of|whether\s+or\s+not|even\s+if)\s+[^;.(),]*")
"""'irrespective of prior pomalidomide exposure', 'Regardless of HIV status', 'whether or not lenalidomide was
received', 'even if previously treated with lenalidomide': names what does not matter."""
_INCLUDING_PHRASE = _lazy("_INCLUDING_PHRASE",
    r"(?i)\b(?P<how>including|inclusive\s+of|also|excluding|except(?:\s+for)?|other\s+than|but\s+not)\s+"
    r"(?:those|patients|subjects|participants)\b[^;.(),]*")
"""'including patients who received daratumumab', 'including those with brain metastases': a group let in; 'excluding
those with brain metastases': a group left out."""
_PERMISSION_AFTER = _lazy("_PERMISSION_AFTER",
    r"(?i)\(\s*(?:(?:prior|previous|concurrent|concomitant)\s+)?[^(),;]{0,60}?\b(?:allowed|permitted|acceptable)\b")
"""'Prior bortezomib (prior lenalidomide allowed)': a permission beside a requirement."""
_NEG_START = _lazy("_NEG_START",
    r"(?i)\s*(?:[\w ]{0,30}:\s*)?(?:(?:patients?\s+|subjects?\s+|participants?\s+)?(?:must|should|may|can|has|have|did|do|does)\s+"
    r"(?:not|never)|cannot|no|not|without|never|none)\b")
_LIMIT_IN = _lazy("_LIMIT_IN", r"[<>≤≥=]|\d|(?i:\b(?:less|greater|more|at\s+least|at\s+most)\s+than\b)")


_GROUP_HELD = _lazy("_GROUP_HELD", r"(?i)[,(:]|\b(?:must|should|shall|need|needs|required|requires?|have\s+to|has\s+to|"
                    r"(?:is|are)\s+to|allowed|permitted|eligible|acceptable|may)\b")
"""'… who must have total bilirubin ≤ 3 × ULN', 'with Gilbert syndrome, ≤ 3 × ULN': the limit is one the group is held to
(not 'with circulating plasma cells ≥ 5%', which says who the group is)."""


def _context_phrases(sub: str, section: Section = "inclusion") -> list[tuple[int, int]]:
    """The phrases of `sub` whose names may ask for nothing ('regardless of prior X', 'including patients with Y'), as
    (start, end). A group with a limit of its own ('including patients with Gilbert syndrome, who must have total
    bilirubin ≤ 3 × ULN') is no such phrase."""
    out: list[tuple[int, int]] = [(m.start(), m.end()) for m in _REGARDLESS_PHRASE.finditer(sub)]
    for m in _INCLUDING_PHRASE.finditer(sub):
        semi = sub.find(";", m.end())
        lim = _LIMIT_IN.search(sub, m.start(), semi if semi != -1 else len(sub))
        how = m.group("how").lower()
        if lim is not None and ((section == "exclusion" and how != "also") or not how.startswith(("incl", "also"))
                                or _GROUP_HELD.search(sub, m.start(), lim.start())):
            continue  # (the group's own limit, perhaps after a comma or in brackets: 'including patients with Gilbert
            # syndrome, who must have total bilirubin ≤ 3 × ULN'; not, in an inclusion, 'including patients with
            # circulating plasma cells ≥ 5%', a limit that says who the group let in is. Excluded, 'Uncontrolled
            # hypertension, including patients with systolic BP > 160 mmHg' excludes them too, read so)
        if not how.startswith(("incl", "also")) and (section == "exclusion" or _LIMIT_IN.search(sub, 0, m.start())):
            # ('Bilirubin ≤ 1.5 × ULN, except patients with Gilbert syndrome': an exception to the limit; excluded, 'Other
            # malignancies, except patients with basal cell carcinoma': the kinds that do not exclude; both read so, and
            # 'ECOG 0-2, excluding patients with brain metastases' as a hedged exception: `_with_exception`)
            continue
        out.append((m.start(), m.end()))
    return out


_NURSING_PLACE = _lazy("_NURSING_PLACE",
    r"(?i)[\s-]+(?:homes?|facilit(?:y|ies)|care|staff|units?|students?|assistants?|assistance|supervision|support|services?)\b")
_NURSING_KIND = _lazy("_NURSING_KIND", r"(?i)\b(?:skilled|home|private|24-hour|full-time|in-home|professional)\s+$")
"""'requiring skilled nursing', 'home nursing', 'nursing assistance': care, no lactation."""
_PAST_PREGNANCY = _lazy("_PAST_PREGNANCY", r"(?i)\b(?:previous|prior|past|earlier|former|last|history\s+of(?:\s+a)?)\s+(?:a\s+)?$")
_UPPER_AGE_BOUND = _lazy("_UPPER_AGE_BOUND",
    r"(?i)(?:less\s+than|<|≤|=<|no\s+(?:more|older)\s+than|not\s+(?:more|older)\s+than|under|within|up\s+to|at\s+most)"
    r"\s*\(?\s*[<≤]?\s*(?P<n>\d+(?:\.\d+)?)\s*-?\s*$")
_SPECIMEN_WORD = _lazy("_SPECIMEN_WORD",
    r"(?i)(?<!\bsoft\s)(?<!\bsoft-)\b(?:tissues?|samples?|specimens?|(?<!\bheart\s)(?<!\bbranch\s)(?<!\bnerve\s)(?<!\bAV\s)blocks?|"
    r"biops(?:y|ies)(?![\s-]+(?:proven|confirmed|documented))|slides?|material)\b")
_AGE_GAP_BREAK = _lazy("_AGE_GAP_BREAK",
    r"(?i)\b(?:who|whose|aged?)\b|\.(?!\s*[eg]\.|,)(?<!\b[ie]\.)(?<!\b[eg]\.[ge]\.)|;(?!\s*(?:it|they|which|this|these|"
    r"the\s+(?:samples?|tissues?|specimens?|blocks?|biops(?:y|ies)))\b)")
def _specimen_age(text: str, start: int, end: int) -> bool:
    """'Archival tumor tissue less than 2 years old', 'tumor tissue (primary or metastatic) < 2 years old', 'a tumor sample;
    it must be less than 2 years old', 'FFPE block collected within the last 3 years (i.e., less than 3 years old)': an
    upper bound on a specimen's age, not the patient's: a specimen named before the bound, no sentence's end or
    relative clause between ('… who are less than 5 years old'), and an age that bounds specimens, not patients
    (months, or 10 years at most: 'Histologically confirmed soft tissue sarcoma, less than 30 years of age' is the
    patient's)."""
    mention = text[start:end].lower().rstrip()
    if not mention.endswith(("old", "of age")):
        return False
    bound = _UPPER_AGE_BOUND.search(text, max(0, start - 40), start)
    if bound is None or ("year" in mention and float(bound.group("n")) > 10):
        return False
    lead = max(0, bound.start() - 120)
    specimen = None
    for specimen in _SPECIMEN_WORD.finditer(text, lead, bound.start()):
        pass
    return specimen is not None and _AGE_GAP_BREAK.search(text, specimen.end(), bound.start()) is None


_INSTITUTION = _lazy("_INSTITUTION",
    r"\b(?:[A-Z][\w.&'-]*\s+){0,4}Cancer\s+(?:Center|Centre|Institute|Society|Network|Research\s+(?:Center|Institute|UK))\b")


def _halves(text: str) -> frozenset[tuple[int, int]]:
    """The term mentions that are one half of a coordination sharing words with the other ('bacterial'
    in 'bacterial or fungal infection', 'C' in 'hepatitis B or C'): not phrases in their own right."""
    return _all_mentions(text)[2]


def _in_range(ctx: _Ctx, found: tuple[tuple[int, int, str], ...], start: int, end: int) -> list[tuple[int, int, str]]:
    out = [m for m in found if start <= m[0] and m[1] <= end]
    if ctx.hide:
        out = [m for m in out if not any(h0 <= m[0] and m[1] <= h1 for h0, h1 in ctx.hide)]
    return out


def _term_mentions(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int, str]]:
    return _in_range(ctx, _all_mentions(ctx.text)[1], start, end)


def _concept_mentions(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int, str]]:
    return _in_range(ctx, _all_mentions(ctx.text)[0], start, end)


# ------------------------------------------------------------------------------ plain runs


_SUPPORT = frozenset({"growth_factor", "blood_transfusion"})
"""Therapies that raise a blood count: a count measured soon after one does not show the patient's own."""


def _supported_values(ctx: _Ctx, rule: ir.Rule) -> ir.Rule:
    """'ANC ≥ 1000/µL (without G-CSF support within 2 weeks of the test)': a count given with support within the window
    does not show the count the criterion asks for, which a new one may meet: undecided, not failed (a count below the
    limit fails either way, support only raises it)."""
    if not isinstance(rule, ir.AllOf) or not any(isinstance(i, (ir.Comparison, ir.Range, ir.RelativeLimit)) for i in rule.items):
        return rule
    items = list(rule.items)
    changed = False
    measured = next((i.concept for i in rule.items if isinstance(i, (ir.Comparison, ir.Range, ir.RelativeLimit))), None)
    for k, i in enumerate(items):
        if (isinstance(i, ir.Not) and isinstance(i.item, ir.History) and i.item.category == "therapy" and i.item.window is not None
                and all(c in ctx.vocab.terms and ctx.vocab.terms[c].ancestors & _SUPPORT for c in i.item.concepts)):
            if i.item.window.reference == "lab_test" and measured is not None:
                # 'Hemoglobin ≥ 8 g/dL (no transfusion within 14 days prior to the laboratory assessment)': the test is
                # the one of that value, on its own day
                window = i.item.window.model_copy(update={"reference": f"lab_test:{measured}"})
                i = i.model_copy(update={"item": i.item.model_copy(update={"window": window})})
            which = ir.FreeText(text="a count measured with that support does not show the one asked for", reason="not_understood",
                                span=i.span)
            items[k] = ir.AnyOf(items=[i, which], span=i.span)
            changed = True
    return rule.model_copy(update={"items": items}) if changed else rule


def _plain(ctx: _Ctx, els: list[El], start: int, end: int) -> ir.Rule:
    if not els or all(e.kind in ("punct", "lparen", "rparen", "semicolon") for e in els):
        return ir.NoRequirement(text=ctx.text[start:end].strip(), span=_span(ctx, start, end))
    units = _units(ctx, els, start, end)
    if not units:
        return _free(ctx, start, end)
    if ":" in ctx.text[start:end] and (any(
            not _restates_name(ctx, m, start) and any(u.end > m.end() for u in units)
            for m in _GROUP_LABEL.finditer(ctx.text, start, end)) or _value_label_for_a_group(ctx, units, start, end)):
        # 'Hemoglobin (males): hemoglobin < 12 g/dL', 'Bilirubin (GS): …', 'Hemoglobin (men): ≥ 13 g/dL', 'Hemoglobin
        # (Hb) for men: …': the label says whom the limit binds (read as a heading over its examples, or as a scope
        # joined by 'any', the limit excluded women too)
        return _free(ctx, start, end)
    if len(units) > 1 and "(" in ctx.text[start:end]:
        units = _bracketed_limits(ctx, units)
    if len(units) > 1:
        units = _restated_limits(ctx, units)
    if "(" in ctx.text[start:end]:
        units = _bracketed_restatements(ctx, units, els)
    if _conflicting(units):
        # 'QTcF > 470 ms (females) and > 450 ms (males)': which limit applies is not ours to guess
        return _free(ctx, start, end)
    if "or " in ctx.text[start:end] and any(m.start() < u.end for m in _FOR_WHOM.finditer(ctx.text, start, end) for u in units
                                            if u.start >= m.start()):
        # 'No concurrent antiretroviral therapy for HIV positive patients': whom the rule binds, not a requirement
        return _free(ctx, start, end)
    if len(units) > 1 and "of" in ctx.text[start:end] and _ANY_OF_THESE.search(ctx.text, start, end):
        # 'Myelodysplastic syndromes, any of these categories: A, B, C': the list's items are alternatives
        # under its head; how they join is not read here
        return _free(ctx, start, end)
    clause = ctx.text[start:end]
    if ("line" in clause or "egimen" in clause) and _unread_lines_holding(ctx, units, start, end):
        # 'Exactly 2 prior lines including a proteasome inhibitor': the count is not read, so neither is what the lines held
        # (read as an alternative to the unread count, any patient given a proteasome inhibitor passed)
        return _free(ctx, start, end)
    if "oncurrent" in clause and _CONCURRENT_WITH.search(clause) and _RECEIVED.search(clause):
        # 'received concurrent paclitaxel and/or concurrent topotecan with radiation therapy': a combination given in
        # the past; what 'with radiation' binds is not read (paclitaxel alone excluded)
        return _free(ctx, start, end)
    if "famil" in clause or "relative" in clause or "member" in clause:
        if _FAMILY.search(clause) and any(isinstance(u.rule, ir.History) for u in units):
            # 'a family history of breast and/or ovarian cancer': the relatives' disease, not the patient's
            return _free(ctx, start, end)
    if ("ibling" in clause or "rother" in clause or "ister" in clause or "twin" in clause) and _KIN_AGE.search(clause) and any(
            getattr(x, "concept", "") == "age" for u in units for x in ir.leaves(u.rule)):
        # 'Must have HLA-A,B,C,D/DR identical sibling age 4 to 65, in good health': the sibling's age, the donor's, not the
        # patient's (read as the patient's, a 68-year-old failed)
        return _free(ctx, start, end)
    if ("onor" in (low := _folded(clause)) or "give" in low or "donat" in low) and _DONOR.search(clause):
        # 'HIV positive (donor or recipient)', 'Donor unfit … (uncontrolled hypertension)', 'No prior transfusions
        # from donor': what is said of the donor is not the patient's record
        return _free(ctx, start, end)
    if (len(units) > 1 and _may_say(clause, "patient", "subject", "participant", "those", "person", "individual",
                                    "men")
            and any(any(u.end <= m.start() for u in units) and any(u.start >= m.end() for u in units)
                    for m in _GROUPS_JOINED.finditer(ctx.text, start, end))):
        # 'Patients with diabetes and patients who have had a stroke are not eligible': two groups, each
        # barred (or let in) alone; joined as one condition, the rule would decide wrongly for either
        return _free(ctx, start, end)
    if "may" in clause and any((any(u.end <= m.start() and not re.search(r"[();]|\.\s|\b[A-Z][a-z]", ctx.text[u.end : m.start()])
                                    for u in units)
                                or (_MAY_HAVE.match(ctx.text, m.start()) and all(u.start >= m.end() for u in units)
                                    and not re.search(r"[;]|\.\s", ctx.text[m.end() : min(u.start for u in units)])))
                               and not _in_parens(ctx.text, start, m.start()) for m in _MAY.finditer(ctx.text, start, end)):
        # 'Metastatic breast or prostate cancer may have bone-only disease': what it names is whom a
        # permission is for, not a requirement; 'patients may have undergone prior chemotherapy, … and previously
        # participated in other clinical trials': what it names is allowed, not required (in the same sentence: not across '(', ';', a full stop or a
        # run-on line's next capitalised requirement, 'Platelets ≥ 75 x 10^9/L Patients may be transfused')
        return _free(ctx, start, end)
    if "approval" in clause or "permission" in clause:
        m = _REQUIRES_APPROVAL.search(ctx.text, start, end)
        if m and any(u.end <= m.start() for u in units):
            # 'Prior experimental hormonal therapy requires approval of study chair': a permission for those who had
            # it, on a condition not read; of everyone else it requires nothing
            return _free(ctx, start, end)
    rule = _supported_values(ctx, _combine(ctx, units, els, start, end))
    if "includ" in clause or "such as" in clause or "e.g" in clause:
        rule = _examples_of_a_class(ctx, rule)
    if _impossible(rule):
        return _free(ctx, start, end)  # 'age less than 10 and greater than 55': meant 'or', not ours to fix
    if any(isinstance(x, ir.NormalLimits) and not x.within for x in ir.leaves(rule)) and any(
            isinstance(x, ir.History) and x.category == "condition" for x in ir.leaves(rule)):
        # 'Hyperkalemia (potassium outside normal limits)': outside reaches both ways, the condition one; what the
        # limit says of the condition is not read
        return _free(ctx, start, end)
    if "unction" in ctx.text[start:end] and (adequate := _ADEQUATE_FUNCTION.search(ctx.text, start, end)) is not None and not any(
            _measures(x) for x in ir.leaves(rule)):
        # 'Adequate organ function (No blood transfusion, G-CSF … within 14 days …)': no value says how the organs work,
        # so the function asked for is unread (its words are filler before a definition; dropped, organ failure passed)
        function = ir.FreeText(text=adequate.group(0), reason="not_understood", span=_span(ctx, adequate.start(), adequate.end()))
        rule = _join([function, rule], "all", _span(ctx, start, end))
    residual = _residual(ctx, els, units, start, end)
    if residual is None:
        return rule
    if _SUSPECTED_AFTER.match(ctx.text, residual[0]) and any(
            u.end <= residual[0] and not ctx.text[u.end : residual[0]].strip()
            and any(h.category == "condition" for h in _histories(u.rule.item if isinstance(u.rule, ir.Not) else u.rule))
            for u in units):
        # 'No malignancy suspected on mammogram': a suspicion is no diagnosis, nor a kind of one (read as a narrowing, a
        # suspicious mammogram without a diagnosis passed)
        return _free(ctx, start, end)
    if any(e.kind == "neg" and k > 0 and els[k - 1].kind == "lparen" and residual[1] <= els[k - 1].start
           and not any(u.start < els[k - 1].start for u in units) for k, e in enumerate(els)):
        # 'Definite lytic bone lesions (not osteoporosis)': the bracket says what the unread thing is not, no requirement
        # of its own (read as one, a myeloma patient with osteoporosis failed)
        return _free(ctx, start, end)
    first_unit = min(u.start for u in units)
    if any(e.kind == "neg" and e.end <= first_unit and residual[0] <= e.start < residual[1]
           and (_leads(ctx, start, e) or not re.search(r"[:;.]", ctx.text[e.end : first_unit]))
           and not any(u.start >= e.end and _negator(ctx, els, u) is e for u in units) for e in els):
        # 'No overt angina despite medication': a negation that reaches no unit would be lost
        return _free(ctx, start, end)
    if any(e.kind == "neg" and residual[0] <= e.start < residual[1] and e.start >= first_unit
           and any(e.end <= u.start < _next_neg(els, e) for u in units)
           and not any(e.end <= u.start < _next_neg(els, e) and _negator(ctx, els, u) is not None for u in units)
           and not _repeated_no(ctx, els, units, e)
           for e in els):
        # 'Patient recently diagnosed with myeloma who has not received any earlier chemotherapy': a negation that
        # reaches none of the units after it (before the next negation: '(without recombinant human G-CSF within 7
        # days and without pegylated G-CSF …)') would be lost, and what it negates read as required
        return _free(ctx, start, end)
    if any(e.kind == "neg" and residual[0] <= e.start < residual[1] and any(u.start < e.start and e.end <= u.end for u in units)
           for e in els):
        # 'Bilirubin must not be > 1.5 mg/dL', 'Age not over 75': a negation inside what a unit read, which the unit
        # does not account for (joined as a narrowing, the reversed limit decided)
        return _free(ctx, start, end)
    if any(e.kind == "neg" and residual[0] <= e.start < residual[1] and e.text.lower().startswith(("not", "never", "can"))
           and any(u.end <= e.start and _AUXILIARIES.fullmatch(ctx.text[u.end : e.start]) for u in units) for e in els):
        # 'Local radiation therapy will not be utilized', 'Prior therapy … is not required'
        return _free(ctx, start, end)
    neg_led = any(e.kind == "neg" for e in els if e.end <= min(u.start for u in units))
    if (_has_not(rule) and neg_led and _NEW_STATEMENT.search(ctx.text, min(u.start for u in units), residual[1])
            and not _title_case(ctx.text[start:end])):
        # 'No CNS metastases Histologically confirmed breast cancer': unread words of a statement after the negated
        # one; whether they sit under the 'No' is not read (put under it, an empty record passed)
        return _free(ctx, start, end)
    if _has_not(rule) and residual[0] > min(u.start for u in units) and neg_led:
        if isinstance(rule, ir.Not):
            # 'No heart failure requiring therapy': the words after the negated item narrow it, inside the negation
            free = ir.FreeText(text=ctx.text[residual[0] : residual[1]].strip(), span=_span(ctx, residual[0], residual[1]))
            # ('No brain metastases or primary CNS tumor': right after an 'or' they are one more thing barred)
            last = max((u.end for u in units if u.end <= residual[0]), default=residual[0])
            # ('No prior total gastrectomy or total ileocolectomy': an item's own first words may come between)
            # ('No concurrent sympathomimetic amines (e.g., amphetamine) or other stimulants': examples in brackets between)
            alt = _ALTERNATIVE_GAP.fullmatch(_CLOSED_PARENS.sub("", ctx.text[last : residual[0]])) is not None
            # ('Not HIV or hepatitis BsAg positive': an 'or' right before the unread words, or a 'nor' opening them)
            gap_words = [w for w in re.findall(r"[\w/-]+|[,;]", _CLOSED_PARENS.sub("", ctx.text[last : residual[0]]).lower())
                         if w not in lexicon().filler]
            gap = ctx.text[last : residual[0]]
            or_at = re.search(r"(?i)\b(?:or|and/or)\b", gap)
            alt = alt or (gap_words in (["or"], [",", "or"], ["and/or"], [",", "and/or"]) and or_at is not None
                          and not _NARROWING_PREP.search(gap, 0, or_at.start()))  # ('… or therapy with biologic agents')
            alt = alt or (_OR_BEFORE.search(ctx.text, max(start, residual[0] - 12), residual[0]) is not None
                          and not _NARROWING_PREP.search(ctx.text, last, residual[0])) or (
                _NOR_OPENS.match(ctx.text, residual[0]) is not None)
            # ('No concurrent hormonal therapy, including corticosteroids for cancer treatment': what 'including' adds
            # and is not read is one more thing barred, no narrowing)
            tail = ctx.text[residual[0] : residual[1]]
            alt = alt or (re.fullmatch(r"(?i)[\s,(]*(?:including|incl\.?)\s*", gap) is not None
                          and not re.search(r"\)\s*\S", tail))  # (not '(including estramustine) for metastatic disease')
            # ('No concurrent serotonin reuptake inhibitors (e.g., fluoxetine, venlafaxine, mirtazepine, …)': examples
            # the barred kind may not hold are more things barred; 'No autoimmune disease (e.g., lupus, Crohn's disease)'
            # names only kinds of it)
            alt = alt or (re.fullmatch(r"(?i)[\s,(]*(?:e\.\s?g\.?|eg|such\s+as|for\s+example)[\s,]*", gap) is not None
                          and not re.search(r"\)\s*\S", tail) and not _examples_of(ctx, rule.item, residual[0], residual[1]))
            if not alt and (_AND_VERB.search(ctx.text, residual[0], residual[1]) or (
                    _RUN_ON_STATEMENT.match(ctx.text, residual[0]) and re.search(r"\w\s+$", ctx.text[max(start, residual[0] - 3) : residual[0]])
                    and not _in_parens(ctx.text, start, residual[0]))):
                # ('no active infection during the prior seven days and be off all antibiotics …': 'and be' opens a
                # requirement of its own)
                # 'No active bacterial, fungal, or viral infection Hepatitis B negative': an old record's next line, a
                # requirement of its own, out of the 'No' (read inside it as a narrowing, HBV-positive patients passed)
                return _join([rule, free], "all", _span(ctx, start, end))
            return ir.Not(item=_join([rule.item, free], "any" if alt else "all"), span=rule.span)
        return _free(ctx, start, end)
    r_start, r_end, escape = residual
    first_at = min(u.start for u in units)
    if escape is not None and r_start < first_at and _OR_BEFORE_UNIT.search(ctx.text, r_start, first_at):
        # 'enrolled in another clinical research study and/or is receiving an investigational agent': the unread words
        # before an 'or' are the other alternative (joined as a narrowing, a patient in another study passed)
        escape = True
    if escape is None or _unattached_limits(ctx, els, units):
        # a threshold we could not attach: joining it by 'and' or 'or' would both be guesses
        return _free(ctx, start, end)
    first = min(u.start for u in units)
    if r_end <= first and re.search(r"(?i):|\bincluding\b|\bsuch\s+as\b|\be\.g\.", _CLOSED_PARENS.sub("", ctx.text[r_start:first])):
        # 'Serious heart disease: including A, B, C': a heading over its examples (not 'Lymphoma (all types, including
        # mantle cell lymphoma), age 18-75', whose examples close before the limit)
        escape = True
    free = ir.FreeText(text=ctx.text[r_start:r_end].strip(), reason="not_understood", span=_span(ctx, r_start, r_end))
    if escape and r_start >= max(u.end for u in units) and _PERMITTED_ON.match(ctx.text, r_start, r_end):
        leaves = ir.leaves(rule)
        if leaves and all(isinstance(x, ir.History) for x in leaves) and ctx.section == "inclusion":
            # 'Prior adjuvant fluorouracil allowed provided not infusional': what is allowed binds only those who
            # had it, on a condition not read: never a requirement of it
            return ir.AnyOf(items=[ir.Not(item=rule, span=rule.span), free], span=_span(ctx, start, end))
        return _free(ctx, start, end)
    if escape and isinstance(rule, ir.Not) and r_start >= max(u.end for u in units) and re.match(
            r"(?i)[\s,]*(?:or|and/or)\b", ctx.text[max(u.end for u in units) : r_start]):
        # 'At least 3 weeks since other prior investigational drugs or devices': the unread alternative is one more
        # thing barred, inside the negation (joined outside, no drug was enough)
        return ir.Not(item=_join([rule.item, free], "any"), span=_span(ctx, start, end))
    if escape and r_end <= first and _CONTEXT_BEFORE.search(ctx.text, r_start, first):
        # 'Progressive measurable lesions after radiation, surgery, or prior systemic therapy': the therapies read
        # date the unread requirement before them; they are no alternative to it
        return _free(ctx, start, end)
    if escape and r_start >= max(u.end for u in units) and _RELATIVE_CLAUSE.search(ctx.text, r_start, r_end):
        # '… relapsed or refractory hematologic malignancy or bone marrow disorder for which there is no standard curative
        # therapy': the clause may bind the items read before the 'or' too (read as a bare alternative, a curable
        # relapsed lymphoma passed)
        return _free(ctx, start, end)
    if escape and ctx.section == "exclusion" and _EXCEPTION_OPENS.match(ctx.text, r_start):
        # 'Malignancy (other than multiple myeloma) within 5 years (excluding basal cell carcinoma of the skin)': an
        # exception, not read, to the reason (joined as an alternative, the excepted carcinoma excluded); with kinds read
        # inside it ('… (except adequately treated basal cell or squamous cell skin cancer)'), they are no requirement: text
        if any(u.start >= r_start for u in units):
            return _free(ctx, start, end)
        return _join([rule, free], "all", _span(ctx, start, end))
    if escape and not _RESTRICTS_TOO.search(ctx.text, r_start, r_end):
        return ir.AnyOf(items=[rule, free], span=_span(ctx, start, end))
    if (isinstance(rule, ir.Not) and isinstance(rule.item, ir.History) and rule.item.window is not None
            and r_start >= max(u.end for u in units) and _NARROWS_AFTER.match(ctx.text, max(u.end for u in units), r_end)):
        # 'At least 4 weeks since prior surgery requiring general anesthetic': the words after the washout's therapy
        # narrow it, inside the negation (outside, a recent minor surgery failed it)
        return ir.Not(item=_join([rule.item, free], "all"), span=_span(ctx, start, end))
    if r_start >= min(u.end for u in units) and _in_example_bracket(ctx, start, end, r_start, r_end):
        # 'known active … hepatitis C (e.g., hepatitis C virus [HCV] ribonucleic acid [RNA] [qualitative] is detected)':
        # an unread example is one more way to meet what it exemplifies, no narrowing of it (joined as one, a detected
        # HCV RNA could not exclude)
        return ir.AnyOf(items=[rule, free], span=_span(ctx, start, end))
    if ctx.section == "inclusion" and r_start >= max(u.end for u in units) and _bracketed_group(ctx, start, end, r_start, r_end):
        # 'ECOG ≤ 2 (patients in the multiple-dose study)': the group the limit binds, not a narrowing of it (a patient
        # of the single-dose study with ECOG 3 failed)
        return ir.AnyOf(items=[rule, free], span=_span(ctx, start, end))
    if (r_end <= first and (_QUALIFIER_WORD.fullmatch(ctx.text, r_end, first) or not ctx.text[r_end:first].strip())
            and _LIST_BREAK.search(_CLOSED_PARENS.sub("", ctx.text[r_start:r_end]))
            and any(ctx.vocab.terms[t].category in ("condition", "therapy", "procedure") for *_, t in _term_mentions(ctx, r_start, r_end))):
        # ('myocardial infarction or bypass or stent surgery within 6 months': unread items right before the read one,
        # which may be its modifiers or items of their own; joined as a narrowing, a recent MI passed)
        # 'Stroke or hypertension with systolic blood pressure > 160 mmHg', 'HIV infection, hepatitis B with detectable HBV
        # DNA': unread items before 'with', which may bind the last of them or all (joined as a narrowing, a stroke alone
        # passed the exclusion)
        return _free(ctx, start, end)
    if (ctx.section == "exclusion" and r_end <= first and _LEADING_ITEM_GAP.fullmatch(ctx.text, r_end, first)
            and any(ctx.vocab.terms[t].category in ("condition", "therapy", "procedure") for *_, t in _term_mentions(ctx, r_start, r_end))):
        # 'Myocardial infarction, unstable angina, congestive heart failure NYHA class III', 'Stroke or TIA, LVEF < 40%'
        # (excluded): unread items listed before the read ones are items too, each a reason to exclude (joined as a
        # narrowing, a recent MI passed)
        return ir.AnyOf(items=[rule, free], span=_span(ctx, start, end))
    last_end = max(u.end for u in units)
    if (r_start >= last_end and _LIST_ITEM_GAP.fullmatch(ctx.text, last_end, r_start)
            and any(ctx.vocab.terms[t].category == "condition" for *_, t in _term_mentions(ctx, r_start, r_end))):
        # 'Plasma cell leukemia (circulating plasma cells > 20%), POEMS syndrome' (excluded): a condition the list names
        # after the read items, not read itself, is one more item (joined as a narrowing, POEMS alone passed); in the
        # inclusions, one of them or all? not said
        if ctx.section == "exclusion":
            return ir.AnyOf(items=[rule, free], span=_span(ctx, start, end))
        return _free(ctx, start, end)
    if (ctx.section == "exclusion" and isinstance(rule, ir.Finding) and any(
            _AND_GAP.fullmatch(ctx.text, se, r_start) for u in units for _, se in u.subjects)
            and not _LIST_BREAK.search(ctx.text, r_start, r_end)):
        # 'EBV virus DNA and herpes virus DNA positive test' (excluded): an unread test joined by 'and' to a read one, the
        # result said of both: both needed, or either? (joined as a narrowing, a negative EBV passed a positive herpes)
        span = _span(ctx, start, end)
        which = ir.FreeText(text="whether both are needed or either excludes ('and')", reason="not_understood", span=span)
        return ir.AnyOf(items=[ir.AllOf(items=[rule, free], span=span),
                               ir.AllOf(items=[ir.AnyOf(items=[rule, free], span=span), which], span=span)], span=span)
    if (ctx.section == "exclusion" and r_end <= first and _AND_GAP.fullmatch(ctx.text, r_end, first)
            and isinstance(core := _graded_core(rule), ir.History) and core.category == "condition"):
        # 'CRS and ICANS of grade 3 or higher', 'CRS, ICANS and neurotoxicity of grade 3 or higher' (excluded): unread items
        # joined to the read one by 'and' may each exclude, or only together; decided where both readings agree (joined
        # as a narrowing, a CRS of grade 4 without ICANS passed)
        span = _span(ctx, start, end)
        which = ir.FreeText(text="whether both are needed or either excludes ('and')", reason="not_understood", span=span)
        return ir.AnyOf(items=[ir.AllOf(items=[free, rule], span=span),
                               ir.AllOf(items=[ir.AnyOf(items=[free, rule], span=span), which], span=span)], span=span)
    last_unit = max(units, key=lambda u: u.end)
    if (ctx.section == "exclusion" and r_start >= last_unit.end and isinstance(last_unit.rule, ir.History)
            and (orm := _OR_WORD.search(ctx.text, r_start, r_end)) is not None
            and not _in_parens(ctx.text, start, r_start) and not _NARROWING_WORDS.search(ctx.text, last_unit.end, r_end)
            and any(ts >= orm.end() and ctx.vocab.terms[t].category == last_unit.rule.category
                    for ts, _, t in _term_mentions(ctx, orm.end(), end))):
        # 'Previous allogeneic SCT or investigational cellular therapy for cancer or BCMA targeted therapy' (excluded): the
        # unread words hold one more item after an 'or', and may narrow the one before (joined as a narrowing, a patient
        # given a BCMA-targeted therapy passed; as an alternative, the narrowing was lost): not read
        return _free(ctx, start, end)
    if r_start >= last_end and _OR_VERB_GAP.fullmatch(ctx.text, last_end, r_start):
        # 'Has received ≥ 4 prior lines of therapy or is triple-class refractory', '… or has high-risk cytogenetics': an
        # alternative with a verb of its own (joined as a narrowing, 3 lines and triple-class refractory failed)
        return ir.AnyOf(items=[rule, free], span=_span(ctx, start, end))
    return _join([rule, free], "all", _span(ctx, start, end))


_OR_VERB_GAP = _lazy("_OR_VERB_GAP", r"(?i)\s*,?\s*(?:or|and/or)\s+(?:(?:is|are|has|have|had|was|were|be|being|been|did|does|do|"
                     r"shows?|showed|demonstrates?)\s+)+(?:(?:a|an|the)\s+)?")


_NARROWING_WORDS = _lazy("_NARROWING_WORDS",
    r"(?i)\b(?:except\w*|exceptions?|i\.\s?e|e\.\s?g|including|such\s+as|defined|that|which|who|unless|if|with|without|"
    r"requiring|resectable|curable|distinct|eligible|allowed|permitted)\b|[(\[]")
_EXCEPTION_OPENS = _lazy("_EXCEPTION_OPENS",
    r"(?i)[\s(\[,;]*(?:except(?:ing|ion)?s?|excluding|other\s+than|with\s+the\s+exceptions?\s+of|apart\s+from|besides)\b")
_LEADING_ITEM_GAP = _lazy("_LEADING_ITEM_GAP", r"(?i)\s*(?:,\s*(?:(?:or|and/or)\s+)?|(?:or|and/or)\s+|[.;]\s+)")
_LIST_ITEM_GAP = _lazy("_LIST_ITEM_GAP", r"(?i)\s*[,;]\s*(?:(?:or|and|and/or)\s+)?")
_AND_GAP = _lazy("_AND_GAP", r"(?i)\s*,?\s*(?:and|&)\s*")


_REFRACTORY_BRACKET_60 = _lazy("_REFRACTORY_BRACKET_60",
    r"(?i)(?:(?!\b(?:no|not|prior|previous|with|without|received|last|and\s+no)\b)[^()]){0,60}?\([^()]*\b60\s+days\b[^()]*\)")
_ADEQUATE_FUNCTION = _lazy("_ADEQUATE_FUNCTION",
    r"(?i)\b(?:adequate|sufficient|normal|acceptable|satisfactory)\s+(?:\w+\s+){0,3}?(?:organ|end-organ|marrow|hepatic|renal|liver|"
    r"kidney|bone\s+marrow|hematologic(?:al)?|haematologic(?:al)?|cardiac|pulmonary)\s+(?:and\s+\w+\s+)?(?:function|reserve)s?\b")
_OR_BEFORE_UNIT = _lazy("_OR_BEFORE_UNIT",
    r"(?i)[\s,]*\b(?:or|and/or)\s+(?:(?:is|are|was|were|has|have|had|been)\s+){1,2}(?:currently\s+)?(?:\w+ing\s+|\w+ed\s+)?"
    r"(?:(?:with|an?|any|the)\s+)?$")
_SUSPECTED_AFTER = _lazy("_SUSPECTED_AFTER", r"(?i)(?:suspected|suspicious|suspicion)\b")
_GROUP_IN_BRACKETS = _lazy("_GROUP_IN_BRACKETS",
    r"(?i)\s*(?:only\s+)?(?:for\s+|in\s+)?(?:all\s+)?(?:patients|subjects|participants|those)\s+"
    r"(?:in|on|of|enrolled|receiving|assigned|randomi[sz]ed|treated|entering|participating)\b[^()\[\]]*")


_EXAMPLE_OPENS = _lazy("_EXAMPLE_OPENS", r"(?i)\s*(?:e\.\s?g\.?|eg\b|i\.\s?e\.?|such\s+as\b|for\s+example\b)[\s,:]*")


def _in_example_bracket(ctx: _Ctx, start: int, end: int, r_start: int, r_end: int) -> bool:
    """Whether the unread words are all of an example bracket's own words and name a test result ('(e.g., HCV RNA …
    is detected)'; not '(e.g., requiring IV antibiotics)', which may say how serious)."""
    lp = ctx.text.rfind("(", start, r_start + 1)
    rp = ctx.text.find(")", r_end - 1, end)
    if lp < 0 or rp < 0 or ")" in ctx.text[lp:r_start] or "(" in ctx.text[r_end:rp]:
        return False
    m = _EXAMPLE_OPENS.match(ctx.text, lp + 1, rp)
    return (m is not None and m.end() >= r_start - 1 and not ctx.text[r_end:rp].strip(" .,;")
            and _A_RESULT.search(ctx.text, r_start, r_end) is not None)


_A_RESULT = _lazy("_A_RESULT", r"(?i)\b(?:detected|detectable|positive|reactive|elevated)\b")


def _examples_of(ctx: _Ctx, rule: ir.Rule, s: int, e: int) -> bool:
    """Whether the words from s to e name only kinds of what the rule names ('lupus, Crohn's disease' of 'autoimmune
    disease'), each found in the vocabulary, and nothing else."""
    kinds = {c for h in _histories(rule) for c in h.concepts}
    found = _term_mentions(ctx, s, e)
    if not kinds or not found:
        return False
    if not all(tid in kinds or kinds & ctx.vocab.terms[tid].ancestors for _, _, tid in found):
        return False
    rest = ctx.text[s:e]
    for ts, te, _ in sorted(found, reverse=True):
        rest = rest[: ts - s] + " " + rest[te - s :]
    filler = lexicon().filler
    return all(w.lower() in filler or w.lower() in ("and", "or", "etc", "e.g") for w in _WORD.findall(rest))


def _bracketed_group(ctx: _Ctx, start: int, end: int, r_start: int, r_end: int) -> bool:
    """Whether the unread words sit in a bracket that names a group of patients ('(patients in the multiple-dose study)')."""
    lp = ctx.text.rfind("(", start, r_start + 1)
    rp = ctx.text.find(")", r_end - 1, end)
    return (lp >= 0 and rp >= 0 and ")" not in ctx.text[lp:r_start] and "(" not in ctx.text[r_end:rp]
            and _GROUP_IN_BRACKETS.fullmatch(ctx.text, lp + 1, rp) is not None)
_RESTRICTS_TOO = _lazy("_RESTRICTS_TOO", r"(?i)\b(?:and|but)\s+(?:not|never|no)\b|\b(?:not|never)\s+(?:previously|been)\b")
"""('Measurable lesion as defined by RECIST 1.1 or RANO, as appropriate to tumor type and not previously irradiated'):
unread words after an 'or' that also restrict are no mere alternative."""
_NARROWS_AFTER = _lazy("_NARROWS_AFTER",
    r"(?i)[\s,]*(?:(?:that|which)\s+(?:has\s+|have\s+|had\s+)?)?(?:requir(?:ing|ed|es?)|involving|under|needing)\b")
_SITED_KINDS = frozenset({"infection", "abscess", "amyloidosis", "lymphoma", "hemorrhage", "malignancy"})
"""Conditions that may sit in any organ: an organ named before one narrows it."""
_CONCURRENT_WITH = _lazy("_CONCURRENT_WITH",
    r"(?i)\bconcurrent(?:ly)?\b[^.;]{0,80}?\bwith\s+(?:the\s+)?(?:radiation|radiotherapy|RT|chemoradiation|irradiation)\b")
_RECEIVED = _lazy("_RECEIVED", r"(?i)\b(?:received|had|previously|prior|history|undergone|treated)\b")
_HISTORY_OR_QUALIFIED = _lazy("_HISTORY_OR_QUALIFIED", r"(?i)\bhistory\s+of\s*,?\s+(?:and/)?or\s+(?:any\s+)?(?:[\w-]+\s+){0,3}$")
_AT_STUDY_START_SOURCE = (
    r"(?i)\s*,?\s*(?:at|on\s+the\s+day\s+of)\s+(?:the\s+(?:time|day)\s+of\s+)?(?:the\s+)?(?:screening|enrol(?:l)?ment|study\s+(?:entry|start|enrol(?:l)?ment)|"
    r"registration|randomi[sz]ation|baseline|(?:signing\s+(?:of\s+)?(?:the\s+)?)?(?:informed\s+)?consent)\b")
_AT_STUDY_START = _lazy("_AT_STUDY_START", _AT_STUDY_START_SOURCE)
"""'Use of systemic corticosteroids at the time of screening': a history asked of that day, not of the past: right after
the term, or ending the clause ('Warfarin or systemic corticosteroids at screening': both)."""
_AT_STUDY_START_END = _lazy("_AT_STUDY_START_END", _AT_STUDY_START_SOURCE + r"[\s.;,)]*$")


def _says_study_day(text: str) -> bool:
    """Whether `text` may hold a match of `_AT_STUDY_START`: every one ends in one of these words, held literally (a
    cheap first test: the search is tried at every position, and few texts name the day)."""
    low = _folded(text)
    return ("screening" in low or "enrol" in low or "study" in low or "registration" in low or "randomi" in low
            or "baseline" in low or "consent" in low)
_DONE_BY = _lazy("_DONE_BY",
    r"(?i)\b(?:received|receipt|undergone|underwent|treated|exposed|exposure|known|documented|diagnos\w*|confirmed|proven)\b")
"""'Received rituximab at the time of enrollment', 'Known hepatitis B at screening': had by that day, or going on then?
Either, so decided where both agree (an ended course or a resolved disease leaves it open)."""
_CURRENT_USE = _lazy("_CURRENT_USE", r"(?i)\b(?P<w>current)\s+(?:use|usage|treatment|therapy|administration)\s+(?:of|with)\s+(?:any\s+)?$")
_USING_BEFORE = _lazy("_USING_BEFORE", r"(?i)(?<!prior )(?<!previous )(?<!past )(?<!any )\b(?:use|uses|using|take|takes|taking)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}$")
_ENDED_BY = _lazy("_ENDED_BY", r"(?i)\b(?:stopped|completed|discontinued|recovered|failed|ceased|finished|off)\b")
"""'Must have stopped tamoxifen at the time of registration': what ended by then; the day says nothing more than the
words around it, which are not read here."""
_USE_LEAD = _lazy("_USE_LEAD",
    r"(?i)\W*(?:no\s+)?(?:(?:any|the)\s+)?(?:(?:chronic|daily|regular|long-term|continuous|routine)\s+)*(?:use|usage|intake|treatment|therapy)\s+"
    r"(?:of|with)\b")
"""'Use of systemic corticosteroids', 'Chronic daily treatment with an NSAID': whether a course that has ended counts is
not said."""
_PAST_OR_NOW = _lazy("_PAST_OR_NOW",
    r"(?i)\b(?:prior|previous|past)\s+(?:or|and/or|and)\s+(?:other\s+)?(?:concurrent|current|ongoing|concomitant)\b")
_QUALIFIED_LEAD = _lazy("_QUALIFIED_LEAD",
    r"(?i)\b(?P<q>uncontrolled|poorly\s+controlled|clinically\s+significant|unstable)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:illness|illnesses|diseases?|conditions?|disorders?|comorbidit(?:y|ies))\s*,?\s*(?:including|includes)\b")
_INFECTION_BEFORE = _lazy("_INFECTION_BEFORE", r"(?i)\binfections?\s+(?:with|by)\b")
_UNTIMED_NOT = _lazy("_UNTIMED_NOT", r"(?i)\b(?:known|diagnos\w*|documented|confirmed|proven)\b")
"""('Known hepatitis B', 'Diagnosis of …': named as a fact of the record, a past one counts. Not 'No evidence of
neuropathy': evidence is of now, a neuropathy that resolved leaves it open.)"""
_LEAD_QUALIFIER = _lazy("_LEAD_QUALIFIER",
    r"(?i)\s*(?:(?:known|any|no|history\s+of)\s+)?(?P<q>uncontrolled|poorly\s+controlled|symptomatic|clinically\s+significant|"
    r"severe|serious|unstable|life-threatening|decompensated)\s+")
_LIST_BEFORE = _lazy("_LIST_BEFORE", r"(?i)[^;.:()]{1,60}?(?:,\s*(?:or|and)?|\bor|\band/or|\band)\s*$")
_CONTEXT_BEFORE = _lazy("_CONTEXT_BEFORE",
    r"(?i)\b(?:after|(?<!the\s)following(?!\s*:)|despite|post|refractory\s+to|resistant\s+to|intolerant\s+(?:of|to)|failure\s+of|failed|"
    r"progress\w*\s+(?:on|after)|while\s+on|during|relapsed\s+(?:on|after))\b")
_CLOSED_PARENS = _lazy("_CLOSED_PARENS", r"\([^()]*\)|\[[^\[\]]*\]")


def _units(ctx: _Ctx, els: list[El], start: int, end: int, skip_terms: bool = False) -> list[_Unit]:
    """Every anchor with its subject, plus bare mentions of flags and history terms."""
    concepts = _concept_mentions(ctx, start, end)
    terms = [] if skip_terms else _term_mentions(ctx, start, end)
    # Concept mentions that sit inside a term mention (or vice versa) go to the longer one.
    concepts = [c for c in concepts if not any(t[0] <= c[0] and c[1] <= t[1] and (t[1] - t[0]) > (c[1] - c[0]) for t in terms)]
    terms = [t for t in terms if not any(c[0] <= t[0] and t[1] <= c[1] and (c[1] - c[0]) > (t[1] - t[0]) for c in concepts)]
    anchors = _borrow_units(_merge_postcomp(els))
    units: list[_Unit] = []
    pending: list[tuple[El, int]] = []  # windows no history term takes: perhaps when values were measured
    used_mentions: set[tuple[int, int]] = set()
    prev_end = start
    clause = ctx.text[start:end]
    grades = list(_GRADE.finditer(ctx.text, start, end)) if ("rade" in clause or "RADE" in clause) else []
    grade_spans = [(g.start(), g.end()) for g in grades]
    for idx, a in enumerate(anchors):
        if a.kind not in ("bound", "relative", "range", "choice", "wnl", "window", "finding", "quantity", "number"):
            continue
        if any(gs <= a.start and a.end <= ge for gs, ge in grade_spans):
            continue
        relation: Literal["within", "less_than"] = "within"
        if (a.kind == "bound" and a.value_kind == "quantity" and _op_of(a.comp) in ("<", "<=") and _is_duration(a.value)
                and _BEFORE_EVENT.match(ctx.text, a.end, end)
                and any(te <= a.start and re.fullmatch(r"[\s(]*", ctx.text[te : a.start]) for _, te, _ in terms)
                and not any(prev_end <= cs and ce <= a.start for cs, ce, _ in concepts)
                and not _DURATION_OF.search(ctx.text, start, a.start)):
            # 'Myocardial infarction < 6 months prior to registration': a window right after what it dates, not
            # a limit on a value ('expected survival of less than 6 months') or a duration ('for a duration of
            # no more than 9 months')
            relation = "less_than" if _op_of(a.comp) == "<" else "within"
            a = El("window", a.comp, a.start, a.end, "", a.value, "quantity")
        if a.kind == "bound" and a.value_kind == "quantity":
            u = _washout_unit(ctx, a, terms, end)
            if u is not None:
                units.append(u)
                used_mentions.update(u.subjects)
                prev_end = u.end
                continue
        if a.kind == "window":
            u = _window_unit(ctx, a, terms, prev_end, end, anchors, idx, relation)
            if u is not None:
                units.append(u)
                used_mentions.update(u.subjects)
                prev_end = u.end
            elif relation == "within":
                pending.append((a, idx))
            continue
        nxt = next((b.start for b in anchors[idx + 1 :] if b.kind in ("bound", "relative", "range", "choice", "wnl", "window", "finding")), end)
        subj = _subjects(ctx, a, concepts, prev_end, nxt, els)
        if a.kind == "wnl" and a.text.lower() == "normal" and any(s >= a.end for s, *_ in subj):
            # 'with normal AST and ALT' in a list of alternatives: only a value named first ('Bilirubin normal SGOT
            # no greater than 2 × ULN') is read with a bare 'normal' after it
            continue
        if a.kind == "wnl" and a.text.lower() == "abnormal" and not (
                all(s >= a.end and _ABNORMAL_GAP.fullmatch(ctx.text, a.end, s) for s, *_ in subj)
                or all(e <= a.start and not ctx.text[e : a.start].strip() for _, e, *_ in subj)):
            # 'abnormal serum FLC ratio', 'FLC ratio abnormal' name the value right beside it; not 'abnormal cardiac
            # function (LVEF < 45%)', whose value is only an example of what is abnormal
            continue
        if (not subj and units and a.kind == "bound" and _only_connectors(ctx, els, units[-1].end, a.start)
                and not (a.value_kind == "number" and _COUNTS_A_NOUN.match(ctx.text, a.end))):
            # ('Less than 10% plasma cells … but at least 1 bony lesion': a count of something named after it, no
            # second limit on the value before)
            subj = [(a.start, a.start, c, "and") for c in units[-1].concepts]
        if not subj and ctx.inherit:
            subj = [(a.start, a.start, c, "and") for c in ctx.inherit]
        if not subj:
            continue
        rules = []
        for s_start, s_end, cid, _ in _first_mentions(subj):
            r = _rule_for(ctx, ctx.vocab.concepts[cid], a)
            if r is None:
                rules = []
                break
            if cid == "fev1_fvc" and "ratio" not in ctx.text[s_start : max(s_end, a.start)].lower() and isinstance(
                    r, (ir.Comparison, ir.Range)):
                r = _ratio_or_each(ctx, r, a)
            rules.append(r)
        if not rules:
            continue
        joiner: Literal["all", "any"] = "all"
        joins = [j for *_, j in subj]
        numeric = a.kind in ("bound", "relative", "range")
        worded = len(rules) > 1 and bool(_OR_WORD.search(ctx.text, min(s for s, *_ in subj), a.start))
        if ctx.section == "exclusion" and numeric and len(rules) > 1 and not worded and _AND_WORD.search(
                ctx.text, min(s for s, *_ in subj), a.start):
            worded = True  # excluded 'AST and ALT > 2 times normal': both, or either? (as for 'or')
        if (ctx.section == "exclusion" and a.kind == "finding" and len(rules) > 1 and not worded and "or" not in joins
                and _AND_WORD.search(ctx.text, min(s for s, *_ in subj), max(e for _, e, *_ in subj))):
            # excluded 'Positive for HIV and HBsAg', 'HBsAg and HBcAb positive': both, or either? (read as both, HIV alone
            # passed)
            worded = True
        if (ctx.section == "exclusion" and ("or" in joins or (len(joins) > 1 and all(j == "," for j in joins[:-1])))
                and not (numeric and worded)):
            joiner = "any"  # 'HIV, HTLV-1 seropositivity' excludes on either
        elif worded and (ctx.section == "inclusion" or numeric or a.kind == "finding"):
            # 'FEV1 or FVC at least 50%', excluded 'SGOT or SGPT > 2 × ULN': one of them, or each? Decided only where
            # both readings agree
            span = _span(ctx, min([a.start] + [s for s, *_ in subj if s != a.start]), a.end)
            word = "or" if _OR_WORD.search(ctx.text, min(s for s, *_ in subj), a.start) else "and"
            which = ir.FreeText(text=f"whether the limit binds one of them or each ('{word}')", reason="not_understood", span=span)
            rules = [ir.AnyOf(items=[ir.AllOf(items=list(rules), span=span),
                                     ir.AllOf(items=[ir.AnyOf(items=list(rules), span=span), which], span=span)], span=span)]
        span_start = min([a.start] + [s for s, *_ in subj if s != a.start])
        rule = _join(rules, joiner, _span(ctx, span_start, a.end)) if len(rules) > 1 else rules[0]
        u = _Unit(rule, span_start, max(a.end, max(e for _, e, *_ in subj)), [(s, e) for s, e, *_ in subj if s != e],
                  tuple(dict.fromkeys(c for *_, c, _ in subj)), [(a.start, a.end)] + _joins(ctx, subj))
        if isinstance(rule, (ir.Comparison, ir.Range)) and rule.concept == "prior_lines":
            u = _lines_of_a_kind(ctx, u, a, terms, end)
        units.append(u)
        used_mentions.update(u.subjects)
        # ('18 ≤ age ≤ 75': the value between two limits is the subject of the second one too)
        prev_end = a.end if a.kind == "bound" and a.text[-1:] in _FLIPPED else u.end
    for a, idx in pending:
        _assessment_window(ctx, a, idx, anchors, units, start, end)
    found_refractory = list(_REFRACTORY.finditer(ctx.text, start, end)) if _may_say(clause, "refractory") else []
    if _may_say(clause, "60 days") and _may_say(clause, "progress"):
        # 'Documented disease progression during or within 60 days of the last line of therapy': the IMWG definition of
        # refractory to it, in its own words (not '… within 12 months': relapsed, which the record does not say)
        found_refractory += list(_PROGRESSED_ON_LAST.finditer(ctx.text, start, end))
    for m in found_refractory:
        if not any(h0 <= m.start() and m.end() <= h1 for h0, h1 in ctx.hide):
            units.append(_Unit(ir.Refractory(span=_span(ctx, m.start(), m.end())), m.start(), m.end(), cover=[(m.start(), m.end())]))
    units.extend(_bare_units(ctx, els, concepts, terms, used_mentions, units, grades, start, end))
    units.extend(_sex_units(ctx, els, start, end))
    units.sort(key=lambda u: u.start)
    if _may_say(clause, "refractory"):
        units = _refractory_to(ctx, units, start, end)
    if "(" in clause:
        units = _defined_conditions(ctx, units, terms, start)
    return _shared_windows(ctx, _shared_reference(ctx, units))


_DEFINITION_OPENS = _lazy("_DEFINITION_OPENS", r"(?i)\s*\(\s*(?:(?:defined\s+as|i\.\s?e\.?,?|ie,?|that\s+is,?)\s*)?$")


def _defined_conditions(ctx: _Ctx, units: list[_Unit], terms: list[tuple[int, int, str]], start: int) -> list[_Unit]:
    """'Heart failure (LVEF < 40%)', 'No hypercalcemia (corrected calcium > 11.5 mg/dL)': a condition and, in
    brackets, the value that defines it for the trial. The value met is the condition met; the value not met leaves a
    recorded diagnosis open (a heart failure with an LVEF of 55%), since whether the record's diagnosis meets the
    trial's definition is not said. Read one way or the other by the words around it, an exclusion and the inclusion
    'No …' had decided the same patient differently."""
    out = list(units)
    for u2 in units:
        if not _measures(u2.rule) or u2 not in out or any(getattr(x, "concept", "") == "nyha" for x in ir.leaves(u2.rule)):
            continue  # ('congestive heart failure (NYHA class III or IV)': the class is the failure's own, no other definition)
        lp = _DEFINITION_OPENS.search(ctx.text, max(start, u2.start - 20), u2.start)
        rp = re.match(r"\s*\)", ctx.text[u2.end :])
        if lp is None or rp is None:
            continue
        paren = ctx.text.rfind("(", lp.start(), u2.start)
        term = next(((ts, te, tid) for ts, te, tid in terms if ctx.vocab.terms[tid].category == "condition"
                     and not ctx.text[te:paren].strip()), None)
        if term is None:
            continue
        ts, te, tid = term
        u1 = next((u for u in out if u is not u2 and (ts, te) in u.subjects), None)
        if u1 is not None and not isinstance(u1.rule, ir.History):
            continue
        diagnosis = u1.rule if u1 is not None else ir.History(category="condition", concepts=[tid], span=_span(ctx, ts, te))
        name = ctx.vocab.terms[tid].name
        which = ir.FreeText(text=f"whether the recorded {name} meets the definition in brackets", reason="not_understood",
                            span=_span(ctx, ts, u2.end))
        span = _span(ctx, u1.start if u1 is not None else ts, u2.end + rp.end())
        rule = ir.AnyOf(items=[u2.rule, ir.AllOf(items=[diagnosis, which], span=span)], span=span)
        first = u1.start if u1 is not None else ts
        cover = (u1.cover if u1 is not None else [(ts, te)]) + u2.cover + [(te, u2.start), (u2.end, u2.end + rp.end())]
        merged = _Unit(rule, first, u2.end + rp.end(), (u1.subjects if u1 is not None else [(ts, te)]) + u2.subjects,
                       u2.concepts, cover)
        out = [x for x in out if x is not u1 and x is not u2]
        out.append(merged)
    out.sort(key=lambda u: u.start)
    return out


_NAMES_A_REFERENCE = _lazy("_NAMES_A_REFERENCE", r"(?i)\b(?:prior|before|preceding|since|after|following|from|of)\b")


def _shared_reference(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'Any radiotherapy or chemotherapy within 14 days or major surgery within 28 days or nitrosoureas within 42 days
    prior to the first dose': windows listed before the one that names its event count back from the same event (read
    from screening, a patient treated 20 days before the first dose was excluded); so do windows listed after it ('…
    within 2 weeks prior to the first dose of ARX788, or … endocrine therapy within 1 week') and a bracket's own window
    ('… within 4 weeks prior to the first dose (6 weeks for nitrosoureas or mitomycin C)')."""

    def from_screening(u: _Unit) -> ir.History | None:
        """The unit's history, when its window counts from screening only because it names no event of its own."""
        h = u.rule
        if (isinstance(h, ir.History) and h.window is not None and h.window.reference == "screening"
                and not _NAMES_A_REFERENCE.search(ctx.text, h.span[1] - ctx.offset if h.span else u.end, u.end)
                and not re.search(r"(?i)screening", ctx.text[u.start : u.end])):
            return h
        return None

    def windowed(u: _Unit) -> ir.Window | None:
        return u.rule.window if isinstance(u.rule, ir.History) else None

    def counted_from(u: _Unit, h: ir.History, donor: _Unit) -> _Unit:
        window = h.window.model_copy(update={"reference": windowed(donor).reference})  # type: ignore[union-attr]
        return replace(u, rule=h.model_copy(update={"window": window}))

    out = list(units)
    for k in range(len(units) - 2, -1, -1):  # (from the last: the event passes back along the list)
        u = units[k]
        h = from_screening(u)
        later = next((w for w in out[k + 1 :] if windowed(w) is not None), None) if h is not None else None
        if (h is None or later is None or windowed(later).reference == "screening"  # type: ignore[union-attr]
                or re.search(r"[;.:()]", ctx.text[u.end : later.start]) or not _LIST_GAP.search(ctx.text[u.end : later.start])):
            continue
        out[k] = counted_from(u, h, later)
    for k in range(1, len(out)):
        u = out[k]
        h = from_screening(u)
        before = next((w for w in reversed(out[:k]) if windowed(w) is not None), None) if h is not None else None
        if h is None or before is None or windowed(before).reference == "screening":  # type: ignore[union-attr]
            continue
        gap = ctx.text[before.end : u.start]
        bracket = "(" in gap and not re.search(r"[;.:)]", gap)
        listed = not re.search(r"[;.:()]", gap) and _LIST_GAP.search(gap) is not None
        if bracket or listed:
            out[k] = counted_from(u, h, before)
    return out


_LIST_GAP = _lazy("_LIST_GAP", r"(?i)\bor\b|\band\b|,")


def _shared_windows(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'Received an investigational product or been treated with an investigational device within 30 days': a history
    listed before a windowed one may share its window or not; read as 'ever' it excluded a product taken years ago.
    Decided only where both readings agree."""
    out = list(units)
    for k, u in enumerate(units):
        h = u.rule
        if not (isinstance(h, ir.History) and h.window is None and h.category in ("therapy", "procedure")):
            continue
        later = next((w for w in units[k + 1 :] if isinstance(w.rule, ir.History) and w.rule.window is not None), None)
        if later is None or re.search(r"[;.:]", ctx.text[u.end : later.start]) or not re.search(
                r"(?i)\bor\b|\band\b|,", ctx.text[u.end : later.start]):
            continue
        shared = h.model_copy(update={"window": later.rule.window})  # type: ignore[union-attr]
        which = ir.FreeText(text="whether the window after it binds it too", reason="not_understood", span=h.span)
        rule = ir.AnyOf(items=[ir.AllOf(items=[shared, h], span=h.span),
                               ir.AllOf(items=[ir.AnyOf(items=[shared, h], span=h.span), which], span=h.span)], span=h.span)
        out[k] = replace(u, rule=rule)
    for k, u in enumerate(out):
        # 'Severe infections within 4 weeks prior to …, including but not limited to … bacteremia, or severe pneumonia':
        # the examples are of what the window dates (read as ever, a pneumonia of 2020 excluded)
        h = u.rule
        if not (isinstance(h, ir.History) and h.window is None):
            continue
        before = next((w for w in reversed(out[:k]) if isinstance(w.rule, ir.History) and w.rule.window is not None), None)
        if before is not None and _EXAMPLE_WORDS.search(ctx.text, before.end, u.start) and not re.search(r"[;.:]", ctx.text[before.end : u.start]):
            out[k] = replace(u, rule=h.model_copy(update={"window": before.rule.window}))  # type: ignore[union-attr]
    return out


_LINES_OF = _lazy("_LINES_OF", r"(?i)\s+of\s+(?:prior\s+|previous\s+)?")
_ANY_LINE = frozenset({"systemic_anticancer_therapy", "anticancer_therapy"})
"""Kinds of therapy every counted line is (the record's lines are treatments of the cancer)."""


def _lines_of_a_kind(ctx: _Ctx, u: _Unit, a: El, terms: list[tuple[int, int, str]], end: int) -> _Unit:
    """'No more than 3 prior chemotherapy regimens', 'at least 2 prior lines of hormonal therapy': a count of
    the lines of one kind, which the record's count of all lines bounds from above. At most N of them holds
    when at most N lines were given at all, and at least N fails when fewer were; beyond that it is not
    known which lines were of that kind. The therapy named is the kind counted, no history of its own."""
    subj_start = min((s for s, _ in u.subjects), default=u.end)
    kind = next(((ts, te, tid) for ts, te, tid in terms
                 if a.end <= ts and te <= subj_start and ctx.vocab.terms[tid].category == "therapy"
                 and not ctx.text[a.end : ts].strip(" ").lower().replace("prior", "").replace("previous", "").strip()), None)
    if kind is None and (m := _LINES_OF.match(ctx.text, u.end, end)):
        kind = next(((ts, te, tid) for ts, te, tid in terms if ts == m.end() and ctx.vocab.terms[tid].category == "therapy"), None)
    if kind is None:
        return _lines_for(ctx, u, terms, end)
    ts, te, tid = kind
    new_end = max(u.end, te)
    head = _THERAPY_HEAD.match(ctx.text, te, end)  # 'lines of hormonal therapy'
    if head and te >= u.end:
        new_end = max(new_end, head.end())
    name = ctx.vocab.terms[tid].name
    if (indication := _THERAPY_FOR.match(ctx.text, new_end, end)) is not None:
        if tid in _ANY_LINE:
            # 'No more than 1 prior line of systemic therapy for metastatic disease': the lines for that indication, all
            # lines bounding them (read as the lines and one such therapy, an untreated patient failed 'no more than 1')
            return _lines_for(ctx, replace(u, end=new_end, cover=u.cover + [(min(ts, u.end), new_end)]), terms, end)
        # 'at least 2 prior lines of chemotherapy for metastatic disease': lines of that kind for that, counted as
        # below (read as the lines and one such therapy, two lines of which one was chemotherapy had passed)
        name = f"{name} {ctx.text[new_end : indication.end()].strip()}"
        new_end = indication.end()
    cover = u.cover + [(min(ts, u.end), new_end)]
    if tid in _ANY_LINE:
        return replace(u, end=new_end, cover=cover)
    bounded = _lines_bounded(u.rule, name)
    if bounded is None:
        return u
    return replace(u, rule=bounded, end=new_end, cover=cover)


_DISEASE_WORD = _lazy("_DISEASE_WORD", r"(?i)\b(?:disease|cancer|malignancy|tumou?r|setting)\b")


def _lines_bounded(cmp: ir.Rule, what: str) -> ir.Rule | None:
    """A count of the lines of one kind or indication, which the record's count of all lines bounds from above: at most N
    of them holds when at most N lines were given at all, at least N fails when fewer were; 'whether more/enough of the
    prior lines were {what}' is left open beyond that. A range is both ('0-1 prior lines …')."""
    if isinstance(cmp, ir.Range):
        parts: list[ir.Rule] = []
        if cmp.canonical_low > 0 or not cmp.low_inclusive:
            low = ir.Comparison(concept=cmp.concept, op=">=" if cmp.low_inclusive else ">", value=cmp.low, unit=cmp.unit,
                                canonical_value=cmp.canonical_low, canonical_unit=cmp.canonical_unit, span=cmp.span)
            parts.append(ir.AllOf(items=[low, ir.FreeText(text=f"whether enough of the prior lines were {what}", span=cmp.span)],
                                  span=cmp.span))
        high = ir.Comparison(concept=cmp.concept, op="<=" if cmp.high_inclusive else "<", value=cmp.high, unit=cmp.unit,
                             canonical_value=cmp.canonical_high, canonical_unit=cmp.canonical_unit, span=cmp.span)
        parts.append(ir.AnyOf(items=[high, ir.FreeText(text=f"whether more of the prior lines were {what}", span=cmp.span)],
                              span=cmp.span))
        return parts[0] if len(parts) == 1 else ir.AllOf(items=parts, span=cmp.span)
    if not isinstance(cmp, ir.Comparison):
        return None
    if cmp.op in ("<", "<="):
        return ir.AnyOf(items=[cmp, ir.FreeText(text=f"whether more of the prior lines were {what}", span=cmp.span)], span=cmp.span)
    return ir.AllOf(items=[cmp, ir.FreeText(text=f"whether enough of the prior lines were {what}", span=cmp.span)], span=cmp.span)


def _lines_for(ctx: _Ctx, u: _Unit, terms: list[tuple[int, int, str]], end: int) -> _Unit:
    """'At least 3 prior lines of therapy for multiple myeloma', 'no more than 2 prior regimens for metastatic disease':
    the lines given for one disease or setting, which the record's count of all lines bounds from above (as for lines
    of one kind; read as all lines, three lines of which one was for another cancer had passed)."""
    st = _IN_SETTING.match(ctx.text, u.end, end)
    if st is not None:
        span = _span(ctx, u.start, st.end())
        if st.group("early"):
            # 'No more than 2 prior regimens in the adjuvant setting': regimens before any line, which the lines do not
            # count (read with all lines, 3 lines failed it)
            return replace(u, rule=ir.FreeText(text=ctx.text[u.start : st.end()].strip(), reason="not_understood", span=span),
                           end=st.end(), cover=u.cover + [(u.end, st.end())])
        rule = _lines_bounded(u.rule, " ".join(st.group(0).lower().split()))
        return u if rule is None else replace(u, rule=rule, end=st.end(), cover=u.cover + [(u.end, st.end())])
    m = _THERAPY_FOR.match(ctx.text, u.end, end)
    if m is None or not (
            _DISEASE_WORD.search(m.group("what")) or any(
                m.start("what") <= ts and te <= m.end("what") and ctx.vocab.terms[tid].category == "condition"
                for ts, te, tid in terms)):
        return u
    rule = _lines_bounded(u.rule, f"for {ctx.text[m.start('what') : m.end()].strip()}")
    if rule is None:
        return u
    return replace(u, rule=rule, end=m.end(), cover=u.cover + [(u.end, m.end())])


_IN_SETTING = _lazy("_IN_SETTING",
    r"(?i)\s*(?:given\s+)?(?:in|for)\s+(?:the\s+)?(?P<what>(?P<early>(?:neo-?adjuvant|adjuvant|peri-?operative|curative)"
    r"(?:\s+(?:or|and|and/or|/)\s+(?:neo-?adjuvant|adjuvant|peri-?operative|curative))?)|(?:locally\s+)?advanced|metastatic|"
    r"relapsed|refractory|recurrent|palliative|(?:advanced|locally\s+advanced)(?:\s+(?:or|and|and/or|/)\s+metastatic))"
    r"(?:\s+(?:disease\s+)?setting|\s+disease)?\b")
"""'… regimens in the metastatic setting', '… in the adjuvant setting': the setting of the lines counted."""
_FLAGGED_WOMEN = _lazy("_FLAGGED_WOMEN",
    r"(?i)\b(?:pregnant|lactating|breast-?feeding|nursing)\s+(?:(?:or|and|and/or)\s+(?:pregnant|lactating|breast-?feeding|nursing)\s+)?"
    r"(?P<w>wom[ae]n|females?|mothers?)\b|"
    r"\b(?P<v>(?:wom[ae]n|females?)\s+(?:who\s+(?:are|is)|that\s+are))\s+(?:currently\s+)?(?=pregnant|lactating|breast-?feeding|nursing)"
)
_SEX_WORD = _lazy("_SEX_WORD", r"(?i)\b(?:(?P<f>females?|wom[ae]n)|(?P<m>males?|m[ae]n))\b")
_SEX_LABEL = _lazy("_SEX_LABEL", r"(?i)\s*(?:sex|gender)\s*:\s*")
_SEX_SCOPED = _lazy("_SEX_SCOPED",
    r"(?i)\b(?:must|should|shall|need|needs|required?|will|agree|childbearing|child-bearing|reproductive|fertile|"
    r"partners?|contracept\w*|who|that|if|unless|for|in|no|not|non|without|pregnan\w*|lactat\w*|breast\w*|nursing|"
    r"eligible|participate|participating|may|can|when|whose|where)\b|:"
)


def _sex_units(ctx: _Ctx, els: list[El], start: int, end: int) -> list[_Unit]:
    """'Women aged 18 or older', 'Female patients, ≥ 18 years of age': the sex is a requirement.
    Only in a plain description: with a modal or a scope ('Female patients must have a negative
    pregnancy test'), the word picks whom the rest binds, and stays unread."""
    if not _may_say(ctx.text[start:end], "male", "man", "men") or not _SEX_WORD.search(ctx.text, start, end):
        return []
    label = _SEX_LABEL.match(ctx.text)  # 'Sex: Female' (an old NCI sub-heading) names the topic
    if _SEX_SCOPED.search(ctx.text, label.end() if label else 0):
        return []  # the whole criterion: a scope may sit in another clause ('… is eligible if she …')
    found = []
    fillers = _filler_spans(ctx.text, start, end)
    for m in _SEX_WORD.finditer(ctx.text, start, end):
        if any(h0 <= m.start() < h1 for h0, h1 in ctx.hide) or any(f0 <= m.start() < f1 for f0, f1 in fillers):
            continue
        found.append(("female" if m.group("f") else "male", m.start(), m.end()))
    if len({v for v, *_ in found}) != 1:
        return []  # none, or both sexes named: not a requirement on sex
    return [_Unit(ir.Category(concept="sex", values=[v], span=_span(ctx, a, b)), a, b, cover=[(a, b)]) for v, a, b in found]


def _only_connectors(ctx: _Ctx, els: list[El], s: int, e: int) -> bool:
    between = [x for x in els if s <= x.start and x.end <= e]
    return bool(between) and all(x.kind in ("or_", "and_", "punct") or (x.kind == "word" and x.text.lower() in ("and", "or", "but"))
                                 for x in between)


def _joins(ctx: _Ctx, subj: list[tuple[int, int, str, str]]) -> list[tuple[int, int]]:
    """The connector text between chained subjects ('ALT and AST'), which the chain accounts for."""
    out = []
    ordered = sorted(subj)
    for a, b in zip(ordered, ordered[1:]):
        if a[1] < b[0]:
            out.append((a[1], b[0]))
    return out


def _borrow_units(els: list[El]) -> list[El]:
    """A unitless bound followed by 'or'/'and' and a bound with a unit takes that unit."""
    out = list(els)
    for i, e in enumerate(out):
        if e.kind != "bound" or e.value_kind != "number":
            continue
        j = i + 1
        while j < len(out) and out[j].kind in ("or_", "and_") or (j < len(out) and out[j].text == ","):
            j += 1
        if j == i + 1 or j >= len(out):
            continue
        nxt = out[j]
        if nxt.kind == "bound" and nxt.value_kind == "quantity":
            q = _quantity(nxt.value)
            if q is not None and q[1]:
                out[i] = El("bound", e.text, e.start, e.end, e.comp, f"{e.value} {q[1]}", "quantity")
    return out


_FLIPPED = {"≤": "≥", "<=": "≥", "<": ">", "≥": "≤", ">=": "≤", ">": "<"}


def _merge_postcomp(els: list[El]) -> list[El]:
    """'18 years or older' → a bound, like '≥ 18 years'; '18 ≤ age ≤ 75' → '≥ 18' (its bound turned round) before
    'age ≤ 75'."""
    out: list[El] = []
    for i, e in enumerate(els):
        if (e.kind == "comp" and e.text in _FLIPPED and out and out[-1].kind in ("quantity", "number") and out[-1].end <= e.start
                and (j := next((k for k in range(i + 1, min(i + 6, len(els))) if els[k].kind != "word"), None)) is not None
                and j > i + 1 and els[j].kind == "bound" and _op_of(els[j].comp or "") == _op_of(e.text)):
            q = out.pop()
            # ('18 years ≤ age ≤ 75 years': two limits on the one value between them, the first written from below)
            out.append(El("bound", q.text + " " + e.text, q.start, e.end, _FLIPPED[e.text], q.text, q.kind))
            continue
        if e.kind == "postcomp":
            k = len(out) - 1
            while k >= 0 and out[k].kind == "word" and out[k].text.lower() in ("of", "age", "old"):
                k -= 1
            if k >= 0 and out[k].kind in ("quantity", "number"):
                q = out[k]
                op = next((o for rx, o in _POSTCOMP if rx.search(e.text)), None)
                if op is not None:
                    comp = {">=": "≥", "<=": "≤"}[op]
                    out[k] = El("bound", q.text + " " + e.text, q.start, e.end, comp, q.text, q.kind)
                    continue
        out.append(e)
    return out


_IN_YEARS = _lazy("_IN_YEARS", r"(?i)\d\s*(?:years?|yrs?)\s*$")
_PERSON_BEFORE = _lazy("_PERSON_BEFORE",
    r"(?i)\b(?:patients?|subjects?|participants?|individuals?|persons?|people|adults?|men|women|males?|females?|children|"
    r"adolescents?|volunteers?)\s*(?:(?:of|aged|who\s+are|must\s+be|should\s+be|are|is)\s*)?:?\s*$")
_OLDER_THAN = _lazy("_OLDER_THAN", r"(?i)(?:no\s+|not\s+)?(?:older|younger)\s+than\b")
_AGE_ENDS = _lazy("_AGE_ENDS", r"(?i)\s*(?:$|[.;,)]|(?:and|or)\s+(?:[≤≥<>]|=[<>]|[<>]=|less|more|greater|no|not|up|under|over|younger|older)|(?:old|of\s+age)\b)")


def _subjects(
    ctx: _Ctx, a: El, concepts: list[tuple[int, int, str]], lo: int, hi: int, els: list[El]
) -> list[tuple[int, int, str, str]]:
    """The concept(s) an anchor speaks of: the nearest mention before it, with any mentions
    joined to that one by and/or/commas; else the nearest mention after it."""
    before = [c for c in concepts if lo <= c[0] and c[1] <= a.start]
    if a.kind == "finding" and before and _CLAUSE_BREAK.search(ctx.text, before[-1][1], a.start):
        # ('HIV-negative. Hepatitis B core antigen positive': a result is not said of a test named before the sentence
        # ended, across words not read; it read as 'HIV positive')
        before = []
    if a.kind == "finding":
        after = [c for c in concepts if c[0] >= a.end and c[0] < hi]
        # 'positive for HBsAg' reads forward; 'HBsAg positive' reads back: the closer wins.
        if after and not before and _LIST_BREAK.search(ctx.text, a.end, after[0][0]) and any(
                c[1] <= a.start and not ctx.text[c[1] : a.start].strip() for c in concepts):
            # ('Seropositivity for HIV, hepatitis B surface antigen positivity, or hepatitis C antibody positivity': the
            # second 'positivity' is said of the antigen right before it, read with the first; across ', or' it is no
            # result of the next item, which has its own)
            return []
        if after and (not before or _gap_words(ctx, a.end, after[0][0]) < _gap_words(ctx, before[-1][1], a.start)
                      or ctx.vocab.concepts[before[-1][2]].kind == "flag" and _gap_words(ctx, a.end, after[0][0]) == 0
                      and not ctx.text[before[-1][1] : a.start].strip()):
            return _chain_forward(ctx, after, ctx.vocab)  # ('Not pregnant Negative pregnancy test': the test is negative)
    if before:
        chain = [before[-1]]
        joins = ["and"]
        for c in reversed(before[:-1]):
            gap = ctx.text[c[1] : chain[0][0]]
            g = gap.strip().strip("()[]").strip().lower()
            if c[2] == chain[0][2] and re.fullmatch(r"[\s()\[\],]*", gap):
                chain[0] = (c[0], chain[0][1], c[2])  # 'Absolute neutrophil count (ANC)'
                continue
            if re.fullmatch(r"(?:\)|\(|\s)*(?:,\s*(?:and/or|and|or)?|and|or|and/or|/|&)?(?:\s|\(|\))*", g) and g:
                chain.insert(0, c)
                joins.insert(0, "or" if "or" in g or "/" in g else "," if g.strip("() ") == "," else "and")
                continue
            if g == "" and ctx.vocab.concepts[c[2]].kind != "flag":
                chain.insert(0, c)
                joins.insert(0, "and")
                continue
            break  # ('Not pregnant HIV negative': a flag is no subject of the next finding)
        # (a concept named twice, 'HIV-1 and HIV-2 negative', stays a subject twice: each mention is read, one rule made)
        return _fit(ctx, a, [(s, e, cid, j) for (s, e, cid), j in zip(chain, joins)])
    inside = [c for c in concepts if a.start <= c[0] and c[1] <= a.end and ctx.vocab.concepts[c[2]].id == "age"]
    if inside:
        return _fit(ctx, a, [(inside[0][0], inside[0][1], "age", "and")])
    if a.kind == "bound" and re.search(r"(?i)\b(?:years?|months?)\b.*\b(?:or|and)\s+(?:older|younger|over|under)\b", a.text):
        return _fit(ctx, a, [(a.start, a.start, "age", "and")])
    if (a.kind in ("bound", "range") and not before and _IN_YEARS.search(a.text) and _PERSON_BEFORE.search(ctx.text, lo, a.start)
            and _AGE_ENDS.match(ctx.text, a.end)):
        # 'Female or male patients of ≥ 18 years and ≤ 80 years': a person's years are the age (not 'patients ≥ 5 years
        # from diagnosis': words after the years say what they count)
        return _fit(ctx, a, [(a.start, a.start, "age", "and")])
    if (a.kind == "bound" and not before and _OLDER_THAN.match(a.text) and _IN_YEARS.search(a.text)
            and _AGE_ENDS.match(ctx.text, a.end)
            and (not _WORD.search(ctx.text, lo, a.start) or _PERSON_BEFORE.search(ctx.text, lo, a.start))):
        # 'No older than 65 years', 'Older than 18 years': only a person is older or younger than some years
        return _fit(ctx, a, [(a.start, a.start, "age", "and")])
    after = [c for c in concepts if c[0] >= a.start and c[1] > a.end and c[0] < max(hi, a.end + 1)]
    if after:
        c = after[0]
        if c[0] < a.end or _gap_filler(ctx, a.end, c[0]) or (c[2] == "prior_lines" and _gap_is_a_kind(ctx, a.end, c[0])):
            return _fit(ctx, a, [(c[0], c[1], c[2], "and")])
    return []


def _gap_is_a_kind(ctx: _Ctx, s: int, e: int) -> bool:
    """'3 prior chemotherapy regimens': between the count and what it counts, one therapy naming their kind."""
    kinds = [t for t in _term_mentions(ctx, s, e) if ctx.vocab.terms[t[2]].category == "therapy"]
    return len(kinds) == 1 and _gap_filler(ctx, s, kinds[0][0]) and _gap_filler(ctx, kinds[0][1], e)


_CLAUSE_BREAK = _lazy("_CLAUSE_BREAK", r"[.;](?=\s)")
_LIST_BREAK = _lazy("_LIST_BREAK", r"(?i),|;|\bor\b|\band\b")


def _chain_forward(ctx: _Ctx, after: list[tuple[int, int, str]], vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    """The mentions after an anchor joined by and/or/commas, each with the word joining it to the next (as `_subjects`
    gives them read back: 'positive for HIV, HBsAg' is a list joined by a comma, which excludes on either)."""
    chain = [after[0]]
    joins: list[str] = []
    for c in after[1:]:
        gap = ctx.text[chain[-1][1] : c[0]].strip().strip("()").strip().lower()
        if c[2] == chain[-1][2]:
            if re.fullmatch(r"[\s(\[]*", ctx.text[chain[-1][1] : c[0]]) and re.match(r"[\s)\]]*", ctx.text[c[1] :]):
                # ('the human immunodeficiency virus (HIV), Hepatitis B surface antigen …': the name again in brackets is
                # the same subject; left apart, the next result read it as one more test)
                close = re.match(r"[\s)\]]*", ctx.text[c[1] :])
                chain[-1] = (chain[-1][0], c[1] + (close.end() if close else 0), c[2])
            continue
        if gap in ("or", "and", ",", "and/or", "/", ", or", ", and"):
            chain.append(c)
            joins.append("or" if "or" in gap or "/" in gap else "," if gap == "," else "and")
        else:
            break
    joins.append("and")
    return [(s, e, cid, j) for (s, e, cid), j in zip(chain, joins)]


def _first_mentions(subj: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The subjects without a concept named again ('HIV-1 and HIV-2': one HIV antibody result)."""
    seen: set[str] = set()
    return [x for x in subj if not (x[2] in seen or seen.add(x[2]))]  # type: ignore[func-returns-value]


def _fit(ctx: _Ctx, a: El, subj: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Drop subjects whose kind cannot take this anchor (a duration anchor next to a lab is not the lab)."""
    return [s for s in subj if _compatible(ctx.vocab.concepts[s[2]], a)]


def _compatible(c: Concept, a: El) -> bool:
    if a.kind == "finding":
        return c.kind in ("finding", "flag")
    if c.kind == "flag" and a.kind == "bound" and a.value_kind == "number":
        return True  # '≥1 measurable lesion' (whether the count says there is one: _anchor_rule)
    if c.kind in ("finding", "flag", "category"):
        return False
    return True


def _gap_words(ctx: _Ctx, s: int, e: int) -> int:
    return len(_WORD.findall(ctx.text[s:e]))


def _gap_filler(ctx: _Ctx, s: int, e: int) -> bool:
    gap = lexicon().filler_phrases.sub(" ", ctx.text[s:e])
    return all(w.lower() in lexicon().filler for w in _WORD.findall(gap))


# ------------------------------------------------------------------------------ anchor → rule


_UNIT_AFTER_NUMBER = _lazy("_UNIT_AFTER_NUMBER",
    r"\s*(?:(?:[mµμunpf]?mol|[mµμunp]?g|mcg|gm|[mµμ]?[Ee]q|k|K|[mµμ]?IU|[mµμ]?U|cells?)\s*/\s*[A-Za-zµμ0-9]"
    r"|(?:[mµμunp]mol|mEq|mIU)\b)")
"""'HbA1c < 64 mmol/mol', 'Platelets < 100 K/uL': a unit the grammar does not read, right after the number."""


def _rule_for(ctx: _Ctx, c: Concept, a: El) -> ir.Rule | None:
    if a.value_kind == "number" and _UNIT_AFTER_NUMBER.match(ctx.text, a.end):
        return None  # read as a bare number in the concept's unit, 64 mmol/mol of HbA1c had been 64%
    if c.id == "ecog" and ("%" in a.text or "ercent" in a.text) and not _NAMED_ECOG.search(ctx.text, 0, a.start):
        # 'Performance status: 60-100%': a percentage scale, Karnofsky or (for children) Lansky; either one met meets
        # it, both failed fail it
        alts = [_anchor_rule(ctx, ctx.vocab.concepts[k], a) for k in ("karnofsky", "lansky")]
        if all(r is not None and _on_scale(r, (0, 100)) for r in alts):
            return _join([r for r in alts if r is not None], "any", _span(ctx, a.start, a.end))
        return None
    if (c.id == "creatinine_clearance" and ("easured" in ctx.text or "rine" in ctx.text) and _MEASURED_ONLY.search(ctx.text)
            and not _ESTIMATED.search(ctx.text) and "measured_creatinine_clearance" in ctx.vocab.concepts):
        # 'Creatinine clearance ≥ 60 mL/min (measured by 24-hour urine collection)': no estimate stands for it (read as
        # any clearance, a Cockcroft-Gault estimate decided it)
        c = ctx.vocab.concepts["measured_creatinine_clearance"]
    if (c.id == "egfr" and (mg := _MEASURED_GFR.search(ctx.text, max(0, a.start - 80), a.end + 40)) is not None
            and not _ESTIMATED.search(ctx.text) and not _AS_MEASURED.search(ctx.text, max(0, mg.start() - 4), mg.end() + 30)
            and not re.search(r"(?i)\beGFR\b|\bestimated\b", ctx.text[max(0, a.start - 80) : a.start])
            and "measured_gfr" in ctx.vocab.concepts):
        # 'GFR by radioisotope scan ≥ 70 mL/min/1.73m2': measured, no estimate from the creatinine stands for it
        c = ctx.vocab.concepts["measured_gfr"]
    rule = _anchor_rule(ctx, c, a)
    if rule is not None and c.scale is not None and not _on_scale(rule, c.scale):
        return None  # 'Performance status 60-100%' is no ECOG: a figure off the scale is another scale's
    return rule


_MEASURED_GFR = _lazy("_MEASURED_GFR",
    r"(?i)\b(?:measured|radio-?isotop\w*|isotop\w*|nuclear|radionuclide|scintigraph\w*|iohexol|iothalamate|DTPA|EDTA|inulin)\b")
_AS_MEASURED = _lazy("_AS_MEASURED", r"(?i)\bmeasured\s+(?:by|using|with|per)\s+(?:the\s+)?(?:MDRD|CKD|Cockcroft|formula|equation|calculation)")
"""'eGFR ≥ 40 as measured by MDRD': measured as any value is, an estimate."""
_MEASURED_ONLY = _lazy("_MEASURED_ONLY", r"(?i)\bmeasured\b|\b24[- ]?h(?:ou)?r\.?\s+urine\b|\burine\s+collection\b")
_ESTIMATED = _lazy("_ESTIMATED", r"(?i)\b(?:calculated|estimated|estimation|cockcroft|formula|equation|or\s+measured|measured\s+or)\b")
_COUNTS_A_NOUN = _lazy("_COUNTS_A_NOUN",
    r"\s*(?!(?:and|or|but|x|times|per|cells?|percent|of|in|on|for|to|the|mg|g|mcg|ug|ml|mL|L|units?|ULN|IU|U)\b)[A-Za-z]{3,}")
_OWN_GROUP = _lazy("_OWN_GROUP", r"(?i)\b(?:patients?|subjects?|participants?|those|others?|otherwise|whom|who|women|men)\b")
_MAY_HAVE_RAISED = _lazy("_MAY_HAVE_RAISED",
    r"(?i)\s*(?:patients?|subjects?|participants?|those)\s+(?P<scope>with(?:out)?\b[^;:]*?)\s*,?\s+"
    r"(?:may|can|are\s+(?:allowed|permitted)\s+to)\s+have\s+(?:an?\s+)?(?P<rest>[^;]*)")
_OR_OPENS = _lazy("_OR_OPENS", r"(?i)\s*(?:or|and/or|either)\b")
_NAME_ENDS = _lazy("_NAME_ENDS", r"(?i)\s*(?:(?:levels?|values?|results?|concentrations?)\b\s*)?(?:$|[,;.)]|(?:or|and|and/or)\b)")
"""What may follow a value's name beside 'abnormal' ('abnormal serum FLC ratio', '… level', '…, or'): not another noun
('abnormal platelet function', 'abnormal glucose tolerance')."""
_NAME_JOIN = _lazy("_NAME_JOIN", r"(?i)\s*(?:,\s*)?(?:or|and|and/or)?\s*(?:(?:serum|plasma|blood|urine|urinary)\s+)?")
_NAME_TAIL = _lazy("_NAME_TAIL", r"(?i)\s*(?:(?:levels?|values?|results?|concentrations?)\b)?\s*[,;.]?\s*")
_NOT_TODAYS = _lazy("_NOT_TODAYS", r"(?i)\b(?:histor(?:y|ies)|previous(?:ly)?|prior(?!\s+to\b)|past|recurrent|recurring|repeated|family|"
                    r"familial|relatives?|episodes?|intermittent(?:ly)?|recent(?:ly)?|ever|had|persistent(?:ly)?|chronic(?:ally)?|"
                    r"known)\b")
_DEFINING_OPENING = _lazy("_DEFINING_OPENING", r"(?i)\s*(?:(?:defined\s+as|i\.\s?e\.?|ie|that\s+is|namely)\s*[,:]?\s*)?")
_GROUP_LABEL = _lazy("_GROUP_LABEL", r"\(\s*(?P<a>[A-Za-z][\w'-]*)\.?\s*\)\s*:")
_GROUP_NAMES = r"(?:men|women|males?|females?|boys|girls|child(?:ren)?|adults?|p(?:a)?ediatric|adolescents?|elderly|infants?)"
"""Groups of patients a label may bind a limit to ('Males:', 'Hemoglobin (Hb) women:')."""
_GROUP_WORD = _lazy("_GROUP_WORD", r"(?i)\b" + _GROUP_NAMES + r"\b")
_BOTH_SEXES = _lazy("_BOTH_SEXES", r"(?i)\b(?:males?|men)\b.*\b(?:females?|women)\b|\b(?:females?|women)\b.*\b(?:males?|men)\b")
_GROUP_ONLY = _lazy("_GROUP_ONLY", r"(?i)\s*[-*•]?\s*(?:for\s+|in\s+)?" + _GROUP_NAMES
                    + r"(?:\s+(?:patients?|subjects?|participants?))?(?:\s*\([^()]{0,40}\))?\s*")
_ABNORMAL_GAP = _lazy("_ABNORMAL_GAP", r"(?i)\s*(?:(?:serum|plasma|blood|urine|urinary)\s+)?")
_OUTSIDE_NORMAL = _lazy("_OUTSIDE_NORMAL", r"(?i)(?:(?:is|are)\s+)?abnormal|outside\b|not\s+within\b")
_FRIDERICIA = _lazy("_FRIDERICIA", r"QTcF|(?i:fridericia)")
_NAMED_ECOG = _lazy("_NAMED_ECOG", r"(?i)\b(?:ECOG|EOCG|WHO|Zubrod|SWOG|GOG|CALGB|Eastern)\b")


def _on_scale(rule: ir.Rule, scale: tuple[float, ...]) -> bool:
    lo, hi = scale[0], scale[-1]
    if isinstance(rule, ir.Comparison):
        values = [rule.canonical_value]
    elif isinstance(rule, ir.Range):
        values = [rule.canonical_low, rule.canonical_high]
    elif isinstance(rule, ir.OneOf):
        values = list(rule.values)
    else:
        return True
    if hi >= 100 and values and all(v <= 5 for v in values) and any(v > 0 for v in values):
        return False  # 'Karnofsky 0-2': an ECOG figure under a 0-100 scale's name, not a Karnofsky limit
    return all(lo <= v <= hi for v in values)


def _anchor_rule(ctx: _Ctx, c: Concept, a: El) -> ir.Rule | None:
    span = _span(ctx, a.start, a.end)
    if c.kind == "group":
        # 'transaminases ≤ 3 × ULN': each member within the limit. A lower bound on a group
        # ('transaminases > 3 × ULN') could mean either or both: decided only where both readings agree.
        if a.kind != "bound" or _op_of(a.comp) not in ("<", "<=", ">", ">="):
            return None
        parts = [_rule_for(ctx, ctx.vocab.concepts[m], a) for m in c.members]
        if not parts or any(p is None for p in parts):
            return None
        each = ir.AllOf(items=[p for p in parts if p is not None], span=span)
        if _op_of(a.comp) in ("<", "<="):
            return each
        which = ir.FreeText(text=f"whether the limit binds one of the {c.name} or each", reason="not_understood", span=span)
        return ir.AnyOf(items=[each, ir.AllOf(items=[ir.AnyOf(items=each.items, span=span), which], span=span)], span=span)
    if a.kind == "finding":
        value: Literal["positive", "negative"] = "negative" if _NEGATIVE_FINDING.search(a.text) else "positive"
        return ir.Finding(concept=c.id, value=value, span=span)
    if c.kind == "flag" and a.kind == "bound" and a.value_kind == "number" and (n := _number(a.value)) is not None:
        op = _op_of(a.comp)
        if (op == ">=" and n == 1) or (op == ">" and n == 0):
            # '≥1 measurable lesion', 'at least one measurable lesion': there is one
            return ir.Finding(concept=c.id, value="positive", span=span)
        return None
    if c.kind in ("finding", "flag", "category"):
        return None
    if a.kind == "wnl":
        if c.kind != "quantity" or not c.range:
            return None
        # 'abnormal serum FLC ratio', 'outside the normal range', 'not within normal limits': outside the range
        return ir.NormalLimits(concept=c.id, within=not _OUTSIDE_NORMAL.match(a.text), span=span)
    if a.kind == "relative" or (a.kind == "bound" and a.value_kind == "relative"):
        if a.kind == "relative":
            return None  # a bare '2 × ULN' with no comparator: too ambiguous to read
        op = _op_of(a.comp)
        m = re.match(r"\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)", a.value)
        if op is None or not m or c.kind != "quantity":
            return None
        ref: Literal["uln", "lln"] = "lln" if re.search(r"(?i)lower|LLN", a.value) else "uln"
        return ir.RelativeLimit(concept=c.id, op=op, factor=float(m.group(1).replace(",", "")), reference=ref, span=span)
    if a.kind == "bound" and a.value_kind == "uln":
        # '≤ ULN', 'no greater than the upper limit of normal': at most 1 × ULN; '≥ LLN': at least 1 × LLN.
        # ('at least normal' says neither limit: not read)
        op = _op_of(a.comp)
        lower = re.search(r"(?i)lower|LLN", a.value) is not None
        by = _BY_AMOUNT.search(a.value)
        if by is not None and c.kind == "quantity" and op in (("<", "<=") if lower else (">", ">=")):
            # '< lower limit of normal by 20 g/L', '> ULN by 0.25 mmol/L': beyond the limit by that much (IMWG's anemia,
            # hypercalcemia)
            try:
                amount = float(by.group("n")) * conversion_factor(by.group("u"), c.unit or "1", c.molar_mass, c.valence)
            except UnitError:
                return None
            if re.search(r"(?i)\bat\s+least\b", by.group()):
                op = "<=" if op == "<" else ">=" if op == ">" else op  # ('< LLN by at least 20 g/L': 20 below is enough)
            return ir.RelativeLimit(concept=c.id, op=op, factor=1.0, reference="lln" if lower else "uln",  # type: ignore[arg-type]
                                    offset=-amount if lower else amount, span=span)
        if by is not None or c.kind != "quantity" or op is None or op not in ((">", ">=") if lower else ("<", "<=")):
            return None
        return ir.RelativeLimit(concept=c.id, op=op, factor=1.0, reference="lln" if lower else "uln", span=span)
    if a.kind == "number" and c.kind == "score" and c.scale is not None:
        # A bare figure may mean that value or a limit: 'ECOG 2' is 2 or at most 2 (a requirement), or
        # 2 or worse (a reason to exclude). It is read only where the readings agree: the top of the
        # scale as a reason to exclude or under a negation ('No NYHA class IV'), the bottom as a
        # requirement ('ECOG performance status of 0').
        v = _number(a.text)
        barred = ctx.section == "exclusion" or bool(_NEG_BEFORE.search(ctx.text, 0, a.start))
        tail = ctx.text[a.end : a.end + 40]
        if re.match(r"\s*[~\d–—-]", tail) or re.match(r"[^.;,()]*\d", tail):
            return None  # '0~2', '0 2': a range whose sign was lost, not a bare figure
        if v is not None and ((barred and v == c.scale[-1]) or (not barred and v == c.scale[0])):
            return ir.OneOf(concept=c.id, values=[v], span=span)
        return None
    if a.kind == "choice":
        if c.kind not in ("score", "count"):
            return None
        vals = [_number(v) for v in re.split(r"(?i)\s*(?:,|\bor\b|\band\b|/)\s*", a.text) if v.strip()]
        if any(v is None for v in vals):
            return None
        return ir.OneOf(concept=c.id, values=[float(v) for v in vals if v is not None], span=span)
    if a.kind == "range":
        return _range_rule(ctx, c, a, span)
    if a.kind == "bound":
        op = _op_of(a.comp)
        if op is None:
            return None
        if a.value_kind == "range":
            return None
        val = _value_in(c, a.value, a.value_kind)
        if val is None:
            return None
        value, unit, canonical = val
        return ir.Comparison(concept=c.id, op=op, value=value, unit=unit, canonical_value=canonical,
                             canonical_unit=c.unit, span=span)
    return None


def _value_in(c: Concept, text: str, kind: str) -> tuple[float, str, float] | None:
    """(value, unit as written, value in the concept's canonical unit) or None when it cannot be read safely."""
    if kind == "number":
        v = _number(text)
        if v is None:
            return None
        if (c.kind in ("score", "count") or c.unit in ("year", "%", "1")) and not c.bare_units:
            # ('LVEF < 0.4': a fraction, no 0.4 %)
            return (v, "", v) if _within_bounds(c, v) else None
        fits = []
        for bare in c.bare_units:
            # 'WBC at least 3,000': per mm³, for 3,000 × 10⁹/L is no white count
            try:
                f = conversion_factor(bare, c.unit or "1", c.molar_mass, c.valence)
            except Exception:  # pragma: no cover - the vocabulary's units are checked by its tests
                continue
            if _plausible(c, v * f):
                fits.append(v * f)
        if len(fits) == 1:
            return v, "", fits[0]
        return None  # a lab threshold without a unit is ambiguous (g/dL or g/L?)
    q = _quantity(text)
    if q is None:
        return None
    v, unit = q
    if c.kind == "score":
        if unit.strip().lower() in ("%", "percent") and c.scale and c.scale[1] == 100:
            return v, unit.strip(), v
        return None
    if c.kind == "count" and c.unit == "1":
        return None
    read_as = unit
    for loose, meant in c.text_units:
        try:
            if normalise_unit(unit) == normalise_unit(loose):
                read_as = meant
        except UnitError:
            pass
    try:
        f = conversion_factor(read_as, c.unit or "1", c.molar_mass, c.valence)
    except UnitError:
        return None
    except Exception:  # pint may raise on odd units; never let it escape parse
        return None
    if not _plausible(c, v * f):
        return None
    return v, unit.strip(), v * f


def _within_bounds(c: Concept, value: float) -> bool:
    """Whether a threshold is among the values the concept can take ('QTc prolongation > 60 ms' is a change from
    baseline: no QTc is 60 ms; 'LVEF < 0.4' a fraction)."""
    return not ((c.min is not None and value < c.min) or (c.max is not None and value > c.max))


def _plausible(c: Concept, value: float) -> bool:
    """False for a threshold 50× beyond the reference range ('hemoglobin > 8 mg/dL' means g/dL), or outside the values
    the concept can take."""
    if not _within_bounds(c, value):
        return False
    if not c.range:
        return True
    lo, hi = c.range.get("low") or 0, c.range.get("high") or 0
    if hi and value > 50 * hi:
        return False
    if lo and 0 < value < lo / 50:
        return False
    return True


def _range_rule(ctx: _Ctx, c: Concept, a: El, span: tuple[int, int]) -> ir.Rule | None:
    rm = _ROMAN_RANGE.fullmatch(a.text)
    if rm is not None:
        # 'NYHA class II-IV': classes in roman figures, on a score's own scale only
        lo_r, hi_r = float(_ROMAN[rm.group("lo")]), float(_ROMAN[rm.group("hi")])
        if c.kind != "score" or c.scale is None or lo_r > hi_r or not (c.scale[0] <= lo_r and hi_r <= c.scale[-1]):
            return None
        return ir.Range(concept=c.id, low=lo_r, high=hi_r, canonical_low=lo_r, canonical_high=hi_r, canonical_unit=c.unit, span=span)
    m = re.match(
        r"(?is)^\s*(?:between\s+)?(?P<lo>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(?P<u1>[^\d\s\-–—][^\-–—]*?)?\s*"
        r"(?:-|–|—|~|to|through|and)\s*(?P<hi>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(?P<u2>.*)$",
        a.text,
    )
    if not m:
        return None
    lo, hi = float(m.group("lo").replace(",", "")), float(m.group("hi").replace(",", ""))
    unit = (m.group("u2") or m.group("u1") or "").strip()
    u1 = (m.group("u1") or "").strip()
    if u1 and m.group("u2") and u1 != unit and c.kind != "score":
        try:
            lo = lo * conversion_factor(u1, unit, c.molar_mass, c.valence)
        except Exception:
            return None
    if lo > hi:
        return None
    if unit:
        if c.kind == "score":
            if unit != "%":
                return None
            f = 1.0
        else:
            try:
                f = conversion_factor(unit, c.unit or "1", c.molar_mass, c.valence)
            except Exception:
                return None
    else:
        if not (c.kind in ("score", "count") or c.unit in ("year", "%", "1")):
            return None
        f = 1.0
    return ir.Range(concept=c.id, low=lo, high=hi, unit=unit, canonical_low=lo * f, canonical_high=hi * f,
                    canonical_unit=c.unit, span=span)


# ------------------------------------------------------------------------------ history


_ROMAN_RANGE = _lazy("_ROMAN_RANGE", r"\s*(?P<lo>IV|III|II|I)\s*(?:-|–|—|to)\s*(?P<hi>IV|III|II|I)\s*")
_CONDITIONAL_EXCEPTION = _lazy("_CONDITIONAL_EXCEPTION",
    r"(?i)\s*(?:for\s+)?(?:when|if|while|where|during|unless|in\s+(?:patients|subjects|case|the\s+case|the\s+setting))\b")
_INCLUDING = _lazy("_INCLUDING", r"(?i),?\s*(?:including|such\s+as|e\.g\.,?|for\s+example,?)")
_OTHER_FORM = _lazy("_OTHER_FORM", r"(?i)(?:,\s*)?(?:or|and|and/or)\s+(?:on\s+)?(?:any\s+)?(?:other\s+)?(?:forms?|types?|kinds?)\s+of")
"""'steroid therapy or any other form of immunosuppressive therapy within 7 days': one list under one window."""


_ASSESSED_PAREN = _lazy("_ASSESSED_PAREN",
    r"(?i)\W*(?:(?:all\s+)?(?:labs?|laboratory\s+(?:tests?|values?|studies)|tests?|values?|screening\s+labs?)\s+"
    r"(?:should|must|need\s+to|are\s+to)\s+be\s+)?(?:(?:assessed|obtained|measured|performed|done|determined|documented|drawn|"
    r"collected)\s+)?within\s+\d+\s+(?:days?|weeks?)\b[^()]*$")
"""'(labs should be performed within 14 days of treatment initiation)': when the values were measured, no condition."""
_ASSESSED_LEAD = _lazy("_ASSESSED_LEAD",
    r"(?i)(?:\(\s*)?(?:(?:all\s+)?(?:labs?|laboratory\s+(?:tests?|values?|studies)|tests?|values?|screening\s+labs?)\s+"
    r"(?:should|must|need\s+to|are\s+to)\s+be\s+)?(?:(?:assessed|obtained|measured|performed|done|determined|documented|drawn|"
    r"collected)\s+)?$")


def _ratio_or_each(ctx: _Ctx, ratio: ir.Rule, a: El) -> ir.Rule:
    """'FEV1/FVC at least 60% predicted': the ratio, or FEV1 and FVC each? Decided only where both readings agree."""
    each = [_rule_for(ctx, ctx.vocab.concepts[c], a) for c in ("fev1", "fvc") if c in ctx.vocab.concepts]
    if len(each) != 2 or any(r is None for r in each):
        return ir.FreeText(text=ctx.text[a.start : a.end], reason="not_understood", span=ratio.span)
    both = ir.AllOf(items=[ratio, *each], span=ratio.span)  # type: ignore[list-item]
    which = ir.FreeText(text="whether 'FEV1/FVC' is the ratio or each of them", reason="not_understood", span=ratio.span)
    return ir.AnyOf(items=[both, ir.AllOf(items=[ir.AnyOf(items=[ratio, ir.AllOf(items=each, span=ratio.span)],  # type: ignore[arg-type]
                                                            span=ratio.span), which], span=ratio.span)], span=ratio.span)


def _assessment_window(ctx: _Ctx, a: El, idx: int, anchors: list[El], units: list[_Unit], start: int, end: int) -> None:
    """'ECOG 0 or 1 within 7 days of starting study treatment', '(within 14 days prior to entry) WBC at least 3,000':
    a window no history takes, in a clause of measured values only, says when they must have been measured.
    It binds every value of the clause (a window on a value it does not bind only leaves that one unknown
    for an old measurement; a window left out would decide on one)."""
    if not units or not all(_all_measured(u.rule) for u in units):
        return
    q = _quantity(a.value) if a.value_kind == "quantity" else None
    tu = _time_unit(q[1]) if q is not None else None
    if q is None or tu is None or tu == "hour":
        return
    reference, ref_end = _reference(ctx, a.end, end, anchors, idx)
    window = ir.Window(relation="within", amount=q[0], unit=tu, reference=reference)  # type: ignore[arg-type]
    lead = _ASSESSED_LEAD.search(ctx.text, max(start, a.start - 60), a.start)
    cover_start = lead.start() if lead is not None and lead.group().strip() else a.start
    for k, u in enumerate(units):
        u.rule = _with_assessment(u.rule, window)
        if k == 0:
            u.cover = (u.cover or [(u.start, u.end)]) + [(cover_start, ref_end)]


def _all_measured(rule: ir.Rule) -> bool:
    if isinstance(rule, (ir.AllOf, ir.AnyOf, ir.Not)):
        return all(_all_measured(x) for x in ir.children(rule))
    return isinstance(rule, ir.MEASURED) and rule.concept != "age"


def _with_assessment(rule: ir.Rule, window: ir.Window) -> ir.Rule:
    if isinstance(rule, ir.MEASURED):
        return rule.model_copy(update={"assessed_within": window})
    return ir.map_children(rule, lambda r: _with_assessment(r, window))


_AFTER_THE_END = _lazy("_AFTER_THE_END",
    r"(?i)\s*(?:after|following|from)\s+(?:the\s+)?(?:final|last|end\s+of|completion\s+of|discontinuation\s+of|"
    r"stopping|cessation\s+of)\b")


def _window_unit(
    ctx: _Ctx, a: El, terms: list[tuple[int, int, str]], lo: int, end: int, anchors: list[El], idx: int,
    relation: Literal["within", "less_than"] = "within",
) -> _Unit | None:
    q = _quantity(a.value) if a.value_kind == "quantity" else None
    if q is None:
        return None
    amount, unit = q
    tu = _time_unit(unit)
    if tu is None:
        return None
    if _WITHIN_LESS_THAN.match(a.text):
        relation = "less_than"  # 'No myocardial infarction within less than 6 months': exactly 6 months ago is not
    before = [t for t in terms if lo <= t[0] and t[1] <= a.start and not _TESTED.match(ctx.text, t[1])]
    if not before:
        return None
    if _AFTER_THE_END.match(ctx.text, a.end, end):
        # '… during atezolizumab treatment or within 5 months after the final dose of atezolizumab': a period after
        # the study's treatment, no window of the patient's history
        return None
    gap_from = before[-1][1]
    indication: list[str] = []
    last = before[-1]
    if ctx.vocab.terms[last[2]].category == "condition" and _INDICATION.search(ctx.text, max(lo, last[0] - 12), last[0]):
        treated = [t for t in before[:-1] if ctx.vocab.terms[t[2]].category == "therapy" and 0 <= last[0] - t[1] <= 12]
        if treated:
            # 'radiotherapy for brain metastases within 2 weeks': the window is the therapy's, the condition its indication
            indication = [f"for {' '.join(ctx.text[last[0] : last[1]].lower().split())}"]
            before = before[: before.index(treated[-1]) + 1]
    if ctx.vocab.terms[before[-1][2]].category == "therapy":
        head = _THERAPY_HEAD.match(ctx.text, gap_from, a.start)  # 'proteasome inhibitor therapy within 14 days'
        gap_from = head.end() if head else gap_from
    if _WINDOW_OF_OTHER.search(ctx.text, gap_from, a.start) or _FAR.search(ctx.text[gap_from : a.start]):
        return None  # the window belongs to something else said in between ('tumor on the MRI scan (within 2 weeks)')
    t0 = before[-1][0]
    if ctx.vocab.terms[before[-1][2]].category == "therapy" and _REQUIRING.search(ctx.text[max(lo, t0 - 60) : t0]) and any(
            ctx.vocab.terms[t[2]].category == "condition" for t in before[:-1]):
        return None  # 'GvHD requiring systemic therapy within 4 weeks': the condition's treatment, not a history  # 'autoimmune disease requiring systemic treatment in the past 2 years': the window is the treatment's
    chain = [before[-1]]
    in_paren = ctx.text[before[-1][1] : a.start].strip().startswith("(")
    own: dict[tuple[int, int, str], list[str]] = {}
    for t in reversed(before[:-1] if not in_paren else []):
        gap = ctx.text[t[1] : chain[0][0]].strip().strip("()").strip().lower()
        qm_in = _qualifier_before(ctx, t[1], chain[0][0])
        words = []
        if qm_in is not None and qm_in.start("run") > t[1]:
            # 'angina, symptomatic pericarditis, or MI within 12 months': the item's own narrowing words, its alone
            words = [w for w in _qualifier_words(qm_in.group("run")) if w not in _STATUS_WORDS]
            rest = ctx.text[t[1] : qm_in.start("run")].strip().lower()
            if words and rest in (",", "or", "and", "and/or", ", or", ", and"):
                gap = rest
            else:
                words = []
        same_kind = ctx.vocab.terms[t[2]].category == ctx.vocab.terms[chain[0][2]].category
        if (same_kind and _INCLUDING.fullmatch(gap)) or gap in ("", ",", "or", "and", "and/or", "/", ", or", ", and") or (
                same_kind and re.fullmatch(r"(?:or|and)\s+(?:\w+\s+)?", gap + " ")) or _OTHER_FORM.fullmatch(gap):
            # ('Immunodeficiency or receiving steroids within 7 days': a condition joined by a verb is not in the window)
            one = re.fullmatch(r"(?:or|and)\s+(\w+)\s+", gap + " ") if same_kind else None
            if one is not None and one.group(1) not in lexicon().filler and not words:
                # 'chemotherapy or biological cancer therapy within 2 weeks': the one word before the item is its own
                # narrowing (dropped, the item read as any anticancer therapy, hormonal too)
                words = [one.group(1)]
            if words:
                own[chain[0]] = words
            chain.insert(0, t)
        elif _UNREAD_ITEM.fullmatch(gap):
            # 'chemotherapy, targeted small molecule therapy, or radiation therapy within 2 weeks':
            # the window covers the whole list; the item not read stays text
            if words:
                own[chain[0]] = words
            chain.insert(0, t)
        else:
            break
    reference, ref_end = _reference(ctx, a.end, end, anchors, idx, unread_ok=True)
    if reference == "screening" and _OTHER_EVENT.match(ctx.text, a.end, end):
        # 'autologous stem cell transplantation within 1 year of beginning initial chemotherapy': a window from an event
        # of the patient's own history, not from screening (read from screening, a transplant 15 months ago failed)
        return None
    cats = {ctx.vocab.terms[t[2]].category for t in chain}
    category = cats.pop() if len(cats) == 1 else "any"
    # 'No other malignancies diagnosed within the past 5 years', 'Diagnosed with another malignancy within 3 years': the
    # day it was found counts (read as 'present within', a cancer of 2015 treated until 2023 failed)
    diagnosed = category == "condition" and (_DIAGNOSED_AFTER.search(ctx.text, chain[-1][1], a.start) is not None
                                             or _DIAGNOSED_BEFORE.search(ctx.text, lo, chain[0][0]) is not None)
    window = ir.Window(relation=relation, amount=amount, unit=tu, reference=reference,  # type: ignore[arg-type]
                       of="diagnosis" if diagnosed else "event")
    concepts = _dedupe([t[2] for t in chain])
    qm = _qualifier_before(ctx, lo, chain[0][0])
    other = "malignancy" in concepts and (any(_is_other(ctx, t[0], t[1], lo) for t in chain) or (
        qm is not None and _is_other(ctx, qm.start("run"), chain[0][1], lo)))  # ('Other invasive malignancies within …')
    pre = [w for w in _qualifier_words(qm.group("run")) if w not in _STATUS_WORDS] if qm is not None else []
    # 'palliative radiotherapy within 2 weeks': the narrowing words before the list hold for it
    min_grade = None
    graded_by: list[tuple[int, int]] = []
    if category == "condition" and ("rade" in ctx.text[lo : a.start] or "RADE" in ctx.text[lo : a.start]):
        # 'history of grade 3 non-infectious pneumonitis within the past 12 months': the grade is the event's; the
        # nearest condition's ('CRS grade 3 or ICANS grade 4 within 30 days': ICANS grade 4)
        all_terms = _term_mentions(ctx, lo, a.start)
        runs = _grade_runs(ctx.text, list(_GRADE.finditer(ctx.text, lo, a.start)), all_terms)
        graded = _grade_of(ctx.text, runs, all_terms, chain[0][0], chain[0][1])
        if graded is None or graded[1]:
            return None  # (capped, or which grade is the item's is not told)
        min_grade, _, graded_by = graded
    span = _span(ctx, chain[0][0], ref_end)
    rule: ir.Rule = ir.History(category=category, concepts=concepts, window=window, other=other,  # type: ignore[arg-type]
                               qualifiers=_dedupe(pre + indication), min_grade=min_grade, span=span)
    if own:
        # each narrowed item a history of its own, the rest one history: all share the window
        plain = _dedupe([t[2] for t in chain if t not in own])
        parts: list[ir.Rule] = [rule.model_copy(update={"concepts": plain})] if plain else []  # type: ignore[union-attr]
        for t, words in own.items():
            parts.append(ir.History(category=ctx.vocab.terms[t[2]].category, concepts=[t[2]], window=window,  # type: ignore[arg-type]
                                    other=other, qualifiers=_dedupe(pre + words + indication), min_grade=min_grade, span=span))
        rule = ir.AnyOf(items=parts, span=span) if len(parts) > 1 else parts[0]
    cover = [(t[0], t[1]) for t in chain] + [(x[1], y[0]) for x, y in zip(chain, chain[1:])
                                             if not _UNREAD_ITEM.fullmatch(ctx.text[x[1] : y[0]].strip().strip("()").strip().lower())]
    cover += [(a.start, ref_end)]
    cover += graded_by
    u_start = chain[0][0]
    if pre and qm is not None:
        cover.append((qm.start("run"), chain[0][0]))
        u_start = qm.start("run")  # 'No severe deep vein thrombosis within 3 months': the 'No' reaches over them
    if category == "condition" and (pn := _PAST_OR_NOW.search(ctx.text, max(lo, chain[0][0] - 45), chain[0][0])) is not None and all(
            w.lower() in lexicon().filler for w in _WORD.findall(ctx.text, pn.end(), chain[0][0])):
        # 'No other prior or concurrent malignancy within the past 2 years': past or now, in the window
        cover.append((pn.start(), chain[0][0]))
        u_start = pn.start()
    if indication:
        cover.append((chain[-1][1], last[1]))
    return _Unit(rule, u_start, ref_end, [(t[0], t[1]) for t in chain], cover=cover)


_WITHIN_LESS_THAN = _lazy("_WITHIN_LESS_THAN", r"(?i)\s*within\s+less\s+than\b")
_DIAGNOSED_AFTER = _lazy("_DIAGNOSED_AFTER", r"(?i)(?:\(|\b)\s*(?:(?:that|which|who)\s+)?(?:(?:was|were|has\s+been|have\s+been|"
                         r"being)\s+)?(?:first\s+)?diagnos(?:ed|is)\s*$")
"""'diagnosed', '(diagnosis' right before a condition's window ('… or invasive carcinomas diagnosed within', 'multiple
myeloma (diagnosis within 12 months')."""
_DIAGNOSED_BEFORE = _lazy("_DIAGNOSED_BEFORE", r"(?i)\b(?:diagnosed\s+with|diagnosis\s+of)\s+(?:(?:a|an|any|another|other|second|"
                          r"prior|previous|new)\s+)*$")
"""'Diagnosed with another ', 'Diagnosis of a ' right before the condition."""


def _is_duration(value: str) -> bool:
    q = _quantity(value)
    return q is not None and _time_unit(q[1]) is not None


_DURATION_OF = _lazy("_DURATION_OF", r"(?i)\b(?:duration|response|remission|interval|lasting|length|period|course)\b")
"""'Duration of response to prior anti-PD-1 therapy < 3 months': the time is how long something lasted, not when."""
_BEFORE_EVENT = _lazy("_BEFORE_EVENT", r"(?i)\s*(?:prior\s+to|before|preceding|from)\b|\s*$|\s*[.;,]")
"""What may follow '< 6 months' for it to be a window before the study's event (or the clause's end)."""
_SINCE = _lazy("_SINCE", r"(?i)\s*(?:(?:must|should|will|shall)\s+)?(?:have\s+)?(?:elapsed\s+|passed\s+)?(?:since|after|from|following)\s+(?:the\s+)?(?:last\s+|prior\s+|previous\s+|other\s+|any\s+|most\s+recent\s+|completion\s+of\s+(?:the\s+)?(?:last\s+|prior\s+)?|end\s+of\s+)*(?:dose\s+of\s+)?(?:(?:use|treatment|therapy)\s+(?:of|with)\s+)?(?:any\s+)?")


_WASHOUT_SETTING = _lazy("_WASHOUT_SETTING",
    r"(?i)\s*,?\s*(?:given\s+|administered\s+|received\s+)?in\s+the\s+(?P<what>(?:[\w/-]+\s+(?:or|and|and/or)\s+)?[\w/-]+\s+"
    r"(?:setting|disease\s+setting))\b")
_OTHER_GAPS = frozenset(f"{c} {o}{f}".strip() for c in ("or", ", or", "and", ", and", "and/or", ",", "or on", ", or on")
                        for o in ("other", "any other", "another", "other prior")
                        # ('… or on any other form of immunosuppressive medication': the same as 'or any other …', audit
                        # 102 F2: the 'other' was lost after 'form of')
                        for f in ("", " form of", " forms of", " type of", " types of", " kind of", " kinds of"))


def _washout_unit(ctx: _Ctx, a: El, terms: list[tuple[int, int, str]], end: int) -> _Unit | None:
    op = _op_of(a.comp)
    if op not in (">=", ">"):
        return None
    q = _quantity(a.value)
    if q is None:
        return None
    amount, unit = q
    tu = _time_unit(unit)
    if tu is None:
        return None
    m = _SINCE.match(ctx.text, a.end, end)
    if not m or m.end() == a.end:
        return _off_for(ctx, a, terms, amount, tu, op)
    after = [t for t in terms if t[0] >= m.end() and t[0] <= m.end() + 2]
    qualifiers: list[str] = []
    if not after:
        # 'At least 2 weeks since prior local radiotherapy': narrowing words between
        nxt = next((t for t in terms if m.end() < t[0] <= m.end() + 60), None)
        qm = _qualifier_before(ctx, m.end(), nxt[0]) if nxt is not None else None
        if nxt is None or qm is None or qm.start("run") > m.end() + 1:
            return None
        qualifiers = _qualifier_words(qm.group("run"))
        if not qualifiers:
            return None
        after = [nxt]
    chain = [after[0]]
    for t in terms:
        if t[0] <= chain[-1][1]:
            continue
        gap = ctx.text[chain[-1][1] : t[0]].strip().lower()
        qm_in = _qualifier_before(ctx, chain[-1][1], t[0]) if gap not in (",", "or", "and", "and/or", ", or") else None
        if qm_in is not None and qm_in.start("run") > chain[-1][1]:
            rest = ctx.text[chain[-1][1] : qm_in.start("run")].strip().lower()
            words = [w for w in _qualifier_words(qm_in.group("run")) if w not in _STATUS_WORDS]
            if words and rest in (",", "or", "and", "and/or", ", or", ", and"):
                qualifiers = _dedupe(qualifiers + words)  # 'nitrosoureas, mitomycin, or high-dose carboplatin'
                gap = rest
        if gap in (",", "or", "and", "and/or", ", or", ", and") or (
                gap in _OTHER_GAPS and ctx.vocab.terms[t[2]].category == ctx.vocab.terms[chain[-1][2]].category
                and not _ATTRIBUTIVE.match(ctx.text, t[1])):
            chain.append(t)  # ('melphalan or other alkylating agents': the rest of the class, the union is the class)
        else:
            break
    relation = "less_than" if op == ">=" else "within"  # '≥ 14 days since' allows exactly 14 days
    window = ir.Window(relation=relation, amount=amount, unit=tu, reference="screening")  # type: ignore[arg-type]
    cats = {ctx.vocab.terms[t[2]].category for t in chain}
    last_end = chain[-1][1]
    to_event = (tm := _WASHOUT_TO.match(ctx.text, last_end, end)) is not None and _event_slug(tm.group("phrase")) is not None
    # ('… from prior chemotherapy to the first dose': the day it runs to, no site of the therapy)
    post = _THERAPY_FOR.match(ctx.text, last_end, end) if cats <= {"therapy", "procedure"} and not to_event else None
    if post is None and cats <= {"therapy", "procedure"} and not to_event:
        # 'since prior surgery for radiologic or endoscopic diagnosis of gastric or duodenal ulcer': an indication too
        # long to name a kind is a narrowing all the same (left outside, any recent surgery failed)
        post = _FOR_ANYTHING.match(ctx.text, last_end, end)
    if post is None and not to_event and cats <= {"therapy", "procedure"}:
        # 'At least 14 days since prior surgery in the adjuvant or metastatic setting': the setting narrows the washout, as
        # an indication does (left outside, any recent surgery failed, audit 108 F1)
        post = _WASHOUT_SETTING.match(ctx.text, last_end, end)
    if post is None and not to_event and any("radiotherapy" in (t[2], *ctx.vocab.terms[t[2]].ancestors) for t in chain):
        # 'since last radiotherapy to a non-target lesion': the site narrows the washout, inside it (left outside, a
        # radiotherapy elsewhere a week ago failed)
        post = _RADIATED_SITE.match(ctx.text, last_end, end)
    if post is not None:
        # 'since prior radiotherapy to the pelvis', '… chemotherapy for metastatic disease': the record must say so
        qualifiers = _dedupe(qualifiers + [_indication(post)])
        last_end = post.end()
    named = _NAMED_EVENT.match(ctx.text, last_end, end) or _WASHOUT_TO.match(ctx.text, last_end, end)
    if named is not None and (slug := _event_slug(named.group("phrase"))) is not None:
        # 'At least 2 weeks since prior surgery before registration': counted back from registration, not screening
        window = window.model_copy(update={"reference": slug})
        last_end = named.end()
    elif named is not None and any(w.lower() not in lexicon().filler for w in _WORD.findall(named.group("phrase"))):
        # 'At least 2 weeks since last chemotherapy prior to starting study', '… to the start of conditioning', '… at the
        # time of transplant': a day not read, after screening perhaps (counted from screening, a course that ended 12
        # days before screening and 42 before the study's start failed)
        window = window.model_copy(update={"reference": "unread:" + " ".join(named.group("phrase").split())})
        last_end = named.end()
    hist = ir.History(category=cats.pop() if len(cats) == 1 else "any",  # type: ignore[arg-type]
                      concepts=_dedupe([t[2] for t in chain]), window=window, qualifiers=qualifiers,
                      span=_span(ctx, a.start, chain[-1][1]))
    rule = ir.Not(item=hist, span=hist.span)
    cover = [(a.start, chain[0][0])] + [(t[0], t[1]) for t in chain] + [(x[1], y[0]) for x, y in zip(chain, chain[1:])]
    cover.append((chain[-1][1], last_end))
    return _Unit(rule, a.start, last_end, [(t[0], t[1]) for t in chain], cover=cover)


_LOOK_BACK = _lazy("_LOOK_BACK", r"(?i)\b(?:in|within|during|over)\s+(?:the\s+)?(?:past|last|previous|preceding)\b")
"""A narrowing that looks back in time ('requiring systemic treatment in the past 2 years')."""

_NAMED_EVENT = _lazy("_NAMED_EVENT",
    r"(?i)\s*,?\s*(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:date\s+of\s+|time\s+of\s+)?(?P<phrase>[^,;.()]{1,60}?)\s*(?=[,;.()]|$)")


_RADIATED_SITE = _lazy("_RADIATED_SITE",
    r"(?i)\s+to\s+(?:a|an|any|the|one|all)\s+(?P<what>[^\W\d][^.;:()\d]{2,60}?)"
    r"(?=\s*(?:[.;:()]|$)|\s+(?:prior|before|preceding|within|until|and|or|,)\b)")
"""'… radiotherapy to a non-target lesion': where it was given."""
_WASHOUT_TO = _lazy("_WASHOUT_TO",
    r"(?i)\s*,?\s*(?:(?:to|until)(?=\s+(?:the\s+)?(?:date\s+of\s+)?(?:[\w-]+\s+){0,3}?(?:start|starting|beginning|initiation|first|"
    r"day|time|date|enrol+ment|registration|randomi[sz]ation|transplant\w*|conditioning|infusion|study|dos\w+|cycle|entry|"
    r"administration|apheresis|leukapheresis|lymphodepletion)\b)|at\s+the\s+time\s+of)\s+(?:the\s+)?(?:date\s+of\s+)?"
    r"(?P<phrase>[^,;.()]{1,60}?)\s*(?=[,;.()]|$)")
"""'At least 4 weeks from prior chemotherapy to the start of conditioning': the day a washout runs to."""


def _event_slug(phrase: str) -> str | None:
    """The reference event a whole phrase names ('registration', 'the first dose of study drug'), from the lexicon."""
    for rx, slug in lexicon().reference_events:
        if rx.search(phrase):
            return slug
    return None


_OFF_FOR = _lazy("_OFF_FOR", r"(?i)\boff\s+(?:of\s+)?(?P<what>[^.;:()]{1,100}?)\s+for\s+$")


def _off_for(ctx: _Ctx, a: El, terms: list[tuple[int, int, str]], amount: float, tu: str, op: str) -> _Unit | None:
    """'Patients must have been off previous anti-cancer therapy for at least 3 weeks', 'off corticosteroids and
    anticonvulsants for at least 7 days': a washout, as 'at least 3 weeks since …'."""
    if "off" not in ctx.text[max(0, a.start - 120) : a.start]:
        return None
    off = _OFF_FOR.search(ctx.text, max(0, a.start - 120), a.start)
    if off is None:
        return None
    ws, we = off.span("what")
    chain = [t for t in terms if ws <= t[0] and t[1] <= we]
    if not chain:
        return None
    rest = ctx.text[ws:we]
    for ts, te, _ in sorted(chain, reverse=True):
        rest = rest[: ts - ws] + " " + rest[te - ws :]
    filler = lexicon().filler
    if any(w.lower() not in filler and w.lower() not in ("and", "or", "all", "any") for w in _WORD.findall(rest)):
        return None  # ('off steroids for management of symptoms for at least 4 weeks': words not read)
    cats = {ctx.vocab.terms[t[2]].category for t in chain}
    window = ir.Window(relation="less_than" if op == ">=" else "within", amount=amount, unit=tu, reference="screening")  # type: ignore[arg-type]
    hist = ir.History(category=cats.pop() if len(cats) == 1 else "any",  # type: ignore[arg-type]
                      concepts=_dedupe([t[2] for t in chain]), window=window, span=_span(ctx, off.start(), a.end))
    return _Unit(ir.Not(item=hist, span=hist.span), off.start(), a.end, [(t[0], t[1]) for t in chain], cover=[(off.start(), a.end)])


_OTHER_EVENT = _lazy("_OTHER_EVENT",
    r"(?i)\s*(?:of|from|after|before|prior\s+to)\s+(?:the\s+)?(?:beginning|start|starting|initiation|initiating|onset|completion|"
    r"completing|end|diagnosis|last\s+dose|relapse|progression)\b"
    r"(?!\s+(?:of\s+)?(?:the\s+|this\s+)?(?:study|protocol|trial|treatment|therapy|dosing|investigational|enrollment|registration)\b)")
_DAY_WORD = _lazy("_DAY_WORD", r"(?i)\b(?:day|d|cycle|week)\s*$")


def _reference(ctx: _Ctx, start: int, end: int, anchors: list[El], idx: int, unread_ok: bool = False) -> tuple[str, int]:
    """The event a window counts back from ('before signing the informed consent' → consent). With `unread_ok`, an
    event named after 'before'/'prior to' and not read ('before the planned day for the first NKR-2 administration',
    'prior to the start of conditioning') is 'unread:<its words>': no day to count back from (read from screening, a
    surgery 10 days before the first administration passed)."""
    rest = anchors[idx + 1 :]
    if len(rest) >= 3 and rest[0].kind == "lparen" and rest[1].kind == "quantity" and rest[2].kind == "rparen":
        q = _quantity(rest[1].text)
        if q is not None and _time_unit(q[1]) is not None:
            # 'within 14 days (2 weeks) prior to C1D1': the time restated in brackets, then the reference
            start, rest = rest[2].end, rest[3:]
    # ('prior to Day 1', 'before Day 0': the day's number is part of the event's name)
    nxt = next((b for b in rest if b.kind not in ("word", "prep_time") and not (
        b.kind == "number" and _DAY_WORD.search(ctx.text, start, b.start))), None)  # ('Day 1', 'Cycle 1, Day 1')
    limit = nxt.start if nxt is not None else end
    seg = ctx.text[start:limit]
    m = re.match(r"(?is)\s*(?:before|prior(?:\s+to)?|preceding|of|from|until)\s+", seg)
    if not m:
        return "screening", start
    rest_start = start + m.end()
    stop = re.search(r"[,;.()](?!\s*day\s*\d)|\b(?:and|or)\b", ctx.text[rest_start:limit], re.IGNORECASE)  # ('Cycle 1, Day 1')
    rest_end = rest_start + stop.start() if stop else limit
    slug = _event_slug(ctx.text[rest_start:rest_end])
    if slug is not None:
        return slug, rest_end
    phrase = " ".join(ctx.text[rest_start:rest_end].split())
    filler = lexicon().filler
    if (unread_ok and not m.group().strip().lower().startswith(("of", "from", "until"))
            and any(w.lower() not in filler for w in _WORD.findall(phrase)) and not _DAY_WORD.search(phrase)):
        return f"unread:{phrase}", rest_end
    return "screening", start


_ATTRIBUTIVE = _lazy("_ATTRIBUTIVE",
    r"(?i)[\s-]*(?:-?related|-?directed|-?based|-?associated|treatment|therapy|therapies|regimens?|drugs?|agents?|"
    r"toxicity|toxicities|products?|infusion|cells?\b(?!\s+(?:therapy|transplant))|"
    r"(?:are|is)?\s*(?:detectable|detected|undetectable|present\s+in|found\s+in)|"
    r"(?:measurements?|assessments?|evaluations?|imaging|markers?|samples?|specimens?|tissue|blocks?)\b)"
)
_TESTED = _lazy("_TESTED", r"(?i)[\s-]*(?:measurements?|assessments?|evaluations?|imaging|markers?|samples?|specimens?|tissue|blocks?)\b")
"""'Imaging/exams for tumor measurement within 28 days': a test of the tumour, no history of one."""
_THERAPY_HEAD = _lazy("_THERAPY_HEAD", r"(?i)[\s-]*(?:-?based\s+)?(?:treatment|therapy|therapies|regimens?)\b(?!\s*-?(?:related|associated|induced))")
"""'proteasome inhibitor therapy', 'lenalidomide-based regimen': a therapy named with its head noun is the therapy."""
_BY_AMOUNT = _lazy("_BY_AMOUNT", r"(?i)\bby\s+(?:more\s+than\s+|at\s+least\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>\S+?)\s*$")
_INCLUDING_BRACKET = _lazy("_INCLUDING_BRACKET", r"(?i)\(\s*including\b(?![^)]*\b(?:e\.\s?g|eg|such\s+as)\b)")
_EXAMPLES = _lazy("_EXAMPLES", r"(?i)(?:\(\s*(?:including|e\.g\.|eg|such\s+as|i\.e\.)[^)]*$|\bsuch\s+as\s+[^.;:]*$)")


_ONGOING_PROCEDURES = frozenset({"dialysis", "hemodialysis", "peritoneal_dialysis"})
_ON_NOW = _lazy("_ON_NOW", r"(?i)\b(?:on|currently(?:\s+(?:on|receiving|undergoing))?|receiving|undergoing|requiring|requires?|requirement\s+for|need(?:s|ing)?\s+(?:for\s+)?)"
                r"\s+(?:chronic\s+|long-term\s+|regular\s+|maintenance\s+)?$")
_CONCURRENT_PROCEDURE = _lazy("_CONCURRENT_PROCEDURE", r"(?i)\b(?:concurrent|concomitant|simultaneous)\s+"
                              # ('No concurrent use of investigational devices': a device of 2019 is none)
                              r"(?:(?:use|placement|implantation)\s+of\s+(?:an?\s+)?)?(?:\w+\s+)?$")
_CURRENT = _lazy("_CURRENT",
    r"(?i)(?:\b(?:concurrent|concomitant|current(?:ly)?(?:\s+receiving)?|ongoing|simultaneous|"
    r"(?:requirement|need|dependen(?:ce|cy|t))\s+(?:for|on|upon)|requires?|requiring|needs?|needing)|"
    r"(?<!progressed )(?<!progression )(?<!relapsed )(?<!refractory )(?<!failed )(?<!response )(?<!progressing )"
    r"\bon(?:\s+any)?(?:\s+other)?(?:\s+(?:forms?|types?|kinds?)\s+of)?(?=\s+\S*\s*$)|"
    r"\b(?:is|are|be|being|still|patients|subjects|participants|who|or|and)\s+(?:currently\s+|still\s+)?(?:receiving|taking|undergoing|using)|"
    r"^\s*(?:[A-Za-z][\w /-]{0,30}:\s*)?(?:receiving|taking|undergoing))\s+"
    r"(?:(?:therapy|treatment|use|administration|dosing)\s+(?:with|of)\s+)?(?:any\s+)?(?:other\s+)?(?:(?:forms?|types?|kinds?)\s+of\s+)?"
    # ('Concurrent therapeutic oral or IV antibiotics', 'concurrent systemic blorp or chemotherapy': a list's first
    # item's words, then its connector and perhaps a narrowing word of the next; not 'concurrent radiotherapy or prior
    # chemotherapy', '… or had chemotherapy', '… or completed chemotherapy')
    r"(?:\w+(?:-\w+)*\s+){0,2}"
    r"(?:(?:or|and|and/or|,)\s+(?!(?:prior|previous|past|earlier|history|had|has|have|received|receives|completed|"
    r"former|recent|recently|remote|induction|pre-?study|last|underwent|undergone|treated|taken|given|ever)\b)"
    r"(?:\w+(?:-\w+)*\s+)?)?$")


_TIME_CUE = _lazy("_TIME_CUE",
    r"(?i)\b(?:prior|previous(?:ly)?|history|received|receiving|treated|exposure|concurrent|concomitant|current(?:ly)?|"
    r"ongoing|ever|since|within|after|before)\b"
)


_ADEQUACY_WORD = r"(?:adequate|sufficient|acceptable|appropriate|normal|satisfactory)"
_ADEQUACY_PHRASE = _lazy("_ADEQUACY_PHRASE",
    r"(?i)\b" + _ADEQUACY_WORD + r"\s+(?:(?!(?:limits?|range|values?|institutional|" + _ADEQUACY_WORD + r")\b)[\w/-]+,?\s+"
    r"(?:(?:and|or)\s+)?){0,6}?(?:function|functions|reserve|laboratory\s+(?:values|parameters|results)|lab\s+values|labs|"
    r"(?:hematologic|haematologic|hematological|blood)\s+(?:values|parameters|counts))\b"
    # ('… and normal institutional limits of renal function', 'organ function must be adequate', 'renal function within
    # normal limits')
    r"|\bnormal\s+(?:institutional\s+)?(?:limits?|range|values?)\s+of\s+(?:[\w/-]+\s+){0,3}?functions?\b"
    r"|\b(?:organ|renal|hepatic|liver|kidney|cardiac|pulmonary|lung|marrow|bone\s+marrow|hematologic|haematologic)\s+"
    r"(?:and\s+[\w-]+\s+)?(?:function|functions|status)\s+(?:must|should|is|are|to)\s+(?:be\s+)?" + _ADEQUACY_WORD + r"\b"
    r"|\b(?:organ|renal|hepatic|liver|kidney|cardiac|pulmonary|lung|marrow|bone\s+marrow|hematologic|haematologic)\s+"
    r"(?:and\s+[\w-]+\s+)?(?:function|functions)\s+(?:within|in)\s+(?:the\s+)?normal\s+(?:limits|range)\b")
"""A requirement of adequate or normal function ('adequate organ function', 'normal renal function', 'adequate
hematologic, hepatic, and renal function', 'adequate laboratory values')."""
_ADEQUACY_DEFINED = _lazy("_ADEQUACY_DEFINED",
    r"(?i)\s*(?:[:(]|[-–—]\s*(?=\S)|,?\s*(?:as\s+|which\s+is\s+)?(?:defined|indicated|evidenced|demonstrated|shown|measured|"
    r"determined|assessed|follows)\b|,?\s*(?:i\.e\.|namely)|\s+(?:by|per|with\s+the\s+following)\b)")
"""What may follow such a requirement, right after it, and define it: a colon, bracket or dash, 'as defined by',
'i.e.', 'by', 'per'."""


_A_LIMIT_AFTER = _lazy("_A_LIMIT_AFTER",
    r"(?i)[<>≤≥]|=<|>=|\b(?:at\s+least|at\s+most|less\s+than|greater\s+than|more\s+than|no\s+(?:more|greater|less)\s+than|"
    r"within\s+(?:the\s+)?(?:institutional\s+)?normal\s+(?:limits|range))\b|[x×]\s*ULN\b|\bULN\b")


def _undefined_adequacy(sub: str, scoped: int = 0) -> bool:
    """Whether `sub` holds a requirement of adequate or normal function it does not define right after it ('… and
    adequate organ function'; not 'Adequate renal function: …', nor a label in brackets, '(adequate renal function)').
    Those after a group's scope (`scoped`: 'Age 8 and under: …') are read with the rest the scope heads."""
    for m in _ADEQUACY_PHRASE.finditer(sub):
        if m.start() >= scoped > 0:
            continue
        if _ADEQUACY_DEFINED.match(sub, m.end()) and _A_LIMIT_AFTER.search(sub, m.end()):
            continue  # (a definition says how the function is measured: not '— labs must be within 14 days')
        if sub[: m.start()].rstrip().endswith("(") and re.match(r"\s*\)", sub[m.end() :]):
            continue  # ('creatinine clearance ≥ 60 mL/min (adequate renal function)': a label of the limit before)
        return True
    return False


_REFRACTORY_TO = _lazy("_REFRACTORY_TO",
    r"(?i)(?<!non-)(?<!non–)(?<!non)(?<!non )(?<!not )(?<!not be )\b(?:(?:double|triple|quad(?:ruple)?|penta)[-\s]+(?:class[-\s]+)?)?"
    r"refractory\s+to\s+"
    r"(?:(?:an?|the|both|either|any|prior|previous|at\s+least\s+one)\s+)*")
_REFRACTORY_PERMITTED = _lazy("_REFRACTORY_PERMITTED",
    r"(?i)\b(?:are|is)\s+(?:also\s+)?(?:eligible|allowed|permitted|included|acceptable)\b|\b(?:will|may|can)\s+(?:be\s+)?"
    r"(?:included|enrolled|eligible|participate|allowed|permitted)\b")
_NEGATED_REFRACTORY_TO = _lazy("_NEGATED_REFRACTORY_TO", r"(?i)\b(?:non[-–]?\s*|not\s+(?:be\s+)?)refractory\s+to\b[^;.()]*")
"""'non-refractory to lenalidomide', 'not refractory to platinum': given it without becoming refractory, or not refractory
at all? The therapies named in it are not read (as a history they failed a patient never given them)."""
_REFRACTORY_LIST_WORDS = _lazy("_REFRACTORY_LIST_WORDS", r"(?i)(?:[\s,/]|\b(?:and|or|and/or|an?|the|both|either|any|to|but|not)\b)*")
_REFRACTORY_LIST_GAP = _lazy("_REFRACTORY_LIST_GAP",
    r"(?i)\s*(?:,\s*(?:and|or|and/or)?|and|or|and/or|,?\s*(?:but\s+)?not)\s+(?:(?:an?|the|both|either|any|prior|previous|to)\s+)*")
"""Between the therapies of a 'refractory to' list ('… and a PI'; '… but not lenalidomide': not refractory to it)."""


def _in_refractory_list(ctx: _Ctx, terms: list[tuple[int, int, str]], start: int, s: int) -> bool:
    """Whether the term at `s` is an item of the list 'refractory to' opens: only therapies named, articles and
    connectors between ('refractory to an IMiD and a PI'; not 'refractory to lenalidomide or intolerant of pomalidomide')."""
    heads = list(_REFRACTORY_TO.finditer(ctx.text, max(start, s - 120), s))
    if not heads:
        return False
    pos = heads[-1].end()
    for ts, te, tid in terms:
        if te <= pos or ts >= s:
            continue
        if ctx.vocab.terms[tid].category != "therapy" or not _REFRACTORY_LIST_WORDS.fullmatch(ctx.text, pos, ts):
            return False
        pos = te
    return _REFRACTORY_LIST_WORDS.fullmatch(ctx.text, pos, s) is not None


_WHOLE_REFRACTORY = _lazy("_WHOLE_REFRACTORY",
    r"(?i)\s*(?:(?:patients?|subjects?|participants?)\s+)?(?:(?:must|should)\s+)?(?:(?:be|have|has|is|are|with)\s+)?(?:documented\s+)?"
    r"(?:(?P<n>[a-z]+)[-\s]+class[-\s]+(?P<how>refractory|refractoriness|exposed|exposure)|"
    r"(?P<what>[^\s,;:()][^,;:()]*?)[-\s]+refractory|"
    r"(?:refractory\s+(?:or|and/or)\s+(?P<i1>intolerant)|(?P<i2>intolerant)\s+(?:or|and/or)\s+refractory)\s+(?:to|of)\s+"
    r"(?:(?:an?|the|prior|previous|at\s+least\s+one)\s+)?(?P<what2>[^,;:()]*?[\w)]))"
    r"(?:\s+(?:disease|(?P<mm>multiple\s+myeloma|myeloma|MM|RRMM)))?\s*[.;]?\s*")
"""A whole clause that says refractoriness to a named therapy or to a group of classes, or exposure to the group."""


def _named_refractoriness(ctx: _Ctx, sub: str, start: int, end: int) -> ir.Rule | None:
    """'Lenalidomide-refractory disease', 'Must be lenalidomide refractory': refractory to it (as 'refractory to
    lenalidomide'); 'Triple-class refractory multiple myeloma': refractory to a therapy of each class the lexicon's
    `class_groups` names ('Triple-class exposed': given one of each). None for anything else, 'non-lenalidomide-refractory'
    and 'penta-refractory' among them."""
    m = _WHOLE_REFRACTORY.fullmatch(sub)
    if m is None:
        return None
    span = _span(ctx, start, end)
    # ('Bortezomib refractory multiple myeloma': the myeloma is asked too)
    disease: list[ir.Rule] = [ir.History(category="condition", concepts=["multiple_myeloma"], span=span)] if m.group("mm") else []
    if m.group("n") is not None:
        classes = lexicon().class_groups.get(m.group("n").lower())
        if not classes:
            return None
        if m.group("how").lower().startswith("expos"):
            items: list[ir.Rule] = [ir.History(category="therapy", concepts=[c], span=span) for c in classes]
        else:
            items = [ir.Refractory(scope="therapy", concepts=[c], span=span) for c in classes]
        return ir.AllOf(items=disease + items, span=span)
    group = "what" if m.group("what") is not None else "what2"
    a = start + m.start(group)
    b = start + m.end(group)
    lead = re.match(r"(?i)(?:an?|the|prior|previous)\s+", ctx.text[a:b])
    if lead:
        a += lead.end()
    if re.match(r"(?i)non\b|not\b|double\b|dual\b|triple\b|quad|penta|primary\b|relapsed\b|and\b|or\b", ctx.text[a:b]):
        return None
    # (found in the words alone: a therapy followed by '-refractory' is no mention of it being given, `_all_mentions`)
    found = ctx.vocab.find_terms_and_halves(ctx.text[a:b])[0]
    if len(found) != 1 or (found[0][0], found[0][1]) != (0, b - a) or ctx.vocab.terms[found[0][2]].category != "therapy":
        return None
    refr: ir.Rule = ir.Refractory(scope="therapy", concepts=[found[0][2]], span=span)
    if group == "what2":
        # 'Refractory or intolerant to lenalidomide': given it, and refractory to it or intolerant of it (intolerance is
        # not read: a course stopped for toxicity may say it)
        intolerant = ir.FreeText(text=f"intolerant of {ctx.text[a:b].strip()}", reason="not_understood", span=span)
        given = ir.History(category="therapy", concepts=[found[0][2]], span=span)
        refr = ir.AllOf(items=[given, ir.AnyOf(items=[refr, intolerant], span=span)], span=span)
    return ir.AllOf(items=[*disease, refr], span=span) if disease else refr


def _refractory_to(ctx: _Ctx, units: list[_Unit], start: int, end: int) -> list[_Unit]:
    """'Refractory to lenalidomide', 'double refractory to a proteasome inhibitor and an immunomodulatory drug': the
    therapies named right after 'refractory to' (a list joined by 'and' / 'or') are no history of being given but of
    the disease progressing on them (read as given, any patient given lenalidomide passed)."""
    out = list(units)
    if _REFRACTORY_PERMITTED.search(ctx.text, start, end):
        return out  # ('Patients refractory to lenalidomide are eligible': a permission, not read as a requirement here)
    for m in _REFRACTORY_TO.finditer(ctx.text, start, end):
        pos, first = m.end(), True
        for k in sorted(range(len(out)), key=lambda j: out[j].start):
            u = out[k]
            if u.start < pos:
                continue
            gap_ok = not ctx.text[pos : u.start].strip() if first else _REFRACTORY_LIST_GAP.fullmatch(ctx.text, pos, u.start)
            r = u.rule
            if not gap_ok or not (isinstance(r, ir.History) and r.category == "therapy" and r.window is None and not r.qualifiers
                                  and not r.excluding and not r.other and r.min_grade is None):
                break
            refr = ir.Refractory(scope="therapy", concepts=list(r.concepts), span=r.span)
            out[k] = replace(u, rule=refr, cover=[*u.cover, (m.start(), m.end())] if first else u.cover)
            pos, first = u.end, False
    return out  # (the IMWG bracket after the list is blanked by `_clause` before this reading)


_REFRACTORY_DEFINED = _lazy("_REFRACTORY_DEFINED",
    r"(?i)[^()]{0,60}?(?P<open>\()\s*(?:i\.e\.,?\s*|defined\s+as\s+|refractory\s+(?:is\s+)?defined\s+as\s+)?"
    r"(?:failure\s+to\s+achieve\s+(?:at\s+least\s+)?(?:a\s+)?minimal\s+response\s+or\s+)?(?:disease\s+)?progression\s+"
    r"(?:(?:while\s+)?on\s+or\s+within|during\s+or\s+within)\s+60\s+days\b"
    r"(?:(?!\b(?:unless|except|eligible|allowed|permitted|intolerant|intolerance|or\s+if|and\s+patients)\b)[^()0-9;])*\)")
"""The IMWG definition of refractory in a bracket after it (and no other: a stricter one, '(progression within 30 days
of the last dose)', is not what the record's 'refractory' says)."""


def _closing_paren(text: str, at: int, end: int) -> int | None:
    """The index of the ')' closing the '(' at `at`, before `end`, or None."""
    depth = 0
    for i in range(at, end):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


_REFRACTORY = _lazy("_REFRACTORY",
    r"(?i)\brefractory\s+to\s+(?:the\s+|their\s+|his\s+or\s+her\s+)?(?:last|most\s+recent|latest|immediately\s+prior|prior)\s+"
    r"(?:line\s+of\s+(?:therapy|treatment)|therapeutic\s+regimen|treatment\s+regimen|anti-?(?:multiple\s+)?myeloma\s+regimen|"
    r"regimen|line|therapy|treatment)\b"
)


_PROGRESSED_ON_LAST = _lazy("_PROGRESSED_ON_LAST",
    r"(?i)\b(?:(?:documented|confirmed)\s+(?:evidence\s+of\s+)?)?(?:disease\s+progression|progression\s+of\s+(?:the\s+)?disease|"
    r"progressive\s+disease|progression)(?:\s+(?:documented|confirmed))?\s+(?:on\s+or\s+)?(?:during|on)\s+or\s+within\s+60\s+days\s+"
    r"(?:\((?:measured\s+)?from\s+the\s+(?:end|last\s+dose)\s+of\s+the\s+last\s+(?:cycle|dose)\)\s+)?"
    r"(?:after|of|following|from)\s+(?:the\s+)?(?:(?:completion|end|last\s+dose)\s+of\s+|completing\s+)?"
    r"(?:the\s+|their\s+|his\s+or\s+her\s+)?(?:last|most\s+recent(?:ly\s+received)?|latest)\s+(?:prior\s+)?(?:line\s+of\s+(?:therapy|treatment)|"
    r"therapeutic\s+regimen|treatment\s+regimen|anti-?(?:multiple\s+)?myeloma\s+(?:drug\s+|therapeutic\s+)?regimen|regimen|line|"
    r"therapy|treatment)\b(?!\s+(?:containing|contained|with|including|that|which|consisting|based|of)\b)(?!-)")


_HISTOLOGY_CUE = _lazy("_HISTOLOGY_CUE",
    r"(?i)\b(?:histologically|cytologically|pathologically|histopathologically)(?:\s+(?:and/or|or|and)\s+\w+)?[\s-]+"
    r"(?:confirmed|proven|documented|verified)\s+(?:(?:diagnosis\s+of|newly\s+diagnosed)\s+)?(?:[\w-]+\s+){0,2}$")


def _diagnosed_cancer(ctx: _Ctx, term: Term, start: int, s: int, end: int) -> bool:
    """'Histologically confirmed primary brain glioma', '… renal cell carcinoma that is metastatic or recurrent': the
    cancer a diagnosis criterion names is required, whatever words not read narrow it (they stay free text). Not a
    heading over its kinds ('… of 1 of the following types:'), which the items decide."""
    return (term.category == "condition" and "malignancy" in term.ancestors and ctx.section == "inclusion"
            and _HISTOLOGY_CUE.search(ctx.text, max(start, s - 90), s) is not None
            and not re.search(r"(?i)\bfollowing\b|:\s*$|\bor\b|\bunless\b|\bif\b", ctx.text[start:end]))


_LINES_INCLUDED = _lazy("_LINES_INCLUDED",
    r"(?i)\s*,?\s*\(?\s*(?:including|incl\.?|(?:which|that)\s+(?:must\s+)?(?:have\s+)?(?:included|includes?))\s+"
    r"(?:(?:a|an|the|both|at\s+least\s+one|prior|previous)\s+)*")
"""Between counted lines and a therapy they held: 'prior lines of therapy including a …', '…, which must have included'."""


def _held_by_lines(ctx: _Ctx, term: Term, concepts: list[tuple[int, int, str]], s: int) -> bool:
    """Whether the therapy or procedure at `s` is one the counted lines named before it held ('at least 3 prior lines of
    therapy including a proteasome inhibitor, an immunomodulatory agent and an anti-CD38 antibody'): after the lines'
    'including', in the same list (no number, limit, bracket's end or sentence's end between)."""
    return term.category in ("therapy", "procedure") and any(
        cid == "prior_lines" and ce <= s and _LINES_INCLUDED.match(ctx.text, ce) is not None
        and _NOT_IN_LIST.search(ctx.text, ce, s) is None for _, ce, cid in concepts)


def _unread_lines_holding(ctx: _Ctx, units: list[_Unit], start: int, end: int) -> bool:
    """A history read after counted lines and their 'including' / 'e.g.' when the count itself is not read."""
    if any(isinstance(x, (ir.Comparison, ir.Range)) and x.concept == "prior_lines" for u in units for x in ir.leaves(u.rule)):
        return False
    lines = [ce for _, ce, cid in _concept_mentions(ctx, start, end) if cid == "prior_lines"]
    return any(isinstance(x, ir.History) and ce <= u.start and (_LINES_INCLUDED.match(ctx.text, ce) or _LINES_EXAMPLES.match(
        ctx.text, ce)) and _NOT_IN_LIST.search(ctx.text, ce, u.start) is None for u in units for x in ir.leaves(u.rule) for ce in lines)


_LINES_EXAMPLES = _lazy("_LINES_EXAMPLES", r"(?i)\s*,?\s*\(?\s*(?:e\.\s?g\.?|eg\b\.?|such\s+as|for\s+(?:example|instance))")
_NOT_IN_LIST = _lazy("_NOT_IN_LIST", r"[;.)<>≤≥=\d]")


def _near_cue(ctx: _Ctx, start: int, s: int) -> bool:
    """A history cue ('history of', 'prior', 'no', 'active') right before a term, with no punctuation between."""
    window = ctx.text[max(start, s - 40) : s]
    run = _qualifier_run_ending(window)
    if run is not None:  # 'No uncontrolled, life-threatening infection': the narrowing words are transparent
        window = window[: run.start("run")] + " uncontrolled "
    for m in _HISTORY_CUES.finditer(window):
        between = window[m.end() :]
        if not re.search(r"[,;:.()]", between) and len(between.split()) <= 3:
            return True
    return False


def _chained_to(ctx: _Ctx, units: list[_Unit], s: int) -> _Unit | None:
    """The history unit a term is listed with ('CRS or neurotoxicity'), if only a connector separates them."""
    before = [u for u in units if u.end <= s and isinstance(_graded_core(u.rule), ir.History)]  # (a grade hedge too)
    if not before:
        return None
    gap = ctx.text[before[-1].end : s].strip().lower()
    if gap.startswith("(") and (m := re.match(r"\([^()]*\)\s*", gap)):
        gap = gap[m.end() :]  # 'active tuberculosis (TB) or HIV infection': a bracket after the first changes nothing
    return before[-1] if gap in ("or", "and", ",", "and/or", ", or", ", and", "/") or gap in _OTHER_GAPS else None


_OTHER_BEFORE = _lazy("_OTHER_BEFORE", r"(?i)\b(?:other|another)\s+(?:[\w-]+\s+){0,2}$")
_OTHER_CLOSES_LIST = _lazy("_OTHER_CLOSES_LIST", r"(?i)(?:,|\band\b|\bor\b)\s*(?:any\s+|all\s+)?other\s+$")


def _is_other(ctx: _Ctx, s: int, e: int, start: int) -> bool:
    """'other malignancy', 'another cancer', 'second primary malignancy'."""
    return bool(_OTHER_QUALIFIER.search(ctx.text[max(start, s - 36) : s])) or bool(
        re.match(r"(?i)(?:other|another|second)\b", ctx.text[s:e])
    )


_GRADE_RUN_GAP = _lazy("_GRADE_RUN_GAP", r"(?i)\s*,?\s*(?:(?:and/)?or\s*)?")
_GradeRun = tuple[int, int, "int | None", bool]  # (start, end, lowest grade barred or None where unreadable, capped)


def _grade_runs(text: str, grades: list[re.Match[str]], terms: list[tuple[int, int, str]]) -> list[_GradeRun]:
    """The grade phrases, those listed together ('grade 2, grade 3 or grade 4') made one run barring the lowest; a run
    with a cap beside another grade has no grade read (which one binds is not said). Not two grades each next to a term
    of its own ('CRS grade 3, grade 4 ICANS': the first follows CRS, the second opens ICANS)."""
    runs: list[tuple[int, int, list[tuple[int, bool]]]] = []
    ends = {te for _, te, _ in terms}
    starts = {ts for ts, _, _ in terms}

    def plain(g: re.Match[str]) -> bool:  # ('grade 3', not 'grade ≥ 3' nor 'grade 1-2')
        return not any(g.group(k) for k in ("upto", "pre", "post", "hi", "orhigher", "orlower"))

    def after_term(at: int) -> bool:
        k = at
        while k > 0 and text[k - 1] in " \t(":
            k -= 1
        return k in ends

    def before_term(at: int) -> bool:
        k = at
        while k < len(text) and text[k] in " \t":
            k += 1
        return k in starts

    first: re.Match[str] | None = None
    last: re.Match[str] | None = None
    for g in sorted(grades, key=lambda m: m.start()):
        if (runs and last is not None and first is not None and plain(last) and plain(g)
                and _GRADE_RUN_GAP.fullmatch(text, runs[-1][1], g.start())
                and not (after_term(first.start()) and before_term(g.end()))):
            a, _, vals = runs[-1]
            runs[-1] = (a, g.end(), vals + [_graded(g)])
        else:
            runs.append((g.start(), g.end(), [_graded(g)]))
            first = g
        last = g
    out: list[_GradeRun] = [(a, b, None if len(vals) > 1 and any(c for _, c in vals) else min(n for n, _ in vals), vals[0][1])
                            for a, b, vals in runs]
    if "any" in text.lower() or "all" in text.lower():
        # 'ICANS of any grade', 'CRS (any grade)': a grade of its own, which bars every grade (0: none asked)
        out = sorted(out + [(m.start(), m.end(), 0, False) for m in _ANY_GRADE.finditer(text)])
    return out


_ANY_BEFORE = _lazy("_ANY_BEFORE", r"(?i)\bany\s+$")
_ANY_GRADE = _lazy("_ANY_GRADE", r"(?i)\(\s*(?:of\s+)?(?:any|all)\s+grades?\s*\)|\b(?:of\s+)?(?:any|all)[\s-]+grades?\b"
                   r"(?!\s*(?:[<>≤≥=⩾⩽]|\d|at\s+least|greater|more|higher|above|over|below|less|lower|under|up\s+to|of\s+\d))")
"""'ICANS of any grade', 'CRS (any grade)' (not 'any grade ≥ 3', 'any grade 3 or 4')."""


def _grade_gap(text: str, a: int, b: int, s: int, e: int) -> int | None:
    """How far the grade run at (a, b) is from the term at (s, e), in characters, where it is next to it: just before it
    ('grade ≥ 3 CRS') or just after it ('CRS grade 3'); None where it is not."""
    if b <= s:
        gap = text[b:s]
        if re.fullmatch(r"(?i)\s*(?:or|and|and/or|nor)\s*", gap):
            # ('Peripheral neuropathy ≥ grade 2 or stroke': the grade ends the item before; 'grade ≥ 3 CRS or ICANS'
            # has the item between them)
            return None
        return len(gap) if not re.search(r"[,;.:()]", gap) and len(gap.split()) <= 3 else None
    if e <= a and not re.search(r"[,;.:]|(?i:\b(?:or|and|nor)\b)", text[e:a]) and a - e <= 12:
        return a - e  # (not after 'or': 'acute GVHD or any grade chronic GVHD', the grade opens the next item)
    return None


def _graded_core(rule: ir.Rule) -> ir.Rule:
    """The history inside a grade hedge (`_grade_after_next`'s 'any grade or that grade'), else the rule itself."""
    if (isinstance(rule, ir.AnyOf) and len(rule.items) == 2 and isinstance(rule.items[0], ir.History)
            and isinstance(rule.items[1], ir.AllOf) and rule.items[1].items and isinstance(rule.items[1].items[0], ir.History)
            and isinstance(rule.items[1].items[-1], ir.FreeText) and rule.items[1].items[-1].text.startswith("whether the grade after")):
        return rule.items[1].items[0]
    if (isinstance(rule, ir.AnyOf) and len(rule.items) == 2 and _measures(rule.items[0]) and isinstance(rule.items[1], ir.AllOf)
            and len(rule.items[1].items) == 2 and isinstance(rule.items[1].items[0], ir.History)
            and isinstance(rule.items[1].items[1], ir.FreeText) and rule.items[1].items[1].text.startswith("whether the recorded")):
        return rule.items[1].items[0]  # (a condition with its definition in brackets: `_defined_conditions`)
    if (isinstance(rule, ir.AllOf) and len(rule.items) == 2 and isinstance(rule.items[0], ir.History)
            and rule.items[0].category == "condition" and (_measures(rule.items[1]) or (
                isinstance(rule.items[1], ir.AnyOf) and _measures(rule.items[1].items[0])))):
        return rule.items[0]  # (a condition with its own measure: `_qualifies`)
    return rule


def _grade_after_next(text: str, runs: list[_GradeRun], terms: list[tuple[int, int, str]], e: int) -> _GradeRun | None:
    """The grade run right after the last item of a list this term (ending at e) opens or goes on ('CRS or ICANS of grade
    3 or higher', 'CRS, ICANS and neurotoxicity of grade 3 or higher'); None otherwise."""
    for run in runs:
        if run[0] < e or run[2] is None or run[3]:
            continue
        nxt = sorted(t for t in terms if e < t[0] and t[1] <= run[0])
        if not nxt or _grade_gap(text, run[0], run[1], nxt[-1][0], nxt[-1][1]) is None:
            return None
        joints = [text[a:b] for a, b in zip([e] + [t[1] for t in nxt[:-1]], [t[0] for t in nxt])]
        if not all(_LIST_JOINT.fullmatch(j) for j in joints):
            return None
        return run
    return None


_LIST_JOINT = _lazy("_LIST_JOINT", r"(?i)\s*(?:,\s*(?:or\s+|and/or\s+|and\s+)?|or\s+|and/or\s+|and\s+)")


def _grade_of(text: str, runs: list[_GradeRun], terms: list[tuple[int, int, str]], s: int, e: int, borrow: bool = True
              ) -> tuple[int | None, bool, list[tuple[int, int]]] | None:
    """The grade a term is read with (lowest barred, capped, the spans read), or None where it cannot be told. A run is
    the nearest term's ('CRS grade 3 or ICANS grade 4', 'grade ≥ 3 CRS or grade ≥ 2 ICANS': each its own); a term with
    none of its own takes those next to it ('grade ≥ 3 CRS or ICANS': the grade covers the list)."""
    near: list[_GradeRun] = []
    own: list[_GradeRun] = []
    for run in runs:
        gap = _grade_gap(text, run[0], run[1], s, e)
        if gap is None:
            continue
        near.append(run)
        others = [g for ts, te, _ in terms if (ts, te) != (s, e) and (g := _grade_gap(text, run[0], run[1], ts, te)) is not None]
        if all(gap <= g for g in others):
            own.append(run)
    chosen = own or (near if borrow else [])  # ('CRS grade 3 or any ICANS': any, no grade borrowed)
    if not chosen:
        return None, False, []
    if any(r[2] is None for r in chosen) or (len(chosen) > 1 and any(r[3] for r in chosen)):
        return None
    lowest = min(r[2] for r in chosen if r[2] is not None)
    return (lowest or None), chosen[0][3], [(r[0], r[1]) for r in chosen]


_HALF_JOIN = _lazy("_HALF_JOIN", r"(?i)\s*(?:/|,|or|and|and/or)\s*")
"""What joins a half of a coordinated phrase to the whole after it ('sensory / motor neuropathy', 'sensory or …')."""
_LOWER_GRADE_OR = _lazy("_LOWER_GRADE_OR", r"(?i)\s*,?\s*or\s+")
_LOWER_GRADE_NARROWED = _lazy("_LOWER_GRADE_NARROWED",
    r"(?i)\s+(?P<w>(?:with|without|requiring|causing|associated\s+with|accompanied\s+by)\s+[^,;.()0-9<>≤≥=]*?[\w)])\s*(?=[,;.]|$)")


def _lower_grade_alternative(ctx: _Ctx, hist: ir.History, runs: list[_GradeRun], at: int, end: int
                             ) -> tuple[ir.Rule, int, tuple[int, int]] | None:
    """'… grade ≥ 3, or grade 2 with pain': the rule with the lower grade as an alternative under the words that narrow
    it, the end of those words, and the lower grade's span; None when the text is not so."""
    m = _LOWER_GRADE_OR.match(ctx.text, at, end)
    if m is None:
        return None
    run = next((r for r in runs if r[0] == m.end()), None)
    if run is None or run[2] is None or run[3] or hist.min_grade is None or run[2] >= hist.min_grade:
        return None
    w = _LOWER_GRADE_NARROWED.match(ctx.text, run[1], end)
    if w is None or ctx.text[w.end() : end].strip(" ;,."):
        return None  # (only the narrowing words to the clause's end)
    span = _span(ctx, m.start(), w.end())
    lower = hist.model_copy(update={"min_grade": run[2] or None, "span": span})  # ('or any grade with pain': any)
    narrowing = ir.FreeText(text=ctx.text[w.start("w") : w.end("w")].strip(), reason="not_understood",
                            span=_span(ctx, w.start("w"), w.end("w")))
    rule = ir.AnyOf(items=[hist, ir.AllOf(items=[lower, narrowing], span=span)], span=_span(ctx, hist.span[0] - ctx.offset if
                    hist.span else m.start(), w.end()))
    return rule, w.end(), (run[0], run[1])


def _bare_units(
    ctx: _Ctx,
    els: list[El],
    concepts: list[tuple[int, int, str]],
    terms: list[tuple[int, int, str]],
    used: set[tuple[int, int]],
    units: list[_Unit],
    grades: list[re.Match[str]],
    start: int,
    end: int,
) -> list[_Unit]:
    """Flags ('pregnant') and history terms mentioned without an anchor."""
    out: list[_Unit] = []
    heads: dict[int, _Unit] = {}  # each listed history unit's first item
    needs: list[tuple[int, str, str, str]] = []  # (index of the unit, its need, its kind, its term) of 'X or Y requiring …'

    staged: list[list[El]] = []

    def unstaged() -> list[El]:
        """The clause's elements without its stage phrases ('Stage IV breast cancer' is only terms)."""
        if not staged:
            if "tage" not in ctx.text[start:end]:
                staged.append(els)
            else:
                spans = [(m.start(), m.end()) for m in _STAGE_PHRASE.finditer(ctx.text, start, end)]
                staged.append([x for x in els if not any(a <= x.start and x.end <= b for a, b in spans)])
        return staged[0]

    with_needs: list[list[tuple[int, int, str]]] = []

    def needed() -> list[tuple[int, int, str]]:
        """The terms, with what a condition needed right after it ('Hepatitis C infection requiring treatment'): the
        words that narrow it are part of it."""
        if not with_needs:
            extra = [(te, m.end(), tid) for _, te, tid in terms if ctx.vocab.terms[tid].category == "condition"
                     and (m := _NEEDING.match(ctx.text, te, end)) is not None]
            with_needs.append(terms + extra)
        return with_needs[0]

    covered = [(u.start, u.end) for u in units]
    runs = _grade_runs(ctx.text, grades, terms) if grades or "rade" in ctx.text[start:end] else []
    windowed = [u for u in units if isinstance(u.rule, ir.History) and u.rule.window is not None and u.rule.category == "condition"]
    for u in units:
        if isinstance(u.rule, (ir.OneOf, ir.Range, ir.Comparison)) and u.rule.concept == "nyha" and (
                m := _NYHA_NOUN.match(ctx.text, u.end, end)):
            covered.append((m.start(), m.end()))  # 'NYHA class IV heart failure': the class's noun, no history of its own
    for s, e, cid in concepts:
        c = ctx.vocab.concepts[cid]
        if c.kind != "flag" or (s, e) in used or any(cs <= s and e <= ce for cs, ce in covered):
            continue
        out.append(_Unit(ir.Finding(concept=cid, value="positive", span=_span(ctx, s, e)), s, e, [(s, e)], cover=[(s, e)]))
    for s, e, tid in terms:
        if (s, e) in used or any(cs <= s and e <= ce for cs, ce in covered):
            continue
        if any(cs <= s and e <= ce for u in out for cs, ce in u.cover):
            continue  # 'radiotherapy for brain tumor': inside the narrowing words of a unit already read
        term = ctx.vocab.terms[tid]
        prefix = ctx.text[max(start, s - 60) : s]
        if term.category != "condition" and _CONTEXT_PREPS.search(prefix) and any(
            ctx.vocab.terms[t].category == "condition" for _, te, t in terms if te <= s
        ):
            continue  # 'CRS in previous CAR-T therapy': the therapy is context, not a condition
        if term.category == "therapy" and _FIELD_AFTER.match(ctx.text, e) and _OUTSIDE_BEFORE.search(prefix):
            continue  # 'Evaluable disease outside prior radiotherapy field': where the disease is, no therapy required
        if term.category == "therapy" and _REQUIRING.search(prefix) and any(
            ctx.vocab.terms[t].category == "condition" for _, te, t in terms if te <= s
        ):
            continue  # 'infection requiring systemic therapy': the treatment the condition needs, not a history
        if re.match(r"\s*:", ctx.text[e : e + 3]) and not _near_cue(ctx, start, s):
            continue  # 'Chemotherapy: See Disease Characteristics': a sub-heading names the topic, it requires nothing
        if _context_only(ctx.text[max(start, s - 60) : s]):
            continue  # 'recovered from prior surgery', 'they may have received a taxane': not a requirement of it
        s0 = s
        if term.category == "condition" and (qm0 := _qualifier_before(ctx, start, s)) is not None:
            s0 = qm0.start("run")  # 'chemotherapy for inoperable locally advanced or metastatic urothelial carcinoma'
        if term.category == "condition" and any(ctx.vocab.terms[t].category == "therapy" and te <= s0
                                                and _INDICATION_AFTER.fullmatch(ctx.text, te, s0) for _, te, t in terms):
            continue  # 'chemotherapy for lymphoma': the indication narrows the therapy; it is no condition of its own
        if term.category == "condition" and any(
                ctx.vocab.terms[t].category in ("therapy", "procedure") and te <= s0
                and _FOR_WITHIN.fullmatch(ctx.text, te, s0) and len(ctx.text[te:s0].split()) > 3 for _, te, t in terms):
            # 'surgery for radiologic or endoscopic diagnosis of gastric or duodenal ulcer': inside the therapy's
            # indication, after words not read; no condition of its own (nor an alternative to the therapy)
            continue
        if (term.category == "condition"
                and _may_say(ctx.text[max(start, s - 80) : s], "treat", "regimen", "drug", "agent", "surger",
                             "resection", "therap")
                and _TREATMENT_FOR.search(ctx.text, max(start, s - 80), s)):
            continue  # 'previously received treatment to multiple myeloma': the disease treated, no history asked of it
        if (tid == "infection" or "infection" in term.ancestors) and _INFECTION_WITH.match(ctx.text, e):
            continue  # 'infection with HIV, hepatitis B …': the infections are the ones named after it
        if _RECEPTOR.match(ctx.text, e):
            continue  # 'human epidermal growth factor receptor 2': a receptor, not the therapy named like it
        if (_ATTRIBUTIVE.match(ctx.text, e) and not (term.category == "therapy" and _THERAPY_HEAD.match(ctx.text, e))) or (
                _may_say(ctx.text[max(start, s - 120) : s], "(", "such")
                and (ex := _EXAMPLES.search(ctx.text, max(start, s - 120), s)) is not None and not (
                    _INCLUDING_BRACKET.match(ex.group()) and _held_by_lines(ctx, term, concepts, s))):
            # 'prior MM treatment', '(including … investigational drugs)': not a condition of its own (but '3 prior lines
            # (including a proteasome inhibitor and an IMiD)' says what the counted lines held)
            continue
        # (a run never reaches into the term named before: 'systemic or inhaled corticosteroids' with
        # 'systemic [corticosteroids]' read, 'systemic' narrows no inhaled ones)
        pre = _qualifier_before(ctx, max([start] + [te for _, te, _ in terms if te <= s]), s)
        chained = _chained_to(ctx, out, pre.start("run") if pre else s)  # 'A, acute B': B's own words come first
        if chained is None and windowed:
            # 'myocardial infarction within 6 months, cardiomyopathy': listed after a windowed history, an item of its own
            chained = _chained_to(ctx, sorted(windowed + out, key=lambda u: u.end), pre.start("run") if pre else s)
        graded = _grade_of(ctx.text, runs, terms, s, e, borrow=not _ANY_BEFORE.search(ctx.text, max(start, s - 6), s))
        via_whole = False
        if (graded is not None and graded[0] is None and not graded[2] and runs and (s, e) in _all_mentions(ctx.text)[2]
                and (whole := next((t for t in terms if t[0] >= e and _HALF_JOIN.fullmatch(ctx.text, e, t[0])), None)) is not None):
            # 'Sensory or motor neuropathy ≥ grade 2': a half shares its whole's head noun, and so the grade after it
            graded = _grade_of(ctx.text, runs, terms, whole[0], whole[1],
                               borrow=not _ANY_BEFORE.search(ctx.text, max(start, whole[0] - 6), whole[0]))
            via_whole = True
        if graded is None:
            continue  # (a cap beside another grade: which one binds is not read)
        min_grade, capped, graded_by = graded
        # ('Prior CRS or ICANS of grade 3 or higher': the grade after the next item may be this one's too)
        grade_after = _grade_after_next(ctx.text, runs, terms, e) if (
            runs and term.category == "condition" and min_grade is None and not graded_by) else None
        if not (chained or _HISTORY_CUES.search(ctx.text, s, e) or _near_cue(ctx, start, s) or _only_terms(ctx, unstaged(), needed())
                or (graded_by and term.category == "condition")  # ('CRS of any grade or …': graded, an event too)
                or _diagnosed_cancer(ctx, term, start, s, end)
                # ('at least 3 prior lines of therapy including a proteasome inhibitor': what the counted lines held)
                or _held_by_lines(ctx, term, concepts, s)
                # ('double refractory to an IMiD and a PI': the list 'refractory to' opens)
                or (term.category == "therapy" and _in_refractory_list(ctx, terms, start, s))
                or (min_grade is not None and term.category == "condition"
                    and not any(x.kind in ("bound", "range", "relative", "choice", "wnl")
                                and not any(g.start() <= x.start and x.end <= g.end() for g in grades) for x in els))):
            continue  # ('grade ≥ 2 peripheral neuropathy': a graded condition is an event)
        if term.category == "therapy" and not _TIME_CUE.search(ctx.text, max(start, s - 40), s) and not _held_by_lines(
                ctx, term, concepts, s) and any(
                x.kind in ("bound", "range", "relative", "choice", "wnl") for x in els) and not (
                _may_say(ctx.text[max(start, s - 120) : s], "efractory") and _in_refractory_list(ctx, terms, start, s)):
            # 'ANC ≥ 1.5 without growth factor support': when, is not said (but 'at least 3 prior lines or double
            # refractory to an IMiD and a PI' names what the disease is refractory to)
            continue
        # ('No other active malignancy', 'Other invasive malignancies': narrowing words may sit between)
        other = _is_other(ctx, s, e, start) or (pre is not None and _is_other(ctx, pre.start("run"), e, start))
        if (other and ctx.section == "inclusion" and _OTHER_CLOSES_LIST.search(ctx.text, max(start, s - 24), s)
                and not _NEG_BEFORE.search(ctx.text, start, s)):
            # 'cancers in colon, stomach, …, and other cancers': the list's last kind is any other one, no second cancer
            other = False
        if (min_grade is None and not graded_by and chained is not None and isinstance(chained.rule, ir.History)
                and chained.rule.category == term.category):
            min_grade = chained.rule.min_grade  # '≥ Grade 4 CRS or neurotoxicity': the grade covers the list
        before = ctx.text[max(start, s - 80) : s]
        current = (term.category == "therapy" and bool(_CURRENT.search(before[-45:])) and not (
            # 'Patients who have received concurrent paclitaxel … with radiation therapy': given together, in the past
            _CONCURRENT_WITH.search(ctx.text, start, end) and _RECEIVED.search(ctx.text, start, end))) or (
            # 'No concurrent surgery': past surgery does not count (not 'on dialysis': a dated session is read as
            # being on it)
            term.category == "procedure" and bool(_CONCURRENT_PROCEDURE.search(before[-30:]))) or (
            # 'not on dialysis', 'currently receiving dialysis': a treatment that goes on, asked of now (a dialysis that
            # ended in 2023 is none)
            tid in _ONGOING_PROCEDURES and bool(_ON_NOW.search(before[-30:])))
        on_the_day = False
        direct = _AT_STUDY_START.match(ctx.text, e, end) is not None
        if (not current and term.category in ("therapy", "procedure", "condition")
                and (direct or (_says_study_day(ctx.text[e:end]) and _AT_STUDY_START_END.search(ctx.text, e, end)))
                and not _ENDED_BY.search(ctx.text, start, end)):
            # 'at screening' after the term or ending the clause. The term's own words come from the one before it (or
            # the clause's start): a past cue there keeps the history ('Prior CAR-T at screening', 'History of use of
            # warfarin at screening'); one elsewhere in the clause ('Hepatitis B infection at screening, or history of
            # stroke'), a word of a thing done or found by then ('Received …', 'Known …'), or a day that ends a list the
            # term is in ('Stroke or CNS involvement at screening': the day the list's, or the last item's?) leave it
            # open (by then, or then: an ended course or a resolved disease is undecided); else it is of that day
            own_words = ctx.text[max([start] + [te for _, te, _ in terms if te <= s]) : s]
            own_words = re.split(r"(?i)[,;]|\b(?:or|and|and/or)\b", own_words)[-1]  # (after the list's last joint: the term's own words)
            if _PAST_CUE.search(own_words) or _EVENT_CUE.search(own_words):
                pass
            elif term.category == "therapy" and _USING_BEFORE.search(own_words):
                current = True  # ('Patients who had a stroke or use warfarin at screening': the use is of that day)
            elif (not direct or _DONE_BY.search(ctx.text, start, end) or _PAST_CUE.search(ctx.text, start, end)
                  or _EVENT_CUE.search(ctx.text, start, end)):
                on_the_day = True
            else:
                # 'Use of systemic corticosteroids at the time of screening', 'CNS involvement at screening': asked of that
                # day (its words were filler, and a course of 2015 excluded)
                current = True
        q_start = s
        past_open = False
        if (pn := _PAST_OR_NOW.search(ctx.text, max(start, s - 45), s)) is not None and term.category in ("therapy", "procedure", "condition") and all(
                w.lower() in lexicon().filler for w in _WORD.findall(ctx.text, pn.end(), s)):
            # 'No prior or concurrent chemotherapy': past or now, a plain history (its words the unit's own)
            current = False
            q_start = pn.start()
        qm = pre
        if qm is not None and _DANGLING_OR.search(qm.group("run")) and term.category == "condition":
            # 'Active or latent tuberculosis': the alternative after 'or' is inside the term's own name (read as the
            # term, active, an active tuberculosis was not excluded); not read
            continue
        base = s - len(before)  # 'before' starts here in the text
        active = _ACTIVE.search(before, 0, qm.start("run") - base if qm else len(before))
        either = bool(_HISTORY_OR_ACTIVE.search(before))  # 'a history of or active pneumonitis': either, not only an active one
        if either:
            active = None
        elif (ah := _ACTIVE_OR_HISTORY.search(before)) is not None:
            # 'Active or history of autoimmune disease', 'history of or is positive for hepatitis B': either, too
            either, active = True, None
            q_start = min(q_start, s - len(before) + ah.start())
        if (term.category == "condition" and not active and not either and not current and (tid in _ACUTE_INFECTIONS or (
                "infection" in term.ancestors and not term.ancestors & _CHRONIC_INFECTIONS and tid not in _CHRONIC_INFECTIONS))
                and not _PAST_CUE.search(ctx.text, start, s)
                and (qm is None or not re.search(r"(?i)\b(?:active|current|ongoing)\b", qm.group("run")))):
            # 'No septicemia or severe infection': an infection that has resolved is no infection now (a chronic one,
            # HIV or hepatitis, is read as written)
            current = True
        if (term.category == "condition" and min_grade is not None and not active and not either and not current
                and not _PAST_CUE.search(ctx.text, start, end) and not _EVENT_CUE.search(ctx.text, start, end)):
            # 'No grade 1 or worse peripheral neuropathy': a grade is a state now; a neuropathy of 2022 that may have
            # resolved leaves it open ('History of grade 3 pneumonitis', '… experienced grade ≥ 3 CRS' are events)
            current = True
        reached = False  # an 'active' said before another item of the list
        if term.category == "condition" and active:
            current = True  # 'active hepatitis B': a resolved one does not count
            q_start = s - len(before) + active.start()

        qualifiers: list[str] = []
        if qm is not None:
            run = qm.group("run")
            words = _qualifier_words(run)
            if len(words) > 1 and re.search(r"(?i)\bor\b|/", run):
                # 'Active or untreated CNS metastases': either says it, neither is required of itself
                qualifiers = [" or ".join(_dedupe(words))]
            else:
                if term.category == "condition" and any(w in _STATUS_WORDS for w in words) and not either:
                    current = True
                qualifiers = _dedupe([w for w in words if w not in _STATUS_WORDS])
            q_start = min(q_start, qm.start("run"))
        if term.category == "condition" and "tage" in before and (st := _STAGE_BEFORE.search(ctx.text, max(start, q_start - 40), q_start)):
            stages = _stages(st.group("list"))
            if stages:
                # 'stage I-III multiple myeloma': the record must name one of those stages
                qualifiers = _dedupe(qualifiers + [" or ".join(f"stage {x}" for x in stages)])
                q_start = st.start()
        q_end = e
        if term.category == "condition":
            post = _POST_QUALIFIER.search(ctx.text, e, min(end, e + 120))
            if post is not None and not re.search(r"[,;.:]", ctx.text[e : post.start()]):
                # 'ALL or ANLL in relapse or second remission', 'CML in blast crisis': a disease state the record must say
                qualifiers = _dedupe(qualifiers + [re.sub(r"\s+", " ", post.group().strip().lower())])
                if post.start() == e or not ctx.text[e : post.start()].strip():
                    q_end = post.end()
        if term.category == "condition":
            act = _ACTIVE_DISEASE.match(ctx.text, q_end, end)
            if act is not None:
                # 'additional malignancy that is progressing or has required active treatment within the past 5 years'
                when = f" within the past {act.group('n')} {act.group('u').lower()}" if act.group("n") else ""
                qualifiers = _dedupe(qualifiers + [f"progressing or requiring active treatment{when}"])
                q_end = act.end()
        if term.category in ("condition", "procedure"):
            need = _NEEDING.match(ctx.text, q_end, end)
            if need is not None:
                # 'infection requiring IV antibiotics', 'surgery requiring general anesthetic': the record must say so
                qualifiers = _dedupe(qualifiers + ["requiring " + " ".join(need.group("what").lower().split())])
                q_end = need.end()
                _share_indication(ctx, out, q_start, qualifiers[-1], term.category, same_as=tid)
                if q_start == s:  # ('or ongoing active infection requiring …': an item with words of its own keeps it)
                    needs.append((len(out), qualifiers[-1], term.category, tid))
        elif term.category == "therapy":
            post = _THERAPY_FOR.match(ctx.text, e, end) or _MARROW_EXTENT.match(ctx.text, e, end)
            if post is not None:
                # 'No prior chemotherapy for metastatic disease': the record must say what it was for
                qualifiers = _dedupe(qualifiers + [_indication(post)])
                q_end = post.end()
                _share_indication(ctx, out, s, qualifiers[-1])
        if (term.category == "condition" and not qualifiers and chained is None and qm is None
                and (lead := _LEAD_QUALIFIER.match(ctx.text, start, s)) is not None
                and _LIST_BEFORE.match(ctx.text, lead.end(), s)):
            # 'Uncontrolled tumour-related pain or hypercalcemia': the list's first item is not read, but the words
            # before it narrow every item (a controlled hypercalcemia excluded)
            qualifiers = [" ".join(lead.group("q").lower().split())]
        if term.category in ("procedure", "therapy") and (organ := lexicon().organ_near.search(ctx.text, max(start, q_start - 30), q_start)):
            # 'No prior cardiac surgery', 'Prior lung radiotherapy': the organ narrows the procedure (read as any surgery,
            # an appendectomy failed); the record must say so
            qualifiers = _dedupe(qualifiers + [organ.group(1).lower()])
            q_start = min(q_start, organ.start(1))
        elif (term.category == "condition" and term.ancestors & _SITED_KINDS
              and (organ := lexicon().organ_before.search(ctx.text, max(start, q_start - 20), q_start))):
            # 'No cardiac amyloidosis', 'Renal infection': the organ narrows a condition that may sit anywhere (read as
            # any amyloidosis, a renal-only AL amyloidosis failed); the record must say so
            qualifiers = _dedupe(qualifiers + [organ.group(1).lower()])
            q_start = min(q_start, organ.start(1))
        head = heads.get(id(chained), chained) if chained is not None else None
        if head is not None and isinstance(head.rule, ir.History) and not qualifiers and not current:
            # 'No active heart failure, arrhythmia, or angina': the list shares the words before its first item
            # (not those of a middle item: 'CML, acute leukemia, lymphoma')
            qualifiers = list(head.rule.qualifiers)
            current = head.rule.status == "active" and term.category == head.rule.category
            # (an infection is one now whatever is said: 'Active hepatitis B or hepatitis C')
            # (nor names of one thing: 'current pneumonitis/interstitial lung disease')
            reached = (current and term.category == "condition" and tid not in _ACUTE_INFECTIONS and "infection" not in term.ancestors
                       and tid != "infection" and chained is not None and ctx.text[chained.end : s].strip() != "/")
            name = ctx.text[head.subjects[0][0] : head.subjects[0][1]] if head.subjects else ""
            if " " in name.strip() and (own := _qualifier_run_ending(name[: name.rstrip().rfind(" ") + 1])) is not None and (
                    own.start() == 0) and set(_qualifier_words(own.group("run"))) <= lexicon().shared_name_words:
                # 'Serious, non-healing wound, ulcer, or bone fracture': a word the first item's own name opens with
                # holds for the list (read without it, a fracture healed in 2010 excluded)
                words = [w for w in _qualifier_words(own.group("run")) if w not in _STATUS_WORDS]
                current = current or term.category == "condition"  # (not healing: now; a fracture of 2010 is over)
                if re.search(r"(?i)\bor\s+$", ctx.text[max(start, head.subjects[0][0] - 5) : head.subjects[0][0]]):
                    # ('Serious or non-healing wound, skin ulcers, or bone fracture': either word, not both)
                    qualifiers = [" or ".join(_dedupe([*qualifiers, *words]))]
                else:
                    qualifiers = _dedupe([*qualifiers, *words])
        if (term.category == "condition" and "includ" in ctx.text[start:s]
                and (lead := _QUALIFIED_LEAD.search(ctx.text, start, s)) is not None
                and lead.group("q").lower() not in qualifiers):
            # 'uncontrolled intercurrent illness including, but not limited to, … cardiac arrhythmia': the examples are of
            # the uncontrolled kind (read without it, a rate-controlled atrial fibrillation excluded)
            qualifiers = _dedupe([*qualifiers, lead.group("q").lower()])
        if qualifiers and term.category == "condition" and _HISTORY_OR_QUALIFIED.search(ctx.text, start, q_start):
            # 'either a prior history of or clinically apparent CNS metastases': a history of it, or one apparent now;
            # the qualifier is the second alternative's (put on every term, a resected metastasis passed)
            qualifiers, current = [], False
        if current and term.category == "condition" and "istory" in ctx.text[start:q_start] and (
                _HISTORY_OF.search(ctx.text, start, q_start) or _HISTORY_OF_ACTIVE.search(ctx.text, max(start, s - 40), s)):
            current = False
            if _HISTORY_OF.search(ctx.text, start, q_start):
                # 'Known history of, or any evidence of active, non-infectious pneumonitis': an active one now counts; a
                # past one only if 'history of' reaches it, which is not clear (labelled so): it leaves it open, even
                # 'no longer active'
                qualifiers = [q for q in qualifiers if q != "active"]
                past_open = True
            else:
                # 'history of active tuberculosis': an active episode at some time, not a current one (a TB treated in 2015
                # and 'now inactive' had passed); a latent one is not it
                qualifiers = _dedupe([ir.EVER_ACTIVE, *qualifiers])
        if (term.category == "therapy" and not current and _USE_LEAD.match(ctx.text, start, s) is not None
                and not _PAST_CUE.search(ctx.text, start, end) and not _EVENT_CUE.search(ctx.text, start, end)
                and not _RECEIVED.search(ctx.text, start, end)):
            on_the_day = True  # ('Use of systemic corticosteroids' with no time said: now, or ever? A course of 2015 excluded)
        untimed = past_open or (term.category == "condition" and not current and not either and min_grade is None
                   # (a cancer among the exclusions too, 'Patients with prostate cancer are excluded': one the record
                   # says was cured or is in remission may not be it, audit 100 F4; among the inclusions the trial's
                   # disease in remission is still the disease)
                   and not other and ("malignancy" not in term.ancestors and tid != "malignancy" or ctx.section == "exclusion")
                   and not _PAST_CUE.search(ctx.text, start, end) and not _EVENT_CUE.search(ctx.text, start, end)
                   and (not _UNTIMED_NOT.search(ctx.text, start, end)
                        # ('Known infection with HIV, hepatitis B, or hepatitis C': an infection is of now; a hepatitis
                        # C cured in 2019 leaves it open)
                        or ("nfection" in ctx.text[start:s] and _INFECTION_BEFORE.search(ctx.text, start, s) is not None)))
        if (term.category == "therapy" and (tid == "endocrine_therapy" or "endocrine_therapy" in term.ancestors)
                and _OTHER_BEFORE.search(ctx.text, max(start, s - 30), s)):
            # 'No other concurrent hormonal therapy' where the trial keeps an androgen deprivation going: which hormonal
            # therapy is the 'other' one is not said (a patient on the required LHRH agonist failed)
            qualifiers = _dedupe([*qualifiers, "other"])
        if current and term.category == "condition" and any(_LOOK_BACK.search(q) for q in qualifiers):
            # 'Active autoimmune disease that has required systemic treatment in the past 2 years': the words look back
            # two years, so a disease over since March may still be it (read as active now, it passed). (Not made the
            # rule's window: a chronic disease recorded with the day it was found, a Hashimoto thyroiditis of 2012 on
            # levothyroxine, would fall outside it). Its 'active' is what the words say, not the record's status: a
            # rheumatoid arthritis 'in remission' on methotrexate is still it (read on the status, it passed)
            current = False
            qualifiers = [q for q in qualifiers if q != "active"]
        if reached and current:
            # 'Known active CNS metastases and/or carcinomatous meningitis': whether the 'active' before the list's first
            # item reaches this one is not said (read as reaching it, a carcinomatous meningitis over passed). Decided
            # where both readings agree: one going on counts, one over is undecided (an active one 'untimed')
            untimed = True
        hist: ir.Rule = ir.History(category=term.category, concepts=[tid], other=other and tid == "malignancy",  # type: ignore[arg-type]
                                   min_grade=min_grade, status="active" if current else "any", qualifiers=qualifiers,
                                   untimed=untimed,
                                   span=_span(ctx, s, e))
        if capped:
            # 'Peripheral neuropathy ≤ grade 1', 'No greater than grade 1 neuropathy': none of grade 2 or worse
            hist = ir.Not(item=hist, span=hist.span)
        elif on_the_day and isinstance(hist, ir.History) and hist.window is None:
            # 'Received rituximab at the time of enrollment', 'Use of systemic corticosteroids': by then (or ever), or then?
            # Decided where both readings agree: one going on then, or none at all (an ended course, a disease resolved,
            # or one whose end is not recorded: undecided)
            which = ir.FreeText(text="whether it is asked of the screening day only or of any time before", reason="not_understood",
                                span=hist.span)
            hist = ir.AnyOf(items=[hist.model_copy(update={"status": "active", "untimed": False}),
                                   ir.AllOf(items=[hist.model_copy(update={"untimed": False}), which], span=hist.span)],
                            span=hist.span)
        elif grade_after is not None and isinstance(hist, ir.History):
            # (read without it, a CRS of grade 1 excluded on 'Prior CRS or ICANS of grade 3 or higher'; decided where both
            # readings agree: none, or one of that grade)
            which = ir.FreeText(text=f"whether the grade after the next item ('{ctx.text[grade_after[0] : grade_after[1]].strip()}') is "
                                     f"this one's too", reason="not_understood", span=_span(ctx, grade_after[0], grade_after[1]))
            hist = ir.AnyOf(items=[hist.model_copy(update={"min_grade": grade_after[2]}), ir.AllOf(items=[hist, which], span=hist.span)],
                            span=hist.span)
        cover = [(q_start, q_end)]
        if current and term.category == "therapy" and (cu := _CURRENT_USE.search(ctx.text, max(start, s - 45), s)) is not None:
            cover.append((cu.start(), cu.end("w")))  # ('Current use of systemic corticosteroids': the word said it)
        if isinstance(hist, ir.History) and min_grade is not None and graded_by and (
                alt := _lower_grade_alternative(ctx, hist, runs, max(b for _, b in graded_by), end)) is not None:
            # 'Peripheral neuropathy grade ≥ 3, or grade 2 with pain': the same condition at a lower grade, narrowed by
            # words not read (left out, a grade 2 with pain passed; read as an alternative of its own, no neuropathy at
            # all stayed undecided)
            hist, alt_end, alt_grade = alt
            if not via_whole:  # (a half's grade and its alternative are its whole's words: the whole covers them)
                cover.append((max(b for _, b in graded_by), alt_end))
                graded_by = [*graded_by, alt_grade]
        out.append(
            _Unit(
                hist,
                q_start,
                e,
                [(s, e)],
                cover=cover,
                grades=graded_by,
            )
        )
        heads[id(out[-1])] = head if head is not None else out[-1]
    out = _share_in_coordinations(ctx, out)
    for k, wanted, kind, tid in needs:
        r = out[k].rule if k < len(out) else None
        if isinstance(r, ir.History) and r.concepts == [tid] and wanted in r.qualifiers:  # (the unit it was read for)
            _maybe_shared_need(ctx, out[:k], out[k].start, wanted, kind, tid)
    return out


_COORDINATOR = _lazy("_COORDINATOR", r"(?i)\s*(?:,\s*)?(?:(?:or|and|and/or)\b\s*|/\s*)?")


_PLAIN_JOIN = _lazy("_PLAIN_JOIN", r"(?i)\s*(?:,\s*(?:(?:and|or|and/or)\s+)?|\s(?:and|or|and/or)\s+|/)\s*")


def _maybe_shared_need(ctx: _Ctx, out: list[_Unit], s: int, need: str, category: str, tid: str) -> None:
    """'No seizures or CNS disorder requiring treatment': whether the need binds the list's earlier items too is not
    said, so each of them is decided only where both readings agree (read as the last item's alone, an untreated
    childhood seizure excluded)."""
    for u in reversed(out):
        h = u.rule
        if not (isinstance(h, ir.History) and h.category == category and u.end <= s and h.concepts != [tid]
                and need not in h.qualifiers and _PLAIN_JOIN.fullmatch(ctx.text, u.end, s)):
            break
        which = ir.FreeText(text=f"whether '{need}' binds it too", reason="not_understood", span=h.span)
        u.rule = ir.AnyOf(items=[h.model_copy(update={"qualifiers": [*h.qualifiers, need]}),
                                 ir.AllOf(items=[h, which], span=h.span)], span=h.span)
        s = u.start


def _share_in_coordinations(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'Active uncontrolled bacterial or fungal infection requiring systemic therapy': the halves of a
    coordination that share their head noun share what narrows it, before and after."""
    halves = _halves(ctx.text) if len(units) > 1 else frozenset()
    if not halves:
        return units
    def history(r: ir.Rule) -> ir.History | None:
        r = r.item if isinstance(r, ir.Not) else r
        return r if isinstance(r, ir.History) else None

    groups: list[list[int]] = []
    for i, u in enumerate(units):
        h = history(u.rule)
        if h is None or not u.subjects or u.subjects[0] not in halves:
            continue
        if (i > 0 and (h0 := history(units[i - 1].rule)) is not None and h0.category == h.category and units[i - 1].subjects
                and (m := _COORDINATOR.match(ctx.text, units[i - 1].subjects[0][1])) and m.end() == u.subjects[0][0]
                and not (groups and i in groups[-1])):
            # ('chronic hepatitis B or C': the elided second half shares what narrows the whole before it)
            if groups and groups[-1][-1] == i - 1:
                groups[-1].append(i)
            else:
                groups.append([i - 1, i])
        j = i + 1
        if j < len(units) and (h2 := history(units[j].rule)) is not None and h2.category == h.category and (
                m := _COORDINATOR.match(ctx.text, u.subjects[0][1])) and m.end() == (units[j].subjects or [(-1, -1)])[0][0]:
            if groups and groups[-1][-1] == i:
                groups[-1].append(j)
            else:
                groups.append([i, j])
    out = list(units)
    for g in groups:
        hs = [history(out[k].rule) for k in g]
        qualifiers = _dedupe([q for h in hs if h is not None for q in h.qualifiers])
        active = any(h is not None and h.status == "active" for h in hs)
        grades = {h.min_grade for h in hs if h is not None and h.min_grade is not None}
        capped = any(isinstance(out[k].rule, ir.Not) for k in g)
        if len(grades) > 1:
            continue  # two grades: which binds which is not read here
        for k, h in zip(g, hs):
            assert h is not None
            new = h.model_copy(update={"qualifiers": qualifiers, "status": "active" if active else h.status,
                                       "min_grade": next(iter(grades)) if grades else None})
            # ('motor or sensory neuropathy greater than grade 1': the grade binds both, as its head noun does)
            out[k] = replace(out[k], rule=ir.Not(item=new, span=new.span) if capped else new)
    return out


_STAGE_PHRASE = _lazy("_STAGE_PHRASE",
    r"(?i)\bstages?\s+(?:IV|I{1,3}|[0-4])[A-C]?(?:\s*(?:-|–|to|or|and|,|/|,\s*or)\s*(?:stage\s+)?(?:IV|I{1,3}|[0-4])[A-C]?)*\b")
_STAGE_BEFORE = _lazy("_STAGE_BEFORE",
    r"(?i)\bstages?\s+(?P<list>(?:IV|I{1,3}|[0-4])[A-C]?(?:\s*(?:-|–|to|or|and|,|/|,\s*or)\s*(?:stage\s+)?(?:IV|I{1,3}|[0-4])[A-C]?)*)"
    r"\s+$")
_ROMAN_STAGES = ("0", "I", "II", "III", "IV")


def _stages(listed: str) -> list[str]:
    """'I-III' → I, II, III; 'II or III' → II, III; '3-4' → III, IV. A range between sub-stages ('IIIB-IV')
    is not spelled out (which sub-stages lie between is not read): none."""
    parts = re.split(r"(?i)\s*(-|–|\bto\b)\s*|\s*(?:,\s*or|,|\bor\b|\band\b|/)\s*(?:stage\s+)?", listed.strip())
    items: list[str] = []
    ranged = False
    for p in parts:
        if p is None or not p.strip():
            continue
        if p.strip().lower() in ("-", "–", "to"):
            ranged = True
            continue
        x = p.strip().upper()
        x = {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(x, x)
        if ranged and items:
            lo, hi = items[-1], x
            if lo not in _ROMAN_STAGES or hi not in _ROMAN_STAGES:
                return []
            items.extend(_ROMAN_STAGES[_ROMAN_STAGES.index(lo) + 1 : _ROMAN_STAGES.index(hi) + 1])
            ranged = False
            continue
        items.append(x)
    return _dedupe(items)


def _indication(m: re.Match[str]) -> str:
    """'for metastatic disease', 'to the pelvis' → the narrowing as the record would say it ('to pelvis')."""
    prep = "to" if re.match(r"(?i)\s*to\s+(?!treat\b)", m.group()) else "for"
    return f"{prep} {' '.join(m.group('what').lower().split())}"


_MARROW_EXTENT = _lazy("_MARROW_EXTENT",
    r"(?i)\s+to\s+(?P<what>(?:(?:more|greater)\s+than\s+|at\s+least\s+)?\d+\s*%(?:\s+or\s+more)?\s+of\s+(?:the\s+)?"
    r"(?:bone\s+)?marrow(?:\s+reserve)?)(?=\s*(?:[.,;:()]|$))")
"""'No prior radiotherapy to more than 25% of bone marrow': the extent narrows the radiotherapy."""


def _qualifier_words(run: str) -> list[str]:
    """'uncontrolled and symptomatic ' → ['uncontrolled', 'symptomatic'] (lower-case, hyphens as spaces)."""
    return [re.sub(r"[\s-]+", " ", re.sub(r"(?i)\bneo[\s-]+adjuvant", "neoadjuvant", w.strip().lower()))
            for w in re.split(r"\s*(?:,|/|\band/or\b|\band\b|\bor\b)\s*", run) if w.strip()]


def _share_indication(ctx: _Ctx, out: list[_Unit], s: int, indication: str, category: str = "therapy",
                      same_as: str | None = None) -> None:
    """'chemotherapy or biologic therapy for HCC': the indication after the last therapy of a list
    narrows every therapy of it; so does what the last condition required when the list names that condition
    before ('active autoimmune disease or a history of autoimmune disease that requires systemic steroids',
    `same_as`): a narrowing only ever turns a recorded event into 'unknown'."""
    for u in reversed(out):
        if not (isinstance(u.rule, ir.History) and u.rule.category == category and u.end <= s
                and (same_as is None or u.rule.concepts == [same_as])):
            break
        if (not _LIST_JOIN.fullmatch(ctx.text[u.end : s]) and not _qualifier_before(ctx, u.end, s)
                and not (category == "therapy" and _WORDY_JOIN.fullmatch(ctx.text[u.end : s]))):
            # ('chemotherapy or other targeted or biological antineoplastic therapy treatment for their advanced
            # metastatic HNSCC': words between the items do not stop the indication)
            break
        if indication not in u.rule.qualifiers:  # rules are frozen: the unit gets a narrowed copy
            u.rule = u.rule.model_copy(update={"qualifiers": [*u.rule.qualifiers, indication]})
        s = u.start


_WORDY_JOIN = _lazy("_WORDY_JOIN", r"(?i)[\s,]*(?:or|and|and/or)\s+(?:[\w-]+\s+){0,5}")
_LIST_JOIN = _lazy("_LIST_JOIN",
    r"(?i)\s*(?:,\s*(?:(?:and|or|and/or)\s+)?|\s(?:and|or|and/or)\s+|/)\s*"
    r"(?:(?:prior|previous)\s+|(?:an?\s+)?(?:(?:documented|known|prior|past)\s+)?history\s+of\s+)?")


# ------------------------------------------------------------------------------ combination


_EXAMPLE_WORDS = _lazy("_EXAMPLE_WORDS", r"(?i)\b(?:including|includes|such\s+as|e\.g\.|e\.g\b|eg\b\.?|for\s+(?:example|instance)|"
                       r"especially|particularly|notably)(?![\w])")


_SLASH_GAP = _lazy("_SLASH_GAP", r"\s*(?:\([^()]*\))?\s*/\s*")


def _slashed(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'History of AML/MDS', 'AML (AML)/ALL (ALL) … and chemotherapy': diseases joined by a slash are one item, either
    of them (read as 'and', an MDS patient was not excluded; limits keep 'AST/ALT' as each)."""
    out: list[_Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if (prev is not None and isinstance(u.rule, ir.History) and u.rule.category == "condition"
                and (isinstance(prev.rule, ir.History) and prev.rule.category == "condition"
                     or isinstance(prev.rule, ir.AnyOf) and all(isinstance(x, ir.History) for x in prev.rule.items))
                and _SLASH_GAP.fullmatch(ctx.text, max([prev.start] + [b for _, b in prev.subjects]), u.start)):
            items = [*(prev.rule.items if isinstance(prev.rule, ir.AnyOf) else [prev.rule]), u.rule]
            out[-1] = replace(prev, rule=ir.AnyOf(items=items, span=_span(ctx, prev.start, max(prev.end, u.end))),
                              end=max(prev.end, u.end), subjects=prev.subjects + u.subjects,
                              concepts=prev.concepts + u.concepts, cover=prev.cover + u.cover)
            continue
        out.append(u)
    return out


def _repeated_no(ctx: _Ctx, els: list[El], units: list[_Unit], e: El) -> bool:
    """'No myocardial infarction within 6 months, no significant arrhythmia …': a 'no' that repeats the one before
    for the next item of the same list (the list's negation reaches it)."""
    before = [u for u in units if u.end <= e.start]
    return bool(before) and re.fullmatch(r"[\s,;]*(?:and|or)?\s*", ctx.text[before[-1].end : e.start]) is not None and any(
        x.kind == "neg" and x.end <= before[-1].start for x in els)


def _one_cancer(ctx: _Ctx, rule: ir.Rule) -> str | None:
    """The one kind of cancer a rule asks for ('Myelodysplasia'), if that is all it asks."""
    if (isinstance(rule, ir.History) and rule.category == "condition" and len(rule.concepts) == 1 and not rule.other
            and rule.concepts[0] != "malignancy" and rule.concepts[0] in ctx.vocab.terms
            and "malignancy" in ctx.vocab.terms[rule.concepts[0]].ancestors):
        return rule.concepts[0]
    return None


_HISTORY_WORD = _lazy("_HISTORY_WORD", r"(?i)\b(?:history|documented|prior|previous(?:ly)?|past)\b")


def _past_class(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'History of documented congestive heart failure (NYHA III-IV)': the class of a heart failure in the past, which
    the record's latest class may no longer show (read as the class now, a patient at class II after a class III
    episode passed); a class now in the range still decides."""
    out = list(units)
    for k in range(1, len(out)):
        p, u = out[k - 1], out[k]
        if _classes_the_failure(p, u) and _HISTORY_WORD.search(ctx.text, max(0, p.start - 40), p.end):
            why = ir.FreeText(text="whether a class recorded before now counts", reason="not_understood", span=u.rule.span)
            out[k] = replace(u, rule=ir.AnyOf(items=[u.rule, why], span=u.rule.span))
    return out


def _rival_run(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'… hematologic malignancy Acute leukemia Myelodysplasia Non-Hodgkin's lymphoma …' (an old record's list run onto
    one line): cancers named one after another with nothing between them are a list of kinds, of which a patient has one;
    read as all required, every patient failed. Each may be enough, so one missing decides nothing."""
    if ctx.section != "inclusion" or len(units) < 2:
        return units
    marked: set[int] = set()
    for k in range(1, len(units)):
        p, u = units[k - 1], units[k]
        a, b = _one_cancer(ctx, p.rule), _one_cancer(ctx, u.rule)
        if (a is not None and b is not None and a != b and not ctx.text[p.end : u.start].strip() and _starts_statement(ctx, u)
                and a not in ctx.vocab.terms[b].ancestors and b not in ctx.vocab.terms[a].ancestors):
            marked.update((k - 1, k))
    if not marked:
        return units
    first = min(marked)
    # ('… Chronic myeloid leukemia Accelerated phase or blast crisis Chronic phase with failed prior donor lymphocyte
    # infusion': what follows the first listed cancer may bind only one of them)
    return [replace(u, rule=ir.AnyOf(items=[u.rule, ir.FreeText(
                text="whether one of the listed diseases is enough" if k in marked else "whether it binds only one of the listed diseases",
                reason="not_understood", span=u.rule.span)], span=u.rule.span))
            if k >= first else u for k, u in enumerate(units)]


def _combine(ctx: _Ctx, units: list[_Unit], els: list[El], start: int, end: int) -> ir.Rule:
    """Join units by the connectors between them: 'and' binds tighter than 'or'; in a comma
    list the last connector speaks for the list ('A, B, or C'); a negation ('no', 'not',
    'without') covers the units after it up to the next 'or' that is not part of its list."""
    units = _past_class(ctx, _rival_run(ctx, _slashed(ctx, _glossed_scores(ctx, _join_narrowed(ctx, units)))))
    statements = _run_on_statements(ctx, units, els)
    if len(statements) > 1:
        # 'Creatinine < 1.5 mg/dL OR creatinine clearance > 70 mL/min Calcium ≤ 12 mg/dL': an old record's lines run
        # together; a connector joins the units of its own statement, never across one (not '(A and B) or C'), and
        # each statement is required (inclusion) or a reason of its own (exclusion)
        rules = [_combine_units(ctx, st, els, start if k == 0 else st[0].start, end if k == len(statements) - 1 else st[-1].end)
                 for k, st in enumerate(statements)]
        return _join(rules, "all" if ctx.section == "inclusion" else "any", _span(ctx, start, end))
    return _combine_units(ctx, units, els, start, end)


def _classes_the_failure(prev: _Unit, u: _Unit) -> bool:
    """'History of congestive heart failure NYHA class III or IV': the class grades the heart failure named just before
    it, no statement of its own (read as one more reason to exclude, any heart failure excluded)."""
    return (isinstance(u.rule, (ir.OneOf, ir.Range, ir.Comparison)) and u.rule.concept == "nyha"
            and any("congestive_heart_failure" in h.concepts and h.category == "condition" for h in _histories(prev.rule)))


_NEW_STATEMENT = _lazy("_NEW_STATEMENT",
    r"(?<!\.[A-Za-z])(?<!\b[A-Z])(?<!\b(?:vs|Dr|St|no|No|eg|Eg|ie|cf))(?<!\b(?:esp|etc))(?<!\bincl)(?<!\bapprox)[.!]\s+(?=[A-Z][a-z])|(?-i:\b(?:Must|Should|Histologically|Cytologically|Pathologically|Documented|Confirmed|Diagnosis|"
    r"Measurable|Evaluable|Patients?|Participants?|Subjects?)\b)|\b(?i:must|should|shall)\s+(?:have|be|receive|undergo)\b")
"""Text between two units that starts a statement of its own: a sentence's end, or its capitalised opening words."""


_CAPITAL_NEGATOR = _lazy("_CAPITAL_NEGATOR", r"\s+(?:No|Not|Without|Never)(?:\s+(?:on|currently|known|prior|active|receiving))?\s+")


def _beyond(main: ir.Rule, scope: ir.Rule) -> bool:
    """Whether every value `scope` admits fails `main` ('UPC < 1.0' and 'UPC ≥ 1.0'; not 'ANC ≥ 1000' and 'ANC < 1500',
    which share 1000-1500)."""
    if isinstance(main, ir.RelativeLimit) and isinstance(scope, ir.RelativeLimit):
        if main.concept != scope.concept or main.reference != scope.reference or main.offset != scope.offset:
            return False  # (an amount beyond the limit beside none: not compared)
        a, b = main.factor, scope.factor
    elif isinstance(main, ir.Comparison) and isinstance(scope, ir.Comparison) and main.concept == scope.concept:
        a, b = main.canonical_value, scope.canonical_value
    else:
        return False
    if main.op in (">", ">=") and scope.op in ("<", "<="):
        return b <= a if (scope.op == "<" or main.op == ">") else b < a
    if main.op in ("<", "<=") and scope.op in (">", ">="):
        return b >= a if (scope.op == ">" or main.op == "<") else b > a
    return False


def _title_case(text: str) -> bool:
    """'No Known Brain Metastases or Documented Leptomeningeal Disease': most words capitalised, so a capital opens
    no statement."""
    words = re.findall(r"[A-Za-z][a-z]{3,}", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 2 > len(words)


_WITH_GAP = _lazy("_WITH_GAP", r"(?i)\s*(?:(?:and\s+)?with\s+(?:(?:a|an|the|peripheral|blood|serum|detectable|positive)\s+)*|,?\s*but\s+)")


def _run_on_statements(ctx: _Ctx, units: list[_Unit], els: list[El]) -> list[list[_Unit]]:
    """The units split where a new statement starts with no word joining it to the last ('… 70 mL/min Calcium …')."""
    out: list[list[_Unit]] = [[units[0]]]
    prev_end = units[0].end
    for u in units[1:]:
        between = [e for e in els if prev_end <= e.start and e.end <= u.start]
        gap = ctx.text[prev_end : u.start]
        no_join = ":" not in gap and not any(e.kind in ("and_", "or_", "semicolon") or e.text in (",", ";", "(", ")") for e in between)
        if no_join and _findings(u.rule) and _WITH_GAP.fullmatch(gap):
            # 'HBcAb positive with HBV DNA detected', 'HBsAg negative but HBcAb positive': the second result goes with the
            # first (read as a statement of its own, either excluded)
            no_join = False
        if no_join and (_measures(u.rule) or isinstance(u.rule, ir.Not) or _findings(u.rule)) and _starts_statement(ctx, u) and not (
                _classes_the_failure(out[-1][-1], u)):
            out.append([u])
        elif no_join and (sg := _SENTENCE_GAP.search(ctx.text, prev_end, min(len(ctx.text), u.start + 2))) is not None and sg.start() < u.start:
            # 'Known HIV infection. Active hepatitis B or C infection.' (excluded): a sentence of its own is a reason of its
            # own (read into the one before by 'and', HIV alone passed)
            out.append([u])
        elif no_join and (_measures(out[-1][-1].rule) or _findings(out[-1][-1].rule)) and _CAPITAL_NEGATOR.fullmatch(gap):
            # 'Creatinine ≤ 1.5 mg/dL OR creatinine clearance ≥ 60 mL/min Not on dialysis', 'ECOG 0-1 OR Karnofsky
            # 70-100% Not pregnant': a negated statement after a limit (read into the 'or', it bound the second only)
            out.append([u])
        else:
            out[-1].append(u)
        prev_end = max(prev_end, u.end)
    return out


_SENTENCE_GAP = _lazy("_SENTENCE_GAP", r"(?<![A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bno)\.\s+(?=[A-Z][a-z])")
_UNREAD_WITH = _lazy("_UNREAD_WITH",
    r"(?i)(?:^|[,;]|\b(?:or|and)\b)\s*(?P<x>[^,;]*?\w[^,;]*?)\s+with\s+(?:(?:a|an|the|peripheral|blood|serum|detectable|positive)\s+)*$")


def _combine_units(ctx: _Ctx, units: list[_Unit], els: list[El], start: int, end: int) -> ir.Rule:
    withs = [k for k in range(1, len(units)) if _findings(units[k - 1].rule) and _findings(units[k].rule)
             and _WITH_GAP.fullmatch(ctx.text, units[k - 1].end, units[k].start)]
    if withs and (_NEG_START.match(ctx.text, start) or any(_negates(ctx, els, u) for u in units) or any(
            _negative_results(units[k - 1].rule) != _negative_results(units[k].rule) and not isinstance(units[k - 1].rule, ir.Finding)
            for k in withs)):
        # 'No HBsAg or HBcAb positive with HBV DNA greater than the normal range', 'Negative for HBsAg or HBcAb with HBV
        # DNA …': what the negation (or the negative result) reaches across 'with' is not read (read item by item, a
        # patient negative for all three failed)
        return _free(ctx, start, end)
    for k, u in enumerate(units):
        before = units[k - 1].end if k else start
        if (k and _findings(u.rule) and (w := _UNREAD_WITH.search(ctx.text, before, u.start)) is not None
                and _concept_mentions(ctx, before + w.start("x"), before + w.end("x"))):
            # 'HBsAg positive, or HCV antibody with HCV RNA greater than the normal range': the unread result before
            # 'with' goes with the one after it (left beside the list, the RNA alone excluded a patient without the
            # antibody)
            return _free(ctx, start, end)
    rule = _combine_units_as_written(ctx, units, els, start, end)
    first = units[0].rule
    if (len(units) == 2 and isinstance(first, ir.AnyOf) and _findings(first) and _findings(units[1].rule)
            and isinstance(rule, ir.AllOf) and _WITH_GAP.fullmatch(ctx.text, units[0].end, units[1].start)):
        # 'positive for HBsAg or HBcAb with HBV DNA above the normal range': with the DNA for both, or for the HBcAb only
        # (HBsAg alone excluding)? Decided where both readings agree: they differ only when the DNA is not found and
        # one of the results before the last is
        which = ir.FreeText(text="whether the result after 'with' is asked with each result before it or with the last only",
                            reason="not_understood", span=rule.span)
        earlier = first.items[:-1]
        alone = earlier[0] if len(earlier) == 1 else ir.AnyOf(items=list(earlier), span=first.span)
        return ir.AnyOf(items=[rule, ir.AllOf(items=[alone, which], span=rule.span)], span=rule.span)
    return rule


def _combine_units_as_written(ctx: _Ctx, units: list[_Unit], els: list[El], start: int, end: int) -> ir.Rule:
    gaps: list[tuple[str, bool]] = []  # (connector, negation) before each unit after the first
    breaks: list[bool] = []  # a colon before the unit: a new statement, out of an earlier negation's reach
    prev_end = units[0].end
    for u in units[1:]:
        between = [e for e in els if prev_end <= e.start and e.end <= u.start]
        # a colon, or a measurement right after the last unit with no word joining them (an old record's
        # lines run together: 'No severe hepatic disease Bilirubin ≤ 2.0 mg/dL'), starts a new statement
        run_on = (_measures(u.rule) or ((isinstance(u.rule, ir.Not) or _findings(u.rule)) and _starts_statement(ctx, u))
                  # 'No other concurrent 5-HT3 receptor antagonists Other concurrent antiemetics allowed': a capital word
                  # after the last item, no connector, starts a statement the 'No' does not reach
                  or (isinstance(u.rule, ir.History) and re.search(r"\s(?:Other|Concurrent|Prior|No|Any)\b", ctx.text[prev_end : u.start])
                      is not None)) and not any(
            e.kind in ("and_", "or_", "semicolon") or e.text in (",", ";") for e in between)
        # ('No prior chemotherapy Must have received prior radiotherapy', 'No known brain metastases. Must have measurable
        # disease.', 'No CNS metastases Histologically confirmed breast cancer': a sentence's end, or a new statement's
        # opening words, ends the 'No' before; read under it, a patient with radiotherapy failed)
        run_on = run_on or (_NEW_STATEMENT.search(ctx.text, prev_end, u.start) is not None and not any(
            e.kind in ("and_", "or_", "semicolon") or e.text in (",", ";") for e in between) and not _title_case(ctx.text[start:end]))
        breaks.append(":" in ctx.text[prev_end : u.start] or run_on)
        kinds = {e.kind for e in between if not (e.kind == "or_" and _internal_or(ctx, els, e, units))}
        conn = "or" if "or_" in kinds else "and" if "and_" in kinds else "comma" if any(e.text == "," for e in between) else "and"
        if conn == "and" and ctx.text[prev_end : u.start].strip() == "/" and isinstance(u.rule, (ir.History, ir.AnyOf)):
            conn = "or"  # ('Sensory/motor neuropathy ≥ grade 2, or grade 1 with pain': either kind)
        last_or = next((e for e in reversed(between) if e.kind == "or_"), None)
        comma_after = next((e for e in between if (e.text == "," or e.kind == "and_") and last_or is not None
                            and e.start > last_or.end), None)
        if (last_or is not None and comma_after is not None and any(e.kind == "word" and last_or.end < e.start < comma_after.start
                                                                    for e in between)
                and not re.search(r"[()]", ctx.text[last_or.end : comma_after.start])
                and not _EXAMPLE_WORDS.search(ctx.text, prev_end, u.start)):
            # 'Age ≥ 18 years or emancipated minor, not pregnant', 'refractory to lenalidomide or intolerant to it and have
            # received bortezomib': an unread alternative to the unit before, then a comma or 'and' and the next item; how
            # they join is not read (read as 'age or not pregnant', a pregnant adult passed)
            return _free(ctx, start, end)
        if _EXAMPLE_WORDS.search(ctx.text, prev_end, u.start):
            # 'significant heart disease including LVEF < 40%': an example is one more way to meet it; but 'at least 2
            # prior lines including prior bortezomib' asks for bortezomib among the lines (read with 'or', one line of
            # bortezomib met it)
            prev_unit = next((w for w in reversed(units) if w.end <= u.start), None)
            counts = prev_unit is not None and any(isinstance(x, ir.Comparison) and x.concept == "prior_lines"
                                                   for x in ir.leaves(prev_unit.rule))
            conn = "and" if counts else "or"
        gaps.append((conn, _negates(ctx, els, u)))
        prev_end = max(prev_end, u.end)
    # a comma takes the kind of the next real connector in its run
    resolved: list[str] = []
    # (with no connector after the last comma, one after the last unit still ends the list: 'Pregnant, breastfeeding,
    # or expecting to conceive …' with the last item unread)
    tail = _TAIL_CONNECTOR.match(ctx.text, units[-1].end) if gaps and gaps[-1][0] == "comma" else None
    last = "and" if tail is None else "or" if tail.group(1).lower() != "and" else "and"
    for k, (conn, _) in enumerate(gaps):
        if conn == "comma":
            j = next((m for m in range(k + 1, len(gaps)) if gaps[m][0] != "comma"), None)
            nxt = gaps[j][0] if j is not None else last
            if (ctx.section == "inclusion" and j is not None and nxt == "or" and any(gaps[m][1] for m in range(k, j))
                    and not gaps[j][1]):
                # 'Age ≥ 18 years, not pregnant or breastfeeding': the 'or' is the negated item's own ('not A or B'), no
                # word of the list before it (read as 'age or not pregnant', a 16-year-old passed)
                nxt = "and"
            resolved.append(nxt)
        else:
            resolved.append(conn)
    first_neg = _negates(ctx, els, units[0])
    if (ctx.section == "inclusion" and tail is not None and last == "or" and "or" in resolved
            and (any(neg for _, neg in gaps) or len({_measures(u.rule) for u in units}) > 1)):
        # 'Age ≥ 18 years, not pregnant, not breastfeeding, or postmenopausal', 'Age ≥ 18 years, negative pregnancy test, or
        # not of childbearing potential': the unread last item is an alternative to some of the list, which is not read
        # (read as alternatives all, a 16-year-old passed on 'not pregnant')
        return _free(ctx, start, end)
    if (first_neg and _negative_results(units[0].rule)) or any(neg and _negative_results(u.rule) for u, (_, neg) in zip(units[1:], gaps)):
        # 'No HIV HBsAg negative': a negative result under a 'No' is no requirement anyone writes; what the 'No' was
        # about is not read (read as 'not both negative', an HIV-positive patient passed)
        return _free(ctx, start, end)
    if len(units) >= 2 and not first_neg and not any(neg for _, neg in gaps):
        grouped = _lines_including(ctx, units, resolved, els, start, end)
        if grouped is None and len(units) >= 3 and "or" in resolved:
            grouped = _bracketed_alternatives(ctx, els, units, resolved)
        if grouped is not None:
            return grouped
    if "or" in resolved and _bracketed_or_with_units_outside(ctx, els, units, start, end):
        # 'Concurrent active Hepatitis B (defined as HBsAg positive and/or detectable HBV DNA) and Hepatitis C (defined as
        # …)': an 'or' inside a bracket joins what the bracket holds; taken as the clause's, it put HBV DNA with hepatitis C
        # (an active hepatitis C alone passed)
        return _free(ctx, start, end)
    groups: list[list[tuple[ir.Rule, bool]]] = [[(units[0].rule, first_neg)]]
    raw_conns: list[list[str]] = [[]]  # each group's own connectors as written ('comma' for a bare comma)
    negated = first_neg
    prev_end = units[0].end
    for u, conn, (raw, neg), cut in zip(units[1:], resolved, gaps, breaks):
        if cut and not neg:
            negated = False
        if negated and not neg and (_measures(u.rule) or _negative_results(u.rule)):
            gap = _CLOSED_PARENS.sub("", ctx.text[prev_end : u.start])  # ('No active infection (e.g., …) HIV negative')
            if _AND_ONLY.fullmatch(gap) or (not gap.strip() and ctx.text[prev_end : u.start].strip()):
                # 'No active infection and ANC ≥ 1500/mm3': a limit or a stated result ('HIV negative') joined by 'and'
                # says which way it points; the 'No' before does not reach it
                negated = False
            elif not _DEFINING.search(gap):
                # 'No renal failure, creatinine > 3 mg/dL' (its definition?), 'No active infection, HIV negative' (a
                # requirement of its own?): the 'No' may or may not reach it
                return _free(ctx, start, end)
            # ('No significant cardiac disease, defined as LVEF < 40%', '(creatinine > 3 mg/dL)': a definition, negated)
        prev_end = max(prev_end, u.end)
        if neg:
            negated = True
        if conn == "or" and not (negated and not neg):
            groups.append([])
            raw_conns.append([])
        else:
            raw_conns[-1].append(raw)
        groups[-1].append((u.rule, negated))
    joined: list[ir.Rule] = []
    for g, g_raw in zip(groups, raw_conns):
        plain = [r for r, n in g if not n]
        neg_rules = [r for r, n in g if n]
        parts = list(plain)
        if neg_rules:
            # 'no A or B' = neither; 'without A and B' = not both is rare: read 'no A, B' as none of them
            parts.append(ir.Not(item=_join(neg_rules, "any") if len(neg_rules) > 1 else neg_rules[0],
                                span=_span(ctx, start, end)))
        comma_only = len(gaps) > 0 and all(c == "comma" for c, _ in gaps)
        if ctx.section == "exclusion" and len(parts) >= 2 and all(
                isinstance(p, ir.Finding) and p.concept in ("pregnant", "lactating") and p.value == "positive" for p in parts):
            joined.append(_join(parts, "any"))  # 'Pregnant and lactating women' (excluded): either excludes
            continue
        if ctx.section == "exclusion" and (
            (len(parts) >= 3 and 2 * sum(isinstance(_graded_core(p), ir.History) for p in parts) >= len(parts))
            or (len(parts) >= 2 and (comma_only or (g_raw and all(c == "comma" for c in g_raw) and not neg_rules))
                and all(isinstance(_graded_core(p), ir.History) for p in parts))
        ):
            # ('A or B within 6 months, C': the items after the 'or' listed with commas are alternatives too)
            joined.append(_join(parts, "any"))  # 'history of A, B, and C' excludes on any of them
        elif ctx.section == "inclusion" and len(parts) >= 2 and comma_only and all(
                isinstance(c := _graded_core(p), ir.History) and c.category == "condition" for p in parts):
            return _free(ctx, start, end)  # 'Diagnosis of A, B, C': one of them, or all? not said
        elif (ctx.section == "exclusion" and len(parts) == 2 and not neg_rules
              and all(isinstance(c := _graded_core(p), ir.History) and (c.category == "condition" or (
                  c.category in ("therapy", "procedure") and c.window is None)) for p in parts)
              and _joined_by_and(ctx, _graded_core(parts[0]), _graded_core(parts[1])) and not _ARE_EXCLUDED_AFTER.match(ctx.text, max(u.end for u in units))):
            # 'Known history of HBV and HCV infection', 'Prior treatment with anti-PD-1 and anti-CTLA-4 antibodies'
            # (excluded): both, or either? Decided where the readings agree (read as both, nivolumab alone passed)
            span = _span(ctx, start, end)
            which = ir.FreeText(text="whether both are needed or either excludes ('and')", reason="not_understood", span=span)
            joined.append(ir.AnyOf(items=[ir.AllOf(items=list(parts), span=span),
                                          ir.AllOf(items=[ir.AnyOf(items=list(parts), span=span), which], span=span)], span=span))
        elif len(parts) >= 2 and not neg_rules and _disjoint_bounds(parts):
            # 'Age less than 10 and greater than 55 years' (excluded): both at once is impossible, so either
            joined.append(_join(parts, "any"))
        elif (ctx.section == "exclusion" and len(parts) == 2 and not neg_rules
              and all(isinstance(p, ir.History) and p.category == "condition" for p in parts)
              and _ARE_EXCLUDED_AFTER.match(ctx.text, max(u.end for u in units))):
            joined.append(_join(parts, "any"))  # 'Leukemias and MDS are excluded': each of them
        elif ctx.section == "exclusion" and len(parts) >= 2 and not any(neg_rules) and (
                comma_only or all(_measures(p) for p in parts)):
            # 'Bilirubin > 2.0 mg/dL, creatinine > 2 mg/dL', 'Blood pressure > 150 mmHg systolic and > 100 mmHg
            # diastolic' in the exclusions: each excludes, or only together? Decided where both readings agree
            span = _span(ctx, start, end)
            word = "','" if comma_only else "'and'"
            which = ir.FreeText(text=f"whether each excludes or only all together ({word})", reason="not_understood", span=span)
            joined.append(ir.AnyOf(items=[ir.AllOf(items=list(parts), span=span),
                                          ir.AllOf(items=[ir.AnyOf(items=list(parts), span=span), which], span=span)], span=span))
        else:
            joined.append(_join(parts, "all"))
    if len(joined) > 1 and len(groups) == len(joined) and any(len(g) > 1 for g in groups) and (all(
            not n and _measures(r) for g in groups for r, n in g) or (
            # ('Measurable disease by RECIST or evaluable disease and ECOG 0-1': a limit in a run joined by 'and', beside
            # an alternative; read with 'and' binding tighter, a measurable-disease patient with ECOG 3 passed)
            ctx.section == "inclusion" and not any(c in ctx.text[start:end] for c in ":;")
            and all(not n for g in groups for r, n in g) and any(len(g) > 1 and any(_measures(r) for r, _ in g) for g in groups))):
        # 'ANC ≥ 1,500/mm3, platelets ≥ 100,000/mm3 and hemoglobin ≥ 9 g/dL or hematocrit ≥ 27%': '(A and B and C) or D',
        # or 'A and B and (C or D)'? Decided only where both readings agree
        span = _span(ctx, start, end)
        first = _join(joined, "any", span)
        second = _join([g[0][0] if len(g) == 1 else _join([r for r, _ in g], "any", span) for g in _or_runs(groups)], "all", span)
        which = ir.FreeText(text="whether 'or' joins the limits next to it or the whole lists ('and' … 'or')",
                            reason="not_understood", span=span)
        return ir.AnyOf(items=[ir.AllOf(items=[first, second], span=span),
                               ir.AllOf(items=[ir.AnyOf(items=[first, second], span=span), which], span=span)], span=span)
    return _join(joined, "any", _span(ctx, start, end)) if len(joined) > 1 else joined[0]


def _lines_including(ctx: _Ctx, units: list[_Unit], resolved: list[str], els: list[El], start: int, end: int) -> ir.Rule | None:
    """'At least 2 prior regimens including bortezomib or lenalidomide': the lines counted, among them one of the
    therapies joined by 'or' (joined flat, 'or' bound looser: any(all(lines, bortezomib), lenalidomide), and one line of
    lenalidomide met it); 'that included A and B', all of them. After 'e.g.' / 'such as' the therapies are examples:
    whether they are required is not said. Requirements after the therapies ('…, and ECOG 0-2') are joined to them in an
    inclusion. The rule, or None when the units are not so."""
    if not (isinstance(units[0].rule, (ir.Comparison, ir.Range)) and units[0].rule.concept == "prior_lines"):
        return None
    word = _EXAMPLE_WORDS.search(ctx.text, units[0].end, units[1].start) or _LINES_HELD_WORD.search(
        ctx.text, units[0].end, units[1].start)
    if word is None:
        return None
    def held(u: _Unit) -> bool:
        return isinstance(u.rule, ir.History) and u.rule.category in ("therapy", "procedure")

    j = 1  # the therapies (and procedures) the lines held: those right after them
    while j < len(units) and held(units[j]):
        j += 1
    if j == 1:
        return None
    opened = ctx.text.find("(", units[0].end, word.start())
    if opened >= 0:
        # '… (including a PI and an IMiD)': the bracket is all of the list, and nothing else ('(including a PI [bortezomib,
        # carfilzomib] and an IMiD)', '(… where available)', '(including lenalidomide and either bortezomib or
        # carfilzomib)' are not read)
        close = _closing_paren(ctx.text, opened, end)
        if close is None or not _LIST_TAIL.fullmatch(ctx.text, units[j - 1].end, close) or _NOT_A_PLAIN_LIST.search(
                ctx.text, word.end(), close):
            return _free(ctx, start, end)
    if _COUNTING_NOTE.search(ctx.text, start, end):
        return _free(ctx, start, end)  # ('… including a PI and an IMiD - induction, ASCT and maintenance count as one line')
    joins = set(resolved[1 : j - 1])
    if not (joins <= {"or"} or joins <= {"and"}) or any(
            _OR_ITS_OWN.fullmatch(ctx.text, units[k - 1].end, units[k].start) for k in range(2, j)):
        # ('≥ 3 prior lines including a PI and an anti-CD38 antibody, or prior BCMA-directed therapy': the last may be one
        # more of them or an alternative to the whole; read flat, any one of them excluded)
        return _free(ctx, start, end)
    if j < len(units) and (resolved[j - 1] != "and" or ctx.section == "exclusion"):
        return _free(ctx, start, end)  # ('…, or ECOG 0-2': which part the alternative is to is not read)
    span = _span(ctx, units[0].start, max(u.end for u in units[:j]))
    # ('No more than 3 prior lines including bortezomib and lenalidomide': each is what counts as a line, or each required)
    among = _join([u.rule for u in units[1:j]], "any" if joins <= {"or"} else "all", span) if j > 2 else units[1].rule
    if (opened >= 0 and not all(_backbone(ctx.vocab, u.rule) for u in units[1:j])) or ctx.section == "exclusion" or not re.match(
            r"(?i)includ|which|that", word.group(0)) or not (isinstance(units[0].rule, ir.Comparison) and units[0].rule.op in (">=", ">")):
        # ('No more than 3 prior lines including bortezomib': what counts as a line, perhaps no requirement of it; so in
        # a bracket, '≥ 3 prior lines (including ASCT)', unless it names myeloma's backbone classes, '(including a PI and
        # an IMiD)'; and in a reason to exclude, 'More than 3 prior lines including bortezomib')
        which = ir.FreeText(text=f"whether the therapies after '{word.group(0)}' are required", reason="not_understood", span=span)
        among = ir.AnyOf(items=[among, which], span=span)
    head = _join([units[0].rule, among], "all", span)
    if j == len(units):
        return head
    # 'At least 3 prior lines including a PI, and must be refractory to the last line': the rest, as any other units
    rest = _combine_units(ctx, units[j:], els, units[j].start, end)
    return _join([head, rest], "all", _span(ctx, start, end))


_LIST_TAIL = _lazy("_LIST_TAIL",
    r"(?i)[\s-]*(?:-?based\s+)?(?:(?:combination\s+)?(?:treatment|therapy|therapies|regimens?|drugs?|agents?)\s*)?[\s,.;]*")
"""What may close a list of therapies in a bracket: its head noun ('…-based regimen)'), nothing more."""
_NOT_A_PLAIN_LIST = _lazy("_NOT_A_PLAIN_LIST", r"(?i)[\[\]()]|\b(?:either|where|when|if|unless|except|available)\b")
_COUNTING_NOTE = _lazy("_COUNTING_NOTE",
    r"(?i)\b(?:counts?\s+as|(?:counted|considered|regarded)(?:\s+as)?)\s+(?:a|an|one|1)\s+"
    r"(?:single\s+|separate\s+|treatment\s+|therapeutic\s+)?(?:line|regimen)")
_LINES_HELD_WORD = _lazy("_LINES_HELD_WORD", r"(?i)\b(?:which|that)\s+(?:must\s+)?(?:have\s+)?(?:included|includes?|contained)\b")
_OR_ITS_OWN = _lazy("_OR_ITS_OWN",
    r"(?i)\s*,\s*(?:and/)?or\s+(?:(?:prior|previous|any|a|an)\s+)*(?:prior|previous|history\s+of|treatment\s+with|received|"
    r"have\s+received|has\s+received|exposure\s+to)\b.*")


def _bracketed_alternatives(ctx: _Ctx, els: list[El], units: list[_Unit], resolved: list[str]) -> ir.Rule | None:
    """'Uncontrolled hypertension (systolic > 150 mmHg or diastolic > 100 mmHg)': one unit, then a bracket whose units are
    all joined by 'or' — the bracket's alternatives together qualify the unit before it. Joined flat, 'or' bound
    looser than the bracket: any(all(hypertension, systolic), diastolic). The rule, or None when the units are not so."""
    for i, j in _paren_groups(els):
        inside = [k for k, u in enumerate(units) if els[i].start <= u.start and u.end <= els[j].end]
        after = range(inside[-1] + 1, len(units)) if inside else range(0)
        if (len(inside) < 2 or inside[0] != 1 or inside != list(range(1, inside[-1] + 1)) or units[0].end > els[i].start
                or ctx.text[units[0].end : els[i].start].strip() or any(resolved[k - 1] != "or" for k in inside[1:])
                or any(resolved[k - 1] != "or" for k in after)):
            continue
        if not (isinstance(units[0].rule, ir.History) and units[0].rule.category == "condition") or _OR_OPENS.match(
                ctx.text, els[i].end, units[1].start) or not _DEFINING_OPENING.fullmatch(ctx.text, els[i].end, units[1].start):
            # only a condition is qualified so ('Hemoglobin < 9 g/dL (hematocrit < 27% or …)' gives equivalents or
            # alternatives of a value); '(or creatinine clearance ≥ 60 mL/min or …)' opens with one more alternative,
            # '(e.g., systolic > 150 mmHg or …)' with examples, which bound nothing
            return None
        # ('… (systolic ≥ 140 mmHg and/or diastolic ≥ 90 mmHg) or pulmonary hypertension': alternatives after the bracket
        # join the qualified unit as a whole)
        span = _span(ctx, units[0].start, max(u.end for u in units))
        alternatives = _join([units[k].rule for k in inside], "any", span)
        qualified = _join([units[0].rule, alternatives], "all", span)
        return _join([qualified, *(units[k].rule for k in after)], "any", span) if after else qualified
    return None


def _or_runs(groups: list[list[tuple[ir.Rule, bool]]]) -> list[list[tuple[ir.Rule, bool]]]:
    """The units of and-groups regrouped so that 'or' joins only the two units next to it: [[A, B], [C, D]] (A and B,
    or C and D) → [[A], [B, C], [D]] (A, B or C, D)."""
    runs: list[list[tuple[ir.Rule, bool]]] = []
    for k, g in enumerate(groups):
        for i, item in enumerate(g):
            if i == 0 and k > 0:
                runs[-1].append(item)  # the first of a group after 'or' joins the last of the group before
            else:
                runs.append([item])
    return runs


_ARE_EXCLUDED_AFTER = _lazy("_ARE_EXCLUDED_AFTER",
    r"(?i)\s*(?:are|is|will\s+be)\s+(?:excluded|not\s+(?:eligible|allowed|permitted)|ineligible)\b")


def _disjoint_bounds(parts: list[ir.Rule]) -> bool:
    """Limits on one value that cannot hold together ('< 10 and > 55 years')."""
    if not all(isinstance(p, ir.Comparison) for p in parts) or len({p.concept for p in parts}) != 1:  # type: ignore[union-attr]
        return False
    lo = max((p.canonical_value for p in parts if p.op in (">", ">=")), default=None)  # type: ignore[union-attr]
    hi = min((p.canonical_value for p in parts if p.op in ("<", "<=")), default=None)  # type: ignore[union-attr]
    return lo is not None and hi is not None and lo > hi


def _joined_by_and(ctx: _Ctx, a: ir.Rule, b: ir.Rule) -> bool:
    """Whether two histories of different things are joined by the word 'and' alone ('HBV and HCV infection')."""
    if not (isinstance(a, ir.History) and isinstance(b, ir.History)) or set(a.concepts) & set(b.concepts):
        return False
    if a.span is None or b.span is None or a.span[1] > b.span[0]:
        return False
    gap = _CLOSED_PARENS.sub("", ctx.text[a.span[1] - ctx.offset : b.span[0] - ctx.offset])  # ('A (its definition) and B')
    return bool(re.fullmatch(r"(?i)\s*,?\s*and\s*", gap))


_OR_WORD = _lazy("_OR_WORD", r"(?i)\bor\b")
_AND_ONLY = _lazy("_AND_ONLY", r"(?i)\s*(?:;|,?\s*and)\s*")
_DEFINING = _lazy("_DEFINING", r"(?i)\(|\[|\bdefined\b|\bi\.?\s?e\b|\be\.?\s?g\b|\bsuch\s+as\b|\bincluding\b|\bevidenced\b|\bmeaning\b|:|=")
_AND_WORD = _lazy("_AND_WORD", r"(?i)\band\b|&")
_TAIL_CONNECTOR = _lazy("_TAIL_CONNECTOR", r"(?i)\s*,\s*(or|and/or|and)\b")


_NARROWING = _lazy("_NARROWING", r"(?i)\s*(?:with|associated\s+with|due\s+to|secondary\s+to|caused\s+by|related\s+to)\s*")
_SPREAD_OF = _lazy("_SPREAD_OF", r"(?i)\s*(?:by|of|from)\s+(?:the\s+|their\s+|his\s+|her\s+)?")
_SPREAD_ROOTS = frozenset({"distant_metastases", "cns_involvement", "peritoneal_metastases", "leptomeningeal_disease",
                           "bone_marrow_metastases", "bone_marrow_involvement"})


_ANY_CANCER = frozenset({"malignancy", "solid_tumor", "cancer", "neoplasm", "tumor", "hematologic_malignancy"})


def _spread_of_cancer(ctx: _Ctx, first: ir.History, second: ir.History) -> bool:
    """Whether the first condition is a spread ('CNS involvement', 'leptomeningeal disease') and the second a cancer it
    may be of ('with myeloma', 'by lymphoma')."""
    terms = ctx.vocab.terms
    return (first.category == "condition" and second.category == "condition"
            and all(c in terms and terms[c].ancestors & _SPREAD_ROOTS for c in first.concepts)
            and all(c in terms and "malignancy" in terms[c].ancestors for c in second.concepts))


_PERFORMANCE = frozenset({"ecog", "karnofsky", "lansky"})


def _glossed_scores(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'ECOG 0, 1 or 2 (Karnofsky score > 60%)': a second performance scale in parentheses may restate the first or
    add to it; decided only where both readings agree (both met, or neither)."""
    out: list[_Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if (prev is not None and prev.end <= u.start and len(set(prev.concepts) | set(u.concepts)) == 2
                and set(prev.concepts) | set(u.concepts) <= _PERFORMANCE and set(prev.concepts) != set(u.concepts)
                and re.fullmatch(r"[\s,;]*\(?\s*", ctx.text[prev.end : u.start])):
            span = _span(ctx, prev.start, u.end)
            which = ir.FreeText(text="whether the second performance scale restates the first or adds to it",
                                reason="not_understood", span=span)
            rule = ir.AnyOf(items=[ir.AllOf(items=[prev.rule, u.rule], span=span),
                                   ir.AllOf(items=[ir.AnyOf(items=[prev.rule, u.rule], span=span), which], span=span)],
                            span=span)
            out[-1] = _Unit(rule, prev.start, u.end, prev.subjects + u.subjects, prev.concepts + u.concepts,
                            (prev.cover or [(prev.start, prev.end)]) + (u.cover or [(u.start, u.end)]) + [(prev.end, u.start)])
            continue
        out.append(u)
    return out


_QUALIFIER_WORD = _lazy("_QUALIFIER_WORD", r"(?i)\s*(?:of|with)\s+(?:an?\s+)?")


def _qualifies(ctx: _Ctx, prev: _Unit, u: _Unit) -> bool:
    """Whether a value right after a condition is its measure: after 'of' or 'with', or a NYHA class right after the
    heart failure it grades."""
    if not (_measures(u.rule) and isinstance(prev.rule, ir.History) and prev.rule.category == "condition" and prev.end <= u.start):
        return False
    if _QUALIFIER_WORD.fullmatch(ctx.text, prev.end, u.start):
        return True
    return _classes_the_failure(prev, u) and not ctx.text[prev.end : u.start].strip(" ,")


def _join_narrowed(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'active hepatitis with hepatitis C': the second unit narrows the first; both hold together
    (under a 'No', neither alone is what is barred)."""
    out: list[_Unit] = []
    for k, u in enumerate(units):
        prev = out[-1] if out else None
        if (prev is not None and _qualifies(ctx, prev, u)
                and not (k + 1 < len(units) and _measures(units[k + 1].rule) and _LIST_GAP.search(ctx.text, u.end, units[k + 1].start))):
            # 'congestive heart failure of NYHA class III or higher', 'heart failure with LVEF < 40%', 'diabetes with HbA1c >
            # 8%': the value is the condition's own measure, both hold together (listed beside it, any heart failure
            # excluded; under a 'No', the value alone was required). Not when another value follows in a list ('… with
            # systolic > 160 or diastolic > 100 mmHg': which of them the condition binds is read elsewhere)
            measure = u.rule
            if _HISTORY_WORD.search(ctx.text, max(0, prev.start - 40), prev.end):
                # ('History of congestive heart failure NYHA class III or IV', 'History of heart failure with LVEF < 40%'):
                # the value of a condition in the past, which the record's latest value may no longer show (read as the
                # value now, a patient at class I after a class III episode passed); a value now in the range still decides
                what = "class" if _classes_the_failure(prev, u) else "value"
                why = ir.FreeText(text=f"whether a {what} recorded before now counts", reason="not_understood", span=u.rule.span)
                measure = ir.AnyOf(items=[u.rule, why], span=u.rule.span)
            rule = ir.AllOf(items=[prev.rule, measure], span=_span(ctx, prev.start, u.end))
            out[-1] = _Unit(rule, prev.start, u.end, prev.subjects + u.subjects, prev.concepts + u.concepts,
                            (prev.cover or [(prev.start, prev.end)]) + (u.cover or [(u.start, u.end)]) + [(prev.end, u.start)])
            continue
        if (prev is not None and isinstance(prev.rule, ir.History) and isinstance(u.rule, ir.History)
                and prev.end <= u.start and (_NARROWING.fullmatch(ctx.text, prev.end, u.start)
                                             or (_spread_of_cancer(ctx, prev.rule, u.rule)
                                                 and _SPREAD_OF.fullmatch(ctx.text, prev.end, u.start)))):
            if _spread_of_cancer(ctx, prev.rule, u.rule) and set(u.rule.concepts) <= _ANY_CANCER:
                # ('Active CNS involvement by tumor': the spread of any cancer, the trial's own too: the spread alone)
                joined: ir.Rule = prev.rule.model_copy(update={"span": _span(ctx, prev.start, u.end)})
            elif _spread_of_cancer(ctx, prev.rule, u.rule):
                # 'CNS involvement with (by, of) myeloma': whose the spread is, a narrowing of it the record must say (read
                # as both conditions, a myeloma patient with brain metastases of a breast cancer was excluded)
                joined = prev.rule.model_copy(update={
                    "qualifiers": [*prev.rule.qualifiers, ctx.text[u.start : u.end].strip().lower()],
                    "span": _span(ctx, prev.start, u.end)})
            else:
                joined = ir.AllOf(items=[prev.rule, u.rule], span=_span(ctx, prev.start, u.end))
            out[-1] = _Unit(joined, prev.start, u.end, prev.subjects + u.subjects, prev.concepts + u.concepts,
                            (prev.cover or [(prev.start, prev.end)]) + (u.cover or [(u.start, u.end)]) + [(prev.end, u.start)])
            continue
        out.append(u)
    return out


_ACTIVE_OR_HISTORY = _lazy("_ACTIVE_OR_HISTORY",
    r"(?i)\b(?:(?:active|current|ongoing)\s*,?\s+(?:or|and/or)\s+(?:a\s+)?(?:(?:prior|previous|past|known)\s+)?(?:documented\s+)?"
    r"(?:history(?:\s+of)?|prior|previous)|history(?:\s+of)?\s+(?:or|and/or)\s+(?:is\s+|are\s+)?(?:sero)?positive\s+for)\s+"
    r"(?:\w+\s+){0,2}$")
_HISTORY_OR_ACTIVE = _lazy("_HISTORY_OR_ACTIVE",
    r"(?i)\b(?:history(?:\s+of)?|prior|previous|past|known)\s+(?:or|and/or)\s+(?:active|current|ongoing|concurrent|concomitant|"
    r"coexisting|synchronous)\s+(?:\w+\s+){0,2}$")
_MUST_HAVE = _lazy("_MUST_HAVE",
    r"(?i)^\s*(?:[A-Za-z][\w /-]{0,30}(?:\([\w /,-]{0,30}\))?:\s*)?(?:(?:the\s+)?(?:patients?|subjects?|participants?|individuals?)\s+)?"
    r"(?:[A-Za-z][\w/-]*\s+){0,4}?(?:must|should|shall)\s+(?:be|have|meet|show|demonstrate)\b")
_MUST_NOT = _lazy("_MUST_NOT",
    r"(?i)^\s*(?:[A-Za-z][\w /-]{0,30}(?:\([\w /,-]{0,30}\))?:\s*)?(?:(?:the\s+)?(?:patients?|subjects?|participants?|individuals?|women|men)\s+)?"
    r"(?:must|should|shall|will|may|can)\s*not\b|^\s*(?:(?:the\s+)?(?:patients?|subjects?|participants?)\s+)?cannot\b"
    r"|^\s*(?:[A-Za-z][\w /-]{0,30}(?:\([\w /,-]{0,30}\))?:\s*)?no\b(?!\s+(?:more|less|greater|fewer|longer|later|earlier)\b)"
    r"|^\s*(?:the\s+)?(?:patients?|subjects?|participants?)\s+(?:is|are)\s+not\b")
_TREATMENT_FOR = _lazy("_TREATMENT_FOR",
    r"(?i)(?:\b(?:treatment|treatments|regimens?|treated|drugs?|agents?|surgery|surgeries|resection)|therap(?:y|ies))\s+(?:for|to|of|against)\s+"
    r"(?:(?:the|their|his|her|any|a|an)\s+)?(?:[\w/-]+\s+){0,6}$")
_RECEPTOR = _lazy("_RECEPTOR", r"(?i)[\s-]*receptors?\b")
_SUBGROUP = _lazy("_SUBGROUP", r"(?i)\b(?:" + _by_first_letter(
    ["patients?", "subjects?", "participants?", "those", "women", "men", "individuals"])
    + r")\s+(?:with|who|whose|without|having)\b")
_EXCEPTS_CLAUSE = _lazy("_EXCEPTS_CLAUSE",
    r"(?i)\s*(?:exceptions?\b|except\b|excluding\b|with\s+the\s+exceptions?\s+of\b)(?!\s+(?:in|for)\s)")
_EXCEPTION_LIST_OPEN = _lazy("_EXCEPTION_LIST_OPEN",
    r"(?i)\b(?:except(?:\s+for)?|exceptions?(?:\s+(?:include|are))?|excluding|with\s+the\s+exceptions?\s+of)\s*:")
_DEFINES_CLAUSE = _lazy("_DEFINES_CLAUSE", r"(?i)\s*(?:[\w-]+\s+){1,4}?(?:is|are)\s+defined\s+(?:as|by)\b")
_DANGLING_OR = _lazy("_DANGLING_OR", r"(?i)\b(?:or|and/or|nor)\s*$")
_ONLY_IF = _lazy("_ONLY_IF", r"(?i)\s*only\b")
_PAST_STATE = _lazy("_PAST_STATE", r"(?i)\b(?:prior|previous|past|history|treated|resolved|stable|cured|controlled|inactive|old|remote|"
                                   r"latent|healed)\b")
"""'prior hepatitis B allowed', 'treated brain metastases allowed': a state of the kind let in, not the kind whole."""
_PRIOR_PERMISSION = _lazy("_PRIOR_PERMISSION", r"(?i)\s*(?:any\s+)?(?:prior|previous|concurrent|concomitant)\b")
_GROUP_LEAD = _lazy("_GROUP_LEAD", r"(?i)\s*(?:patients|subjects|participants|those|individuals)\s+(?:with|on|who|receiving|undergoing|having)\b")
_CAP_WORD = _lazy("_CAP_WORD", r"(?i)\b(?:maximum|max\.?|up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|not\s+(?:to\s+)?exceed)\b")


def _negated_in(rule: ir.Rule, target: ir.Rule, negated: bool = False) -> bool:
    """Whether `target` (a node of `rule`) stands under a negation in it."""
    if rule is target:
        return negated
    if isinstance(rule, ir.Not):
        return _negated_in(rule.item, target, not negated)
    return any(_negated_in(k, target, negated) for k in ir.children(rule))


def _after_permission(ctx: _Ctx, prev: ir.Rule, a: int, b: int, cond_at: int | None, end: int, section: Section) -> ir.Rule | None:
    """The rule before a permission after ';' ('…; ECOG 3 allowed', '…; prior daratumumab allowed') with the permission
    joined, or None where it is not about that rule (read as a clause of its own). `a`-`b` is what is let in, `cond_at` its
    condition's start ('if due to bone pain'), if any. A value let in widens the one limit of the rule on it, not the
    others ('Age ≥ 18 and ECOG ≤ 1; ECOG ≤ 2 allowed': age still binds)."""
    what = ctx.text[a:b]
    span = prev.span
    unread = ir.FreeText(text=ctx.text[a:end].strip(), reason="not_understood", span=_span(ctx, a, end))
    cond = ir.FreeText(text=ctx.text[cond_at:end].strip(" .;"), reason="not_understood", span=_span(ctx, cond_at, end)) if (
        cond_at is not None) else None
    new = _clause(replace(ctx, section="inclusion"), a, b)
    olds = [x for x in ir.leaves(prev) if isinstance(x, (ir.Range, ir.OneOf, ir.Comparison, ir.RelativeLimit))]
    if (isinstance(new, ir.FreeText) and (sm := re.fullmatch(r"(?i)\s*(?P<name>[A-Za-z][\w -]*?)\s+(?P<n>[0-5])\s*", what)) is not None
            and (same := [x for x in olds if {c for *_, c in _concept_mentions(ctx, a, b)} == {getattr(x, "concept", None)}])
            and ctx.vocab.concepts[same[0].concept].kind == "score"):  # type: ignore[union-attr]
        # ('ECOG ≤ 1; ECOG 2 permitted with sponsor approval': one score value of the rule's own)
        new = ir.OneOf(concept=same[0].concept, values=[float(sm.group("n"))], span=_span(ctx, a, b))  # type: ignore[union-attr]
    read = not any(isinstance(x, (ir.FreeText, ir.NoRequirement)) for x in ir.leaves(new))
    said = {c for *_, c in _concept_mentions(ctx, a, b)}
    limit = bool(re.search(r"(?<![\w-])\d|[<>≤≥]", what))

    def valued(rule: ir.Rule) -> list[ir.Rule]:  # (the limits and results a rule asks of values)
        return [x for x in ir.leaves(rule) if isinstance(x, (ir.Range, ir.OneOf, ir.Comparison, ir.RelativeLimit, ir.Finding))]

    named = {getattr(x, "concept", "") for x in valued(prev)}
    new_concepts = {getattr(x, "concept", "") for x in valued(new)} if read else set()
    # the rule's one limit or result on the value let in (several, or none: not told which)
    target = [x for x in valued(prev) if new_concepts and getattr(x, "concept", None) in new_concepts]
    target = target if len(target) == 1 and len(new_concepts) == 1 else []

    def under(rule: ir.Rule) -> ir.Rule:  # (the permitted thing, on its condition)
        return rule if cond is None else ir.AllOf(items=[rule, cond], span=rule.span)

    def swap(rule: ir.Rule, old: ir.Rule, by: ir.Rule) -> ir.Rule:
        return by if rule is old else ir.map_children(rule, lambda r: swap(r, old, by))

    if section == "exclusion":
        if (read and isinstance(new, ir.History) and isinstance(prev, ir.History) and not prev.excluding and cond is None
                and not new.qualifiers and not new.window and (new.category != "condition" or not _PAST_STATE.search(what)) and all(
                c in ctx.vocab.terms and any(p in ctx.vocab.terms[c].ancestors for p in prev.concepts) for c in new.concepts)):
            # 'Prior BCMA-directed therapy; prior belantamab allowed': a kind of it let in, barred no more
            return prev.model_copy(update={"excluding": _dedupe(list(new.concepts))})
        if target and limit:
            # ('QTcF > 470 ms; QTcF up to 480 ms allowed with pacemaker': excluded beyond it, or without the condition;
            # 'QTcF > 470 ms or LVEF < 40%; …': the LVEF still excludes)
            old = target[0]
            return swap(prev, old, ir.AllOf(items=[old, ir.Not(item=under(new), span=new.span)], span=old.span))
        if (read and _histories(new) and _histories(prev) and not any(isinstance(x, _LIMITS) for x in ir.leaves(new))
                and not any(_overlap(ctx.vocab, c, p) for h in _histories(new) for c in h.concepts
                            for g in _histories(prev) for p in g.concepts)):
            # ('Prior allogeneic SCT; prior autologous transplant allowed': something the reason does not cover permitted)
            return prev
        return ir.AllOf(items=[prev, unread], span=span)  # (a carve-out not read: decided only where it cannot apply)
    if target and isinstance(new, (ir.Comparison, ir.OneOf, ir.Range, ir.Finding, ir.RelativeLimit)) and _negated_in(prev, target[0]):
        # ('Patients with hemoglobin < 8.5 g/dL are excluded. Patients with hemoglobin 8.5-9.0 g/dL are eligible': the limit
        # is a bar's; widened, it barred the group let in. Let in out of it: 'Patients with ANC < 1.0 × 10^9/L or platelets
        # < 75 × 10^9/L are excluded. Patients with platelets ≥ 50 × 10^9/L are eligible' still bars the ANC)
        old = target[0]
        return swap(prev, old, ir.AllOf(items=[old, ir.Not(item=under(new), span=new.span)], span=old.span))
    if target and isinstance(new, (ir.Comparison, ir.OneOf, ir.Range, ir.Finding, ir.RelativeLimit)):
        old = target[0]
        if cond is not None and _ONLY_IF.match(cond.text):
            if _overlaps_within(old, new):
                # ('ECOG 0, 1 or 2; ECOG ≥ 2 permitted only if due to bone pain', 'AST ≤ 5 × ULN; AST > 2.5 × ULN allowed
                # only if liver involvement': those values only on the condition, the others as before)
                return swap(prev, old, ir.AnyOf(items=[ir.AllOf(items=[old, ir.Not(item=new, span=new.span)], span=old.span),
                                                       under(new)], span=old.span))
            # ('AST ≤ 2.5 × ULN; AST ≤ 5 × ULN allowed only if …', 'Age 18-70; age ≥ 18 permitted only if ECOG 0': all the
            # rule's own values and more, the more on the condition)
            return swap(prev, old, ir.AnyOf(items=[old, under(new)], span=old.span))
        more = _widened(old, new)
        if more is None:
            # ('≥ 3 lines; ≤ 5 lines allowed', 'Age ≥ 18; age ≤ 80 eligible': a cap, a requirement too)
            return ir.AllOf(items=[prev, under(new)], span=span)
        # ('ECOG ≤ 1; ECOG 2 permitted with sponsor approval', '…; platelets ≥ 50 × 10⁹/L allowed if …', 'Age 18 to 70
        # years; up to 75 allowed': more of the value let in, on the condition; the rule's other limits kept)
        return swap(prev, old, ir.AnyOf(items=[old, under(more)], span=old.span))
    if section == "inclusion" and _GROUP_LEAD.match(what):
        # ('Creatinine clearance ≥ 40 mL/min and ANC ≥ 1.0; patients on dialysis allowed': a group let in, whose limits
        # are not said; not read. 'ECOG 0-2. Patients older than 70 years are eligible only with ECOG 0 or 1': only on a
        # condition, a restriction of the group; not read, it narrows)
        return _joined_by_effect(_group_effect(ctx, prev, a, end, section), prev, unread, ir.AnyOf(items=[prev, unread], span=span),
                                 section, ctx, end)
    if not limit and read and isinstance(new, ir.History):
        if new.category == "condition" and any(h.category == "condition" for h in _histories(prev)):
            return ir.AnyOf(items=[prev, under(new)], span=span)  # ('Multiple myeloma; plasma cell leukemia allowed')
        return None  # ('ECOG 0-2; prior anti-CD38 therapy allowed', '…; prior BCMA therapy allowed': something else permitted)
    if section == "inclusion" and _CAP_WORD.search(what) and not target and said - named:
        return None  # ('ECOG 0-1; up to 3 prior lines eligible': a cap on another value, a requirement of its own)
    if not limit and (not said or _PRIOR_PERMISSION.match(what)):
        return None  # (a permission of something else: '…; prior BCMA therapy allowed')
    if (not _CAP_WORD.search(what) and len(valued(prev)) <= 1 and (said & named or not said)
            and not (read and new_concepts - named)):
        # ('ECOG ≤ 2; ECOG > 2 allowed if due to bone pain', 'Age 18-75 years; patients > 75 allowed if fit', 'Multiple
        # myeloma; plasma cell leukemia allowed': let in beside the one requirement, its words perhaps not read)
        return ir.AnyOf(items=[prev, under(new) if read else unread], span=span)
    # ('Age ≥ 18 years; ECOG 0-2 eligible' a requirement, or 'Serum M-protein ≥ 0.5 g/dL; urine M-protein ≥ 200 mg/24 h
    # allowed' an alternative? Decided only where both readings agree)
    other = under(new) if read else unread
    which = ir.FreeText(text="whether what is allowed is an alternative or one more requirement", reason="not_understood",
                        span=_span(ctx, a, end))
    return ir.AnyOf(items=[ir.AllOf(items=[prev, other], span=span),
                           ir.AllOf(items=[ir.AnyOf(items=[prev, other], span=span), which], span=span)], span=span)


def _overlaps_within(old: ir.Rule, new: ir.Rule) -> bool:
    """Whether a limit let in 'only if …' takes in some of the values the rule's own limit lets in without taking in all of
    them ('ECOG 0, 1 or 2; ECOG ≥ 2 permitted only if …': 2 only on the condition), rather than only adding others ('AST ≤
    2.5 × ULN; AST ≤ 5 × ULN allowed only if …': the rest as before). Where it cannot be told, it does."""
    def admits(v: float) -> bool:
        assert isinstance(new, ir.Comparison)
        return {"<": v < new.canonical_value, "<=": v <= new.canonical_value, ">": v > new.canonical_value,
                ">=": v >= new.canonical_value}.get(new.op, True)

    if isinstance(new, ir.RelativeLimit) and isinstance(old, ir.RelativeLimit) and new.reference == old.reference:
        if new.offset != old.offset:
            return True  # (an amount beyond the limit beside none: not told)
        same = (new.op in ("<", "<=")) == (old.op in ("<", "<="))
        looser = (new.factor >= old.factor) if new.op in ("<", "<=") else (new.factor <= old.factor)
        return not (same and looser)
    if not isinstance(new, ir.Comparison):
        return True
    if isinstance(old, ir.OneOf):
        inside = [admits(v) for v in old.values]
        return any(inside) and not all(inside)
    if isinstance(old, ir.Range):
        return not (admits(old.canonical_low) and admits(old.canonical_high)) and (
            admits(old.canonical_low) or admits(old.canonical_high) or old.canonical_low < new.canonical_value < old.canonical_high)
    if isinstance(old, ir.Comparison):
        same = (new.op in ("<", "<=")) == (old.op in ("<", "<="))
        if same:
            looser = new.canonical_value >= old.canonical_value if new.op in ("<", "<=") else new.canonical_value <= old.canonical_value
            return not looser
        return admits(old.canonical_value)  # (the other way: some of its values are the rule's own)
    return True


def _widened(old: ir.Rule, new: ir.Rule) -> ir.Rule | None:
    """What a limit let in adds to the rule's own limit on that value ('ECOG ≤ 2' then 'ECOG > 2': the values beyond;
    'age 18-70' then 'up to 75': 18 to 75, the range's other end kept), or None where it caps it from the other side
    ('≥ 3 lines' then '≤ 5 lines')."""
    if isinstance(new, ir.RelativeLimit) and isinstance(old, ir.RelativeLimit) and new.reference == old.reference:
        if (new.op in ("<", "<=")) == (old.op in ("<", "<=")) or new.offset != old.offset:
            return new  # (or an amount beyond the limit beside none, not compared: a limit of another kind)
        # ('ALT ≤ 2.5 × ULN; ALT > 2.5 × ULN allowed with liver involvement': beyond it, let in; else a cap)
        return new if ((new.factor >= old.factor) if new.op in (">", ">=") else (new.factor <= old.factor)) else None
    if not (isinstance(new, ir.Comparison) and isinstance(old, (ir.Comparison, ir.Range))):
        return new  # (a score value, a result let in; a limit of another kind, × ULN beside a plain unit: more let in)
    up = new.op in ("<", "<=")
    nv = new.canonical_value
    if isinstance(old, ir.Range):
        def end_kept(low: bool) -> ir.Comparison:
            assert isinstance(old, ir.Range)
            inclusive = old.low_inclusive if low else old.high_inclusive
            return ir.Comparison(concept=old.concept, op=(">=" if inclusive else ">") if low else ("<=" if inclusive else "<"),
                                 value=old.low if low else old.high, unit=old.unit,
                                 canonical_value=old.canonical_low if low else old.canonical_high,
                                 canonical_unit=old.canonical_unit, span=old.span)
        if up:
            if nv > old.canonical_high:
                return ir.AllOf(items=[new, end_kept(True)], span=new.span)  # ('18-70', then 'up to 75': the 18 kept)
            return new if nv <= old.canonical_low else None  # ('18-80', then '< 18 with parental consent': below it)
        if nv < old.canonical_low:
            return ir.AllOf(items=[new, end_kept(False)], span=new.span)
        return new if nv >= old.canonical_high else None  # ('18-75', then '> 75 if fit': beyond it)
    assert isinstance(old, ir.Comparison)
    if (old.op in ("<", "<=")) == up:
        return new  # (the same way: looser lets more in, tighter nothing more)
    ov = old.canonical_value
    return new if ((nv >= ov) if not up else (nv <= ov)) else None  # (the other way: only beyond it, else a cap)


def _overlap(v: Vocabulary, a: str, b: str) -> bool:
    """Whether two history terms may name the same thing: one is a kind of the other, or a kind of both exists
    (BCMA-directed therapy and CAR-T: ciltacabtagene autoleucel)."""
    if a == b:
        return True
    if a not in v.terms or b not in v.terms:
        return True
    if a in v.terms[b].ancestors or b in v.terms[a].ancestors:
        return True
    return any(a in t.ancestors and b in t.ancestors for t in v.terms.values())


_PERMITS = _lazy("_PERMITS",
    r"(?i)(?P<what>(?:\s*+[^;]*?(?<!\s))?)\s++(?:(?:is|are|(?:will|may|can)\s+(?:also\s+)?be)\s+)?(?:also\s+)?"
    r"(?:allowed|permitted|acceptable|eligible|(?<=be\s)(?:included|enrolled))"
    r"(?P<cond>\s+(?:only\s+)?(?:if|when|provided|with|without|in|for|due\s+to|because)\b[^;]*)?\s*[.;]?\s*")
"""'ECOG 3 allowed', 'ECOG 2 also eligible', 'ECOG 3 allowed if due to bone pain': what is let in, then the word that
lets it in, perhaps on a condition, ending the clause."""


def _permits(text: str, s: int = 0, e: int | None = None) -> re.Match[str] | None:
    """`_PERMITS.fullmatch(text, s, e)`, tried only where the text holds one of the words that let in, one of which every
    match holds (a cheap first test: the pattern is slow to fail)."""
    low = _folded(text[s:e])
    if ("allowed" in low or "permitted" in low or "acceptable" in low or "eligible" in low or "included" in low
            or "enrolled" in low):
        return _PERMITS.fullmatch(text, s, len(text) if e is None else e)
    return None
_NEGATION_WORD = _lazy("_NEGATION_WORD", r"(?i)\b(?:no|not|none|never|without|excluded|ineligible)\b")
_LETS_IN_LEAD = _lazy("_LETS_IN_LEAD",
    r"(?i)\s*(?:and\s+)?(?:also|including|inclusive\s+of)\s+(?:those|patients|subjects|participants|individuals|persons|people)\b")
"""'…; also those with plasma cell leukemia', '…; including those with ECOG 3': a group let in after the rule."""
_LETS_IN = _lazy("_LETS_IN",
    r"(?i)\b(?:are|is)\s+(?:also\s+)?(?:eligible|allowed|permitted|acceptable)\b|\bmay\s+(?:be\s+)?(?:enrolled|included|eligible|participate)\b"
    r"|(?-i:\b(?:Patients|Participants|Subjects)\s+may\s+(?:also\s+)?(?:be|have)\b)"
    r"|\b(?:are|is)\s+not\s+excluded\b"
    # '…; exceptions include basal cell carcinoma of the skin …', '…; patients with vitiligo would be an exception to
    # this rule', '… would not be excluded from the study'
    r"|\bexceptions?\s+(?:include[sd]?|are|will\s+be|to\s+this)\b|\b(?:would|will)\s+be\s+(?:an\s+)?exceptions?\b"
    r"|\b(?:would|will|should|shall)\s+not\s+be\s+excluded\b"
    # '…; patients with molecular or early relapse will be accepted providing a donor is available'
    r"|\b(?:will|would|may|can|shall)\s+(?:also\s+)?be\s+(?:accepted|considered|allowed|permitted|eligible|included|enrolled)\b"
    # '…; also those with plasma cell leukemia', '…; including those with ECOG 3', '…; ECOG 3 allowed', '…; plasma cell
    # leukemia also eligible', '…; … can also participate'
    r"|(?<!\bnot\s)(?<!\bnot\sbe\s)(?<!\bnever\s)\balso\s+(?:allowed|permitted|acceptable|eligible)\b(?!\s+(?:to|for|if|only)\b)"
    r"|\b(?:can|may|will|would)\s+also\s+(?:participate|enrol+)\b")
_NEG_BEFORE = _lazy("_NEG_BEFORE", r"(?i)\b(?:no|not|without|never)\b")
_FOR_WHOM = _lazy("_FOR_WHOM",
    r"(?i)\bfor\s+(?:(?:all|the|those|any)\s+)?(?:[\w-]+\s+){0,3}?(?:patients|subjects|participants|women|men|individuals)\b")
_DONOR = _lazy("_DONOR", r"(?i)\bdonors?\b(?!\s+lymphocyte|[\s-]+specific)|\b(?:give|donate|donation\s+of)\s+(?:peripheral\s+blood\s+)?"
                               r"(?:stem\s+cells|progenitor\s+cells|PBSCs?|bone\s+marrow|marrow)\b")
_GROUP_MUST = _lazy("_GROUP_MUST",
    r"(?i)\b(?:patients?|subjects?|participants?|those|individuals?)\b[^;.]*?\b(?:(?:must|should|shall)\s+(?:also\s+)?(?:have|be|show|"
    r"demonstrate|test|remain)|(?:are|is)\s+required\s+to\s+(?:have|be|show)|requires?\s+(?:an?\s+|the\s+)?(?:negative|positive|undetectable|"
    r"detectable|documented|confirmed)|need\s+to\s+(?:have|be))\b")
_KIN_AGE = _lazy("_KIN_AGE", r"(?i)\b(?:siblings?|brothers?|sisters?|twins?)\b(?:\s+[\w/-]+){0,2}?\s+(?:age|aged|ages|between|of\s+age)\b")
_FAMILY = _lazy("_FAMILY",
    r"(?i)\bfamily\s+(?:medical\s+)?history\b|\b(?:first|second)[\s-]degree\s+relatives?\b|\bfamily\s+members?\b|\bblood\s+relatives?\b")
_GROUPS_JOINED = _lazy("_GROUPS_JOINED",
    r"(?i)(?:\band|\bor|,)\s+(?:all\s+|any\s+)?(?:patients?|subjects?|participants?|those|persons|individuals|women|men)\s+"
    r"(?:who|with|that|whose|having)\b")
_PERMITTED_ON = _lazy("_PERMITTED_ON",
    r"(?i)\s*(?:(?:is|are|will\s+be|may\s+be)\s+)?(?:allowed|permitted|acceptable)\s+(?:only\s+)?(?:if|provided|when|as\s+long\s+as|unless|but)\b")
_REQUIRES_APPROVAL = _lazy("_REQUIRES_APPROVAL",
    r"(?i)\b(?:requires?|required|needs?)\s+(?:prior\s+)?(?:the\s+)?(?:written\s+)?(?:approval|permission)\b")
_MAY = _lazy("_MAY", r"(?i)\bmay\b(?!\s+not\b)")
_MAY_HAVE = _lazy("_MAY_HAVE", r"(?i)may\s+(?:also\s+)?(?:have|receive|continue|undergo|include|had|be(?!\s+(?:enrolled|eligible|included|entered|considered|allowed|permitted|treated)\b))\b")


def _in_parens(text: str, start: int, at: int) -> bool:
    """Whether position `at` sits inside a parenthesis opened after `start`."""
    seg = text[start:at]
    return seg.count("(") + seg.count("[") > seg.count(")") + seg.count("]")
_ANY_OF_THESE = _lazy("_ANY_OF_THESE", r"(?i)\b(?:any|one|either|at\s+least\s+one)\s+of\s+(?:the\s+)?(?:following|these|those|below)\b")


_WHICHEVER = _lazy("_WHICHEVER", r"(?i)\bwhichever\s+is\s+(higher|greater|older|later|more|lower|less|smaller|younger|shorter|earlier|"
                                   r"longer)\b")
_ALLOWED_WORD = _lazy("_ALLOWED_WORD", r"(?i)\b(?:allowed|permitted|acceptable)\b")
_ARE_ELIGIBLE = _lazy("_ARE_ELIGIBLE", r"(?i)\b(?:are|is|will\s+be|shall\s+be|remain|may\s+be)\s+(?:also\s+)?eligible\b")


def _asks_history(rule: ir.Rule, negated: bool = False) -> bool:
    """Whether the rule requires a history event (a History not under a negation)."""
    if isinstance(rule, ir.History):
        return not negated
    if isinstance(rule, ir.Not):
        return _asks_history(rule.item, not negated)
    return any(_asks_history(k, negated) for k in ir.children(rule))


def _starts_statement(ctx: _Ctx, u: _Unit) -> bool:
    """A unit that opens with a capital ('At least 4 weeks since …'): in an old record's run-on line, a new statement."""
    return ctx.text[u.start : u.start + 1].isupper()


def _bracketed_limits(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'Platelet count at least 50,000/mm3 (at least 50% plasma cells in bone marrow)': a limit on another value in a
    bracket right after a limit may be one more requirement, an alternative or the group the first binds. Decided only
    where all three agree: both met."""
    out: list[_Unit] = []
    for u in units:
        p = out[-1] if out else None
        if (p is not None and _measures(p.rule) and _measures(u.rule)
                and isinstance(p.rule, (ir.Comparison, ir.Range)) and isinstance(u.rule, (ir.Comparison, ir.Range))
                and p.rule.concept != u.rule.concept and ctx.text[p.end : u.start].strip() == "("
                and (close := re.match(r"\s*\)", ctx.text[u.end :])) is not None):
            end = u.end + close.end()
            span = _span(ctx, p.start, end)
            which = ir.FreeText(text="whether the bracketed limit is one more, an alternative or whom the first binds",
                                reason="not_understood", span=_span(ctx, u.start, u.end))
            rule = ir.AnyOf(items=[ir.AllOf(items=[p.rule, u.rule], span=span), which], span=span)
            out[-1] = replace(p, rule=rule, end=end, subjects=p.subjects + u.subjects, concepts=p.concepts + u.concepts,
                              cover=(p.cover or [(p.start, p.end)]) + (u.cover or [(u.start, u.end)]) + [(p.end, u.start), (u.end, end)])
            continue
        out.append(u)
    return out


def _measures(rule: ir.Rule) -> bool:
    """Whether a rule is a limit on a measured value ('LVEF ≥ 50%'), alone or joined with others (with a note on whether
    a shared limit binds each: 'FEV1 or DLCO at least 50%')."""
    if isinstance(rule, (ir.Comparison, ir.Range, ir.RelativeLimit, ir.OneOf, ir.NormalLimits)):
        return True
    return isinstance(rule, (ir.AllOf, ir.AnyOf)) and all(_measures(i) or _binding_note(i) for i in rule.items) and not all(
        _binding_note(i) for i in rule.items)


def _binding_note(rule: ir.Rule) -> bool:
    return isinstance(rule, ir.FreeText) and rule.text.startswith("whether the limit binds")


def _findings(rule: ir.Rule) -> bool:
    """Whether a rule states results only ('HIV negative', 'HIV-1, HIV-2, and HTLV-1 negative')."""
    if isinstance(rule, ir.Finding):
        return True
    return isinstance(rule, (ir.AllOf, ir.AnyOf)) and all(_findings(i) or _binding_note(i) for i in rule.items) and not all(
        _binding_note(i) for i in rule.items)


def _negative_results(rule: ir.Rule) -> bool:
    """Whether a rule states negative results only ('HIV negative', 'HIV-1, HIV-2, and HTLV-1 negative')."""
    if isinstance(rule, ir.Finding):
        return rule.value == "negative"
    return isinstance(rule, (ir.AllOf, ir.AnyOf)) and all(_negative_results(i) or _binding_note(i) for i in rule.items) and not all(
        _binding_note(i) for i in rule.items)


def _has_not(rule: ir.Rule) -> bool:
    if isinstance(rule, ir.Not):
        return True
    if isinstance(rule, (ir.AllOf, ir.AnyOf)):
        return any(_has_not(i) for i in rule.items)
    return False


def _impossible(rule: ir.Rule) -> bool:
    """An all-of of limits on one concept that no value can meet."""
    if not isinstance(rule, ir.AllOf):
        return False
    lo: dict[str, float] = {}
    hi: dict[str, float] = {}
    for r in rule.items:
        if isinstance(r, ir.Comparison):
            if r.op in (">", ">="):
                lo[r.concept] = max(lo.get(r.concept, -1e300), r.canonical_value)
            elif r.op in ("<", "<="):
                hi[r.concept] = min(hi.get(r.concept, 1e300), r.canonical_value)
    return any(c in hi and lo[c] > hi[c] for c in lo)


def _restates(ctx: _Ctx, units: list[_Unit], at: int, q: El) -> bool:
    """A bare quantity in brackets right after a limit that says the same value in another unit."""
    before = [u for u in units if u.end <= at and isinstance(u.rule, ir.Comparison)]
    if not before:
        return False
    r = before[-1].rule
    assert isinstance(r, ir.Comparison)
    c = ctx.vocab.concepts[r.concept]
    val = _value_in(c, q.text, "quantity")
    return val is not None and abs(val[2] - r.canonical_value) <= 0.02 * abs(r.canonical_value)


def _unattached_limits(ctx: _Ctx, els: list[El], units: list[_Unit]) -> bool:
    covered = [c for u in units for c in (u.cover or [(u.start, u.end)])]
    if any(u.grades and isinstance(u.rule, ir.AnyOf) for u in units) or any(
            isinstance(u.rule, ir.History) and u.rule.min_grade is not None for u in units):
        covered += [(g.start(), g.end()) for g in _GRADE.finditer(ctx.text)]
    for k, e in enumerate(els):
        if any(s <= e.start and e.end <= t for s, t in covered):
            continue
        if e.kind in ("bound", "relative", "range", "choice", "comp", "postcomp", "window"):
            return True
        if e.kind == "quantity":
            restated = 0 < k < len(els) - 1 and els[k - 1].kind == "lparen" and els[k + 1].kind == "rparen" and _restates(
                ctx, units, els[k - 1].start, e)
            if not restated:
                return True
    return False


_RESTATING_GAP = _lazy("_RESTATING_GAP", r"(?i)[\s,/]*(?:or|and/or|and)?[\s,/]*")


def _restated_limits(ctx: _Ctx, units: list[_Unit]) -> list[_Unit]:
    """'Hemoglobin ≥ 9.0 g/dL or ≥ 5.6 mmol/L': one limit said again in another unit (the same threshold within the
    rounding of a conversion) is one limit, decided where both figures agree; two limits on one value would read as a
    choice between groups ('QTcF > 470 ms and > 450 ms')."""
    out = [units[0]]
    for u in units[1:]:
        p, r = out[-1].rule, u.rule
        if (isinstance(p, ir.Comparison) and isinstance(r, ir.Comparison) and p.concept == r.concept and p.op == r.op
                and p.unit and r.unit and p.unit != r.unit and p.canonical_value > 0
                and abs(p.canonical_value - r.canonical_value) <= 0.025 * p.canonical_value
                and _RESTATING_GAP.fullmatch(ctx.text, out[-1].end, u.start)):
            first = out[-1]
            rule: ir.Rule = p
            if abs(p.canonical_value - r.canonical_value) > 1e-9 * p.canonical_value:
                # the two figures differ a little ('≥ 9 g/dL or ≥ 5.5 mmol/L' is 8.87 g/dL): between them, which one
                # binds is not said; decided where both agree
                rule = _either_figure(p, r, _span(ctx, first.start, u.end))
            out[-1] = replace(first, rule=rule, end=u.end, cover=first.cover + [(first.end, u.end)])
            continue
        out.append(u)
    return out


def _either_figure(p: ir.Comparison, r: ir.Comparison, span: tuple[int, int] | None) -> ir.Rule:
    """One limit said in two units a little apart: decided where both figures agree, open between them."""
    which = ir.FreeText(text="which of the two limits, one said in another unit, binds", reason="not_understood", span=span)
    return ir.AnyOf(items=[ir.AllOf(items=[p, r], span=span),
                           ir.AllOf(items=[ir.AnyOf(items=[p, r], span=span), which], span=span)], span=span)


def _bracketed_restatements(ctx: _Ctx, units: list[_Unit], els: list[El]) -> list[_Unit]:
    """'Serum creatinine ≤ 1.5 mg/dL (133 µmol/L)': the limit said again in brackets, in another unit, a little off
    after conversion (1.5 mg/dL is 132.6 µmol/L): between the two figures which one binds is not said; decided where
    both agree (read at the first figure alone, a creatinine of 133 µmol/L failed)."""
    out = []
    for u in units:
        p = u.rule
        k = next((i for i, e in enumerate(els) if e.kind == "lparen" and e.start >= u.end and not ctx.text[u.end : e.start].strip()), None)
        if (isinstance(p, ir.Comparison) and p.unit and k is not None and k + 2 < len(els) and els[k + 1].kind == "quantity"
                and els[k + 2].kind == "rparen" and p.canonical_value > 0):
            q = els[k + 1]
            val = _value_in(ctx.vocab.concepts[p.concept], q.text, "quantity")
            if (val is not None and val[1] and val[1] != p.unit and 1e-3 * p.canonical_value < abs(val[2] - p.canonical_value)
                    <= 0.025 * p.canonical_value):
                r = p.model_copy(update={"value": val[0], "unit": val[1], "canonical_value": val[2], "span": _span(ctx, q.start, q.end)})
                rule = _either_figure(p, r, _span(ctx, u.start, els[k + 2].end))
                u = replace(u, rule=rule, end=els[k + 2].end, cover=(u.cover or [(u.start, u.end)]) + [(u.end, els[k + 2].end)])
        out.append(u)
    return out


def _conflicting(units: list[_Unit]) -> bool:
    seen: dict[tuple[str, str, str], tuple[float, float]] = {}
    for u in units:
        r = u.rule
        if isinstance(r, (ir.Comparison, ir.RelativeLimit)):
            direction = "up" if r.op in (">", ">=") else "down" if r.op in ("<", "<=") else "eq"
            kind = r.kind + (r.reference if isinstance(r, ir.RelativeLimit) else "")
            value = (r.canonical_value, 0.0) if isinstance(r, ir.Comparison) else (r.factor, r.offset)
            key = (r.concept, direction, kind)
            if key in seen and seen[key] != value:
                return True
            seen[key] = value
        elif isinstance(r, (ir.Range, ir.OneOf)):
            # 'Aplastic anemia patients: Karnofsky 80-100% Graft failure patients: Karnofsky 20-100%'
            bounds = (r.canonical_low, r.canonical_high) if isinstance(r, ir.Range) else tuple(r.values)
            key = (r.concept, r.kind, "")
            if key in seen and seen[key] != bounds:  # type: ignore[comparison-overlap]
                return True
            seen[key] = bounds  # type: ignore[assignment]
    return False


def _negates(ctx: _Ctx, els: list[El], u: _Unit) -> bool:
    """A 'no'/'not'/'without' directly before a unit (only filler words between) negates it."""
    return _negator(ctx, els, u) is not None


def _negator(ctx: _Ctx, els: list[El], u: _Unit) -> El | None:
    """The negation that negates the unit, if any."""
    before = [e for e in els if e.end <= u.start]
    lex = lexicon()
    label_words = 0
    closed = 0  # (brackets closed before the unit, walking back: 'Known HIV infection (testing not required). HBsAg
    # positive': a negation inside one, or before a full stop, is not the unit's)
    for k in range(len(before) - 1, -1, -1):
        e = before[k]
        if e.kind == "neg":
            return e if closed <= 0 else None
        if e.kind == "rparen":
            closed += 1
        elif e.kind == "lparen" and closed > 0:
            closed -= 1
            continue
        if e.kind == "punct" and e.text == "." and re.match(r"\.\s+[A-Z]", ctx.text[e.start : e.start + 3]):
            return None
        if e.kind == "lparen" and k == len(before) - 1 or (e.kind == "lparen" and all(x.kind == "word" and x.text.lower() in lex.filler for x in before[k + 1 :])):
            label_words = 4  # '(LVEF < 45%)' defines the words before it: a negation there covers it
            continue
        if e.kind == "word" and label_words > 0 and e.text.lower() not in lex.filler:
            label_words -= 1
            continue
        if e.kind in ("punct", "lparen", "rparen") and e.text not in (",", ":"):
            continue
        if e.kind in ("word", "prep_time") and e.text.lower() in lex.filler and e.text.lower() not in ("patients", "subjects"):
            continue
        if e.kind in ("word", "number", "choice", "range", "bound", "comp", "postcomp", "or_") and _in_grade(ctx, e):
            continue  # 'No history of grade 2 or higher CRS'
        return None
    return None


def _leads(ctx: _Ctx, start: int, e: El) -> bool:
    """The element opens its clause (after a label such as 'Cardiovascular:'): a leading 'No' governs it all."""
    head = ctx.text[start : e.start]
    label = _LABEL.match(head) if ":" in head else None
    return not head[label.end() if label else 0 :].strip(" -*•\t\n")


def _next_neg(els: list[El], e: El) -> int:
    """Where the next negation after `e` starts (a large number if none)."""
    return next((x.start for x in els if x.kind == "neg" and x.start >= e.end), 1 << 60)


def _in_grade(ctx: _Ctx, e: El) -> bool:
    lo = max(0, e.start - 40)
    near = ctx.text[lo : e.end + 40]
    if "grade" not in near.lower():
        return False  # (every grade phrase names it)
    return any(g.start() + lo <= e.start and e.end <= g.end() + lo for g in _GRADE.finditer(near))


def _bracketed_or_with_units_outside(ctx: _Ctx, els: list[El], units: list[_Unit], start: int, end: int) -> bool:
    """Whether an 'or' joining units sits inside brackets that hold units on both its sides, with units outside them on
    both sides ('A (B or C) and D (…)')."""
    text = ctx.text
    for e in els:
        if e.kind != "or_" or not (start <= e.start < end) or _internal_or(ctx, els, e, units):
            continue
        depth, open_at = 0, None
        for i in range(e.start - 1, start - 1, -1):  # the bracket open around the 'or'
            ch = text[i]
            if ch in ")]":
                depth += 1
            elif ch in "([":
                if depth == 0:
                    open_at = i
                    break
                depth -= 1
        if open_at is None:
            continue
        close_at = _closing(text, open_at, end)
        if close_at is None:
            continue
        inside = [u for u in units if open_at < u.start and u.end <= close_at]
        if (any(u.end <= e.start for u in inside) and any(u.start >= e.end for u in inside)
                and any(u.end <= open_at for u in units) and any(u.start >= close_at for u in units)):
            return True
    return False


def _closing(text: str, open_at: int, end: int) -> int | None:
    """The index of the bracket that closes the one at `open_at`, before `end`."""
    depth = 0
    for i in range(open_at, min(end, len(text))):
        if text[i] in "([":
            depth += 1
        elif text[i] in ")]":
            depth -= 1
            if depth == 0:
                return i
    return None


def _internal_or(ctx: _Ctx, els: list[El], e: El, units: list[_Unit]) -> bool:
    """'relapsed or refractory': an 'or' between two words no unit covers joins words, not units."""
    covered = [(u.start, u.end) for u in units] + [s for u in units for s in u.subjects]
    idx = els.index(e)
    prev = els[idx - 1] if idx > 0 else None
    nxt = els[idx + 1] if idx + 1 < len(els) else None

    def content(x: El | None) -> bool:
        return (x is not None and x.kind == "word" and x.text.lower() not in lexicon().filler
                and not any(s <= x.start and x.end <= t for s, t in covered))

    if nxt is not None and nxt.kind == "word" and _BY_METHOD.search(ctx.text, max(0, e.start - 40), e.start) and not any(
            s <= nxt.start and nxt.end <= t for s, t in covered):
        return True  # 'LVEF at least 45% by MUGA scan or echocardiography': ways of measuring, not two statements
    return content(prev) and content(nxt)


_BY_METHOD = _lazy("_BY_METHOD", r"(?i)\b(?:by|per|using|via)\s+(?:[\w/()-]+\s+){0,3}$")


_TEST_LABEL_REST = _lazy("_TEST_LABEL_REST", r"(?:\s|\(\s*[A-Z][A-Z]{1,5}\s*\)|\b(?i:serum|plasma|urine|urinary|assay|test|level|the)\b)*")


def _value_label_for_a_group(ctx: _Ctx, units: list[_Unit], start: int, end: int) -> bool:
    """'Hemoglobin (Hb) males: hemoglobin < 13 g/dL', 'Hematocrit for men: …': a label naming a value and a group of
    patients, before a colon and a limit of its own; the limit binds only that group."""
    for colon in (m.start() for m in re.finditer(":", ctx.text[start:end])):
        at = start + colon
        lead = max(ctx.text.rfind(";", start, at), ctx.text.rfind(". ", start, at), start - 1) + 1
        if not any(u.end > at for u in units) or not _GROUP_WORD.search(ctx.text, lead, at):
            continue
        if _BOTH_SEXES.search(ctx.text, lead, at) and not re.search(r"(?i)\b(?:not|no|except|excluding|only)\b", ctx.text[lead:at]):
            continue  # 'Male or female, age ≥ 18: ECOG 0-1': either sex, no group (not 'Men (not women):')
        if _GROUP_ONLY.fullmatch(ctx.text, lead, at) or any(
                ctx.vocab.concepts[c].kind == "quantity" for *_, c in _concept_mentions(ctx, lead, at)):
            return True  # ('Males: QTcF > 450 ms': the group alone)
    return False


def _restates_name(ctx: _Ctx, m: re.Match[str], start: int) -> bool:
    """Whether the bracketed word of `m` restates the name right before it: its initials ('free light chain (FLC)'), or
    an abbreviation of the same value ('Hemoglobin (Hb)', 'Platelets (PLT)')."""
    if _restated_initials(ctx.text, m):
        return True
    if any(s <= m.start() and m.end("a") < t for s, t, _ in _all_mentions(ctx.text)[0]):
        return True  # 'creatinine clearance (CrCl)': the bracket is part of the name
    inner = {c for *_, c in _concept_mentions(ctx, m.start("a"), m.end("a"))}
    before = {c for s, t, c in _concept_mentions(ctx, max(start, m.start() - 80), m.start())
              if not ctx.text[t : m.start()].strip()}
    return bool(inner) and inner <= before


def _named_test_label(ctx: _Ctx, units: list[_Unit], start: int) -> tuple[int, int] | None:
    """'Serum free light chain (FLC) assay: involved FLC level ≥ 10 mg/dL': a label before the limits that names only
    the values they read (and the test, its abbreviation), no requirement of its own. Its span, or None."""
    first = min(u.start for u in units)
    colon = ctx.text.find(":", start, first)
    if colon == -1 or not ctx.text[start:colon].strip():
        return None
    said = {c for u in units for c in u.concepts}
    mentions = _concept_mentions(ctx, start, colon)
    if not mentions or not {c for *_, c in mentions} <= said:
        return None
    rest, at = [], start
    for a, b, _ in sorted(mentions):
        rest.append(ctx.text[at:a])
        at = max(at, b)
    rest.append(ctx.text[at:colon])
    if not all(_TEST_LABEL_REST.fullmatch(r) for r in rest):
        return None
    for m in _ABBR_IN_PARENS.finditer(ctx.text, start, colon):
        if not _restates_name(ctx, m, start):
            return None  # 'Bilirubin (GS):', 'Hemoglobin (M):': a bracket that is no restatement may say whom it binds
    return (start, colon + 1)


_OR_BEFORE_GRADE = _lazy("_OR_BEFORE_GRADE", r"(?i)\bor\s*$")


def _residual(ctx: _Ctx, els: list[El], units: list[_Unit], start: int, end: int) -> tuple[int, int, bool | None] | None:
    """Span of the words no unit accounts for, and whether an escape word ('or', 'unless') leads them."""
    lex = lexicon()
    covered = []
    for u in units:
        covered.extend(u.cover or [(u.start, u.end)])
        covered.extend(u.subjects)
    covered.extend(_filler_spans(ctx.text, start, end))
    for u in units:
        covered.extend(u.grades)  # ('ICANS of any grade': the words of the grade it was read with)
    for e in els:
        if e.kind == "finding" and ("positiv" in (result_word := e.text.lower()) or "negativ" in result_word):
            value = "negative" if "negativ" in result_word else "positive"
            # ('positive for HIV, hepatitis B surface antigen positivity, …': the result said again right after a subject
            # the first one was read of)
            if any(se <= e.start and not ctx.text[se : e.start].strip() and any(
                    isinstance(x, ir.Finding) and x.value == value for x in ir.leaves(u.rule)) for u in units for _, se in u.subjects):
                covered.append((e.start, e.end))
    graded = any(u.grades for u in units) or any(isinstance(h, ir.History) and h.min_grade is not None
                                                 for u in units for h in (u.rule.item if isinstance(u.rule, ir.Not) else u.rule,))
    for g in _GRADE.finditer(ctx.text, start, end) if graded else ():
        if _OR_BEFORE_GRADE.search(ctx.text, max(start, g.start() - 8), g.start()) and not any(
                a <= g.start() and g.end() <= b for u in units for a, b in u.grades):
            continue  # 'Peripheral neuropathy grade ≥ 3, or grade 2 with pain': another grade, an alternative not read
        covered.append((g.start(), g.end()))
    groups = _paren_groups(els) if any(e.kind == "lparen" for e in els) else []
    for i, j in groups:
        inside = [u for u in units if els[i].start <= u.start and u.end <= els[j].end]
        if not inside or any(e.kind not in ("punct", "or_", "and_") and not any(s <= e.start and e.end <= t for s, t in covered)
                             and not (e.kind == "word" and e.text.lower() in lex.filler) for e in els[i + 1 : j]):
            continue
        k = i - 1
        words = 0
        while k >= 0 and els[k].kind == "word" and words < 4 and not any(s <= els[k].start and els[k].end <= t for s, t in covered):
            words += 1
            k -= 1
        if 0 < words and (k < 0 or els[k].kind in ("punct", "semicolon", "or_", "and_") or any(s <= els[k].start and els[k].end <= t for s, t in covered)):
            covered.append((els[k + 1].start, els[i - 1].end))
    for i, j in groups:
        if _ILLUSTRATION.match(ctx.text, els[i].end) and _members_only(ctx, units, els, i, j):
            # 'No concurrent proton pump inhibitors (e.g., omeprazole)': examples of a class change nothing
            # (unless they are not of it: '(e.g., organ allograft)' says what the therapy is for)
            covered.append((els[i].start, els[j].end))
            continue
        said = {c for u in units for c in u.concepts}
        mentions = _concept_mentions(ctx, els[i].end, els[j].start) if said else []
        if mentions and {c for *_, c in mentions} <= said and all(
                e.kind == "punct" or e.text in ("/", ",", "and", "or") or any(a <= e.start and e.end <= b for a, b, _ in mentions)
                or ("/" in e.text and _pieces_covered(ctx.text, e, [(a, b) for a, b, _ in mentions]))
                for e in els[i + 1 : j]):
            covered.append((els[i].start, els[j].end))  # 'ALT/AST (SGPT/SGOT) < 3 × ULN': the same values named again
            continue
        named = {t for u in units for h in _histories(u.rule) for t in h.concepts}
        in_terms = _term_mentions(ctx, els[i].end, els[j].start) if named else []
        if in_terms and {t for *_, t in in_terms} <= named and all(
                e.kind == "punct" or any(a <= e.start and e.end <= b for a, b, _ in in_terms) for e in els[i + 1 : j]):
            covered.append((els[i].start, els[j].end))  # 'Hypericum perforatum (St. John's Wort)': the same term again
            continue
        inner = [e for e in els[i + 1 : j] if e.kind != "punct"]
        if len(inner) == 1 and inner[0].kind == "quantity" and _restates(ctx, units, els[i].start, inner[0]):
            covered.append((els[i].start, els[j].end))  # 'Platelets ≥ 75,000/mm3 (75 × 10^9/L)'
    low = ctx.text[start:end].lower()
    for m in _FLAGGED_WOMEN.finditer(ctx.text, start, end) if ("wom" in low or "female" in low or "mother" in low) else ():
        g = "w" if m.group("w") else "v"
        covered.append((m.start(g), m.end(g)))  # 'lactating women', 'females who are pregnant': the words add nothing
    for u in units:
        if isinstance(u.rule, (ir.OneOf, ir.Range, ir.Comparison)) and u.rule.concept == "nyha":
            m = _NYHA_NOUN.match(ctx.text, u.end, end)
            if m:  # 'NYHA class III or IV congestive heart failure': the class says it is heart failure
                covered.append((m.start(), m.end()))
    for m in _ABBR_IN_PARENS.finditer(ctx.text, start, end) if groups else ():
        if _restated_initials(ctx.text, m):
            covered.append((m.start(), m.end()))  # 'performance status (PS)', 'total bilirubin (TB)': a restatement
    label = _LABEL.match(ctx.text, start, end) if ":" in low else None  # (a label ends in a colon)
    if label is not None and ctx.section == "inclusion" and _BARRED_LABEL.match(label.group()):
        label = None  # ('Prohibited: strong CYP3A4 inhibitors' in the inclusion list: no requirement of them)
    if label and units and label.end() <= min(u.start for u in units):
        covered.append((label.start(), label.end()))
    elif ":" in low and units and (test_label := _named_test_label(ctx, units, start)) is not None:
        covered.append(test_label)
    if "nfection" in low:
        # 'Known infection with HIV, hepatitis B, or hepatitis C': the infections are the ones named after it
        mentions = _term_mentions(ctx, start, end)
        for ts, te, tid in mentions:
            if ((tid == "infection" or "infection" in ctx.vocab.terms[tid].ancestors)
                    and (w := _INFECTION_WITH.match(ctx.text, te)) is not None
                    and any(u.start >= w.end() and any(h.category == "condition" for h in _histories(u.rule)) for u in units)):
                covered.append((ts, w.end()))
        for i, j in groups:
            # 'hepatitis C virus (defined as HCV RNA detected) infection': the word after the bracket is the named
            # infection's own
            iw = _INFECTION_WORD.match(ctx.text, els[j].end, end)
            if iw is not None and any(te <= els[i].start and not ctx.text[te : els[i].start].strip()
                                      and "infection" in ctx.vocab.terms[tid].ancestors for _, te, tid in mentions):
                covered.append((iw.start(1), iw.end(1)))
    content: list[El] = []
    inside = _Containment(covered)
    caused = [(m.start(), m.end()) for m in _CAUSED_BY_THERAPY.finditer(ctx.text, start, end)] if (
        "following" in ctx.text[start:end]) else []
    lower_limit = [(m.start(), m.end()) for m in _OF_LOWER_LIMIT.finditer(ctx.text, start, end)] if (
        "lower limit" in ctx.text[start:end]) else []
    # ('> 50% of predicted lower limit': 50% of the predicted value, or of its lower limit? The words change it)
    caused += lower_limit
    if "dequate" in low or "ufficient" in low:
        # 'Adequate prior chemotherapy required': how much is enough is not said (a filler word before organ function)
        caused += [(m.start(), m.end()) for m in _ENOUGH.finditer(ctx.text, start, end)
                   if any(h.category in ("therapy", "procedure") and _PRIOR_GAP.fullmatch(ctx.text, m.end(), u.start)
                          for u in units for h in _histories(u.rule))]
    if " of " in ctx.text[start:end]:
        caused += [(m.start(), m.end()) for m in _SITE_AFTER.finditer(ctx.text, start, end)
                   if any(isinstance(u.rule, ir.History) and u.rule.category == "condition" and u.end <= m.start()
                          and not ctx.text[u.end : m.start()].strip() for u in units)]
    for e in els:
        if inside(e.start, e.end):
            continue
        if caused and any(a <= e.start < b for a, b in caused) and e.kind in ("word", "prep_time"):
            content.append(e)  # 'a second malignancy following previous therapy': the cause narrows the condition
            continue
        if e.kind == "word" and ("/" in e.text or "-" in e.text) and _pieces_covered(ctx.text, e, covered):
            continue  # 'AST/ALT': each piece is a subject of its own
        if e.kind in ("punct", "lparen", "rparen", "semicolon", "and_", "or_"):
            continue
        if e.kind in ("word", "prep_time") and e.text.lower().strip(".,:") in lex.filler and e.text.strip(".,:") != "ALL":
            continue  # ('AML or ALL': capitals, the leukemia, no filler 'all')
        if e.kind == "word" and e.text.lower() in ("another", "other") and _names_a_treatment(ctx, units, e.end):
            continue  # 'received another investigational product': the study's own is not one of them, no narrowing
        if (e.kind == "word" and e.text.lower() in ("exposure", "exposed", "receipt") and (to := _EXPOSED_TO.match(ctx.text, e.end)) is not None
                and (_names_a_treatment(ctx, units, to.end()) or any(
                    isinstance(u.rule, (ir.Comparison, ir.Range)) and u.rule.concept == "prior_lines" and u.start == to.end()
                    for u in units))):
            continue  # 'Prior exposure to a proteasome inhibitor', '… to at least 3 lines of therapy', 'Receipt of live attenuated
            # vaccine': given it (not 'exposure to HIV')
        if e.kind == "neg" and any(u.start >= e.end and _negator(ctx, els, u) is e for u in units):
            continue  # consumed by _combine (a 'No' negating nothing stays unread, even when another 'No' negates)
        if e.kind == "number" and re.fullmatch(r"\d+", e.text) and e.start == start:
            continue
        content.append(e)
    if not content:
        return None
    if any(e.kind == "word" and "/" in e.text and _some_piece_covered(ctx.text, e, covered) for e in content):
        return start, end, None  # 'allogeneic tissue/solid organ transplant': an alternative unread beside one read
    if any(e.text.lower().strip(".,;:()") in lex.polarity_words for e in content):
        return start, end, None  # 'female (pregnant excluded)': which way the clause points is not read
    if _SUBGROUP.search(ctx.text, content[0].start, content[-1].end):
        # 'ECOG 0 or 1, and AML patients with anemia resulting in an ECOG of 2': a subgroup with a rule of its
        # own, which may widen or narrow the rule read; joined either way it would decide wrongly for some
        return start, end, None
    runs = _runs(content, els)
    kinds = {_run_escapes(ctx, els, r) for r in runs}
    if len(kinds) > 1 or None in kinds:
        return start, end, None
    if " or " in ctx.text[content[0].start : content[-1].end] and _VERB_ALTERNATIVE.search(
            ctx.text, content[0].start, content[-1].end):
        # '… or has used an investigational device within 28 days': an unread alternative inside the unread words;
        # joined by 'and' it would decide 'false' for whoever meets only it
        return start, end, None
    first = content[0]
    before = _read_before(els, first.start, lex.filler)
    listed = bool(before) and before[-1].text == ","  # the unread words continue a list: 'HIV, HBV or HCV'
    # (or hold one: 'keratitis, corneal diseases, retinal diseases or active eye infections')
    listed = listed or _comma_outside_parens(els, first.start, content[-1].end)
    if _or_outside_parens(els, first.start, content[-1].end, any_or=listed) and not (before and before[-1].kind == "or_"):
        # An 'or' inside the unread words: they may be more alternatives ('HIV, hepatitis B, or hepatitis C'
        # with the last two unread) as well as a narrowing ('CML in chronic, accelerated, or blast phase').
        # Joined either way, the read part would decide wrongly for one of them: the clause stays unread
        # (unless an 'or' leads them: 'ALL or ANLL in relapse or remission' has them as one more alternative).
        return start, end, None
    escape = bool(before) and (before[-1].kind in ("or_", "except_") or before[-1].text.lower() in lex.escape_words)
    escape = escape or first.text.lower() in lex.escape_words or first.kind == "except_" or kinds == {True}
    if not escape and any(e.text.lower() in lex.escape_words and e.text.lower() != "or" for e in content):
        if len(content) > 10:
            # a long unread stretch with an 'allowed' or 'unless' somewhere inside (an old record's lines run
            # together): neither 'and' nor 'or' is safe
            return start, end, None
        escape = True
    after_content = next((e for e in els if e.start >= content[-1].end
                          and not (e.kind == "word" and e.text.lower() in lex.filler)), None)
    if (not escape and units and content[-1].end <= min(u.start for u in units)
            and after_content is not None and after_content.text == ","
            and ((_or_outside_parens(els, content[-1].end, end, any_or=True) and not _negated_or(els, content[-1].end)) or (
                # ('Women in childbearing age, pregnancy and breast-feeding' excluded: each item is a reason)
                ctx.section == "exclusion" and any(e.kind == "and_" for e in els if e.start >= content[-1].end)))):
        # 'any treatment targeting VEGF-directed angiogenesis, any anti-PD-1, anti-PD-L1, or anti-PD-L2 agent': the
        # unread words open a list that ends with 'or', one more alternative (joined by 'and', bevacizumab did not
        # exclude)
        escape = True
    if lower_limit and all(any(a <= e.start < b for a, b in lower_limit) for e in content):
        escape = True  # the lower reading of '50% of predicted lower limit' lets in more: decided only above both
    if _LIST_LEAD_BEFORE.search(ctx.text, max(0, first.start - 80), first.start) is not None:
        # 'Uncontrolled cardiovascular disease within 6 months, or any of the following conditions: MI, PE': the unread
        # words are the list's items, one more alternative after 'or' (joined by 'and', an MI did not exclude)
        escape = True
    if _RESTRICTING_ONLY_WORD.search(ctx.text, first.start, content[-1].end):
        escape = False  # 'allowed only if …' restricts (not '(ECOG 2 allowed in cohort B only)', 'bone-only')
    if (escape and ctx.section == "exclusion" and not (before and before[-1].kind in ("or_", "except_")) and first.kind != "except_"
            and any(e.text.lower().strip(".,;:()") in lex.permission_words for e in content)):
        # 'Radiotherapy within 4 weeks, palliative radiotherapy allowed': joined by OR, the permitted palliative
        # radiotherapy of two years ago excluded
        return start, end, None
    return first.start, content[-1].end, escape


_RESTRICTING_ONLY_WORD = _lazy("_RESTRICTING_ONLY_WORD",
    r"(?i)(?<![\w-])only\b(?=\s*[\w(])(?!\s+(?:in|at|for|to)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cohorts?|parts?|arms?|phases?|sites?|groups?|expansion|escalation|centers?|centres?|stages?)\b)")
"""'allowed only if …', not 'allowed only in cohort B' (where, not on what)."""


_EXPOSED_TO = _lazy("_EXPOSED_TO", r"(?i)\s+(?:to|of)\s+(?:(?:a|an|the|any|one|prior|previous)\s+)*")
"""'exposure to (a, the, any) ', 'receipt of ': what follows is what the patient was given."""


def _names_a_treatment(ctx: _Ctx, units: list[_Unit], at: int) -> bool:
    """Whether a therapy or procedure a unit reads is named right after position `at`."""
    gap = len(ctx.text) - len(ctx.text[at:].lstrip())
    for u in units:
        r = u.rule.item if isinstance(u.rule, ir.Not) else u.rule
        if isinstance(r, ir.History) and r.category in ("therapy", "procedure", "any") and any(
                ctx.vocab.terms[c].category in ("therapy", "procedure") for c in r.concepts if c in ctx.vocab.terms) and any(
                s == gap for s, _ in u.subjects):
            return True
    return False


_NYHA_NOUN = _lazy("_NYHA_NOUN",
    r"(?i)\s*(?:(?:congestive|symptomatic)\s+)?(?:heart\s+failure|cardiac\s+(?:failure|insufficiency|disease)|heart\s+disease|"
    r"CHF|disease|status|symptoms)\b")


_CAUSED_BY_THERAPY = _lazy("_CAUSED_BY_THERAPY",
    r"(?i)(?<=[a-z] )following\s+(?:(?:prior|previous|earlier|the|a|any)\s+)*(?:[\w-]+\s+){0,2}?"
    r"(?:therapy|therapies|treatment|treatments|chemotherapy|radiotherapy|radiation|transplant(?:ation)?)\b")
"""'A second malignancy following previous therapy': words a filler list would drop ('following', 'therapy') say
what caused the condition."""
_ENOUGH = _lazy("_ENOUGH", r"(?i)\b(?:adequate(?:ly)?|sufficient(?:ly)?)\b")
_PRIOR_GAP = _lazy("_PRIOR_GAP",
    r"(?i)\s+(?:(?:prior|previous|previously)\s+)?(?:(?:therapy|treatment|exposure|courses?|cycles?|doses?)\s+(?:with|to|of)\s+"
    r"(?:(?:an?|the|any)\s+)?)?")
_OF_LOWER_LIMIT = _lazy("_OF_LOWER_LIMIT", r"(?i)(?<=%)\s*of\s+(?:the\s+)?predicted\s+lower\s+limit\b")
_SITE_AFTER = _lazy("_SITE_AFTER", r"(?i)(?<=[a-z] )of\s+(?:the\s+)?(?:lungs?|liver|kidneys?|heart|bones?|bone\s+marrow)\b")
"""'Carcinoid of the lung': the organ (a filler word elsewhere) narrows the condition to its site."""
_FIELD_AFTER = _lazy("_FIELD_AFTER", r"(?i)\s*(?:fields?|ports?|areas?|volumes?|sites?)\b")
_OUTSIDE_BEFORE = _lazy("_OUTSIDE_BEFORE",
    r"(?i)\b(?:outside|within|inside|in|beyond|out\s+of)\s+(?:of\s+)?(?:the\s+|a\s+|an\s+|any\s+)?(?:prior\s+|previous\s+|previously\s+)?"
    r"(?:[\w-]+\s+)?$")
_AND_VERB = _lazy("_AND_VERB", r"(?i)\band\s+(?:must\s+)?(?:be|have|has|had|are|is|agree|remain)\b")
_OR_BEFORE = _lazy("_OR_BEFORE", r"(?i)\b(?:or|nor|and/or)\s*$")
_NOR_OPENS = _lazy("_NOR_OPENS", r"(?i)nor\b")
_NARROWING_PREP = _lazy("_NARROWING_PREP", r"(?i)\b(?:for|with|of|to|in|by|from|on|at|after|during)\b")
"""('No concurrent interleukin-11 for treatment or prevention of …': the 'or' inside the item's narrowing words.)"""
_RUN_ON_STATEMENT = _lazy("_RUN_ON_STATEMENT", r"[A-Z][a-z]{2,}\b(?!\s*\))")
_ALTERNATIVE_GAP = _lazy("_ALTERNATIVE_GAP",
    r"(?i)\s*,?\s*(?:or|and/or)(?:\s+(?:(?!(?:for|of|to|with|in|by|from|such|as|including|due|because)\b)[\w-]+)){0,2}\s*")
"""The words between a negated item and the unread words after it when those are one more item barred."""


def _comma_outside_parens(els: list[El], s: int, e: int) -> bool:
    """A comma between positions s and e, not inside parentheses ('(e.g., fluoxetine, paroxetine)' only illustrates)."""
    depth = 0
    for x in els:
        if x.kind == "lparen":
            depth += 1
        elif x.kind == "rparen":
            depth = max(0, depth - 1)
        elif x.text == "," and depth == 0 and s <= x.start < e:
            return True
    return False


def _or_outside_parens(els: list[El], s: int, e: int, any_or: bool = False) -> bool:
    """A list's ', or' (any 'or' with `any_or`) between positions s and e, not inside parentheses
    ('(e.g., sepsis, or aspergillosis)' only illustrates; 'in serum or urine' joins two words of one phrase)."""
    depth = 0
    prev: El | None = None
    for x in els:
        if x.kind == "lparen":
            depth += 1
        elif x.kind == "rparen":
            depth = max(0, depth - 1)
        elif x.kind == "or_" and depth == 0 and s < x.start < e and prev is not None and (
                any_or or prev.text == "," or prev.kind == "rparen"):  # ('hepatitis B (defined as …) or hepatitis C …')
            return True
        prev = x
    return False


def _members_only(ctx: _Ctx, units: list[_Unit], els: list[El], i: int, j: int) -> bool:
    """Whether the bracket right after a history unit names only members of that unit's terms."""
    def history_of(r: ir.Rule) -> ir.History | None:
        return r if isinstance(r, ir.History) else r.item if isinstance(r, ir.Not) and isinstance(r.item, ir.History) else None

    before = [h for u in units if (h := history_of(u.rule)) is not None and not ctx.text[u.end : els[i].start].strip()]
    if not before:
        return False
    classes = set(before[-1].concepts)
    terms = _term_mentions(ctx, els[i].end, els[j].start)
    if not terms or not all(classes & ctx.vocab.terms[t].ancestors for *_, t in terms):
        return False
    lex = lexicon()
    for e in els[i + 1 : j]:
        if e.kind in ("punct", "and_", "or_") or any(s <= e.start and e.end <= t for s, t, _ in terms):
            continue
        if e.kind == "word" and (e.text.lower().strip(".,") in lex.filler or _ILLUSTRATION.match(e.text + " ")):
            continue
        if e.kind == "word" and e.text.lower().strip(".,") in ("e.g", "eg", "i.e", "ie", "for", "example", "such", "as", "instance", "namely"):
            continue
        return False
    return True


_ILLUSTRATION = _lazy("_ILLUSTRATION", r"(?i)\s*(?:e\.?\s?g\.?|i\.?\s?e\.?|for\s+example|such\s+as|for\s+instance|namely)[\s,:]")
_ABBR_IN_PARENS = _lazy("_ABBR_IN_PARENS", r"\(\s*(?P<a>[A-Z][A-Za-z]{1,5})\.?\s*\)")
_ABBR_AT_END = _lazy("_ABBR_AT_END", r"\(\s*(?P<a>[A-Z][A-Za-z]{1,5})\s*\)(?=\s*(?:[.;:]|$))")


def _restated_term(text: str, m: re.Match[str]) -> bool:
    """Whether the abbreviation in parentheses names the term named right before it ('active tuberculosis (TB).')."""
    v = vocabulary()
    named = {t for *_, t in v.find_terms(m.group("a"))}
    if not named:
        return False
    before = text[max(0, m.start() - 80) : m.start()]
    end = len(before.rstrip())
    return any(e == end and t in named for _, e, t in v.find_terms(before))


def _restated_initials(text: str, m: re.Match[str]) -> bool:
    """Whether the abbreviation in parentheses spells the initials of the words right before it."""
    letters = m.group("a").lower()
    last = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 80) : m.start()])[-1:]
    if last and len(letters) >= 3 and last[0].lower().startswith(letters) and last[0].lower() != letters:
        return True  # 'calculated (Calc.) creatinine clearance': the word shortened
    words = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 80) : m.start()])[-len(letters) :]
    return len(words) == len(letters) and "".join(w[0].lower() for w in words) == letters


class _Containment:
    """Whether [a, b) lies inside one of the spans: a bisect over spans sorted by start, with
    the running maximum of their ends (the same answer as testing each span)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [s for s, _ in spans]
        self._reach: list[int] = []
        top = -1
        for _, t in spans:
            top = max(top, t)
            self._reach.append(top)

    def __call__(self, a: int, b: int) -> bool:
        i = bisect_right(self._starts, a)
        return i > 0 and self._reach[i - 1] >= b


def _some_piece_covered(text: str, e: El, covered: list[tuple[int, int]]) -> bool:
    """Whether a piece of a slash-joined word ('tissue/solid') lies in a covered span while another does not."""
    pieces = [(e.start + m.start(), e.start + m.end()) for m in re.finditer(r"[^/]+", text[e.start : e.end])]
    inside = [any(s <= a and b <= t for s, t in covered) for a, b in pieces]
    return len(pieces) > 1 and any(inside) and not all(inside)


def _pieces_covered(text: str, e: El, covered: list[tuple[int, int]]) -> bool:
    """Every letter of a slash- or hyphen-joined word lies in some covered span (a subtype number
    after a slash counts with the name before it: 'HTLV-1/2', 'HIV-1/2')."""
    word = text[e.start : e.end]
    stop = e.start + len(re.sub(r"(?:/\d)+$", "", word)) if re.search(r"-\d(?:/\d)+$", word) else e.end
    filler = lexicon().filler
    for m in re.finditer(r"[^-/]+", text[e.start : stop]):
        if m.group().lower() in filler and m.group() != "ALL":  # 'lenalidomide-based': the suffix adds nothing
            continue
        a = e.start + m.start()
        if not all(any(s <= i < t for s, t in covered) for i in range(a, a + len(m.group())) if text[i].isalnum()):
            return False
    return True


def _runs(content: list[El], els: list[El]) -> list[list[El]]:
    """Residual elements grouped into runs that are contiguous in the clause."""
    index = {id(e): i for i, e in enumerate(els)}
    runs: list[list[El]] = []
    last = -2
    for e in content:
        i = index[id(e)]
        gap = els[last + 1 : i] if last >= 0 else []
        if runs and all(g.kind in ("punct", "lparen", "rparen", "and_", "or_") or (g.kind == "word" and g.text.lower() in lexicon().filler) for g in gap):
            runs[-1].append(e)
        else:
            runs.append([e])
        last = i
    return runs


_EXAMPLE_GAP = re.compile(r"(?i)[\s,:(\[-]*(?:including(?:,?\s+but\s+not\s+limited\s+to)?|such\s+as|e\.g\.|for\s+example)[\s,:]*")


def _examples_of_a_class(ctx: _Ctx, rule: ir.Rule) -> ir.Rule:
    """'Other B-cell malignancy including non-Hodgkin's lymphoma, Waldenström's …': an example wider than the class it
    exemplifies is meant as its part in that class. A T-cell lymphoma is a non-Hodgkin lymphoma and no B-cell
    malignancy: whether it counts is not said (read as a bare alternative, it met the criterion). An example of no
    part in the class ('… including amyloidosis') is one the text adds, as written."""
    terms = ctx.vocab.terms

    def fix(r: ir.Rule) -> ir.Rule:
        if not isinstance(r, ir.AnyOf):
            return ir.map_children(r, fix)
        items = [fix(x) for x in r.items]
        cls: ir.History | None = None
        out: list[ir.Rule] = []
        for k, x in enumerate(items):
            prev = items[k - 1] if k else None
            if (cls is None and isinstance(x, ir.History) and isinstance(prev, ir.History) and x.span and prev.span
                    and len(prev.concepts) == 1 and prev.category == "condition" and prev.window is None
                    and _EXAMPLE_GAP.fullmatch(ctx.text, prev.span[1] - ctx.offset, x.span[0] - ctx.offset)):
                cls = prev
            if (cls is not None and x is not cls and isinstance(x, ir.History) and x.category == "condition"
                    and len(x.concepts) == 1 and x.concepts[0] in terms and cls.concepts[0] in terms
                    and cls.concepts[0] not in terms[x.concepts[0]].ancestors
                    and cls.concepts[0] in ctx.vocab.kinds_below.get(x.concepts[0], frozenset())):
                which = ir.FreeText(text=f"whether a {terms[x.concepts[0]].name} that is no {terms[cls.concepts[0]].name} "
                                         "counts", reason="not_understood", span=x.span)
                x = ir.AllOf(items=[x, ir.AnyOf(items=[cls, which], span=x.span)], span=x.span)
            out.append(x)
        return r.model_copy(update={"items": out})

    return fix(rule)


_LIST_LEAD_BEFORE = re.compile(r"(?i)\b(?:or|and/or)\s+(?:any|one|either)\s+(?:or\s+more\s+)?of\s+the\s+following\s*:?\s*$")
"""An alternative list lead just before unread words: 'or any of the following:', 'or one of the following'."""


def _read_before(els: list[El], at: int, filler: frozenset[str]) -> list[El]:
    """The elements before position `at` that are no filler words ('histologically or cytologically confirmed HER2
    overexpression': an 'or' between filler words is one too, and leads nothing)."""
    def is_filler(k: int) -> bool:
        return els[k].kind == "word" and els[k].text.lower() in filler

    return [e for k, e in enumerate(els) if e.end <= at and not is_filler(k)
            and not (e.kind == "or_" and 0 < k < len(els) - 1 and is_filler(k - 1) and is_filler(k + 1))]


def _negated_or(els: list[El], start: int) -> bool:
    """Whether the first 'or' after `start` follows a negation after it ('Female, age ≥ 18 years, not pregnant or
    lactating': the 'or' is the negated item's own, no list of alternatives)."""
    first_or = next((e for e in els if e.start >= start and e.kind == "or_"), None)
    return first_or is not None and any(e.kind == "neg" and start <= e.start < first_or.start for e in els)


_WITH_BEFORE = _lazy("_WITH_BEFORE", r"(?i)\bwith(?:out)?\s+$")


def _run_escapes(ctx: _Ctx, els: list[El], run: list[El]) -> bool | None:
    lex = lexicon()
    first = run[0]
    after = [e for e in els if e.start >= run[-1].end and e.kind not in ("punct", "lparen", "rparen")]
    while after and after[0].kind == "word" and after[0].text.lower() in _HEAD_NOUNS:
        after = after[1:]  # 'foo therapy, or radiation therapy': the unread item's own head noun
    if after and after[0].kind == "or_" and _WITH_BEFORE.search(ctx.text, max(0, first.start - 12), first.start):
        return None  # 'Grade 2 neuropathy with pain or grade 3 neuropathy': they narrow what comes before the 'or'
    if after and after[0].kind == "or_":
        return True  # an 'or' right after the unread words: 'GFR normal by EDTA OR creatinine clearance >= 60' 
    prev = [e for e in els if e.end <= first.start
            and not (e.kind == "word" and e.text.lower() in lex.filler and e.text.lower() not in ("for", "when", "among"))]
    if prev and prev[-1].text.lower() in ("for", "when", "among") and any(
        e.end <= prev[-1].start and e.kind in ("bound", "range", "relative", "choice", "wnl")
        and not (e.value_kind == "quantity" and _quantity(e.value) is not None and _time_unit(_quantity(e.value)[1] or "")) for e in prev):
        return None  # 'bilirubin ≤ 2.5 mg/dL for liver metastases': scope or restriction, not ours to guess
    before = _read_before(els, first.start, lex.filler)
    while before and before[-1].kind == "lparen":
        before = before[:-1]  # 'bleeding or (impending) obstruction': the 'or' leads the bracketed word too
    if before and before[-1].kind == "punct" and before[-1].text in ",":
        before = before[:-1]
    return bool(before) and (before[-1].kind in ("or_", "except_") or before[-1].text.lower() in lex.escape_words) or (
        first.text.lower() in lex.escape_words or first.kind == "except_")
