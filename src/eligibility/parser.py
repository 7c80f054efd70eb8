"""The Lark boundary: loads grammars/criterion.lark once and turns a clause into a flat list of elements.

Only this module imports lark. Lark's exceptions never leave it: a clause the grammar
cannot lex or parse comes back as `None`, and the interpreter makes it free text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

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


def _el(kind: str, tok: Token) -> El:
    return El(kind, str(tok), tok.start_pos or 0, tok.end_pos or 0)


class _ToElements(Transformer[Any, list[El]]):
    """Inline transformer (runs during the LALR parse): tree nodes become `El`s."""

    def start(self, items: list[Any]) -> list[El]:
        if not items:
            return []
        items[0].append(items[1])
        return items[0]

    def _value(self, kind: str, items: list[Any]) -> El:
        tok = items[0]
        return El(kind, str(tok), tok.start_pos or 0, tok.end_pos or 0)

    def quantity(self, items: list[Any]) -> El:
        return self._value("quantity", items)

    def number(self, items: list[Any]) -> El:
        return self._value("number", items)

    def relative(self, items: list[Any]) -> El:
        return self._value("relative", items)

    def range(self, items: list[Any]) -> El:
        return self._value("range", items)

    def choice(self, items: list[Any]) -> El:
        return self._value("choice", items)

    def wnl(self, items: list[Any]) -> El:
        return self._value("wnl", items)

    def bound(self, items: list[Any]) -> El:
        comp, val = items
        return El("bound", "", comp.start_pos or 0, val.end, comp=str(comp), value=val.text, value_kind=val.kind)

    def window(self, items: list[Any]) -> El:
        w, val = items
        return El("window", str(w), w.start_pos or 0, val.end, value=val.text, value_kind=val.kind)

    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        tok = children[0] if children else None
        if isinstance(tok, Token):
            return _el(str(data), tok)
        raise ValueError(f"unexpected rule {data}")  # pragma: no cover - grammar and transformer agree


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """Built once per process. Lark's tables are cached in the user's own cache folder
    (eligibility.cache), never with cache=True, which reads a pickle from a predictable temp path."""
    import hashlib

    import lark

    from .cache import cache_dir

    text = grammar_text()
    options = dict(parser="lalr", lexer="contextual", transformer=_ToElements(), maybe_placeholders=False)
    folder = cache_dir()
    if folder is not None:
        digest = hashlib.sha256((text + lark.__version__).encode()).hexdigest()[:16]
        try:
            return Lark(text, cache=str(folder / f"criterion-{digest}.lark"), **options)  # type: ignore[arg-type]
        except Exception:  # a corrupt or unreadable cache file: build without it
            pass
    return Lark(text, **options)  # type: ignore[arg-type]


def lex_clause(text: str) -> list[El] | None:
    """Elements of one clause, with spans relative to `text`; None when lark rejects it."""
    parser = _parser()  # a broken grammar is a bug and raises; only parse errors are caught
    try:
        result: list[El] = parser.parse(text)  # type: ignore[assignment]
    except LarkError:
        return None
    for i, e in enumerate(result):
        if e.kind == "bound":  # the comparator token's text and span, fixed up from the source
            result[i] = El("bound", text[e.start : e.end], e.start, e.end, e.comp, e.value, e.value_kind)
        elif e.kind == "window":
            result[i] = El("window", text[e.start : e.end], e.start, e.end, e.text, e.value, e.value_kind)
    return result
