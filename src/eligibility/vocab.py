"""The vocabulary: concepts and history terms loaded from the data files, with one matcher each."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

__all__ = ["Concept", "Term", "Vocabulary", "vocabulary", "norm_key"]

_KEY_SEP = re.compile(r"[\s_\-‐–]+")


def norm_key(text: str) -> str:
    """Normalised form for matching keys: lower case, one space for runs of space, '_' and '-'.

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
    molar_mass: float | None = None
    range: dict[str, Any] | None = None
    min: float | None = None
    max: float | None = None
    scale: tuple[float, float] | None = None
    values: tuple[str, ...] = ()
    derived: str = ""


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


class _PhraseMatcher:
    """One compiled regex over all phrases (case-insensitive) and one over abbreviations (case-sensitive)."""

    def __init__(self, phrases: dict[str, str], abbrevs: dict[str, str]) -> None:
        self._phrases = {norm_key(p): i for p, i in phrases.items()}
        self._abbrevs = dict(abbrevs)
        self._re_phrases = self._compile(list(phrases), re.IGNORECASE)
        self._re_abbrev = self._compile(list(abbrevs), 0)

    @staticmethod
    def _compile(items: list[str], flags: int) -> re.Pattern[str] | None:
        if not items:
            return None
        alts = []
        for item in sorted(set(items), key=len, reverse=True):
            words = [re.escape(w) for w in _KEY_SEP.split(item.strip()) if w]
            alts.append(r"[\s\-‐–]*".join(words) if words else re.escape(item))
        return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", flags)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, id) matches, longest first where they overlap, in text order."""
        found: list[tuple[int, int, str]] = []
        if self._re_phrases is not None:
            for m in self._re_phrases.finditer(text):
                found.append((m.start(), m.end(), self._phrases[norm_key(m.group())]))
        if self._re_abbrev is not None:
            for m in self._re_abbrev.finditer(text):
                found.append((m.start(), m.end(), self._abbrevs[m.group()]))
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        result: list[tuple[int, int, str]] = []
        for f in sorted(found, key=lambda t: -(t[1] - t[0])):
            if all(f[1] <= r[0] or f[0] >= r[1] for r in result):
                result.append(f)
        return sorted(result)


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
                molar_mass=raw.get("molar_mass"),
                range=raw.get("range"),
                min=raw.get("min"),
                max=raw.get("max"),
                scale=tuple(raw["scale"]) if "scale" in raw else None,
                values=tuple(raw.get("values", ())),
                derived=raw.get("derived", ""),
            )
        parents = {tid: tuple(raw.get("parents", ())) for tid, raw in terms.items()}

        def ancestors(tid: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
            out = {tid}
            for p in parents.get(tid, ()):
                if p not in seen:
                    out |= ancestors(p, seen | {tid})
            return frozenset(out)

        self.terms: dict[str, Term] = {
            tid: Term(
                id=tid,
                name=raw["name"],
                category=raw["category"],
                synonyms=tuple(raw.get("synonyms", ())),
                abbrev=tuple(raw.get("abbrev", ())),
                parents=parents[tid],
                ancestors=ancestors(tid),
            )
            for tid, raw in terms.items()
        }
        self._keys: dict[str, str] = {}
        for c in self.concepts.values():
            for k in (c.id, c.name, *c.synonyms, *c.abbrev, *c.loinc):
                self._keys.setdefault(norm_key(k), c.id)
        self._term_keys: dict[str, str] = {}
        for t in self.terms.values():
            for k in (t.id, t.name, *t.synonyms, *t.abbrev):
                self._term_keys.setdefault(norm_key(k), t.id)

    # -- lookups -------------------------------------------------------------------------
    def concept_for_key(self, key: str) -> Concept | None:
        """The concept a patient key names (name, synonym, abbreviation or LOINC code), or None."""
        cid = self._keys.get(norm_key(key))
        return self.concepts[cid] if cid else None

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
            for s in (c.name, *c.synonyms):
                phrases.setdefault(s, c.id)
            for a in c.abbrev:
                abbrevs.setdefault(a, c.id)
        return _PhraseMatcher(phrases, abbrevs)

    @cached_property
    def term_matcher(self) -> _PhraseMatcher:
        phrases = {}
        abbrevs = {}
        for t in self.terms.values():
            for s in (t.name, *t.synonyms):
                phrases.setdefault(s, t.id)
            for a in t.abbrev:
                abbrevs.setdefault(a, t.id)
        return _PhraseMatcher(phrases, abbrevs)

    def find_concepts(self, text: str) -> list[tuple[int, int, str]]:
        return self.concept_matcher.find(text)

    def find_terms(self, text: str) -> list[tuple[int, int, str]]:
        return self.term_matcher.find(text)


def _load(name: str) -> dict[str, Any]:
    raw = resources.files("eligibility").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(raw)


_VOCAB: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    """The library's vocabulary, loaded once from `data/vocabulary.toml` and `data/history.toml`."""
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = Vocabulary(_load("vocabulary.toml")["concept"], _load("history.toml")["term"])
    return _VOCAB
