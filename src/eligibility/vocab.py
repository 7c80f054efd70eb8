"""The vocabulary: concepts and history terms loaded from the data files, with one matcher each."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

__all__ = ["Concept", "Term", "Vocabulary", "vocabulary", "norm_key"]

_KEY_SEP = re.compile(r"[\s_\-‐–]+")


@lru_cache(maxsize=16384)
def norm_key(text: str) -> str:
    """Normalised form for matching keys: lower case, one space for runs of space, '_' and '-'. (Record keys and names
    repeat from patient to patient: remembered.)

    >>> norm_key("Prior_Lines"), norm_key("HBV-DNA")
    ('prior lines', 'hbv dna')
    """
    return _KEY_SEP.sub(" ", text.replace("’", "'").strip().lower()).strip()


@dataclass(frozen=True)
class Concept:
    """A measurable or observable patient datum (a lab, score, finding, flag, category)."""

    id: str
    name: str
    kind: str
    unit: str = ""
    synonyms: tuple[str, ...] = ()
    abbrev: tuple[str, ...] = ()
    loinc: tuple[str, ...] = ()
    loinc_units: dict[str, str] = field(default_factory=dict)
    """The unit a LOINC code reports in when it is not the canonical one ("2000-8": calcium in mmol/L): a bare
    number under that key is read in it."""
    molar_mass: float | None = None
    conventional_molar_mass: float | None = None
    valence: float | None = None
    """The ion's charge: mEq per mmol (calcium 2). Without it a value in mEq/L is not converted."""
    """The molar mass implied by the rounded factor laboratories convert with (bilirubin 17.1 µmol/L per mg/dL): a
    value on a limit at that factor is at the limit."""
    range: dict[str, Any] | None = None
    min: float | None = None
    max: float | None = None
    bare_max: float | None = None
    """The most a bare number (no unit) is read as, in the canonical unit: above it another unit is likelier (a bare
    platelet count of 8000 is per µL)."""
    scale: tuple[float, float] | None = None
    values: tuple[str, ...] = ()
    derived: str = ""
    in_text: bool = True
    """False for patient-key-only concepts (site confirmations): the text matcher skips them."""
    text_units: tuple[tuple[str, str], ...] = ()
    """Units criteria write loosely for this concept, read as another ('mL/min' for eGFR is per 1.73 m²)."""
    members: tuple[str, ...] = ()
    """For kind 'group' ('transaminases'): the concepts a limit on the group applies to, each."""
    weak_synonyms: tuple[str, ...] = ()
    """Words that name this concept in criteria text only when no other score is named in the same
    text ('performance status 0-2' is ECOG; in 'performance status: Karnofsky 70-100%' it is Karnofsky).
    Never patient keys."""
    bare_units: tuple[str, ...] = ()
    """Units a criterion's number written without one may be in ('Platelets at least 100,000'): it is read when
    exactly one of them gives a plausible value, and left unread otherwise."""
    other_scales: tuple[str, ...] = ()
    """Units pint would convert to the canonical one though they measure on another scale (HbA1c in mmol/mol, IFCC,
    is no fraction of the percent, NGSP): a value in one is kept as written and compared with nothing."""
    raised_only: bool = False
    """Only a raised value is abnormal for the criteria that name it ('Bilirubin normal' in a hepatic-function line): a
    value below the lower limit leaves 'within normal limits' undecided instead of failing it."""
    lowered_only: bool = False
    """Only a lowered value is abnormal for the criteria that name it ('LVEF normal'): a value above the upper limit
    leaves 'within normal limits' undecided instead of failing it."""
    quantified: bool = False
    """A finding laboratories report as an amount (a viral load: '1500 IU/mL' is detected, '0' not, '<20 IU/mL' below
    what is counted, detected or not)."""
    lasting: bool = False
    """A finding that stays positive once positive (an HIV or HCV antibody, HBcAb): a later negative beside an earlier
    positive is undecided (one of them may be wrong, or of another test)."""
    current_for: float | None = None
    """Days a dated value says something of the screening day ('pregnant': no, a pregnancy test): older, a criterion
    on it is undecided (a negative test of 2019 said nothing of pregnancy now)."""
    worse: str = ""
    """For a value with no reference range: which way it gets worse ("higher": ECOG, QTc; "lower": Karnofsky, eGFR), so
    a limit can be told to describe a problem ('ECOG ≥ 2') or an adequate value ('Karnofsky ≥ 70'). Empty: not said."""


@dataclass(frozen=True)
class Term:
    """A condition, therapy or procedure, with the classes it belongs to."""

    id: str
    name: str
    category: str
    synonyms: tuple[str, ...] = ()
    abbrev: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    ancestors: frozenset[str] = field(default_factory=frozenset)
    """This term's id and every class above it."""
    codes: tuple[str, ...] = ()
    """Coded identifiers ('http://snomed.info/sct|109989006', 'ATC|L01XG01')."""
    elided: tuple[str, ...] = ()
    """Phrases that name this term by their last word only ('hepatitis B or C')."""
    by_indication: frozenset[str] = frozenset()
    """Classes this term belongs to only when given for the indication they imply (`indication_parents`: megestrol is a
    hormonal anticancer therapy for cancer, an appetite stimulant otherwise)."""
    maybe: frozenset[str] = frozenset()
    """Classes this term may or may not belong to, as criteria use them (`maybe_parents`: whether an allogeneic stem cell
    transplant is an 'allogeneic tissue/solid organ transplant' is not said): never decided either way."""
    shown_by: tuple[str, ...] = ()
    """What shows this condition in a record's values: finding concepts whose positive result does (HBsAg, HBV DNA for
    hepatitis B), or limits a value is past ('creatinine > ULN', 'egfr < 60')."""

    @cached_property
    def certain(self) -> frozenset[str]:
        """This term's id and the classes it belongs to whatever it is given for and however criteria use them: a
        record that one of them is absent denies this term (not 'no insulin-dependent diabetes' a type 2 diabetes)."""
        return self.ancestors - self.by_indication - self.maybe


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w\s]", re.UNICODE)
_JOINERS = frozenset("-‐–")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_GROUP = re.Match.group
_last_words: tuple[str, list[re.Match[str]], list[str], list[str]] = ("", [], [], [])


def _words(text: str) -> tuple[list[re.Match[str]], list[str], list[str]]:
    """The tokens of `text`, their words, and the words lower-cased. The concept and the term
    matcher read the same text one after the other: the last text's tokens are kept for that."""
    global _last_words
    last = _last_words
    if last[0] == text and last[1]:
        return last[1], last[2], last[3]
    toks = [*_TOKEN.finditer(text)]
    words = [*map(_GROUP, toks)]
    lowers = [*map(str.lower, words)]
    _last_words = (text, toks, words, lowers)
    return toks, words, lowers


_ABBREVIATION = re.compile(r"[A-Za-z]?[A-Z][A-Z0-9κλ/-]{0,5}[a-z]?")


class _PhraseMatcher:
    """A word-level trie over all phrases (case-insensitive) and abbreviations (case-sensitive).

    Phrases match on whole words; spaces and hyphens between words are interchangeable
    ('anti-CD38' = 'anti CD38'). At each word the longest phrase wins.
    """

    _END = ""
    """The key of a phrase's id in its last word's node: no token is empty (a text's own '\\0' is a token: as the key,
    'stroke \\0' walked into the id)."""

    def __init__(self, phrases: dict[str, str], abbrevs: dict[str, str]) -> None:
        self._trie: dict[str, Any] = {}
        self._abbrev_trie: dict[str, Any] = {}
        for phrase, cid in phrases.items():
            self._add(self._trie, [t.lower() for t, _, _ in _tokens(phrase) if t not in _JOINERS], cid)
        for abbrev, cid in abbrevs.items():
            self._add(self._abbrev_trie, [t for t, _, _ in _tokens(abbrev) if t not in _JOINERS], cid)

    def _add(self, trie: dict[str, Any], words: list[str], cid: str) -> None:
        if not words:
            return
        node = trie
        for w in words:
            node = node.setdefault(w, {})
        node.setdefault(self._END, cid)

    @staticmethod
    def _walk(trie: dict[str, Any], words: list[str], i: int) -> tuple[int, str] | None:
        """The longest phrase of `trie` starting at word i: (index of its last word, id), or None.
        `words` are the text's tokens, lower-cased for the case-insensitive trie."""
        node = trie
        best = None
        j = i
        n = len(words)
        while j < n:
            word = words[j]
            if word in _JOINERS:
                j += 1
                continue
            node = node.get(word)
            if node is None:
                break
            if _PhraseMatcher._END in node:
                best = (j, node[_PhraseMatcher._END])
            j += 1
        return best

    def _exact(self, words: list[str]) -> str | None:
        """The id of the phrase that is exactly `words` (lower-cased, joiners dropped), or None."""
        node = self._trie
        for w in words:
            if w in _JOINERS:
                continue
            nxt: dict[str, Any] | None = node.get(w)
            if nxt is None:
                return None
            node = nxt
        found: str | None = node.get(self._END)
        return found

    def gapped(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """`found` plus the first halves of coordinated phrases that share their last words:
        'autologous or allogeneic bone marrow transplantation' names 'autologous bone marrow
        transplantation' too, and 'breast, ovarian or prostate cancer' three cancers. A half is taken
        only when, completed with the shared words, it is exactly a phrase of the vocabulary, and none
        of its words frames rather than names ('prior or concurrent chemotherapy' names one therapy)."""
        toks, words, lowers = _words(text)
        first = {m.start(): k for k, m in enumerate(toks)}
        last = {m.end(): k for k, m in enumerate(toks)}
        taken = [(s, e) for s, e, _ in found]
        extra: list[tuple[int, int, str]] = []

        def half_before(i: int, tails: list[list[str]]) -> tuple[int, int, list[str], str] | None:
            """The half ending before the joiner in front of token i: (its first and last token, the
            tail it takes, the id it names)."""
            k = i - 1
            while k >= 0 and lowers[k] in _GAP_JOINERS and i - k <= 3:
                k -= 1
            if k == i - 1 or k < 0:
                return None
            for n in (4, 3, 2, 1):  # up to four words right before the joiner
                a = k - n + 1
                if a < 0:
                    continue
                half = lowers[a : k + 1]
                if any(not w.isalnum() and w not in _JOINERS for w in half) or half[0] in _JOINERS or not any(
                        w.isalpha() for w in half):
                    continue  # ('PD-1 or PD-L1 inhibitor': a half may hold a number, not be one)
                if any(w in _NOT_A_KIND for w in half):
                    continue
                hs, he = toks[a].start(), toks[k].end()
                if any(ts < he and hs < te for ts, te in taken):
                    continue
                for tail in tails:
                    hit = self._exact(half + tail)
                    if hit is not None:
                        return a, k, tail, hit
            return None

        for s, e, _tid in found:
            i, j = first.get(s), last.get(e)
            if i is None or j is None or j <= i or i == 0 or lowers[i - 1] not in _GAP_JOINERS:
                continue
            tails = [lowers[m : j + 1] for m in range(i + 1, j + 1)]
            while (got := half_before(i, tails)) is not None:
                i, k, tail, hit = got  # then the half before this one takes the same words
                hs, he = toks[i].start(), toks[k].end()
                extra.append((hs, he, hit))
                taken.append((hs, he))
                tails = [tail]
        return sorted(found + extra) if extra else found

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, id) matches, longest first at each position, in text order."""
        toks, words, lowers = _words(text)
        trie, abbrev_trie = self._trie, self._abbrev_trie
        # only words that open some phrase can start a match: find them in one pass
        starts = [k for k, w in enumerate(lowers) if w in trie or words[k] in abbrev_trie]
        if not starts:
            return []
        out: list[tuple[int, int, str]] = []
        walk = self._walk
        floor = 0  # the first token after the last match
        for k in starts:
            if k < floor:
                continue
            w = words[k]
            if w in _JOINERS:
                continue
            # (a walk from a word that opens no phrase of its trie finds none)
            a = walk(trie, lowers, k) if lowers[k] in trie else None
            b = walk(abbrev_trie, words, k) if w in abbrev_trie else None
            best = a if b is None or (a is not None and a[0] >= b[0]) else b
            if best is None:
                continue
            i = k  # a match right after joiners ('-CD38') begins at the first of them
            while i > floor and words[i - 1] in _JOINERS:
                i -= 1
            if i > 0 and lowers[i - 1] == "non":
                continue  # 'non-measurable disease', 'non measurable lesions': not the thing named
            j, cid = best
            out.append((toks[i].start(), toks[j].end(), cid))
            floor = j + 1
        return out


_GAP_JOINERS = frozenset({"or", "and", ",", "/"})
_NOT_A_KIND = frozenset({
    "prior", "previous", "previously", "concurrent", "concomitant", "current", "currently", "active", "recent", "planned",
    "history", "no", "not", "any", "other", "another", "known", "new", "untreated", "treated", "symptomatic",
    "asymptomatic", "uncontrolled", "controlled", "significant", "clinically", "severe", "serious", "ongoing", "either",
    "both", "the", "a", "an", "of", "with", "without", "for", "in", "on", "to", "by", "at", "from", "as", "is", "are",
    "has", "have", "had", "must", "should", "or", "and", "nor", "neither", "stable", "progressive", "documented",
    "suspected", "confirmed", "presence", "evidence",
})
"""Words that narrow or frame a term rather than name a kind of it: never the first half of a gapped phrase."""


SHOWN_BY_LIMIT = re.compile(r"(?P<concept>\w+)\s*(?P<op>>=|<=|>|<)\s*(?P<limit>ULN|LLN|\d+(?:\.\d+)?)")
"""A `shown_by` limit on a value: 'creatinine > ULN', 'egfr < 60' (in the concept's canonical unit)."""


class Vocabulary:
    """Concepts and terms, looked up by key, by LOINC code, or found in text."""

    def __init__(self, concepts: dict[str, Any], terms: dict[str, Any]) -> None:
        self.concepts: dict[str, Concept] = {}
        for cid, raw in concepts.items():
            self.concepts[cid] = Concept(
                id=cid,
                name=raw["name"],
                kind=raw["kind"],
                unit=raw.get("unit", ""),
                synonyms=tuple(raw.get("synonyms", ())),
                abbrev=tuple(raw.get("abbrev", ())),
                loinc=tuple(raw.get("loinc", ())),
                loinc_units=dict(raw.get("loinc_units", {})),
                molar_mass=raw.get("molar_mass"),
                conventional_molar_mass=raw.get("conventional_molar_mass"),
                valence=raw.get("valence"),
                range=raw.get("range"),
                min=raw.get("min"),
                max=raw.get("max"),
                bare_max=raw.get("bare_max"),
                scale=tuple(raw["scale"]) if "scale" in raw else None,
                values=tuple(raw.get("values", ())),
                derived=raw.get("derived", ""),
                in_text=raw.get("in_text", True),
                members=tuple(raw.get("members", ())),
                text_units=tuple((raw.get("text_units") or {}).items()),
                weak_synonyms=tuple(raw.get("weak_synonyms", ())),
                bare_units=tuple(raw.get("bare_units", ())),
                other_scales=tuple(raw.get("other_scales", ())),
                raised_only=bool(raw.get("raised_only", False)),
                lowered_only=bool(raw.get("lowered_only", False)),
                quantified=bool(raw.get("quantified", False)),
                worse=raw.get("worse", ""),
                current_for=raw.get("current_for"),
                lasting=bool(raw.get("lasting", False)),
            )
        parents = {tid: tuple(raw.get("parents", ())) for tid, raw in terms.items()}

        def ancestors(tid: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
            out = {tid}
            for p in parents.get(tid, ()):
                if p not in seen:
                    out |= ancestors(p, seen | {tid})
            return frozenset(out)

        by_indication_of = {tid: frozenset(raw.get("indication_parents", ())) | frozenset(raw.get("maybe_parents", ()))
                            for tid, raw in terms.items()}
        maybe_of = {tid: frozenset(raw.get("maybe_parents", ())) for tid, raw in terms.items()}
        parents = {tid: tuple(dict.fromkeys([*ps, *maybe_of[tid]])) for tid, ps in parents.items()}

        def certain(tid: str, seen: frozenset[str] = frozenset(), besides: frozenset[str] | None = None) -> frozenset[str]:
            """The classes a term belongs to whatever it is given for: along parents that are no indication parents, of
            its own or of the term asked about (raloxifene, a SERM, is endocrine therapy only by what it is given for,
            though tamoxifen, a SERM too, is so always)."""
            besides = by_indication_of.get(tid, frozenset()) if besides is None else besides | by_indication_of.get(tid, frozenset())
            out = {tid}
            for p in parents.get(tid, ()):
                if p not in seen and p not in besides:
                    out |= certain(p, seen | {tid}, besides)
            return frozenset(out)

        def _maybe(tid: str) -> frozenset[str]:
            """The classes a term only may belong to: those of its own `maybe_parents` and of its classes', with what is
            above them, less the classes it certainly belongs to (Burkitt lymphoma, an aggressive lymphoma, may be an
            intermediate-grade one as aggressive lymphomas may)."""
            via = [p for a in ancestors(tid) for p in maybe_of.get(a, ())]
            if not via:
                return frozenset()
            return frozenset().union(*(ancestors(p) for p in via)) - certain(tid)

        self.terms: dict[str, Term] = {
            tid: Term(
                id=tid,
                name=raw["name"],
                category=raw["category"],
                synonyms=tuple(raw.get("synonyms", ())),
                abbrev=tuple(raw.get("abbrev", ())),
                parents=parents[tid],
                ancestors=ancestors(tid),
                codes=tuple(raw.get("codes", ())),
                elided=tuple(raw.get("elided", ())),
                by_indication=ancestors(tid) - certain(tid) - _maybe(tid),
                maybe=_maybe(tid),
                shown_by=tuple(raw.get("shown_by", ())),
            )
            for tid, raw in terms.items()
        }
        shown: dict[str, dict[str, None]] = {}
        for t in self.terms.values():
            for f in t.shown_by:
                limit = SHOWN_BY_LIMIT.fullmatch(f)
                cid = limit.group("concept") if limit else f
                if cid not in self.concepts or (limit is None and self.concepts[cid].kind != "finding") or (
                        limit is not None and self.concepts[cid].kind not in ("quantity", "score", "count")):
                    raise ValueError(f"term {t.id}: shown_by {f!r} is neither a finding concept nor a limit on a value")
                for a in t.ancestors:
                    shown.setdefault(a, {})[f] = None
        self.shown_by_class: dict[str, tuple[str, ...]] = {a: tuple(fs) for a, fs in shown.items()}
        """The findings that show a condition of each class (viral hepatitis: HBsAg, HBV DNA, HCV antibody, HCV RNA)."""
        below: dict[str, set[str]] = {}
        for t in self.terms.values():
            if t.category != "condition":
                continue  # (a therapy's parents include the drugs a regimen holds, which it is no kind of)
            for a in t.ancestors:
                below.setdefault(a, set()).update(t.ancestors)
        self.kinds_below: dict[str, frozenset[str]] = {a: frozenset(cs) for a, cs in below.items()}
        children: dict[str, list[Term]] = {}
        for t in self.terms.values():
            if t.category == "therapy":
                for p in t.parents:
                    children.setdefault(p, []).append(t)
        modalities = frozenset({"chemotherapy", "radiotherapy", "immunotherapy", "endocrine_therapy", "targeted_therapy",
                                "surgery", "hsct", "systemic_anticancer_therapy", "anticancer_therapy", "biologic_therapy"})
        self.therapy_kinds_below: dict[str, frozenset[str]] = {
            c: frozenset(a for k in ks if len(k.parents) == 2 and not set(k.parents) - {c} <= modalities for a in k.ancestors)
            for c, ks in children.items()
            if len(ks) >= 3 and c in self.terms and not any("whocc.no/atc" in code for code in self.terms[c].codes)}
        """For a class of therapy (not a drug, whose 'kinds' are the regimens holding it), the classes some kind of it
        belongs to by its second parent: a record of 'CAR-T' may be a BCMA CAR-T, a BCMA-directed therapy."""
        """For each condition, the classes some kind of it (itself included) belongs to: a record of 'diabetes mellitus'
        may be a type 1 diabetes, an autoimmune disease."""
        maybe_below: dict[str, set[str]] = {}
        for t in self.terms.values():
            if t.category == "procedure" and t.maybe:
                for a in t.ancestors - t.maybe:
                    maybe_below.setdefault(a, set()).update(t.maybe)
        self.maybe_below: dict[str, frozenset[str]] = {a: frozenset(cs) for a, cs in maybe_below.items()}
        """For a procedure, the classes some kind of it only may belong to: a bare 'stem cell transplant' may be an
        allogeneic one, which may be what a trial means by 'cellular therapy'."""
        kids: dict[str, int] = {}
        for t in self.terms.values():
            if t.category == "condition":
                for p in t.parents:
                    kids[p] = kids.get(p, 0) + 1
        self.families: frozenset[str] = frozenset(k for k, n in kids.items() if n >= 3)
        """Condition classes of several kinds of disease ('plasma cell neoplasm'), not one disease with its forms."""
        self._keys: dict[str, str] = {}
        for c in self.concepts.values():
            for k in (c.id, c.name, *c.synonyms, *c.abbrev, *c.loinc):
                self._keys.setdefault(norm_key(k), c.id)
        self._term_keys: dict[str, str] = {}
        for t in self.terms.values():
            for k in (t.name, *t.synonyms, *t.abbrev):
                self._term_keys.setdefault(norm_key(k), t.id)
        for t in self.terms.values():  # an id last: a record's 'ICANS' is the syndrome, not the term 'icans' (neurotoxicity)
            self._term_keys.setdefault(norm_key(t.id), t.id)

    # -- lookups -------------------------------------------------------------------------
    def concept_for_key(self, key: str) -> Concept | None:
        """The concept a patient key names (name, synonym, abbreviation or LOINC code), or None."""
        cid = self._keys.get(norm_key(key))
        return self.concepts[cid] if cid else None

    def concept_for_heading(self, name: str) -> Concept | None:
        """The concept a heading names: as a patient key would, or by a weak synonym, which names it only where it stands
        alone ('Performance status:' over 'WHO 0-2': the ECOG scale, as 'Performance status: WHO 0-2' on one line reads)."""
        c = self.concept_for_key(name)
        if c is not None or norm_key(name) not in self._weak:
            return c
        return next((x for x in self.concepts.values() if norm_key(name) in {norm_key(w) for w in x.weak_synonyms}), None)

    def term_for_code(self, code: str) -> Term | None:
        """The term a coded identifier ('system|code', or a bare code) denotes, or None."""
        if not hasattr(self, "_codes"):
            self._codes: dict[str, str] = {}
            for t in self.terms.values():
                for c in t.codes:
                    self._codes[c.lower()] = t.id
                    self._codes[c.split("|")[-1].lower()] = t.id
        tid = self._codes.get(code.strip().lower()) or self._codes.get(code.split("|")[-1].strip().lower())
        return self.terms[tid] if tid else None

    def term_for_name(self, name: str) -> Term | None:
        """The history term a name denotes, or None."""
        tid = self._term_keys.get(norm_key(name))
        return self.terms[tid] if tid else None

    # -- matchers ------------------------------------------------------------------------
    @cached_property
    def concept_matcher(self) -> _PhraseMatcher:
        phrases = {}
        abbrevs = {}
        for c in self.concepts.values():
            if not c.in_text:
                continue
            for s in (c.name, *c.synonyms):
                if _ABBREVIATION.fullmatch(s):
                    abbrevs.setdefault(s, c.id)  # 'PT' is prothrombin time; 'pt' is not
                else:
                    phrases.setdefault(s, c.id)
            for a in c.abbrev:
                abbrevs.setdefault(a, c.id)
            for w in c.weak_synonyms:
                phrases.setdefault(w, c.id)
        return _PhraseMatcher(phrases, abbrevs)

    @cached_property
    def _weak(self) -> frozenset[str]:
        return frozenset(norm_key(w) for c in self.concepts.values() for w in c.weak_synonyms)

    @cached_property
    def term_matcher(self) -> _PhraseMatcher:
        phrases = {}
        abbrevs = {}
        for t in self.terms.values():
            for s in (t.name, *t.synonyms):
                phrases.setdefault(s, t.id)
            for a in t.abbrev:
                abbrevs.setdefault(a, t.id)
        for t in self.terms.values():
            if t.category == "condition" and "infection" in t.ancestors and t.id != "infection":
                # ('COVID-19 infection', 'herpes zoster infection', 'CMV infection'): the infection the term names, not
                # it and any infection (read as two terms, a pneumonia met 'COVID-19 infection within 14 days')
                for s in (t.name, *t.synonyms, *t.abbrev):
                    if not s.lower().endswith(("infection", "infections", "disease")):
                        phrases.setdefault(f"{s} infection", t.id)
                        phrases.setdefault(f"{s} infections", t.id)
        return _PhraseMatcher(phrases, abbrevs)

    def find_concepts(self, text: str) -> list[tuple[int, int, str]]:
        found = self.concept_matcher.find(text)
        if self._weak and len(found) > 1:
            weak = [m for m in found if norm_key(text[m[0] : m[1]]) in self._weak]
            if weak and any(self.concepts[m[2]].kind == "score" for m in found if m not in weak):
                found = [m for m in found if m not in weak]  # 'performance status: Karnofsky 70-100%'
        return found

    @cached_property
    def elided_matcher(self) -> _PhraseMatcher:
        return _PhraseMatcher({p: t.id for t in self.terms.values() for p in t.elided}, {})

    @cached_property
    def _elided_firsts(self) -> tuple[str, ...]:
        return tuple(sorted({p.split()[0].lower() for t in self.terms.values() for p in t.elided}))

    def find_terms(self, text: str) -> list[tuple[int, int, str]]:
        return self.find_terms_and_halves(text)[0]

    def find_terms_and_halves(self, text: str) -> tuple[list[tuple[int, int, str]], frozenset[tuple[int, int]]]:
        """Term mentions, and the spans of those that are not phrases of their own but one half of a
        coordination ('autologous' in 'autologous or allogeneic transplantation', 'C' in 'hepatitis B or C')."""
        plain = self.term_matcher.find(text)
        found = plain
        if found and ("or" in text or "and" in text or "," in text or "/" in text):
            found = self.term_matcher.gapped(text, found)
        found = self._with_elided(text, found)
        if len(found) > 1:
            found = self._with_head_nouns(text, found)
        if found is plain:
            return found, frozenset()
        spans = {(s, e) for s, e, _ in plain}
        return found, frozenset((s, e) for s, e, _ in found if (s, e) not in spans)

    def _with_head_nouns(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """'anti-programmed death-ligand 1 therapeutic antibodies', 'rituximab (anti-CD20) monoclonal antibody': a
        therapy's class right after it, with nothing but a space or a bracket's end between, is its head noun, no
        therapy of its own (read apart, any monoclonal antibody excluded)."""
        out = found
        for k in range(len(found) - 1, 0, -1):
            (s, e, tid), (s2, _e2, tid2) = found[k - 1], found[k]
            term = self.terms.get(tid)
            if (term is not None and term.category == "therapy" and tid2 in term.ancestors
                    and re.fullmatch(r"\)?\s+", text[e:s2])):
                if out is found:
                    out = list(found)
                out[k - 1 : k + 1] = [(s, out[k][1], tid)]  # (to the end of what was merged after it, if anything was)
        return out

    def _with_elided(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        low = text.lower()
        if not any(f in low for f in self._elided_firsts):
            return found
        for s, e, tid in self.elided_matcher.find(text):
            last = re.search(r"(?i)(?:,|/|\band\b|\bor\b)\s*(?:(?:and|or)\b\s*)?([^,/\s][^,/]*)$", text[s:e])
            if last is None:
                continue
            ts = s + last.start(1)
            if not any(fs <= ts < fe for fs, fe, _ in found):
                # 'hepatitis B or C infection': 'C infection' is hepatitis C (and no infection of its own)
                found = [f for f in found if not (ts <= f[0] and f[1] <= e)] + [(ts, e, tid)]
        return sorted(found) if len(found) > 1 else found


def _load(name: str) -> dict[str, Any]:
    """A data file, parsed. TOML is slow to parse; the parsed data is kept as JSON (in file order)
    in the user cache folder, under the hash of the file's text, so a change of the file is never missed."""
    import hashlib
    import json
    import os

    from .cache import cache_dir

    raw = resources.files("eligibility").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    folder = cache_dir()
    path = None
    if folder is not None:
        digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
        path = folder / f"{name}-{digest}.json"
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(cached, dict):
                return cached
        except (OSError, ValueError):
            pass
    data = tomllib.loads(raw)
    if path is not None:
        try:
            text = json.dumps(data, ensure_ascii=False)
            if json.loads(text) == data:  # only what JSON keeps exactly (no dates, ...)
                tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                tmp.write_text(text, encoding="utf-8")
                tmp.replace(path)
        except (OSError, TypeError, ValueError):
            pass
    return data


@cache
def data_file(name: str) -> Any:
    """A data file of the package (`data/NAME`), parsed once per process (through `_load`'s cache): shared, so read
    only. Several modules read `lexicon.toml`; parsed once, not once each."""
    return _load(name)


_VOCAB: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    """The library's vocabulary, loaded once from `data/vocabulary.toml` and `data/history.toml`."""
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = Vocabulary(_load("vocabulary.toml")["concept"], _load("history.toml")["term"])
    return _VOCAB
