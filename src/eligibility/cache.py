"""The user cache folder: the grammar's parse tables and unit conversion factors, kept between runs.

Lives in `$ELIGIBILITY_CACHE_DIR`, else `$XDG_CACHE_HOME/eligibility`, else `~/.cache/eligibility`
(created private to the user). `ELIGIBILITY_NO_CACHE=1` turns it off; an unwritable folder is
simply not used. Nothing here is ever read from a shared temporary folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "load_json", "save_json"]


def cache_dir() -> Path | None:
    if os.environ.get("ELIGIBILITY_NO_CACHE"):
        return None
    base = os.environ.get("ELIGIBILITY_CACHE_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        path = (Path(xdg) if xdg else Path.home() / ".cache") / "eligibility"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.access(path, os.W_OK):
            return None
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
            return None  # never trust a folder someone else owns
    except OSError:
        return None
    return path


def load_json(name: str) -> dict[str, Any]:
    d = cache_dir()
    if d is None:
        return {}
    try:
        data = json.loads((d / name).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_json(name: str, data: dict[str, Any]) -> None:
    d = cache_dir()
    if d is None:
        return
    tmp = d / f".{name}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(tmp, d / name)
    except OSError:
        pass
