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

from .compiled import Screener
from .criteria import Criteria, parse
from .errors import CriteriaInputError, EligibilityError, PatientDataError
from .ir import Criterion
from .logic import Status, Truth
from .patient import Patient
from .report import CriterionResult, MissingItem, Report, screen, screen_many

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
