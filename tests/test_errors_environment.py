"""A broken environment is an error, not a reading: without pint or lark every criterion had become free text."""

from __future__ import annotations

import importlib.util

import pytest

from eligibility import criteria


def test_missing_dependency_raises_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pint" else real(name, *a))
    with pytest.raises(ImportError, match="needs pint"):
        criteria._require_dependencies.__wrapped__()


def test_installed_dependencies_pass() -> None:
    criteria._require_dependencies.__wrapped__()
    assert criteria.parse("ECOG 0 or 1")[0].rule.kind == "one_of"
