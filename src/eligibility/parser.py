"""The Lark boundary: loads grammars/criterion.lark once and turns a clause into a flat list of elements.

Only this module imports lark. Lark's exceptions never leave it: a clause the grammar
cannot lex or parse comes back as `None`, and the interpreter makes it free text.

The grammar is a flat run of elements, so its LALR parse is a very small machine: each
token is an element of its own, or a comparator / "within" that takes the value token after
it (`bound`, `window`). `_Reader` runs that machine directly over lark's own terminal
regexes, with lark's contextual-lexer choice of terminals after each token. Its tables are
*derived from lark* (the grammar's terminals in lark's order, and lark's LALR parser run over
every pair of token types) and kept in the user cache folder as JSON, so later processes
need not import lark at all. When the grammar stops being such a flat run, the derivation
says so and every clause goes through lark itself, as before.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from lark import Lark

__all__ = ["El", "grammar_text", "lex_clause"]


class El(NamedTuple):
    """One element of a clause: an anchor (bound, quantity, range, ...) or a word, with its span.

    Immutable; a named tuple because the interpreter builds and compares many of them."""

    kind: str
    text: str
    start: int
    end: int
    comp: str = ""
    """For `bound`: the comparator as written."""
    value: str = ""
    """For `bound`/`window`: the text of the value part; its kind in `value_kind`."""
    value_kind: str = ""


def grammar_text() -> str:
    """The grammar's source: shipped inside the package, else read from the source tree."""
    try:
        return resources.files("eligibility").joinpath("grammars").joinpath("criterion.lark").read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError):
        root = Path(__file__).resolve().parents[2]
        return (root / "grammars" / "criterion.lark").read_text("utf-8")


# ---------------------------------------------------------------------------- lark itself


def _transformer() -> Any:
    """Inline transformer (runs during the LALR parse): tree nodes become `El`s."""
    from lark import Token, Transformer

    def _value(kind: str, items: list[Any]) -> El:
        tok = items[0]
        return El(kind, str(tok), tok.start_pos or 0, tok.end_pos or 0)

    class _ToElements(Transformer[Any, list[El]]):
        def start(self, items: list[Any]) -> list[El]:
            if not items:
                return []
            items[0].append(items[1])
            return items[0]

        def quantity(self, items: list[Any]) -> El:
            return _value("quantity", items)

        def number(self, items: list[Any]) -> El:
            return _value("number", items)

        def relative(self, items: list[Any]) -> El:
            return _value("relative", items)

        def range(self, items: list[Any]) -> El:
            return _value("range", items)

        def choice(self, items: list[Any]) -> El:
            return _value("choice", items)

        def wnl(self, items: list[Any]) -> El:
            return _value("wnl", items)

        def bound(self, items: list[Any]) -> El:
            comp, val = items
            return El("bound", "", comp.start_pos or 0, val.end, comp=str(comp), value=val.text, value_kind=val.kind)

        def window(self, items: list[Any]) -> El:
            w, val = items
            return El("window", str(w), w.start_pos or 0, val.end, value=val.text, value_kind=val.kind)

        def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
            tok = children[0] if children else None
            if isinstance(tok, Token):
                return El(str(data), str(tok), tok.start_pos or 0, tok.end_pos or 0)
            raise ValueError(f"unexpected rule {data}")  # pragma: no cover - grammar and transformer agree

    return _ToElements()


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """Built once per process. Lark's tables are cached in the user's own cache folder
    (eligibility.cache), never with cache=True, which reads a pickle from a predictable temp path."""
    import hashlib

    import lark

    from .cache import cache_dir

    text = grammar_text()
    options = dict(parser="lalr", lexer="contextual", transformer=_transformer(), maybe_placeholders=False)
    folder = cache_dir()
    if folder is not None:
        digest = hashlib.sha256((text + lark.__version__).encode()).hexdigest()[:16]
        try:
            return lark.Lark(text, cache=str(folder / f"criterion-{digest}.lark"), **options)  # type: ignore[arg-type]
        except Exception:  # a corrupt or unreadable cache file: build without it
            pass
    return lark.Lark(text, **options)  # type: ignore[arg-type]


def _fix_spans(text: str, result: list[El]) -> list[El]:
    """A bound's or window's text and span, fixed up from the source (the transformer sees tokens only)."""
    for i, e in enumerate(result):
        if e.kind == "bound":  # the comparator token's text and span, fixed up from the source
            result[i] = El("bound", text[e.start : e.end], e.start, e.end, e.comp, e.value, e.value_kind)
        elif e.kind == "window":
            result[i] = El("window", text[e.start : e.end], e.start, e.end, e.text, e.value, e.value_kind)
    return result


def lark_clause(text: str) -> list[El] | None:
    """The reference reading of a clause: lark's contextual lexer and LALR parser."""
    from lark.exceptions import LarkError

    parser = _parser()  # a broken grammar is a bug and raises; only parse errors are caught
    try:
        result: list[El] = parser.parse(text)  # type: ignore[assignment]
    except LarkError:
        return None
    return _fix_spans(text, result)


# ---------------------------------------------------------------------------- the direct reader

_SPEC_FORMAT = 2


def _lark_run(lk: Lark, types: tuple[str, ...]) -> tuple[list[El] | None, frozenset[str], str]:
    """Lark's parser fed tokens of the given types (values '<i:TYPE>', one space apart): its
    elements (None when it fails), the terminals it expects next, and the text of the tokens."""
    from lark import Token
    from lark.exceptions import LarkError

    names = {t.name for t in lk.terminals}
    ip = lk.parse_interactive("")
    parts: list[str] = []
    pos = 0
    try:
        for i, ty in enumerate(types):
            val = f"<{i}:{ty}>"
            ip.feed_token(Token(ty, val, pos, 1, pos + 1, 1, pos + len(val) + 1, pos + len(val)))
            parts.append(val)
            pos += len(val) + 1
    except LarkError:
        return None, frozenset(), " ".join(parts)
    choices = frozenset(ip.choices()) & names
    text = " ".join(parts)
    try:
        result = ip.feed_eof()
    except LarkError:
        return None, choices, text
    return _fix_spans(text, list(result)), choices, text


def _agrees(lk: Lark, spec: dict[str, Any], seqs: Iterable[tuple[str, ...]],
            runs: dict[tuple[str, ...], tuple[list[El] | None, frozenset[str], str]] | None = None) -> bool:
    """The reader's machine against lark's parser on token sequences: run over stand-in terminals
    that match the placeholder values, it must give lark's elements and then expect what lark expects.
    `runs`: lark's answers already at hand."""
    ignore = set(spec["ignore"])
    probe = _Reader({**spec, "terminals": [[n, f"<\\d+:{n}>"] for n, _ in spec["terminals"] if n not in ignore]
                     + [["__PROBE_WS", " +"]], "ignore": ["__PROBE_WS"], "guards": {}, "skip": True})
    for seq in seqs:
        res, choices, text = runs[seq] if runs is not None and seq in runs else _lark_run(lk, seq)
        els, expects = probe.run(text)
        if els != res or (res is not None and expects != choices):
            return False
    return True


def _derive_spec(lk: Lark) -> dict[str, Any] | None:
    """The tables of the direct reader, read off lark: None when the grammar is not a flat run of
    elements (single tokens, or a head token that takes the next one) the reader can reproduce."""
    conf = lk.lexer_conf
    flags = int(getattr(conf, "g_regex_flags", 0) or 0)
    if getattr(conf, "callbacks", None) or getattr(conf, "use_bytes", False) or getattr(conf, "postlex", None):
        return None
    if getattr(lk.options, "postlex", None) is not None:
        return None
    terminals = list(lk.terminals)
    # lark's BasicLexer: one alternation, tried in this order; the first alternative that matches wins
    terminals.sort(key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    by_type: dict[str, list[Any]] = {}
    for t in terminals:
        by_type.setdefault(t.pattern.type, []).append(t)
    for s in by_type.get("str", []):  # lark would fold such a string into a regex terminal ('unless' callback)
        for r in by_type.get("re", []):
            if r.priority == s.priority:
                m = re.match(r.pattern.to_regexp(), s.pattern.value, flags)
                if m and m.group(0) == s.pattern.value:
                    return None
    ignore = sorted(conf.ignore)

    _, neutral, _ = _lark_run(lk, ())
    if not neutral:
        return None
    kinds: dict[str, str] = {}
    after: dict[str, frozenset[str]] = {}
    for t in sorted(neutral):
        res, choices, text = _lark_run(lk, (t,))
        if res is not None:
            if len(res) != 1 or res[0] != El(res[0].kind, text, 0, len(text)):
                return None
            kinds[t] = res[0].kind
        if choices != neutral:
            after[t] = choices
    heads: dict[str, dict[str, list[str]]] = {}
    order = sorted(neutral)
    # every pair: a token, and one lark takes after it (a token only taken there, as '≤ ULN', included)
    runs = {(t1, t2): _lark_run(lk, (t1, t2)) for t1 in order for t2 in sorted(set(order) | set(after.get(t1, ())))}
    for t1 in order:
        for t2 in sorted(after.get(t1, neutral)):
            res, choices, text = runs[(t1, t2)]
            a, b = text.split(" ")
            if res and len(res) == 1 and res[0] == El(res[0].kind, text, 0, len(text), a, b, res[0].value_kind):
                heads.setdefault(t1, {})[t2] = [res[0].kind, res[0].value_kind]
    terms = [(t.name, t.pattern.to_regexp()) for t in terminals]
    guards, skip = _lexing(terms, ignore, flags)
    spec = {
        "format": _SPEC_FORMAT,
        "flags": flags,
        "terminals": [list(t) for t in terms],
        "ignore": ignore,
        "neutral": sorted(neutral),
        "kinds": kinds,
        "heads": heads,
        "after": {t: sorted(c) for t, c in after.items()},
        "guards": guards,
        "skip": skip,
    }
    # checked on no token, every token, and every pair of tokens (tests/ go on to every triple)
    if not _agrees(lk, spec, [(), *((t,) for t in order), *runs], runs):
        return None
    return spec


# What a terminal can start with. Two exact rewrites of lark's alternation use it: a lookahead
# on each terminal's first character lets the regex engine pass over a terminal at once, and
# when no terminal lark tries before the ignored whitespace can start with a whitespace
# character, the whitespace is skipped inside the same match (lark: one match per run of it).


@dataclass(frozen=True)
class _Atom:
    """A regex matching one character; `chars` spells out what it matches when that is a short list."""

    regex: str
    chars: frozenset[str] | None = None
    literal: str = ""
    """The character of a literal atom (matched under `flags`)."""
    flags: int = 0


def _first_atoms(regex: str, flags: int) -> list[_Atom] | None:
    """Atoms together matching every character a match of `regex` can start with (and perhaps
    more); None when that is not known (then the terminal gets no lookahead)."""
    try:
        from re import _constants as c
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - another Python: no lookaheads
        return None
    categories = {
        c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
        c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
    }
    case = re.IGNORECASE | re.ASCII  # the flags that change what one character matches

    class Unknown(Exception):
        pass

    def scoped(atom: str, fl: int) -> str:
        letters = ("i" if fl & re.IGNORECASE else "") + ("a" if fl & re.ASCII else "")
        return f"(?{letters}:{atom})" if letters else atom

    def literal(ch: str, fl: int) -> _Atom:
        exact = None if fl & re.IGNORECASE else frozenset(ch)
        return _Atom(scoped(re.escape(ch), fl), exact, ch, fl & case)

    def charset(items: Any, fl: int) -> _Atom:
        out: list[str] = []
        chars: set[str] | None = set()
        for op, av in items:
            if op is c.NEGATE:
                out.insert(0, "^")
                chars = None
            elif op is c.LITERAL:
                out.append(re.escape(chr(av)))
                if chars is not None:
                    chars.add(chr(av))
            elif op is c.RANGE:
                out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
                if chars is not None:
                    chars.update(chr(i) for i in range(av[0], min(av[1], av[0] + 64) + 1))
                    if av[1] - av[0] > 64:
                        chars = None
            elif op is c.CATEGORY and av in categories:
                out.append(categories[av])
                chars = None
            else:
                raise Unknown
        exact = frozenset(chars) if chars is not None and not fl & re.IGNORECASE else None
        return _Atom(scoped("[" + "".join(out) + "]", fl), exact)

    def first(items: Any, fl: int) -> tuple[list[_Atom], bool]:
        """(atoms, whether the sequence can match the empty string)."""
        atoms: list[_Atom] = []
        for op, av in items:
            if op is c.LITERAL:
                return atoms + [literal(chr(av), fl)], False
            if op is c.NOT_LITERAL:
                return atoms + [_Atom(scoped(f"[^{re.escape(chr(av))}]", fl))], False
            if op is c.IN:
                return atoms + [charset(av, fl)], False
            if op is c.SUBPATTERN:
                _, add, remove, sub = av
                got, empty = first(sub, (fl | add) & ~remove)
            elif op is c.BRANCH:
                parts = [first(alt, fl) for alt in av[1]]
                got, empty = [a for p, _ in parts for a in p], any(e for _, e in parts)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
                lo, _, sub = av
                got, empty = first(sub, fl)
                empty = empty or lo == 0
            elif op is getattr(c, "ATOMIC_GROUP", None):
                got, empty = first(av, fl)
            elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero width: what may come first is decided by what follows
            else:
                raise Unknown  # ANY, group references, ...: anything may come first
            atoms += got
            if not empty:
                return atoms, False
        return atoms, True

    try:
        parsed = sre_parse.parse(regex, flags)
        atoms, empty = first(parsed, parsed.state.flags)
    except (Unknown, re.error, RecursionError, TypeError, ValueError, AttributeError):
        return None
    return None if empty or not atoms else atoms


def _lookahead(atoms: list[_Atom]) -> str:
    """One lookahead for a terminal's first characters, literals gathered in a class per flags."""
    literals: dict[int, set[str]] = {}
    rest: list[str] = []
    for a in atoms:
        if a.literal:
            literals.setdefault(a.flags, set()).add(a.literal)
        elif a.regex not in rest:
            rest.append(a.regex)
    parts = []
    for fl, chars in sorted(literals.items()):
        cls = "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"
        letters = ("i" if fl & re.IGNORECASE else "") + ("a" if fl & re.ASCII else "")
        parts.append(f"(?{letters}:{cls})" if letters else cls)
    return "(?=" + "|".join(parts + rest) + ")"


def _blank_chars(regex: str, flags: int) -> frozenset[str] | None:
    """The characters of an ignored terminal that is one set of literal characters repeated ('[ \\t\\f\\r\\n]+'):
    any run of them is a match of it and no other character is in one. None for any other shape."""
    try:
        from re import _constants as c
        from re import _parser as sre_parse

        parsed = list(sre_parse.parse(regex, flags))
    except Exception:  # noqa: BLE001 - not known: skipped by its regex
        return None
    if flags & re.IGNORECASE or len(parsed) != 1 or parsed[0][0] is not c.MAX_REPEAT:
        return None
    lo, hi, body = parsed[0][1]
    if lo != 1 or hi != c.MAXREPEAT or len(body) != 1:
        return None
    op, av = body[0]
    if op is c.LITERAL:
        return frozenset(chr(av))
    if op is c.IN and all(o is c.LITERAL for o, _ in av):
        return frozenset(chr(v) for _, v in av)
    return None


def _one_char_guard(guard: str, flags: int) -> bool:
    """Whether a lookahead tests exactly one character and nothing else (no anchor, no assertion inside): then it
    holds at a position just when it matches that character alone."""
    try:
        from re import _constants as c
        from re import _parser as sre_parse

        parsed = sre_parse.parse(guard, flags)
    except Exception:  # noqa: BLE001 - not known: the terminal is kept for every character
        return False
    if len(parsed) != 1 or parsed[0][0] is not c.ASSERT or parsed[0][1][0] != 1:
        return False
    body = parsed[0][1][1]
    simple = (c.LITERAL, c.NOT_LITERAL, c.IN)

    def single(items: Any) -> bool:
        if len(items) != 1:
            return False
        op, av = items[0]
        if op in simple:
            return True
        if op is c.SUBPATTERN:
            return av[0] is None and single(av[3])  # (?i:...) and the like, no capture
        if op is c.BRANCH:
            return all(single(alt) for alt in av[1])
        return False

    return single(body)


def _lexing(terminals: list[tuple[str, str]], ignore: list[str], flags: int) -> tuple[dict[str, str], bool]:
    """Lookaheads for the terminals, and whether ignored text can be skipped inside a match."""
    guards: dict[str, str] = {}
    for name, regex in terminals:
        atoms = _first_atoms(regex, flags)
        if atoms is not None:
            guards[name] = _lookahead(atoms)
            re.compile(guards[name], flags)
    if len(ignore) != 1:
        return guards, False
    order = [n for n, _ in terminals]
    ign_regex = dict(terminals)[ignore[0]]
    ign_atoms = _first_atoms(ign_regex, flags)
    if re.compile(ign_regex, flags).groups or not ign_atoms or any(a.chars is None for a in ign_atoms):
        return guards, False
    starts = set().union(*(a.chars or () for a in ign_atoms))  # what the ignored terminal can start with
    for name in order[: order.index(ignore[0])]:  # tried before it: must start with none of that
        g = guards.get(name)
        if g is None or any(re.match(g, ch, flags) for ch in starts):
            return guards, False
    return guards, True


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_FOLDED: dict[str, list[str]] = {}


def _letter_prefixes(regex: str, flags: int, limit: int = 4000) -> tuple[frozenset[str], frozenset[str]] | None:
    """What any match of `regex` begins with, as its leading run of ASCII letters (lower-cased): `closed` runs, after
    which the match goes on with no ASCII letter (so a text's whole run of letters there is exactly one of them), and
    `open` ones, where the match may end (a text's run may go on from one). A superset: lookarounds are taken as met,
    case is folded. None where it is not a small finite set of runs."""
    from re import _constants as c
    from re import _parser

    not_letters = (c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD)

    def folded(ch: str) -> list[str]:
        """The ASCII letters a character of the pattern may match, case folded ('ſ' matches 's')."""
        got = _FOLDED.get(ch)
        if got is None:
            one = re.compile(re.escape(ch), re.IGNORECASE).fullmatch
            got = _FOLDED[ch] = sorted({x.lower() for x in _ASCII_LETTERS if one(x)})
        return got

    def set_letters(items: list[tuple[Any, Any]]) -> tuple[list[str], bool] | None:
        """The ASCII letters a character set may match, and whether it may match a character that is none."""
        letters: list[str] = []
        other = False
        for op, av in items:
            if op is c.LITERAL and chr(av) in _ASCII_LETTERS:
                letters.append(chr(av).lower())
            elif op is c.LITERAL:
                letters.extend(folded(chr(av)))
                other = True
            elif op is c.RANGE and not any(re.fullmatch(f"[{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}]", x, re.IGNORECASE)
                                           for x in _ASCII_LETTERS):
                other = True  # (digits, superscripts: no letter, in any case)
            elif op is c.CATEGORY and av in not_letters:
                other = True
            else:
                return None  # (a negated set, a range or class of letters)
        return letters, other

    def walk(items: list[tuple[Any, Any]], acc: str, closed: set[str], opened: set[str]) -> bool:
        if len(closed) + len(opened) > limit:
            return False
        if not items:
            opened.add(acc)
            return True
        (op, av), rest = items[0], items[1:]
        if op is c.LITERAL:
            ch = chr(av)
            if ch in _ASCII_LETTERS:
                return walk(rest, acc + ch.lower(), closed, opened)
            closed.add(acc)
            return all(walk(rest, acc + x, closed, opened) for x in dict.fromkeys(folded(ch)))
        if op is c.IN:
            got = set_letters(av)
            if got is None:
                return False
            if got[1]:
                closed.add(acc)
            return all(walk(rest, acc + x, closed, opened) for x in dict.fromkeys(got[0]))
        if op is c.CATEGORY and av in not_letters:
            closed.add(acc)
            return True
        if op is c.BRANCH:
            return all(walk(list(alt.data) + rest, acc, closed, opened) for alt in av[1])
        if op is c.SUBPATTERN:
            return walk(list(av[3].data) + rest, acc, closed, opened)
        if op is c.ATOMIC_GROUP:
            return walk(list(av.data) + rest, acc, closed, opened)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, hi, body = av
            if hi == 1:
                return (lo == 1 or walk(rest, acc, closed, opened)) and walk(list(body.data) + rest, acc, closed, opened)
            # repeated: only a body that starts with no letter is followed ('\s+', '(?:,\d{3})+')
            inner_closed: set[str] = set()
            inner_opened: set[str] = set()
            if not walk(list(body.data), "", inner_closed, inner_opened) or not inner_closed | inner_opened <= {""}:
                return False
            if "" in inner_closed:
                closed.add(acc)
            if lo == 0 or "" in inner_opened:
                return walk(rest, acc, closed, opened)
            return True
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return walk(rest, acc, closed, opened)
        return False

    try:
        parsed = _parser.parse(regex, flags)
    except re.error:
        return None
    closed: set[str] = set()
    opened: set[str] = set()
    if not walk(list(parsed.data), "", closed, opened):
        return None
    return frozenset(closed), frozenset(opened)


class _Reader:
    """The flat LALR machine of the grammar over lark's terminal regexes (see the module docstring)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._flags: int = spec["flags"]
        self._terminals: list[tuple[str, str]] = [(str(n), str(r)) for n, r in spec["terminals"]]
        self._ignore = frozenset(spec["ignore"])
        self._kinds: dict[str, str] = dict(spec["kinds"])
        self._heads: dict[str, dict[str, tuple[str, str]]] = {
            t: {v: (k, vk) for v, (k, vk) in vals.items()} for t, vals in spec["heads"].items()
        }
        self._after: dict[str, frozenset[str]] = {t: frozenset(c) for t, c in spec["after"].items()}
        self._neutral = frozenset(spec["neutral"])
        self._guards: dict[str, str] = {str(k): str(v) for k, v in spec["guards"].items()}
        self._skip = bool(spec["skip"]) and len(self._ignore) == 1
        self._scanners: dict[frozenset[str], Any] = {}
        self._by_char: dict[frozenset[str], dict[str, Any]] = {}  # per allowed set: first character -> scanner
        self._subsets: dict[tuple[str, ...], Any] = {}
        self._one_char: dict[str, Any] = {}  # terminal -> its guard's match, where the guard tests one character only
        self._prefixes: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}  # (see `_plain_words`)
        self._blank: Any = None  # (the ignored text's atomic matcher, where there is one; it always matches, maybe empty)
        if self._skip:
            for n, _ in self._terminals:
                g = self._guards.get(n)
                if g is not None and _one_char_guard(g, self._flags):
                    self._one_char[n] = re.compile(g, self._flags).match
            (ignored,) = (r for n, r in self._terminals if n in self._ignore)
            self._blank = re.compile(f"(?>(?:{ignored})*)", self._flags).match
        # The characters the ignored text is made of, where that is known exactly: a character in it starts the ignored
        # text, and a character out of it ends it. Otherwise (empty) the ignored text is always skipped by its regex.
        self._blanks: frozenset[str] = frozenset()
        if self._skip:
            self._blanks = _blank_chars(ignored, self._flags) or frozenset()
        known = {n for n, _ in self._terminals}
        if not (self._neutral <= known and self._ignore <= known and set(self._kinds) <= self._neutral):
            raise ValueError("inconsistent reader tables")

    def _scanner(self, allowed: frozenset[str]) -> Any:
        """The `match` of one alternation over the allowed terminals (and the ignored ones), compiled on first use."""
        scan = self._scanners.get(allowed)
        if scan is None:
            guards = self._guards
            if self._skip:  # the ignored text first, then a terminal or the end
                (ignored,) = (r for n, r in self._terminals if n in self._ignore)
                pattern = "|".join(f"{guards.get(n, '')}(?P<{n}>{r})" for n, r in self._terminals if n in allowed and n not in self._ignore)
                pattern = f"(?>(?:{ignored})*)(?:{pattern}|\\Z)"
            else:
                pattern = "|".join(f"{guards.get(n, '')}(?P<{n}>{r})" for n, r in self._terminals if n in allowed or n in self._ignore)
            scan = self._scanners[allowed] = re.compile(pattern, self._flags).match
        return scan

    def _char_scanner(self, allowed: frozenset[str], ch: str) -> Any:
        """The scanner of the allowed terminals for a token that starts with `ch` (after the ignored text): only the
        terminals whose first-character lookahead admits `ch` (or that have none testing one character alone). The
        others cannot match there, so the alternation picks the same terminal with the same match."""
        table = self._by_char.get(allowed)
        if table is None:
            table = self._by_char[allowed] = {}
        one = self._one_char
        names = tuple(n for n, _ in self._terminals if n in allowed and n not in self._ignore
                      and (n not in one or one[n](ch) is not None))
        scan = self._subsets.get(names)
        if scan is None:
            regex = dict(self._terminals)
            pattern = "|".join(f"(?P<{n}>{regex[n]})" for n in names) or "(?!)"
            scan = self._subsets[names] = re.compile(pattern, self._flags).match
            if ch in _ASCII_LETTERS:
                scan = self._subsets[names] = self._plain_words(names, scan) or scan
        table[ch] = scan
        return scan

    def _plain_words(self, names: tuple[str, ...], scan: Any) -> Any:
        """The scanner of `names` at a letter, faster for a plain word: the WORD terminal's match, where no terminal
        tried before it may begin with that word's leading run of ASCII letters (none of them can match there, so the
        alternation picks WORD with the same match). None where that cannot be told (each terminal's possible leading
        runs are found from its regex: `_letter_prefixes`)."""
        if "WORD" not in names:
            return None
        closed: set[str] = set()
        opened: set[str] = set()
        regex = dict(self._terminals)
        for n in names[: names.index("WORD")]:
            if n not in self._prefixes:
                self._prefixes[n] = _letter_prefixes(regex[n], self._flags)
            got = self._prefixes[n]
            if got is None or "" in got[1]:
                return None
            closed |= got[0]
            opened |= got[1]
        word = re.compile(f"(?P<WORD>{regex['WORD']})", self._flags).match
        plain: dict[str, bool] = {}
        letters = _ASCII_LETTERS

        def decide(w: str) -> bool:
            k = 0
            while k < len(w) and w[k] in letters:
                k += 1
            run = w[:k].lower()
            ok = w.isascii() and run not in closed and not any(run[:i] in opened for i in range(1, k + 1))
            if len(plain) > 100_000:
                plain.clear()  # (words met so far: bounded)
            plain[w] = ok
            return ok

        def match(text: str, at: int) -> Any:
            m = word(text, at)
            if m is not None:
                w = m.group()
                ok = plain.get(w)
                if ok is None:
                    ok = decide(w)
                if ok:
                    return m
            return scan(text, at)

        return match

    def read(self, text: str, offset: int = 0) -> list[El] | None:
        return self.run(text, offset)[0]

    def run(self, text: str, offset: int = 0) -> tuple[list[El] | None, frozenset[str]]:
        """The elements of `text` (None where lark fails) and the token types expected next."""
        dispatch = self._skip
        allowed = self._neutral
        scan = None if dispatch else self._scanner(allowed)
        ignore, kinds, heads, after = self._ignore, self._kinds, self._heads, self._after
        out: list[El] = []
        append = out.append
        new = tuple.__new__  # El(...) without the call of its __new__: all seven fields given
        head: tuple[str, str, int] | None = None  # a comparator or 'within' waiting for its value
        pos, n = 0, len(text)
        blank, by_char, char_scanner, one_char = self._blank, self._by_char, self._char_scanner, self._one_char
        blanks = self._blanks
        table = by_char.get(allowed) or {}
        while pos < n:
            if dispatch:
                # The alternation's own match, found faster: the ignored text skipped as it skips it (atomically),
                # then only the terminals whose first character may be the next one are tried, in the same order.
                if not blanks:
                    at = blank(text, pos).end()
                elif text[pos] in blanks:
                    # (one blank before the next token, the usual case, skipped without a call)
                    at = pos + 1 if pos + 1 < n and text[pos + 1] not in blanks else blank(text, pos).end()
                else:
                    at = pos  # (no ignored text starts with that character)
                if at < n:
                    ch = text[at]
                    sc = table.get(ch)
                    if sc is None:
                        sc = char_scanner(allowed, ch)
                        table = by_char[allowed]
                    m = sc(text, at)
                elif all(t in one_char for t in allowed if t not in ignore):
                    break  # only ignored text up to the end: no terminal starts at the end (each needs a character)
                else:
                    m = self._scanner(allowed)(text, pos)
            else:
                m = scan(text, pos)  # type: ignore[misc]
            if m is None:
                return None, allowed  # lark: UnexpectedCharacters
            typ = m.lastgroup
            end = m.end()
            if typ is None:
                break  # only ignored text up to the end
            if typ in ignore:
                pos = end
                continue
            start = m.start(typ)
            value = m.group(typ)
            if head is not None:
                htyp, hval, hpos = head
                head = None
                pair = heads[htyp].get(typ)
                if pair is not None:
                    append(new(El, (pair[0], text[hpos:end], hpos + offset, end + offset, hval, value, pair[1])))
                    allowed = self._neutral
                    if dispatch:
                        table = by_char.get(allowed) or {}
                    else:
                        scan = self._scanner(allowed)
                    pos = end
                    continue
                hkind = kinds.get(htyp)
                if hkind is None:
                    return None, allowed  # lark: UnexpectedToken
                append(new(El, (hkind, hval, hpos + offset, hpos + len(hval) + offset, "", "", "")))
            if typ in heads:
                head = (typ, value, start)
            else:
                kind = kinds.get(typ)
                if kind is None:
                    return None, allowed  # a token that is no element by itself
                append(new(El, (kind, value, start + offset, end + offset, "", "", "")))
            narrowed = after.get(typ)
            allowed = self._neutral if narrowed is None else narrowed
            if dispatch:
                table = by_char.get(allowed) or {}
            else:
                scan = self._scanner(allowed)
            pos = end
        if head is not None:
            hkind = kinds.get(head[0])
            if hkind is None:
                return None, allowed  # lark: unexpected end of input
            append(El(hkind, head[1], head[2] + offset, head[2] + len(head[1]) + offset))
        return out, allowed


def _spec_key(text: str) -> str:
    import hashlib

    try:
        from importlib.metadata import version

        lark_version = version("lark")
    except Exception:  # noqa: BLE001 - not installed as a distribution: ask lark itself
        import lark

        lark_version = lark.__version__
    python = ".".join(map(str, sys.version_info[:2]))  # the regex rewrites are checked against this re module
    return hashlib.sha256(f"{_SPEC_FORMAT}\0{lark_version}\0{python}\0{text}".encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _reader() -> _Reader | None:
    """The direct reader, from its cached tables (no lark import) or derived from lark and cached.
    None when the grammar is beyond it: then every clause goes through lark."""
    from .cache import cache_dir

    folder = cache_dir()
    path = folder / f"criterion-{_spec_key(grammar_text())}.reader.json" if folder is not None else None
    if path is not None:
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(spec, dict) and spec.get("format") == _SPEC_FORMAT:
                if spec.get("flat") is False:
                    return None
                return _Reader(spec)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, re.error):
            pass  # missing or unreadable: derive it again
    spec = _derive_spec(_parser())
    if path is not None:
        try:
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(spec if spec is not None else {"format": _SPEC_FORMAT, "flat": False}), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass
    return _Reader(spec) if spec is not None else None


def lex_clause(text: str, offset: int = 0) -> list[El] | None:
    """Elements of one clause, with spans relative to `text` plus `offset`; None when lark rejects it."""
    reader = _reader()
    if reader is None:
        els = lark_clause(text)
        return None if els is None else [e._replace(start=e.start + offset, end=e.end + offset) for e in els]
    return reader.read(text, offset)
