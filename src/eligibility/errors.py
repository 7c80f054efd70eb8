"""Exceptions of `eligibility`: one root, each also a builtin `ValueError` where it is about bad input."""

from __future__ import annotations

from typing import Any

__all__ = ["EligibilityError", "PatientDataError", "CriteriaInputError"]


class EligibilityError(Exception):
    """Root of every exception this library raises on purpose."""


class PatientDataError(EligibilityError, ValueError):
    """A patient value that cannot be read: names the field, the value and what was expected.

    >>> err = PatientDataError("ANC", "5 mg", "a count per volume such as '1.2 x10^9/L'")
    >>> str(err)
    "ANC: got '5 mg'; expected a count per volume such as '1.2 x10^9/L'"
    >>> isinstance(err, ValueError)
    True
    """

    def __init__(self, field: str, value: Any, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{field}: got {value!r}; expected {expected}")


class CriteriaInputError(EligibilityError, ValueError):
    """A criteria *document* of the wrong shape (not text, not a ClinicalTrials.gov record).

    Text is never an error: `parse` reads any string. This is only raised for inputs that
    are not strings or study records at all.
    """
