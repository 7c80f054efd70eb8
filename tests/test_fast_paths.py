"""The fast paths read exactly as the reference ones: the direct clause reader as lark, the phrase
matcher as the plain trie walk, the lazy package namespace as eager imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eligibility
from eligibility import parser, vocab

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "trials.jsonl"


def _corpus_texts() -> list[str]:
    return [json.loads(line)["eligibility_criteria"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _clauses() -> list[str]:
    out: list[str] = []
    for text in _corpus_texts()[:120]:
        for line in text.splitlines():
            line = line.strip()
            if line:
                out.append(line)
                out.extend(part for part in line.split(";") if part.strip())
    return out


# ------------------------------------------------------------------------------ the clause reader


def test_reader_is_in_use():
    assert parser._reader() is not None


def test_reader_machine_agrees_with_lark_on_every_triple_of_tokens():
    lk = parser._parser()
    spec = parser._derive_spec(lk)
    assert spec is not None
    order = spec["neutral"]
    assert parser._agrees(lk, spec, [(a, b, c) for a in order for b in order for c in order])


def test_reader_lexes_in_lark_order():
    """The reader's terminal order is lark's own (its contextual lexer's root scanner)."""
    lk = parser._parser()
    spec = parser._derive_spec(lk)
    assert spec is not None
    root = lk.parser.lexer.root_lexer  # lark internals, read only here
    assert [n for n, _ in spec["terminals"]] == [t.name for t in root.terminals]


def test_reader_agrees_with_lark_on_corpus_clauses():
    reader = parser._reader()
    assert reader is not None
    for clause in _clauses():
        assert reader.read(clause) == parser.lark_clause(clause), clause


_FRAGMENTS = [
    "≥", "≤", ">", "<", "=", ">=", "=<", "> or =", "at least", "no more than", "greater than or equal to", "up to",
    "within", "within the past", "in the last", "prior to", "before", "after", "since",
    "1", "1.5", "0.75", "10", "100,000", ".5", "2-3", "18 to 75", "0, 1 or 2", "0/1", "III or IV", "I", "IV",
    "one", "three", "twelve", "months", "weeks", "days", "years", "half-lives", "x", "×", "X", "times",
    "ULN", "x ULN", "the upper limit of normal", "LLN", "institutional ULN", "normal", "WNL",
    "10^9/L", "x10^9/L", "×10⁹/L", "/mm3", "/µL", "cells/mm³", "G/L", "mg/dL", "g/dL", "µmol/L", "mL/min",
    "mL/min/1.73 m2", "mg/24 h", "%", "mmHg", "ms", "kg/m2", "kg", "mg", "g",
    "between", "and", "or", "and/or", "either", "as well as", "plus", "&",
    "no", "not", "without", "absence of", "never", "none", "cannot", "except", "excluding", "unless", "if", "only if",
    "other than", "in the case of", "for patients with", "positive", "negative", "not detected", "undetectable",
    "or older", "or more", "and above", "or less", "(", ")", "[", "]", ";", ",", ":", ".", "-", "–", "/", "'",
    "ANC", "platelets", "HBsAg", "CD38", "anti-CD38", "ECOG", "grade", "Grade ≥ 2", "CAR-T", "patient's",
    "\t", "\n", "  ", "\u00a0", "\u2009", "\u3000", "\u200b", "é", "ſince", "K",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14), st.lists(st.sampled_from(["", " ", " ", "  "]), min_size=14, max_size=14))
def test_reader_agrees_with_lark_on_fragment_soup(parts, seps):
    text = "".join(p + s for p, s in zip(parts, seps))
    assert parser.lex_clause(text) == parser.lark_clause(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_reader_agrees_with_lark_on_any_text(text):
    assert parser.lex_clause(text) == parser.lark_clause(text)


def test_reader_tables_come_from_the_cache_folder(tmp_path, monkeypatch):
    """Written on first use, read back without lark, rebuilt when unreadable; ELIGIBILITY_NO_CACHE works."""
    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ELIGIBILITY_NO_CACHE", raising=False)
    text = "ANC ≥ 1.5 x10^9/L within 3 months; no HIV"
    expected = parser.lark_clause(text)
    try:
        parser._reader.cache_clear()
        assert parser.lex_clause(text) == expected
        files = list(tmp_path.glob("criterion-*.reader.json"))
        assert len(files) == 1
        files[0].write_text("{not json", encoding="utf-8")
        parser._reader.cache_clear()
        assert parser.lex_clause(text) == expected
        assert json.loads(files[0].read_text(encoding="utf-8"))["format"] == parser._SPEC_FORMAT
        monkeypatch.setenv("ELIGIBILITY_NO_CACHE", "1")
        parser._reader.cache_clear()
        assert parser.lex_clause(text) == expected
    finally:
        parser._reader.cache_clear()


def test_warm_process_does_not_import_lark(tmp_path):
    env = dict(os.environ, ELIGIBILITY_CACHE_DIR=str(tmp_path))
    env.pop("ELIGIBILITY_NO_CACHE", None)
    code = "import sys, eligibility; eligibility.parse('ANC ≥ 1.5 x10^9/L'); print('lark' in sys.modules)"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # tables derived from lark, then cached
    assert second.stdout.strip() == "False"


def test_lex_clause_falls_back_to_lark_without_a_reader(monkeypatch):
    monkeypatch.setattr(parser, "_reader", lambda: None)
    text = "Bilirubin ≤ 1.5 × ULN (≤ 3 × ULN for Gilbert's syndrome)"
    assert parser.lex_clause(text) == parser.lark_clause(text)


# ------------------------------------------------------------------------------ the phrase matcher


def _reference_find(matcher: vocab._PhraseMatcher, text: str) -> list[tuple[int, int, str]]:
    """The plain trie walk at every token (the matcher before its shortcuts)."""
    toks = [(m.group(), m.start(), m.end()) for m in vocab._TOKEN.finditer(text)]

    def walk(trie, i, fold):
        node, best, j = trie, None, i
        while j < len(toks):
            word = toks[j][0]
            if word in vocab._JOINERS:
                j += 1
                continue
            node = node.get(word.lower() if fold else word)
            if node is None:
                break
            if matcher._END in node:
                best = (j, node[matcher._END])
            j += 1
        return best

    out, i = [], 0
    while i < len(toks):
        a, b = walk(matcher._trie, i, True), walk(matcher._abbrev_trie, i, False)
        best = a if b is None or (a is not None and a[0] >= b[0]) else b
        if best is None:
            i += 1
            continue
        prev = next((t[0].lower() for t in reversed(toks[:i]) if t[0] not in vocab._JOINERS), "")
        if prev == "non":  # 'non-measurable disease' names no measurable disease
            i += 1
            continue
        j, cid = best
        out.append((toks[i][1], toks[j][2], cid))
        i = j + 1
    return out


def test_phrase_matcher_agrees_with_the_plain_walk_on_the_corpus():
    v = vocab.vocabulary()
    for text in _corpus_texts()[:150]:
        for line in text.splitlines():
            assert v.concept_matcher.find(line) == _reference_find(v.concept_matcher, line)
            assert v.term_matcher.find(line) == _reference_find(v.term_matcher, line)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["multiple", "myeloma", "anti", "-", "–", "CD38", "CAR", "T", "cell", "therapy", "PT", "pt",
                                 "HIV", "hepatitis", "B", "platelet", "count", "ANC", "prior", "  ", ",", "(", ")"]), max_size=12))
def test_phrase_matcher_agrees_with_the_plain_walk_on_word_soup(words):
    v = vocab.vocabulary()
    text = " ".join(words)
    assert v.find_concepts(text) == _reference_find(v.concept_matcher, text)
    assert v.term_matcher.find(text) == _reference_find(v.term_matcher, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["autologous", "allogeneic", "bone", "marrow", "stem", "cell", "transplant", "or", "and", ",",
                                 "/", "prior", "kidney", "liver", "disease", "basal", "squamous", "skin", "cancer", "no"]),
                max_size=12))
def test_a_gapped_half_completes_to_a_phrase_of_the_vocabulary(words):
    """What `gapped` adds to the phrase matches is a run of words (no framing word) before a joiner that,
    completed with the last words of the match after it, is exactly a phrase naming the added term."""
    v = vocab.vocabulary()
    m = v.term_matcher
    text = " ".join(words)
    found = m.find(text)
    out = m.gapped(text, found)
    assert set(found) <= set(out)
    for s, e, tid in sorted(set(out) - set(found)):
        half = text[s:e].lower().split()
        assert half and not set(half) & vocab._NOT_A_KIND
        assert not any(fs < e and s < fe for fs, fe, _ in found)
        later = [(fs, fe) for fs, fe, _ in out if fs >= e]
        assert any(m._exact(half + text[fs:fe].lower().split()[k:]) == tid
                   for fs, fe in later for k in range(1, len(text[fs:fe].split())))


@pytest.mark.parametrize("patient", [{"platelets": {"value": 49.996, "unit": "10^9/L"}}, {"platelets": {"value": 49.99, "unit": "10^9/L"}},
                                     {"creatinine": "1.9999 mg/dL"}, {"creatinine": "176.8 umol/L"}, {"creatinine": "1.999 mg/dL"}])
def test_the_screener_and_screen_agree_at_a_limit(patient):
    # the compiled comparisons had a tolerance of their own (1e-6 against the evaluator's 1e-4): 49.996 x10^9/L
    # was >= 50 for screen() and not for the Screener
    text = "Inclusion Criteria:\n* Platelets ≥ 50 x 10^9/L\n* Creatinine < 2 mg/dL\n"
    fast = eligibility.Screener(eligibility.parse(text)).statuses(patient, as_of="2026-11-01")
    assert fast == [r.status.value for r in eligibility.screen(text, patient, as_of="2026-11-01").results]


def _case_files_patients():
    """(section, criterion, patient, as_of) of every case file and labelled sample."""
    files = sorted((ROOT / "tests" / "cases").glob("*.jsonl")) + sorted((ROOT / "tests" / "fixtures" / "labelled").glob("*.jsonl"))
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            text = d.get("criterion") or d.get("text")
            patients = [d["patient"]] if "patient" in d else [c["patient"] for c in d.get("cases", [])]
            for p in patients:
                yield d.get("section", "inclusion"), text, p, d.get("as_of", "2026-11-01")


def test_the_screener_and_screen_agree_on_every_labelled_case():
    # the Screener answers an absent value itself (unknown) and hands the rest to the evaluator: every criterion
    # and patient of the case files and the labelled samples, open and closed world, gives the same statuses
    from eligibility.errors import EligibilityError

    n, disagree = 0, []
    for section, text, patient, as_of in _case_files_patients():
        crit = eligibility.parse(f"{section.capitalize()} Criteria:\n* {text}")
        for closed in (False, True):
            try:
                full = [r.status.value for r in eligibility.screen(crit, patient, as_of=as_of, closed_world=closed).results]
            except EligibilityError:
                continue  # (a case whose record is rejected)
            fast = eligibility.Screener(crit).statuses(patient, as_of=as_of, closed_world=closed)
            n += 1
            if fast != full:
                disagree.append((text[:80], patient, fast, full))
    assert n > 20000
    assert not disagree, disagree[:5]


# ------------------------------------------------------------------------------ the lazy namespace


def test_import_eligibility_loads_no_heavy_module():
    code = "import sys, eligibility; print(sorted(m for m in ('pydantic', 'lark', 'pint', 'eligibility.ir') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_every_public_name_is_the_defining_modules_object():
    import importlib

    for name in eligibility.__all__:
        value = getattr(eligibility, name)
        module = importlib.import_module(f"eligibility.{eligibility._LAZY.get(name, value.__module__.split('.')[-1])}")
        assert getattr(module, name) is value, name
    assert eligibility.ir.Comparison.__name__ == "Comparison"
    assert set(eligibility.__all__) <= set(dir(eligibility))
    with pytest.raises(AttributeError):
        eligibility.no_such_name  # noqa: B018
