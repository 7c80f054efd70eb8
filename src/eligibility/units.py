"""Units: the library's one pint registry, reading clinical unit spellings, and cached conversion factors."""

from __future__ import annotations

import math
import re
import atexit
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any

from .vocab import data_file
from . import cache

__all__ = [
    "registry",
    "UnitError",
    "normalise_unit",
    "conversion_factor",
    "split_quantity",
    "is_close",
    "format_number",
]


class UnitError(ValueError):
    """A unit that cannot be read, or two units that cannot be converted (internal; translated at the API)."""


def _data(name: str) -> str:
    return resources.files("eligibility").joinpath("data").joinpath(name).read_text(encoding="utf-8")


_REGISTRY: Any = None


def registry() -> Any:
    """The library's one pint registry, holding only the clinical units of data/units.txt.

    Imported and built on first use: most runs find their conversion factors in the cache.
    """
    global _REGISTRY
    if _REGISTRY is None:
        import pint

        reg = pint.UnitRegistry(None, cache_folder=None, autoconvert_offset_to_baseunit=False)
        reg.load_definitions(_data("units.txt").splitlines())
        _REGISTRY = reg
    return _REGISTRY


_CACHE_NAME = "units-" + hashlib.sha256((_data("units.txt") + _data("unit_aliases.toml")).encode()).hexdigest()[:16] + ".json"
_FACTORS: dict[str, Any] = cache.load_json(_CACHE_NAME)
_DIRTY = False


def _remember(key: str, value: Any) -> None:
    global _DIRTY
    _FACTORS[key] = value
    if not _DIRTY:
        _DIRTY = True
        atexit.register(_flush)


def _flush() -> None:
    cache.save_json(_CACHE_NAME, _FACTORS)
_ALIASES: dict[str, str] = data_file("unit_aliases.toml")["alias"]
_ALIASES_CI: dict[str, str] = {k.lower(): v for k, v in _ALIASES.items()}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
# 10^9/L, x10^9/L, ×10⁹/L, 10*9/L, 10E9/L, 10^3/uL, 10^3/mm3 ...
_COUNT = re.compile(
    # ('x1000/uL', 'x100/uL', '1000/mm3': a power of ten written out, 10^3, not 10 to the power 00)
    r"^(?:cells)?(?:[x*]?1(?P<zeros>0{2,})(?![0-9])|[x*]?10(?:\^|\*\*|\*|e|E)?(?P<exp>-?\d{1,2}))?(?:cells)?/"
    r"(?P<vol>l|ul|mm3|mm\^3|cumm|cmm|cu\.?mm|nl|ml|dl|hpf)$",
    re.IGNORECASE,
)
_PER_VOLUME = {0: "1/L", 1: "1/dL", 3: "1/mL", 6: "1/uL", 9: "1/nL", 12: "1/pL"}
_VOLUME_EXP = {"l": 0, "dl": 1, "ml": 3, "ul": 6, "mm3": 6, "mm^3": 6, "cumm": 6, "cmm": 6, "cu.mm": 6, "nl": 9}


def _clean(text: str) -> str:
    t = text.strip().translate(_SUPERSCRIPTS)
    t = t.replace("µ", "u").replace("μ", "u").replace("×", "x").replace("·", ".")
    t = re.sub(r"\bmc(?=[gLl])", "u", t)  # mcg, mcL
    t = re.sub(r"(?i)\bper\s+", "/", t)
    t = re.sub(r"(?i)cubic\s*(?:mm|millimet(?:er|re)s?)", "mm3", t)
    t = re.sub(r"(?i)mm\s*\(\s*3\s*\)", "mm3", t)  # '/mm(3)': an exponent whose superscript was lost
    t = re.sub(r"(?i)micro-?lit(?:er|re)s?", "uL", t)
    t = re.sub(r"(?i)(?<=/)lit(?:er|re)s?$", "L", t)  # '10^9 per liter' (after 'per' only: 'gram per liter' is an alias)
    t = re.sub(r"\s+", "", t)
    t = t.replace("**", "^")
    return t


@lru_cache(maxsize=4096)
def normalise_unit(text: str) -> str:
    """Return a pint expression for a unit as clinics write it.

    >>> normalise_unit("x10^9/L"), normalise_unit("/mm³"), normalise_unit("mg/24 hours")
    ('1/nL', '1/uL', 'mg/day')

    Raises `UnitError` for text that is not a unit.
    """
    t = _clean(text)
    if t == "":
        return "1"
    if t in _ALIASES:
        return _ALIASES[t]
    if t in ("G/L", "Giga/L", "giga/L"):  # giga-cells per litre, not gauss
        return "1/nL"
    if t.lower() in _ALIASES_CI:
        return _ALIASES_CI[t.lower()]
    m = _COUNT.match(t)
    if m:
        exp = len(m.group("zeros")) if m.group("zeros") else int(m.group("exp") or 0)
        vol = m.group("vol").lower().replace(".", "")
        if vol == "hpf":
            raise UnitError(f"cannot read unit {text!r}")
        shift = exp + _VOLUME_EXP.get(vol, 0)  # cells per litre, as a power of ten
        if shift in _PER_VOLUME:
            return _PER_VOLUME[shift]
        return f"10^{shift}/L"  # an unusual power (10^8/L): converted by count_shift, not by pint
    known = _FACTORS.get("unit:" + t)
    if known is not None:
        if known is False:
            raise UnitError(f"cannot read unit {text!r}")
        return t
    try:
        registry().parse_units(t)
    except Exception as exc:  # pint raises many kinds; one boundary
        _remember("unit:" + t, False)
        raise UnitError(f"cannot read unit {text!r}") from exc
    _remember("unit:" + t, True)
    return t


@lru_cache(maxsize=4096)
def conversion_factor(src: str, dst: str, molar_mass: float | None = None, valence: float | None = None) -> float:
    """Factor f so that value[src] * f == value[dst]; molar mass (g/mol) bridges mass and substance, the ion's valence
    (mEq per mmol) equivalents and substance.

    >>> round(conversion_factor("umol/L", "mg/dL", 113.12), 5)
    0.01131
    >>> conversion_factor("mEq/L", "mmol/L", 40.078, 2)
    0.5
    """
    a, b = normalise_unit(src), normalise_unit(dst)
    sa, sb = _count_shift(a), _count_shift(b)
    if sa is not None or sb is not None:
        if sa is None or sb is None:
            raise UnitError(f"cannot convert {src} to {dst}")
        return 10.0 ** (sa - sb)
    key = f"factor:{a}|{b}|{molar_mass or ''}" + (f"|{valence}" if valence else "")
    known = _FACTORS.get(key)
    if known is not None:
        if known is False:
            raise UnitError(f"cannot convert {src} to {dst}")
        return float(known)
    f = _factor_by_pint(a, b, molar_mass, valence)
    _remember(key, False if f is None else f)
    if f is None:
        raise UnitError(f"cannot convert {src} to {dst}")
    return f


_SHIFT_OF = {v: k for k, v in {0: "1/L", 1: "1/dL", 3: "1/mL", 6: "1/uL", 9: "1/nL", 12: "1/pL"}.items()}


def _count_shift(expr: str) -> int | None:
    """Cells per litre as a power of ten, for count units ('1/nL' → 9); None for other units."""
    if expr in _SHIFT_OF:
        return _SHIFT_OF[expr]
    m = re.fullmatch(r"10\^(-?\d+)/L", expr)
    return int(m.group(1)) if m else None


def _factor_by_pint(a: str, b: str, molar_mass: float | None, valence: float | None = None) -> float | None:
    import pint

    reg = registry()
    starts = [reg.Quantity(1.0, a)]
    if valence:  # (equivalents ↔ moles: 1 mEq/L of calcium is 0.5 mmol/L)
        v = reg.Quantity(valence, "eq/mol")
        starts += [starts[0] / v, starts[0] * v]
    for s in starts:
        try:
            return float(s.to(b).magnitude)
        except pint.DimensionalityError:
            pass
    if molar_mass:
        mm = reg.Quantity(molar_mass, "g/mol")
        for s in starts:
            for bridged in (s * mm, s / mm):
                try:
                    return float(bridged.to(b).magnitude)
                except pint.DimensionalityError:
                    continue
    return None


_NUM = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+"
_QTY = re.compile(rf"^\s*(?P<num>{_NUM})\s*(?P<unit>.*?)\s*$")


def split_quantity(text: str) -> tuple[float, str]:
    """Split '1.2 x10^9/L' into (1.2, 'x10^9/L'). Raises `UnitError` when there is no leading number."""
    m = _QTY.match(text)
    if not m:
        raise UnitError(f"no number in {text!r}")
    return float(m.group("num").replace(",", "")), m.group("unit")


REL_TOL = 1e-4 * (1 + 1e-9)
"""Relative tolerance of `is_close`: the evaluator and the compiled screener compare with it alike. It is 10⁻⁴ and a
hair more, so that a value 10⁻⁴ away in decimal is close however binary floating point rounds it (99.99 × 10⁹/L and
99,990/µL against 100 × 10⁹/L: one rounded just inside, the other just outside)."""


def is_close(a: float, b: float) -> bool:
    """Equality with a small relative tolerance, so 1.5 mg/dL equals 132.6 µmol/L at a threshold.

    The tolerance (0.01 %) absorbs a conversion rounded to the digits a laboratory prints
    (2 mg/dL of creatinine is 176.80 µmol/L: 176.8 is the same value, not less), and no
    more: 2.87 mmol/L of calcium is 11.503 mg/dL, above 11.5.
    """
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def format_number(x: float) -> str:
    """Short human form of a number: 0.75, 50, 1.2e-05."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.4g}"
