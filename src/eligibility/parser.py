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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Lark

__all__ = ["El", "grammar_text", "lex_clause"]


@dataclass(frozen=True, slots=True)
class El:
    """One element of a clause: an anchor (bound, quantity, range, ...) or a word, with its span."""

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

_SPEC_FORMAT = 1


def _derive_spec(lk: Lark) -> dict[str, Any] | None:
    """The tables of the direct reader, read off lark: None when the grammar is not a flat run of
    elements (single tokens, or a head token that takes the next one) the reader can reproduce."""
    from lark import Token
    from lark.exceptions import LarkError

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
    names = {t.name for t in terminals}

    def run(types: tuple[str, ...]) -> tuple[list[El] | None, frozenset[str], str]:
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

    _, neutral, _ = run(())
    if not neutral:
        return None
    kinds: dict[str, str] = {}
    after: dict[str, frozenset[str]] = {}
    for t in sorted(neutral):
        res, choices, text = run((t,))
        if res is not None:
            if len(res) != 1 or res[0] != El(res[0].kind, text, 0, len(text)):
                return None
            kinds[t] = res[0].kind
        if choices != neutral:
            after[t] = choices
    heads: dict[str, dict[str, list[str]]] = {}
    for t1 in sorted(neutral):
        for t2 in sorted(after.get(t1, neutral)):
            res, choices, text = run((t1, t2))
            a, b = text.split(" ")
            if res and len(res) == 1 and res[0] == El(res[0].kind, text, 0, len(text), a, b, res[0].value_kind):
                heads.setdefault(t1, {})[t2] = [res[0].kind, res[0].value_kind]
    spec = {
        "format": _SPEC_FORMAT,
        "flags": flags,
        "terminals": [[t.name, t.pattern.to_regexp()] for t in terminals if t.name in neutral or t.name in ignore],
        "ignore": ignore,
        "neutral": sorted(neutral),
        "kinds": kinds,
        "heads": heads,
        "after": {t: sorted(c) for t, c in after.items()},
    }
    # Check the machine against lark on every token, and every pair of tokens: the reader run over
    # stand-in terminals that match the placeholder values must give lark's elements, and then
    # expect what lark's parser expects.
    probe = _Reader({**spec, "terminals": [[n, "(?!)" if n in ignore else f"<\\d+:{n}>"] for n, _ in spec["terminals"]]
                     + [["__PROBE_WS", " +"]], "ignore": [*ignore, "__PROBE_WS"]})
    seqs: list[tuple[str, ...]] = [(), *((t,) for t in sorted(neutral)), *((t1, t2) for t1 in sorted(neutral) for t2 in sorted(neutral))]
    for seq in seqs:
        res, choices, text = run(seq)
        els, expects = probe.run(text)
        if els != res or (res is not None and expects != choices):
            return None
    return spec


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
        self._scanners: dict[frozenset[str], Any] = {}
        known = {n for n, _ in self._terminals}
        if not (self._neutral <= known and self._ignore <= known and set(self._kinds) <= self._neutral):
            raise ValueError("inconsistent reader tables")

    def _scanner(self, allowed: frozenset[str]) -> Any:
        """The `match` of one alternation over the allowed terminals (and the ignored ones), compiled on first use."""
        scan = self._scanners.get(allowed)
        if scan is None:
            pattern = "|".join(f"(?P<{n}>{r})" for n, r in self._terminals if n in allowed or n in self._ignore)
            scan = self._scanners[allowed] = re.compile(pattern, self._flags).match
        return scan

    def read(self, text: str) -> list[El] | None:
        return self.run(text)[0]

    def run(self, text: str) -> tuple[list[El] | None, frozenset[str]]:
        """The elements of `text` (None where lark fails) and the token types expected next."""
        neutral = self._scanner(self._neutral)
        scan = neutral
        allowed = self._neutral
        ignore, kinds, heads, after = self._ignore, self._kinds, self._heads, self._after
        out: list[El] = []
        append = out.append
        head: tuple[str, str, int] | None = None  # a comparator or 'within' waiting for its value
        pos, n = 0, len(text)
        while pos < n:
            m = scan(text, pos)
            if m is None:
                return None, allowed  # lark: UnexpectedCharacters
            typ = m.lastgroup
            end = m.end()
            if typ in ignore:
                pos = end
                continue
            value = m.group()
            if head is not None:
                htyp, hval, hpos = head
                head = None
                pair = heads[htyp].get(typ)
                if pair is not None:
                    append(El(pair[0], text[hpos:end], hpos, end, hval, value, pair[1]))
                    scan, allowed = neutral, self._neutral
                    pos = end
                    continue
                hkind = kinds.get(htyp)
                if hkind is None:
                    return None, allowed  # lark: UnexpectedToken
                append(El(hkind, hval, hpos, hpos + len(hval)))
            if typ in heads:
                head = (typ, value, pos)
            else:
                kind = kinds.get(typ)
                if kind is None:
                    return None, allowed  # a token that is no element by itself
                append(El(kind, value, pos, end))
            narrowed = after.get(typ)
            if narrowed is None:
                scan, allowed = neutral, self._neutral
            else:
                scan, allowed = self._scanner(narrowed), narrowed
            pos = end
        if head is not None:
            hkind = kinds.get(head[0])
            if hkind is None:
                return None, allowed  # lark: unexpected end of input
            append(El(hkind, head[1], head[2], head[2] + len(head[1])))
        return out, allowed


def _spec_key(text: str) -> str:
    import hashlib

    try:
        from importlib.metadata import version

        lark_version = version("lark")
    except Exception:  # noqa: BLE001 - not installed as a distribution: ask lark itself
        import lark

        lark_version = lark.__version__
    return hashlib.sha256(f"{_SPEC_FORMAT}\0{lark_version}\0{text}".encode()).hexdigest()[:16]


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


def lex_clause(text: str) -> list[El] | None:
    """Elements of one clause, with spans relative to `text`; None when lark rejects it."""
    reader = _reader()
    if reader is None:
        return lark_clause(text)
    return reader.read(text)
