"""eligibility: read ClinicalTrials.gov eligibility criteria and screen patients against them.

>>> import eligibility
>>> report = eligibility.screen(
...     "Inclusion Criteria:\\n* ANC >0.75×10^9/L\\n* ECOG 0 or 1",
...     {"ANC": "1.2 x10^9/L", "ECOG": 2},
...     as_of="2026-11-01",
... )
>>> report.outcome, [r.status.value for r in report.results]
('ineligible', ['match', 'fail'])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import CriteriaInputError, EligibilityError, PatientDataError
from .logic import Status, Truth

if TYPE_CHECKING:  # the names below are imported on first use (PEP 562), see __getattr__
    from .compiled import Screener
    from .criteria import Criteria, parse
    from .ir import Criterion
    from .patient import Patient
    from .report import CriterionResult, MissingItem, Report, screen, screen_many

# Public name -> the module that defines it. `import eligibility` stays cheap: pydantic, the
# parser and the evaluator load when one of these names (or a submodule) is first used.
_LAZY = {
    "Criteria": "criteria",
    "parse": "criteria",
    "Criterion": "ir",
    "Patient": "patient",
    "CriterionResult": "report",
    "MissingItem": "report",
    "Report": "report",
    "screen": "report",
    "screen_many": "report",
    "Screener": "compiled",
}
_SUBMODULES = frozenset({
    "cache", "cli", "compiled", "coverage", "criteria", "ctgov", "errors", "evaluate", "fhir", "html",
    "interpret", "ir", "logic", "parser", "patient", "render", "report", "segment", "units", "vocab",
})


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | _SUBMODULES)


__all__ = [
    "Criteria",
    "Criterion",
    "CriterionResult",
    "CriteriaInputError",
    "EligibilityError",
    "MissingItem",
    "Patient",
    "PatientDataError",
    "Report",
    "Screener",
    "Status",
    "Truth",
    "parse",
    "screen",
    "screen_many",
]

__version__ = "0.1.0"
